// The alliance module (拥军联盟): army-supporting enterprises, their offers, and the checks
// and redemptions enterprise systems make over TCP with enterprise-scoped tokens.

public import GRPCCore
import GRDB
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
    let r = try await service.report(year: year)
    let (first, last) = (try CalendarDate(year: year, month: 1, day: 1, field: "year").iso, try CalendarDate(year: year, month: 12, day: 31, field: "year").iso)
    let (enterprises, offers) = try await service.database.read { db in
      (
        try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM alliance_enterprises WHERE status = 'active' AND joined_on <= ?", arguments: [last]) ?? 0,
        try Int64.fetchOne(
          db, sql: "SELECT COUNT(*) FROM alliance_offers WHERE status = 'active' AND valid_from <= ? AND valid_to >= ?", arguments: [last, first])
          ?? 0
      )
    }
    var s = Vets_Daemon_V1_ReportSection(module: Self.id, title: "Alliance: enterprises, offers and redemptions (拥军联盟)")
    s.add("enterprises", "Active enterprises", enterprises)
    s.add("offers", "Active offers valid during the year", offers)
    s.add("redemptions", "Redemptions", r.redemptions)
    s.add("redemptions.people", "People who used an offer", r.uniqueBeneficiaries)
    s.add("redemptions.value", "Estimated value of amount-off offers used", r.estimatedValue.fen, money: true)
    return s
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

/// The alliance's part of a household file: the offers its members used.
struct AllianceHouseholdSection: HouseholdFileContributor {
  let database: VetsDatabase
  let directory: any PersonDirectory

  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection? {
    guard let household = try await directory.household(id: householdID), !household.memberIDs.isEmpty else { return nil }
    let members = household.memberIDs
    let entries = try await database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT r.id, r.person_id, r.redeemed_at, o.title, e.name FROM alliance_redemptions r
          JOIN alliance_offers o ON o.id = r.offer_id JOIN alliance_enterprises e ON e.id = o.enterprise_id
          WHERE r.voided_at IS NULL AND r.person_id IN (\(members.map { _ in "?" }.joined(separator: ","))) ORDER BY r.redeemed_at
          """,
        arguments: StatementArguments(members)
      ).map { row -> Vets_Registry_V1_HouseholdFileEntry in
        var entry = Vets_Registry_V1_HouseholdFileEntry()
        entry.label = "redemption \(row["id"] as String)"
        entry.value = "\(Instant.localDay(row["redeemed_at"])) \(row["name"] as String): \(row["title"] as String) (person \(row["person_id"] as String))"
        return entry
      }
    }
    guard !entries.isEmpty else { return nil }
    var section = Vets_Registry_V1_HouseholdFileSection()
    section.module = AllianceModule.id
    section.title = "Alliance offers used (拥军优惠)"
    section.entries = entries
    return section
  }
}
