// A sentence with $1, $2… for the parts a pattern captured: how the daemon's refusals and
// vetsctl's help are said in Chinese from the English they match.

import Foundation

public enum Template {
  /// `template` with each $n replaced by capture n (capture 0 is the whole match).
  public static func fill(_ template: String, with captures: [String]) -> String {
    var said = template
    for index in (1..<max(1, captures.count)).reversed() {
      said = said.replacingOccurrences(of: "$\(index)", with: captures[index])
    }
    return said
  }

  /// A match's captures as text; one that took no part is empty.
  public static func captures(_ match: Regex<AnyRegexOutput>.Match) -> [String] {
    (0..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
  }
}
