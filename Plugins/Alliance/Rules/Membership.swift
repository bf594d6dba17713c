// Who manages an enterprise of the alliance, what its own token may do, and how its
// membership may change.

import VetsKit

enum Membership {
  /// Who manages an enterprise and its offers: the county, and the town it is in. A village
  /// token manages none (its scope covers no town).
  static func checkManages(_ caller: Caller, enterprise id: String, town: String) throws(VetsError) {
    try caller.mustCover(town, "enterprise \(id)")
  }

  /// An enterprise token reads only its own enterprise.
  static func checkReads(_ caller: Caller, enterprise id: String) throws(VetsError) {
    if case .enterprise(let own) = caller.scope, own != id {
      throw .permissionDenied("this enterprise token may read only its own enterprise")
    }
  }

  /// An enterprise token acts only on its own enterprise's offers.
  static func checkActs(_ caller: Caller, onOfferOf enterprise: String) throws(VetsError) {
    if case .enterprise(let id) = caller.scope, id != enterprise {
      throw .permissionDenied("this enterprise token may act only on its own offers")
    }
  }

  /// Only an admin may register a credit code whose check character fails, giving a reason.
  static func checkOverride(_ caller: Caller, reason: String) throws(VetsError) {
    if !reason.isEmpty, caller.role != .admin {
      throw .permissionDenied("only an admin may accept a credit code whose check character fails")
    }
  }

  /// Suspension can be lifted; withdrawal is final.
  static func checkStatusChange(enterprise id: String, from current: String) throws(VetsError) {
    guard current != "withdrawn" else { throw .failedPrecondition("enterprise \(id) has withdrawn; that is final") }
  }

  /// A person a check or redemption finds: a clerk's token finds only people inside its
  /// scope, as a registry search does; an enterprise's token serves veterans from anywhere
  /// in the county.
  static func visible(_ person: DirectoryPerson?, to caller: Caller) -> DirectoryPerson? {
    if case .enterprise = caller.scope { return person }
    return person.flatMap { caller.scope.covers(division: $0.villageCode) ? $0 : nil }
  }
}
