// Activities: planned by one or more service groups, serving registered people and
// households and a head count of others, then completed or cancelled.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

enum ActivityStore {
  /// An activity on the wire; with `full`, its hours entries and donations too.
  static func proto(_ db: Database, _ row: Row, full: Bool) throws -> Vets_Volunteers_V1_Activity {
    var a = Vets_Volunteers_V1_Activity()
    a.id = row["id"]
    a.title = row["title"]
    a.kind = Vets_Volunteers_V1_ActivityKind.terms.value(row["kind"]) ?? .unspecified
    if let at = Instant.date(row["starts_at"]) { a.startsAt = Google_Protobuf_Timestamp(date: at) }
    if let at = Instant.date(row["ends_at"]) { a.endsAt = Google_Protobuf_Timestamp(date: at) }
    a.placeCode = row["place_code"]
    a.place = row["place"]
    a.status = ActivityStatus.terms.value(row["status"]) ?? .unspecified
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
    a.hours = try HoursStore.ofActivity(db, id: a.id)
    a.raised = try DonationStore.ofActivity(db, id: a.id)
    return a
  }

  static func row(_ db: Database, id: String) throws -> Row? {
    try Row.fetchOne(db, sql: "SELECT * FROM volunteers_activities WHERE id = ?", arguments: [id])
  }

  /// The whole activity, as a write answers with it.
  static func response(_ db: Database, id: String) throws -> Vets_Volunteers_V1_Activity {
    try proto(db, try row(db, id: id)!, full: true)
  }

  /// Plans an activity of active groups for registered people (households were checked
  /// before the write: the directory reads them outside it).
  static func plan(_ db: Database, _ p: ActivityPlan, directory: any PersonDirectory) throws -> Vets_Volunteers_V1_Activity {
    for group in p.groups.sorted() { try GroupStore.requireActive(db, id: group, field: "activity.group_ids") }
    for person in p.people.sorted() where try directory.person(db, id: person) == nil {
      throw VetsError.notFound("no registry person with id \(quoted: person) (activity.beneficiaries.person_ids)")
    }
    let id = RecordID.make("act_")
    try db.execute(
      sql: """
        INSERT INTO volunteers_activities (id, title, kind, starts_at, ends_at, start_day, place_code, place, status, head_count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?)
        """,
      arguments: [
        id, p.title, p.kind, Instant.text(p.starts), Instant.text(p.ends), CalendarDate.localDay(of: p.starts).iso, p.placeCode, p.place,
        p.headCount,
      ])
    for group in p.groups {
      try db.execute(sql: "INSERT INTO volunteers_activity_groups (activity_id, group_id) VALUES (?, ?)", arguments: [id, group])
    }
    for (kind, refs) in [("person", p.people), ("household", p.households)] {
      for ref in refs {
        try db.execute(sql: "INSERT INTO volunteers_beneficiaries (activity_id, kind, ref) VALUES (?, ?, ?)", arguments: [id, kind, ref])
      }
    }
    return try response(db, id: id)
  }

  /// Marks a planned activity that has started as done.
  static func complete(_ db: Database, id: String, call: WriteCall) throws -> Vets_Volunteers_V1_Activity {
    let activity = try ActivityRow.forWrite(db, id: id, caller: call.caller)
    try ActivityWorkflow.require(.complete, activity: id, status: activity.status)
    try activity.requireStarted(call.now)
    try activity.setStatus(db, .done)
    return try response(db, id: id)
  }

  /// Cancels a planned activity that has no hours or money raised recorded.
  static func cancel(_ db: Database, id: String, reason: String, call: WriteCall) throws -> Vets_Volunteers_V1_Activity {
    let activity = try ActivityRow.forWrite(db, id: id, caller: call.caller)
    try ActivityWorkflow.require(.cancel, activity: id, status: activity.status)
    let recorded = try Int.fetchOne(
      db, sql: "SELECT (SELECT COUNT(*) FROM volunteers_hours WHERE activity_id = ?) + (SELECT COUNT(*) FROM volunteers_donations WHERE activity_id = ?)",
      arguments: [id, id]) ?? 0
    guard recorded == 0 else {
      throw VetsError.failedPrecondition("activity \(id) already has hours or money raised recorded; complete it instead of cancelling")
    }
    try activity.setStatus(db, .cancelled, cancelReason: reason)
    return try response(db, id: id)
  }

  /// What a listing filters by: start days from...to, a status word and a group when given,
  /// and the caller's scope.
  struct Filter: Sendable {
    var from: String
    var to: String
    var status: String?
    var group: String?
    var scope: Scope
  }

  /// A page newest first, after the (starts_at, id) key; each activity with its page key.
  static func list(_ db: Database, _ f: Filter, after: (startsAt: String, id: String), limit: Int) throws
    -> [(key: String, activity: Vets_Volunteers_V1_Activity)]
  {
    let scope = f.scope.sqlFilter(villageColumn: "place_code")
    var arguments: StatementArguments = [after.startsAt, after.id, f.from, f.to, f.status, f.status, f.group, f.group]
    arguments += scope.arguments
    arguments += [limit]
    return try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM volunteers_activities a WHERE (starts_at, id) < (?, ?) AND start_day >= ? AND start_day <= ?
          AND (? IS NULL OR status = ?)
          AND (? IS NULL OR EXISTS (SELECT 1 FROM volunteers_activity_groups g WHERE g.activity_id = a.id AND g.group_id = ?))
          \(scope.sql)
        ORDER BY starts_at DESC, id DESC LIMIT ?
        """,
      arguments: arguments
    ).map { (key: Page.key($0["starts_at"], $0["id"]), activity: try proto(db, $0, full: false)) }
  }

  /// One activity in full, inside the caller's scope.
  static func get(_ db: Database, id: String, caller: Caller) throws -> Vets_Volunteers_V1_Activity {
    guard let row = try row(db, id: id) else { throw VetsError.notFound("no activity with id \(quoted: id)") }
    try caller.mustCover(row["place_code"], "activity \(id)")
    return try proto(db, row, full: true)
  }

  /// The activities not cancelled that served the household or one of its members, by day:
  /// the lines of the household file.
  static func servingHousehold(_ db: Database, id householdID: String, members: [String]) throws -> [Vets_Registry_V1_HouseholdFileEntry] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT DISTINCT a.id, a.title, a.start_day, a.status,
          (SELECT group_concat(g.name, '、') FROM volunteers_activity_groups ag JOIN volunteers_groups g ON g.id = ag.group_id
           WHERE ag.activity_id = a.id) AS groups
        FROM volunteers_activities a JOIN volunteers_beneficiaries b ON b.activity_id = a.id
        WHERE a.status != 'cancelled'
          AND ((b.kind = 'household' AND b.ref = ?) OR (b.kind = 'person' AND b.ref IN (\(members.map { _ in "?" }.joined(separator: ",")))))
        ORDER BY a.start_day, a.id
        """,
      arguments: StatementArguments([householdID] + members)
    ).map { row -> Vets_Registry_V1_HouseholdFileEntry in
      var entry = Vets_Registry_V1_HouseholdFileEntry()
      entry.label = "活动 \(row["id"] as String)"
      let status = Vets_Volunteers_V1_ActivityStatus.terms.label(ofWord: row["status"])
      entry.value = "\(row["start_day"] as String) \(row["title"] as String)，\(row["groups"] as String? ?? "-")（\(status)）"
      return entry
    }
  }
}
