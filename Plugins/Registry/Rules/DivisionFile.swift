// A divisions file as the county sends it: one town or village a line, "code,name", with an
// optional header line. Bad lines are reported, not fatal.

import Foundation
import VetsAPI
import VetsKit

struct DivisionFile: Sendable {
  var towns: [(code: String, name: String)] = []
  var villages: [(code: String, name: String)] = []
  var errors: [Vets_Registry_V1_RowError] = []

  init(_ data: Data, field: String) throws(VetsError) {
    let (text, _) = try TextDecoding.decode(data, field: field)
    var rows = try CSV.parse(text, field: field)
    if let first = rows.first, let code = first.fields.first?.trimmingCharacters(in: .whitespaces),
      ["code", "代码", "区划代码"].contains(code.lowercased())
    {
      rows.removeFirst()
    }
    for row in rows {
      guard row.fields.count >= 2 else {
        errors.append(Self.error(line: row.line, "code", "expected two columns: code,name"))
        continue
      }
      let code = row.fields[0].trimmingCharacters(in: .whitespaces)
      let name = row.fields[1].trimmingCharacters(in: .whitespaces)
      do {
        try Validate.name(name, field: "name", max: 100)
        let checked = try DivisionCode.townOrVillage(code, field: "code")
        if checked.count == 9 { towns.append((checked, name)) } else { villages.append((checked, name)) }
      } catch {
        if case .invalidArgument(let field, let rule) = error {
          errors.append(Self.error(line: row.line, field, rule))
        } else {
          errors.append(Self.error(line: row.line, "code", error.message))
        }
      }
    }
  }

  /// A refused line; `line` 0 where the refusal is about the file as a whole.
  static func error(line: Int, _ column: String, _ reason: String) -> Vets_Registry_V1_RowError {
    var e = Vets_Registry_V1_RowError()
    if line > 0 { e.line = Int64(line) }
    e.column = column
    e.reason = reason
    e.reasonChinese = RefusalChinese.of(reason) ?? ""
    return e
  }
}
