import GRDB
import VetsKit

/// Deposits other modules make (money raised at volunteer activities), with the same rules
/// as the FundService's own Deposit.
struct LedgerDeposits: ReliefDeposits {
  let settings: ModuleSettings<ReliefConfig>
  let clock: any WallClock

  func deposit(_ db: Database, by caller: Caller, id: String, fund: String, source: String, amount: Int64, memo: String, link: String) throws -> String {
    try FundService.requireCounty(caller)
    let fund = try FundService.code(fund, field: "fund")
    let source = try FundService.code(source, field: "source")
    let depositCeiling = settings.current.depositCeilingYuan * 100
    guard amount <= depositCeiling else {
      throw VetsError.invalidArgument(field: "amount", rule: "must be at most the relief fund's deposit ceiling of \(Money.yuan(depositCeiling)) yuan")
    }
    let context = FundLedger.Context(now: clock.now(), by: caller.tokenID)
    return try FundLedger.deposit(db, id: id, fund: fund, source: source, amount: amount, memo: memo, link: link, context).id
  }
}
