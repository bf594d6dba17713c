import Foundation
import TestSupport
import Testing
import VetsAPI
@testable import VetsKit

private struct CalendarTestClock: WallClock {
  let date: Date
  init(_ iso: String) { date = try! Date(iso, strategy: .iso8601) }
  func now() -> Date { date }
}

private func date(_ iso: String) -> CalendarDate {
  try! CalendarDate(iso: iso, field: "test")
}

private func proto(_ year: Int32, _ month: Int32, _ day: Int32) -> Vets_Common_V1_Date {
  var date = Vets_Common_V1_Date()
  date.year = year
  date.month = month
  date.day = day
  return date
}

struct CalendarDateTests {
  @Test(arguments: ["1949-12-31", "2000-02-29", "2024-02-29", "1900-01-01", "2100-12-31", "1970-01-01"])
  func realDatesRoundTripThroughISO(_ iso: String) throws {
    let date = try CalendarDate(iso: iso, field: "birth_date")
    #expect(date.iso == iso)
    #expect(date.description == iso)
    #expect(try CalendarDate(date.proto, field: "birth_date") == date)
  }

  @Test(arguments: ["1949-12-31", "1949/12/31", "19491231"])
  func allThreeSpellingsGiveTheSameDate(_ text: String) throws {
    let date = try CalendarDate(iso: text, field: "birth_date")
    #expect(try date == CalendarDate(year: 1949, month: 12, day: 31, field: "birth_date"))
    #expect((date.year, date.month, date.day) == (1949, 12, 31))
  }

  @Test(arguments: [
    (1949, 2, 30), (2023, 2, 29), (1900, 2, 29), (2100, 2, 29), (2024, 4, 31), (2024, 13, 1), (2024, 0, 1),
    (2024, 1, 0), (2024, 1, 32), (1899, 12, 31), (2101, 1, 1), (0, 0, 0),
  ])
  func impossibleDatesAreRefused(_ year: Int, _ month: Int, _ day: Int) {
    refusal("discharge_date") { () throws(VetsError) in
      try CalendarDate(year: year, month: month, day: day, field: "discharge_date")
    }
    refusal("discharge_date") { () throws(VetsError) in
      try CalendarDate(proto(Int32(year), Int32(month), Int32(day)), field: "discharge_date")
    }
  }

  @Test func impossibleDayNamesTheMonthLength() {
    let rule = refusal("birth_date") { () throws(VetsError) in
      try CalendarDate(iso: "2023-02-29", field: "birth_date")
    }
    #expect(rule?.contains("2023-02-29") == true)
    #expect(rule?.contains("28 days") == true)
  }

  @Test(arguments: [
    "", "1949-1-31", "1949-12/31", "1949/12-31", " 1949-12-31", "1949-12-31 ", "1949.12.31", "1949123",
    "194912310", "１９４９-12-31", "1949-12-3a", "+949-12-31", "1949-12-31T00:00:00Z",
  ])
  func malformedTextIsRefused(_ text: String) {
    refusal("birth_date") { () throws(VetsError) in try CalendarDate(iso: text, field: "birth_date") }
  }

  @Test(arguments: [
    "1962-02-02", "1962/2/2", "1962.2.2", "1962年2月2日", "19620202", "1962-2-02", " 1962/02/02 ", "１９６２年２月２日",
    "1962／2／2",
  ])
  func officeSpellingsGiveTheSameDate(_ text: String) throws {
    #expect(try CalendarDate(written: text, field: "birth_date") == CalendarDate(year: 1962, month: 2, day: 2, field: "birth_date"))
  }

  @Test(arguments: [
    "", "2/2/1962", "62-2-2", "1962-2/2", "1962年2月2", "1962年2-2日", "1962年2月2日下午", "1962-002-02", "1962..2",
    "1962/2/2/", "1962-2-2T00:00", "一九六二年二月二日", "1962-2-2 12:00",
  ])
  func officeSpellingsRefuseWhatIsNotADate(_ text: String) {
    let rule = refusal("birth_date") { () throws(VetsError) in try CalendarDate(written: text, field: "birth_date") }
    #expect(rule?.contains("1962/2/2") == true, "the refusal shows the accepted forms: \(rule ?? "")")
  }

  @Test func officeSpellingsStillCheckTheCalendar() {
    let rule = refusal("birth_date") { () throws(VetsError) in try CalendarDate(written: "1962年2月30日", field: "birth_date") }
    #expect(rule?.contains("28 days") == true)
  }

  @Test func optionalIsNilOnlyForTheAllZeroProto() throws {
    #expect(try CalendarDate.optional(proto(0, 0, 0), field: "death_date") == nil)
    #expect(try CalendarDate.optional(proto(2001, 3, 4), field: "death_date") == date("2001-03-04"))
    refusal("death_date") { () throws(VetsError) in try CalendarDate.optional(proto(2001, 0, 0), field: "death_date") }
    refusal("death_date") { () throws(VetsError) in try CalendarDate.optional(proto(0, 3, 4), field: "death_date") }
  }

  @Test func protoCarriesTheThreeNumbers() {
    let wire = date("1949-12-31").proto
    #expect((wire.year, wire.month, wire.day) == (1949, 12, 31))
  }

  @Test(arguments: [
    ("1949-12-31", "2024-12-30", 74), ("1949-12-31", "2024-12-31", 75), ("1949-12-31", "2025-01-01", 75),
    ("2000-02-29", "2001-02-28", 0), ("2000-02-29", "2001-03-01", 1), ("2000-02-29", "2004-02-29", 4),
    ("2000-06-15", "2000-06-15", 0), ("2000-06-15", "1999-06-14", -1), ("2000-06-15", "1999-06-16", 0),
  ])
  func ageCountsWholeYearsFromTheBirthday(_ birth: String, _ on: String, _ age: Int) {
    #expect(date(birth).age(on: date(on)) == age)
  }

  @Test(arguments: [
    ("2024-02-28", 1, "2024-02-29"), ("2024-02-28", 2, "2024-03-01"), ("2023-02-28", 1, "2023-03-01"),
    ("2023-12-31", 1, "2024-01-01"), ("2024-01-01", -1, "2023-12-31"), ("1970-01-01", -1, "1969-12-31"),
    ("1949-10-01", 27_394, "2024-10-01"), ("2000-03-01", -1, "2000-02-29"), ("1900-03-01", -1, "1900-02-28"),
    ("2024-05-20", 0, "2024-05-20"),
  ])
  func addingDaysCrossesMonthsYearsAndLeapDays(_ from: String, _ days: Int, _ to: String) {
    #expect(date(from).adding(days: days) == date(to))
    #expect(date(to).adding(days: -days) == date(from))
  }

  @Test func everyDayFrom1900To2100SurvivesTheDayCount() {
    var day = date("1900-01-01")
    var count = 0
    while day < date("2100-12-31") {
      let next = day.adding(days: 1)
      #expect(next > day)
      #expect(CalendarDate(daysSinceEpoch: day.daysSinceEpoch) == day)
      day = next
      count += 1
    }
    #expect(count == 73_413)
    #expect(date("1970-01-01").daysSinceEpoch == 0)
    #expect(date("2000-01-01").daysSinceEpoch == 10_957)
  }

  @Test(arguments: [
    ("2024-12-31T15:59:59Z", "2024-12-31"), ("2024-12-31T16:00:00Z", "2025-01-01"),
    ("2025-06-30T23:59:59Z", "2025-07-01"), ("1969-12-31T15:59:59Z", "1969-12-31"),
    ("1969-12-31T16:00:00Z", "1970-01-01"),
  ])
  func todayIsTheDateInChinaStandardTime(_ instant: String, _ expected: String) {
    #expect(CalendarDate.today(CalendarTestClock(instant)).iso == expected)
  }

  @Test func datesSortChronologically() {
    let dates = ["2024-01-02", "1949-12-31", "2024-01-01", "1950-01-01", "2023-12-31"].map(date)
    #expect(dates.sorted().map(\.iso) == ["1949-12-31", "1950-01-01", "2023-12-31", "2024-01-01", "2024-01-02"])
  }
}

/// The day of an instant follows the bureau's zone: 00:30 China time is that day, 16:30 UTC
/// the day before.
@Test func anInstantIsDatedInTheBureausZone() throws {
  let halfPastMidnight = try #require(ISO8601DateFormatter().date(from: "2026-12-02T16:30:00Z"))
  #expect(BureauTime.timeZone.identifier == "Asia/Shanghai")
  #expect(CalendarDate.localDay(of: halfPastMidnight).iso == "2026-12-03")
  #expect(try CalendarDate(iso: "2026-12-03", field: "d").startOfLocalDay == halfPastMidnight.addingTimeInterval(-1800))
}
