// The clerk's words for the wire's enums (GLOSSARY.md): one `Terms` table per enum, shared by
// the modules (what they store, what a CSV file may hold, what reports print) and by vetsctl
// (what a clerk may type, `vetsctl terms`).

public import SwiftProtobuf
import VetsAPI

/// A wire enum with its glossary table.
public protocol Glossed: SwiftProtobuf.Enum, CaseIterable, Sendable {
  static var terms: Terms<Self> { get }
}

public enum Glossary {
  /// One table as `vetsctl terms` lists it.
  public struct Kind: Sendable {
    /// What vetsctl calls it, e.g. "sex".
    public let name: String
    /// What a clerk calls it, e.g. "性别".
    public let title: String
    /// Code, label and synonyms, in table order.
    public let rows: [(code: String, label: String, also: [String])]
    /// The enum's non-zero cases that have no word in the table; empty when it is complete.
    public let missing: [Int]

    init<E: Glossed>(_ name: String, _ title: String, _ type: E.Type) {
      self.name = name
      self.title = title
      rows = E.terms.terms.map { ($0.word, $0.label ?? $0.word, $0.also) }
      missing = E.allCases.filter { $0.rawValue != 0 && E.terms.word(of: $0) == nil }.map(\.rawValue)
    }

    /// A table of codes that are text on the wire (timeline events).
    init(_ name: String, _ title: String, codes: Terms<String>) {
      self.name = name
      self.title = title
      rows = codes.terms.map { ($0.word, $0.label ?? $0.word, $0.also) }
      missing = []
    }
  }

  /// Every table, module by module.
  public static let kinds: [Kind] = [
    Kind("sex", "性别", Vets_Registry_V1_Sex.self),
    Kind("category", "优抚对象类别", Vets_Registry_V1_Category.self),
    Kind("kinship", "与军人关系", Vets_Registry_V1_Kinship.self),
    Kind("person-status", "人员状态", Vets_Registry_V1_PersonStatus.self),
    Kind("station-kind", "服务站类型", Vets_Registry_V1_StationKind.self),
    Kind("case-status", "帮扶案件状态", Vets_Relief_V1_CaseStatus.self),
    Kind("case-source", "案件来源", Vets_Relief_V1_CaseSource.self),
    Kind("case-event", "案件办理环节", codes: CaseEvent.terms),
    Kind("roster-level", "困难等级", Vets_Relief_V1_RosterLevel.self),
    Kind("campaign-kind", "走访类型", Vets_Relief_V1_CampaignKind.self),
    Kind("account-kind", "账户类型", Vets_Relief_V1_AccountKind.self),
    Kind("transfer-kind", "资金变动类型", Vets_Relief_V1_TransferKind.self),
    Kind("enterprise-category", "企业类别", Vets_Alliance_V1_EnterpriseCategory.self),
    Kind("enterprise-status", "企业状态", Vets_Alliance_V1_EnterpriseStatus.self),
    Kind("benefit-kind", "优待方式", Vets_Alliance_V1_BenefitKind.self),
    Kind("offer-status", "优待项目状态", Vets_Alliance_V1_OfferStatus.self),
    Kind("check-reason", "核验结果", Vets_Alliance_V1_CheckReason.self),
    Kind("organisation-type", "组织类型", Vets_Volunteers_V1_OrganisationType.self),
    Kind("record-status", "在册状态", Vets_Volunteers_V1_RecordStatus.self),
    Kind("direction", "服务方向", Vets_Volunteers_V1_Direction.self),
    Kind("activity-kind", "活动类型", Vets_Volunteers_V1_ActivityKind.self),
    Kind("activity-status", "活动状态", Vets_Volunteers_V1_ActivityStatus.self),
    Kind("hours-status", "时长状态", Vets_Volunteers_V1_HoursStatus.self),
    Kind("donation-kind", "捐赠类型", Vets_Volunteers_V1_DonationKind.self),
    Kind("channel", "受理渠道", Vets_Appeals_V1_Channel.self),
    Kind("appeal-category", "诉求类别", Vets_Appeals_V1_Category.self),
    Kind("appeal-state", "诉求状态", Vets_Appeals_V1_AppealState.self),
    Kind("department", "承办部门", Vets_Appeals_V1_Department.self),
    Kind("task-state", "任务状态", Vets_Appeals_V1_TaskState.self),
    Kind("satisfaction", "满意度", Vets_Appeals_V1_Satisfaction.self),
    Kind("appeal-event", "诉求办理环节", codes: AppealEvent.terms),
    Kind("role", "角色", Vets_Daemon_V1_Role.self),
  ]

  public static func kind(named name: String) -> Kind? { kinds.first { $0.name == name } }
}
