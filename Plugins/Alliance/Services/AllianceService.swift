import Foundation
import GRDB
import GRPCCore
import VetsAPI
import VetsKit

/// Enterprises, offers, eligibility checks and redemptions.
struct AllianceService: Vets_Alliance_V1_AllianceService.SimpleServiceProtocol, CallerReading {
  static let rules: AccessRules = [
    "AddEnterprise": .write(.admin, .clerk),
    "SetEnterpriseStatus": .write(.admin, .clerk),
    "ListEnterprises": .read(.admin, .clerk, .auditor, .coordinator, .system, .enterprise),
    "AddOffer": .write(.admin, .clerk),
    "SetOfferStatus": .write(.admin, .clerk),
    "ListOffers": .read(.admin, .clerk, .auditor, .coordinator, .system, .enterprise),
    "CheckEligibility": .write(.admin, .clerk, .enterprise),
    "Redeem": .write(.admin, .clerk, .enterprise),
    "VoidRedemption": .write(.admin, .clerk, .enterprise),
    "GetEnterprise": .read(.admin, .clerk, .auditor, .coordinator, .system, .enterprise),
    "UpdateEnterprise": .write(.admin, .clerk),
    "UpdateOffer": .write(.admin, .clerk),
    "ExportDirectory": .read(.admin, .clerk, .auditor, .coordinator, .system, .enterprise),
    "GetReport": .read(.admin, .clerk, .auditor).countyWide,
  ]

  let database: VetsDatabase
  let directory: any PersonDirectory
  let settings: ModuleSettings<AllianceConfig>
  let lookups: LookupBudget

  var config: AllianceConfig { settings.current }

  /// Refuses unless the caller manages the enterprise (NOT_FOUND when there is none).
  static func checkManages(_ caller: Caller, _ db: Database, enterprise id: String) throws {
    try Membership.checkManages(caller, enterprise: id, town: try EnterpriseRecord.town(db, id: id))
  }

  static func checkManages(_ caller: Caller, _ db: Database, offer id: String) throws {
    try checkManages(caller, db, enterprise: try OfferRecord.enterprise(db, id: id))
  }

  // MARK: Enterprises

  func addEnterprise(request: Vets_Alliance_V1_AddEnterpriseRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Enterprise {
    var e = request.enterprise
    e.name = try Validate.name(e.name, field: "enterprise.name", max: 100)
    let overrideReason = try Validate.text(request.overrideReason, field: "override_reason", max: 500, required: false)
    try Membership.checkOverride(caller, reason: overrideReason)
    e.creditCode = try CreditCode(e.creditCode, field: "enterprise.credit_code", acceptingWrongCheckCharacter: !overrideReason.isEmpty).value
    let category = try Vets_Alliance_V1_EnterpriseCategory.terms.word(e.category, field: "enterprise.category")
    e.townCode = try DivisionCode.town(e.townCode, field: "enterprise.town_code")
    try caller.mustCover(e.townCode, "town \(e.townCode)", field: "enterprise.town_code")
    e.address = try Validate.text(e.address, field: "enterprise.address", max: 200, required: false)
    e.contact = try Validate.text(e.contact, field: "enterprise.contact", max: 100, required: false)
    let joined = try CalendarDate.optional(e.joinedOn, field: "enterprise.joined_on") ?? CalendarDate.today(database.clock)
    let checked = e
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      if let other = try EnterpriseRecord.holder(db, creditCode: checked.creditCode) {
        throw VetsError.alreadyExists("credit code \(checked.creditCode) is already registered as \(other)")
      }
      let record = EnterpriseRecord(
        id: RecordID.make("ent_"), name: checked.name, creditCode: checked.creditCode, category: category, townCode: checked.townCode,
        address: checked.address, contact: checked.contact, joinedOn: joined.iso, status: "active", overrideReason: overrideReason)
      try record.insert(db)
      return Mutation(record.proto, targets: ["enterprise:\(record.id)"])
    }
  }

  func setEnterpriseStatus(request: Vets_Alliance_V1_SetEnterpriseStatusRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_Enterprise
  {
    let status = try Vets_Alliance_V1_EnterpriseStatus.terms.word(request.status, field: "status")
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(call.caller, db, enterprise: request.id)
      var record = try EnterpriseRecord.find(db, id: request.id)
      try Membership.checkStatusChange(enterprise: request.id, from: record.status)
      record.status = status
      try record.update(db)
      return Mutation(record.proto, targets: ["enterprise:\(request.id)"])
    }
  }

  func listEnterprises(request: Vets_Alliance_V1_ListEnterprisesRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_ListEnterprisesResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    // An unknown category filters nothing, as unspecified does.
    let category = Vets_Alliance_V1_EnterpriseCategory.terms.word(of: request.category)
    let town = request.townCode.isEmpty ? nil : try DivisionCode.town(request.townCode, field: "town_code")
    let enterprises = try await database.read { db in
      try EnterpriseRecord.list(db, after: after, category: category, town: town, limit: page.size)
    }
    var response = Vets_Alliance_V1_ListEnterprisesResponse()
    response.enterprises = enterprises.map(\.proto)
    response.nextPageToken = page.nextToken(last: enterprises.last?.id, count: enterprises.count)
    return response
  }

  // MARK: Offers

  func addOffer(request: Vets_Alliance_V1_AddOfferRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Offer {
    var o = request.offer
    o.title = try Validate.text(o.title, field: "offer.title", max: 100)
    o.description_p = try Validate.text(o.description_p, field: "offer.description", max: 1000, required: false)
    let benefit = try OfferRules.benefit(&o)
    try OfferRules.checkEligible(o.eligible)
    let (from, to) = try OfferRules.period(o)
    let checked = o
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(call.caller, db, enterprise: checked.enterpriseID)
      let record = OfferRecord(id: RecordID.make("off_"), checked, benefit: benefit, validFrom: from, validTo: to)
      try record.insert(db)
      return Mutation(record.proto, targets: ["offer:\(record.id)"])
    }
  }

  func setOfferStatus(request: Vets_Alliance_V1_SetOfferStatusRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Offer {
    let status = try Vets_Alliance_V1_OfferStatus.terms.word(request.status, field: "status")
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(call.caller, db, offer: request.id)
      var record = try OfferRecord.find(db, id: request.id)
      record.status = status
      try record.update(db)
      return Mutation(record.proto, targets: ["offer:\(request.id)"])
    }
  }

  func listOffers(request: Vets_Alliance_V1_ListOffersRequest, context: ServerContext) async throws -> Vets_Alliance_V1_ListOffersResponse {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let enterprise = request.enterpriseID.isEmpty ? nil : request.enterpriseID
    let today = request.currentOnly ? CalendarDate.today(database.clock) : nil
    let offers = try await database.read { db in
      try OfferRecord.list(db, after: after, enterprise: enterprise, currentOn: today, limit: page.size)
    }
    var response = Vets_Alliance_V1_ListOffersResponse()
    response.offers = offers.map(\.proto)
    response.nextPageToken = page.nextToken(last: offers.last?.id, count: offers.count)
    return response
  }
}
