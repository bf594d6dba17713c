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

  struct Plan: Call {
    static let changesData = true
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

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.planActivity(c.write { r in
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
    }) }
  }

  struct RecordHours: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "record-hours",
      abstract: "Record a volunteer's hours at an activity (--corrects to replace an earlier entry).")
    @Argument var activity: String
    @Option var member: String
    @Option(help: "Hours, e.g. 2.5.") var hours: String
    @Option(help: "The entry this one replaces.") var corrects = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.recordHours(c.write { r in
      r.activityID = activity
      r.memberID = member
      r.minutes = try VolunteersCommand.minutes(hours)
      r.corrects = corrects
    }) }
  }

  struct ApproveHours: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "approve-hours", abstract: "Approve an activity's pending hours (coordinator tokens).")
    @Argument var activity: String
    @Option(help: "Approve only this entry; repeat for more.") var entry: [String] = []

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.approveHours(c.write {
      $0.activityID = activity
      $0.entryIds = entry
    }) }
  }

  struct Raise: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "raise", abstract: "Record money (--money) or goods (--goods, at their value) raised.")
    @Argument var activity: String
    @Option var donor: String
    @Option(help: "Money, yuan.") var money: String?
    @Option(help: "Goods, their value in yuan.") var goods: String?
    @Option var description = ""

    func check() throws {
      guard (money == nil) != (goods == nil) else { throw ValidationError("give exactly one of --money and --goods") }
    }

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.recordRaised(c.write { r in
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
    }) }
  }

  struct Deposit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: "Pay money raised into a relief fund, once (needs the relief module).")
    @Argument(help: "The donation's id.") var donation: String
    @Option(help: "The relief fund.") var fund: String
    @Option(help: "The relief source account the money comes from.") var source: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.depositDonation(c.write { r in
      r.donationID = donation
      r.fund = fund
      r.source = source
    }) }
  }

  struct Complete: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Mark an activity done.")
    @Argument var activity: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.completeActivity(c.write { $0.activityID = activity }) }
  }

  struct Cancel: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a planned activity.")
    @Argument var activity: String
    @Option var reason: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.cancelActivity(c.write { r in
      r.activityID = activity
      r.reason = reason
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List activities, newest first.")
    @Option var group = ""
    @Option var status: Word<Vets_Volunteers_V1_ActivityStatus>?
    @Option(help: "YYYY-MM-DD: starting on or after.") var from: String?
    @Option(help: "YYYY-MM-DD: starting on or before.") var to: String?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listActivities(.with { r in
      r.groupID = group
      if let status { r.status = status.value }
      if let from { r.fromDate = try Dates.parse(from, option: "--from") }
      if let to { r.to = try Dates.parse(to, option: "--to") }
      r.page = page.proto
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An activity with its hours and money raised.")
    @Argument var activity: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getActivity(.with { $0.id = activity }) }
  }
}
