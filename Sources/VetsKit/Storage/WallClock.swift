public import Foundation
public import SwiftProtobuf

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

  /// A client's instant: given, and within 2000-2100.
  public static func validated(_ timestamp: Google_Protobuf_Timestamp, field: String) throws(VetsError) -> Date {
    guard timestamp.seconds != 0 || timestamp.nanos != 0 else { throw .invalidArgument(field: field, rule: "is required") }
    guard (946_684_800..<4_102_444_800).contains(timestamp.seconds), (0..<1_000_000_000).contains(timestamp.nanos) else {
      throw .invalidArgument(field: field, rule: "must be a time between 2000 and 2100")
    }
    return timestamp.date
  }
}
