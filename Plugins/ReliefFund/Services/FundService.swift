import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The fund ledger over gRPC: accounts, deposits, reversals, balances and the ledger.
struct FundService: Vets_Relief_V1_FundService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "CreateAccount": .write(.admin),
    "ListAccounts": .read(.admin, .clerk, .approver, .auditor),
    "Deposit": .write(.admin, .clerk).countyWide,
    "ReverseTransfer": .write(.admin),
    "GetBalance": .read(.admin, .clerk, .approver, .auditor),
    "ListTransfers": .read(.admin, .clerk, .approver, .auditor).countyWide,
  ]

  let database: VetsDatabase
  let settings: ModuleSettings<ReliefConfig>
  /// The largest deposit, in fen.
  var depositCeiling: Int64 { settings.current.depositCeilingYuan * 100 }

  static func code(_ text: String, field: String) throws(VetsError) -> String {
    guard (1...40).contains(text.utf8.count),
      text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
    else {
      throw .invalidArgument(field: field, rule: "must be 1-40 lower-case letters, digits or '-', e.g. assistance")
    }
    return text
  }

  /// Client transfer ids never contain ':', which the module's own ids (case:..:reserve) use.
  static func transferID(_ text: String, fallback: String) throws(VetsError) -> String {
    let id = text.isEmpty ? fallback : text
    try Validate.requestID(id, field: "transfer_id")
    guard !id.contains(":") else { throw .invalidArgument(field: "transfer_id", rule: "must not contain ':'") }
    return id
  }

  /// The fund is the county's: only county-scoped tokens move money in or read the ledger.
  /// The rule table says so for this service's own calls; other modules' deposits
  /// (`ReliefDeposits`) check it here.
  static func requireCounty(_ caller: Caller = CallContext.now.caller) throws(VetsError) {
    guard caller.scope == .county else {
      throw .permissionDenied("the fund ledger is the county's; this token's scope is \(caller.scope)")
    }
  }

  var context: FundLedger.Context { FundLedger.Context(now: database.clock.now(), by: CallContext.now.caller.tokenID) }

  func createAccount(request: Vets_Relief_V1_CreateAccountRequest, context: ServerContext) async throws -> Vets_Relief_V1_Account {
    let code = try Self.code(request.code, field: "code")
    let name = try Validate.name(request.name, field: "name", max: 100)
    let clock = database.clock
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let now = clock.now()
      try FundLedger.createAccount(db, code: code, name: name, kind: request.kind, now: now)
      var account = Vets_Relief_V1_Account()
      account.code = code
      account.name = name
      account.kind = request.kind
      account.createdAt = Google_Protobuf_Timestamp(date: now)
      return Mutation(account, targets: ["account:\(code)"])
    }
  }

  func listAccounts(request: Vets_Relief_V1_ListAccountsRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_ListAccountsResponse
  {
    let page = try Page(request.page)
    let accounts = try await database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT code, name, kind, created_at FROM relief_accounts WHERE code > ? ORDER BY code LIMIT ?",
        arguments: [page.after ?? "", page.size]
      ).map { row in
        var a = Vets_Relief_V1_Account()
        a.code = row["code"]
        a.name = row["name"]
        a.kind = FundLedger.accountKinds.first { $0.1 == (row["kind"] as String) }?.0 ?? .unspecified
        if let at = Instant.date(row["created_at"]) { a.createdAt = Google_Protobuf_Timestamp(date: at) }
        return a
      }
    }
    var response = Vets_Relief_V1_ListAccountsResponse()
    response.accounts = accounts
    response.nextPageToken = page.nextToken(lastKey: accounts.last?.code, count: accounts.count)
    return response
  }

  func deposit(request: Vets_Relief_V1_DepositRequest, context: ServerContext) async throws -> Vets_Relief_V1_Transfer {
    let id = try Self.transferID(request.transferID, fallback: request.requestID)
    let fund = try Self.code(request.fund, field: "fund")
    let source = try Self.code(request.source, field: "source")
    let amount = try Money.amount(request.amount, field: "amount", ceiling: depositCeiling)
    let memo = try Validate.text(request.memo, field: "memo", max: 500, required: false)
    let link = try Validate.text(request.link, field: "link", max: 100, required: false)
    let ledgerContext = self.context
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let t = try FundLedger.deposit(db, id: id, fund: fund, source: source, amount: amount, memo: memo, link: link, ledgerContext)
      return Mutation(Self.proto(t), targets: ["transfer:\(t.id)", "account:\(fund)"])
    }
  }

  func reverseTransfer(request: Vets_Relief_V1_ReverseTransferRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_Transfer
  {
    let id = try Self.transferID(request.transferID, fallback: request.requestID)
    try Validate.requestID(request.reverses, field: "reverses")
    let memo = try Validate.text(request.memo, field: "memo", max: 500)
    let ledgerContext = self.context
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let t = try FundLedger.reverse(db, id: id, reverses: request.reverses, memo: memo, ledgerContext)
      return Mutation(Self.proto(t), targets: ["transfer:\(t.id)", "transfer:\(request.reverses)"])
    }
  }

  func getBalance(request: Vets_Relief_V1_GetBalanceRequest, context: ServerContext) async throws -> Vets_Relief_V1_Balance {
    let fund = try Self.code(request.fund, field: "fund")
    let b = try await database.read { db in try FundLedger.balance(db, fund: fund) }
    var balance = Vets_Relief_V1_Balance()
    balance.fund = fund
    balance.received = Money.proto(b.received)
    balance.reserved = Money.proto(b.reserved)
    balance.paid = Money.proto(b.paid)
    balance.available = Money.proto(b.available)
    return balance
  }

  func listTransfers(request: Vets_Relief_V1_ListTransfersRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_ListTransfersResponse
  {
    let fund = try Self.code(request.fund, field: "fund")
    let page = try Page(request.page)
    guard let before = Int64(page.after ?? String(Int64.max)) else {
      throw VetsError.invalidArgument(field: "page.page_token", rule: "is not a token this server issued")
    }
    // Dates are the bureau's local (UTC+8) days; instants are stored in UTC.
    let from = try CalendarDate.optional(request.fromDate, field: "from_date").map { Instant.text($0.startOfLocalDay) } ?? ""
    let to = try CalendarDate.optional(request.to, field: "to").map { Instant.text($0.adding(days: 1).startOfLocalDay) } ?? "~"
    guard from < to else { throw VetsError.invalidArgument(field: "to", rule: "must not be before from") }
    let rows = try await database.read { db in
      guard try FundLedger.accountKind(db, fund) == "fund" else { throw VetsError.notFound("no fund \(quoted: fund)") }
      return try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM relief_transfers WHERE (debit_account = ? OR credit_account = ?) AND seq < ?
            AND created_at >= ? AND created_at < ? ORDER BY seq DESC LIMIT ?
          """,
        arguments: [fund, fund, before, from, to, page.size]
      ).map { (seq: $0["seq"] as Int64, transfer: FundLedger.record($0)) }
    }
    var response = Vets_Relief_V1_ListTransfersResponse()
    response.transfers = rows.map { Self.proto($0.transfer) }
    response.nextPageToken = page.nextToken(lastKey: rows.last.map { String($0.seq) }, count: rows.count)
    return response
  }

  static func proto(_ t: TransferRecord) -> Vets_Relief_V1_Transfer {
    var p = Vets_Relief_V1_Transfer()
    p.id = t.id
    p.kind = t.kind
    p.debitAccount = t.debit
    p.creditAccount = t.credit
    p.amount = Money.proto(t.amount)
    p.pendingID = t.pendingID ?? ""
    p.memo = t.memo
    p.link = t.link
    if let at = Instant.date(t.createdAt) { p.createdAt = Google_Protobuf_Timestamp(date: at) }
    p.createdBy = t.createdBy
    return p
  }
}
