import Foundation
import GRDB
import TestSupport
import Testing
@testable import VetsKit

private let clerk = Caller(tokenID: "tok_clerk", name: "clerk 王", role: .clerk, scope: .town("370830001"))

/// Appends `count` records, one transaction each, as the write path does.
private func appendRecords(_ count: Int, to database: VetsDatabase) async throws {
  for i in 1...count {
    _ = try await database.pool.write { db in
      try AuditTrail.append(
        db, seal: database.keys.audit, at: Date(timeIntervalSince1970: 1_800_000_000 + Double(i)),
        context: CallContext(caller: clerk, method: "vets.probe.v1.ProbeService/AddNote"),
        targets: ["probe_note:\(i)", "人员:𠀀"], outcome: "ok", requestID: "req-\(i)")
    }
  }
}

private func verify(_ database: VetsDatabase) async throws -> AuditVerification {
  try await database.read { db in try AuditTrail.verify(db, key: database.keys.audit) }
}

private func execute(_ database: VetsDatabase, _ sql: String) async throws {
  try await database.pool.write { db in try db.execute(sql: sql) }
}

@Test func emptyTrailVerifies() async throws {
  try await withTempDatabase { database in
    let result = try await verify(database)
    #expect(result.ok)
    #expect(result.recordsChecked == 0)
  }
}

@Test func appendedRecordsChainAndVerify() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    #expect(try await verify(database) == AuditVerification(recordsChecked: 5, firstBadSeq: nil, problem: nil))

    let records = try await database.read { db in try AuditTrail.list(db, before: nil, limit: 10, method: nil) }
    #expect(records.map(\.seq) == [5, 4, 3, 2, 1])
    #expect(records.last?.prevHash == String(repeating: "0", count: 64))
    #expect(records[0].prevHash == records[1].hash)
    #expect(records[0].targets == ["probe_note:5", "人员:𠀀"])
    #expect(records[0].tokenName == "clerk 王")
  }
}

/// Found by the decoding fuzz: a refused call's request_id holding a NUL was stored cut short
/// at the NUL, and `audit verify` then called the record altered.
@Test func aRequestIDThatIsNotValidIsRecordedReadablyAndVerifies() async throws {
  try await withTempDatabase { database in
    for requestID in ["a\u{0}b", "with space", String(repeating: "x", count: 300), "tab\there", "𠀀", "ok-id"] {
      _ = try await database.pool.write { db in
        try AuditTrail.append(
          db, seal: database.keys.audit, at: Date(timeIntervalSince1970: 1_800_000_000), context: CallContext(caller: clerk, method: "vets.probe.v1.ProbeService/AddNote"),
          targets: [], outcome: "INVALID_ARGUMENT", requestID: requestID)
      }
    }
    #expect(try await verify(database).ok)
    let records = try await database.read { db in try AuditTrail.list(db, before: nil, limit: 10, method: nil) }
    #expect(records.map(\.requestID) == ["ok-id", "invalid:f0a08080", "invalid:7461620968657265", "invalid:" + String(repeating: "78", count: 64), "invalid:77697468207370616365", "invalid:610062"])
  }
}

@Test func editedOutcomeIsNamedBySeq() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    try await execute(database, "UPDATE daemon_audit SET outcome = 'PERMISSION_DENIED' WHERE seq = 3")
    let result = try await verify(database)
    #expect(result.firstBadSeq == 3)
    #expect(result.recordsChecked == 2)
    #expect(result.problem?.contains("altered") == true)
  }
}

@Test func deletedMiddleRecordIsNamedAsMissing() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    try await execute(database, "DELETE FROM daemon_audit WHERE seq = 3")
    let result = try await verify(database)
    #expect(result.firstBadSeq == 3)
    #expect(result.problem?.contains("missing") == true)
  }
}

@Test func deletedLastRecordIsDetectedByTheHead() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    try await execute(database, "DELETE FROM daemon_audit WHERE seq = 5")
    let result = try await verify(database)
    #expect(result.firstBadSeq == 5)
    #expect(result.recordsChecked == 4)
    #expect(result.problem?.contains("deleted from the end") == true)
  }
}

@Test func deletingEveryRecordIsDetectedByTheHead() async throws {
  try await withTempDatabase { database in
    try await appendRecords(2, to: database)
    try await execute(database, "DELETE FROM daemon_audit")
    #expect(try await verify(database).firstBadSeq == 1)
  }
}

@Test func editedFieldWithItsOwnHashRecomputedBreaksTheNextLink() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    try await rewrite(database, seq: 2) { $0.targetsJSON = "[]" }
    let result = try await verify(database)
    #expect(result.firstBadSeq == 2)
    #expect(result.problem?.contains("rewritten without the audit key") == true, "\(result)")
    let hashesOnly = try await database.read { db in try AuditTrail.verify(db, key: nil) }
    #expect(hashesOnly.firstBadSeq == 3)
    #expect(hashesOnly.problem?.contains("previous-hash") == true)
  }
}

/// Issue 19, item 4: a forger who has the file but not the key rewrites a record and then
/// every later hash and the head, consistently. The hashes all fit; the seals do not.
@Test func aWholeTailRewrittenConsistentlyIsCaughtByItsSeal() async throws {
  try await withTempDatabase { database in
    try await appendRecords(6, to: database)
    try await forge(database, from: 3) { $0.outcome = "ok" ; $0.targetsJSON = "[]" }
    #expect(try await database.read { db in try AuditTrail.verify(db, key: nil) }.ok, "the forgery fits every hash")
    let result = try await verify(database)
    #expect(result.firstBadSeq == 3)
    #expect(result.recordsChecked == 2)
    #expect(result.problem == "record 3 was rewritten without the audit key: its seal does not match")
  }
}

@Test func recordsDeletedFromTheEndWithTheHeadMovedBackAreCaughtByTheHeadsSeal() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    try await execute(database, "DELETE FROM daemon_audit WHERE seq > 3")
    try await execute(database, "UPDATE daemon_audit_head SET seq = 3, hash = (SELECT hash FROM daemon_audit WHERE seq = 3)")
    #expect(try await database.read { db in try AuditTrail.verify(db, key: nil) }.ok)
    let result = try await verify(database)
    #expect(result.firstBadSeq == 3)
    #expect(result.problem?.contains("head (record 3) was rewritten without the audit key") == true, "\(result)")
  }
}

@Test func anotherKeyDoesNotVerifyTheTrail() async throws {
  try await withTempDatabase { database in
    try await appendRecords(2, to: database)
    let other = DaemonKeys.random().audit
    let result = try await database.read { db in try AuditTrail.verify(db, key: other) }
    #expect(result.firstBadSeq == 1)
  }
}

/// Records written before seals existed are sealed once, if their chain is whole; a broken
/// chain is left unsealed for verify to name, not blessed.
@Test func recordsFromBeforeSealsAreSealedOnlyWhenTheirChainIsWhole() async throws {
  try await withTempDatabase { database in
    try await appendRecords(4, to: database)
    try await execute(database, "UPDATE daemon_audit SET seal = NULL; UPDATE daemon_audit_head SET seal = NULL")
    #expect(try await verify(database).problem == "record 1 carries no seal: it was written or rewritten without the audit key")
    let key = database.keys.audit
    let sealed = try await database.pool.write { db in try AuditTrail.sealUnsealed(db, key: key) }
    #expect(sealed.sealed == 4 && sealed.broken == nil)
    #expect(try await verify(database).ok)
    #expect(try await database.pool.write { db in try AuditTrail.sealUnsealed(db, key: key) }.sealed == 0)

    try await execute(database, "UPDATE daemon_audit SET seal = NULL; UPDATE daemon_audit_head SET seal = NULL")
    try await execute(database, "UPDATE daemon_audit SET outcome = 'ok, honestly' WHERE seq = 2")
    let refused = try await database.pool.write { db in try AuditTrail.sealUnsealed(db, key: key) }
    #expect(refused.sealed == 0 && refused.broken?.firstBadSeq == 2)
    #expect(try await verify(database).firstBadSeq == 1, "nothing was sealed")
  }
}

@Test func editedLastRecordWithItsOwnHashRecomputedIsDetectedByTheHead() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    try await rewrite(database, seq: 5) { $0.outcome = "ok, nothing to see" }
    #expect(try await verify(database).ok == false)
  }
}

@Test
func editedLastRecordWithItsOwnHashRecomputedIsNamedBySeq() async throws {
  try await withTempDatabase { database in
    try await appendRecords(5, to: database)
    try await rewrite(database, seq: 5) { $0.outcome = "ok, nothing to see" }
    let result = try await verify(database)
    #expect(result.firstBadSeq == 5)
    #expect(result.problem?.contains("deleted") == false)
  }
}

/// A forger who knows the hash formula edits one record and recomputes its hash, but cannot
/// rewrite every later record and the head without it showing.
private func rewrite(_ database: VetsDatabase, seq: Int64, _ edit: @escaping @Sendable (inout AuditRecord) -> Void) async throws {
  try await database.pool.write { db in
    let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM daemon_audit WHERE seq = ?", arguments: [seq]))
    var record = AuditTrail.record(row)
    edit(&record)
    record.hash = AuditTrail.hash(of: record)
    try db.execute(
      sql: "UPDATE daemon_audit SET targets = ?, outcome = ?, hash = ? WHERE seq = ?",
      arguments: [record.targetsJSON, record.outcome, record.hash, seq])
  }
}

/// What a forger with the file and the hash formula can do: edit records from `seq` on and
/// recompute every hash after them and the head, leaving the seals as they were.
private func forge(_ database: VetsDatabase, from seq: Int64, _ edit: @escaping @Sendable (inout AuditRecord) -> Void) async throws {
  try await database.pool.write { db in
    var prevHash = try String.fetchOne(db, sql: "SELECT hash FROM daemon_audit WHERE seq = ?", arguments: [seq - 1]) ?? AuditTrail.genesis
    for row in try Row.fetchAll(db, sql: "SELECT * FROM daemon_audit WHERE seq >= ? ORDER BY seq", arguments: [seq]) {
      var record = AuditTrail.record(row)
      if record.seq == seq { edit(&record) }
      record.prevHash = prevHash
      record.hash = AuditTrail.hash(of: record)
      try db.execute(
        sql: "UPDATE daemon_audit SET targets = ?, outcome = ?, prev_hash = ?, hash = ? WHERE seq = ?",
        arguments: [record.targetsJSON, record.outcome, record.prevHash, record.hash, record.seq])
      try db.execute(sql: "UPDATE daemon_audit_head SET seq = ?, hash = ?", arguments: [record.seq, record.hash])
      prevHash = record.hash
    }
  }
}
