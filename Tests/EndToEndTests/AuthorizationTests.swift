import Foundation
import GRPCCore
import Testing
import TestSupport

/// The authorisation table (docs/ACCESS.md) is the code's, and every token gets exactly
/// what it says: each RPC called with a token of each role, inside and outside the scope the
/// table names.
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

  static let roles = ["admin", "clerk", "approver", "auditor", "enterprise", "coordinator", "system"]

  @Test func everyRPCGivesEveryRoleExactlyWhatTheTableSaysAndADenialChangesNothing() async throws {
    let printed = try await Run.program(Binaries.vetsd, ["access-rules", "--format", "json"])
    let entries = try JSONDecoder().decode([AccessEntry].self, from: Data(printed.stdout.utf8))
    #expect(entries.count > 90, "every served method is in the table")
    try await TestDaemon.with(config: "[daemon.limits]\nrefused_writes_per_minute = 100000\n") { daemon in
      let setup = try await AllianceTests.Setup.make(daemon)
      var county: [String: Metadata] = ["enterprise": try daemon.metadata(tokenFile: setup.tokenA)]
      var town: [String: Metadata] = [:]
      for role in Self.roles where role != "enterprise" {
        county[role] = try daemon.metadata(tokenFile: try await daemon.createToken(role: role, name: "county-\(role)").file)
        // Admin and auditor tokens are county-wide by rule (TokenStore.checkRoleAndScope).
        guard !["admin", "auditor"].contains(role) else { continue }
        town[role] = try daemon.metadata(
          tokenFile: try await daemon.createToken(role: role, scope: "town:370830001", name: "town-\(role)").file)
      }
      try await daemon.withClient { client in
        for role in Self.roles {
          let denied = entries.filter { !$0.isPublic && !$0.roles.contains(role) }
          let before = try await Self.dump(daemon)
          for entry in denied {
            let code = await rawCall(client, entry.method, metadata: county[role]!)
            #expect(code == .permissionDenied, "\(role) calling \(entry.method) got \(String(describing: code))")
          }
          #expect(try await Self.dump(daemon) == before, "a denied \(role) call changed data")

          for entry in entries where entry.roles.contains(role) {
            let code = await rawCall(client, entry.method, metadata: county[role]!)
            #expect(![.permissionDenied, .unauthenticated].contains(code), "\(role) calling \(entry.method) got \(String(describing: code))")
          }
          // Outside the scope the table names: a town token where the county is needed.
          guard let local = town[role] else { continue }
          let before2 = try await Self.dump(daemon)
          for entry in entries where entry.scope == "county" && entry.roles.contains(role) {
            let code = await rawCall(client, entry.method, metadata: local)
            #expect(code == .permissionDenied, "a town \(role) calling \(entry.method) got \(String(describing: code))")
          }
          #expect(try await Self.dump(daemon) == before2, "a denied town \(role) call changed data")
        }
        for entry in entries where entry.isPublic {
          let code = await rawCall(client, entry.method, metadata: [:])
          #expect(![.permissionDenied, .unauthenticated].contains(code), "calling \(entry.method) without a token got \(String(describing: code))")
        }
      }
    }
  }

  /// Every table's rows but the audit trail's, which records the denials by design.
  static func dump(_ daemon: TestDaemon) async throws -> String {
    let result = try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-readonly", daemon.databasePath, ".dump"])
    return result.stdout.split(separator: "\n").filter { !$0.contains("daemon_audit") }.joined(separator: "\n")
  }
}
