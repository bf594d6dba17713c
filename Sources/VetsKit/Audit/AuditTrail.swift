// The hash-chained audit trail. Each record's hash covers the previous record's hash and its
// own fields, and a one-row head remembers the last record, so an edited, deleted or
// truncated record breaks the chain where `verify` can name it.

public import Foundation
public import GRDB
import Crypto

public struct AuditRecord: Sendable, Equatable {
  public var seq: Int64
  public var time: String
  public var tokenID: String
  public var tokenName: String
  public var method: String
  /// JSON array of the ids the call touched, exactly as stored and hashed.
  public var targetsJSON: String
  public var outcome: String
  public var requestID: String
  public var prevHash: String
  public var hash: String

  public var targets: [String] {
    (try? JSONDecoder().decode([String].self, from: Data(targetsJSON.utf8))) ?? []
  }
}

public struct AuditVerification: Sendable, Equatable {
  public var recordsChecked: Int64
  /// nil when the chain is whole.
  public var firstBadSeq: Int64?
  public var problem: String?

  public var ok: Bool { firstBadSeq == nil }
}

public enum AuditTrail {
  static let genesis = String(repeating: "0", count: 64)

  static func migrations(_ m: inout ModuleMigrations) {
    m.add("audit.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE daemon_audit (
            seq INTEGER PRIMARY KEY,
            time TEXT NOT NULL,
            token_id TEXT NOT NULL,
            token_name TEXT NOT NULL,
            method TEXT NOT NULL,
            targets TEXT NOT NULL,
            outcome TEXT NOT NULL,
            request_id TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
          );
          CREATE INDEX daemon_audit_method ON daemon_audit(method, seq);
          CREATE TABLE daemon_audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
          );
          """)
    }
  }

  /// Appends one record inside the caller's transaction.
  @discardableResult
  public static func append(
    _ db: Database, at time: Date, context: CallContext, targets: [String], outcome: String, requestID: String
  ) throws -> AuditRecord {
    // Cached statements: every mutating call appends here, and parsing SQL each time shows in profiles.
    let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM daemon_audit_head WHERE id = 1"))
    let prevSeq: Int64 = head?["seq"] ?? 0
    let prevHash: String = head?["hash"] ?? genesis
    let targetsJSON = String(decoding: try JSONEncoder().encode(targets), as: UTF8.self)
    var record = AuditRecord(
      seq: prevSeq + 1, time: Instant.text(time), tokenID: context.caller.tokenID,
      tokenName: context.caller.name, method: context.method, targetsJSON: targetsJSON,
      outcome: outcome, requestID: recorded(requestID: requestID), prevHash: prevHash, hash: "")
    record.hash = hash(of: record)
    try db.cachedStatement(
      sql: """
        INSERT INTO daemon_audit (seq, time, token_id, token_name, method, targets, outcome, request_id, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        record.seq, record.time, record.tokenID, record.tokenName, record.method, record.targetsJSON,
        record.outcome, record.requestID, record.prevHash, record.hash,
      ])
    try db.cachedStatement(
      sql: "INSERT INTO daemon_audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash"
    ).execute(arguments: [record.seq, record.hash])
    return record
  }

  /// A refused call's request_id may be anything a client sent, including a NUL, which SQLite
  /// text does not read back whole. A valid one is stored as sent; any other as "invalid:"
  /// and the hex of its first 64 bytes, so that the record reads back as it was hashed.
  static func recorded(requestID: String) -> String {
    if (try? Validate.requestID(requestID)) != nil || requestID.isEmpty { return requestID }
    return "invalid:" + Hex.string(Array(requestID.utf8.prefix(64)))
  }

  static func hash(of r: AuditRecord) -> String {
    let fields = [
      r.prevHash, String(r.seq), r.time, r.tokenID, r.tokenName, r.method, r.targetsJSON, r.outcome, r.requestID,
    ]
    let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
    return Hex.string(digest)
  }

  static func record(_ row: Row) -> AuditRecord {
    AuditRecord(
      seq: row["seq"], time: row["time"], tokenID: row["token_id"], tokenName: row["token_name"],
      method: row["method"], targetsJSON: row["targets"], outcome: row["outcome"], requestID: row["request_id"],
      prevHash: row["prev_hash"], hash: row["hash"])
  }

  /// Newest first, after the given sequence number when paging.
  public static func list(_ db: Database, before seq: Int64?, limit: Int, method: String?) throws -> [AuditRecord] {
    var sql = "SELECT * FROM daemon_audit WHERE seq < ?"
    var arguments: StatementArguments = [seq ?? Int64.max]
    if let method {
      sql += " AND method = ?"
      arguments += [method]
    }
    sql += " ORDER BY seq DESC LIMIT ?"
    arguments += [limit]
    return try Row.fetchAll(db, sql: sql, arguments: arguments).map(record)
  }

  /// Walks the whole chain in order and reports the first record that does not fit.
  public static func verify(_ db: Database) throws -> AuditVerification {
    var expected: Int64 = 1
    var prevHash = genesis
    var checked: Int64 = 0
    let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM daemon_audit ORDER BY seq")
    while let row = try cursor.next() {
      let r = record(row)
      if r.seq != expected {
        return AuditVerification(
          recordsChecked: checked, firstBadSeq: expected,
          problem: "record \(expected) is missing: the chain jumps from \(expected - 1) to \(r.seq)")
      }
      if r.prevHash != prevHash {
        return AuditVerification(
          recordsChecked: checked, firstBadSeq: r.seq,
          problem: "record \(r.seq) does not follow record \(r.seq - 1): its previous-hash does not match")
      }
      if hash(of: r) != r.hash {
        return AuditVerification(
          recordsChecked: checked, firstBadSeq: r.seq,
          problem: "record \(r.seq) was altered: its contents do not match its hash")
      }
      prevHash = r.hash
      expected += 1
      checked += 1
    }
    // Cached statements: every mutating call appends here, and parsing SQL each time shows in profiles.
    let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM daemon_audit_head WHERE id = 1"))
    let headSeq: Int64 = head?["seq"] ?? 0
    let headHash: String = head?["hash"] ?? genesis
    if headSeq == expected - 1, headSeq > 0, headHash != prevHash {
      return AuditVerification(
        recordsChecked: checked, firstBadSeq: headSeq,
        problem: "record \(headSeq) was altered: it no longer matches the chain's head")
    }
    if headSeq != expected - 1 || headHash != prevHash {
      return AuditVerification(
        recordsChecked: checked, firstBadSeq: expected,
        problem: "the chain ends at record \(expected - 1), but its head says record \(headSeq): records were deleted from the end")
    }
    return AuditVerification(recordsChecked: checked, firstBadSeq: nil, problem: nil)
  }
}
