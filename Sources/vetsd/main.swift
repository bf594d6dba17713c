import VetsDaemon
import VetsKit

// The service modules compiled into vetsd; the config file chooses which run.
let modules: [any VetsModule.Type] = []

await VetsdCommand.main(modules: modules)
