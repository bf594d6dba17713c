import Registry
import ReliefFund
import Alliance
import VetsDaemon
import VetsKit

// The service modules compiled into vetsd; the config file chooses which run.
let modules: [any VetsModule.Type] = [RegistryModule.self, ReliefModule.self, AllianceModule.self]

await VetsdCommand.main(modules: modules)
