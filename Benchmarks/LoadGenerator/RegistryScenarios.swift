// The read-side scenarios, on one daemon holding `people` synthetic people: the health
// baseline, ImportPersons against the sqlite3 shell's .import, GetPerson, SearchPersons,
// the CLI's wall time, and h2load's cross-check.

import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI

struct RegistryScenarios {
  let daemon: BenchDaemon
  let options: Suite
  let adminToken: String
  var metadata: Metadata { ["authorization": "Bearer \(adminToken)"] }

  init(daemon: BenchDaemon, options: Suite) throws {
    self.daemon = daemon
    self.options = options
    adminToken = try daemon.token()
  }

  /// The transport's ceiling: grpc.health.v1 Check, which touches no database.
  func health() async throws -> Measurement {
    try await Load.run(
      "health Check", socket: daemon.socket, connections: options.connections, inFlight: options.inFlight, seconds: options.seconds
    ) { client, _, _ in
      _ = try await Grpc_Health_V1_Health.Client(wrapping: client).check(Grpc_Health_V1_HealthCheckRequest())
      return "check"
    }
  }

  struct ImportFigures: Codable {
    var rows: Int64
    var imported: Int64
    var errors: Int64
    var megabytes: Double
    var seconds: Double
    var sqliteImportSeconds: Double
    var ratio: Double { seconds / sqliteImportSeconds }
  }

  /// Streams the CSV through ImportPersons in 256 KiB chunks, in files of at most the
  /// daemon's upload limit (64 MiB) as a clerk would split it, then times the sqlite3 shell
  /// importing the same people, as the daemon stored them, into the same tables and indexes.
  func importPeople() async throws -> ImportFigures {
    let metadata = self.metadata
    try await withConnections(socket: daemon.socket, count: 1) { clients in
      var divisions = Vets_Registry_V1_ImportDivisionsRequest()
      divisions.requestID = UUID().uuidString
      divisions.csv = Data(Synthetic.divisions.utf8)
      _ = try await Vets_Registry_V1_DivisionService.Client(wrapping: clients[0]).importDivisions(divisions, metadata: metadata)
    }
    print("generating \(options.people) people…")
    let bytes = Synthetic.csv(people: options.people)
    let files = Self.split(bytes, atMost: 60 * 1_048_576)
    let start = ContinuousClock.now
    var total = Vets_Registry_V1_ImportPersonsResponse()
    for file in files {
      let report = try await withConnections(socket: daemon.socket, count: 1) { clients in
        try await Vets_Registry_V1_PeopleService.Client(wrapping: clients[0]).importPersons(metadata: metadata) { writer in
          var options = Vets_Registry_V1_ImportPersonsRequest()
          options.options.requestID = UUID().uuidString
          try await writer.write(options)
          var offset = 0
          while offset < file.count {
            var chunk = Vets_Registry_V1_ImportPersonsRequest()
            chunk.chunk = file.subdata(in: offset..<min(file.count, offset + 256 * 1024))
            try await writer.write(chunk)
            offset += 256 * 1024
          }
        }
      }
      if let first = report.errors.first { print("  first import error: line \(first.line) \(first.column): \(first.reason)") }
      total.rowsRead += report.rowsRead
      total.rowsImported += report.rowsImported
      total.errorCount += report.errorCount
    }
    let seconds = (ContinuousClock.now - start) / .seconds(1)
    if files.count > 1 { print("  imported as \(files.count) files of at most 60 MiB each") }
    return ImportFigures(
      rows: total.rowsRead, imported: total.rowsImported, errors: total.errorCount, megabytes: Double(bytes.count) / 1_048_576,
      seconds: seconds, sqliteImportSeconds: try sqliteImportBaseline())
  }

  /// A CSV cut at line ends into files of at most `limit` bytes, each with the header line.
  static func split(_ csv: Data, atMost limit: Int) -> [Data] {
    guard csv.count > limit, let headerEnd = csv.firstIndex(of: UInt8(ascii: "\n")) else { return [csv] }
    let header = csv[csv.startIndex...headerEnd]
    var files: [Data] = []
    var start = headerEnd + 1
    while start < csv.endIndex {
      var end = min(csv.endIndex, start + limit - header.count)
      if end < csv.endIndex, let lineEnd = csv[start..<end].lastIndex(of: UInt8(ascii: "\n")) { end = lineEnd + 1 }
      files.append(header + csv[start..<end])
      start = end
    }
    return files
  }

  /// The sqlite3 shell's .import of the daemon's own rows for people, their categories and name suffixes
  /// into a new database with the same tables and indexes, in one run of the shell.
  private func sqliteImportBaseline() throws -> Double {
    let folder = daemon.folder.appendingPathComponent("baseline")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let tables = ["registry_people", "registry_person_categories", "registry_person_name_suffixes"]
    var schema = ""
    // CSV has no NULL, so a person without a certificate number gets a unique stand-in,
    // which keeps the UNIQUE index on it as busy as the daemon's.
    let columns = try run("sqlite3", [
      "-readonly", daemon.database,
      "SELECT group_concat(iif(name = 'certificate_no', 'coalesce(certificate_no, ''C'' || rowid)', name), ', ') FROM pragma_table_info('registry_people')",
    ]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    let select = [
      "registry_people": "SELECT \(columns) FROM registry_people",
      "registry_person_categories": "SELECT * FROM registry_person_categories",
      "registry_person_name_suffixes": "SELECT * FROM registry_person_name_suffixes",
    ]
    for table in tables {
      let csv = folder.appendingPathComponent("\(table).csv").path
      try run("sqlite3", ["-readonly", "-csv", daemon.database, ".output \(csv)", select[table]!])
      // The table and its indexes; not the REFERENCES targets, which the shell does not enforce.
      schema += try run("sqlite3", ["-readonly", daemon.database, ".schema \(table)"]).output
    }
    let database = folder.appendingPathComponent("baseline.sqlite").path
    try run("sqlite3", [database], input: "PRAGMA journal_mode = WAL;\n" + schema)
    let commands = tables.map { ".import --csv \(folder.appendingPathComponent("\($0).csv").path) \($0)" }
    return try run("sqlite3", [database] + commands).seconds
  }

  /// `count` person ids picked evenly from the table, read from the database file.
  func sampleIDs(_ count: Int) throws -> [String] {
    let step = max(1, options.people / count)
    let sql = "SELECT id FROM registry_people WHERE rowid % \(step) = 0 LIMIT \(count)"
    return try run("sqlite3", ["-readonly", daemon.database, sql]).output.split(separator: "\n").map(String.init)
  }

  /// A county token of `role`, made with the admin token.
  func token(_ role: Vets_Daemon_V1_Role) async throws -> String {
    let metadata = self.metadata
    return try await withConnections(socket: daemon.socket, count: 1) { clients in
      try await Vets_Daemon_V1_TokenService.Client(wrapping: clients[0]).createToken(
        .with { $0.requestID = UUID().uuidString; $0.name = "bench-\(role)"; $0.role = role; $0.scope = "county" }, metadata: metadata
      ).secret
    }
  }

  /// As an admin, whose reads of unmasked personal data are audited (a durable write each),
  /// or as an auditor, who sees ID numbers masked and reads without writing.
  func getPerson(_ ids: [String], as token: String, label: String) async throws -> Measurement {
    let metadata: Metadata = ["authorization": "Bearer \(token)"]
    return try await Load.run(
      label, socket: daemon.socket, connections: options.connections, inFlight: options.inFlight, seconds: options.seconds
    ) { client, loop, n in
      var request = Vets_Registry_V1_GetPersonRequest()
      request.id = ids[(loop * 7919 + n) % ids.count]
      _ = try await Vets_Registry_V1_PeopleService.Client(wrapping: client).getPerson(request, metadata: metadata)
      return "get"
    }
  }

  /// How a clerk searches: a name's beginning (the default), any part of it (`--contains`,
  /// on the name suffixes), or the last six characters of the ID number.
  enum Search: String {
    case namePrefix = "SearchPersons by name prefix"
    case nameContains = "SearchPersons by name contains"
    case idSuffix = "SearchPersons by ID suffix"
  }

  /// One search at a time, so that the figure is the latency a clerk sees.
  func search(_ kind: Search) async throws -> Measurement {
    let metadata = self.metadata
    let people = options.people
    return try await Load.run(kind.rawValue, socket: daemon.socket, connections: 1, inFlight: 1, seconds: options.seconds) { client, _, n in
      var request = Vets_Registry_V1_SearchPersonsRequest()
      request.page.pageSize = 20
      switch kind {
      case .namePrefix:
        request.name = Synthetic.surnames[n % Synthetic.surnames.count] + Synthetic.given[(n * 13) % Synthetic.given.count]
        request.namePrefix = true
      case .nameContains:
        // Two given-name characters, as a clerk who remembers only them would type.
        request.name = Synthetic.given[(n * 13) % Synthetic.given.count] + Synthetic.given[(n * 7) % Synthetic.given.count]
        request.nameContains = true
      case .idSuffix:
        request.idNumber = String(Synthetic.idNumber((n * 7919) % people).id.suffix(6))
      }
      let response = try await Vets_Registry_V1_PeopleService.Client(wrapping: client).searchPersons(request, metadata: metadata)
      guard !response.persons.isEmpty || kind == .nameContains else {
        throw BenchDaemon.Failure(description: "search \(request) found nobody")
      }
      return "search"
    }
  }

  struct CLIFigures: Codable {
    var runs: Int
    var medianMs: Double
    var p90Ms: Double
    var startupMedianMs: Double
  }

  /// The wall time of `vetsctl registry person get`, process start to exit; the baseline is
  /// `vetsctl terms sex`, the same process starting, printing a table and exiting without a call.
  func cli(_ vetsctl: String, id: String, runs: Int = 30) throws -> CLIFigures {
    func times(_ arguments: [String]) throws -> [Double] {
      try (0..<runs).map { _ in try run(vetsctl, arguments).seconds * 1000 }.sorted()
    }
    let calls = try times(["registry", "person", "get", id, "--socket", daemon.socket, "--token-file", daemon.tokenFile])
    let startups = try times(["terms", "sex"])
    return CLIFigures(runs: runs, medianMs: calls[runs / 2], p90Ms: calls[runs * 9 / 10], startupMedianMs: startups[runs / 2])
  }

  /// h2load (nghttp2) making the same call over the same socket: a gRPC frame (no
  /// compression flag, 4-byte length, the message) as the POST body. Returns requests/s.
  func h2load(_ path: String, _ message: some SwiftProtobuf.Message, authorized: Bool) throws -> Double {
    let body = try message.serializedBytes() as [UInt8]
    var frame = Data([0])
    withUnsafeBytes(of: UInt32(body.count).bigEndian) { frame.append(contentsOf: $0) }
    frame.append(contentsOf: body)
    let file = daemon.folder.appendingPathComponent("h2load-\(path.split(separator: "/").last!).bin")
    try frame.write(to: file)
    var arguments = [
      "-B", "unix:\(daemon.socket)", "-c", "\(options.connections)", "-m", "\(max(1, options.inFlight / options.connections))",
      "-D", "\(Int(options.seconds))", "--warm-up-time", "1", "-d", file.path,
      "-H", "content-type: application/grpc", "-H", "te: trailers",
    ]
    if authorized { arguments += ["-H", "authorization: Bearer \(adminToken)"] }
    let output = try run("h2load", arguments + ["http://localhost\(path)"]).output
    guard output.contains(" 0 failed, 0 errored"),
      let line = output.split(separator: "\n").first(where: { $0.hasPrefix("finished in") }),
      let rate = line.split(separator: ",").dropFirst().first?.split(separator: " ").first.flatMap({ Double($0) })
    else { throw BenchDaemon.Failure(description: "h2load: \(output)") }
    return rate
  }
}
