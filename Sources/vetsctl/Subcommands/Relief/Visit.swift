import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct CampaignCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "campaign", abstract: "Visit campaigns (八一, 春节, routine).", subcommands: [Leaf<Create>.self, Leaf<List>.self])

  struct Create: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a campaign.")
    @Option var name: String
    @Option var kind: Word<Vets_Relief_V1_CampaignKind>
    @Option(help: "YYYY-MM-DD") var from: String
    @Option(help: "YYYY-MM-DD") var to: String

    func call(_ c: Clients) async throws -> some Printable { try await c.care.createCampaign(c.write { r in
      r.name = name
      r.kind = kind.value
      r.startsOn = try Dates.parse(from, option: "--from")
      r.endsOn = try Dates.parse(to, option: "--to")
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List campaigns.")

    func call(_ c: Clients) async throws -> some Printable { try await c.care.listCampaigns(.init()) }
  }
}

struct VisitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "visit", abstract: "Visits (走访慰问): who, when, by whom, goods and cash.", subcommands: [Leaf<Record>.self, Leaf<List>.self])

  struct Record: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record a visit; cash is paid from a fund through the ledger.")
    @Option(help: "The person visited.") var person: String
    @Option(name: .customLong("date"), help: "YYYY-MM-DD; today (China time) when left out.") var day: String?
    @Option(help: "A visiting unit (repeat for several).") var unit: [String]
    @Option var campaign = ""
    @Option(help: "Value of goods, yuan.") var goods = "0"
    @Option(help: "Cash given, yuan.") var cash = "0"
    @Option(help: "The fund the cash comes from.") var fund = "assistance"
    @Option(help: "The case this visit follows up.") var caseID = ""
    @Option var notes = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.care.recordVisit(c.write { r in
      r.personID = person
      r.visitedOn = try day.map { try Dates.parse($0, option: "--date") } ?? Dates.today
      r.units = unit
      r.campaignID = campaign
      r.goodsValue = try Yuan.parseOrZero(goods, option: "--goods")
      r.cash = try Yuan.parseOrZero(cash, option: "--cash")
      r.cashFund = r.cash.fen == 0 ? "" : fund
      r.caseID = caseID
      r.notes = notes
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List visits.")
    @Option var campaign = ""
    @Option var household = ""
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.care.listVisits(.with {
      $0.campaignID = campaign
      $0.householdID = household
      $0.page = page.proto
    }) }
  }
}
