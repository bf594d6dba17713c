import Foundation
import ProbeModule
import TestSupport
import Testing

/// Assistance cases through the real vetsctl, from the seed's own story to every refusal the
/// approval rules promise.
@Suite("Relief cases")
struct ReliefCaseTests {
  /// A county with one town and village, Mr. Rong's household, a funded assistance fund, and
  /// tokens for a clerk and approvers at each level.
  struct County {
    let daemon: TestDaemon
    let rong: String
    let wife: String
    let household: String
    let clerk: String
    let village: String
    let town: String
    let county: String
    let otherTown: String

    func json(_ arguments: [String], tokenFile: String? = nil) async throws -> [String: Any] {
      try await daemon.json(arguments, tokenFile: tokenFile)
    }

    static func make(_ daemon: TestDaemon, fund: String = "20000.00") async throws -> County {
      let divisions = daemon.root.appendingPathComponent("divisions.csv").path
      try "code,name\n370830001,中都街道\n370830001001,东关村\n370830002,南旺镇\n370830002001,南旺村\n"
        .write(toFile: divisions, atomically: true, encoding: .utf8)
      _ = try await daemon.vetsctl(["registry", "division", "import", divisions])
      func add(_ name: String, _ born: String, _ seq: String, _ sex: String, _ category: String) async throws -> String {
        let result = try await daemon.vetsctl([
          "registry", "person", "add", "--output", "json", "--id-number", residentID(born: born, sequence: seq),
          "--name", name, "--sex", sex, "--birth-date", born, "--category", category, "--village", "370830001001",
          "--enlisted", "1968-03-01", "--discharged", "1975-04-01", "--tag", "兵支书",
        ].filter { !(category != "discharged_soldier" && ["--enlisted", "1968-03-01", "--discharged", "1975-04-01"].contains($0)) })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return try #require(json["id"] as? String)
      }
      let rong = try await add("荣庆华", "1950-03-12", "001", "male", "discharged_soldier")
      let wife = try await add("王秀英", "1952-07-01", "002", "female", "serving_member_family:spouse")
      let created = try await daemon.vetsctl(["registry", "household", "create", "--output", "json", "--head", rong])
      let household = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["id"] as? String)
      _ = try await daemon.vetsctl(["registry", "household", "add-member", household, wife, "--relation", "配偶"])
      _ = try await daemon.vetsctl(["relief", "fund", "create", "assistance", "--name", "退役军人帮扶基金"])
      _ = try await daemon.vetsctl(["relief", "fund", "create", "army-support", "--name", "爱国拥军协会", "--kind", "source"])
      let deposit = try await daemon.vetsctl(["relief", "fund", "deposit", "--fund", "assistance", "--from", "army-support", "--amount", fund])
      #expect(deposit.status == 0, "\(deposit.stderr)")
      return County(
        daemon: daemon, rong: rong, wife: wife, household: household,
        clerk: try await daemon.createToken(role: "clerk", scope: "village:370830001001", name: "village-clerk").file,
        village: try await daemon.createToken(role: "approver", scope: "village:370830001001", name: "village-approver").file,
        town: try await daemon.createToken(role: "approver", scope: "town:370830001", name: "town-approver").file,
        county: try await daemon.createToken(role: "approver", scope: "county", name: "county-approver").file,
        otherTown: try await daemon.createToken(role: "approver", scope: "town:370830002", name: "other-town-approver").file)
    }

    /// Opens, assesses and plans a case as the village clerk; returns its id.
    func plannedCase(amount: String = "5000.00") async throws -> String {
      let opened = try await json(
        ["relief", "case", "open", "--household", household, "--source", "visit", "--reported-by", "东关村老兵话吧"], tokenFile: clerk)
      let id = try #require(opened["id"] as? String)
      _ = try await json(
        ["relief", "case", "assess", id, "--illness", "癌症 (since 2008)", "--disability", "妻子瘫痪", "--needs", "医疗费"], tokenFile: clerk)
      _ = try await json(["relief", "case", "plan", id, "--measures", "帮扶基金救助", "--amount", amount], tokenFile: clerk)
      return id
    }
  }

  /// Issue 16, item 8: one person (Zhang, with a clerk and an approver token) plans 5,000
  /// yuan on a case someone else opened: he may not green-channel it; and Li, who approved
  /// it, may not pay it with his own clerk token. Zhang, who decided nothing, pays.
  @Test func whoSetTheAmountDoesNotApproveItAndWhoApprovedItDoesNotPayIt() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      func token(_ role: String, _ scope: String, _ subject: String) async throws -> String {
        let name = "\(subject)-\(role)"
        let created = try await daemon.vetsctl([
          "admin", "token", "create", "--role", role, "--scope", scope, "--name", name, "--subject", subject, "--output", "json",
        ])
        let secret = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["secret"] as? String)
        let file = daemon.root.appendingPathComponent("\(name).token").path
        try secret.write(toFile: file, atomically: true, encoding: .utf8)
        return file
      }
      let (zhangClerk, zhangApprover) = (try await token("clerk", "village:370830001001", "zhang"), try await token("approver", "county", "zhang"))
      let (liClerk, liApprover) = (try await token("clerk", "village:370830001001", "li"), try await token("approver", "county", "li"))
      let opened = try await county.json(["relief", "case", "open", "--household", county.household, "--source", "visit", "--reported-by", "东关村老兵话吧"])
      let id = try #require(opened["id"] as? String)
      _ = try await county.json(["relief", "case", "assess", id, "--needs", "医疗费"], tokenFile: zhangClerk)
      _ = try await county.json(["relief", "case", "plan", id, "--measures", "帮扶基金救助", "--amount", "5000.00"], tokenFile: zhangClerk)
      let own = try await daemon.vetsctl(["relief", "case", "green-channel", id, "--justification", "急"], tokenFile: zhangApprover)
      #expect(own.status != 0 && own.stderr.contains("set the amount"), "\(own.stdout) \(own.stderr)")
      _ = try await county.json(["relief", "case", "green-channel", id, "--justification", "县镇村联动"], tokenFile: liApprover)
      let liPays = try await daemon.vetsctl(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "5000.00"], tokenFile: liClerk)
      #expect(liPays.status != 0 && liPays.stderr.contains("may not also pay"), "\(liPays.stdout) \(liPays.stderr)")
      let paid = try await county.json(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "5000.00"], tokenFile: zhangClerk)
      #expect(paid["status"] as? String == "CASE_STATUS_PAID", "\(paid)")
    }
  }

  @Test func theSeedsGreenChannelCaseIsApprovedPaidFollowedUpAndFiled() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let id = try await county.plannedCase()
      let approved = try await county.json(
        ["relief", "case", "green-channel", id, "--justification", "72岁兵支书身患癌症，妻子瘫痪，县镇村联动"], tokenFile: county.county)
      #expect(approved["greenChannel"] as? Bool == true)
      #expect((approved["approved"] as? [String: Any])?["fen"] as? String == "500000")
      let reserved = try await county.json(["relief", "fund", "balance", "assistance"])
      #expect((reserved["reserved"] as? [String: Any])?["fen"] as? String == "500000")

      let paid = try await county.json(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "5000.00"], tokenFile: county.clerk)
      #expect(paid["status"] as? String == "CASE_STATUS_PAID")
      let scheduled = try await county.json(["relief", "case", "schedule", id, "--count", "2"], tokenFile: county.clerk)
      #expect((scheduled["followUps"] as? [Any])?.count == 2)
      let events = try #require(scheduled["timeline"] as? [[String: Any]]).compactMap { $0["event"] as? String }
      #expect(events == ["opened", "assessed", "planned", "green_channel", "paid", "follow_up_scheduled"])

      let balance = try await county.json(["relief", "fund", "balance", "assistance"])
      #expect((balance["paid"] as? [String: Any])?["fen"] as? String == "500000")
      #expect((balance["available"] as? [String: Any])?["fen"] as? String == "1500000")
      let file = try await daemon.vetsctl(["registry", "household", "show", county.household])
      #expect(file.stdout.contains("困难帮扶：帮扶案件（一户一策）"), "\(file.stdout)")
      #expect(file.stdout.contains("已发放；批准5000.00元，已发放5000.00元；绿色通道；回访日期"), "\(file.stdout)")

      // The two follow-up visits, recorded; the household enters the needy roster.
      let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(secondsFromGMT: 8 * 3600)!, formatOptions: [.withFullDate])
      for units in [["县退役军人事务局", "镇退役军人服务站"], ["村老兵话吧"]] {
        let visit = try await county.json(
          ["relief", "visit", "record", "--person", county.rong, "--date", today, "--case-id", id, "--goods", "200.00"]
            + units.flatMap { ["--unit", $0] }, tokenFile: county.clerk)
        #expect(visit["caseId"] as? String == id)
      }
      let followed = try await county.json(["relief", "case", "show", id])
      #expect(followed["followUps"] == nil, "both scheduled follow-ups are done")
      let steps = try #require(followed["timeline"] as? [[String: Any]]).compactMap { $0["event"] as? String }
      #expect(steps.filter { $0 == "follow_up_visit" }.count == 2)
      let year = String(today.prefix(4))
      let review = "\(Int(year)! + 1)-06-30"
      _ = try await county.json(
        ["relief", "roster", "enter", county.household, "--level", "severe", "--reason", "重病", "--review", review], tokenFile: county.clerk)

      let filed = try await daemon.vetsctl(["registry", "household", "show", county.household])
      #expect(filed.stdout.contains("从退役军人帮扶基金发放5000.00元"), "\(filed.stdout)")
      #expect(filed.stdout.contains("村老兵话吧"))
      #expect(filed.stdout.contains("特别困难，重病"))
      let report = try await county.json(["relief", "report", "--year", year])
      #expect(report["casesOpened"] as? String == "1")
      #expect(report["casesApproved"] as? String == "1")
      #expect(report["casesPaid"] as? String == "1")
      #expect(report["greenChannelCases"] as? String == "1")
      #expect((report["amountPaid"] as? [String: Any])?["fen"] as? String == "500000")
      #expect(report["personVisits"] as? String == "2")
      #expect((report["visitValue"] as? [String: Any])?["fen"] as? String == "40000")
      #expect(report["rosterSize"] as? String == "1")
    }
  }

  @Test func theRosterKeepsHistoryAndAllowsReEntry() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let enter = ["relief", "roster", "enter", county.household, "--level", "needy", "--reason", "因病致困", "--review", "2099-01-01"]
      _ = try await county.json(enter, tokenFile: county.clerk)
      let twice = try await daemon.vetsctl(enter, tokenFile: county.clerk)
      #expect(twice.status == 1)
      #expect(twice.stderr.contains("already on the roster"))
      let past = try await daemon.vetsctl(
        ["relief", "roster", "enter", county.household, "--level", "needy", "--reason", "x", "--review", "2001-01-01"], tokenFile: county.clerk)
      #expect(past.status == 6, "a review date in the past: \(past.stderr)")
      _ = try await county.json(["relief", "roster", "exit", county.household, "--reason", "脱困"], tokenFile: county.clerk)
      _ = try await county.json(enter, tokenFile: county.clerk)
      let history = try await county.json(["relief", "roster", "list", "--history"])
      #expect((history["entries"] as? [Any])?.count == 2)
      let current = try await county.json(["relief", "roster", "list"])
      #expect((current["entries"] as? [Any])?.count == 1)
      let overdue = try await county.json(["relief", "roster", "overdue"])
      #expect(overdue["entries"] == nil, "no review date has passed")
      // Let the review date pass (the daemon's clock is the system's): it is now overdue.
      let aged = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"),
        ["-cmd", ".timeout 5000", daemon.databasePath, "UPDATE relief_roster SET next_review_on = '2020-01-01' WHERE exited_on IS NULL"])
      #expect(aged.status == 0, "\(aged.stderr)")
      let late = try await county.json(["relief", "roster", "overdue"])
      #expect((late["entries"] as? [[String: Any]])?.first?["householdId"] as? String == county.household)
    }
  }

  @Test func visitCashIsPaidThroughTheLedgerAndRefusedWhenTheFundIsShort() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon, fund: "800.00")
      let campaign = try await county.json(
        ["relief", "campaign", "create", "--name", "2026年春节走访", "--kind", "spring-festival", "--from", "2026-01-20", "--to", "2026-02-10"])
      let campaignID = try #require(campaign["id"] as? String)
      let visit = try await county.json(
        ["relief", "visit", "record", "--person", county.rong, "--date", "2026-02-01", "--unit", "县退役军人事务局", "--unit", "县妇联",
         "--campaign", campaignID, "--goods", "300.00", "--cash", "500.00"], tokenFile: county.clerk)
      #expect((visit["transferId"] as? String)?.isEmpty == false)
      let short = try await daemon.vetsctl(
        ["relief", "visit", "record", "--person", county.rong, "--date", "2026-02-01", "--unit", "县退役军人事务局", "--cash", "500.00"],
        tokenFile: county.clerk)
      #expect(short.status == 1)
      #expect(short.stderr.contains("300.00 yuan available"), "\(short.stderr)")
      let balance = try await county.json(["relief", "fund", "balance", "assistance"])
      #expect((balance["paid"] as? [String: Any])?["fen"] as? String == "50000")
      let report = try await county.json(["relief", "report", "--year", "2026"])
      let campaigns = try #require(report["campaigns"] as? [[String: Any]])
      #expect(campaigns.first?["personVisits"] as? String == "1")
      #expect((campaigns.first?["value"] as? [String: Any])?["fen"] as? String == "80000")
    }
  }

  @Test func theNormalReviewGoesVillageTownCountyAndRefusesEveryWrongStep() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let id = try await county.plannedCase(amount: "3000.00")
      let early = try await daemon.vetsctl(["relief", "case", "approve", id], tokenFile: county.village)
      #expect(early.status == 1, "not submitted yet: \(early.stderr)")
      _ = try await county.json(["relief", "case", "submit", id], tokenFile: county.clerk)

      let outOfOrder = try await daemon.vetsctl(["relief", "case", "approve", id], tokenFile: county.town)
      #expect(outOfOrder.status == 4)
      #expect(outOfOrder.stderr.contains("waits for a village-level approver"), "\(outOfOrder.stderr)")
      let selfApproval = try await daemon.vetsctl(["relief", "case", "approve", id])
      #expect(selfApproval.status == 4, "the admin token that opened nothing is not an approver: \(selfApproval.stderr)")
      let clerkApproval = try await daemon.vetsctl(["relief", "case", "approve", id], tokenFile: county.clerk)
      #expect(clerkApproval.status == 4)

      _ = try await county.json(["relief", "case", "approve", id, "--comment", "属实"], tokenFile: county.village)
      let twice = try await daemon.vetsctl(["relief", "case", "approve", id], tokenFile: county.village)
      #expect(twice.status == 4)
      let wrongTown = try await daemon.vetsctl(["relief", "case", "approve", id], tokenFile: county.otherTown)
      #expect(wrongTown.status == 4)
      #expect(wrongTown.stderr.contains("outside"), "\(wrongTown.stderr)")
      _ = try await county.json(["relief", "case", "approve", id], tokenFile: county.town)
      let done = try await county.json(["relief", "case", "approve", id], tokenFile: county.county)
      #expect(done["status"] as? String == "CASE_STATUS_APPROVED")
      #expect((done["decisions"] as? [Any])?.count == 3)
      #expect(done["daysToApproval"] as? Int == 0, "approved the day it was opened: \(String(describing: done["daysToApproval"]))")
      #expect(done["daysToPayment"] == nil, "not paid yet, so not set")
    }
  }

  @Test func aClerkCannotTakeADecision() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let id = try await county.plannedCase()
      let clerkTries = try await daemon.vetsctl(["relief", "case", "green-channel", id, "--justification", "x"], tokenFile: county.clerk)
      #expect(clerkTries.status == 4, "a clerk is no approver: \(clerkTries.stderr)")
      #expect(clerkTries.stderr.contains("needs the role approver"))
    }
  }

  @Test func greenChannelNeedsACountyApproverAJustificationAndAnAmountWithinTheLimit() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let big = try await county.plannedCase(amount: "5000.01")
      let overLimit = try await daemon.vetsctl(["relief", "case", "green-channel", big, "--justification", "急"], tokenFile: county.county)
      #expect(overLimit.status == 1)
      #expect(overLimit.stderr.contains("green-channel limit of 5000.00 yuan"), "\(overLimit.stderr)")
      _ = try await county.json(["relief", "case", "plan", big, "--measures", "救助", "--amount", "4000.00"], tokenFile: county.clerk)
      let noReason = try await daemon.vetsctl(["relief", "case", "green-channel", big, "--justification", ""], tokenFile: county.county)
      #expect(noReason.status == 6)
      #expect(noReason.stderr.contains("justification"))
      let townLevel = try await daemon.vetsctl(["relief", "case", "green-channel", big, "--justification", "急"], tokenFile: county.town)
      #expect(townLevel.status == 4)
      #expect(townLevel.stderr.contains("GreenChannelCase concerns the whole county"), "\(townLevel.stderr)")
      let shown = try await county.json(["relief", "case", "show", big])
      #expect(shown["status"] as? String == "CASE_STATUS_PLANNED", "refusals changed nothing")
    }
  }

  @Test func aRejectionNeedsAPolicyReasonAndTheOpenerSeesIt() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let id = try await county.plannedCase()
      _ = try await county.json(["relief", "case", "submit", id], tokenFile: county.clerk)
      let noReason = try await daemon.vetsctl(["relief", "case", "reject", id, "--reason", "不符合"], tokenFile: county.village)
      #expect(noReason.status == 6)
      #expect(noReason.stderr.contains("policy reason"), "\(noReason.stderr)")
      _ = try await county.json(
        ["relief", "case", "reject", id, "--reason", "income_above_threshold", "--detail", "人均收入高于低保线"], tokenFile: county.village)
      let seen = try await county.json(["relief", "case", "show", id], tokenFile: county.clerk)
      #expect(seen["rejectionReason"] as? String == "income_above_threshold")
      #expect(seen["rejectionDetail"] as? String == "人均收入高于低保线")
      // A rejected case no longer blocks a new one for the household.
      let again = try await daemon.vetsctl(
        ["relief", "case", "open", "--household", county.household, "--source", "self-report", "--reported-by", "本人"], tokenFile: county.clerk)
      #expect(again.status == 0, "\(again.stderr)")
    }
  }

  @Test func oneOpenCasePerHousehold() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      _ = try await county.plannedCase()
      let second = try await daemon.vetsctl(
        ["relief", "case", "open", "--household", county.household, "--source", "visit", "--reported-by", "x"], tokenFile: county.clerk)
      #expect(second.status == 1)
      #expect(second.stderr.contains("one plan per household"), "\(second.stderr)")
    }
  }

  @Test func shortFundsFailTheApprovalWithTheAvailableFigureAndChangeNothing() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon, fund: "1000.00")
      let id = try await county.plannedCase(amount: "3000.00")
      let refused = try await daemon.vetsctl(["relief", "case", "green-channel", id, "--justification", "急"], tokenFile: county.county)
      #expect(refused.status == 1)
      #expect(refused.stderr.contains("1000.00 yuan available"), "\(refused.stderr)")
      let shown = try await county.json(["relief", "case", "show", id])
      #expect(shown["status"] as? String == "CASE_STATUS_PLANNED")
      #expect(shown["greenChannel"] as? Bool != true)
      let balance = try await county.json(["relief", "fund", "balance", "assistance"])
      #expect((balance["reserved"] as? [String: Any])?["fen"] == nil, "nothing reserved (0 is omitted in JSON)")
    }
  }

  @Test func paymentToADeceasedOrOutsidePayeeIsRefusedAndInstalmentsStopAtTheApprovedAmount() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let id = try await county.plannedCase(amount: "4000.00")
      _ = try await county.json(["relief", "case", "green-channel", id, "--justification", "急"], tokenFile: county.county)
      let wife = try await county.json(["registry", "person", "get", county.wife])
      let version = try #require(wife["version"] as? String)
      _ = try await county.json(["registry", "person", "mark-deceased", county.wife, "--version", version, "--date", "2026-11-01"])
      let toDeceased = try await daemon.vetsctl(
        ["relief", "case", "pay", id, "--payee", county.wife, "--amount", "100.00"], tokenFile: county.clerk)
      #expect(toDeceased.status == 1)
      #expect(toDeceased.stderr.contains("not an active, living person"), "\(toDeceased.stderr)")

      _ = try await county.json(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "2500.00"], tokenFile: county.clerk)
      let tooMuch = try await daemon.vetsctl(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "1500.01"], tokenFile: county.clerk)
      #expect(tooMuch.status == 1)
      let rest = try await county.json(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "1500.00"], tokenFile: county.clerk)
      #expect(rest["status"] as? String == "CASE_STATUS_PAID")
      #expect((rest["paid"] as? [String: Any])?["fen"] as? String == "400000")
    }
  }

  // MARK: Issue 15: payments as the clerk reads them

  /// Green-channels a planned case as the county approver.
  static func approved(_ county: County, amount: String) async throws -> String {
    let id = try await county.plannedCase(amount: amount)
    _ = try await county.json(["relief", "case", "green-channel", id, "--justification", "县镇村联动"], tokenFile: county.county)
    return id
  }

  static func events(_ shown: [String: Any], _ kind: String) throws -> [String] {
    try #require(shown["timeline"] as? [[String: Any]]).filter { $0["event"] as? String == kind }.compactMap { $0["detail"] as? String }
  }

  @Test func everyFirstPaymentReadsAsAPaymentAndOnlyARepeatedOneAsARetry() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      for round in 1...10 {
        let id = try await Self.approved(county, amount: "100.00")
        let paid = try await county.json(
          ["relief", "case", "pay", id, "--payee", county.rong, "--amount", "100.00", "--request-id", "pay-\(round)"], tokenFile: county.clerk)
        #expect(try Self.events(paid, "paid") == ["发放100.00元给荣庆华（\(county.rong)）"], "round \(round)")
        _ = try await county.json(["relief", "case", "close", id, "--outcome", "已救助"], tokenFile: county.clerk)
      }
      // A payment made again by another token with the same request_id moves no money and says so.
      let id = try await Self.approved(county, amount: "100.00")
      let pay = ["relief", "case", "pay", id, "--payee", county.rong, "--amount", "60.00", "--request-id", "pay-again"]
      _ = try await county.json(pay, tokenFile: county.clerk)
      let again = try await county.json(pay)
      #expect(try Self.events(again, "paid") == ["发放60.00元给荣庆华（\(county.rong)）", "重复提交的发放\(id):pay:pay-again，未重复发放"])
      #expect((again["paid"] as? [String: Any])?["fen"] as? String == "6000")
    }
  }

  @Test func aMinorIsNeverPaidDirectly() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let child = try await county.json([
        "registry", "person", "add", "--id-number", residentID(born: "2012-05-01", sequence: "004"), "--name", "荣小华",
        "--sex", "female", "--birth-date", "2012-05-01", "--category", "serving_member_family:child", "--village", "370830001001",
      ])
      let childID = try #require(child["id"] as? String)
      let added = try await daemon.vetsctl(["registry", "household", "add-member", county.household, childID, "--relation", "孙女"])
      #expect(added.status == 0, "\(added.stderr)")
      let id = try await Self.approved(county, amount: "3000.00")
      let refused = try await daemon.vetsctl(["relief", "case", "pay", id, "--payee", childID, "--amount", "3000.00"], tokenFile: county.clerk)
      #expect(refused.status == 1, "\(refused.stderr)")
      #expect(refused.stderr.contains("under 18") && refused.stderr.contains("a minor is not paid directly"), "\(refused.stderr)")
      let balance = try await county.json(["relief", "fund", "balance", "assistance"])
      #expect((balance["paid"] as? [String: Any])?["fen"] as? String == nil, "nothing was paid: \(balance)")
      let paid = try await county.json(["relief", "case", "pay", id, "--payee", county.wife, "--amount", "3000.00"], tokenFile: county.clerk)
      #expect(paid["status"] as? String == "CASE_STATUS_PAID")
    }
  }

  /// Issue 18, item 7: a household member with no entitled category (the son, by relation to
  /// the head only) is registered only when the clerk says so, is in the household file, may
  /// be paid, and counts in none of the registry's figures of entitled people.
  @Test func aHouseholdMemberWithNoCategoryIsInTheFileMayBePaidAndCountsInNoCategory() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let son = ["registry", "person", "add", "--id-number", residentID(born: "1978-05-04", sequence: "031"), "--name", "荣志强",
                 "--village", "370830001001"]
      let forgot = try await daemon.vetsctl(son)
      #expect(forgot.status == 2 && forgot.stderr.contains("--no-category"), "a category left out is a slip until said: \(forgot.stderr)")
      let added = try await county.json(son + ["--no-category"])
      let sonID = try #require(added["id"] as? String, "\(added)")
      #expect((added["data"] as? [String: Any])?["categories"] == nil, "\(added)")
      _ = try await county.json(["registry", "household", "add-member", county.household, sonID, "--relation", "子女"])
      // Joining a household is not a change of his record: the version read before still holds.
      let version = try #require(added["version"] as? String, "\(added)")
      let joined = try await county.json(["registry", "person", "get", sonID])
      #expect(joined["version"] as? String == version && joined["householdId"] as? String == county.household, "\(joined)")
      let phoned = try await daemon.vetsctl(["registry", "person", "update", sonID, "--version", version, "--phone", "13812345678"])
      #expect(phoned.status == 0, "\(phoned.stderr)")
      let listed = try await daemon.vetsctl(["registry", "person", "list"], language: nil)
      #expect(listed.stdout.split(separator: "\n").contains { $0.contains("荣志强") && $0.contains("无（家庭成员）") }, "\(listed.stdout)")

      let id = try await Self.approved(county, amount: "200.00")
      let paid = try await county.json(["relief", "case", "pay", id, "--payee", sonID, "--amount", "200.00"], tokenFile: county.clerk)
      #expect(paid["status"] as? String == "CASE_STATUS_PAID", "an adult member of the household may be the payee: \(paid)")
      let file = try await daemon.vetsctl(["registry", "household", "show", county.household])
      #expect(file.stdout.split(separator: "\n").contains { $0.contains(sonID) && $0.contains("荣志强") && $0.contains("子女") }, "\(file.stdout)")

      let stats = try await county.json(["registry", "stats"])
      #expect(stats["people"] as? String == "3" && stats["withoutCategory"] as? String == "1", "\(stats)")
      let counted = (stats["byTownAndCategory"] as? [[String: Any]] ?? []).compactMap { Int($0["count"] as? String ?? "") }.reduce(0, +)
      #expect(counted == 2, "the head and his wife, each in their one category: \(stats)")
      let bands = (stats["byAgeBand"] as? [[String: Any]] ?? []).compactMap { Int($0["count"] as? String ?? "") }.reduce(0, +)
      #expect(bands == 2, "the son is in no age band of entitled people: \(stats)")
    }
  }

  /// The ledger names what a clerk reads beside its codes and ids: each account, and the
  /// household a case's money is for; the daemon's own memos are Chinese.
  @Test func theLedgerNamesItsAccountsAndTheHouseholdsItPays() async throws {
    try await TestDaemon.with { daemon in
      let county = try await County.make(daemon)
      let id = try await Self.approved(county, amount: "100.00")
      _ = try await county.json(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "100.00"], tokenFile: county.clerk)

      let ledger = try await county.json(["relief", "fund", "ledger", "assistance"])
      let names = try #require(ledger["names"] as? [String: String], "\(ledger)")
      #expect(names["assistance"] == "退役军人帮扶基金" && names["army-support"] == "爱国拥军协会", "\(names)")
      #expect(names["payees"] == "发放给家庭户", "the payees account is named in Chinese: \(names)")
      #expect(names[id] == "荣庆华户", "the case's household by its head: \(names)")
      let reserve = (ledger["transfers"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "\(id):reserve" }
      #expect(reserve?["memo"] as? String == "帮扶个案 \(id) 批准金额", "\(ledger)")

      let table = try await daemon.vetsctl(["relief", "fund", "ledger", "assistance"], language: nil)
      let paid = try #require(table.stdout.split(separator: "\n").first { $0.contains("\(id):pay") }, "\(table.stdout)")
      #expect(paid.contains("退役军人帮扶基金") && paid.contains("发放给家庭户") && paid.contains("荣庆华户"), "\(table.stdout)")
      let balance = try await daemon.vetsctl(["relief", "fund", "balance", "assistance"], language: nil)
      #expect(balance.stdout.contains("退役军人帮扶基金"), "\(balance.stdout)")
      #expect(try await county.json(["relief", "fund", "balance", "assistance"])["fundName"] as? String == "退役军人帮扶基金")

      // A step the case's state does not allow is refused in the glossary's words.
      let again = try await daemon.vetsctl(["relief", "case", "approve", id], tokenFile: county.county, language: nil)
      #expect(again.status == 1 && again.stderr.contains("帮扶个案 \(id) 目前为“已发放”，只有“审核中”的个案才能审批"), "\(again.stderr)")
    }
  }

  /// The household file, the ledger's date filter and the times vetsctl prints all take the
  /// day and the clock in China, on both sides of midnight there (16:00 UTC), and the report
  /// its year: 00:30 on New Year's Day in China is the new year.
  @Test(arguments: [
    ("2026-12-01T23:22:00Z", "2026-12-02", "2026-12-01", "07:2"), ("2026-12-01T15:50:00Z", "2026-12-01", "2026-11-30", "23:5"),
    ("2026-12-31T16:30:00Z", "2027-01-01", "2026-12-31", "00:3"),
  ])
  func aPaymentIsDatedByItsDayInChina(start: String, day: String, dayBefore: String, clock: String) async throws {
    try await TestDaemon.with(environment: ["VETSD_FIXTURE_START": start]) { daemon in
      let county = try await County.make(daemon)
      let id = try await Self.approved(county, amount: "100.00")
      _ = try await county.json(["relief", "case", "pay", id, "--payee", county.rong, "--amount", "100.00"], tokenFile: county.clerk)
      let file = try await daemon.vetsctl(["registry", "household", "show", county.household])
      #expect(file.stdout.contains("\(day) 从退役军人帮扶基金发放100.00元"), "started at \(start): \(file.stdout)")

      let thatDay = try await daemon.vetsctl(["relief", "fund", "ledger", "assistance", "--from", day, "--to", day])
      let moves = thatDay.stdout.split(separator: "\n").filter { $0.contains("100.00") }
      #expect(!moves.isEmpty && moves.allSatisfy { $0.hasPrefix("\(day) \(clock)") }, "stamped in China time: \(thatDay.stdout)")
      let before = try await daemon.vetsctl(["relief", "fund", "ledger", "assistance", "--from", dayBefore, "--to", dayBefore])
      #expect(before.status == 0 && !before.stdout.contains("100.00"), "nothing moved the day before: \(before.stdout)")

      // The year's report counts the payment in the year of its day in China.
      let year = String(day.prefix(4))
      #expect(try await county.json(["relief", "report", "--year", year])["casesPaid"] as? String == "1", "paid in \(year)")
      if !dayBefore.hasPrefix(year) {
        let previous = try await county.json(["relief", "report", "--year", String(dayBefore.prefix(4))])
        #expect(previous["casesPaid"] == nil, "nothing paid in the year before: \(previous)")
      }
    }
  }
}
