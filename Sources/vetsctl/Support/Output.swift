import Foundation
import Synchronization
import SwiftProtobuf
import VetsKit

/// How results are printed: aligned tables for people, protobuf's JSON mapping for programs,
/// and with `--output csv` the same tables as CSV (UTF-8, RFC 4180, spreadsheet formulas
/// neutralised).
enum Output {
  /// Set from `--output` as the options are parsed.
  static let format = Mutex(GlobalOptions.OutputFormat.table)

  static var isCSV: Bool { format.withLock { $0 == .csv } }
  /// The last CSV header written: the pages of one list share one header, and the file starts
  /// with a UTF-8 byte-order mark so that Excel and WPS read it as UTF-8.
  private static let csvHeader = Mutex<[String]?>(nil)

  /// Prints rows under a header, columns aligned by display width (CJK counts double).
  static func table(_ english: [String], _ rows: [[String]]) {
    let header = english.map(Language.heading)
    if isCSV {
      // "-" stands for "none" in tables; in CSV an empty field says it.
      let last = csvHeader.withLock { last in
        defer { last = header }
        return last
      }
      if last == nil { print("\u{FEFF}", terminator: "") }
      for row in (last == header ? [] : [header]) + rows {
        print(CSV.line(row.map { $0 == "-" ? "" : $0 }, guardFormulas: true), terminator: "")
      }
      return
    }
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { width($0[column]) }.max() ?? 0 }
    for row in all {
      let cells = row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - width(cell))
      }
      print(cells.joined(separator: "  "))
    }
  }

  /// Prints "key  value" lines.
  static func fields(_ pairs: [(String, String)]) {
    let pairs = pairs.map { (Language.heading($0.0), $0.1) }
    if isCSV {
      table(["field", "value"], pairs.map { [$0.0, $0.1] })
      return
    }
    let width = pairs.map { Self.width($0.0) }.max() ?? 0
    for (key, value) in pairs {
      print(key + String(repeating: " ", count: width - Self.width(key)) + "  " + value)
    }
  }

  static func width(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { sum, scalar in
      sum + ((0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
        || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
        || (0xFE30...0xFE4F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
        || (0xFFE0...0xFFE6).contains(scalar.value) || (0x20000...0x3FFFD).contains(scalar.value) ? 2 : 1)
    }
  }

  /// A line on stderr while a long answer is read, for a person watching a terminal only.
  static func progress(_ line: String) {
    guard isatty(STDERR_FILENO) == 1 else { return }
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// A sentence for people on stderr (what was searched, what to try next); programs reading
  /// JSON are not told.
  static func hint(_ line: String) {
    guard format.withLock({ $0 != .json }) else { return }
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Tells people on stderr how to get the next page.
  static func nextPage(_ token: String) {
    guard !token.isEmpty else { return }
    let line = Language.say("还有更多结果：加 --page-token \(token) 查看下一页", "more results: repeat with --page-token \(token)")
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
