import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import Synchronization
import VetsAPI
import VetsKit

/// Enterprises, offers, eligibility checks and redemptions.
struct AllianceService: Vets_Alliance_V1_AllianceService.SimpleServiceProtocol {
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
  static let categories: [(Vets_Alliance_V1_EnterpriseCategory, String)] = [
    (.retail, "retail"), (.catering, "catering"), (.medical, "medical"), (.housekeeping, "housekeeping"), (.education, "education"),
    (.transport, "transport"), (.finance, "finance"), (.culture, "culture"), (.other, "other"),
  ]
  static let statuses: [(Vets_Alliance_V1_EnterpriseStatus, String)] = [(.active, "active"), (.suspended, "suspended"), (.withdrawn, "withdrawn")]
  static let benefits: [(Vets_Alliance_V1_BenefitKind, String)] = [
    (.percentOff, "percent_off"), (.amountOff, "amount_off"), (.freeService, "free_service"), (.other, "other"),
  ]

  let database: VetsDatabase
  let directory: any PersonDirectory
  let settings: ModuleSettings<AllianceConfig>
  let lookups: LookupBudget

  var config: AllianceConfig { settings.current }

  var caller: Caller { CallContext.now.caller }

  /// Who manages an enterprise and its offers: the county, and the town it is in. A village
  /// token manages none (its scope covers no town).
  static func checkManages(_ caller: Caller, _ db: Database, enterprise id: String) throws {
    guard let town = try String.fetchOne(db, sql: "SELECT town_code FROM alliance_enterprises WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no enterprise with id \(quoted: id)")
    }
    try caller.mustCover(town, "enterprise \(id)")
  }

  static func checkManages(_ caller: Caller, _ db: Database, offer id: String) throws {
    guard let enterprise = try String.fetchOne(db, sql: "SELECT enterprise_id FROM alliance_offers WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no offer with id \(quoted: id)")
    }
    try checkManages(caller, db, enterprise: enterprise)
  }

  // MARK: Enterprises

  static func enterprise(_ row: Row) -> Vets_Alliance_V1_Enterprise {
    var e = Vets_Alliance_V1_Enterprise()
    e.id = row["id"]
    e.name = row["name"]
    e.creditCode = row["credit_code"]
    e.category = categories.first { $0.1 == (row["category"] as String) }?.0 ?? .unspecified
    e.townCode = row["town_code"]
    e.address = row["address"]
    e.contact = row["contact"]
    e.joinedOn = (try? CalendarDate(iso: row["joined_on"], field: "").proto) ?? .init()
    e.status = statuses.first { $0.1 == (row["status"] as String) }?.0 ?? .unspecified
    e.creditCodeOverrideReason = row["override_reason"]
    return e
  }

  func addEnterprise(request: Vets_Alliance_V1_AddEnterpriseRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Enterprise {
    var e = request.enterprise
    e.name = try Validate.name(e.name, field: "enterprise.name", max: 100)
    let overrideReason = try Validate.text(request.overrideReason, field: "override_reason", max: 500, required: false)
    if !overrideReason.isEmpty, caller.role != .admin {
      throw VetsError.permissionDenied("only an admin may accept a credit code whose check character fails")
    }
    e.creditCode = try CreditCode(e.creditCode, field: "enterprise.credit_code", acceptingWrongCheckCharacter: !overrideReason.isEmpty).value
    guard let category = Self.categories.first(where: { $0.0 == e.category })?.1 else {
      throw VetsError.invalidArgument(field: "enterprise.category", rule: "must be one of \(Self.categories.map(\.1).joined(separator: ", "))")
    }
    e.townCode = try DivisionCode.town(e.townCode, field: "enterprise.town_code")
    try caller.mustCover(e.townCode, "town \(e.townCode)", field: "enterprise.town_code")
    e.address = try Validate.text(e.address, field: "enterprise.address", max: 200, required: false)
    e.contact = try Validate.text(e.contact, field: "enterprise.contact", max: 100, required: false)
    let joined = try CalendarDate.optional(e.joinedOn, field: "enterprise.joined_on") ?? CalendarDate.today(database.clock)
    let checked = e
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      if let other = try String.fetchOne(db, sql: "SELECT id FROM alliance_enterprises WHERE credit_code = ?", arguments: [checked.creditCode]) {
        throw VetsError.alreadyExists("credit code \(checked.creditCode) is already registered as \(other)")
      }
      let id = RecordID.make("ent_")
      try db.execute(
        sql: """
          INSERT INTO alliance_enterprises (id, name, credit_code, category, town_code, address, contact, joined_on, status, override_reason)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)
          """,
        arguments: [id, checked.name, checked.creditCode, category, checked.townCode, checked.address, checked.contact, joined.iso, overrideReason])
      let row = try Row.fetchOne(db, sql: "SELECT * FROM alliance_enterprises WHERE id = ?", arguments: [id])!
      return Mutation(Self.enterprise(row), targets: ["enterprise:\(id)"])
    }
  }

  func setEnterpriseStatus(request: Vets_Alliance_V1_SetEnterpriseStatusRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_Enterprise
  {
    guard let status = Self.statuses.first(where: { $0.0 == request.status })?.1 else {
      throw VetsError.invalidArgument(field: "status", rule: "must be active, suspended or withdrawn")
    }
    let caller = self.caller
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(caller, db, enterprise: request.id)
      guard let current = try String.fetchOne(db, sql: "SELECT status FROM alliance_enterprises WHERE id = ?", arguments: [request.id]) else {
        throw VetsError.notFound("no enterprise with id \(quoted: request.id)")
      }
      guard current != "withdrawn" else { throw VetsError.failedPrecondition("enterprise \(request.id) has withdrawn; that is final") }
      try db.execute(sql: "UPDATE alliance_enterprises SET status = ? WHERE id = ?", arguments: [status, request.id])
      let row = try Row.fetchOne(db, sql: "SELECT * FROM alliance_enterprises WHERE id = ?", arguments: [request.id])!
      return Mutation(Self.enterprise(row), targets: ["enterprise:\(request.id)"])
    }
  }

  func listEnterprises(request: Vets_Alliance_V1_ListEnterprisesRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_ListEnterprisesResponse
  {
    let page = try Page(request.page)
    let category = request.category == .unspecified ? nil : Self.categories.first { $0.0 == request.category }?.1
    let town = request.townCode.isEmpty ? nil : try DivisionCode.town(request.townCode, field: "town_code")
    let enterprises = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM alliance_enterprises WHERE id > ? AND (? IS NULL OR category = ?) AND (? IS NULL OR town_code = ?) ORDER BY id LIMIT ?",
        arguments: [page.after ?? "", category, category, town, town, page.size]
      ).map(Self.enterprise)
    }
    var response = Vets_Alliance_V1_ListEnterprisesResponse()
    response.enterprises = enterprises
    response.nextPageToken = page.nextToken(lastKey: enterprises.last?.id, count: enterprises.count)
    return response
  }

  // MARK: Offers

  static func offer(_ row: Row) -> Vets_Alliance_V1_Offer {
    var o = Vets_Alliance_V1_Offer()
    o.id = row["id"]
    o.enterpriseID = row["enterprise_id"]
    o.title = row["title"]
    o.description_p = row["description"]
    o.benefit = benefits.first { $0.1 == (row["benefit"] as String) }?.0 ?? .unspecified
    o.percentOff = row["percent_off"]
    o.amountOff = Money.proto(row["amount_off"])
    o.benefitText = row["benefit_text"]
    o.eligible = (row["eligible"] as String).split(separator: ",").compactMap { Int(String($0)) }.compactMap(Vets_Registry_V1_Category.init(rawValue:))
    o.validFrom = (try? CalendarDate(iso: row["valid_from"], field: "").proto) ?? .init()
    o.validTo = (try? CalendarDate(iso: row["valid_to"], field: "").proto) ?? .init()
    o.limitCount = row["limit_count"]
    o.limitDays = row["limit_days"]
    o.quota = row["quota"]
    o.status = (row["status"] as String) == "active" ? .active : .paused
    o.redeemed = row["redeemed"]
    return o
  }

  func addOffer(request: Vets_Alliance_V1_AddOfferRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Offer {
    var o = request.offer
    o.title = try Validate.text(o.title, field: "offer.title", max: 100)
    o.description_p = try Validate.text(o.description_p, field: "offer.description", max: 1000, required: false)
    guard let benefit = Self.benefits.first(where: { $0.0 == o.benefit })?.1 else {
      throw VetsError.invalidArgument(field: "offer.benefit", rule: "must be percent_off, amount_off, free_service or other")
    }
    switch o.benefit {
    case .percentOff:
      guard (1...99).contains(o.percentOff) else { throw VetsError.invalidArgument(field: "offer.percent_off", rule: "must be 1-99") }
    case .amountOff:
      _ = try Money.amount(o.amountOff, field: "offer.amount_off", ceiling: 100_000_000)
    default:
      o.benefitText = try Validate.text(o.benefitText, field: "offer.benefit_text", max: 200)
    }
    // SwiftProtobuf enums compare by raw value, so an unknown number is told by its absence
    // from allCases, never by comparing with .UNRECOGNIZED.
    for category in o.eligible where category == .unspecified || !Vets_Registry_V1_Category.allCases.contains(category) {
      throw VetsError.invalidArgument(field: "offer.eligible", rule: "\(category.rawValue) is not a registry category")
    }
    guard let from = try CalendarDate.optional(o.validFrom, field: "offer.valid_from"),
      let to = try CalendarDate.optional(o.validTo, field: "offer.valid_to"), from <= to
    else { throw VetsError.invalidArgument(field: "offer.valid_to", rule: "valid_from and valid_to are required, in order") }
    guard (1...1000).contains(o.limitCount) else { throw VetsError.invalidArgument(field: "offer.limit_count", rule: "must be 1-1000") }
    guard (0...3660).contains(o.limitDays) else { throw VetsError.invalidArgument(field: "offer.limit_days", rule: "must be 0 (ever) to 3660") }
    guard (0...100_000_000).contains(o.quota) else { throw VetsError.invalidArgument(field: "offer.quota", rule: "must be 0 (none) or a positive count") }
    let (checked, caller) = (o, self.caller)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(caller, db, enterprise: checked.enterpriseID)
      let id = RecordID.make("off_")
      try db.execute(
        sql: """
          INSERT INTO alliance_offers (id, enterprise_id, title, description, benefit, percent_off, amount_off, benefit_text, eligible,
            valid_from, valid_to, limit_count, limit_days, quota, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')
          """,
        arguments: [
          id, checked.enterpriseID, checked.title, checked.description_p, benefit, checked.percentOff, checked.amountOff.fen,
          checked.benefitText, checked.eligible.map { String($0.rawValue) }.joined(separator: ","), from.iso, to.iso,
          checked.limitCount, checked.limitDays, checked.quota,
        ])
      return Mutation(Self.offer(try Row.fetchOne(db, sql: "SELECT * FROM alliance_offers WHERE id = ?", arguments: [id])!), targets: ["offer:\(id)"])
    }
  }

  func setOfferStatus(request: Vets_Alliance_V1_SetOfferStatusRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Offer {
    guard [.active, .paused].contains(request.status) else { throw VetsError.invalidArgument(field: "status", rule: "must be active or paused") }
    let caller = self.caller
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(caller, db, offer: request.id)
      try db.execute(sql: "UPDATE alliance_offers SET status = ? WHERE id = ?", arguments: [request.status == .active ? "active" : "paused", request.id])
      return Mutation(Self.offer(try Row.fetchOne(db, sql: "SELECT * FROM alliance_offers WHERE id = ?", arguments: [request.id])!), targets: ["offer:\(request.id)"])
    }
  }

  func listOffers(request: Vets_Alliance_V1_ListOffersRequest, context: ServerContext) async throws -> Vets_Alliance_V1_ListOffersResponse {
    let page = try Page(request.page)
    let enterprise = request.enterpriseID.isEmpty ? nil : request.enterpriseID
    let today = CalendarDate.today(database.clock).iso
    let current = request.currentOnly
    let offers = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT o.* FROM alliance_offers o JOIN alliance_enterprises e ON e.id = o.enterprise_id
          WHERE o.id > ? AND (? IS NULL OR o.enterprise_id = ?)
            AND (? = 0 OR (o.status = 'active' AND e.status = 'active' AND o.valid_from <= ? AND ? <= o.valid_to))
          ORDER BY o.id LIMIT ?
          """,
        arguments: [page.after ?? "", enterprise, enterprise, current, today, today, page.size]
      ).map(Self.offer)
    }
    var response = Vets_Alliance_V1_ListOffersResponse()
    response.offers = offers
    response.nextPageToken = page.nextToken(lastKey: offers.last?.id, count: offers.count)
    return response
  }

  // MARK: Checks and redemptions

  /// The person a check or redemption is for. Each one spends the caller's lookup budget,
  /// shared with the registry's searches by identifier, whether or not anyone is found (a
  /// redemption spends it in its write, so that a retry, answered from the stored answer,
  /// spends nothing). A clerk's token finds only people inside its scope, as a registry
  /// search does; an enterprise's token serves veterans from anywhere in the county.
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
    if case .enterprise = caller.scope { return person }
    return person.flatMap { caller.scope.covers(division: $0.villageCode) ? $0 : nil }
  }

  func offerFor(_ id: String) async throws -> OfferRow {
    try Validate.text(id, field: "offer_id", max: 64)
    guard let offer = try await database.read({ db in try OfferRow.fetch(db, id: id) }) else {
      throw VetsError.notFound("no offer with id \(quoted: id)")
    }
    try Eligibility.checkOwner(caller, offer)
    return offer
  }

  func checkEligibility(request: Vets_Alliance_V1_CheckEligibilityRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_CheckEligibilityResponse
  {
    let offer = try await offerFor(request.offerID)
    let person = try await customer(request.customer)
    let now = database.clock.now()
    let reason = try await database.read { db in try Eligibility.decide(db, offer: offer, person: person, now: now) }
    try await database.recordRead(targets: ["offer:\(offer.id)", "check:\(reason == .confirmed ? "confirmed" : "not confirmed")"])
    var response = Vets_Alliance_V1_CheckEligibilityResponse()
    response.confirmed = reason == .confirmed
    response.reason = reason
    if reason == .confirmed, let person { response.maskedName = Eligibility.masked(person.name) }
    return response
  }

  func redeem(request: Vets_Alliance_V1_RedeemRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Redemption {
    let offer = try await offerFor(request.offerID)
    let person = try await customer(request.customer, spending: false)
    let (directory, clock, lookups, caller) = (self.directory, database.clock, self.lookups, self.caller)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let now = clock.now()
      try lookups.spend(caller, now: now)
      // Re-read inside the transaction: the limits and the person's status are the ones this
      // redemption changes or depends on, so concurrent redemptions cannot both pass.
      guard let fresh = try OfferRow.fetch(db, id: offer.id) else { throw VetsError.notFound("no offer with id \(quoted: offer.id)") }
      let current = try person.flatMap { try directory.person(db, id: $0.id) }
      let reason = try Eligibility.decide(db, offer: fresh, person: current, now: now)
      var redemption = Vets_Alliance_V1_Redemption()
      redemption.offerID = offer.id
      redemption.reason = reason
      guard reason == .confirmed, let current else { return Mutation(redemption, targets: ["offer:\(offer.id)"]) }
      redemption.id = RecordID.make("red_")
      redemption.confirmed = true
      redemption.maskedName = Eligibility.masked(current.name)
      redemption.redeemedAt = Google_Protobuf_Timestamp(date: now)
      try db.execute(
        sql: "INSERT INTO alliance_redemptions (id, offer_id, person_id, redeemed_at) VALUES (?, ?, ?, ?)",
        arguments: [redemption.id, offer.id, current.id, Instant.text(now)])
      try db.execute(sql: "UPDATE alliance_offers SET redeemed = redeemed + 1 WHERE id = ?", arguments: [offer.id])
      return Mutation(redemption, targets: ["offer:\(offer.id)", "redemption:\(redemption.id)"])
    }
  }

  func voidRedemption(request: Vets_Alliance_V1_VoidRedemptionRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Redemption {
    try Validate.text(request.redemptionID, field: "redemption_id", max: 64)
    let (caller, clock, window) = (self.caller, database.clock, config.voidWindowDays)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alliance_redemptions WHERE id = ?", arguments: [request.redemptionID]),
        let offer = try OfferRow.fetch(db, id: row["offer_id"])
      else { throw VetsError.notFound("no redemption with id \(quoted: request.redemptionID)") }
      try Eligibility.checkOwner(caller, offer)
      // A refund is the enterprise's, or its managers' (the county, its town).
      if case .enterprise = caller.scope {} else { try Self.checkManages(caller, db, offer: offer.id) }
      guard (row["voided_at"] as String?) == nil else { throw VetsError.failedPrecondition("redemption \(request.redemptionID) is already void") }
      let now = clock.now()
      guard let at = Instant.date(row["redeemed_at"]), now.timeIntervalSince(at) <= Double(window) * 86_400 else {
        throw VetsError.failedPrecondition("redemption \(request.redemptionID) is older than the \(window)-day window for voiding")
      }
      try db.execute(sql: "UPDATE alliance_redemptions SET voided_at = ? WHERE id = ?", arguments: [Instant.text(now), request.redemptionID])
      try db.execute(sql: "UPDATE alliance_offers SET redeemed = redeemed - 1 WHERE id = ?", arguments: [offer.id])
      var redemption = Vets_Alliance_V1_Redemption()
      redemption.id = request.redemptionID
      redemption.offerID = offer.id
      redemption.confirmed = true
      redemption.reason = .confirmed
      redemption.redeemedAt = Google_Protobuf_Timestamp(date: at)
      redemption.voidedAt = Google_Protobuf_Timestamp(date: now)
      return Mutation(redemption, targets: ["redemption:\(request.redemptionID)"])
    }
  }
}
