import Foundation
import Testing
import TestSupport

/// The authorisation table (docs/ACCESS.md) is the code's, as the real vetsd prints it; the
/// matrix of every RPC against every role is in HandlerTests.
@Suite("Authorisation matrix")
struct AuthorizationTests {
  @Test func docsAccessIsWhatTheRuleTablesSay() async throws {
    let printed = try await Run.program(Binaries.folder.appendingPathComponent("vetsd"), ["access-rules"])
    #expect(printed.status == 0, "\(printed.stderr)")
    let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/ACCESS.md")
    let committed = try String(contentsOf: doc, encoding: .utf8)
    #expect(printed.stdout == committed, "docs/ACCESS.md is stale: run scripts/access-rules.sh")
    #expect(committed.contains("| Deposit | ✓ | ✓ |   |   |   |   |   | county | yes | yes |"), "the table shows roles and scope")
  }
}
