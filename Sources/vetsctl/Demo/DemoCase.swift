import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// One assistance case of the demo (一户一策), and how far through the workflow it goes.
struct DemoCase {
  enum Review {
    /// Not sent for review.
    case none
    /// Sent, then approved at this many levels (all of them: approved).
    case approve(Int)
    /// Approved at this many levels, then rejected at the next with a policy reason.
    case reject(after: Int, reason: String, detail: String)
    /// One county decision (绿色通道).
    case greenChannel(String)
  }

  let key: String
  let source: Vets_Relief_V1_CaseSource
  let reportedBy: String
  var assessment: (income: Int64, illness: String, disability: String, housing: String, needs: String)?
  var plan: (measures: String, yuan: Int64)?
  var review = Review.none
  var payments: [Int64] = []
  var followUps: Int32 = 0
  var followUpVisit = false
  var outcome: String?

  var isSubmitted: Bool {
    switch review {
    case .approve, .reject: true
    case .none, .greenChannel: false
    }
  }

  /// Every state the workflow has: open, assessed, planned, in review at each level, approved
  /// (normally, by green channel, part-paid), paid with follow-ups, closed, rejected at two levels.
  static let all: [DemoCase] = [
    DemoCase(
      key: "rong", source: .visit, reportedBy: "东关村老兵话吧",
      assessment: (300, "癌症（2008年起）", "妻子瘫痪在床", "自有平房", "医疗费用"), plan: ("帮扶基金救助，县镇村三级联动", 5_000),
      review: .greenChannel("癌症晚期、配偶瘫痪，家庭急需医疗费用，县镇村三级联动走绿色通道"), payments: [5_000], followUps: 2,
      followUpVisit: true),
    DemoCase(key: "open", source: .selfReport, reportedBy: "西关村老兵话吧"),
    DemoCase(key: "assessed", source: .appeal, reportedBy: "县退役军人服务中心", assessment: (650, "", "", "危房", "房屋修缮")),
    DemoCase(
      key: "planned", source: .visit, reportedBy: "南旺村老兵话吧", assessment: (480, "慢性肾病", "", "", "透析费用"),
      plan: ("帮扶基金医疗救助", 4_000)),
    DemoCase(
      key: "submitted", source: .referral, reportedBy: "县民政局", assessment: (520, "", "肢体二级残疾", "", "康复器具"),
      plan: ("购置轮椅及康复器具", 3_000), review: .approve(0)),
    DemoCase(
      key: "village-approved", source: .visit, reportedBy: "柳林闸村老兵话吧", assessment: (400, "脑梗后遗症", "", "", "护理费用"),
      plan: ("帮扶基金救助并链接雷锋家政服务", 6_000), review: .approve(1)),
    DemoCase(
      key: "town-approved", source: .appeal, reportedBy: "南旺镇退役军人服务站", assessment: (350, "", "", "房屋漏雨", "房屋修缮"),
      plan: ("危房改造补助", 8_000), review: .approve(2)),
    DemoCase(
      key: "approved", source: .visit, reportedBy: "东关村老兵话吧", assessment: (420, "糖尿病并发症", "", "", "医疗费用"),
      plan: ("帮扶基金医疗救助", 5_000), review: .approve(3)),
    DemoCase(
      key: "green-approved", source: .selfReport, reportedBy: "西关村老兵话吧", assessment: (300, "", "", "房屋失火", "临时住所与生活用品"),
      plan: ("突发火灾临时救助", 3_000), review: .greenChannel("住房失火，全家无处安身，需立即救助")),
    DemoCase(
      key: "part-paid", source: .referral, reportedBy: "县人社局", assessment: (380, "子女重病", "", "", "住院费用"),
      plan: ("帮扶基金分期救助", 6_000), review: .approve(3), payments: [2_000]),
    DemoCase(
      key: "paid", source: .visit, reportedBy: "南旺村老兵话吧", assessment: (450, "肺癌术后", "", "", "医疗费用"),
      plan: ("帮扶基金医疗救助", 4_000), review: .approve(3), payments: [4_000], followUps: 2),
    DemoCase(
      key: "closed", source: .visit, reportedBy: "柳林闸村老兵话吧", assessment: (500, "", "", "", "子女学费"),
      plan: ("助学救助", 3_000), review: .approve(3), payments: [3_000], followUps: 1, followUpVisit: true,
      outcome: "回访满意：子女已入学，家庭退出帮扶"),
    DemoCase(
      key: "green-closed", source: .appeal, reportedBy: "县退役军人服务中心", assessment: (260, "突发重病", "", "", "医疗费用"),
      plan: ("绿色通道医疗救助", 4_500), review: .greenChannel("突发重病住院，需先行救助"), payments: [4_500],
      outcome: "已出院，病情稳定"),
    DemoCase(
      key: "rejected-village", source: .selfReport, reportedBy: "东关村老兵话吧", assessment: (3_200, "", "", "", "生活补助"),
      plan: ("生活补助", 2_000), review: .reject(after: 0, reason: "income_above_threshold", detail: "家庭人均月收入高于当地低保标准")),
    DemoCase(
      key: "rejected-county", source: .appeal, reportedBy: "南旺镇退役军人服务站", assessment: (900, "", "", "", "建房贷款"),
      plan: ("建房贷款贴息", 10_000), review: .reject(after: 2, reason: "outside_policy", detail: "建房贷款不属于帮扶基金救助范围")),
    DemoCase(
      key: "closed-unneeded", source: .referral, reportedBy: "县信访局", assessment: (1_500, "", "", "", "就业帮扶"),
      outcome: "经核实已稳定就业，无需救助"),
  ]
}
