import ProbeModule
import VetsDaemon
import VetsKit

// vetsd with the test-only probe modules compiled in, for the end-to-end tests.
await VetsdCommand.main(modules: [ProbeModule.self, ProbeExtraModule.self])
