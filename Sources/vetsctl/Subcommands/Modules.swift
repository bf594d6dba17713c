import ArgumentParser
import Foundation
import VetsAPI

struct ModulesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "modules", abstract: "List the compiled-in modules: version, state, dependencies and errors.")

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let daemon = Daemon(options: global)
    let response = try await daemon.call { client in
      try await Vets_Daemon_V1_ModuleService.Client(wrapping: client)
        .listModules(Vets_Daemon_V1_ListModulesRequest(), metadata: daemon.metadata, options: daemon.callOptions)
    }
    switch global.output {
    case .json: try Output.json(response)
    case .table, .csv:
      Output.table(
        ["MODULE", "VERSION", "STATE", "REQUIRES", "USES", "BACKGROUND", "ERROR"],
        response.modules.map { m in
          [m.id, m.version, state(m.state), list(m.requires), list(m.uses), background(m.background), m.error.isEmpty ? "-" : m.error]
        })
    }
  }

  func list(_ ids: [String]) -> String { ids.isEmpty ? "-" : ids.joined(separator: ",") }

  /// Each piece of background work: its name, whether its last run failed, what it found, and
  /// when it last ran.
  func background(_ work: [Vets_Daemon_V1_BackgroundWork]) -> String {
    work.isEmpty
      ? "-" : work.map { "\($0.name): \($0.ok ? "" : "FAILED ")\($0.detail) (at \(Dates.time($0.lastRun)))" }.joined(separator: "; ")
  }

  func state(_ state: Vets_Daemon_V1_ModuleState) -> String {
    switch state {
    case .enabled: "enabled"
    case .disabled: "disabled"
    case .failed: "failed"
    default: "unknown"
    }
  }
}

struct VersionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "version", abstract: "Print vetsctl's version and, when reachable, the daemon's.")

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let daemon = Daemon(options: global)
    let daemonVersion: String
    do {
      daemonVersion = try await daemon.call { client in
        try await Vets_Daemon_V1_ModuleService.Client(wrapping: client)
          .listModules(Vets_Daemon_V1_ListModulesRequest(), metadata: daemon.metadata, options: daemon.callOptions)
          .daemonVersion
      }
    } catch let error as CLIError {
      daemonVersion = "unknown (\(error.description))"
    }
    switch global.output {
    case .json:
      print("{\"vetsctl\":\"\(Vetsctl.version)\",\"vetsd\":\"\(daemonVersion.replacingOccurrences(of: "\"", with: "'"))\"}")
    case .table, .csv:
      Output.fields([("vetsctl", Vetsctl.version), ("vetsd", daemonVersion)])
    }
  }
}
