// vetsd.toml is read by TOMLKit (toml++ underneath), a complete TOML 1.0 parser: multi-line
// strings, dotted keys, inline tables, arrays of tables, floats and dates are read as TOML
// means them, and what TOML forbids (leading zeros, a table defined twice, a control
// character in a string) is refused with the line. TOMLLayout adds the line of every key,
// which TOMLKit does not keep, and refuses NULs and deep nesting before toml++ reads the text.

import TOMLKit

public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var message: String
  /// The dotted key whose statement holds the error, when it is in one.
  public var key = ""
  public var description: String { key.isEmpty ? "line \(line): \(message)" : "line \(line): \(key): \(message)" }
}

public enum TOMLParser {
  public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
    let layout = try TOMLLayout(scanning: text)
    // TOMLKit never frees a parsed document (its TOMLTable has no deinit): a config's few
    // kilobytes at each start, check-config and reload; nothing else should parse with it.
    let document: TOMLKit.TOMLTable
    do {
      document = try TOMLKit.TOMLTable(string: text)
    } catch let error as TOMLParseError {
      let line = error.source.begin.line
      // toml++ calls the line break that ends an unclosed string a control character.
      let message = layout.unterminatedStrings.contains(line) ? "unterminated string" : message(error.description)
      throw TOMLError(line: line, message: message, key: layout.key(at: line)?.joined(separator: ".") ?? "")
    } catch {
      throw TOMLError(line: 1, message: "\(error)")
    }
    return table(document, at: [], layout: layout)
  }

  /// toml++ words its errors "Error while parsing string: …"; the config error names the
  /// file, the line and the key already.
  static func message(_ description: String) -> String {
    let prefix = "Error while parsing "
    guard description.hasPrefix(prefix) else { return description }
    return String(description.dropFirst(prefix.count))
  }

  /// The keys in the order the file writes them: the first one refused is the first one an
  /// operator reads.
  static func table(_ table: TOMLKit.TOMLTable, at path: [String], layout: TOMLLayout) -> TOMLTable {
    let keys = table.keys.map { (key: $0, line: layout.line(of: path + [$0])) }
      .sorted { ($0.line ?? .max, $0.key) < ($1.line ?? .max, $1.key) }
    var result = TOMLTable()
    for (key, line) in keys {
      guard let value = table[key] else { continue }
      result.set(key, self.value(value, at: path + [key], layout: layout), line: line)
    }
    return result
  }

  static func value(_ value: any TOMLValueConvertible, at path: [String], layout: TOMLLayout) -> TOMLValue {
    switch value.type {
    case .string: .string(value.string ?? "")
    case .int: .integer(Int64(value.int ?? 0))
    case .double: .float(value.double ?? .nan)
    case .bool: .boolean(value.bool ?? false)
    case .date: .dateTime(value.date.map(text) ?? "")
    case .time: .dateTime(value.time.map(text) ?? "")
    case .dateTime: .dateTime(value.dateTime.map { text($0.date) + "T" + text($0.time) + text($0.offset) } ?? "")
    case .array: .array((value.array.map(Array.init) ?? []).map { self.value($0, at: path, layout: layout) })
    case .table: .table(value.table.map { table($0, at: path, layout: layout) } ?? TOMLTable())
    }
  }

  // TOMLKit writes a local date-time back with a "Z" it never had, so its text is made here.

  static func text(_ date: TOMLDate) -> String { "\(pad(date.year, 4))-\(pad(date.month))-\(pad(date.day))" }

  static func text(_ time: TOMLTime) -> String {
    var fraction = time.nanoSecond == 0 ? "" : "." + pad(time.nanoSecond, 9)
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return "\(pad(time.hour)):\(pad(time.minute)):\(pad(time.second))" + fraction
  }

  static func text(_ offset: TOMLTimeOffset?) -> String {
    guard let minutes = offset?.offset else { return "" }
    guard minutes != 0 else { return "Z" }
    return (minutes < 0 ? "-" : "+") + "\(pad(abs(minutes) / 60)):\(pad(abs(minutes) % 60))"
  }

  static func pad(_ number: Int, _ width: Int = 2) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
