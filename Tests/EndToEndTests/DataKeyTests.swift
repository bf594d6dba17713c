import Crypto
import Foundation
import TestSupport
import Testing
import VetsKit

/// Issue 19, item 4: the data key outside the database, and the audit trail sealed with it.
@Suite("The data key and the sealed audit trail")
struct DataKeyTests {
  func sqlite(_ database: String, _ sql: String) async throws -> String {
    let result = try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-cmd", ".timeout 5000", database, sql])
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  /// Starts vetsd on the daemon's folders when it is expected to refuse.
  func refusedStart(_ daemon: TestDaemon, _ arguments: [String] = []) async throws -> Finished {
    try await Run.program(
      Binaries.vetsd, ["--data-dir", daemon.dataDir.path, "--socket", daemon.socketPath] + arguments, directory: daemon.root)
  }

  func mode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
  }

  @Test func theFirstStartWritesAKeyOnlyVetsdReadsAndALaterStartUsesIt() async throws {
    try await TestDaemon.with { daemon in
    let keyFile = daemon.dataDir.appendingPathComponent("keys/data.key").path
    let key = try String(contentsOfFile: keyFile, encoding: .utf8)
    #expect(key.utf8.count == 65 && key.hasSuffix("\n"), "64 hex digits and a newline: \(key)")
    #expect(try mode(keyFile) == 0o600)
    #expect(try mode(daemon.dataDir.appendingPathComponent("keys").path) == 0o700)
    #expect(daemon.stderr.text.contains("created the data key; keep a copy of it apart from the backups"))
    _ = try await daemon.addNote("kept", requestID: "r1")
    #expect(await daemon.stop() == 0)

    let restarted = try await daemon.restart()
    #expect(try String(contentsOfFile: keyFile, encoding: .utf8) == key, "the key is read, not replaced")
    let verified = try await restarted.vetsctl(["audit", "verify"])
    #expect(verified.status == 0, "\(verified.stderr)")
    _ = await restarted.stop()
    }
  }

  @Test func aDaemonGivenAnotherKeyOrNoKeyRefusesToStartAndChangesNothing() async throws {
    try await TestDaemon.with { daemon in
    _ = try await daemon.addNote("before", requestID: "r1")
    #expect(await daemon.stop() == 0)
    let keyFile = daemon.dataDir.appendingPathComponent("keys/data.key").path
    let rightKey = try String(contentsOfFile: keyFile, encoding: .utf8)
    let dump = { try await self.sqlite(daemon.databasePath, ".dump") }
    let before = try await dump()

    let otherKey = String(repeating: "ab", count: 32) + "\n"
    try FileManager.default.removeItem(atPath: keyFile)
    try otherKey.write(toFile: keyFile, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
    let wrong = try await refusedStart(daemon)
    #expect(wrong.status != 0)
    #expect(wrong.stderr.contains("is not the key this database was sealed with"), "\(wrong.stderr)")
    #expect(wrong.stderr.contains("nothing was changed"))

    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
    let open = try await refusedStart(daemon)
    #expect(open.status != 0 && open.stderr.contains("can be read by others (mode 644): run chmod 600"), "\(open.stderr)")

    try FileManager.default.removeItem(atPath: keyFile)
    let missing = try await refusedStart(daemon)
    #expect(missing.status != 0 && missing.stderr.contains("is missing, and the database was sealed with a key"), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: keyFile), "no new key was made for a sealed database")

    let after = try await dump()
    #expect(after == before, "the refused starts changed nothing")
    try rightKey.write(toFile: keyFile, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
    let again = try await daemon.restart()
    let verified = try await again.vetsctl(["audit", "verify"])
    #expect(verified.status == 0 && verified.stdout.contains("OK: 2 records"), "\(verified.stdout) \(verified.stderr)")
    _ = await again.stop()
    }
  }

  @Test func theKeyFileSettingPutsTheKeyWhereTheOperatorSays() async throws {
    let root = try TestDaemon.makeRoot()
    let elsewhere = root.appendingPathComponent("secrets/vetsd.key").path
    try await TestDaemon.with(config: "[daemon.security]\nkey_file = \"\(elsewhere)\"\n", root: root) { (daemon: TestDaemon) async throws -> Void in
      #expect(try mode(elsewhere) == 0o600)
      #expect(!FileManager.default.fileExists(atPath: daemon.dataDir.appendingPathComponent("keys/data.key").path))
    }
  }

  /// The attack the seal exists for, done with sqlite3: someone who can write the file edits
  /// record 3, recomputes its hash, every later hash and the head with the formula in the
  /// source, and leaves no gap. Without the key they cannot recompute the seals.
  @Test func aRecordRewrittenWithSqlite3AndItsChainRecomputedIsFound() async throws {
    try await TestDaemon.with { daemon in
      for n in 1...4 { _ = try await daemon.addNote("note \(n)", requestID: "r\(n)") }
      let rows = try await sqlite(
        daemon.databasePath,
        "SELECT seq, time, token_id, token_name, method, targets, outcome, request_id FROM daemon_audit ORDER BY seq")
      var prevHash = ""
      var statements: [String] = []
      for line in rows.split(separator: "\n") {
        var fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let seq = Int(fields[0])!
        if seq == 2 { prevHash = try await sqlite(daemon.databasePath, "SELECT hash FROM daemon_audit WHERE seq = 2").trimmingCharacters(in: .newlines) }
        guard seq >= 3 else { continue }
        if seq == 3 { fields[6] = "PERMISSION_DENIED" }
        let hash = Self.hash([prevHash] + fields)
        statements.append("UPDATE daemon_audit SET outcome = '\(fields[6])', prev_hash = '\(prevHash)', hash = '\(hash)' WHERE seq = \(seq);")
        statements.append("UPDATE daemon_audit_head SET seq = \(seq), hash = '\(hash)';")
        prevHash = hash
      }
      #expect(statements.count == 6)
      _ = try await sqlite(daemon.databasePath, statements.joined(separator: "\n"))

      let verified = try await daemon.vetsctl(["audit", "verify"])
      #expect(verified.status == 1)
      #expect(verified.stderr.contains("audit chain broken at record 3: record 3 was rewritten without the audit key"), "\(verified.stderr)")
    }
  }

  /// The chain's formula (AuditTrail.hash): SHA-256 of the previous hash and the fields,
  /// separated by U+001F. Anyone who reads the source can compute it.
  static func hash(_ fields: [String]) -> String {
    Hex.string(SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8)))
  }

  /// A database from before seals: its records are sealed on the first start with a key.
  @Test func anUpgradedDatabaseHasItsEarlierRecordsSealedOnce() async throws {
    try await TestDaemon.with { daemon in
    for n in 1...3 { _ = try await daemon.addNote("note \(n)", requestID: "r\(n)") }
    #expect(await daemon.stop() == 0)
    _ = try await sqlite(
      daemon.databasePath,
      """
      ALTER TABLE daemon_audit DROP COLUMN seal; ALTER TABLE daemon_audit_head DROP COLUMN seal; DROP TABLE daemon_key;
      DELETE FROM grdb_migrations WHERE identifier IN ('daemon.audit.v2.sealed', 'daemon.keys.v1');
      """)
    try FileManager.default.removeItem(at: daemon.dataDir.appendingPathComponent("keys"))

    let upgraded = try await daemon.restart()
    #expect(try await upgraded.waitForLog("sealed the audit trail's earlier records") != nil)
    #expect(upgraded.stderr.text.contains("records=4"), "\(upgraded.stderr.text)")
    let verified = try await upgraded.vetsctl(["audit", "verify"])
    #expect(verified.status == 0 && verified.stdout.contains("OK: 4 records"), "\(verified.stdout) \(verified.stderr)")
    #expect(try await sqlite(upgraded.databasePath, "SELECT count(*) FROM daemon_audit WHERE seal IS NULL") == "0\n")
    _ = await upgraded.stop()
    }
  }
}
