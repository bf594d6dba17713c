import ArgumentParser
import Foundation
import VetsAPI
import VetsKit

struct ReliefCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "relief", abstract: "The relief fund (帮扶基金): accounts, deposits, balances and the ledger.",
    subcommands: [FundCommand.self, CaseCommand.self, RosterCommand.self, CampaignCommand.self, VisitCommand.self, ReliefReportCommand.self])
}

struct FundCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fund", abstract: "Fund accounts and their ledger.",
    subcommands: [Create.self, Deposit.self, Reverse.self, Balance.self, Ledger.self, Export.self, Accounts.self])

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case fund, source
    var proto: Vets_Relief_V1_AccountKind { self == .fund ? .fund : .source }
  }

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a fund or an income source.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Short code, e.g. assistance or county-budget.") var code: String
    @Option(help: "The account's name, e.g. 退役军人帮扶基金.") var name: String
    @Option(help: "fund (holds money) or source (where money comes from).") var kind: Kind = .fund

    func run() async throws {
      var request = Vets_Relief_V1_CreateAccountRequest()
      request.requestID = global.effectiveRequestID
      request.code = code
      request.name = name
      request.kind = kind.proto
      let daemon = Daemon(options: global)
      let account = try await daemon.call { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client)
          .createAccount(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(account)
      case .table, .csv: Output.fields([("code", account.code), ("name", account.name), ("kind", kind.rawValue)])
      }
    }
  }

  struct Accounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List funds and sources.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client)
          .listAccounts(Vets_Relief_V1_ListAccountsRequest(), metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(["CODE", "NAME", "KIND"], response.accounts.map { [$0.code, $0.name, kindName($0.kind)] })
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Deposit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: "Record money coming into a fund.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The fund's code.") var fund: String
    @Option(help: "The source account's code.") var from: String
    @Option(help: "Yuan with at most 2 decimals, e.g. 5000.00.") var amount: String
    @Option(help: "What the money is.") var memo = ""
    @Option(help: "What it is for: case:<id>, visit:<id>, activity:<id>.") var link = ""
    @Option(help: "The transfer's id (default: the request id). A retry with the same id deposits once.") var transferID: String?

    func run() async throws {
      var request = Vets_Relief_V1_DepositRequest()
      request.requestID = global.effectiveRequestID
      request.transferID = transferID ?? request.requestID
      request.fund = fund
      request.source = from
      do {
        request.amount = Money.proto(try Money.fen(yuan: amount, field: "--amount"))
      } catch {
        throw ValidationError(error.message)
      }
      request.memo = memo
      request.link = link
      let daemon = Daemon(options: global)
      let transfer = try await daemon.call { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client).deposit(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      try printTransfer(transfer, global)
    }
  }

  struct Reverse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reverse", abstract: "Undo a deposit with a reversing transfer (never an edit).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The deposit's transfer id.") var deposit: String
    @Option(help: "Why it is reversed.") var memo: String

    func run() async throws {
      var request = Vets_Relief_V1_ReverseTransferRequest()
      request.requestID = global.effectiveRequestID
      request.transferID = request.requestID
      request.reverses = deposit
      request.memo = memo
      let daemon = Daemon(options: global)
      let transfer = try await daemon.call { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client)
          .reverseTransfer(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      try printTransfer(transfer, global)
    }
  }

  struct Balance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Received, reserved, paid and available.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The fund's code.") var fund: String

    func run() async throws {
      var request = Vets_Relief_V1_GetBalanceRequest()
      request.fund = fund
      let daemon = Daemon(options: global)
      let balance = try await daemon.call { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client).getBalance(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(balance)
      case .table, .csv:
        Output.fields([
          ("fund", balance.fund), ("received", Money.yuan(balance.received.fen)), ("reserved", Money.yuan(balance.reserved.fen)),
          ("paid", Money.yuan(balance.paid.fen)), ("available", Money.yuan(balance.available.fen)),
        ])
      }
    }
  }

  struct Ledger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "A fund's transfers, newest first.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The fund's code.") var fund: String
    @Option(help: "From this day (YYYY-MM-DD, bureau time).") var from: String?
    @Option(help: "To this day, inclusive.") var to: String?
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = Vets_Relief_V1_ListTransfersRequest()
      request.fund = fund
      do {
        if let from { request.fromDate = try CalendarDate(iso: from, field: "--from").proto }
        if let to { request.to = try CalendarDate(iso: to, field: "--to").proto }
      } catch {
        throw ValidationError(error.message)
      }
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client).listTransfers(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["TIME", "ID", "KIND", "FROM", "TO", "AMOUNT", "MEMO", "LINK"],
          response.transfers.map { t in
            [Output.time(t.createdAt), t.id, transferKind(t.kind), t.debitAccount, t.creditAccount, Money.yuan(t.amount.fen),
             t.memo.isEmpty ? "-" : t.memo, t.link.isEmpty ? "-" : t.link]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}

extension FundCommand {
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write a fund's whole ledger as CSV (UTF-8 with BOM), oldest last.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The fund's code.") var fund: String
    @Option(help: "The CSV file to write; it must not exist.") var file: String

    func run() async throws {
      guard !FileManager.default.fileExists(atPath: file) else {
        throw CLIError("\(file) already exists; choose a new file name", exitCode: Exit.usage)
      }
      var csv = "\u{FEFF}" + CSV.line(["time", "transfer", "kind", "from", "to", "amount_yuan", "memo", "link", "by"])
      var request = Vets_Relief_V1_ListTransfersRequest()
      request.fund = fund
      request.page.pageSize = 500
      let daemon = Daemon(options: global)
      try await daemon.call { client in
        let service = Vets_Relief_V1_FundService.Client(wrapping: client)
        repeat {
          let page = try await service.listTransfers(request, metadata: daemon.metadata, options: daemon.callOptions)
          for t in page.transfers {
            csv += CSV.line(
              [Output.time(t.createdAt), t.id, transferKind(t.kind), t.debitAccount, t.creditAccount, Money.yuan(t.amount.fen),
               t.memo, t.link, t.createdBy], guardFormulas: true)
          }
          request.page.pageToken = page.nextPageToken
        } while !request.page.pageToken.isEmpty
      }
      guard FileManager.default.createFile(atPath: file, contents: Data(csv.utf8), attributes: [.posixPermissions: 0o600]) else {
        throw CLIError("cannot write \(file)")
      }
    }
  }
}

func kindName(_ kind: Vets_Relief_V1_AccountKind) -> String {
  switch kind {
  case .fund: "fund"
  case .source: "source"
  case .payout: "payout"
  default: "unknown"
  }
}

func transferKind(_ kind: Vets_Relief_V1_TransferKind) -> String {
  switch kind {
  case .deposit: "deposit"
  case .pending: "reserved"
  case .post: "paid"
  case .void: "released"
  case .reversal: "reversal"
  default: "unknown"
  }
}

func printTransfer(_ t: Vets_Relief_V1_Transfer, _ global: GlobalOptions) throws {
  switch global.output {
  case .json: try Output.json(t)
  case .table, .csv:
    Output.fields([
      ("transfer", t.id), ("kind", transferKind(t.kind)), ("from", t.debitAccount), ("to", t.creditAccount),
      ("amount", Money.yuan(t.amount.fen)), ("memo", t.memo.isEmpty ? "-" : t.memo), ("time", Output.time(t.createdAt)),
    ])
  }
}
