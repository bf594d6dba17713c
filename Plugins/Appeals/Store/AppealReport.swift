// The appeals report for a year: by category and by station, how many were received, how
// many were within policy, resolved on time, how long resolution took, how satisfied people
// were at the return visit, and how many are overdue now.

import GRDB
import VetsAPI
import VetsKit

enum AppealReport {
  struct Appeal {
    var category: String
    var stationID: String
    var stationName: String
    var receivedOn: CalendarDate
    var withinPolicy: Bool?
    var resolvedOn: CalendarDate?
    var resolvedOnTime: Bool
    var satisfaction: String
    var overdue: Bool
  }

  static func compute(
    _ db: Database, year: Int, today: CalendarDate, scope: Scope = .county
  ) throws -> Vets_Appeals_V1_Report {
    let scope = scope.sqlFilter()
    let running = Set(AppealWorkflow.clockRuns.map(AppealWorkflow.text))
    let appeals = try Row.fetchAll(
      db,
      sql: """
        SELECT category, station_id, station_name, received_on, within_policy, resolved_at, resolved_on_time, satisfaction, state, due_on
        FROM appeals_requests WHERE received_on BETWEEN ? AND ?\(scope.sql)
        """,
      arguments: ["\(year)-01-01", "\(year)-12-31"] + scope.arguments
    ).map { row in
      Appeal(
        category: row["category"], stationID: row["station_id"], stationName: row["station_name"],
        receivedOn: try CalendarDate(iso: row["received_on"], field: "received_on"), withinPolicy: row["within_policy"],
        resolvedOn: (row["resolved_at"] as String?).flatMap(Instant.date).map(CalendarDate.localDay(of:)),
        resolvedOnTime: row["resolved_on_time"] ?? false, satisfaction: row["satisfaction"],
        overdue: running.contains(row["state"]) && (row["due_on"] as String) < today.iso)
    }
    var report = Vets_Appeals_V1_Report()
    report.year = Int32(year)
    report.total = row(key: "total", label: "All appeals", appeals)
    report.byCategory = Vets_Appeals_V1_Category.terms.terms.compactMap { term in
      let these = appeals.filter { $0.category == term.word }
      return these.isEmpty ? nil : row(key: term.word, label: term.label ?? term.word, these)
    }
    report.byStation = Dictionary(grouping: appeals, by: \.stationID).sorted { $0.key < $1.key }.map { station, these in
      row(key: station, label: these[0].stationName, these)
    }
    return report
  }

  static func row(key: String, label: String, _ appeals: [Appeal]) -> Vets_Appeals_V1_ReportRow {
    var r = Vets_Appeals_V1_ReportRow()
    r.key = key
    r.label = label
    r.received = Int32(appeals.count)
    r.determined = Int32(appeals.filter { $0.withinPolicy != nil }.count)
    r.withinPolicy = Int32(appeals.filter { $0.withinPolicy == true }.count)
    let days = appeals.compactMap { a in a.resolvedOn.map { $0.daysSinceEpoch - a.receivedOn.daysSinceEpoch } }.sorted()
    r.resolved = Int32(days.count)
    r.resolvedOnTime = Int32(appeals.filter { $0.resolvedOn != nil && $0.resolvedOnTime }.count)
    r.medianDaysToResolution = median(days)
    r.satisfied = Int32(appeals.filter { $0.satisfaction == "satisfied" }.count)
    r.basicallySatisfied = Int32(appeals.filter { $0.satisfaction == "basically_satisfied" }.count)
    r.dissatisfied = Int32(appeals.filter { $0.satisfaction == "dissatisfied" }.count)
    r.overdueNow = Int32(appeals.filter(\.overdue).count)
    return r
  }

  /// The middle value of sorted numbers, or the mean of the two middle ones; 0 when empty.
  static func median(_ sorted: [Int]) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
  }
}
