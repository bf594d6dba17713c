import Foundation
import GRDB
import TestSupport
import Testing
import VetsAPI
import VetsKit

@testable import Appeals

/// The stored appeal on a real migrated database: written and read back by column name,
/// and the overdue list paged by (due date, id) through the tokens it issues.
@Suite struct AppealRecordTests {
  func withAppeals(_ body: (VetsDatabase) async throws -> Void) async throws {
    try await withTempDatabase(core: false, [migrations(of: AppealsModule.self)]) { database in
      // Five appeals in the clock-running states, two due the same day; one resolved.
      let appeals = [
        ("apl_0", "2025-03-03", "received"), ("apl_1", "2025-03-05", "in_progress"), ("apl_2", "2025-03-04", "determined"),
        ("apl_3", "2025-03-04", "received"), ("apl_4", "2025-03-01", "resolved"), ("apl_5", "2025-03-06", "received"),
      ]
      try await database.pool.write { db in
        for (id, due, state) in appeals {
          try db.execute(
            sql: """
              INSERT INTO appeals_requests (id, person_id, village_code, channel, category, summary, details, station_id, station_name,
                received_at, received_on, state, clock_start, allowance, due_on, version)
              VALUES (?, 'per_1', '370830001001', 'station', 'records', 'a summary', '', 'stn_1', 'Dongguan station',
                '2025-02-01T02:00:00.000Z', '2025-02-01', ?, '2025-02-01', 10, ?, 1)
              """,
            arguments: [id, state, due])
        }
      }
      try await body(database)
      try database.close()
    }
  }

  @Test func aSavedRecordReadsBackAsWritten() async throws {
    try await withAppeals { database in
      let saved = try await database.pool.write { db in
        var record = try AppealRecord.fetch(db, id: "apl_1")
        (record.withinPolicy, record.policyReference, record.resolvedAt, record.resolvedOnTime) = (true, "第五条", "2025-03-04T02:00:00.000Z", true)
        record.deadline.allowance = 12
        try record.save(db)
        return record
      }
      let read = try await database.read { db in try AppealRecord.fetch(db, id: "apl_1") }
      #expect(read.version == 2 && saved.version == 2)
      #expect(read.withinPolicy == true && read.policyReference == "第五条" && read.resolvedOnTime == true)
      #expect(read.resolvedAt == "2025-03-04T02:00:00.000Z" && read.deadline == saved.deadline && read.state == .inProgress)
      #expect(read.receivedOn == saved.receivedOn && read.dueOn == saved.dueOn && read.reliefCaseID == nil)
    }
  }

  @Test func overdueAppealsPageByDueDateThroughTheTokensTheListIssues() async throws {
    try await withAppeals { database in
      let today = try CalendarDate(iso: "2025-03-06", field: "today")
      var seen: [String] = []
      var request = Vets_Common_V1_PageRequest()
      request.pageSize = 2
      repeat {
        let page = try Page(request)
        let after = try page.after(columns: 2)
        let rows = try await database.read { db in
          try AppealRecord.overdue(db, today: today, scope: .county, after: (after[0], after[1]), limit: page.size)
        }
        seen += rows.map(\.record.id)
        request.pageToken = page.nextToken(last: rows.last?.key, count: rows.count)
      } while !request.pageToken.isEmpty
      #expect(seen == ["apl_0", "apl_2", "apl_3", "apl_1"])
      #expect(try await database.read { db in try AppealRecord.overdueCount(db, today: today) } == 4)
    }
  }
}
