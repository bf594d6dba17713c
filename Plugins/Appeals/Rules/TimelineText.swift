import VetsAPI
import VetsKit

/// What the timeline says to the person, in Chinese: the sentences `vetsctl appeals timeline`
/// prints for a written reply (答复单). The event's code (`received`, `determined`…) stays
/// the stable word for programs; these sentences are for people.
enum TimelineText {
  static func received(station: String, channel: String, summary: String, due: CalendarDate, workingDays: Int) -> String {
    "\(station)受理（\(Vets_Appeals_V1_Channel.terms.label(ofWord: channel))）：\(summary)；应于\(due.chinese)前答复（\(workingDays)个工作日）"
  }

  static func determined(within: Bool, reference: String, explanation: String) -> String {
    let basis = reference.isEmpty ? "" : "（依据：\(reference)）"
    return (within ? "经审核，属于政策范围" : "经审核，不属于政策范围") + basis + "：\(explanation)"
  }

  /// `departments` are the named ones or the glossary's words.
  static func assigned(_ departments: [(word: String, name: String)], taskForce: Bool) -> String {
    let names = departments.map { $0.name.isEmpty ? Vets_Appeals_V1_Department.terms.label(ofWord: $0.word) : $0.name }
    return "已交\(names.joined(separator: "、"))办理" + (taskForce ? "（成立工作专班）" : "")
  }

  static func taskUpdated(_ taskID: String, state: String?, owner: String, note: String) -> String {
    let changes = [
      state.map { "状态改为\(Vets_Appeals_V1_TaskState.terms.label(ofWord: $0))" }, owner.isEmpty ? nil : "承办人\(owner)", note.isEmpty ? nil : note,
    ]
    return "\(taskID)：\(changes.compactMap { $0 }.joined(separator: "；"))"
  }

  static func held(until: CalendarDate, reason: String) -> String { "暂停办理至\(until.chinese)：\(reason)" }

  static func resumed(pausedWorkingDays: Int, due: CalendarDate) -> String {
    "恢复办理；暂停顺延\(pausedWorkingDays)个工作日，应于\(due.chinese)前答复"
  }

  static func holdEnded(until: CalendarDate, pausedWorkingDays: Int, due: CalendarDate) -> String {
    "暂停于\(until.chinese)期满，恢复办理；顺延\(pausedWorkingDays)个工作日，应于\(due.chinese)前答复"
  }

  static func extended(by days: Int, from before: CalendarDate, to after: CalendarDate, reason: String) -> String {
    "延期\(days)个工作日，答复期限由\(before.chinese)延至\(after.chinese)：\(reason)"
  }

  static func resolved(outcome: String, measures: String) -> String { "办理结果：\(outcome)；采取措施：\(measures)" }

  static func returnVisit(satisfaction: String, comment: String) -> String {
    "评价：\(Vets_Appeals_V1_Satisfaction.terms.label(ofWord: satisfaction))" + (comment.isEmpty ? "" : "；意见：\(comment)")
  }

  static func reopened(reason: String) -> String { "原因：\(reason)" }

  static func closed(outsidePolicy reference: String?, explanation: String) -> String {
    guard let reference else { return "办结" }
    return "办结（不属于政策范围，依据：\(reference)）：\(explanation)"
  }

  static func reliefCaseOpened(_ caseID: String) -> String { "已为该户启动困难帮扶（一户一策），案件编号\(caseID)" }
}
