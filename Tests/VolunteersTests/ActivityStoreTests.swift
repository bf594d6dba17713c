import Foundation
import GRDB
import TestSupport
import Testing
import VetsAPI
import VetsKit

@testable import Volunteers

/// The activity listing pages newest first by (start, id), through the tokens a client
/// hands back, on a real migrated database.
@Suite struct ActivityStoreTests {
  @Test func pagesNewestFirstThroughTheTokensItIssues() async throws {
    try await withTempDatabase(core: false, [migrations(of: VolunteersModule.self)]) { database in
      // Two activities share a start: the id orders them.
      let starts = [
        "2025-03-01T01:00:00.000Z", "2025-03-02T01:00:00.000Z", "2025-03-02T01:00:00.000Z", "2025-03-03T01:00:00.000Z",
        "2025-03-04T01:00:00.000Z",
      ]
      try await database.pool.write { db in
        for (n, start) in starts.enumerated() {
          try db.execute(
            sql: """
              INSERT INTO volunteers_activities (id, title, kind, starts_at, ends_at, start_day, place_code, place, status, head_count)
              VALUES (?, 'visit', 'visit', ?, ?, substr(?, 1, 10), '370830001001', '', 'planned', 0)
              """,
            arguments: ["act_\(n)", start, start, start])
        }
      }
      let filter = ActivityStore.Filter(from: "", to: "9999", status: nil, group: nil, scope: .county)
      var seen: [String] = []
      var request = Vets_Common_V1_PageRequest()
      request.pageSize = 2
      repeat {
        let page = try Page(request)
        let after = page.after == nil ? ["~", "~"] : try page.after(columns: 2)
        let rows = try await database.read { db in try ActivityStore.list(db, filter, after: (after[0], after[1]), limit: page.size) }
        seen += rows.map(\.activity.id)
        request.pageToken = page.nextToken(last: rows.last?.key, count: rows.count)
      } while !request.pageToken.isEmpty
      #expect(seen == ["act_4", "act_3", "act_2", "act_1", "act_0"])
      try database.close()
    }
  }
}
