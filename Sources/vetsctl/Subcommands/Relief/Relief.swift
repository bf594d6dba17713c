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

struct ReliefReportCommand: CLICommand {
  static let configuration = CommandConfiguration(commandName: "report", abstract: "The relief figures for a year.")
  @Option var year: Int32

  func run(_ cli: CLI) async throws {
    let r = Vets_Relief_V1_GetReportRequest.with { $0.year = year }
    try await cli.show { try await $0.care.getReport(r) }
  }
}
