// The registry module: veterans, entitled dependants, households, divisions and stations.
// Every other module asks it who a person is, through `PersonDirectory`.

public import GRPCCore
import GRDB
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
    Schema.register(&migrations)
  }

  /// The registry as it stands now: people by status, category and town. (The registry
  /// keeps no history of counts, so the year does not change these figures.)
  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? {
    let today = CalendarDate.today(database.clock)
    let (stats, towns) = try await database.read { db in
      (try RegistryStats.compute(db, scope: .county, today: today),
       Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, name FROM registry_towns").map { ($0["code"] as String, $0["name"] as String) }))
    }
    var s = Vets_Daemon_V1_ReportSection(module: Self.id, title: "Registry: people by category and town (退役军人和其他优抚对象)")
    s.add("people", "People registered", stats.people)
    for status in stats.byStatus { s.add("people.status.\(status.key)", "Status: \(status.key)", status.count) }
    var byCategory: [String: Int64] = [:]
    var byTown: [String: Int64] = [:]
    for count in stats.byTownAndCategory {
      let parts = count.key.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      byTown[parts[0], default: 0] += count.count
      byCategory[parts[1], default: 0] += count.count
    }
    for (category, count) in byCategory.sorted(by: { $0.key < $1.key }) {
      let label = Vocabulary.value(category, in: Vocabulary.categories).map { value in Vocabulary.categories.first { $0.0 == value }!.2 } ?? category
      s.add("people.category.\(category)", "Active, \(category) (\(label))", count)
    }
    for (town, count) in byTown.sorted(by: { $0.key < $1.key }) {
      s.add("people.town.\(town)", "Active people in town \(town) \(towns[town] ?? "")", count)
    }
    s.add("people.party_members", "Active party members", stats.partyMembers)
    return s
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

/// `PersonDirectory` over the registry's tables, for other modules in the same process.
struct RegistryDirectory: PersonDirectory {
  let database: VetsDatabase

  func person(id: String) async throws -> DirectoryPerson? {
    try await database.read { db in try PersonStore.fetch(db, id: id).map(Self.directory) }
  }

  func person(_ db: Database, id: String) throws -> DirectoryPerson? {
    try PersonStore.fetch(db, id: id).map(Self.directory)
  }

  func person(certificateNo: String) async throws -> DirectoryPerson? {
    try await database.read { db in try PersonStore.fetch(db, where: "certificate_no", equals: certificateNo).map(Self.directory) }
  }

  func person(residentID: ResidentID) async throws -> DirectoryPerson? {
    try await database.read { db in try PersonStore.fetch(db, where: "id_number", equals: residentID.value).map(Self.directory) }
  }

  func household(id: String) async throws -> DirectoryHousehold? {
    try await database.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM registry_households WHERE id = ?", arguments: [id]) else {
        return nil
      }
      let members = try String.fetchAll(db, sql: "SELECT id FROM registry_people WHERE household_id = ? ORDER BY id", arguments: [id])
      return DirectoryHousehold(id: id, headPersonID: row["head_person_id"], villageCode: row["village_code"], memberIDs: members)
    }
  }

  func station(id: String) async throws -> DirectoryStation? {
    try await database.read { db in
      try Row.fetchOne(db, sql: "SELECT id, name, kind, division_code FROM registry_stations WHERE id = ?", arguments: [id]).map {
        DirectoryStation(id: $0["id"], name: $0["name"], kind: $0["kind"], divisionCode: $0["division_code"])
      }
    }
  }

  static func directory(_ row: PersonRow) -> DirectoryPerson {
    DirectoryPerson(
      id: row.id, name: row.data.name, status: row.status, categories: row.data.categories.map(\.category),
      householdID: row.householdID, villageCode: row.data.villageCode,
      birthDate: (try? CalendarDate(row.data.birthDate, field: "birth_date")) ?? (try! CalendarDate(year: 1900, month: 1, day: 1, field: "")))
  }
}
