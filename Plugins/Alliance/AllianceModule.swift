// The alliance module (拥军联盟): army-supporting enterprises, their offers, and the checks
// and redemptions enterprise systems make over TCP with enterprise-scoped tokens.

public import GRPCCore
import GRDB
import VetsAPI
public import VetsKit

public struct AllianceConfig: ModuleConfig {
  /// Eligibility checks a token may make per minute, and in one burst.
  public var checkRatePerMinute: Int64 = 60
  public var checkBurst: Int64 = 20
  /// Days within which a redemption may be voided (a refund).
  public var voidWindowDays: Int64 = 7

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    if let v = try section.integer("check_rate_per_minute", in: 1...100_000) { checkRatePerMinute = v }
    if let v = try section.integer("check_burst", in: 1...100_000) { checkBurst = v }
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
    service = AllianceService(
      database: context.database, directory: directory, config: context.config,
      limiter: CheckLimiter(ratePerMinute: context.config.checkRatePerMinute, burst: context.config.checkBurst))
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
}

struct AllianceEnterprises: EnterpriseDirectory {
  let database: VetsDatabase

  func enterpriseExists(id: String) async throws -> Bool {
    try await database.read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM alliance_enterprises WHERE id = ?", arguments: [id]) == true
    }
  }
}
