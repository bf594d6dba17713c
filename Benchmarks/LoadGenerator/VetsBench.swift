// vets-bench: starts release daemons in a scratch folder, drives them over the Unix socket
// and prints what it measured next to the baseline measured in the same run. Figures are
// printed and written to a JSON file, never asserted. Benchmarks/README.md explains each.

import ArgumentParser
import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI

@main
struct Suite: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vets-bench", abstract: "Benchmark vetsd against baselines measured in the same run.")

  enum Part: String, CaseIterable, ExpressibleByArgument {
    case registry, writes
    /// Not in the default run: `make soak DURATION=...` (`--only soak --seconds DURATION`).
    case soak
  }

  @Option(help: "The folder holding vetsd and vetsctl (a release build).") var bin: String
  @Option(help: "Where the daemons keep their data; use a real disk, not tmpfs.") var scratch = "/var/tmp"
  @Option(help: "Which parts to run: registry, writes, soak (the default runs registry and writes).") var only: [Part] = [.registry, .writes]
  @Option(help: "People in the registry scenarios.") var people = 1_000_000
  @Option(help: "Measured seconds per run, after one second of warm-up; the soak's whole length.") var seconds = 5.0
  @Option(help: "Client connections for the health and GetPerson runs.") var connections = 4
  @Option(help: "Calls kept in flight across those connections.") var inFlight = 32
  @Option(help: "Concurrent clients for the durable writes, each on its own connection.") var clients = [1, 16, 64]
  @Option(help: "The JSON result file.") var out = "bench-results.json"

  struct Results: Codable {
    var machine = ""
    var people = 0
    var health: Measurement?
    var getPerson: Measurement?
    var getPersonMasked: Measurement?
    var searchByName: Measurement?
    var searchByNameContains: Measurement?
    var searchByIDSuffix: Measurement?
    var h2loadHealthCallsPerSecond: Double?
    var h2loadGetPersonCallsPerSecond: Double?
    var importPersons: RegistryScenarios.ImportFigures?
    var cli: RegistryScenarios.CLIFigures?
    var rssMB: Double?
    var peakRSSMB: Double?
    var importPeakRSSMB: Double?
    var writes: [String: [Measurement]] = [:]
    var writesPeakRSSMB: [String: Double] = [:]
    var soak: Soak.Report?
  }

  func run() async throws {
    let bin = URL(fileURLWithPath: bin)
    let folder = URL(fileURLWithPath: scratch).appendingPathComponent("vets-bench-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: folder) }
    var results = Results()
    results.machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, "
      + "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB, data in \(scratch)"
    results.people = people
    print("vets-bench: \(results.machine)")

    if only.contains(.registry) {
      let importer = try await BenchDaemon.start(bin.appendingPathComponent("vetsd"), folder: folder.appendingPathComponent("registry"), config: "")
      let imported = try await RegistryScenarios(daemon: importer, options: self).importPeople()
      results.importPersons = imported
      results.importPeakRSSMB = importer.memory().peak
      print(String(format: "ImportPersons: %lld rows (%lld imported, %lld errors), %.1f MB in %.1f s = %.0f rows/s; sqlite3 .import %.1f s; daemon peak RSS %.0f MB",
        imported.rows, imported.imported, imported.errors, imported.megabytes, imported.seconds, Double(imported.imported) / imported.seconds,
        imported.sqliteImportSeconds, results.importPeakRSSMB!))
      // The read scenarios run on a daemon started afresh on the imported data, as after a reboot.
      let daemon = try await importer.restarted()
      defer { daemon.stop() }
      let scenarios = try RegistryScenarios(daemon: daemon, options: self)
      results.health = try await scenarios.health()
      print(results.health!.line)
      results.h2loadHealthCallsPerSecond = try? scenarios.h2load("/grpc.health.v1.Health/Check", Grpc_Health_V1_HealthCheckRequest(), authorized: false)
      let ids = try scenarios.sampleIDs(10_000)
      results.getPerson = try await scenarios.getPerson(ids, as: scenarios.adminToken, label: "GetPerson (admin, audited)")
      print(results.getPerson!.line)
      results.getPersonMasked = try await scenarios.getPerson(ids, as: try await scenarios.token(.auditor), label: "GetPerson (auditor, masked)")
      print(results.getPersonMasked!.line)
      results.h2loadGetPersonCallsPerSecond = try? scenarios.h2load(
        "/vets.registry.v1.PeopleService/GetPerson", Vets_Registry_V1_GetPersonRequest.with { $0.id = ids[0] }, authorized: true)
      results.searchByName = try await scenarios.search(.namePrefix)
      print(results.searchByName!.line)
      results.searchByNameContains = try await scenarios.search(.nameContains)
      print(results.searchByNameContains!.line)
      results.searchByIDSuffix = try await scenarios.search(.idSuffix)
      print(results.searchByIDSuffix!.line)
      results.cli = try scenarios.cli(bin.appendingPathComponent("vetsctl").path, id: ids[0])
      print(String(format: "vetsctl registry person get: median %.1f ms, p90 %.1f ms over %d runs; vetsctl terms sex %.1f ms",
        results.cli!.medianMs, results.cli!.p90Ms, results.cli!.runs, results.cli!.startupMedianMs))
      (results.rssMB, results.peakRSSMB) = daemon.memory()
      print(String(format: "daemon with %d people, after the read scenarios: RSS %.0f MB, peak %.0f MB", people, results.rssMB!, results.peakRSSMB!))
    }

    if only.contains(.writes) {
      for mode in StorageMode.allCases {
        let daemon = try await BenchDaemon.start(
          bin.appendingPathComponent("vetsd"), folder: folder.appendingPathComponent("writes-\(mode)"), config: mode.config)
        defer { daemon.stop() }
        let world = try await WriteWorld.make(daemon)
        for count in clients {
          let run = "\(mode)-\(count)"
          var measured = try await Load.run(
            "writes \(mode)", socket: daemon.socket, connections: count, inFlight: count, seconds: seconds
          ) { client, loop, n in try await world.write(client, run: run, loop: loop, n: n) }
          measured.scenario = "durable writes (\(mode))"
          print(measured.line)
          results.writes[mode.rawValue, default: []].append(measured)
        }
        results.writesPeakRSSMB[mode.rawValue] = daemon.memory().peak
      }
    }

    if only.contains(.soak) {
      let daemon = try await BenchDaemon.start(
        bin.appendingPathComponent("vetsd"), folder: folder.appendingPathComponent("soak"), config: StorageMode.group.config)
      defer { daemon.stop() }
      let soak = Soak(daemon: daemon, world: try await WriteWorld.make(daemon), clients: 64, seconds: seconds, interval: max(1, (seconds / 12).rounded()))
      print("soak: 64 clients, reads and durable writes in turn, for \(Int(seconds)) s")
      let report = try await soak.run()
      results.soak = report
      print("   seconds      calls     p99 ms     RSS MB")
      for i in report.intervals { print(String(format: "%10.0f %10llu %10.2f %10.0f", i.endsAtSeconds, i.calls, i.p99Ms, i.rssMB)) }
      print(report.run.line)
      print("errors: \(report.run.errors)\(report.run.firstError.map { " (first: \($0))" } ?? "")")
      print("ledger: received \(report.receivedFen) fen (acknowledged deposits give \(report.expectedReceivedFen)), case paid \(report.casePaidFen) fen "
        + "(acknowledged payments give \(report.expectedCasePaidFen)), balance adds up: \(report.balanceAddsUp) — \(report.ledgerHolds ? "holds" : "BROKEN")")
    }

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(results).write(to: URL(fileURLWithPath: out))
    print("\n" + Targets(results: results, clients: clients).table)
    print("results: \(out)")
  }
}

/// The issue's targets next to the figures of this run: printed, not asserted.
struct Targets {
  let results: Suite.Results
  let clients: [Int]

  var table: String {
    var rows: [(String, String, String, Bool?)] = []
    func add(_ name: String, _ target: String, _ figure: String, _ met: Bool?) { rows.append((name, target, figure, met)) }
    let r = results
    for get in [r.getPerson, r.getPersonMasked].compactMap({ $0 }) {
      guard let health = r.health else { break }
      let ratio = get.callsPerSecond / health.callsPerSecond
      add("\(get.scenario) ÷ health", "≥ 60%", String(format: "%.0f%% (%.0f ÷ %.0f calls/s)", 100 * ratio, get.callsPerSecond, health.callsPerSecond), ratio >= 0.6)
    }
    for search in [r.searchByName, r.searchByNameContains, r.searchByIDSuffix].compactMap({ $0 }) {
      add("\(search.scenario) p99", "≤ 5 ms", String(format: "%.2f ms", search.p99Ms), search.p99Ms <= 5)
    }
    if let i = r.importPersons {
      add("import ÷ sqlite3 .import", "≤ 2×", String(format: "%.1f× (%.1f s ÷ %.1f s)", i.ratio, i.seconds, i.sqliteImportSeconds), i.ratio <= 2)
    }
    if let top = clients.max(), let group = r.writes["group"]?.last, let single = r.writes["single"]?.last, let off = r.writes["off"]?.last {
      let perCall = group.callsPerSecond / single.callsPerSecond
      let ceiling = group.callsPerSecond / off.callsPerSecond
      add("durable writes, \(top) clients ÷ per-call commits", "≥ 30×",
        String(format: "%.1f× (%.0f ÷ %.0f calls/s)", perCall, group.callsPerSecond, single.callsPerSecond), perCall >= 30)
      add("durable writes, \(top) clients ÷ synchronous=off", "≥ 50%",
        String(format: "%.0f%% (%.0f ÷ %.0f calls/s)", 100 * ceiling, group.callsPerSecond, off.callsPerSecond), ceiling >= 0.5)
    }
    if let cli = r.cli { add("CLI single call", "≤ 50 ms", String(format: "%.1f ms median", cli.medianMs), cli.medianMs <= 50) }
    if let rss = r.rssMB, let peak = r.peakRSSMB {
      add("daemon RSS with \(r.people) people", "≤ 150 MB", String(format: "%.0f MB, peak %.0f MB", rss, peak), peak <= 150)
    }
    if let peak = r.importPeakRSSMB { add("daemon peak RSS during the import", "—", String(format: "%.0f MB", peak), nil) }
    for (label, ours, theirs) in [("health", r.health, r.h2loadHealthCallsPerSecond), ("GetPerson", r.getPerson, r.h2loadGetPersonCallsPerSecond)] {
      guard let ours else { continue }
      guard let theirs else { add("h2load cross-check, \(label)", "within 20%", "h2load not run (is nghttp2-client installed?)", nil); continue }
      let ratio = ours.callsPerSecond / theirs
      add("h2load cross-check, \(label)", "within 20%", String(format: "%.2f (%.0f ÷ %.0f calls/s)", ratio, ours.callsPerSecond, theirs), abs(ratio - 1) <= 0.2)
    }
    let widths = [rows.map(\.0.count).max() ?? 0, 10, rows.map(\.2.count).max() ?? 0]
    func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    return rows.map { row in
      let verdict = row.3.map { $0 ? "met" : "MISSED" } ?? "—"
      return "\(pad(row.0, widths[0]))  \(pad(row.1, widths[1]))  \(pad(row.2, widths[2]))  \(verdict)"
    }.joined(separator: "\n")
  }
}
