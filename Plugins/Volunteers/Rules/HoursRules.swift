// The limits on a volunteer's hours. Plain rules over plain values; HoursStore reads the
// values and writes the outcome.

import Foundation
import VetsKit

enum HoursRules {
  static let minutesPerDay = 24 * 60

  /// An entry's minutes: more than zero and at most the activity's duration.
  static func check(minutes: Int32, duration: Int) throws(VetsError) {
    guard minutes > 0 else { throw .invalidArgument(field: "minutes", rule: "must be greater than zero (got \(minutes))") }
    guard Int(minutes) <= duration else {
      throw .invalidArgument(field: "minutes", rule: "must be at most the activity's duration of \(duration) minutes (got \(minutes))")
    }
  }

  /// At most 24 hours in a day across the activities that start that day.
  static func checkDay(minutes: Int32, otherMinutes: Int, day: String) throws(VetsError) {
    guard otherMinutes + Int(minutes) <= minutesPerDay else {
      throw .failedPrecondition(
        "minutes: the volunteer already has \(otherMinutes) minutes on \(day); \(minutes) more would pass 24 hours in a day")
    }
  }

  /// Whole minutes from start to end.
  static func duration(from start: String, to end: String) -> Int {
    guard let start = Instant.date(start), let end = Instant.date(end) else { return 0 }
    return Int(end.timeIntervalSince(start) / 60)
  }
}
