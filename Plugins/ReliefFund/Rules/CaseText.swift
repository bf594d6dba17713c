import VetsKit

/// What a case's timeline says, in Chinese, for the clerks and approvers who read it. The
/// event's code (`planned`, `approved`…) stays the stable word for programs.
enum CaseText {
  static func opened(reportedBy: String, appealID: String?) -> String {
    (appealID.map { "由诉求\($0)转入，" } ?? "") + "反映人：\(reportedBy)"
  }

  static func planned(requested fen: Int64, fund: String) -> String { "申请从\(fund)救助\(Money.yuan(fen))元" }

  static func submitted(chain: [String]) -> String { "提交审批：\(chain.map(level).joined(separator: " → "))" }

  static func approved(level: String, comment: String) -> String { "\(self.level(level))审批通过" + (comment.isEmpty ? "" : "：\(comment)") }

  static func rejected(level: String, reason: String, detail: String) -> String {
    "\(self.level(level))未批准：\(reason)" + (detail.isEmpty ? "" : "，\(detail)")
  }

  static func paid(_ fen: Int64, to payee: String, name: String) -> String { "发放\(Money.yuan(fen))元给\(name)（\(payee)）" }

  static func paymentRetried(_ transferID: String) -> String { "重复提交的发放\(transferID)，未重复发放" }

  /// An approval level of `[modules.relief] approval_chain` as a clerk says it.
  static func level(_ word: String) -> String {
    ["village": "村级", "town": "镇级", "county": "县级", "green_channel": "绿色通道"][word] ?? word
  }
}
