import ArgumentParser
import VetsAPI
import VetsKit

/// The person fields given on the command line; nil means "not given" (for update, "unchanged").
struct PersonFields {
  var idNumber: String?
  var name: String?
  var sex: Word<Vets_Registry_V1_Sex>?
  var birthDate: String?
  var phone: String?
  var categories: [CategoryArgument]
  var village: String?
  var address: String?
  var enlisted: String?
  var discharged: String?
  var branch: String?
  var partyMember: Bool?
  var certificate: String?
  var tags: [String]
  var notes: String?

  /// The input message and the proto names of the fields that were given.
  func input() throws -> (input: Vets_Registry_V1_PersonInput, fields: [String]) {
    var input = Vets_Registry_V1_PersonInput()
    var fields: [String] = []
    if let idNumber { input.idNumber = idNumber; fields.append("id_number") }
    if let name { input.name = name; fields.append("name") }
    if let sex { input.sex = sex.value; fields.append("sex") }
    if let birthDate { input.birthDate = try Dates.parse(birthDate, option: "--birth-date"); fields.append("birth_date") }
    if let phone { input.phone = phone; fields.append("phone") }
    if !categories.isEmpty { input.categories = categories.map(\.value); fields.append("categories") }
    if let village { input.villageCode = village; fields.append("village_code") }
    if let address { input.address = address; fields.append("address") }
    if let enlisted { input.enlistedOn = try Dates.parse(enlisted, option: "--enlisted"); fields.append("enlisted_on") }
    if let discharged {
      input.dischargedOn = try Dates.parse(discharged, option: "--discharged")
      fields.append("discharged_on")
    }
    if let branch { input.branch = branch; fields.append("branch") }
    if let partyMember { input.partyMember = partyMember; fields.append("party_member") }
    if let certificate { input.certificateNo = certificate; fields.append("certificate_no") }
    if !tags.isEmpty { input.tags = tags; fields.append("tags") }
    if let notes { input.notes = notes; fields.append("notes") }
    return (input, fields)
  }
}

/// `--category discharged_soldier` or, for a dependant, `--category martyr_family:spouse`.
struct CategoryArgument: ExpressibleByArgument {
  let value: Vets_Registry_V1_PersonCategory

  init?(argument: String) {
    let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard let category = Vets_Registry_V1_Category.value(typed: parts[0]) else { return nil }
    var value = Vets_Registry_V1_PersonCategory()
    value.category = category
    if parts.count == 2 {
      guard let kinship = Vets_Registry_V1_Kinship.value(typed: parts[1]) else { return nil }
      value.kinship = kinship
    }
    self.value = value
  }

  static var allValueStrings: [String] { Vets_Registry_V1_Category.words.words }

  static var help: String {
    Language.say(
      "类别（可重复），填代码或中文；优抚对象在类别后加冒号和亲属关系"
        + "（\(Vets_Registry_V1_Kinship.words.terms.map { $0.label ?? $0.word }.joined(separator: "、"))），"
        + "如 烈士遗属:配偶 或 martyr_family:spouse。`vetsctl terms category` 列出可填的词。",
      "A category (repeatable), its code or Chinese word; a dependant's adds the kinship after a colon "
        + "(\(Vets_Registry_V1_Kinship.words.words.joined(separator: ", "))), e.g. 烈士遗属:配偶 or martyr_family:spouse. "
        + "`vetsctl terms category` lists the words.")
  }

  /// "discharged_soldier" or "martyr_family:spouse".
  static func name(_ category: Vets_Registry_V1_PersonCategory) -> String {
    let name = word(category.category)
    return category.kinship == .unspecified ? name : name + ":" + word(category.kinship)
  }
}

