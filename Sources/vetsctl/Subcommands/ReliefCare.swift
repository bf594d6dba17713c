import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

/// Makes one CareService call.
func careCall<Result: Sendable>(
  _ global: GlobalOptions,
  _ call: (Vets_Relief_V1_CareService.Client<HTTP2ClientTransport.Posix>, Metadata, CallOptions) async throws -> Result
) async throws -> Result {
  let daemon = Daemon(options: global)
  let (metadata, options) = (daemon.metadata, daemon.callOptions)
  return try await daemon.call { client in try await call(Vets_Relief_V1_CareService.Client(wrapping: client), metadata, options) }
}

struct RosterCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "roster", abstract: "The needy roster (动态管理): entry, review dates, exit.",
    subcommands: [Enter.self, Exit.self, List.self, Overdue.self])

  enum Level: String, ExpressibleByArgument, CaseIterable {
    case watch, needy, severe
    var proto: Vets_Relief_V1_RosterLevel { self == .watch ? .watch : self == .needy ? .needy : .severe }
  }

  static func print(_ entries: [Vets_Relief_V1_RosterEntry], _ next: String, _ global: GlobalOptions, json: () throws -> Void) throws {
    switch global.output {
    case .json: try json()
    case .table, .csv:
      Output.table(
        ["HOUSEHOLD", "LEVEL", "REASON", "ENTERED", "NEXT REVIEW", "EXITED", "EXIT REASON"],
        entries.map { e in
          [e.householdID, Level.allCases.first { $0.proto == e.level }?.rawValue ?? "-", e.reason, Dates.text(e.enteredOn), Dates.text(e.nextReviewOn),
           Dates.text(e.exitedOn), e.exitReason.isEmpty ? "-" : e.exitReason]
        })
      Output.nextPage(next)
    }
  }

  struct Enter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enter", abstract: "Put a household on the roster.")
    @OptionGroup var global: GlobalOptions
    @Argument var household: String
    @Option var level: Level
    @Option var reason: String
    @Option(help: "YYYY-MM-DD") var review: String

    func run() async throws {
      var r = Vets_Relief_V1_EnterRosterRequest()
      r.requestID = global.effectiveRequestID
      r.householdID = household
      r.level = level.proto
      r.reason = reason
      r.nextReviewOn = try Dates.parse(review, option: "--review")
      let entry = try await careCall(global) { c, m, o in try await c.enterRoster(r, metadata: m, options: o) }
      try RosterCommand.print([entry], "", global) { try Output.json(entry) }
    }
  }

  struct Exit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exit", abstract: "Take a household off the roster, with the reason.")
    @OptionGroup var global: GlobalOptions
    @Argument var household: String
    @Option var reason: String

    func run() async throws {
      var r = Vets_Relief_V1_ExitRosterRequest()
      r.requestID = global.effectiveRequestID
      r.householdID = household
      r.reason = reason
      let entry = try await careCall(global) { c, m, o in try await c.exitRoster(r, metadata: m, options: o) }
      try RosterCommand.print([entry], "", global) { try Output.json(entry) }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Households on the roster (with --history, past entries too).")
    @OptionGroup var global: GlobalOptions
    @Flag var history = false
    @Option var household = ""
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Relief_V1_ListRosterRequest()
      r.includeHistory = history
      r.householdID = household
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await careCall(global) { c, m, o in try await c.listRoster(r, metadata: m, options: o) }
      try RosterCommand.print(response.entries, response.nextPageToken, global) { try Output.json(response) }
    }
  }

  struct Overdue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "overdue", abstract: "Households whose review date has passed.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
      var r = Vets_Relief_V1_ListRosterRequest()
      r.overdueOnly = true
      let response = try await careCall(global) { c, m, o in try await c.listRoster(r, metadata: m, options: o) }
      try RosterCommand.print(response.entries, response.nextPageToken, global) { try Output.json(response) }
    }
  }
}

struct CampaignCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "campaign", abstract: "Visit campaigns (八一, 春节, routine).", subcommands: [Create.self, List.self])

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case armyDay = "army-day", springFestival = "spring-festival", routine
    var proto: Vets_Relief_V1_CampaignKind { self == .armyDay ? .armyDay : self == .springFestival ? .springFestival : .routine }
  }

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a campaign.")
    @OptionGroup var global: GlobalOptions
    @Option var name: String
    @Option var kind: Kind
    @Option(help: "YYYY-MM-DD") var from: String
    @Option(help: "YYYY-MM-DD") var to: String

    func run() async throws {
      var r = Vets_Relief_V1_CreateCampaignRequest()
      r.requestID = global.effectiveRequestID
      r.name = name
      r.kind = kind.proto
      r.startsOn = try Dates.parse(from, option: "--from")
      r.endsOn = try Dates.parse(to, option: "--to")
      let campaign = try await careCall(global) { c, m, o in try await c.createCampaign(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(campaign)
      case .table, .csv: Output.fields([("campaign", campaign.id), ("name", campaign.name), ("from", Dates.text(campaign.startsOn)), ("to", Dates.text(campaign.endsOn))])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List campaigns.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
      let response = try await careCall(global) { c, m, o in try await c.listCampaigns(.init(), metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["CAMPAIGN", "NAME", "KIND", "FROM", "TO"],
          response.campaigns.map { c in
            [c.id, c.name, Kind.allCases.first { $0.proto == c.kind }?.rawValue ?? "-", Dates.text(c.startsOn), Dates.text(c.endsOn)]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}

struct VisitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "visit", abstract: "Visits (走访慰问): who, when, by whom, goods and cash.", subcommands: [Record.self, List.self])

  struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record a visit; cash is paid from a fund through the ledger.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The person visited.") var person: String
    @Option(name: .customLong("date"), help: "YYYY-MM-DD") var day: String
    @Option(help: "A visiting unit (repeat for several).") var unit: [String]
    @Option var campaign = ""
    @Option(help: "Value of goods, yuan.") var goods = "0"
    @Option(help: "Cash given, yuan.") var cash = "0"
    @Option(help: "The fund the cash comes from.") var fund = "assistance"
    @Option(help: "The case this visit follows up.") var caseID = ""
    @Option var notes = ""

    func run() async throws {
      var r = Vets_Relief_V1_RecordVisitRequest()
      r.requestID = global.effectiveRequestID
      r.personID = person
      r.visitedOn = try Dates.parse(day, option: "--date")
      r.units = unit
      r.campaignID = campaign
      r.goodsValue = goods == "0" ? Money.proto(0) : try CaseCommand.amount(goods, option: "--goods")
      r.cash = cash == "0" ? Money.proto(0) : try CaseCommand.amount(cash, option: "--cash")
      r.cashFund = r.cash.fen == 0 ? "" : fund
      r.caseID = caseID
      r.notes = notes
      let visit = try await careCall(global) { c, m, o in try await c.recordVisit(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(visit)
      case .table, .csv:
        Output.fields([
          ("visit", visit.id), ("person", visit.personID), ("household", visit.householdID), ("date", Dates.text(visit.visitedOn)),
          ("units", visit.units.joined(separator: "、")), ("goods", Money.yuan(visit.goodsValue.fen)), ("cash", Money.yuan(visit.cash.fen)),
          ("case", visit.caseID.isEmpty ? "-" : visit.caseID),
        ])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List visits.")
    @OptionGroup var global: GlobalOptions
    @Option var campaign = ""
    @Option var household = ""
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var r = Vets_Relief_V1_ListVisitsRequest()
      r.campaignID = campaign
      r.householdID = household
      r.page.pageSize = pageSize
      r.page.pageToken = pageToken
      let response = try await careCall(global) { c, m, o in try await c.listVisits(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["VISIT", "DATE", "PERSON", "UNITS", "GOODS", "CASH", "CASE"],
          response.visits.map { [$0.id, Dates.text($0.visitedOn), $0.personID, $0.units.joined(separator: "、"), Money.yuan($0.goodsValue.fen),
            Money.yuan($0.cash.fen), $0.caseID.isEmpty ? "-" : $0.caseID] })
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}

struct ReliefReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "report", abstract: "The relief figures for a year.")
  @OptionGroup var global: GlobalOptions
  @Option var year: Int32

  func run() async throws {
    var r = Vets_Relief_V1_GetReportRequest()
    r.year = year
    let report = try await careCall(global) { c, m, o in try await c.getReport(r, metadata: m, options: o) }
    switch global.output {
    case .json: try Output.json(report)
    case .table, .csv:
      Output.fields([
        ("year", String(report.year)), ("cases opened", String(report.casesOpened)), ("cases approved", String(report.casesApproved)),
        ("cases rejected", String(report.casesRejected)), ("cases paid", String(report.casesPaid)),
        ("amount paid", Money.yuan(report.amountPaid.fen)), ("green channel cases", String(report.greenChannelCases)),
        ("median days to approval", String(format: "%.1f (normal), %.1f (green channel)", report.medianDaysToApprovalNormal, report.medianDaysToApprovalGreen)),
        ("person-visits", String(report.personVisits)), ("visit value", Money.yuan(report.visitValue.fen)),
        ("roster at year end", String(report.rosterSize)),
      ])
      if !report.campaigns.isEmpty {
        print("")
        Output.table(["CAMPAIGN", "NAME", "PERSON-VISITS", "VALUE"], report.campaigns.map { [$0.campaignID, $0.name, String($0.personVisits), Money.yuan($0.value.fen)] })
      }
    }
  }
}
