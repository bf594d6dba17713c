// An enterprise's checks of a veteran's eligibility, redemptions, and their voiding.

import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

extension AllianceService {
  /// The person a check or redemption is for, as `Membership.visible` lets the caller see
  /// them. Each one spends the caller's lookup budget, shared with the registry's searches
  /// by identifier, whether or not anyone is found (a redemption spends it in its write, so
  /// that a retry, answered from the stored answer, spends nothing).
  func customer(_ customer: Vets_Alliance_V1_Customer, spending: Bool = true) async throws -> DirectoryPerson? {
    let caller = self.caller
    if spending { try lookups.spend(caller, now: database.clock.now()) }
    let person: DirectoryPerson?
    switch customer.id {
    case .certificateNo(let number)?:
      person = try await directory.person(certificateNo: try Validate.text(number, field: "customer.certificate_no", max: 64))
    case .idNumber(let number)?:
      person = try await directory.person(residentID: try ResidentID(number, field: "customer.id_number"))
    case nil:
      throw VetsError.invalidArgument(field: "customer", rule: "give the certificate_no or the id_number")
    }
    return Membership.visible(person, to: caller)
  }

  /// The offer a check or redemption names, and its enterprise's status, once the caller
  /// may act on it.
  func offerFor(_ id: String) async throws -> (offer: OfferRecord, enterpriseStatus: String) {
    try Validate.id(id, field: "offer_id")
    guard let found = try await database.read({ db in try OfferRecord.withEnterpriseStatus(db, id: id) }) else {
      throw VetsError.notFound("no offer with id \(quoted: id)")
    }
    try Membership.checkActs(caller, onOfferOf: found.offer.enterpriseID)
    return found
  }

  func checkEligibility(request: Vets_Alliance_V1_CheckEligibilityRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_CheckEligibilityResponse
  {
    let (offer, enterpriseStatus) = try await offerFor(request.offerID)
    let person = try await customer(request.customer)
    let now = database.clock.now()
    let reason = try await database.read { db in
      try Eligibility.decide(offer, enterpriseStatus: enterpriseStatus, person: person, now: now) { person, since in
        try RedemptionRecord.uses(db, offer: offer.id, person: person, since: since)
      }
    }
    try await database.recordRead(targets: ["offer:\(offer.id)", "check:\(reason == .confirmed ? "confirmed" : "not confirmed")"])
    var response = Vets_Alliance_V1_CheckEligibilityResponse()
    response.confirmed = reason == .confirmed
    response.reason = reason
    if reason == .confirmed, let person { response.maskedName = PersonName.masked(person.name) }
    return response
  }

  func redeem(request: Vets_Alliance_V1_RedeemRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Redemption {
    let offerID = try await offerFor(request.offerID).offer.id
    let person = try await customer(request.customer, spending: false)
    let (directory, lookups) = (self.directory, self.lookups)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try lookups.spend(call.caller, now: call.now)
      // Re-read inside the transaction: the limits and the person's status are the ones this
      // redemption changes or depends on, so concurrent redemptions cannot both pass.
      guard let (offer, enterpriseStatus) = try OfferRecord.withEnterpriseStatus(db, id: offerID) else {
        throw VetsError.notFound("no offer with id \(quoted: offerID)")
      }
      let current = try person.flatMap { try directory.person(db, id: $0.id) }
      let reason = try Eligibility.decide(offer, enterpriseStatus: enterpriseStatus, person: current, now: call.now) { person, since in
        try RedemptionRecord.uses(db, offer: offerID, person: person, since: since)
      }
      var redemption = Vets_Alliance_V1_Redemption()
      redemption.offerID = offerID
      redemption.reason = reason
      guard reason == .confirmed, let current else { return Mutation(redemption, targets: ["offer:\(offerID)"]) }
      let record = RedemptionRecord(id: RecordID.make("red_"), offerID: offerID, personID: current.id, redeemedAt: Instant.text(call.now))
      try record.insert(db)
      try OfferRecord.countRedemption(db, offer: offerID, by: 1)
      redemption.id = record.id
      redemption.confirmed = true
      redemption.maskedName = PersonName.masked(current.name)
      redemption.redeemedAt = Google_Protobuf_Timestamp(date: call.now)
      return Mutation(redemption, targets: ["offer:\(offerID)", "redemption:\(record.id)"])
    }
  }

  func voidRedemption(request: Vets_Alliance_V1_VoidRedemptionRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Redemption {
    try Validate.id(request.redemptionID, field: "redemption_id")
    let window = config.voidWindowDays
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      guard var record = try RedemptionRecord.find(db, id: request.redemptionID),
        let offer = try OfferRecord.fetchOne(db, key: record.offerID)
      else { throw VetsError.notFound("no redemption with id \(quoted: request.redemptionID)") }
      try Membership.checkActs(call.caller, onOfferOf: offer.enterpriseID)
      // A refund is the enterprise's, or its managers' (the county, its town).
      if case .enterprise = call.caller.scope {} else { try Self.checkManages(call.caller, db, offer: offer.id) }
      guard record.voidedAt == nil else { throw VetsError.failedPrecondition("redemption \(request.redemptionID) is already void") }
      let at = try RedemptionRules.checkVoidable(request.redemptionID, redeemedAt: Instant.date(record.redeemedAt), now: call.now, days: window)
      record.voidedAt = Instant.text(call.now)
      try record.update(db)
      try OfferRecord.countRedemption(db, offer: offer.id, by: -1)
      var redemption = Vets_Alliance_V1_Redemption()
      redemption.id = request.redemptionID
      redemption.offerID = offer.id
      redemption.confirmed = true
      redemption.reason = .confirmed
      redemption.redeemedAt = Google_Protobuf_Timestamp(date: at)
      redemption.voidedAt = Google_Protobuf_Timestamp(date: call.now)
      return Mutation(redemption, targets: ["redemption:\(request.redemptionID)"])
    }
  }
}
