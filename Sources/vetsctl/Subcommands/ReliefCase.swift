import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

struct CaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "case", abstract: "Assistance cases (一户一策): intake, assessment, plan, review, payment, follow-up.",
    subcommands: [Open.self, Assess.self, PlanStep.self, Submit.self, Approve.self, Reject.self, GreenChannel.self, Pay.self,
      Schedule.self, Close.self, Show.self, List.self])

  enum Source: String, ExpressibleByArgument, CaseIterable {
    case visit, appeal, selfReport = "self-report", referral
    var proto: Vets_Relief_V1_CaseSource {
      switch self {
      case .visit: .visit
      case .appeal: .appeal
      case .selfReport: .selfReport
      case .referral: .referral
      }
    }
  }

  /// Makes one case call and prints the case.
  static func run(
    _ global: GlobalOptions,
    _ call: (Vets_Relief_V1_CaseService.Client<HTTP2ClientTransport.Posix>, Metadata, CallOptions) async throws
      -> Vets_Relief_V1_Case
  ) async throws {
    let daemon = Daemon(options: global)
    let (metadata, options) = (daemon.metadata, daemon.callOptions)
    let c = try await daemon.call { client in try await call(Vets_Relief_V1_CaseService.Client(wrapping: client), metadata, options) }
    try printCase(c, global)
  }

  static func amount(_ text: String, option: String) throws -> Vets_Common_V1_Money {
    do {
      return Money.proto(try Money.fen(yuan: text, field: option))
    } catch {
      throw ValidationError(error.message)
    }
  }

  struct Open: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case for a registry household.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The registry household's id.") var household: String
    @Option(help: "visit, appeal, self-report or referral.") var source: Source
    @Option(help: "The station or person who found or reported the need.") var reportedBy: String

    func run() async throws {
      var r = Vets_Relief_V1_OpenCaseRequest()
      r.requestID = global.effectiveRequestID
      r.householdID = household
      r.source = source.proto
      r.reportedBy = reportedBy
      try await CaseCommand.run(global) { c, m, o in try await c.openCase(r, metadata: m, options: o) }
    }
  }

  struct Assess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assess", abstract: "Record the household survey and assessment.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option(help: "Monthly income per member, yuan.") var income = "0"
    @Option var illness = ""
    @Option var disability = ""
    @Option var housing = ""
    @Option(help: "Debts, yuan.") var debts = "0"
    @Option var needs = ""
    @Option var notes = ""

    func run() async throws {
      var r = Vets_Relief_V1_AssessCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.assessment.incomePerMember = income == "0" ? Money.proto(0) : try CaseCommand.amount(income, option: "--income")
      r.assessment.debts = debts == "0" ? Money.proto(0) : try CaseCommand.amount(debts, option: "--debts")
      r.assessment.illness = illness
      r.assessment.disability = disability
      r.assessment.housing = housing
      r.assessment.needs = needs
      r.assessment.notes = notes
      try await CaseCommand.run(global) { c, m, o in try await c.assessCase(r, metadata: m, options: o) }
    }
  }

  struct PlanStep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Write the plan: measures, amount and fund.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option var measures: String
    @Option(help: "Yuan, e.g. 5000.00.") var amount: String
    @Option(help: "The fund's code.") var fund = "assistance"

    func run() async throws {
      var r = Vets_Relief_V1_PlanCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.plan.measures = measures
      r.plan.requested = try CaseCommand.amount(amount, option: "--amount")
      r.plan.fund = fund
      try await CaseCommand.run(global) { c, m, o in try await c.planCase(r, metadata: m, options: o) }
    }
  }

  struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Send the plan for review.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String

    func run() async throws {
      var r = Vets_Relief_V1_SubmitCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      try await CaseCommand.run(global) { c, m, o in try await c.submitCase(r, metadata: m, options: o) }
    }
  }

  struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve at your level (an approver token).")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option var comment = ""

    func run() async throws {
      var r = Vets_Relief_V1_ApproveCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.comment = comment
      try await CaseCommand.run(global) { c, m, o in try await c.approveCase(r, metadata: m, options: o) }
    }
  }

  struct Reject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject with a policy reason (an approver token).")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option(help: "A configured policy reason, e.g. outside_policy.") var reason: String
    @Option var detail = ""

    func run() async throws {
      var r = Vets_Relief_V1_RejectCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.reason = reason
      r.detail = detail
      try await CaseCommand.run(global) { c, m, o in try await c.rejectCase(r, metadata: m, options: o) }
    }
  }

  struct GreenChannel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "green-channel", abstract: "Approve in one county-level decision (绿色通道), with a justification.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option var justification: String

    func run() async throws {
      var r = Vets_Relief_V1_GreenChannelCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.justification = justification
      try await CaseCommand.run(global) { c, m, o in try await c.greenChannelCase(r, metadata: m, options: o) }
    }
  }

  struct Pay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pay", abstract: "Pay all or part of the approved amount to a household member.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option(help: "The payee's person id: a living, active member of the household.") var payee: String
    @Option(help: "Yuan, e.g. 5000.00.") var amount: String
    @Option var memo = ""

    func run() async throws {
      var r = Vets_Relief_V1_PayCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.payeePersonID = payee
      r.amount = try CaseCommand.amount(amount, option: "--amount")
      r.memo = memo
      try await CaseCommand.run(global) { c, m, o in try await c.payCase(r, metadata: m, options: o) }
    }
  }

  struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schedule", abstract: "Schedule follow-up visits after payment.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option(help: "How many visits.") var count: Int32 = 2

    func run() async throws {
      var r = Vets_Relief_V1_ScheduleFollowUpsRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.count = count
      try await CaseCommand.run(global) { c, m, o in try await c.scheduleFollowUps(r, metadata: m, options: o) }
    }
  }

  struct Close: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the case with its outcome.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String
    @Option var outcome: String

    func run() async throws {
      var r = Vets_Relief_V1_CloseCaseRequest()
      r.requestID = global.effectiveRequestID
      r.caseID = caseID
      r.outcome = outcome
      try await CaseCommand.run(global) { c, m, o in try await c.closeCase(r, metadata: m, options: o) }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A case with its decisions and timeline.")
    @OptionGroup var global: GlobalOptions
    @Argument var caseID: String

    func run() async throws {
      var r = Vets_Relief_V1_GetCaseRequest()
      r.caseID = caseID
      try await CaseCommand.run(global) { c, m, o in try await c.getCase(r, metadata: m, options: o) }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "open, assessed, planned, in-review, approved, paid, closed or rejected.") var status: String?
    @Option var household = ""
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Relief_V1_ListCasesRequest()
      if let status {
        guard let value = caseStatuses.first(where: { $0.1 == status })?.0 else {
          throw ValidationError("--status must be one of \(caseStatuses.map(\.1).joined(separator: ", "))")
        }
        r.status = value
      }
      r.householdID = household
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Relief_V1_CaseService.Client(wrapping: client).listCases(r, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["CASE", "HOUSEHOLD", "STATUS", "REQUESTED", "APPROVED", "PAID", "GREEN CHANNEL"],
          response.cases.map { c in
            [c.id, c.householdID, statusName(c.status), Money.yuan(c.plan.requested.fen), Money.yuan(c.approved.fen),
             Money.yuan(c.paid.fen), c.greenChannel ? "yes" : "-"]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}

let caseStatuses: [(Vets_Relief_V1_CaseStatus, String)] = [
  (.open, "open"), (.assessed, "assessed"), (.planned, "planned"), (.inReview, "in-review"), (.approved, "approved"),
  (.paid, "paid"), (.closed, "closed"), (.rejected, "rejected"),
]

func statusName(_ status: Vets_Relief_V1_CaseStatus) -> String { caseStatuses.first { $0.0 == status }?.1 ?? "unknown" }

func printCase(_ c: Vets_Relief_V1_Case, _ global: GlobalOptions) throws {
  switch global.output {
  case .json: try Output.json(c)
  case .table, .csv:
    var fields = [
      ("case", c.id), ("household", c.householdID), ("status", statusName(c.status)), ("reported by", c.reportedBy),
      ("appeal", c.appealID.isEmpty ? "-" : c.appealID),
      ("requested", c.hasPlan ? "\(Money.yuan(c.plan.requested.fen)) from \(c.plan.fund)" : "-"),
      ("approved", Money.yuan(c.approved.fen)), ("paid", Money.yuan(c.paid.fen)),
      ("waiting for", c.pendingLevels.isEmpty ? "-" : c.pendingLevels.joined(separator: " → ")),
      ("green channel", c.greenChannel ? "yes: \(c.justification)" : "no"),
    ]
    if !c.rejectionReason.isEmpty { fields.append(("rejected", "\(c.rejectionReason): \(c.rejectionDetail)")) }
    if !c.followUps.isEmpty {
      fields.append(("follow-ups", c.followUps.map { Dates.text($0) }.joined(separator: ", ")))
    }
    if !c.outcome.isEmpty { fields.append(("outcome", c.outcome)) }
    fields.append(("days to approval", c.hasDaysToApproval ? String(c.daysToApproval) : "-"))
    fields.append(("days to payment", c.hasDaysToPayment ? String(c.daysToPayment) : "-"))
    Output.fields(fields)
    print("")
    Output.table(["TIME", "EVENT", "BY", "DETAIL"], c.timeline.map { [Output.time($0.at), $0.event, $0.tokenName, $0.detail] })
  }
}
