// What may happen to an activity in each state, and the limits on a volunteer's hours. Plain
// rules over plain values; the service reads the values and writes the outcome.

import Foundation
import VetsAPI
import VetsKit

enum ActivityWorkflow {
  static let statuses = Terms<Vets_Volunteers_V1_ActivityStatus>([
    (.planned, "planned"), (.done, "done"), (.hoursApproved, "hours_approved"), (.cancelled, "cancelled"),
  ])

  enum Action: String {
    case complete, cancel, recordHours = "record hours for", approveHours = "approve hours for", raise = "record money or goods for"

    /// The states the action is allowed in.
    var from: [String] {
      switch self {
      case .complete, .cancel: ["planned"]
      case .recordHours, .raise: ["planned", "done", "hours_approved"]
      case .approveHours: ["done", "hours_approved"]
      }
    }
  }

  /// Refuses an action the activity's state does not allow, naming the state.
  static func require(_ action: Action, activity id: String, status: String) throws(VetsError) {
    guard action.from.contains(status) else {
      throw .failedPrecondition(
        "activity \(id) is \(status.replacingOccurrences(of: "_", with: " ")); you can \(action.rawValue) it only when it is \(action.from.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: " or "))")
    }
  }
}

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
