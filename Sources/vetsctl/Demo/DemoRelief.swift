import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// The relief module's part of the demo county: the fund, deposits, visits, cases and the roster.
extension DemoLoader {
  var cases: Vets_Relief_V1_CaseService.Client<Transport> { Vets_Relief_V1_CaseService.Client(wrapping: client) }

  func loadRelief() async throws {
    Self.progress("relief: fund, deposits, visits, cases and the roster")
    try await loadFund()
    try await loadVisits()
    try await loadCases()
    try await loadRoster()
  }

  /// The assistance fund, two sources, and the money that came in.
  private func loadFund() async throws {
    let fund = Vets_Relief_V1_FundService.Client(wrapping: client)
    var list = Vets_Relief_V1_ListAccountsRequest()
    list.page.pageSize = 500
    let existing = Set(try await fund.listAccounts(list, metadata: admin, options: options).accounts.map(\.code))
    let accounts: [(String, String, Vets_Relief_V1_AccountKind)] = [
      ("assistance", "退役军人帮扶基金", .fund), ("army-support", "爱国拥军协会", .source), ("county-budget", "县财政预算", .source),
    ]
    for (code, name, kind) in accounts where !existing.contains(code) {
      var request = Vets_Relief_V1_CreateAccountRequest()
      request.requestID = requestID("account", code)
      request.code = code
      request.name = name
      request.kind = kind
      _ = try await fund.createAccount(request, metadata: admin, options: options)
    }
    summary.add("relief", "accounts", accounts.count)
    let deposits: [(String, Int64, String)] = [
      ("county-budget", 200_000, "县财政年度帮扶资金"), ("army-support", 50_000, "八一拥军捐款"), ("army-support", 30_000, "春节慰问捐款"),
      ("army-support", 20_000, "爱心企业定向捐赠"),
    ]
    for (index, (source, yuan, memo)) in deposits.enumerated() {
      var request = Vets_Relief_V1_DepositRequest()
      request.requestID = requestID("deposit", String(index + 1))
      request.transferID = request.requestID
      request.fund = "assistance"
      request.source = source
      request.amount = DemoCounty.money(yuan: yuan)
      request.memo = memo
      _ = try await fund.deposit(request, metadata: admin, options: options)
    }
    summary.add("relief", "deposits", deposits.count)
    summary.add("relief", "deposited_yuan", deposits.reduce(0) { $0 + $1.1 })
  }

  /// Holiday campaigns (八一, 春节) and routine visits, some with cash from the fund.
  private func loadVisits() async throws {
    let care = Vets_Relief_V1_CareService.Client(wrapping: client)
    let campaigns: [(String, String, Vets_Relief_V1_CampaignKind, Vets_Common_V1_Date, Vets_Common_V1_Date)] = [
      ("spring-2025", "\(DemoCounty.year(2025))年春节走访慰问", .springFestival, DemoCounty.date(2025, 1, 20), DemoCounty.date(2025, 2, 12)),
      ("army-day-2025", "\(DemoCounty.year(2025))年八一走访慰问", .armyDay, DemoCounty.date(2025, 7, 25), DemoCounty.date(2025, 8, 5)),
      ("routine-2025", "\(DemoCounty.year(2025))年日常走访", .routine, DemoCounty.date(2025, 1, 1), DemoCounty.date(2025, 12, 31)),
    ]
    var ids: [String] = []
    for (key, name, kind, from, to) in campaigns {
      var request = Vets_Relief_V1_CreateCampaignRequest()
      request.requestID = requestID("campaign", key)
      request.name = name
      request.kind = kind
      request.startsOn = from
      request.endsOn = to
      ids.append(try await care.createCampaign(request, metadata: admin, options: options).id)
    }
    summary.add("relief", "campaigns", campaigns.count)
    let units = [["县退役军人事务局", "县民政局"], ["县退役军人事务局", "团县委", "县妇联"], ["镇退役军人服务站", "村老兵话吧"]]
    var random = SeededRandom(seed: seed, stream: "visits")
    var visits = 0
    for (index, household) in livingHouseholds.enumerated() where index % 4 == 1 {
      let campaign = visits % 3
      var request = Vets_Relief_V1_RecordVisitRequest()
      request.requestID = requestID("visit", household.key)
      request.campaignID = ids[campaign]
      request.personID = personIDs[household.head.key]!
      request.visitedOn = [DemoCounty.date(2025, 1, 22 + visits % 6), DemoCounty.date(2025, 7, 28 + visits % 4),
                           DemoCounty.date(2025, 3 + visits % 8, 10)][campaign]
      request.units = units[visits % units.count]
      request.goodsValue = DemoCounty.money(yuan: Int64(random.int(4...16) * 50))
      if [.martyrFamily, .dutyDeathFamily, .illnessDeathFamily, .redArmyVeteran].contains(household.kind) {
        request.cash = DemoCounty.money(yuan: 500)
        request.cashFund = "assistance"
      }
      request.notes = campaign == 2 ? "入户走访，了解生活情况" : "节日慰问，送去米面油"
      _ = try await care.recordVisit(request, metadata: admin, options: options)
      visits += 1
    }
    summary.add("relief", "campaign_visits", visits)
  }

  /// The case households: the focus villages' households with a living head, Mr. Rong's first.
  var caseHouseholds: [DemoHousehold] {
    Array(livingHouseholds.filter { DemoCounty.focusVillages.contains($0.villageCode) }.prefix(DemoCase.all.count))
  }

  private func loadCases() async throws {
    let households = caseHouseholds
    guard households.count == DemoCase.all.count else {
      throw CLIError("the demo county has too few households for its \(DemoCase.all.count) cases; give more --people")
    }
    var statuses: [Vets_Relief_V1_CaseStatus: Int] = [:]
    var greenChannel = 0
    var payments = 0
    followUpVisits = 0
    for (demo, household) in zip(DemoCase.all, households) {
      let c = try await run(demo, household: household)
      statuses[c.status, default: 0] += 1
      if c.greenChannel { greenChannel += 1 }
      payments += demo.payments.count
    }
    summary.add("relief", "cases", DemoCase.all.count)
    for (status, name) in Vets_Relief_V1_CaseStatus.words.pairs {
      summary.add("relief", "cases_\(name.replacingOccurrences(of: "-", with: "_"))", statuses[status] ?? 0)
    }
    summary.add("relief", "green_channel_cases", greenChannel)
    summary.add("relief", "case_payments", payments)
    summary.add("relief", "follow_up_visits", followUpVisits)
  }

  /// Takes one case as far as its script says. The admin token (county clerk work) replays
  /// safely; decisions go by the case's current state, since an approver token made by an
  /// earlier run is gone.
  private func run(_ demo: DemoCase, household: DemoHousehold) async throws -> Vets_Relief_V1_Case {
    let id = { (step: String) in self.requestID("case", demo.key, step) }
    var open = Vets_Relief_V1_OpenCaseRequest()
    open.requestID = id("open")
    open.householdID = householdIDs[household.key]!
    open.source = demo.source
    open.reportedBy = demo.reportedBy
    var c = try await cases.openCase(open, metadata: admin, options: options)
    let caseID = c.id
    if let a = demo.assessment {
      var request = Vets_Relief_V1_AssessCaseRequest()
      (request.requestID, request.caseID) = (id("assess"), caseID)
      request.assessment.incomePerMember = DemoCounty.money(yuan: a.income)
      (request.assessment.illness, request.assessment.disability) = (a.illness, a.disability)
      (request.assessment.housing, request.assessment.needs) = (a.housing, a.needs)
      request.assessment.debts = DemoCounty.money(yuan: 0)
      c = try await cases.assessCase(request, metadata: admin, options: options)
    }
    if let plan = demo.plan {
      var request = Vets_Relief_V1_PlanCaseRequest()
      (request.requestID, request.caseID) = (id("plan"), caseID)
      request.plan.measures = plan.measures
      request.plan.requested = DemoCounty.money(yuan: plan.yuan)
      request.plan.fund = "assistance"
      c = try await cases.planCase(request, metadata: admin, options: options)
    }
    if demo.isSubmitted {
      var request = Vets_Relief_V1_SubmitCaseRequest()
      (request.requestID, request.caseID) = (id("submit"), caseID)
      c = try await cases.submitCase(request, metadata: admin, options: options)
    }
    c = try await decide(demo, caseID: caseID, villageCode: household.villageCode)
    for (index, yuan) in demo.payments.enumerated() {
      var request = Vets_Relief_V1_PayCaseRequest()
      (request.requestID, request.caseID) = (id("pay-\(index + 1)"), caseID)
      request.payeePersonID = personIDs[household.head.key]!
      request.amount = DemoCounty.money(yuan: yuan)
      request.memo = "帮扶基金救助第\(index + 1)笔"
      c = try await cases.payCase(request, metadata: admin, options: options)
    }
    if demo.followUps > 0 {
      var request = Vets_Relief_V1_ScheduleFollowUpsRequest()
      (request.requestID, request.caseID, request.count) = (id("follow-ups"), caseID, demo.followUps)
      c = try await cases.scheduleFollowUps(request, metadata: admin, options: options)
    }
    if demo.followUpVisit, try await followUpVisit(caseID, requestID: id("visit"), person: personIDs[household.head.key]!) {
      followUpVisits += 1
    }
    if let outcome = demo.outcome {
      var request = Vets_Relief_V1_CloseCaseRequest()
      (request.requestID, request.caseID, request.outcome) = (id("close"), caseID, outcome)
      c = try await cases.closeCase(request, metadata: admin, options: options)
    }
    return try await current(caseID)
  }

  private func current(_ caseID: String) async throws -> Vets_Relief_V1_Case {
    var get = Vets_Relief_V1_GetCaseRequest()
    get.caseID = caseID
    return try await cases.getCase(get, metadata: admin, options: options)
  }

  /// The approvers' part, from the case as it is now: each pending level by an approver of
  /// that level whose scope covers the village.
  private func decide(_ demo: DemoCase, caseID: String, villageCode: String) async throws -> Vets_Relief_V1_Case {
    var c = try await current(caseID)
    func approver(_ level: String) async throws -> Metadata {
      let scope = level == "village" ? "village:\(villageCode)" : level == "town" ? "town:\(villageCode.prefix(9))" : "county"
      return try await token(.approver, scope: scope, name: "示范审批人 \(scope)")
    }
    func approve(upTo levels: Int, leaving: Int) async throws {
      while c.status == .inReview, c.decisions.count(where: \.approved) < levels, c.pendingLevels.count > leaving,
        let level = c.pendingLevels.first
      {
        var request = Vets_Relief_V1_ApproveCaseRequest()
        (request.requestID, request.caseID) = (requestID("case", demo.key, "approve", level), caseID)
        request.comment = "同意（\(level)级审核）"
        c = try await cases.approveCase(request, metadata: try await approver(level), options: options)
      }
    }
    switch demo.review {
    case .none: break
    case .approve(let levels): try await approve(upTo: levels, leaving: 0)
    case .reject(let after, let reason, let detail):
      try await approve(upTo: after, leaving: 1)
      if c.status == .inReview, let level = c.pendingLevels.first {
        var request = Vets_Relief_V1_RejectCaseRequest()
        (request.requestID, request.caseID) = (requestID("case", demo.key, "reject", level), caseID)
        (request.reason, request.detail) = (reason, detail)
        c = try await cases.rejectCase(request, metadata: try await approver(level), options: options)
      }
    case .greenChannel(let justification):
      if c.status == .planned || c.status == .inReview {
        var request = Vets_Relief_V1_GreenChannelCaseRequest()
        (request.requestID, request.caseID, request.justification) = (requestID("case", demo.key, "green-channel"), caseID, justification)
        c = try await cases.greenChannelCase(request, metadata: try await approver("county"), options: options)
      }
    }
    return c
  }

  /// A return visit after payment, dated today, unless an earlier run recorded it; whether the
  /// case has one now.
  private func followUpVisit(_ caseID: String, requestID: String, person: String) async throws -> Bool {
    let c = try await current(caseID)
    if c.timeline.contains(where: { $0.event == "follow_up_visit" }) { return true }
    guard c.status == .paid else { return false }
    var request = Vets_Relief_V1_RecordVisitRequest()
    request.requestID = requestID
    request.personID = person
    request.caseID = caseID
    request.visitedOn = today.proto
    request.units = ["县退役军人事务局", "镇退役军人服务站", "村老兵话吧"]
    request.goodsValue = DemoCounty.money(yuan: 200)
    request.notes = "回访：救助款已到位，家庭满意"
    _ = try await Vets_Relief_V1_CareService.Client(wrapping: client).recordVisit(request, metadata: admin, options: options)
    return true
  }

  /// The needy roster (动态管理): a few case households, each reviewed again in a year.
  private func loadRoster() async throws {
    let care = Vets_Relief_V1_CareService.Client(wrapping: client)
    let entries: [(String, Vets_Relief_V1_RosterLevel, String)] = [
      ("rong", .severe, "重病，配偶瘫痪"), ("approved", .needy, "因病致困"), ("part-paid", .needy, "子女重病"), ("submitted", .watch, "残疾"),
    ]
    let households = Dictionary(uniqueKeysWithValues: zip(DemoCase.all.map(\.key), caseHouseholds))
    for (key, level, reason) in entries {
      let household = householdIDs[households[key]!.key]!
      var list = Vets_Relief_V1_ListRosterRequest()
      list.householdID = household
      guard try await care.listRoster(list, metadata: admin, options: options).entries.isEmpty else { continue }
      var request = Vets_Relief_V1_EnterRosterRequest()
      request.requestID = requestID("roster", key)
      (request.householdID, request.level, request.reason) = (household, level, reason)
      request.nextReviewOn = today.adding(days: 365).proto
      _ = try await care.enterRoster(request, metadata: admin, options: options)
    }
    summary.add("relief", "roster_households", entries.count)
  }
}
