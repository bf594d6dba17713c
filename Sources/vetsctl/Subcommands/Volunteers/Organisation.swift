import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct OrganisationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "org", abstract: "Associations, social army-support organisations and member units.",
    subcommands: [Leaf<Add>.self, Leaf<List>.self, Leaf<Show>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register an organisation.")
    @Option var name: String
    @Option(help: ArgumentHelp("association, social, enterprise_unit or government_unit.", valueName: "type"))
    var type: Word<Vets_Volunteers_V1_OrganisationType>
    @Option(help: "9-digit town code.") var town: String
    @Option(help: "Unified social credit code (optional).") var creditCode = ""
    @Option var contact = ""
    @Option(help: "For a member unit: the association it belongs to.") var association = ""
    @Option(help: "YYYY-MM-DD (default today).") var joined: String?

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.addOrganisation(c.write { r in
      r.organisation.name = name
      r.organisation.type = type.value
      r.organisation.townCode = town
      r.organisation.creditCode = creditCode
      r.organisation.contact = contact
      r.organisation.associationID = association
      if let joined { r.organisation.joinedOn = try Dates.parse(joined, option: "--joined") }
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organisations.")
    @Option var type: Word<Vets_Volunteers_V1_OrganisationType>?
    @Option(help: "Only the member units of this association.") var association = ""
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listOrganisations(.with { r in
      if let type { r.type = type.value }
      r.associationID = association
      r.page = page.proto
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An organisation with its member units and service groups.")
    @Argument var id: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getOrganisation(.with { $0.id = id }) }
  }
}

struct GroupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "group", abstract: "The \"2+N\" service groups.", subcommands: [Leaf<Add>.self, Leaf<List>.self, Leaf<Show>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Found a service group, e.g. 雷锋家政.")
    @Option var name: String
    @Option(help: "The organisation that runs it.") var organisation: String
    @Option(help: ArgumentHelp("support_military (拥军优属) or support_people (拥政爱民).", valueName: "direction"))
    var direction: Word<Vets_Volunteers_V1_Direction>
    @Option var leader = ""
    @Option var description = ""
    @Option(help: "YYYY-MM-DD (default today).") var founded: String?

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.addGroup(c.write { r in
      r.group.name = name
      r.group.organisationID = organisation
      r.group.direction = direction.value
      r.group.leader = leader
      r.group.description_p = description
      if let founded { r.group.foundedOn = try Dates.parse(founded, option: "--founded") }
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List service groups.")
    @Option var organisation = ""
    @Option var direction: Word<Vets_Volunteers_V1_Direction>?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listGroups(.with { r in
      r.organisationID = organisation
      if let direction { r.direction = direction.value }
      r.page = page.proto
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A service group with its members.")
    @Argument var id: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getGroup(.with { $0.id = id }) }
  }
}
