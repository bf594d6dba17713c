import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl registry household ...`: households (户) and the household file (一户一档).
struct HouseholdCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "household", abstract: Language.say("建立家庭户、调整家庭成员、查看一户一档。", "Create households, change their members, show the household file."),
    subcommands: [Leaf<Create>.self, Leaf<AddMember>.self, Leaf<RemoveMember>.self, Leaf<SetHead>.self, Leaf<Show>.self])

  struct Create: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "create", abstract: Language.say("以已登记的人员为户主建立家庭户。", "Create a household headed by a registered person."))

    @Option(help: .person("户主", "The head")) var head: Who
    @Option(help: .say("家庭户地址（默认为户主的地址）。", "The household's address (default: the head's).")) var address: String?

    func call(_ c: Clients) async throws -> some Printable {
      let head = try await self.head.personID(c, "--head")
      return try await c.households.createHousehold(c.write { r in
        r.headPersonID = head
        r.address = address ?? ""
      })
    }
  }

  struct AddMember: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: Language.say("将人员加入家庭户。", "Add a person to a household."))

    @Argument(help: .household("家庭户", "The household")) var household: Who
    @Argument(help: .person("人员", "The person")) var person: Who
    @Option(help: .say(
      "与户主关系，如 配偶、子女、父母、兄弟姐妹、孙子女、其他。", "The relation to the head, e.g. 配偶, 子女, 父母, 兄弟姐妹, 孙子女, 其他.")) var relation: String

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household.householdID(c)
      let person = try await self.person.personID(c)
      return try await c.households.addHouseholdMember(c.write { r in
        r.householdID = household
        r.personID = person
        r.relation = relation
      })
    }
  }

  struct RemoveMember: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: Language.say("将人员移出家庭户。", "Remove a person from a household."))

    @Argument(help: .household("家庭户", "The household")) var household: Who
    @Argument(help: .person("人员", "The person")) var person: Who

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household.householdID(c)
      let person = try await self.person.personID(c)
      return try await c.households.removeHouseholdMember(c.write { r in
        r.householdID = household
        r.personID = person
      })
    }
  }

  struct SetHead: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "set-head", abstract: Language.say("将家庭成员设为户主。", "Make a member the household's head."))

    @Argument(help: .household("家庭户", "The household")) var household: Who
    @Argument(help: .person("新户主", "The new head")) var person: Who
    @Option(help: .say("原户主与新户主的关系。", "The former head's relation to the new head.")) var formerHeadRelation: String?

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household.householdID(c)
      let person = try await self.person.personID(c)
      return try await c.households.setHouseholdHead(c.write { r in
        r.householdID = household
        r.personID = person
        r.formerHeadRelation = formerHeadRelation ?? ""
      })
    }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: Language.say(
        "查看一户一档：家庭户、家庭成员，以及各模块的相关内容。",
        "Show the household file: the household, its members, and each module's section."))

    @Argument(help: .household("家庭户", "The household")) var household: Who

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household.householdID(c)
      return try await c.households.getHouseholdFile(.with { $0.householdID = household })
    }
  }
}
