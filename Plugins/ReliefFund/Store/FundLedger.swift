// The fund ledger's rules, as plain functions over a database transaction. Transfers are
// immutable and idempotent by their client-chosen id; balances move in the same transaction
// as the transfer that moves them; `verify` recomputes every balance from the transfers.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

struct FundBalance: Equatable, Sendable {
  var received: Int64
  var reserved: Int64
  var paid: Int64
  var available: Int64 { received - reserved - paid }
}

enum FundLedger {
  static func kindText(_ kind: Vets_Relief_V1_TransferKind) -> String { Vets_Relief_V1_TransferKind.terms.word(of: kind)! }

  // MARK: Accounts

  static func createAccount(_ db: Database, code: String, name: String, kind: Vets_Relief_V1_AccountKind, now: Date) throws {
    guard let kindText = Vets_Relief_V1_AccountKind.terms.word(of: kind) else {
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

  /// The accounts' names, by code, for people to read beside the codes.
  static func accountNames(_ db: Database, codes: Set<String>) throws -> [String: String] {
    guard !codes.isEmpty else { return [:] }
    let marks = Array(repeating: "?", count: codes.count).joined(separator: ",")
    return Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(
        db, sql: "SELECT code, name FROM relief_accounts WHERE code IN (\(marks))", arguments: StatementArguments(Array(codes))
      ).map { (row: Row) -> (String, String) in (row["code"], row["name"]) })
  }

  /// Whom the cases and visits that transfers link to are for: a case's household, a
  /// visit's person, by the case's or visit's id (for their names beside the ledger).
  static func linkOwners(_ db: Database, links: [String]) throws -> [String: String] {
    var owners: [String: String] = [:]
    for (prefix, sql) in [
      ("case:", "SELECT id, household_id AS owner FROM relief_cases WHERE id = ?"),
      ("visit:", "SELECT id, person_id AS owner FROM relief_visits WHERE id = ?"),
    ] {
      for link in Set(links) where link.hasPrefix(prefix) {
        if let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [String(link.dropFirst(prefix.count))]) {
          owners[row["id"]] = row["owner"]
        }
      }
    }
    return owners
  }

  /// A page of accounts in code order, after `after`.
  static func accounts(_ db: Database, after: String, limit: Int) throws -> [Vets_Relief_V1_Account] {
    try Row.fetchAll(
      db, sql: "SELECT code, name, kind, created_at FROM relief_accounts WHERE code > ? ORDER BY code LIMIT ?", arguments: [after, limit]
    ).map { row in
      var a = Vets_Relief_V1_Account()
      a.code = row["code"]
      a.name = row["name"]
      a.kind = Vets_Relief_V1_AccountKind.terms.value(row["kind"]) ?? .unspecified
      if let at = Instant.date(row["created_at"]) { a.createdAt = Google_Protobuf_Timestamp(date: at) }
      return a
    }
  }

  /// A fund's transfers, newest first, before sequence number `before` and between two
  /// stored instants (`from` inclusive, `to` exclusive).
  static func transfers(_ db: Database, fund: String, before: Int64, from: String, to: String, limit: Int) throws
    -> [(seq: Int64, transfer: TransferRecord)]
  {
    guard try accountKind(db, fund) == "fund" else { throw VetsError.notFound("no fund \(quoted: fund)") }
    return try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM relief_transfers WHERE (debit_account = ? OR credit_account = ?) AND seq < ?
          AND created_at >= ? AND created_at < ? ORDER BY seq DESC LIMIT ?
        """,
      arguments: [fund, fund, before, from, to, limit]
    ).map { (seq: $0["seq"] as Int64, transfer: TransferRecord(row: $0)) }
  }

  // MARK: Transfers

  /// Returns the existing transfer when `id` was already used with the same content, refuses
  /// it when the content differs, and returns nil when the id is new.
  static func existing(_ db: Database, id: String, fingerprint: String) throws -> TransferRecord? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM relief_transfers WHERE id = ?", arguments: [id]) else { return nil }
    guard (row["fingerprint"] as String) == fingerprint else {
      throw VetsError.failedPrecondition("transfer_id \(quoted: id) is already used by a different transfer; choose a new transfer_id")
    }
    var done = TransferRecord(row: row)
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

  /// Writes a new transfer with its balance move: both commit together or not at all, even
  /// when the caller catches the error and carries on in the same transaction.
  private static func commit(_ db: Database, _ t: TransferRecord, fingerprint: String, move: () throws -> Void) throws
    -> TransferRecord
  {
    try db.inSavepoint {
      try insert(db, t, fingerprint: fingerprint)
      try move()
      return .commit
    }
    return t
  }

  /// When a transfer is made and by which token: the write's own instant and caller.
  struct Context {
    var now: Date
    var by: String

    /// A new transfer made now by this token.
    func transfer(
      id: String, _ kind: Vets_Relief_V1_TransferKind, debit: String, credit: String, amount: Int64, pendingID: String? = nil,
      memo: String, link: String
    ) -> TransferRecord {
      TransferRecord(
        id: id, kind: kind, debit: debit, credit: credit, amount: amount, pendingID: pendingID, memo: memo, link: link,
        createdAt: Instant.text(now), createdBy: by)
    }
  }

  /// The transfer context of a write: its instant and its caller's token.
  static func context(_ call: WriteCall) -> Context { Context(now: call.now, by: call.caller.tokenID) }

  /// Money into a fund from one of its sources.
  static func deposit(
    _ db: Database, id: String, fund: String, source: String, amount: Int64, memo: String, link: String, _ c: Context
  ) throws -> TransferRecord {
    try withFund(db, .deposit, id: id, fund: fund, other: (source, "source"), amount: amount, memo: memo, link: link, c) {
      try move(db, fund: fund, received: amount)
    }
  }

  /// Reserves money for an approved payment; refused with the available figure when short.
  static func reserve(
    _ db: Database, id: String, fund: String, payout: String, amount: Int64, memo: String, link: String, _ c: Context
  ) throws -> TransferRecord {
    try withFund(db, .pending, id: id, fund: fund, other: (payout, "payout"), amount: amount, memo: memo, link: link, c) {
      try move(db, fund: fund, reserved: amount)
    }
  }

  /// A deposit (source → fund) or a reservation (fund → payout): both accounts must exist and
  /// be of their kinds; the other account's kind is also the name of its field.
  private static func withFund(
    _ db: Database, _ kind: Vets_Relief_V1_TransferKind, id: String, fund: String, other: (code: String, kind: String), amount: Int64,
    memo: String, link: String, _ c: Context, move: () throws -> Void
  ) throws -> TransferRecord {
    let fingerprint = "\(kindText(kind))|\(fund)|\(other.code)|\(amount)|\(memo)|\(link)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    try require(db, fund, is: "fund", field: "fund")
    try require(db, other.code, is: other.kind, field: other.kind)
    let (debit, credit) = kind == .deposit ? (other.code, fund) : (fund, other.code)
    let t = c.transfer(id: id, kind, debit: debit, credit: credit, amount: amount, memo: memo, link: link)
    return try commit(db, t, fingerprint: fingerprint, move: move)
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
    return TransferRecord(row: row)
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
    let t = c.transfer(id: id, .post, debit: p.debit, credit: p.credit, amount: amount, pendingID: p.id, memo: memo, link: p.link)
    return try commit(db, t, fingerprint: fingerprint) { try move(db, fund: p.debit, reserved: -amount, paid: amount) }
  }

  /// Releases what is left of a pending transfer.
  static func void(_ db: Database, id: String, pendingID: String, memo: String, _ c: Context) throws -> TransferRecord {
    let fingerprint = "void|\(pendingID)|\(memo)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    let p = try pending(db, pendingID)
    let left = try remaining(db, pending: p)
    guard left > 0 else { throw VetsError.failedPrecondition("pending transfer \(pendingID) is already fully paid or voided") }
    let t = c.transfer(id: id, .void, debit: p.debit, credit: p.credit, amount: left, pendingID: p.id, memo: memo, link: p.link)
    return try commit(db, t, fingerprint: fingerprint) { try move(db, fund: p.debit, reserved: -left) }
  }

  /// Undoes a deposit with a new, opposite transfer. Refused when the money is already
  /// reserved or paid, or when the deposit was already reversed.
  static func reverse(_ db: Database, id: String, reverses: String, memo: String, _ c: Context) throws -> TransferRecord {
    let fingerprint = "reversal|\(reverses)|\(memo)"
    if let done = try existing(db, id: id, fingerprint: fingerprint) { return done }
    guard let original = try TransferRecord.filter(TransferRecord.Columns.id == reverses).fetchOne(db) else {
      throw VetsError.notFound("no transfer \(quoted: reverses)")
    }
    guard original.kind == .deposit else {
      throw VetsError.failedPrecondition("only deposits are reversed; \(reverses) is a \(kindText(original.kind)) (void a pending transfer instead)")
    }
    if let earlier = try String.fetchOne(
      db, sql: "SELECT id FROM relief_transfers WHERE pending_id = ? AND kind = 'reversal'", arguments: [reverses])
    {
      throw VetsError.failedPrecondition("deposit \(reverses) was already reversed by \(earlier)")
    }
    let t = c.transfer(
      id: id, .reversal, debit: original.credit, credit: original.debit, amount: original.amount, pendingID: original.id, memo: memo,
      link: original.link)
    return try commit(db, t, fingerprint: fingerprint) { try move(db, fund: original.credit, received: -original.amount) }
  }

  // MARK: Reading and checking

  /// The payments (posts) of a household's cases, in ledger order.
  static func casePayments(_ db: Database, household: String) throws -> [TransferRecord] {
    try TransferRecord.fetchAll(
      db, sql: "SELECT * FROM relief_transfers WHERE kind = 'post' AND link IN (SELECT 'case:' || id FROM relief_cases WHERE household_id = ?) ORDER BY seq",
      arguments: [household])
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
