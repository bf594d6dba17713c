import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct ReliefCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "relief", abstract: Language.say(
      "困难帮扶：帮扶基金的账户和流水、一户一策的帮扶个案和审批、困难台账、走访慰问。",
      "Relief (帮扶): the fund's accounts and ledger, one-plan-per-household cases and their approval, the needy roster, visits."),
    subcommands: [
      FundCommand.self, CaseCommand.self, RosterCommand.self, CampaignCommand.self, VisitCommand.self, Leaf<ReliefReportCommand>.self,
    ])
}

struct ReliefReportCommand: Call {
  static let configuration = CommandConfiguration(commandName: "report", abstract: Language.say("某一年度的帮扶统计数据。", "The relief figures for a year."))
  @Option(help: .say("统计年度，如 2026。", "The year to report, e.g. 2026.")) var year: Int32

  func call(_ c: Clients) async throws -> some Printable { try await c.care.getReport(.with { $0.year = year }) }
}
