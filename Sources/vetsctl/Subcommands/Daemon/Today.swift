import ArgumentParser
import SwiftProtobuf
import VetsAPI
import VetsKit

struct TodayCommand: Call {
  static let configuration = CommandConfiguration(
    commandName: "today",
    abstract: Language.say("本令牌的今日待办：回访、困难名册复核、诉求、审批、志愿服务时长审核。", "What is due for this token today (今日待办): follow-up visits, roster reviews, appeals, approvals, hours."),
    discussion: Language.say(
      "逾期事项排在最前。镇(街道)或全县范围的令牌还会看到各村(社区)的待办数量。回访和困难名册复核提前一周列出。",
      """
      Overdue work comes first. A town or county token also gets how many items each village \
      has. Follow-up visits and roster reviews are listed from a week ahead.
      """))

  @Option(help: .say("列出多少个工作日内到期的诉求（默认 3）。", "Appeals due within this many working days are listed (default 3).", valueName: "days"))
  var within: Int32 = 3

  func check() throws {
    guard (1...30).contains(within) else { throw ValidationError(Language.say("--within 应在 1 到 30 个工作日之间", "--within must be between 1 and 30 working days")) }
  }

  func call(_ c: Clients) async throws -> some Printable {
    try await c.work.today(.with { $0.dueWithinWorkingDays = within })
  }
}

extension Vets_Daemon_V1_Worklist: Printable {
  func printTable() {
    guard !items.isEmpty else {
      Output.hint(Language.say("今天 \(Dates.text(today)) 没有待办事项。", "Nothing is due on \(Dates.text(today))."))
      return
    }
    Output.table(
      ["DUE", "WORK", "FOR", "VILLAGE", "RECORD", "SUMMARY"],
      items.map { item in
        let due = item.hasDueOn ? Dates.text(item.dueOn) + (item.overdue ? Language.say("（已逾期）", " (overdue)") : "") : "-"
        let who = item.personID.isEmpty ? item.householdID : item.personID
        return [due, Language.isChinese ? item.label : item.kind, named(who, names), named(item.divisionCode, names), item.recordID,
                dash(item.summary)]
      })
    // A town or county token sees where the work waits.
    guard Set(counts.map(\.divisionCode)).count > 1, !Output.isCSV else { return }
    let labels = Dictionary(items.map { ($0.kind, $0.label) }, uniquingKeysWith: { first, _ in first })
    print("")
    Output.table(
      ["VILLAGE", "WORK", "COUNT"],
      counts.map { [named($0.divisionCode, names), Language.isChinese ? labels[$0.kind] ?? $0.kind : $0.kind, String($0.count)] })
  }
}
