// Where each key of a config file is written, and what to refuse before toml++ reads the text.
//
// TOMLKit gives the line of a parse error but not of the values it reads, and an operator
// needs the line of a misspelt key. This scan finds it: it reads the file's layout (headers,
// keys, where each value ends) and never a value, so it cannot read one differently from
// toml++. On a file toml++ refuses, it only tells which key the error's line belongs to.
//
// Refused here, before toml++ sees the text:
// - a NUL, written or escaped (\u0000): TOMLKit hands the text and every string across as a
//   C string, so a NUL would silently end the file there or cut a socket path short;
// - nesting deeper than 32, in arrays and inline tables or in keys: toml++ stops arrays and
//   inline tables at 256 but not dotted keys, and a key or header of 100,000 parts overflows
//   its stack; converting its tree to TOMLValue recurses too. No config nests four deep.

struct TOMLLayout {
  /// A `[header]`, `[[header]]` or `key = value` statement, with the lines it spans.
  struct Entry {
    var path: [String]
    var firstLine: Int
    var lastLine: Int
    var isHeader: Bool
  }

  static let maxDepth = 32

  private(set) var entries: [Entry] = []
  /// Lines where a string is left open: the line break or the file ends before its quote.
  private(set) var unterminatedStrings: Set<Int> = []
  /// The first line that wrote each path or a key below it.
  private var firstLines: [[String]: Int] = [:]

  init(scanning text: String) throws(TOMLError) {
    var scanner = LayoutScan(text: Array(text.unicodeScalars))
    entries = try scanner.statements()
    unterminatedStrings = scanner.unterminatedStrings
    for entry in entries {
      for length in 1...max(1, entry.path.count) where firstLines[Array(entry.path.prefix(length))] == nil {
        firstLines[Array(entry.path.prefix(length))] = entry.firstLine
      }
    }
  }

  /// The line where `path` is written: its own statement, the first one below it (a table
  /// made by dotted keys), or else its nearest written parent (a key in an inline table).
  func line(of path: [String]) -> Int? {
    var path = path
    while !path.isEmpty {
      if let line = firstLines[path] { return line }
      path.removeLast()
    }
    return nil
  }

  /// The key whose `key = value` statement spans `line`, to name it in a parse error there.
  func key(at line: Int) -> [String]? {
    entries.last { !$0.isHeader && $0.firstLine <= line && line <= $0.lastLine }?.path
  }
}

private struct LayoutScan {
  let text: [Unicode.Scalar]
  var index = 0
  var line = 1
  /// The path of the last [header]: the table the following keys belong to.
  var table: [String] = []
  var unterminatedStrings: Set<Int> = []

  init(text: [Unicode.Scalar]) { self.text = text }

  var current: Unicode.Scalar? { index < text.count ? text[index] : nil }
  func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < text.count ? text[index + offset] : nil }

  mutating func advance() {
    if text[index] == "\n" { line += 1 }
    index += 1
  }

  func fail(_ message: String, key: [String] = []) -> TOMLError {
    TOMLError(line: line, message: message, key: key.joined(separator: "."))
  }

  static let controlCharacters = "must not contain control characters (such as NUL or a line break)"

  mutating func statements() throws(TOMLError) -> [TOMLLayout.Entry] {
    if let nul = text.firstIndex(of: "\0") {
      throw TOMLError(line: text[..<nul].count { $0 == "\n" } + 1, message: "the file holds a NUL character; a config file is text")
    }
    var entries: [TOMLLayout.Entry] = []
    while true {
      skipTrivia()
      guard let c = current else { return entries }
      let start = line
      if c == "[" {
        advance()
        if current == "[" { advance() }
        if let path = try dottedKey(under: []) {
          table = path
          entries.append(.init(path: path, firstLine: start, lastLine: start, isHeader: true))
        }
      } else if let key = try dottedKey(under: table), current == "=" {
        advance()
        try skipValue(of: table + key)
        entries.append(.init(path: table + key, firstLine: start, lastLine: line, isHeader: false))
      }
      // The rest of the line is a comment, or something toml++ will refuse.
      while let c = current, c != "\n" { advance() }
    }
  }

  mutating func skipSpaces() {
    while let c = current, c == " " || c == "\t" { advance() }
  }

  mutating func skipTrivia() {
    while let c = current {
      if c == "#" {
        while let c = current, c != "\n" { advance() }
      } else if c == " " || c == "\t" || c == "\r" || c == "\n" {
        advance()
      } else {
        return
      }
    }
  }

  /// `a.b."c d"`, or nil where no key can be read; the spaces after it are skipped.
  mutating func dottedKey(under parent: [String]) throws(TOMLError) -> [String]? {
    var parts: [String] = []
    while true {
      skipSpaces()
      guard let part = try simpleKey() else { return nil }
      parts.append(part)
      guard parent.count + parts.count <= TOMLLayout.maxDepth else { throw fail("keys nest at most \(TOMLLayout.maxDepth) deep") }
      skipSpaces()
      guard current == "." else { return parts }
      advance()
    }
  }

  mutating func simpleKey() throws(TOMLError) -> String? {
    if current == "\"" || current == "'" { return try string(of: []) }
    var key = String.UnicodeScalarView()
    while let c = current, c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" {
      key.append(c)
      advance()
    }
    return key.isEmpty ? nil : String(key)
  }

  /// Skips a value up to the end of its line (or of its last line, for arrays and strings
  /// that span lines), bounding how deep it nests: each array or inline table is a level,
  /// and so is each part of a dotted key inside an inline table (`{ a.b.c = 1 }`).
  mutating func skipValue(of key: [String]) throws(TOMLError) {
    var levels: [Int] = []  // what each open bracket adds: itself and the key that holds it
    var nesting = 0
    var dots = 0  // in the key (or number) being read
    var heldDots = 0  // of the key whose value is being read
    while let c = current {
      switch c {
      case "\n" where levels.isEmpty: return
      case "#": while let c = current, c != "\n" { advance() }
      case "\"", "'": _ = try string(of: key)
      case ".":
        dots += 1
        guard nesting + dots <= TOMLLayout.maxDepth else { throw fail("keys nest at most \(TOMLLayout.maxDepth) deep", key: key) }
        advance()
      case "=":
        (heldDots, dots) = (dots, 0)
        advance()
      case "[", "{":
        levels.append(1 + heldDots)
        nesting += 1 + heldDots
        (heldDots, dots) = (0, 0)
        guard nesting <= TOMLLayout.maxDepth else {
          throw fail("arrays and inline tables nest at most \(TOMLLayout.maxDepth) deep", key: key)
        }
        advance()
      case "]", "}", ",":
        if c != ",", let level = levels.popLast() { nesting -= level }
        (heldDots, dots) = (0, 0)
        advance()
      default: advance()
      }
    }
  }

  /// Reads any of TOML's four kinds of string; returns its text when it is a well-formed
  /// one-line string (the only kind a key may be), nil otherwise.
  mutating func string(of key: [String]) throws(TOMLError) -> String? {
    let quote = current!
    let multiLine = peek(1) == quote && peek(2) == quote
    advance()
    if multiLine {
      advance()
      advance()
    }
    var result = String.UnicodeScalarView()
    var wellFormed = !multiLine
    while let c = current {
      if c == quote {
        guard multiLine else {
          advance()
          return wellFormed ? String(result) : nil
        }
        advance()
        guard current == quote, peek(1) == quote else { continue }
        advance()
        advance()
        // A closing """ may follow one or two quotes that belong to the string.
        for _ in 0..<2 where current == quote { advance() }
        return nil
      }
      if c == "\n", !multiLine {
        unterminatedStrings.insert(line)
        return nil
      }
      advance()
      guard c == "\\", quote == "\"", let escape = current else {
        result.append(c)
        continue
      }
      advance()
      switch escape {
      case "u", "U":
        let digits = escape == "u" ? 4 : 8
        var hex = ""
        while hex.unicodeScalars.count < digits, let h = current, h.properties.isASCIIHexDigit {
          hex.unicodeScalars.append(h)
          advance()
        }
        guard hex.unicodeScalars.count == digits, let value = UInt32(hex, radix: 16) else {
          wellFormed = false
          continue
        }
        guard value != 0 else { throw fail(Self.controlCharacters, key: key) }
        if let scalar = Unicode.Scalar(value) { result.append(scalar) } else { wellFormed = false }
      case "\"", "\\": result.append(escape)
      case "n": result.append("\n")
      case "t": result.append("\t")
      case "r": result.append("\r")
      case "b": result.append("\u{08}")
      case "f": result.append("\u{0C}")
      default: wellFormed = false  // toml++ names a bad escape; a line-ending backslash is skipped
      }
    }
    unterminatedStrings.insert(line)
    return nil
  }
}
