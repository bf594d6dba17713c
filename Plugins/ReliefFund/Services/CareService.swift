import Crypto
import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The needy roster, visit campaigns and visits, and the yearly report.
struct CareService: Vets_Relief_V1_CareService.SimpleServiceProtocol {
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
  static let levels: [(Vets_Relief_V1_RosterLevel, String)] = [(.watch, "watch"), (.needy, "needy"), (.severe, "severe")]
  static let campaignKinds: [(Vets_Relief_V1_CampaignKind, String)] = [
    (.armyDay, "army_day"), (.springFestival, "spring_festival"), (.routine, "routine"),
  ]

  let database: VetsDatabase
  let directory: any PersonDirectory
  let settings: ModuleSettings<ReliefConfig>
  var config: ReliefConfig { settings.current }

  var caller: Caller { CallContext.now.caller }
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

  static func entry(_ row: Row) -> Vets_Relief_V1_RosterEntry {
    var e = Vets_Relief_V1_RosterEntry()
    e.id = row["id"]
    e.householdID = row["household_id"]
    e.level = levels.first { $0.1 == (row["level"] as String) }?.0 ?? .unspecified
    e.reason = row["reason"]
    e.enteredOn = (try? CalendarDate(iso: row["entered_on"], field: "").proto) ?? .init()
    e.nextReviewOn = (try? CalendarDate(iso: row["next_review_on"], field: "").proto) ?? .init()
    if let exited: String = row["exited_on"] { e.exitedOn = (try? CalendarDate(iso: exited, field: "").proto) ?? .init() }
    e.exitReason = row["exit_reason"]
    return e
  }

  func enterRoster(request: Vets_Relief_V1_EnterRosterRequest, context: ServerContext) async throws -> Vets_Relief_V1_RosterEntry {
    guard let level = Self.levels.first(where: { $0.0 == request.level })?.1 else {
      throw VetsError.invalidArgument(field: "level", rule: "must be watch, needy or severe")
    }
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    guard let review = try CalendarDate.optional(request.nextReviewOn, field: "next_review_on") else {
      throw VetsError.invalidArgument(field: "next_review_on", rule: "is required: when the household is reviewed next")
    }
    let today = self.today
    guard review > today else { throw VetsError.invalidArgument(field: "next_review_on", rule: "must be after today (\(today))") }
    let household = try await household(request.householdID)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      if try Bool.fetchOne(
        db, sql: "SELECT 1 FROM relief_roster WHERE household_id = ? AND exited_on IS NULL", arguments: [household.id]) == true
      {
        throw VetsError.failedPrecondition("household \(household.id) is already on the roster; exit it first to change its entry")
      }
      try db.execute(
        sql: """
          INSERT INTO relief_roster (household_id, village_code, level, reason, entered_on, next_review_on)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [household.id, household.villageCode, level, reason, today.iso, review.iso])
      let row = try Row.fetchOne(db, sql: "SELECT * FROM relief_roster WHERE id = ?", arguments: [db.lastInsertedRowID])!
      return Mutation(Self.entry(row), targets: ["household:\(household.id)"])
    }
  }

  func exitRoster(request: Vets_Relief_V1_ExitRosterRequest, context: ServerContext) async throws -> Vets_Relief_V1_RosterEntry {
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    let household = try await household(request.householdID)
    let today = self.today
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      guard let id = try Int64.fetchOne(
        db, sql: "SELECT id FROM relief_roster WHERE household_id = ? AND exited_on IS NULL", arguments: [household.id])
      else { throw VetsError.failedPrecondition("household \(household.id) is not on the roster") }
      try db.execute(sql: "UPDATE relief_roster SET exited_on = ?, exit_reason = ? WHERE id = ?", arguments: [today.iso, reason, id])
      let row = try Row.fetchOne(db, sql: "SELECT * FROM relief_roster WHERE id = ?", arguments: [id])!
      return Mutation(Self.entry(row), targets: ["household:\(household.id)"])
    }
  }

  func listRoster(request: Vets_Relief_V1_ListRosterRequest, context: ServerContext) async throws -> Vets_Relief_V1_ListRosterResponse {
    let page = try Page(request.page)
    guard let after = Int64(page.after ?? "0") else {
      throw VetsError.invalidArgument(field: "page.page_token", rule: "is not a token this server issued")
    }
    let (scopeSQL, scopeArgs) = caller.scope.sqlFilter()
    var conditions = request.includeHistory ? "" : "AND exited_on IS NULL"
    var arguments: StatementArguments = [after]
    if request.overdueOnly {
      conditions += " AND exited_on IS NULL AND next_review_on < ?"
      arguments += [today.iso]
    }
    if !request.householdID.isEmpty {
      conditions += " AND household_id = ?"
      arguments += [request.householdID]
    }
    let (filter, values) = (conditions, arguments + scopeArgs + [page.size])
    let entries = try await database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM relief_roster WHERE id > ? \(filter) \(scopeSQL) ORDER BY id LIMIT ?", arguments: values
      ).map(Self.entry)
    }
    var response = Vets_Relief_V1_ListRosterResponse()
    response.entries = entries
    response.nextPageToken = page.nextToken(lastKey: entries.last.map { String($0.id) }, count: entries.count)
    return response
  }

  // MARK: Campaigns and visits

  func createCampaign(request: Vets_Relief_V1_CreateCampaignRequest, context: ServerContext) async throws -> Vets_Relief_V1_Campaign {
    let name = try Validate.name(request.name, field: "name", max: 100)
    guard let kind = Self.campaignKinds.first(where: { $0.0 == request.kind })?.1 else {
      throw VetsError.invalidArgument(field: "kind", rule: "must be army_day, spring_festival or routine")
    }
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
      try db.execute(
        sql: "INSERT INTO relief_campaigns (id, name, kind, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)",
        arguments: [campaign.id, name, kind, starts.iso, ends.iso])
      return Mutation(campaign, targets: ["campaign:\(campaign.id)"])
    }
  }

  func listCampaigns(request: Vets_Relief_V1_ListCampaignsRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_ListCampaignsResponse
  {
    let page = try Page(request.page)
    let campaigns = try await database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM relief_campaigns WHERE id > ? ORDER BY id LIMIT ?", arguments: [page.after ?? "", page.size])
        .map { row in
          var c = Vets_Relief_V1_Campaign()
          c.id = row["id"]
          c.name = row["name"]
          c.kind = Self.campaignKinds.first { $0.1 == (row["kind"] as String) }?.0 ?? .unspecified
          c.startsOn = (try? CalendarDate(iso: row["starts_on"], field: "").proto) ?? .init()
          c.endsOn = (try? CalendarDate(iso: row["ends_on"], field: "").proto) ?? .init()
          return c
        }
    }
    var response = Vets_Relief_V1_ListCampaignsResponse()
    response.campaigns = campaigns
    response.nextPageToken = page.nextToken(lastKey: campaigns.last?.id, count: campaigns.count)
    return response
  }

  static func visit(_ row: Row) -> Vets_Relief_V1_Visit {
    var v = Vets_Relief_V1_Visit()
    v.id = row["id"]
    v.campaignID = row["campaign_id"] ?? ""
    v.personID = row["person_id"]
    v.householdID = row["household_id"] ?? ""
    v.visitedOn = (try? CalendarDate(iso: row["visited_on"], field: "").proto) ?? .init()
    v.units = (row["units"] as String).split(separator: "、").map(String.init)
    v.goodsValue = Money.proto(row["goods_value"])
    v.cash = Money.proto(row["cash"])
    v.transferID = row["transfer_id"] ?? ""
    v.caseID = row["case_id"] ?? ""
    v.notes = row["notes"]
    if let at = Instant.date(row["recorded_at"]) { v.recordedAt = Google_Protobuf_Timestamp(date: at) }
    return v
  }

  func recordVisit(request: Vets_Relief_V1_RecordVisitRequest, context: ServerContext) async throws -> Vets_Relief_V1_Visit {
    guard !request.personID.isEmpty else { throw VetsError.invalidArgument(field: "person_id", rule: "is required") }
    guard let person = try await directory.person(id: request.personID) else {
      throw VetsError.notFound("no person with id \(quoted: request.personID) in the registry")
    }
    let caller = self.caller
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
    let fund = cash == 0 ? nil : try FundService.code(request.cashFund, field: "cash_fund")
    let notes = try Validate.text(request.notes, field: "notes", max: 2000, required: false)
    let clock = database.clock
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      if !request.campaignID.isEmpty,
        try Bool.fetchOne(db, sql: "SELECT 1 FROM relief_campaigns WHERE id = ?", arguments: [request.campaignID]) != true
      {
        throw VetsError.notFound("no campaign with id \(quoted: request.campaignID)")
      }
      let now = clock.now()
      // From the request id, so the same visit sent again (even by another token) is refused
      // as a duplicate rather than paying its cash twice.
      let id = "vis_" + String(Hex.string(SHA256.hash(data: Data("\(request.requestID)|\(person.id)".utf8))).prefix(16))
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM relief_visits WHERE id = ?", arguments: [id]) != true else {
        throw VetsError.alreadyExists("this visit (request_id \(request.requestID)) is already recorded as \(id)")
      }
      var transferID: String?
      if let fund {
        // Cash is reserved and paid at once; short funds refuse the whole visit record.
        let ledger = FundLedger.Context(now: now, by: caller.tokenID)
        let reserved = try FundLedger.reserve(
          db, id: "\(id):reserve", fund: fund, payout: "payees", amount: cash, memo: "visit cash", link: "visit:\(id)", ledger)
        transferID = try FundLedger.post(db, id: "\(id):cash", pendingID: reserved.id, amount: cash, memo: "visit cash", ledger).id
      }
      if !request.caseID.isEmpty {
        var record = try CaseRecord.fetch(db, id: request.caseID)
        try CaseWorkflow.require(record, in: [.paid], to: "a follow-up visit")
        guard record.householdID == person.householdID else {
          throw VetsError.failedPrecondition("case \(record.id) is for household \(record.householdID), not this person's")
        }
        try record.event(db, "follow_up_visit", caller, at: Instant.text(now), detail: "\(visitedOn) by \(request.units.joined(separator: "、"))")
        try db.execute(
          sql: "DELETE FROM relief_case_follow_ups WHERE case_id = ? AND due_on = (SELECT MIN(due_on) FROM relief_case_follow_ups WHERE case_id = ?)",
          arguments: [record.id, record.id])
        try record.save(db)
      }
      try db.execute(
        sql: """
          INSERT INTO relief_visits (id, campaign_id, person_id, household_id, village_code, visited_on, units, goods_value, cash,
            transfer_id, case_id, notes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          id, request.campaignID.isEmpty ? nil : request.campaignID, person.id, person.householdID, person.villageCode, visitedOn.iso,
          request.units.joined(separator: "、"), request.goodsValue.fen, cash, transferID,
          request.caseID.isEmpty ? nil : request.caseID, notes, Instant.text(now),
        ])
      let visit = Self.visit(try Row.fetchOne(db, sql: "SELECT * FROM relief_visits WHERE id = ?", arguments: [id])!)
      return Mutation(visit, targets: ["visit:\(id)", "person:\(person.id)"])
    }
  }

  func listVisits(request: Vets_Relief_V1_ListVisitsRequest, context: ServerContext) async throws -> Vets_Relief_V1_ListVisitsResponse {
    let page = try Page(request.page)
    let (scopeSQL, scopeArgs) = caller.scope.sqlFilter()
    let campaign = request.campaignID.isEmpty ? nil : request.campaignID
    let household = request.householdID.isEmpty ? nil : request.householdID
    let visits = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM relief_visits WHERE id > ? AND (? IS NULL OR campaign_id = ?) AND (? IS NULL OR household_id = ?) \(scopeSQL)
          ORDER BY id LIMIT ?
          """,
        arguments: [page.after ?? "", campaign, campaign, household, household] + scopeArgs + [page.size]
      ).map(Self.visit)
    }
    var response = Vets_Relief_V1_ListVisitsResponse()
    response.visits = visits
    response.nextPageToken = page.nextToken(lastKey: visits.last?.id, count: visits.count)
    return response
  }

  // MARK: Report

  func getReport(request: Vets_Relief_V1_GetReportRequest, context: ServerContext) async throws -> Vets_Relief_V1_Report {
    guard (2000...2100).contains(request.year) else { throw VetsError.invalidArgument(field: "year", rule: "must be between 2000 and 2100") }
    let year = Int(request.year)
    return try await database.read { db in try ReliefReport.compute(db, year: year) }
  }
}
