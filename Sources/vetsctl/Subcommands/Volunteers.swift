import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

/// Makes one VolunteerService call.
func volunteersCall<Result: Sendable>(
  _ global: GlobalOptions,
  _ call: (Vets_Volunteers_V1_VolunteerService.Client<HTTP2ClientTransport.Posix>, Metadata, CallOptions) async throws -> Result
) async throws -> Result {
  let daemon = Daemon(options: global)
  let (metadata, options) = (daemon.metadata, daemon.callOptions)
  return try await daemon.call { client in try await call(Vets_Volunteers_V1_VolunteerService.Client(wrapping: client), metadata, options) }
}

struct VolunteersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "volunteers",
    abstract: "The army-support network: organisations, \"2+N\" service groups, volunteers and their activities.",
    subcommands: [OrganisationCommand.self, GroupCommand.self, MemberCommand.self, ActivityCommand.self, VolunteersReportCommand.self])

  /// "2.5" hours → 150 minutes. Zero and negative values go to the daemon, which says why not.
  static func minutes(_ hours: String) throws -> Int32 {
    guard let value = Double(hours), value.isFinite, abs(value) <= 10_000 else {
      throw ValidationError("--hours '\(hours)' is not a number of hours, e.g. 2.5")
    }
    let minutes = (value * 60).rounded()
    guard abs(value * 60 - minutes) < 0.001 else { throw ValidationError("--hours '\(hours)' is not a whole number of minutes") }
    return Int32(minutes)
  }

  static func hours(_ minutes: some BinaryInteger) -> String {
    let value = Double(minutes) / 60
    return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value).replacingOccurrences(of: "0$", with: "", options: .regularExpression)
  }

  static func status(_ s: Vets_Volunteers_V1_RecordStatus) -> String { s == .active ? "active" : "inactive" }
}

typealias OrganisationTypeArgument = EnumArgument<Vets_Volunteers_V1_OrganisationType>
typealias DirectionArgument = EnumArgument<Vets_Volunteers_V1_Direction>
typealias ActivityKindArgument = EnumArgument<Vets_Volunteers_V1_ActivityKind>
typealias ActivityStatusArgument = EnumArgument<Vets_Volunteers_V1_ActivityStatus>

// MARK: Organisations

struct OrganisationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "org", abstract: "Associations, social army-support organisations and member units.", subcommands: [Add.self, List.self, Show.self])

  static func print(_ organisations: [Vets_Volunteers_V1_Organisation]) {
    Output.table(
      ["ORGANISATION", "NAME", "TYPE", "TOWN", "ASSOCIATION", "CREDIT CODE", "STATUS"],
      organisations.map { o in
        [o.id, o.name, EnumNames.name(o.type), o.townCode, o.associationID.isEmpty ? "-" : o.associationID,
         o.creditCode.isEmpty ? "-" : o.creditCode, VolunteersCommand.status(o.status)]
      })
  }

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register an organisation.")
    @OptionGroup var global: GlobalOptions
    @Option var name: String
    @Option(help: ArgumentHelp("association, social, enterprise_unit or government_unit.", valueName: "type")) var type: OrganisationTypeArgument
    @Option(help: "9-digit town code.") var town: String
    @Option(help: "Unified social credit code (optional).") var creditCode = ""
    @Option var contact = ""
    @Option(help: "For a member unit: the association it belongs to.") var association = ""
    @Option(help: "YYYY-MM-DD (default today).") var joined: String?

    func run() async throws {
      var r = Vets_Volunteers_V1_AddOrganisationRequest()
      r.requestID = global.effectiveRequestID
      r.organisation.name = name
      r.organisation.type = type.value
      r.organisation.townCode = town
      r.organisation.creditCode = creditCode
      r.organisation.contact = contact
      r.organisation.associationID = association
      if let joined { r.organisation.joinedOn = try Dates.parse(joined, option: "--joined") }
      let o = try await volunteersCall(global) { c, m, o in try await c.addOrganisation(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(o)
      case .table, .csv: OrganisationCommand.print([o])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organisations.")
    @OptionGroup var global: GlobalOptions
    @Option var type: OrganisationTypeArgument?
    @Option(help: "Only the member units of this association.") var association = ""
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Volunteers_V1_ListOrganisationsRequest()
      if let type { r.type = type.value }
      r.associationID = association
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await volunteersCall(global) { c, m, o in try await c.listOrganisations(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        OrganisationCommand.print(response.organisations)
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An organisation with its member units and service groups.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run() async throws {
      var r = Vets_Volunteers_V1_GetOrganisationRequest()
      r.id = id
      let detail = try await volunteersCall(global) { c, m, o in try await c.getOrganisation(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(detail)
      case .table, .csv:
        OrganisationCommand.print([detail.organisation])
        if !detail.memberUnits.isEmpty {
          Swift.print("\nmember units:")
          OrganisationCommand.print(detail.memberUnits)
        }
        if !detail.groups.isEmpty {
          Swift.print("\nservice groups:")
          GroupCommand.print(detail.groups)
        }
      }
    }
  }
}

// MARK: Service groups

struct GroupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "group", abstract: "The \"2+N\" service groups.", subcommands: [Add.self, List.self, Show.self])

  static func print(_ groups: [Vets_Volunteers_V1_ServiceGroup]) {
    Output.table(
      ["GROUP", "NAME", "ORGANISATION", "DIRECTION", "LEADER", "FOUNDED", "STATUS"],
      groups.map { g in
        [g.id, g.name, g.organisationID, EnumNames.name(g.direction), g.leader.isEmpty ? "-" : g.leader, Dates.text(g.foundedOn),
         VolunteersCommand.status(g.status)]
      })
  }

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Found a service group, e.g. 雷锋家政.")
    @OptionGroup var global: GlobalOptions
    @Option var name: String
    @Option(help: "The organisation that runs it.") var organisation: String
    @Option(help: ArgumentHelp("support_military (拥军优属) or support_people (拥政爱民).", valueName: "direction")) var direction: DirectionArgument
    @Option var leader = ""
    @Option var description = ""
    @Option(help: "YYYY-MM-DD (default today).") var founded: String?

    func run() async throws {
      var r = Vets_Volunteers_V1_AddGroupRequest()
      r.requestID = global.effectiveRequestID
      r.group.name = name
      r.group.organisationID = organisation
      r.group.direction = direction.value
      r.group.leader = leader
      r.group.description_p = description
      if let founded { r.group.foundedOn = try Dates.parse(founded, option: "--founded") }
      let g = try await volunteersCall(global) { c, m, o in try await c.addGroup(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(g)
      case .table, .csv: GroupCommand.print([g])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List service groups.")
    @OptionGroup var global: GlobalOptions
    @Option var organisation = ""
    @Option var direction: DirectionArgument?
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Volunteers_V1_ListGroupsRequest()
      r.organisationID = organisation
      if let direction { r.direction = direction.value }
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await volunteersCall(global) { c, m, o in try await c.listGroups(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        GroupCommand.print(response.groups)
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A service group with its members.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run() async throws {
      var r = Vets_Volunteers_V1_GetGroupRequest()
      r.id = id
      let detail = try await volunteersCall(global) { c, m, o in try await c.getGroup(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(detail)
      case .table, .csv:
        GroupCommand.print([detail.group])
        if !detail.group.description_p.isEmpty { Swift.print(detail.group.description_p) }
        Swift.print("\nmembers:")
        MemberCommand.print(detail.members)
      }
    }
  }
}

// MARK: Members

struct MemberCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "member", abstract: "Volunteer members (爱心会员).", subcommands: [Add.self, Join.self, Leave.self, List.self, Hours.self])

  static func print(_ members: [Vets_Volunteers_V1_Member]) {
    Output.table(
      ["MEMBER", "NAME", "PHONE", "SKILLS", "GROUPS", "JOINED", "VETERAN", "STATUS"],
      members.map { m in
        [m.id, m.name, m.phone.isEmpty ? "-" : m.phone, m.skills.isEmpty ? "-" : m.skills.joined(separator: "、"),
         m.groupIds.isEmpty ? "-" : m.groupIds.joined(separator: ","), Dates.text(m.joinedOn),
         m.personID.isEmpty ? "-" : "\(m.personID)\(m.person.veteran ? " (veteran)" : "")", VolunteersCommand.status(m.status)]
      })
  }

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a volunteer member.")
    @OptionGroup var global: GlobalOptions
    @Option var name: String
    @Option var phone = ""
    @Option(help: "A skill; repeat for more.") var skill: [String] = []
    @Option(help: "A group to join; repeat for more.") var group: [String] = []
    @Option(help: "YYYY-MM-DD (default today).") var joined: String?
    @Option(help: "The registry person, for a veteran who volunteers.") var person = ""

    func run() async throws {
      var r = Vets_Volunteers_V1_AddMemberRequest()
      r.requestID = global.effectiveRequestID
      r.member.name = name
      r.member.phone = phone
      r.member.skills = skill
      r.member.groupIds = group
      if let joined { r.member.joinedOn = try Dates.parse(joined, option: "--joined") }
      r.member.personID = person
      let member = try await volunteersCall(global) { c, m, o in try await c.addMember(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(member)
      case .table, .csv: MemberCommand.print([member])
      }
    }
  }

  struct Join: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "join", abstract: "Add a member to a group.")
    @OptionGroup var global: GlobalOptions
    @Argument var member: String
    @Option var group: String

    func run() async throws { try await MemberCommand.membership(global, member: member, group: group, joining: true) }
  }

  struct Leave: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leave", abstract: "Take a member out of a group.")
    @OptionGroup var global: GlobalOptions
    @Argument var member: String
    @Option var group: String

    func run() async throws { try await MemberCommand.membership(global, member: member, group: group, joining: false) }
  }

  static func membership(_ global: GlobalOptions, member: String, group: String, joining: Bool) async throws {
    var r = Vets_Volunteers_V1_MembershipRequest()
    r.requestID = global.effectiveRequestID
    r.memberID = member
    r.groupID = group
    let updated = try await volunteersCall(global) { c, m, o in
      joining ? try await c.joinGroup(r, metadata: m, options: o) : try await c.leaveGroup(r, metadata: m, options: o)
    }
    switch global.output {
    case .json: try Output.json(updated)
    case .table, .csv: MemberCommand.print([updated])
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List members.")
    @OptionGroup var global: GlobalOptions
    @Option var group = ""
    @Flag(help: "Only members linked to a registry person.") var linked = false
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Volunteers_V1_ListMembersRequest()
      r.groupID = group
      r.linkedOnly = linked
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await volunteersCall(global) { c, m, o in try await c.listMembers(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        MemberCommand.print(response.members)
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Hours: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hours", abstract: "A member's hours, approved and pending.")
    @OptionGroup var global: GlobalOptions
    @Argument var member: String
    @Option(help: "Only activities in this year.") var year: Int32 = 0

    func run() async throws {
      var r = Vets_Volunteers_V1_GetMemberHoursRequest()
      r.memberID = member
      r.year = year
      let hours = try await volunteersCall(global) { c, m, o in try await c.getMemberHours(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(hours)
      case .table, .csv:
        Output.fields([
          ("member", "\(hours.member.id) \(hours.member.name)"), ("approved", VolunteersCommand.hours(hours.approvedMinutes) + " h"),
          ("pending", VolunteersCommand.hours(hours.pendingMinutes) + " h"),
        ])
        Swift.print("")
        ActivityCommand.printHours(hours.entries)
      }
    }
  }
}

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

struct VolunteersReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "report", abstract: "The network's figures for a year (or --since a year).")
  @OptionGroup var global: GlobalOptions
  @Option var year: Int32
  @Option(help: "Report the years from this one to --year together.") var since: Int32 = 0

  func run() async throws {
    var r = Vets_Volunteers_V1_GetReportRequest()
    r.year = year
    r.fromYear = since
    let report = try await volunteersCall(global) { c, m, o in try await c.getReport(r, metadata: m, options: o) }
    switch global.output {
    case .json: try Output.json(report)
    case .table, .csv:
      Output.fields([
        ("period", report.fromYear == report.year ? String(report.year) : "\(report.fromYear)-\(report.year)"),
        ("service groups", String(report.groups)), ("member units", String(report.memberUnits)),
        ("social organisations", String(report.socialOrganisations)), ("volunteers", String(report.volunteers)),
        ("activities", String(report.activities)),
        ("hours approved", VolunteersCommand.hours(report.approvedMinutes)), ("hours pending", VolunteersCommand.hours(report.pendingMinutes)),
        ("money raised", Money.yuan(report.moneyRaised.fen)), ("goods raised", Money.yuan(report.goodsRaised.fen)),
        ("paid into relief", Money.yuan(report.deposited.fen)),
        ("people served", String(report.beneficiaryPeople)), ("households served", String(report.beneficiaryHouseholds)),
        ("unregistered served", String(report.beneficiaryHeadCount)),
        ("active veteran volunteers", String(report.activeVeteranVolunteers)),
      ])
    }
  }
}
