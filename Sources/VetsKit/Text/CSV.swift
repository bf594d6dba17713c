// RFC 4180 CSV, as Excel and WPS read and write it, for bulk imports and exports.

/// One CSV record and where it starts, so an import error can point the clerk at the line.
public struct CSVRow: Sendable, Equatable {
  /// The 1-based line where the record starts; a quoted field with line breaks makes the next
  /// record start more than one line later.
  public var line: Int
  public var fields: [String]

  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }
}

/// Reading and writing RFC 4180 CSV. Fields are kept byte for byte: nothing is trimmed or
/// normalised, so names with rare characters survive a round trip.
public enum CSV {
  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let cr = UInt8(ascii: "\r")
  private static let lf = UInt8(ascii: "\n")

  /// Parses all records; quoted fields may contain commas, doubled quotes and newlines; accepts
  /// \n and \r\n; skips completely empty lines; throws `invalidArgument(field: field, rule:
  /// "line N: ...")` for an unterminated quote or text after a closing quote.
  ///
  /// A lone \r also ends a line, a quote inside an unquoted field is kept as text (as Excel
  /// does), and a leading byte-order mark is dropped.
  public static func parse(_ text: String, field: String) throws(VetsError) -> [CSVRow] {
    let bytes = Array(text.utf8)
    let count = bytes.count
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var line = 1
    var rows: [CSVRow] = []

    /// Steps over a line break at `i`, if there is one, counting it.
    func skipLineBreak() -> Bool {
      guard i < count, bytes[i] == cr || bytes[i] == lf else { return false }
      if bytes[i] == cr && i + 1 < count && bytes[i + 1] == lf { i += 1 }
      i += 1
      line += 1
      return true
    }

    while i < count {
      if skipLineBreak() { continue }
      let start = line
      var fields: [String] = []
      while true {
        if i < count && bytes[i] == quote {
          let openedOn = line
          var value: [UInt8] = []
          var closed = false
          i += 1
          while i < count {
            let byte = bytes[i]
            if byte == quote {
              if i + 1 < count && bytes[i + 1] == quote {
                value.append(quote)
                i += 2
                continue
              }
              i += 1
              closed = true
              break
            }
            // Count a CRLF once, at its LF.
            if byte == lf || (byte == cr && !(i + 1 < count && bytes[i + 1] == lf)) { line += 1 }
            value.append(byte)
            i += 1
          }
          guard closed else {
            throw .invalidArgument(
              field: field,
              rule: "line \(openedOn): field \(fields.count + 1) opens a quote that is never closed; add the closing quote")
          }
          fields.append(String(decoding: value, as: UTF8.self))
          guard i == count || bytes[i] == comma || bytes[i] == cr || bytes[i] == lf else {
            throw .invalidArgument(
              field: field,
              rule: "line \(line): field \(fields.count) has text after its closing quote; a quote inside a quoted field must be doubled (\"\")")
          }
        } else {
          let fieldStart = i
          while i < count && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf { i += 1 }
          fields.append(String(decoding: bytes[fieldStart..<i], as: UTF8.self))
        }
        if i < count && bytes[i] == comma {
          i += 1
          continue
        }
        _ = skipLineBreak()
        break
      }
      rows.append(CSVRow(line: start, fields: fields))
    }
    return rows
  }

  /// One record as a line ending in "\n"; quotes fields containing comma, quote, CR or LF, or
  /// leading/trailing spaces or tabs; prefixes a field starting with =, +, - or @ with a single
  /// quote only when `guardFormulas` is true (spreadsheet formula injection).
  ///
  /// Guard files that people open in a spreadsheet; leave it off for files read back by a
  /// program, since the guard changes values such as "-5". A record of one empty field is
  /// written as `""` so that it is not read back as an empty line.
  public static func line(_ fields: [String], guardFormulas: Bool = false) -> String {
    if fields.count == 1 && fields[0].isEmpty { return "\"\"\n" }
    return fields.map { encode($0, guardFormulas: guardFormulas) }.joined(separator: ",") + "\n"
  }

  private static func encode(_ field: String, guardFormulas: Bool) -> String {
    var value = field
    if guardFormulas, let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) {
      value = "'" + value
    }
    let blank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
    let needsQuotes =
      value.utf8.contains { $0 == comma || $0 == quote || $0 == cr || $0 == lf }
      || value.unicodeScalars.first.map(blank) == true || value.unicodeScalars.last.map(blank) == true
    guard needsQuotes else { return value }
    return "\"" + value.replacingQuotes + "\""
  }
}

extension String {
  fileprivate var replacingQuotes: String {
    var result = ""
    result.reserveCapacity(utf8.count + 2)
    for character in unicodeScalars {
      if character == "\"" { result.unicodeScalars.append("\"") }
      result.unicodeScalars.append(character)
    }
    return result
  }
}
