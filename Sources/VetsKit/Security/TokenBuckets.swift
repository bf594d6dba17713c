// The one rate limiter: a token bucket per key (a token id), refilled at `perMinute` and
// holding at most `burst`. The rate is given at each take, so a reload applies at once. It
// also counts the takes it refused since the last one it allowed, for a record that says so.

import Foundation
import Synchronization

public final class TokenBuckets: Sendable {
  public enum Take: Equatable, Sendable {
    /// Allowed; `refusedBefore` takes were refused since the last allowed one.
    case allowed(refusedBefore: Int)
    case refused
  }

  private struct Bucket {
    var tokens: Double
    var at: Date
    var refused: Int
  }
  private let buckets = Mutex<[String: Bucket]>([:])

  public init() {}

  public func take(_ key: String, now: Date, perMinute: Double, burst: Double) -> Take {
    buckets.withLock { buckets in
      var bucket = buckets[key] ?? Bucket(tokens: burst, at: now, refused: 0)
      bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * perMinute / 60)
      bucket.at = now
      defer { buckets[key] = bucket }
      guard bucket.tokens >= 1 else {
        bucket.refused += 1
        return .refused
      }
      bucket.tokens -= 1
      defer { bucket.refused = 0 }
      return .allowed(refusedBefore: bucket.refused)
    }
  }
}
