// The county's towns (9-digit codes) and villages (12-digit codes), as imported.

import GRDB
import VetsAPI
import VetsKit

enum DivisionStore {
  /// Writes a file's towns, then its villages; a village whose town is neither in the file
  /// nor imported before is reported among the file's errors and not written.
  static func save(_ db: Database, _ file: DivisionFile) throws -> Vets_Registry_V1_ImportDivisionsResponse {
    for (code, name) in file.towns {
      try db.execute(
        sql: "INSERT INTO registry_towns (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name",
        arguments: [code, name])
    }
    var response = Vets_Registry_V1_ImportDivisionsResponse()
    response.errors = file.errors
    for (code, name) in file.villages {
      let town = DivisionCode.townOf(village: code)
      guard try exists(db, town) else {
        response.errors.append(
          DivisionFile.error(line: 0, "code", "village \(code)'s town \(town) is neither in the file nor imported before"))
        continue
      }
      try db.execute(
        sql: """
          INSERT INTO registry_villages (code, town_code, name) VALUES (?, ?, ?)
          ON CONFLICT(code) DO UPDATE SET name = excluded.name
          """,
        arguments: [code, town, name])
      response.villages += 1
    }
    response.towns = Int64(file.towns.count)
    return response
  }

  /// Whether a town (9 digits) or village (12 digits) has been imported.
  static func exists(_ db: Database, _ code: String) throws -> Bool {
    let table = code.count == 9 ? "registry_towns" : "registry_villages"
    return try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE code = ?", arguments: [code]) == true
  }

  /// The county's own 6-digit code: the one whose towns were imported; nil before any were.
  static func county(_ db: Database) throws -> String? {
    try String.fetchOne(db, sql: "SELECT substr(code, 1, 6) FROM registry_towns ORDER BY code LIMIT 1")
  }

  /// A page of the towns, or of one town's villages, in code order after `after`.
  static func list(_ db: Database, town: String?, after: String, limit: Int) throws -> [Vets_Registry_V1_Division] {
    let rows =
      if let town {
        try Row.fetchAll(
          db, sql: "SELECT code, name FROM registry_villages WHERE town_code = ? AND code > ? ORDER BY code LIMIT ?",
          arguments: [town, after, limit])
      } else {
        try Row.fetchAll(
          db, sql: "SELECT code, name FROM registry_towns WHERE code > ? ORDER BY code LIMIT ?", arguments: [after, limit])
      }
    return rows.map { row in
      var d = Vets_Registry_V1_Division()
      d.code = row["code"]
      d.name = row["name"]
      return d
    }
  }

  /// Town names by code, for the county report.
  static func townNames(_ db: Database) throws -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, name FROM registry_towns").map { ($0["code"] as String, $0["name"] as String) })
  }
}
