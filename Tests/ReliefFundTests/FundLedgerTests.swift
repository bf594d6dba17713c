import Foundation
import GRDB
import TestSupport
import Testing
import VetsAPI
import VetsKit

@testable import ReliefFund

/// A ledger on a real SQLite file in a temporary folder.
func withLedger<T>(_ body: (VetsDatabase) async throws -> T) async throws -> T {
  try await withTempDatabase(core: false, [migrations(of: ReliefModule.self)]) { database in
    try await database.pool.write { db in
      for (code, kind) in [("assistance", Vets_Relief_V1_AccountKind.fund), ("holiday", .fund), ("budget", .source),
        ("donors", .source)]  // "payees" comes with the cases migration
      {
        try FundLedger.createAccount(db, code: code, name: code, kind: kind, now: Date())
      }
    }
    return try await body(database)
  }
}

let context = FundLedger.Context(now: Date(), by: "test")

@Suite struct FundLedgerTests {
  func check(_ db: Database, _ comment: Comment) throws {
    #expect(try FundLedger.verify(db).isEmpty, comment)
    for fund in ["assistance", "holiday"] {
      let b = try FundLedger.balance(db, fund: fund)
      #expect(b.reserved + b.paid <= b.received, comment)
      #expect(b.reserved >= 0 && b.paid >= 0 && b.available >= 0, comment)
    }
  }

  /// Random deposits, reservations, payments, voids and reversals; after every step the
  /// invariant holds and every balance equals the sum of its transfers.
  @Test(arguments: [1, 2, 3, 42, 2026])
  func randomSequencesKeepTheInvariantAndTheBooksBalanced(seed: UInt64) async throws {
    try await withLedger { database in
      var random = SeededRandom(seed: seed)
      var deposits: [String] = []
      var pendings: [String] = []
      for step in 0..<300 {
        let fund = Bool.random(using: &random) ? "assistance" : "holiday"
        let amount = Int64.random(in: 1...500_000, using: &random)
        let id = "t\(step)"
        let op = Int.random(in: 0..<5, using: &random)
        // Every random choice is made here, outside the database closure.
        let pending = pendings.randomElement(using: &random)
        let deposit = deposits.randomElement(using: &random)
        let share = Double.random(in: 0...1, using: &random)
        let done = try await database.pool.write { db -> Bool in
          do {
            switch op {
            case 0:
              _ = try FundLedger.deposit(db, id: id, fund: fund, source: "budget", amount: amount, memo: "", link: "", context)
            case 1:
              _ = try FundLedger.reserve(db, id: id, fund: fund, payout: "payees", amount: amount, memo: "", link: "case:\(step)", context)
            case 2:
              guard let pending else { return false }
              let left = try FundLedger.remaining(db, pending: try FundLedger.pending(db, pending))
              guard left > 0 else { return false }
              _ = try FundLedger.post(db, id: id, pendingID: pending, amount: max(1, Int64(Double(left) * share)), memo: "", context)
            case 3:
              guard let pending else { return false }
              _ = try FundLedger.void(db, id: id, pendingID: pending, memo: "", context)
            default:
              guard let deposit else { return false }
              _ = try FundLedger.reverse(db, id: id, reverses: deposit, memo: "correction", context)
            }
            return true
          } catch let error as VetsError {
            // Refusals are expected (short funds, settled pendings); they must change nothing.
            guard case .failedPrecondition = error else { throw error }
            return false
          }
        }
        if done, op == 0 { deposits.append(id) }
        if done, op == 1 { pendings.append(id) }
        try await database.pool.read { db in try check(db, "seed \(seed), step \(step), op \(op)") }
      }
    }
  }

  @Test func shortFundsAreRefusedWithTheAvailableFigureAndChangeNothing() async throws {
    try await withLedger { database in
      try await database.pool.write { db in
        _ = try FundLedger.deposit(db, id: "d1", fund: "assistance", source: "donors", amount: 500_000, memo: "", link: "", context)
      }
      await #expect(throws: VetsError.self) {
        try await database.pool.write { db in
          _ = try FundLedger.reserve(db, id: "p1", fund: "assistance", payout: "payees", amount: 500_001, memo: "", link: "", context)
        }
      }
      do {
        try await database.pool.write { db in
          _ = try FundLedger.reserve(db, id: "p1", fund: "assistance", payout: "payees", amount: 500_001, memo: "", link: "", context)
        }
      } catch let error as VetsError {
        #expect(error.message.contains("5000.00 yuan available"), "\(error.message)")
      }
      let (balance, transfers) = try await database.pool.read { db in
        (try FundLedger.balance(db, fund: "assistance"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM relief_transfers") ?? 0)
      }
      #expect(balance == FundBalance(received: 500_000, reserved: 0, paid: 0))
      #expect(transfers == 1)
    }
  }

  @Test func aTransferIDHasItsEffectOnceAndCannotBeReusedForOtherContent() async throws {
    try await withLedger { database in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<20 {
          group.addTask {
            try await database.pool.write { db in
              _ = try FundLedger.deposit(db, id: "same", fund: "assistance", source: "donors", amount: 100, memo: "m", link: "", context)
            }
          }
        }
        try await group.waitForAll()
      }
      #expect(try await database.pool.read { db in try FundLedger.balance(db, fund: "assistance") }.received == 100)
      await #expect(throws: VetsError.failedPrecondition("transfer_id 'same' is already used by a different transfer; choose a new transfer_id")) {
        try await database.pool.write { db in
          _ = try FundLedger.deposit(db, id: "same", fund: "assistance", source: "donors", amount: 200, memo: "m", link: "", context)
        }
      }
    }
  }

  @Test func instalmentsPayUpToTheReservationAndNeverTwice() async throws {
    try await withLedger { database in
      try await database.pool.write { db in
        _ = try FundLedger.deposit(db, id: "d", fund: "assistance", source: "budget", amount: 1_000_000, memo: "", link: "", context)
        _ = try FundLedger.reserve(db, id: "p", fund: "assistance", payout: "payees", amount: 500_000, memo: "", link: "case:1", context)
        _ = try FundLedger.post(db, id: "i1", pendingID: "p", amount: 300_000, memo: "", context)
        _ = try FundLedger.post(db, id: "i1", pendingID: "p", amount: 300_000, memo: "", context)  // a retry
        _ = try FundLedger.post(db, id: "i2", pendingID: "p", amount: 200_000, memo: "", context)
      }
      await #expect(throws: VetsError.self) {
        try await database.pool.write { db in _ = try FundLedger.post(db, id: "i3", pendingID: "p", amount: 1, memo: "", context) }
      }
      let balance = try await database.pool.read { db in try FundLedger.balance(db, fund: "assistance") }
      #expect(balance == FundBalance(received: 1_000_000, reserved: 0, paid: 500_000))
    }
  }

  @Test func reversingADepositWhoseMoneyIsReservedIsRefused() async throws {
    try await withLedger { database in
      try await database.pool.write { db in
        _ = try FundLedger.deposit(db, id: "d", fund: "assistance", source: "budget", amount: 100_000, memo: "", link: "", context)
        _ = try FundLedger.reserve(db, id: "p", fund: "assistance", payout: "payees", amount: 60_000, memo: "", link: "", context)
      }
      await #expect(throws: VetsError.self) {
        try await database.pool.write { db in _ = try FundLedger.reverse(db, id: "r", reverses: "d", memo: "wrong", context) }
      }
      try await database.pool.write { db in
        _ = try FundLedger.void(db, id: "v", pendingID: "p", memo: "", context)
        _ = try FundLedger.reverse(db, id: "r", reverses: "d", memo: "wrong", context)
      }
      #expect(try await database.pool.read { db in try FundLedger.balance(db, fund: "assistance") } == FundBalance(received: 0, reserved: 0, paid: 0))
    }
  }

  @Test func transfersCannotBeEditedOrDeleted() async throws {
    try await withLedger { database in
      try await database.pool.write { db in
        _ = try FundLedger.deposit(db, id: "d", fund: "assistance", source: "budget", amount: 100, memo: "", link: "", context)
      }
      await #expect(throws: DatabaseError.self) {
        try await database.pool.write { db in try db.execute(sql: "UPDATE relief_transfers SET amount = 1") }
      }
      await #expect(throws: DatabaseError.self) {
        try await database.pool.write { db in try db.execute(sql: "DELETE FROM relief_transfers") }
      }
    }
  }

  @Test func amountsParseExactlyAsYuanWithAtMostTwoDecimals() throws {
    #expect(try Money.fen(yuan: "5000.00", field: "amount") == 500_000)
    #expect(try Money.fen(yuan: "5,000.5", field: "amount") == 500_050)
    #expect(try Money.fen(yuan: "¥0.01", field: "amount") == 1)
    for bad in ["0", "0.00", "-5", "5.001", "1e3", "", ".5", "5.", "abc", "99999999999999"] {
      #expect(throws: VetsError.self, "\(bad)") { try Money.fen(yuan: bad, field: "amount") }
    }
    #expect(Money.yuan(500_050) == "5000.50")
    #expect(Money.yuan(7) == "0.07")
    var over = Vets_Common_V1_Money()
    over.fen = 1_000_001
    #expect(throws: VetsError.invalidArgument(field: "amount", rule: "must be at most 10000.00 yuan (the configured ceiling)")) {
      try Money.amount(over, field: "amount", ceiling: 1_000_000)
    }
  }
}

@Suite struct ConcurrentLedgerTests {
  /// Many writers reserving and paying against one fund at once never overdraw it.
  @Test func concurrentReservationsAndPaymentsNeverOverdraw() async throws {
    try await withLedger { database in
      try await database.pool.write { db in
        _ = try FundLedger.deposit(db, id: "d", fund: "assistance", source: "budget", amount: 1_000_000, memo: "", link: "", context)
      }
      let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
        for n in 0..<40 {
          group.addTask {
            do {
              try await database.pool.write { db in
                let p = try FundLedger.reserve(db, id: "p\(n)", fund: "assistance", payout: "payees", amount: 70_000, memo: "", link: "", context)
                _ = try FundLedger.post(db, id: "x\(n)", pendingID: p.id, amount: 70_000, memo: "", context)
              }
              return true
            } catch let error as VetsError {
              guard case .failedPrecondition = error else { throw error }
              return false
            }
          }
        }
        return try await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(outcomes.filter { $0 }.count == 14, "1,000,000 / 70,000 = 14 payments fit")
      let (mismatches, balance) = try await database.pool.read { db in
        (try FundLedger.verify(db), try FundLedger.balance(db, fund: "assistance"))
      }
      #expect(mismatches.isEmpty)
      #expect(balance == FundBalance(received: 1_000_000, reserved: 0, paid: 980_000))
    }
  }
}

@Suite struct TransferIDTests {
  @Test func clientTransferIDsCannotTakeTheModulesOwnForm() {
    #expect(throws: VetsError.invalidArgument(field: "transfer_id", rule: "must not contain ':'")) {
      try FundRules.transferID("case_1a2b3c4d:reserve", fallback: "")
    }
    #expect((try? FundRules.transferID("", fallback: "req-1")) == "req-1")
  }
}
