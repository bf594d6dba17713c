// vets-bench: drives a running vetsd over its socket and reports what it measured.
//
//   vets-bench registry --socket PATH --token-file FILE [--people 1000000] [--queries 2000]
//   vets-bench writes --socket PATH --token-file FILE [--clients 16] [--seconds 5]
//
// The registry scenario makes N synthetic people with valid resident ID numbers, imports
// them with the client-streaming ImportPersons call, then times name-prefix and ID-suffix
// searches one at a time. Figures are printed, never asserted.

import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI

struct Options {
  var socket = ".vetsd/vetsd.sock"
  var tokenFile = ".vetsd/admin.token"
  var people = 1_000_000
  var queries = 2_000
  var database: String?
  var clients = 16
  var seconds = 5.0

  init(_ arguments: [String]) {
    var i = 0
    while i < arguments.count - 1 {
      let value = arguments[i + 1]
      switch arguments[i] {
      case "--socket": socket = value
      case "--token-file": tokenFile = value
      case "--people": people = Int(value) ?? people
      case "--queries": queries = Int(value) ?? queries
      case "--database": database = value
      case "--clients": clients = Int(value) ?? clients
      case "--seconds": seconds = Double(value) ?? seconds
      default: break
      }
      i += 2
    }
  }
}

enum Synthetic {
  static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段").map(String.init)
  static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国庆红志民德福春生海东林荣").map(String.init)
  static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

  static func residentID(_ first17: String) -> String {
    let sum = zip(first17.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
  }

  static func village(_ i: Int) -> String { String(format: "370830%03d%03d", 1 + i % 10, 1 + (i / 10) % 30) }

  static var divisions: String {
    var csv = "code,name\n"
    for t in 1...10 { csv += String(format: "370830%03d,镇%d\n", t, t) }
    for i in 0..<300 { csv += "\(village(i)),村\(i)\n" }
    return csv
  }

  /// Person i: a unique (birth date, sequence) pair, so every ID number is distinct.
  static func row(_ i: Int) -> String {
    let day = i % 20_000
    let sequence = (i / 20_000) % 1000
    var birth = DateComponents(calendar: Calendar(identifier: .gregorian), year: 1935, month: 1, day: 1).date!
    birth.addTimeInterval(Double(day) * 86_400)
    let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: birth)
    let ymd = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
    let sexDigit = sequence % 2 == 1 ? "男" : "女"
    let id = residentID("370830" + ymd + String(format: "%03d", sequence))
    let name = surnames[i % surnames.count] + given[(i / 7) % given.count] + given[(i / 331) % given.count]
    let iso = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    return "\(id),\(name),\(sexDigit),\(iso),discharged_soldier,\(village(i))\n"
  }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
  sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func registryScenario(_ o: Options) async throws {
  let token = try String(contentsOfFile: o.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
  let metadata: Metadata = ["authorization": "Bearer \(token)"]
  let transport = try HTTP2ClientTransport.Posix(target: .unixDomainSocket(path: o.socket), transportSecurity: .plaintext)
  try await withGRPCClient(transport: transport) { client in
    let divisions = Vets_Registry_V1_DivisionService.Client(wrapping: client)
    let people = Vets_Registry_V1_PeopleService.Client(wrapping: client)
    var importDivisions = Vets_Registry_V1_ImportDivisionsRequest()
    importDivisions.requestID = UUID().uuidString
    importDivisions.csv = Data(Synthetic.divisions.utf8)
    _ = try await divisions.importDivisions(importDivisions, metadata: metadata)

    print("generating \(o.people) people…")
    var csv = "身份证号,姓名,性别,出生日期,类别,村代码\n"
    csv.reserveCapacity(o.people * 80)
    for i in 0..<o.people { csv += Synthetic.row(i) }
    let bytes = Data(csv.utf8)
    csv = ""

    let start = ContinuousClock.now
    let report = try await people.importPersons(metadata: metadata) { writer in
      var options = Vets_Registry_V1_ImportPersonsRequest()
      options.options.requestID = UUID().uuidString
      try await writer.write(options)
      var offset = 0
      while offset < bytes.count {
        var chunk = Vets_Registry_V1_ImportPersonsRequest()
        chunk.chunk = bytes.subdata(in: offset..<min(bytes.count, offset + 256 * 1024))
        try await writer.write(chunk)
        offset += 256 * 1024
      }
    }
    let seconds = (ContinuousClock.now - start) / .seconds(1)
    print(String(format: "import: %d rows (%d imported, %d errors) in %.1f s = %.0f rows/s, %.1f MB of CSV",
      report.rowsRead, report.rowsImported, report.errorCount, seconds, Double(report.rowsImported) / seconds,
      Double(bytes.count) / 1_048_576))
    if let first = report.errors.first { print("  first error: line \(first.line) \(first.column): \(first.reason)") }

    func measure(_ label: String, _ make: (Int) -> Vets_Registry_V1_SearchPersonsRequest) async throws {
      var latencies: [Double] = []
      var found = 0
      for q in 0..<o.queries {
        let request = make(q)
        let t0 = ContinuousClock.now
        let response = try await people.searchPersons(request, metadata: metadata)
        latencies.append((ContinuousClock.now - t0) / .milliseconds(1))
        found += response.persons.count
      }
      latencies.sort()
      print(String(format: "%@: %d queries, p50 %.2f ms, p99 %.2f ms, %.1f results per page on average",
        label, o.queries, percentile(latencies, 0.5), percentile(latencies, 0.99), Double(found) / Double(o.queries)))
    }
    try await measure("search by name prefix") { q in
      var r = Vets_Registry_V1_SearchPersonsRequest()
      r.name = Synthetic.surnames[q % Synthetic.surnames.count] + Synthetic.given[(q * 13) % Synthetic.given.count]
      r.namePrefix = true
      r.page.pageSize = 20
      return r
    }
    try await measure("search by ID suffix") { q in
      var r = Vets_Registry_V1_SearchPersonsRequest()
      let id = Synthetic.residentID(String(Synthetic.row((q * 7919) % o.people).prefix(17)))
      r.idNumber = String(id.suffix(6))
      r.page.pageSize = 20
      return r
    }
  }
  if let database = o.database {
    let size = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: database + $0)[.size] as? Int }.reduce(0, +)
    print(String(format: "database: %.1f MB (%@ and its WAL)", Double(size) / 1_048_576, database))
  }
}

/// Durable writes: `clients` connections, each making relief deposits one after another for
/// `seconds`; every deposit has its own request_id and is acknowledged only once durable.
/// Prints one line: clients, calls, calls/s, p50, p99 and p99.9 latency in ms.
func writesScenario(_ o: Options) async throws {
  let token = try String(contentsOfFile: o.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
  let metadata: Metadata = ["authorization": "Bearer \(token)"]
  let run = UUID().uuidString.prefix(8)
  func connected<T: Sendable>(_ body: (Vets_Relief_V1_FundService.Client<HTTP2ClientTransport.Posix>) async throws -> T) async throws -> T {
    let transport = try HTTP2ClientTransport.Posix(target: .unixDomainSocket(path: o.socket), transportSecurity: .plaintext)
    return try await withGRPCClient(transport: transport) { client in try await body(Vets_Relief_V1_FundService.Client(wrapping: client)) }
  }
  try await connected { fund in
    for (code, kind) in [("bench-fund", Vets_Relief_V1_AccountKind.fund), ("bench-source", .source)] {
      var account = Vets_Relief_V1_CreateAccountRequest()
      account.requestID = "bench-account-\(code)"
      account.code = code
      account.name = code
      account.kind = kind
      do { _ = try await fund.createAccount(account, metadata: metadata) } catch let error as RPCError where error.code == .alreadyExists {}
    }
  }
  let deadline = ContinuousClock.now + .milliseconds(Int(o.seconds * 1000))
  let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
    for client in 0..<o.clients {
      group.addTask {
        try await connected { fund in
          var mine: [Double] = []
          var n = 0
          while ContinuousClock.now < deadline {
            var deposit = Vets_Relief_V1_DepositRequest()
            deposit.requestID = "bench-\(run)-\(client)-\(n)"
            deposit.fund = "bench-fund"
            deposit.source = "bench-source"
            deposit.amount.fen = 100
            let t0 = ContinuousClock.now
            _ = try await fund.deposit(deposit, metadata: metadata)
            mine.append((ContinuousClock.now - t0) / .milliseconds(1))
            n += 1
          }
          return mine
        }
      }
    }
    return try await group.reduce(into: []) { $0 += $1 }.sorted()
  }
  print(String(format: "writes: clients %d, calls %d, %.0f calls/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms",
    o.clients, latencies.count, Double(latencies.count) / o.seconds, percentile(latencies, 0.5), percentile(latencies, 0.99),
    percentile(latencies, 0.999)))
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "registry": try await registryScenario(Options(Array(arguments.dropFirst())))
case "writes": try await writesScenario(Options(Array(arguments.dropFirst())))
default:
  print("""
    usage: vets-bench registry --socket PATH --token-file FILE [--people N] [--queries N] [--database FILE]
           vets-bench writes --socket PATH --token-file FILE [--clients N] [--seconds S]
    """)
  exit(2)
}
