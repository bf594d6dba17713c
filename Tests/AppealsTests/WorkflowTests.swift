import Testing
import VetsAPI
import VetsKit

@testable import Appeals

/// The state machine, against the issue's own statement of it: received → determined → in
/// progress (↔ on hold) → resolved → return-visited → closed, and out-of-policy → closed.
@Suite struct WorkflowTests {
  typealias Step = AppealWorkflow.Step
  static let every: [AppealState] = [.received, .determined, .inProgress, .onHold, .resolved, .returnVisited, .closed, .outOfPolicy]

  /// Written out here, not read from the module, so that a change to either is caught.
  static let expected: [Step: [AppealState]] = [
    .determine: [.received],
    .assign: [.determined, .inProgress],
    .updateTask: [.inProgress, .onHold],
    .hold: [.inProgress],
    .resume: [.onHold],
    .extend: [.received, .determined, .inProgress, .onHold],
    .note: [.received, .determined, .inProgress, .onHold, .resolved, .returnVisited, .outOfPolicy],
    .resolve: [.inProgress],
    .returnVisit: [.resolved],
    .reopen: [.returnVisited],
    .close: [.returnVisited, .outOfPolicy],
    .openReliefCase: [.determined, .inProgress, .onHold],
  ]

  @Test(arguments: Step.allCases)
  func eachStepIsAllowedFromExactlyItsStatesAndRefusedNamingTheStateOtherwise(_ step: Step) throws {
    let allowed = Set(try #require(Self.expected[step]))
    for state in Self.every {
      if allowed.contains(state) {
        try AppealWorkflow.require(step, from: state, appeal: "apl_1")
      } else {
        let name = AppealWorkflow.text(state)
        let error = #expect(throws: VetsError.self) { try AppealWorkflow.require(step, from: state, appeal: "apl_1") }
        guard case .said(.failedPrecondition(let message), _) = error else {
          Issue.record("\(step) from \(name): expected FAILED_PRECONDITION, got \(String(describing: error))")
          continue
        }
        #expect(message.contains("it is \(name);"), "\(message)")
      }
    }
  }

  @Test func closedIsFinal() {
    for step in Step.allCases {
      #expect(throws: VetsError.self) { try AppealWorkflow.require(step, from: .closed, appeal: "apl_1") }
    }
  }

  @Test func theRefusalNamesTheStateAndTheStatesTheStepNeeds() {
    #expect(
      throws: VetsError.said(
        .failedPrecondition("cannot close appeal apl_1: it is in_progress; allowed when return_visited, out_of_policy"),
        chinese: "诉求 apl_1 目前为“办理中”，只有“已回访”或“政策外(已说明)”的诉求才能关闭")
    ) {
      try AppealWorkflow.require(.close, from: .inProgress, appeal: "apl_1")
    }
    #expect(
      throws: VetsError.said(
        .failedPrecondition("cannot record a return visit for appeal apl_1: it is unknown; allowed when resolved"),
        chinese: "诉求 apl_1 目前为“未知”，只有“已办结”的诉求才能登记回访")
    ) {
      try AppealWorkflow.require(.returnVisit, from: .unspecified, appeal: "apl_1")
    }
  }

  @Test func everyStateHasAChineseLabel() {
    for state in Self.every {
      #expect(Vets_Appeals_V1_AppealState.terms.label(of: state) != AppealWorkflow.text(state))
      #expect(Vets_Appeals_V1_AppealState.terms.value(typed: Vets_Appeals_V1_AppealState.terms.label(of: state)!) == state)
    }
  }

  @Test func everyStateHasAStoredWordReadBack() {
    for state in Self.every {
      #expect(AppealWorkflow.state(AppealWorkflow.text(state)) == state)
    }
    #expect(AppealWorkflow.state("no such state") == .unspecified)
  }
}
