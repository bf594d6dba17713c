// What may happen to an activity in each state: planned → done → hours approved, or planned
// → cancelled. New hours on an approved activity send it back to done (HoursStore).

import Foundation
import VetsAPI
import VetsKit

typealias ActivityStatus = Vets_Volunteers_V1_ActivityStatus

enum ActivityWorkflow {
  /// The longest activity: a week.
  static let maxMinutes = 7 * 24 * 60

  enum Action: String, CaseIterable, Sendable {
    case complete, cancel, recordHours = "record hours for", approveHours = "approve hours for", raise = "record money or goods for"

    /// The action in the clerk's words, as a refusal says it.
    var chinese: String {
      switch self {
      case .complete: "登记为已开展"
      case .cancel: "取消"
      case .recordHours: "登记时长"
      case .approveHours: "审核时长"
      case .raise: "登记募集的款物"
      }
    }
  }

  /// The states each action is allowed in.
  static let table = StateTable<ActivityStatus, Action>(
    [
      .complete: [.planned],
      .cancel: [.planned],
      .recordHours: [.planned, .done, .hoursApproved],
      .raise: [.planned, .done, .hoursApproved],
      .approveHours: [.done, .hoursApproved],
    ], words: ActivityStatus.terms)

  /// Refuses an action the activity's state does not allow, naming the state.
  static func require(_ action: Action, activity id: String, status: ActivityStatus) throws(VetsError) {
    try table.require(action, from: status) { state, allowed in
      "activity \(id) is \(state.spoken); you can \(action.rawValue) it only when it is \(allowed.map(\.spoken).joined(separator: " or "))"
    } chinese: { state, allowed in
      "志愿服务活动 \(id) 目前为\(state)，只有\(allowed)的活动才能\(action.chinese)"
    }
  }
}
