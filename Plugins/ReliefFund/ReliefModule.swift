// The relief fund module (帮扶基金): the fund ledger today; assistance cases, payments,
// visits and the needy roster build on it.

public import GRPCCore
public import VetsAPI
public import VetsKit

public struct ReliefConfig: ModuleConfig {
  /// The largest single deposit or payment, in yuan.
  public var depositCeilingYuan: Int64 = 10_000_000
  /// The review levels a case passes, in order.
  public var approvalChain = CaseWorkflow.levels
  /// The most a green-channel decision may approve, in yuan.
  public var greenChannelLimitYuan: Int64 = 5_000
  public var followUpEveryDays: Int64 = 30
  /// The policy reasons a rejection may give.
  public var rejectionReasons = ["outside_policy", "income_above_threshold", "duplicate", "insufficient_evidence", "other"]
  /// Separation of duties where a bureau's staff is too small for the default (CaseWorkflow.Duties).
  public var plannerMayApprove = false
  public var approverMayPay = false

  var duties: CaseWorkflow.Duties { CaseWorkflow.Duties(plannerMayApprove: plannerMayApprove, approverMayPay: approverMayPay) }

  public static let reloadableKeys: Set<String> = [
    "deposit_ceiling_yuan", "green_channel_limit_yuan", "follow_up_every_days", "rejection_reasons", "planner_may_approve",
    "approver_may_pay",
  ]

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    if let v = try section.integer("deposit_ceiling_yuan", in: 1...1_000_000_000) { depositCeilingYuan = v }
    if let chain = try section.strings("approval_chain") {
      guard !chain.isEmpty, Set(chain).count == chain.count, chain.allSatisfy(CaseWorkflow.levels.contains) else {
        throw section.error("approval_chain", "must list some of village, town, county, each once")
      }
      // A case rises from the village to the county, never down.
      let ranks = chain.compactMap { CaseWorkflow.levels.firstIndex(of: $0) }
      guard ranks == ranks.sorted() else {
        throw section.error(
          "approval_chain", "must run upwards, village before town before county (got \(chain.joined(separator: ", ")))")
      }
      approvalChain = chain
    }
    if let v = try section.integer("green_channel_limit_yuan", in: 1...1_000_000) { greenChannelLimitYuan = v }
    if let v = try section.integer("follow_up_every_days", in: 1...365) { followUpEveryDays = v }
    if let v = try section.boolean("planner_may_approve") { plannerMayApprove = v }
    if let v = try section.boolean("approver_may_pay") { approverMayPay = v }
    if let reasons = try section.strings("rejection_reasons") {
      guard !reasons.isEmpty, reasons.allSatisfy({ !$0.isEmpty && $0.count <= 40 }) else {
        throw section.error("rejection_reasons", "must list one or more short reason codes")
      }
      rejectionReasons = reasons
    }
  }
}

public struct ReliefModule: VetsModule {
  public static let id = "relief"
  public static let version = "0.1.0"
  public static let requires = ["registry"]
  public static let serviceDescriptors = [
    Vets_Relief_V1_FundService.descriptor, Vets_Relief_V1_CaseService.descriptor, Vets_Relief_V1_CareService.descriptor,
  ]

  let fund: FundService
  let cases: CaseService
  let care: CareService

  public init(context: ModuleContext<ReliefConfig>) async throws {
    guard let directory = context.interfaces.get((any PersonDirectory).self) else {
      throw VetsError.failedPrecondition("the registry's PersonDirectory is not published")
    }
    fund = FundService(database: context.database, directory: directory, settings: context.settings)
    cases = CaseService(database: context.database, directory: directory, settings: context.settings)
    care = CareService(database: context.database, directory: directory, settings: context.settings)
    context.interfaces.get(HouseholdFileBook.self)?.register(ReliefHouseholdSection(database: context.database))
  }

  public func publish(into interfaces: inout ModuleInterfaces) {
    interfaces.publish(LedgerDeposits(settings: fund.settings), as: (any ReliefDeposits).self)
    interfaces.publish(CaseIntake(), as: (any ReliefCaseIntake).self)
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    ReliefSchema.register(&migrations)
  }

  public func worklist(_ request: WorkRequest) async throws -> [Vets_Daemon_V1_WorkItem] {
    try await fund.database.read { db in try ReliefWorklist.items(db, request) }
  }

  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? {
    let r = try await fund.database.read { db in try ReliefReport.compute(db, year: year) }
    var s = Vets_Daemon_V1_ReportSection(module: Self.id, title: "帮扶基金：个案、发放和走访", english: "Relief: cases, payments and visits")
    s.add("cases.opened", "新立案个案", "Cases opened", r.casesOpened)
    s.add("cases.approved", "批准个案", "Cases approved", r.casesApproved)
    s.add("cases.green_channel", "其中走绿色通道", "Of which by the green channel", r.greenChannelCases)
    s.add("cases.rejected", "未批准个案", "Cases rejected", r.casesRejected)
    s.add("cases.paid", "首次发放的个案", "Cases first paid", r.casesPaid)
    s.add("payments", "发放给家庭的金额（元）", "Paid to households (yuan)", r.amountPaid.fen, money: true)
    s.add("visits", "走访慰问（人次）", "Visits (person-times)", r.personVisits)
    s.add("visits.value", "走访慰问物资和现金（元）", "Value of visits, goods and cash (yuan)", r.visitValue.fen, money: true)
    s.add("roster", "年末困难名册上的家庭", "Households on the needy roster at year end", r.rosterSize)
    return s
  }

  public var services: [ServiceRegistration] {
    [
      ServiceRegistration(fund, descriptor: Vets_Relief_V1_FundService.descriptor, rules: FundService.rules),
      ServiceRegistration(cases, descriptor: Vets_Relief_V1_CaseService.descriptor, rules: CaseService.rules),
      ServiceRegistration(care, descriptor: Vets_Relief_V1_CareService.descriptor, rules: CareService.rules),
    ]
  }
}
