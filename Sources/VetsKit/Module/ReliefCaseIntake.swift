public import GRDB

/// Published by the relief module: opening an assistance case from another module's record
/// (a hardship appeal), inside that module's transaction, so that both records link each
/// other or neither exists. The relief module's rule holds: one open case per household.
public protocol ReliefCaseIntake: Sendable {
  /// Opens a case for `household` from appeal `appealID` as part of the write `call`, and
  /// returns the case's id. The case is opened by `call.caller` at `call.now`.
  func openCase(_ db: Database, call: WriteCall, household: DirectoryHousehold, appealID: String, reportedBy: String) throws -> String
  /// The case's status ("open", "approved", "paid"…), or nil when there is no such case.
  func caseStatus(_ db: Database, id: String) throws -> String?
}
