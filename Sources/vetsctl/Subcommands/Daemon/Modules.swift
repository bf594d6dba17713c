import ArgumentParser
import Foundation
import VetsAPI
import VetsKit

struct ModulesCommand: Call {
  static let configuration = CommandConfiguration(
    commandName: "modules", abstract: Language.say("列出编译进系统的模块：版本、状态、依赖和错误。", "List the compiled-in modules: version, state, dependencies and errors."))

  func call(_ c: Clients) async throws -> some Printable { try await c.modules.listModules(Vets_Daemon_V1_ListModulesRequest()) }
}

struct VersionCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "version", abstract: Language.say("显示 vetsctl 的版本；连得上 vetsd 时也显示 vetsd 的版本。", "Print vetsctl's version and, when reachable, the daemon's."))

  func run(_ cli: CLI) async throws {
    let daemonVersion: String
    do {
      daemonVersion = try await cli.call { try await $0.modules.listModules(Vets_Daemon_V1_ListModulesRequest()).daemonVersion }
    } catch let error as CLIError {
      daemonVersion = "unknown (\(error.description))"
    }
    cli.show(
      [("vetsctl", Vetsctl.version), ("vetsd", daemonVersion)],
      json: [("vetsctl", .string(Vetsctl.version)), ("vetsd", .string(daemonVersion.replacingOccurrences(of: "\"", with: "'")))])
  }
}

extension Vets_Daemon_V1_ListModulesResponse: Printable {
  func printTable() {
    Output.table(
      ["MODULE", "VERSION", "STATE", "REQUIRES", "USES", "BACKGROUND", "ERROR"],
      modules.map { m in
        [m.id, m.version, word(m.state), list(m.requires), list(m.uses), background(m.background), m.error.isEmpty ? "-" : m.error]
      })
  }

  func list(_ ids: [String]) -> String { ids.isEmpty ? "-" : ids.joined(separator: ",") }

  /// Each piece of background work: its name, whether its last run failed, what it found, and
  /// when it last ran.
  func background(_ work: [Vets_Daemon_V1_BackgroundWork]) -> String {
    work.isEmpty
      ? "-" : work.map { "\($0.name): \($0.ok ? "" : "FAILED ")\($0.detail) (at \(Dates.time($0.lastRun)))" }.joined(separator: "; ")
  }
}

extension Vets_Daemon_V1_ModuleState: Worded {
  static let words = Terms<Self>([(.enabled, "enabled"), (.disabled, "disabled"), (.failed, "failed")])
}
