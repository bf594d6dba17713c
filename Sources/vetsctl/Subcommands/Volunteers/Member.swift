import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl volunteers member ...`: volunteers, their groups and their hours.
struct MemberCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "member", abstract: "Volunteer members (爱心会员).",
    subcommands: [Leaf<Add>.self, Leaf<Join>.self, Leaf<Leave>.self, Leaf<List>.self, Leaf<Hours>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a volunteer member.")
    @Option var name: String
    @Option var phone = ""
    @Option(help: "A skill; repeat for more.") var skill: [String] = []
    @Option(help: "A group to join; repeat for more.") var group: [String] = []
    @Option(help: "YYYY-MM-DD (default today).") var joined: String?
    @Option(help: "The registry person, for a veteran who volunteers.") var person = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.addMember(c.write { r in
      r.member.name = name
      r.member.phone = phone
      r.member.skills = skill
      r.member.groupIds = group
      if let joined { r.member.joinedOn = try Dates.parse(joined, option: "--joined") }
      r.member.personID = person
    }) }
  }

  struct Join: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "join", abstract: "Add a member to a group.")
    @Argument var member: String
    @Option var group: String

    func call(_ c: Clients) async throws -> some Printable {
      try await c.volunteers.joinGroup(c.write { $0.memberID = member; $0.groupID = group })
    }
  }

  struct Leave: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "leave", abstract: "Take a member out of a group.")
    @Argument var member: String
    @Option var group: String

    func call(_ c: Clients) async throws -> some Printable {
      try await c.volunteers.leaveGroup(c.write { $0.memberID = member; $0.groupID = group })
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List members.")
    @Option var group = ""
    @Flag(help: "Only members linked to a registry person.") var linked = false
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listMembers(.with {
      $0.groupID = group
      $0.linkedOnly = linked
      $0.page = page.proto
    }) }
  }

  struct Hours: Call {
    static let configuration = CommandConfiguration(commandName: "hours", abstract: "A member's hours, approved and pending.")
    @Argument var member: String
    @Option(help: "Only activities in this year.") var year: Int32 = 0

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getMemberHours(.with {
      $0.memberID = member
      $0.year = year
    }) }
  }
}
