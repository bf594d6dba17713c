import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// The appeal's later steps: notes, the outcome, the return visit, and what it leads to.
extension AppealsCommand {
  struct Note: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "note", abstract: "Record progress; --visible puts it in the timeline the person reads.")
    @Argument var appeal: String
    @Option var text: String
    @Flag(help: "The person may read it (default: internal).") var visible = false

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.addNote(c.write { r in
      r.appealID = appeal
      r.text = text
      r.visibleToPerson = visible
    }) }
  }

  struct Resolve: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Record the outcome and the measures taken.")
    @Argument var appeal: String
    @Option var outcome: String
    @Option var measures: String

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.resolveAppeal(c.write { r in
      r.appealID = appeal
      r.outcome = outcome
      r.measures = measures
    }) }
  }

  struct ReturnVisit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "return-visit", abstract: "Record whether the person is satisfied.")
    @Argument var appeal: String
    @Option(help: "satisfied, basically_satisfied or dissatisfied.") var satisfaction: Word<Vets_Appeals_V1_Satisfaction>
    @Option(help: "What the person said (required when dissatisfied).") var comment = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.recordReturnVisit(c.write { r in
      r.appealID = appeal
      r.satisfaction = satisfaction.value
      r.comment = comment
    }) }
  }

  struct Reopen: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen once after a dissatisfied return visit.")
    @Argument var appeal: String
    @Option var reason: String

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.reopenAppeal(c.write {
      $0.appealID = appeal
      $0.reason = reason
    }) }
  }

  struct Close: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a return-visited or out-of-policy appeal.")
    @Argument var appeal: String

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.closeAppeal(c.write { $0.appealID = appeal }) }
  }

  struct ReliefCase: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "relief-case", abstract: "Open an assistance case for the household of a hardship appeal (needs the relief module).")
    @Argument var appeal: String

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.openReliefCase(c.write { $0.appealID = appeal }) }
  }

}

/// Reading appeals.
extension AppealsCommand {
  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An appeal with its tasks, holds and whole timeline.")
    @Argument var appeal: String

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.getAppeal(.with { $0.id = appeal }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List appeals in your scope.")
    @Option var state: Word<Vets_Appeals_V1_AppealState>?
    @Option(help: ArgumentHelp("Only this category.", valueName: "category")) var category: Word<Vets_Appeals_V1_Category>?
    @Option var station = ""
    @Option var person = ""
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.listAppeals(.with { r in
      if let state { r.state = state.value }
      if let category { r.category = category.value }
      r.stationID = station
      r.personID = person
      r.page = page.proto
    }) }
  }

  struct Overdue: Call {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: "Appeals past their due date, most overdue first.")
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.listOverdue(.with { $0.page = page.proto }) }
  }

  struct Timeline: Call {
    static let configuration = CommandConfiguration(
      commandName: "timeline", abstract: "What the person may read, for a printed reply: internal notes left out.")
    @Argument var appeal: String

    func call(_ c: Clients) async throws -> some Printable { try await c.appeals.getTimeline(.with { $0.appealID = appeal }) }
  }

  struct Reply: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "reply",
      abstract: "Print the written reply (答复单) to hand to the person, in Chinese: the request, what was done, the answer.")
    @Argument var appeal: String

    func run(_ cli: CLI) async throws {
      let timeline = try await cli.call { c in try await c.appeals.getTimeline(.with { $0.appealID = appeal }) }
      try cli.show(timeline) { print(timeline.reply) }
    }
  }
}
