import GRDB
import VetsKit

/// Deposits other modules make (money raised at volunteer activities), with the same rules
/// as the FundService's own Deposit.
struct LedgerDeposits: ReliefDeposits {
  let settings: ModuleSettings<ReliefConfig>

  func deposit(_ db: Database, call: WriteCall, id: String, fund: String, source: String, amount: Int64, memo: String, link: String) throws -> String {
    try FundRules.requireCounty(call.caller)
    let fund = try FundRules.code(fund, field: "fund")
    let source = try FundRules.code(source, field: "source")
    try FundRules.requireWithinCeiling(amount, ceiling: settings.current.depositCeilingYuan * 100)
    let context = FundLedger.Context(now: call.now, by: call.caller.tokenID)
    return try FundLedger.deposit(db, id: id, fund: fund, source: source, amount: amount, memo: memo, link: link, context).id
  }
}
