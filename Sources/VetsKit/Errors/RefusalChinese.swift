// The Chinese of the refusals a clerk meets, for the status details: a field's rule as the
// BadRequest violation's localized message, any other refusal as a google.rpc
// LocalizedMessage (locale zh-CN). The English stays the status message; a sentence missing
// here is read in English (the stream protocol's rules, raw enum numbers, the daemon's own
// start-up and config reload, which only programs and the operator meet).

import Foundation
import Synchronization

/// The Chinese of a refusal's sentence, by its English text.
public enum RefusalChinese {
  public static let locale = "zh-CN"

  /// The Chinese of a field's rule ("must not be in the future") or of a whole message
  /// ("no case with id 'x'"), or nil.
  public static func of(_ english: String) -> String? {
    if let fixed = fixed[english] { return fixed }
    for (index, entry) in table.enumerated() where english.utf8.starts(with: entry.start.utf8) {
      let captures: [String]? = compiled.withLock { compiled in
        let regex = compiled[index] ?? (try! Regex(entry.pattern))
        compiled[index] = regex
        return (try? regex.wholeMatch(in: english)).map(Template.captures)
      }
      guard let captures else { continue }
      return Template.fill(entry.template, with: captures)
    }
    return nil
  }

  /// Every pattern with its Chinese and the text its matches start with, so that `of` tries
  /// only the patterns that can match: trying all three hundred cost a refusal without
  /// Chinese 0.15 ms, the filter 0.05 ms (swiftc -O on this machine).
  static let table: [(pattern: String, template: String, start: String)] =
    (patterns + messages + duplicates + refusals + scopeRefusals + limits).map { ($0, $1, literalStart($0)) }

  /// Each pattern compiled the first time it is tried, then kept: compiling them on each
  /// refusal cost milliseconds, and all of them at a daemon's first refusal 150 ms (debug build).
  private static let compiled = Mutex<[Int: Regex<AnyRegexOutput>]>([:])

  /// The patterns that are not valid regular expressions (none, a test checks).
  static var patternsThatDoNotCompile: [String] {
    table.compactMap { entry in (try? Regex(entry.pattern)) == nil ? entry.pattern : nil }
  }

  /// The pattern's text up to its first special character, less one a quantifier makes
  /// optional ("is an? " starts "is a"); nothing for a pattern of alternatives.
  static func literalStart(_ pattern: String) -> String {
    var start = ""
    for character in pattern {
      if "?*{".contains(character) { return String(start.dropLast()) }
      if character == "|" { return "" }
      if #"\()[].+^$"#.contains(character) { return start }
      start.append(character)
    }
    return start
  }

  /// Every exact sentence: the field rules, the whole refusals, and the rules worded per stored
  /// word (a category, a role).
  static let fixed: [String: String] = fixedRules.merging(fixedRefusals) { first, _ in first }.merging(wordRules) { first, _ in first }
}
