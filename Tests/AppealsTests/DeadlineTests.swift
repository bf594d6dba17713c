import Foundation
import Synchronization
import Testing
import VetsKit

@testable import Appeals

/// A clock the test moves by hand.
final class ManualClock: WallClock {
  private let instant: Mutex<Date>

  /// Noon China time on `day`.
  init(_ day: String) throws {
    instant = Mutex(try CalendarDate(iso: day, field: "day").startOfLocalDay.addingTimeInterval(12 * 3600))
  }

  func now() -> Date { instant.withLock { $0 } }
  func advance(days: Int) { instant.withLock { $0 = $0.addingTimeInterval(Double(days) * 86_400) } }
  var today: CalendarDate { CalendarDate.today(self) }
}

func day(_ iso: String) throws -> CalendarDate { try CalendarDate(iso: iso, field: "day") }

@Suite struct WorkingCalendarTests {
  /// The State Council's 2025 holiday notice, in the file format operators keep.
  static let calendar2025 = """
    # 2025, 国务院办公厅关于2025年部分节假日安排的通知
    2025-01-01 holiday 元旦
    2025-01-26 workday 春节调休 (Sunday)
    2025-01-28 holiday 春节
    2025-01-29 holiday
    2025-01-30 holiday
    2025-01-31 holiday
    2025-02-01 holiday
    2025-02-02 holiday
    2025-02-03 holiday
    2025-02-04 holiday
    2025-02-08 workday 春节调休 (Saturday)
    2025-04-04 holiday 清明节
    2025-04-27 workday 劳动节调休
    2025-05-01 holiday 劳动节
    2025-05-02 holiday
    2025-05-05 holiday
    2025-10-01 holiday 国庆节、中秋节
    2025-10-02 holiday
    2025-10-03 holiday
    2025-10-06 holiday
    2025-10-07 holiday
    2025-10-08 holiday
    2025-09-28 workday
    2025-10-11 workday
    """

  @Test func weekendsAreNotWorkingDays() throws {
    let plain = WorkingCalendar()
    // 2025-03-07 is a Friday.
    #expect(plain.adding(workingDays: 1, to: try day("2025-03-07")) == (try day("2025-03-10")))
    #expect(plain.adding(workingDays: 5, to: try day("2025-03-03")) == (try day("2025-03-10")))
    #expect(plain.workingDays(from: try day("2025-03-01"), to: try day("2025-03-08")) == 5)
    #expect(try day("2025-03-08").isWeekend)
    #expect(try day("2025-03-09").isWeekend)
    #expect(try !day("2025-03-10").isWeekend)
  }

  @Test func holidaysAreSkippedAndAdjustedWeekendDaysCount() throws {
    let calendar = try WorkingCalendar.parse(Self.calendar2025, file: "2025.txt")
    // Received on Friday 24 January: Sunday the 26th is a working day (调休), Monday the 27th
    // another, then the Spring Festival holiday runs to 4 February.
    #expect(calendar.adding(workingDays: 5, to: try day("2025-01-24")) == (try day("2025-02-07")))
    #expect(WorkingCalendar().adding(workingDays: 5, to: try day("2025-01-24")) == (try day("2025-01-31")))
    // Saturday 8 February is a working day too.
    #expect(calendar.adding(workingDays: 3, to: try day("2025-02-05")) == (try day("2025-02-08")))
    #expect(calendar.isWorkingDay(try day("2025-09-28")))
    #expect(!calendar.isWorkingDay(try day("2025-10-08")))
    // National Day week: 29 and 30 September, then 1-8 October off, then 9, 10 and
    // Saturday 11 October.
    #expect(calendar.workingDays(from: try day("2025-09-29"), to: try day("2025-10-13")) == 5)
  }

  @Test(arguments: [
    ("2025-01-01 holiday\n2025-01-01 holiday", 2, "2025-01-01 is listed twice"),
    ("\n\n2025-03-05 workday", 3, "2025-03-05 is a weekday"),
    ("2025-02-30 holiday", 1, "'2025-02-30' is not a real date: 2025-02-30 (February 2025 has 28 days)"),
    ("2025-13-01 holiday", 1, "'2025-13-01' month must be between 1 and 12"),
    ("1st-of-May holiday", 1, "'1st-of-May' must be a date written YYYY-MM-DD"),
    ("2025-03-08 day-off", 1, "'day-off' must be holiday or workday"),
    ("2025-03-08", 1, "expected 'YYYY-MM-DD holiday'"),
  ])
  func aBadLineIsRefusedNamingItsLine(_ text: String, _ line: Int, _ message: String) {
    let error = #expect(throws: CalendarFileError.self) { try WorkingCalendar.parse(text, file: "cal.txt") }
    #expect(error?.line == line)
    #expect(error?.description.contains(message) == true, "\(String(describing: error))")
  }

  @Test func theFileIsReadAgainWhenItChanges() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-\(UUID().uuidString).txt").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "2025-05-01 holiday\n".write(toFile: path, atomically: true, encoding: .utf8)
    let file = try CalendarFile(path: path)
    #expect(file.current.holidays == [try day("2025-05-01")])
    try "2025-05-01 holiday\n2025-05-02 holiday 劳动节\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(file.current.holidays == [try day("2025-05-01"), try day("2025-05-02")])
    #expect(file.problem == nil)
    // A broken edit keeps the last good calendar and says why.
    try "2025-05-01 holiday\nnot a date\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(file.current.holidays.count == 2)
    #expect(file.problem?.contains(":2: 'not' must be a date written YYYY-MM-DD") == true, "\(String(describing: file.problem))")
  }
}

@Suite struct DeadlineTests {
  @Test func aHoldStopsTheClockForTheWorkingDaysItLasted() throws {
    let calendar = WorkingCalendar()
    let clock = try ManualClock("2025-03-03")  // a Monday
    var deadline = Deadline(clockStart: clock.today, allowance: 10)
    #expect(deadline.due(calendar) == (try day("2025-03-17")))

    clock.advance(days: 2)  // Wednesday: on hold until Friday next week
    deadline.hold = Deadline.Hold(seq: 1, from: clock.today, until: try day("2025-03-14"))
    // While held, the due date assumes the hold runs its course: 8 more working days.
    #expect(deadline.due(calendar) == (try day("2025-03-27")))

    clock.advance(days: 5)  // resumed on Monday: Wednesday, Thursday and Friday were paused
    #expect(deadline.resume(on: clock.today, calendar: calendar) == 3)
    #expect(deadline.hold == nil)
    #expect(deadline.allowance == 13)
    #expect(deadline.due(calendar) == (try day("2025-03-20")))
  }

  @Test func aHoldEndedTheDayItBeganAddsNothing() throws {
    let clock = try ManualClock("2025-03-05")
    var deadline = Deadline(clockStart: try day("2025-03-03"), allowance: 10)
    deadline.hold = Deadline.Hold(seq: 1, from: clock.today, until: try day("2025-03-20"))
    #expect(deadline.resume(on: clock.today, calendar: WorkingCalendar()) == 0)
    #expect(deadline.due(WorkingCalendar()) == (try day("2025-03-17")))
  }

  @Test func aHoldOverAHolidayPausesOnlyTheWorkingDays() throws {
    let calendar = try WorkingCalendar.parse(WorkingCalendarTests.calendar2025, file: "2025.txt")
    let clock = try ManualClock("2025-04-28")  // Monday before the Labour Day holiday
    var deadline = Deadline(clockStart: try day("2025-04-21"), allowance: 10)
    deadline.hold = Deadline.Hold(seq: 1, from: clock.today, until: try day("2025-05-06"))
    clock.advance(days: 9)  // resumed on Wednesday 7 May
    // Paused: 28, 29, 30 April and 6 May; 1, 2 and 5 May were holidays, 3 and 4 the weekend.
    #expect(deadline.resume(on: clock.today, calendar: calendar) == 4)
  }

  @Test func reopeningStartsAFreshClock() throws {
    let clock = try ManualClock("2025-06-10")
    var deadline = Deadline(clockStart: try day("2025-05-06"), allowance: 17)
    deadline.restart(on: clock.today, allowance: 15)
    #expect(deadline.clockStart == clock.today)
    #expect(deadline.due(WorkingCalendar()) == (try day("2025-07-01")))
  }
}

@Suite struct ShippedCalendarTests {
  /// etc/working-calendar.txt, which `make install` puts beside the config, must parse and
  /// hold the 2025 notice (28 holidays, 5 weekend working days) and the 2026 one (33, 6).
  @Test func theExampleCalendarParses() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("etc/working-calendar.txt")
    let calendar = try WorkingCalendar.parse(try String(contentsOf: file, encoding: .utf8), file: file.path)
    #expect(calendar.holidays.filter { $0.year == 2025 }.count == 28)
    #expect(calendar.workingWeekendDays.filter { $0.year == 2025 }.count == 5)
    #expect(calendar.holidays.filter { $0.year == 2026 }.count == 33)
    #expect(calendar.workingWeekendDays.filter { $0.year == 2026 }.count == 6)
    #expect(calendar.adding(workingDays: 1, to: try day("2025-09-30")) == (try day("2025-10-09")))
    // 2026: the Spring Festival runs 15-23 February, and Saturday 28 February is worked.
    #expect(calendar.adding(workingDays: 1, to: try day("2026-02-13")) == (try day("2026-02-14")))
    #expect(calendar.adding(workingDays: 2, to: try day("2026-02-13")) == (try day("2026-02-24")))
    #expect(calendar.isWorkingDay(try day("2026-02-28")))
    #expect(calendar.adding(workingDays: 1, to: try day("2026-09-30")) == (try day("2026-10-08")))
  }

  @Test func theYearsACalendarLacksAreThisYearAndFromDecemberTheNext() throws {
    let calendar = try WorkingCalendar.parse("2025-10-01 holiday\n2026-01-01 holiday\n", file: "cal.txt")
    #expect(calendar.missingYears(today: try day("2026-06-01")) == [])
    #expect(calendar.missingYears(today: try day("2026-11-30")) == [])
    #expect(calendar.missingYears(today: try day("2026-12-01")) == [2027])
    #expect(calendar.missingYears(today: try day("2027-03-01")) == [2027])
    #expect(WorkingCalendar().missingYears(today: try day("2026-12-02")) == [2026, 2027])
  }
}
