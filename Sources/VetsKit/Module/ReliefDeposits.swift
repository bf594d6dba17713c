public import GRDB

/// Published by the relief module: deposits other modules make into a relief fund (money
/// raised at a volunteer activity), inside their own transaction, so that their record and
/// the ledger move together or not at all. The ledger's own rules apply: the caller's token
/// must be county-scoped, the accounts must exist, and the deposit ceiling holds. The write's
/// call (who and when) is passed in because the transaction runs outside the call's task.
public protocol ReliefDeposits: Sendable {
  /// Deposits `amount` fen from `source` into `fund` as transfer `id`, once: the same id
  /// with the same content returns the first transfer's id again. The transfer is made by
  /// `call.caller` at `call.now`.
  func deposit(_ db: Database, call: WriteCall, id: String, fund: String, source: String, amount: Int64, memo: String, link: String) throws -> String
}
