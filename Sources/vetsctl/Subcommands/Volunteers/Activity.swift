import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl volunteers activity ...`: plans, hours, money and goods raised, deposits.
struct ActivityCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activity", abstract: "Activities for veterans and their families, with hours and money raised.",
    subcommands: [
      Leaf<Plan>.self, Leaf<RecordHours>.self, Leaf<ApproveHours>.self, Leaf<Raise>.self, Leaf<Deposit>.self, Leaf<Complete>.self,
      Leaf<Cancel>.self, Leaf<List>.self, Leaf<Show>.self,
    ])

  struct Plan: CLICommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Plan an activity.")
    @Option(help: "A service group running it; repeat for more.") var group: [String]
    @Option var title: String
    @Option(help: ArgumentHelp("visit, housekeeping, performance, medical, policy_talk, fundraising or other.", valueName: "kind"))
    var kind: Word<Vets_Volunteers_V1_ActivityKind>
    @Option(help: "'YYYY-MM-DD HH:MM', China time.") var start: String
    @Option(help: "'YYYY-MM-DD HH:MM', China time.") var end: String
    @Option(help: "9-digit town or 12-digit village code.") var placeCode: String
    @Option(help: "The place, in words.") var place = ""
    @Option(help: "A registry person served; repeat for more.") var person: [String] = []
    @Option(help: "A registry household served; repeat for more.") var household: [String] = []
    @Option(help: "People served who are not in the registry.") var headCount: Int32 = 0

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_PlanActivityRequest()
      r.requestID = cli.requestID
      r.activity.groupIds = group
      r.activity.title = title
      r.activity.kind = kind.value
      r.activity.startsAt = try Dates.parseTime(start, option: "--start")
      r.activity.endsAt = try Dates.parseTime(end, option: "--end")
      r.activity.placeCode = placeCode
      r.activity.place = place
      r.activity.beneficiaries.personIds = person
      r.activity.beneficiaries.householdIds = household
      r.activity.beneficiaries.headCount = headCount
      try await cli.show { try await $0.volunteers.planActivity(r) }
    }
  }

  struct RecordHours: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "record-hours",
      abstract: "Record a volunteer's hours at an activity (--corrects to replace an earlier entry).")
    @Argument var activity: String
    @Option var member: String
    @Option(help: "Hours, e.g. 2.5.") var hours: String
    @Option(help: "The entry this one replaces.") var corrects = ""

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_RecordHoursRequest()
      r.requestID = cli.requestID
      r.activityID = activity
      r.memberID = member
      r.minutes = try VolunteersCommand.minutes(hours)
      r.corrects = corrects
      try await cli.show { try await $0.volunteers.recordHours(r) }
    }
  }

  struct ApproveHours: CLICommand {
    static let configuration = CommandConfiguration(commandName: "approve-hours", abstract: "Approve an activity's pending hours (coordinator tokens).")
    @Argument var activity: String
    @Option(help: "Approve only this entry; repeat for more.") var entry: [String] = []

    func run(_ cli: CLI) async throws {
      let r = Vets_Volunteers_V1_ApproveHoursRequest.with { $0.requestID = cli.requestID; $0.activityID = activity; $0.entryIds = entry }
      try await cli.show { try await $0.volunteers.approveHours(r) }
    }
  }

  struct Raise: CLICommand {
    static let configuration = CommandConfiguration(commandName: "raise", abstract: "Record money (--money) or goods (--goods, at their value) raised.")
    @Argument var activity: String
    @Option var donor: String
    @Option(help: "Money, yuan.") var money: String?
    @Option(help: "Goods, their value in yuan.") var goods: String?
    @Option var description = ""

    func check() throws {
      guard (money == nil) != (goods == nil) else { throw ValidationError("give exactly one of --money and --goods") }
    }

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_RecordRaisedRequest()
      r.requestID = cli.requestID
      r.activityID = activity
      r.donor = donor
      if let money {
        r.kind = .money
        r.amount = try Yuan.parse(money, option: "--money")
      } else if let goods {
        r.kind = .goods
        r.amount = try Yuan.parse(goods, option: "--goods")
      }
      r.description_p = description
      try await cli.show { try await $0.volunteers.recordRaised(r) }
    }
  }

  struct Deposit: CLICommand {
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: "Pay money raised into a relief fund, once (needs the relief module).")
    @Argument(help: "The donation's id.") var donation: String
    @Option(help: "The relief fund.") var fund: String
    @Option(help: "The relief source account the money comes from.") var source: String

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_DepositDonationRequest()
      r.requestID = cli.requestID
      r.donationID = donation
      r.fund = fund
      r.source = source
      try await cli.show { try await $0.volunteers.depositDonation(r) }
    }
  }

  struct Complete: CLICommand {
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Mark an activity done.")
    @Argument var activity: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Volunteers_V1_ActivityTransitionRequest.with { $0.requestID = cli.requestID; $0.activityID = activity }
      try await cli.show { try await $0.volunteers.completeActivity(r) }
    }
  }

  struct Cancel: CLICommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a planned activity.")
    @Argument var activity: String
    @Option var reason: String

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_ActivityTransitionRequest()
      r.requestID = cli.requestID
      r.activityID = activity
      r.reason = reason
      try await cli.show { try await $0.volunteers.cancelActivity(r) }
    }
  }

  struct List: CLICommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List activities, newest first.")
    @Option var group = ""
    @Option var status: Word<Vets_Volunteers_V1_ActivityStatus>?
    @Option(help: "YYYY-MM-DD: starting on or after.") var from: String?
    @Option(help: "YYYY-MM-DD: starting on or before.") var to: String?
    @OptionGroup var page: PageOptions

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_ListActivitiesRequest()
      r.groupID = group
      if let status { r.status = status.value }
      if let from { r.fromDate = try Dates.parse(from, option: "--from") }
      if let to { r.to = try Dates.parse(to, option: "--to") }
      r.page = page.proto
      try await cli.show { try await $0.volunteers.listActivities(r) }
    }
  }

  struct Show: CLICommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An activity with its hours and money raised.")
    @Argument var activity: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Volunteers_V1_GetActivityRequest.with { $0.id = activity }
      try await cli.show { try await $0.volunteers.getActivity(r) }
    }
  }
}
