// The config file as vetsd holds it once TOMLKit has read it: plain Sendable values that
// compare equal (a reload diffs them key by key), each key with the line it was written on.

/// A parsed TOML value.
public enum TOMLValue: Sendable, Equatable {
  case string(String)
  case integer(Int64)
  case float(Double)
  case boolean(Bool)
  /// A date, a time or a date-time, as TOML writes it (no key of vetsd's takes one).
  case dateTime(String)
  case array([TOMLValue])
  case table(TOMLTable)

  var typeName: String {
    switch self {
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a float"
    case .boolean: "a boolean"
    case .dateTime: "a date or time"
    case .array: "an array"
    case .table: "a table"
    }
  }
}

/// A TOML table, remembering the line each key was written on for error messages.
public struct TOMLTable: Sendable, Equatable {
  public internal(set) var values: [String: TOMLValue] = [:]
  /// The line of each key; absent where the file does not say (a key inside an inline table
  /// has its table's line).
  public internal(set) var lines: [String: Int] = [:]
  /// Keys in the order they appear in the file.
  public internal(set) var order: [String] = []

  public init() {}

  public subscript(key: String) -> TOMLValue? { values[key] }

  mutating func set(_ key: String, _ value: TOMLValue, line: Int?) {
    if values[key] == nil { order.append(key) }
    values[key] = value
    lines[key] = line
  }
}
