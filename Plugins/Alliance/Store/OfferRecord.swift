// An enterprise's offer as stored, the count of its redemptions, and its shape on the wire.

import GRDB
import VetsAPI
import VetsKit

struct OfferRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "alliance_offers"

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case id, title, description, benefit, eligible, quota, status, redeemed
    case enterpriseID = "enterprise_id"
    case percentOff = "percent_off"
    case amountOff = "amount_off"
    case benefitText = "benefit_text"
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case limitCount = "limit_count"
    case limitDays = "limit_days"
  }

  var id: String
  var enterpriseID: String
  var title: String
  var description: String
  /// A `Vets_Alliance_V1_BenefitKind.terms` word.
  var benefit: String
  var percentOff: Int32
  /// Fen.
  var amountOff: Int64
  var benefitText: String
  /// Registry category numbers, comma-separated; empty for every veteran.
  var eligible: String
  /// ISO days, inclusive.
  var validFrom: String
  var validTo: String
  var limitCount: Int32
  /// The window `limitCount` counts over, in days; 0 for ever.
  var limitDays: Int32
  /// 0 for no quota.
  var quota: Int64
  /// A `Vets_Alliance_V1_OfferStatus.terms` word.
  var status: String
  /// Redemptions not voided; moved only by `countRedemption`.
  var redeemed: Int64 = 0

  /// A new, active offer from a checked request.
  init(id: String, _ o: Vets_Alliance_V1_Offer, benefit: String, validFrom: CalendarDate, validTo: CalendarDate) {
    self.id = id
    enterpriseID = o.enterpriseID
    title = o.title
    description = o.description_p
    self.benefit = benefit
    percentOff = o.percentOff
    amountOff = o.amountOff.fen
    benefitText = o.benefitText
    eligible = o.eligible.map { String($0.rawValue) }.joined(separator: ",")
    self.validFrom = validFrom.iso
    self.validTo = validTo.iso
    limitCount = o.limitCount
    limitDays = o.limitDays
    quota = o.quota
    status = "active"
  }

  var categories: [Vets_Registry_V1_Category] {
    eligible.split(separator: ",").compactMap { Int(String($0)) }.compactMap(Vets_Registry_V1_Category.init(rawValue:))
  }

  /// The offer, or NOT_FOUND.
  static func find(_ db: Database, id: String) throws -> OfferRecord {
    guard let record = try fetchOne(db, key: id) else { throw VetsError.notFound("no offer with id \(quoted: id)") }
    return record
  }

  /// The offer and its enterprise's status word, which together say whether it is active.
  static func withEnterpriseStatus(_ db: Database, id: String) throws -> (offer: OfferRecord, enterpriseStatus: String)? {
    try Row.fetchOne(
      db,
      sql: "SELECT o.*, e.status AS enterprise_status FROM alliance_offers o JOIN alliance_enterprises e ON e.id = o.enterprise_id WHERE o.id = ?",
      arguments: [id]
    ).map { row in (try OfferRecord(row: row), row["enterprise_status"]) }
  }

  /// The enterprise an offer belongs to.
  static func enterprise(_ db: Database, id: String) throws -> String {
    guard let enterprise = try String.fetchOne(db, filter(key: id).select(CodingKeys.enterpriseID)) else {
      throw VetsError.notFound("no offer with id \(quoted: id)")
    }
    return enterprise
  }

  /// A page of offers in id order, optionally of one enterprise, optionally only those a
  /// veteran can use `today` (the offer and its enterprise active, the day inside its dates).
  static func list(_ db: Database, after: String, enterprise: String?, currentOn today: CalendarDate?, limit: Int) throws -> [OfferRecord] {
    try fetchAll(
      db,
      sql: """
        SELECT o.* FROM alliance_offers o JOIN alliance_enterprises e ON e.id = o.enterprise_id
        WHERE o.id > ? AND (? IS NULL OR o.enterprise_id = ?)
          AND (? = 0 OR (o.status = 'active' AND e.status = 'active' AND o.valid_from <= ? AND ? <= o.valid_to))
        ORDER BY o.id LIMIT ?
        """,
      arguments: [after, enterprise, enterprise, today != nil, today?.iso ?? "", today?.iso ?? "", limit])
  }

  /// Moves the count of redemptions by one (+1 redeemed, -1 voided). The table's CHECK keeps
  /// it within the quota, in the same transaction as the redemption it counts.
  static func countRedemption(_ db: Database, offer id: String, by step: Int) throws {
    try db.execute(sql: "UPDATE alliance_offers SET redeemed = redeemed + ? WHERE id = ?", arguments: [step, id])
  }

  var proto: Vets_Alliance_V1_Offer {
    var o = Vets_Alliance_V1_Offer()
    o.id = id
    o.enterpriseID = enterpriseID
    o.title = title
    o.description_p = description
    o.benefit = Vets_Alliance_V1_BenefitKind.terms.value(benefit) ?? .unspecified
    o.percentOff = percentOff
    o.amountOff = Money.proto(amountOff)
    o.benefitText = benefitText
    o.eligible = categories
    o.validFrom = (try? CalendarDate(iso: validFrom, field: "").proto) ?? .init()
    o.validTo = (try? CalendarDate(iso: validTo, field: "").proto) ?? .init()
    o.limitCount = limitCount
    o.limitDays = limitDays
    o.quota = quota
    o.status = Vets_Alliance_V1_OfferStatus.terms.value(status) ?? .paused
    o.redeemed = redeemed
    return o
  }
}
