// The appeals module's words (GLOSSARY.md, Appeals).

public import VetsAPI

extension Vets_Appeals_V1_Channel: Glossed {
  public static let terms = Terms<Self>(
    [
      (.station, "station", "服务站(老兵话吧)"), (.serviceHall, "service_hall", "服务中心大厅"), (.phone, "phone", "电话"),
      (.homeVisit, "home_visit", "上门走访"), (.online, "online", "网上"),
    ],
    also: ["station": ["服务站", "老兵话吧"], "service_hall": ["服务大厅", "大厅"], "home_visit": ["上门"]])
}

extension Vets_Appeals_V1_Category: Glossed {
  public static let terms = Terms<Self>([
    (.pensionBenefits, "pension_benefits", "优抚待遇"), (.resettlementEmployment, "resettlement_employment", "安置就业"),
    (.medical, "medical", "医疗保障"), (.housing, "housing", "住房"), (.hardship, "hardship", "生活困难"),
    (.rightsLegal, "rights_legal", "权益维护"), (.records, "records", "档案身份"), (.other, "other", "其他"),
  ])
}

extension Vets_Appeals_V1_Department: Glossed {
  public static let terms = Terms<Self>(
    [
      (.veteransAffairs, "veterans_affairs", "退役军人事务局"), (.petitionsOffice, "petitions_office", "信访局"),
      (.humanResourcesSocialSecurity, "human_resources_social_security", "人力资源和社会保障局"), (.civilAffairs, "civil_affairs", "民政局"),
      (.health, "health", "卫生健康局"), (.housing, "housing", "住房和城乡建设局"), (.formerEmployer, "former_employer", "原工作单位"),
      (.other, "other", "其他部门"),
    ],
    also: [
      "veterans_affairs": ["退役军人局"], "human_resources_social_security": ["人社局"], "health": ["卫健局"], "housing": ["住建局"],
    ])
}

extension Vets_Appeals_V1_TaskState: Glossed {
  public static let terms = Terms<Self>([(.open, "open", "待办"), (.working, "working", "办理中"), (.done, "done", "已完成")])
}

extension Vets_Appeals_V1_Satisfaction: Glossed {
  public static let terms = Terms<Self>([
    (.satisfied, "satisfied", "满意"), (.basicallySatisfied, "basically_satisfied", "基本满意"), (.dissatisfied, "dissatisfied", "不满意"),
  ])
}

extension Vets_Appeals_V1_AppealState: Glossed {
  public static let terms = Terms<Self>(
    [
      (.received, "received", "已受理"), (.determined, "determined", "已研判"), (.inProgress, "in_progress", "办理中"),
      (.onHold, "on_hold", "暂缓"), (.resolved, "resolved", "已办结"), (.returnVisited, "return_visited", "已回访"), (.closed, "closed", "已关闭"),
      (.outOfPolicy, "out_of_policy", "政策外(已说明)"),
    ],
    also: ["out_of_policy": ["政策外"]])
}

/// The appeal timeline's event codes (`TimelineEvent.event`) and the step a person reads.
public enum AppealEvent {
  public static let terms = Terms<String>([
    ("received", "received", "受理"), ("determined", "determined", "研判"), ("assigned", "assigned", "交办"),
    ("task_updated", "task_updated", "承办进展"), ("on_hold", "on_hold", "暂缓"), ("resumed", "resumed", "恢复办理"),
    ("extended", "extended", "延期"), ("note", "note", "说明"), ("resolved", "resolved", "办结"), ("return_visit", "return_visit", "回访"),
    ("reopened", "reopened", "重新办理"), ("relief_case_opened", "relief_case_opened", "转入困难帮扶"), ("closed", "closed", "关闭"),
  ])
}
