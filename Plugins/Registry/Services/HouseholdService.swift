import GRDB
import GRPCCore
import VetsAPI
import SwiftProtobuf
import VetsKit

/// Households (一户一档): members with their relation to the head, and the household file.
struct HouseholdService: Vets_Registry_V1_HouseholdService.SimpleServiceProtocol, CallerReading {
  static let rules: AccessRules = [
    "CreateHousehold": .write(.admin, .clerk),
    "AddHouseholdMember": .write(.admin, .clerk),
    "RemoveHouseholdMember": .write(.admin, .clerk),
    "SetHouseholdHead": .write(.admin, .clerk),
    "GetHouseholdFile": .read(.admin, .clerk, .approver, .auditor, .coordinator),
  ]

  let database: VetsDatabase
  let book: HouseholdFileBook

  /// The shared shape of every change to one household: `apply` returns the household's id,
  /// and the answer is the household as it stands after the change.
  private func change<Request: SwiftProtobuf.Message>(
    _ requestID: String, _ request: Request, targets: [String],
    _ apply: @escaping @Sendable (Database, WriteCall) throws -> String
  ) async throws -> Vets_Registry_V1_Household {
    try await database.mutate(requestID: requestID, request: request) { db, call in
      let id = try apply(db, call)
      return Mutation(try HouseholdStore.household(db, id: id, caller: call.caller), targets: [id] + targets)
    }
  }

  /// The household and the person a member change names, both inside the caller's scope.
  private static func member(_ db: Database, household: String, person: String, caller: Caller) throws
    -> (Vets_Registry_V1_Household, PersonRow)
  {
    let household = try HouseholdStore.household(db, id: household, caller: caller)
    return (household, try PersonStore.require(db, id: person, caller: caller, field: "person_id"))
  }

  func createHousehold(request: Vets_Registry_V1_CreateHouseholdRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    let address = try Validate.text(request.address, field: "address", max: PersonFields.maxAddress, required: false)
    return try await change(request.requestID, request, targets: [request.headPersonID]) { db, call in
      let head = try PersonStore.require(db, id: request.headPersonID, caller: call.caller, field: "head_person_id")
      return try HouseholdStore.create(db, head: head, address: address, caller: call.caller, now: call.now)
    }
  }

  func addHouseholdMember(request: Vets_Registry_V1_AddHouseholdMemberRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    let relation = try HouseholdRelation.validated(request.relation, field: "relation")
    return try await change(request.requestID, request, targets: [request.personID]) { db, call in
      let (household, row) = try Self.member(db, household: request.householdID, person: request.personID, caller: call.caller)
      if let other = row.householdID {
        throw VetsError.failedPrecondition("person \(row.id) already belongs to household \(other); remove them there first")
      }
      try PersonStore.link(db, row, household: household.id, relation: relation, caller: call.caller, now: call.now)
      return household.id
    }
  }

  func removeHouseholdMember(request: Vets_Registry_V1_RemoveHouseholdMemberRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    try await change(request.requestID, request, targets: [request.personID]) { db, call in
      let (household, row) = try Self.member(db, household: request.householdID, person: request.personID, caller: call.caller)
      guard row.householdID == household.id else {
        throw VetsError.failedPrecondition("person \(row.id) is not a member of household \(household.id)")
      }
      guard household.headPersonID != row.id else {
        throw VetsError.failedPrecondition("person \(row.id) is the head of household \(household.id); set another head first")
      }
      try PersonStore.link(db, row, household: nil, relation: "", caller: call.caller, now: call.now)
      return household.id
    }
  }

  func setHouseholdHead(request: Vets_Registry_V1_SetHouseholdHeadRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_Household
  {
    let former = try HouseholdRelation.validated(request.formerHeadRelation, field: "former_head_relation")
    return try await change(request.requestID, request, targets: [request.personID]) { db, call in
      let (household, row) = try Self.member(db, household: request.householdID, person: request.personID, caller: call.caller)
      guard row.householdID == household.id else {
        throw VetsError.failedPrecondition("person \(row.id) is not a member of household \(household.id); add them first")
      }
      guard household.headPersonID != row.id else {
        throw VetsError.failedPrecondition("person \(row.id) is already the head of household \(household.id)")
      }
      try HouseholdStore.setHead(db, household, to: row, formerRelation: former, caller: call.caller, now: call.now)
      return household.id
    }
  }

  func getHouseholdFile(request: Vets_Registry_V1_GetHouseholdFileRequest, context: ServerContext) async throws
    -> Vets_Registry_V1_HouseholdFile
  {
    var file = Vets_Registry_V1_HouseholdFile()
    file.household = try await database.read { db in try HouseholdStore.household(db, id: request.householdID, caller: caller) }
    file.sections = try await book.sections(householdID: request.householdID)
    return file
  }
}
