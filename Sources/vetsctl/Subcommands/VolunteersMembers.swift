import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

/// `vetsctl volunteers member ...`: volunteers, their groups and their hours.

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
