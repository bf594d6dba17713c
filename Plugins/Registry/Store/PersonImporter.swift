// Imports parsed CSV rows inside the caller's transaction, reporting each bad row by line,
// column and reason; the good rows are inserted.

import Foundation
import GRDB
import VetsAPI
import VetsKit

struct PersonImporter: Sendable {
  /// Bad rows beyond this many are counted, not listed.
  static let maxListedErrors = 1000

  let header: PersonCSV.Header
  let rows: [CSVRow]
  let today: CalendarDate
  let encoding: String

  /// Checks every row for `caller`; with `commit`, inserts the good ones at `now`.
  func run(_ db: Database, caller: Caller, now: Date, commit: Bool) throws -> Vets_Registry_V1_ImportPersonsResponse {
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
        try caller.mustCover(fields.villageCode, "village_code", field: "village_code")
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
        if report.errors.count < Self.maxListedErrors {
          var e = Vets_Registry_V1_RowError()
          e.line = Int64(row.line)
          // Every refusal about a field names its column, whatever its kind.
          if let field = error.field { e.column = header.column(for: field) }
          if case .invalidArgument(_, let rule) = error { e.reason = rule } else { e.reason = error.message }
          e.reasonChinese = error.chinese ?? ""
          report.errors.append(e)
        }
      }
    }
    if !commit { report.rowsImported = 0 }
    return report
  }
}
