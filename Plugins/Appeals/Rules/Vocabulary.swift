// The words the module stores for its enums (`Terms`), with the clerk's Chinese word
// (GLOSSARY.md). The labels the yearly report prints are `AppealReport.categoryLabels`.

import VetsAPI
import VetsKit

enum Vocabulary {
  static let channels = Terms<Vets_Appeals_V1_Channel>([
    (.station, "station", "服务站(老兵话吧)"), (.serviceHall, "service_hall", "服务中心大厅"), (.phone, "phone", "电话"),
    (.homeVisit, "home_visit", "上门走访"), (.online, "online", "网上"),
  ])
  static let categories = Terms<Vets_Appeals_V1_Category>([
    (.pensionBenefits, "pension_benefits", "优抚待遇"), (.resettlementEmployment, "resettlement_employment", "安置就业"),
    (.medical, "medical", "医疗保障"), (.housing, "housing", "住房"), (.hardship, "hardship", "生活困难"),
    (.rightsLegal, "rights_legal", "权益维护"), (.records, "records", "档案身份"), (.other, "other", "其他"),
  ])
  static let departments = Terms<Vets_Appeals_V1_Department>([
    (.veteransAffairs, "veterans_affairs", "退役军人事务局"), (.petitionsOffice, "petitions_office", "信访局"),
    (.humanResourcesSocialSecurity, "human_resources_social_security", "人力资源和社会保障局"), (.civilAffairs, "civil_affairs", "民政局"),
    (.health, "health", "卫生健康局"), (.housing, "housing", "住房和城乡建设局"), (.formerEmployer, "former_employer", "原工作单位"),
    (.other, "other", "其他部门"),
  ])
  static let taskStates = Terms<Vets_Appeals_V1_TaskState>([(.open, "open", "待办"), (.working, "working", "办理中"), (.done, "done", "已完成")])
  static let satisfactions = Terms<Vets_Appeals_V1_Satisfaction>([
    (.satisfied, "satisfied", "满意"), (.basicallySatisfied, "basically_satisfied", "基本满意"), (.dissatisfied, "dissatisfied", "不满意"),
  ])
  static let states = Terms<Vets_Appeals_V1_AppealState>([
    (.received, "received", "已受理"), (.determined, "determined", "已研判"), (.inProgress, "in_progress", "办理中"),
    (.onHold, "on_hold", "暂缓"), (.resolved, "resolved", "已办结"), (.returnVisited, "return_visited", "已回访"), (.closed, "closed", "已关闭"),
    (.outOfPolicy, "out_of_policy", "政策外(已说明)"),
  ])
}
