import Foundation
import ProbeModule
import TestSupport
import Testing

/// The fund ledger through the real vetsctl: money in, balances, retries and refusals.
@Suite("The relief fund ledger")
struct ReliefFundLedgerTests {
  @Test func depositsShowInTheBalanceAndARetriedDepositCountsOnce() async throws {
    try await TestDaemon.with { daemon in
      #expect(try await daemon.vetsctl(["relief", "fund", "create", "assistance", "--name", "退役军人帮扶基金"]).status == 0)
      #expect(try await daemon.vetsctl(["relief", "fund", "create", "army-support", "--name", "爱国拥军协会", "--kind", "source"]).status == 0)

      let deposit = ["relief", "fund", "deposit", "--fund", "assistance", "--from", "army-support", "--amount", "5,000.00",
        "--memo", "八一慰问捐款", "--request-id", "deposit-2026-08-01"]
      let first = try await daemon.vetsctl(deposit)
      #expect(first.status == 0, "\(first.stderr)")
      let retry = try await daemon.vetsctl(deposit)
      #expect(retry.status == 0, "\(retry.stderr)")
      #expect(retry.stdout == first.stdout, "a retry gets the first answer")

      let balance = try await daemon.vetsctl(["relief", "fund", "balance", "assistance", "--output", "json"])
      let json = try #require(try JSONSerialization.jsonObject(with: Data(balance.stdout.utf8)) as? [String: Any])
      #expect((json["received"] as? [String: Any])?["fen"] as? String == "500000")
      #expect((json["available"] as? [String: Any])?["fen"] as? String == "500000")

      let ledger = try await daemon.vetsctl(["relief", "fund", "ledger", "assistance"])
      #expect(ledger.stdout.contains("deposit-2026-08-01"))
      #expect(ledger.stdout.contains("5000.00"))
      #expect(ledger.stdout.components(separatedBy: "deposit-2026-08-01").count == 2, "one transfer, not two")
    }
  }

  @Test func badAmountsAndAccountsAreRefusedAndChangeNothing() async throws {
    try await TestDaemon.with(config: "[modules.relief]\ndeposit_ceiling_yuan = 10000\n") { daemon in
      _ = try await daemon.vetsctl(["relief", "fund", "create", "assistance", "--name", "基金"])
      _ = try await daemon.vetsctl(["relief", "fund", "create", "budget", "--name", "县财政", "--kind", "source"])
      for amount in ["0", "-5", "5.001", "abc"] {
        let refused = try await daemon.vetsctl(["relief", "fund", "deposit", "--fund", "assistance", "--from", "budget", "--amount", amount])
        #expect(refused.status == 2, "\(amount): \(refused.stderr)")
        #expect(refused.stderr.contains("--amount"))
      }
      let over = try await daemon.vetsctl(["relief", "fund", "deposit", "--fund", "assistance", "--from", "budget", "--amount", "10000.01"])
      #expect(over.status == 6)
      #expect(over.stderr.contains("amount: must be at most 10000.00 yuan"), "\(over.stderr)")
      let wrongWay = try await daemon.vetsctl(["relief", "fund", "deposit", "--fund", "budget", "--from", "assistance", "--amount", "1"])
      #expect(wrongWay.status == 6)
      #expect(wrongWay.stderr.contains("fund: 'budget' is a source account"), "\(wrongWay.stderr)")
      let balance = try await daemon.vetsctl(["relief", "fund", "balance", "assistance"])
      #expect(balance.stdout.contains("received   0.00"), "\(balance.stdout)")
      let auditor = try await daemon.createToken(role: "auditor", name: "auditor")
      let denied = try await daemon.vetsctl(
        ["relief", "fund", "deposit", "--fund", "assistance", "--from", "budget", "--amount", "1"], tokenFile: auditor.file)
      #expect(denied.status == 4)
      let villageClerk = try await daemon.createToken(role: "clerk", scope: "village:370830001001", name: "village-clerk")
      let local = try await daemon.vetsctl(
        ["relief", "fund", "deposit", "--fund", "assistance", "--from", "budget", "--amount", "1"], tokenFile: villageClerk.file)
      #expect(local.status == 4)
      #expect(local.stderr.contains("Deposit concerns the whole county and needs a county-scoped token"), "\(local.stderr)")
    }
  }
}

@Suite("Paying once")
struct PayingOnceTests {
  @Test func theSameRequestIDSentConcurrentlyPaysOnceAndTheLedgerExports() async throws {
    try await TestDaemon.with { daemon in
      let county = try await ReliefCaseTests.County.make(daemon)
      let id = try await county.plannedCase(amount: "5000.00")
      _ = try await county.json(["relief", "case", "green-channel", id, "--justification", "急"], tokenFile: county.county)
      let pay = ["relief", "case", "pay", id, "--payee", county.rong, "--amount", "1000.00", "--request-id", "pay-once"]
      let results = try await withThrowingTaskGroup(of: Int32.self) { group in
        for _ in 0..<8 { group.addTask { try await daemon.vetsctl(pay, tokenFile: county.clerk).status } }
        return try await group.reduce(into: [Int32]()) { $0.append($1) }
      }
      #expect(results.allSatisfy { $0 == 0 }, "every retry gets the first answer: \(results)")
      let shown = try await county.json(["relief", "case", "show", id])
      #expect((shown["paid"] as? [String: Any])?["fen"] as? String == "100000")
      let balance = try await county.json(["relief", "fund", "balance", "assistance"])
      #expect((balance["paid"] as? [String: Any])?["fen"] as? String == "100000")

      let file = daemon.root.appendingPathComponent("ledger.csv").path
      let export = try await daemon.vetsctl(["relief", "fund", "export", "assistance", "--file", file])
      #expect(export.status == 0, "\(export.stderr)")
      let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
      #expect(lines.count == 4, "header, deposit, reservation, one payment: \(lines)")
      #expect(lines.contains { $0.contains(",paid,") && $0.contains("1000.00") })

      // The clerk's export: Chinese headers, and each code with its name in the next column.
      let chinese = daemon.root.appendingPathComponent("流水.csv").path
      let exported = try await daemon.vetsctl(["relief", "fund", "export", "assistance", "--file", chinese], language: nil)
      #expect(exported.status == 0, "\(exported.stderr)")
      let rows = String(decoding: try Data(contentsOf: URL(fileURLWithPath: chinese)), as: UTF8.self).split(separator: "\n")
      #expect(rows.first == "\u{FEFF}时间,编号,种类,自,转出账户,至,转入账户,金额(元),摘要,关联,对象,经办人", "\(rows)")
      let payment = rows.first { $0.contains(",发放,") && $0.contains("1000.00") }
      #expect(payment?.contains(",assistance,退役军人帮扶基金,payees,发放给家庭户,1000.00,发放给荣庆华（\(county.rong)）,") == true, "\(rows)")
      #expect(payment?.contains(",case:\(id),荣庆华户,") == true, "whom the money is for: \(rows)")
    }
  }
}
