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
  let directory: any PersonDirectory
  let settings: ModuleSettings<ReliefConfig>
  /// The largest deposit, in fen.
  var depositCeiling: Int64 { settings.current.depositCeilingYuan * 100 }

  func createAccount(request: Vets_Relief_V1_CreateAccountRequest, context: ServerContext) async throws -> Vets_Relief_V1_Account {
    let code = try FundRules.code(request.code, field: "code")
    let name = try Validate.name(request.name, field: "name", max: 100)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try FundLedger.createAccount(db, code: code, name: name, kind: request.kind, now: call.now)
      var account = Vets_Relief_V1_Account()
      account.code = code
      account.name = name
      account.kind = request.kind
      account.createdAt = Google_Protobuf_Timestamp(date: call.now)
      return Mutation(account, targets: ["account:\(code)"])
    }
  }

  func listAccounts(request: Vets_Relief_V1_ListAccountsRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_ListAccountsResponse
  {
    let page = try Page(request.page)
    let accounts = try await database.read { db in try FundLedger.accounts(db, after: page.after(String.self) ?? "", limit: page.size) }
    var response = Vets_Relief_V1_ListAccountsResponse()
    response.accounts = accounts
    response.nextPageToken = page.nextToken(last: accounts.last?.code, count: accounts.count)
    return response
  }

  func deposit(request: Vets_Relief_V1_DepositRequest, context: ServerContext) async throws -> Vets_Relief_V1_Transfer {
    let id = try FundRules.transferID(request.transferID, fallback: request.requestID)
    let fund = try FundRules.code(request.fund, field: "fund")
    let source = try FundRules.code(request.source, field: "source")
    let amount = try Money.amount(request.amount, field: "amount", ceiling: depositCeiling)
    let memo = try Validate.text(request.memo, field: "memo", max: 500, required: false)
    let link = try Validate.text(request.link, field: "link", max: 100, required: false)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let t = try FundLedger.deposit(
        db, id: id, fund: fund, source: source, amount: amount, memo: memo, link: link, FundLedger.context(call))
      return Mutation(t.proto, targets: ["transfer:\(t.id)", "account:\(fund)"])
    }
  }

  func reverseTransfer(request: Vets_Relief_V1_ReverseTransferRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_Transfer
  {
    let id = try FundRules.transferID(request.transferID, fallback: request.requestID)
    try Validate.requestID(request.reverses, field: "reverses")
    let memo = try Validate.text(request.memo, field: "memo", max: 500)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let t = try FundLedger.reverse(db, id: id, reverses: request.reverses, memo: memo, FundLedger.context(call))
      return Mutation(t.proto, targets: ["transfer:\(t.id)", "transfer:\(request.reverses)"])
    }
  }

  func getBalance(request: Vets_Relief_V1_GetBalanceRequest, context: ServerContext) async throws -> Vets_Relief_V1_Balance {
    let fund = try FundRules.code(request.fund, field: "fund")
    let (b, names) = try await database.read { db in
      (try FundLedger.balance(db, fund: fund), try FundLedger.accountNames(db, codes: [fund]))
    }
    var balance = Vets_Relief_V1_Balance()
    balance.fund = fund
    balance.fundName = names[fund] ?? ""
    balance.received = Money.proto(b.received)
    balance.reserved = Money.proto(b.reserved)
    balance.paid = Money.proto(b.paid)
    balance.available = Money.proto(b.available)
    return balance
  }

  func listTransfers(request: Vets_Relief_V1_ListTransfersRequest, context: ServerContext) async throws
    -> Vets_Relief_V1_ListTransfersResponse
  {
    let fund = try FundRules.code(request.fund, field: "fund")
    let page = try Page(request.page)
    let before = try page.after(Int64.self) ?? .max
    // Dates are the bureau's local (UTC+8) days; instants are stored in UTC.
    let from = try CalendarDate.optional(request.fromDate, field: "from_date").map { Instant.text($0.startOfLocalDay) } ?? ""
    let to = try CalendarDate.optional(request.to, field: "to").map { Instant.text($0.adding(days: 1).startOfLocalDay) } ?? "~"
    guard from < to else { throw VetsError.invalidArgument(field: "to", rule: "must not be before from") }
    let (rows, accounts, owners) = try await database.read { db in
      let rows = try FundLedger.transfers(db, fund: fund, before: before, from: from, to: to, limit: page.size)
      let transfers = rows.map(\.transfer)
      return (
        rows, try FundLedger.accountNames(db, codes: Set(transfers.flatMap { [$0.debit, $0.credit] })),
        try FundLedger.linkOwners(db, links: transfers.map(\.link))
      )
    }
    var response = Vets_Relief_V1_ListTransfersResponse()
    response.transfers = rows.map(\.transfer.proto)
    let people = try await directory.names(of: Set(owners.values))
    response.names = accounts.merging(owners.compactMapValues { people[$0] }) { account, _ in account }
    response.nextPageToken = page.nextToken(last: rows.last?.seq, count: rows.count)
    return response
  }
}
