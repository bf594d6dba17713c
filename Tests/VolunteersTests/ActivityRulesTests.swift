import Testing
import VetsAPI
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
    let all: [ActivityStatus] = [.planned, .done, .hoursApproved, .cancelled]
    let expected: [(ActivityWorkflow.Action, Set<ActivityStatus>)] = [
      (.complete, [.planned]), (.cancel, [.planned]), (.recordHours, [.planned, .done, .hoursApproved]),
      (.approveHours, [.done, .hoursApproved]), (.raise, [.planned, .done, .hoursApproved]),
    ]
    #expect(expected.count == ActivityWorkflow.Action.allCases.count)
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
      throws: VetsError.said(
        .failedPrecondition("activity act_1 is cancelled; you can complete it only when it is planned"),
        chinese: "志愿服务活动 act_1 目前为“已取消”，只有“计划中”的活动才能登记为已开展")
    ) { try ActivityWorkflow.require(.complete, activity: "act_1", status: .cancelled) }
    #expect(
      throws: VetsError.said(
        .failedPrecondition("activity act_1 is planned; you can approve hours for it only when it is done or hours approved"),
        chinese: "志愿服务活动 act_1 目前为“计划中”，只有“已开展”或“时长已审核”的活动才能审核时长")
    ) { try ActivityWorkflow.require(.approveHours, activity: "act_1", status: .planned) }
  }

  @Test func everyStatusHasAStoredWordAndAChineseLabel() {
    for status in [ActivityStatus.planned, .done, .hoursApproved, .cancelled] {
      let word = ActivityStatus.terms.word(of: status)
      #expect(word.flatMap { ActivityStatus.terms.value($0) } == status)
      #expect(ActivityStatus.terms.label(of: status) != word)
    }
  }
}
