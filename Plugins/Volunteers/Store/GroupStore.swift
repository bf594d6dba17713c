// The "2+N" service groups an organisation runs.

import GRDB
import VetsAPI
import VetsKit

enum GroupStore {
  /// A group as validated from a request.
  struct New: Sendable {
    var name: String
    var organisation: String
    var direction: String
    var leader: String
    var description: String
    var founded: CalendarDate
  }

  static func proto(_ row: Row) -> Vets_Volunteers_V1_ServiceGroup {
    var g = Vets_Volunteers_V1_ServiceGroup()
    g.id = row["id"]
    g.name = row["name"]
    g.organisationID = row["organisation_id"]
    g.direction = Vets_Volunteers_V1_Direction.terms.value(row["direction"]) ?? .unspecified
    g.leader = row["leader"]
    g.description_p = row["description"]
    g.status = Vets_Volunteers_V1_RecordStatus.terms.value(row["status"]) ?? .unspecified
    g.foundedOn = (try? CalendarDate(iso: row["founded_on"], field: "").proto) ?? .init()
    return g
  }

  /// Adds a group to an active organisation, under a name the organisation does not use yet.
  static func add(_ db: Database, _ g: New) throws -> Vets_Volunteers_V1_ServiceGroup {
    guard let status = try OrganisationStore.status(db, id: g.organisation) else {
      throw VetsError.notFound("no organisation with id \(quoted: g.organisation) (group.organisation_id)")
    }
    guard status == "active" else { throw VetsError.failedPrecondition("organisation \(g.organisation) is \(status)") }
    if let other = try String.fetchOne(
      db, sql: "SELECT id FROM volunteers_groups WHERE organisation_id = ? AND name = ?", arguments: [g.organisation, g.name])
    {
      throw VetsError.alreadyExists("organisation \(g.organisation) already has a group named \(quoted: g.name) (\(other))")
    }
    let id = RecordID.make("grp_")
    try db.execute(
      sql: """
        INSERT INTO volunteers_groups (id, name, organisation_id, direction, leader, description, status, founded_on)
        VALUES (?, ?, ?, ?, ?, ?, 'active', ?)
        """,
      arguments: [id, g.name, g.organisation, g.direction, g.leader, g.description, g.founded.iso])
    return try fetch(db, id: id)!
  }

  static func fetch(_ db: Database, id: String) throws -> Vets_Volunteers_V1_ServiceGroup? {
    try Row.fetchOne(db, sql: "SELECT * FROM volunteers_groups WHERE id = ?", arguments: [id]).map(proto)
  }

  /// Refuses a group that does not exist or is not active; `field` names the request field
  /// the id came from.
  static func requireActive(_ db: Database, id: String, field: String? = nil) throws {
    guard let status = try String.fetchOne(db, sql: "SELECT status FROM volunteers_groups WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no group with id \(quoted: id)\(field.map { " (\($0))" } ?? "")")
    }
    guard status == "active" else { throw VetsError.failedPrecondition("group \(id) is \(status)") }
  }

  /// A page in id order, filtered by organisation and direction word when given.
  static func list(_ db: Database, after: String, organisation: String?, direction: String?, limit: Int) throws
    -> [Vets_Volunteers_V1_ServiceGroup]
  {
    try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM volunteers_groups WHERE id > ? AND (? IS NULL OR organisation_id = ?) AND (? IS NULL OR direction = ?)
        ORDER BY id LIMIT ?
        """,
      arguments: [after, organisation, organisation, direction, direction, limit]
    ).map(proto)
  }

  static func ofOrganisation(_ db: Database, id: String) throws -> [Vets_Volunteers_V1_ServiceGroup] {
    try Row.fetchAll(db, sql: "SELECT * FROM volunteers_groups WHERE organisation_id = ? ORDER BY name", arguments: [id]).map(proto)
  }

  /// A group with its current members, their phones masked when `masked`.
  static func detail(_ db: Database, id: String, masked: Bool, directory: any PersonDirectory) throws -> Vets_Volunteers_V1_GroupDetail {
    guard let group = try fetch(db, id: id) else { throw VetsError.notFound("no group with id \(quoted: id)") }
    var detail = Vets_Volunteers_V1_GroupDetail()
    detail.group = group
    detail.members = try MemberStore.inGroup(db, id: id, masked: masked, directory: directory)
    return detail
  }
}
