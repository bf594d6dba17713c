// The relief fund module (帮扶基金): the fund ledger today; assistance cases, payments,
// visits and the needy roster build on it.

public import GRPCCore
import Foundation
import GRDB
import VetsAPI
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

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    if let v = try section.integer("deposit_ceiling_yuan", in: 1...1_000_000_000) { depositCeilingYuan = v }
    if let chain = try section.strings("approval_chain") {
      guard !chain.isEmpty, Set(chain).count == chain.count, chain.allSatisfy(CaseWorkflow.levels.contains) else {
        throw section.error("approval_chain", "must list some of village, town, county, each once")
      }
      approvalChain = chain
    }
    if let v = try section.integer("green_channel_limit_yuan", in: 1...1_000_000) { greenChannelLimitYuan = v }
    if let v = try section.integer("follow_up_every_days", in: 1...365) { followUpEveryDays = v }
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
    fund = FundService(database: context.database, depositCeiling: context.config.depositCeilingYuan * 100)
    cases = CaseService(database: context.database, directory: directory, config: context.config)
    care = CareService(database: context.database, directory: directory, config: context.config)
    context.interfaces.get(HouseholdFileBook.self)?.register(ReliefHouseholdSection(database: context.database))
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    LedgerSchema.register(&migrations)
    CaseSchema.register(&migrations)
    CareSchema.register(&migrations)
  }

  public var services: [ServiceRegistration] {
    [
      ServiceRegistration(fund, descriptor: Vets_Relief_V1_FundService.descriptor, rules: FundService.rules),
      ServiceRegistration(cases, descriptor: Vets_Relief_V1_CaseService.descriptor, rules: CaseService.rules),
      ServiceRegistration(care, descriptor: Vets_Relief_V1_CareService.descriptor, rules: CareService.rules),
    ]
  }
}

/// The relief module's part of a household file: its cases, what was approved and paid.
struct ReliefHouseholdSection: HouseholdFileContributor {
  let database: VetsDatabase

  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection? {
    let cases = try await database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM relief_cases WHERE household_id = ? ORDER BY opened_at", arguments: [householdID])
        .map { try CaseRecord(row: $0).proto(db) }
    }
    guard !cases.isEmpty else { return nil }
    var section = Vets_Registry_V1_HouseholdFileSection()
    section.module = ReliefModule.id
    section.title = "Assistance cases (一户一策)"
    section.entries = cases.map { c in
      var entry = Vets_Registry_V1_HouseholdFileEntry()
      entry.label = c.id
      let followUps = c.followUps.map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) }.joined(separator: ", ")
      entry.value = "\(CaseRecord.text(c.status)); approved \(Money.yuan(c.approved.fen)), paid \(Money.yuan(c.paid.fen))"
        + (c.greenChannel ? "; green channel" : "") + (followUps.isEmpty ? "" : "; follow-ups \(followUps)")
      return entry
    }
    return section
  }
}
