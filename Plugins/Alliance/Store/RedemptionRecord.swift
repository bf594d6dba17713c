// A veteran's use of an offer, and its voiding (a refund).

import Foundation
import GRDB
import VetsKit

struct RedemptionRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "alliance_redemptions"

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case id
    case offerID = "offer_id"
    case personID = "person_id"
    case redeemedAt = "redeemed_at"
    case voidedAt = "voided_at"
  }

  var id: String
  var offerID: String
  var personID: String
  /// `Instant.text`.
  var redeemedAt: String
  var voidedAt: String?

  static func find(_ db: Database, id: String) throws -> RedemptionRecord? {
    try fetchOne(db, key: id)
  }

  /// How many times a person has used an offer, not voided, since an instant (nil: ever).
  static func uses(_ db: Database, offer: String, person: String, since: Date?) throws -> Int {
    try Int.fetchOne(
      db,
      sql: "SELECT COUNT(*) FROM alliance_redemptions WHERE offer_id = ? AND person_id = ? AND voided_at IS NULL AND redeemed_at >= ?",
      arguments: [offer, person, since.map(Instant.text) ?? ""]) ?? 0
  }

  /// A household's redemptions not voided, oldest first, with the offer and enterprise names.
  static func ofPeople(_ db: Database, _ people: [String]) throws -> [(record: RedemptionRecord, offerTitle: String, enterpriseName: String)] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT r.*, o.title, e.name FROM alliance_redemptions r
        JOIN alliance_offers o ON o.id = r.offer_id JOIN alliance_enterprises e ON e.id = o.enterprise_id
        WHERE r.voided_at IS NULL AND r.person_id IN (\(people.map { _ in "?" }.joined(separator: ","))) ORDER BY r.redeemed_at
        """,
      arguments: StatementArguments(people)
    ).map { row in (try RedemptionRecord(row: row), row["title"], row["name"]) }
  }
}
