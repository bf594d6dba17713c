// The registry's figures: GetStats inside a caller's scope, and the county report's section.

import GRDB
import VetsAPI
import VetsKit

enum RegistryReport {
  static let bands: [(String, Int, Int)] = [
    ("under 40", 0, 39), ("40-49", 40, 49), ("50-59", 50, 59), ("60-69", 60, 69), ("70-79", 70, 79), ("80 and over", 80, 119),
  ]

  /// The registry's figures inside a scope (GetStats).
  static func stats(_ db: Database, scope: Scope, today: CalendarDate) throws -> Vets_Registry_V1_Stats {
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
    stats.withoutCategory =
      try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM registry_people WHERE categories = '' \(scopeSQL)", arguments: args) ?? 0
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
        sql: """
          SELECT COUNT(*) FROM registry_people
          WHERE status = 'active' AND categories != '' AND birth_date <= ? AND birth_date > ? \(scopeSQL)
          """,
        arguments: [youngest.iso, oldest.iso] + args) ?? 0
      stats.byAgeBand.append(c)
    }
    stats.partyMembers = try Int64.fetchOne(
      db, sql: "SELECT COUNT(*) FROM registry_people WHERE status = 'active' AND categories != '' AND party_member = 1 \(scopeSQL)",
      arguments: args) ?? 0
    return stats
  }

  /// The registry as it stands now: people by status, category and town. (The registry
  /// keeps no history of counts, so the year does not change these figures.)
  static func countySection(_ db: Database, today: CalendarDate) throws -> Vets_Daemon_V1_ReportSection {
    let stats = try stats(db, scope: .county, today: today)
    let towns = try DivisionStore.townNames(db)
    var s = Vets_Daemon_V1_ReportSection(
      module: RegistryModule.id, title: "人员登记：退役军人和其他优抚对象", english: "Registry: people by category and town")
    s.add("people", "登记人员", "People registered", stats.people)
    s.add("people.without_category", "无优抚类别的家庭成员（不计入任何类别）", "Household members with no entitled category (counted in no category)", stats.withoutCategory)
    for status in stats.byStatus {
      s.add("people.status.\(status.key)", "状态：\(Vets_Registry_V1_PersonStatus.terms.label(ofWord: status.key))", "Status: \(status.key)", status.count)
    }
    var byCategory: [String: Int64] = [:]
    for count in stats.byTownAndCategory {
      let parts = count.key.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      byCategory[parts[1], default: 0] += count.count
    }
    // People, not category rows: a person with two categories is one person in the town.
    let byTown = Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(
        db, sql: "SELECT town_code, COUNT(*) AS n FROM registry_people WHERE status = 'active' AND categories != '' GROUP BY town_code"
      ).map { (row: Row) -> (String, Int64) in (row["town_code"], row["n"]) })
    for (category, count) in byCategory.sorted(by: { $0.key < $1.key }) {
      s.add("people.category.\(category)", "在册\(Vets_Registry_V1_Category.terms.label(ofWord: category))", "Active, \(category.split(separator: "_").joined(separator: " "))", count)
    }
    for (town, count) in byTown.sorted(by: { $0.key < $1.key }) {
      s.add("people.town.\(town)", "\(towns[town] ?? town)在册人员", "Active people in town \(town) \(towns[town] ?? "")", count)
    }
    s.add("people.party_members", "在册党员", "Active party members", stats.partyMembers)
    return s
  }
}
