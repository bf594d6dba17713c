import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct OrganisationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "org", abstract: Language.say("协会、社会化拥军组织和会员单位。", "Associations, social army-support organisations and member units."),
    subcommands: [Leaf<Add>.self, Leaf<List>.self, Leaf<Show>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("登记一个组织。", "Register an organisation."))
    @Option(help: .say("组织的全称。", "The organisation's full name.")) var name: String
    @Option(help: .say("组织类型：association 协会、social 社会化拥军组织、enterprise_unit 会员单位（企业）或 government_unit 会员单位（机关事业单位）。", "association, social, enterprise_unit or government_unit.", valueName: "type"))
    var type: Word<Vets_Volunteers_V1_OrganisationType>
    @Option(help: .say("9位镇(街道)代码。", "9-digit town code.")) var town: String
    @Option(help: .say("统一社会信用代码（可不填）。", "Unified social credit code (optional).")) var creditCode = ""
    @Option(help: .say("联系电话或联系人（可不填）。", "A phone number or contact person (optional).")) var contact = ""
    @Option(help: .say("会员单位填写：所属的协会。", "For a member unit: the association it belongs to.")) var association = ""
    @Option(help: .say("加入日期，YYYY-MM-DD（默认今天）。", "YYYY-MM-DD (default today).")) var joined: String?

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
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出组织。", "List organisations."))
    @Option(help: .say("只列出这一类型的组织：association 协会、social 社会化拥军组织、enterprise_unit 或 government_unit 会员单位。", "Only organisations of this type."))
    var type: Word<Vets_Volunteers_V1_OrganisationType>?
    @Option(help: .say("只列出该协会的会员单位。", "Only the member units of this association.")) var association = ""
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listOrganisations(.with { r in
      if let type { r.type = type.value }
      r.associationID = association
      r.page = page.proto
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: Language.say("查看组织及其会员单位和服务队。", "An organisation with its member units and service groups."))
    @Argument(help: .say("组织编号（org_…），用 vetsctl volunteers org list 查到。", "The organisation's id (org_…), from vetsctl volunteers org list."))
    var id: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getOrganisation(.with { $0.id = id }) }
  }
}

struct GroupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "group", abstract: Language.say("“2+N”志愿服务队。", "The \"2+N\" service groups."), subcommands: [Leaf<Add>.self, Leaf<List>.self, Leaf<Show>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("成立一支服务队，如雷锋家政。", "Found a service group, e.g. 雷锋家政."))
    @Option(help: .say("服务队名称，如 雷锋家政。", "The group's name, e.g. 雷锋家政.")) var name: String
    @Option(help: .say("负责该服务队的组织。", "The organisation that runs it.")) var organisation: String
    @Option(help: .say("服务方向：support_military（拥军优属）或 support_people（拥政爱民）。", "support_military (拥军优属) or support_people (拥政爱民).", valueName: "direction"))
    var direction: Word<Vets_Volunteers_V1_Direction>
    @Option(help: .say("队长的姓名（可不填）。", "The group's leader (optional).")) var leader = ""
    @Option(help: .say("服务队的服务内容（可不填）。", "What the group does (optional).")) var description = ""
    @Option(help: .say("成立日期，YYYY-MM-DD（默认今天）。", "YYYY-MM-DD (default today).")) var founded: String?

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
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出服务队。", "List service groups."))
    @Option(help: .say("只列出这个组织的服务队（组织编号 org_…）。", "Only this organisation's groups (its id, org_…).")) var organisation = ""
    @Option(help: .say("只列出这一服务方向：support_military（拥军优属）或 support_people（拥政爱民）。", "Only this direction: support_military or support_people."))
    var direction: Word<Vets_Volunteers_V1_Direction>?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listGroups(.with { r in
      r.organisationID = organisation
      if let direction { r.direction = direction.value }
      r.page = page.proto
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: Language.say("查看服务队及其成员。", "A service group with its members."))
    @Argument(help: .say("服务队编号（grp_…），用 vetsctl volunteers group list 查到。", "The group's id (grp_…), from vetsctl volunteers group list."))
    var id: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getGroup(.with { $0.id = id }) }
  }
}
