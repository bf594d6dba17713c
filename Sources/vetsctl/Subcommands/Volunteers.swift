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
