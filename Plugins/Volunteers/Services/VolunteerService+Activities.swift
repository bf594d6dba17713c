import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Activities: planning, completing, cancelling and reading them (hours and money raised are
/// in VolunteerService+Hours.swift).
extension VolunteerService {
  /// The longest activity: a week.
  static let maxActivityMinutes = 7 * 24 * 60

  struct ActivityRow {
    var id: String
    var status: String
    var startsAt: String
    var endsAt: String
    var startDay: String
    var placeCode: String
    var title: String

    init?(_ db: Database, id: String) throws {
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_activities WHERE id = ?", arguments: [id]) else { return nil }
      (self.id, status, startsAt, endsAt) = (id, row["status"], row["starts_at"], row["ends_at"])
      (startDay, placeCode, title) = (row["start_day"], row["place_code"], row["title"])
    }

    /// The activity, for a write by `caller`: it exists and lies in the caller's scope.
    static func forWrite(_ db: Database, id: String, caller: Caller) throws -> ActivityRow {
      guard let activity = try ActivityRow(db, id: id) else { throw VetsError.notFound("no activity with id \(quoted: id)") }
      try VolunteerService.requireScope(caller, covers: activity.placeCode, what: "activity \(id)")
      return activity
    }

    func requireStarted(_ now: Date) throws {
      guard let start = Instant.date(startsAt), start <= now else {
        throw VetsError.failedPrecondition("activity \(id) starts at \(startsAt); it has not started yet")
      }
    }

    func setStatus(_ db: Database, _ status: String) throws {
      try db.execute(sql: "UPDATE volunteers_activities SET status = ? WHERE id = ?", arguments: [status, id])
    }
  }

  static func hoursEntry(_ row: Row) -> Vets_Volunteers_V1_HoursEntry {
    var h = Vets_Volunteers_V1_HoursEntry()
    h.id = row["id"]
    h.activityID = row["activity_id"]
    h.memberID = row["member_id"]
    h.minutes = row["minutes"]
    h.corrects = row["corrects"] ?? ""
    h.status = (row["corrected"] as Bool) ? .corrected : (row["approved_at"] as String?) == nil ? .pending : .approved
    if let at = Instant.date(row["recorded_at"]) { h.recordedAt = Google_Protobuf_Timestamp(date: at) }
    h.approvedBy = row["approved_by"] ?? ""
    if let text = row["approved_at"] as String?, let at = Instant.date(text) { h.approvedAt = Google_Protobuf_Timestamp(date: at) }
    return h
  }

  /// Hours entries with whether a later entry corrected each.
  static let hoursSelect = "SELECT h.*, EXISTS (SELECT 1 FROM volunteers_hours c WHERE c.corrects = h.id) AS corrected FROM volunteers_hours h"
  /// The entries in force: those no later entry corrects.
  static let inForce = "NOT EXISTS (SELECT 1 FROM volunteers_hours c WHERE c.corrects = h.id)"

  static func donation(_ row: Row) -> Vets_Volunteers_V1_Donation {
    var d = Vets_Volunteers_V1_Donation()
    d.id = row["id"]
    d.activityID = row["activity_id"]
    d.donor = row["donor"]
    d.kind = Vocabulary.donationKinds.value(row["kind"]) ?? .unspecified
    d.amount = Money.proto(row["amount"])
    d.description_p = row["description"]
    if let at = Instant.date(row["recorded_at"]) { d.recordedAt = Google_Protobuf_Timestamp(date: at) }
    d.depositTransferID = row["transfer_id"] ?? ""
    d.depositFund = row["fund"] ?? ""
    return d
  }

  /// An activity; with `full`, its hours entries and donations too.
  static func activity(_ db: Database, _ row: Row, full: Bool) throws -> Vets_Volunteers_V1_Activity {
    var a = Vets_Volunteers_V1_Activity()
    a.id = row["id"]
    a.title = row["title"]
    a.kind = Vocabulary.activityKinds.value(row["kind"]) ?? .unspecified
    if let at = Instant.date(row["starts_at"]) { a.startsAt = Google_Protobuf_Timestamp(date: at) }
    if let at = Instant.date(row["ends_at"]) { a.endsAt = Google_Protobuf_Timestamp(date: at) }
    a.placeCode = row["place_code"]
    a.place = row["place"]
    a.status = ActivityWorkflow.statuses.value(row["status"]) ?? .unspecified
    a.cancelReason = row["cancel_reason"]
    a.groupIds = try String.fetchAll(
      db, sql: "SELECT group_id FROM volunteers_activity_groups WHERE activity_id = ? ORDER BY group_id", arguments: [a.id])
    for beneficiary in try Row.fetchAll(
      db, sql: "SELECT kind, ref FROM volunteers_beneficiaries WHERE activity_id = ? ORDER BY kind, ref", arguments: [a.id])
    {
      if (beneficiary["kind"] as String) == "person" { a.beneficiaries.personIds.append(beneficiary["ref"]) } else {
        a.beneficiaries.householdIds.append(beneficiary["ref"])
      }
    }
    a.beneficiaries.headCount = row["head_count"]
    guard full else { return a }
    a.hours = try Row.fetchAll(db, sql: "\(hoursSelect) WHERE h.activity_id = ? ORDER BY h.recorded_at, h.id", arguments: [a.id]).map(hoursEntry)
    a.raised = try Row.fetchAll(
      db, sql: "SELECT * FROM volunteers_donations WHERE activity_id = ? ORDER BY recorded_at, id", arguments: [a.id]
    ).map(donation)
    return a
  }

  static func activityResponse(_ db: Database, id: String) throws -> Vets_Volunteers_V1_Activity {
    try activity(db, try Row.fetchOne(db, sql: "SELECT * FROM volunteers_activities WHERE id = ?", arguments: [id])!, full: true)
  }

  // MARK: Planning

  func planActivity(request: Vets_Volunteers_V1_PlanActivityRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Activity {
    let a = request.activity
    guard (1...20).contains(a.groupIds.count) else {
      throw VetsError.invalidArgument(field: "activity.group_ids", rule: "must name 1-20 service groups")
    }
    let groups = try Set(a.groupIds.map { id throws(VetsError) in try Self.id(id, field: "activity.group_ids") })
    let title = try Validate.text(a.title, field: "activity.title", max: 100)
    let kind = try Vocabulary.activityKinds.word(a.kind, field: "activity.kind")
    let starts = try Instant.validated(a.startsAt, field: "activity.starts_at")
    let ends = try Instant.validated(a.endsAt, field: "activity.ends_at")
    guard starts < ends else { throw VetsError.invalidArgument(field: "activity.ends_at", rule: "must be after starts_at") }
    guard ends.timeIntervalSince(starts) <= Double(Self.maxActivityMinutes * 60) else {
      throw VetsError.invalidArgument(field: "activity.ends_at", rule: "an activity lasts at most 7 days")
    }
    let placeCode = try DivisionCode.townOrVillage(a.placeCode, field: "activity.place_code")
    let place = try Validate.text(a.place, field: "activity.place", max: 200, required: false)
    let b = a.beneficiaries
    guard b.personIds.count <= 500, b.householdIds.count <= 500 else {
      throw VetsError.invalidArgument(field: "activity.beneficiaries", rule: "at most 500 people and 500 households; give the rest as head_count")
    }
    guard (0...1_000_000).contains(b.headCount) else {
      throw VetsError.invalidArgument(field: "activity.beneficiaries.head_count", rule: "must be 0-1000000")
    }
    let people = try Set(b.personIds.map { id throws(VetsError) in try Self.id(id, field: "activity.beneficiaries.person_ids") })
    let households = try Set(b.householdIds.map { id throws(VetsError) in try Self.id(id, field: "activity.beneficiaries.household_ids") })
    try Self.requireScope(caller, covers: placeCode, what: "an activity")
    for household in households.sorted() where try await directory.household(id: household) == nil {
      throw VetsError.notFound("no registry household with id \(quoted: household) (activity.beneficiaries.household_ids)")
    }
    let directory = self.directory
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      for group in groups.sorted() {
        guard let status = try String.fetchOne(db, sql: "SELECT status FROM volunteers_groups WHERE id = ?", arguments: [group]) else {
          throw VetsError.notFound("no group with id \(quoted: group) (activity.group_ids)")
        }
        guard status == "active" else { throw VetsError.failedPrecondition("group \(group) is \(status)") }
      }
      for person in people.sorted() where try directory.person(db, id: person) == nil {
        throw VetsError.notFound("no registry person with id \(quoted: person) (activity.beneficiaries.person_ids)")
      }
      let id = RecordID.make("act_")
      try db.execute(
        sql: """
          INSERT INTO volunteers_activities (id, title, kind, starts_at, ends_at, start_day, place_code, place, status, head_count)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?)
          """,
        arguments: [
          id, title, kind, Instant.text(starts), Instant.text(ends), CalendarDate.localDay(of: starts).iso, placeCode, place, b.headCount,
        ])
      for group in groups {
        try db.execute(sql: "INSERT INTO volunteers_activity_groups (activity_id, group_id) VALUES (?, ?)", arguments: [id, group])
      }
      for (kind, refs) in [("person", people), ("household", households)] {
        for ref in refs {
          try db.execute(sql: "INSERT INTO volunteers_beneficiaries (activity_id, kind, ref) VALUES (?, ?, ?)", arguments: [id, kind, ref])
        }
      }
      return Mutation(try Self.activityResponse(db, id: id), targets: ["activity:\(id)"])
    }
  }

  func completeActivity(request: Vets_Volunteers_V1_ActivityTransitionRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Activity
  {
    let id = try Self.id(request.activityID, field: "activity_id")
    let (caller, clock) = (self.caller, database.clock)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let activity = try ActivityRow.forWrite(db, id: id, caller: caller)
      try ActivityWorkflow.require(.complete, activity: id, status: activity.status)
      try activity.requireStarted(clock.now())
      try activity.setStatus(db, "done")
      return Mutation(try Self.activityResponse(db, id: id), targets: ["activity:\(id)"])
    }
  }

  func cancelActivity(request: Vets_Volunteers_V1_ActivityTransitionRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Activity
  {
    let id = try Self.id(request.activityID, field: "activity_id")
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    let caller = self.caller
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let activity = try ActivityRow.forWrite(db, id: id, caller: caller)
      try ActivityWorkflow.require(.cancel, activity: id, status: activity.status)
      let recorded = try Int.fetchOne(
        db, sql: "SELECT (SELECT COUNT(*) FROM volunteers_hours WHERE activity_id = ?) + (SELECT COUNT(*) FROM volunteers_donations WHERE activity_id = ?)",
        arguments: [id, id]) ?? 0
      guard recorded == 0 else {
        throw VetsError.failedPrecondition("activity \(id) already has hours or money raised recorded; complete it instead of cancelling")
      }
      try db.execute(sql: "UPDATE volunteers_activities SET status = 'cancelled', cancel_reason = ? WHERE id = ?", arguments: [reason, id])
      return Mutation(try Self.activityResponse(db, id: id), targets: ["activity:\(id)"])
    }
  }

  // MARK: Reading

  func listActivities(request: Vets_Volunteers_V1_ListActivitiesRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListActivitiesResponse
  {
    let page = try Page(request.page)
    let group = request.groupID.isEmpty ? nil : try Self.id(request.groupID, field: "group_id")
    let status = try ActivityWorkflow.statuses.filter(request.status, unspecified: .unspecified, field: "status")
    let from = try CalendarDate.optional(request.fromDate, field: "from_date")?.iso ?? ""
    let to = try CalendarDate.optional(request.to, field: "to")?.iso ?? "9999"
    guard from <= to else { throw VetsError.invalidArgument(field: "to", rule: "must not be before from") }
    // Newest first; the page token carries the last row's start and id.
    var after: (String, String) = ("~", "~")
    if let token = page.after {
      let parts = token.split(separator: "|", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { throw VetsError.invalidArgument(field: "page.page_token", rule: "is not a token this server issued") }
      after = (parts[0], parts[1])
    }
    let scope = caller.scope.sqlFilter(villageColumn: "place_code")
    var arguments: StatementArguments = [after.0, after.1, from, to, status, status, group, group]
    arguments += scope.arguments
    arguments += [page.size]
    let rows = try await database.read { [arguments] db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM volunteers_activities a WHERE (starts_at, id) < (?, ?) AND start_day >= ? AND start_day <= ?
            AND (? IS NULL OR status = ?)
            AND (? IS NULL OR EXISTS (SELECT 1 FROM volunteers_activity_groups g WHERE g.activity_id = a.id AND g.group_id = ?))
            \(scope.sql)
          ORDER BY starts_at DESC, id DESC LIMIT ?
          """,
        arguments: arguments
      ).map { (key: "\($0["starts_at"] as String)|\($0["id"] as String)", activity: try Self.activity(db, $0, full: false)) }
    }
    var response = Vets_Volunteers_V1_ListActivitiesResponse()
    response.activities = rows.map(\.activity)
    response.nextPageToken = page.nextToken(lastKey: rows.last?.key, count: rows.count)
    return response
  }

  func getActivity(request: Vets_Volunteers_V1_GetActivityRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Activity {
    let id = try Self.id(request.id, field: "id")
    let caller = self.caller
    return try await database.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_activities WHERE id = ?", arguments: [id]) else {
        throw VetsError.notFound("no activity with id \(quoted: id)")
      }
      try Self.requireScope(caller, covers: row["place_code"], what: "activity \(id)")
      return try Self.activity(db, row, full: true)
    }
  }
}
