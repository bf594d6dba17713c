// ArgumentParser's own words, in the clerk's language: the headings and stock phrases of
// `--help` and the usage errors it prints, and its columns wrapped by the width a terminal
// gives a Chinese character (two), where ArgumentParser counts characters and breaks only
// at spaces.

import ArgumentParser
import Foundation
import VetsKit

enum HelpText {
  /// The help or usage error for `error` as it is printed: in Chinese, wrapped to the
  /// terminal by display width, unless the language is English (then ArgumentParser's own).
  static func message(for error: any Error) -> String {
    guard Language.isChinese else { return Vetsctl.fullMessage(for: error) }
    // Unwrapped: each option and each paragraph on one line, wrapped here once in Chinese.
    return wrapped(chinese(Vetsctl.fullMessage(for: error, columns: 100_000)), width: terminalWidth())
  }

  // MARK: Words

  /// Lines ArgumentParser writes, and their Chinese, tried in order on each line.
  static let lines: [(String, String)] = [
    (#"^OVERVIEW: "#, "简介："),
    (#"^USAGE: "#, "用法："),
    (#"^ARGUMENTS:$"#, "参数："),
    (#"^OPTIONS:$"#, "选项："),
    (#"^SUBCOMMANDS:$"#, "子命令："),
    (#"^(\S+):$"#, "$1："),
    (#"^  See '(.*) <subcommand>' for detailed help\.$"#, "  输入“$1 <子命令>”查看子命令的说明。"),
    (#"^Help:  "#, "说明："),
    (#"^Usage: "#, "用法："),
    (#"^  See '(.*)' for more information\.$"#, "  输入“$1”查看说明。"),
    (#"^Error: "#, "错误："),
    (#"Missing expected argument '([^']*)'"#, "缺少必填项 $1"),
    (#"Missing one of: (.*)"#, "缺少以下之一：$1"),
    (#"Missing value for '([^']*)'"#, "$1 后面要填一个值"),
    (#"Missing required subcommand\."#, "请在后面写上要做的事（子命令），见下面的用法。"),
    (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "没有选项 $1。是不是 $2？"),
    (#"Unknown option '([^']*)'"#, "没有选项 $1"),
    (#"Unexpected argument '([^']*)'"#, "多余的参数“$1”"),
    (#"(\d+) unexpected arguments: (.*)"#, "$1个多余的参数：$2"),
    (#"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#, "选项 $1 后面不填值，却填了“$2”。"),
    (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of '([^']*)' and '([^']*)'\."#,
     "“$1”不是 $2 可以填的值；可填 $3 或 $4，也可填它们的中文（见 vetsctl terms）。"),
    (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of (.*) or '([^']*)'\."#,
     "“$1”不是 $2 可以填的值；可填 $3 或 $4，也可填它们的中文（见 vetsctl terms）。"),
    (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of the following:"#, "“$1”不是 $2 可以填的值；可填以下之一："),
    (#"The value '([^']*)' is invalid for '([^']*)'"#, "“$1”不是 $2 可以填的值"),
  ]

  /// Phrases inside an option's help, tried once its wrapped lines are joined again.
  static let inline: [(String, String)] = [
    (#"Show help information\."#, "显示帮助信息。"),
    (#" \(default: ([^()]*)\)"#, "（默认：$1）"),
    // A long list of codes is no help to a clerk: `vetsctl terms` gives them with their Chinese.
    (#" \(values: (?:[^(),;]*, ){4,}[^();]*; default: ([^()]*)\)"#, "（默认：$1；可填的词见 vetsctl terms）"),
    (#" \(values: (?:[^(),;]*, ){4,}[^();]*\)"#, "（可填的词见 vetsctl terms）"),
    (#" \(values: ([^();]*); default: ([^()]*)\)"#, "（可选值：$1；默认：$2）"),
    (#" \(values: ([^()]*)\)"#, "（可选值：$1）"),
  ]

  nonisolated(unsafe) private static let compiledLines = compile(lines)
  nonisolated(unsafe) private static let compiledInline = compile(inline)

  private static func compile(_ phrases: [(String, String)]) -> [(Regex<AnyRegexOutput>, String)] {
    phrases.map { (try! Regex($0.0), $0.1) }
  }

  /// Each line with ArgumentParser's line phrases in Chinese.
  static func chinese(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { say(String($0), compiledLines) }.joined(separator: "\n")
  }

  /// The text with every phrase that matches replaced by its Chinese.
  private static func say(_ text: String, _ phrases: [(Regex<AnyRegexOutput>, String)]) -> String {
    var text = text
    for (regex, chinese) in phrases {
      text = text.replacing(regex) { match in Template.fill(chinese, with: Template.captures(match)) }
    }
    return text
  }

  // MARK: Columns

  /// Where ArgumentParser starts an option's help: two spaces and a 24-column label.
  static let helpColumn = 26

  /// Unwrapped text wrapped to `width` display columns: an option's or subcommand's help
  /// under the help column, a paragraph from the margin; indented lines stay as they are.
  static func wrapped(_ text: String, width: Int) -> String {
    let indent = String(repeating: " ", count: helpColumn)
    return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
      let line = String(line)
      if let (label, help) = entry(line) {
        let help = say(help, compiledInline)
        guard label.count + 2 <= helpColumn else { return [label] + fill(help, width: width, first: indent, rest: indent) }
        return fill(help, width: width, first: label.padding(toLength: helpColumn, withPad: " ", startingAt: 0), rest: indent)
      }
      // The help of a label too long for its column, on the line after it.
      if line.hasPrefix(indent), line.dropFirst(helpColumn).first.map({ $0 != " " }) == true {
        return fill(say(String(line.dropFirst(helpColumn)), compiledInline), width: width, first: indent, rest: indent)
      }
      guard let first = line.first, first != " " else { return [line] }
      return fill(line, width: width, first: "", rest: line.hasPrefix("用法：") ? "  " : "")
    }.joined(separator: "\n")
  }

  /// An option or subcommand line: its label (with the two leading spaces) and help, if any.
  private static func entry(_ line: String) -> (String, String)? {
    guard line.hasPrefix("  "), line.dropFirst(2).first.map({ $0 != " " }) == true else { return nil }
    let characters = Array(line)
    guard characters.count > helpColumn, characters[helpColumn - 1] == " ",
      characters[helpColumn] != " "
    else { return nil }
    let label = String(characters[..<helpColumn]).trimmingTrailingSpaces
    // Option names and subcommand names are ASCII; an indented sentence is not a label.
    guard label.allSatisfy(\.isASCII) else { return nil }
    return (label, String(characters[helpColumn...]))
  }

  // MARK: Display width

  /// Characters that a Chinese line may not start with, and those it may not end with.
  private static let closing: Set<Character> = ["，", "。", "、", "；", "：", "）", "”", "’", "！", "？", "》", "」"]
  private static let opening: Set<Character> = ["（", "“", "‘", "《", "「"]

  /// Greedy filling by display width; a Chinese line breaks between any two characters, but
  /// not before closing punctuation or after opening punctuation, and an English word is
  /// never split.
  static func fill(_ text: String, width: Int, first: String, rest: String) -> [String] {
    var lines: [String] = []
    var line: [String] = []
    var margin = first
    func used() -> Int { margin.count + line.reduce(0) { $0 + displayWidth($1) } }
    func end(_ token: String, in set: Set<Character>) -> Bool { token.count == 1 && set.contains(token.first!) }
    for token in tokens(text) {
      if token == " " {
        if !line.isEmpty { line.append(" ") }
        continue
      }
      guard !line.isEmpty, used() + displayWidth(token) > width else {
        line.append(token)
        continue
      }
      // Carry to the next line what may not end this one or may not start the next.
      var carried: [String] = []
      var next = token
      while let last = line.last, last != " ", end(next, in: closing) || end(last, in: opening) {
        carried.insert(line.removeLast(), at: 0)
        next = last
      }
      if line.allSatisfy({ $0 == " " }) {
        line += carried  // nothing left to break at: the line runs over
        carried = []
      }
      lines.append((margin + line.joined()).trimmingTrailingSpaces)
      margin = rest
      line = carried + [token]
    }
    lines.append((margin + line.joined()).trimmingTrailingSpaces)
    return lines
  }

  /// A space, one wide character, or a run of other characters (an English word or a code).
  private static func tokens(_ text: String) -> [String] {
    var tokens: [String] = []
    var word = ""
    for character in text {
      if character == " " || isWide(character) {
        if !word.isEmpty { tokens.append(word); word = "" }
        tokens.append(String(character))
      } else {
        word.append(character)
      }
    }
    if !word.isEmpty { tokens.append(word) }
    return tokens
  }

  static func displayWidth(_ text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
  }

  /// East Asian wide and full-width characters, which a terminal draws two columns wide.
  static func isWide(_ character: Character) -> Bool {
    guard let scalar = character.unicodeScalars.first?.value else { return false }
    switch scalar {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// The terminal's width: COLUMNS, else the terminal's own, else 80.
  static func terminalWidth() -> Int {
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
    return 80
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
