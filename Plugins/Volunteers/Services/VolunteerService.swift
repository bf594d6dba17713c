import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Organisations, service groups and volunteer members. Activities, hours, donations and the
/// report are in the extensions beside this file.
struct VolunteerService: Vets_Volunteers_V1_VolunteerService.SimpleServiceProtocol {
  static let reader = AccessRule.read(.admin, .clerk, .approver, .auditor, .coordinator, .system)
  static let writer = AccessRule.write(.admin, .clerk, .coordinator)
  static let rules: AccessRules = [
    "AddOrganisation": writer, "ListOrganisations": reader, "GetOrganisation": reader,
    "AddGroup": writer, "ListGroups": reader, "GetGroup": reader,
    "AddMember": writer, "JoinGroup": writer, "LeaveGroup": writer, "ListMembers": reader, "GetMemberHours": reader,
    "PlanActivity": writer, "RecordHours": writer, "RecordRaised": writer, "CompleteActivity": writer, "CancelActivity": writer,
    // Hours are the coordinators' to approve: the association vouches for its volunteers.
    "ApproveHours": .write(.coordinator),
    "DepositDonation": writer,
    "ListActivities": reader, "GetActivity": reader,
    "GetReport": reader,
  ]

  let database: VetsDatabase
  let directory: any PersonDirectory
  /// Nil when the relief module is off.
  let deposits: (any ReliefDeposits)?
  let settings: ModuleSettings<VolunteersConfig>
  var config: VolunteersConfig { settings.current }

  var caller: Caller { CallContext.now.caller }

  /// Refuses a write about a place outside the token's scope.
  static func requireScope(_ caller: Caller, covers code: String, what: String) throws(VetsError) {
    try caller.mustCover(code, what)
  }

  static func id(_ text: String, field: String) throws(VetsError) -> String {
    try Validate.text(text, field: field, max: 64)
  }

  // MARK: Organisations

  static func organisation(_ row: Row) -> Vets_Volunteers_V1_Organisation {
    var o = Vets_Volunteers_V1_Organisation()
    o.id = row["id"]
    o.name = row["name"]
    o.type = Vocabulary.organisationTypes.value(row["type"]) ?? .unspecified
    o.creditCode = row["credit_code"] ?? ""
    o.townCode = row["town_code"]
    o.contact = row["contact"]
    o.status = Vocabulary.statuses.value(row["status"]) ?? .unspecified
    o.associationID = row["association_id"] ?? ""
    o.joinedOn = (try? CalendarDate(iso: row["joined_on"], field: "").proto) ?? .init()
    return o
  }

  func addOrganisation(request: Vets_Volunteers_V1_AddOrganisationRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Organisation
  {
    let o = request.organisation
    let name = try Validate.name(o.name, field: "organisation.name", max: 100)
    let type = try Vocabulary.organisationTypes.word(o.type, field: "organisation.type")
    let creditCode = o.creditCode.isEmpty ? nil : try CreditCode(o.creditCode, field: "organisation.credit_code").value
    let town = try DivisionCode.town(o.townCode, field: "organisation.town_code")
    let contact = try Validate.text(o.contact, field: "organisation.contact", max: 100, required: false)
    let association = o.associationID.isEmpty ? nil : try Self.id(o.associationID, field: "organisation.association_id")
    let joined = try CalendarDate.optional(o.joinedOn, field: "organisation.joined_on") ?? CalendarDate.today(database.clock)
    try Self.requireScope(caller, covers: town, what: "an organisation")
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      if let creditCode, let other = try String.fetchOne(
        db, sql: "SELECT id FROM volunteers_organisations WHERE credit_code = ?", arguments: [creditCode])
      {
        throw VetsError.alreadyExists("credit code \(creditCode) is already registered as \(other)")
      }
      if let association {
        guard let kind = try String.fetchOne(db, sql: "SELECT type FROM volunteers_organisations WHERE id = ?", arguments: [association]) else {
          throw VetsError.notFound("no organisation with id \(quoted: association) (organisation.association_id)")
        }
        guard kind == "association" else {
          throw VetsError.invalidArgument(field: "organisation.association_id", rule: "\(association) is a \(kind) organisation, not an association")
        }
        guard type != "association" else {
          throw VetsError.invalidArgument(field: "organisation.association_id", rule: "an association is not a member unit of another")
        }
      }
      let id = RecordID.make("org_")
      try db.execute(
        sql: """
          INSERT INTO volunteers_organisations (id, name, type, credit_code, town_code, contact, status, association_id, joined_on)
          VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)
          """,
        arguments: [id, name, type, creditCode, town, contact, association, joined.iso])
      let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_organisations WHERE id = ?", arguments: [id])!
      return Mutation(Self.organisation(row), targets: ["organisation:\(id)"])
    }
  }

  func listOrganisations(request: Vets_Volunteers_V1_ListOrganisationsRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListOrganisationsResponse
  {
    let page = try Page(request.page)
    let type = try Vocabulary.organisationTypes.filter(request.type, unspecified: .unspecified, field: "type")
    let association = request.associationID.isEmpty ? nil : try Self.id(request.associationID, field: "association_id")
    let organisations = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM volunteers_organisations WHERE id > ? AND (? IS NULL OR type = ?) AND (? IS NULL OR association_id = ?)
          ORDER BY id LIMIT ?
          """,
        arguments: [page.after ?? "", type, type, association, association, page.size]
      ).map(Self.organisation)
    }
    var response = Vets_Volunteers_V1_ListOrganisationsResponse()
    response.organisations = organisations
    response.nextPageToken = page.nextToken(lastKey: organisations.last?.id, count: organisations.count)
    return response
  }

  func getOrganisation(request: Vets_Volunteers_V1_GetOrganisationRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_OrganisationDetail
  {
    let id = try Self.id(request.id, field: "id")
    return try await database.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_organisations WHERE id = ?", arguments: [id]) else {
        throw VetsError.notFound("no organisation with id \(quoted: id)")
      }
      var detail = Vets_Volunteers_V1_OrganisationDetail()
      detail.organisation = Self.organisation(row)
      detail.memberUnits = try Row.fetchAll(
        db, sql: "SELECT * FROM volunteers_organisations WHERE association_id = ? ORDER BY name", arguments: [id]
      ).map(Self.organisation)
      detail.groups = try Row.fetchAll(
        db, sql: "SELECT * FROM volunteers_groups WHERE organisation_id = ? ORDER BY name", arguments: [id]
      ).map(Self.group)
      return detail
    }
  }

  // MARK: Service groups

  static func group(_ row: Row) -> Vets_Volunteers_V1_ServiceGroup {
    var g = Vets_Volunteers_V1_ServiceGroup()
    g.id = row["id"]
    g.name = row["name"]
    g.organisationID = row["organisation_id"]
    g.direction = Vocabulary.directions.value(row["direction"]) ?? .unspecified
    g.leader = row["leader"]
    g.description_p = row["description"]
    g.status = Vocabulary.statuses.value(row["status"]) ?? .unspecified
    g.foundedOn = (try? CalendarDate(iso: row["founded_on"], field: "").proto) ?? .init()
    return g
  }

  func addGroup(request: Vets_Volunteers_V1_AddGroupRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_ServiceGroup {
    let g = request.group
    let name = try Validate.name(g.name, field: "group.name", max: 100)
    let organisation = try Self.id(g.organisationID, field: "group.organisation_id")
    let direction = try Vocabulary.directions.word(g.direction, field: "group.direction")
    let leader = try Validate.text(g.leader, field: "group.leader", max: 100, required: false)
    let description = try Validate.text(g.description_p, field: "group.description", max: 1000, required: false)
    let founded = try CalendarDate.optional(g.foundedOn, field: "group.founded_on") ?? CalendarDate.today(database.clock)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      guard let status = try String.fetchOne(db, sql: "SELECT status FROM volunteers_organisations WHERE id = ?", arguments: [organisation]) else {
        throw VetsError.notFound("no organisation with id \(quoted: organisation) (group.organisation_id)")
      }
      guard status == "active" else { throw VetsError.failedPrecondition("organisation \(organisation) is \(status)") }
      if let other = try String.fetchOne(
        db, sql: "SELECT id FROM volunteers_groups WHERE organisation_id = ? AND name = ?", arguments: [organisation, name])
      {
        throw VetsError.alreadyExists("organisation \(organisation) already has a group named \(quoted: name) (\(other))")
      }
      let id = RecordID.make("grp_")
      try db.execute(
        sql: """
          INSERT INTO volunteers_groups (id, name, organisation_id, direction, leader, description, status, founded_on)
          VALUES (?, ?, ?, ?, ?, ?, 'active', ?)
          """,
        arguments: [id, name, organisation, direction, leader, description, founded.iso])
      let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_groups WHERE id = ?", arguments: [id])!
      return Mutation(Self.group(row), targets: ["group:\(id)"])
    }
  }

  func listGroups(request: Vets_Volunteers_V1_ListGroupsRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListGroupsResponse
  {
    let page = try Page(request.page)
    let organisation = request.organisationID.isEmpty ? nil : try Self.id(request.organisationID, field: "organisation_id")
    let direction = try Vocabulary.directions.filter(request.direction, unspecified: .unspecified, field: "direction")
    let groups = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM volunteers_groups WHERE id > ? AND (? IS NULL OR organisation_id = ?) AND (? IS NULL OR direction = ?)
          ORDER BY id LIMIT ?
          """,
        arguments: [page.after ?? "", organisation, organisation, direction, direction, page.size]
      ).map(Self.group)
    }
    var response = Vets_Volunteers_V1_ListGroupsResponse()
    response.groups = groups
    response.nextPageToken = page.nextToken(lastKey: groups.last?.id, count: groups.count)
    return response
  }

  func getGroup(request: Vets_Volunteers_V1_GetGroupRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_GroupDetail {
    let id = try Self.id(request.id, field: "id")
    let (masked, directory) = (!caller.role.seesPersonalData, self.directory)
    let detail = try await database.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_groups WHERE id = ?", arguments: [id]) else {
        throw VetsError.notFound("no group with id \(quoted: id)")
      }
      var detail = Vets_Volunteers_V1_GroupDetail()
      detail.group = Self.group(row)
      detail.members = try Row.fetchAll(
        db,
        sql: """
          SELECT m.* FROM volunteers_members m JOIN volunteers_memberships s ON s.member_id = m.id
          WHERE s.group_id = ? AND s.left_on IS NULL ORDER BY m.name
          """,
        arguments: [id]
      ).map { try Self.member(db, $0, masked: masked, directory: directory) }
      return detail
    }
    if !masked { try await database.recordRead(targets: ["group:\(id)", "members:phone"]) }
    return detail
  }

  // MARK: Members

  static func member(_ db: Database, _ row: Row, masked: Bool, directory: any PersonDirectory) throws -> Vets_Volunteers_V1_Member {
    var m = Vets_Volunteers_V1_Member()
    m.id = row["id"]
    m.name = row["name"]
    let phone: String = row["phone"]
    m.phone = masked && !phone.isEmpty ? Phone.masked(phone) : phone
    m.masked = masked
    m.skills = (row["skills"] as String).split(separator: "\n").map(String.init)
    m.groupIds = try String.fetchAll(
      db, sql: "SELECT group_id FROM volunteers_memberships WHERE member_id = ? AND left_on IS NULL ORDER BY group_id", arguments: [m.id])
    m.joinedOn = (try? CalendarDate(iso: row["joined_on"], field: "").proto) ?? .init()
    m.status = Vocabulary.statuses.value(row["status"]) ?? .unspecified
    if let personID = row["person_id"] as String? {
      m.personID = personID
      if let person = try directory.person(db, id: personID) {
        m.person.name = person.name
        m.person.categories = person.categories.map { Int32($0.rawValue) }
        m.person.veteran = person.isVeteran
        m.person.active = person.isActive
      }
    }
    return m
  }

  func addMember(request: Vets_Volunteers_V1_AddMemberRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Member {
    let m = request.member
    let name = try Validate.name(m.name, field: "member.name", max: 50)
    let phone = m.phone.isEmpty ? "" : try Phone.validate(m.phone, field: "member.phone")
    guard m.skills.count <= 20 else { throw VetsError.invalidArgument(field: "member.skills", rule: "at most 20 skills") }
    let skills = try m.skills.map { skill throws(VetsError) in try Validate.text(skill, field: "member.skills", max: 50) }
    guard m.groupIds.count <= 20 else { throw VetsError.invalidArgument(field: "member.group_ids", rule: "at most 20 groups") }
    let groups = try Set(m.groupIds.map { id throws(VetsError) in try Self.id(id, field: "member.group_ids") })
    let joined = try CalendarDate.optional(m.joinedOn, field: "member.joined_on") ?? CalendarDate.today(database.clock)
    let personID = m.personID.isEmpty ? nil : try Self.id(m.personID, field: "member.person_id")
    let directory = self.directory
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      if let personID {
        guard try directory.person(db, id: personID) != nil else {
          throw VetsError.notFound("no registry person with id \(quoted: personID) (member.person_id)")
        }
        if let other = try String.fetchOne(db, sql: "SELECT id FROM volunteers_members WHERE person_id = ?", arguments: [personID]) {
          throw VetsError.alreadyExists("registry person \(personID) is already member \(other)")
        }
      }
      let id = RecordID.make("mem_")
      try db.execute(
        sql: "INSERT INTO volunteers_members (id, name, phone, skills, joined_on, status, person_id) VALUES (?, ?, ?, ?, ?, 'active', ?)",
        arguments: [id, name, phone, skills.joined(separator: "\n"), joined.iso, personID])
      for group in groups.sorted() { try Self.join(db, member: id, group: group, on: joined) }
      let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_members WHERE id = ?", arguments: [id])!
      return Mutation(try Self.member(db, row, masked: false, directory: directory), targets: ["member:\(id)"] + groups.sorted().map { "group:\($0)" })
    }
  }

  static func join(_ db: Database, member: String, group: String, on day: CalendarDate) throws {
    guard let status = try String.fetchOne(db, sql: "SELECT status FROM volunteers_groups WHERE id = ?", arguments: [group]) else {
      throw VetsError.notFound("no group with id \(quoted: group)")
    }
    guard status == "active" else { throw VetsError.failedPrecondition("group \(group) is \(status)") }
    guard try Bool.fetchOne(
      db, sql: "SELECT 1 FROM volunteers_memberships WHERE member_id = ? AND group_id = ? AND left_on IS NULL", arguments: [member, group]) != true
    else { throw VetsError.alreadyExists("member \(member) is already in group \(group)") }
    try db.execute(
      sql: "INSERT INTO volunteers_memberships (member_id, group_id, joined_on) VALUES (?, ?, ?)", arguments: [member, group, day.iso])
  }

  func joinGroup(request: Vets_Volunteers_V1_MembershipRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Member {
    try await membership(request, joining: true)
  }

  func leaveGroup(request: Vets_Volunteers_V1_MembershipRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Member {
    try await membership(request, joining: false)
  }

  private func membership(_ request: Vets_Volunteers_V1_MembershipRequest, joining: Bool) async throws -> Vets_Volunteers_V1_Member {
    let member = try Self.id(request.memberID, field: "member_id")
    let group = try Self.id(request.groupID, field: "group_id")
    let (today, directory) = (CalendarDate.today(database.clock), self.directory)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_members WHERE id = ?", arguments: [member]) else {
        throw VetsError.notFound("no member with id \(quoted: member)")
      }
      if joining {
        try Self.join(db, member: member, group: group, on: today)
      } else {
        try db.execute(
          sql: "UPDATE volunteers_memberships SET left_on = ? WHERE member_id = ? AND group_id = ? AND left_on IS NULL",
          arguments: [today.iso, member, group])
        guard db.changesCount == 1 else { throw VetsError.failedPrecondition("member \(member) is not in group \(group)") }
      }
      return Mutation(try Self.member(db, row, masked: false, directory: directory), targets: ["member:\(member)", "group:\(group)"])
    }
  }

  func listMembers(request: Vets_Volunteers_V1_ListMembersRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListMembersResponse
  {
    let page = try Page(request.page)
    let group = request.groupID.isEmpty ? nil : try Self.id(request.groupID, field: "group_id")
    let (masked, directory, linkedOnly) = (!caller.role.seesPersonalData, self.directory, request.linkedOnly)
    let members = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM volunteers_members m WHERE id > ? AND (? = 0 OR person_id IS NOT NULL)
            AND (? IS NULL OR EXISTS (SELECT 1 FROM volunteers_memberships s WHERE s.member_id = m.id AND s.group_id = ? AND s.left_on IS NULL))
          ORDER BY id LIMIT ?
          """,
        arguments: [page.after ?? "", linkedOnly, group, group, page.size]
      ).map { try Self.member(db, $0, masked: masked, directory: directory) }
    }
    if !masked, !members.isEmpty { try await database.recordRead(targets: ["members:phone"] + members.map { "member:\($0.id)" }) }
    var response = Vets_Volunteers_V1_ListMembersResponse()
    response.members = members
    response.nextPageToken = page.nextToken(lastKey: members.last?.id, count: members.count)
    return response
  }
}
