// A strict reader for the TOML subset vetsd's config uses.
//
// No TOML package resolves on the build machines (TOMLKit needs swift-checkit, which is not
// mirrored), so this reads the part of TOML 1.0 a config file needs and refuses the rest by
// name instead of guessing: tables and dotted table headers, bare and quoted keys, basic and
// literal strings, integers, booleans, and (multi-line) arrays of those. Dates, floats, inline
// tables and arrays of tables are refused with the line number.

import Foundation

/// A parsed TOML value.
public enum TOMLValue: Sendable, Equatable {
  case string(String)
  case integer(Int64)
  case boolean(Bool)
  case array([TOMLValue])
  case table(TOMLTable)

  var typeName: String {
    switch self {
    case .string: "a string"
    case .integer: "an integer"
    case .boolean: "a boolean"
    case .array: "an array"
    case .table: "a table"
    }
  }
}

/// A TOML table, remembering the line each key was defined on for error messages.
public struct TOMLTable: Sendable, Equatable {
  public internal(set) var values: [String: TOMLValue] = [:]
  public internal(set) var lines: [String: Int] = [:]
  /// Keys in the order they appeared.
  public internal(set) var order: [String] = []

  public init() {}

  public subscript(key: String) -> TOMLValue? { values[key] }

  mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
    if values[key] == nil { order.append(key) }
    values[key] = value
    lines[key] = line
  }
}

public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var message: String
  /// The dotted key whose value was refused, when the error is in a value.
  public var key = ""
  public var description: String { key.isEmpty ? "line \(line): \(message)" : "line \(line): \(key): \(message)" }
}

public enum TOMLParser {
  public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
    var parser = Parser(text: Array(text.unicodeScalars))
    return try parser.document()
  }
}

private struct Parser {
  let text: [Unicode.Scalar]
  var index = 0
  var line = 1
  var root = TOMLTable()
  var currentPath: [String] = []
  /// Tables a [header] defined, and tables dotted keys made: TOML lets neither be re-opened
  /// by the other.
  var definedTables: Set<[String]> = []
  var dottedTables: Set<[String]> = []
  /// Nesting of arrays in the value being read; bounded so no file can exhaust the stack.
  var depth = 0
  static let maxDepth = 32

  init(text: [Unicode.Scalar]) { self.text = text }

  var atEnd: Bool { index >= text.count }
  var current: Unicode.Scalar? { atEnd ? nil : text[index] }

  func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

  mutating func advance() {
    if current == "\n" { line += 1 }
    index += 1
  }

  mutating func skipSpaces() {
    while let c = current, c == " " || c == "\t" { advance() }
  }

  mutating func skipComment() throws(TOMLError) {
    guard current == "#" else { return }
    while let c = current, c != "\n" {
      if c == "\r", index + 1 < text.count, text[index + 1] == "\n" { return }
      guard !Self.isControl(c) else { throw fail("control character U+\(String(c.value, radix: 16, uppercase: true)) in a comment") }
      advance()
    }
  }

  /// What TOML forbids in strings and comments: U+0000-U+001F except tab, and DEL.
  static func isControl(_ c: Unicode.Scalar) -> Bool { (c.value < 0x20 && c != "\t") || c.value == 0x7F }

  /// Skips blank lines, comments and newlines (used between array elements and statements).
  mutating func skipTrivia() throws(TOMLError) {
    while true {
      skipSpaces()
      try skipComment()
      if current == "\n" {
        advance()
      } else if current == "\r" {
        advance()
        guard current == "\n" else { throw fail("a carriage return must be followed by a line feed") }
      } else {
        return
      }
    }
  }

  mutating func endOfLine() throws(TOMLError) {
    skipSpaces()
    try skipComment()
    if current == "\r" {
      advance()
      guard current == "\n" else { throw fail("a carriage return must be followed by a line feed") }
    }
    guard atEnd || current == "\n" else {
      throw fail("unexpected \(quoted: current!) after the value; put one key = value on each line")
    }
  }

  mutating func document() throws(TOMLError) -> TOMLTable {
    while true {
      try skipTrivia()
      guard let c = current else { return root }
      if c == "[" {
        try header()
      } else {
        try keyValue()
      }
      try endOfLine()
    }
  }

  mutating func header() throws(TOMLError) {
    advance()
    if current == "[" { throw fail("arrays of tables ([[...]]) are not supported in vetsd's config") }
    skipSpaces()
    let path = try dottedKey()
    skipSpaces()
    guard current == "]" else { throw fail("expected ']' to close the table header") }
    advance()
    guard !definedTables.contains(path) else {
      throw fail("table [\(path.joined(separator: "."))] is defined twice")
    }
    guard !dottedTables.contains(path) else {
      throw fail("table [\(path.joined(separator: "."))] was already made by dotted keys; TOML does not let a header re-open it")
    }
    definedTables.insert(path)
    try ensureTable(path)
    currentPath = path
  }

  mutating func keyValue() throws(TOMLError) {
    let keyLine = line
    let key = try dottedKey()
    skipSpaces()
    guard current == "=" else { throw fail("expected '=' after key \(quoted: key.joined(separator: "."))") }
    advance()
    skipSpaces()
    let value: TOMLValue
    do {
      value = try self.value()
    } catch {
      var named = error
      named.key = (currentPath + key).joined(separator: ".")
      throw named
    }
    let path = currentPath + key.dropLast()
    // Dotted keys make tables below the current one; none of them may be a [header]'s.
    for length in stride(from: currentPath.count + 1, through: path.count, by: 1) {
      let made = Array(path.prefix(length))
      guard !definedTables.contains(made) else {
        throw fail("table [\(made.joined(separator: "."))] has a header of its own; set its keys there, not by dotted keys")
      }
      dottedTables.insert(made)
    }
    try ensureTable(path)
    try insert(value, at: path, key: key.last!, line: keyLine)
  }

  mutating func dottedKey() throws(TOMLError) -> [String] {
    var parts = [try simpleKey()]
    while true {
      skipSpaces()
      guard current == "." else { return parts }
      guard parts.count < Self.maxDepth else { throw fail("keys nest at most \(Self.maxDepth) deep") }
      advance()
      skipSpaces()
      parts.append(try simpleKey())
    }
  }

  mutating func simpleKey() throws(TOMLError) -> String {
    switch current {
    case "\"": return try basicString()
    case "'": return try literalString()
    default:
      var key = ""
      while let c = current, c.properties.isASCIIHexDigit || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
        || ("0"..."9").contains(c) || c == "_" || c == "-"
      {
        key.unicodeScalars.append(c)
        advance()
      }
      guard !key.isEmpty else { throw fail("expected a key") }
      return key
    }
  }

  mutating func value() throws(TOMLError) -> TOMLValue {
    switch current {
    case "\"":
      if text[index...].starts(with: ["\"", "\"", "\""]) { throw fail("multi-line strings are not supported") }
      return .string(try basicString())
    case "'":
      return .string(try literalString())
    case "[":
      return .array(try array())
    case "{":
      throw fail("inline tables are not supported; use a [table] header")
    case "t", "f":
      var word = ""
      while let c = current, ("a"..."z").contains(c) {
        word.unicodeScalars.append(c)
        advance()
      }
      switch word {
      case "true": return .boolean(true)
      case "false": return .boolean(false)
      default: throw fail("\(quoted: word) is not a value; quote strings")
      }
    case let c? where c == "+" || c == "-" || ("0"..."9").contains(c):
      var number = ""
      while let c = current, c == "+" || c == "-" || c == "_" || c == "." || c == ":" || c.properties.isASCIIHexDigit
        || c == "x" || c == "o"
      {
        number.unicodeScalars.append(c)
        advance()
      }
      guard let integer = Self.integer(number) else {
        throw fail(
          "\(quoted: number) is not a TOML integer (no leading zeros, '_' only between digits, 0x, 0o or 0b for other bases; "
            + "floats and dates are not supported)")
      }
      return .integer(integer)
    case nil:
      throw fail("expected a value at the end of the file")
    case let c?:
      throw fail("unexpected \(quoted: c) where a value should start; quote strings")
    }
  }

  /// TOML 1.0 integers: decimal without leading zeros, or unsigned 0x, 0o and 0b; an
  /// underscore only between two digits.
  static func integer(_ text: String) -> Int64? {
    var body = Substring(text)
    var sign = ""
    if let first = body.first, first == "+" || first == "-" {
      sign = first == "-" ? "-" : ""
      body = body.dropFirst()
    }
    var radix = 10
    if body.count > 2, body.first == "0", let marker = body.dropFirst().first, let base = ["x": 16, "o": 8, "b": 2][marker] {
      guard body.count == text.count else { return nil }
      radix = base
      body = body.dropFirst(2)
    } else if body.count > 1, body.first == "0" {
      return nil
    }
    let groups = body.split(separator: "_", omittingEmptySubsequences: false)
    guard !groups.contains(where: \.isEmpty), groups.allSatisfy({ $0.allSatisfy { $0.isHexDigit } }) else { return nil }
    return Int64(sign + groups.joined(), radix: radix)
  }

  mutating func array() throws(TOMLError) -> [TOMLValue] {
    guard depth < Self.maxDepth else { throw fail("arrays nest at most \(Self.maxDepth) deep") }
    depth += 1
    defer { depth -= 1 }
    advance()
    var elements: [TOMLValue] = []
    while true {
      try skipTrivia()
      if current == "]" {
        advance()
        return elements
      }
      elements.append(try value())
      try skipTrivia()
      if current == "," {
        advance()
      } else if current != "]" {
        throw fail("expected ',' or ']' in the array")
      }
    }
  }

  mutating func basicString() throws(TOMLError) -> String {
    advance()
    var result = String.UnicodeScalarView()
    while true {
      guard let c = current, c != "\n" else { throw fail("unterminated string") }
      advance()
      switch c {
      case "\"":
        return String(result)
      case "\\":
        guard let e = current else { throw fail("unterminated string") }
        advance()
        switch e {
        case "\"": result.append("\"")
        case "\\": result.append("\\")
        case "n": result.append("\n")
        case "t": result.append("\t")
        case "r": result.append("\r")
        case "b": result.append("\u{08}")
        case "f": result.append("\u{0C}")
        case "u", "U":
          let count = e == "u" ? 4 : 8
          var hex = ""
          for _ in 0..<count {
            guard let h = current, h.properties.isASCIIHexDigit else { throw fail("bad \\\(e) escape") }
            hex.unicodeScalars.append(h)
            advance()
          }
          guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
            throw fail("\\\(e)\(hex) is not a Unicode scalar")
          }
          result.append(scalar)
        default:
          throw fail("unknown escape '\\\(e)' in a string")
        }
      default:
        if Self.isControl(c) { throw fail("control character in a string") }
        result.append(c)
      }
    }
  }

  mutating func literalString() throws(TOMLError) -> String {
    advance()
    var result = String.UnicodeScalarView()
    while true {
      guard let c = current, c != "\n" else { throw fail("unterminated string") }
      advance()
      if c == "'" { return String(result) }
      if Self.isControl(c) { throw fail("control character in a string") }
      result.append(c)
    }
  }

  mutating func ensureTable(_ path: [String]) throws(TOMLError) {
    try Self.ensure(&root, path[...], line: line, fail: fail)
  }

  private static func ensure(
    _ table: inout TOMLTable, _ path: ArraySlice<String>, line: Int, fail: (String) -> TOMLError
  ) throws(TOMLError) {
    guard let first = path.first else { return }
    var child: TOMLTable
    switch table[first] {
    case nil: child = TOMLTable()
    case .table(let existing): child = existing
    case let other?: throw fail("\(quoted: first) is \(other.typeName), not a table")
    }
    try ensure(&child, path.dropFirst(), line: line, fail: fail)
    table.set(first, .table(child), line: table.lines[first] ?? line)
  }

  mutating func insert(_ value: TOMLValue, at path: [String], key: String, line: Int) throws(TOMLError) {
    try Self.insert(&root, path[...], key: key, value: value, line: line, fail: fail)
  }

  private static func insert(
    _ table: inout TOMLTable, _ path: ArraySlice<String>, key: String, value: TOMLValue, line: Int,
    fail: (String) -> TOMLError
  ) throws(TOMLError) {
    if let first = path.first {
      guard case .table(var child) = table[first] else { throw fail("\(quoted: first) is not a table") }
      try insert(&child, path.dropFirst(), key: key, value: value, line: line, fail: fail)
      table.set(first, .table(child), line: table.lines[first] ?? line)
      return
    }
    guard table[key] == nil else { throw fail("key \(quoted: key) is defined twice") }
    table.set(key, value, line: line)
  }
}
