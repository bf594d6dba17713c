import GRPCCore
import VetsAPI
import VetsKit

/// The county's towns and villages, and its service stations (老兵话吧 and the rest).
struct DivisionService: Vets_Registry_V1_DivisionService.SimpleServiceProtocol {
  static let everyone: Set<Role> = [.admin, .clerk, .approver, .auditor, .coordinator, .system]
  static let rules: AccessRules = [
    "ImportDivisions": .write(.admin),
    "ListDivisions": AccessRule(roles: everyone, isPublic: false, mutates: false),
    "AddStation": .write(.admin),
    "ListStations": AccessRule(roles: everyone, isPublic: false, mutates: false),
  ]

  let database: VetsDatabase

  func importDivisions(request: Vets_Registry_V1_ImportDivisionsRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_ImportDivisionsResponse
  {
    let file = try DivisionFile(request.csv, field: "csv")
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let response = try DivisionStore.save(db, file)
      return Mutation(response, targets: ["divisions:\(response.towns) towns, \(response.villages) villages"])
    }
  }

  func listDivisions(request: Vets_Registry_V1_ListDivisionsRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_ListDivisionsResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let town = request.townCode.isEmpty ? nil : try DivisionCode.town(request.townCode, field: "town_code")
    var response = Vets_Registry_V1_ListDivisionsResponse()
    response.divisions = try await database.read { db in try DivisionStore.list(db, town: town, after: after, limit: page.size) }
    response.nextPageToken = page.nextToken(last: response.divisions.last?.code, count: response.divisions.count)
    return response
  }

  func addStation(request: Vets_Registry_V1_AddStationRequest, context: ServerContext) async throws -> Vets_Registry_V1_Station {
    var station = request.station
    station.name = try Validate.name(station.name, field: "station.name", max: 100)
    guard Vets_Registry_V1_StationKind.terms.word(of: station.kind) != nil else {
      throw VetsError.invalidArgument(field: "station.kind", rule: "must be county_centre, town, village or talk_room")
    }
    // The county service centre serves the whole county: it needs no town or village code
    // (empty, or the county's own), though it may name the town it sits in.
    let countyWide = station.kind == .countyCentre && station.divisionCode.utf8.count <= 6
    if countyWide {
      if !station.divisionCode.isEmpty {
        station.divisionCode = try DivisionCode.county(station.divisionCode, field: "station.division_code")
      }
    } else {
      station.divisionCode = try DivisionCode.townOrVillage(station.divisionCode, field: "station.division_code")
    }
    station.address = try Validate.text(station.address, field: "station.address", max: PersonFields.maxAddress, required: false)
    station.contact = try Validate.text(station.contact, field: "station.contact", max: 100, required: false)
    let candidate = station
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let station = try StationStore.add(db, candidate, countyWide: countyWide, now: call.now)
      return Mutation(station, targets: [station.id])
    }
  }

  func listStations(request: Vets_Registry_V1_ListStationsRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_ListStationsResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let division = request.divisionCode.isEmpty ? nil : try DivisionCode.townOrVillage(request.divisionCode, field: "division_code")
    var response = Vets_Registry_V1_ListStationsResponse()
    response.stations = try await database.read { db in try StationStore.list(db, division: division, after: after, limit: page.size) }
    response.nextPageToken = page.nextToken(last: response.stations.last?.id, count: response.stations.count)
    return response
  }
}
