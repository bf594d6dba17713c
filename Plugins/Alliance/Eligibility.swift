// Who may have an offer: the rules an enterprise's check and a redemption share, answered
// with a reason code and nothing more than a masked name.

import Foundation
import GRDB
import VetsAPI
import VetsKit

struct OfferRow: Sendable {
  var id: String
  var enterpriseID: String
  var enterpriseStatus: String
  var status: String
  var eligible: [Vets_Registry_V1_Category]
  var validFrom: String
  var validTo: String
  var limitCount: Int
  var limitDays: Int
  var quota: Int64
  var redeemed: Int64

  static func fetch(_ db: Database, id: String) throws -> OfferRow? {
    try Row.fetchOne(
      db,
      sql: "SELECT o.*, e.status AS enterprise_status FROM alliance_offers o JOIN alliance_enterprises e ON e.id = o.enterprise_id WHERE o.id = ?",
      arguments: [id]
    ).map { row in
      OfferRow(
        id: row["id"], enterpriseID: row["enterprise_id"], enterpriseStatus: row["enterprise_status"], status: row["status"],
        eligible: (row["eligible"] as String).split(separator: ",").compactMap { Int(String($0)) }.compactMap(Vets_Registry_V1_Category.init(rawValue:)),
        validFrom: row["valid_from"], validTo: row["valid_to"], limitCount: row["limit_count"], limitDays: row["limit_days"],
        quota: row["quota"], redeemed: row["redeemed"])
    }
  }
}

enum Eligibility {
  /// The veteran kinds (1-8): every veteran, unless an offer names its categories.
  static let veterans = DirectoryPerson.veteranCategories

  /// "刘*文": the first and last characters, the rest hidden.
  static func masked(_ name: String) -> String {
    let characters = Array(name)
    switch characters.count {
    case 0: return ""
    case 1: return "*"
    case 2: return String(characters[0]) + "*"
    default: return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters[characters.count - 1])
    }
  }

  /// An enterprise token acts only on its own enterprise's offers.
  static func checkOwner(_ caller: Caller, _ offer: OfferRow) throws(VetsError) {
    if case .enterprise(let id) = caller.scope, id != offer.enterpriseID {
      throw .permissionDenied("this enterprise token may act only on its own offers")
    }
  }

  /// The reason a person may not use the offer now, or .confirmed. Runs inside the write
  /// transaction when redeeming, so the counts it reads are the ones the redemption changes.
  static func decide(_ db: Database, offer: OfferRow, person: DirectoryPerson?, now: Date) throws
    -> Vets_Alliance_V1_CheckReason
  {
    let today = CalendarDate.today(FixedClock(instant: now)).iso
    guard offer.status == "active", offer.enterpriseStatus == "active", offer.validFrom <= today, today <= offer.validTo else {
      return .offerNotActive
    }
    guard let person, person.isActive else { return .notConfirmed }
    let eligible = offer.eligible.isEmpty ? veterans : Set(offer.eligible)
    guard !eligible.isDisjoint(with: person.categories) else { return .categoryNotEligible }
    if offer.quota > 0, offer.redeemed >= offer.quota { return .quotaExhausted }
    let since = offer.limitDays == 0 ? "" : Instant.text(
      now.addingTimeInterval(-Double(offer.limitDays) * 86_400))
    let used = try Int.fetchOne(
      db,
      sql: "SELECT COUNT(*) FROM alliance_redemptions WHERE offer_id = ? AND person_id = ? AND voided_at IS NULL AND redeemed_at >= ?",
      arguments: [offer.id, person.id, since]) ?? 0
    return used >= offer.limitCount ? .limitReached : .confirmed
  }
}

/// "Now" as one instant, so every rule in a decision sees the same moment.
struct FixedClock: WallClock {
  let instant: Date
  func now() -> Date { instant }
}
