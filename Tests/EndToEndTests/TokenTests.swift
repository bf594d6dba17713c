import Foundation
import ProbeModule
import GRPCCore
import TestSupport
import Testing

@Suite("Tokens and roles")
struct TokenTests {
  @Test func aCreatedTokenWorksUntilItIsRevoked() async throws {
    try await TestDaemon.with { daemon in
      let clerk = try await daemon.createToken(role: "clerk", scope: "town:370830001", name: "clerk")
      let note = try await daemon.addNote("by the clerk", requestID: "r1", tokenFile: clerk.file)
      #expect(note.text == "by the clerk")

      let listed = try await daemon.vetsctl(["admin", "token", "list"])
      #expect(listed.stdout.contains(clerk.id))
      #expect(listed.stdout.contains("town:370830001"))
      #expect(!listed.stdout.contains(try String(contentsOfFile: clerk.file, encoding: .utf8)))

      let revoked = try await daemon.vetsctl(["admin", "token", "revoke", clerk.id])
      #expect(revoked.status == 0, "\(revoked.stderr)")

      let refused = try await daemon.vetsctl(["modules"], tokenFile: clerk.file)
      #expect(refused.status == 4)
      #expect(refused.stderr.contains("revoked"), "\(refused.stderr)")
      let code = await statusCode { try await daemon.addNote("again", requestID: "r2", tokenFile: clerk.file) }
      #expect(code == .unauthenticated)
    }
  }

  @Test func theListShowsWhoHoldsEachTokenInTheOrderTheyWereMade() async throws {
    try await TestDaemon.with { daemon in
      var made: [String] = []
      for n in 1...6 {
        let created = try await daemon.vetsctl([
          "admin", "token", "create", "--role", n % 2 == 0 ? "approver" : "clerk", "--scope", "county", "--name", "token-\(n)",
          "--subject", "王科员\(n)",
          "--output", "json",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any], "\(created.stderr)")
        made.append(try #require((json["token"] as? [String: Any])?["id"] as? String))
      }
      let listed = try await daemon.vetsctl(["admin", "token", "list", "--output", "json"])
      let tokens = try #require((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["tokens"] as? [[String: Any]])
      #expect(Array(tokens.compactMap { $0["id"] as? String }.dropFirst()) == made, "the admin token first, then in creation order")
      // Paged two at a time, the order holds across pages.
      var paged: [String] = []
      var next = ""
      repeat {
        let page = try await daemon.vetsctl(["admin", "token", "list", "--page-size", "2", "--page-token", next, "--output", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(page.stdout.utf8)) as? [String: Any], "\(page.stderr)")
        paged += (json["tokens"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        next = json["nextPageToken"] as? String ?? ""
      } while !next.isEmpty
      #expect(Array(paged.dropFirst()) == made)
      let table = try await daemon.vetsctl(["admin", "token", "list"])
      #expect(table.stdout.contains("SUBJECT") && table.stdout.contains("王科员3"), "\(table.stdout)")
    }
  }

  @Test func aValidTokenWithoutTheRoleIsDeniedAndTheDenialIsAudited() async throws {
    try await TestDaemon.with { daemon in
      let clerk = try await daemon.createToken(role: "clerk", name: "clerk")
      let denied = try await daemon.vetsctl(["admin", "token", "create", "--role", "admin"], tokenFile: clerk.file)
      #expect(denied.status == 4)
      #expect(denied.stderr.contains("a clerk token may not run 'vetsctl admin token create'; it needs the role admin"), "\(denied.stderr)")
      let audit = try await daemon.vetsctl(["audit", "list", "--method", "vets.daemon.v1.TokenService/CreateToken"])
      #expect(audit.stdout.contains("PERMISSION_DENIED"), "\(audit.stdout)")
      let auditor = try await daemon.createToken(role: "auditor", name: "auditor")
      let code = await statusCode { try await daemon.addNote("x", requestID: "r1", tokenFile: auditor.file) }
      #expect(code == .permissionDenied)
    }
  }

  @Test func aMissingOrWrongTokenIsUnauthenticated() async throws {
    try await TestDaemon.with { daemon in
      let missing = try await daemon.vetsctl(["modules"], tokenFile: "/nonexistent")
      #expect(missing.status == 4)
      #expect(missing.stderr.contains("needs a token"), "\(missing.stderr)")
      let wrongFile = daemon.root.appendingPathComponent("wrong.token").path
      try "vets_not-a-real-token".write(toFile: wrongFile, atomically: true, encoding: .utf8)
      let wrong = try await daemon.vetsctl(["modules"], tokenFile: wrongFile)
      #expect(wrong.status == 4)
      #expect(wrong.stderr.contains("not valid"))
    }
  }

  /// Issue 19, item 2: another county system's token gets a new secret without a gap.
  @Test func aRotatedTokenTakesItsNewSecretAtOnceAndItsOldOneUntilTheGraceEnds() async throws {
    try await TestDaemon.with { daemon in
      let system = try await daemon.createToken(role: "system", name: "county-finance")
      let old = try String(contentsOfFile: system.file, encoding: .utf8)
      let rotated = try await daemon.json(["admin", "token", "rotate", system.id, "--grace", "1d", "--output", "json"])
      let secret = try #require(rotated["secret"] as? String)
      #expect(secret.hasPrefix("vets_") && secret != old)
      let token = try #require(rotated["token"] as? [String: Any])
      #expect(token["previousSecretValidUntil"] != nil, "\(token)")
      let newFile = daemon.root.appendingPathComponent("county-finance.new.token").path
      try secret.write(toFile: newFile, atomically: true, encoding: .utf8)
      #expect(try await daemon.vetsctl(["modules"], tokenFile: newFile).status == 0)
      #expect(try await daemon.vetsctl(["modules"], tokenFile: system.file).status == 0, "the old secret works in the grace period")
      let shown = try await daemon.vetsctl(["admin", "token", "list"])
      #expect(!shown.stdout.contains(secret))

      // Two days on, past the grace: the old secret is refused, saying why.
      _ = await daemon.stop()
      let later = try await TestDaemon.start(
        root: daemon.root, dataDir: daemon.dataDir, socketPath: daemon.socketPath, environment: ["VETSD_FIXTURE_DAYS_AHEAD": "2"])
      let refused = try await later.vetsctl(["modules"], tokenFile: system.file)
      #expect(refused.status == 4)
      #expect(refused.stderr.contains("old secret of token \(system.id), which was rotated"), "\(refused.stderr)")
      #expect(try await later.vetsctl(["modules"], tokenFile: newFile).status == 0)

      let badGrace = try await later.vetsctl(["admin", "token", "rotate", system.id, "--grace", "soon"])
      #expect(badGrace.status == 2 && badGrace.stderr.contains("--grace 'soon'"), "\(badGrace.stderr)")
      let tooLong = try await later.vetsctl(["admin", "token", "rotate", system.id, "--grace", "31d"])
      #expect(tooLong.status == 6 && tooLong.stderr.contains("grace_seconds"), "\(tooLong.stderr)")
      _ = try await later.vetsctl(["admin", "token", "revoke", system.id])
      let revoked = try await later.vetsctl(["admin", "token", "rotate", system.id])
      #expect(revoked.status == 1 && revoked.stderr.contains("is revoked"), "\(revoked.stderr)")
      #expect(try await later.vetsctl(["modules"], tokenFile: newFile).status == 4, "refusals changed nothing: still revoked")
      _ = await later.stop()
    }
  }

  @Test func badTokenRequestsAreRefusedNamingTheField() async throws {
    try await TestDaemon.with { daemon in
      let badScope = try await daemon.vetsctl(["admin", "token", "create", "--role", "clerk", "--scope", "town:12"])
      #expect(badScope.status == 6)
      #expect(badScope.stderr.contains("scope:"), "\(badScope.stderr)")
      let enterprise = try await daemon.vetsctl(["admin", "token", "create", "--role", "enterprise"])
      #expect(enterprise.status == 6)
      let noScope = try await daemon.vetsctl(["admin", "token", "create", "--role", "clerk"])
      #expect(noScope.status == 6, "a clerk's reach is never defaulted to the county")
      #expect(noScope.stderr.contains("scope: is required for a clerk token"), "\(noScope.stderr)")
      let unknown = try await daemon.vetsctl(["admin", "token", "revoke", "tok_nothing"])
      #expect(unknown.status == 5)
      let usage = try await daemon.vetsctl(["admin", "token", "create", "--role", "mayor"])
      #expect(usage.status == 2)
      let listed = try await daemon.vetsctl(["admin", "token", "list", "--output", "json"])
      let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
      #expect((json["tokens"] as? [Any])?.count == 1, "only the first admin token exists")
    }
  }
}
