import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import VetsAPI
import VetsKit

typealias AppealClient = Vets_Appeals_V1_AppealService.Client<HTTP2ClientTransport.Posix>
typealias ChannelArgument = EnumArgument<Vets_Appeals_V1_Channel>
typealias AppealCategoryArgument = EnumArgument<Vets_Appeals_V1_Category>
typealias AppealStateArgument = EnumArgument<Vets_Appeals_V1_AppealState>
typealias TaskStateArgument = EnumArgument<Vets_Appeals_V1_TaskState>
typealias SatisfactionArgument = EnumArgument<Vets_Appeals_V1_Satisfaction>

/// Makes one AppealService call.
func appealsCall<Result: Sendable>(
  _ global: GlobalOptions, _ call: (AppealClient, Metadata, CallOptions) async throws -> Result
) async throws -> Result {
  let daemon = Daemon(options: global)
  let (metadata, options) = (daemon.metadata, daemon.callOptions)
  return try await daemon.call { client in try await call(AppealClient(wrapping: client), metadata, options) }
}

struct AppealsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "appeals",
    abstract: "Veterans' requests (诉求): policy answers, departments, deadlines, progress and the return visit.",
    subcommands: [
      Receive.self, Determine.self, Assign.self, TaskUpdate.self, Hold.self, Resume.self, Extend.self, Note.self, Resolve.self,
      ReturnVisit.self, Reopen.self, Close.self, ReliefCase.self, Show.self, List.self, Overdue.self, Timeline.self,
      AppealsReportCommand.self,
    ])

  /// Makes one call that answers with an appeal, and prints it.
  static func step(_ global: GlobalOptions, _ call: (AppealClient, Metadata, CallOptions) async throws -> Vets_Appeals_V1_Appeal)
    async throws
  {
    try printAppeal(try await appealsCall(global, call), global)
  }

  /// `--department civil_affairs` or `--department former_employer:县机械厂`, with `--owner`.
  struct DepartmentArgument: ExpressibleByArgument {
    let department: Vets_Appeals_V1_Department
    let name: String

    init?(argument: String) {
      let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard let department = EnumNames.value(parts[0], as: Vets_Appeals_V1_Department.self) else { return nil }
      self.department = department
      name = parts.count == 2 ? parts[1] : ""
    }

    static var allValueStrings: [String] { EnumNames.names(Vets_Appeals_V1_Department.self) }
  }

  struct Receive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "receive", abstract: "Record a request a person made.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The registry person's id.") var person: String
    @Option(help: "station, service_hall, phone, home_visit or online.") var channel: ChannelArgument
    @Option(help: ArgumentHelp("What the request is about.", valueName: "category")) var category: AppealCategoryArgument
    @Option(help: "One line: what the person asks for.") var summary: String
    @Option var details = ""
    @Option(help: "The registry station that received it.") var station: String
    @Option(help: "When it was made, 'YYYY-MM-DD HH:MM' China time (default now).") var receivedAt: String?

    func run() async throws {
      var r = Vets_Appeals_V1_ReceiveAppealRequest()
      r.requestID = global.effectiveRequestID
      r.personID = person
      r.channel = channel.value
      r.category = category.value
      r.summary = summary
      r.details = details
      r.stationID = station
      if let receivedAt { r.receivedAt = try Dates.parseTime(receivedAt, option: "--received-at") }
      try await AppealsCommand.step(global) { c, m, o in try await c.receiveAppeal(r, metadata: m, options: o) }
    }
  }

  struct Determine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "determine", abstract: "Give the policy answer: --within, or --outside with --policy naming what it falls outside.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Flag(exclusivity: .exclusive, help: "Within policy, or outside it.") var determination: Determination
    @Option(help: "The policy document and article the answer rests on (required with --outside).") var policy = ""
    @Option(help: "What the person was told.") var explanation: String

    enum Determination: String, EnumerableFlag { case within, outside }

    func run() async throws {
      var r = Vets_Appeals_V1_DetermineAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.withinPolicy = determination == .within
      r.policyReference = policy
      r.explanation = explanation
      try await AppealsCommand.step(global) { c, m, o in try await c.determineAppeal(r, metadata: m, options: o) }
    }
  }

  struct Assign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "assign", abstract: "Send the appeal to departments, each a task; repeat --department and --owner in pairs.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Option(help: ArgumentHelp("A department, or former_employer:NAME / other:NAME.", valueName: "department")) var department: [DepartmentArgument]
    @Option(help: "Who handles it there, one per --department.") var owner: [String]
    @Flag(help: "A multi-department task force for a complex case.") var taskForce = false

    func validate() throws {
      guard department.count == owner.count else {
        throw ValidationError("give one --owner for each --department (\(department.count) departments, \(owner.count) owners)")
      }
    }

    func run() async throws {
      var r = Vets_Appeals_V1_AssignAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.taskForce = taskForce
      r.tasks = zip(department, owner).map { d, owner in
        var t = Vets_Appeals_V1_TaskAssignment()
        t.department = d.department
        t.departmentName = d.name
        t.owner = owner
        return t
      }
      try await AppealsCommand.step(global) { c, m, o in try await c.assignAppeal(r, metadata: m, options: o) }
    }
  }

  struct TaskUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "task", abstract: "Change a task's state, owner or note.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Argument(help: "The task's id, e.g. T1.") var task: String
    @Option(help: "open, working or done.") var state: TaskStateArgument?
    @Option var owner = ""
    @Option var note = ""

    func run() async throws {
      var r = Vets_Appeals_V1_UpdateTaskRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.taskID = task
      if let state { r.state = state.value }
      r.owner = owner
      r.note = note
      try await AppealsCommand.step(global) { c, m, o in try await c.updateTask(r, metadata: m, options: o) }
    }
  }

  struct Hold: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hold", abstract: "Pause the deadline until a date, with a reason.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Option var reason: String
    @Option(help: "The hold's last day, YYYY-MM-DD.") var until: String

    func run() async throws {
      var r = Vets_Appeals_V1_HoldAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.reason = reason
      r.until = try Dates.parse(until, option: "--until")
      try await AppealsCommand.step(global) { c, m, o in try await c.holdAppeal(r, metadata: m, options: o) }
    }
  }

  struct Resume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "End a hold today; the days it lasted move the due date.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String

    func run() async throws {
      var r = Vets_Appeals_V1_ResumeAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      try await AppealsCommand.step(global) { c, m, o in try await c.resumeAppeal(r, metadata: m, options: o) }
    }
  }

  struct Extend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extend", abstract: "Move the due date by some working days, with a reason.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Option var workingDays: Int32
    @Option var reason: String

    func run() async throws {
      var r = Vets_Appeals_V1_ExtendAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.workingDays = workingDays
      r.reason = reason
      try await AppealsCommand.step(global) { c, m, o in try await c.extendAppeal(r, metadata: m, options: o) }
    }
  }

  struct Note: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "note", abstract: "Record progress; --visible puts it in the timeline the person reads.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Option var text: String
    @Flag(help: "The person may read it (default: internal).") var visible = false

    func run() async throws {
      var r = Vets_Appeals_V1_AddNoteRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.text = text
      r.visibleToPerson = visible
      try await AppealsCommand.step(global) { c, m, o in try await c.addNote(r, metadata: m, options: o) }
    }
  }

  struct Resolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Record the outcome and the measures taken.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Option var outcome: String
    @Option var measures: String

    func run() async throws {
      var r = Vets_Appeals_V1_ResolveAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.outcome = outcome
      r.measures = measures
      try await AppealsCommand.step(global) { c, m, o in try await c.resolveAppeal(r, metadata: m, options: o) }
    }
  }

  struct ReturnVisit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return-visit", abstract: "Record whether the person is satisfied.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Option(help: "satisfied, basically_satisfied or dissatisfied.") var satisfaction: SatisfactionArgument
    @Option(help: "What the person said (required when dissatisfied).") var comment = ""

    func run() async throws {
      var r = Vets_Appeals_V1_RecordReturnVisitRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.satisfaction = satisfaction.value
      r.comment = comment
      try await AppealsCommand.step(global) { c, m, o in try await c.recordReturnVisit(r, metadata: m, options: o) }
    }
  }

  struct Reopen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen once after a dissatisfied return visit.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String
    @Option var reason: String

    func run() async throws {
      var r = Vets_Appeals_V1_ReopenAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      r.reason = reason
      try await AppealsCommand.step(global) { c, m, o in try await c.reopenAppeal(r, metadata: m, options: o) }
    }
  }

  struct Close: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a return-visited or out-of-policy appeal.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String

    func run() async throws {
      var r = Vets_Appeals_V1_CloseAppealRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      try await AppealsCommand.step(global) { c, m, o in try await c.closeAppeal(r, metadata: m, options: o) }
    }
  }

  struct ReliefCase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "relief-case", abstract: "Open an assistance case for the household of a hardship appeal (needs the relief module).")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String

    func run() async throws {
      var r = Vets_Appeals_V1_OpenReliefCaseRequest()
      r.requestID = global.effectiveRequestID
      r.appealID = appeal
      try await AppealsCommand.step(global) { c, m, o in try await c.openReliefCase(r, metadata: m, options: o) }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An appeal with its tasks, holds and whole timeline.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String

    func run() async throws {
      var r = Vets_Appeals_V1_GetAppealRequest()
      r.id = appeal
      try await AppealsCommand.step(global) { c, m, o in try await c.getAppeal(r, metadata: m, options: o) }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List appeals in your scope.")
    @OptionGroup var global: GlobalOptions
    @Option var state: AppealStateArgument?
    @Option(help: ArgumentHelp("Only this category.", valueName: "category")) var category: AppealCategoryArgument?
    @Option var station = ""
    @Option var person = ""
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Appeals_V1_ListAppealsRequest()
      if let state { r.state = state.value }
      if let category { r.category = category.value }
      r.stationID = station
      r.personID = person
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await appealsCall(global) { c, m, o in try await c.listAppeals(r, metadata: m, options: o) }
      try printAppeals(response, global)
    }
  }

  struct Overdue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: "Appeals past their due date, most overdue first.")
    @OptionGroup var global: GlobalOptions
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Appeals_V1_ListOverdueRequest()
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await appealsCall(global) { c, m, o in try await c.listOverdue(r, metadata: m, options: o) }
      try printAppeals(response, global)
    }
  }

  struct Timeline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "timeline", abstract: "What the person may read, for a printed reply: internal notes left out.")
    @OptionGroup var global: GlobalOptions
    @Argument var appeal: String

    func run() async throws {
      var r = Vets_Appeals_V1_GetTimelineRequest()
      r.appealID = appeal
      let t = try await appealsCall(global) { c, m, o in try await c.getTimeline(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(t)
      case .table, .csv:
        Output.fields([
          ("appeal", t.appealID), ("request", t.summary), ("received", Dates.text(t.receivedOn)), ("due by", Dates.text(t.dueOn)),
          ("state", EnumNames.name(t.state)),
        ])
        print("")
        Output.table(["DATE", "EVENT", "DETAIL"], t.events.map { [Dates.time($0.at), $0.event, $0.detail] })
      }
    }
  }
}
