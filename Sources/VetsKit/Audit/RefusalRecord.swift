// What the audit trail keeps of failed and refused writes, so that the lowest-privilege token
// cannot flood it. Per token, `[daemon.limits] refused_writes_per_minute` of them a minute (as
// a burst too) are recorded one by one. Past them none is recorded (a refusal is answered
// RESOURCE_EXHAUSTED, another failure keeps its status), and the next record carries the
// count of those in between as a target `repeated:N`.

import Foundation

public final class RefusalRecord: Sendable {
  public enum Decision: Equatable, Sendable {
    /// Record this refusal; `suppressed` refusals since the last one went unrecorded.
    case record(suppressed: Int)
    /// Too many refusals from this token: answer RESOURCE_EXHAUSTED, record nothing.
    case suppress
  }

  public let perMinute: Double
  private let buckets = TokenBuckets()

  public init(perMinute: Int64) { self.perMinute = Double(perMinute) }

  public func decide(tokenID: String, now: Date) -> Decision {
    switch buckets.take(tokenID, now: now, perMinute: perMinute, burst: perMinute) {
    case .allowed(let refusedBefore): .record(suppressed: refusedBefore)
    case .refused: .suppress
    }
  }

  public var exhausted: VetsError {
    .resourceExhausted(
      "too many refused writes from this token; at most \(Int(perMinute)) a minute are answered "
        + "([daemon.limits] refused_writes_per_minute); wait a minute and check the token's role and scope (vetsctl admin token list)")
  }
}
