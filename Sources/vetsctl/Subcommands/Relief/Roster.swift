import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct RosterCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "roster", abstract: "The needy roster (动态管理): entry, review dates, exit.",
    subcommands: [Leaf<Enter>.self, Leaf<Exit>.self, Leaf<List>.self, Leaf<Overdue>.self])

  struct Enter: CLICommand {
    static let configuration = CommandConfiguration(commandName: "enter", abstract: "Put a household on the roster.")
    @Argument var household: String
    @Option var level: Word<Vets_Relief_V1_RosterLevel>
    @Option var reason: String
    @Option(help: "YYYY-MM-DD") var review: String

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_EnterRosterRequest()
      r.requestID = cli.requestID
      r.householdID = household
      r.level = level.value
      r.reason = reason
      r.nextReviewOn = try Dates.parse(review, option: "--review")
      try await cli.show { try await $0.care.enterRoster(r) }
    }
  }

  struct Exit: CLICommand {
    static let configuration = CommandConfiguration(commandName: "exit", abstract: "Take a household off the roster, with the reason.")
    @Argument var household: String
    @Option var reason: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_ExitRosterRequest.with { $0.requestID = cli.requestID; $0.householdID = household; $0.reason = reason }
      try await cli.show { try await $0.care.exitRoster(r) }
    }
  }

  struct List: CLICommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Households on the roster (with --history, past entries too).")
    @Flag var history = false
    @Option var household = ""
    @OptionGroup var page: PageOptions

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_ListRosterRequest.with { $0.includeHistory = history; $0.householdID = household; $0.page = page.proto }
      try await cli.show { try await $0.care.listRoster(r) }
    }
  }

  struct Overdue: CLICommand {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: "Households whose review date has passed.")

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_ListRosterRequest.with { $0.overdueOnly = true }
      try await cli.show { try await $0.care.listRoster(r) }
    }
  }
}
