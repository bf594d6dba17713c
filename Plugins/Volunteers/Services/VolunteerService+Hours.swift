import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// Hours recorded and approved, and the money and goods an activity raised.
extension VolunteerService {
  func recordHours(request: Vets_Volunteers_V1_RecordHoursRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_HoursEntry {
    let activityID = try Validate.id(request.activityID, field: "activity_id")
    let memberID = try Validate.id(request.memberID, field: "member_id")
    try HoursRules.check(minutes: request.minutes, duration: ActivityWorkflow.maxMinutes)
    let corrects = request.corrects.isEmpty ? nil : try Validate.id(request.corrects, field: "corrects")
    let minutes = request.minutes
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let entry = try HoursStore.record(db, activity: activityID, member: memberID, minutes: minutes, corrects: corrects, call: call)
      return Mutation(entry, targets: ["activity:\(activityID)", "member:\(memberID)", "hours:\(entry.id)"])
    }
  }

  func approveHours(request: Vets_Volunteers_V1_ApproveHoursRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Activity {
    let activityID = try Validate.id(request.activityID, field: "activity_id")
    guard request.entryIds.count <= 1000 else { throw VetsError.invalidArgument(field: "entry_ids", rule: "at most 1000 entries") }
    let named = try Set(request.entryIds.map { id throws(VetsError) in try Validate.id(id, field: "entry_ids") })
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let approved = try HoursStore.approve(db, activity: activityID, named: named, call: call)
      return Mutation(try ActivityStore.response(db, id: activityID), targets: ["activity:\(activityID)"] + approved.map { "hours:\($0)" })
    }
  }

  func getMemberHours(request: Vets_Volunteers_V1_GetMemberHoursRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_MemberHours
  {
    let memberID = try Validate.id(request.memberID, field: "member_id")
    guard request.year == 0 || CalendarDate.years.contains(Int(request.year)) else {
      throw VetsError.invalidArgument(field: "year", rule: "must be 0 (all years) or \(CalendarDate.years.lowerBound)-\(CalendarDate.years.upperBound)")
    }
    let year = request.year == 0 ? nil : "\(request.year)-"
    let (masked, directory) = (!caller.role.seesPersonalData, self.directory)
    return try await database.read { db in try HoursStore.ofMember(db, id: memberID, year: year, masked: masked, directory: directory) }
  }

  func recordRaised(request: Vets_Volunteers_V1_RecordRaisedRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Donation {
    let activityID = try Validate.id(request.activityID, field: "activity_id")
    let donor = try Validate.text(request.donor, field: "donor", max: 100)
    let kind = try Vets_Volunteers_V1_DonationKind.terms.word(request.kind, field: "kind")
    let donation = DonationStore.New(
      donor: donor, kind: kind, amount: try Money.amount(request.amount, field: "amount", ceiling: config.donationCeilingYuan * 100),
      description: try Validate.text(request.description_p, field: "description", max: 500, required: kind == "goods"))
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let recorded = try DonationStore.record(db, activity: activityID, donation, call: call)
      return Mutation(recorded, targets: ["activity:\(activityID)", "donation:\(recorded.id)"])
    }
  }

  func depositDonation(request: Vets_Volunteers_V1_DepositDonationRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Donation
  {
    guard let deposits else {
      throw VetsError.failedPrecondition("the relief module is off; enable it in the daemon's config to pay donations into a relief fund")
    }
    let donationID = try Validate.id(request.donationID, field: "donation_id")
    let fund = try Validate.text(request.fund, field: "fund", max: 40)
    let source = try Validate.text(request.source, field: "source", max: 40)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let deposited = try DonationStore.deposit(db, id: donationID, fund: fund, source: source, into: deposits, call: call)
      return Mutation(deposited.donation, targets: deposited.targets)
    }
  }
}
