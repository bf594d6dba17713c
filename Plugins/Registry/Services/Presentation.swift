// What each role sees of a person, and where each token may act.

import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

/// How much of a person's identifiers a caller is shown.
enum Disclosure {
  /// Everything: the caller may read personal data, and the read is audited.
  case full
  /// A list for a role that may read personal data: ID number tail, phone tail, birth year.
  case listed
  /// A role that may not read personal data: the ID number's region only.
  case concealed

  static func list(_ role: Role) -> Self { role.seesPersonalData ? .listed : .concealed }
  static func record(_ role: Role) -> Self { role.seesPersonalData ? .full : .concealed }
}

enum Presentation {
  static func person(_ row: PersonRow, _ disclosure: Disclosure) -> Vets_Registry_V1_Person {
    var p = Vets_Registry_V1_Person()
    p.id = row.id
    p.data = row.data
    if disclosure != .full {
      let id = try? ResidentID(row.data.idNumber)
      p.data.idNumber = (disclosure == .listed ? id?.masked : id?.concealed) ?? ""
      p.data.phone = row.data.phone.isEmpty ? "" : Phone.masked(row.data.phone)
      // The masked ID hides the birth date; showing it in full would give the ID back.
      p.data.birthDate = maskedBirthDate(row.data.birthDate)
      p.masked = true
    }
    p.status = row.status
    if let died = row.diedOn, let date = try? CalendarDate(iso: died, field: "died_on") { p.diedOn = date.proto }
    p.householdID = row.householdID ?? ""
    p.relationToHead = row.relationToHead
    p.version = row.version
    if let at = Instant.date(row.createdAt) { p.createdAt = Google_Protobuf_Timestamp(date: at) }
    if let at = Instant.date(row.updatedAt) { p.updatedAt = Google_Protobuf_Timestamp(date: at) }
    return p
  }

  /// The year alone (month and day 0): enough for ages in bands, not enough to rebuild an ID.
  static func maskedBirthDate(_ date: Vets_Common_V1_Date) -> Vets_Common_V1_Date {
    var year = Vets_Common_V1_Date()
    year.year = date.year
    return year
  }

  /// Fields whose values are personal data a masked role must not see, in history too.
  static let maskedFields: Set<String> = ["id_number", "phone", "birth_date"]

  /// A town or village token acts only on people living there.
  static func checkScope(_ caller: Caller, _ row: PersonRow) throws {
    try caller.mustCover(row.data.villageCode, "person \(row.id)")
  }

  static func checkScope(_ caller: Caller, village: String, field: String = "village_code") throws {
    try caller.mustCover(village, field, field: field)
  }

  /// `field` names the request's field that carries the id.
  static func person(_ db: Database, id: String, caller: Caller, field: String = "id") throws -> PersonRow {
    guard !id.isEmpty else { throw VetsError.invalidArgument(field: field, rule: "is required") }
    guard let row = try PersonStore.fetch(db, id: id) else { throw VetsError.notFound("no person with id \(quoted: id)") }
    try checkScope(caller, row)
    return row
  }
}
