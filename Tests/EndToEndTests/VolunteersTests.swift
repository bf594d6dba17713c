import Foundation
import GRPCCore
import TestSupport
import Testing
import VetsAPI

/// The volunteers module end to end: the real daemon, the real CLI.
@Suite(.serialized) struct VolunteersTests {
  /// An association with a member unit, two groups, a volunteer and a linked veteran, on the
  /// relief tests' county (东关村 in 中都街道), and a coordinator for 中都街道.
  struct Network {
    let county: ReliefCaseTests.County
    let association: String
    let unit: String
    let housekeeping: String
    let troupe: String
    let volunteer: String
    let veteran: String
    let coordinator: String

    var daemon: TestDaemon { county.daemon }

    func json(_ arguments: [String], tokenFile: String? = nil) async throws -> [String: Any] {
      try await county.json(arguments, tokenFile: tokenFile)
    }

    static func make(_ daemon: TestDaemon) async throws -> Network {
      let county = try await ReliefCaseTests.County.make(daemon)
      func id(_ arguments: [String]) async throws -> String {
        try #require(try await county.json(["volunteers"] + arguments)["id"] as? String)
      }
      let association = try await id(["org", "add", "--name", "汶上县爱国拥军促进会", "--type", "association", "--town", "370830001", "--joined", "2018-05-01"])
      let unit = try await id([
        "org", "add", "--name", "中都家政服务公司", "--type", "enterprise_unit", "--town", "370830001", "--association", association,
        "--credit-code", "91370830MA3C4KXQ2W", "--joined", "2019-01-01",
      ])
      let housekeeping = try await id(["group", "add", "--name", "雷锋家政", "--organisation", association, "--direction", "support_military", "--founded", "2018-06-01"])
      let troupe = try await id(["group", "add", "--name", "拥军艺术团", "--organisation", association, "--direction", "support_people", "--founded", "2019-03-01"])
      let volunteer = try await id([
        "member", "add", "--name", "李红梅", "--phone", "13812345678", "--skill", "家政", "--skill", "护理", "--group", housekeeping,
        "--joined", "2018-07-01",
      ])
      let veteran = try await id(["member", "add", "--name", "荣庆华", "--person", county.rong, "--group", troupe, "--joined", "2019-04-01"])
      return Network(
        county: county, association: association, unit: unit, housekeeping: housekeeping, troupe: troupe, volunteer: volunteer,
        veteran: veteran, coordinator: try await daemon.createToken(role: "coordinator", scope: "town:370830001", name: "zhongdu-coordinator").file)
    }

    /// Plans an activity in 东关村 and returns its id.
    func plan(
      _ title: String, start: String, end: String, groups: [String]? = nil, people: [String] = [], households: [String] = [], headCount: Int = 0
    ) async throws -> String {
      var arguments = ["volunteers", "activity", "plan", "--title", title, "--kind", "housekeeping", "--start", start, "--end", end,
                       "--place-code", "370830001001", "--place", "东关村", "--head-count", String(headCount)]
      for group in groups ?? [housekeeping] { arguments += ["--group", group] }
      for person in people { arguments += ["--person", person] }
      for household in households { arguments += ["--household", household] }
      return try #require(try await json(arguments)["id"] as? String)
    }

    func hours(_ activity: String, _ member: String, _ hours: String, corrects: String? = nil, tokenFile: String? = nil) async throws -> Finished {
      try await daemon.vetsctl(
        ["volunteers", "activity", "record-hours", activity, "--member", member, "--hours=\(hours)", "--output", "json"]
          + (corrects.map { ["--corrects", $0] } ?? []), tokenFile: tokenFile)
    }

    func memberHours(_ member: String) async throws -> (approved: Int, pending: Int, entries: [[String: Any]]) {
      let json = try await json(["volunteers", "member", "hours", member])
      return (Int(json["approvedMinutes"] as? String ?? "0")!, Int(json["pendingMinutes"] as? String ?? "0")!,
              json["entries"] as? [[String: Any]] ?? [])
    }
  }

  static func fen(_ json: [String: Any], _ key: String) -> Int {
    Int((json[key] as? [String: Any])?["fen"] as? String ?? "0")!
  }

  @Test func hoursMustBePositiveWithinTheDurationAndAtMostADay() async throws {
    try await TestDaemon.with { daemon in
      let net = try await Network.make(daemon)
      let morning = try await net.plan("上门保洁", start: "2025-03-05 09:00", end: "2025-03-05 11:00")

      for bad in ["0", "-1"] {
        let refused = try await net.hours(morning, net.volunteer, bad)
        #expect(refused.status == 6, "\(bad): \(refused.stderr)")
        #expect(refused.stderr.contains("minutes: must be greater than zero"), "\(refused.stderr)")
      }
      let tooLong = try await net.hours(morning, net.volunteer, "2.5")
      #expect(tooLong.status == 6)
      #expect(tooLong.stderr.contains("at most the activity's duration of 120 minutes (got 150)"), "\(tooLong.stderr)")
      #expect(try await net.memberHours(net.volunteer).entries.isEmpty)

      #expect(try await net.hours(morning, net.volunteer, "2").status == 0)
      // 23 hours on one long day, then an evening activity that starts the same day.
      let vigil = try await net.plan("彻夜守护", start: "2025-03-05 00:00", end: "2025-03-05 23:30")
      let evening = try await net.plan("夜间陪护", start: "2025-03-05 23:00", end: "2025-03-06 03:00")
      #expect(try await net.hours(vigil, net.volunteer, "21").status == 0)
      let overDay = try await net.hours(evening, net.volunteer, "1.5")
      #expect(overDay.status == 1)
      #expect(overDay.stderr.contains("already has 1380 minutes on 2025-03-05") && overDay.stderr.contains("24 hours"), "\(overDay.stderr)")
      #expect(try await net.hours(evening, net.volunteer, "1").status == 0)
      let after = try await net.memberHours(net.volunteer)
      #expect(after.pending == 120 + 21 * 60 + 60)
      #expect(after.entries.count == 3)
    }
  }

  @Test func approvedHoursAreCorrectedByANewEntryNeverEdited() async throws {
    try await TestDaemon.with { daemon in
      let net = try await Network.make(daemon)
      let visit = try await net.plan("走访慰问", start: "2025-04-01 14:00", end: "2025-04-01 17:00")
      let first = try #require(try json(try await net.hours(visit, net.volunteer, "2"))["id"] as? String)
      let again = try await net.hours(visit, net.volunteer, "3")
      #expect(again.status == 1)
      #expect(again.stderr.contains("already has hours entry \(first)") && again.stderr.contains("corrects"), "\(again.stderr)")

      _ = try await net.json(["volunteers", "activity", "complete", visit])
      let approved = try await net.json(["volunteers", "activity", "approve-hours", visit], tokenFile: net.coordinator)
      #expect(approved["status"] as? String == "ACTIVITY_STATUS_HOURS_APPROVED")

      let correction = try json(try await net.hours(visit, net.volunteer, "2.5", corrects: first))
      #expect(correction["corrects"] as? String == first)
      #expect(correction["status"] as? String == "HOURS_STATUS_PENDING")
      let shown = try await net.json(["volunteers", "activity", "show", visit])
      #expect(shown["status"] as? String == "ACTIVITY_STATUS_DONE", "new pending hours reopen approval")
      let entries = try #require(shown["hours"] as? [[String: Any]])
      let original = try #require(entries.first { $0["id"] as? String == first })
      #expect(original["status"] as? String == "HOURS_STATUS_CORRECTED")
      #expect(original["minutes"] as? Int == 120, "the approved entry keeps its value")
      #expect(original["approvedAt"] != nil)
      // Correcting the corrected entry again is refused: only the entry in force is corrected.
      let stale = try await net.hours(visit, net.volunteer, "1", corrects: first)
      #expect(stale.status == 1)
      #expect(stale.stderr.contains("is not the entry in force"), "\(stale.stderr)")
      let totals = try await net.memberHours(net.volunteer)
      #expect(totals.approved == 0 && totals.pending == 150)

      // The database refuses an edit of an approved entry even from outside the daemon.
      let edit = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"), [daemon.databasePath, "UPDATE volunteers_hours SET minutes = 1 WHERE id = '\(first)'"])
      #expect(edit.status != 0)
      #expect(edit.stderr.contains("never edited"), "\(edit.stderr)")
    }
  }

  @Test func onlyCoordinatorsApproveHoursAndOnlyInTheirScope() async throws {
    try await TestDaemon.with { daemon in
      let net = try await Network.make(daemon)
      let activity = try await net.plan("义务理发", start: "2025-05-10 08:00", end: "2025-05-10 12:00")
      #expect(try await net.hours(activity, net.volunteer, "3").status == 0)
      let early = try await daemon.vetsctl(["volunteers", "activity", "approve-hours", activity], tokenFile: net.coordinator)
      #expect(early.status == 1)
      #expect(early.stderr.contains("is planned"), "\(early.stderr)")
      _ = try await net.json(["volunteers", "activity", "complete", activity])

      let countyClerk = try await daemon.createToken(role: "clerk", name: "county-clerk").file
      let otherTown = try await daemon.createToken(role: "coordinator", scope: "town:370830002", name: "nanwang-coordinator").file
      let village = try await daemon.createToken(role: "coordinator", scope: "village:370830001001", name: "dongguan-coordinator").file
      for (token, why) in [(daemon.tokenFile, "admin"), (countyClerk, "clerk"), (net.county.county, "approver"), (otherTown, "another town")] {
        let refused = try await daemon.vetsctl(["volunteers", "activity", "approve-hours", activity], tokenFile: token)
        #expect(refused.status == 4, "\(why): \(refused.stderr)")
      }
      #expect(try await net.memberHours(net.volunteer).pending == 180, "refused approvals changed nothing")
      let approved = try await net.json(["volunteers", "activity", "approve-hours", activity], tokenFile: village)
      #expect(approved["status"] as? String == "ACTIVITY_STATUS_HOURS_APPROVED")
      let entry = try #require((approved["hours"] as? [[String: Any]])?.first)
      #expect(entry["approvedBy"] as? String != nil)
      #expect(try await net.memberHours(net.volunteer).approved == 180)
      let twice = try await daemon.vetsctl(["volunteers", "activity", "approve-hours", activity], tokenFile: net.coordinator)
      #expect(twice.stderr.contains("no pending hours"), "\(twice.stderr)")
    }
  }

  @Test func moneyRaisedIsDepositedIntoReliefOnce() async throws {
    try await TestDaemon.with { daemon in
      let net = try await Network.make(daemon)
      let gala = try await net.plan("八一拥军义演", start: "2025-08-01 19:00", end: "2025-08-01 21:30", groups: [net.troupe])
      let money = try await net.json(["volunteers", "activity", "raise", gala, "--donor", "中都商会", "--money", "3000.00"])
      let goods = try await net.json(
        ["volunteers", "activity", "raise", gala, "--donor", "南旺超市", "--goods", "800.00", "--description", "米面油 40 份"])
      let moneyID = try #require(money["id"] as? String)
      let before = Self.fen(try await net.json(["relief", "fund", "balance", "assistance"]), "received")

      let deposit = ["volunteers", "activity", "deposit", moneyID, "--fund", "assistance", "--source", "army-support"]
      let first = try await net.json(deposit + ["--request-id", "gala-deposit-1"])
      let transfer = try #require(first["depositTransferId"] as? String)
      let replayed = try await net.json(deposit + ["--request-id", "gala-deposit-1"])
      let retried = try await net.json(deposit + ["--request-id", "gala-deposit-2"])
      #expect(replayed["depositTransferId"] as? String == transfer)
      #expect(retried["depositTransferId"] as? String == transfer)
      #expect(Self.fen(try await net.json(["relief", "fund", "balance", "assistance"]), "received") == before + 300_000)

      let ledger = try await net.json(["relief", "fund", "ledger", "assistance"])
      let linked = (ledger["transfers"] as? [[String: Any]] ?? []).filter { $0["link"] as? String == "activity:\(gala)" }
      #expect(linked.count == 1)
      #expect(Self.fen(linked.first ?? [:], "amount") == 300_000)

      let elsewhere = try await daemon.vetsctl(["volunteers", "activity", "deposit", moneyID, "--fund", "other-fund", "--source", "army-support"])
      #expect(elsewhere.status == 1)
      #expect(elsewhere.stderr.contains("already deposited into fund assistance"), "\(elsewhere.stderr)")
      let goodsDeposit = try await daemon.vetsctl(
        ["volunteers", "activity", "deposit", try #require(goods["id"] as? String), "--fund", "assistance", "--source", "army-support"])
      #expect(goodsDeposit.status == 1)
      #expect(goodsDeposit.stderr.contains("is goods"), "\(goodsDeposit.stderr)")
      // The ledger's own rule: only county tokens move money into the fund.
      let more = try #require(try await net.json(["volunteers", "activity", "raise", gala, "--donor", "退役军人", "--money", "50"])["id"] as? String)
      let town = try await daemon.vetsctl(
        ["volunteers", "activity", "deposit", more, "--fund", "assistance", "--source", "army-support"], tokenFile: net.coordinator)
      #expect(town.status == 4, "\(town.stderr)")
      #expect(town.stderr.contains("county"), "\(town.stderr)")
      let shown = try await net.json(["volunteers", "activity", "show", gala])
      #expect((shown["raised"] as? [[String: Any]])?.first { $0["id"] as? String == more }?["depositTransferId"] == nil)
      #expect(Self.fen(try await net.json(["relief", "fund", "balance", "assistance"]), "received") == before + 300_000)
    }
  }

  @Test func depositsAreRefusedWhileReliefIsOff() async throws {
    try await TestDaemon.with(config: "[modules]\nenabled = [\"registry\", \"volunteers\"]\n") { daemon in
      let divisions = daemon.root.appendingPathComponent("divisions.csv").path
      try "code,name\n370830001,中都街道\n370830001001,东关村\n".write(toFile: divisions, atomically: true, encoding: .utf8)
      #expect(try await daemon.vetsctl(["registry", "division", "import", divisions]).status == 0)
      func id(_ arguments: [String]) async throws -> String {
        let result = try await daemon.vetsctl(["volunteers"] + arguments + ["--output", "json"])
        return try #require(try json(result)["id"] as? String)
      }
      let org = try await id(["org", "add", "--name", "拥军协会", "--type", "association", "--town", "370830001"])
      let group = try await id(["group", "add", "--name", "雷锋家政", "--organisation", org, "--direction", "support_military"])
      let activity = try await id([
        "activity", "plan", "--group", group, "--title", "募捐", "--kind", "fundraising", "--start", "2025-01-05 09:00", "--end",
        "2025-01-05 11:00", "--place-code", "370830001",
      ])
      let donation = try await id(["activity", "raise", activity, "--donor", "爱心企业", "--money", "100"])

      var request = Vets_Volunteers_V1_DepositDonationRequest()
      request.requestID = "deposit-while-off"
      request.donationID = donation
      request.fund = "assistance"
      request.source = "army-support"
      let metadata = try daemon.metadata()
      do {
        _ = try await daemon.withClient { client in
          try await Vets_Volunteers_V1_VolunteerService.Client(wrapping: client).depositDonation(request, metadata: metadata)
        }
        Issue.record("a deposit with relief off succeeded")
      } catch let error as RPCError {
        #expect(error.code == .failedPrecondition)
        #expect(error.message.contains("the relief module is off"), "\(error.message)")
      }
      let shown = try json(try await daemon.vetsctl(["volunteers", "activity", "show", activity, "--output", "json"]))
      #expect((shown["raised"] as? [[String: Any]])?.first?["depositTransferId"] == nil, "the donation is still not deposited")
    }
  }

  @Test func aLinkedVeteranVolunteerResolvesThroughTheRegistry() async throws {
    try await TestDaemon.with { daemon in
      let net = try await Network.make(daemon)
      let list = try await net.json(["volunteers", "member", "list", "--linked"])
      let members = try #require(list["members"] as? [[String: Any]])
      #expect(members.count == 1)
      let person = try #require(members.first?["person"] as? [String: Any])
      #expect(members.first?["personId"] as? String == net.county.rong)
      #expect(person["name"] as? String == "荣庆华")
      #expect(person["veteran"] as? Bool == true)
      #expect(person["active"] as? Bool == true)

      let unknown = try await daemon.vetsctl(["volunteers", "member", "add", "--name", "张三", "--person", "per_0000000000000000"])
      #expect(unknown.status == 5)
      #expect(unknown.stderr.contains("member.person_id"), "\(unknown.stderr)")
      let twice = try await daemon.vetsctl(["volunteers", "member", "add", "--name", "荣庆华", "--person", net.county.rong])
      #expect(twice.status == 1)
      #expect(twice.stderr.contains("is already member \(net.veteran)"), "\(twice.stderr)")

      // Roles that see masked registry data see masked phones.
      let auditor = try await daemon.createToken(role: "auditor", name: "auditor").file
      let masked = try await net.json(["volunteers", "group", "show", net.housekeeping], tokenFile: auditor)
      #expect((masked["members"] as? [[String: Any]])?.first?["phone"] as? String == "138****5678")
      let full = try await net.json(["volunteers", "group", "show", net.housekeeping])
      #expect((full["members"] as? [[String: Any]])?.first?["phone"] as? String == "13812345678")
    }
  }

  /// Each refusal names the flag the clerk typed; the wire names the field (Tests/Interop/python).
  @Test func badInputIsRefusedNamingTheFieldAndChangesNothing() async throws {
    try await TestDaemon.with { daemon in
      let net = try await Network.make(daemon)
      let plan = ["volunteers", "activity", "plan", "--group", net.housekeeping, "--title", "走访", "--kind", "visit"]
      let cases: [([String], Int32, String)] = [
        (plan + ["--start", "2025-03-05 11:00", "--end", "2025-03-05 09:00", "--place-code", "370830001001"], 6, "--end: "),
        (plan + ["--start", "2025-03-01 09:00", "--end", "2025-03-09 09:00", "--place-code", "370830001001"], 6, "--end: "),
        (plan + ["--start", "2025-03-05 09:00", "--end", "2025-03-05 11:00", "--place-code", "37083000100"], 6, "--place-code: "),
        (plan + ["--start", "2025-03-05 09:00", "--end", "2025-03-05 11:00", "--place-code", "370830001001", "--person", "per_0000000000000000"],
         5, "activity.beneficiaries.person_ids"),
        (plan + ["--start", "2025-03-05 09:00", "--end", "2025-03-05 11:00", "--place-code", "370830001001", "--head-count=-3"], 6,
         "--head-count: "),
        (["volunteers", "activity", "plan", "--group", "grp_0000000000000000", "--title", "走访", "--kind", "visit", "--start", "2025-03-05 09:00",
          "--end", "2025-03-05 11:00", "--place-code", "370830001001"], 5, "activity.group_ids"),
        (["volunteers", "org", "add", "--name", "坏代码协会", "--type", "social", "--town", "370830001", "--credit-code", "91370830MA3C4KXQ2X"], 6,
         "--credit-code: "),
        (["volunteers", "org", "add", "--name", "挂靠单位", "--type", "social", "--town", "370830001", "--association", net.unit], 6,
         "--association: "),
        (["volunteers", "member", "add", "--name", "王五", "--phone", "12345"], 6, "--phone: "),
        (["volunteers", "group", "add", "--name", "", "--organisation", net.association, "--direction", "support_military"], 6, "--name: "),
        (["volunteers", "activity", "list", "--page-size", "100000"], 6, "page"),
        (["volunteers", "report", "--year", "1999"], 6, "year"),
      ]
      for (arguments, status, field) in cases {
        let result = try await daemon.vetsctl(arguments)
        #expect(result.status == status, "\(arguments.joined(separator: " ")): \(result.stderr)")
        #expect(result.stderr.contains(field), "\(arguments.joined(separator: " ")): \(result.stderr)")
      }
      let activities = try await net.json(["volunteers", "activity", "list"])
      #expect((activities["activities"] as? [Any] ?? []).isEmpty)
      let organisations = try await net.json(["volunteers", "org", "list"])
      #expect((organisations["organisations"] as? [Any])?.count == 2)

      // A coordinator plans only inside its scope.
      let outside = try await daemon.vetsctl(
        ["volunteers", "activity", "plan", "--group", net.housekeeping, "--title", "走访", "--kind", "visit", "--start", "2025-03-05 09:00",
         "--end", "2025-03-05 11:00", "--place-code", "370830002001"], tokenFile: net.coordinator)
      #expect(outside.status == 4, "\(outside.stderr)")
      // Cancelling a done activity names its state.
      let done = try await net.plan("走访", start: "2025-03-05 09:00", end: "2025-03-05 11:00")
      _ = try await net.json(["volunteers", "activity", "complete", done])
      let cancel = try await daemon.vetsctl(["volunteers", "activity", "cancel", done, "--reason", "下雨"])
      #expect(cancel.status == 1)
      #expect(cancel.stderr.contains("activity \(done) is done"), "\(cancel.stderr)")
    }
  }

  @Test func aYearOfActivitiesAddsUpInTheReportAndTheHouseholdFile() async throws {
    try await TestDaemon.with { daemon in
      let net = try await Network.make(daemon)
      var expected = (approved: 0, pending: 0, money: 0, goods: 0, headCount: 0)
      for month in 1...12 {
        let day = String(format: "2025-%02d-10", month)
        let served: (people: [String], households: [String]) = month % 2 == 1 ? ([net.county.rong], []) : ([], [net.county.household])
        let activity = try await net.plan(
          "第\(month)月雷锋家政", start: "\(day) 09:00", end: "\(day) 12:00", groups: [net.housekeeping, net.troupe], people: served.people,
          households: served.households, headCount: month)
        expected.headCount += month
        let minutes = 30 + 10 * month
        #expect(try await net.hours(activity, net.volunteer, VolunteersCommand_hours(minutes)).status == 0)
        var given = minutes
        if month <= 3 {
          #expect(try await net.hours(activity, net.veteran, "1").status == 0)
          given += 60
        }
        _ = try await net.json(["volunteers", "activity", "raise", activity, "--donor", "爱心人士", "--money", "\(month * 100)"])
        expected.money += month * 100 * 100
        if month % 3 == 0 {
          _ = try await net.json(["volunteers", "activity", "raise", activity, "--donor", "超市", "--goods", "250.50", "--description", "慰问品"])
          expected.goods += 25_050
        }
        _ = try await net.json(["volunteers", "activity", "complete", activity])
        if month <= 6 {
          _ = try await net.json(["volunteers", "activity", "approve-hours", activity], tokenFile: net.coordinator)
          expected.approved += given
        } else {
          expected.pending += given
        }
      }
      // Neither a cancelled activity nor one from the year before counts.
      let rained = try await net.plan("元旦慰问", start: "2025-12-31 09:00", end: "2025-12-31 11:00", people: [net.county.wife], headCount: 50)
      _ = try await net.json(["volunteers", "activity", "cancel", rained, "--reason", "暴雪"])
      let earlier = try await net.plan("春节慰问", start: "2024-02-01 09:00", end: "2024-02-01 11:00", people: [net.county.wife], headCount: 7)
      #expect(try await net.hours(earlier, net.volunteer, "2").status == 0)
      _ = try await net.json(["volunteers", "activity", "raise", earlier, "--donor", "商会", "--money", "1000"])

      let report = try await net.json(["volunteers", "report", "--year", "2025"])
      func number(_ key: String) -> Int { Int(report[key] as? String ?? "0")! }
      #expect(number("activities") == 12)
      #expect(number("approvedMinutes") == expected.approved)
      #expect(number("pendingMinutes") == expected.pending)
      #expect(Self.fen(report, "moneyRaised") == expected.money)
      #expect(Self.fen(report, "goodsRaised") == expected.goods)
      #expect(number("beneficiaryPeople") == 1)
      #expect(number("beneficiaryHouseholds") == 1)
      #expect(number("beneficiaryHeadCount") == expected.headCount)
      #expect(number("activeVeteranVolunteers") == 1)
      #expect(number("groups") == 2)
      #expect(number("memberUnits") == 1)
      #expect(number("volunteers") == 2)

      let since = try await net.json(["volunteers", "report", "--year", "2025", "--since", "2024"])
      #expect(Int(since["activities"] as? String ?? "0") == 13)
      #expect(Self.fen(since, "moneyRaised") == expected.money + 100_000)
      #expect(Int(since["beneficiaryPeople"] as? String ?? "0") == 2)
      #expect(Int(since["pendingMinutes"] as? String ?? "0") == expected.pending + 120)
      let earlyYear = try await net.json(["volunteers", "report", "--year", "2018"])
      #expect(Int(earlyYear["groups"] as? String ?? "0") == 1, "the troupe was founded in 2019")
      #expect(Int(earlyYear["activities"] as? String ?? "0") == 0)

      let table = try await daemon.vetsctl(["volunteers", "report", "--year", "2025"])
      #expect(table.stdout.contains("money raised") && table.stdout.contains(Money_yuan(expected.money)), "\(table.stdout)")

      let file = try await net.json(["registry", "household", "show", net.county.household])
      let sections = try #require(file["sections"] as? [[String: Any]])
      let section = try #require(sections.first { $0["module"] as? String == "volunteers" })
      let entries = try #require(section["entries"] as? [[String: Any]])
      #expect(entries.count == 13, "twelve months plus the year before; the cancelled one is left out")
    }
  }
}

/// "2.5" for 150 minutes, as `--hours` takes it.
private func VolunteersCommand_hours(_ minutes: Int) -> String {
  minutes % 60 == 0 ? String(minutes / 60) : String(Double(minutes) / 60)
}

private func Money_yuan(_ fen: Int) -> String {
  String(format: "%d.%02d", fen / 100, fen % 100)
}
