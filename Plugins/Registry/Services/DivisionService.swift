import Foundation
import GRDB
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
    let (text, _) = try TextDecoding.decode(request.csv, field: "csv")
    var rows = try CSV.parse(text, field: "csv")
    if let first = rows.first, let code = first.fields.first?.trimmingCharacters(in: .whitespaces),
      ["code", "代码", "区划代码"].contains(code.lowercased())
    {
      rows.removeFirst()
    }
    var towns: [(String, String)] = []
    var villages: [(String, String)] = []
    var errors: [Vets_Registry_V1_RowError] = []
    for row in rows {
      func fail(_ column: String, _ reason: String) {
        var e = Vets_Registry_V1_RowError()
        e.line = Int64(row.line)
        e.column = column
        e.reason = reason
        errors.append(e)
      }
      guard row.fields.count >= 2 else {
        fail("code", "expected two columns: code,name")
        continue
      }
      let code = row.fields[0].trimmingCharacters(in: .whitespaces)
      let name = row.fields[1].trimmingCharacters(in: .whitespaces)
      do {
        try Validate.name(name, field: "name", max: 100)
        let checked = try DivisionCode.townOrVillage(code, field: "code")
        if checked.count == 9 { towns.append((checked, name)) } else { villages.append((checked, name)) }
      } catch {
        if case .invalidArgument(let field, let rule) = error { fail(field, rule) } else { fail("code", error.message) }
      }
    }
    let good = (towns, villages)
    let rowErrors = errors
    let result = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      for (code, name) in good.0 {
        try db.execute(
          sql: "INSERT INTO registry_towns (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name",
          arguments: [code, name])
      }
      var response = Vets_Registry_V1_ImportDivisionsResponse()
      response.errors = rowErrors
      for (code, name) in good.1 {
        let town = DivisionCode.townOf(village: code)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM registry_towns WHERE code = ?", arguments: [town]) == true else {
          var e = Vets_Registry_V1_RowError()
          e.column = "code"
          e.reason = "village \(code)'s town \(town) is neither in the file nor imported before"
          response.errors.append(e)
          continue
        }
        try db.execute(
          sql: """
            INSERT INTO registry_villages (code, town_code, name) VALUES (?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET name = excluded.name
            """,
          arguments: [code, town, name])
        response.villages += 1
      }
      response.towns = Int64(good.0.count)
      return Mutation(response, targets: ["divisions:\(response.towns) towns, \(response.villages) villages"])
    }
    return result
  }

  func listDivisions(request: Vets_Registry_V1_ListDivisionsRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_ListDivisionsResponse
  {
    let page = try Page(request.page)
    let town = request.townCode.isEmpty ? nil : try DivisionCode.town(request.townCode, field: "town_code")
    let divisions = try await database.read { db in
      let rows =
        if let town {
          try Row.fetchAll(
            db, sql: "SELECT code, name FROM registry_villages WHERE town_code = ? AND code > ? ORDER BY code LIMIT ?",
            arguments: [town, page.after ?? "", page.size])
        } else {
          try Row.fetchAll(
            db, sql: "SELECT code, name FROM registry_towns WHERE code > ? ORDER BY code LIMIT ?",
            arguments: [page.after ?? "", page.size])
        }
      return rows.map { row in
        var d = Vets_Registry_V1_Division()
        d.code = row["code"]
        d.name = row["name"]
        return d
      }
    }
    var response = Vets_Registry_V1_ListDivisionsResponse()
    response.divisions = divisions
    response.nextPageToken = page.nextToken(lastKey: divisions.last?.code, count: divisions.count)
    return response
  }

  func addStation(request: Vets_Registry_V1_AddStationRequest, context: ServerContext) async throws -> Vets_Registry_V1_Station {
    var station = request.station
    station.name = try Validate.name(station.name, field: "station.name", max: 100)
    guard Vocabulary.stationKinds.contains(where: { $0.0 == station.kind }) else {
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
    let clock = database.clock
    let candidate = station
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      var station = candidate
      if countyWide {
        // The county is the one whose towns were imported.
        let county = try String.fetchOne(db, sql: "SELECT substr(code, 1, 6) FROM registry_towns ORDER BY code LIMIT 1")
        guard let county else {
          throw VetsError.failedPrecondition("no towns have been imported yet; import the divisions first (vetsctl registry division import)")
        }
        guard station.divisionCode.isEmpty || station.divisionCode == county else {
          throw VetsError.invalidArgument(
            field: "station.division_code", rule: "\(station.divisionCode) is not this county (\(county)); leave it empty for the county centre")
        }
        station.divisionCode = county
      } else {
        let table = candidate.divisionCode.count == 9 ? "registry_towns" : "registry_villages"
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE code = ?", arguments: [candidate.divisionCode]) == true else {
          throw VetsError.invalidArgument(field: "station.division_code", rule: "\(candidate.divisionCode) has not been imported")
        }
      }
      station.id = RecordID.make("st_")
      try db.execute(
        sql: """
          INSERT INTO registry_stations (id, name, kind, division_code, town_code, address, contact, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          station.id, station.name, Vocabulary.stationKinds.first { $0.0 == station.kind }!.1, station.divisionCode,
          countyWide ? "" : String(station.divisionCode.prefix(9)), station.address, station.contact, Instant.text(clock.now()),
        ])
      return Mutation(station, targets: [station.id])
    }
  }

  func listStations(request: Vets_Registry_V1_ListStationsRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_ListStationsResponse
  {
    let page = try Page(request.page)
    let division = request.divisionCode.isEmpty ? nil : try DivisionCode.townOrVillage(request.divisionCode, field: "division_code")
    let stations = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM registry_stations WHERE id > ? AND (? IS NULL OR division_code = ? OR town_code = ?)
          ORDER BY id LIMIT ?
          """,
        arguments: [page.after ?? "", division, division, division, page.size]
      ).map { row in
      var s = Vets_Registry_V1_Station()
      s.id = row["id"]
      s.name = row["name"]
      s.kind = Vocabulary.stationKinds.first { $0.1 == (row["kind"] as String) }?.0 ?? .unspecified
      s.divisionCode = row["division_code"]
      s.address = row["address"]
      s.contact = row["contact"]
      return s
      }
    }
    var response = Vets_Registry_V1_ListStationsResponse()
    response.stations = stations
    response.nextPageToken = page.nextToken(lastKey: stations.last?.id, count: stations.count)
    return response
  }
}
