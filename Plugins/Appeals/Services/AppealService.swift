import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Appeals over gRPC. Each handler validates its request, then runs one workflow step on one
/// appeal inside the shared write path; the rules live in `AppealWorkflow`, `WorkingCalendar`
/// and `Deadline`, the SQL in `AppealRecord`. Reads are in the extension beside this file.
struct AppealService: Vets_Appeals_V1_AppealService.SimpleServiceProtocol, CallerReading {
  static let writer = AccessRule.write(.admin, .clerk)
  static let reader = AccessRule.read(.admin, .clerk, .approver, .auditor, .system)
  static let rules: AccessRules = [
    "ReceiveAppeal": writer, "DetermineAppeal": writer, "AssignAppeal": writer, "UpdateTask": writer, "HoldAppeal": writer,
    "ResumeAppeal": writer, "ExtendAppeal": writer, "AddNote": writer, "ResolveAppeal": writer, "RecordReturnVisit": writer,
    "ReopenAppeal": writer, "CloseAppeal": writer, "OpenReliefCase": writer,
    "GetAppeal": reader, "ListAppeals": reader, "ListOverdue": reader, "GetTimeline": reader, "GetReport": reader,
  ]

  let database: VetsDatabase
  let directory: any PersonDirectory
  /// Nil when the relief module is off.
  let relief: (any ReliefCaseIntake)?
  let settings: ModuleSettings<AppealsConfig>
  let calendar: CalendarFile

  /// What a step sees besides the appeal: who calls, the time, and the calendar now.
  struct Moment {
    let call: WriteCall
    let today: CalendarDate
    let calendar: WorkingCalendar
    /// The write's instant as stored.
    var at: String { Instant.text(call.now) }
  }

  /// Runs one step on one appeal: loads it inside the caller's scope, checks the state allows
  /// the step, applies it, refreshes the due date, saves it with a timeline event, and
  /// answers with the whole appeal. `apply` returns the event's detail and whether the person
  /// may read it.
  private func step(
    _ step: AppealWorkflow.Step, _ requestID: String, _ request: some SwiftProtobuf.Message, appealID: String, event: String,
    _ apply: @escaping @Sendable (Database, inout AppealRecord, Moment) throws -> (detail: String, visible: Bool)
  ) async throws -> Vets_Appeals_V1_Appeal {
    let appealID = try Validate.id(appealID, field: "appeal_id")
    let calendar = self.calendar.current
    let relief = self.relief
    return try await database.mutate(requestID: requestID, request: request) { db, call in
      var record = try AppealRecord.fetch(db, id: appealID)
      try call.caller.mustCover(record.villageCode, "appeal \(appealID)")
      try AppealWorkflow.require(step, from: record.state, appeal: appealID)
      let moment = Moment(call: call, today: CalendarDate.localDay(of: call.now), calendar: calendar)
      let (detail, visible) = try apply(db, &record, moment)
      // A finished appeal keeps the due date it was finished against.
      if AppealWorkflow.unfinished.contains(record.state) { record.dueOn = record.deadline.due(calendar) }
      try record.save(db)
      try record.event(db, event, call.caller, at: moment.at, detail: detail, visible: visible)
      let status = try record.reliefCaseID.flatMap { try relief?.caseStatus(db, id: $0) }
      return Mutation(try record.proto(db, today: moment.today, reliefStatus: status), targets: ["appeal:\(appealID)", "person:\(record.personID)"])
    }
  }

  func receiveAppeal(request: Vets_Appeals_V1_ReceiveAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let personID = try Validate.id(request.personID, field: "person_id")
    let channel = try Vets_Appeals_V1_Channel.terms.word(request.channel, field: "channel")
    let category = try Vets_Appeals_V1_Category.terms.word(request.category, field: "category")
    let summary = try Validate.text(request.summary, field: "summary", max: 200)
    let details = try Validate.text(request.details, field: "details", max: 4000, required: false)
    let stationID = try Validate.id(request.stationID, field: "station_id")
    let clock = database.clock
    // Without received_at the appeal is received at the write's instant, as its event is.
    let receivedAt: Date? = request.hasReceivedAt ? try Instant.validated(request.receivedAt, field: "received_at") : nil
    if let receivedAt, receivedAt > clock.now().addingTimeInterval(300) {
      throw VetsError.invalidArgument(field: "received_at", rule: "must not be in the future")
    }
    guard let person = try await directory.person(id: personID) else {
      throw VetsError.notFound("no person with id \(quoted: personID) in the registry (person_id)")
    }
    guard person.isActive else {
      throw VetsError.failedPrecondition("person \(personID) is not active in the registry (\(person.status)); an appeal needs a living, registered person")
    }
    guard let station = try await directory.station(id: stationID) else {
      throw VetsError.notFound("no station with id \(quoted: stationID) in the registry (station_id)")
    }
    try caller.mustCover(person.villageCode, "person \(personID)")
    let workingDays = settings.current.workingDays(for: category)
    let calendar = self.calendar.current
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      var record = AppealRecord(
        id: RecordID.make("apl_"), person: person, channel: channel, category: category, summary: summary, details: details,
        station: station, receivedAt: receivedAt ?? call.now, workingDays: workingDays, calendar: calendar)
      try record.save(db)
      try record.event(
        db, "received", call.caller, at: Instant.text(call.now),
        detail: TimelineText.received(station: station.name, channel: channel, summary: summary, due: record.dueOn, workingDays: workingDays),
        visible: true)
      return Mutation(
        try record.proto(db, today: CalendarDate.localDay(of: call.now)), targets: ["appeal:\(record.id)", "person:\(person.id)"])
    }
  }

  func determineAppeal(request: Vets_Appeals_V1_DetermineAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let within = request.withinPolicy
    let reference = try Validate.text(request.policyReference, field: "policy_reference", max: 200, required: !within)
    let explanation = try Validate.text(request.explanation, field: "explanation", max: 2000)
    return try await step(.determine, request.requestID, request, appealID: request.appealID, event: "determined") { _, record, _ in
      record.withinPolicy = within
      record.policyReference = reference
      record.explanation = explanation
      record.state = within ? .determined : .outOfPolicy
      return (TimelineText.determined(within: within, reference: reference, explanation: explanation), true)
    }
  }

  func assignAppeal(request: Vets_Appeals_V1_AssignAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    guard (1...20).contains(request.tasks.count) else {
      throw VetsError.invalidArgument(field: "tasks", rule: "must name 1 to 20 departments")
    }
    let tasks = try request.tasks.enumerated().map { index, t throws(VetsError) in
      let field = "tasks[\(index)]"
      let department = try Vets_Appeals_V1_Department.terms.word(t.department, field: "\(field).department")
      let named = department == "former_employer" || department == "other"
      let name = try Validate.text(t.departmentName, field: "\(field).department_name", max: 100, required: named)
      let owner = try Validate.text(t.owner, field: "\(field).owner", max: 100)
      return (department: department, name: name, owner: owner)
    }
    let taskForce = request.taskForce
    return try await step(.assign, request.requestID, request, appealID: request.appealID, event: "assigned") { db, record, _ in
      try record.addTasks(db, tasks)
      record.taskForce = record.taskForce || taskForce
      record.state = .inProgress
      return (TimelineText.assigned(tasks.map { ($0.department, $0.name) }, taskForce: record.taskForce), true)
    }
  }

  func updateTask(request: Vets_Appeals_V1_UpdateTaskRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let taskID = try Validate.id(request.taskID, field: "task_id")
    let owner = try Validate.text(request.owner, field: "owner", max: 100, required: false)
    let state = try Vets_Appeals_V1_TaskState.terms.filter(request.state, unspecified: .unspecified, field: "state")
    let note = try Validate.text(request.note, field: "note", max: 500, required: false)
    guard !owner.isEmpty || state != nil || !note.isEmpty else {
      throw VetsError.invalidArgument(field: "state", rule: "give a state, an owner or a note to change")
    }
    return try await step(.updateTask, request.requestID, request, appealID: request.appealID, event: "task_updated") { db, record, _ in
      try record.updateTask(db, id: taskID, owner: owner, state: state, note: note)
      return (TimelineText.taskUpdated(taskID, state: state, owner: owner, note: note), false)
    }
  }

  func holdAppeal(request: Vets_Appeals_V1_HoldAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    let until = try CalendarDate(request.until, field: "until")
    let today = CalendarDate.today(database.clock)
    guard until >= today, until <= today.adding(days: 366) else {
      throw VetsError.invalidArgument(field: "until", rule: "must be between today (\(today)) and a year from now")
    }
    return try await step(.hold, request.requestID, request, appealID: request.appealID, event: "on_hold") { db, record, moment in
      try record.hold(db, reason: reason, from: moment.today, until: until)
      return (TimelineText.held(until: until, reason: reason), true)
    }
  }

  func resumeAppeal(request: Vets_Appeals_V1_ResumeAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    try await step(.resume, request.requestID, request, appealID: request.appealID, event: "resumed") { db, record, moment in
      let paused = try record.endHold(db, resumingOn: moment.today, calendar: moment.calendar)
      return (TimelineText.resumed(pausedWorkingDays: paused, due: record.deadline.due(moment.calendar)), true)
    }
  }

  func extendAppeal(request: Vets_Appeals_V1_ExtendAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    guard (1...60).contains(request.workingDays) else {
      throw VetsError.invalidArgument(field: "working_days", rule: "must be between 1 and 60")
    }
    let days = Int(request.workingDays)
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    return try await step(.extend, request.requestID, request, appealID: request.appealID, event: "extended") { _, record, moment in
      let before = record.deadline.due(moment.calendar)
      record.deadline.allowance += days
      return (TimelineText.extended(by: days, from: before, to: record.deadline.due(moment.calendar), reason: reason), true)
    }
  }

  func addNote(request: Vets_Appeals_V1_AddNoteRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let text = try Validate.text(request.text, field: "text", max: 2000)
    let visible = request.visibleToPerson
    return try await step(.note, request.requestID, request, appealID: request.appealID, event: "note") { _, _, _ in (text, visible) }
  }

  func resolveAppeal(request: Vets_Appeals_V1_ResolveAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let outcome = try Validate.text(request.outcome, field: "outcome", max: 2000)
    let measures = try Validate.text(request.measures, field: "measures", max: 2000)
    return try await step(.resolve, request.requestID, request, appealID: request.appealID, event: "resolved") { db, record, moment in
      let open = try record.openTasks(db)
      guard open.isEmpty else {
        throw VetsError.failedPrecondition("appeal \(record.id) still has tasks not done: \(open.joined(separator: ", "))")
      }
      record.outcome = outcome
      record.measures = measures
      record.resolvedAt = moment.at
      record.dueOn = record.deadline.due(moment.calendar)
      record.resolvedOnTime = moment.today <= record.dueOn
      record.state = .resolved
      return (TimelineText.resolved(outcome: outcome, measures: measures), true)
    }
  }

  func recordReturnVisit(request: Vets_Appeals_V1_RecordReturnVisitRequest, context: ServerContext) async throws
    -> Vets_Appeals_V1_Appeal
  {
    let satisfaction = try Vets_Appeals_V1_Satisfaction.terms.word(request.satisfaction, field: "satisfaction")
    let comment = try Validate.text(request.comment, field: "comment", max: 1000, required: satisfaction == "dissatisfied")
    return try await step(.returnVisit, request.requestID, request, appealID: request.appealID, event: "return_visit") { _, record, _ in
      record.satisfaction = satisfaction
      record.satisfactionComment = comment
      record.state = .returnVisited
      return (TimelineText.returnVisit(satisfaction: satisfaction, comment: comment), true)
    }
  }

  func reopenAppeal(request: Vets_Appeals_V1_ReopenAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let reason = try Validate.text(request.reason, field: "reason", max: 1000)
    let settings = self.settings
    return try await step(.reopen, request.requestID, request, appealID: request.appealID, event: "reopened") { _, record, moment in
      guard record.satisfaction == "dissatisfied" else {
        throw VetsError.failedPrecondition(
          "appeal \(record.id) may be reopened only after a dissatisfied return visit; it was \(record.satisfaction.spoken)")
      }
      guard record.reopenReason.isEmpty else {
        throw VetsError.failedPrecondition("appeal \(record.id) was reopened once already (\(record.reopenReason)); it may be reopened only once")
      }
      // The first round's resolution and visit stay in the timeline; the appeal is open again.
      record.reopenReason = reason
      (record.outcome, record.measures, record.resolvedAt, record.resolvedOnTime) = ("", "", nil, nil)
      (record.satisfaction, record.satisfactionComment) = ("", "")
      record.state = .inProgress
      record.deadline.restart(on: moment.today, allowance: settings.current.workingDays(for: record.category))
      return (TimelineText.reopened(reason: reason), true)
    }
  }

  func closeAppeal(request: Vets_Appeals_V1_CloseAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    try await step(.close, request.requestID, request, appealID: request.appealID, event: "closed") { _, record, _ in
      if record.state == .outOfPolicy {
        guard !record.policyReference.isEmpty else {
          throw VetsError.failedPrecondition("appeal \(record.id) is outside policy but names no policy reference; determine it again")
        }
        record.state = .closed
        return (TimelineText.closed(outsidePolicy: record.policyReference, explanation: record.explanation), true)
      }
      record.state = .closed
      return (TimelineText.closed(outsidePolicy: nil, explanation: ""), true)
    }
  }

  func openReliefCase(request: Vets_Appeals_V1_OpenReliefCaseRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    guard let relief else {
      throw VetsError.failedPrecondition("the relief module is not enabled, so no relief case can be opened; enable [modules.relief] or refer the household by hand")
    }
    let appealID = try Validate.id(request.appealID, field: "appeal_id")
    // The person's household is read before the transaction; the case insert re-checks
    // one-plan-per-household inside it.
    let personID = try await database.read { db in try AppealRecord.fetch(db, id: appealID).personID }
    guard let person = try await directory.person(id: personID), let householdID = person.householdID,
      let household = try await directory.household(id: householdID)
    else {
      throw VetsError.failedPrecondition("person \(personID) belongs to no household in the registry; add the household first")
    }
    return try await step(.openReliefCase, request.requestID, request, appealID: appealID, event: "relief_case_opened") { db, record, moment in
      guard record.category == "hardship" else {
        throw VetsError.failedPrecondition("only a hardship appeal opens a relief case; appeal \(record.id) is about \(record.category.spoken)")
      }
      if let existing = record.reliefCaseID {
        throw VetsError.failedPrecondition("appeal \(record.id) already opened relief case \(existing)")
      }
      record.reliefCaseID = try relief.openCase(
        db, call: moment.call, household: household, appealID: record.id, reportedBy: "appeal \(record.id) at \(record.stationName)")
      return (TimelineText.reliefCaseOpened(record.reliefCaseID!), true)
    }
  }
}
