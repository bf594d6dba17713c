// Accounts: people who sign in with a login name and a password (bcrypt). A sign-in makes a
// session, which is a token row tied to the account (TokenStore), so that every call is
// checked by one mechanism. Failed sign-ins are counted per login name, whether or not an
// account has it, so that a lockout says nothing about which names exist.

public import Foundation
public import GRDB
import HummingbirdBcrypt
public import VetsAPI
import SwiftProtobuf

public struct AccountRecord: Sendable, Equatable {
  public var id: String
  public var login: String
  public var displayName: String
  public var role: Role
  public var scope: Scope
  public var active: Bool
  public var passwordHash: String
  public var mustChangePassword: Bool
  public var createdAt: Date
  public var createdBy: String

  public var proto: Vets_Daemon_V1_Account {
    var a = Vets_Daemon_V1_Account()
    a.id = id
    a.login = login
    a.displayName = displayName
    a.role = role.proto
    a.scope = scope.description
    a.state = active ? .active : .disabled
    a.mustChangePassword = mustChangePassword
    a.createdAt = Google_Protobuf_Timestamp(date: createdAt)
    a.createdBy = createdBy
    return a
  }
}

/// The rules of a password and its hash.
public enum Passwords {
  public static let minLength = 10
  public static let maxLength = 72  // bcrypt reads no further
  /// bcrypt's cost: 2^12 rounds (the note on issue 19 gives what a sign-in costs with it).
  public static let cost: UInt8 = 12
  /// Among the most used passwords in China and elsewhere, at least `minLength` long.
  static let common: Set<String> = [
    "1234567890", "12345678910", "123456789a", "a123456789", "qwertyuiop", "1qaz2wsx3edc", "woaini1314", "5201314520",
    "1314520520", "password123", "passw0rd12", "abcd123456", "abc1234567", "0123456789", "9876543210", "1111111111",
    "0000000000", "8888888888", "6666666666", "1234512345", "iloveyou12", "qwer123456", "asdfghjkl1", "zxcvbnm123",
  ]

  /// Refuses a password that is short, is or holds the login name, is one character
  /// repeated, or is a well-known one.
  public static func check(_ password: String, login: String, field: String) throws(VetsError) {
    let lower = password.lowercased()
    guard password.count >= minLength else {
      throw .said(.invalidArgument(field: field, rule: "must be at least \(minLength) characters"), chinese: "密码至少 \(minLength) 位")
    }
    guard password.utf8.count <= maxLength else {
      throw .said(.invalidArgument(field: field, rule: "must be at most \(maxLength) bytes"), chinese: "密码太长（最多 \(maxLength) 个字节）")
    }
    guard !lower.contains(login.lowercased()) else {
      throw .said(.invalidArgument(field: field, rule: "must not contain the login name"), chinese: "密码不能包含用户名")
    }
    guard Set(password).count > 2, !common.contains(lower) else {
      throw .said(.invalidArgument(field: field, rule: "is too easy to guess: choose another"), chinese: "密码太容易被猜到，请换一个")
    }
  }

  /// A one-time password: 12 characters a clerk reads off a slip without confusing 0 and O.
  public static func oneTime() -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
  }

  public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
  public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
  /// Verified against when no account has the name, so that a miss costs what a hit costs.
  public static let decoy = Bcrypt.hash("vetsd decoy, never a password", cost: cost)
}

public enum AccountStore {
  static func migrations(_ m: inout ModuleMigrations) {
    m.add("accounts.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE daemon_accounts (
            id TEXT PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            scope TEXT NOT NULL,
            active INTEGER NOT NULL,
            password_hash TEXT NOT NULL,
            must_change_password INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
          );
          CREATE TABLE daemon_login_failures (
            login TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            locked_until TEXT
          ) WITHOUT ROWID;
          ALTER TABLE daemon_tokens ADD COLUMN account_id TEXT REFERENCES daemon_accounts(id);
          ALTER TABLE daemon_tokens ADD COLUMN idle_seconds INTEGER NOT NULL DEFAULT 0;
          CREATE INDEX daemon_tokens_account ON daemon_tokens(account_id);
          """)
    }
  }

  /// 3 to 32 of a-z, 0-9, '.', '_' and '-', as typed (upper case is read as lower).
  public static func login(_ text: String, field: String = "login") throws(VetsError) -> String {
    let login = text.trimmingCharacters(in: .whitespaces).lowercased()
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
    guard (3...32).contains(login.count), login.allSatisfy({ allowed.contains($0) }) else {
      throw .said(
        .invalidArgument(field: field, rule: "must be 3 to 32 of a-z, 0-9, '.', '_' and '-', e.g. wang.xiuying"),
        chinese: "用户名应为 3 到 32 位小写字母、数字、点、下划线或连字符，如 wang.xiuying")
    }
    return login
  }

  public static func add(
    _ db: Database, login: String, displayName: String, role: Role, scope: Scope, password: String, createdBy: String, now: Date
  ) throws -> AccountRecord {
    guard try fetch(db, login: login) == nil else {
      throw VetsError.alreadyExists("an account with login \(quoted: login) exists; choose another login")
    }
    let record = AccountRecord(
      id: RecordID.make("acc_"), login: login, displayName: displayName, role: role, scope: scope, active: true,
      passwordHash: Passwords.hash(password), mustChangePassword: true, createdAt: now, createdBy: createdBy)
    try db.execute(
      sql: """
        INSERT INTO daemon_accounts (id, login, display_name, role, scope, active, password_hash, must_change_password, created_at, created_by)
        VALUES (?, ?, ?, ?, ?, 1, ?, 1, ?, ?)
        """,
      arguments: [
        record.id, login, displayName, role.rawValue, scope.description, record.passwordHash, Instant.text(now), createdBy,
      ])
    return record
  }

  public static func fetch(_ db: Database, login: String) throws -> AccountRecord? {
    try Row.fetchOne(db, sql: "SELECT * FROM daemon_accounts WHERE login = ?", arguments: [login]).map(record)
  }

  /// By id ("acc_…") or login.
  public static func find(_ db: Database, _ text: String, field: String = "account") throws -> AccountRecord {
    let found =
      text.hasPrefix("acc_")
      ? try Row.fetchOne(db, sql: "SELECT * FROM daemon_accounts WHERE id = ?", arguments: [text]).map(record)
      : try fetch(db, login: text.lowercased())
    guard let found else { throw VetsError.notFound("no account with id or login \(quoted: text)") }
    return found
  }

  public static func list(_ db: Database, page: Page) throws -> (accounts: [AccountRecord], lastKey: String?) {
    let after = try page.after(columns: 2)
    let rows = try Row.fetchAll(
      db, sql: "SELECT * FROM daemon_accounts WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?",
      arguments: [after[0], after[1], page.size])
    return (rows.map(record), rows.last.map { Page.key($0["created_at"], $0["id"]) })
  }

  public static func setActive(_ db: Database, id: String, active: Bool) throws {
    try db.execute(sql: "UPDATE daemon_accounts SET active = ? WHERE id = ?", arguments: [active, id])
  }

  public static func setPassword(_ db: Database, id: String, hash: String, mustChange: Bool) throws {
    try db.execute(
      sql: "UPDATE daemon_accounts SET password_hash = ?, must_change_password = ? WHERE id = ?", arguments: [hash, mustChange, id])
  }

  /// Ends the account's sessions (all, or all but `keeping`); returns the ended ids.
  public static func endSessions(_ db: Database, accountID: String, keeping: String? = nil, now: Date) throws -> [String] {
    let ids = try String.fetchAll(
      db, sql: "SELECT id FROM daemon_tokens WHERE account_id = ? AND revoked_at IS NULL AND id != ?",
      arguments: [accountID, keeping ?? ""])
    try db.execute(
      sql: "UPDATE daemon_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL AND id != ?",
      arguments: [Instant.text(now), accountID, keeping ?? ""])
    return ids
  }

  // MARK: Failed sign-ins

  /// Until when sign-ins for this name are refused; nil if they are not.
  public static func lockedUntil(_ db: Database, login: String, now: Date) throws -> Date? {
    let until = try String.fetchOne(db, sql: "SELECT locked_until FROM daemon_login_failures WHERE login = ?", arguments: [login])
      .flatMap(Instant.date)
    return until.flatMap { $0 > now ? $0 : nil }
  }

  /// Counts a failure; returns the end of the lockout it starts, if it starts one.
  public static func recordFailure(_ db: Database, login: String, now: Date, maxFailures: Int, lockout: TimeInterval) throws -> Date? {
    let failures = (try Int.fetchOne(db, sql: "SELECT failures FROM daemon_login_failures WHERE login = ?", arguments: [login]) ?? 0) + 1
    let locked = failures >= maxFailures ? now.addingTimeInterval(lockout) : nil
    try db.execute(
      sql: """
        INSERT INTO daemon_login_failures (login, failures, locked_until) VALUES (?, ?, ?)
        ON CONFLICT(login) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until
        """,
      arguments: [login, locked == nil ? failures : 0, locked.map(Instant.text)])
    return locked
  }

  public static func clearFailures(_ db: Database, login: String) throws {
    try db.execute(sql: "DELETE FROM daemon_login_failures WHERE login = ?", arguments: [login])
  }

  static func record(_ row: Row) -> AccountRecord {
    let scopeText: String = row["scope"]
    return AccountRecord(
      id: row["id"], login: row["login"], displayName: row["display_name"], role: Role(rawValue: row["role"]) ?? .system,
      scope: (try? Scope(parsing: scopeText)) ?? .village("000000000000"), active: row["active"],
      passwordHash: row["password_hash"], mustChangePassword: row["must_change_password"],
      createdAt: Instant.date(row["created_at"]) ?? .distantPast, createdBy: row["created_by"])
  }
}
