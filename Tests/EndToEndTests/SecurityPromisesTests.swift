import Foundation
import TestSupport
import Testing

/// docs/SECURITY.md lists each promise beside the tests that prove it; every test it names
/// exists, so the list cannot name a test that was renamed or removed.
@Suite("Security promises")
struct SecurityPromisesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func everyTestDocsSecurityNamesExists() throws {
    let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/SECURITY.md"), encoding: .utf8)
    let sources = try FileManager.default.subpathsOfDirectory(atPath: Self.root.appendingPathComponent("Tests").path)
      .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".py") }
      .map { ($0, try String(contentsOf: Self.root.appendingPathComponent("Tests").appendingPathComponent($0), encoding: .utf8)) }
    let references = try Regex(#"`([A-Za-z]+)/([A-Za-z0-9]+)`|`([a-z_]+\.py)::([a-z_0-9]+)`"#)
    var named = 0
    for match in doc.matches(of: references) {
      named += 1
      if let suite = match.output[1].substring, let test = match.output[2].substring {
        let found = sources.contains { path, text in
          (path.hasSuffix("/\(suite).swift") || text.contains("struct \(suite) ") || text.contains("struct \(suite):"))
            && text.contains("func \(test)(")
        }
        #expect(found, "docs/SECURITY.md names \(suite)/\(test), which is not a test")
      } else if let file = match.output[3].substring, let test = match.output[4].substring {
        #expect(sources.contains { $0.0.hasSuffix(String(file)) && $0.1.contains("def \(test)(") }, "docs/SECURITY.md names \(file)::\(test)")
      }
    }
    #expect(named > 40, "only \(named) tests named")
  }
}
