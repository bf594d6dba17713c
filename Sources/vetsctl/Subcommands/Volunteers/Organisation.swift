import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct OrganisationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "org", abstract: "Associations, social army-support organisations and member units.",
    subcommands: [Leaf<Add>.self, Leaf<List>.self, Leaf<Show>.self])

  struct Add: CLICommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register an organisation.")
    @Option var name: String
    @Option(help: ArgumentHelp("association, social, enterprise_unit or government_unit.", valueName: "type"))
    var type: Word<Vets_Volunteers_V1_OrganisationType>
    @Option(help: "9-digit town code.") var town: String
    @Option(help: "Unified social credit code (optional).") var creditCode = ""
    @Option var contact = ""
    @Option(help: "For a member unit: the association it belongs to.") var association = ""
    @Option(help: "YYYY-MM-DD (default today).") var joined: String?

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_AddOrganisationRequest()
      r.requestID = cli.requestID
      r.organisation.name = name
      r.organisation.type = type.value
      r.organisation.townCode = town
      r.organisation.creditCode = creditCode
      r.organisation.contact = contact
      r.organisation.associationID = association
      if let joined { r.organisation.joinedOn = try Dates.parse(joined, option: "--joined") }
      try await cli.show { try await $0.volunteers.addOrganisation(r) }
    }
  }

  struct List: CLICommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organisations.")
    @Option var type: Word<Vets_Volunteers_V1_OrganisationType>?
    @Option(help: "Only the member units of this association.") var association = ""
    @OptionGroup var page: PageOptions

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_ListOrganisationsRequest()
      if let type { r.type = type.value }
      r.associationID = association
      r.page = page.proto
      try await cli.show { try await $0.volunteers.listOrganisations(r) }
    }
  }

  struct Show: CLICommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An organisation with its member units and service groups.")
    @Argument var id: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Volunteers_V1_GetOrganisationRequest.with { $0.id = id }
      try await cli.show { try await $0.volunteers.getOrganisation(r) }
    }
  }
}

struct GroupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "group", abstract: "The \"2+N\" service groups.", subcommands: [Leaf<Add>.self, Leaf<List>.self, Leaf<Show>.self])

  struct Add: CLICommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Found a service group, e.g. 雷锋家政.")
    @Option var name: String
    @Option(help: "The organisation that runs it.") var organisation: String
    @Option(help: ArgumentHelp("support_military (拥军优属) or support_people (拥政爱民).", valueName: "direction"))
    var direction: Word<Vets_Volunteers_V1_Direction>
    @Option var leader = ""
    @Option var description = ""
    @Option(help: "YYYY-MM-DD (default today).") var founded: String?

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_AddGroupRequest()
      r.requestID = cli.requestID
      r.group.name = name
      r.group.organisationID = organisation
      r.group.direction = direction.value
      r.group.leader = leader
      r.group.description_p = description
      if let founded { r.group.foundedOn = try Dates.parse(founded, option: "--founded") }
      try await cli.show { try await $0.volunteers.addGroup(r) }
    }
  }

  struct List: CLICommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List service groups.")
    @Option var organisation = ""
    @Option var direction: Word<Vets_Volunteers_V1_Direction>?
    @OptionGroup var page: PageOptions

    func run(_ cli: CLI) async throws {
      var r = Vets_Volunteers_V1_ListGroupsRequest()
      r.organisationID = organisation
      if let direction { r.direction = direction.value }
      r.page = page.proto
      try await cli.show { try await $0.volunteers.listGroups(r) }
    }
  }

  struct Show: CLICommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A service group with its members.")
    @Argument var id: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Volunteers_V1_GetGroupRequest.with { $0.id = id }
      try await cli.show { try await $0.volunteers.getGroup(r) }
    }
  }
}
