// Relief's part of the worklist: follow-up visits due, roster reviews due, and cases waiting
// for the caller's approval level, within the caller's scope.

import GRDB
import VetsAPI
import VetsKit

enum ReliefWorklist {
  /// The approval levels in GLOSSARY.md's words.
  static let levels = ["village": "村级初审", "town": "镇(街道)审核", "county": "县级审批"]

  static func items(_ db: Database, _ r: WorkRequest) throws -> [Vets_Daemon_V1_WorkItem] {
    let horizon = r.today.adding(days: r.lookAheadDays).iso
    var items: [Vets_Daemon_V1_WorkItem] = []

    // Follow-up visits `relief case schedule` set; a follow-up visit recorded answers one.
    let cases = r.caller.scope.sqlFilter(villageColumn: "c.village_code")
    for row in try Row.fetchAll(
      db,
      sql: "SELECT f.case_id, f.due_on, c.household_id, c.village_code FROM relief_case_follow_ups f "
        + "JOIN relief_cases c ON c.id = f.case_id WHERE f.due_on <= ?\(cases.sql) ORDER BY f.due_on, f.case_id",
      arguments: [horizon] + cases.arguments)
    {
      var item = Vets_Daemon_V1_WorkItem(
        module: ReliefModule.id, kind: "follow_up_visit", label: "回访到期", record: row["case_id"],
        division: row["village_code"], summary: "帮扶个案回访走访")
      item.householdID = row["household_id"]
      item.due(try CalendarDate(iso: row["due_on"], field: "due_on"), today: r.today)
      items.append(item)
    }

    // Households on the needy roster whose review comes up.
    let roster = r.caller.scope.sqlFilter()
    for row in try Row.fetchAll(
      db,
      sql: "SELECT household_id, village_code, level, next_review_on FROM relief_roster "
        + "WHERE exited_on IS NULL AND next_review_on <= ?\(roster.sql) ORDER BY next_review_on, household_id",
      arguments: [horizon] + roster.arguments)
    {
      let level = Vets_Relief_V1_RosterLevel.terms.value(row["level"]).flatMap { Vets_Relief_V1_RosterLevel.terms.label(of: $0) }
      var item = Vets_Daemon_V1_WorkItem(
        module: ReliefModule.id, kind: "roster_review", label: "困难台账复核", record: row["household_id"],
        division: row["village_code"], summary: "复核困难等级（现为\(level ?? row["level"])）")
      item.householdID = row["household_id"]
      item.due(try CalendarDate(iso: row["next_review_on"], field: "next_review_on"), today: r.today)
      items.append(item)
    }

    // Cases in review whose next level is the caller's, for an approver who has not decided them.
    if r.caller.role == .approver, let level = CaseWorkflow.level(of: r.caller.scope) {
      for row in try Row.fetchAll(
        db,
        sql: "SELECT c.id, c.household_id, c.village_code, c.pending_levels FROM relief_cases c "
          + "WHERE c.status = 'in_review'\(cases.sql) "
          + "AND NOT EXISTS (SELECT 1 FROM relief_case_decisions d WHERE d.case_id = c.id AND d.subject = ?) ORDER BY c.id",
        arguments: cases.arguments + [r.caller.subject])
      where (row["pending_levels"] as String).split(separator: ",").first.map(String.init) == level {
        var item = Vets_Daemon_V1_WorkItem(
          module: ReliefModule.id, kind: "case_awaiting_approval", label: "待我审批", record: row["id"],
          division: row["village_code"], summary: "帮扶个案等待\(levels[level] ?? level)")
        item.householdID = row["household_id"]
        items.append(item)
      }
    }
    return items
  }
}
