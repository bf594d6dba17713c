// The states an appeal passes through, and which step is allowed from which state:
// received → determined → in progress (↔ on hold) → resolved → return-visited → closed,
// or received → out of policy → closed. A dissatisfied return visit may reopen it once.

import VetsAPI
import VetsKit

typealias AppealState = Vets_Appeals_V1_AppealState

enum AppealWorkflow {
  static func text(_ state: AppealState) -> String { Vets_Appeals_V1_AppealState.terms.word(of: state) ?? "unknown" }
  static func state(_ text: String) -> AppealState { Vets_Appeals_V1_AppealState.terms.value(text) ?? .unspecified }

  /// The states whose deadline clock runs: an appeal in one of them past its due date is overdue.
  static let clockRuns: Set<AppealState> = [.received, .determined, .inProgress]
  /// The states with a due date still to meet: the clock runs, or a hold has stopped it.
  static let unfinished = clockRuns.union([.onHold])

  /// The stored words of `states` as an SQL list, e.g. `'received', 'determined'`. The words
  /// are the module's own constants, never client text.
  static func sqlList(_ states: Set<AppealState>) -> String {
    states.map { "\(quoted: text($0))" }.sorted().joined(separator: ", ")
  }

  enum Step: String, CaseIterable, Sendable {
    case determine, assign
    case updateTask = "update a task of"
    case hold, resume, extend
    case note = "add a note to"
    case resolve
    case returnVisit = "record a return visit for"
    case reopen, close
    case openReliefCase = "open a relief case for"

    /// The step in the clerk's words, as a refusal says it.
    var chinese: String {
      switch self {
      case .determine: "研判"
      case .assign: "交办"
      case .updateTask: "更新任务"
      case .hold: "暂缓"
      case .resume: "恢复办理"
      case .extend: "延期"
      case .note: "添加说明"
      case .resolve: "办结"
      case .returnVisit: "登记回访"
      case .reopen: "重新办理"
      case .close: "关闭"
      case .openReliefCase: "转为帮扶个案"
      }
    }
  }

  /// The states each step is allowed from.
  static let table = StateTable<AppealState, Step>(
    [
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
    ], words: Vets_Appeals_V1_AppealState.terms)

  /// Refuses a step the appeal's state does not allow, naming the state it is in.
  static func require(_ step: Step, from state: AppealState, appeal id: String) throws(VetsError) {
    try table.require(step, from: state) { state, allowed in
      "cannot \(step.rawValue) appeal \(id): it is \(state); allowed when \(allowed.joined(separator: ", "))"
    } chinese: { state, allowed in
      "诉求 \(id) 目前为\(state)，只有\(allowed)的诉求才能\(step.chinese)"
    }
  }
}
