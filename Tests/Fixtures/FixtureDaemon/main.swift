import Alliance
import Appeals
import Foundation
import ProbeModule
import Registry
import ReliefFund
import VetsDaemon
import VetsKit
import Volunteers

/// The system clock moved on by whole days, so that tests can see what a daemon does on a
/// later day (a hold's end, an overdue appeal) without waiting for it.
struct DaysAheadClock: WallClock {
  let days: Int
  func now() -> Date { Date().addingTimeInterval(Double(days) * 86_400) }
}

// vetsd's modules plus the test-only probe modules, for the end-to-end tests.
// VETSD_FIXTURE_DAYS_AHEAD=N runs the daemon N days in the future.
let daysAhead = ProcessInfo.processInfo.environment["VETSD_FIXTURE_DAYS_AHEAD"].flatMap(Int.init) ?? 0
await VetsdCommand.main(
  modules: [
    RegistryModule.self, ReliefModule.self, AllianceModule.self, VolunteersModule.self, AppealsModule.self, ProbeModule.self,
    ProbeExtraModule.self,
  ],
  clock: DaysAheadClock(days: daysAhead))
