// The money and goods raised at activities, and the money paid on into a relief fund.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

enum DonationStore {
  /// A donation as validated from a request.
  struct New: Sendable {
    var donor: String
    var kind: String
    var amount: Int64
    var description: String
  }

  static func proto(_ row: Row) -> Vets_Volunteers_V1_Donation {
    var d = Vets_Volunteers_V1_Donation()
    d.id = row["id"]
    d.activityID = row["activity_id"]
    d.donor = row["donor"]
    d.kind = Vets_Volunteers_V1_DonationKind.terms.value(row["kind"]) ?? .unspecified
    d.amount = Money.proto(row["amount"])
    d.description_p = row["description"]
    if let at = Instant.date(row["recorded_at"]) { d.recordedAt = Google_Protobuf_Timestamp(date: at) }
    d.depositTransferID = row["transfer_id"] ?? ""
    d.depositFund = row["fund"] ?? ""
    return d
  }

  static func ofActivity(_ db: Database, id: String) throws -> [Vets_Volunteers_V1_Donation] {
    try Row.fetchAll(db, sql: "SELECT * FROM volunteers_donations WHERE activity_id = ? ORDER BY recorded_at, id", arguments: [id]).map(proto)
  }

  static func fetch(_ db: Database, id: String) throws -> Vets_Volunteers_V1_Donation? {
    try Row.fetchOne(db, sql: "SELECT * FROM volunteers_donations WHERE id = ?", arguments: [id]).map(proto)
  }

  /// Records money or goods raised at an activity that is not cancelled.
  static func record(_ db: Database, activity activityID: String, _ d: New, call: WriteCall) throws -> Vets_Volunteers_V1_Donation {
    let activity = try ActivityRow.forWrite(db, id: activityID, caller: call.caller)
    try ActivityWorkflow.require(.raise, activity: activityID, status: activity.status)
    let id = RecordID.make("don_")
    try db.execute(
      sql: """
        INSERT INTO volunteers_donations (id, activity_id, donor, kind, amount, description, recorded_at, recorded_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [id, activityID, d.donor, d.kind, d.amount, d.description, Instant.text(call.now), call.caller.tokenID])
    return try fetch(db, id: id)!
  }

  /// Pays money raised into a relief fund, once: the same deposit again is answered with the
  /// donation as it is; another fund is refused. Returns the donation and the audit targets.
  static func deposit(
    _ db: Database, id donationID: String, fund: String, source: String, into deposits: any ReliefDeposits, call: WriteCall
  ) throws -> (donation: Vets_Volunteers_V1_Donation, targets: [String]) {
    guard var donation = try fetch(db, id: donationID) else { throw VetsError.notFound("no donation with id \(quoted: donationID)") }
    let activity = try ActivityRow.forWrite(db, id: donation.activityID, caller: call.caller)
    guard donation.kind == .money else {
      throw VetsError.failedPrecondition("donation \(donationID) is goods; only money is paid into a relief fund")
    }
    if !donation.depositTransferID.isEmpty {
      guard donation.depositFund == fund else {
        throw VetsError.failedPrecondition(
          "donation \(donationID) is already deposited into fund \(donation.depositFund) as transfer \(donation.depositTransferID)")
      }
      return (donation, ["donation:\(donationID)"])
    }
    let transfer = try deposits.deposit(
      db, call: call, id: "donation-\(donationID)", fund: fund, source: source, amount: donation.amount.fen,
      memo: "\(activity.title)募集，捐赠方：\(donation.donor)", link: "activity:\(activity.id)")
    try db.execute(sql: "UPDATE volunteers_donations SET transfer_id = ?, fund = ? WHERE id = ?", arguments: [transfer, fund, donationID])
    donation.depositTransferID = transfer
    donation.depositFund = fund
    return (donation, ["donation:\(donationID)", "transfer:\(transfer)", "account:\(fund)"])
  }
}
