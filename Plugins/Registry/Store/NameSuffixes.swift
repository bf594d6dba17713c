// Every suffix of every person's name, so that a search for a part of a name ("伟芳" in
// 李伟芳) is a range read of the suffixes that begin with it, not a scan of a million names.

import GRDB

enum NameSuffixes {
  /// The suffixes of a name, longest first, counted in Unicode scalars as SQLite's substr
  /// and instr count characters.
  static func of(_ name: String) -> [String] {
    let scalars = Array(name.unicodeScalars)
    return scalars.indices.map { start in
      var suffix = String.UnicodeScalarView()
      suffix.append(contentsOf: scalars[start...])
      return String(suffix)
    }
  }

  /// Writes a person's suffixes, replacing those of `old` when the name changed.
  static func write(_ db: Database, id: String, name: String, replacing old: String? = nil) throws {
    if let old {
      guard old != name else { return }
      let delete = try db.cachedStatement(sql: "DELETE FROM registry_person_name_suffixes WHERE suffix = ? AND person_id = ?")
      for suffix in of(old) { try delete.execute(arguments: [suffix, id]) }
    }
    let insert = try db.cachedStatement(sql: "INSERT INTO registry_person_name_suffixes (suffix, person_id) VALUES (?, ?)")
    for suffix in of(name) { try insert.execute(arguments: [suffix, id]) }
  }

  /// The table, filled from the people already registered.
  static func create(_ db: Database) throws {
    try db.execute(
      sql: "CREATE TABLE registry_person_name_suffixes (suffix TEXT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (suffix, person_id)) WITHOUT ROWID")
    let people = try Row.fetchCursor(db, sql: "SELECT id, name FROM registry_people")
    while let person = try people.next() {
      try write(db, id: person["id"], name: person["name"])
    }
  }

  /// Where, in a name, the first occurrence of `part` begins: the suffix a search by part
  /// pages on. Nil when the name does not contain it.
  static func firstSuffix(of name: String, containing part: String) -> String? {
    guard !part.isEmpty else { return nil }
    return of(name).first { $0.unicodeScalars.starts(with: part.unicodeScalars) }
  }
}
