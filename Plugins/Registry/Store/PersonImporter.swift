// Imports parsed CSV rows inside the caller's transaction, reporting each bad row by line,
// column and reason; the good rows are inserted.

import Foundation
import GRDB
import VetsAPI
import VetsKit

struct PersonImporter: Sendable {
  let header: PersonCSV.Header
  let rows: [CSVRow]
  let today: CalendarDate
  let caller: Caller
  let encoding: String

  func run(_ db: Database, now: Date, commit: Bool) throws -> Vets_Registry_V1_ImportPersonsResponse {
    var report = Vets_Registry_V1_ImportPersonsResponse()
    report.encoding = encoding
    report.dryRun = !commit
    report.rowsRead = Int64(rows.count)
    // A dry run writes nothing, so a number seen twice in the file is caught here.
    var seen: (ids: [String: Int], certificates: [String: Int]) = ([:], [:])
    for row in rows {
      do {
        let entry = try PersonCSV.entry(row, header)
        let fields = try PersonFields(entry.input, today: today)
        if let died = entry.diedOn {
          guard died <= today, died >= fields.birthDate else {
            throw VetsError.invalidArgument(field: "died_on", rule: "must be between the birth date and today")
          }
        }
        try Presentation.checkScope(caller, village: fields.villageCode)
        // Every rule a row can break is checked before its first write, so a refused row
        // writes nothing; a storage failure aborts the whole import.
        if commit {
          let inserted = try PersonStore.insert(db, fields, now: now)
          if entry.status != .active {
            _ = try PersonStore.setStatus(db, inserted, status: entry.status, diedOn: entry.diedOn?.iso, caller: caller, now: now)
          }
        } else {
          try PersonStore.checkVillage(db, fields.villageCode)
          try PersonStore.checkUnique(db, fields, except: nil)
          if let line = seen.ids[fields.residentID.value] {
            throw VetsError.concerning(field: "id_number", .alreadyExists("the same resident ID number is on line \(line) of this file"))
          }
          if let certificate = fields.certificateNo, let line = seen.certificates[certificate] {
            throw VetsError.concerning(field: "certificate_no", .alreadyExists("the same certificate_no is on line \(line) of this file"))
          }
          seen.ids[fields.residentID.value] = row.line
          if let certificate = fields.certificateNo { seen.certificates[certificate] = row.line }
        }
        report.rowsValid += 1
        report.rowsImported += 1
      } catch let error as VetsError {
        report.errorCount += 1
        if report.errors.count < PeopleService.maxListedErrors {
          var e = Vets_Registry_V1_RowError()
          e.line = Int64(row.line)
          // Every refusal about a field names its column, whatever its kind.
          if let field = error.field { e.column = header.column(for: field) }
          if case .invalidArgument(_, let rule) = error { e.reason = rule } else { e.reason = error.message }
          report.errors.append(e)
        }
      }
    }
    if !commit { report.rowsImported = 0 }
    return report
  }
}

enum DuplicateFinder {
  struct Group {
    var name: String
    var birthDate: String
    var rows: [PersonRow]
  }

  /// Same name and birth date, different resident ID numbers, paged by (name, birth date).
  static func groups(_ db: Database, after key: String?, limit: Int, scope: Scope) throws -> [Group] {
    let parts = try Page.columns(key, count: 2)
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
      let rows = try Row.fetchAll(
        db, sql: "SELECT * FROM registry_people WHERE name = ? AND birth_date = ? \(scopeSQL) ORDER BY id",
        arguments: [name, birth] + scopeArgs
      ).map(PersonStore.person)
      return Group(name: name, birthDate: birth, rows: rows)
    }
  }

}

enum RegistryStats {
  static let bands: [(String, Int, Int)] = [
    ("under 40", 0, 39), ("40-49", 40, 49), ("50-59", 50, 59), ("60-69", 60, 69), ("70-79", 70, 79), ("80 and over", 80, 119),
  ]

  static func compute(_ db: Database, scope: Scope, today: CalendarDate) throws -> Vets_Registry_V1_Stats {
    let (scopeSQL, args) = scope.sqlFilter(townColumn: "town_code")
    func counts(_ sql: String, _ arguments: StatementArguments = []) throws -> [Vets_Registry_V1_CountByKey] {
      try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
        var c = Vets_Registry_V1_CountByKey()
        c.key = row[0]
        c.count = row[1]
        return c
      }
    }
    var stats = Vets_Registry_V1_Stats()
    stats.people = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM registry_people WHERE 1 \(scopeSQL)", arguments: args) ?? 0
    stats.byTownAndCategory = try counts(
      """
      SELECT p.town_code || ' ' || c.category, COUNT(*) FROM registry_person_categories c
      JOIN registry_people p ON p.id = c.person_id WHERE p.status = 'active' \(scope.sqlFilter(villageColumn: "p.village_code", townColumn: "p.town_code").sql)
      GROUP BY p.town_code, c.category ORDER BY p.town_code, c.category
      """, args)
    stats.byStatus = try counts(
      "SELECT status, COUNT(*) FROM registry_people WHERE 1 \(scopeSQL) GROUP BY status ORDER BY status", args)
    for (label, low, high) in bands {
      let (youngest, oldest) = (today.yearsEarlier(low), today.yearsEarlier(high + 1))
      var c = Vets_Registry_V1_CountByKey()
      c.key = label
      c.count = try Int64.fetchOne(
        db,
        sql: "SELECT COUNT(*) FROM registry_people WHERE status = 'active' AND birth_date <= ? AND birth_date > ? \(scopeSQL)",
        arguments: [youngest.iso, oldest.iso] + args) ?? 0
      stats.byAgeBand.append(c)
    }
    stats.partyMembers = try Int64.fetchOne(
      db, sql: "SELECT COUNT(*) FROM registry_people WHERE status = 'active' AND party_member = 1 \(scopeSQL)", arguments: args) ?? 0
    return stats
  }
}
