// The words the module stores for its enums (`Terms`), with the clerk's Chinese word
// (GLOSSARY.md). The activity states are `ActivityWorkflow.statuses`.

import VetsAPI
import VetsKit

enum Vocabulary {
  static let organisationTypes = Terms<Vets_Volunteers_V1_OrganisationType>([
    (.association, "association", "协会"), (.social, "social", "社会化拥军组织"), (.enterpriseUnit, "enterprise_unit", "会员单位 (企业)"),
    (.governmentUnit, "government_unit", "会员单位 (机关事业单位)"),
  ])
  static let statuses = Terms<Vets_Volunteers_V1_RecordStatus>([(.active, "active", "在册"), (.inactive, "inactive", "已退出")])
  static let directions = Terms<Vets_Volunteers_V1_Direction>([
    (.supportMilitary, "support_military", "拥军优属"), (.supportPeople, "support_people", "拥政爱民"),
  ])
  static let activityKinds = Terms<Vets_Volunteers_V1_ActivityKind>([
    (.visit, "visit", "走访慰问"), (.housekeeping, "housekeeping", "家政服务"), (.performance, "performance", "文艺演出"),
    (.medical, "medical", "义诊"), (.policyTalk, "policy_talk", "政策宣讲"), (.fundraising, "fundraising", "募捐"), (.other, "other", "其他"),
  ])
  static let donationKinds = Terms<Vets_Volunteers_V1_DonationKind>([(.money, "money", "爱心款"), (.goods, "goods", "爱心物资")])
}
