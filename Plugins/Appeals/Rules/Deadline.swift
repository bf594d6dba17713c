// An appeal's deadline: a number of working days after the day its clock started (receipt,
// or the day it was reopened). Extensions add working days; a hold stops the clock, and the
// working days it covered are added when it ends.

import VetsKit

struct Deadline: Sendable, Equatable {
  struct Hold: Sendable, Equatable {
    var seq: Int
    var from: CalendarDate
    /// The hold's last day.
    var until: CalendarDate
  }

  var clockStart: CalendarDate
  var allowance: Int
  /// The hold in force, if any.
  var hold: Hold?

  /// The due date. While a hold lasts, it is the date the appeal will have if the hold runs
  /// to its last day.
  func due(_ calendar: WorkingCalendar) -> CalendarDate {
    var days = allowance
    if let hold { days += calendar.workingDays(from: hold.from, to: hold.until.adding(days: 1)) }
    return calendar.adding(workingDays: days, to: clockStart)
  }

  /// Ends the hold on `day`, the first day the clock runs again; returns the working days it
  /// covered, which the allowance gains.
  mutating func resume(on day: CalendarDate, calendar: WorkingCalendar) -> Int {
    guard let hold else { return 0 }
    let paused = calendar.workingDays(from: hold.from, to: max(day, hold.from))
    allowance += paused
    self.hold = nil
    return paused
  }

  /// Starts the clock again from `day`, as a reopened appeal does.
  mutating func restart(on day: CalendarDate, allowance: Int) {
    clockStart = day
    self.allowance = allowance
    hold = nil
  }
}
