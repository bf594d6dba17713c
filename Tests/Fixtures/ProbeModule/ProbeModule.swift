// A test-only module that exercises the whole module contract: a typed config section, a
// migration, a served service with a rule table, a published interface, and a dependant.

public import GRPCCore
import GRDB
public import VetsKit

public struct ProbeConfig: ModuleConfig {
  public var greeting = "hello"

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    if let greeting = try section.string("greeting") {
      guard !greeting.isEmpty else { throw section.error("greeting", "must not be empty") }
      self.greeting = greeting
    }
  }
}

/// What the probe module offers other modules in-process.
public protocol NoteCounter: Sendable {
  func count() async throws -> Int
}

public struct ProbeModule: VetsModule {
  public static let id = "probe"
  public static let version = "0.1.0"
  /// Adds a section to the registry's household file when the registry is enabled.
  public static let uses = ["registry"]
  public static let serviceDescriptors = [Vets_Probe_V1_ProbeService.descriptor]

  let service: ProbeService

  public init(context: ModuleContext<ProbeConfig>) async throws {
    service = ProbeService(database: context.database, greeting: context.config.greeting)
    context.interfaces.get(HouseholdFileBook.self)?.register(service)
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    migrations.add("notes.v1") { db in
      try db.execute(sql: "CREATE TABLE probe_notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    }
  }

  public var services: [ServiceRegistration] {
    [ServiceRegistration(service, descriptor: Vets_Probe_V1_ProbeService.descriptor, rules: ProbeService.rules)]
  }

  public func publish(into interfaces: inout ModuleInterfaces) {
    interfaces.publish(service, as: (any NoteCounter).self)
  }
}

/// Requires probe, so that tests can see a missing dependency named at start.
public struct ProbeExtraModule: VetsModule {
  public static let id = "probeextra"
  public static let version = "0.1.0"
  public static let requires = ["probe"]
  public static let serviceDescriptors: [ServiceDescriptor] = []

  public init(context: ModuleContext<NoConfig>) async throws {
    guard context.interfaces.get((any NoteCounter).self) != nil else {
      throw VetsError.failedPrecondition("probe's NoteCounter is not published")
    }
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {}

  public var services: [ServiceRegistration] { [] }
}
