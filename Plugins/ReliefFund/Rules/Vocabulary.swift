// The words the relief module stores for its enums (`Terms`), with the clerk's Chinese word
// for each (GLOSSARY.md, Relief).

import VetsAPI
import VetsKit

enum Vocabulary {
  static let caseStatuses = Terms<Vets_Relief_V1_CaseStatus>([
    (.open, "open", "已立案"), (.assessed, "assessed", "已评估"), (.planned, "planned", "已制定方案"), (.inReview, "in_review", "审核中"),
    (.approved, "approved", "已批准"), (.paid, "paid", "已发放"), (.closed, "closed", "已结案"), (.rejected, "rejected", "未批准"),
  ])
  static let caseSources = Terms<Vets_Relief_V1_CaseSource>([
    (.visit, "visit", "走访发现"), (.appeal, "appeal", "诉求转办"), (.selfReport, "self_report", "本人申请"), (.referral, "referral", "部门转介"),
  ])
  static let rosterLevels = Terms<Vets_Relief_V1_RosterLevel>([(.watch, "watch", "关注"), (.needy, "needy", "困难"), (.severe, "severe", "特别困难")])
  static let campaignKinds = Terms<Vets_Relief_V1_CampaignKind>([
    (.armyDay, "army_day", "八一走访慰问"), (.springFestival, "spring_festival", "春节走访慰问"), (.routine, "routine", "日常走访"),
  ])
  static let accountKinds = Terms<Vets_Relief_V1_AccountKind>([(.fund, "fund", "基金账户"), (.source, "source", "资金来源"), (.payout, "payout", "发放")])
  static let transferKinds = Terms<Vets_Relief_V1_TransferKind>([
    (.deposit, "deposit", "入账"), (.pending, "pending", "预留"), (.post, "post", "发放"), (.void, "void", "撤销预留"),
    (.reversal, "reversal", "冲正"),
  ])
}
