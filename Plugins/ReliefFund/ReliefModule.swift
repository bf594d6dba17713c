// The relief fund module (帮扶基金): the fund ledger today; assistance cases, payments,
// visits and the needy roster build on it.

public import GRPCCore
import GRDB
import VetsAPI
public import VetsKit

public struct ReliefConfig: ModuleConfig {
  /// The largest single deposit, in yuan.
  public var depositCeilingYuan: Int64 = 10_000_000

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    if let v = try section.integer("deposit_ceiling_yuan", in: 1...1_000_000_000) { depositCeilingYuan = v }
  }
}

public struct ReliefModule: VetsModule {
  public static let id = "relief"
  public static let version = "0.1.0"
  public static let requires = ["registry"]
  public static let serviceDescriptors = [Vets_Relief_V1_FundService.descriptor]

  let fund: FundService

  public init(context: ModuleContext<ReliefConfig>) async throws {
    fund = FundService(database: context.database, depositCeiling: context.config.depositCeilingYuan * 100)
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    LedgerSchema.register(&migrations)
  }

  public var services: [ServiceRegistration] {
    [ServiceRegistration(fund, descriptor: Vets_Relief_V1_FundService.descriptor, rules: FundService.rules)]
  }
}
