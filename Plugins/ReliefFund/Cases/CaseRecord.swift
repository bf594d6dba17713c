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

  static let statuses: [(Vets_Relief_V1_CaseStatus, String)] = [
    (.open, "open"), (.assessed, "assessed"), (.planned, "planned"), (.inReview, "in_review"), (.approved, "approved"),
    (.paid, "paid"), (.closed, "closed"), (.rejected, "rejected"),
  ]
  static let sources: [(Vets_Relief_V1_CaseSource, String)] = [
    (.visit, "visit"), (.appeal, "appeal"), (.selfReport, "self_report"), (.referral, "referral"),
  ]

  static func text(_ status: Vets_Relief_V1_CaseStatus) -> String { statuses.first { $0.0 == status }?.1 ?? "unknown" }

  init(row: Row) throws {
    id = row["id"]
    householdID = row["household_id"]
    villageCode = row["village_code"]
    source = Self.sources.first { $0.1 == (row["source"] as String) }?.0 ?? .unspecified
    reportedBy = row["reported_by"]
    status = Self.statuses.first { $0.1 == (row["status"] as String) }?.0 ?? .unspecified
    assessment = try (row["assessment"] as Data?).map { try Vets_Relief_V1_Assessment(serializedBytes: $0) }
    plan = try (row["plan"] as Data?).map { try Vets_Relief_V1_Plan(serializedBytes: $0) }
    pendingLevels = (row["pending_levels"] as String).split(separator: ",").map(String.init)
    greenChannel = row["green_channel"]
    justification = row["justification"]
    rejectionReason = row["rejection_reason"]
    rejectionDetail = row["rejection_detail"]
    approved = row["approved"]
    paid = row["paid"]
    reservationID = row["reservation_id"]
    outcome = row["outcome"]
    openedBy = row["opened_by"]
    openedBySubject = row["opened_by_subject"]
    openedAt = row["opened_at"]
    plannedBySubject = row["planned_by_subject"]
    approvedAt = row["approved_at"]
    firstPaidAt = row["first_paid_at"]
    appealID = row["appeal_id"]
    version = row["version"]
  }

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
    _ db: Database, household: DirectoryHousehold, source: Vets_Relief_V1_CaseSource, reportedBy: String, by caller: Caller,
    at: String, appealID: String? = nil
  ) throws -> CaseRecord {
    if let open = try String.fetchOne(
      db, sql: "SELECT id FROM relief_cases WHERE household_id = ? AND status NOT IN ('closed', 'rejected')", arguments: [household.id])
    {
      throw VetsError.failedPrecondition("household \(household.id) already has an open case, \(open): one plan per household")
    }
    var record = CaseRecord(
      id: RecordID.make("case_"), household: household, source: source, reportedBy: reportedBy, openedBy: caller, at: at,
      appealID: appealID)
    try record.save(db)
    try record.event(db, "opened", caller, at: at, detail: appealID.map { "from appeal \($0), reported by \(reportedBy)" } ?? "reported by \(reportedBy)")
    return record
  }

  static func fetch(_ db: Database, id: String) throws -> CaseRecord {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM relief_cases WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no case with id \(quoted: id)")
    }
    return try CaseRecord(row: row)
  }

  /// Writes the whole record (insert or replace) and bumps its version.
  mutating func save(_ db: Database) throws {
    version += 1
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO relief_cases (id, household_id, village_code, source, reported_by, status, assessment, plan,
          pending_levels, green_channel, justification, rejection_reason, rejection_detail, approved, paid, reservation_id,
          outcome, opened_by, opened_by_subject, opened_at, approved_at, first_paid_at, appeal_id, version, planned_by_subject)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        id, householdID, villageCode, Self.sources.first { $0.0 == source }?.1 ?? "", reportedBy, Self.text(status),
        try assessment.map { try $0.serializedBytes() as Data }, try plan.map { try $0.serializedBytes() as Data },
        pendingLevels.joined(separator: ","), greenChannel, justification, rejectionReason, rejectionDetail, approved, paid,
        reservationID, outcome, openedBy, openedBySubject, openedAt, approvedAt, firstPaidAt, appealID, version, plannedBySubject,
      ])
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
