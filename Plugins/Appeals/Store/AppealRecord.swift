// An appeal as stored, its tasks, holds and timeline, and its shape on the wire.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

struct AppealRecord: Sendable {
  var id: String
  var personID: String
  var villageCode: String
  var channel: String
  var category: String
  var summary: String
  var details: String
  var stationID: String
  var stationName: String
  var receivedAt: String
  var receivedOn: CalendarDate
  var state: AppealState
  var withinPolicy: Bool?
  var policyReference = ""
  var explanation = ""
  var taskForce = false
  var deadline: Deadline
  /// `deadline.due` as last computed, kept for listing and ordering by due date.
  var dueOn: CalendarDate
  var outcome = ""
  var measures = ""
  var resolvedAt: String?
  var resolvedOnTime: Bool?
  var satisfaction = ""
  var satisfactionComment = ""
  var reopenReason = ""
  var reliefCaseID: String?
  var version: Int64 = 0

  /// A new appeal, received on the day of `receivedAt` (China time), due `workingDays` later.
  init(
    id: String, person: DirectoryPerson, channel: String, category: String, summary: String, details: String,
    station: DirectoryStation, receivedAt: Date, workingDays: Int, calendar: WorkingCalendar
  ) {
    self.id = id
    personID = person.id
    villageCode = person.villageCode
    self.channel = channel
    self.category = category
    self.summary = summary
    self.details = details
    stationID = station.id
    stationName = station.name
    self.receivedAt = Instant.text(receivedAt)
    receivedOn = CalendarDate.localDay(of: receivedAt)
    state = .received
    deadline = Deadline(clockStart: receivedOn, allowance: workingDays)
    dueOn = deadline.due(calendar)
  }

  init(row: Row) throws {
    id = row["id"]
    personID = row["person_id"]
    villageCode = row["village_code"]
    channel = row["channel"]
    category = row["category"]
    summary = row["summary"]
    details = row["details"]
    stationID = row["station_id"]
    stationName = row["station_name"]
    receivedAt = row["received_at"]
    receivedOn = try CalendarDate(iso: row["received_on"], field: "received_on")
    state = AppealWorkflow.state(row["state"])
    withinPolicy = row["within_policy"]
    policyReference = row["policy_reference"]
    explanation = row["explanation"]
    taskForce = row["task_force"]
    deadline = Deadline(clockStart: try CalendarDate(iso: row["clock_start"], field: "clock_start"), allowance: row["allowance"])
    dueOn = try CalendarDate(iso: row["due_on"], field: "due_on")
    outcome = row["outcome"]
    measures = row["measures"]
    resolvedAt = row["resolved_at"]
    resolvedOnTime = row["resolved_on_time"]
    satisfaction = row["satisfaction"]
    satisfactionComment = row["satisfaction_comment"]
    reopenReason = row["reopen_reason"]
    reliefCaseID = row["relief_case_id"]
    version = row["version"]
  }

  static func fetch(_ db: Database, id: String) throws -> AppealRecord {
    guard var record = try AppealRecord.fetchOne(db, key: id) else { throw VetsError.notFound("no appeal with id \(quoted: id)") }
    if record.state == .onHold,
      let hold = try Row.fetchOne(
        db, sql: "SELECT seq, from_on, until_on FROM appeals_holds WHERE appeal_id = ? AND resumed_on IS NULL ORDER BY seq DESC LIMIT 1",
        arguments: [id])
    {
      record.deadline.hold = Deadline.Hold(
        seq: hold["seq"], from: try CalendarDate(iso: hold["from_on"], field: "from_on"),
        until: try CalendarDate(iso: hold["until_on"], field: "until_on"))
    }
    return record
  }

  /// Writes the whole record (insert or replace) and bumps its version.
  mutating func save(_ db: Database) throws {
    version += 1
    try insert(db, onConflict: .replace)
  }

  func event(_ db: Database, _ event: String, _ caller: Caller, at: String, detail: String, visible: Bool) throws {
    try db.execute(
      sql: """
        INSERT INTO appeals_events (appeal_id, seq, at, event, token_name, detail, visible)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM appeals_events WHERE appeal_id = ?), ?, ?, ?, ?, ?)
        """,
      arguments: [id, id, at, event, caller.name, detail, visible])
  }

  // MARK: Tasks

  /// Refers the appeal to departments: one open task each, numbered on from the last.
  func addTasks(_ db: Database, _ tasks: [(department: String, name: String, owner: String)]) throws {
    var seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM appeals_tasks WHERE appeal_id = ?", arguments: [id]) ?? 0
    for task in tasks {
      seq += 1
      try db.execute(
        sql: "INSERT INTO appeals_tasks (appeal_id, id, seq, department, department_name, owner, state) VALUES (?, ?, ?, ?, ?, ?, 'open')",
        arguments: [id, "T\(seq)", seq, task.department, task.name, task.owner])
    }
  }

  /// Changes a task's owner, state word or note; an empty owner or note, or a nil state,
  /// leaves that one as it is.
  func updateTask(_ db: Database, id taskID: String, owner: String, state: String?, note: String) throws {
    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM appeals_tasks WHERE appeal_id = ? AND id = ?", arguments: [id, taskID]) != nil else {
      throw VetsError.notFound("appeal \(id) has no task \(quoted: taskID) (task_id)")
    }
    try db.execute(
      sql: """
        UPDATE appeals_tasks SET owner = CASE WHEN ? = '' THEN owner ELSE ? END, state = COALESCE(?, state),
          note = CASE WHEN ? = '' THEN note ELSE ? END
        WHERE appeal_id = ? AND id = ?
        """,
      arguments: [owner, owner, state, note, note, id, taskID])
  }

  /// The ids of the tasks not done yet, in order.
  func openTasks(_ db: Database) throws -> [String] {
    try String.fetchAll(db, sql: "SELECT id FROM appeals_tasks WHERE appeal_id = ? AND state != 'done' ORDER BY seq", arguments: [id])
  }

  // MARK: The deadline

  /// Puts the appeal on hold from `day` to `until`, its last day.
  mutating func hold(_ db: Database, reason: String, from day: CalendarDate, until: CalendarDate) throws {
    let seq = (try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM appeals_holds WHERE appeal_id = ?", arguments: [id]) ?? 0) + 1
    try db.execute(
      sql: "INSERT INTO appeals_holds (appeal_id, seq, reason, from_on, until_on) VALUES (?, ?, ?, ?, ?)",
      arguments: [id, seq, reason, day.iso, until.iso])
    deadline.hold = Deadline.Hold(seq: seq, from: day, until: until)
    state = .onHold
  }

  /// Ends the hold in force on `day`, the first day the clock runs again; returns the
  /// working days it added.
  mutating func endHold(_ db: Database, resumingOn day: CalendarDate, calendar: WorkingCalendar) throws -> Int {
    guard let hold = deadline.hold else { return 0 }
    let paused = deadline.resume(on: day, calendar: calendar)
    try db.execute(
      sql: "UPDATE appeals_holds SET resumed_on = ?, working_days = ? WHERE appeal_id = ? AND seq = ?",
      arguments: [day.iso, paused, id, hold.seq])
    state = .inProgress
    return paused
  }

  /// Calendar days past the due date, while the clock runs; otherwise 0.
  func daysOverdue(on today: CalendarDate) -> Int {
    guard AppealWorkflow.clockRuns.contains(state), today > dueOn else { return 0 }
    return today.daysSinceEpoch - dueOn.daysSinceEpoch
  }

  // MARK: On the wire

  func proto(_ db: Database, today: CalendarDate, reliefStatus: String? = nil, timeline: Bool = true) throws -> Vets_Appeals_V1_Appeal {
    var a = Vets_Appeals_V1_Appeal()
    a.id = id
    a.personID = personID
    a.channel = Vets_Appeals_V1_Channel.terms.value(channel) ?? .unspecified
    a.category = Vets_Appeals_V1_Category.terms.value(category) ?? .unspecified
    a.summary = summary
    a.details = details
    a.stationID = stationID
    a.receivedAt = Self.timestamp(receivedAt)
    a.state = state
    a.villageCode = villageCode
    a.withinPolicy = withinPolicy ?? false
    a.policyReference = policyReference
    a.explanation = explanation
    a.taskForce = taskForce
    a.tasks = try Row.fetchAll(db, sql: "SELECT * FROM appeals_tasks WHERE appeal_id = ? ORDER BY seq", arguments: [id]).map { row in
      var t = Vets_Appeals_V1_Task()
      t.id = row["id"]
      t.department = Vets_Appeals_V1_Department.terms.value(row["department"]) ?? .unspecified
      t.departmentName = row["department_name"]
      t.owner = row["owner"]
      t.state = Vets_Appeals_V1_TaskState.terms.value(row["state"]) ?? .unspecified
      t.note = row["note"]
      return t
    }
    a.dueOn = dueOn.proto
    a.workingDays = Int32(deadline.allowance)
    a.holds = try Row.fetchAll(db, sql: "SELECT * FROM appeals_holds WHERE appeal_id = ? ORDER BY seq", arguments: [id]).map { row in
      var h = Vets_Appeals_V1_Hold()
      h.reason = row["reason"]
      h.fromDate = try CalendarDate(iso: row["from_on"], field: "from_on").proto
      h.until = try CalendarDate(iso: row["until_on"], field: "until_on").proto
      if let resumed = row["resumed_on"] as String? { h.resumedOn = try CalendarDate(iso: resumed, field: "resumed_on").proto }
      h.workingDays = row["working_days"]
      return h
    }
    a.daysOverdue = Int32(daysOverdue(on: today))
    a.outcome = outcome
    a.measures = measures
    if let resolvedAt { a.resolvedAt = Self.timestamp(resolvedAt) }
    a.resolvedOnTime = resolvedOnTime ?? false
    a.satisfaction = Vets_Appeals_V1_Satisfaction.terms.value(satisfaction) ?? .unspecified
    a.satisfactionComment = satisfactionComment
    a.reopened = !reopenReason.isEmpty
    a.reopenReason = reopenReason
    a.reliefCaseID = reliefCaseID ?? ""
    a.reliefCaseStatus = reliefStatus ?? ""
    if timeline { a.timeline = try events(db, visibleOnly: false) }
    a.version = version
    return a
  }

  func events(_ db: Database, visibleOnly: Bool) throws -> [Vets_Appeals_V1_TimelineEvent] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM appeals_events WHERE appeal_id = ? AND (visible OR NOT ?) ORDER BY seq", arguments: [id, visibleOnly]
    ).map { row in
      var e = Vets_Appeals_V1_TimelineEvent()
      e.at = Self.timestamp(row["at"])
      e.event = row["event"]
      e.detail = row["detail"]
      e.visibleToPerson = row["visible"]
      if !visibleOnly { e.by = row["token_name"] }
      return e
    }
  }

  static func timestamp(_ text: String) -> Google_Protobuf_Timestamp {
    Instant.date(text).map { Google_Protobuf_Timestamp(date: $0) } ?? .init()
  }
}

extension AppealRecord: FetchableRecord, PersistableRecord {
  static let databaseTableName = "appeals_requests"

  /// The columns by name, the mapping `init(row:)` reads back.
  func encode(to container: inout PersistenceContainer) {
    container["id"] = id
    container["person_id"] = personID
    container["village_code"] = villageCode
    container["channel"] = channel
    container["category"] = category
    container["summary"] = summary
    container["details"] = details
    container["station_id"] = stationID
    container["station_name"] = stationName
    container["received_at"] = receivedAt
    container["received_on"] = receivedOn.iso
    container["state"] = AppealWorkflow.text(state)
    container["within_policy"] = withinPolicy
    container["policy_reference"] = policyReference
    container["explanation"] = explanation
    container["task_force"] = taskForce
    container["clock_start"] = deadline.clockStart.iso
    container["allowance"] = deadline.allowance
    container["due_on"] = dueOn.iso
    container["outcome"] = outcome
    container["measures"] = measures
    container["resolved_at"] = resolvedAt
    container["resolved_on_time"] = resolvedOnTime
    container["satisfaction"] = satisfaction
    container["satisfaction_comment"] = satisfactionComment
    container["reopen_reason"] = reopenReason
    container["relief_case_id"] = reliefCaseID
    container["version"] = version
  }
}
