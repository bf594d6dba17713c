import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl volunteers member ...`: volunteers, their groups and their hours.
struct MemberCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "member", abstract: Language.say("爱心会员（志愿者）。", "Volunteer members (爱心会员)."),
    subcommands: [Leaf<Add>.self, Leaf<Join>.self, Leaf<Leave>.self, Leaf<List>.self, Leaf<Hours>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("登记一名爱心会员。", "Register a volunteer member."))
    @Option(help: .say("会员的姓名。", "The member's name.")) var name: String
    @Option(help: .say("手机号码（可不填）。", "A phone number (optional).")) var phone = ""
    @Option(help: .say("特长；有多项时重复本选项。", "A skill; repeat for more.")) var skill: [String] = []
    @Option(help: .say("加入的服务队；有多个时重复本选项。", "A group to join; repeat for more.")) var group: [String] = []
    @Option(help: .say("加入日期，YYYY-MM-DD（默认今天）。", "YYYY-MM-DD (default today).")) var joined: String?
    @Option(help: .person("退役军人当志愿者时，填其登记的人员", "The registry person, for a veteran who volunteers")) var person: Who?

    func call(_ c: Clients) async throws -> some Printable {
      let person = try await self.person?.personID(c, "--person") ?? ""
      return try await c.volunteers.addMember(c.write { r in
        r.member.name = name
        r.member.phone = phone
        r.member.skills = skill
        r.member.groupIds = group
        if let joined { r.member.joinedOn = try Dates.parse(joined, option: "--joined") }
        r.member.personID = person
      })
    }
  }

  struct Join: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "join", abstract: Language.say("将会员加入服务队。", "Add a member to a group."))
    @Argument(help: .say("会员编号（mem_…），用 vetsctl volunteers member list 查到。", "The member's id (mem_…), from vetsctl volunteers member list."))
    var member: String
    @Option(help: .say("要加入的服务队编号（grp_…），用 vetsctl volunteers group list 查到。", "The group to join (its id, grp_…).")) var group: String

    func call(_ c: Clients) async throws -> some Printable {
      try await c.volunteers.joinGroup(c.write { $0.memberID = member; $0.groupID = group })
    }
  }

  struct Leave: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "leave", abstract: Language.say("将会员移出服务队。", "Take a member out of a group."))
    @Argument(help: .say("会员编号（mem_…），用 vetsctl volunteers member list 查到。", "The member's id (mem_…), from vetsctl volunteers member list."))
    var member: String
    @Option(help: .say("要退出的服务队编号（grp_…）。", "The group to leave (its id, grp_…).")) var group: String

    func call(_ c: Clients) async throws -> some Printable {
      try await c.volunteers.leaveGroup(c.write { $0.memberID = member; $0.groupID = group })
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出会员。", "List members."))
    @Option(help: .say("只列出这支服务队的会员（服务队编号 grp_…）。", "Only this group's members (its id, grp_…).")) var group = ""
    @Flag(help: .say("只列出已关联登记人员的会员。", "Only members linked to a registry person.")) var linked = false
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listMembers(.with {
      $0.groupID = group
      $0.linkedOnly = linked
      $0.page = page.proto
    }) }
  }

  struct Hours: Call {
    static let configuration = CommandConfiguration(commandName: "hours", abstract: Language.say("查看会员的服务时长，含已审核和待审核。", "A member's hours, approved and pending."))
    @Argument(help: .say("会员编号（mem_…），用 vetsctl volunteers member list 查到。", "The member's id (mem_…), from vetsctl volunteers member list."))
    var member: String
    @Option(help: .say("只统计这一年的活动。", "Only activities in this year.")) var year: Int32 = 0

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getMemberHours(.with {
      $0.memberID = member
      $0.year = year
    }) }
  }
}
