import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

struct FundCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fund", abstract: Language.say("基金账户及其流水。", "Fund accounts and their ledger."),
    subcommands: [
      Leaf<Create>.self, Leaf<Deposit>.self, Leaf<Reverse>.self, Leaf<Balance>.self, Leaf<Ledger>.self, Leaf<Export>.self,
      Leaf<Accounts>.self,
    ])

  struct Create: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "create", abstract: Language.say("新建基金账户或资金来源。", "Create a fund or an income source."))
    @Argument(help: .say("简短代码，如 assistance 或 county-budget。", "Short code, e.g. assistance or county-budget.")) var code: String
    @Option(help: .say("账户名称，如 退役军人帮扶基金。", "The account's name, e.g. 退役军人帮扶基金.")) var name: String
    @Option(help: .say("fund 基金账户（存放资金）或 source 资金来源（资金从哪里来）。", "fund (holds money) or source (where money comes from).")) var kind = Word(Vets_Relief_V1_AccountKind.fund)

    func call(_ c: Clients) async throws -> some Printable { try await c.fund.createAccount(c.write { r in
      r.code = code
      r.name = name
      r.kind = kind.value
    }) }
  }

  struct Accounts: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出基金账户和资金来源。", "List funds and sources."))

    func call(_ c: Clients) async throws -> some Printable { try await c.fund.listAccounts(Vets_Relief_V1_ListAccountsRequest()) }
  }

  struct Deposit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: Language.say("登记资金入账。", "Record money coming into a fund."))
    @Option(help: .say("入账的基金账户代码。", "The fund's code.")) var fund: String
    @Option(help: .say("资金来源代码。", "The source account's code.")) var from: String
    @Option(help: .say("金额（元），最多两位小数，如 5000.00。", "Yuan with at most 2 decimals, e.g. 5000.00.")) var amount: String
    @Option(help: .say("款项说明。", "What the money is.")) var memo = ""
    @Option(help: .say("用途：case:<id> 帮扶个案、visit:<id> 走访慰问、activity:<id> 志愿服务活动。", "What it is for: case:<id>, visit:<id>, activity:<id>.")) var link = ""
    @Option(help: .say("流水编号（默认取请求编号）。用同一编号重试，只入账一次。", "The transfer's id (default: the request id). A retry with the same id deposits once.")) var transferID: String?

    func call(_ c: Clients) async throws -> some Printable { try await c.fund.deposit(c.write { r in
      r.transferID = transferID ?? r.requestID
      r.fund = fund
      r.source = from
      r.amount = try Yuan.parse(amount, option: "--amount")
      r.memo = memo
      r.link = link
    }) }
  }

  struct Reverse: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "reverse", abstract: Language.say("以一笔冲正流水撤销入账（不修改原流水）。", "Undo a deposit with a reversing transfer (never an edit)."))
    @Argument(help: .say("要冲正的入账流水编号。", "The deposit's transfer id.")) var deposit: String
    @Option(help: .say("冲正原因。", "Why it is reversed.")) var memo: String

    func call(_ c: Clients) async throws -> some Printable { try await c.fund.reverseTransfer(c.write { r in
      r.transferID = r.requestID
      r.reverses = deposit
      r.memo = memo
    }) }
  }

  struct Balance: Call {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: Language.say("查看已入账、预留、已发放和可用余额。", "Received, reserved, paid and available."))
    @Argument(help: .say("基金账户代码。", "The fund's code.")) var fund: String

    func call(_ c: Clients) async throws -> some Printable { try await c.fund.getBalance(.with { $0.fund = fund }) }
  }

  struct Ledger: Call {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: Language.say("基金账户的流水，最新的在前。", "A fund's transfers, newest first."))
    @Argument(help: .say("基金账户代码。", "The fund's code.")) var fund: String
    @Option(help: .say("起始日期（YYYY-MM-DD，按本局时区）。", "From this day (YYYY-MM-DD, bureau time).")) var from: String?
    @Option(help: .say("截止日期（含当天）。", "To this day, inclusive.")) var to: String?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.fund.listTransfers(.with { r in
      r.fund = fund
      if let from { r.fromDate = try Dates.parse(from, option: "--from") }
      if let to { r.to = try Dates.parse(to, option: "--to") }
      r.page = page.proto
    }) }
  }

  struct Export: CLICommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: Language.say("将基金账户的全部流水导出为 CSV 文件（UTF-8，带 BOM），最早的在最后。", "Write a fund's whole ledger as CSV (UTF-8 with BOM), oldest last."))
    @Argument(help: .say("基金账户代码。", "The fund's code.")) var fund: String
    @Option(help: .say("要写入的 CSV 文件；不能是已有的文件。", "The CSV file to write; it must not exist.")) var file: String

    func run(_ cli: CLI) async throws {
      guard !FileManager.default.fileExists(atPath: file) else {
        throw CLIError(Language.say("文件 \(file) 已存在，请换一个文件名", "\(file) already exists; choose a new file name"), exitCode: Exit.usage)
      }
      // Codes and names in columns of their own, so that a spreadsheet can filter by either.
      let header = ["TIME", "ID", "KIND", "FROM", "FROM NAME", "TO", "TO NAME", "YUAN", "MEMO", "LINK", "FOR", "BY"]
      var csv = "\u{FEFF}" + CSV.line(header.map(Language.heading))
      var r = Vets_Relief_V1_ListTransfersRequest.with { $0.fund = fund; $0.page.pageSize = 500 }
      try await cli.call { services in
        repeat {
          let page = try await services.fund.listTransfers(r)
          for t in page.transfers {
            csv += CSV.line(
              [Dates.stamp(t.createdAt), t.id, word(t.kind), t.debitAccount, page.names[t.debitAccount] ?? "",
               t.creditAccount, page.names[t.creditAccount] ?? "", Money.yuan(t.amount.fen), t.memo, t.link,
               Vets_Relief_V1_ListTransfersResponse.linkName(t.link, page.names) ?? "", t.createdBy], guardFormulas: true)
          }
          r.page.pageToken = page.nextPageToken
        } while !r.page.pageToken.isEmpty
      }
      guard FileManager.default.createFile(atPath: file, contents: Data(csv.utf8), attributes: [.posixPermissions: 0o600]) else {
        throw CLIError(Language.say("无法写入文件 \(file)", "cannot write \(file)"))
      }
    }
  }
}
