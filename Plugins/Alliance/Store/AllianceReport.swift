// The alliance report for a local (UTC+8) calendar year: redemptions by offer, enterprise and
// month, the people who used an offer, and the active enterprises by category and town; and
// the counts the county's yearly summary takes from it.

import GRDB
import VetsAPI
import VetsKit

enum AllianceReport {
  static func compute(_ db: Database, year: Int) throws -> Vets_Alliance_V1_Report {
    // Instants are UTC; the bureau's year runs on UTC+8 days.
    let start = Instant.text(try CalendarDate(year: year, month: 1, day: 1, field: "year").startOfLocalDay)
    let end = Instant.text(try CalendarDate(year: year + 1, month: 1, day: 1, field: "year").startOfLocalDay)
    func counts(_ key: String, _ extraJoin: String = "") throws -> [Vets_Alliance_V1_ReportCount] {
      try Row.fetchAll(
        db,
        sql: """
          SELECT \(key) AS k, COUNT(*) AS n, SUM(CASE o.benefit WHEN 'amount_off' THEN o.amount_off ELSE 0 END) AS v
          FROM alliance_redemptions r JOIN alliance_offers o ON o.id = r.offer_id \(extraJoin)
          WHERE r.voided_at IS NULL AND r.redeemed_at >= ? AND r.redeemed_at < ? GROUP BY k ORDER BY k
          """,
        arguments: [start, end]
      ).map { row in
        var c = Vets_Alliance_V1_ReportCount()
        c.key = row["k"]
        c.redemptions = row["n"]
        c.estimatedValue = Money.proto(row["v"] ?? 0)
        return c
      }
    }
    var report = Vets_Alliance_V1_Report()
    report.year = Int32(year)
    report.byOffer = try counts("o.id || ' ' || o.title")
    report.byEnterprise = try counts("e.id || ' ' || e.name", "JOIN alliance_enterprises e ON e.id = o.enterprise_id")
    // Months of the local calendar: shift the UTC instant by eight hours.
    report.byMonth = try counts("strftime('%Y-%m', r.redeemed_at, '+8 hours')")
    report.redemptions = report.byOffer.reduce(0) { $0 + $1.redemptions }
    report.estimatedValue = Money.proto(report.byOffer.reduce(0) { $0 + $1.estimatedValue.fen })
    report.uniqueBeneficiaries = try Int64.fetchOne(
      db, sql: "SELECT COUNT(DISTINCT person_id) FROM alliance_redemptions WHERE voided_at IS NULL AND redeemed_at >= ? AND redeemed_at < ?",
      arguments: [start, end]) ?? 0
    report.enterprisesByCategoryAndTown = try Row.fetchAll(
      db,
      sql: "SELECT category || ' ' || town_code AS k, COUNT(*) AS n FROM alliance_enterprises WHERE status = 'active' GROUP BY k ORDER BY k"
    ).map { row in
      var c = Vets_Alliance_V1_ReportCount()
      c.key = row["k"]
      c.redemptions = row["n"]
      return c
    }
    return report
  }

  /// The county summary's section: the report's totals, with the enterprises active at the
  /// year's end and the offers active at some time during it.
  static func countySection(_ db: Database, year: Int) throws -> Vets_Daemon_V1_ReportSection {
    let r = try compute(db, year: year)
    let (first, last) = (try CalendarDate(year: year, month: 1, day: 1, field: "year").iso, try CalendarDate(year: year, month: 12, day: 31, field: "year").iso)
    let enterprises =
      try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM alliance_enterprises WHERE status = 'active' AND joined_on <= ?", arguments: [last]) ?? 0
    let offers =
      try Int64.fetchOne(
        db, sql: "SELECT COUNT(*) FROM alliance_offers WHERE status = 'active' AND valid_from <= ? AND valid_to >= ?", arguments: [last, first])
      ?? 0
    var s = Vets_Daemon_V1_ReportSection(module: AllianceModule.id, title: "拥军联盟：企业、优惠项目和享受优待", english: "Alliance: enterprises, offers and redemptions")
    s.add("enterprises", "正常经营的拥军企业", "Active enterprises", enterprises)
    s.add("offers", "本年度有效的优惠项目", "Active offers valid during the year", offers)
    s.add("redemptions", "享受优待（次）", "Redemptions", r.redemptions)
    s.add("redemptions.people", "享受优待的人数", "People who used an offer", r.uniqueBeneficiaries)
    s.add("redemptions.value", "减免金额类优惠折算（元）", "Estimated value of amount-off offers used (yuan)", r.estimatedValue.fen, money: true)
    return s
  }
}
