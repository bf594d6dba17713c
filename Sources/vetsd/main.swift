import Registry
import ReliefFund
import Alliance
import Appeals
import Volunteers
import VetsDaemon
import VetsKit

// The service modules compiled into vetsd; the config file chooses which run.
let modules: [any VetsModule.Type] = [RegistryModule.self, ReliefModule.self, AllianceModule.self, VolunteersModule.self, AppealsModule.self]

await VetsdCommand.main(modules: modules)
