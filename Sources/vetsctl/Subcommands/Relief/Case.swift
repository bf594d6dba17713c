import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

struct CaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "case", abstract: "Assistance cases (一户一策): intake, assessment, plan, review, payment, follow-up.",
    subcommands: [
      Leaf<Open>.self, Leaf<Assess>.self, Leaf<PlanStep>.self, Leaf<Submit>.self, Leaf<Approve>.self, Leaf<Reject>.self,
      Leaf<GreenChannel>.self, Leaf<Pay>.self, Leaf<Schedule>.self, Leaf<Close>.self, Leaf<Show>.self, Leaf<List>.self,
    ])

  struct Open: CLICommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case for a registry household.")
    @Option(help: "The registry household's id.") var household: String
    @Option(help: "visit, appeal, self-report or referral.") var source: Word<Vets_Relief_V1_CaseSource>
    @Option(help: "The station or person who found or reported the need.") var reportedBy: String

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_OpenCaseRequest()
      r.requestID = cli.requestID
      r.householdID = household
      r.source = source.value
      r.reportedBy = reportedBy
      try await cli.show { try await $0.cases.openCase(r) }
    }
  }

  struct Assess: CLICommand {
    static let configuration = CommandConfiguration(commandName: "assess", abstract: "Record the household survey and assessment.")
    @Argument var caseID: String
    @Option(help: "Monthly income per member, yuan.") var income = "0"
    @Option var illness = ""
    @Option var disability = ""
    @Option var housing = ""
    @Option(help: "Debts, yuan.") var debts = "0"
    @Option var needs = ""
    @Option var notes = ""

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_AssessCaseRequest()
      r.requestID = cli.requestID
      r.caseID = caseID
      r.assessment.incomePerMember = try Yuan.parseOrZero(income, option: "--income")
      r.assessment.debts = try Yuan.parseOrZero(debts, option: "--debts")
      r.assessment.illness = illness
      r.assessment.disability = disability
      r.assessment.housing = housing
      r.assessment.needs = needs
      r.assessment.notes = notes
      try await cli.show { try await $0.cases.assessCase(r) }
    }
  }

  struct PlanStep: CLICommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Write the plan: measures, amount and fund.")
    @Argument var caseID: String
    @Option var measures: String
    @Option(help: "Yuan, e.g. 5000.00.") var amount: String
    @Option(help: "The fund's code.") var fund = "assistance"

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_PlanCaseRequest()
      r.requestID = cli.requestID
      r.caseID = caseID
      r.plan.measures = measures
      r.plan.requested = try Yuan.parse(amount, option: "--amount")
      r.plan.fund = fund
      try await cli.show { try await $0.cases.planCase(r) }
    }
  }

  struct Submit: CLICommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Send the plan for review.")
    @Argument var caseID: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_SubmitCaseRequest.with { $0.requestID = cli.requestID; $0.caseID = caseID }
      try await cli.show { try await $0.cases.submitCase(r) }
    }
  }

  struct Approve: CLICommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve at your level (an approver token).")
    @Argument var caseID: String
    @Option var comment = ""

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_ApproveCaseRequest.with { $0.requestID = cli.requestID; $0.caseID = caseID; $0.comment = comment }
      try await cli.show { try await $0.cases.approveCase(r) }
    }
  }

  struct Reject: CLICommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject with a policy reason (an approver token).")
    @Argument var caseID: String
    @Option(help: "A configured policy reason, e.g. outside_policy.") var reason: String
    @Option var detail = ""

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_RejectCaseRequest()
      r.requestID = cli.requestID
      r.caseID = caseID
      r.reason = reason
      r.detail = detail
      try await cli.show { try await $0.cases.rejectCase(r) }
    }
  }

  struct GreenChannel: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "green-channel", abstract: "Approve in one county-level decision (绿色通道), with a justification.")
    @Argument var caseID: String
    @Option var justification: String

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_GreenChannelCaseRequest()
      r.requestID = cli.requestID
      r.caseID = caseID
      r.justification = justification
      try await cli.show { try await $0.cases.greenChannelCase(r) }
    }
  }

  struct Pay: CLICommand {
    static let configuration = CommandConfiguration(commandName: "pay", abstract: "Pay all or part of the approved amount to a household member.")
    @Argument var caseID: String
    @Option(help: "The payee's person id: a living, active member of the household.") var payee: String
    @Option(help: "Yuan, e.g. 5000.00.") var amount: String
    @Option var memo = ""

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_PayCaseRequest()
      r.requestID = cli.requestID
      r.caseID = caseID
      r.payeePersonID = payee
      r.amount = try Yuan.parse(amount, option: "--amount")
      r.memo = memo
      try await cli.show { try await $0.cases.payCase(r) }
    }
  }

  struct Schedule: CLICommand {
    static let configuration = CommandConfiguration(commandName: "schedule", abstract: "Schedule follow-up visits after payment.")
    @Argument var caseID: String
    @Option(help: "How many visits.") var count: Int32 = 2

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_ScheduleFollowUpsRequest.with { $0.requestID = cli.requestID; $0.caseID = caseID; $0.count = count }
      try await cli.show { try await $0.cases.scheduleFollowUps(r) }
    }
  }

  struct Close: CLICommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the case with its outcome.")
    @Argument var caseID: String
    @Option var outcome: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_CloseCaseRequest.with { $0.requestID = cli.requestID; $0.caseID = caseID; $0.outcome = outcome }
      try await cli.show { try await $0.cases.closeCase(r) }
    }
  }

  struct Show: CLICommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A case with its decisions and timeline.")
    @Argument var caseID: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Relief_V1_GetCaseRequest.with { $0.caseID = caseID }
      try await cli.show { try await $0.cases.getCase(r) }
    }
  }

  struct List: CLICommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases.")
    @Option(help: "open, assessed, planned, in-review, approved, paid, closed or rejected.") var status: String?
    @Option var household = ""
    @OptionGroup var page: PageOptions

    func run(_ cli: CLI) async throws {
      var r = Vets_Relief_V1_ListCasesRequest()
      if let status {
        let words = Vets_Relief_V1_CaseStatus.words
        guard let value = words.value(status) else {
          throw ValidationError("--status must be one of \(words.words.joined(separator: ", "))")
        }
        r.status = value
      }
      r.householdID = household
      r.page = page.proto
      try await cli.show { try await $0.cases.listCases(r) }
    }
  }
}
