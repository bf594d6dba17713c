// The hours volunteers gave at activities. An entry is never edited once approved and
// never deleted: a correction is a new entry that names the one it replaces.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

enum HoursStore {
  /// Hours entries with whether a later entry corrected each.
  static let select = "SELECT h.*, EXISTS (SELECT 1 FROM volunteers_hours c WHERE c.corrects = h.id) AS corrected FROM volunteers_hours h"
  /// The entries in force: those no later entry corrects.
  static let inForce = "NOT EXISTS (SELECT 1 FROM volunteers_hours c WHERE c.corrects = h.id)"

  static func proto(_ row: Row) -> Vets_Volunteers_V1_HoursEntry {
    var h = Vets_Volunteers_V1_HoursEntry()
    h.id = row["id"]
    h.activityID = row["activity_id"]
    h.memberID = row["member_id"]
    h.minutes = row["minutes"]
    h.corrects = row["corrects"] ?? ""
    h.status = (row["corrected"] as Bool) ? .corrected : (row["approved_at"] as String?) == nil ? .pending : .approved
    if let at = Instant.date(row["recorded_at"]) { h.recordedAt = Google_Protobuf_Timestamp(date: at) }
    h.approvedBy = row["approved_by"] ?? ""
    if let text = row["approved_at"] as String?, let at = Instant.date(text) { h.approvedAt = Google_Protobuf_Timestamp(date: at) }
    return h
  }

  static func ofActivity(_ db: Database, id: String) throws -> [Vets_Volunteers_V1_HoursEntry] {
    try Row.fetchAll(db, sql: "\(select) WHERE h.activity_id = ? ORDER BY h.recorded_at, h.id", arguments: [id]).map(proto)
  }

  /// Records an active member's minutes at an activity that has started: one entry in force
  /// per member and activity (a correction names it), at most 24 hours on the start day.
  static func record(
    _ db: Database, activity activityID: String, member memberID: String, minutes: Int32, corrects: String?, call: WriteCall
  ) throws -> Vets_Volunteers_V1_HoursEntry {
    let activity = try ActivityRow.forWrite(db, id: activityID, caller: call.caller)
    try ActivityWorkflow.require(.recordHours, activity: activityID, status: activity.status)
    try activity.requireStarted(call.now)
    try MemberStore.requireActive(db, id: memberID)
    try HoursRules.check(minutes: minutes, duration: HoursRules.duration(from: activity.startsAt, to: activity.endsAt))
    let current = try String.fetchOne(
      db, sql: "SELECT h.id FROM volunteers_hours h WHERE h.activity_id = ? AND h.member_id = ? AND \(inForce)",
      arguments: [activityID, memberID])
    switch (current, corrects) {
    case (nil, nil): break
    case (let current?, nil):
      throw VetsError.failedPrecondition(
        "member \(memberID) already has hours entry \(current) at activity \(activityID); to change it, record a correction that names it (corrects)")
    case (let current, let corrects?):
      guard current == corrects else {
        throw VetsError.failedPrecondition(
          "corrects: \(corrects) is not the entry in force for member \(memberID) at activity \(activityID)"
            + (current.map { " (that is \($0))" } ?? ""))
      }
    }
    let other = try Int.fetchOne(
      db,
      sql: "SELECT COALESCE(SUM(h.minutes), 0) FROM volunteers_hours h WHERE h.member_id = ? AND h.start_day = ? AND \(inForce) AND h.id IS NOT ?",
      arguments: [memberID, activity.startDay, corrects]) ?? 0
    try HoursRules.checkDay(minutes: minutes, otherMinutes: other, day: activity.startDay)
    let id = RecordID.make("hrs_")
    try db.execute(
      sql: """
        INSERT INTO volunteers_hours (id, activity_id, member_id, minutes, start_day, corrects, recorded_at, recorded_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [id, activityID, memberID, minutes, activity.startDay, corrects, Instant.text(call.now), call.caller.tokenID])
    // New pending hours reopen approval.
    if activity.status == .hoursApproved { try activity.setStatus(db, .done) }
    return proto(try Row.fetchOne(db, sql: "\(select) WHERE h.id = ?", arguments: [id])!)
  }

  /// Approves the named pending entries in force, or all of them when none is named; the
  /// activity's hours are approved when none is left pending. Returns the approved ids.
  static func approve(_ db: Database, activity activityID: String, named: Set<String>, call: WriteCall) throws -> [String] {
    let activity = try ActivityRow.forWrite(db, id: activityID, caller: call.caller)
    try ActivityWorkflow.require(.approveHours, activity: activityID, status: activity.status)
    let pending = try String.fetchAll(
      db, sql: "SELECT h.id FROM volunteers_hours h WHERE h.activity_id = ? AND h.approved_at IS NULL AND \(inForce)",
      arguments: [activityID])
    guard !pending.isEmpty else { throw VetsError.failedPrecondition("activity \(activityID) has no pending hours") }
    if let stray = named.subtracting(pending).sorted().first {
      throw VetsError.failedPrecondition("entry_ids: \(stray) is not a pending entry in force at activity \(activityID)")
    }
    let approving = named.isEmpty ? pending : named.sorted()
    let now = Instant.text(call.now)
    for id in approving {
      try db.execute(
        sql: "UPDATE volunteers_hours SET approved_at = ?, approved_by = ? WHERE id = ?", arguments: [now, call.caller.tokenID, id])
    }
    if approving.count == pending.count { try activity.setStatus(db, .hoursApproved) }
    return approving
  }

  /// A member's entries, newest first, in one year ("2025-") or all; with the approved and
  /// pending minutes in force.
  static func ofMember(_ db: Database, id: String, year: String?, masked: Bool, directory: any PersonDirectory) throws
    -> Vets_Volunteers_V1_MemberHours
  {
    let row = try MemberStore.row(db, id: id)
    var hours = Vets_Volunteers_V1_MemberHours()
    hours.member = try MemberStore.proto(db, row, masked: masked, directory: directory)
    hours.entries = try Row.fetchAll(
      db, sql: "\(select) WHERE h.member_id = ? AND (? IS NULL OR substr(h.start_day, 1, 5) = ?) ORDER BY h.start_day DESC, h.recorded_at DESC",
      arguments: [id, year, year]
    ).map(proto)
    for entry in hours.entries {
      switch entry.status {
      case .approved: hours.approvedMinutes += Int64(entry.minutes)
      case .pending: hours.pendingMinutes += Int64(entry.minutes)
      default: break
      }
    }
    return hours
  }
}
