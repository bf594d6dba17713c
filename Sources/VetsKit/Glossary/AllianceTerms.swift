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

/// An offer's benefit as the bureau's directory and vetsctl say it: 优惠 20%, 立减 10.00 元, or the
/// benefit written in words; with `chinese` false, 20% off and 10.00 yuan off.
public enum BenefitWords {
  public static func say(_ kind: Vets_Alliance_V1_BenefitKind, percentOff: Int32, amountOffFen: Int64, text: String, chinese: Bool = true)
    -> String
  {
    switch kind {
    case .percentOff: chinese ? "优惠 \(percentOff)%" : "\(percentOff)% off"
    case .amountOff: chinese ? "立减 \(Money.yuan(amountOffFen)) 元" : "\(Money.yuan(amountOffFen)) yuan off"
    default: text
    }
  }
}
