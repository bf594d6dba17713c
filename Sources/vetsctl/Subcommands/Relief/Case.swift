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

  struct Open: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case for a registry household.")
    @Option(help: "The registry household's id.") var household: String
    @Option(help: "visit, appeal, self-report or referral.") var source: Word<Vets_Relief_V1_CaseSource>
    @Option(help: "The station or person who found or reported the need.") var reportedBy: String

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.openCase(c.write { r in
      r.householdID = household
      r.source = source.value
      r.reportedBy = reportedBy
    }) }
  }

  struct Assess: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "assess", abstract: "Record the household survey and assessment.")
    @Argument var caseID: String
    @Option(help: "Monthly income per member, yuan.") var income = "0"
    @Option var illness = ""
    @Option var disability = ""
    @Option var housing = ""
    @Option(help: "Debts, yuan.") var debts = "0"
    @Option var needs = ""
    @Option var notes = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.assessCase(c.write { r in
      r.caseID = caseID
      r.assessment.incomePerMember = try Yuan.parseOrZero(income, option: "--income")
      r.assessment.debts = try Yuan.parseOrZero(debts, option: "--debts")
      r.assessment.illness = illness
      r.assessment.disability = disability
      r.assessment.housing = housing
      r.assessment.needs = needs
      r.assessment.notes = notes
    }) }
  }

  struct PlanStep: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Write the plan: measures, amount and fund.")
    @Argument var caseID: String
    @Option var measures: String
    @Option(help: "Yuan, e.g. 5000.00.") var amount: String
    @Option(help: "The fund's code.") var fund = "assistance"

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.planCase(c.write { r in
      r.caseID = caseID
      r.plan.measures = measures
      r.plan.requested = try Yuan.parse(amount, option: "--amount")
      r.plan.fund = fund
    }) }
  }

  struct Submit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Send the plan for review.")
    @Argument var caseID: String

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.submitCase(c.write { $0.caseID = caseID }) }
  }

  struct Approve: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve at your level (an approver token).")
    @Argument var caseID: String
    @Option var comment = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.approveCase(c.write {
      $0.caseID = caseID
      $0.comment = comment
    }) }
  }

  struct Reject: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject with a policy reason (an approver token).")
    @Argument var caseID: String
    @Option(help: "A configured policy reason, e.g. outside_policy.") var reason: String
    @Option var detail = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.rejectCase(c.write { r in
      r.caseID = caseID
      r.reason = reason
      r.detail = detail
    }) }
  }

  struct GreenChannel: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "green-channel", abstract: "Approve in one county-level decision (绿色通道), with a justification.")
    @Argument var caseID: String
    @Option var justification: String

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.greenChannelCase(c.write { r in
      r.caseID = caseID
      r.justification = justification
    }) }
  }

  struct Pay: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "pay", abstract: "Pay all or part of the approved amount to a household member.")
    @Argument var caseID: String
    @Option(help: "The payee's person id: a living, active member of the household.") var payee: String
    @Option(help: "Yuan, e.g. 5000.00.") var amount: String
    @Option var memo = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.payCase(c.write { r in
      r.caseID = caseID
      r.payeePersonID = payee
      r.amount = try Yuan.parse(amount, option: "--amount")
      r.memo = memo
    }) }
  }

  struct Schedule: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "schedule", abstract: "Schedule follow-up visits after payment.")
    @Argument var caseID: String
    @Option(help: "How many visits.") var count: Int32 = 2

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.scheduleFollowUps(c.write {
      $0.caseID = caseID
      $0.count = count
    }) }
  }

  struct Close: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the case with its outcome.")
    @Argument var caseID: String
    @Option var outcome: String

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.closeCase(c.write {
      $0.caseID = caseID
      $0.outcome = outcome
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A case with its decisions and timeline.")
    @Argument var caseID: String

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.getCase(.with { $0.caseID = caseID }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases.")
    @Option(help: "open, assessed, planned, in-review, approved, paid, closed or rejected.") var status: String?
    @Option var household = ""
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.cases.listCases(.with { r in
      if let status {
        let words = Vets_Relief_V1_CaseStatus.words
        guard let value = words.value(status) else {
          throw ValidationError("--status must be one of \(words.words.joined(separator: ", "))")
        }
        r.status = value
      }
      r.householdID = household
      r.page = page.proto
    }) }
  }
}
