// The relief fund module (帮扶基金): the fund ledger today; assistance cases, payments,
// visits and the needy roster build on it.

public import GRPCCore
import Foundation
import GRDB
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
    fund = FundService(database: context.database, settings: context.settings)
    cases = CaseService(database: context.database, directory: directory, settings: context.settings)
    care = CareService(database: context.database, directory: directory, settings: context.settings)
    context.interfaces.get(HouseholdFileBook.self)?.register(ReliefHouseholdSection(database: context.database))
  }

  public func publish(into interfaces: inout ModuleInterfaces) {
    interfaces.publish(LedgerDeposits(settings: fund.settings, clock: fund.database.clock), as: (any ReliefDeposits).self)
    interfaces.publish(CaseIntake(), as: (any ReliefCaseIntake).self)
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    LedgerSchema.register(&migrations)
    CaseSchema.register(&migrations)
    CareSchema.register(&migrations)
  }

  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? {
    let r = try await fund.database.read { db in try ReliefReport.compute(db, year: year) }
    var s = Vets_Daemon_V1_ReportSection(module: Self.id, title: "Relief: cases, payments and visits (帮扶基金)")
    s.add("cases.opened", "Cases opened", r.casesOpened)
    s.add("cases.approved", "Cases approved", r.casesApproved)
    s.add("cases.green_channel", "Of which by the green channel", r.greenChannelCases)
    s.add("cases.rejected", "Cases rejected", r.casesRejected)
    s.add("cases.paid", "Cases first paid", r.casesPaid)
    s.add("payments", "Paid to households", r.amountPaid.fen, money: true)
    s.add("visits", "Visits (person-times)", r.personVisits)
    s.add("visits.value", "Value of visits, goods and cash", r.visitValue.fen, money: true)
    s.add("roster", "Households on the needy roster at year end", r.rosterSize)
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

/// The relief module's part of a household file: cases, payments, visits and roster entries.
struct ReliefHouseholdSection: HouseholdFileContributor {
  let database: VetsDatabase

  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection? {
    try await database.read { db in
      var entries: [(String, String)] = []
      for row in try Row.fetchAll(db, sql: "SELECT * FROM relief_cases WHERE household_id = ? ORDER BY opened_at", arguments: [householdID]) {
        let c = try CaseRecord(row: row).proto(db)
        let followUps = c.followUps.compactMap { try? CalendarDate($0, field: "").iso }.joined(separator: ", ")
        entries.append((
          "case \(c.id)",
          "\(CaseRecord.text(c.status)); approved \(Money.yuan(c.approved.fen)), paid \(Money.yuan(c.paid.fen))"
            + (c.greenChannel ? "; green channel" : "") + (followUps.isEmpty ? "" : "; follow-ups \(followUps)")
        ))
      }
      for row in try Row.fetchAll(
        db, sql: "SELECT * FROM relief_transfers WHERE kind = 'post' AND link IN (SELECT 'case:' || id FROM relief_cases WHERE household_id = ?) ORDER BY seq",
        arguments: [householdID])
      {
        let t = FundLedger.record(row)
        entries.append(("payment \(t.id)", "\(Money.yuan(t.amount)) yuan from \(t.debit) on \(Instant.localDay(t.createdAt)) (\(t.memo))"))
      }
      for row in try Row.fetchAll(db, sql: "SELECT * FROM relief_visits WHERE household_id = ? ORDER BY visited_on", arguments: [householdID]) {
        let v = CareService.visit(row)
        entries.append((
          "visit \(v.id)",
          "\((try? CalendarDate(v.visitedOn, field: "").iso) ?? "") by \(v.units.joined(separator: "、")); goods \(Money.yuan(v.goodsValue.fen)), cash \(Money.yuan(v.cash.fen))"
        ))
      }
      for row in try Row.fetchAll(db, sql: "SELECT * FROM relief_roster WHERE household_id = ? ORDER BY id", arguments: [householdID]) {
        let e = CareService.entry(row)
        let level = CareService.levels.first { $0.0 == e.level }?.1 ?? ""
        let exited = e.exitedOn.year == 0 ? "next review \(try CalendarDate(e.nextReviewOn, field: "").iso)" : "left: \(e.exitReason)"
        entries.append(("roster", "\(level), \(e.reason), since \(try CalendarDate(e.enteredOn, field: "").iso); \(exited)"))
      }
      guard !entries.isEmpty else { return nil }
      var section = Vets_Registry_V1_HouseholdFileSection()
      section.module = ReliefModule.id
      section.title = "Relief: cases (一户一策), payments, visits and the needy roster"
      section.entries = entries.map { label, value in
        var entry = Vets_Registry_V1_HouseholdFileEntry()
        entry.label = label
        entry.value = value
        return entry
      }
      return section
    }
  }
}
