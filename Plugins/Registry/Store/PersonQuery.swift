// A validated search: filters, the caller's scope, and the keyset that pages it.

import GRDB
import VetsAPI
import VetsKit

struct PersonQuery {
  private var conditions: [String] = []
  private var arguments: StatementArguments = []
  /// Name searches page by (name, id) on the name index, a search for a part of a name by
  /// (suffix, id) on the name suffixes; the rest by id.
  let byName: Bool
  /// The part of a name searched for, when it is not the name's beginning.
  private var part: String?
  /// Where a name search's range starts; a later page starts at its key instead, so that
  /// SQLite seeks there rather than stepping over the earlier pages.
  private var start: (condition: String, value: String)?
  /// A category or tag search (without a name) is driven by that link table's
  /// (category, person_id) or (tag, person_id) key, so a page is a range read even when
  /// most of a million people share the category.
  private var driver: (table: String, column: String, value: String)?

  init(_ r: Vets_Registry_V1_SearchPersonsRequest, scope: Scope, today: CalendarDate) throws(VetsError) {
    byName = !r.name.isEmpty
    if !r.name.isEmpty {
      let name = try Validate.text(r.name, field: "name", max: PersonFields.maxName)
      if r.namePrefix, r.nameContains {
        throw .invalidArgument(field: "name_contains", rule: "is a wider search than name_prefix; set one of them")
      } else if r.namePrefix {
        start = ("name >= ?", name)
        add("name < ?", [name + "\u{10FFFF}"])
      } else if r.nameContains {
        // The suffixes that begin with the part; a name holding it twice is counted at its
        // first (instr, not LIKE: a name's % or _ is a character here, not a pattern).
        part = name
        start = ("s.suffix >= ?", name)
        add("s.suffix < ? AND instr(p.name, ?) = length(p.name) - length(s.suffix) + 1", [name + "\u{10FFFF}", name])
      } else {
        add("name = ?", [name])
      }
    } else if r.namePrefix {
      throw .invalidArgument(field: "name_prefix", rule: "needs a name to use as the prefix")
    } else if r.nameContains {
      throw .invalidArgument(field: "name_contains", rule: "needs a name to look for")
    }
    if !r.idNumber.isEmpty {
      if r.idNumber.count == 6 {
        guard r.idNumber.uppercased().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else {
          throw .invalidArgument(field: "id_number", rule: "the last 6 characters are digits, the last may be X")
        }
        add("id_last6 = ?", [r.idNumber.uppercased()])
      } else {
        add("id_number = ?", [try ResidentID(r.idNumber, field: "id_number").value])
      }
    }
    if !r.certificateNo.isEmpty {
      add("certificate_no = ?", [try Validate.text(r.certificateNo, field: "certificate_no", max: PersonFields.maxCertificate)])
    }
    if !r.phone.isEmpty {
      add("phone = ?", [try Phone.validate(r.phone, field: "phone")])
    }
    if !r.divisionCode.isEmpty {
      let code = try DivisionCode.townOrVillage(r.divisionCode, field: "division_code")
      add(code.count == 9 ? "town_code = ?" : "village_code = ?", [code])
    }
    if r.category != .unspecified {
      guard let category = Vets_Registry_V1_Category.terms.word(of: r.category) else {
        throw .invalidArgument(field: "category", rule: "\(r.category.rawValue) is not a category")
      }
      if byName {
        add("id IN (SELECT person_id FROM registry_person_categories WHERE category = ?)", [category])
      } else {
        driver = ("registry_person_categories", "category", category)
      }
    }
    if r.status != .unspecified {
      guard let status = Vets_Registry_V1_PersonStatus.terms.word(of: r.status) else {
        throw .invalidArgument(field: "status", rule: "\(r.status.rawValue) is not a status")
      }
      add("status = ?", [status])
    }
    guard (0...150).contains(r.minAge) else { throw .invalidArgument(field: "min_age", rule: "must be between 0 and 150") }
    guard (0...150).contains(r.maxAge) else { throw .invalidArgument(field: "max_age", rule: "must be between 0 and 150") }
    if r.maxAge > 0, r.minAge > r.maxAge {
      throw .invalidArgument(field: "max_age", rule: "must not be below min_age")
    }
    if r.minAge > 0 { add("birth_date <= ?", [today.yearsEarlier(Int(r.minAge)).iso]) }
    if r.maxAge > 0 { add("birth_date > ?", [today.yearsEarlier(Int(r.maxAge) + 1).iso]) }
    switch r.partyMember {
    case "": break
    case "yes": add("party_member = 1", [])
    case "no": add("party_member = 0", [])
    default: throw .invalidArgument(field: "party_member", rule: "must be yes, no or empty")
    }
    if !r.tag.isEmpty {
      let tag = try Validate.text(r.tag, field: "tag", max: PersonFields.maxTag)
      if byName || driver != nil {
        add("id IN (SELECT person_id FROM registry_person_tags WHERE tag = ?)", [tag])
      } else {
        driver = ("registry_person_tags", "tag", tag)
      }
    }
    let (scopeSQL, scopeArguments) = scope.sqlFilter(townColumn: "town_code")
    if !scopeSQL.isEmpty { add(String(scopeSQL.dropFirst(" AND ".count)), scopeArguments) }
  }

  private mutating func add(_ condition: String, _ values: StatementArguments) {
    conditions.append(condition)
    arguments += values
  }

  /// The page after `key` (from the previous page's last row), and the key of a row.
  func fetch(_ db: Database, after key: String?, limit: Int) throws -> [PersonRow] {
    var conditions = self.conditions
    var arguments = self.arguments
    if let key, byName {
      let parts = try Page.columns(key, count: 2)
      if let start, parts[0].utf8.lexicographicallyPrecedes(start.value.utf8) {
        // A key before the range (a token from another search) starts at the range.
        conditions.append(start.condition)
        arguments += [start.value]
      } else {
        conditions.append(part == nil ? "(name, id) > (?, ?)" : "(s.suffix, s.person_id) > (?, ?)")
        arguments += [parts[0], parts[1]]
      }
    } else if let key {
      conditions.append(driver == nil ? "id > ?" : "l.person_id > ?")
      arguments += [key]
    } else if let start {
      conditions.append(start.condition)
      arguments += [start.value]
    }
    if let driver {
      conditions.insert("l.\(driver.column) = ?", at: 0)
      arguments = [driver.value] + arguments
      return try PersonRow.fetchAll(
        db,
        sql: "SELECT p.* FROM \(driver.table) l JOIN registry_people p ON p.id = l.person_id "
          + "WHERE \(conditions.joined(separator: " AND ")) ORDER BY l.person_id LIMIT ?",
        arguments: arguments + [limit]
      )
    }
    if part != nil {
      return try PersonRow.fetchAll(
        db,
        sql: "SELECT p.* FROM registry_person_name_suffixes s JOIN registry_people p ON p.id = s.person_id "
          + "WHERE \(conditions.joined(separator: " AND ")) ORDER BY s.suffix, s.person_id LIMIT ?",
        arguments: arguments + [limit]
      )
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let order = byName ? "name, id" : "id"
    return try PersonRow.fetchAll(
      db, sql: "SELECT * FROM registry_people \(filter) ORDER BY \(order) LIMIT ?", arguments: arguments + [limit]
    )
  }

  func key(_ row: PersonRow) -> String {
    if let part { return Page.key(NameSuffixes.firstSuffix(of: row.data.name, containing: part) ?? "", row.id) }
    return byName ? Page.key(row.data.name, row.id) : row.id
  }
}
