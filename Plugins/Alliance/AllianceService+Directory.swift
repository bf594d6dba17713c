// The directory the bureau publishes, changes to enterprises and offers, and the report.

import Foundation
import GRDB
import GRPCCore
import VetsAPI
import VetsKit

extension AllianceService {
  static func fetchEnterprise(_ db: Database, id: String) throws -> Vets_Alliance_V1_Enterprise {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alliance_enterprises WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no enterprise with id \(quoted: id)")
    }
    return enterprise(row)
  }

  func getEnterprise(request: Vets_Alliance_V1_GetEnterpriseRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Enterprise {
    try Validate.text(request.id, field: "id", max: 64)
    if case .enterprise(let own) = caller.scope, own != request.id {
      throw VetsError.permissionDenied("this enterprise token may read only its own enterprise")
    }
    return try await database.read { db in try Self.fetchEnterprise(db, id: request.id) }
  }

  func updateEnterprise(request: Vets_Alliance_V1_UpdateEnterpriseRequest, context: ServerContext) async throws
    -> Vets_Alliance_V1_Enterprise
  {
    var e = request.enterprise
    try Validate.text(e.id, field: "enterprise.id", max: 64)
    e.name = try Validate.name(e.name, field: "enterprise.name", max: 100)
    guard let category = Self.categories.first(where: { $0.0 == e.category })?.1 else {
      throw VetsError.invalidArgument(field: "enterprise.category", rule: "must be one of \(Self.categories.map(\.1).joined(separator: ", "))")
    }
    e.townCode = try DivisionCode.town(e.townCode, field: "enterprise.town_code")
    e.address = try Validate.text(e.address, field: "enterprise.address", max: 200, required: false)
    e.contact = try Validate.text(e.contact, field: "enterprise.contact", max: 100, required: false)
    try caller.mustCover(e.townCode, "town \(e.townCode)", field: "enterprise.town_code")
    let (checked, caller) = (e, self.caller)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(caller, db, enterprise: checked.id)
      try db.execute(
        sql: "UPDATE alliance_enterprises SET name = ?, category = ?, town_code = ?, address = ?, contact = ? WHERE id = ?",
        arguments: [checked.name, category, checked.townCode, checked.address, checked.contact, checked.id])
      return Mutation(try Self.fetchEnterprise(db, id: checked.id), targets: ["enterprise:\(checked.id)"])
    }
  }

  func updateOffer(request: Vets_Alliance_V1_UpdateOfferRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Offer {
    let o = request.offer
    try Validate.text(o.id, field: "offer.id", max: 64)
    let title = try Validate.text(o.title, field: "offer.title", max: 100)
    let description = try Validate.text(o.description_p, field: "offer.description", max: 1000, required: false)
    guard let from = try CalendarDate.optional(o.validFrom, field: "offer.valid_from"),
      let to = try CalendarDate.optional(o.validTo, field: "offer.valid_to"), from <= to
    else { throw VetsError.invalidArgument(field: "offer.valid_to", rule: "valid_from and valid_to are required, in order") }
    guard (1...1000).contains(o.limitCount) else { throw VetsError.invalidArgument(field: "offer.limit_count", rule: "must be 1-1000") }
    guard (0...3660).contains(o.limitDays) else { throw VetsError.invalidArgument(field: "offer.limit_days", rule: "must be 0 (ever) to 3660") }
    guard (0...100_000_000).contains(o.quota) else { throw VetsError.invalidArgument(field: "offer.quota", rule: "must be 0 (none) or a positive count") }
    let caller = self.caller
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try Self.checkManages(caller, db, offer: o.id)
      guard let redeemed = try Int64.fetchOne(db, sql: "SELECT redeemed FROM alliance_offers WHERE id = ?", arguments: [o.id]) else {
        throw VetsError.notFound("no offer with id \(quoted: o.id)")
      }
      guard o.quota == 0 || o.quota >= redeemed else {
        throw VetsError.failedPrecondition("offer \(o.id) has already been used \(redeemed) times; the quota cannot be lower")
      }
      try db.execute(
        sql: """
          UPDATE alliance_offers SET title = ?, description = ?, valid_from = ?, valid_to = ?, limit_count = ?, limit_days = ?, quota = ?
          WHERE id = ?
          """,
        arguments: [title, description, from.iso, to.iso, o.limitCount, o.limitDays, o.quota, o.id])
      return Mutation(Self.offer(try Row.fetchOne(db, sql: "SELECT * FROM alliance_offers WHERE id = ?", arguments: [o.id])!), targets: ["offer:\(o.id)"])
    }
  }

  func exportDirectory(
    request: Vets_Alliance_V1_ExportDirectoryRequest, response: RPCWriter<Vets_Alliance_V1_DirectoryChunk>, context: ServerContext
  ) async throws {
    let category = request.category == .unspecified ? nil : Self.categories.first { $0.0 == request.category }?.1
    let town = request.townCode.isEmpty ? nil : try DivisionCode.town(request.townCode, field: "town_code")
    let today = CalendarDate.today(database.clock).iso
    let rows = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT e.name, e.credit_code, e.category, e.town_code, e.address, e.contact, o.title, o.benefit, o.percent_off, o.amount_off,
            o.benefit_text, o.valid_from, o.valid_to
          FROM alliance_enterprises e JOIN alliance_offers o ON o.enterprise_id = e.id
          WHERE e.status = 'active' AND o.status = 'active' AND o.valid_from <= ? AND ? <= o.valid_to
            AND (? IS NULL OR e.category = ?) AND (? IS NULL OR e.town_code = ?)
          ORDER BY e.category, e.town_code, e.name, o.title
          """,
        arguments: [today, today, category, category, town, town]
      ).map { row -> [String] in
        let benefit: String =
          switch row["benefit"] as String {
          case "percent_off": "\(row["percent_off"] as Int)% off"
          case "amount_off": "\(Money.yuan(row["amount_off"])) yuan off"
          default: row["benefit_text"]
          }
        return [
          row["name"], row["credit_code"], row["category"], row["town_code"], row["address"], row["contact"], row["title"], benefit,
          row["valid_from"], row["valid_to"],
        ]
      }
    }
    var csv = "\u{FEFF}" + CSV.line(["企业名称", "统一社会信用代码", "类别", "镇街", "地址", "联系方式", "优惠项目", "优惠内容", "开始", "结束"])
    for row in rows { csv += CSV.line(row, guardFormulas: true) }
    var chunk = Vets_Alliance_V1_DirectoryChunk()
    chunk.data = Data(csv.utf8)
    try await response.write(chunk)
  }

  func getReport(request: Vets_Alliance_V1_GetReportRequest, context: ServerContext) async throws -> Vets_Alliance_V1_Report {
    guard (2000...2100).contains(request.year) else { throw VetsError.invalidArgument(field: "year", rule: "must be between 2000 and 2100") }
    return try await report(year: Int(request.year))
  }

  /// Redemptions and enterprises for a local (UTC+8) calendar year.
  func report(year: Int) async throws -> Vets_Alliance_V1_Report {
    // Instants are UTC; the bureau's year runs on UTC+8 days.
    let start = Instant.text(try CalendarDate(year: year, month: 1, day: 1, field: "year").startOfLocalDay)
    let end = Instant.text(try CalendarDate(year: year + 1, month: 1, day: 1, field: "year").startOfLocalDay)
    return try await database.read { db in
      func counts(_ key: String, _ extraJoin: String = "") throws -> [Vets_Alliance_V1_ReportCount] {
        try Row.fetchAll(
          db,
          sql: """
            SELECT \(key) AS k, COUNT(*) AS n, SUM(CASE o.benefit WHEN 'amount_off' THEN o.amount_off ELSE 0 END) AS v
            FROM alliance_redemptions r JOIN alliance_offers o ON o.id = r.offer_id \(extraJoin)
            WHERE r.voided_at IS NULL AND r.redeemed_at >= ? AND r.redeemed_at < ? GROUP BY k ORDER BY k
            """,
          arguments: [start, end]
        ).map { row in
          var c = Vets_Alliance_V1_ReportCount()
          c.key = row["k"]
          c.redemptions = row["n"]
          c.estimatedValue = Money.proto(row["v"] ?? 0)
          return c
        }
      }
      var report = Vets_Alliance_V1_Report()
      report.year = Int32(year)
      report.byOffer = try counts("o.id || ' ' || o.title")
      report.byEnterprise = try counts("e.id || ' ' || e.name", "JOIN alliance_enterprises e ON e.id = o.enterprise_id")
      // Months of the local calendar: shift the UTC instant by eight hours.
      report.byMonth = try counts("strftime('%Y-%m', r.redeemed_at, '+8 hours')")
      report.redemptions = report.byOffer.reduce(0) { $0 + $1.redemptions }
      report.estimatedValue = Money.proto(report.byOffer.reduce(0) { $0 + $1.estimatedValue.fen })
      report.uniqueBeneficiaries = try Int64.fetchOne(
        db, sql: "SELECT COUNT(DISTINCT person_id) FROM alliance_redemptions WHERE voided_at IS NULL AND redeemed_at >= ? AND redeemed_at < ?",
        arguments: [start, end]) ?? 0
      report.enterprisesByCategoryAndTown = try Row.fetchAll(
        db,
        sql: "SELECT category || ' ' || town_code AS k, COUNT(*) AS n FROM alliance_enterprises WHERE status = 'active' GROUP BY k ORDER BY k"
      ).map { row in
        var c = Vets_Alliance_V1_ReportCount()
        c.key = row["k"]
        c.redemptions = row["n"]
        return c
      }
      return report
    }
  }
}
