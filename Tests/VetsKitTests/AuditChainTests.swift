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
        db, at: Date(timeIntervalSince1970: 1_800_000_000 + Double(i)),
        context: CallContext(caller: clerk, method: "vets.probe.v1.ProbeService/AddNote"),
        targets: ["probe_note:\(i)", "人员:𠀀"], outcome: "ok", requestID: "req-\(i)")
    }
  }
}

private func verify(_ database: VetsDatabase) async throws -> AuditVerification {
  try await database.read { db in try AuditTrail.verify(db) }
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
          db, at: Date(timeIntervalSince1970: 1_800_000_000), context: CallContext(caller: clerk, method: "vets.probe.v1.ProbeService/AddNote"),
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
    #expect(result.firstBadSeq == 3)
    #expect(result.problem?.contains("previous-hash") == true)
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
