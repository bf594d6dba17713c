import Alliance
import Volunteers
import ProbeModule
import Registry
import ReliefFund
import VetsDaemon
import VetsKit

// vetsd's modules plus the test-only probe modules, for the end-to-end tests.
await VetsdCommand.main(modules: [RegistryModule.self, ReliefModule.self, AllianceModule.self, VolunteersModule.self, ProbeModule.self, ProbeExtraModule.self])
