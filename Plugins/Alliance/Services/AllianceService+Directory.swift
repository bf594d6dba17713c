// The directory the bureau publishes, changes to enterprises and offers, and the report.

import Foundation
import GRDB
import GRPCCore
import VetsAPI
import VetsKit

extension AllianceService {
  func getEnterprise(request: Vets_Alliance_V1_GetEnterpriseRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Enterprise {
    try Validate.id(request.id, field: "id")
    try Membership.checkReads(caller, enterprise: request.id)
    return try await database.read { db in try EnterpriseRecord.find(db, id: request.id).proto }
  }

  func updateEnterprise(request: Vets_Alliance_V1_UpdateEnterpriseRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_Enterprise
  {
    var e = request.enterprise
    try Validate.id(e.id, field: "enterprise.id")
    e.name = try Validate.name(e.name, field: "enterprise.name", max: 100)
    let category = try Vets_Alliance_V1_EnterpriseCategory.terms.word(e.category, field: "enterprise.category")
    e.townCode = try DivisionCode.town(e.townCode, field: "enterprise.town_code")
    e.address = try Validate.text(e.address, field: "enterprise.address", max: 200, required: false)
    e.contact = try Validate.text(e.contact, field: "enterprise.contact", max: 100, required: false)
    try caller.mustCover(e.townCode, "town \(e.townCode)", field: "enterprise.town_code")
    let checked = e
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(call.caller, db, enterprise: checked.id)
      var record = try EnterpriseRecord.find(db, id: checked.id)
      (record.name, record.category, record.townCode) = (checked.name, category, checked.townCode)
      (record.address, record.contact) = (checked.address, checked.contact)
      try record.update(db)
      return Mutation(record.proto, targets: ["enterprise:\(checked.id)"])
    }
  }

  func updateOffer(request: Vets_Alliance_V1_UpdateOfferRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Offer {
    let o = request.offer
    try Validate.id(o.id, field: "offer.id")
    let title = try Validate.text(o.title, field: "offer.title", max: 100)
    let description = try Validate.text(o.description_p, field: "offer.description", max: 1000, required: false)
    let (from, to) = try OfferRules.period(o)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(call.caller, db, offer: o.id)
      var record = try OfferRecord.find(db, id: o.id)
      try OfferRules.checkQuota(o.quota, offer: o.id, redeemed: record.redeemed)
      (record.title, record.description, record.validFrom, record.validTo) = (title, description, from.iso, to.iso)
      (record.limitCount, record.limitDays, record.quota) = (o.limitCount, o.limitDays, o.quota)
      try record.update(db)
      return Mutation(record.proto, targets: ["offer:\(o.id)"])
    }
  }

  func exportDirectory(
    request: Vets_Alliance_V1_ExportDirectoryRequest, response: RPCWriter<Vets_Alliance_V1_DirectoryChunk>, context: ServerContext
  ) async throws {
    let category = Vets_Alliance_V1_EnterpriseCategory.terms.word(of: request.category)
    let town = request.townCode.isEmpty ? nil : try DivisionCode.town(request.townCode, field: "town_code")
    let today = CalendarDate.today(database.clock)
    let csv = try await database.read { db in try PublishedDirectory.csv(db, on: today, category: category, town: town) }
    var chunk = Vets_Alliance_V1_DirectoryChunk()
    chunk.data = Data(csv.utf8)
    try await response.write(chunk)
  }

  func getReport(request: Vets_Alliance_V1_GetReportRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Report {
    let year = try Validate.reportYear(request.year)
    return try await database.read { db in try AllianceReport.compute(db, year: year) }
  }
}
