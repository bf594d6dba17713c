// One category a person is registered under, with the dependant's relation to the
// serviceman for a family category; written "martyr_family:spouse" in history and CSV.

import VetsAPI
import VetsKit

struct CategoryEntry: Hashable, Comparable {
  var category: Vets_Registry_V1_Category
  var kinship: Vets_Registry_V1_Kinship

  static func < (a: Self, b: Self) -> Bool { a.category.rawValue < b.category.rawValue }

  var text: String {
    let name = Vets_Registry_V1_Category.terms.word(of: category) ?? ""
    return kinship == .unspecified ? name : "\(name):\(Vets_Registry_V1_Kinship.terms.word(of: kinship) ?? "")"
  }

  /// "烈士遗属:配偶": what a clerk reads in an export, and what the import takes back.
  var label: String {
    let name = Vets_Registry_V1_Category.terms.label(of: category) ?? ""
    return kinship == .unspecified ? name : "\(name):\(Vets_Registry_V1_Kinship.terms.label(of: kinship) ?? "")"
  }

  /// Parses "martyr_family:spouse" or "烈士遗属:配偶".
  init?(text: String) {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard let first = parts.first, let category = Vets_Registry_V1_Category.terms.value(typed: first) else { return nil }
    var kinship = Vets_Registry_V1_Kinship.unspecified
    if parts.count == 2 {
      guard let k = Vets_Registry_V1_Kinship.terms.value(typed: parts[1]) else { return nil }
      kinship = k
    }
    self.init(category: category, kinship: kinship)
  }

  init(category: Vets_Registry_V1_Category, kinship: Vets_Registry_V1_Kinship) {
    self.category = category
    self.kinship = kinship
  }

  var proto: Vets_Registry_V1_PersonCategory {
    var c = Vets_Registry_V1_PersonCategory()
    c.category = category
    c.kinship = kinship
    return c
  }
}
