// Working days as China counts them: Monday to Friday, less the public holidays, plus the
// weekend days the State Council makes working days to bridge a holiday (调休). The dates
// change every year, so they come from a file the operator keeps.

import Foundation
import Logging
import Synchronization
import VetsKit

struct WorkingCalendar: Sendable, Equatable {
  /// Days off that would otherwise be working days.
  var holidays: Set<CalendarDate> = []
  /// Saturdays and Sundays that are working days.
  var workingWeekendDays: Set<CalendarDate> = []

  /// Monday to Friday and not a holiday, or a listed working weekend day.
  func isWorkingDay(_ day: CalendarDate) -> Bool {
    if workingWeekendDays.contains(day) { return true }
    return !day.isWeekend && !holidays.contains(day)
  }

  /// The years the file lists any date in.
  var years: Set<Int> { Set(holidays.map(\.year)).union(workingWeekendDays.map(\.year)) }

  /// The years deadlines are counted in now that the file says nothing of: this year, and
  /// from December next year too, when appeals received now fall due.
  func missingYears(today: CalendarDate) -> [Int] {
    let needed = today.month == 12 ? [today.year, today.year + 1] : [today.year]
    let listed = years
    return needed.filter { !listed.contains($0) }
  }

  /// The `count`th working day after `start`; the start day itself never counts.
  func adding(workingDays count: Int, to start: CalendarDate) -> CalendarDate {
    var day = start
    var left = count
    while left > 0 {
      day = day.adding(days: 1)
      if isWorkingDay(day) { left -= 1 }
    }
    return day
  }

  /// Working days from `start` up to but not including `end`; 0 when `end` is not later.
  func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
    var count = 0
    var day = start
    while day < end {
      if isWorkingDay(day) { count += 1 }
      day = day.adding(days: 1)
    }
    return count
  }

  /// Reads the calendar file: one date per line, `YYYY-MM-DD holiday` or `YYYY-MM-DD workday`,
  /// then an optional note; `#` starts a comment. A workday must be a Saturday or Sunday, and
  /// no date may be listed twice. Errors name the file and line.
  static func parse(_ text: String, file: String) throws(CalendarFileError) -> WorkingCalendar {
    var calendar = WorkingCalendar()
    var seen: Set<CalendarDate> = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      guard !words.isEmpty else { continue }
      func fail(_ message: String) -> CalendarFileError { CalendarFileError(file: file, line: index + 1, message: message) }
      guard words.count >= 2 else {
        throw fail("expected 'YYYY-MM-DD holiday' or 'YYYY-MM-DD workday', found \(quoted: line.trimmingCharacters(in: .whitespaces))")
      }
      let day: CalendarDate
      do {
        day = try CalendarDate(iso: String(words[0]), field: "date")
      } catch {
        // The date's own rule: a wrong form, or an impossible date such as 2026-02-30.
        guard case .invalidArgument(_, let rule) = error else { throw fail("\(error)") }
        throw fail("\(quoted: words[0]) \(rule)")
      }
      guard seen.insert(day).inserted else { throw fail("\(day) is listed twice") }
      switch words[1] {
      case "holiday": calendar.holidays.insert(day)
      case "workday":
        guard day.isWeekend else { throw fail("\(day) is a weekday, so it is a working day already; list only weekend workdays") }
        calendar.workingWeekendDays.insert(day)
      default: throw fail("\(quoted: words[1]) must be holiday or workday")
      }
    }
    return calendar
  }
}

struct CalendarFileError: Error, Equatable, CustomStringConvertible {
  var file: String
  var line: Int
  var message: String
  var description: String { "\(file):\(line): \(message)" }
}

extension CalendarDate {
  /// Saturday or Sunday. 1970-01-01 was a Thursday.
  var isWeekend: Bool {
    let weekday = (daysSinceEpoch + 3).floorMod(7)  // 0 is Monday
    return weekday >= 5
  }
}

extension Int {
  fileprivate func floorMod(_ divisor: Int) -> Int { ((self % divisor) + divisor) % divisor }
}

/// The operator's calendar file, read again whenever it changes on disk, so that next year's
/// dates take effect without a restart. A file that stops parsing keeps the last good
/// calendar in use, and the error is reported by the deadline watch.
final class CalendarFile: Sendable {
  let path: String?
  /// Problems are logged at warning level when they are found.
  let logger: Logger?
  private struct State {
    var stamp: [Int] = []
    var calendar = WorkingCalendar()
    var error: String?
  }
  private let state = Mutex(State())

  /// Reads the file once; a missing or broken file is an error at start.
  init(path: String?, logger: Logger? = nil) throws(CalendarFileError) {
    self.path = path
    self.logger = logger
    guard let path else { return }
    let (stamp, text) = try Self.read(path)
    let calendar = try WorkingCalendar.parse(text, file: path)
    state.withLock { $0 = State(stamp: stamp, calendar: calendar) }
  }

  /// The calendar as the file says now (weekends only when no file is configured).
  var current: WorkingCalendar { refresh().calendar }

  /// Why the file was last refused, if it was.
  var problem: String? { refresh().error }

  /// Reads the file again if it changed on disk; true when it had.
  func changed() -> Bool {
    guard path != nil else { return false }
    let before = state.withLock { $0.stamp }
    return refresh().stamp != before
  }

  private func refresh() -> State {
    guard let path else { return state.withLock { $0 } }
    let stamp = (try? Self.stamp(path)) ?? []
    if let known = state.withLock({ $0.stamp == stamp ? $0 : nil }) { return known }
    let next: State
    do {
      let (stamp, text) = try Self.read(path)
      next = State(stamp: stamp, calendar: try WorkingCalendar.parse(text, file: path))
    } catch {
      let kept = state.withLock { $0.calendar }
      next = State(stamp: stamp, calendar: kept, error: "\(error); still using the calendar read before")
      logger?.warning("working calendar refused", metadata: ["file": "\(path)", "reason": "\(error)"])
    }
    if next.error == nil { logger?.notice("working calendar read", metadata: ["file": "\(path)", "years": "\(next.calendar.years.sorted())"]) }
    state.withLock { $0 = next }
    return next
  }

  /// Size, modification time and inode: what changes when the file is edited or replaced.
  private static func stamp(_ path: String) throws -> [Int] {
    let a = try FileManager.default.attributesOfItem(atPath: path)
    let modified = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    return [(a[.size] as? Int) ?? -1, Int(modified * 1000), (a[.systemFileNumber] as? Int) ?? -1]
  }

  private static func read(_ path: String) throws(CalendarFileError) -> ([Int], String) {
    do {
      let stamp = try stamp(path)
      return (stamp, try String(contentsOfFile: path, encoding: .utf8))
    } catch {
      throw CalendarFileError(file: path, line: 0, message: "cannot read the working calendar: \(error.localizedDescription)")
    }
  }
}
