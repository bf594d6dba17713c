// The registry's CSV: one column per person field, headed in Chinese or English. Import and
// export use the same columns, so an export imports back.

import Foundation
import VetsAPI
import VetsKit

enum PersonCSV {
  /// (field, English header, Chinese header); export writes the Chinese headers.
  static let columns: [(String, String, String)] = [
    ("id_number", "id_number", "身份证号"), ("name", "name", "姓名"), ("sex", "sex", "性别"),
    ("birth_date", "birth_date", "出生日期"), ("phone", "phone", "电话"), ("categories", "categories", "类别"),
    ("village_code", "village_code", "村代码"), ("address", "address", "地址"), ("enlisted_on", "enlisted_on", "入伍日期"),
    ("discharged_on", "discharged_on", "退伍日期"), ("branch", "branch", "军种"), ("party_member", "party_member", "党员"),
    ("certificate_no", "certificate_no", "优待证号"), ("tags", "tags", "标签"), ("notes", "notes", "备注"),
    ("status", "status", "状态"), ("died_on", "died_on", "死亡日期"),
  ]
  /// The categories cell of a household member with no entitled category.
  static let noCategory = "无"
  /// Sex and birth date may be left out: the ID number gives them.
  static let required = ["id_number", "name", "categories", "village_code"]

  struct Header {
    /// field → (index, the header text as written in the file)
    var columns: [String: (Int, String)]

    init(_ fields: [String]) throws(VetsError) {
      var columns: [String: (Int, String)] = [:]
      for (index, raw) in fields.enumerated() {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let column = PersonCSV.columns.first(where: { $0.1 == text.lowercased() || $0.2 == text }) else {
          throw .invalidArgument(field: "header", rule: "line 1: unknown column \(quoted: text)")
        }
        guard columns[column.0] == nil else { throw .invalidArgument(field: "header", rule: "line 1: column \(quoted: text) appears twice") }
        columns[column.0] = (index, text)
      }
      for field in PersonCSV.required where columns[field] == nil {
        let names = PersonCSV.columns.first { $0.0 == field }!
        throw .invalidArgument(field: "header", rule: "line 1: the column \(names.2) (\(names.1)) is required")
      }
      self.columns = columns
    }

    func column(for field: String) -> String {
      columns[field]?.1 ?? PersonCSV.columns.first { $0.0 == field }?.2 ?? field
    }
  }

  /// A parsed row: what to register, with its status.
  struct Entry {
    var input: Vets_Registry_V1_PersonInput
    var status: Vets_Registry_V1_PersonStatus
    var diedOn: CalendarDate?
  }

  static func entry(_ row: CSVRow, _ header: Header) throws(VetsError) -> Entry {
    func value(_ field: String) -> String {
      guard let (index, _) = header.columns[field], index < row.fields.count else { return "" }
      return row.fields[index].trimmingCharacters(in: .whitespaces)
    }
    func date(_ field: String) throws(VetsError) -> Vets_Common_V1_Date {
      let text = value(field)
      return text.isEmpty ? Vets_Common_V1_Date() : try CalendarDate(written: text, field: field).proto
    }
    var p = Vets_Registry_V1_PersonInput()
    p.idNumber = value("id_number")
    p.name = value("name")
    switch value("sex") {
    case "": break
    case "M", "m": p.sex = .male
    case "F", "f": p.sex = .female
    case let text:
      guard let sex = Vets_Registry_V1_Sex.terms.value(typed: text) else {
        throw .invalidArgument(field: "sex", rule: "must be 男 or 女 (male or female)")
      }
      p.sex = sex
    }
    p.birthDate = try date("birth_date")
    p.phone = value("phone")
    // An empty cell is a slip more often than a choice: a household member with no category
    // is written 无 ("none").
    let categories = value("categories")
    guard !categories.isEmpty else {
      throw .invalidArgument(field: "categories", rule: "is empty: write the categories, or 无 for a household member with none")
    }
    for text in categories == noCategory ? [] : categories.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" }) {
      guard let entry = CategoryEntry(text: text.trimmingCharacters(in: .whitespaces)) else {
        throw .invalidArgument(field: "categories", rule: "\(quoted: text) is not a category")
      }
      p.categories.append(entry.proto)
    }
    p.villageCode = value("village_code")
    p.address = value("address")
    p.enlistedOn = try date("enlisted_on")
    p.dischargedOn = try date("discharged_on")
    p.branch = value("branch")
    switch value("party_member") {
    case "", "否", "no", "false", "0": p.partyMember = false
    case "是", "yes", "true", "1": p.partyMember = true
    default: throw .invalidArgument(field: "party_member", rule: "must be 是 or 否 (yes or no)")
    }
    p.certificateNo = value("certificate_no")
    p.tags = value("tags").split(whereSeparator: { $0 == ";" || $0 == "；" }).map { $0.trimmingCharacters(in: .whitespaces) }
    p.notes = value("notes")
    let statusText = value("status")
    let status = statusText.isEmpty ? .active : Vets_Registry_V1_PersonStatus.terms.value(typed: statusText)
    guard let status else { throw .invalidArgument(field: "status", rule: "\(quoted: statusText) is not a status") }
    let diedOn = value("died_on").isEmpty ? nil : try CalendarDate(written: value("died_on"), field: "died_on")
    if status == .deceased, diedOn == nil {
      throw .invalidArgument(field: "died_on", rule: "is required for a deceased person")
    }
    if status != .deceased, diedOn != nil {
      throw .invalidArgument(field: "died_on", rule: "is given only for a deceased person")
    }
    return Entry(input: p, status: status, diedOn: diedOn)
  }

  static var headerLine: String { "\u{FEFF}" + CSV.line(columns.map(\.2)) }

  /// One person's line; a caller not shown personal data gets it masked as in a reply, with
  /// the birth year alone in the birth date's column.
  static func line(_ row: PersonRow, _ disclosure: Disclosure) -> String {
    let mask = PersonMask(disclosure)
    let data = mask.apply(row.data)
    var values: [String] = []
    for (field, _, _) in columns {
      switch field {
      case "sex": values.append(Vets_Registry_V1_Sex.terms.label(of: data.sex) ?? "")
      case "categories":
        values.append(
          data.categories.isEmpty
            ? noCategory : data.categories.map { CategoryEntry(category: $0.category, kinship: $0.kinship).label }.joined(separator: ";"))
      case "party_member": values.append(data.partyMember ? "是" : "否")
      case "status": values.append(Vets_Registry_V1_PersonStatus.terms.label(of: row.status) ?? "")
      case "died_on": values.append(row.diedOn ?? "")
      case "birth_date" where mask.hides: values.append(String(data.birthDate.year))
      default: values.append(data.text(field))
      }
    }
    return CSV.line(values, guardFormulas: true)
  }
}
