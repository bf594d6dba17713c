import Foundation
import GRDB
import GRPCCore
import VetsAPI
import SwiftProtobuf
import VetsKit

/// Households (一户一档): members with their relation to the head, and the household file.
struct HouseholdService: Vets_Registry_V1_HouseholdService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "CreateHousehold": .write(.admin, .clerk),
    "AddHouseholdMember": .write(.admin, .clerk),
    "RemoveHouseholdMember": .write(.admin, .clerk),
    "SetHouseholdHead": .write(.admin, .clerk),
    "GetHouseholdFile": .read(.admin, .clerk, .approver, .auditor, .coordinator),
  ]
  static let head = "户主"

  let database: VetsDatabase
  let book: HouseholdFileBook

  static func relation(_ text: String, field: String) throws(VetsError) -> String {
    let relation = try Validate.text(text, field: field, max: 20)
    guard relation != head else { throw .invalidArgument(field: field, rule: "\(head) is given by set-head, not as a relation") }
    return relation
  }

  /// Moves a person into (or out of) a household, with history and a new version.
  static func link(_ db: Database, _ row: PersonRow, household: String?, relation: String, caller: Caller, now: Date) throws {
    try db.execute(
      sql: "UPDATE registry_people SET household_id = ?, relation_to_head = ? WHERE id = ?",
      arguments: [household, relation, row.id])
    var updated = row
    updated.householdID = household
    updated.relationToHead = relation
    _ = try PersonStore.recordChanges(
      db, updated, [("household", describe(row.householdID, row.relationToHead), describe(household, relation))],
      caller: caller, now: now)
  }

  private static func describe(_ household: String?, _ relation: String) -> String {
    household.map { "\($0) (\(relation))" } ?? ""
  }

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
    try Presentation.checkScope(caller, village: h.villageCode, field: "household")
    h.members = try Row.fetchAll(
      db, sql: "SELECT id, name, relation_to_head, status FROM registry_people WHERE household_id = ? ORDER BY relation_to_head != ?, id",
      arguments: [id, head]
    ).map { r in
      var m = Vets_Registry_V1_HouseholdMember()
      m.personID = r["id"]
      m.name = r["name"]
      m.relation = r["relation_to_head"]
      m.status = Vocabulary.value(r["status"], in: Vocabulary.statuses) ?? .unspecified
      return m
    }
    return h
  }

  private func change<Request: SwiftProtobuf.Message>(
    _ requestID: String, _ request: Request, targets: [String],
    _ apply: @escaping @Sendable (Database, Caller, Date) throws -> String
  ) async throws -> Vets_Registry_V1_Household {
    let caller = CallContext.now.caller
    let clock = database.clock
    return try await database.mutate(requestID: requestID, request: request) { db, call in
      let id = try apply(db, caller, clock.now())
      return Mutation(try Self.household(db, id: id, caller: caller), targets: [id] + targets)
    }
  }

  func createHousehold(request: Vets_Registry_V1_CreateHouseholdRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    let address = try Validate.text(request.address, field: "address", max: PersonFields.maxAddress, required: false)
    return try await change(request.requestID, request, targets: [request.headPersonID]) { db, caller, now in
      let headRow = try Presentation.person(db, id: request.headPersonID, caller: caller, field: "head_person_id")
      if let other = headRow.householdID {
        throw VetsError.failedPrecondition("person \(headRow.id) already belongs to household \(other)")
      }
      let id = RecordID.make("hh_")
      try db.execute(
        sql: "INSERT INTO registry_households (id, head_person_id, village_code, address, created_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [id, headRow.id, headRow.data.villageCode, address.isEmpty ? headRow.data.address : address, Instant.text(now)])
      try Self.link(db, headRow, household: id, relation: Self.head, caller: caller, now: now)
      return id
    }
  }

  func addHouseholdMember(request: Vets_Registry_V1_AddHouseholdMemberRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    let relation = try Self.relation(request.relation, field: "relation")
    return try await change(request.requestID, request, targets: [request.personID]) { db, caller, now in
      _ = try Self.household(db, id: request.householdID, caller: caller)
      let row = try Presentation.person(db, id: request.personID, caller: caller, field: "person_id")
      if let other = row.householdID {
        throw VetsError.failedPrecondition("person \(row.id) already belongs to household \(other); remove them there first")
      }
      try Self.link(db, row, household: request.householdID, relation: relation, caller: caller, now: now)
      return request.householdID
    }
  }

  func removeHouseholdMember(request: Vets_Registry_V1_RemoveHouseholdMemberRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    try await change(request.requestID, request, targets: [request.personID]) { db, caller, now in
      let household = try Self.household(db, id: request.householdID, caller: caller)
      let row = try Presentation.person(db, id: request.personID, caller: caller, field: "person_id")
      guard row.householdID == household.id else {
        throw VetsError.failedPrecondition("person \(row.id) is not a member of household \(household.id)")
      }
      guard household.headPersonID != row.id else {
        throw VetsError.failedPrecondition("person \(row.id) is the head of household \(household.id); set another head first")
      }
      try Self.link(db, row, household: nil, relation: "", caller: caller, now: now)
      return household.id
    }
  }

  func setHouseholdHead(request: Vets_Registry_V1_SetHouseholdHeadRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    let former = try Self.relation(request.formerHeadRelation, field: "former_head_relation")
    return try await change(request.requestID, request, targets: [request.personID]) { db, caller, now in
      let household = try Self.household(db, id: request.householdID, caller: caller)
      let row = try Presentation.person(db, id: request.personID, caller: caller, field: "person_id")
      guard row.householdID == household.id else {
        throw VetsError.failedPrecondition("person \(row.id) is not a member of household \(household.id); add them first")
      }
      guard household.headPersonID != row.id else {
        throw VetsError.failedPrecondition("person \(row.id) is already the head of household \(household.id)")
      }
      if let oldHead = try PersonStore.fetch(db, id: household.headPersonID) {
        try Self.link(db, oldHead, household: household.id, relation: former, caller: caller, now: now)
      }
      try Self.link(db, row, household: household.id, relation: Self.head, caller: caller, now: now)
      try db.execute(sql: "UPDATE registry_households SET head_person_id = ? WHERE id = ?", arguments: [row.id, household.id])
      return household.id
    }
  }

  func getHouseholdFile(request: Vets_Registry_V1_GetHouseholdFileRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_HouseholdFile
  {
    let caller = CallContext.now.caller
    var file = Vets_Registry_V1_HouseholdFile()
    file.household = try await database.read { db in try Self.household(db, id: request.householdID, caller: caller) }
    file.sections = try await book.sections(householdID: request.householdID)
    return file
  }
}
