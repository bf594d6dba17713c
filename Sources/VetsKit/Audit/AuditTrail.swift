// The hash-chained audit trail. Each record's hash covers the previous record's hash and its
// own fields, and a one-row head remembers the last record, so an edited, deleted or
// truncated record breaks the chain where `verify` can name it. Each record and the head also
// carry a seal, an HMAC under the daemon's audit key (DaemonKeys), which is kept outside the
// database: whoever can write the file but lacks the key can recompute the hashes, not the seals.

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
  /// HMAC of `hash` under the audit key; nil only on records written before seals existed
  /// and not yet sealed (`sealUnsealed`).
  public var seal: String?

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
    m.add("audit.v2.sealed") { db in
      try db.execute(
        sql: """
          ALTER TABLE daemon_audit ADD COLUMN seal TEXT;
          ALTER TABLE daemon_audit_head ADD COLUMN seal TEXT;
          """)
    }
  }

  /// A record's seal: it covers the record's hash, which covers its fields and its place.
  static func seal(hash: String, key: SymmetricKey) -> String {
    Hex.string(HMAC<SHA256>.authenticationCode(for: Data(hash.utf8), using: key))
  }

  /// The head's seal: it says which record is the last, so that records deleted from the end
  /// and a head moved back to match are found.
  static func headSeal(seq: Int64, hash: String, key: SymmetricKey) -> String {
    Hex.string(HMAC<SHA256>.authenticationCode(for: Data("head \(seq) \(hash)".utf8), using: key))
  }

  /// Appends one record inside the caller's transaction.
  @discardableResult
  public static func append(
    _ db: Database, seal key: SymmetricKey, at time: Date, context: CallContext, targets: [String], outcome: String, requestID: String
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
    record.seal = seal(hash: record.hash, key: key)
    try db.cachedStatement(
      sql: """
        INSERT INTO daemon_audit (seq, time, token_id, token_name, method, targets, outcome, request_id, prev_hash, hash, seal)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        record.seq, record.time, record.tokenID, record.tokenName, record.method, record.targetsJSON,
        record.outcome, record.requestID, record.prevHash, record.hash, record.seal,
      ])
    try writeHead(db, seq: record.seq, hash: record.hash, key: key)
    return record
  }

  /// A refused call's request_id may be anything a client sent, including a NUL, which SQLite
  /// text does not read back whole. A valid one is stored as sent; any other as "invalid:"
  /// and the hex of its first 64 bytes, so that the record reads back as it was hashed.
  static func recorded(requestID: String) -> String {
    if (try? Validate.requestID(requestID)) != nil || requestID.isEmpty { return requestID }
    return "invalid:" + Hex.string(Array(requestID.utf8.prefix(64)))
  }

  static func writeHead(_ db: Database, seq: Int64, hash: String, key: SymmetricKey) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO daemon_audit_head (id, seq, hash, seal) VALUES (1, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, seal = excluded.seal
        """
    ).execute(arguments: [seq, hash, headSeal(seq: seq, hash: hash, key: key)])
  }

  /// Seals the records written before seals existed, once, when a daemon with a key first
  /// opens the database. Only a whole chain is sealed: a broken one is left as it is, for
  /// `verify` to name, rather than blessed. Returns the number sealed, or the break.
  public static func sealUnsealed(_ db: Database, key: SymmetricKey) throws -> (sealed: Int, broken: AuditVerification?) {
    let unsealed = try Int.fetchOne(db, sql: "SELECT count(*) FROM daemon_audit WHERE seal IS NULL") ?? 0
    let headUnsealed = try Bool.fetchOne(db, sql: "SELECT seal IS NULL FROM daemon_audit_head WHERE id = 1") ?? false
    guard unsealed > 0 || headUnsealed else { return (0, nil) }
    let chain = try verify(db, key: nil)
    guard chain.ok else { return (0, chain) }
    let rows = try Row.fetchAll(db, sql: "SELECT seq, hash FROM daemon_audit WHERE seal IS NULL")
    for row in rows {
      try db.execute(
        sql: "UPDATE daemon_audit SET seal = ? WHERE seq = ?", arguments: [seal(hash: row["hash"], key: key), row["seq"] as Int64])
    }
    if let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM daemon_audit_head WHERE id = 1") {
      try writeHead(db, seq: head["seq"], hash: head["hash"], key: key)
    }
    return (rows.count, nil)
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
      prevHash: row["prev_hash"], hash: row["hash"], seal: row["seal"])
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

  /// Walks the whole chain in order and reports the first record that does not fit. With the
  /// audit key, every seal is checked too; without it (only before sealing), the hashes alone.
  public static func verify(_ db: Database, key: SymmetricKey?) throws -> AuditVerification {
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
      if let key, r.seal != seal(hash: r.hash, key: key) {
        return AuditVerification(
          recordsChecked: checked, firstBadSeq: r.seq,
          problem: r.seal == nil
            ? "record \(r.seq) carries no seal: it was written or rewritten without the audit key"
            : "record \(r.seq) was rewritten without the audit key: its seal does not match")
      }
      prevHash = r.hash
      expected += 1
      checked += 1
    }
    let head = try Row.fetchOne(db, sql: "SELECT seq, hash, seal FROM daemon_audit_head WHERE id = 1")
    let headSeq: Int64 = head?["seq"] ?? 0
    let headHash: String = head?["hash"] ?? genesis
    if let key, let head, (head["seal"] as String?) != headSeal(seq: headSeq, hash: headHash, key: key) {
      return AuditVerification(
        recordsChecked: checked, firstBadSeq: headSeq,
        problem: "the chain's head (record \(headSeq)) was rewritten without the audit key: records may have been deleted from the end")
    }
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
