import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct RosterCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "roster", abstract: Language.say("困难台账（动态管理）：纳入、复核日期、退出。", "The needy roster (动态管理): entry, review dates, exit."),
    subcommands: [Leaf<Enter>.self, Leaf<Exit>.self, Leaf<List>.self, Leaf<Overdue>.self])

  struct Enter: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "enter", abstract: Language.say("将家庭户纳入困难台账。", "Put a household on the roster."))
    @Argument(help: .household("家庭户", "The household")) var household: Who
    @Option(help: .say("困难程度：watch 关注、needy 困难或 severe 特别困难。", "How needy the household is.")) var level: Word<Vets_Relief_V1_RosterLevel>
    @Option(help: .say("纳入困难台账的原因。", "Why the household is put on the roster.")) var reason: String
    @Option(help: .say("下次复核日期（YYYY-MM-DD）。", "YYYY-MM-DD")) var review: String

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household.householdID(c)
      return try await c.care.enterRoster(c.write { r in
        r.householdID = household
        r.level = level.value
        r.reason = reason
        r.nextReviewOn = try Dates.parse(review, option: "--review")
      })
    }
  }

  struct Exit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "exit", abstract: Language.say("将家庭户移出困难台账，须写明原因。", "Take a household off the roster, with the reason."))
    @Argument(help: .household("家庭户", "The household")) var household: Who
    @Option(help: .say("移出困难台账的原因。", "Why the household leaves the roster.")) var reason: String

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household.householdID(c)
      return try await c.care.exitRoster(c.write {
        $0.householdID = household
        $0.reason = reason
      })
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("困难台账上的家庭户（加 --history 连同以往记录）。", "Households on the roster (with --history, past entries too)."))
    @Flag(help: .say("连同已移出台账的以往记录一起列出。", "Include past entries, of households that left.")) var history = false
    @Option(help: .household("只列出这一家庭户", "Only this household")) var household: Who?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household?.householdID(c, "--household") ?? ""
      return try await c.care.listRoster(.with {
        $0.includeHistory = history
        $0.householdID = household
        $0.page = page.proto
      })
    }
  }

  struct Overdue: Call {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: Language.say("已过复核日期的家庭户。", "Households whose review date has passed."))

    func call(_ c: Clients) async throws -> some Printable { try await c.care.listRoster(.with { $0.overdueOnly = true }) }
  }
}
