public import Foundation

/// The daemon's source of "now". Tests and deadline rules use a clock they control.
public protocol WallClock: Sendable {
  func now() -> Date
}

public struct SystemClock: WallClock {
  public init() {}
  public func now() -> Date { Date() }
}

/// Instants are stored as UTC ISO 8601 text with milliseconds, which sorts as time does.
public enum Instant {
  static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

  public static func text(_ date: Date) -> String { style.format(date) }

  public static func date(_ text: String) -> Date? { try? style.parse(text) }
}
