import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import TestSupport
import Testing
import VetsAPI

/// Group commit under concurrency: many calls share commits, and idempotency, failures and
/// the ledger behave exactly as they do one call at a time.
@Suite struct GroupCommitTests {
  @Test func concurrentDepositsRetriesAndFailuresEachHaveTheirEffectOnce() async throws {
    try await TestDaemon.with { daemon in
      #expect(try await daemon.vetsctl(["relief", "fund", "create", "assistance", "--name", "帮扶基金"]).status == 0)
      #expect(try await daemon.vetsctl(["relief", "fund", "create", "donors", "--name", "爱心企业", "--kind", "source"]).status == 0)
      let metadata = try daemon.metadata()
      enum Outcome: Sendable { case deposited(request: String, transfer: String), refused(request: String, RPCError.Code) }

      // 64 deposits; 16 of them sent twice at once with the same request_id; 16 calls that fail
      // inside their batch (no such fund). All at once, over 8 connections.
      var calls: [(request: String, fund: String, fen: Int64)] = (0..<64).map { ("dep-\($0)", "assistance", Int64(100 + $0)) }
      calls += (0..<16).map { ("dep-\($0)", "assistance", Int64(100 + $0)) }
      calls += (0..<16).map { ("bad-\($0)", "no-such-fund", 100) }
      calls.shuffle()
      let outcomes = try await withThrowingTaskGroup(of: [Outcome].self) { group in
        for connection in 0..<8 {
          let mine = calls.enumerated().filter { $0.offset % 8 == connection }.map(\.element)
          group.addTask {
            try await daemon.withClient { client in
              let fund = Vets_Relief_V1_FundService.Client(wrapping: client)
              return await withTaskGroup(of: Outcome.self) { calls in
                for call in mine {
                  calls.addTask {
                    var request = Vets_Relief_V1_DepositRequest()
                    request.requestID = call.request
                    request.fund = call.fund
                    request.source = "donors"
                    request.amount.fen = call.fen
                    do {
                      return .deposited(request: call.request, transfer: try await fund.deposit(request, metadata: metadata).id)
                    } catch let error as RPCError {
                      return .refused(request: call.request, error.code)
                    } catch {
                      return .refused(request: call.request, .unknown)
                    }
                  }
                }
                return await calls.reduce(into: []) { $0.append($1) }
              }
            }
          }
        }
        return try await group.reduce(into: []) { $0 += $1 }
      }

      var transfers: [String: Set<String>] = [:]
      var refused: [String: RPCError.Code] = [:]
      for outcome in outcomes {
        switch outcome {
        case .deposited(let request, let transfer): transfers[request, default: []].insert(transfer)
        case .refused(let request, let code): refused[request] = code
        }
      }
      #expect(transfers.count == 64, "every deposit succeeded: \(refused.filter { $0.key.hasPrefix("dep-") })")
      #expect(transfers.values.allSatisfy { $0.count == 1 }, "a retry got the first transfer, not a second one")
      #expect(refused.count == 16 && refused.values.allSatisfy { $0 == .notFound }, "\(refused)")

      let balance = try #require(
        try JSONSerialization.jsonObject(with: Data(try await daemon.vetsctl(["relief", "fund", "balance", "assistance", "--output", "json"]).stdout.utf8))
          as? [String: Any])
      #expect((balance["received"] as? [String: Any])?["fen"] as? String == String((0..<64).reduce(0) { $0 + 100 + $1 }))
      let ledger = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"),
        [daemon.databasePath, "SELECT COUNT(*) FROM relief_transfers WHERE kind = 'deposit'; PRAGMA integrity_check;"])
      #expect(ledger.stdout == "64\nok\n", "\(ledger.stdout)\(ledger.stderr)")
      let audit = try await daemon.vetsctl(["audit", "verify"])
      #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
      // Every call, the refused ones too, left its audit record.
      let records = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"),
        [daemon.databasePath, "SELECT outcome, COUNT(*) FROM daemon_audit WHERE method LIKE '%/Deposit' GROUP BY outcome ORDER BY outcome;"])
      #expect(records.stdout.contains("NOT_FOUND|16"), "\(records.stdout)\(records.stderr)")
      // The batches are recorded for the operator.
      let metrics = try await daemon.vetsctl(["admin", "metrics"])
      #expect(metrics.stdout.contains("vetsd_write_batch_size_count"), "\(metrics.stdout)")
    }
  }
}
