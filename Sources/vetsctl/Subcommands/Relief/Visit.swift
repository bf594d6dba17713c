import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct CampaignCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "campaign", abstract: Language.say("走访慰问活动（八一、春节、日常走访）。", "Visit campaigns (八一, 春节, routine)."), subcommands: [Leaf<Create>.self, Leaf<List>.self])

  struct Create: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "create", abstract: Language.say("新建走访慰问活动。", "Create a campaign."))
    @Option(help: .say("活动名称，如 2026年春节走访慰问。", "The campaign's name, e.g. 2026年春节走访慰问.")) var name: String
    @Option(help: .say("活动类型：army-day 八一走访慰问、spring-festival 春节走访慰问或 routine 日常走访。", "The kind of campaign.")) var kind: Word<Vets_Relief_V1_CampaignKind>
    @Option(help: .say("开始日期（YYYY-MM-DD）。", "YYYY-MM-DD")) var from: String
    @Option(help: .say("结束日期（YYYY-MM-DD）。", "YYYY-MM-DD")) var to: String

    func call(_ c: Clients) async throws -> some Printable { try await c.care.createCampaign(c.write { r in
      r.name = name
      r.kind = kind.value
      r.startsOn = try Dates.parse(from, option: "--from")
      r.endsOn = try Dates.parse(to, option: "--to")
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出走访慰问活动。", "List campaigns."))

    func call(_ c: Clients) async throws -> some Printable { try await c.care.listCampaigns(.init()) }
  }
}

struct VisitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "visit", abstract: Language.say("走访慰问：走访对象、日期、慰问单位、物资和现金。", "Visits (走访慰问): who, when, by whom, goods and cash."), subcommands: [Leaf<Record>.self, Leaf<List>.self])

  struct Record: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "record", abstract: Language.say("登记一次走访慰问；慰问现金从基金账户支出，记入流水。", "Record a visit; cash is paid from a fund through the ledger."))
    @Option(help: .person("走访对象", "The person visited")) var person: Who
    @Option(name: .customLong("date"), help: .say("走访日期（YYYY-MM-DD）；不填为当天（北京时间）。", "YYYY-MM-DD; today (China time) when left out.")) var day: String?
    @Option(help: .say("慰问单位（多个单位时重复填写本选项）。", "A visiting unit (repeat for several).")) var unit: [String]
    @Option(help: .say("所属走访慰问活动的编号。", "The campaign's id.")) var campaign = ""
    @Option(help: .say("慰问物资折价（元）。", "Value of goods, yuan.")) var goods = "0"
    @Option(help: .say("慰问现金（元）。", "Cash given, yuan.")) var cash = "0"
    @Option(help: .say("现金从哪个基金账户支出（账户代码）。", "The fund the cash comes from.")) var fund = "assistance"
    @Option(help: .reliefCase) var caseID: Who?
    @Option(help: .say("走访情况的备注（可不填）。", "Notes on the visit (optional).")) var notes = ""

    func call(_ c: Clients) async throws -> some Printable {
      // What was typed is checked before the names are looked up.
      let visitedOn = try day.map { try Dates.parse($0, option: "--date") } ?? Dates.today
      let (goodsValue, cash) = (try Yuan.parseOrZero(goods, option: "--goods"), try Yuan.parseOrZero(self.cash, option: "--cash"))
      let person = try await self.person.personID(c, "--person")
      let caseID = try await self.caseID?.caseID(c, "--case-id") ?? ""
      return try await c.care.recordVisit(c.write { r in
        r.personID = person
        r.visitedOn = visitedOn
        r.units = unit
        r.campaignID = campaign
        r.goodsValue = goodsValue
        r.cash = cash
        r.cashFund = r.cash.fen == 0 ? "" : fund
        r.caseID = caseID
        r.notes = notes
      })
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出走访慰问记录。", "List visits."))
    @Option(help: .say("只列出这一走访慰问活动的记录（活动编号）。", "Only this campaign's visits (its id).")) var campaign = ""
    @Option(help: .household("只列出这一家庭户的记录", "Only this household's visits")) var household: Who?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable {
      let household = try await self.household?.householdID(c, "--household") ?? ""
      return try await c.care.listVisits(.with {
        $0.campaignID = campaign
        $0.householdID = household
        $0.page = page.proto
      })
    }
  }
}
