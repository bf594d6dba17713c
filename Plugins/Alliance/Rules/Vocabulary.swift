// The words the module stores for its enums (`Terms`), with the clerk's Chinese word for each
// (GLOSSARY.md).

import VetsAPI
import VetsKit

enum Vocabulary {
  static let categories = Terms<Vets_Alliance_V1_EnterpriseCategory>([
    (.retail, "retail", "零售"), (.catering, "catering", "餐饮"), (.medical, "medical", "医疗"),
    (.housekeeping, "housekeeping", "家政"), (.education, "education", "教育培训"), (.transport, "transport", "交通出行"),
    (.finance, "finance", "金融"), (.culture, "culture", "文化旅游"), (.other, "other", "其他"),
  ])
  static let enterpriseStatuses = Terms<Vets_Alliance_V1_EnterpriseStatus>([
    (.active, "active", "正常"), (.suspended, "suspended", "暂停"), (.withdrawn, "withdrawn", "已退出"),
  ])
  static let benefits = Terms<Vets_Alliance_V1_BenefitKind>([
    (.percentOff, "percent_off", "折扣"), (.amountOff, "amount_off", "立减"), (.freeService, "free_service", "免费服务"),
    (.other, "other", "其他"),
  ])
  static let offerStatuses = Terms<Vets_Alliance_V1_OfferStatus>([(.active, "active", "有效"), (.paused, "paused", "暂停")])
}
