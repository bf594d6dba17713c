// A case as stored, its timeline, and its shape on the wire.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

struct CaseRecord {
  var id: String
  var householdID: String
  var villageCode: String
  var source: Vets_Relief_V1_CaseSource
  var reportedBy: String
  var status: Vets_Relief_V1_CaseStatus
  var assessment: Vets_Relief_V1_Assessment?
  var plan: Vets_Relief_V1_Plan?
  var pendingLevels: [String]
  var greenChannel: Bool
  var justification: String
  var rejectionReason: String
  var rejectionDetail: String
  var approved: Int64
  var paid: Int64
  var reservationID: String?
  var outcome: String
  var openedBy: String
  /// The person who opened it: nobody decides a case they opened, whichever token they use.
  var openedBySubject: String
  var openedAt: String
  /// The people who set the amount (each plan's author), one a line (a subject holds no
  /// control character); empty before a plan.
  var plannedBySubject: String

  var planners: Set<String> { Set(plannedBySubject.split(separator: "\n").map(String.init)) }

  /// Adds `subject` to the planners: a re-plan by another person does not clear the first.
  mutating func planned(by subject: String) {
    guard !planners.contains(subject) else { return }
    plannedBySubject = plannedBySubject.isEmpty ? subject : plannedBySubject + "\n" + subject
  }
  var approvedAt: String?
  var firstPaidAt: String?
  /// The appeal it was opened from, if any.
  var appealID: String?
  var version: Int64

  init(
    id: String, household: DirectoryHousehold, source: Vets_Relief_V1_CaseSource, reportedBy: String, openedBy: Caller, at: String,
    appealID: String? = nil
  ) {
    self.id = id
    self.appealID = appealID
    householdID = household.id
    villageCode = household.villageCode
    self.source = source
    self.reportedBy = reportedBy
    status = .open
    pendingLevels = []
    greenChannel = false
    justification = ""
    rejectionReason = ""
    rejectionDetail = ""
    approved = 0
    paid = 0
    outcome = ""
    self.openedBy = openedBy.tokenID
    openedBySubject = openedBy.subject
    openedAt = at
    plannedBySubject = ""
    version = 0
  }

  /// Opens a case for `household`, which must have no open case: one plan per household.
  static func open(
    _ db: Database, household: DirectoryHousehold, source: Vets_Relief_V1_CaseSource, reportedBy: String, call: WriteCall,
    appealID: String? = nil
  ) throws -> CaseRecord {
    let caller = call.caller
    let at = Instant.text(call.now)
    if let open = try String.fetchOne(
      db, sql: "SELECT id FROM relief_cases WHERE household_id = ? AND status NOT IN ('closed', 'rejected')", arguments: [household.id])
    {
      throw VetsError.failedPrecondition("household \(household.id) already has an open case, \(open): one plan per household")
    }
    var record = CaseRecord(
      id: RecordID.make("case_"), household: household, source: source, reportedBy: reportedBy, openedBy: caller, at: at,
      appealID: appealID)
    try record.store(db)
    try record.event(db, "opened", caller, at: at, detail: CaseText.opened(reportedBy: reportedBy, appealID: appealID))
    return record
  }

  static func fetch(_ db: Database, id: String) throws -> CaseRecord {
    guard let record = try CaseRecord.fetchOne(db, key: id) else { throw VetsError.notFound("no case with id \(quoted: id)") }
    return record
  }

  /// The stored status word of a case, nil when there is no such case.
  static func status(_ db: Database, id: String) throws -> String? {
    try CaseRecord.filter(key: id).select(Columns.status, as: String.self).fetchOne(db)
  }

  /// A household's cases, oldest first.
  static func all(_ db: Database, household: String) throws -> [CaseRecord] {
    try CaseRecord.filter(Columns.householdID == household).order(Columns.openedAt).fetchAll(db)
  }

  /// A page of cases in id order after `after`, optionally of one status word and one
  /// household, inside `scope`.
  static func page(_ db: Database, after: String, status: String?, household: String?, scope: Scope, limit: Int) throws -> [CaseRecord] {
    let (scopeSQL, scopeArgs) = scope.sqlFilter()
    return try CaseRecord.fetchAll(
      db,
      sql: """
        SELECT * FROM relief_cases WHERE id > ? AND (? IS NULL OR status = ?) AND (? IS NULL OR household_id = ?) \(scopeSQL)
        ORDER BY id LIMIT ?
        """,
      arguments: [after, status, status, household, household] + scopeArgs + [limit])
  }

  /// Writes the whole record (insert or replace) and bumps its version.
  mutating func store(_ db: Database) throws {
    version += 1
    try insert(db, onConflict: .replace)
  }

  /// The final approval reserves the approved amount in the fund; short funds refuse it
  /// with the available figure and change nothing.
  mutating func approve(_ db: Database, _ call: WriteCall) throws {
    guard let plan else { throw VetsError.failedPrecondition("case \(id) has no plan") }
    let reservation = try FundLedger.reserve(
      db, id: "\(id):reserve", fund: plan.fund, payout: "payees", amount: plan.requested.fen, memo: "帮扶个案 \(id) 批准金额", link: "case:\(id)",
      FundLedger.context(call))
    reservationID = reservation.id
    approved = plan.requested.fen
    approvedAt = Instant.text(call.now)
    status = .approved
  }

  func event(_ db: Database, _ event: String, _ caller: Caller, at: String, detail: String = "") throws {
    try db.execute(
      sql: """
        INSERT INTO relief_case_events (case_id, seq, at, event, token_name, detail)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM relief_case_events WHERE case_id = ?), ?, ?, ?, ?)
        """,
      arguments: [id, id, at, event, caller.name, detail])
  }

  func decide(_ db: Database, level: String, _ caller: Caller, approved: Bool, comment: String, at: String) throws {
    try db.execute(
      sql: """
        INSERT INTO relief_case_decisions (case_id, seq, level, token_id, token_name, subject, approved, comment, at)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM relief_case_decisions WHERE case_id = ?), ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [id, id, level, caller.tokenID, caller.name, caller.subject, approved, comment, at])
  }

  /// The subjects (people) who have decided this case so far.
  func deciders(_ db: Database) throws -> Set<String> {
    Set(try String.fetchAll(db, sql: "SELECT subject FROM relief_case_decisions WHERE case_id = ?", arguments: [id]))
  }

  /// Schedules `count` follow-ups `every` days apart, after the last one already scheduled
  /// or else after `today`; returns their dates.
  func scheduleFollowUps(_ db: Database, count: Int, every: Int, today: CalendarDate) throws -> [String] {
    let last = try String.fetchOne(db, sql: "SELECT MAX(due_on) FROM relief_case_follow_ups WHERE case_id = ?", arguments: [id])
      .flatMap { try? CalendarDate(iso: $0, field: "due_on") } ?? today
    var dates: [String] = []
    for n in 1...count {
      let due = last.adding(days: n * every).iso
      try db.execute(sql: "INSERT INTO relief_case_follow_ups (case_id, due_on) VALUES (?, ?)", arguments: [id, due])
      dates.append(due)
    }
    return dates
  }

  /// A follow-up visit answers the earliest follow-up still due.
  func followUpDone(_ db: Database) throws {
    try db.execute(
      sql: "DELETE FROM relief_case_follow_ups WHERE case_id = ? AND due_on = (SELECT MIN(due_on) FROM relief_case_follow_ups WHERE case_id = ?)",
      arguments: [id, id])
  }

  func proto(_ db: Database) throws -> Vets_Relief_V1_Case {
    var c = Vets_Relief_V1_Case()
    c.id = id
    c.householdID = householdID
    c.villageCode = villageCode
    c.source = source
    c.reportedBy = reportedBy
    c.status = status
    if let assessment { c.assessment = assessment }
    if let plan { c.plan = plan }
    c.pendingLevels = pendingLevels
    c.greenChannel = greenChannel
    c.justification = justification
    c.rejectionReason = rejectionReason
    c.rejectionDetail = rejectionDetail
    c.approved = Money.proto(approved)
    c.paid = Money.proto(paid)
    c.outcome = outcome
    c.openedBy = openedBy
    c.appealID = appealID ?? ""
    c.version = version
    c.decisions = try Row.fetchAll(db, sql: "SELECT * FROM relief_case_decisions WHERE case_id = ? ORDER BY seq", arguments: [id]).map { r in
      var d = Vets_Relief_V1_Decision()
      d.level = r["level"]
      d.tokenID = r["token_id"]
      d.tokenName = r["token_name"]
      d.approved = r["approved"]
      d.comment = r["comment"]
      if let at = Instant.date(r["at"]) { d.at = Google_Protobuf_Timestamp(date: at) }
      return d
    }
    c.timeline = try Row.fetchAll(db, sql: "SELECT * FROM relief_case_events WHERE case_id = ? ORDER BY seq", arguments: [id]).map { r in
      var e = Vets_Relief_V1_TimelineEvent()
      if let at = Instant.date(r["at"]) { e.at = Google_Protobuf_Timestamp(date: at) }
      e.event = r["event"]
      e.tokenName = r["token_name"]
      e.detail = r["detail"]
      return e
    }
    c.followUps = try String.fetchAll(db, sql: "SELECT due_on FROM relief_case_follow_ups WHERE case_id = ? ORDER BY due_on", arguments: [id])
      .compactMap { try? CalendarDate(iso: $0, field: "due_on").proto }
    if let days = Self.days(from: openedAt, to: approvedAt) { c.daysToApproval = days }
    if let days = Self.days(from: approvedAt, to: firstPaidAt) { c.daysToPayment = days }
    return c
  }

  /// Local calendar days (China Standard Time) from one step to the next: 0 on the same day,
  /// 1 on the next, whatever the hours between. Nil until both steps have happened.
  static func days(from start: String?, to end: String?) -> Int32? {
    guard let start = start.flatMap(Instant.date), let end = end.flatMap(Instant.date) else { return nil }
    return Int32(CalendarDate.localDay(of: end).daysSinceEpoch - CalendarDate.localDay(of: start).daysSinceEpoch)
  }
}

extension CaseRecord: FetchableRecord, PersistableRecord {
  static let databaseTableName = "relief_cases"

  enum Columns: String, ColumnExpression {
    case id, source, status, assessment, plan, justification, approved, paid, outcome, version
    case householdID = "household_id", villageCode = "village_code", reportedBy = "reported_by", pendingLevels = "pending_levels"
    case greenChannel = "green_channel", rejectionReason = "rejection_reason", rejectionDetail = "rejection_detail"
    case reservationID = "reservation_id", openedBy = "opened_by", openedBySubject = "opened_by_subject", openedAt = "opened_at"
    case approvedAt = "approved_at", firstPaidAt = "first_paid_at", appealID = "appeal_id", plannedBySubject = "planned_by_subject"
  }

  init(row: Row) throws {
    id = row[Columns.id]
    householdID = row[Columns.householdID]
    villageCode = row[Columns.villageCode]
    source = Vets_Relief_V1_CaseSource.terms.value(row[Columns.source]) ?? .unspecified
    reportedBy = row[Columns.reportedBy]
    status = Vets_Relief_V1_CaseStatus.terms.value(row[Columns.status]) ?? .unspecified
    assessment = try (row[Columns.assessment] as Data?).map { try Vets_Relief_V1_Assessment(serializedBytes: $0) }
    plan = try (row[Columns.plan] as Data?).map { try Vets_Relief_V1_Plan(serializedBytes: $0) }
    pendingLevels = (row[Columns.pendingLevels] as String).split(separator: ",").map(String.init)
    greenChannel = row[Columns.greenChannel]
    justification = row[Columns.justification]
    rejectionReason = row[Columns.rejectionReason]
    rejectionDetail = row[Columns.rejectionDetail]
    approved = row[Columns.approved]
    paid = row[Columns.paid]
    reservationID = row[Columns.reservationID]
    outcome = row[Columns.outcome]
    openedBy = row[Columns.openedBy]
    openedBySubject = row[Columns.openedBySubject]
    openedAt = row[Columns.openedAt]
    plannedBySubject = row[Columns.plannedBySubject]
    approvedAt = row[Columns.approvedAt]
    firstPaidAt = row[Columns.firstPaidAt]
    appealID = row[Columns.appealID]
    version = row[Columns.version]
  }

  func encode(to container: inout PersistenceContainer) throws {
    container[Columns.id] = id
    container[Columns.householdID] = householdID
    container[Columns.villageCode] = villageCode
    container[Columns.source] = Vets_Relief_V1_CaseSource.terms.word(of: source) ?? ""
    container[Columns.reportedBy] = reportedBy
    container[Columns.status] = Vets_Relief_V1_CaseStatus.terms.word(of: status) ?? "unknown"
    container[Columns.assessment] = try assessment.map { try $0.serializedBytes() as Data }
    container[Columns.plan] = try plan.map { try $0.serializedBytes() as Data }
    container[Columns.pendingLevels] = pendingLevels.joined(separator: ",")
    container[Columns.greenChannel] = greenChannel
    container[Columns.justification] = justification
    container[Columns.rejectionReason] = rejectionReason
    container[Columns.rejectionDetail] = rejectionDetail
    container[Columns.approved] = approved
    container[Columns.paid] = paid
    container[Columns.reservationID] = reservationID
    container[Columns.outcome] = outcome
    container[Columns.openedBy] = openedBy
    container[Columns.openedBySubject] = openedBySubject
    container[Columns.openedAt] = openedAt
    container[Columns.approvedAt] = approvedAt
    container[Columns.firstPaidAt] = firstPaidAt
    container[Columns.appealID] = appealID
    container[Columns.version] = version
    container[Columns.plannedBySubject] = plannedBySubject
  }
}
