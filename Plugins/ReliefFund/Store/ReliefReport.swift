// The relief module's yearly figures: the numbers the seed reports (cases, money paid,
// visits and their value, the roster), counted on the bureau's local (UTC+8) calendar.

import GRDB
import VetsAPI
import VetsKit

enum ReliefReport {
  static func compute(_ db: Database, year: Int) throws -> Vets_Relief_V1_Report {
    let first = try CalendarDate(year: year, month: 1, day: 1, field: "year")
    let next = try CalendarDate(year: year + 1, month: 1, day: 1, field: "year")
    // Instants are stored in UTC: the local year runs between these two instants.
    let (start, end) = (Instant.text(first.startOfLocalDay), Instant.text(next.startOfLocalDay))
    func count(_ sql: String, _ arguments: StatementArguments) throws -> Int64 { try Int64.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }

    var r = Vets_Relief_V1_Report()
    r.year = Int32(year)
    r.casesOpened = try count("SELECT COUNT(*) FROM relief_cases WHERE opened_at >= ? AND opened_at < ?", [start, end])
    r.casesApproved = try count("SELECT COUNT(*) FROM relief_cases WHERE approved_at >= ? AND approved_at < ?", [start, end])
    r.casesRejected = try count(
      "SELECT COUNT(*) FROM relief_case_events WHERE event = 'rejected' AND at >= ? AND at < ?", [start, end])
    r.casesPaid = try count("SELECT COUNT(*) FROM relief_cases WHERE first_paid_at >= ? AND first_paid_at < ?", [start, end])
    r.amountPaid = Money.proto(
      try count(
        "SELECT COALESCE(SUM(amount), 0) FROM relief_transfers WHERE kind = 'post' AND link LIKE 'case:%' AND created_at >= ? AND created_at < ?",
        [start, end]))
    r.greenChannelCases = try count(
      "SELECT COUNT(*) FROM relief_cases WHERE green_channel = 1 AND approved_at >= ? AND approved_at < ?", [start, end])
    let durations = try Row.fetchAll(
      db, sql: "SELECT opened_at, approved_at, green_channel FROM relief_cases WHERE approved_at >= ? AND approved_at < ?",
      arguments: [start, end]
    ).map { row in (Double(CaseRecord.days(from: row["opened_at"], to: row["approved_at"]) ?? 0), row["green_channel"] as Bool) }
    r.medianDaysToApprovalNormal = median(durations.filter { !$0.1 }.map(\.0))
    r.medianDaysToApprovalGreen = median(durations.filter { $0.1 }.map(\.0))

    r.personVisits = try count("SELECT COUNT(*) FROM relief_visits WHERE visited_on >= ? AND visited_on < ?", [first.iso, next.iso])
    r.visitValue = Money.proto(
      try count(
        "SELECT COALESCE(SUM(goods_value + cash), 0) FROM relief_visits WHERE visited_on >= ? AND visited_on < ?", [first.iso, next.iso]))
    r.campaigns = try Row.fetchAll(
      db,
      sql: """
        SELECT c.id, c.name, COUNT(v.id) AS visits, COALESCE(SUM(v.goods_value + v.cash), 0) AS value
        FROM relief_campaigns c JOIN relief_visits v ON v.campaign_id = c.id
        WHERE v.visited_on >= ? AND v.visited_on < ? GROUP BY c.id ORDER BY c.starts_on, c.id
        """,
      arguments: [first.iso, next.iso]
    ).map { row in
      var t = Vets_Relief_V1_CampaignTotal()
      t.campaignID = row["id"]
      t.name = row["name"]
      t.personVisits = row["visits"]
      t.value = Money.proto(row["value"])
      return t
    }
    r.rosterSize = try count(
      "SELECT COUNT(*) FROM relief_roster WHERE entered_on < ? AND (exited_on IS NULL OR exited_on >= ?)", [next.iso, next.iso])
    return r
  }

  static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
