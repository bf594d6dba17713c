import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import TestSupport
import Testing
import VetsAPI
import VetsKit

/// The appeals module end to end: the real daemon, the real CLI.
@Suite(.serialized) struct AppealsTests {
  /// The relief tests' county (Mr. Rong's household in 东关村, 中都街道) plus Mr. Guo, a
  /// veteran in his sixties in the same village, a person in 南旺镇, the county service centre,
  /// a talk room in each town, and clerks for each town.
  struct Desk {
    let county: ReliefCaseTests.County
    let guo: String
    let nanwang: String
    let centre: String
    let talkRoom: String
    let nanwangRoom: String
    let zhongduClerk: String
    let nanwangClerk: String

    var daemon: TestDaemon { county.daemon }

    static func make(_ daemon: TestDaemon) async throws -> Desk {
      let county = try await ReliefCaseTests.County.make(daemon)
      func person(_ name: String, born: String, _ seq: String, village: String) async throws -> String {
        try #require(
          try await county.json([
            "registry", "person", "add", "--id-number", residentID(born: born, sequence: seq), "--name", name,
            "--sex", "male", "--birth-date", born, "--category", "discharged_soldier", "--village", village,
          ])["id"] as? String)
      }
      func station(_ name: String, _ kind: String, _ division: String) async throws -> String {
        try #require(try await county.json(["registry", "station", "add", "--name", name, "--kind", kind, "--division", division])["id"] as? String)
      }
      return Desk(
        county: county, guo: try await person("郭建国", born: "1961-08-20", "011", village: "370830001001"),
        nanwang: try await person("孙立民", born: "1958-02-14", "013", village: "370830002001"),
        centre: try await station("汶上县退役军人服务中心", "county_centre", "370830001"),
        talkRoom: try await station("东关村老兵话吧", "talk_room", "370830001001"),
        nanwangRoom: try await station("南旺村老兵话吧", "talk_room", "370830002001"),
        zhongduClerk: try await daemon.createToken(role: "clerk", scope: "town:370830001", name: "zhongdu-clerk").file,
        nanwangClerk: try await daemon.createToken(role: "clerk", scope: "town:370830002", name: "nanwang-clerk").file)
    }

    /// The CLI's JSON answer, requiring success.
    func json(_ arguments: [String], tokenFile: String? = nil) async throws -> [String: Any] {
      try await county.json(["appeals"] + arguments, tokenFile: tokenFile)
    }

    /// The CLI run, for failures.
    func run(_ arguments: [String], tokenFile: String? = nil) async throws -> Finished {
      try await daemon.vetsctl(["appeals"] + arguments + ["--output", "json"], tokenFile: tokenFile)
    }

    /// Receives an appeal and returns its id.
    func receive(
      _ person: String, category: String = "pension_benefits", station: String, channel: String = "station", summary: String = "咨询优抚政策",
      receivedAt: String? = nil, tokenFile: String? = nil
    ) async throws -> String {
      var arguments = ["receive", "--person", person, "--channel", channel, "--category", category, "--summary", summary, "--station", station]
      if let receivedAt { arguments += ["--received-at", receivedAt] }
      return try #require(try await json(arguments, tokenFile: tokenFile)["id"] as? String)
    }

    /// Receives, determines within policy and assigns one task; returns the appeal and task.
    func inProgress(_ person: String, category: String = "pension_benefits", station: String) async throws -> String {
      let id = try await receive(person, category: category, station: station)
      _ = try await json(["determine", id, "--within", "--policy", "鲁退役军人发〔2019〕5号", "--explanation", "符合政策"])
      _ = try await json(["assign", id, "--department", "veterans_affairs", "--owner", "优抚股 张科长"])
      return id
    }

    func state(_ id: String) async throws -> String? {
      try await json(["show", id])["state"] as? String
    }
  }

  /// "2025-03-05 09:30" for an instant `days` ago, China time.
  static func chinaTime(daysAgo days: Int) -> String {
    let instant = Date().addingTimeInterval(Double(-days) * 86_400)
    return CalendarDate.localDay(of: instant).iso + " 09:30"
  }

  static func row(_ rows: Any?, key: String) -> [String: Any]? {
    (rows as? [[String: Any]])?.first { $0["key"] as? String == key }
  }

  @Test func mrGuosRequestIsAnsweredWithinPolicyResolvedOnTimeAndCountedSatisfied() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let received = try await desk.json([
        "receive", "--person", desk.guo, "--channel", "service_hall", "--category", "pension_benefits", "--station", desk.centre,
        "--summary", "咨询参战退役人员生活补助政策", "--details", "郭建国，63岁，询问补助标准与申领手续",
      ])
      let id = try #require(received["id"] as? String)
      #expect(received["state"] as? String == "APPEAL_STATE_RECEIVED")
      #expect(received["workingDays"] as? Int == 15, "the default for pension and benefits")
      let due = received["dueOn"]

      _ = try await desk.json([
        "determine", id, "--within", "--policy", "退役军人事务部〔2019〕42号", "--explanation", "属于政策范围，按标准发放生活补助",
      ])
      // Chinese words for a choice are taken as the codes are (issue 18): 人社局, 满意.
      let assigned = try await desk.json([
        "assign", id, "--department", "veterans_affairs", "--owner", "优抚股 张科长", "--department", "人社局",
        "--owner", "社保中心 李主任",
      ])
      #expect(assigned["state"] as? String == "APPEAL_STATE_IN_PROGRESS")
      #expect((assigned["tasks"] as? [[String: Any]])?.map { $0["id"] as? String } == ["T1", "T2"])
      #expect((assigned["tasks"] as? [[String: Any]])?.last?["department"] as? String == "DEPARTMENT_HUMAN_RESOURCES_SOCIAL_SECURITY")

      // Resolving with a task still open is refused and changes nothing.
      let early = try await desk.run(["resolve", id, "--outcome", "已发放", "--measures", "核定补助"])
      #expect(early.status == 1 && early.stderr.contains("still has tasks not done: T1, T2"), "\(early.stderr)")
      _ = try await desk.json(["task", id, "T1", "--state", "done", "--note", "已核定标准"])
      _ = try await desk.json(["task", id, "T2", "--state", "done"])
      _ = try await desk.json(["note", id, "--text", "已电话告知郭老补助标准", "--visible"])
      _ = try await desk.json(["note", id, "--text", "内部：待财政拨付"])
      let resolved = try await desk.json(["resolve", id, "--outcome", "补助已核定并按月发放", "--measures", "核定标准，社保卡发放"])
      #expect(resolved["resolvedOnTime"] as? Bool == true)
      #expect(try Self.date(resolved["dueOn"]) == Self.date(due))
      _ = try await desk.json(["return-visit", id, "--satisfaction", "满意", "--comment", "很满意"])
      let closed = try await desk.json(["close", id])
      #expect(closed["state"] as? String == "APPEAL_STATE_CLOSED")

      // The printed reply has what the person may read and nothing internal.
      let timeline = try await desk.json(["timeline", id])
      let details = (timeline["events"] as? [[String: Any]] ?? []).compactMap { $0["detail"] as? String }
      #expect(details.contains("已电话告知郭老补助标准"))
      #expect(!details.contains { $0.contains("内部") || $0.contains("T1") })
      #expect((timeline["events"] as? [[String: Any]] ?? []).allSatisfy { $0["by"] == nil }, "no token names in the reply")
      let table = try await daemon.vetsctl(["appeals", "timeline", id])
      #expect(table.status == 0 && table.stdout.contains("补助已核定并按月发放"), "\(table.stdout)")

      // What the person reads is Chinese (issue 18 items 2 and 11): the timeline's sentences, and
      // the written reply (答复单) with the person's and the station's names, whatever --lang says.
      #expect(details.first?.contains("受理（服务中心大厅）：咨询参战退役人员生活补助政策；应于") == true, "\(details)")
      #expect(details.contains("经审核，属于政策范围（依据：退役军人事务部〔2019〕42号）：属于政策范围，按标准发放生活补助"), "\(details)")
      #expect(details.contains("已交退役军人事务局、人力资源和社会保障局办理") && details.contains("评价：满意；意见：很满意"), "\(details)")
      #expect(timeline["names"] as? [String: String] == [desk.guo: "郭建国", desk.centre: "汶上县退役军人服务中心"], "\(timeline)")
      let reply = try await daemon.vetsctl(["appeals", "reply", id])
      let lines = reply.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(reply.status == 0 && lines.first == "退役军人诉求答复单", "\(reply.stdout)")
      #expect(lines.contains("诉求人：郭建国") && lines.contains("受理单位：汶上县退役军人服务中心"), "\(reply.stdout)")
      #expect(lines.contains("办理结果：补助已核定并按月发放") && lines.contains("采取措施：核定标准，社保卡发放"), "\(reply.stdout)")
      #expect(lines.contains { $0.hasSuffix("回访：评价：满意；意见：很满意") } && !reply.stdout.contains("内部"), "\(reply.stdout)")
      #expect(lines.last == CalendarDate.localDay(of: Date()).chinese, "dated today in China time: \(reply.stdout)")

      // The report counts it, by category and by station.
      let year = try #require((timeline["receivedOn"] as? [String: Any])?["year"] as? Int)
      let report = try await desk.json(["report", "--year", String(year)])
      for row in [Self.row(report["byCategory"], key: "pension_benefits"), Self.row(report["byStation"], key: desk.centre)] {
        let row = try #require(row, "\(report)")
        #expect(row["received"] as? Int == 1)
        #expect(row["withinPolicy"] as? Int == 1 && row["determined"] as? Int == 1)
        #expect(row["resolved"] as? Int == 1 && row["resolvedOnTime"] as? Int == 1)
        #expect(row["satisfied"] as? Int == 1)
        #expect(row["overdueNow"] == nil && row["dissatisfied"] == nil)
      }
      let printed = try await daemon.vetsctl(["appeals", "report", "--year", String(year)])
      #expect(printed.stdout.contains("汶上县退役军人服务中心") && printed.stdout.contains("1/1 (100%)"), "\(printed.stdout)")
      let figures = OperationsTests.figures(
        try json(try await daemon.vetsctl(["report", "county", "--year", String(year), "--output", "json"])))
      #expect(figures["appeals received"] == 1 && figures["appeals within_policy"] == 1 && figures["appeals outside_policy"] == 0)
      #expect(figures["appeals resolved_on_time"] == 1 && figures["appeals satisfied"] == 1 && figures["appeals overdue_now"] == 0)
    }
  }

  @Test func anOutOfPolicyClaimNeedsItsPolicyReferenceAndClosesWithIt() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let id = try await desk.receive(desk.guo, category: "resettlement_employment", station: desk.talkRoom, summary: "要求安排子女进事业单位")
      let bare = try await desk.run(["determine", id, "--outside", "--explanation", "不符合安置政策"])
      #expect(bare.status == 6 && bare.stderr.contains("policy_reference"), "\(bare.stderr)")
      #expect(try await desk.state(id) == "APPEAL_STATE_RECEIVED", "the refusal changed nothing")

      let early = try await desk.run(["close", id])
      #expect(early.status == 1 && early.stderr.contains("it is received"), "\(early.stderr)")

      let refused = try await desk.json([
        "determine", id, "--outside", "--policy", "《退役士兵安置条例》第二十八条", "--explanation", "子女就业不属于退役士兵安置范围",
      ])
      #expect(refused["state"] as? String == "APPEAL_STATE_OUT_OF_POLICY")
      for step in [["assign", id, "--department", "civil_affairs", "--owner", "x"], ["resolve", id, "--outcome", "x", "--measures", "x"]] {
        let wrong = try await desk.run(step)
        #expect(wrong.status == 1 && wrong.stderr.contains("it is out_of_policy"), "\(step[0]): \(wrong.stderr)")
      }
      let closed = try await desk.json(["close", id])
      #expect(closed["state"] as? String == "APPEAL_STATE_CLOSED")
      let timeline = try await desk.json(["timeline", id])
      let details = (timeline["events"] as? [[String: Any]] ?? []).compactMap { $0["detail"] as? String }
      #expect(details.last?.contains("《退役士兵安置条例》第二十八条") == true, "\(details)")
      let again = try await desk.run(["close", id])
      #expect(again.status == 1 && again.stderr.contains("it is closed"), "\(again.stderr)")
    }
  }

  @Test func holdsPauseTheClockExtensionsAreAuditedAndOverdueAppealsShowInTheModulesHealth() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      // Received 60 days ago, about records (10 working days): long overdue.
      let late = try await desk.receive(desk.guo, category: "records", station: desk.talkRoom, receivedAt: Self.chinaTime(daysAgo: 60))
      let onTime = try await desk.inProgress(desk.nanwang, station: desk.nanwangRoom)

      let overdue = try await desk.json(["overdue"])
      let listed = try #require((overdue["appeals"] as? [[String: Any]])?.first)
      #expect((overdue["appeals"] as? [[String: Any]])?.count == 1)
      #expect(listed["id"] as? String == late)
      // 10 working days from a weekday span 14 calendar days (13 or 12 from a weekend day).
      #expect((46...48).contains(listed["daysOverdue"] as? Int ?? 0), "\(listed)")

      // The deadline watch runs when the daemon starts and reports in `vetsctl modules`.
      #expect(await daemon.stop() == 0)
      try await TestDaemon.with(root: daemon.root) { restarted in
        _ = try await restarted.waitForLog("appeals deadline check")
        let modules = try json(try await restarted.vetsctl(["modules", "--output", "json"]))
        let appeals = try #require((modules["modules"] as? [[String: Any]])?.first { $0["id"] as? String == "appeals" })
        let work = try #require((appeals["background"] as? [[String: Any]])?.first)
        #expect(work["name"] as? String == "deadlines" && work["ok"] as? Bool == true)
        // This daemon has no working calendar, so the detail goes on with that warning.
        #expect((work["detail"] as? String)?.hasPrefix("1 appeal overdue; warning: no working calendar") == true, "\(work)")
        #expect(work["attention"] as? Int == 1, "\(work)")
        let table = try await restarted.vetsctl(["modules"])
        #expect(table.stdout.contains("deadlines: 1 appeal overdue"), "\(table.stdout)")

        // An extension moves the due date, with its reason in the timeline and the audit trail.
        let extended = try json(
          try await restarted.vetsctl(["appeals", "extend", late, "--working-days", "60", "--reason", "需调阅1975年退伍档案", "--output", "json"]))
        #expect(extended["daysOverdue"] == nil, "60 more working days put it in the future")
        #expect(extended["workingDays"] as? Int == 70)
        let reason = (extended["timeline"] as? [[String: Any]])?.last?["detail"] as? String
        #expect(reason?.contains("延期60个工作日") == true && reason?.contains("需调阅1975年退伍档案") == true, "\(String(describing: reason))")
        let audit = try await restarted.vetsctl(["audit", "list", "--method", "vets.appeals.v1.AppealService/ExtendAppeal", "--output", "json"])
        #expect(audit.stdout.contains("appeal:\(late)"), "\(audit.stdout)")
        #expect(try json(try await restarted.vetsctl(["appeals", "overdue", "--output", "json"]))["appeals"] == nil)

        // A hold stops the clock; resuming the day it began pauses no working day.
        let until = CalendarDate.today(SystemClock()).adding(days: 10).iso
        let held = try json(
          try await restarted.vetsctl(["appeals", "hold", onTime, "--reason", "等待原部队出具证明", "--until", until, "--output", "json"]))
        #expect(held["state"] as? String == "APPEAL_STATE_ON_HOLD")
        let heldDue = try Self.date(held["dueOn"])
        let resumed = try json(try await restarted.vetsctl(["appeals", "resume", onTime, "--output", "json"]))
        #expect(resumed["state"] as? String == "APPEAL_STATE_IN_PROGRESS")
        #expect(resumed["workingDays"] as? Int == 15, "resumed the day it began: no working day was paused")
        let hold = try #require((resumed["holds"] as? [[String: Any]])?.first)
        #expect(hold["reason"] as? String == "等待原部队出具证明" && hold["resumedOn"] != nil)
        #expect(try Self.date(resumed["dueOn"]) < heldDue, "while held, the due date assumed the hold's whole length")
        let pastUntil = try await restarted.vetsctl(["appeals", "hold", onTime, "--reason", "x", "--until", "2020-01-01", "--output", "json"])
        #expect(pastUntil.status == 6 && pastUntil.stderr.contains("until"), "\(pastUntil.stderr)")
      }
    }
  }

  @Test func aHoldWhoseLastDayHasPassedIsEndedByTheDeadlineWatchOnALaterDay() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let id = try await desk.inProgress(desk.guo, station: desk.talkRoom)
      let today = CalendarDate.today(SystemClock())
      let until = today.adding(days: 1)
      let held = try await desk.json(["hold", id, "--reason", "等待医院出具诊断", "--until", until.iso])
      #expect(held["state"] as? String == "APPEAL_STATE_ON_HOLD")
      #expect(await daemon.stop() == 0)

      // Three days on, the daemon starts and its deadline watch ends the hold as of the day
      // after its last day: the working days among today and tomorrow are added.
      try await TestDaemon.with(root: daemon.root, environment: ["VETSD_FIXTURE_DAYS_AHEAD": "3"]) { later in
        _ = try await later.waitForLog("appeals deadline check")
        let shown = try json(try await later.vetsctl(["appeals", "show", id, "--output", "json"]))
        #expect(shown["state"] as? String == "APPEAL_STATE_IN_PROGRESS")
        let paused = [today, until].filter { !Self.isWeekend($0) }.count
        #expect(shown["workingDays"] as? Int == 15 + paused, "\(paused) working days were on hold")
        let hold = try #require((shown["holds"] as? [[String: Any]])?.first)
        #expect(try Self.date(hold["resumedOn"]) == until.adding(days: 1))
        let event = try #require((shown["timeline"] as? [[String: Any]])?.last)
        #expect(event["by"] as? String == "vetsd")
        #expect((event["detail"] as? String)?.contains("暂停于\(until.chinese)期满") == true, "\(event)")
      }
    }
  }

  static func isWeekend(_ day: CalendarDate) -> Bool {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
    return calendar.isDateInWeekend(day.startOfLocalDay.addingTimeInterval(12 * 3600))
  }

  @Test func aHardshipAppealOpensAReliefCaseThatPointsBack() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let pension = try await desk.inProgress(desk.county.rong, station: desk.talkRoom)
      let notHardship = try await desk.run(["relief-case", pension])
      #expect(notHardship.status == 1 && notHardship.stderr.contains("only a hardship appeal"), "\(notHardship.stderr)")

      let id = try await desk.inProgress(desk.county.rong, category: "hardship", station: desk.talkRoom)
      #expect(try await desk.json(["show", id])["workingDays"] as? Int == 5)
      let linked = try await desk.json(["relief-case", id])
      let caseID = try #require(linked["reliefCaseId"] as? String)
      #expect(linked["reliefCaseStatus"] as? String == "open")
      let reliefCase = try await desk.county.json(["relief", "case", "show", caseID])
      #expect(reliefCase["appealId"] as? String == id)
      #expect(reliefCase["householdId"] as? String == desk.county.household)
      #expect(reliefCase["source"] as? String == "CASE_SOURCE_APPEAL")
      let twice = try await desk.run(["relief-case", id])
      #expect(twice.status == 1 && twice.stderr.contains("already opened relief case \(caseID)"), "\(twice.stderr)")
    }
  }

  /// Issue 16, item 11: a hardship appeal of a person placed in another town's household
  /// cannot open a case there, which its clerk could not then read; nothing is stored.
  @Test func anAppealCannotOpenAReliefCaseOutsideTheClerksScope() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let created = try await desk.county.json(["registry", "household", "create", "--head", desk.nanwang])
      let household = try #require(created["id"] as? String)
      let placed = try await daemon.vetsctl(["registry", "household", "add-member", household, desk.guo, "--relation", "兄弟"])
      try #require(placed.status == 0, "\(placed.stderr)")
      let id = try await desk.receive(desk.guo, category: "hardship", station: desk.talkRoom, tokenFile: desk.zhongduClerk)
      _ = try await desk.json(["determine", id, "--within", "--explanation", "符合困难帮扶条件"], tokenFile: desk.zhongduClerk)
      let refused = try await desk.run(["relief-case", id], tokenFile: desk.zhongduClerk)
      #expect(refused.status != 0 && refused.stderr.contains("household \(household) is in 370830002001"), "\(refused.stderr)")
      #expect(try await desk.json(["show", id])["reliefCaseId"] == nil)
      let cases = try await desk.county.json(["relief", "case", "list"])
      #expect((cases["cases"] as? [[String: Any]] ?? []).allSatisfy { $0["householdId"] as? String != household }, "\(cases)")
    }
  }

  @Test func withReliefOffAReliefCaseIsRefusedClearlyAndNothingIsStored() async throws {
    try await TestDaemon.with(config: "[modules]\nenabled = [\"registry\", \"appeals\"]\n") { daemon in
      let divisions = daemon.root.appendingPathComponent("divisions.csv").path
      try "code,name\n370830001,中都街道\n370830001001,东关村\n".write(toFile: divisions, atomically: true, encoding: .utf8)
      #expect(try await daemon.vetsctl(["registry", "division", "import", divisions]).status == 0)
      let person = try #require(
        try json(
          try await daemon.vetsctl([
            "registry", "person", "add", "--id-number", residentID(born: "1950-03-12", sequence: "001"), "--name", "荣庆华",
            "--sex", "male", "--birth-date", "1950-03-12", "--category", "discharged_soldier", "--village", "370830001001", "--output", "json",
          ]))["id"] as? String)
      _ = try await daemon.vetsctl(["registry", "household", "create", "--head", person])
      let station = try #require(
        try json(
          try await daemon.vetsctl([
            "registry", "station", "add", "--name", "东关村老兵话吧", "--kind", "talk_room", "--division", "370830001001", "--output", "json",
          ]))["id"] as? String)
      func appeals(_ arguments: [String]) async throws -> Finished {
        try await daemon.vetsctl(["appeals"] + arguments + ["--output", "json"])
      }
      let id = try #require(
        try json(
          try await appeals(["receive", "--person", person, "--channel", "home_visit", "--category", "hardship", "--summary", "生活困难", "--station", station]))["id"] as? String)
      _ = try await appeals(["determine", id, "--within", "--explanation", "符合困难帮扶条件"])
      let refused = try await appeals(["relief-case", id])
      #expect(refused.status == 1 && refused.stderr.contains("the relief module is not enabled"), "\(refused.stderr)")
      let shown = try json(try await appeals(["show", id]))
      #expect(shown["reliefCaseId"] == nil)
      #expect(shown["state"] as? String == "APPEAL_STATE_DETERMINED")
    }
  }

  @Test func aTownClerkSeesAndHandlesOnlyTheirTownsAppeals() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let zhongdu = try await desk.receive(desk.guo, station: desk.talkRoom, tokenFile: desk.zhongduClerk)
      let nanwang = try await desk.receive(desk.nanwang, station: desk.nanwangRoom, tokenFile: desk.nanwangClerk)

      let listed = try await desk.json(["list"], tokenFile: desk.zhongduClerk)
      #expect((listed["appeals"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [zhongdu])
      let all = try await desk.json(["list"])
      #expect(Set((all["appeals"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []) == [zhongdu, nanwang])

      let show = try await desk.run(["show", nanwang], tokenFile: desk.zhongduClerk)
      #expect(show.status == 4 && show.stderr.contains("outside this token's scope"), "\(show.stderr)")
      let step = try await desk.run(["determine", nanwang, "--within", "--explanation", "x"], tokenFile: desk.zhongduClerk)
      #expect(step.status == 4, "\(step.stderr)")
      #expect(try await desk.state(nanwang) == "APPEAL_STATE_RECEIVED")
      let receive = try await desk.run(
        ["receive", "--person", desk.nanwang, "--channel", "phone", "--category", "medical", "--summary", "x", "--station", desk.talkRoom],
        tokenFile: desk.zhongduClerk)
      #expect(receive.status == 4 && receive.stderr.contains("outside this token's scope"), "\(receive.stderr)")
      let timeline = try await desk.run(["timeline", nanwang], tokenFile: desk.zhongduClerk)
      #expect(timeline.status == 4)
      let report = try await desk.json(["report", "--year", String(CalendarDate.today(SystemClock()).year)], tokenFile: desk.nanwangClerk)
      #expect((report["total"] as? [String: Any])?["received"] as? Int == 1, "the report counts only the town's appeals")
    }
  }

  @Test func aDissatisfiedReturnVisitReopensTheAppealOnce() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let id = try await desk.inProgress(desk.guo, station: desk.talkRoom)
      _ = try await desk.json(["task", id, "T1", "--state", "done"])
      _ = try await desk.json(["resolve", id, "--outcome", "答复政策", "--measures", "书面答复"])
      let noComment = try await desk.run(["return-visit", id, "--satisfaction", "dissatisfied"])
      #expect(noComment.status == 6 && noComment.stderr.contains("comment"), "\(noComment.stderr)")
      _ = try await desk.json(["return-visit", id, "--satisfaction", "dissatisfied", "--comment", "补助标准计算有误"])
      let reopened = try await desk.json(["reopen", id, "--reason", "复核补助计算"])
      #expect(reopened["state"] as? String == "APPEAL_STATE_IN_PROGRESS")
      #expect(reopened["reopened"] as? Bool == true && reopened["satisfaction"] == nil)
      #expect(reopened["resolvedAt"] == nil && reopened["outcome"] == nil, "open again: the first resolution is history")
      let year = String(CalendarDate.today(SystemClock()).year)
      let unresolved = try await desk.json(["report", "--year", year])["total"] as? [String: Any]
      #expect(unresolved?["resolved"] == nil && unresolved?["dissatisfied"] == nil, "\(String(describing: unresolved))")
      _ = try await desk.json(["resolve", id, "--outcome", "重新核算", "--measures", "补发差额"])
      _ = try await desk.json(["return-visit", id, "--satisfaction", "dissatisfied", "--comment", "仍不满意"])
      let again = try await desk.run(["reopen", id, "--reason", "再次复核"])
      #expect(again.status == 1 && again.stderr.contains("reopened only once"), "\(again.stderr)")
      #expect(try await desk.json(["close", id])["state"] as? String == "APPEAL_STATE_CLOSED")

      let satisfied = try await desk.inProgress(desk.guo, station: desk.talkRoom)
      _ = try await desk.json(["task", satisfied, "T1", "--state", "done"])
      _ = try await desk.json(["resolve", satisfied, "--outcome", "x", "--measures", "y"])
      _ = try await desk.json(["return-visit", satisfied, "--satisfaction", "basically_satisfied"])
      let notDissatisfied = try await desk.run(["reopen", satisfied, "--reason", "z"])
      #expect(notDissatisfied.status == 1 && notDissatisfied.stderr.contains("only after a dissatisfied return visit"), "\(notDissatisfied.stderr)")
    }
  }

  /// Each refusal names the flag the clerk typed (the wire names the field: Tests/Interop/python).
  @Test func badInputIsRefusedNamingTheFieldAndStoresNothing() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let base = ["receive", "--person", desk.guo, "--channel", "phone", "--category", "medical", "--station", desk.talkRoom]
      let cases: [([String], Int32, String)] = [
        (base + ["--summary", ""], 6, "--summary: "),
        (base + ["--summary", String(repeating: "长", count: 201)], 6, "--summary: "),
        (base + ["--summary", "x", "--details", "a\u{7}b"], 6, "--details: "),
        (base + ["--summary", "x", "--received-at", "2099-01-01 09:00"], 6, "--received-at: must not be in the future"),
        (base.map { $0 == desk.talkRoom ? "st_nope" : $0 } + ["--summary", "x"], 5, "station_id"),
        (base.map { $0 == desk.talkRoom ? "无此站" : $0 } + ["--summary", "x"], 5, "--station: no station's name contains '无此站'"),
        (base.map { $0 == desk.guo ? "赵四" : $0 } + ["--summary", "x"], 5, "--person: nobody found for '赵四'"),
        (base.map { $0 == desk.guo ? "per_nope" : $0 } + ["--summary", "x"], 5, "person_id"),
      ]
      for (arguments, status, field) in cases {
        let result = try await desk.run(arguments)
        #expect(result.status == status && result.stderr.contains(field), "\(arguments.last!): \(result.status) \(result.stderr)")
      }
      #expect(try await desk.json(["list"])["appeals"] == nil, "nothing was stored")

      let id = try await desk.inProgress(desk.guo, station: desk.talkRoom)
      let steps: [([String], String)] = [
        (["extend", id, "--working-days", "0", "--reason", "x"], "--working-days: "),
        (["extend", id, "--working-days", "61", "--reason", "x"], "--working-days: "),
        (["extend", id, "--working-days", "5", "--reason", ""], "--reason: "),
        (["assign", id, "--department", "former_employer", "--owner", "厂办"], "--department: "),
        (["task", id, "T1"], "state"),
        (["note", id, "--text", ""], "--text: "),
        (["resolve", id, "--outcome", "x", "--measures", ""], "--measures: "),
      ]
      for (arguments, field) in steps {
        let result = try await desk.run(arguments)
        #expect(result.status == 6 && result.stderr.contains(field), "\(arguments[0]): \(result.stderr)")
      }
      let unknownTask = try await desk.run(["task", id, "T9", "--state", "done"])
      #expect(unknownTask.status == 5 && unknownTask.stderr.contains("task_id"), "\(unknownTask.stderr)")
      let shown = try await desk.json(["show", id])
      #expect(shown["workingDays"] as? Int == 15 && (shown["tasks"] as? [[String: Any]])?.count == 1)
      #expect((shown["timeline"] as? [[String: Any]])?.count == 3, "received, determined, assigned: no refused step left a trace")
      let page = try await desk.run(["list", "--page-size", "1001"])
      #expect(page.status == 6 && page.stderr.contains("--page-size: "), "\(page.stderr)")
    }
  }

  /// What the CLI cannot send: enum values outside the proto, a year out of range, a
  /// missing id. Each is INVALID_ARGUMENT naming the field.
  @Test func rawRequestsWithBadFieldsAreRefusedNamingTheField() async throws {
    try await TestDaemon.with { daemon in
      let desk = try await Desk.make(daemon)
      let metadata = try daemon.metadata()
      func refusal(_ call: @Sendable @escaping (Vets_Appeals_V1_AppealService.Client<HTTP2ClientTransport.Posix>) async throws -> Void)
        async throws -> RPCError?
      {
        do {
          try await daemon.withClient { client in try await call(Vets_Appeals_V1_AppealService.Client(wrapping: client)) }
          return nil
        } catch let error as RPCError {
          return error
        }
      }
      var receive = Vets_Appeals_V1_ReceiveAppealRequest()
      receive.requestID = "raw-receive"
      receive.personID = desk.guo
      receive.category = .medical
      receive.summary = "x"
      receive.stationID = desk.talkRoom
      let checks: [(String, @Sendable (Vets_Appeals_V1_AppealService.Client<HTTP2ClientTransport.Posix>) async throws -> Void)] = [
        ("channel", { [receive] c in _ = try await c.receiveAppeal(receive, metadata: metadata) }),
        ("category", { [receive] c in
          var r = receive
          r.channel = .phone
          r.category = .UNRECOGNIZED(99)
          _ = try await c.receiveAppeal(r, metadata: metadata)
        }),
        ("state", { c in _ = try await c.listAppeals(.with { $0.state = .UNRECOGNIZED(42) }, metadata: metadata) }),
        ("year", { c in _ = try await c.getReport(.with { $0.year = 1999 }, metadata: metadata) }),
        ("appeal_id", { c in _ = try await c.getTimeline(.init(), metadata: metadata) }),
        ("request_id", { c in _ = try await c.closeAppeal(.with { $0.appealID = "apl_x" }, metadata: metadata) }),
        ("satisfaction", { c in
          _ = try await c.recordReturnVisit(.with { $0.requestID = "raw-visit"; $0.appealID = "apl_x" }, metadata: metadata)
        }),
        ("page.page_token", { c in _ = try await c.listOverdue(.with { $0.page.pageToken = "not-a-token" }, metadata: metadata) }),
      ]
      for (field, call) in checks {
        let error = try await refusal(call)
        #expect(error?.code == .invalidArgument && error?.message.contains(field) == true, "\(field): \(String(describing: error))")
      }
      #expect(try await desk.json(["list"])["appeals"] == nil, "nothing was stored")
    }
  }

  @Test func theOperatorsWorkingCalendarMovesDueDatesAndABrokenFileIsRefusedNamingItsLine() async throws {
    let root = try TestDaemon.makeRoot()
    let calendar = root.appendingPathComponent("working-calendar.txt")
    try "# none yet\n".write(to: calendar, atomically: true, encoding: .utf8)
    let config = "[modules.appeals]\ncalendar_file = \"working-calendar.txt\"\n[modules.appeals.working_days]\nmedical = 3\n"
    try await TestDaemon.with(config: config, root: root) { daemon in
      let desk = try await Desk.make(daemon)
      let id = try await desk.receive(desk.guo, category: "medical", station: desk.talkRoom)
      let first = try await desk.json(["show", id])
      #expect(first["workingDays"] as? Int == 3)
      let due = try Self.date(first["dueOn"])
      // The operator declares the due date a holiday: the next step finds the due date moved on.
      try "\(due.iso) holiday 临时假日\n".write(to: calendar, atomically: true, encoding: .utf8)
      let noted = try await desk.json(["note", id, "--text", "日历已更新"])
      #expect(try Self.date(noted["dueOn"]) > due, "\(String(describing: noted["dueOn"]))")
    }
    let broken = try TestDaemon.makeRoot().appendingPathComponent("broken.txt")
    defer { try? FileManager.default.removeItem(at: broken.deletingLastPathComponent()) }
    try "2025-01-01 holiday\n2025-03-05 workday\n".write(to: broken, atomically: true, encoding: .utf8)
    let refused = try await runVetsdExpectingExit(
      [], subcommand: ["check-config"], config: "[modules.appeals]\ncalendar_file = \"\(broken.path)\"\n")
    #expect(refused.status != 0 && refused.stderr.contains("calendar_file") && refused.stderr.contains("broken.txt:2"), "\(refused.stderr)")
  }

  @Test func calendarTroubleIsLoggedAndShownAtOnce() async throws {
    let root = try TestDaemon.makeRoot()
    let calendar = root.appendingPathComponent("working-calendar.txt")
    // Only 2026's dates, on 2 December 2026: next year's are missing.
    try "2026-10-01 holiday 国庆节\n".write(to: calendar, atomically: true, encoding: .utf8)
    let config = "[modules.appeals]\ncalendar_file = \"working-calendar.txt\"\n"
    try await TestDaemon.with(config: config, root: root, environment: ["VETSD_FIXTURE_START": "2026-12-02T01:00:00Z"]) { daemon in
      let warned = try await daemon.waitForLog("working calendar incomplete")
      #expect(warned?.contains("no dates for 2027") == true, "\(warned ?? "")")
      let modules = try await daemon.vetsctl(["modules"])
      #expect(modules.stdout.contains("no dates for 2027"), "\(modules.stdout)")
      // A broken edit is logged at warning level within the poll, not at the next check (300 s).
      try "2026-10-01 holiday\n2027-02-30 holiday\n".write(to: calendar, atomically: true, encoding: .utf8)
      let refused = try await daemon.waitForLog("working calendar refused", seconds: 30)
      #expect(refused?.contains("warning") == true && refused?.contains("not a real date") == true, "\(refused ?? "")")
      #expect(refused?.contains("working-calendar.txt:2") == true, "\(refused ?? "")")
    }
  }

  /// A date from the CLI's JSON.
  static func date(_ json: Any?) throws -> CalendarDate {
    let d = json as? [String: Any] ?? [:]
    return try CalendarDate(year: d["year"] as? Int ?? 0, month: d["month"] as? Int ?? 0, day: d["day"] as? Int ?? 0, field: "date")
  }
}
