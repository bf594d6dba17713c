import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

#if canImport(Glibc)
  import Glibc
#endif

/// What a load put in the daemon: counts per module and kind, in the order they were loaded,
/// and the modules it left out.
struct DemoSummary {
  let seed: UInt64
  private(set) var rows: [(module: String, kind: String, count: Int64)] = []
  var skipped: [(module: String, reason: String)] = []

  init(seed: UInt64) { self.seed = seed }

  mutating func add(_ module: String, _ kind: String, _ count: some BinaryInteger) {
    rows.append((module, kind, Int64(count)))
  }

  func count(_ module: String, _ kind: String) -> Int64 { rows.first { $0.module == module && $0.kind == kind }?.count ?? 0 }

  /// {"seed": "…", "loaded": {"registry": {"people": 300, …}, …}, "skipped": {"alliance": "not enabled"}}
  func json() throws -> String {
    var loaded: [String: [String: Int64]] = [:]
    for row in rows { loaded[row.module, default: [:]][row.kind] = row.count }
    let object: [String: Any] = [
      "seed": String(seed), "loaded": loaded, "skipped": Dictionary(uniqueKeysWithValues: skipped.map { ($0.module, $0.reason) }),
    ]
    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
  }

  /// The table; as CSV, the rows alone (the skipped modules were named on stderr).
  func printTable(csv: Bool) {
    if !csv {
      print("demo county 汶上县 (370830), seed \(seed)")
      print("")
    }
    Output.table(["MODULE", "KIND", "COUNT"], rows.map { [$0.module, $0.kind.replacingOccurrences(of: "_", with: " "), String($0.count)] })
    if !csv {
      for skip in skipped { print("skipped \(skip.module): \(skip.reason)") }
    }
  }
}

/// Loads the demo county through the public API over one connection. Every write carries a
/// request_id made from the seed and the record's key, so running the same load again (after a
/// crash part-way, with --force) gets the first answers back instead of repeating the writes.
final class DemoLoader {
  typealias Transport = HTTP2ClientTransport.Posix

  let client: GRPCClient<Transport>
  let admin: Metadata
  let options: CallOptions
  let seed: UInt64
  let people: DemoPeople
  var summary: DemoSummary
  let today = CalendarDate.localDay(of: Date())

  var personIDs: [String: String] = [:]
  var householdIDs: [String: String] = [:]
  /// Station ids by DemoCounty.stations key ("centre", "talk-<village code>"…).
  var stationIDs: [String: String] = [:]
  /// What the registry holds for each person: the generated input, or a renumbered one.
  var registered: [String: Vets_Registry_V1_PersonInput] = [:]
  var followUpVisits = 0
  /// Tokens the load made for other roles, by role and scope; revoked when it is done.
  private var tokens: [String: Metadata] = [:]

  init(client: GRPCClient<Transport>, admin: Metadata, options: CallOptions, seed: UInt64, people: Int) {
    self.client = client
    self.admin = admin
    self.options = options
    self.seed = seed
    self.people = DemoPeople(seed: seed, people: people)
    summary = DemoSummary(seed: seed)
  }

  /// "demo-370830-person-p0001": the same record gets the same id on every run with this seed.
  func requestID(_ parts: String...) -> String { (["demo", String(seed)] + parts).joined(separator: "-") }

  static func progress(_ text: String) {
    guard isatty(STDERR_FILENO) == 1 else { return }
    FileHandle.standardError.write(Data("demo: \(text)\n".utf8))
  }

  // MARK: Tokens

  /// A token of `role` and `scope` for the steps the admin token may not take (approvals,
  /// hours); made once per load, expiring after a day, revoked at the end.
  func token(_ role: Vets_Daemon_V1_Role, scope: String, name: String) async throws -> Metadata {
    let key = "\(role.rawValue)|\(scope)"
    if let token = tokens[key] { return token }
    let service = Vets_Daemon_V1_TokenService.Client(wrapping: client)
    var request = Vets_Daemon_V1_CreateTokenRequest()
    request.requestID = requestID("token", String(role.rawValue), scope)
    request.role = role
    request.scope = scope
    request.name = name
    request.subject = "demo-\(Vets_Daemon_V1_Role.name(role))-\(scope)"
    request.ttlSeconds = 86_400
    var response = try await service.createToken(request, metadata: admin, options: options)
    if response.secret.isEmpty {
      // An earlier run made this token and its secret was shown then, once: make another.
      request.requestID += "-\(UUID().uuidString.prefix(8).lowercased())"
      response = try await service.createToken(request, metadata: admin, options: options)
    }
    let metadata: Metadata = ["authorization": "Bearer \(response.secret)"]
    tokens[key] = metadata
    return metadata
  }

  /// Revokes the approver and coordinator tokens demo loads made, this one's and any an earlier,
  /// interrupted load left behind: the demo leaves no working credentials.
  func revokeTokens() async throws {
    let service = Vets_Daemon_V1_TokenService.Client(wrapping: client)
    var list = Vets_Daemon_V1_ListTokensRequest()
    list.page.pageSize = 500
    var leftover: [Vets_Daemon_V1_Token] = []
    repeat {
      let page = try await service.listTokens(list, metadata: admin, options: options)
      leftover += page.tokens.filter { token in
        [.approver, .coordinator].contains(token.role) && token.subject.hasPrefix("demo-\(Vets_Daemon_V1_Role.name(token.role))-")
      }
      list.page.pageToken = page.nextPageToken
    } while !list.page.pageToken.isEmpty
    for token in leftover {
      var request = Vets_Daemon_V1_RevokeTokenRequest()
      request.requestID = requestID("revoke", token.id)
      request.id = token.id
      _ = try await service.revokeToken(request, metadata: admin, options: options)
    }
    summary.add("daemon", "tokens_revoked", leftover.count)
  }

  // MARK: Registry

  func loadRegistry() async throws {
    Self.progress("registry: divisions, stations, people and households")
    let divisions = Vets_Registry_V1_DivisionService.Client(wrapping: client)
    var imported = Vets_Registry_V1_ImportDivisionsRequest()
    imported.requestID = requestID("divisions")
    imported.csv = DemoCounty.divisionsCSV
    let response = try await divisions.importDivisions(imported, metadata: admin, options: options)
    if let error = response.errors.first {
      throw CLIError("vetsd refused the demo's division \(error.column) on line \(error.line): \(error.reason)")
    }
    summary.add("registry", "towns", response.towns)
    summary.add("registry", "villages", response.villages)
    for (key, station) in DemoCounty.stations {
      var request = Vets_Registry_V1_AddStationRequest()
      request.requestID = requestID("station", key)
      request.station = station
      stationIDs[key] = try await divisions.addStation(request, metadata: admin, options: options).id
    }
    summary.add("registry", "stations", DemoCounty.stations.count)

    let households = Vets_Registry_V1_HouseholdService.Client(wrapping: client)
    let total = people.households.reduce(0) { $0 + $1.members.count }
    var reported = 0
    for household in people.households {
      for member in household.members { personIDs[member.key] = try await addPerson(member).id }
      // A line every 250 people, so that a long load is seen to move.
      if personIDs.count / 250 > reported / 250 || personIDs.count == total {
        reported = personIDs.count
        Self.progress("registry: \(personIDs.count) of \(total) people")
      }
      var create = Vets_Registry_V1_CreateHouseholdRequest()
      create.requestID = requestID("household", household.key)
      create.headPersonID = personIDs[household.head.key]!
      householdIDs[household.key] = try await households.createHousehold(create, metadata: admin, options: options).id
      for member in household.members.dropFirst() {
        var add = Vets_Registry_V1_AddHouseholdMemberRequest()
        add.requestID = requestID("member", member.key)
        add.householdID = householdIDs[household.key]!
        add.personID = personIDs[member.key]!
        add.relation = member.relation
        _ = try await households.addHouseholdMember(add, metadata: admin, options: options)
      }
    }
    summary.add("registry", "people", personIDs.count)
    summary.add("registry", "households", householdIDs.count)
    try await markDeceased()
  }

  /// Adds a person; a resident ID number that another load already registered (another seed,
  /// with --force) moves to the next sequence number of the same sex.
  private func addPerson(_ person: DemoPerson) async throws -> Vets_Registry_V1_Person {
    let service = Vets_Registry_V1_PeopleService.Client(wrapping: client)
    var input = person.input
    for attempt in 0..<50 {
      var request = Vets_Registry_V1_AddPersonRequest()
      request.requestID = attempt == 0 ? requestID("person", person.key) : requestID("person", person.key, String(attempt))
      request.person = input
      do {
        let added = try await service.addPerson(request, metadata: admin, options: options)
        registered[person.key] = input
        return added
      } catch let error as RPCError where error.code == .alreadyExists {
        if error.message.contains("certificate") {
          input.certificateNo = person.input.certificateNo + "-\(attempt + 1)"
        } else {
          input.idNumber = DemoCounty.nextResidentID(after: input.idNumber, born: input.birthDate)
        }
      }
    }
    throw CLIError("could not register demo person \(person.key): every resident ID number tried is taken")
  }

  private func markDeceased() async throws {
    let service = Vets_Registry_V1_PeopleService.Client(wrapping: client)
    for (index, key) in people.deceased.enumerated() {
      var get = Vets_Registry_V1_GetPersonRequest()
      get.id = personIDs[key]!
      let person = try await service.getPerson(get, metadata: admin, options: options)
      if person.status != .deceased {
        var request = Vets_Registry_V1_MarkDeceasedRequest()
        request.requestID = requestID("deceased", key)
        request.id = person.id
        request.version = person.version
        request.diedOn = DemoCounty.date(2024, 3 + index * 3, 10 + index)
        _ = try await service.markDeceased(request, metadata: admin, options: options)
      }
    }
    summary.add("registry", "deceased", people.deceased.count)
  }

  /// Households whose head is alive, in the order the county was made.
  var livingHouseholds: [DemoHousehold] {
    people.households.filter { !people.deceased.contains($0.head.key) }
  }
}
