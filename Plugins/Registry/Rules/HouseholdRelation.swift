// A member's relation to the head of the household (一户一档), as the clerk writes it.

import VetsKit

enum HouseholdRelation {
  /// The head's own relation; only SetHouseholdHead and CreateHousehold give it.
  static let head = "户主"

  static func validated(_ text: String, field: String) throws(VetsError) -> String {
    let relation = try Validate.text(text, field: field, max: 20)
    guard relation != head else { throw .invalidArgument(field: field, rule: "\(head) is given by set-head, not as a relation") }
    return relation
  }
}
