import Foundation
import GRPCCore
import ProbeModule
import TestSupport
import Testing

/// A token's secret is shown once, when it is made, and nowhere after: not in the daemon's
/// log, not in the audit trail, not in an error message, not in the database file.
@Suite("Token secrecy")
struct TokenSecrecyTests {
  @Test func secretsAppearInNoLogAuditRecordErrorOrDatabaseFile() async throws {
    try await TestDaemon.with(config: "[daemon]\nlog_level = \"debug\"\n") { daemon in
      let admin = try String(contentsOfFile: daemon.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      let clerk = try await daemon.createToken(role: "clerk", scope: "town:370830001", name: "clerk")
      let auditor = try await daemon.createToken(role: "auditor", name: "auditor")
      let revoked = try await daemon.createToken(role: "clerk", name: "revoked")
      var secrets = [admin]
      for token in [clerk, auditor, revoked] {
        secrets.append(try String(contentsOfFile: token.file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
      }
      // A well-formed secret the daemon never issued: it must not echo that back either.
      let forged = "vets_" + String(repeating: "Q", count: 43)
      let forgedFile = daemon.root.appendingPathComponent("forged.token").path
      try forged.write(toFile: forgedFile, atomically: true, encoding: .utf8)
      secrets.append(forged)
      #expect(try await daemon.vetsctl(["admin", "token", "revoke", revoked.id]).status == 0)

      // Successes, refusals of every kind, and a failure inside the write path.
      var said: [String] = []
      for (arguments, tokenFile, status) in [
        (["modules"], clerk.file, Int32(0)),
        (["modules"], forgedFile, 4),
        (["modules"], revoked.file, 4),
        (["admin", "token", "create", "--role", "admin", "--name", "x"], clerk.file, 4),
        (["admin", "token", "create", "--role", "clerk", "--scope", "town:12", "--name", "x"], daemon.tokenFile, 6),
        (["audit", "list"], auditor.file, 0),
      ] {
        let result = try await daemon.vetsctl(arguments, tokenFile: tokenFile)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        said += [result.stdout, result.stderr]
      }
      let note = try await daemon.addNote("by the clerk", requestID: "secrecy-1", tokenFile: clerk.file)
      #expect(note.text == "by the clerk")
      let code = await statusCode { try await daemon.addNote("again", requestID: "secrecy-2", tokenFile: auditor.file) }
      #expect(code == .permissionDenied)
      do {
        _ = try await daemon.addNote("forged", requestID: "secrecy-3", tokenFile: forgedFile)
        Issue.record("a forged token was accepted")
      } catch let error as RPCError {
        #expect(error.code == .unauthenticated)
        said.append(error.message)
      }

      let audit = try await daemon.vetsctl(["audit", "list", "--page-size", "500", "--output", "json"])
      #expect(audit.status == 0, "\(audit.stderr)")
      #expect(audit.stdout.contains("PERMISSION_DENIED"), "the refusals were audited")
      _ = await daemon.stop()
      var files = ""
      for suffix in ["", "-wal", "-shm"] {
        if let data = FileManager.default.contents(atPath: daemon.databasePath + suffix) { files += String(decoding: data, as: UTF8.self) }
      }
      #expect(files.contains("daemon_tokens"), "the database file was read")
      #expect(daemon.stderr.text.contains("socket="), "the log was read")
      for secret in secrets {
        let prefix = String(secret.prefix(16))
        #expect(!daemon.stderr.text.contains(prefix), "a secret is in the daemon's log")
        #expect(!audit.stdout.contains(prefix), "a secret is in the audit trail")
        #expect(!said.contains { $0.contains(prefix) }, "a secret is in a message to a client")
        #expect(!files.contains(prefix), "a secret is in the database file")
      }
    }
  }

  @Test func anExpiredTokenIsRefusedWhileItsRecordRemains() async throws {
    try await TestDaemon.with { daemon in
      let clerk = try await daemon.createToken(role: "clerk", name: "clerk")
      #expect(try await daemon.vetsctl(["modules"], tokenFile: clerk.file).status == 0)
      // The token's life ends while the daemon is down: its expiry moves into the past, the
      // record otherwise untouched, neither revoked nor deleted.
      _ = await daemon.stop()
      let expired = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"),
        [daemon.databasePath, "UPDATE daemon_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE id = '\(clerk.id)'; SELECT changes();"])
      #expect(expired.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(expired.stderr)")
      let restarted = try await daemon.restart()
      let refused = try await restarted.vetsctl(["modules"], tokenFile: clerk.file)
      #expect(refused.status == 4)
      #expect(refused.stderr.contains("token \(clerk.id) expired at 2020-01-01"), "\(refused.stderr)")
      let code = await statusCode { try await restarted.addNote("late", requestID: "late-1", tokenFile: clerk.file) }
      #expect(code == .unauthenticated)
      let listed = try await restarted.vetsctl(["admin", "token", "list", "--output", "json"])
      #expect(listed.stdout.contains(clerk.id), "the record is still there")
      _ = await restarted.stop()
    }
  }
}
