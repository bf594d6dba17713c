import GRPCCore
import VetsAPI
import VetsKit

/// What is compiled in, what runs, and why a module did not start.
struct ModuleService: Vets_Daemon_V1_ModuleService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "ListModules": .read(.admin, .clerk, .approver, .auditor, .coordinator, .system, .enterprise)
  ]

  let modules: [Vets_Daemon_V1_Module]
  /// Running modules' background reports, read at each call.
  let health: [String: BackgroundHealth]
  let version: String

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Vets_Daemon_V1_ModuleService.descriptor, rules: Self.rules)
  }

  func listModules(request: Vets_Daemon_V1_ListModulesRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_ListModulesResponse
  {
    var response = Vets_Daemon_V1_ListModulesResponse()
    response.modules = modules.map { module in
      var module = module
      module.background = health[module.id]?.current ?? []
      return module
    }
    response.daemonVersion = version
    return response
  }
}
