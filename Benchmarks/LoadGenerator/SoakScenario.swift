// The soak run: 64 clients mixing reads and durable writes for a bounded time, reporting
// errors, p99 and the daemon's memory for each interval, and the ledger at the end.

import Foundation
import GRPCCore
import SwiftProtobuf
import Synchronization
import VetsAPI

struct Soak {
  let daemon: BenchDaemon
  let world: WriteWorld
  let clients: Int
  let seconds: Double
  let interval: Double

  struct Report: Codable {
    struct Interval: Codable {
      var endsAtSeconds: Double
      var calls: UInt64
      var p99Ms: Double
      var rssMB: Double
    }
    var run: Measurement
    var intervals: [Interval]
    /// What the acknowledged deposits and payments add up to, and what the daemon's balance says.
    var expectedReceivedFen: Int64
    var receivedFen: Int64
    var expectedCasePaidFen: Int64
    var casePaidFen: Int64
    var balanceAddsUp: Bool
    var ledgerHolds: Bool { expectedReceivedFen == receivedFen && expectedCasePaidFen == casePaidFen && balanceAddsUp }
  }

  func run() async throws -> Report {
    let metadata = world.metadata
    let start = ContinuousClock.now + .seconds(1)
    let acknowledged = Mutex<[String: Int64]>([:])
    let memory = Mutex<[Double]>([])
    // One memory sample per interval while the load runs.
    let sampler = Task {
      while !Task.isCancelled {
        memory.withLock { $0.append(daemon.memory().rss) }
        try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
      }
    }
    let run = try await Load.run("soak", socket: daemon.socket, connections: clients, inFlight: clients, seconds: seconds) { client, loop, n in
      let window = max(0, Int(((ContinuousClock.now - start) / .seconds(1)) / interval))
      switch n % 6 {
      case 0, 2, 4:
        let kind = try await world.write(client, run: "soak", loop: loop, n: n / 2)
        acknowledged.withLock { $0[kind, default: 0] += 1 }
      case 1:
        _ = try await Vets_Relief_V1_FundService.Client(wrapping: client).getBalance(.with { $0.fund = "bench-fund" }, metadata: metadata)
      case 3:
        _ = try await Vets_Registry_V1_PeopleService.Client(wrapping: client).searchPersons(
          .with { $0.idNumber = String(Synthetic.idNumber((loop + n) % WriteWorld.customers).id.suffix(6)) }, metadata: metadata)
      default:
        _ = try await Vets_Relief_V1_CaseService.Client(wrapping: client).getCase(
          .with { $0.caseID = world.cases[loop % world.cases.count] }, metadata: metadata)
      }
      return "\(window)"
    }
    sampler.cancel()

    let counts = acknowledged.withLock { $0 }
    let samples = memory.withLock { $0 }
    let windows: [String: Measurement] = run.kinds ?? ["0": run]
    var intervals: [Report.Interval] = []
    for index in windows.keys.compactMap({ Int($0) }).sorted() {
      let measured = windows[String(index)]!
      let rss = samples.isEmpty ? 0 : samples[min(samples.count - 1, index + 1)]
      intervals.append(
        Report.Interval(endsAtSeconds: Double(index + 1) * interval, calls: measured.calls, p99Ms: measured.p99Ms, rssMB: rss))
    }
    let measured = intervals
    return try await withConnections(socket: daemon.socket, count: 1) { clients in
      let balance = try await Vets_Relief_V1_FundService.Client(wrapping: clients[0]).getBalance(
        .with { $0.fund = "bench-fund" }, metadata: metadata)
      var casePaid: Int64 = 0
      for id in world.cases {
        casePaid += try await Vets_Relief_V1_CaseService.Client(wrapping: clients[0]).getCase(.with { $0.caseID = id }, metadata: metadata).paid.fen
      }
      return Report(
        run: run, intervals: measured,
        expectedReceivedFen: WriteWorld.funding + (counts["Deposit"] ?? 0) * WriteWorld.depositFen, receivedFen: balance.received.fen,
        expectedCasePaidFen: (counts["PayCase"] ?? 0) * WriteWorld.paymentFen, casePaidFen: casePaid,
        balanceAddsUp: balance.available.fen == balance.received.fen - balance.reserved.fen - balance.paid.fen && balance.available.fen >= 0)
    }
  }
}
