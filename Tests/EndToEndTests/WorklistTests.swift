import Foundation
import TestSupport
import Testing
import VetsKit

/// Issue 18, item 5: `vetsctl today` on a demo county, for a county, a town and a village
/// token, an approver and a coordinator, judged against the daemon's own lists (overdue
/// appeals, cases in review, follow-ups, the roster).
@Suite struct WorklistTests {
  struct Item: Hashable {
    var kind: String
    var record: String
    var division: String
  }

  static func items(_ json: [String: Any]) -> [Item] {
    (json["items"] as? [[String: Any]] ?? []).map {
      Item(kind: $0["kind"] as? String ?? "", record: $0["recordId"] as? String ?? "", division: $0["divisionCode"] as? String ?? "")
    }
  }

  /// The worklist's items for a token (the admin's when nil).
  static func today(_ daemon: TestDaemon, _ token: String? = nil) async throws -> [Item] {
    let json = try await daemon.json(["today"], tokenFile: token)
    return items(json)
  }

  static func day(_ value: Any?) -> CalendarDate? {
    guard let d = value as? [String: Int], let year = d["year"], let month = d["month"], let day = d["day"] else { return nil }
    return try? CalendarDate(year: year, month: month, day: day, field: "day")
  }

  @Test func todayListsWhatIsDueForEachToken() async throws {
    // Follow-ups three days apart fall inside the worklist's week.
    try await TestDaemon.with(config: "[modules.relief]\nfollow_up_every_days = 3\n") { daemon in
      let loaded = try await daemon.vetsctl(["demo", "load", "--people", "300"])
      try #require(loaded.status == 0, "\(loaded.stderr)")
      let today = CalendarDate.localDay(of: Date())
      let week = today.adding(days: 7)

      // The county admin: every overdue appeal, every follow-up and roster review of the week.
      let county = try await daemon.json(["today"])
      let all = Self.items(county)
      // Names beside the ids, and counts per village that add up.
      let names = county["names"] as? [String: String] ?? [:]
      let people = (county["items"] as? [[String: Any]] ?? []).compactMap { $0["personId"] as? String }
      let counted = (county["counts"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
      #expect(!people.isEmpty && people.allSatisfy { names[$0] != nil }, "\(names)")
      #expect(counted == all.count)
      let overdue = try await daemon.json(["appeals", "overdue", "--page-size", "500"])
      let overdueIDs = Set((overdue["appeals"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
      #expect(!overdueIDs.isEmpty, "the demo has overdue appeals")
      #expect(Set(all.filter { $0.kind == "appeal_overdue" }.map(\.record)) == overdueIDs, "\(all)")

      let cases = try await daemon.json(["relief", "case", "list", "--page-size", "500"])["cases"] as? [[String: Any]] ?? []
      let followUps = cases.flatMap { c in
        (c["followUps"] as? [Any] ?? []).compactMap(Self.day).filter { $0 <= week }.map { _ in c["id"] as? String ?? "" }
      }
      let inReview = Set(
        cases.filter { $0["status"] as? String == "CASE_STATUS_IN_REVIEW" && ($0["pendingLevels"] as? [String])?.first == "county" }
          .compactMap { $0["id"] as? String })
      #expect(!followUps.isEmpty, "the demo's scheduled follow-ups fall in the week")
      #expect(all.filter { $0.kind == "follow_up_visit" }.map(\.record).sorted() == followUps.sorted(), "\(all)")

      let roster = try await daemon.json(["relief", "roster", "list", "--page-size", "500"])["entries"] as? [[String: Any]] ?? []
      let reviews = roster.filter { Self.day($0["nextReviewOn"]).map { $0 <= week } == true }.compactMap { $0["householdId"] as? String }
      #expect(all.filter { $0.kind == "roster_review" }.map(\.record).sorted() == reviews.sorted(), "\(all)")
      #expect(!all.contains { $0.kind == "case_awaiting_approval" }, "an admin approves nothing")


      // A town clerk sees the town's work only; a village clerk elsewhere sees none of it.
      let first = try #require(all.first { $0.kind == "appeal_overdue" })
      let town = String(first.division.prefix(9))
      let clerk = try await daemon.createToken(role: "clerk", scope: "town:\(town)", name: "town-clerk")
      let mine = try await Self.today(daemon, clerk.file)
      #expect(mine.contains(first) && mine.allSatisfy { $0.division.hasPrefix(town) }, "\(mine)")
      #expect(Set(mine) == Set(all.filter { $0.division.hasPrefix(town) && $0.kind != "hours_pending" }), "\(mine)")
      let other = all.first { !$0.division.hasPrefix(town) && $0.division.count == 12 }?.division ?? "370830099001"
      let villager = try await daemon.createToken(role: "clerk", scope: "village:\(other)", name: "village-clerk")
      let theirs = try await Self.today(daemon, villager.file)
      #expect(!theirs.contains(first) && theirs.allSatisfy { $0.division == other }, "\(theirs)")

      // A county approver: exactly the cases in review whose next level is the county's.
      let approver = try await daemon.createToken(role: "approver", scope: "county", name: "county-approver")
      let waiting = try await Self.today(daemon, approver.file).filter { $0.kind == "case_awaiting_approval" }
      #expect(Set(waiting.map(\.record)) == inReview, "\(waiting) vs \(inReview)")

      // A coordinator: the activities with hours waiting; a clerk is not shown them.
      let coordinator = try await daemon.createToken(role: "coordinator", scope: "county", name: "coordinator")
      let hours = try await Self.today(daemon, coordinator.file).filter { $0.kind == "hours_pending" }
      #expect(!hours.isEmpty && !mine.contains { $0.kind == "hours_pending" }, "\(hours)")

      // The clerk's table: Chinese words, names, overdue first.
      let table = try await daemon.vetsctl(["today"], tokenFile: clerk.file, language: nil)
      let lines = table.stdout.split(separator: "\n")
      #expect(lines.first?.hasPrefix("到期") == true && lines.dropFirst().first?.contains("（已逾期）") == true, "\(table.stdout)")
      #expect(table.stdout.contains("诉求逾期"), "\(table.stdout)")
      let refused = try await daemon.vetsctl(["today", "--within", "0"])
      #expect(refused.status == 2 && refused.stderr.contains("--within"), "\(refused.stderr)")
    }
  }
}
