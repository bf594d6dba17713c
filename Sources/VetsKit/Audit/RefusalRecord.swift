// What the audit trail keeps of failed and refused writes, so that the lowest-privilege token
// cannot flood it. Per token, `[daemon.limits] refused_writes_per_minute` of them a minute (as
// a burst too) are recorded one by one. Past them none is recorded (a refusal is answered
// RESOURCE_EXHAUSTED, another failure keeps its status), and the next record carries the
// count of those in between as a target `repeated:N`.

import Foundation
import Synchronization

public final class RefusalRecord: Sendable {
  public enum Decision: Equatable, Sendable {
    /// Record this refusal; `suppressed` refusals since the last one went unrecorded.
    case record(suppressed: Int)
    /// Too many refusals from this token: answer RESOURCE_EXHAUSTED, record nothing.
    case suppress
  }

  public let perMinute: Double

  public init(perMinute: Int64) { self.perMinute = Double(perMinute) }

  private struct Bucket {
    var tokens: Double
    var at: Date
    var suppressed: Int
  }
  private let buckets = Mutex<[String: Bucket]>([:])

  public func decide(tokenID: String, now: Date) -> Decision {
    buckets.withLock { buckets in
      var bucket = buckets[tokenID] ?? Bucket(tokens: perMinute, at: now, suppressed: 0)
      bucket.tokens = min(perMinute, bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * perMinute / 60)
      bucket.at = now
      defer { buckets[tokenID] = bucket }
      guard bucket.tokens >= 1 else {
        bucket.suppressed += 1
        return .suppress
      }
      bucket.tokens -= 1
      defer { bucket.suppressed = 0 }
      return .record(suppressed: bucket.suppressed)
    }
  }

  public var exhausted: VetsError {
    .resourceExhausted(
      "too many refused writes from this token; at most \(Int(perMinute)) a minute are answered "
        + "([daemon.limits] refused_writes_per_minute); wait a minute and check the token's role and scope (vetsctl admin token list)")
  }
}
