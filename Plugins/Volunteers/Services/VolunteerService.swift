import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// Organisations, service groups, volunteer members and the report over gRPC. Activities,
/// hours and donations are in the extensions beside this file; the SQL is in Store/.
struct VolunteerService: Vets_Volunteers_V1_VolunteerService.SimpleServiceProtocol, CallerReading {
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

  // MARK: Organisations

  func addOrganisation(request: Vets_Volunteers_V1_AddOrganisationRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Organisation
  {
    let o = request.organisation
    let organisation = OrganisationStore.New(
      name: try Validate.name(o.name, field: "organisation.name", max: 100),
      type: try Vets_Volunteers_V1_OrganisationType.terms.word(o.type, field: "organisation.type"),
      creditCode: o.creditCode.isEmpty ? nil : try CreditCode(o.creditCode, field: "organisation.credit_code").value,
      town: try DivisionCode.town(o.townCode, field: "organisation.town_code"),
      contact: try Validate.text(o.contact, field: "organisation.contact", max: 100, required: false),
      association: o.associationID.isEmpty ? nil : try Validate.id(o.associationID, field: "organisation.association_id"),
      joined: try CalendarDate.optional(o.joinedOn, field: "organisation.joined_on") ?? CalendarDate.today(database.clock))
    try caller.mustCover(organisation.town, "an organisation")
    return try await database.mutate(requestID: request.requestID, request: request) { db, _ in
      let added = try OrganisationStore.add(db, organisation)
      return Mutation(added, targets: ["organisation:\(added.id)"])
    }
  }

  func listOrganisations(request: Vets_Volunteers_V1_ListOrganisationsRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListOrganisationsResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let type = try Vets_Volunteers_V1_OrganisationType.terms.filter(request.type, unspecified: .unspecified, field: "type")
    let association = request.associationID.isEmpty ? nil : try Validate.id(request.associationID, field: "association_id")
    let organisations = try await database.read { db in
      try OrganisationStore.list(db, after: after, type: type, association: association, limit: page.size)
    }
    var response = Vets_Volunteers_V1_ListOrganisationsResponse()
    response.organisations = organisations
    response.nextPageToken = page.nextToken(last: organisations.last?.id, count: organisations.count)
    return response
  }

  func getOrganisation(request: Vets_Volunteers_V1_GetOrganisationRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_OrganisationDetail
  {
    let id = try Validate.id(request.id, field: "id")
    return try await database.read { db in try OrganisationStore.detail(db, id: id) }
  }

  // MARK: Service groups

  func addGroup(request: Vets_Volunteers_V1_AddGroupRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_ServiceGroup {
    let g = request.group
    let group = GroupStore.New(
      name: try Validate.name(g.name, field: "group.name", max: 100),
      organisation: try Validate.id(g.organisationID, field: "group.organisation_id"),
      direction: try Vets_Volunteers_V1_Direction.terms.word(g.direction, field: "group.direction"),
      leader: try Validate.text(g.leader, field: "group.leader", max: 100, required: false),
      description: try Validate.text(g.description_p, field: "group.description", max: 1000, required: false),
      founded: try CalendarDate.optional(g.foundedOn, field: "group.founded_on") ?? CalendarDate.today(database.clock))
    return try await database.mutate(requestID: request.requestID, request: request) { db, _ in
      let added = try GroupStore.add(db, group)
      return Mutation(added, targets: ["group:\(added.id)"])
    }
  }

  func listGroups(request: Vets_Volunteers_V1_ListGroupsRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListGroupsResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let organisation = request.organisationID.isEmpty ? nil : try Validate.id(request.organisationID, field: "organisation_id")
    let direction = try Vets_Volunteers_V1_Direction.terms.filter(request.direction, unspecified: .unspecified, field: "direction")
    let groups = try await database.read { db in
      try GroupStore.list(db, after: after, organisation: organisation, direction: direction, limit: page.size)
    }
    var response = Vets_Volunteers_V1_ListGroupsResponse()
    response.groups = groups
    response.nextPageToken = page.nextToken(last: groups.last?.id, count: groups.count)
    return response
  }

  func getGroup(request: Vets_Volunteers_V1_GetGroupRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_GroupDetail {
    let id = try Validate.id(request.id, field: "id")
    let (masked, directory) = (!caller.role.seesPersonalData, self.directory)
    let detail = try await database.read { db in try GroupStore.detail(db, id: id, masked: masked, directory: directory) }
    if !masked { try await database.recordRead(targets: ["group:\(id)", "members:phone"]) }
    return detail
  }

  // MARK: Members

  func addMember(request: Vets_Volunteers_V1_AddMemberRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Member {
    let m = request.member
    let name = try Validate.name(m.name, field: "member.name", max: 50)
    let phone = m.phone.isEmpty ? "" : try Phone.validate(m.phone, field: "member.phone")
    guard m.skills.count <= 20 else { throw VetsError.invalidArgument(field: "member.skills", rule: "at most 20 skills") }
    let skills = try m.skills.map { skill throws(VetsError) in try Validate.text(skill, field: "member.skills", max: 50) }
    guard m.groupIds.count <= 20 else { throw VetsError.invalidArgument(field: "member.group_ids", rule: "at most 20 groups") }
    let groups = try Set(m.groupIds.map { id throws(VetsError) in try Validate.id(id, field: "member.group_ids") })
    let member = MemberStore.New(
      name: name, phone: phone, skills: skills, groups: groups,
      joined: try CalendarDate.optional(m.joinedOn, field: "member.joined_on") ?? CalendarDate.today(database.clock),
      personID: m.personID.isEmpty ? nil : try Validate.id(m.personID, field: "member.person_id"))
    let directory = self.directory
    return try await database.mutate(requestID: request.requestID, request: request) { db, _ in
      let added = try MemberStore.add(db, member, directory: directory)
      return Mutation(added, targets: ["member:\(added.id)"] + groups.sorted().map { "group:\($0)" })
    }
  }

  func joinGroup(request: Vets_Volunteers_V1_MembershipRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Member {
    try await membership(request, joining: true)
  }

  func leaveGroup(request: Vets_Volunteers_V1_MembershipRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Member {
    try await membership(request, joining: false)
  }

  private func membership(_ request: Vets_Volunteers_V1_MembershipRequest, joining: Bool) async throws -> Vets_Volunteers_V1_Member {
    let member = try Validate.id(request.memberID, field: "member_id")
    let group = try Validate.id(request.groupID, field: "group_id")
    let directory = self.directory
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let changed = try MemberStore.membership(
        db, member: member, group: group, joining: joining, on: CalendarDate.localDay(of: call.now), directory: directory)
      return Mutation(changed, targets: ["member:\(member)", "group:\(group)"])
    }
  }

  func listMembers(request: Vets_Volunteers_V1_ListMembersRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListMembersResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let group = request.groupID.isEmpty ? nil : try Validate.id(request.groupID, field: "group_id")
    let (masked, directory, linkedOnly) = (!caller.role.seesPersonalData, self.directory, request.linkedOnly)
    let members = try await database.read { db in
      try MemberStore.list(db, after: after, group: group, linkedOnly: linkedOnly, limit: page.size, masked: masked, directory: directory)
    }
    if !masked, !members.isEmpty { try await database.recordRead(targets: ["members:phone"] + members.map { "member:\($0.id)" }) }
    var response = Vets_Volunteers_V1_ListMembersResponse()
    response.members = members
    response.nextPageToken = page.nextToken(last: members.last?.id, count: members.count)
    return response
  }

  // MARK: The report

  func getReport(request: Vets_Volunteers_V1_GetReportRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Report {
    try Validate.reportYear(request.year)
    let fromYear = request.fromYear == 0 ? request.year : request.fromYear
    guard (2000...request.year).contains(fromYear) else {
      throw VetsError.invalidArgument(field: "from_year", rule: "must be 0 (the year alone) or between 2000 and year")
    }
    let directory = self.directory
    return try await database.read { db in
      try VolunteersReport.compute(db, fromYear: Int(fromYear), year: Int(request.year), directory: directory)
    }
  }
}
