import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct ReliefCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "relief", abstract: "The relief fund (帮扶基金): accounts, deposits, balances and the ledger.",
    subcommands: [
      FundCommand.self, CaseCommand.self, RosterCommand.self, CampaignCommand.self, VisitCommand.self, Leaf<ReliefReportCommand>.self,
    ])
}

struct ReliefReportCommand: Call {
  static let configuration = CommandConfiguration(commandName: "report", abstract: "The relief figures for a year.")
  @Option var year: Int32

  func call(_ c: Clients) async throws -> some Printable { try await c.care.getReport(.with { $0.year = year }) }
}
