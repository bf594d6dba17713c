// Visits (走访慰问): who was visited, by which units, with what goods and cash. Cash is paid
// from a fund through the ledger in the same transaction; a visit under a paid case answers
// its earliest follow-up.

import Crypto
import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

enum VisitStore {
  /// A visit as a handler has checked it, ready to record.
  struct NewVisit: Sendable {
    var campaignID: String?
    var person: DirectoryPerson
    var visitedOn: CalendarDate
    var units: [String]
    var goodsValue: Int64
    /// In fen; 0 for none, else paid from `fund`.
    var cash: Int64
    var fund: String?
    var caseID: String?
    var notes: String
  }

  /// Units are stored as one text, joined the way a clerk writes a list.
  static let unitSeparator = "、"

  static func visit(_ row: Row) -> Vets_Relief_V1_Visit {
    var v = Vets_Relief_V1_Visit()
    v.id = row["id"]
    v.campaignID = row["campaign_id"] ?? ""
    v.personID = row["person_id"]
    v.householdID = row["household_id"] ?? ""
    v.visitedOn = (try? CalendarDate(iso: row["visited_on"], field: "").proto) ?? .init()
    v.units = (row["units"] as String).split(separator: unitSeparator).map(String.init)
    v.goodsValue = Money.proto(row["goods_value"])
    v.cash = Money.proto(row["cash"])
    v.transferID = row["transfer_id"] ?? ""
    v.caseID = row["case_id"] ?? ""
    v.notes = row["notes"]
    if let at = Instant.date(row["recorded_at"]) { v.recordedAt = Google_Protobuf_Timestamp(date: at) }
    return v
  }

  /// Records a visit once per request id: the same visit sent again (even by another token)
  /// is refused as a duplicate rather than paying its cash twice.
  static func record(_ db: Database, _ new: NewVisit, _ call: WriteCall) throws -> Vets_Relief_V1_Visit {
    if let campaign = new.campaignID, try !CampaignStore.exists(db, id: campaign) {
      throw VetsError.notFound("no campaign with id \(quoted: campaign)")
    }
    let id = "vis_" + String(Hex.string(SHA256.hash(data: Data("\(call.requestID)|\(new.person.id)".utf8))).prefix(16))
    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM relief_visits WHERE id = ?", arguments: [id]) != true else {
      throw VetsError.alreadyExists("this visit (request_id \(call.requestID)) is already recorded as \(id)")
    }
    var transferID: String?
    if let fund = new.fund {
      // Cash is reserved and paid at once; short funds refuse the whole visit record.
      let ledger = FundLedger.context(call)
      let reserved = try FundLedger.reserve(
        db, id: "\(id):reserve", fund: fund, payout: "payees", amount: new.cash, memo: "走访慰问金", link: "visit:\(id)", ledger)
      transferID = try FundLedger.post(db, id: "\(id):cash", pendingID: reserved.id, amount: new.cash, memo: "走访慰问金", ledger).id
    }
    if let caseID = new.caseID {
      var record = try CaseRecord.fetch(db, id: caseID)
      try CaseWorkflow.require(.followUpVisit, record)
      guard record.householdID == new.person.householdID else {
        throw VetsError.failedPrecondition("case \(record.id) is for household \(record.householdID), not this person's")
      }
      try record.event(
        db, "follow_up_visit", call.caller, at: Instant.text(call.now),
        detail: "\(new.visitedOn) by \(new.units.joined(separator: unitSeparator))")
      try record.followUpDone(db)
      try record.store(db)
    }
    try db.execute(
      sql: """
        INSERT INTO relief_visits (id, campaign_id, person_id, household_id, village_code, visited_on, units, goods_value, cash,
          transfer_id, case_id, notes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        id, new.campaignID, new.person.id, new.person.householdID, new.person.villageCode, new.visitedOn.iso,
        new.units.joined(separator: unitSeparator), new.goodsValue, new.cash, transferID, new.caseID, new.notes, Instant.text(call.now),
      ])
    return visit(try Row.fetchOne(db, sql: "SELECT * FROM relief_visits WHERE id = ?", arguments: [id])!)
  }

  /// A page of visits in id order after `after`, optionally of one campaign and one
  /// household, inside `scope`.
  static func page(_ db: Database, after: String, campaign: String?, household: String?, scope: Scope, limit: Int) throws
    -> [Vets_Relief_V1_Visit]
  {
    let (scopeSQL, scopeArgs) = scope.sqlFilter()
    return try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM relief_visits WHERE id > ? AND (? IS NULL OR campaign_id = ?) AND (? IS NULL OR household_id = ?) \(scopeSQL)
        ORDER BY id LIMIT ?
        """,
      arguments: [after, campaign, campaign, household, household] + scopeArgs + [limit]
    ).map(visit)
  }

  /// A household's visits, by day.
  static func all(_ db: Database, household: String) throws -> [Vets_Relief_V1_Visit] {
    try Row.fetchAll(db, sql: "SELECT * FROM relief_visits WHERE household_id = ? ORDER BY visited_on", arguments: [household]).map(visit)
  }
}
