import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl volunteers activity ...`: plans, hours, money and goods raised, deposits.
struct ActivityCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activity", abstract: Language.say("为退役军人及其家属开展的活动，含服务时长和募集的款物。", "Activities for veterans and their families, with hours and money raised."),
    subcommands: [
      Leaf<Plan>.self, Leaf<RecordHours>.self, Leaf<ApproveHours>.self, Leaf<Raise>.self, Leaf<Deposit>.self, Leaf<Complete>.self,
      Leaf<Cancel>.self, Leaf<List>.self, Leaf<Show>.self,
    ])

  struct Plan: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "plan", abstract: Language.say("登记一项计划开展的活动。", "Plan an activity."))
    @Option(help: .say("承办活动的志愿服务队；有多个服务队时重复本选项。", "A service group running it; repeat for more.")) var group: [String]
    @Option(help: .say("活动名称，如 八一走访慰问老兵。", "The activity's title.")) var title: String
    @Option(help: .say("活动种类：visit 走访慰问、housekeeping 家政服务、performance 文艺演出、medical 义诊、policy_talk 政策宣讲、fundraising 募捐或 other 其他。", "visit, housekeeping, performance, medical, policy_talk, fundraising or other.", valueName: "kind"))
    var kind: Word<Vets_Volunteers_V1_ActivityKind>
    @Option(help: .say("开始时间：'YYYY-MM-DD HH:MM'，北京时间。", "'YYYY-MM-DD HH:MM', China time.")) var start: String
    @Option(help: .say("结束时间：'YYYY-MM-DD HH:MM'，北京时间。", "'YYYY-MM-DD HH:MM', China time.")) var end: String
    @Option(help: .say("活动地点的9位镇(街道)代码或12位村(社区)代码。", "9-digit town or 12-digit village code.")) var placeCode: String
    @Option(help: .say("活动地点的文字说明。", "The place, in words.")) var place = ""
    @Option(help: .person("已登记的服务对象（有多人时重复本选项）", "A registry person served (repeat for more)")) var person: [Who] = []
    @Option(help: .household("已登记的服务家庭户（有多户时重复本选项）", "A registry household served (repeat for more)")) var household: [Who] = []
    @Option(help: .say("未登记的服务人数。", "People served who are not in the registry.")) var headCount: Int32 = 0

    func call(_ c: Clients) async throws -> some Printable {
      let person = try await self.person.personIDs(c, "--person")
      let household = try await self.household.householdIDs(c, "--household")
      return try await c.volunteers.planActivity(c.write { r in
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
      })
    }
  }

  struct RecordHours: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "record-hours",
      abstract: Language.say("登记志愿者在一次活动中的服务时长（用 --corrects 更正以前的一条记录）。", "Record a volunteer's hours at an activity (--corrects to replace an earlier entry)."))
    @Argument(help: .say("活动编号（act_…），用 vetsctl volunteers activity list 查到。", "The activity's id (act_…), from vetsctl volunteers activity list."))
    var activity: String
    @Option(help: .say("会员编号（mem_…），用 vetsctl volunteers member list 查到。", "The member's id (mem_…), from vetsctl volunteers member list."))
    var member: String
    @Option(help: .say("服务时长（小时），如 2.5。", "Hours, e.g. 2.5.")) var hours: String
    @Option(help: .say("本条记录所更正的原记录编号。", "The entry this one replaces.")) var corrects = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.recordHours(c.write { r in
      r.activityID = activity
      r.memberID = member
      r.minutes = try VolunteersCommand.minutes(hours)
      r.corrects = corrects
    }) }
  }

  struct ApproveHours: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "approve-hours", abstract: Language.say("审核一次活动待审核的服务时长（需用志愿服务协调员令牌）。", "Approve an activity's pending hours (coordinator tokens)."))
    @Argument(help: .say("活动编号（act_…），用 vetsctl volunteers activity list 查到。", "The activity's id (act_…), from vetsctl volunteers activity list."))
    var activity: String
    @Option(help: .say("只审核这一条记录；有多条时重复本选项。", "Approve only this entry; repeat for more.")) var entry: [String] = []

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.approveHours(c.write {
      $0.activityID = activity
      $0.entryIds = entry
    }) }
  }

  struct Raise: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "raise", abstract: Language.say("登记募集的爱心款（--money）或爱心物资（--goods，按价值计）。", "Record money (--money) or goods (--goods, at their value) raised."))
    @Argument(help: .say("活动编号（act_…），用 vetsctl volunteers activity list 查到。", "The activity's id (act_…), from vetsctl volunteers activity list."))
    var activity: String
    @Option(help: .say("捐赠方：单位或个人的名称。", "Who gave it: a person's or an organisation's name.")) var donor: String
    @Option(help: .say("爱心款金额（元）。", "Money, yuan.")) var money: String?
    @Option(help: .say("爱心物资的价值（元）。", "Goods, their value in yuan.")) var goods: String?
    @Option(help: .say("所捐款物的说明，如 物资的名称和数量（可不填）。", "What was given, e.g. the goods and how many (optional).")) var description = ""

    func check() throws {
      guard (money == nil) != (goods == nil) else { throw ValidationError(Language.say("--money 和 --goods 只能填一个，也必须填一个", "give exactly one of --money and --goods")) }
    }

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.recordRaised(c.write { r in
      r.activityID = activity
      r.donor = donor
      if let money {
        r.kind = .money
        r.amount = try Yuan.parse(money, option: "--money")
      } else if let goods {
        r.kind = .goods
        r.amount = try Yuan.parse(goods, option: "--goods")
      }
      r.description_p = description
    }) }
  }

  struct Deposit: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: Language.say("将募集的爱心款转入帮扶基金，只转入一次（需启用帮扶模块）。", "Pay money raised into a relief fund, once (needs the relief module)."))
    @Argument(help: .say("捐赠记录编号。", "The donation's id.")) var donation: String
    @Option(help: .say("转入的帮扶基金账户。", "The relief fund.")) var fund: String
    @Option(help: .say("这笔款项在帮扶模块中记入的资金来源账户。", "The relief source account the money comes from.")) var source: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.depositDonation(c.write { r in
      r.donationID = donation
      r.fund = fund
      r.source = source
    }) }
  }

  struct Complete: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "complete", abstract: Language.say("将活动标记为已开展。", "Mark an activity done."))
    @Argument(help: .say("活动编号（act_…），用 vetsctl volunteers activity list 查到。", "The activity's id (act_…), from vetsctl volunteers activity list."))
    var activity: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.completeActivity(c.write { $0.activityID = activity }) }
  }

  struct Cancel: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: Language.say("取消计划中的活动。", "Cancel a planned activity."))
    @Argument(help: .say("活动编号（act_…），用 vetsctl volunteers activity list 查到。", "The activity's id (act_…), from vetsctl volunteers activity list."))
    var activity: String
    @Option(help: .say("取消活动的原因。", "Why the activity is cancelled.")) var reason: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.cancelActivity(c.write { r in
      r.activityID = activity
      r.reason = reason
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出活动，最新的在前。", "List activities, newest first."))
    @Option(help: .say("只列出这支服务队的活动（服务队编号 grp_…）。", "Only this service group's activities (its id, grp_…).")) var group = ""
    @Option(help: .say("只列出这一状态的活动：planned 计划中、done 已开展、hours_approved 时长已审核或 cancelled 已取消。", "Only activities in this state."))
    var status: Word<Vets_Volunteers_V1_ActivityStatus>?
    @Option(help: .say("YYYY-MM-DD：在此日或之后开始的活动。", "YYYY-MM-DD: starting on or after.")) var from: String?
    @Option(help: .say("YYYY-MM-DD：在此日或之前开始的活动。", "YYYY-MM-DD: starting on or before.")) var to: String?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.listActivities(.with { r in
      r.groupID = group
      if let status { r.status = status.value }
      if let from { r.fromDate = try Dates.parse(from, option: "--from") }
      if let to { r.to = try Dates.parse(to, option: "--to") }
      r.page = page.proto
    }) }
  }

  struct Show: Call {
    static let configuration = CommandConfiguration(commandName: "show", abstract: Language.say("查看一次活动及其服务时长和募集的款物。", "An activity with its hours and money raised."))
    @Argument(help: .say("活动编号（act_…），用 vetsctl volunteers activity list 查到。", "The activity's id (act_…), from vetsctl volunteers activity list."))
    var activity: String

    func call(_ c: Clients) async throws -> some Printable { try await c.volunteers.getActivity(.with { $0.id = activity }) }
  }
}
