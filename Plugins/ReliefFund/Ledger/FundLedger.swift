// The fund ledger's rules, as plain functions over a database transaction. Transfers are
// immutable and idempotent by their client-chosen id; balances move in the same transaction
// as the transfer that moves them; `verify` recomputes every balance from the transfers.

import Foundation
import GRDB
import VetsAPI
import VetsKit

struct TransferRecord: Equatable, Sendable {
  var id: String
  var kind: Vets_Relief_V1_TransferKind
  var debit: String
  var credit: String
  var amount: Int64
  var pendingID: String?
  var memo: String
  var link: String
  var createdAt: String
  var createdBy: String
  /// Set on the answer when the transfer already existed: this call is a retry, and moved
  /// no money. Not stored.
  var isReplay = false
}

struct FundBalance: Equatable, Sendable {
  var received: Int64
  var reserved: Int64
  var paid: Int64
  var available: Int64 { received - reserved - paid }
}

enum FundLedger {
  static let kinds: [(Vets_Relief_V1_TransferKind, String)] = [
    (.deposit, "deposit"), (.pending, "pending"), (.post, "post"), (.void, "void"), (.reversal, "reversal"),
  ]
  static let accountKinds: [(Vets_Relief_V1_AccountKind, String)] = [(.fund, "fund"), (.source, "source"), (.payout, "payout")]

  static func kindText(_ kind: Vets_Relief_V1_TransferKind) -> String { kinds.first { $0.0 == kind }!.1 }

  // MARK: Accounts

  static func createAccount(_ db: Database, code: String, name: String, kind: Vets_Relief_V1_AccountKind, now: Date) throws {
    guard let kindText = accountKinds.first(where: { $0.0 == kind })?.1 else {
      throw VetsError.invalidArgument(field: "kind", rule: "must be fund, source or payout")
    }
    guard try accountKind(db, code) == nil else { throw VetsError.alreadyExists("account \(quoted: code) already exists") }
    try db.execute(
      sql: "INSERT INTO relief_accounts (code, name, kind, created_at) VALUES (?, ?, ?, ?)",
      arguments: [code, name, kindText, Instant.text(now)])
  }

  static func accountKind(_ db: Database, _ code: String) throws -> String? {
    try String.fetchOne(db.cachedStatement(sql: "SELECT kind FROM relief_accounts WHERE code = ?"), arguments: [code])
  }

  static func require(_ db: Database, _ code: String, is kind: String, field: String) throws {
    guard let found = try accountKind(db, code) else { throw VetsError.notFound("no account \(quoted: code) (\(field))") }
    guard found == kind else { throw VetsError.invalidArgument(field: field, rule: "\(quoted: code) is a \(found) account, not a \(kind)") }
  }

  static func balance(_ db: Database, fund: String) throws -> FundBalance {
    guard let row = try Row.fetchOne(
      db, sql: "SELECT received, reserved, paid FROM relief_accounts WHERE code = ? AND kind = 'fund'", arguments: [fund])
    else { throw VetsError.notFound("no fund \(quoted: fund)") }
    return FundBalance(received: row["received"], reserved: row["reserved"], paid: row["paid"])
  }

  // MARK: Transfers

  /// Returns the existing transfer when `id` was already used with the same content, refuses
  /// it when the content differs, and returns nil when the id is new.
  static func existing(_ db: Database, id: String, fingerprint: String) throws -> TransferRecord? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM relief_transfers WHERE id = ?", arguments: [id]) else { return nil }
    guard (row["fingerprint"] as String) == fingerprint else {
      throw VetsError.failedPrecondition("transfer_id \(quoted: id) is already used by a different transfer; choose a new transfer_id")
    }
    var done = record(row)
    done.isReplay = true
    return done
  }

  private static func insert(_ db: Database, _ t: TransferRecord, fingerprint: String) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO relief_transfers (id, kind, debit_account, credit_account, amount, pending_id, memo, link, fingerprint,
          created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      t.id, kindText(t.kind), t.debit, t.credit, t.amount, t.pendingID, t.memo, t.link, fingerprint, t.createdAt, t.createdBy,
    ])
  }

  /// Moves a fund's balance columns; SQLite's CHECK refuses any move that breaks the invariant.
  private static func move(_ db: Database, fund: String, received: Int64 = 0, reserved: Int64 = 0, paid: Int64 = 0) throws {
    do {
      try db.cachedStatement(
        sql: "UPDATE relief_accounts SET received = received + ?, reserved = reserved + ?, paid = paid + ? WHERE code = ?"
      ).execute(arguments: [received, reserved, paid, fund])
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
      let b = try balance(db, fund: fund)
      throw VetsError.failedPrecondition(
        "fund \(quoted: fund) has \(Money.yuan(b.available)) yuan available (received \(Money.yuan(b.received)), reserved \(Money.yuan(b.reserved)), paid \(Money.yuan(b.paid))); the transfer would overdraw it")
    }
  }

  /// A transfer and its balance move commit together or not at all, even when the caller
  /// catches the error and carries on in the same transaction.
  private static func atomically(_ db: Database, _ body: () throws -> Void) throws {
    try db.inSavepoint {
      try body()
      return .commit
    }
  }

  struct Context {
    var now: Date
    var by: String
  }

  static func deposit(
    _ db: Database, id: String, fund: String, source: String, amount: Int64, memo: String, link: String, _ c: Context
  ) throws -> TransferRecord {
    let fingerprint = "deposit|\(fund)|\(source)|\(amount)|\(memo)|\(link)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    try require(db, fund, is: "fund", field: "fund")
    try require(db, source, is: "source", field: "source")
    let t = TransferRecord(
      id: id, kind: .deposit, debit: source, credit: fund, amount: amount, pendingID: nil, memo: memo, link: link,
      createdAt: Instant.text(c.now), createdBy: c.by)
    try atomically(db) {
      try insert(db, t, fingerprint: fingerprint)
      try move(db, fund: fund, received: amount)
    }
    return t
  }

  /// Reserves money for an approved payment; refused with the available figure when short.
  static func reserve(
    _ db: Database, id: String, fund: String, payout: String, amount: Int64, memo: String, link: String, _ c: Context
  ) throws -> TransferRecord {
    let fingerprint = "pending|\(fund)|\(payout)|\(amount)|\(memo)|\(link)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    try require(db, fund, is: "fund", field: "fund")
    try require(db, payout, is: "payout", field: "payout")
    let t = TransferRecord(
      id: id, kind: .pending, debit: fund, credit: payout, amount: amount, pendingID: nil, memo: memo, link: link,
      createdAt: Instant.text(c.now), createdBy: c.by)
    try atomically(db) {
      try insert(db, t, fingerprint: fingerprint)
      try move(db, fund: fund, reserved: amount)
    }
    return t
  }

  /// What is still reserved under a pending transfer.
  static func remaining(_ db: Database, pending: TransferRecord) throws -> Int64 {
    let settled = try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT COALESCE(SUM(amount), 0) FROM relief_transfers WHERE pending_id = ? AND kind IN ('post', 'void')"),
      arguments: [pending.id]) ?? 0
    return pending.amount - settled
  }

  static func pending(_ db: Database, _ id: String) throws -> TransferRecord {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM relief_transfers WHERE id = ?", arguments: [id]),
      (row["kind"] as String) == "pending"
    else { throw VetsError.notFound("no pending transfer \(quoted: id)") }
    return record(row)
  }

  /// Pays `amount` (all or an instalment) of a pending transfer.
  static func post(_ db: Database, id: String, pendingID: String, amount: Int64, memo: String, _ c: Context) throws -> TransferRecord {
    let fingerprint = "post|\(pendingID)|\(amount)|\(memo)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    let p = try pending(db, pendingID)
    let left = try remaining(db, pending: p)
    guard amount <= left else {
      throw VetsError.failedPrecondition(
        "pending transfer \(pendingID) has \(Money.yuan(left)) yuan left to pay; \(Money.yuan(amount)) is more")
    }
    let t = TransferRecord(
      id: id, kind: .post, debit: p.debit, credit: p.credit, amount: amount, pendingID: p.id, memo: memo, link: p.link,
      createdAt: Instant.text(c.now), createdBy: c.by)
    try atomically(db) {
      try insert(db, t, fingerprint: fingerprint)
      try move(db, fund: p.debit, reserved: -amount, paid: amount)
    }
    return t
  }

  /// Releases what is left of a pending transfer.
  static func void(_ db: Database, id: String, pendingID: String, memo: String, _ c: Context) throws -> TransferRecord {
    let fingerprint = "void|\(pendingID)|\(memo)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    let p = try pending(db, pendingID)
    let left = try remaining(db, pending: p)
    guard left > 0 else { throw VetsError.failedPrecondition("pending transfer \(pendingID) is already fully paid or voided") }
    let t = TransferRecord(
      id: id, kind: .void, debit: p.debit, credit: p.credit, amount: left, pendingID: p.id, memo: memo, link: p.link,
      createdAt: Instant.text(c.now), createdBy: c.by)
    try atomically(db) {
      try insert(db, t, fingerprint: fingerprint)
      try move(db, fund: p.debit, reserved: -left)
    }
    return t
  }

  /// Undoes a deposit with a new, opposite transfer. Refused when the money is already
  /// reserved or paid, or when the deposit was already reversed.
  static func reverse(_ db: Database, id: String, reverses: String, memo: String, _ c: Context) throws -> TransferRecord {
    let fingerprint = "reversal|\(reverses)|\(memo)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM relief_transfers WHERE id = ?", arguments: [reverses]) else {
      throw VetsError.notFound("no transfer \(quoted: reverses)")
    }
    let original = record(row)
    guard original.kind == .deposit else {
      throw VetsError.failedPrecondition("only deposits are reversed; \(reverses) is a \(kindText(original.kind)) (void a pending transfer instead)")
    }
    if let earlier = try String.fetchOne(
      db, sql: "SELECT id FROM relief_transfers WHERE pending_id = ? AND kind = 'reversal'", arguments: [reverses])
    {
      throw VetsError.failedPrecondition("deposit \(reverses) was already reversed by \(earlier)")
    }
    let t = TransferRecord(
      id: id, kind: .reversal, debit: original.credit, credit: original.debit, amount: original.amount, pendingID: original.id,
      memo: memo, link: original.link, createdAt: Instant.text(c.now), createdBy: c.by)
    try atomically(db) {
      try insert(db, t, fingerprint: fingerprint)
      try move(db, fund: original.credit, received: -original.amount)
    }
    return t
  }

  // MARK: Reading and checking

  static func record(_ row: Row) -> TransferRecord {
    TransferRecord(
      id: row["id"], kind: kinds.first { $0.1 == (row["kind"] as String) }?.0 ?? .unspecified, debit: row["debit_account"],
      credit: row["credit_account"], amount: row["amount"], pendingID: row["pending_id"], memo: row["memo"], link: row["link"],
      createdAt: row["created_at"], createdBy: row["created_by"])
  }

  /// Recomputes every fund's balance from its transfers; returns the funds that disagree.
  static func verify(_ db: Database) throws -> [String] {
    try String.fetchAll(
      db,
      sql: """
        SELECT a.code FROM relief_accounts a WHERE a.kind = 'fund' AND (
          a.received != (SELECT COALESCE(SUM(CASE kind WHEN 'deposit' THEN amount WHEN 'reversal' THEN -amount ELSE 0 END), 0)
                         FROM relief_transfers WHERE credit_account = a.code OR debit_account = a.code)
          OR a.paid != (SELECT COALESCE(SUM(amount), 0) FROM relief_transfers WHERE debit_account = a.code AND kind = 'post')
          OR a.reserved != (SELECT COALESCE(SUM(CASE kind WHEN 'pending' THEN amount ELSE -amount END), 0)
                            FROM relief_transfers WHERE debit_account = a.code AND kind IN ('pending', 'post', 'void'))
          OR a.reserved + a.paid > a.received)
        """)
  }
}
