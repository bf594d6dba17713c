// The relief module's words (GLOSSARY.md, Relief).

public import VetsAPI

extension Vets_Relief_V1_CaseStatus: Glossed {
  public static let terms = Terms<Self>(
    [
      (.open, "open", "已立案"), (.assessed, "assessed", "已评估"), (.planned, "planned", "已制定方案"), (.inReview, "in_review", "审核中"),
      (.approved, "approved", "已批准"), (.paid, "paid", "已发放"), (.closed, "closed", "已结案"), (.rejected, "rejected", "未批准"),
    ],
    also: ["rejected": ["不予批准"]])
}

extension Vets_Relief_V1_CaseSource: Glossed {
  public static let terms = Terms<Self>([
    (.visit, "visit", "走访发现"), (.appeal, "appeal", "诉求转办"), (.selfReport, "self_report", "本人申请"), (.referral, "referral", "部门转介"),
  ])
}

extension Vets_Relief_V1_RosterLevel: Glossed {
  public static let terms = Terms<Self>([(.watch, "watch", "关注"), (.needy, "needy", "困难"), (.severe, "severe", "特别困难")])
}

extension Vets_Relief_V1_CampaignKind: Glossed {
  public static let terms = Terms<Self>(
    [(.armyDay, "army_day", "八一走访慰问"), (.springFestival, "spring_festival", "春节走访慰问"), (.routine, "routine", "日常走访")],
    also: ["army_day": ["八一"], "spring_festival": ["春节"]])
}

extension Vets_Relief_V1_AccountKind: Glossed {
  public static let terms = Terms<Self>([(.fund, "fund", "基金账户"), (.source, "source", "资金来源"), (.payout, "payout", "发放")])
}

extension Vets_Relief_V1_TransferKind: Glossed {
  public static let terms = Terms<Self>([
    (.deposit, "deposit", "入账"), (.pending, "pending", "预留"), (.post, "post", "发放"), (.void, "void", "撤销预留"),
    (.reversal, "reversal", "冲正"),
  ])
}

/// A relief case's timeline event codes and the step a clerk reads.
public enum CaseEvent {
  public static let terms = Terms<String>([
    ("opened", "opened", "立案"), ("assessed", "assessed", "入户评估"), ("planned", "planned", "制定帮扶方案"),
    ("submitted", "submitted", "提交审批"), ("approved", "approved", "审批通过"), ("rejected", "rejected", "驳回"),
    ("green_channel", "green_channel", "绿色通道"), ("paid", "paid", "发放"), ("follow_up_scheduled", "follow_up_scheduled", "安排回访"),
    ("closed", "closed", "结案"),
  ])
}
