// An activity as the write paths read it: its state, its times and its place.

import Foundation
import GRDB
import VetsAPI
import VetsKit

struct ActivityRow: Sendable {
  var id: String
  var status: ActivityStatus
  var startsAt: String
  var endsAt: String
  var startDay: String
  var placeCode: String
  var title: String

  init?(_ db: Database, id: String) throws {
    guard let row = try ActivityStore.row(db, id: id) else { return nil }
    (self.id, status) = (id, ActivityStatus.terms.value(row["status"]) ?? .unspecified)
    (startsAt, endsAt, startDay, placeCode, title) = (row["starts_at"], row["ends_at"], row["start_day"], row["place_code"], row["title"])
  }

  /// The activity, for a write by `caller`: it exists and lies in the caller's scope.
  static func forWrite(_ db: Database, id: String, caller: Caller) throws -> ActivityRow {
    guard let activity = try ActivityRow(db, id: id) else { throw VetsError.notFound("no activity with id \(quoted: id)") }
    try caller.mustCover(activity.placeCode, "activity \(id)")
    return activity
  }

  func requireStarted(_ now: Date) throws {
    guard let start = Instant.date(startsAt), start <= now else {
      throw VetsError.failedPrecondition("activity \(id) starts at \(startsAt); it has not started yet")
    }
  }

  /// Stores a new status (its word from the workflow's table), with the reason for a cancel.
  func setStatus(_ db: Database, _ status: ActivityStatus, cancelReason: String? = nil) throws {
    let word = try ActivityStatus.terms.word(status, field: "status")
    try db.execute(
      sql: "UPDATE volunteers_activities SET status = ?, cancel_reason = COALESCE(?, cancel_reason) WHERE id = ?",
      arguments: [word, cancelReason, id])
  }
}
