// When a redemption may be voided (a refund).

import Foundation
import VetsKit

enum RedemptionRules {
  /// A redemption may be voided (a refund) within `days` of it.
  static func checkVoidable(_ redemption: String, redeemedAt: Date?, now: Date, days: Int64) throws(VetsError) -> Date {
    guard let at = redeemedAt, now.timeIntervalSince(at) <= Double(days) * 86_400 else {
      throw .failedPrecondition("redemption \(redemption) is older than the \(days)-day window for voiding")
    }
    return at
  }
}
