// The words the module stores for its enums (`Terms`), and the labels reports print.

import VetsAPI
import VetsKit

enum Vocabulary {
  static let channels = Terms<Vets_Appeals_V1_Channel>([
    (.station, "station"), (.serviceHall, "service_hall"), (.phone, "phone"), (.homeVisit, "home_visit"), (.online, "online"),
  ])
  static let categories = Terms<Vets_Appeals_V1_Category>([
    (.pensionBenefits, "pension_benefits"), (.resettlementEmployment, "resettlement_employment"), (.medical, "medical"),
    (.housing, "housing"), (.hardship, "hardship"), (.rightsLegal, "rights_legal"), (.records, "records"), (.other, "other"),
  ])
  static let categoryLabels: [String: String] = [
    "pension_benefits": "Pension and benefits (优抚待遇)", "resettlement_employment": "Resettlement and employment (安置就业)",
    "medical": "Medical (医疗)", "housing": "Housing (住房)", "hardship": "Hardship (生活困难)",
    "rights_legal": "Rights and legal (权益法律)", "records": "Records (档案)", "other": "Other (其他)",
  ]
  static let departments = Terms<Vets_Appeals_V1_Department>([
    (.veteransAffairs, "veterans_affairs"), (.petitionsOffice, "petitions_office"),
    (.humanResourcesSocialSecurity, "human_resources_social_security"), (.civilAffairs, "civil_affairs"), (.health, "health"),
    (.housing, "housing"), (.formerEmployer, "former_employer"), (.other, "other"),
  ])
  static let taskStates = Terms<Vets_Appeals_V1_TaskState>([(.open, "open"), (.working, "working"), (.done, "done")])
  static let satisfactions = Terms<Vets_Appeals_V1_Satisfaction>([
    (.satisfied, "satisfied"), (.basicallySatisfied, "basically_satisfied"), (.dissatisfied, "dissatisfied"),
  ])
  static let states = Terms<Vets_Appeals_V1_AppealState>([
    (.received, "received"), (.determined, "determined"), (.inProgress, "in_progress"), (.onHold, "on_hold"),
    (.resolved, "resolved"), (.returnVisited, "return_visited"), (.closed, "closed"), (.outOfPolicy, "out_of_policy"),
  ])
}
