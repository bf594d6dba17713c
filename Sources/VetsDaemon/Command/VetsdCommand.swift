import ArgumentParser
import Foundation
import Logging
import VetsKit

/// `vetsd`: the daemon's command line. The executable passes in the modules compiled into it.
public struct VetsdCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vetsd",
    abstract: "The county veterans-affairs service daemon.",
    discussion: """
      With no config file, vetsd keeps its data in ./.vetsd/, serves on ./.vetsd/vetsd.sock, \
      enables every compiled-in module, and writes an admin token to ./.vetsd/admin.token for vetsctl.
      """,
    version: Daemon.version,
    subcommands: [Run.self, CheckConfig.self, AccessRules.self],
    defaultSubcommand: Run.self
  )

  /// The modules compiled into this executable, set by its main before parsing.
  @TaskLocal public static var compiledIn: [any VetsModule.Type] = []
  /// The daemon's "now": the system clock, except in the test fixture.
  @TaskLocal public static var clock: any WallClock = SystemClock()

  public init() {}

  /// Runs vetsd with the given compiled-in modules.
  public static func main(modules: [any VetsModule.Type], clock: any WallClock = SystemClock()) async {
    await $compiledIn.withValue(modules) { await $clock.withValue(clock) { await main() } }
  }

  struct Settings: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file (TOML).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Overrides [daemon] data_dir.", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("Overrides [daemon] socket.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("Overrides [modules] enabled, e.g. registry,relief.", valueName: "ids"))
    var enable: String?

    func resolve(catalog: ModuleCatalog) throws -> DaemonConfig {
      var result = try config.map { try DaemonConfig.load(path: $0, moduleIDs: catalog.ids) } ?? DaemonConfig()
      if let dataDir { result.dataDir = dataDir }
      if let socket { result.socket = socket }
      if let enable {
        let ids = enable.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for id in ids where !catalog.ids.contains(id) {
          throw ConfigError(file: "--enable", key: "", message: CatalogError.unknownModule(id, known: catalog.ids).description)
        }
        result.enabled = ids
      }
      _ = try result.moduleConfigs(catalog)
      _ = try catalog.plan(enabled: result.enabled)
      return result
    }
  }

  struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve (the default).")

    @OptionGroup var settings: Settings

    func run() async throws {
      let catalog = try VetsdCommand.catalog()
      let config: DaemonConfig
      do {
        config = try settings.resolve(catalog: catalog)
      } catch {
        throw VetsdFailure("\(error)")
      }
      DaemonLogLevel.bootstrap(Logger.Level(rawValue: config.logLevel) ?? .info)
      let logger = Logger(label: "vetsd")
      let settings = self.settings
      do {
        try await Daemon.run(config: config, catalog: catalog, logger: logger) { try settings.resolve(catalog: catalog) }
      } catch {
        logger.critical("cannot start", metadata: ["reason": "\(error)"])
        throw VetsdFailure("\(error)")
      }
    }
  }

  struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check-config",
      abstract: "Validate a config file without starting: exit 0 if valid, 1 with the reasons if not.")

    @OptionGroup var settings: Settings

    func run() async throws {
      let catalog = try VetsdCommand.catalog()
      do {
        let config = try settings.resolve(catalog: catalog)
        let enabled = try catalog.plan(enabled: config.enabled).map { $0.id }
        print("\(config.file): valid; modules in start order: \(enabled.isEmpty ? "none" : enabled.joined(separator: ", "))")
      } catch {
        throw VetsdFailure("\(error)")
      }
    }
  }

  struct AccessRules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "access-rules",
      abstract: "Print who may call each RPC: every method, the roles allowed, the scope needed.",
      discussion: "Builds every compiled-in module on a throwaway data folder; docs/ACCESS.md is the Markdown.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json }
    @Option(help: "markdown or json.") var format: Format = .markdown

    func run() async throws {
      let catalog = try VetsdCommand.catalog()
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vetsd-access-\(UUID().uuidString.prefix(8))")
      defer { try? FileManager.default.removeItem(at: folder) }
      var config = DaemonConfig()
      config.dataDir = folder.path
      config.enabled = catalog.ids
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let quiet = Logger(label: "vetsd", factory: { _ in SwiftLogNoOpLogHandler() })
      let served = try await Daemon.served(config: config, catalog: catalog, logger: quiet)
      try served.database.close()
      print(format == .json ? served.access.json : served.access.markdown, terminator: "")
    }
  }

  static func catalog() throws -> ModuleCatalog {
    do {
      return try ModuleCatalog(compiledIn)
    } catch {
      throw VetsdFailure("\(error)")
    }
  }
}

/// A start-up failure: printed as one line on stderr, exit code 1.
struct VetsdFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = "vetsd: " + description }
}
