// Volunteer members and their memberships of service groups. A membership is history:
// leaving sets its left_on, and joining again adds a row.

import GRDB
import VetsAPI
import VetsKit

enum MemberStore {
  /// A member as validated from a request.
  struct New: Sendable {
    var name: String
    var phone: String
    var skills: [String]
    var groups: Set<String>
    var joined: CalendarDate
    var personID: String?
  }

  /// The member on the wire, the phone masked when `masked`, with what the registry says of
  /// the linked person.
  static func proto(_ db: Database, _ row: Row, masked: Bool, directory: any PersonDirectory) throws -> Vets_Volunteers_V1_Member {
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
    m.status = Vets_Volunteers_V1_RecordStatus.terms.value(row["status"]) ?? .unspecified
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

  static func row(_ db: Database, id: String) throws -> Row {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM volunteers_members WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no member with id \(quoted: id)")
    }
    return row
  }

  /// Refuses a member who does not exist or is not active.
  static func requireActive(_ db: Database, id: String) throws {
    guard let status = try String.fetchOne(db, sql: "SELECT status FROM volunteers_members WHERE id = ?", arguments: [id]) else {
      throw VetsError.notFound("no member with id \(quoted: id)")
    }
    guard status == "active" else { throw VetsError.failedPrecondition("member \(id) is \(status)") }
  }

  /// Adds a member, linked to a registry person no other member is, and joins the groups.
  static func add(_ db: Database, _ m: New, directory: any PersonDirectory) throws -> Vets_Volunteers_V1_Member {
    if let personID = m.personID {
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
      arguments: [id, m.name, m.phone, m.skills.joined(separator: "\n"), m.joined.iso, m.personID])
    for group in m.groups.sorted() { try join(db, member: id, group: group, on: m.joined) }
    return try proto(db, try row(db, id: id), masked: false, directory: directory)
  }

  /// Joins a member to an active group they are not in.
  static func join(_ db: Database, member: String, group: String, on day: CalendarDate) throws {
    try GroupStore.requireActive(db, id: group)
    guard try Bool.fetchOne(
      db, sql: "SELECT 1 FROM volunteers_memberships WHERE member_id = ? AND group_id = ? AND left_on IS NULL", arguments: [member, group]) != true
    else { throw VetsError.alreadyExists("member \(member) is already in group \(group)") }
    try db.execute(
      sql: "INSERT INTO volunteers_memberships (member_id, group_id, joined_on) VALUES (?, ?, ?)", arguments: [member, group, day.iso])
  }

  /// Joins a member to a group or ends their membership, on `day`.
  static func membership(
    _ db: Database, member: String, group: String, joining: Bool, on day: CalendarDate, directory: any PersonDirectory
  ) throws -> Vets_Volunteers_V1_Member {
    let row = try row(db, id: member)
    if joining {
      try join(db, member: member, group: group, on: day)
    } else {
      try db.execute(
        sql: "UPDATE volunteers_memberships SET left_on = ? WHERE member_id = ? AND group_id = ? AND left_on IS NULL",
        arguments: [day.iso, member, group])
      guard db.changesCount == 1 else { throw VetsError.failedPrecondition("member \(member) is not in group \(group)") }
    }
    return try proto(db, row, masked: false, directory: directory)
  }

  /// A page in id order: members of `group` when given, those linked to a registry person
  /// when `linkedOnly`.
  static func list(
    _ db: Database, after: String, group: String?, linkedOnly: Bool, limit: Int, masked: Bool, directory: any PersonDirectory
  ) throws -> [Vets_Volunteers_V1_Member] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM volunteers_members m WHERE id > ? AND (? = 0 OR person_id IS NOT NULL)
          AND (? IS NULL OR EXISTS (SELECT 1 FROM volunteers_memberships s WHERE s.member_id = m.id AND s.group_id = ? AND s.left_on IS NULL))
        ORDER BY id LIMIT ?
        """,
      arguments: [after, linkedOnly, group, group, limit]
    ).map { try proto(db, $0, masked: masked, directory: directory) }
  }

  /// The group's current members by name.
  static func inGroup(_ db: Database, id: String, masked: Bool, directory: any PersonDirectory) throws -> [Vets_Volunteers_V1_Member] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT m.* FROM volunteers_members m JOIN volunteers_memberships s ON s.member_id = m.id
        WHERE s.group_id = ? AND s.left_on IS NULL ORDER BY m.name
        """,
      arguments: [id]
    ).map { try proto(db, $0, masked: masked, directory: directory) }
  }
}
