// Households (一户一档): the household row and its members' relation to the head, which
// lives on each member's person row.

import Foundation
import GRDB
import VetsAPI
import VetsKit

enum HouseholdStore {
  /// The household a request names, with its members (the head first), refused when the
  /// caller's scope does not cover its village.
  static func household(_ db: Database, id: String, caller: Caller) throws -> Vets_Registry_V1_Household {
    guard !id.isEmpty else { throw VetsError.invalidArgument(field: "household_id", rule: "is required") }
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM registry_households WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no household with id \(quoted: id)")
    }
    var h = Vets_Registry_V1_Household()
    h.id = row["id"]
    h.headPersonID = row["head_person_id"]
    h.villageCode = row["village_code"]
    h.address = row["address"]
    try caller.mustCover(h.villageCode, "household", field: "household")
    h.members = try Row.fetchAll(
      db, sql: "SELECT id, name, relation_to_head, status FROM registry_people WHERE household_id = ? ORDER BY relation_to_head != ?, id",
      arguments: [id, HouseholdRelation.head]
    ).map { r in
      var m = Vets_Registry_V1_HouseholdMember()
      m.personID = r["id"]
      m.name = r["name"]
      m.relation = r["relation_to_head"]
      m.status = Vets_Registry_V1_PersonStatus.terms.value(r["status"]) ?? .unspecified
      return m
    }
    return h
  }

  /// A new household in the head's village, the head linked to it as 户主; returns its id.
  static func create(_ db: Database, head: PersonRow, address: String, caller: Caller, now: Date) throws -> String {
    if let other = head.householdID {
      throw VetsError.failedPrecondition("person \(head.id) already belongs to household \(other)")
    }
    let id = RecordID.make("hh_")
    try db.execute(
      sql: "INSERT INTO registry_households (id, head_person_id, village_code, address, created_at) VALUES (?, ?, ?, ?, ?)",
      arguments: [id, head.id, head.data.villageCode, address.isEmpty ? head.data.address : address, Instant.text(now)])
    try PersonStore.link(db, head, household: id, relation: HouseholdRelation.head, caller: caller, now: now)
    return id
  }

  /// Makes a member the head; the former head stays a member with `formerRelation`.
  static func setHead(
    _ db: Database, _ household: Vets_Registry_V1_Household, to row: PersonRow, formerRelation: String, caller: Caller, now: Date
  ) throws {
    if let oldHead = try PersonStore.fetch(db, id: household.headPersonID) {
      try PersonStore.link(db, oldHead, household: household.id, relation: formerRelation, caller: caller, now: now)
    }
    try PersonStore.link(db, row, household: household.id, relation: HouseholdRelation.head, caller: caller, now: now)
    try db.execute(sql: "UPDATE registry_households SET head_person_id = ? WHERE id = ?", arguments: [row.id, household.id])
  }

  static func directory(_ db: Database, id: String) throws -> DirectoryHousehold? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM registry_households WHERE id = ?", arguments: [id]) else {
      return nil
    }
    let members = try String.fetchAll(db, sql: "SELECT id FROM registry_people WHERE household_id = ? ORDER BY id", arguments: [id])
    return DirectoryHousehold(id: id, headPersonID: row["head_person_id"], villageCode: row["village_code"], memberIDs: members)
  }
}
