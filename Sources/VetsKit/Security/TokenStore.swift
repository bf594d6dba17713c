// Bearer tokens: 256 random bits shown once, stored only as SHA-256.

public import Foundation
public import GRDB
import Crypto
import Synchronization
public import VetsAPI
import SwiftProtobuf

public struct TokenRecord: Sendable, Equatable {
  public var id: String
  public var name: String
  public var role: Role
  public var scope: Scope
  public var secretHash: Data
  public var createdAt: Date
  public var expiresAt: Date?
  public var revokedAt: Date?
  public var createdBy: String
  public var subject: String
  /// After a rotation: the secret before it, which works until `previousValidUntil`.
  public var previousHash: Data? = nil
  public var previousValidUntil: Date? = nil
  /// A session: the account that signed in, and its idle timeout (0: none).
  public var accountID: String? = nil
  public var idleSeconds: Int64 = 0

  public var caller: Caller { Caller(tokenID: id, name: name, role: role, scope: scope, subject: subject, accountID: accountID) }

  public var proto: Vets_Daemon_V1_Token {
    var t = Vets_Daemon_V1_Token()
    t.id = id
    t.name = name
    t.role = role.proto
    t.scope = scope.description
    t.createdAt = Google_Protobuf_Timestamp(date: createdAt)
    if let expiresAt { t.expiresAt = Google_Protobuf_Timestamp(date: expiresAt) }
    if let revokedAt { t.revokedAt = Google_Protobuf_Timestamp(date: revokedAt) }
    t.createdBy = createdBy
    t.subject = subject
    if let previousValidUntil { t.previousSecretValidUntil = Google_Protobuf_Timestamp(date: previousValidUntil) }
    return t
  }
}

/// Issues, revokes and checks tokens. Checks are answered from memory: the table is loaded at
/// start, and every change this process commits is applied to the cache before the call that
/// made it is answered, so a revoked token is refused from the next call on.
public final class TokenStore: Sendable {
  public static let secretPrefix = "vets_"
  public static let maxNameLength = 64
  private let cache = Mutex<[Data: TokenRecord]>([:])
  /// Each session's last call, in memory: a restart starts every idle timeout afresh.
  private let lastUse = Mutex<[String: Date]>([:])

  public init() {}

  static func migrations(_ m: inout ModuleMigrations) {
    m.add("tokens.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE daemon_tokens (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            scope TEXT NOT NULL,
            secret_sha256 BLOB NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            expires_at TEXT,
            revoked_at TEXT,
            created_by TEXT NOT NULL
          );
          """)
    }
    m.add("tokens.v2") { db in
      try db.execute(sql: "ALTER TABLE daemon_tokens ADD COLUMN subject TEXT NOT NULL DEFAULT ''")
      try db.execute(sql: "UPDATE daemon_tokens SET subject = name")
    }
    m.add("tokens.v3.rotation") { db in
      try db.execute(
        sql: """
          ALTER TABLE daemon_tokens ADD COLUMN previous_sha256 BLOB;
          ALTER TABLE daemon_tokens ADD COLUMN previous_valid_until TEXT;
          """)
    }
  }

  public static func hash(secret: String) -> Data {
    Data(SHA256.hash(data: Data(secret.utf8)))
  }

  /// A new secret: "vets_" and 256 random bits in base64url.
  public static func newSecret() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return secretPrefix + Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  // MARK: Rules

  /// Enterprise tokens act for one enterprise; admins and auditors see the whole county.
  public static func checkRoleAndScope(_ role: Role, _ scope: Scope) throws(VetsError) {
    switch (role, scope) {
    case (.enterprise, .enterprise): return
    case (.enterprise, _): throw .invalidArgument(field: "scope", rule: "an enterprise token needs scope enterprise:<id>")
    case (_, .enterprise): throw .invalidArgument(field: "scope", rule: "only enterprise tokens take an enterprise scope")
    case (.admin, .county), (.auditor, .county): return
    case (.admin, _), (.auditor, _): throw .invalidArgument(field: "scope", rule: "\(role.rawValue) tokens must have scope county")
    default: return
    }
  }

  // MARK: Reading and checking

  public func load(_ db: Database) throws {
    let records = try Row.fetchAll(db, sql: "SELECT * FROM daemon_tokens").map(Self.record)
    // A session's last call before a restart is not known: its idle time counts from now.
    let loaded = Date()
    lastUse.withLock { uses in for record in records where record.idleSeconds > 0 { uses[record.id] = max(record.createdAt, loaded) } }
    cache.withLock { cache in
      cache = [:]
      for record in records { Self.add(record, to: &cache) }
    }
  }

  /// Applies a committed change to the in-memory view: a rotated token is found by its new
  /// secret and, for its grace period, by its old one.
  public func remember(_ record: TokenRecord) {
    if record.idleSeconds > 0 { lastUse.withLock { uses in if uses[record.id] == nil { uses[record.id] = record.createdAt } } }
    cache.withLock { cache in
      cache = cache.filter { $0.value.id != record.id }
      Self.add(record, to: &cache)
    }
  }

  private static func add(_ record: TokenRecord, to cache: inout [Data: TokenRecord]) {
    cache[record.secretHash] = record
    if let previous = record.previousHash { cache[previous] = record }
  }

  public func authenticate(authorization: String?, now: Date) throws(VetsError) -> Caller {
    let how = "send 'authorization: Bearer <token>'; vetsctl reads .vetsd/admin.token by default, and an admin makes tokens with 'vetsctl admin token create'"
    guard let authorization, !authorization.isEmpty else {
      throw .unauthenticated("this call needs a token: \(how)")
    }
    guard authorization.hasPrefix("Bearer "), authorization.utf8.count < 256 else {
      throw .unauthenticated("the authorization header must be 'Bearer <token>': \(how)")
    }
    let hash = Self.hash(secret: String(authorization.dropFirst("Bearer ".count)))
    guard let record = cache.withLock({ $0[hash] }) else {
      throw .unauthenticated("the token is not valid; ask an admin for a token ('vetsctl admin token create')")
    }
    if let revoked = record.revokedAt {
      throw .unauthenticated("token \(record.id) was revoked at \(Instant.text(revoked)); ask an admin for a new one")
    }
    if let expires = record.expiresAt, expires <= now {
      throw .unauthenticated("token \(record.id) expired at \(Instant.text(expires)); ask an admin for a new one")
    }
    if record.idleSeconds > 0 {
      let idle = record.idleSeconds
      let ended: Bool = lastUse.withLock { uses in
        if let last = uses[record.id], now.timeIntervalSince(last) >= TimeInterval(idle) { return true }
        uses[record.id] = now
        return false
      }
      if ended {
        throw .said(
          .unauthenticated("the session ended after \(idle / 60) minutes without a call; sign in again with 'vetsctl login'"),
          chinese: "已经 \(idle / 60) 分钟没有操作，登录已失效；请重新登录（vetsctl login）")
      }
    }
    if hash == record.previousHash, let until = record.previousValidUntil, until <= now {
      throw .unauthenticated(
        "this is the old secret of token \(record.id), which was rotated; it stopped working at \(Instant.text(until)): use the new secret")
    }
    return record.caller
  }

  /// Tokens in the order they were made, oldest first, and the page key after the last one
  /// (the stored creation instant and the id, so that no text-to-date round trip moves it).
  public static func list(_ db: Database, page: Page, includeRevoked: Bool) throws -> (tokens: [TokenRecord], lastKey: String?) {
    let after = try page.after(columns: 2)
    let revoked = includeRevoked ? "" : "AND revoked_at IS NULL"
    let rows = try Row.fetchAll(
      db,
      sql: "SELECT * FROM daemon_tokens WHERE (created_at, id) > (?, ?) AND account_id IS NULL \(revoked) ORDER BY created_at, id LIMIT ?",
      arguments: [after[0], after[1], page.size])
    return (rows.map(record), rows.last.map { Page.key($0["created_at"], $0["id"]) })
  }

  public static func fetch(_ db: Database, id: String) throws -> TokenRecord? {
    try Row.fetchOne(db, sql: "SELECT * FROM daemon_tokens WHERE id = ?", arguments: [id]).map(record)
  }

  /// An account's sessions, ended ones included.
  public static func sessions(_ db: Database, accountID: String) throws -> [TokenRecord] {
    try Row.fetchAll(db, sql: "SELECT * FROM daemon_tokens WHERE account_id = ?", arguments: [accountID]).map(record)
  }

  public static func count(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM daemon_tokens") ?? 0
  }

  // MARK: Changing

  /// Inserts a token for a secret the caller made; returns its record.
  public static func insert(
    _ db: Database, secret: String, name: String, role: Role, scope: Scope, expiresAt: Date?, createdBy: String,
    now: Date, subject: String? = nil, session: (accountID: String, idleSeconds: Int64)? = nil
  ) throws -> TokenRecord {
    let record = TokenRecord(
      id: RecordID.make(session == nil ? "tok_" : "ses_"), name: name, role: role, scope: scope, secretHash: hash(secret: secret),
      createdAt: now, expiresAt: expiresAt, revokedAt: nil, createdBy: createdBy, subject: subject ?? name,
      accountID: session?.accountID, idleSeconds: session?.idleSeconds ?? 0)
    try db.execute(
      sql: """
        INSERT INTO daemon_tokens (id, name, role, scope, secret_sha256, created_at, expires_at, revoked_at, created_by, subject, account_id, idle_seconds)
        VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
        """,
      arguments: [
        record.id, record.name, record.role.rawValue, record.scope.description, record.secretHash,
        Instant.text(now), expiresAt.map(Instant.text), record.createdBy, record.subject, record.accountID, record.idleSeconds,
      ])
    return record
  }

  public static func revoke(_ db: Database, id: String, now: Date) throws -> TokenRecord {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM daemon_tokens WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no token with id \(quoted: id)")
    }
    var record = Self.record(row)
    guard record.revokedAt == nil else {
      throw VetsError.failedPrecondition("token \(id) is already revoked")
    }
    record.revokedAt = now
    try db.execute(sql: "UPDATE daemon_tokens SET revoked_at = ? WHERE id = ?", arguments: [Instant.text(now), id])
    return record
  }

  /// Gives the token a new secret; the old one works for `grace` seconds more (0: it stops now).
  public static func rotate(_ db: Database, id: String, secret: String, grace: TimeInterval, now: Date) throws -> TokenRecord {
    guard var record = try fetch(db, id: id) else { throw VetsError.notFound("no token with id \(quoted: id)") }
    guard record.revokedAt == nil else {
      throw VetsError.failedPrecondition("token \(id) is revoked: a revoked token is not rotated; create a new one")
    }
    if let expires = record.expiresAt, expires <= now {
      throw VetsError.failedPrecondition("token \(id) expired at \(Instant.text(expires)): create a new one")
    }
    record.previousHash = record.secretHash
    record.previousValidUntil = now.addingTimeInterval(grace)
    record.secretHash = hash(secret: secret)
    try db.execute(
      sql: "UPDATE daemon_tokens SET secret_sha256 = ?, previous_sha256 = ?, previous_valid_until = ? WHERE id = ?",
      arguments: [record.secretHash, record.previousHash, record.previousValidUntil.map(Instant.text), id])
    return record
  }

  static func record(_ row: Row) -> TokenRecord {
    let scopeText: String = row["scope"]
    return TokenRecord(
      id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .system,
      scope: (try? Scope(parsing: scopeText)) ?? .village("000000000000"),
      secretHash: row["secret_sha256"],
      createdAt: Instant.date(row["created_at"]) ?? .distantPast,
      expiresAt: (row["expires_at"] as String?).flatMap(Instant.date),
      revokedAt: (row["revoked_at"] as String?).flatMap(Instant.date),
      createdBy: row["created_by"], subject: row["subject"], previousHash: row["previous_sha256"],
      previousValidUntil: (row["previous_valid_until"] as String?).flatMap(Instant.date), accountID: row["account_id"],
      idleSeconds: row["idle_seconds"])
  }
}
