// The bureau's clock: the time zone that decides the day of every instant a person reads, every
// "today", every date filter and every report year. Instants stay UTC on the wire and on disk.

public import Foundation
import Synchronization

public enum BureauTime {
  /// China Standard Time, which every county in Shandong keeps.
  public static let defaultZone = "Asia/Shanghai"

  private static let zone = Mutex(TimeZone(identifier: defaultZone)!)

  /// The zone in use: set once at start, from `[daemon] time_zone` (vetsd) or
  /// `VETSCTL_TIME_ZONE` (vetsctl), before any call is served.
  public static var timeZone: TimeZone { zone.withLock { $0 } }

  public static func use(_ timeZone: TimeZone) { zone.withLock { $0 = timeZone } }

  /// The zone named `identifier` (an IANA name such as "Asia/Shanghai"), or nil.
  public static func named(_ identifier: String) -> TimeZone? {
    // Foundation takes some abbreviations ("CST") and offsets as names; only IANA names are
    // unambiguous, so only a name with a slash, or UTC, is taken.
    guard identifier.contains("/") || identifier == "UTC" else { return nil }
    return TimeZone(identifier: identifier)
  }

  /// Seconds east of UTC at `instant`.
  public static func offset(at instant: Date) -> Int { timeZone.secondsFromGMT(for: instant) }

  /// An instant as a clerk reads it on the bureau's clock: "2026-12-04 21:30".
  public static func clockText(_ instant: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
    func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
    return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
  }
}
