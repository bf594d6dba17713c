// The volunteer network's words (GLOSSARY.md, Volunteers).

public import VetsAPI

extension Vets_Volunteers_V1_OrganisationType: Glossed {
  public static let terms = Terms<Self>(
    [
      (.association, "association", "协会"), (.social, "social", "社会化拥军组织"), (.enterpriseUnit, "enterprise_unit", "会员单位 (企业)"),
      (.governmentUnit, "government_unit", "会员单位 (机关事业单位)"),
    ],
    also: ["association": ["双拥协会"], "enterprise_unit": ["企业会员单位"], "government_unit": ["机关会员单位", "事业单位会员单位"]])
}

extension Vets_Volunteers_V1_RecordStatus: Glossed {
  public static let terms = Terms<Self>([(.active, "active", "在册"), (.inactive, "inactive", "已退出")])
}

extension Vets_Volunteers_V1_Direction: Glossed {
  public static let terms = Terms<Self>([(.supportMilitary, "support_military", "拥军优属"), (.supportPeople, "support_people", "拥政爱民")])
}

extension Vets_Volunteers_V1_ActivityKind: Glossed {
  public static let terms = Terms<Self>([
    (.visit, "visit", "走访慰问"), (.housekeeping, "housekeeping", "家政服务"), (.performance, "performance", "文艺演出"),
    (.medical, "medical", "义诊"), (.policyTalk, "policy_talk", "政策宣讲"), (.fundraising, "fundraising", "募捐"), (.other, "other", "其他"),
  ])
}

extension Vets_Volunteers_V1_ActivityStatus: Glossed {
  public static let terms = Terms<Self>([
    (.planned, "planned", "计划中"), (.done, "done", "已开展"), (.hoursApproved, "hours_approved", "时长已审核"),
    (.cancelled, "cancelled", "已取消"),
  ])
}

extension Vets_Volunteers_V1_HoursStatus: Glossed {
  public static let terms = Terms<Self>([(.pending, "pending", "待审核"), (.approved, "approved", "已审核"), (.corrected, "corrected", "已更正")])
}

extension Vets_Volunteers_V1_DonationKind: Glossed {
  public static let terms = Terms<Self>([(.money, "money", "爱心款"), (.goods, "goods", "爱心物资")])
}
