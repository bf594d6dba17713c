// What an offer's fields must hold, when it is added and when it is changed.

import VetsAPI
import VetsKit

enum OfferRules {
  /// The benefit's stored word, after checking the amount its kind needs; a free service or
  /// other benefit is described in words (`benefit_text`, trimmed).
  static func benefit(_ o: inout Vets_Alliance_V1_Offer) throws -> String {
    guard let benefit = Vets_Alliance_V1_BenefitKind.terms.word(of: o.benefit) else {
      throw VetsError.invalidArgument(field: "offer.benefit", rule: "must be percent_off, amount_off, free_service or other")
    }
    switch o.benefit {
    case .percentOff:
      guard (1...99).contains(o.percentOff) else { throw VetsError.invalidArgument(field: "offer.percent_off", rule: "must be 1-99") }
    case .amountOff:
      _ = try Money.amount(o.amountOff, field: "offer.amount_off", ceiling: 100_000_000)
    default:
      o.benefitText = try Validate.text(o.benefitText, field: "offer.benefit_text", max: 200)
    }
    return benefit
  }

  /// The registry categories an offer is for; none means every veteran.
  static func checkEligible(_ categories: [Vets_Registry_V1_Category]) throws {
    // SwiftProtobuf enums compare by raw value, so an unknown number is told by its absence
    // from allCases, never by comparing with .UNRECOGNIZED.
    for category in categories where category == .unspecified || !Vets_Registry_V1_Category.allCases.contains(category) {
      throw VetsError.invalidArgument(field: "offer.eligible", rule: "\(category.rawValue) is not a registry category")
    }
  }

  /// The days the offer is valid (both required, in order), after checking its limits: uses
  /// per person, the window they count over, and the quota.
  static func period(_ o: Vets_Alliance_V1_Offer) throws -> (from: CalendarDate, to: CalendarDate) {
    guard let from = try CalendarDate.optional(o.validFrom, field: "offer.valid_from"),
      let to = try CalendarDate.optional(o.validTo, field: "offer.valid_to"), from <= to
    else { throw VetsError.invalidArgument(field: "offer.valid_to", rule: "valid_from and valid_to are required, in order") }
    guard (1...1000).contains(o.limitCount) else { throw VetsError.invalidArgument(field: "offer.limit_count", rule: "must be 1-1000") }
    guard (0...3660).contains(o.limitDays) else { throw VetsError.invalidArgument(field: "offer.limit_days", rule: "must be 0 (ever) to 3660") }
    guard (0...100_000_000).contains(o.quota) else { throw VetsError.invalidArgument(field: "offer.quota", rule: "must be 0 (none) or a positive count") }
    return (from, to)
  }

  /// A quota may not fall below the uses already counted.
  static func checkQuota(_ quota: Int64, offer: String, redeemed: Int64) throws(VetsError) {
    guard quota == 0 || quota >= redeemed else {
      throw .failedPrecondition("offer \(offer) has already been used \(redeemed) times; the quota cannot be lower")
    }
  }
}
