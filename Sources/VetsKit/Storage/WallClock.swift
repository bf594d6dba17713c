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

  /// Reads what `text` wrote. Timelines read hundreds of these per call, so the fixed form
  /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` is read by hand; anything else goes to the format style.
  public static func date(_ text: String) -> Date? {
    fixedForm(text) ?? (try? style.parse(text))
  }

  /// The day a stored instant falls on in China Standard Time, "YYYY-MM-DD": the date a
  /// clerk reads. Never the text's own first ten characters, which are the UTC day.
  public static func localDay(_ text: String) -> String {
    date(text).map { CalendarDate.localDay(of: $0).iso } ?? text
  }

  static func fixedForm(_ text: String) -> Date? {
    let b = Array(text.utf8)
    guard b.count == 20 || b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b.last == 0x5A
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for i in range {
        guard (0x30...0x39).contains(b[i]) else { return nil }
        value = value * 10 + Int(b[i] - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
      let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day), hour < 24,
      minute < 60, second < 60
    else { return nil }
    var millis = 0
    if b.count == 24 {
      guard b[19] == 0x2E, let fraction = number(20..<23) else { return nil }
      millis = fraction
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, days_from_civil).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    let milliseconds = (days * 86_400 + hour * 3600 + minute * 60 + second) * 1000 + millis
    // Date counts from 2001; one division from there rounds once, as the format style does.
    return Date(timeIntervalSinceReferenceDate: Double(milliseconds - 978_307_200_000) / 1000)
  }

  /// A client's instant: given, and within 2000-2100.
  public static func validated(_ timestamp: Google_Protobuf_Timestamp, field: String) throws(VetsError) -> Date {
    guard timestamp.seconds != 0 || timestamp.nanos != 0 else { throw .invalidArgument(field: field, rule: "is required") }
    guard (946_684_800..<4_102_444_800).contains(timestamp.seconds), (0..<1_000_000_000).contains(timestamp.nanos) else {
      throw .invalidArgument(field: field, rule: "must be a time between 2000 and 2100")
    }
    return timestamp.date
  }
}
