// Volunteers' part of the worklist: activities with hours recorded and not yet approved, for
// a coordinator (or an admin) within their scope.

import GRDB
import VetsAPI
import VetsKit

enum VolunteersWorklist {
  static func items(_ db: Database, _ r: WorkRequest) throws -> [Vets_Daemon_V1_WorkItem] {
    guard [.coordinator, .admin].contains(r.caller.role) else { return [] }
    let scope = r.caller.scope.sqlFilter(villageColumn: "a.place_code")
    return try Row.fetchAll(
      db,
      sql: """
        SELECT a.id, a.title, a.place_code, COUNT(*) AS entries, SUM(h.minutes) AS minutes
        FROM volunteers_hours h JOIN volunteers_activities a ON a.id = h.activity_id
        WHERE h.approved_at IS NULL AND \(HoursStore.inForce)\(scope.sql)
        GROUP BY a.id ORDER BY a.id
        """,
      arguments: scope.arguments
    ).map { row in
      let (entries, minutes): (Int, Int) = (row["entries"], row["minutes"])
      let hours = "\(minutes / 60) 小时" + (minutes % 60 == 0 ? "" : " \(minutes % 60) 分钟")
      return Vets_Daemon_V1_WorkItem(
        module: VolunteersModule.id, kind: "hours_pending", label: "服务时长待审核", record: row["id"], division: row["place_code"],
        summary: "\(row["title"] as String)：\(entries) 条记录，共 \(hours)")
    }
  }
}
