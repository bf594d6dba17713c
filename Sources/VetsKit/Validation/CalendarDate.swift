public import VetsAPI
public import Foundation

/// A day on the Gregorian calendar with no time or zone: birth dates, enlistment and
/// discharge dates, payment dates. The bureau works on local (China Standard Time) dates, so
/// a date never shifts with the server's time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Dates outside this range are typing mistakes for every record the bureau keeps.
  public static let years = 1900...2100

  public let year: Int
  public let month: Int
  public let day: Int

  /// A real Gregorian date with a year in 1900...2100; February 29 only in leap years.
  public init(year: Int, month: Int, day: Int, field: String) throws(VetsError) {
    guard Self.years.contains(year) else {
      throw .invalidArgument(
        field: field, rule: "year must be between \(Self.years.lowerBound) and \(Self.years.upperBound) (got \(year))")
    }
    guard (1...12).contains(month) else {
      throw .invalidArgument(field: field, rule: "month must be between 1 and 12 (got \(month))")
    }
    let last = Self.daysIn(month: month, year: year)
    guard (1...last).contains(day) else {
      throw .invalidArgument(
        field: field,
        rule: "is not a real date: \(Self.format(year, month, day)) (\(Self.monthName(month)) \(year) has \(last) days)")
    }
    self.init(unchecked: year, month, day)
  }

  /// Converts the wire form, validating it like ``init(year:month:day:field:)``.
  public init(_ proto: Vets_Common_V1_Date, field: String) throws(VetsError) {
    try self.init(year: Int(proto.year), month: Int(proto.month), day: Int(proto.day), field: field)
  }

  /// Parses "YYYY-MM-DD", "YYYY/MM/DD" or "YYYYMMDD": digits and the separators only, nothing
  /// around them, and both separators the same.
  public init(iso text: String, field: String) throws(VetsError) {
    let bytes = Array(text.utf8)
    let digits: [UInt8]
    switch bytes.count {
    case 8:
      digits = bytes
    case 10 where (bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/")) && bytes[7] == bytes[4]:
      digits = Array(bytes[0..<4] + bytes[5..<7] + bytes[8..<10])
    default:
      throw .invalidArgument(field: field, rule: "must be a date written YYYY-MM-DD, e.g. 1949-12-31")
    }
    guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      throw .invalidArgument(field: field, rule: "must be a date written YYYY-MM-DD, e.g. 1949-12-31")
    }
    func number(_ range: Range<Int>) -> Int {
      digits[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
    try self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8), field: field)
  }

  /// Parses a date as people and office spreadsheets write it: "1962-02-02", "1962/2/2",
  /// "1962.2.2", "1962年2月2日" (full-width digits too) or "19620202". The year has four
  /// digits, the month and day one or two; one separator throughout.
  public init(written text: String, field: String) throws(VetsError) {
    let refusal = VetsError.invalidArgument(field: field, rule: "must be a date such as 1962-02-02, 1962/2/2 or 1962年2月2日")
    func isDigit(_ c: Character) -> Bool { ("0"..."9").contains(c) }
    // Full-width digits and separators, as a Chinese input method types them, count as ASCII.
    var body = String(String.UnicodeScalarView(text.trimmingCharacters(in: .whitespaces).unicodeScalars.map {
      (0xFF01...0xFF5E).contains($0.value) ? Unicode.Scalar($0.value - 0xFEE0)! : $0
    }))
    if body.count == 8, body.allSatisfy(isDigit) {
      try self.init(iso: body, field: field)
      return
    }
    let separator: Character
    if body.hasSuffix("日") {
      body.removeLast()
      guard let year = body.firstIndex(of: "年"), let month = body.firstIndex(of: "月"), year < month else { throw refusal }
      body = body.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
      separator = "-"
    } else {
      guard let first = body.first(where: { !isDigit($0) }), "-/.".contains(first) else { throw refusal }
      separator = first
    }
    let parts = body.split(separator: separator, omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }),
      parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2
    else { throw refusal }
    try self.init(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!, field: field)
  }

  /// The nil case is the proto default (0-0-0), meaning "not given"; anything else must be a
  /// real date.
  public static func optional(_ proto: Vets_Common_V1_Date, field: String) throws(VetsError) -> CalendarDate? {
    if proto.year == 0 && proto.month == 0 && proto.day == 0 { return nil }
    return try CalendarDate(proto, field: field)
  }

  /// Today's date in the bureau's time zone (`BureauTime`, China time by default), whatever the
  /// server's own zone.
  public static func today(_ clock: any WallClock) -> CalendarDate {
    localDay(of: clock.now())
  }

  /// The day an instant falls on in the bureau's time zone.
  public static func localDay(of instant: Date) -> CalendarDate {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + BureauTime.offset(at: instant)
    return CalendarDate(daysSinceEpoch: seconds.floorDiv(86_400))
  }

  /// "1949-12-31": sorts as dates do.
  public var iso: String { Self.format(year, month, day) }

  public var description: String { iso }

  /// "1949年12月31日", as a letter or a printed form writes a date.
  public var chinese: String { "\(year)年\(month)月\(day)日" }

  public var proto: Vets_Common_V1_Date {
    var date = Vets_Common_V1_Date()
    date.year = Int32(year)
    date.month = Int32(month)
    date.day = Int32(day)
    return date
  }

  /// Whole years from `self` to `date`: the count goes up on the birthday itself, and someone
  /// born on February 29 turns a year older on March 1 in common years. Negative when `date`
  /// is before `self`.
  public func age(on date: CalendarDate) -> Int {
    if date < self { return -date.age(on: self) }
    var years = date.year - year
    if (date.month, date.day) < (month, day) { years -= 1 }
    return years
  }

  /// The date `days` later (earlier when negative). The result is not range-checked: it may
  /// lie outside 1900...2100.
  public func adding(days: Int) -> CalendarDate {
    CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
  }

  /// The same month and day `years` earlier, clamped to the month's last day (29 February
  /// becomes 28 February in a common year) and to 1900 at the earliest. Someone born on or
  /// before `today.yearsEarlier(n)` is at least n years old today.
  public func yearsEarlier(_ years: Int) -> CalendarDate {
    let year = max(Self.years.lowerBound, self.year - years)
    return try! CalendarDate(year: year, month: month, day: min(day, Self.daysIn(month: month, year: year)), field: "")
  }

  /// The instant this day begins in the bureau's time zone, for comparing a local
  /// day with instants, which are stored in UTC.
  public var startOfLocalDay: Date {
    var components = DateComponents()
    (components.year, components.month, components.day) = (year, month, day)
    components.timeZone = BureauTime.timeZone
    return Calendar(identifier: .gregorian).date(from: components)!
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Whether `year` has a February 29.
  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days in `month` (1-12) of `year`.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  // MARK: - Day arithmetic (proleptic Gregorian, after H. Hinnant's civil-date algorithms)

  private init(unchecked year: Int, _ month: Int, _ day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Days since 1970-01-01.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = y.floorDiv(400)
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  init(daysSinceEpoch days: Int) {
    let z = days + 719_468
    let era = z.floorDiv(146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  private static func monthName(_ month: Int) -> String {
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"][month - 1]
  }
}

extension Int {
  /// Division rounding toward negative infinity, so dates before 1970 land on the right day.
  fileprivate func floorDiv(_ divisor: Int) -> Int {
    let q = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
  }
}
