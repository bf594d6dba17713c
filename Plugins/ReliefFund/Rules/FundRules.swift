// What the fund ledger accepts before any money moves: account codes, transfer ids, and
// that the fund is the county's.

import VetsKit

enum FundRules {
  static func code(_ text: String, field: String) throws(VetsError) -> String {
    guard (1...40).contains(text.utf8.count),
      text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
    else {
      throw .invalidArgument(field: field, rule: "must be 1-40 lower-case letters, digits or '-', e.g. assistance")
    }
    return text
  }

  /// Client transfer ids never contain ':', which the module's own ids (case:..:reserve) use.
  static func transferID(_ text: String, fallback: String) throws(VetsError) -> String {
    let id = text.isEmpty ? fallback : text
    try Validate.requestID(id, field: "transfer_id")
    guard !id.contains(":") else { throw .invalidArgument(field: "transfer_id", rule: "must not contain ':'") }
    return id
  }

  /// The fund is the county's: only county-scoped tokens move money in or read the ledger.
  /// The rule table says so for the FundService's own calls; other modules' deposits
  /// (`ReliefDeposits`) check it here.
  static func requireCounty(_ caller: Caller) throws(VetsError) {
    guard caller.scope == .county else {
      throw .permissionDenied("the fund ledger is the county's; this token's scope is \(caller.scope)")
    }
  }

  /// A deposit another module makes is held to the FundService's own ceiling.
  static func requireWithinCeiling(_ amount: Int64, ceiling: Int64) throws(VetsError) {
    guard amount <= ceiling else {
      throw .invalidArgument(field: "amount", rule: "must be at most the relief fund's deposit ceiling of \(Money.yuan(ceiling)) yuan")
    }
  }
}
