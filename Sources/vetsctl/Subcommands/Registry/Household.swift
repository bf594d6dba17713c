import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl registry household ...`: households (户) and the household file (一户一档).
struct HouseholdCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "household", abstract: "Create households, change their members, show the household file.",
    subcommands: [Leaf<Create>.self, Leaf<AddMember>.self, Leaf<RemoveMember>.self, Leaf<SetHead>.self, Leaf<Show>.self])

  struct Create: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a household headed by a registered person.")

    @Option(help: ArgumentHelp("The head's person id.", valueName: "person")) var head: String
    @Option(help: "The household's address (default: the head's).") var address: String?

    func call(_ c: Clients) async throws -> some Printable { try await c.households.createHousehold(c.write { r in
      r.headPersonID = head
      r.address = address ?? ""
    }) }
  }

  struct AddMember: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a person to a household.")

    @Argument(help: "The household's id.") var household: String
    @Argument(help: "The person's id.") var person: String
    @Option(help: "The relation to the head, e.g. 配偶, 子女, 父母, 兄弟姐妹, 孙子女, 其他.") var relation: String

    func call(_ c: Clients) async throws -> some Printable { try await c.households.addHouseholdMember(c.write { r in
      r.householdID = household
      r.personID = person
      r.relation = relation
    }) }
  }

  struct RemoveMember: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: "Remove a person from a household.")

    @Argument(help: "The household's id.") var household: String
    @Argument(help: "The person's id.") var person: String

    func call(_ c: Clients) async throws -> some Printable { try await c.households.removeHouseholdMember(c.write { r in
      r.householdID = household
      r.personID = person
    }) }
  }

  struct SetHead: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "set-head", abstract: "Make a member the household's head.")

    @Argument(help: "The household's id.") var household: String
    @Argument(help: "The new head's person id.") var person: String
    @Option(help: "The former head's relation to the new head.") var formerHeadRelation: String?

    func call(_ c: Clients) async throws -> some Printable { try await c.households.setHouseholdHead(c.write { r in
      r.householdID = household
      r.personID = person
      r.formerHeadRelation = formerHeadRelation ?? ""
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show the household file: the household, its members, and each module's section.")

    @Argument(help: "The household's id.") var household: String

    func call(_ c: Clients) async throws -> some Printable { try await c.households.getHouseholdFile(.with { $0.householdID = household }) }
  }
}
