// The army-support organisations: associations, and the social organisations and units
// that are their members.

import GRDB
import VetsAPI
import VetsKit

enum OrganisationStore {
  /// An organisation as validated from a request.
  struct New: Sendable {
    var name: String
    var type: String
    var creditCode: String?
    var town: String
    var contact: String
    var association: String?
    var joined: CalendarDate
  }

  static func proto(_ row: Row) -> Vets_Volunteers_V1_Organisation {
    var o = Vets_Volunteers_V1_Organisation()
    o.id = row["id"]
    o.name = row["name"]
    o.type = Vets_Volunteers_V1_OrganisationType.terms.value(row["type"]) ?? .unspecified
    o.creditCode = row["credit_code"] ?? ""
    o.townCode = row["town_code"]
    o.contact = row["contact"]
    o.status = Vets_Volunteers_V1_RecordStatus.terms.value(row["status"]) ?? .unspecified
    o.associationID = row["association_id"] ?? ""
    o.joinedOn = (try? CalendarDate(iso: row["joined_on"], field: "").proto) ?? .init()
    return o
  }

  /// Adds an organisation: its credit code is its own, and the association it joins is one.
  static func add(_ db: Database, _ o: New) throws -> Vets_Volunteers_V1_Organisation {
    if let creditCode = o.creditCode, let other = try String.fetchOne(
      db, sql: "SELECT id FROM volunteers_organisations WHERE credit_code = ?", arguments: [creditCode])
    {
      throw VetsError.alreadyExists("credit code \(creditCode) is already registered as \(other)")
    }
    if let association = o.association {
      guard let kind = try String.fetchOne(db, sql: "SELECT type FROM volunteers_organisations WHERE id = ?", arguments: [association]) else {
        throw VetsError.notFound("no organisation with id \(quoted: association) (organisation.association_id)")
      }
      guard kind == "association" else {
        throw VetsError.invalidArgument(field: "organisation.association_id", rule: "\(association) is a \(kind) organisation, not an association")
      }
      guard o.type != "association" else {
        throw VetsError.invalidArgument(field: "organisation.association_id", rule: "an association is not a member unit of another")
      }
    }
    let id = RecordID.make("org_")
    try db.execute(
      sql: """
        INSERT INTO volunteers_organisations (id, name, type, credit_code, town_code, contact, status, association_id, joined_on)
        VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)
        """,
      arguments: [id, o.name, o.type, o.creditCode, o.town, o.contact, o.association, o.joined.iso])
    return try fetch(db, id: id)!
  }

  static func fetch(_ db: Database, id: String) throws -> Vets_Volunteers_V1_Organisation? {
    try Row.fetchOne(db, sql: "SELECT * FROM volunteers_organisations WHERE id = ?", arguments: [id]).map(proto)
  }

  /// The organisation's status word, nil when there is none with that id.
  static func status(_ db: Database, id: String) throws -> String? {
    try String.fetchOne(db, sql: "SELECT status FROM volunteers_organisations WHERE id = ?", arguments: [id])
  }

  /// A page in id order, filtered by type and association word when given.
  static func list(_ db: Database, after: String, type: String?, association: String?, limit: Int) throws -> [Vets_Volunteers_V1_Organisation] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM volunteers_organisations WHERE id > ? AND (? IS NULL OR type = ?) AND (? IS NULL OR association_id = ?)
        ORDER BY id LIMIT ?
        """,
      arguments: [after, type, type, association, association, limit]
    ).map(proto)
  }

  /// An organisation with its member units and service groups.
  static func detail(_ db: Database, id: String) throws -> Vets_Volunteers_V1_OrganisationDetail {
    guard let organisation = try fetch(db, id: id) else { throw VetsError.notFound("no organisation with id \(quoted: id)") }
    var detail = Vets_Volunteers_V1_OrganisationDetail()
    detail.organisation = organisation
    detail.memberUnits = try Row.fetchAll(
      db, sql: "SELECT * FROM volunteers_organisations WHERE association_id = ? ORDER BY name", arguments: [id]
    ).map(proto)
    detail.groups = try GroupStore.ofOrganisation(db, id: id)
    return detail
  }
}
