import ArgumentParser
import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// `vetsctl report county`: one report from every enabled module.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "Reports assembled from every enabled module.", subcommands: [County.self])

  struct County: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "county",
      abstract: "The county's figures for a year: people, cases and payments, visits, the alliance, volunteers.",
      discussion: "Money is in yuan in the table and CSV, and in fen in JSON (--output json), as everywhere on the wire.")

    @OptionGroup var global: GlobalOptions
    @Option var year: Int32

    func run() async throws {
      var request = Vets_Daemon_V1_GetCountyReportRequest()
      request.year = year
      let daemon = Daemon(options: global)
      let report = try await daemon.call { client in
        try await Vets_Daemon_V1_ReportService.Client(wrapping: client).getCountyReport(
          request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(report)
      case .csv:
        Output.table(
          ["module", "key", "label", "value"],
          report.sections.flatMap { section in section.figures.map { [section.module, $0.key, $0.label, Self.value($0)] } })
      case .table:
        print("County report \(report.year), generated \(Output.time(report.generatedAt))")
        for section in report.sections {
          print("\n\(section.title)")
          Output.table(["FIGURE", "VALUE"], section.figures.map { [$0.label, Self.value($0)] })
        }
      }
    }

    static func value(_ figure: Vets_Daemon_V1_ReportFigure) -> String {
      figure.money ? Money.yuan(figure.value) : String(figure.value)
    }
  }
}
