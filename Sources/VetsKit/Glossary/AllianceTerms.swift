// The alliance's words (GLOSSARY.md, Alliance).

public import VetsAPI

extension Vets_Alliance_V1_EnterpriseCategory: Glossed {
  public static let terms = Terms<Self>([
    (.retail, "retail", "零售"), (.catering, "catering", "餐饮"), (.medical, "medical", "医疗"),
    (.housekeeping, "housekeeping", "家政"), (.education, "education", "教育培训"), (.transport, "transport", "交通出行"),
    (.finance, "finance", "金融"), (.culture, "culture", "文化旅游"), (.other, "other", "其他"),
  ])
}

extension Vets_Alliance_V1_EnterpriseStatus: Glossed {
  public static let terms = Terms<Self>([(.active, "active", "正常"), (.suspended, "suspended", "暂停"), (.withdrawn, "withdrawn", "已退出")])
}

extension Vets_Alliance_V1_BenefitKind: Glossed {
  public static let terms = Terms<Self>([
    (.percentOff, "percent_off", "折扣"), (.amountOff, "amount_off", "立减"), (.freeService, "free_service", "免费服务"),
    (.other, "other", "其他"),
  ])
}

extension Vets_Alliance_V1_OfferStatus: Glossed {
  public static let terms = Terms<Self>([(.active, "active", "有效"), (.paused, "paused", "暂停")])
}

extension Vets_Alliance_V1_CheckReason: Glossed {
  public static let terms = Terms<Self>([
    (.confirmed, "confirmed", "核验通过"), (.notConfirmed, "not_confirmed", "未核验通过"),
    (.categoryNotEligible, "category_not_eligible", "不在优待范围"), (.limitReached, "limit_reached", "已达次数上限"),
    (.quotaExhausted, "quota_exhausted", "名额已满"), (.offerNotActive, "offer_not_active", "项目未生效"),
  ])
}
