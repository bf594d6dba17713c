import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct RosterCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "roster", abstract: "The needy roster (动态管理): entry, review dates, exit.",
    subcommands: [Leaf<Enter>.self, Leaf<Exit>.self, Leaf<List>.self, Leaf<Overdue>.self])

  struct Enter: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "enter", abstract: "Put a household on the roster.")
    @Argument var household: String
    @Option var level: Word<Vets_Relief_V1_RosterLevel>
    @Option var reason: String
    @Option(help: "YYYY-MM-DD") var review: String

    func call(_ c: Clients) async throws -> some Printable { try await c.care.enterRoster(c.write { r in
      r.householdID = household
      r.level = level.value
      r.reason = reason
      r.nextReviewOn = try Dates.parse(review, option: "--review")
    }) }
  }

  struct Exit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "exit", abstract: "Take a household off the roster, with the reason.")
    @Argument var household: String
    @Option var reason: String

    func call(_ c: Clients) async throws -> some Printable { try await c.care.exitRoster(c.write {
      $0.householdID = household
      $0.reason = reason
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Households on the roster (with --history, past entries too).")
    @Flag var history = false
    @Option var household = ""
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.care.listRoster(.with {
      $0.includeHistory = history
      $0.householdID = household
      $0.page = page.proto
    }) }
  }

  struct Overdue: Call {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: "Households whose review date has passed.")

    func call(_ c: Clients) async throws -> some Printable { try await c.care.listRoster(.with { $0.overdueOnly = true }) }
  }
}
