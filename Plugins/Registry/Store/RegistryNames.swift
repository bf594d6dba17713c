// Names for people to read beside the ids and codes of a page: a person's name, a
// household's head's name with 户, a station's name, a town's name, a village's name after
// its town's ("南旺镇东关村"). Ids the registry does not hold are left out.

import GRDB
import VetsKit

enum RegistryNames {
  static func names(_ db: Database, of ids: Set<String>) throws -> [String: String] {
    let ids = ids.sorted()
    func code(_ length: Int) -> [String] { ids.filter { $0.count == length && $0.utf8.allSatisfy { (48...57).contains($0) } } }
    var names: [String: String] = [:]
    for (sql, keys) in [
      ("SELECT id, name FROM registry_people WHERE id IN", ids.filter { $0.hasPrefix("per_") }),
      ("SELECT h.id, p.name || '户' FROM registry_households h JOIN registry_people p ON p.id = h.head_person_id WHERE h.id IN",
       ids.filter { $0.hasPrefix("hh_") }),
      ("SELECT id, name FROM registry_stations WHERE id IN", ids.filter { $0.hasPrefix("st_") }),
      ("SELECT code, name FROM registry_towns WHERE code IN", code(9)),
      ("SELECT v.code, t.name || v.name FROM registry_villages v JOIN registry_towns t ON t.code = v.town_code WHERE v.code IN",
       code(12)),
    ] where !keys.isEmpty {
      let marks = "(" + Array(repeating: "?", count: keys.count).joined(separator: ",") + ")"
      for row in try Row.fetchAll(db, sql: sql + " " + marks, arguments: StatementArguments(keys)) {
        names[row[0]] = row[1]
      }
    }
    return names
  }
}
