// `vetsctl admin reload` and SIGHUP: re-read the config file and apply what can change
// while running — the log level and the keys each module lists in its Config's
// `reloadableKeys` — or, when any other setting changed, apply nothing and say which.

import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals
import VetsKit

/// The log level every logger of the daemon obeys, changed by a reload.
enum DaemonLogLevel {
  static let current = Mutex(Logger.Level.info)

  static func bootstrap(_ level: Logger.Level) {
    current.withLock { $0 = level }
    LoggingSystem.bootstrap { label in LevelledHandler(inner: StreamLogHandler.standardError(label: label)) }
  }

  /// A handler whose level is the daemon's current one.
  struct LevelledHandler: LogHandler {
    var inner: StreamLogHandler

    var logLevel: Logger.Level {
      get { DaemonLogLevel.current.withLock { $0 } }
      set { DaemonLogLevel.current.withLock { $0 = newValue } }
    }

    var metadata: Logger.Metadata {
      get { inner.metadata }
      set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { inner[metadataKey: key] }
      set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
      var inner = self.inner
      inner.logLevel = .trace
      inner.log(event: event)
    }
  }
}

final class ConfigReloader: Sendable {
  struct Outcome: Sendable {
    var path: String
    var applied: [String]
  }

  /// The config file, or nil when the daemon runs on embedded defaults.
  let path: String?
  /// Reads the file again with the same flags the daemon started with.
  let load: @Sendable () throws -> DaemonConfig
  let catalog: ModuleCatalog
  let reloaders: [String: @Sendable (any ModuleConfig) -> Void]
  let logger: Logger
  private let settings: Mutex<[String: TOMLValue]>
  /// One reload at a time.
  private let busy = Mutex(false)

  init(
    path: String?, started: DaemonConfig, load: @escaping @Sendable () throws -> DaemonConfig, catalog: ModuleCatalog,
    reloaders: [String: @Sendable (any ModuleConfig) -> Void], logger: Logger
  ) {
    self.path = path
    self.load = load
    self.catalog = catalog
    self.reloaders = reloaders
    self.logger = logger
    settings = Mutex(started.settings)
  }

  /// The dotted keys a reload may change.
  func isReloadable(_ key: String) -> Bool {
    if key == "daemon.log_level" { return true }
    let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
    guard parts.count == 3, parts[0] == "modules", let module = catalog.modules.first(where: { $0.id == parts[1] }) else { return false }
    return module.reloadableKeys.contains(parts[2])
  }

  /// Applies the file's reloadable changes, or refuses all of them; either way the log says
  /// which (a refusal at warning level, with its reason).
  func reload() throws -> Outcome {
    do {
      return try apply()
    } catch {
      logger.warning("config reload refused", metadata: ["file": "\(path ?? "")", "reason": "\(error)"])
      throw error
    }
  }

  private func apply() throws -> Outcome {
    guard busy.withLock({ busy in
      defer { busy = true }
      return !busy
    }) else { throw VetsError.failedPrecondition("a reload is already running") }
    defer { busy.withLock { $0 = false } }

    guard let path else { return Outcome(path: "", applied: []) }
    let config: DaemonConfig
    do {
      config = try load()
    } catch {
      throw VetsError.failedPrecondition("\(error); nothing was applied")
    }
    let before = settings.withLock { $0 }
    let changed = DaemonConfig.changedKeys(from: before, to: config.settings)
    let needRestart = changed.filter { !isReloadable($0) }
    guard needRestart.isEmpty else {
      throw VetsError.failedPrecondition(
        "\(needRestart.joined(separator: ", ")) changed in \(path) and need\(needRestart.count == 1 ? "s" : "") a restart; nothing was applied")
    }
    let modules = try config.moduleConfigs(catalog)
    for (id, reload) in reloaders where changed.contains(where: { $0.hasPrefix("modules.\(id).") }) {
      if let module = modules[id] { reload(module) }
    }
    if changed.contains("daemon.log_level") {
      DaemonLogLevel.current.withLock { $0 = Logger.Level(rawValue: config.logLevel) ?? .info }
    }
    settings.withLock { $0 = config.settings }
    logger.notice("config reloaded", metadata: ["file": "\(path)", "applied": "\(changed.joined(separator: ","))"])
    return Outcome(path: path, applied: changed)
  }
}

/// SIGHUP reloads, as `vetsctl admin reload` does; the outcome goes to the log.
struct ReloadOnHangup: Service {
  let reloader: ConfigReloader
  /// Trapped when the daemon is built, before it serves.
  let hangups: UnixSignalsSequence

  func run() async throws {
    for await _ in hangups.cancelOnGracefulShutdown() {
      // The reloader logs a refusal itself.
      _ = try? reloader.reload()
    }
  }
}
