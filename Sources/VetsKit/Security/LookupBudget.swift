// One budget per token for every call that can confirm who a person is from an identifier
// the caller already holds: person searches by resident ID number (or its last 6
// characters) or certificate number, eligibility checks and redemptions. A miss spends as
// much as a hit, so guessing costs what confirming does; the rate is the registry's
// `lookup_rate_per_minute` and `lookup_burst`, read at each call so a reload applies at once.

import Foundation

public final class LookupBudget: Sendable {
  public struct Rate: Sendable {
    public var perMinute: Int64
    public var burst: Int64

    public init(perMinute: Int64, burst: Int64) {
      self.perMinute = perMinute
      self.burst = burst
    }
  }

  private let rate: @Sendable () -> Rate
  private let buckets = TokenBuckets()

  public init(rate: @escaping @Sendable () -> Rate) { self.rate = rate }

  /// Spends one lookup of the caller's token, or refuses with RESOURCE_EXHAUSTED. An admin
  /// token, which may read and export every record in full anyway, spends nothing.
  public func spend(_ caller: Caller, now: Date) throws(VetsError) {
    guard caller.role != .admin else { return }
    let rate = self.rate()
    guard case .allowed = buckets.take(caller.tokenID, now: now, perMinute: Double(rate.perMinute), burst: Double(rate.burst)) else {
      throw .resourceExhausted(
        "too many lookups of people by ID or certificate number from this token; at most \(rate.perMinute) a minute "
          + "(burst \(rate.burst)), counting eligibility checks and redemptions; wait a minute")
    }
  }
}
