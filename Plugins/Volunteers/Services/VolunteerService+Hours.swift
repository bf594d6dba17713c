import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Hours recorded and approved, and the money and goods an activity raised.
extension VolunteerService {
  // MARK: Hours

  func recordHours(request: Vets_Volunteers_V1_RecordHoursRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_HoursEntry {
    let activityID = try Self.id(request.activityID, field: "activity_id")
    let memberID = try Self.id(request.memberID, field: "member_id")
    try HoursRules.check(minutes: request.minutes, duration: Self.maxActivityMinutes)
    let corrects = request.corrects.isEmpty ? nil : try Self.id(request.corrects, field: "corrects")
    let (caller, clock) = (self.caller, database.clock)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let now = clock.now()
      let activity = try ActivityRow.forWrite(db, id: activityID, caller: caller)
      try ActivityWorkflow.require(.recordHours, activity: activityID, status: activity.status)
      try activity.requireStarted(now)
      guard let status = try String.fetchOne(db, sql: "SELECT status FROM volunteers_members WHERE id = ?", arguments: [memberID]) else {
        throw VetsError.notFound("no member with id \(quoted: memberID)")
      }
      guard status == "active" else { throw VetsError.failedPrecondition("member \(memberID) is \(status)") }
      try HoursRules.check(minutes: request.minutes, duration: HoursRules.duration(from: activity.startsAt, to: activity.endsAt))
      let current = try Row.fetchOne(
        db, sql: "SELECT h.id FROM volunteers_hours h WHERE h.activity_id = ? AND h.member_id = ? AND \(Self.inForce)",
        arguments: [activityID, memberID]
      ).map { $0["id"] as String }
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
        sql: "SELECT COALESCE(SUM(h.minutes), 0) FROM volunteers_hours h WHERE h.member_id = ? AND h.start_day = ? AND \(Self.inForce) AND h.id IS NOT ?",
        arguments: [memberID, activity.startDay, corrects]) ?? 0
      try HoursRules.checkDay(minutes: request.minutes, otherMinutes: other, day: activity.startDay)
      let id = RecordID.make("hrs_")
      try db.execute(
        sql: """
          INSERT INTO volunteers_hours (id, activity_id, member_id, minutes, start_day, corrects, recorded_at, recorded_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [id, activityID, memberID, request.minutes, activity.startDay, corrects, Instant.text(now), caller.tokenID])
      // New pending hours reopen approval.
      if activity.status == "hours_approved" { try activity.setStatus(db, "done") }
      let row = try Row.fetchOne(db, sql: "\(Self.hoursSelect) WHERE h.id = ?", arguments: [id])!
      return Mutation(Self.hoursEntry(row), targets: ["activity:\(activityID)", "member:\(memberID)", "hours:\(id)"])
    }
  }

  func approveHours(request: Vets_Volunteers_V1_ApproveHoursRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Activity {
    let activityID = try Self.id(request.activityID, field: "activity_id")
    guard request.entryIds.count <= 1000 else { throw VetsError.invalidArgument(field: "entry_ids", rule: "at most 1000 entries") }
    let named = try Set(request.entryIds.map { id throws(VetsError) in try Self.id(id, field: "entry_ids") })
    let (caller, clock) = (self.caller, database.clock)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let activity = try ActivityRow.forWrite(db, id: activityID, caller: caller)
      try ActivityWorkflow.require(.approveHours, activity: activityID, status: activity.status)
      let pending = try String.fetchAll(
        db, sql: "SELECT h.id FROM volunteers_hours h WHERE h.activity_id = ? AND h.approved_at IS NULL AND \(Self.inForce)",
        arguments: [activityID])
      guard !pending.isEmpty else { throw VetsError.failedPrecondition("activity \(activityID) has no pending hours") }
      if let stray = named.subtracting(pending).sorted().first {
        throw VetsError.failedPrecondition("entry_ids: \(stray) is not a pending entry in force at activity \(activityID)")
      }
      let approving = named.isEmpty ? pending : named.sorted()
      let now = Instant.text(clock.now())
      for id in approving {
        try db.execute(sql: "UPDATE volunteers_hours SET approved_at = ?, approved_by = ? WHERE id = ?", arguments: [now, caller.tokenID, id])
      }
      if approving.count == pending.count { try activity.setStatus(db, "hours_approved") }
      return Mutation(try Self.activityResponse(db, id: activityID), targets: ["activity:\(activityID)"] + approving.map { "hours:\($0)" })
    }
  }

  func getMemberHours(request: Vets_Volunteers_V1_GetMemberHoursRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_MemberHours
  {
    let memberID = try Self.id(request.memberID, field: "member_id")
    guard request.year == 0 || CalendarDate.years.contains(Int(request.year)) else {
      throw VetsError.invalidArgument(field: "year", rule: "must be 0 (all years) or \(CalendarDate.years.lowerBound)-\(CalendarDate.years.upperBound)")
    }
    let year = request.year == 0 ? nil : "\(request.year)-"
    let (masked, directory) = (!caller.role.seesPersonalData, self.directory)
    return try await database.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_members WHERE id = ?", arguments: [memberID]) else {
        throw VetsError.notFound("no member with id \(quoted: memberID)")
      }
      var hours = Vets_Volunteers_V1_MemberHours()
      hours.member = try Self.member(db, row, masked: masked, directory: directory)
      hours.entries = try Row.fetchAll(
        db, sql: "\(Self.hoursSelect) WHERE h.member_id = ? AND (? IS NULL OR substr(h.start_day, 1, 5) = ?) ORDER BY h.start_day DESC, h.recorded_at DESC",
        arguments: [memberID, year, year]
      ).map(Self.hoursEntry)
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

  // MARK: Money and goods

  func recordRaised(request: Vets_Volunteers_V1_RecordRaisedRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Donation {
    let activityID = try Self.id(request.activityID, field: "activity_id")
    let donor = try Validate.text(request.donor, field: "donor", max: 100)
    let kind = try Vocabulary.donationKinds.word(request.kind, field: "kind")
    let amount = try Money.amount(request.amount, field: "amount", ceiling: config.donationCeilingYuan * 100)
    let description = try Validate.text(request.description_p, field: "description", max: 500, required: kind == "goods")
    let (caller, clock) = (self.caller, database.clock)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let activity = try ActivityRow.forWrite(db, id: activityID, caller: caller)
      try ActivityWorkflow.require(.raise, activity: activityID, status: activity.status)
      let id = RecordID.make("don_")
      try db.execute(
        sql: """
          INSERT INTO volunteers_donations (id, activity_id, donor, kind, amount, description, recorded_at, recorded_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [id, activityID, donor, kind, amount, description, Instant.text(clock.now()), caller.tokenID])
      let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_donations WHERE id = ?", arguments: [id])!
      return Mutation(Self.donation(row), targets: ["activity:\(activityID)", "donation:\(id)"])
    }
  }

  func depositDonation(request: Vets_Volunteers_V1_DepositDonationRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Donation
  {
    guard let deposits else {
      throw VetsError.failedPrecondition("the relief module is off; enable it in the daemon's config to pay donations into a relief fund")
    }
    let donationID = try Self.id(request.donationID, field: "donation_id")
    let fund = try Validate.text(request.fund, field: "fund", max: 40)
    let source = try Validate.text(request.source, field: "source", max: 40)
    let caller = self.caller
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_donations WHERE id = ?", arguments: [donationID]) else {
        throw VetsError.notFound("no donation with id \(quoted: donationID)")
      }
      var donation = Self.donation(row)
      let activity = try ActivityRow.forWrite(db, id: donation.activityID, caller: caller)
      guard donation.kind == .money else {
        throw VetsError.failedPrecondition("donation \(donationID) is goods; only money is paid into a relief fund")
      }
      // Deposited already: the same deposit again is answered with it; another fund is refused.
      if !donation.depositTransferID.isEmpty {
        guard donation.depositFund == fund else {
          throw VetsError.failedPrecondition(
            "donation \(donationID) is already deposited into fund \(donation.depositFund) as transfer \(donation.depositTransferID)")
        }
        return Mutation(donation, targets: ["donation:\(donationID)"])
      }
      let transfer = try deposits.deposit(
        db, by: caller, id: "donation-\(donationID)", fund: fund, source: source, amount: donation.amount.fen,
        memo: "raised at \(activity.title) from \(donation.donor)", link: "activity:\(activity.id)")
      try db.execute(
        sql: "UPDATE volunteers_donations SET transfer_id = ?, fund = ? WHERE id = ?", arguments: [transfer, fund, donationID])
      donation.depositTransferID = transfer
      donation.depositFund = fund
      return Mutation(donation, targets: ["donation:\(donationID)", "transfer:\(transfer)", "account:\(fund)"])
    }
  }
}
