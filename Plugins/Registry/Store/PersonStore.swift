// SQL for people: rows in, rows out, field-level history, keyset search.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

struct PersonRow {
  var id: String
  var data: Vets_Registry_V1_PersonInput
  var townCode: String
  var status: Vets_Registry_V1_PersonStatus
  var diedOn: String?
  var householdID: String?
  var relationToHead: String
  var version: Int64
  var createdAt: String
  var updatedAt: String
}

enum PersonStore {
  static func statusText(_ status: Vets_Registry_V1_PersonStatus) -> String {
    Vocabulary.name(status, in: Vocabulary.statuses)
  }

  // MARK: Writing

  static func checkVillage(_ db: Database, _ code: String) throws {
    // Cached statements: an import runs these once per row, and compiling SQL would dominate.
    guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM registry_villages WHERE code = ?"), arguments: [code]) == true else {
      throw VetsError.invalidArgument(field: "village_code", rule: "village \(code) has not been imported; import the county's divisions first")
    }
  }

  static func checkUnique(_ db: Database, _ fields: PersonFields, except id: String?) throws {
    if let other = try String.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM registry_people WHERE id_number = ? AND id IS NOT ?"),
      arguments: [fields.residentID.value, id])
    {
      throw VetsError.concerning(
        field: "id_number", .alreadyExists("a person with this resident ID number is already registered as \(other)"))
    }
    if let certificate = fields.certificateNo,
      let other = try String.fetchOne(
        db.cachedStatement(sql: "SELECT id FROM registry_people WHERE certificate_no = ? AND id IS NOT ?"),
        arguments: [certificate, id])
    {
      throw VetsError.concerning(field: "certificate_no", .alreadyExists("certificate_no is already recorded for \(other)"))
    }
  }

  @discardableResult
  static func insert(_ db: Database, _ fields: PersonFields, now: Date) throws -> PersonRow {
    try checkVillage(db, fields.villageCode)
    try checkUnique(db, fields, except: nil)
    let row = PersonRow(
      id: RecordID.make("per_"), data: fields.input, townCode: DivisionCode.townOf(village: fields.villageCode), status: .active,
      diedOn: nil, householdID: nil, relationToHead: "", version: 1, createdAt: Instant.text(now), updatedAt: Instant.text(now))
    try db.cachedStatement(
      sql: """
        INSERT INTO registry_people (id, id_number, id_last6, name, sex, birth_date, phone, categories, village_code,
          town_code, address, enlisted_on, discharged_on, branch, party_member, certificate_no, tags, notes, status,
          died_on, household_id, relation_to_head, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', NULL, NULL, '', 1, ?, ?)
        """
    ).execute(
      arguments: [
        row.id, fields.residentID.value, fields.residentID.lastSix, fields.name, fields.sex.rawValue, fields.birthDate.iso,
        fields.phone, row.data.text("categories"), fields.villageCode, row.townCode, fields.address, fields.enlistedOn?.iso,
        fields.dischargedOn?.iso, fields.branch, fields.partyMember, fields.certificateNo, row.data.text("tags"),
        fields.notes, row.createdAt, row.updatedAt,
      ])
    try writeLinks(db, id: row.id, fields, replacing: false)
    return row
  }

  static func writeLinks(_ db: Database, id: String, _ fields: PersonFields, replacing: Bool = true) throws {
    if replacing {
      try db.execute(sql: "DELETE FROM registry_person_categories WHERE person_id = ?", arguments: [id])
      try db.execute(sql: "DELETE FROM registry_person_tags WHERE person_id = ?", arguments: [id])
    }
    let category = try db.cachedStatement(sql: "INSERT INTO registry_person_categories (person_id, category) VALUES (?, ?)")
    for entry in fields.categories {
      try category.execute(arguments: [id, Vocabulary.name(entry.category, in: Vocabulary.categories)])
    }
    let tag = try db.cachedStatement(sql: "INSERT INTO registry_person_tags (person_id, tag) VALUES (?, ?)")
    for text in fields.tags {
      try tag.execute(arguments: [id, text])
    }
  }

  /// Checks the version the caller read; a stale one refuses the change.
  static func checkVersion(_ row: PersonRow, _ version: Int64) throws {
    guard version == row.version else {
      throw VetsError.failedPrecondition(
        "person \(row.id) is at version \(row.version), but the change was based on version \(version); read it again and retry")
    }
  }

  /// Writes new field values, one history entry per changed field, and bumps the version.
  static func update(_ db: Database, _ row: PersonRow, to fields: PersonFields, caller: Caller, now: Date) throws -> PersonRow {
    try checkVillage(db, fields.villageCode)
    try checkUnique(db, fields, except: row.id)
    var updated = row
    updated.data = fields.input
    updated.townCode = DivisionCode.townOf(village: fields.villageCode)
    var changes: [(String, String, String)] = []
    for field in PersonFields.names where row.data.text(field) != updated.data.text(field) {
      changes.append((field, row.data.text(field), updated.data.text(field)))
    }
    guard !changes.isEmpty else { return row }
    try db.execute(
      sql: """
        UPDATE registry_people SET id_number = ?, id_last6 = ?, name = ?, sex = ?, birth_date = ?, phone = ?,
          categories = ?, village_code = ?, town_code = ?, address = ?, enlisted_on = ?, discharged_on = ?, branch = ?,
          party_member = ?, certificate_no = ?, tags = ?, notes = ?
        WHERE id = ?
        """,
      arguments: [
        fields.residentID.value, fields.residentID.lastSix, fields.name, fields.sex.rawValue, fields.birthDate.iso,
        fields.phone, updated.data.text("categories"), fields.villageCode, updated.townCode, fields.address,
        fields.enlistedOn?.iso, fields.dischargedOn?.iso, fields.branch, fields.partyMember, fields.certificateNo,
        updated.data.text("tags"), fields.notes, row.id,
      ])
    try writeLinks(db, id: row.id, fields)
    return try recordChanges(db, updated, changes, caller: caller, now: now)
  }

  /// Sets status columns, with history.
  static func setStatus(
    _ db: Database, _ row: PersonRow, status: Vets_Registry_V1_PersonStatus, diedOn: String?, caller: Caller, now: Date,
    reason: String? = nil
  ) throws -> PersonRow {
    var updated = row
    updated.status = status
    updated.diedOn = diedOn
    try db.execute(
      sql: "UPDATE registry_people SET status = ?, died_on = ? WHERE id = ?", arguments: [statusText(status), diedOn, row.id])
    var changes = [("status", statusText(row.status), statusText(status) + (reason.map { " (\($0))" } ?? ""))]
    if row.diedOn != diedOn { changes.append(("died_on", row.diedOn ?? "", diedOn ?? "")) }
    return try recordChanges(db, updated, changes, caller: caller, now: now)
  }

  static func recordChanges(_ db: Database, _ row: PersonRow, _ changes: [(String, String, String)], caller: Caller, now: Date)
    throws -> PersonRow
  {
    var row = row
    row.version += 1
    row.updatedAt = Instant.text(now)
    try db.execute(
      sql: "UPDATE registry_people SET version = ?, updated_at = ? WHERE id = ?", arguments: [row.version, row.updatedAt, row.id])
    for (field, old, new) in changes {
      try db.execute(
        sql: """
          INSERT INTO registry_person_history (person_id, field, old_value, new_value, token_id, token_name, at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [row.id, field, old, new, caller.tokenID, caller.name, row.updatedAt])
    }
    return row
  }

  // MARK: Reading

  static func fetch(_ db: Database, id: String) throws -> PersonRow? {
    try Row.fetchOne(db, sql: "SELECT * FROM registry_people WHERE id = ?", arguments: [id]).map(person)
  }

  static func fetch(_ db: Database, where column: String, equals value: String) throws -> PersonRow? {
    try Row.fetchOne(db, sql: "SELECT * FROM registry_people WHERE \(column) = ?", arguments: [value]).map(person)
  }

  static func person(_ row: Row) -> PersonRow {
    var data = Vets_Registry_V1_PersonInput()
    data.idNumber = row["id_number"]
    data.name = row["name"]
    data.sex = (row["sex"] as String) == "male" ? .male : .female
    if let date = try? CalendarDate(iso: row["birth_date"], field: "birth_date") { data.birthDate = date.proto }
    data.phone = row["phone"]
    data.categories = (row["categories"] as String).split(separator: ";").compactMap { CategoryEntry(text: String($0))?.proto }
    data.villageCode = row["village_code"]
    data.address = row["address"]
    if let text: String = row["enlisted_on"], let date = try? CalendarDate(iso: text, field: "enlisted_on") {
      data.enlistedOn = date.proto
    }
    if let text: String = row["discharged_on"], let date = try? CalendarDate(iso: text, field: "discharged_on") {
      data.dischargedOn = date.proto
    }
    data.branch = row["branch"]
    data.partyMember = row["party_member"]
    data.certificateNo = row["certificate_no"] ?? ""
    data.tags = (row["tags"] as String).split(separator: ";").map(String.init)
    data.notes = row["notes"]
    return PersonRow(
      id: row["id"], data: data, townCode: row["town_code"],
      status: Vocabulary.value(row["status"], in: Vocabulary.statuses) ?? .unspecified, diedOn: row["died_on"],
      householdID: row["household_id"], relationToHead: row["relation_to_head"], version: row["version"],
      createdAt: row["created_at"], updatedAt: row["updated_at"])
  }

  static func history(_ db: Database, id: String, after seq: Int64, limit: Int) throws -> [Vets_Registry_V1_HistoryEntry] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM registry_person_history WHERE person_id = ? AND seq > ? ORDER BY seq LIMIT ?",
      arguments: [id, seq, limit]
    ).map { row in
      var e = Vets_Registry_V1_HistoryEntry()
      e.seq = row["seq"]
      e.field = row["field"]
      e.oldValue = row["old_value"]
      e.newValue = row["new_value"]
      e.tokenID = row["token_id"]
      e.tokenName = row["token_name"]
      if let at = Instant.date(row["at"]) { e.at = .init(date: at) }
      return e
    }
  }
}
