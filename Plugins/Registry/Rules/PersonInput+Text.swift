// A person field's value as one line of text: what history records and a CSV cell holds.

import VetsAPI
import VetsKit

extension Vets_Registry_V1_PersonInput {
  func text(_ field: String) -> String {
    switch field {
    case "id_number": idNumber
    case "name": name
    case "sex": Vets_Registry_V1_Sex.terms.word(of: sex) ?? ""
    case "birth_date": hasBirthDate ? (try? CalendarDate(birthDate, field: field).iso) ?? "" : ""
    case "phone": phone
    case "categories": categories.map { CategoryEntry(category: $0.category, kinship: $0.kinship).text }.joined(separator: ";")
    case "village_code": villageCode
    case "address": address
    case "enlisted_on": hasEnlistedOn ? (try? CalendarDate(enlistedOn, field: field).iso) ?? "" : ""
    case "discharged_on": hasDischargedOn ? (try? CalendarDate(dischargedOn, field: field).iso) ?? "" : ""
    case "branch": branch
    case "party_member": partyMember ? "yes" : "no"
    case "certificate_no": certificateNo
    case "tags": tags.joined(separator: ";")
    case "notes": notes
    default: ""
    }
  }
}
