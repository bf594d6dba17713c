// SQL for people: registration, changes with field-level history, household links, reads.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

enum PersonStore {
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
    try row.insert(db)
    try writeLinks(db, id: row.id, fields, replacing: false)
    try NameSuffixes.write(db, id: row.id, name: row.data.name)
    return row
  }

  static func writeLinks(_ db: Database, id: String, _ fields: PersonFields, replacing: Bool = true) throws {
    if replacing {
      try db.execute(sql: "DELETE FROM registry_person_categories WHERE person_id = ?", arguments: [id])
      try db.execute(sql: "DELETE FROM registry_person_tags WHERE person_id = ?", arguments: [id])
    }
    let category = try db.cachedStatement(sql: "INSERT INTO registry_person_categories (person_id, category) VALUES (?, ?)")
    for entry in fields.categories {
      try category.execute(arguments: [id, Vets_Registry_V1_Category.terms.word(of: entry.category) ?? ""])
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
    try writeLinks(db, id: row.id, fields)
    try NameSuffixes.write(db, id: row.id, name: updated.data.name, replacing: row.data.name)
    return try save(db, updated, from: row, changes, caller: caller, now: now)
  }

  /// Sets status columns, with history.
  static func setStatus(
    _ db: Database, _ row: PersonRow, status: Vets_Registry_V1_PersonStatus, diedOn: String?, caller: Caller, now: Date,
    reason: String? = nil
  ) throws -> PersonRow {
    func word(_ status: Vets_Registry_V1_PersonStatus) -> String { Vets_Registry_V1_PersonStatus.terms.word(of: status) ?? "" }
    var updated = row
    updated.status = status
    updated.diedOn = diedOn
    var changes = [("status", word(row.status), word(status) + (reason.map { " (\($0))" } ?? ""))]
    if row.diedOn != diedOn { changes.append(("died_on", row.diedOn ?? "", diedOn ?? "")) }
    return try save(db, updated, from: row, changes, caller: caller, now: now)
  }

  /// Moves a person into (or out of) a household, with history and a new version.
  @discardableResult
  static func link(_ db: Database, _ row: PersonRow, household: String?, relation: String, caller: Caller, now: Date) throws
    -> PersonRow
  {
    var updated = row
    updated.householdID = household
    updated.relationToHead = relation
    func describe(_ household: String?, _ relation: String) -> String { household.map { "\($0) (\(relation))" } ?? "" }
    // A household change is not a change of the person's record: the version a clerk read
    // for an update stays good (issue 18, item 6). The history still records it.
    return try save(
      db, updated, from: row, [("household", describe(row.householdID, row.relationToHead), describe(household, relation))],
      caller: caller, now: now, newVersion: false)
  }

  /// Writes the columns a change touched, with a new version unless `newVersion` is false,
  /// and one history entry per changed field (field, old value, new value) naming who made it.
  static func save(
    _ db: Database, _ updated: PersonRow, from row: PersonRow, _ changes: [(String, String, String)], caller: Caller, now: Date,
    newVersion: Bool = true
  ) throws -> PersonRow {
    var updated = updated
    if newVersion { updated.version = row.version + 1 }
    updated.updatedAt = Instant.text(now)
    try updated.updateChanges(db, from: row)
    for (field, old, new) in changes {
      try db.execute(
        sql: """
          INSERT INTO registry_person_history (person_id, field, old_value, new_value, token_id, token_name, at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [row.id, field, old, new, caller.tokenID, caller.name, updated.updatedAt])
    }
    return updated
  }

  // MARK: Reading

  static func fetch(_ db: Database, id: String) throws -> PersonRow? {
    try PersonRow.fetchOne(db, key: id)
  }

  static func fetch(_ db: Database, where column: String, equals value: String) throws -> PersonRow? {
    try PersonRow.filter(Column(column) == value).fetchOne(db)
  }

  /// The person a request names by id, refused when the caller's scope does not cover where
  /// they live; `field` names the request's field that carries the id.
  static func require(_ db: Database, id: String, caller: Caller, field: String = "id") throws -> PersonRow {
    guard !id.isEmpty else { throw VetsError.invalidArgument(field: field, rule: "is required") }
    guard let row = try fetch(db, id: id) else { throw VetsError.notFound("no person with id \(quoted: id)") }
    try caller.mustCover(row.data.villageCode, "person \(row.id)")
    return row
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
