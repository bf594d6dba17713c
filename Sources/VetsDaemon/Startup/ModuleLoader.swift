import GRPCCore
import Logging
import ServiceLifecycle
import VetsAPI
import VetsKit

/// Builds the enabled modules in dependency order. A module whose build fails is marked
/// failed with its error, and so is every module that requires it; the rest still start.
struct ModuleLoader {
  struct Loaded {
    var registrations: [ServiceRegistration] = []
    var backgroundWork: [any Service] = []
    var states: [Vets_Daemon_V1_Module] = []
    /// Services of compiled-in modules that are not served (disabled or failed).
    var notServed: [String] = []
    /// What the running modules published, for the daemon's own services.
    var interfaces = ModuleInterfaces()
    /// The running modules, in start order, for the county report.
    var running: [any VetsModule] = []
    /// Replaces a running module's settings with a reloaded config, by module id.
    var reloaders: [String: @Sendable (any ModuleConfig) -> Void] = [:]
    /// What each running module's background work reported, by module id.
    var health: [String: BackgroundHealth] = [:]
  }

  let catalog: ModuleCatalog
  let plan: [any VetsModule.Type]
  let configs: [String: any ModuleConfig]
  let database: VetsDatabase
  let logger: Logger

  func load() async -> Loaded {
    var loaded = Loaded()
    var interfaces = ModuleInterfaces()
    var failed: [String: String] = [:]
    var running: [String: any VetsModule] = [:]
    var reloaders: [String: @Sendable (any ModuleConfig) -> Void] = [:]
    var health: [String: BackgroundHealth] = [:]

    for module in plan {
      if let broken = module.requires.first(where: { failed[$0] != nil }) {
        failed[module.id] = "requires module \(quoted: broken), which failed to start"
        continue
      }
      do {
        let reports = BackgroundHealth()
        let (instance, reload) = try await build(module, config: configs[module.id]!, interfaces: interfaces, health: reports)
        instance.publish(into: &interfaces)
        running[module.id] = instance
        reloaders[module.id] = reload
        health[module.id] = reports
      } catch {
        failed[module.id] = "\(error)"
        logger.error("module failed to start", metadata: ["module": "\(module.id)", "error": "\(error)"])
      }
    }

    loaded.interfaces = interfaces
    loaded.running = plan.compactMap { running[$0.id] }
    loaded.reloaders = reloaders
    loaded.health = health
    for module in catalog.modules {
      var state = Vets_Daemon_V1_Module()
      state.id = module.id
      state.version = module.version
      state.requires = module.requires
      state.uses = module.uses
      state.services = module.serviceDescriptors.map(\.fullyQualifiedService)
      if let instance = running[module.id] {
        state.state = .enabled
        loaded.registrations += instance.services
        loaded.backgroundWork += instance.backgroundWork
      } else if let error = failed[module.id] {
        state.state = .failed
        state.error = error
        loaded.notServed += state.services
      } else {
        state.state = .disabled
        loaded.notServed += state.services
      }
      loaded.states.append(state)
    }
    return loaded
  }

  private func build<M: VetsModule>(_ module: M.Type, config: any ModuleConfig, interfaces: ModuleInterfaces, health: BackgroundHealth)
    async throws -> (any VetsModule, @Sendable (any ModuleConfig) -> Void)
  {
    guard let config = config as? M.Config else {
      throw StartupError("module \(quoted: M.id) got a config of the wrong type")
    }
    var logger = self.logger
    logger[metadataKey: "module"] = "\(M.id)"
    let context = ModuleContext(config: config, database: database, logger: logger, clock: database.clock, interfaces: interfaces, health: health)
    let settings = context.settings
    return (try await M(context: context), { new in (new as? M.Config).map(settings.replace(with:)) })
  }
}
