// The alliance module (拥军联盟): army-supporting enterprises, their offers, and the checks
// and redemptions enterprise systems make over TCP with enterprise-scoped tokens.

public import GRPCCore
public import VetsAPI
public import VetsKit

public struct AllianceConfig: ModuleConfig {
  /// Days within which a redemption may be voided (a refund).
  public var voidWindowDays: Int64 = 7

  public static let reloadableKeys: Set<String> = ["void_window_days"]

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    for key in ["check_rate_per_minute", "check_burst"] where section.keys.contains(key) {
      throw section.error(
        key, "has moved: checks, redemptions and searches by ID number share one budget per token, "
          + "[modules.registry] lookup_rate_per_minute and lookup_burst")
    }
    if let v = try section.integer("void_window_days", in: 0...365) { voidWindowDays = v }
  }
}

public struct AllianceModule: VetsModule {
  public static let id = "alliance"
  public static let version = "0.1.0"
  public static let requires = ["registry"]
  public static let serviceDescriptors = [Vets_Alliance_V1_AllianceService.descriptor]

  let service: AllianceService

  public init(context: ModuleContext<AllianceConfig>) async throws {
    guard let directory = context.interfaces.get((any PersonDirectory).self) else {
      throw VetsError.failedPrecondition("the registry's PersonDirectory is not published")
    }
    guard let lookups = context.interfaces.get(LookupBudget.self) else {
      throw VetsError.failedPrecondition("the registry's LookupBudget is not published")
    }
    service = AllianceService(database: context.database, directory: directory, settings: context.settings, lookups: lookups)
    context.interfaces.get(HouseholdFileBook.self)?.register(AllianceHouseholdSection(database: context.database, directory: directory))
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    AllianceSchema.register(&migrations)
  }

  public func publish(into interfaces: inout ModuleInterfaces) {
    interfaces.publish(AllianceEnterprises(database: service.database), as: (any EnterpriseDirectory).self)
  }

  public var services: [ServiceRegistration] {
    [ServiceRegistration(service, descriptor: Vets_Alliance_V1_AllianceService.descriptor, rules: AllianceService.rules)]
  }

  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? {
    try await service.database.read { db in try AllianceReport.countySection(db, year: year) }
  }
}
