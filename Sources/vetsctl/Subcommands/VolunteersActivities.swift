import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

/// `vetsctl volunteers activity ...`: plans, hours, money and goods raised, deposits.

// MARK: Activities

struct ActivityCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activity", abstract: "Activities for veterans and their families, with hours and money raised.",
    subcommands: [
      Plan.self, RecordHours.self, ApproveHours.self, Raise.self, Deposit.self, Complete.self, Cancel.self, List.self, Show.self,
    ])

  static func print(_ activities: [Vets_Volunteers_V1_Activity]) {
    Output.table(
      ["ACTIVITY", "TITLE", "KIND", "STARTS", "ENDS", "PLACE", "GROUPS", "STATUS"],
      activities.map { a in
        [a.id, a.title, EnumNames.name(a.kind), Dates.time(a.startsAt), Dates.time(a.endsAt),
         a.place.isEmpty ? a.placeCode : "\(a.placeCode) \(a.place)", a.groupIds.joined(separator: ","), EnumNames.name(a.status)]
      })
  }

  static func printHours(_ entries: [Vets_Volunteers_V1_HoursEntry]) {
    Output.table(
      ["ENTRY", "ACTIVITY", "MEMBER", "HOURS", "STATUS", "CORRECTS"],
      entries.map { h in
        [h.id, h.activityID, h.memberID, VolunteersCommand.hours(h.minutes), EnumNames.name(h.status), h.corrects.isEmpty ? "-" : h.corrects]
      })
  }

  static func printDonations(_ donations: [Vets_Volunteers_V1_Donation]) {
    Output.table(
      ["DONATION", "DONOR", "KIND", "YUAN", "DEPOSITED", "DESCRIPTION"],
      donations.map { d in
        [d.id, d.donor, EnumNames.name(d.kind), Money.yuan(d.amount.fen),
         d.depositTransferID.isEmpty ? "-" : "\(d.depositFund) \(d.depositTransferID)", d.description_p.isEmpty ? "-" : d.description_p]
      })
  }

  static func printFull(_ a: Vets_Volunteers_V1_Activity) {
    print([a])
    let b = a.beneficiaries
    Swift.print(
      "\nbeneficiaries: \(b.personIds.count) people, \(b.householdIds.count) households, \(b.headCount) unregistered"
        + (a.cancelReason.isEmpty ? "" : "\ncancelled: \(a.cancelReason)"))
    if !a.hours.isEmpty {
      Swift.print("\nhours:")
      printHours(a.hours)
    }
    if !a.raised.isEmpty {
      Swift.print("\nraised:")
      printDonations(a.raised)
    }
  }

  static func show(_ global: GlobalOptions, _ activity: Vets_Volunteers_V1_Activity) throws {
    switch global.output {
    case .json: try Output.json(activity)
    case .table, .csv: printFull(activity)
    }
  }

  struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Plan an activity.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "A service group running it; repeat for more.") var group: [String]
    @Option var title: String
    @Option(help: ArgumentHelp("visit, housekeeping, performance, medical, policy_talk, fundraising or other.", valueName: "kind"))
    var kind: ActivityKindArgument
    @Option(help: "'YYYY-MM-DD HH:MM', China time.") var start: String
    @Option(help: "'YYYY-MM-DD HH:MM', China time.") var end: String
    @Option(help: "9-digit town or 12-digit village code.") var placeCode: String
    @Option(help: "The place, in words.") var place = ""
    @Option(help: "A registry person served; repeat for more.") var person: [String] = []
    @Option(help: "A registry household served; repeat for more.") var household: [String] = []
    @Option(help: "People served who are not in the registry.") var headCount: Int32 = 0

    func run() async throws {
      var r = Vets_Volunteers_V1_PlanActivityRequest()
      r.requestID = global.effectiveRequestID
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
      let activity = try await volunteersCall(global) { c, m, o in try await c.planActivity(r, metadata: m, options: o) }
      try ActivityCommand.show(global, activity)
    }
  }

  struct RecordHours: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "record-hours",
      abstract: "Record a volunteer's hours at an activity (--corrects to replace an earlier entry).")
    @OptionGroup var global: GlobalOptions
    @Argument var activity: String
    @Option var member: String
    @Option(help: "Hours, e.g. 2.5.") var hours: String
    @Option(help: "The entry this one replaces.") var corrects = ""

    func run() async throws {
      var r = Vets_Volunteers_V1_RecordHoursRequest()
      r.requestID = global.effectiveRequestID
      r.activityID = activity
      r.memberID = member
      r.minutes = try VolunteersCommand.minutes(hours)
      r.corrects = corrects
      let entry = try await volunteersCall(global) { c, m, o in try await c.recordHours(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(entry)
      case .table, .csv: ActivityCommand.printHours([entry])
      }
    }
  }

  struct ApproveHours: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve-hours", abstract: "Approve an activity's pending hours (coordinator tokens).")
    @OptionGroup var global: GlobalOptions
    @Argument var activity: String
    @Option(help: "Approve only this entry; repeat for more.") var entry: [String] = []

    func run() async throws {
      var r = Vets_Volunteers_V1_ApproveHoursRequest()
      r.requestID = global.effectiveRequestID
      r.activityID = activity
      r.entryIds = entry
      let updated = try await volunteersCall(global) { c, m, o in try await c.approveHours(r, metadata: m, options: o) }
      try ActivityCommand.show(global, updated)
    }
  }

  struct Raise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "raise", abstract: "Record money (--money) or goods (--goods, at their value) raised.")
    @OptionGroup var global: GlobalOptions
    @Argument var activity: String
    @Option var donor: String
    @Option(help: "Money, yuan.") var money: String?
    @Option(help: "Goods, their value in yuan.") var goods: String?
    @Option var description = ""

    func validate() throws {
      guard (money == nil) != (goods == nil) else { throw ValidationError("give exactly one of --money and --goods") }
    }

    func run() async throws {
      var r = Vets_Volunteers_V1_RecordRaisedRequest()
      r.requestID = global.effectiveRequestID
      r.activityID = activity
      r.donor = donor
      if let money {
        r.kind = .money
        r.amount = try CaseCommand.amount(money, option: "--money")
      } else if let goods {
        r.kind = .goods
        r.amount = try CaseCommand.amount(goods, option: "--goods")
      }
      r.description_p = description
      let donation = try await volunteersCall(global) { c, m, o in try await c.recordRaised(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(donation)
      case .table, .csv: ActivityCommand.printDonations([donation])
      }
    }
  }

  struct Deposit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: "Pay money raised into a relief fund, once (needs the relief module).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The donation's id.") var donation: String
    @Option(help: "The relief fund.") var fund: String
    @Option(help: "The relief source account the money comes from.") var source: String

    func run() async throws {
      var r = Vets_Volunteers_V1_DepositDonationRequest()
      r.requestID = global.effectiveRequestID
      r.donationID = donation
      r.fund = fund
      r.source = source
      let deposited = try await volunteersCall(global) { c, m, o in try await c.depositDonation(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(deposited)
      case .table, .csv: ActivityCommand.printDonations([deposited])
      }
    }
  }

  struct Complete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Mark an activity done.")
    @OptionGroup var global: GlobalOptions
    @Argument var activity: String

    func run() async throws {
      var r = Vets_Volunteers_V1_ActivityTransitionRequest()
      r.requestID = global.effectiveRequestID
      r.activityID = activity
      let updated = try await volunteersCall(global) { c, m, o in try await c.completeActivity(r, metadata: m, options: o) }
      try ActivityCommand.show(global, updated)
    }
  }

  struct Cancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a planned activity.")
    @OptionGroup var global: GlobalOptions
    @Argument var activity: String
    @Option var reason: String

    func run() async throws {
      var r = Vets_Volunteers_V1_ActivityTransitionRequest()
      r.requestID = global.effectiveRequestID
      r.activityID = activity
      r.reason = reason
      let updated = try await volunteersCall(global) { c, m, o in try await c.cancelActivity(r, metadata: m, options: o) }
      try ActivityCommand.show(global, updated)
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List activities, newest first.")
    @OptionGroup var global: GlobalOptions
    @Option var group = ""
    @Option var status: ActivityStatusArgument?
    @Option(help: "YYYY-MM-DD: starting on or after.") var from: String?
    @Option(help: "YYYY-MM-DD: starting on or before.") var to: String?
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Volunteers_V1_ListActivitiesRequest()
      r.groupID = group
      if let status { r.status = status.value }
      if let from { r.fromDate = try Dates.parse(from, option: "--from") }
      if let to { r.to = try Dates.parse(to, option: "--to") }
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await volunteersCall(global) { c, m, o in try await c.listActivities(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        ActivityCommand.print(response.activities)
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An activity with its hours and money raised.")
    @OptionGroup var global: GlobalOptions
    @Argument var activity: String

    func run() async throws {
      var r = Vets_Volunteers_V1_GetActivityRequest()
      r.id = activity
      let found = try await volunteersCall(global) { c, m, o in try await c.getActivity(r, metadata: m, options: o) }
      try ActivityCommand.show(global, found)
    }
  }
}
