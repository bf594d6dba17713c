import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

struct VolunteersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "volunteers",
    abstract: Language.say("双拥志愿服务：组织、“2+N”志愿服务队、志愿者及其活动。", "The army-support network: organisations, \"2+N\" service groups, volunteers and their activities."),
    subcommands: [OrganisationCommand.self, GroupCommand.self, MemberCommand.self, ActivityCommand.self, Leaf<VolunteersReportCommand>.self])

  /// "2.5" hours → 150 minutes. Zero and negative values go to the daemon, which says why not.
  static func minutes(_ hours: String) throws -> Int32 {
    guard let value = Double(hours), value.isFinite, abs(value) <= 10_000 else {
      throw ValidationError(Language.say("--hours '\(hours)' 不是小时数，应写成如 2.5", "--hours '\(hours)' is not a number of hours, e.g. 2.5"))
    }
    let minutes = (value * 60).rounded()
    guard abs(value * 60 - minutes) < 0.001 else { throw ValidationError(Language.say("--hours '\(hours)' 折算后不是整分钟数", "--hours '\(hours)' is not a whole number of minutes")) }
    return Int32(minutes)
  }

  static func hours(_ minutes: some BinaryInteger) -> String {
    let value = Double(minutes) / 60
    return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value).replacingOccurrences(of: "0$", with: "", options: .regularExpression)
  }
}

struct VolunteersReportCommand: Call {
  static let configuration = CommandConfiguration(commandName: "report", abstract: Language.say("双拥志愿服务的年度统计（或用 --since 统计自某年起）。", "The network's figures for a year (or --since a year)."))
  @Option(help: .say("统计年度，如 2026。", "The year to report, e.g. 2026.")) var year: Int32
  @Option(help: .say("从这一年到 --year 合并统计。", "Report the years from this one to --year together.")) var since: Int32 = 0

  func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getReport(.with { $0.year = year; $0.fromYear = since }) }
}
