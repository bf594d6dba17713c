// The Chinese of a step a workflow's state does not allow, one sentence per step and state.

extension RefusalChinese {
  /// A workflow's states: the stored word, the clerk's word in a list of states, and how a
  /// refusal says the record is in it now ("已暂缓" for on_hold).
  typealias State = (word: String, label: String, now: String)
  /// A workflow's step: as the refusal names it, in the clerk's word, and the states it needs.
  typealias Step = (english: String, chinese: String, allowed: Set<String>)

  static let caseStates: [State] = [
    ("open", "已立案", "已立案"), ("assessed", "已评估", "已评估"), ("planned", "已制定方案", "已制定方案"), ("in_review", "审核中", "审核中"),
    ("approved", "已批准", "已批准"), ("paid", "已发放", "已发放"), ("closed", "已结案", "已结案"), ("rejected", "未批准", "未批准"),
  ]
  static let caseSteps: [Step] = [
    ("an assessment", "评估", ["open", "assessed"]), ("a plan", "制定方案", ["assessed", "planned"]),
    ("submission for review", "提交审批", ["planned"]), ("a decision", "审批", ["in_review"]),
    ("a green-channel decision", "走绿色通道审批", ["planned", "in_review"]), ("a payment", "发放", ["approved"]),
    ("scheduling follow-ups", "安排回访", ["paid"]), ("a follow-up visit", "登记回访", ["paid"]),
    ("closing", "结案", ["open", "assessed", "planned", "approved", "paid"]),
  ]
  static let appealStates: [State] = [
    ("received", "已受理", "已受理"), ("determined", "已研判", "已研判"), ("in_progress", "办理中", "办理中"), ("on_hold", "暂缓", "已暂缓"),
    ("resolved", "已办结", "已办结"), ("return_visited", "已回访", "已回访"), ("closed", "已关闭", "已关闭"),
    ("out_of_policy", "政策外(已说明)", "属政策外(已说明)"),
  ]
  static let appealSteps: [Step] = [
    ("determine", "研判", ["received"]), ("assign", "交办", ["determined", "in_progress"]),
    ("update a task of", "更新任务", ["in_progress", "on_hold"]), ("hold", "暂缓", ["in_progress"]), ("resume", "恢复办理", ["on_hold"]),
    ("extend", "延期", ["received", "determined", "in_progress", "on_hold"]),
    ("add a note to", "添加说明", ["received", "determined", "in_progress", "on_hold", "resolved", "return_visited", "out_of_policy"]),
    ("resolve", "办结", ["in_progress"]), ("record a return visit for", "登记回访", ["resolved"]), ("reopen", "重新办理", ["return_visited"]),
    ("close", "关闭", ["return_visited", "out_of_policy"]), ("open a relief case for", "转为帮扶个案", ["determined", "in_progress", "on_hold"]),
  ]
  static let activityStates: [State] = [
    ("planned", "计划中", "计划中"), ("done", "已开展", "已开展"), ("hours_approved", "时长已审核", "时长已审核"), ("cancelled", "已取消", "已取消"),
  ]
  static let activitySteps: [Step] = [
    ("complete", "登记为已开展", ["planned"]), ("cancel", "取消", ["planned"]),
    ("record hours for", "登记时长", ["planned", "done", "hours_approved"]),
    ("approve hours for", "审核时长", ["done", "hours_approved"]),
    ("record money or goods for", "登记募集的款物", ["planned", "done", "hours_approved"]),
  ]

  /// Whole refusals: a step the record's state does not allow (`StateTable.require`), one
  /// pattern per step and state, worded as CaseWorkflow, AppealWorkflow and ActivityWorkflow
  /// word them: "帮扶个案 case_x 已批准，只有审核中的个案才能审批".
  static let stateRefusals: [(String, String)] = caseRefusals + appealRefusals + activityRefusals

  static let caseRefusals = stepRefusals(caseStates, caseSteps) { (step: String, state: String, allowed: [String]) -> String in
    #"case (\S+) is "# + state + "; \(step) needs it to be " + allowed.joined(separator: " or ")
  } chinese: { (step: String, now: String, allowed: String) -> String in "帮扶个案 $1 \(now)，只有\(allowed)的个案才能\(step)" }

  static let appealRefusals = stepRefusals(appealStates, appealSteps) { (step: String, state: String, allowed: [String]) -> String in
    "cannot \(step) appeal " + #"(\S+): it is "# + state + "; allowed when " + allowed.joined(separator: ", ")
  } chinese: { (step: String, now: String, allowed: String) -> String in "诉求 $1 \(now)，只有\(allowed)的诉求才能\(step)" }

  static let activityRefusals = stepRefusals(activityStates, activitySteps) { (step: String, state: String, allowed: [String]) -> String in
    #"activity (\S+) is "# + state.spoken + "; you can \(step) it only when it is " + allowed.map(\.spoken).joined(separator: " or ")
  } chinese: { (step: String, now: String, allowed: String) -> String in "志愿服务活动 $1 \(now)，只有\(allowed)的活动才能\(step)" }

  /// Each step's refusal from each state it is not allowed in: the English from the step, the
  /// state and the allowed states (stored words, in table order); the Chinese from the step's
  /// word, the state now and the allowed states' words ("已立案或已评估").
  static func stepRefusals(
    _ states: [State], _ steps: [Step], english: (String, String, [String]) -> String, chinese: (String, String, String) -> String
  ) -> [(String, String)] {
    steps.flatMap { step in
      let allowed = states.filter { step.allowed.contains($0.word) }
      let words = allowed.map(\.label)
      let either = words.count < 2 ? words.joined() : words.dropLast().joined(separator: "、") + "或" + words.last!
      return states.filter { !step.allowed.contains($0.word) }.map { state in
        (english(step.english, state.word, allowed.map(\.word)), chinese(step.chinese, state.now, either))
      }
    }
  }
}
