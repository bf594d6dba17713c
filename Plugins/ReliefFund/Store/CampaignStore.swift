// Visit campaigns (八一, 春节, routine): a named span of days visits are counted under.

import GRDB
import VetsAPI
import VetsKit

enum CampaignStore {
  static func insert(_ db: Database, _ campaign: Vets_Relief_V1_Campaign, kind: String, starts: CalendarDate, ends: CalendarDate) throws {
    try db.execute(
      sql: "INSERT INTO relief_campaigns (id, name, kind, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)",
      arguments: [campaign.id, campaign.name, kind, starts.iso, ends.iso])
  }

  static func exists(_ db: Database, id: String) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT 1 FROM relief_campaigns WHERE id = ?", arguments: [id]) == true
  }

  /// A page of campaigns in id order after `after`.
  static func page(_ db: Database, after: String, limit: Int) throws -> [Vets_Relief_V1_Campaign] {
    try Row.fetchAll(db, sql: "SELECT * FROM relief_campaigns WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit]).map { row in
      var c = Vets_Relief_V1_Campaign()
      c.id = row["id"]
      c.name = row["name"]
      c.kind = Vets_Relief_V1_CampaignKind.terms.value(row["kind"]) ?? .unspecified
      c.startsOn = (try? CalendarDate(iso: row["starts_on"], field: "").proto) ?? .init()
      c.endsOn = (try? CalendarDate(iso: row["ends_on"], field: "").proto) ?? .init()
      return c
    }
  }
}
