import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// The appeal's later steps: notes, the outcome, the return visit, and what it leads to.
extension AppealsCommand {
  struct Note: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "note", abstract: "Record progress; --visible puts it in the timeline the person reads.")
    @Argument var appeal: String
    @Option var text: String
    @Flag(help: "The person may read it (default: internal).") var visible = false

    func run(_ cli: CLI) async throws {
      var r = Vets_Appeals_V1_AddNoteRequest()
      r.requestID = cli.requestID
      r.appealID = appeal
      r.text = text
      r.visibleToPerson = visible
      try await cli.show { try await $0.appeals.addNote(r) }
    }
  }

  struct Resolve: CLICommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Record the outcome and the measures taken.")
    @Argument var appeal: String
    @Option var outcome: String
    @Option var measures: String

    func run(_ cli: CLI) async throws {
      var r = Vets_Appeals_V1_ResolveAppealRequest()
      r.requestID = cli.requestID
      r.appealID = appeal
      r.outcome = outcome
      r.measures = measures
      try await cli.show { try await $0.appeals.resolveAppeal(r) }
    }
  }

  struct ReturnVisit: CLICommand {
    static let configuration = CommandConfiguration(commandName: "return-visit", abstract: "Record whether the person is satisfied.")
    @Argument var appeal: String
    @Option(help: "satisfied, basically_satisfied or dissatisfied.") var satisfaction: Word<Vets_Appeals_V1_Satisfaction>
    @Option(help: "What the person said (required when dissatisfied).") var comment = ""

    func run(_ cli: CLI) async throws {
      var r = Vets_Appeals_V1_RecordReturnVisitRequest()
      r.requestID = cli.requestID
      r.appealID = appeal
      r.satisfaction = satisfaction.value
      r.comment = comment
      try await cli.show { try await $0.appeals.recordReturnVisit(r) }
    }
  }

  struct Reopen: CLICommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen once after a dissatisfied return visit.")
    @Argument var appeal: String
    @Option var reason: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Appeals_V1_ReopenAppealRequest.with { $0.requestID = cli.requestID; $0.appealID = appeal; $0.reason = reason }
      try await cli.show { try await $0.appeals.reopenAppeal(r) }
    }
  }

  struct Close: CLICommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a return-visited or out-of-policy appeal.")
    @Argument var appeal: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Appeals_V1_CloseAppealRequest.with { $0.requestID = cli.requestID; $0.appealID = appeal }
      try await cli.show { try await $0.appeals.closeAppeal(r) }
    }
  }

  struct ReliefCase: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "relief-case", abstract: "Open an assistance case for the household of a hardship appeal (needs the relief module).")
    @Argument var appeal: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Appeals_V1_OpenReliefCaseRequest.with { $0.requestID = cli.requestID; $0.appealID = appeal }
      try await cli.show { try await $0.appeals.openReliefCase(r) }
    }
  }

}

/// Reading appeals.
extension AppealsCommand {
  struct Show: CLICommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An appeal with its tasks, holds and whole timeline.")
    @Argument var appeal: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Appeals_V1_GetAppealRequest.with { $0.id = appeal }
      try await cli.show { try await $0.appeals.getAppeal(r) }
    }
  }

  struct List: CLICommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List appeals in your scope.")
    @Option var state: Word<Vets_Appeals_V1_AppealState>?
    @Option(help: ArgumentHelp("Only this category.", valueName: "category")) var category: Word<Vets_Appeals_V1_Category>?
    @Option var station = ""
    @Option var person = ""
    @OptionGroup var page: PageOptions

    func run(_ cli: CLI) async throws {
      var r = Vets_Appeals_V1_ListAppealsRequest()
      if let state { r.state = state.value }
      if let category { r.category = category.value }
      r.stationID = station
      r.personID = person
      r.page = page.proto
      try await cli.show { try await $0.appeals.listAppeals(r) }
    }
  }

  struct Overdue: CLICommand {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: "Appeals past their due date, most overdue first.")
    @OptionGroup var page: PageOptions

    func run(_ cli: CLI) async throws {
      let r = Vets_Appeals_V1_ListOverdueRequest.with { $0.page = page.proto }
      try await cli.show { try await $0.appeals.listOverdue(r) }
    }
  }

  struct Timeline: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "timeline", abstract: "What the person may read, for a printed reply: internal notes left out.")
    @Argument var appeal: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Appeals_V1_GetTimelineRequest.with { $0.appealID = appeal }
      try await cli.show { try await $0.appeals.getTimeline(r) }
    }
  }
}
