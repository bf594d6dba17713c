import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

/// `vetsctl alliance offer ...`: the enterprises' discount offers.

struct OfferCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "offer", abstract: "Preferential offers (优惠项目).", subcommands: [Add.self, Update.self, Pause.self, List.self])

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an offer.")
    @OptionGroup var global: GlobalOptions
    @Option var enterprise: String
    @Option var title: String
    @Option var description = ""
    @Option(help: "Percent off, 1-99.") var percentOff: Int32?
    @Option(help: "Amount off, yuan.") var amountOff: String?
    @Option(help: "A free service or other benefit, in words.") var benefit: String?
    @Option(help: "YYYY-MM-DD") var from: String
    @Option(help: "YYYY-MM-DD") var to: String
    @Option(help: "Uses per person.") var limit: Int32 = 1
    @Option(help: "Within this many days (0: ever).") var days: Int32 = 0
    @Option(help: "Total uses (0: no quota).") var quota: Int64 = 0

    func run() async throws {
      var r = Vets_Alliance_V1_AddOfferRequest()
      r.requestID = global.effectiveRequestID
      r.offer.enterpriseID = enterprise
      r.offer.title = title
      r.offer.description_p = description
      if let percentOff {
        r.offer.benefit = .percentOff
        r.offer.percentOff = percentOff
      } else if let amountOff {
        r.offer.benefit = .amountOff
        r.offer.amountOff = try CaseCommand.amount(amountOff, option: "--amount-off")
      } else if let benefit {
        r.offer.benefit = .freeService
        r.offer.benefitText = benefit
      } else {
        throw ValidationError("give one of --percent-off, --amount-off or --benefit")
      }
      r.offer.validFrom = try Dates.parse(from, option: "--from")
      r.offer.validTo = try Dates.parse(to, option: "--to")
      r.offer.limitCount = limit
      r.offer.limitDays = days
      r.offer.quota = quota
      let offer = try await allianceCall(global) { c, m, o in try await c.addOffer(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(offer)
      case .table, .csv: OfferCommand.print([offer])
      }
    }
  }

  struct Pause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause (or --resume) an offer.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Flag var resume = false

    func run() async throws {
      var r = Vets_Alliance_V1_SetOfferStatusRequest()
      r.requestID = global.effectiveRequestID
      r.id = id
      r.status = resume ? .active : .paused
      let offer = try await allianceCall(global) { c, m, o in try await c.setOfferStatus(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(offer)
      case .table, .csv: OfferCommand.print([offer])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List offers (--current: only those usable today).")
    @OptionGroup var global: GlobalOptions
    @Option var enterprise = ""
    @Flag var current = false

    func run() async throws {
      var r = Vets_Alliance_V1_ListOffersRequest()
      r.enterpriseID = enterprise
      r.currentOnly = current
      let response = try await allianceCall(global) { c, m, o in try await c.listOffers(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        OfferCommand.print(response.offers)
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  static func print(_ offers: [Vets_Alliance_V1_Offer]) {
    Output.table(
      ["OFFER", "ENTERPRISE", "TITLE", "BENEFIT", "VALID", "LIMIT", "QUOTA", "USED", "STATUS"],
      offers.map { o in
        let benefit =
          switch o.benefit {
          case .percentOff: "\(o.percentOff)% off"
          case .amountOff: "\(Money.yuan(o.amountOff.fen)) off"
          default: o.benefitText
          }
        return [
          o.id, o.enterpriseID, o.title, benefit, "\(Dates.text(o.validFrom))..\(Dates.text(o.validTo))",
          o.limitDays == 0 ? "\(o.limitCount) ever" : "\(o.limitCount) per \(o.limitDays) days", o.quota == 0 ? "-" : String(o.quota),
          String(o.redeemed), o.status == .active ? "active" : "paused",
        ]
      })
  }
}

extension OfferCommand {
  struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change an offer's title, description, validity, limit or quota.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var title: String?
    @Option var description: String?
    @Option var from: String?
    @Option var to: String?
    @Option var limit: Int32?
    @Option var days: Int32?
    @Option var quota: Int64?

    func run() async throws {
      var list = Vets_Alliance_V1_ListOffersRequest()
      list.page.pageSize = 500
      var offer: Vets_Alliance_V1_Offer?
      repeat {
        let page = try await allianceCall(global) { c, m, o in try await c.listOffers(list, metadata: m, options: o) }
        offer = page.offers.first { $0.id == id }
        list.page.pageToken = page.nextPageToken
      } while offer == nil && !list.page.pageToken.isEmpty
      guard var o = offer else { throw CLIError("no offer with id '\(id)'", exitCode: Exit.notFound) }
      if let title { o.title = title }
      if let description { o.description_p = description }
      if let from { o.validFrom = try Dates.parse(from, option: "--from") }
      if let to { o.validTo = try Dates.parse(to, option: "--to") }
      if let limit { o.limitCount = limit }
      if let days { o.limitDays = days }
      if let quota { o.quota = quota }
      var r = Vets_Alliance_V1_UpdateOfferRequest()
      r.requestID = global.effectiveRequestID
      r.offer = o
      let updated = try await allianceCall(global) { c, m, opts in try await c.updateOffer(r, metadata: m, options: opts) }
      switch global.output {
      case .json: try Output.json(updated)
      case .table, .csv: OfferCommand.print([updated])
      }
    }
  }
}
