// Who may have an offer: the rules an enterprise's check and a redemption share, answered
// with a reason code and nothing more than a masked name.

import Foundation
import VetsAPI
import VetsKit

enum Eligibility {
  /// The veteran kinds (1-8): every veteran, unless an offer names its categories.
  static let veterans = DirectoryPerson.veteranCategories

  /// The instant from which an offer's per-person limit counts uses; nil when it counts
  /// every use ever.
  static func limitWindowStart(_ offer: OfferRecord, now: Date) -> Date? {
    offer.limitDays == 0 ? nil : now.addingTimeInterval(-Double(offer.limitDays) * 86_400)
  }

  /// The reason a person may not use the offer at `now`, or .confirmed. `uses` counts the
  /// person's uses not voided since an instant (`limitWindowStart`); it is asked last, and
  /// only when the other rules pass. When redeeming this runs inside the write transaction,
  /// so the counts it reads are the ones the redemption changes.
  static func decide(
    _ offer: OfferRecord, enterpriseStatus: String, person: DirectoryPerson?, now: Date, uses: (_ person: String, _ since: Date?) throws -> Int
  ) rethrows -> Vets_Alliance_V1_CheckReason {
    let today = CalendarDate.localDay(of: now).iso
    guard offer.status == "active", enterpriseStatus == "active", offer.validFrom <= today, today <= offer.validTo else {
      return .offerNotActive
    }
    guard let person, person.isActive else { return .notConfirmed }
    let named = offer.categories
    let eligible = named.isEmpty ? veterans : Set(named)
    guard !eligible.isDisjoint(with: person.categories) else { return .categoryNotEligible }
    if offer.quota > 0, offer.redeemed >= offer.quota { return .quotaExhausted }
    let used = try uses(person.id, limitWindowStart(offer, now: now))
    return used >= offer.limitCount ? .limitReached : .confirmed
  }
}
