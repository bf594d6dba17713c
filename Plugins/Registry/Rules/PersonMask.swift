// What each role sees of a person: the one masking rule, for replies, history and CSV alike.

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

/// Hides a person's identifiers as far as a `Disclosure` says.
struct PersonMask {
  /// Fields whose values are personal data a masked role must not see, in history too.
  static let fields: Set<String> = ["id_number", "phone", "birth_date"]

  let disclosure: Disclosure

  init(_ disclosure: Disclosure) { self.disclosure = disclosure }

  var hides: Bool { disclosure != .full }

  /// The person's fields as this caller may see them.
  func apply(_ data: Vets_Registry_V1_PersonInput) -> Vets_Registry_V1_PersonInput {
    guard hides else { return data }
    var shown = data
    let id = try? ResidentID(data.idNumber)
    shown.idNumber = (disclosure == .listed ? id?.masked : id?.concealed) ?? ""
    shown.phone = data.phone.isEmpty ? "" : Phone.masked(data.phone)
    // The masked ID hides the birth date; showing it in full would give the ID back. The
    // year alone (month and day 0) is enough for ages in bands, not enough to rebuild an ID.
    var year = Vets_Common_V1_Date()
    year.year = data.birthDate.year
    shown.birthDate = year
    return shown
  }

  /// A history entry's old or new value of `field`, hidden whole where the field is masked.
  func value(_ text: String, of field: String) -> String {
    guard hides, Self.fields.contains(field), !text.isEmpty else { return text }
    return "****"
  }
}
