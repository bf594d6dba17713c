import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

struct CaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "case", abstract: Language.say("帮扶个案（一户一策）：立案、评估、方案、审批、发放、回访。", "Assistance cases (一户一策): intake, assessment, plan, review, payment, follow-up."),
    subcommands: [
      Leaf<Open>.self, Leaf<Assess>.self, Leaf<PlanStep>.self, Leaf<Submit>.self, Leaf<Approve>.self, Leaf<Reject>.self,
      Leaf<GreenChannel>.self, Leaf<Pay>.self, Leaf<Schedule>.self, Leaf<Close>.self, Leaf<Show>.self, Leaf<List>.self,
    ])

  struct Open: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "open", abstract: Language.say("为已登记的家庭户立案。", "Open a case for a registry household."))
    @Option(help: .household("立案的家庭户", "The registry household")) var household: Who
    @Option(help: .say("来源：visit 走访发现、appeal 诉求转办、self-report 本人申请或 referral 部门转介。", "visit, appeal, self-report or referral.")) var source: Word<Vets_Relief_V1_CaseSource>
    @Option(help: .say("发现或反映困难的服务站或人员。", "The station or person who found or reported the need.")) var reportedBy: String

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household.householdID(c, "--household")
      return try await c.cases.openCase(c.write { r in
        r.householdID = household
        r.source = source.value
        r.reportedBy = reportedBy
      })
    }
  }

  struct Assess: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "assess", abstract: Language.say("登记入户调查和评估结果。", "Record the household survey and assessment."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .say("家庭人均月收入（元）。", "Monthly income per member, yuan.")) var income = "0"
    @Option(help: .say("患病情况。", "Illness in the household.")) var illness = ""
    @Option(help: .say("残疾情况。", "Disability in the household.")) var disability = ""
    @Option(help: .say("住房情况。", "The housing situation.")) var housing = ""
    @Option(help: .say("负债（元）。", "Debts, yuan.")) var debts = "0"
    @Option(help: .say("主要困难和需求。", "What the household needs.")) var needs = ""
    @Option(help: .say("评估的其他说明（可不填）。", "Anything else the assessment found (optional).")) var notes = ""

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.assessCase(c.write { r in
        r.caseID = caseID
        r.assessment.incomePerMember = try Yuan.parseOrZero(income, option: "--income")
        r.assessment.debts = try Yuan.parseOrZero(debts, option: "--debts")
        r.assessment.illness = illness
        r.assessment.disability = disability
        r.assessment.housing = housing
        r.assessment.needs = needs
        r.assessment.notes = notes
      })
    }
  }

  struct PlanStep: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "plan", abstract: Language.say("制定帮扶方案：帮扶措施、金额和基金账户。", "Write the plan: measures, amount and fund."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .say("帮扶措施。", "The help measures.")) var measures: String
    @Option(help: .say("申请金额（元），如 5000.00。", "Yuan, e.g. 5000.00.")) var amount: String
    @Option(help: .say("基金账户代码。", "The fund's code.")) var fund = "assistance"

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.planCase(c.write { r in
        r.caseID = caseID
        r.plan.measures = measures
        r.plan.requested = try Yuan.parse(amount, option: "--amount")
        r.plan.fund = fund
      })
    }
  }

  struct Submit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "submit", abstract: Language.say("将帮扶方案提交审核。", "Send the plan for review."))
    @Argument(help: .reliefCase) var caseID: Who

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.submitCase(c.write { $0.caseID = caseID })
    }
  }

  struct Approve: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "approve", abstract: Language.say("在本级审批通过（须用审批人令牌）。", "Approve at your level (an approver token)."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .say("审批意见，如 同意（可不填）。", "The approver's comment (optional).")) var comment = ""

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.approveCase(c.write {
        $0.caseID = caseID
        $0.comment = comment
      })
    }
  }

  struct Reject: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "reject", abstract: Language.say("不予批准，须写明政策依据（须用审批人令牌）。", "Reject with a policy reason (an approver token)."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .say("已配置的政策依据代码，如 outside_policy。", "A configured policy reason, e.g. outside_policy.")) var reason: String
    @Option(help: .say("对不予批准原因的具体说明。", "What the reason means for this case.")) var detail = ""

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.rejectCase(c.write { r in
        r.caseID = caseID
        r.reason = reason
        r.detail = detail
      })
    }
  }

  struct GreenChannel: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "green-channel", abstract: Language.say("绿色通道：由县级一次审批通过，须写明理由。", "Approve in one county-level decision (绿色通道), with a justification."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .say("走绿色通道的理由：为什么不能等正常审批。", "Why it cannot wait for the normal review.")) var justification: String

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.greenChannelCase(c.write { r in
        r.caseID = caseID
        r.justification = justification
      })
    }
  }

  struct Pay: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "pay", abstract: Language.say("向本户成员发放批准金额的全部或一部分。", "Pay all or part of the approved amount to a household member."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .person("领款人，须为本户在册、健在的成员", "The payee, a living, active member of the household")) var payee: Who
    @Option(help: .say("发放金额（元），如 5000.00。", "Yuan, e.g. 5000.00.")) var amount: String
    @Option(help: .say("记入资金流水的摘要（不填则记为“发放给”领款人姓名和编号）。", "The ledger's memo (default: 发放给 and the payee's name and id).")) var memo = ""

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      let payee = try await self.payee.personID(c, "--payee")
      return try await c.cases.payCase(c.write { r in
        r.caseID = caseID
        r.payeePersonID = payee
        r.amount = try Yuan.parse(amount, option: "--amount")
        r.memo = memo
      })
    }
  }

  struct Schedule: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "schedule", abstract: Language.say("发放后安排回访。", "Schedule follow-up visits after payment."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .say("回访次数。", "How many visits.")) var count: Int32 = 2

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.scheduleFollowUps(c.write {
        $0.caseID = caseID
        $0.count = count
      })
    }
  }

  struct Close: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "close", abstract: Language.say("结案，写明帮扶结果。", "Close the case with its outcome."))
    @Argument(help: .reliefCase) var caseID: Who
    @Option(help: .say("帮扶结果，如 已出院，病情稳定。", "What the help achieved.")) var outcome: String

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.closeCase(c.write {
        $0.caseID = caseID
        $0.outcome = outcome
      })
    }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: Language.say("查看个案及其审批意见和办理经过。", "A case with its decisions and timeline."))
    @Argument(help: .reliefCase) var caseID: Who

    func call(_ c: Clients) async throws -> some Printable {
      let caseID = try await self.caseID.caseID(c)
      return try await c.cases.getCase(.with { $0.caseID = caseID })
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出帮扶个案。", "List cases."))
    @Option(help: .say("只列出这一状态的个案，如 审核中、已批准、已发放。", "Only cases in this state.")) var status: Word<Vets_Relief_V1_CaseStatus>?
    @Option(help: .household("只列出这一家庭户的个案", "Only this household's cases")) var household: Who?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household?.householdID(c, "--household") ?? ""
      return try await c.cases.listCases(.with { r in
        if let status { r.status = status.value }
        r.householdID = household
        r.page = page.proto
      })
    }
  }
}
