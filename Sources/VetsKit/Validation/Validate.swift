/// Field rules shared by every module. Each failure names the field and the rule.
public enum Validate {
  public static let maxRequestIDLength = 128

  /// Client-chosen, 1-128 printable ASCII characters (a UUID fits).
  public static func requestID(_ value: String, field: String = "request_id") throws(VetsError) {
    guard !value.isEmpty else {
      throw .invalidArgument(field: field, rule: "is required for this call, so that a retry has its effect once")
    }
    guard value.utf8.count <= maxRequestIDLength, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      throw .invalidArgument(field: field, rule: "must be 1-\(maxRequestIDLength) printable ASCII characters without spaces")
    }
  }

  /// Trims nothing and normalises nothing: names are stored byte for byte. Refuses control
  /// characters and lengths over `max` characters.
  @discardableResult
  public static func text(_ value: String, field: String, max: Int, required: Bool = true) throws(VetsError) -> String {
    if value.isEmpty {
      if required { throw .invalidArgument(field: field, rule: "is required") }
      return value
    }
    // Characters can hide unbounded combining marks; bytes bound what is stored.
    guard value.count <= max, value.utf8.count <= max * 16 else {
      throw .invalidArgument(field: field, rule: "must be at most \(max) characters (got \(value.count))")
    }
    guard !value.hasControlCharacters else {
      throw .invalidArgument(field: field, rule: "must not contain control characters")
    }
    return value
  }
}

extension Validate {
  /// The longest id any record has (`case_…`, `enterprise id`, a station's own code).
  public static let maxIDLength = 64

  /// The id of a record another field refers to: `text`'s rules, at most 64 characters.
  @discardableResult
  public static func id(_ value: String, field: String, required: Bool = true) throws(VetsError) -> String {
    try text(value, field: field, max: maxIDLength, required: required)
  }
}

extension Validate {
  /// The years a yearly report is asked for.
  public static let reportYears: ClosedRange<Int32> = 2000...2100

  /// The year of a yearly report (every module's and the daemon's), as an Int.
  @discardableResult
  public static func reportYear(_ year: Int32, field: String = "year") throws(VetsError) -> Int {
    guard reportYears.contains(year) else {
      throw .invalidArgument(field: field, rule: "must be between \(reportYears.lowerBound) and \(reportYears.upperBound)")
    }
    return Int(year)
  }
}

extension Validate {
  /// A name of a person, place, group or body: `text`'s rules, at least one letter or digit
  /// (not only spaces or invisible characters such as U+200B), and no bidirectional controls
  /// (U+202E and its kin reorder what a clerk reads). Rare characters (Extension B) are kept.
  @discardableResult
  public static func name(_ value: String, field: String, max: Int, required: Bool = true) throws(VetsError) -> String {
    try text(value, field: field, max: max, required: required)
    guard !value.isEmpty else { return value }
    guard value.unicodeScalars.contains(where: { $0.isLetterOrDigit }) else {
      throw .invalidArgument(field: field, rule: "must contain a letter or digit; spaces and invisible characters alone are not a name")
    }
    guard !value.unicodeScalars.contains(where: { $0.isBidiControl }) else {
      throw .invalidArgument(field: field, rule: "must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)")
    }
    return value
  }
}

extension Unicode.Scalar {
  var isLetterOrDigit: Bool {
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber, .letterNumber,
      .otherNumber:
      true
    default: false
    }
  }

  var isBidiControl: Bool { properties.isBidiControl }
}

extension Validate {
  /// Validates a message sent inside a request: a bad field is named by its path in the
  /// request (`person.id_number`), the one rule for field paths in every error.
  public static func nested<T>(_ parent: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as VetsError {
      throw error.within(parent)
    }
  }
}

extension VetsError {
  /// The same error with its field's path under `parent`.
  public func within(_ parent: String) -> VetsError {
    switch self {
    case .invalidArgument(let field, let rule): .invalidArgument(field: "\(parent).\(field)", rule: rule)
    case .concerning(let field, let error): .concerning(field: "\(parent).\(field)", error)
    default: self
    }
  }
}

extension String {
  /// A NUL, a line break, a tab or another control character: what cuts a path short, splits
  /// a log line or hides in a name.
  public var hasControlCharacters: Bool { unicodeScalars.contains { $0.properties.generalCategory == .control } }
}
