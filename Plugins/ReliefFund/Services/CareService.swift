import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// The needy roster, visit campaigns and visits, and the yearly report.
struct CareService: Vets_Relief_V1_CareService.SimpleServiceProtocol, CallerReading {
  static let rules: AccessRules = [
    "EnterRoster": .write(.admin, .clerk),
    "ExitRoster": .write(.admin, .clerk),
    "ListRoster": .read(.admin, .clerk, .approver, .auditor),
    "CreateCampaign": .write(.admin),
    "ListCampaigns": .read(.admin, .clerk, .approver, .auditor, .coordinator),
    "RecordVisit": .write(.admin, .clerk),
    "ListVisits": .read(.admin, .clerk, .approver, .auditor),
    "GetReport": .read(.admin, .clerk, .approver, .auditor).countyWide,
  ]

  let database: VetsDatabase
  let directory: any PersonDirectory
  let settings: ModuleSettings<ReliefConfig>
  var config: ReliefConfig { settings.current }

  var today: CalendarDate { CalendarDate.today(database.clock) }

  func household(_ id: String) async throws -> DirectoryHousehold {
    guard !id.isEmpty else { throw VetsError.invalidArgument(field: "household_id", rule: "is required") }
    guard let household = try await directory.household(id: id) else {
      throw VetsError.notFound("no household with id \(quoted: id) in the registry")
    }
    try caller.mustCover(household.villageCode, "household \(id)")
    return household
  }

  // MARK: Roster

  func enterRoster(request: Vets_Relief_V1_EnterRosterRequest, context: ServerContext) async throws -> Vets_Relief_V1_RosterEntry {
    let level = try Vets_Relief_V1_RosterLevel.terms.word(request.level, field: "level")
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    guard let review = try CalendarDate.optional(request.nextReviewOn, field: "next_review_on") else {
      throw VetsError.invalidArgument(field: "next_review_on", rule: "is required: when the household is reviewed next")
    }
    let today = self.today
    guard review > today else { throw VetsError.invalidArgument(field: "next_review_on", rule: "must be after today (\(today))") }
    let household = try await household(request.householdID)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let entry = try RosterStore.enter(
        db, household: household, level: level, reason: reason, today: CalendarDate.localDay(of: call.now), review: review)
      return Mutation(entry, targets: ["household:\(household.id)"])
    }
  }

  func exitRoster(request: Vets_Relief_V1_ExitRosterRequest, context: ServerContext) async throws -> Vets_Relief_V1_RosterEntry {
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    let household = try await household(request.householdID)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let entry = try RosterStore.exit(db, household: household.id, reason: reason, today: CalendarDate.localDay(of: call.now))
      return Mutation(entry, targets: ["household:\(household.id)"])
    }
  }

  func listRoster(request: Vets_Relief_V1_ListRosterRequest, context: ServerContext) async throws -> Vets_Relief_V1_ListRosterResponse {
    let page = try Page(request.page)
    let after = try page.after(Int64.self) ?? 0
    let (scope, today) = (caller.scope, self.today)
    let household = request.householdID.isEmpty ? nil : request.householdID
    let entries = try await database.read { db in
      try RosterStore.page(
        db, after: after, household: household, includeHistory: request.includeHistory, overdueOnly: request.overdueOnly, today: today,
        scope: scope, limit: page.size)
    }
    var response = Vets_Relief_V1_ListRosterResponse()
    response.entries = entries
    response.nextPageToken = page.nextToken(last: entries.last?.id, count: entries.count)
    return response
  }

  // MARK: Campaigns and visits

  func createCampaign(request: Vets_Relief_V1_CreateCampaignRequest, context: ServerContext) async throws -> Vets_Relief_V1_Campaign {
    let name = try Validate.name(request.name, field: "name", max: 100)
    let kind = try Vets_Relief_V1_CampaignKind.terms.word(request.kind, field: "kind")
    guard let starts = try CalendarDate.optional(request.startsOn, field: "starts_on") else {
      throw VetsError.invalidArgument(field: "starts_on", rule: "is required")
    }
    guard let ends = try CalendarDate.optional(request.endsOn, field: "ends_on") else {
      throw VetsError.invalidArgument(field: "ends_on", rule: "is required")
    }
    guard ends >= starts else { throw VetsError.invalidArgument(field: "ends_on", rule: "must not be before starts_on") }
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      var campaign = Vets_Relief_V1_Campaign()
      campaign.id = RecordID.make("cmp_")
      campaign.name = name
      campaign.kind = request.kind
      campaign.startsOn = starts.proto
      campaign.endsOn = ends.proto
      try CampaignStore.insert(db, campaign, kind: kind, starts: starts, ends: ends)
      return Mutation(campaign, targets: ["campaign:\(campaign.id)"])
    }
  }

  func listCampaigns(request: Vets_Relief_V1_ListCampaignsRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_ListCampaignsResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let campaigns = try await database.read { db in try CampaignStore.page(db, after: after, limit: page.size) }
    var response = Vets_Relief_V1_ListCampaignsResponse()
    response.campaigns = campaigns
    response.nextPageToken = page.nextToken(last: campaigns.last?.id, count: campaigns.count)
    return response
  }

  func recordVisit(request: Vets_Relief_V1_RecordVisitRequest, context: ServerContext) async throws -> Vets_Relief_V1_Visit {
    guard !request.personID.isEmpty else { throw VetsError.invalidArgument(field: "person_id", rule: "is required") }
    guard let person = try await directory.person(id: request.personID) else {
      throw VetsError.notFound("no person with id \(quoted: request.personID) in the registry")
    }
    if request.cash.fen != 0, !person.isActive {
      throw VetsError.failedPrecondition("person \(person.id) is not an active, living person in the registry; cash cannot be given")
    }
    try caller.mustCover(person.villageCode, "person \(person.id)")
    guard let visitedOn = try CalendarDate.optional(request.visitedOn, field: "visited_on") else {
      throw VetsError.invalidArgument(field: "visited_on", rule: "is required")
    }
    guard visitedOn <= today else { throw VetsError.invalidArgument(field: "visited_on", rule: "must not be in the future") }
    guard !request.units.isEmpty, request.units.count <= 20 else {
      throw VetsError.invalidArgument(field: "units", rule: "name 1-20 visiting units (bureau, civil affairs, youth league…)")
    }
    for unit in request.units { try Validate.text(unit, field: "units", max: 50) }
    guard request.goodsValue.fen >= 0, request.goodsValue.fen <= config.depositCeilingYuan * 100 else {
      throw VetsError.invalidArgument(field: "goods_value", rule: "must be between 0 and the configured ceiling")
    }
    let cash = request.cash.fen == 0 ? 0 : try Money.amount(request.cash, field: "cash", ceiling: config.depositCeilingYuan * 100)
    let visit = VisitStore.NewVisit(
      campaignID: request.campaignID.isEmpty ? nil : request.campaignID, person: person, visitedOn: visitedOn, units: request.units,
      goodsValue: request.goodsValue.fen, cash: cash, fund: cash == 0 ? nil : try FundRules.code(request.cashFund, field: "cash_fund"),
      caseID: request.caseID.isEmpty ? nil : request.caseID,
      notes: try Validate.text(request.notes, field: "notes", max: 2000, required: false))
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let recorded = try VisitStore.record(db, visit, call)
      return Mutation(recorded, targets: ["visit:\(recorded.id)", "person:\(person.id)"])
    }
  }

  func listVisits(request: Vets_Relief_V1_ListVisitsRequest, context: ServerContext) async throws -> Vets_Relief_V1_ListVisitsResponse {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let scope = caller.scope
    let campaign = request.campaignID.isEmpty ? nil : request.campaignID
    let household = request.householdID.isEmpty ? nil : request.householdID
    let visits = try await database.read { db in
      try VisitStore.page(db, after: after, campaign: campaign, household: household, scope: scope, limit: page.size)
    }
    var response = Vets_Relief_V1_ListVisitsResponse()
    response.visits = visits
    response.names = try await directory.names(of: Set(visits.flatMap { [$0.personID, $0.householdID] }))
    response.nextPageToken = page.nextToken(last: visits.last?.id, count: visits.count)
    return response
  }

  // MARK: Report

  func getReport(request: Vets_Relief_V1_GetReportRequest, context: ServerContext) async throws -> Vets_Relief_V1_Report {
    let year = try Validate.reportYear(request.year)
    return try await database.read { db in try ReliefReport.compute(db, year: year) }
  }
}
