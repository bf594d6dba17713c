import ArgumentParser
import SwiftProtobuf
import VetsAPI
import VetsKit

/// `vetsctl report county`: one report from every enabled module.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: Language.say("汇总所有已启用模块的统计报表。", "Reports assembled from every enabled module."), subcommands: [Leaf<County>.self])

  struct County: Call {
    static let configuration = CommandConfiguration(
      commandName: "county",
      abstract: Language.say("全县年度统计：人员、帮扶个案和发放、走访、拥军联盟、志愿服务。", "The county's figures for a year: people, cases and payments, visits, the alliance, volunteers."),
      discussion: Language.say("表格和 CSV 中金额以元为单位，JSON（--output json）中以分为单位，与接口传输一致。", "Money is in yuan in the table and CSV, and in fen in JSON (--output json), as everywhere on the wire."))

    @Option(help: .say("统计年度，如 2026；不填为今年。", "The year, e.g. 2026; this year when left out.")) var year: Int32?

    func call(_ c: Clients) async throws -> some Printable {
      try await c.report.getCountyReport(.with { $0.year = year ?? Dates.today.year })
    }
  }
}

extension Vets_Daemon_V1_CountyReport: Printable {
  func printTable() {
    if Output.isCSV {
      Output.table(
        ["module", "key", "label", "value"],
        sections.flatMap { section in section.figures.map { [section.module, $0.key, Self.label($0), Self.value($0)] } })
      return
    }
    print(Language.say("\(year) 年全县统计报表（\(Dates.stamp(generatedAt)) 生成）", "County report \(year), generated \(Dates.stamp(generatedAt))"))
    for section in sections {
      print("\n" + (Language.isChinese || section.titleEn.isEmpty ? section.title : section.titleEn))
      Output.table(["FIGURE", "VALUE"], section.figures.map { [Self.label($0), Self.value($0)] })
    }
  }

  /// The label in the clerk's language; a module that gives no English keeps its own words.
  static func label(_ figure: Vets_Daemon_V1_ReportFigure) -> String {
    Language.isChinese || figure.labelEn.isEmpty ? figure.label : figure.labelEn
  }

  static func value(_ figure: Vets_Daemon_V1_ReportFigure) -> String {
    figure.money ? Money.yuan(figure.value) : String(figure.value)
  }
}
