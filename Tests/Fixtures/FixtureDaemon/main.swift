import ProbeModule
import Registry
import VetsDaemon
import VetsKit

// vetsd's modules plus the test-only probe modules, for the end-to-end tests.
await VetsdCommand.main(modules: [RegistryModule.self, ProbeModule.self, ProbeExtraModule.self])
