// The words the module stores for its enums: one table per enum, read both ways.

import VetsAPI
import VetsKit

struct Terms<Value: Equatable & Sendable>: Sendable {
  let pairs: [(Value, String)]

  init(_ pairs: [(Value, String)]) { self.pairs = pairs }

  /// The stored word for a value a client sent; unspecified and unknown values are refused.
  func word(_ value: Value, field: String) throws(VetsError) -> String {
    guard let word = pairs.first(where: { $0.0 == value })?.1 else {
      throw .invalidArgument(field: field, rule: "must be one of \(pairs.map(\.1).joined(separator: ", "))")
    }
    return word
  }

  /// The word, or nil for "any" (the enum's unspecified value) in a filter.
  func filter(_ value: Value, unspecified: Value, field: String) throws(VetsError) -> String? {
    value == unspecified ? nil : try word(value, field: field)
  }

  func value(_ word: String) -> Value? { pairs.first { $0.1 == word }?.0 }
}

enum Vocabulary {
  static let organisationTypes = Terms<Vets_Volunteers_V1_OrganisationType>([
    (.association, "association"), (.social, "social"), (.enterpriseUnit, "enterprise_unit"), (.governmentUnit, "government_unit"),
  ])
  static let statuses = Terms<Vets_Volunteers_V1_RecordStatus>([(.active, "active"), (.inactive, "inactive")])
  static let directions = Terms<Vets_Volunteers_V1_Direction>([(.supportMilitary, "support_military"), (.supportPeople, "support_people")])
  static let activityKinds = Terms<Vets_Volunteers_V1_ActivityKind>([
    (.visit, "visit"), (.housekeeping, "housekeeping"), (.performance, "performance"), (.medical, "medical"),
    (.policyTalk, "policy_talk"), (.fundraising, "fundraising"), (.other, "other"),
  ])
  static let donationKinds = Terms<Vets_Volunteers_V1_DonationKind>([(.money, "money"), (.goods, "goods")])
}
