// The registry module: veterans, entitled dependants, households, divisions and stations.
// Every other module asks it who a person is, through `PersonDirectory`.

public import GRPCCore
public import VetsAPI
public import VetsKit

public struct RegistryConfig: ModuleConfig {
  /// Lookups of people by an identifier the caller holds (ID number, certificate number) a
  /// token may make per minute, and in one burst; eligibility checks and redemptions count.
  public var lookupRatePerMinute: Int64 = 60
  public var lookupBurst: Int64 = 20

  public static let reloadableKeys: Set<String> = ["lookup_rate_per_minute", "lookup_burst"]

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    if let v = try section.integer("lookup_rate_per_minute", in: 1...100_000) { lookupRatePerMinute = v }
    if let v = try section.integer("lookup_burst", in: 1...100_000) { lookupBurst = v }
  }
}

public struct RegistryModule: VetsModule {
  public static let id = "registry"
  public static let version = "1.0.0"
  public static let serviceDescriptors = [
    Vets_Registry_V1_PeopleService.descriptor, Vets_Registry_V1_HouseholdService.descriptor,
    Vets_Registry_V1_DivisionService.descriptor,
  ]

  let database: VetsDatabase
  let book = HouseholdFileBook()
  let lookups: LookupBudget

  public init(context: ModuleContext<RegistryConfig>) async throws {
    database = context.database
    let settings = context.settings
    lookups = LookupBudget { LookupBudget.Rate(perMinute: settings.current.lookupRatePerMinute, burst: settings.current.lookupBurst) }
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    RegistrySchema.register(&migrations)
  }

  /// The registry as it stands now (see `RegistryReport`).
  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? {
    let today = CalendarDate.today(database.clock)
    return try await database.read { db in try RegistryReport.countySection(db, today: today) }
  }

  public var services: [ServiceRegistration] {
    [
      ServiceRegistration(
        PeopleService(database: database, lookups: lookups), descriptor: Vets_Registry_V1_PeopleService.descriptor, rules: PeopleService.rules),
      ServiceRegistration(
        HouseholdService(database: database, book: book), descriptor: Vets_Registry_V1_HouseholdService.descriptor,
        rules: HouseholdService.rules),
      ServiceRegistration(
        DivisionService(database: database), descriptor: Vets_Registry_V1_DivisionService.descriptor, rules: DivisionService.rules),
    ]
  }

  public func publish(into interfaces: inout ModuleInterfaces) {
    interfaces.publish(RegistryDirectory(database: database), as: (any PersonDirectory).self)
    interfaces.publish(book, as: HouseholdFileBook.self)
    interfaces.publish(lookups, as: LookupBudget.self)
  }
}
