import Testing
import VetsKit

@testable import Volunteers

@Suite struct HoursRulesTests {
  @Test(arguments: [Int32(0), -1, -600, .min])
  func refusesHoursThatAreNotPositive(_ minutes: Int32) {
    #expect(throws: VetsError.invalidArgument(field: "minutes", rule: "must be greater than zero (got \(minutes))")) {
      try HoursRules.check(minutes: minutes, duration: 120)
    }
  }

  @Test func acceptsTheWholeDurationAndNoMore() throws {
    try HoursRules.check(minutes: 120, duration: 120)
    #expect(throws: VetsError.invalidArgument(field: "minutes", rule: "must be at most the activity's duration of 120 minutes (got 121)")) {
      try HoursRules.check(minutes: 121, duration: 120)
    }
  }

  @Test func allowsExactlyTwentyFourHoursInADay() throws {
    try HoursRules.checkDay(minutes: 600, otherMinutes: 840, day: "2025-03-05")
    #expect(throws: VetsError.self) { try HoursRules.checkDay(minutes: 601, otherMinutes: 840, day: "2025-03-05") }
  }

  @Test func measuresDurationInWholeMinutes() {
    #expect(HoursRules.duration(from: "2025-03-05T01:00:00.000Z", to: "2025-03-05T03:30:59.000Z") == 150)
  }
}

@Suite struct ActivityWorkflowTests {
  @Test func allowsEachActionOnlyInItsStates() throws {
    let all = ["planned", "done", "hours_approved", "cancelled"]
    let expected: [(ActivityWorkflow.Action, Set<String>)] = [
      (.complete, ["planned"]), (.cancel, ["planned"]), (.recordHours, ["planned", "done", "hours_approved"]),
      (.approveHours, ["done", "hours_approved"]), (.raise, ["planned", "done", "hours_approved"]),
    ]
    for (action, allowed) in expected {
      for status in all {
        if allowed.contains(status) {
          try ActivityWorkflow.require(action, activity: "act_1", status: status)
        } else {
          #expect(throws: VetsError.self, "\(action) in \(status)") { try ActivityWorkflow.require(action, activity: "act_1", status: status) }
        }
      }
    }
  }

  @Test func namesTheCurrentStateWhenRefusing() {
    #expect(
      throws: VetsError.failedPrecondition("activity act_1 is cancelled; you can complete it only when it is planned")
    ) { try ActivityWorkflow.require(.complete, activity: "act_1", status: "cancelled") }
  }
}
