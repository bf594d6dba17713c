import Foundation
import ProbeModule
import Testing

@Suite("The audit trail")
struct AuditTests {
  func sqlite(_ database: String, _ sql: String) async throws {
    let result = try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-cmd", ".timeout 5000", database, sql])
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func verifyIsOKOnAnUntouchedDatabaseAndNamesAnEditedRecord() async throws {
    try await TestDaemon.with { daemon in
      for n in 1...4 { _ = try await daemon.addNote("note \(n)", requestID: "r\(n)") }
      let before = try await daemon.vetsctl(["audit", "verify"])
      #expect(before.status == 0, "\(before.stderr)")
      #expect(before.stdout.contains("OK: 5 records"), "\(before.stdout)")

      try await sqlite(daemon.databasePath, "UPDATE daemon_audit SET outcome = 'ok', targets = '[]' WHERE seq = 3")
      let after = try await daemon.vetsctl(["audit", "verify"])
      #expect(after.status == 1)
      #expect(after.stderr.contains("audit chain broken at record 3"), "\(after.stderr)")
    }
  }

  @Test func verifyNamesADeletedRecord() async throws {
    try await TestDaemon.with { daemon in
      for n in 1...4 { _ = try await daemon.addNote("note \(n)", requestID: "r\(n)") }
      try await sqlite(daemon.databasePath, "DELETE FROM daemon_audit WHERE seq = 2")
      let after = try await daemon.vetsctl(["audit", "verify", "--output", "json"])
      #expect(after.status == 1)
      #expect(after.stdout.contains("\"firstBadSeq\":\"2\""), "\(after.stdout)")
      #expect(after.stderr.contains("record 2 is missing"))
    }
  }

  @Test func verifyNamesRecordsDeletedFromTheEnd() async throws {
    try await TestDaemon.with { daemon in
      for n in 1...3 { _ = try await daemon.addNote("note \(n)", requestID: "r\(n)") }
      try await sqlite(daemon.databasePath, "DELETE FROM daemon_audit WHERE seq = 4")
      let after = try await daemon.vetsctl(["audit", "verify"])
      #expect(after.status == 1)
      #expect(after.stderr.contains("record 4"), "\(after.stderr)")
    }
  }

  @Test func everyMutatingCallIsRecordedWithWhoWhatAndOutcome() async throws {
    try await TestDaemon.with { daemon in
      let note = try await daemon.addNote("recorded", requestID: "req-audit-1")
      let listed = try await daemon.vetsctl(["audit", "list", "--output", "json"])
      let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
      let records = try #require(json["records"] as? [[String: Any]])
      let record = try #require(records.first)
      #expect(record["method"] as? String == "vets.probe.v1.ProbeService/AddNote")
      #expect(record["tokenName"] as? String == "first-admin")
      #expect(record["targets"] as? [String] == ["probe_note:\(note.id)"])
      #expect(record["outcome"] as? String == "ok")
      #expect(record["requestId"] as? String == "req-audit-1")
    }
  }
}

@Suite("Backups")
struct BackupTests {
  @Test func aBackupPassesIntegrityCheckAndADaemonStartedOnItServesTheSameData() async throws {
    try await TestDaemon.with { daemon in
      let note = try await daemon.addNote("保存的记录 𠀀", requestID: "r1")
      let file = daemon.root.appendingPathComponent("backup.sqlite").path
      let backup = try await daemon.vetsctl(["admin", "backup", file])
      #expect(backup.status == 0, "\(backup.stderr)")
      let check = try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), [file, "PRAGMA integrity_check"])
      #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
      let again = try await daemon.vetsctl(["admin", "backup", file])
      #expect(again.status == 2, "an existing file is never overwritten")

      // Restore: a new data folder holding the copy, and the same admin token.
      let restored = daemon.root.appendingPathComponent("restored")
      try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: file, toPath: restored.appendingPathComponent("vetsd.sqlite").path)
      let second = try await TestDaemon.start(
        root: daemon.root, dataDir: restored, socketPath: daemon.root.appendingPathComponent("run2/vetsd.sock").path)
      let copied = try await second.getNote(note.id, tokenFile: daemon.tokenFile)
      _ = await second.stop()
      #expect(copied.text == "保存的记录 𠀀")
      #expect(!FileManager.default.fileExists(atPath: restored.appendingPathComponent("admin.token").path),
        "the restored database already has tokens, so no new admin token is made")
    }
  }
}
