public import GRPCCore
public import Logging
public import ServiceLifecycle
public import VetsAPI

/// A service module of the daemon (a "plugin"): registry, relief, alliance, volunteers...
///
/// Modules are compiled in and enabled by config. At start the daemon orders the enabled
/// modules by `requires` and `uses`, applies their migrations, then builds each one from a
/// ``ModuleContext`` that holds the interfaces its dependencies published.
///
/// ```swift
/// struct RegistryModule: VetsModule {
///   static let id = "registry"
///   static let version = "1.0.0"
///   static func registerMigrations(_ m: inout ModuleMigrations) { m.add("people.v1") { db in ... } }
///   init(context: ModuleContext<RegistryConfig>) async throws { ... }
///   var services: [ServiceRegistration] { [...] }
/// }
/// ```
public protocol VetsModule: Sendable {
  associatedtype Config: ModuleConfig = NoConfig

  /// Lower-case id, also the prefix of the module's tables and migrations.
  static var id: String { get }
  static var version: String { get }
  /// Modules that must be enabled for this one to start.
  static var requires: [String] { get }
  /// Modules this one calls when they are enabled.
  static var uses: [String] { get }

  static func registerMigrations(_ migrations: inout ModuleMigrations)

  /// The gRPC services the module serves when enabled. Health reports them as
  /// SERVICE_UNKNOWN while the module is disabled.
  static var serviceDescriptors: [ServiceDescriptor] { get }

  init(context: ModuleContext<Config>) async throws

  /// In-process interfaces that modules started later may call (e.g. `PersonDirectory`).
  func publish(into interfaces: inout ModuleInterfaces)

  var services: [ServiceRegistration] { get }

  /// Work that runs while the daemon runs (e.g. marking overdue follow-ups). Each is run and
  /// shut down with the daemon's lifecycle.
  var backgroundWork: [any Service] { get }

  /// This module's part of the county report (`vetsctl report county`) for a year, or nil
  /// when it has nothing to report.
  func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection?

  /// This module's part of the worklist (`vetsctl today`): what is due for `caller`, within
  /// its scope, on `request.today`.
  func worklist(_ request: WorkRequest) async throws -> [Vets_Daemon_V1_WorkItem]
}

extension VetsModule {
  public static var requires: [String] { [] }
  public static var uses: [String] { [] }
  public func publish(into interfaces: inout ModuleInterfaces) {}
  public var backgroundWork: [any Service] { [] }
  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? { nil }
  public func worklist(_ request: WorkRequest) async throws -> [Vets_Daemon_V1_WorkItem] { [] }
  /// Keys of `[modules.<id>]` a reload may change.
  public static var reloadableKeys: Set<String> { Config.reloadableKeys }
}

/// Everything a module is built from.
public struct ModuleContext<Config: ModuleConfig>: Sendable {
  /// The settings as they are now, the same as `settings.current`. A module that copies a
  /// value at start does not see it reloaded; keep `settings` and read it at each call.
  public var config: Config { settings.current }
  /// Replaced by a reload: keys in `Config.reloadableKeys` may change while the module runs.
  public var settings: ModuleSettings<Config>
  public var database: VetsDatabase
  public var logger: Logger
  public var clock: any WallClock
  /// Interfaces published by the enabled modules started before this one.
  public var interfaces: ModuleInterfaces
  /// Where the module's background work reports each run.
  public var health: BackgroundHealth

  public init(
    config: Config, database: VetsDatabase, logger: Logger, clock: any WallClock, interfaces: ModuleInterfaces,
    health: BackgroundHealth = BackgroundHealth()
  ) {
    self.settings = ModuleSettings(config)
    self.database = database
    self.logger = logger
    self.clock = clock
    self.interfaces = interfaces
    self.health = health
  }
}

/// The in-process interfaces modules publish to each other, looked up by protocol type.
public struct ModuleInterfaces: Sendable {
  private var entries: [ObjectIdentifier: any Sendable] = [:]

  public init() {}

  public mutating func publish<Interface: Sendable>(_ implementation: Interface, as type: Interface.Type) {
    entries[ObjectIdentifier(type)] = implementation
  }

  /// The implementation, or nil when the module that publishes it is not enabled.
  public func get<Interface>(_ type: Interface.Type) -> Interface? {
    entries[ObjectIdentifier(type)] as? Interface
  }
}

/// Where a service may be reached.
public enum Exposure: Sendable {
  /// The Unix socket and, when configured, TCP with TLS for other county systems.
  case socketAndTCP
  /// The local Unix socket only: admin, tokens, audit, backup.
  case socketOnly
}

/// One gRPC service and the rule table that says who may call each of its methods.
public struct ServiceRegistration: Sendable {
  public var service: any RegistrableRPCService
  public var descriptor: ServiceDescriptor
  public var rules: AccessRules
  public var exposure: Exposure

  public init(_ service: any RegistrableRPCService, descriptor: ServiceDescriptor, rules: AccessRules, exposure: Exposure = .socketAndTCP) {
    self.service = service
    self.descriptor = descriptor
    self.rules = rules
    self.exposure = exposure
  }
}
