// Possible duplicate registrations: the same name and birth date under different resident
// ID numbers, for a clerk to check by hand.

import GRDB
import VetsKit

enum DuplicateFinder {
  struct Group {
    var name: String
    var birthDate: String
    var rows: [PersonRow]
  }

  /// Same name and birth date, different resident ID numbers, paged by (name, birth date).
  /// `after` is the (name, birth date) of the previous page's last group, empty strings on the
  /// first page.
  static func groups(_ db: Database, after parts: [String], limit: Int, scope: Scope) throws -> [Group] {
    let (scopeSQL, scopeArgs) = scope.sqlFilter(townColumn: "town_code")
    let pairs = try Row.fetchAll(
      db,
      sql: """
        SELECT name, birth_date FROM registry_people WHERE (name, birth_date) > (?, ?) \(scopeSQL)
        GROUP BY name, birth_date HAVING COUNT(DISTINCT id_number) > 1 ORDER BY name, birth_date LIMIT ?
        """,
      arguments: [parts[0], parts[1]] + scopeArgs + [limit])
    return try pairs.map { pair in
      let name: String = pair["name"]
      let birth: String = pair["birth_date"]
      let rows = try PersonRow.fetchAll(
        db, sql: "SELECT * FROM registry_people WHERE name = ? AND birth_date = ? \(scopeSQL) ORDER BY id",
        arguments: [name, birth] + scopeArgs
      )
      return Group(name: name, birthDate: birth, rows: rows)
    }
  }
}
