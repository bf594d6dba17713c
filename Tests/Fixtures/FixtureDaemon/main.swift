import Alliance
import Appeals
import Foundation
import ProbeModule
import Registry
import ReliefFund
import VetsDaemon
import VetsKit
import Volunteers

/// The system clock moved on by whole days, or started at a chosen instant, so that tests
/// can see what a daemon does on a later day (a hold's end, an overdue appeal) or on either
/// side of midnight China time, without waiting for it. It runs on at the system clock's pace.
struct FixtureClock: WallClock {
  let offset: TimeInterval
  func now() -> Date { Date().addingTimeInterval(offset) }

  init(environment: [String: String]) {
    if let start = environment["VETSD_FIXTURE_START"].flatMap(Instant.date) {
      offset = start.timeIntervalSinceNow
    } else {
      offset = Double(environment["VETSD_FIXTURE_DAYS_AHEAD"].flatMap(Int.init) ?? 0) * 86_400
    }
  }
}

// vetsd's modules plus the test-only probe modules, for the end-to-end tests.
// VETSD_FIXTURE_DAYS_AHEAD=N runs the daemon N days in the future; VETSD_FIXTURE_START, an
// instant written like 2026-12-01T23:22:00Z, starts its clock there.
await VetsdCommand.main(
  modules: [
    RegistryModule.self, ReliefModule.self, AllianceModule.self, VolunteersModule.self, AppealsModule.self, ProbeModule.self,
    ProbeExtraModule.self,
  ],
  clock: FixtureClock(environment: ProcessInfo.processInfo.environment))
