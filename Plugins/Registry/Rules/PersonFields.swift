// The rules for what a clerk may record about a person, applied to every add, update and
// imported row alike.

import VetsAPI
import VetsKit

struct PersonFields: Equatable {
  static let maxName = 50
  static let maxAddress = 200
  static let maxBranch = 50
  static let maxCertificate = 64
  static let maxTags = 20
  static let maxTag = 20
  static let maxNotes = 2000

  /// The PersonInput fields an update may name, in display order.
  static let names = [
    "id_number", "name", "sex", "birth_date", "phone", "categories", "village_code", "address", "enlisted_on",
    "discharged_on", "branch", "party_member", "certificate_no", "tags", "notes",
  ]

  var residentID: ResidentID
  var name: String
  var sex: PersonSex
  var birthDate: CalendarDate
  var phone: String
  var categories: [CategoryEntry]
  var villageCode: String
  var address: String
  var enlistedOn: CalendarDate?
  var dischargedOn: CalendarDate?
  var branch: String
  var partyMember: Bool
  var certificateNo: String?
  var tags: [String]
  var notes: String

  init(_ input: Vets_Registry_V1_PersonInput, today: CalendarDate) throws(VetsError) {
    residentID = try ResidentID(input.idNumber, field: "id_number")
    name = try Validate.name(input.name, field: "name", max: Self.maxName)
    // Sex and birth date not given are read from the ID number; given, they must agree with it.
    switch input.sex {
    case .male: sex = .male
    case .female: sex = .female
    case .unspecified: sex = residentID.sex
    default: throw .invalidArgument(field: "sex", rule: "must be male or female")
    }
    birthDate = try CalendarDate.optional(input.birthDate, field: "birth_date") ?? residentID.birthDate
    try residentID.check(birthDate: birthDate, sex: sex)
    guard birthDate <= today else { throw .invalidArgument(field: "birth_date", rule: "must not be in the future") }
    phone = input.phone.isEmpty ? "" : try Phone.validate(input.phone, field: "phone")

    // No category: a household member by relation to the head only (item 7 of issue 18).
    var entries: [CategoryEntry] = []
    for entry in input.categories {
      guard let name = Vets_Registry_V1_Category.terms.word(of: entry.category) else {
        throw .invalidArgument(field: "categories", rule: "\(entry.category.rawValue) is not a category")
      }
      let family = Vets_Registry_V1_Category.family.contains(entry.category)
      if family, entry.kinship == .unspecified {
        throw .invalidArgument(field: "categories", rule: "\(name) needs the relation to the serviceman (parent, spouse, child or sibling)")
      }
      if !family, entry.kinship != .unspecified {
        throw .invalidArgument(field: "categories", rule: "\(name) takes no relation")
      }
      guard !entries.contains(where: { $0.category == entry.category }) else {
        throw .invalidArgument(field: "categories", rule: "\(name) is listed twice")
      }
      entries.append(CategoryEntry(category: entry.category, kinship: entry.kinship))
    }
    categories = entries.sorted()

    villageCode = try DivisionCode.village(input.villageCode, field: "village_code")
    address = try Validate.text(input.address, field: "address", max: Self.maxAddress, required: false)
    enlistedOn = try CalendarDate.optional(input.enlistedOn, field: "enlisted_on")
    dischargedOn = try CalendarDate.optional(input.dischargedOn, field: "discharged_on")
    if let enlistedOn {
      guard birthDate.age(on: enlistedOn) >= 16 else {
        throw .invalidArgument(field: "enlisted_on", rule: "must be on or after the person's 16th birthday (born \(birthDate))")
      }
      guard enlistedOn <= today else { throw .invalidArgument(field: "enlisted_on", rule: "must not be in the future") }
    }
    if let dischargedOn {
      guard let enlistedOn else {
        throw .invalidArgument(field: "enlisted_on", rule: "is required when discharged_on is given")
      }
      guard dischargedOn >= enlistedOn else {
        throw .invalidArgument(field: "discharged_on", rule: "must not be before enlisted_on (\(enlistedOn))")
      }
      guard dischargedOn <= today else { throw .invalidArgument(field: "discharged_on", rule: "must not be in the future") }
    }
    branch = try Validate.text(input.branch, field: "branch", max: Self.maxBranch, required: false)
    partyMember = input.partyMember
    let certificate = try Validate.text(input.certificateNo, field: "certificate_no", max: Self.maxCertificate, required: false)
    certificateNo = certificate.isEmpty ? nil : certificate
    guard input.tags.count <= Self.maxTags else {
      throw .invalidArgument(field: "tags", rule: "at most \(Self.maxTags) tags")
    }
    var tags: Set<String> = []
    for tag in input.tags {
      tags.insert(try Validate.text(tag, field: "tags", max: Self.maxTag))
    }
    self.tags = tags.sorted()
    notes = try Validate.text(input.notes, field: "notes", max: Self.maxNotes, required: false)
  }

  var input: Vets_Registry_V1_PersonInput {
    var p = Vets_Registry_V1_PersonInput()
    p.idNumber = residentID.value
    p.name = name
    p.sex = sex == .male ? .male : .female
    p.birthDate = birthDate.proto
    p.phone = phone
    p.categories = categories.map(\.proto)
    p.villageCode = villageCode
    p.address = address
    if let enlistedOn { p.enlistedOn = enlistedOn.proto }
    if let dischargedOn { p.dischargedOn = dischargedOn.proto }
    p.branch = branch
    p.partyMember = partyMember
    p.certificateNo = certificateNo ?? ""
    p.tags = tags
    p.notes = notes
    return p
  }

  /// Copies the named fields of `input` over `base`, for an update.
  static func merge(_ base: Vets_Registry_V1_PersonInput, _ input: Vets_Registry_V1_PersonInput, fields: [String])
    throws(VetsError) -> Vets_Registry_V1_PersonInput
  {
    guard !fields.isEmpty else { throw .invalidArgument(field: "fields", rule: "name at least one field to change") }
    var merged = base
    for field in fields {
      switch field {
      case "id_number": merged.idNumber = input.idNumber
      case "name": merged.name = input.name
      case "sex": merged.sex = input.sex
      case "birth_date": merged.birthDate = input.birthDate
      case "phone": merged.phone = input.phone
      case "categories": merged.categories = input.categories
      case "village_code":
        throw .invalidArgument(field: "fields", rule: "village_code changes with MovePerson, which records the move")
      case "address": merged.address = input.address
      case "enlisted_on": merged.enlistedOn = input.enlistedOn
      case "discharged_on": merged.dischargedOn = input.dischargedOn
      case "branch": merged.branch = input.branch
      case "party_member": merged.partyMember = input.partyMember
      case "certificate_no": merged.certificateNo = input.certificateNo
      case "tags": merged.tags = input.tags
      case "notes": merged.notes = input.notes
      default:
        throw .invalidArgument(field: "fields", rule: "\(quoted: field) is not a person field (\(names.joined(separator: ", ")))")
      }
    }
    return merged
  }
}
