import Crypto
import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// People: registration, updates with history, search, import and export.
struct PeopleService: Vets_Registry_V1_PeopleService.SimpleServiceProtocol, CallerReading {
  static let readers: [Role] = [.admin, .clerk, .approver, .auditor, .coordinator, .system]
  static let rules: AccessRules = [
    "AddPerson": .write(.admin, .clerk),
    "GetPerson": AccessRule(roles: Set(readers), isPublic: false, mutates: false),
    "UpdatePerson": .write(.admin, .clerk),
    "MarkDeceased": .write(.admin, .clerk),
    "MovePerson": .write(.admin, .clerk),
    "SetPersonStatus": .write(.admin, .clerk),
    "ListPersonHistory": .read(.admin, .clerk, .auditor),
    "SearchPersons": AccessRule(roles: Set(readers), isPublic: false, mutates: false),
    "ListDuplicates": .read(.admin, .clerk, .auditor),
    "ImportPersons": .write(.admin, .clerk),
    "ExportPersons": .read(.admin, .clerk, .auditor),
    "GetStats": .read(.admin, .clerk, .approver, .auditor, .coordinator, .system),
  ]
  /// A whole county's registry is a few MB of CSV; the file is held in memory while it is
  /// checked, so this bounds an import's memory (streaming it is issue 19's).
  static let maxUploadBytes = 64 * 1024 * 1024

  let database: VetsDatabase
  let lookups: LookupBudget

  var today: CalendarDate { CalendarDate.today(database.clock) }

  func addPerson(request: Vets_Registry_V1_AddPersonRequest, context: ServerContext) async throws -> Vets_Registry_V1_Person {
    let fields = try Validate.nested("person") { try PersonFields(request.person, today: today) }
    try Validate.nested("person") { try caller.mustCover(fields.villageCode, "village_code", field: "village_code") }
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      // The store's checks (village imported, ID number unique) name fields of `person` too.
      let row = try Validate.nested("person") { try PersonStore.insert(db, fields, now: call.now) }
      return Mutation(row.proto(.full), targets: [row.id])
    }
  }

  func getPerson(request: Vets_Registry_V1_GetPersonRequest, context: ServerContext) async throws -> Vets_Registry_V1_Person {
    let caller = self.caller
    let row = try await database.read { db in try PersonStore.require(db, id: request.id, caller: caller) }
    let disclosure = Disclosure.record(caller.role)
    if disclosure == .full { try await database.recordRead(targets: [row.id]) }
    return row.proto(disclosure)
  }

  /// The shared shape of every versioned change to one person.
  private func change(
    requestID: String, request: some SwiftProtobuf.Message, id: String, version: Int64,
    _ apply: @escaping @Sendable (Database, PersonRow, Caller, Date) throws -> PersonRow
  ) async throws -> Vets_Registry_V1_Person {
    guard version > 0 else { throw VetsError.invalidArgument(field: "version", rule: "is required: the version you read") }
    return try await database.mutate(requestID: requestID, request: request) { db, call in
      let row = try PersonStore.require(db, id: id, caller: call.caller)
      try PersonStore.checkVersion(row, version)
      let updated = try apply(db, row, call.caller, call.now)
      return Mutation(updated.proto(.full), targets: [row.id])
    }
  }

  func updatePerson(request: Vets_Registry_V1_UpdatePersonRequest, context: ServerContext) async throws -> Vets_Registry_V1_Person {
    let today = self.today
    return try await change(requestID: request.requestID, request: request, id: request.id, version: request.version) { db, row, caller, now in
      let merged = try PersonFields.merge(row.data, request.person, fields: request.fields)
      let fields = try Validate.nested("person") { try PersonFields(merged, today: today) }
      return try Validate.nested("person") { try PersonStore.update(db, row, to: fields, caller: caller, now: now) }
    }
  }

  func markDeceased(request: Vets_Registry_V1_MarkDeceasedRequest, context: ServerContext) async throws -> Vets_Registry_V1_Person {
    guard let died = try CalendarDate.optional(request.diedOn, field: "died_on") else {
      throw VetsError.invalidArgument(field: "died_on", rule: "is required")
    }
    guard died <= today else { throw VetsError.invalidArgument(field: "died_on", rule: "must not be in the future") }
    return try await change(requestID: request.requestID, request: request, id: request.id, version: request.version) { db, row, caller, now in
      try PersonStatusChange.checkDeath(person: row.id, status: row.status, birthDate: row.data.birthDate, diedOn: died)
      return try PersonStore.setStatus(db, row, status: .deceased, diedOn: died.iso, caller: caller, now: now)
    }
  }

  func movePerson(request: Vets_Registry_V1_MovePersonRequest, context: ServerContext) async throws -> Vets_Registry_V1_Person {
    let village = try DivisionCode.village(request.villageCode, field: "village_code")
    try caller.mustCover(village, "village_code", field: "village_code")
    let today = self.today
    return try await change(requestID: request.requestID, request: request, id: request.id, version: request.version) { db, row, caller, now in
      var data = row.data
      data.villageCode = village
      if !request.address.isEmpty { data.address = request.address }
      return try PersonStore.update(db, row, to: try PersonFields(data, today: today), caller: caller, now: now)
    }
  }

  func setPersonStatus(request: Vets_Registry_V1_SetPersonStatusRequest, context: ServerContext) async throws -> Vets_Registry_V1_Person {
    try PersonStatusChange.checkSettable(request.status)
    let reason = try Validate.text(request.reason, field: "reason", max: 500, required: request.correction)
    return try await change(requestID: request.requestID, request: request, id: request.id, version: request.version) { db, row, caller, now in
      let reason = try PersonStatusChange.reason(
        person: row.id, from: row.status, to: request.status, correction: request.correction, reason: reason)
      return try PersonStore.setStatus(db, row, status: request.status, diedOn: nil, caller: caller, now: now, reason: reason)
    }
  }

  func listPersonHistory(request: Vets_Registry_V1_ListPersonHistoryRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_ListPersonHistoryResponse
  {
    let page = try Page(request.page)
    let after = try page.after(Int64.self) ?? 0
    let caller = self.caller
    let entries = try await database.read { db in
      _ = try PersonStore.require(db, id: request.id, caller: caller)
      return try PersonStore.history(db, id: request.id, after: after, limit: page.size)
    }
    var response = Vets_Registry_V1_ListPersonHistoryResponse()
    let mask = PersonMask(.record(caller.role))
    if !mask.hides { try await database.recordRead(targets: [request.id]) }
    response.entries = entries.map { entry in
      var e = entry
      e.oldValue = mask.value(e.oldValue, of: e.field)
      e.newValue = mask.value(e.newValue, of: e.field)
      return e
    }
    response.nextPageToken = page.nextToken(last: entries.last?.seq, count: entries.count)
    return response
  }

  func searchPersons(request: Vets_Registry_V1_SearchPersonsRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_SearchPersonsResponse
  {
    let page = try Page(request.page)
    let query = try PersonQuery(request, scope: caller.scope, today: today)
    let identifier = try await spendLookup(request)
    let (rows, names) = try await database.read { db in
      let rows = try query.fetch(db, after: page.after, limit: page.size)
      return (rows, try RegistryNames.names(db, of: Set(rows.map(\.data.villageCode))))
    }
    if let identifier { try await database.recordRead(targets: [identifier] + rows.map(\.id)) }
    var response = Vets_Registry_V1_SearchPersonsResponse()
    response.names = names
    // Lists are always masked; one person's full record is read (and audited) with GetPerson.
    response.persons = rows.map { $0.proto(.list(caller.role)) }
    response.nextPageToken = page.nextToken(lastKey: rows.last.map(query.key), count: rows.count)
    return response
  }

  /// A search or export filtered by an identifier the caller holds confirms a person: it
  /// spends the lookup budget, hit or miss; returns the audit target naming the identifier.
  func spendLookup(_ filter: Vets_Registry_V1_SearchPersonsRequest) async throws -> String? {
    let identifier = [("id_number", filter.idNumber), ("certificate_no", filter.certificateNo), ("phone", filter.phone)]
      .first { !$0.1.isEmpty }
    guard let identifier else { return nil }
    try lookups.spend(caller, now: database.clock.now())
    return "lookup:\(identifier.0)"
  }

  func listDuplicates(request: Vets_Registry_V1_ListDuplicatesRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_ListDuplicatesResponse
  {
    let page = try Page(request.page)
    let after = try page.after(columns: 2)
    let scope = caller.scope
    let groups = try await database.read { db in
      try DuplicateFinder.groups(db, after: after, limit: page.size, scope: scope)
    }
    var response = Vets_Registry_V1_ListDuplicatesResponse()
    response.groups = groups.map { group in
      var g = Vets_Registry_V1_DuplicateGroup()
      g.name = group.name
      if let date = try? CalendarDate(iso: group.birthDate, field: "birth_date") { g.birthDate = date.proto }
      g.persons = group.rows.map { $0.proto(.list(caller.role)) }
      return g
    }
    response.nextPageToken = page.nextToken(lastKey: groups.last.map { Page.key($0.name, $0.birthDate) }, count: groups.count)
    return response
  }

  func importPersons(request: RPCAsyncSequence<Vets_Registry_V1_ImportPersonsRequest, any Error>, context: ServerContext)
    async throws -> Vets_Registry_V1_ImportPersonsResponse
  {
    var options: Vets_Registry_V1_ImportOptions?
    var data = Data()
    var hasher = SHA256()
    for try await message in request {
      switch message.part {
      case .options(let o)?:
        guard options == nil, data.isEmpty else {
          throw VetsError.invalidArgument(field: "options", rule: "must be sent once, in the first message")
        }
        options = o
        hasher.update(data: try o.serializedBytes() as [UInt8])
      case .chunk(let chunk)?:
        guard options != nil else { throw VetsError.invalidArgument(field: "options", rule: "the first message must carry the options") }
        guard data.count + chunk.count <= Self.maxUploadBytes else {
          throw VetsError.resourceExhausted("the file is larger than \(Self.maxUploadBytes / 1024 / 1024) MiB; split it")
        }
        data.append(chunk)
        hasher.update(data: chunk)
      case nil:
        throw VetsError.invalidArgument(field: "part", rule: "each message carries options or a chunk")
      }
    }
    guard let options else { throw VetsError.invalidArgument(field: "options", rule: "the first message must carry the options") }
    let (text, encoding) = try TextDecoding.decode(data, field: "chunk")
    let rows = try CSV.parse(text, field: "chunk")
    guard let first = rows.first else { throw VetsError.invalidArgument(field: "chunk", rule: "the file is empty") }
    let header = try PersonCSV.Header(first.fields)
    let importer = PersonImporter(header: header, rows: Array(rows.dropFirst()), today: today, encoding: encoding)
    if options.dryRun {
      // A dry run only reads: it neither waits for nor holds the writer, so deposits and
      // other clerks' work go on while a large file is checked.
      let (caller, now) = (self.caller, database.clock.now())
      return try await database.read { db in try importer.run(db, caller: caller, now: now, commit: false) }
    }
    let fingerprint = Data(hasher.finalize())
    return try await database.mutate(requestID: options.requestID, fingerprint: fingerprint) { db, call in
      var report = Vets_Registry_V1_ImportPersonsResponse()
      try db.inSavepoint {
        report = try importer.run(db, caller: call.caller, now: call.now, commit: true)
        if options.atomic, report.errorCount > 0 {
          report.rowsImported = 0
          return .rollback
        }
        return .commit
      }
      return Mutation(report, targets: ["import:\(report.rowsImported) rows"])
    }
  }

  func exportPersons(
    request: Vets_Registry_V1_ExportPersonsRequest, response: RPCWriter<Vets_Registry_V1_ExportPersonsChunk>,
    context: ServerContext
  ) async throws {
    let caller = self.caller
    let query = try PersonQuery(request.filter, scope: caller.scope, today: today)
    let disclosure = Disclosure.record(caller.role)
    // Audited before the first byte leaves, so an export cut short is on the record too; an
    // export filtered by an identifier is a lookup like a search's.
    let identifier = try await spendLookup(request.filter)
    if disclosure == .full || identifier != nil { try await database.recordRead(targets: ["export"] + (identifier.map { [$0] } ?? [])) }
    var after: String?
    var buffer = PersonCSV.headerLine
    while true {
      let rows = try await database.read { [after] db in try query.fetch(db, after: after, limit: 2000) }
      for row in rows { buffer += PersonCSV.line(row, disclosure) }
      var chunk = Vets_Registry_V1_ExportPersonsChunk()
      chunk.data = Data(buffer.utf8)
      buffer = ""
      try await response.write(chunk)
      guard rows.count == 2000, let last = rows.last else { break }
      after = query.key(last)
    }
  }

  func getStats(request: Vets_Registry_V1_GetStatsRequest, context: ServerContext) async throws -> Vets_Registry_V1_Stats {
    let scope = caller.scope
    let today = self.today
    return try await database.read { db in try RegistryReport.stats(db, scope: scope, today: today) }
  }
}
