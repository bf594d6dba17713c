// The needy roster (困难台账): a household's entries, at most one current; past entries stay
// as history.

import GRDB
import VetsAPI
import VetsKit

enum RosterStore {
  static func entry(_ row: Row) -> Vets_Relief_V1_RosterEntry {
    var e = Vets_Relief_V1_RosterEntry()
    e.id = row["id"]
    e.householdID = row["household_id"]
    e.level = Vets_Relief_V1_RosterLevel.terms.value(row["level"]) ?? .unspecified
    e.reason = row["reason"]
    e.enteredOn = (try? CalendarDate(iso: row["entered_on"], field: "").proto) ?? .init()
    e.nextReviewOn = (try? CalendarDate(iso: row["next_review_on"], field: "").proto) ?? .init()
    if let exited: String = row["exited_on"] { e.exitedOn = (try? CalendarDate(iso: exited, field: "").proto) ?? .init() }
    e.exitReason = row["exit_reason"]
    return e
  }

  static func fetch(_ db: Database, id: Int64) throws -> Vets_Relief_V1_RosterEntry {
    entry(try Row.fetchOne(db, sql: "SELECT * FROM relief_roster WHERE id = ?", arguments: [id])!)
  }

  /// Puts a household on the roster from `today`; refused while it is on it already.
  static func enter(
    _ db: Database, household: DirectoryHousehold, level: String, reason: String, today: CalendarDate, review: CalendarDate
  ) throws -> Vets_Relief_V1_RosterEntry {
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
    return try fetch(db, id: db.lastInsertedRowID)
  }

  /// Takes a household off the roster on `today`, keeping the entry as history.
  static func exit(_ db: Database, household: String, reason: String, today: CalendarDate) throws -> Vets_Relief_V1_RosterEntry {
    guard let id = try Int64.fetchOne(
      db, sql: "SELECT id FROM relief_roster WHERE household_id = ? AND exited_on IS NULL", arguments: [household])
    else { throw VetsError.failedPrecondition("household \(household) is not on the roster") }
    try db.execute(sql: "UPDATE relief_roster SET exited_on = ?, exit_reason = ? WHERE id = ?", arguments: [today.iso, reason, id])
    return try fetch(db, id: id)
  }

  /// A page of entries in id order after `after`, inside `scope`: the current ones, or all
  /// with `includeHistory`; only those overdue for review on `today` with `overdueOnly`.
  static func page(
    _ db: Database, after: Int64, household: String?, includeHistory: Bool, overdueOnly: Bool, today: CalendarDate, scope: Scope,
    limit: Int
  ) throws -> [Vets_Relief_V1_RosterEntry] {
    let (scopeSQL, scopeArgs) = scope.sqlFilter()
    var conditions = includeHistory ? "" : "AND exited_on IS NULL"
    var arguments: StatementArguments = [after]
    if overdueOnly {
      conditions += " AND exited_on IS NULL AND next_review_on < ?"
      arguments += [today.iso]
    }
    if let household {
      conditions += " AND household_id = ?"
      arguments += [household]
    }
    return try Row.fetchAll(
      db, sql: "SELECT * FROM relief_roster WHERE id > ? \(conditions) \(scopeSQL) ORDER BY id LIMIT ?",
      arguments: arguments + scopeArgs + [limit]
    ).map(entry)
  }

  /// A household's entries, in the order they were made.
  static func all(_ db: Database, household: String) throws -> [Vets_Relief_V1_RosterEntry] {
    try Row.fetchAll(db, sql: "SELECT * FROM relief_roster WHERE household_id = ? ORDER BY id", arguments: [household]).map(entry)
  }
}
