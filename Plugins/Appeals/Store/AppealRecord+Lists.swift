// The appeals as lists: a filtered page, the overdue ones, and what the deadline watch
// looks for.

import GRDB
import VetsAPI
import VetsKit

extension AppealRecord {
  /// What a listing filters by: stored words and ids when given, and the caller's scope.
  struct Filter: Sendable {
    var state: String?
    var category: String?
    var station: String?
    var person: String?
    var scope: Scope
  }

  /// A page in id order after `after`.
  static func list(_ db: Database, _ f: Filter, after: String, limit: Int) throws -> [AppealRecord] {
    let scope = f.scope.sqlFilter()
    return try AppealRecord.fetchAll(
      db,
      sql: """
        SELECT * FROM appeals_requests WHERE id > ? AND (? IS NULL OR state = ?) AND (? IS NULL OR category = ?)
          AND (? IS NULL OR station_id = ?) AND (? IS NULL OR person_id = ?)\(scope.sql)
        ORDER BY id LIMIT ?
        """,
      arguments: [after, f.state, f.state, f.category, f.category, f.station, f.station, f.person, f.person] + scope.arguments + [limit])
  }

  /// A page of the appeals whose clock runs past their due date, by due date, after the
  /// (due_on, id) key; each with its page key.
  static func overdue(_ db: Database, today: CalendarDate, scope: Scope, after: (dueOn: String, id: String), limit: Int) throws
    -> [(key: String, record: AppealRecord)]
  {
    let scope = scope.sqlFilter()
    return try AppealRecord.fetchAll(
      db,
      sql: """
        SELECT * FROM appeals_requests WHERE state IN (\(AppealWorkflow.sqlList(AppealWorkflow.clockRuns)))
          AND due_on < ? AND (due_on, id) > (?, ?)\(scope.sql)
        ORDER BY due_on, id LIMIT ?
        """,
      arguments: [today.iso, after.dueOn, after.id] + scope.arguments + [limit]
    ).map { (key: Page.key($0.dueOn.iso, $0.id), record: $0) }
  }

  /// The appeals whose clock runs and that are due by `day` (overdue ones too), in the
  /// caller's scope, soonest first: the worklist's.
  static func due(_ db: Database, by day: CalendarDate, scope: Scope) throws -> [AppealRecord] {
    let scope = scope.sqlFilter()
    return try AppealRecord.fetchAll(
      db,
      sql: """
        SELECT * FROM appeals_requests WHERE state IN (\(AppealWorkflow.sqlList(AppealWorkflow.clockRuns)))
          AND due_on <= ?\(scope.sql)
        ORDER BY due_on, id
        """,
      arguments: [day.iso] + scope.arguments)
  }

  /// How many appeals are overdue on `today`.
  static func overdueCount(_ db: Database, today: CalendarDate) throws -> Int {
    try Int.fetchOne(
      db, sql: "SELECT COUNT(*) FROM appeals_requests WHERE state IN (\(AppealWorkflow.sqlList(AppealWorkflow.clockRuns))) AND due_on < ?",
      arguments: [today.iso]) ?? 0
  }

  /// The holds in force whose last day is before `today`.
  static func endedHolds(_ db: Database, today: CalendarDate) throws -> [(id: String, seq: Int, until: String)] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT h.appeal_id, h.seq, h.until_on FROM appeals_holds h JOIN appeals_requests a ON a.id = h.appeal_id
        WHERE a.state = 'on_hold' AND h.resumed_on IS NULL AND h.until_on < ?
        """,
      arguments: [today.iso]
    ).map { (id: $0["appeal_id"] as String, seq: $0["seq"] as Int, until: $0["until_on"] as String) }
  }

  /// The ids of the appeals with a due date still to meet.
  static func unfinishedIDs(_ db: Database) throws -> [String] {
    try String.fetchAll(db, sql: "SELECT id FROM appeals_requests WHERE state IN (\(AppealWorkflow.sqlList(AppealWorkflow.unfinished)))")
  }
}
