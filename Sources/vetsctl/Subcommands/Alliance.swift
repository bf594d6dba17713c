import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import VetsAPI
import VetsKit

/// Makes one AllianceService call.
func allianceCall<Result: Sendable>(
  _ global: GlobalOptions,
  _ call: (Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>, Metadata, CallOptions) async throws -> Result
) async throws -> Result {
  let daemon = Daemon(options: global)
  let (metadata, options) = (daemon.metadata, daemon.callOptions)
  return try await daemon.call { client in try await call(Vets_Alliance_V1_AllianceService.Client(wrapping: client), metadata, options) }
}

struct AllianceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alliance", abstract: "The army-support alliance (拥军联盟): enterprises, offers, checks and redemptions.",
    subcommands: [EnterpriseCommand.self, OfferCommand.self, DirectoryCommand.self, Check.self, Redeem.self, Void.self, AllianceReportCommand.self])

  /// --certificate or --id-number: exactly one identifier of the customer.
  struct CustomerOptions: ParsableArguments {
    @Option(help: "The customer's preferential-treatment certificate (优待证) number.") var certificate: String?
    @Option(help: "The customer's resident ID number.") var idNumber: String?

    func validate() throws {
      guard (certificate == nil) != (idNumber == nil) else { throw ValidationError("give exactly one of --certificate and --id-number") }
    }

    var proto: Vets_Alliance_V1_Customer {
      var c = Vets_Alliance_V1_Customer()
      if let certificate { c.certificateNo = certificate } else if let idNumber { c.idNumber = idNumber }
      return c
    }
  }

  static func reason(_ r: Vets_Alliance_V1_CheckReason) -> String {
    switch r {
    case .confirmed: "confirmed"
    case .notConfirmed: "not confirmed"
    case .categoryNotEligible: "category not eligible"
    case .limitReached: "limit reached"
    case .quotaExhausted: "quota exhausted"
    case .offerNotActive: "offer not active"
    default: "unknown"
    }
  }

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "May this customer have this offer? (exit 0 if confirmed, 1 if not)")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The offer's id.") var offer: String
    @OptionGroup var customer: CustomerOptions

    func run() async throws {
      var r = Vets_Alliance_V1_CheckEligibilityRequest()
      r.offerID = offer
      r.customer = customer.proto
      let answer = try await allianceCall(global) { c, m, o in try await c.checkEligibility(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(answer)
      case .table, .csv: Output.fields([("answer", AllianceCommand.reason(answer.reason)), ("name", answer.maskedName.isEmpty ? "-" : answer.maskedName)])
      }
      guard answer.confirmed else { throw CLIError("not confirmed: \(AllianceCommand.reason(answer.reason))") }
    }
  }

  struct Redeem: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redeem", abstract: "Record one use of an offer (once per --request-id).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The offer's id.") var offer: String
    @OptionGroup var customer: CustomerOptions

    func run() async throws {
      var r = Vets_Alliance_V1_RedeemRequest()
      r.requestID = global.effectiveRequestID
      r.offerID = offer
      r.customer = customer.proto
      let redemption = try await allianceCall(global) { c, m, o in try await c.redeem(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(redemption)
      case .table, .csv:
        Output.fields([
          ("redemption", redemption.id.isEmpty ? "-" : redemption.id), ("answer", AllianceCommand.reason(redemption.reason)),
          ("name", redemption.maskedName.isEmpty ? "-" : redemption.maskedName),
        ])
      }
      guard redemption.confirmed else { throw CLIError("not redeemed: \(AllianceCommand.reason(redemption.reason))") }
    }
  }

  struct Void: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "void", abstract: "Void a redemption within the window (a refund).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The redemption's id.") var redemption: String

    func run() async throws {
      var r = Vets_Alliance_V1_VoidRedemptionRequest()
      r.requestID = global.effectiveRequestID
      r.redemptionID = redemption
      let voided = try await allianceCall(global) { c, m, o in try await c.voidRedemption(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(voided)
      case .table, .csv: Output.fields([("redemption", voided.id), ("voided", Output.time(voided.voidedAt))])
      }
    }
  }
}

struct EnterpriseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enterprise", abstract: "Army-supporting enterprises.", subcommands: [Add.self, Update.self, Suspend.self, List.self, Show.self])

  enum Category: String, ExpressibleByArgument, CaseIterable {
    case retail, catering, medical, housekeeping, education, transport, finance, culture, other
    var proto: Vets_Alliance_V1_EnterpriseCategory { Vets_Alliance_V1_EnterpriseCategory(rawValue: Category.allCases.firstIndex(of: self)! + 1)! }
  }

  static func print(_ enterprises: [Vets_Alliance_V1_Enterprise]) {
    Output.table(
      ["ENTERPRISE", "NAME", "CREDIT CODE", "CATEGORY", "TOWN", "STATUS"],
      enterprises.map { e in
        [e.id, e.name, e.creditCode, Category.allCases.first { $0.proto == e.category }?.rawValue ?? "-", e.townCode,
         e.status == .active ? "active" : e.status == .suspended ? "suspended" : "withdrawn"]
      })
  }

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an enterprise to the alliance directory.")
    @OptionGroup var global: GlobalOptions
    @Option var name: String
    @Option(help: "Unified social credit code (18 characters).") var creditCode: String
    @Option var category: Category
    @Option(help: "9-digit town code.") var town: String
    @Option var address = ""
    @Option var contact = ""
    @Option(help: "Admin only: accept a code whose check character fails, and why.") var overrideReason = ""

    func run() async throws {
      var r = Vets_Alliance_V1_AddEnterpriseRequest()
      r.requestID = global.effectiveRequestID
      r.enterprise.name = name
      r.enterprise.creditCode = creditCode
      r.enterprise.category = category.proto
      r.enterprise.townCode = town
      r.enterprise.address = address
      r.enterprise.contact = contact
      r.overrideReason = overrideReason
      let e = try await allianceCall(global) { c, m, o in try await c.addEnterprise(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(e)
      case .table, .csv: EnterpriseCommand.print([e])
      }
    }
  }

  struct Suspend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend (or --resume, or --withdraw) an enterprise; its offers stop at once.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Flag var resume = false
    @Flag var withdraw = false

    func run() async throws {
      var r = Vets_Alliance_V1_SetEnterpriseStatusRequest()
      r.requestID = global.effectiveRequestID
      r.id = id
      r.status = resume ? .active : withdraw ? .withdrawn : .suspended
      let e = try await allianceCall(global) { c, m, o in try await c.setEnterpriseStatus(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(e)
      case .table, .csv: EnterpriseCommand.print([e])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List enterprises.")
    @OptionGroup var global: GlobalOptions
    @Option var category: Category?
    @Option var town = ""

    func run() async throws {
      var r = Vets_Alliance_V1_ListEnterprisesRequest()
      if let category { r.category = category.proto }
      r.townCode = town
      let response = try await allianceCall(global) { c, m, o in try await c.listEnterprises(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        EnterpriseCommand.print(response.enterprises)
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}

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

extension EnterpriseCommand {
  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One enterprise.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run() async throws {
      var r = Vets_Alliance_V1_GetEnterpriseRequest()
      r.id = id
      let e = try await allianceCall(global) { c, m, o in try await c.getEnterprise(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(e)
      case .table, .csv:
        Output.fields([
          ("enterprise", e.id), ("name", e.name), ("credit code", e.creditCode), ("town", e.townCode), ("address", e.address),
          ("contact", e.contact), ("joined", Dates.text(e.joinedOn)),
          ("override", e.creditCodeOverrideReason.isEmpty ? "-" : e.creditCodeOverrideReason),
        ])
      }
    }
  }

  struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change an enterprise's name, category, town, address or contact.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var name: String?
    @Option var category: Category?
    @Option var town: String?
    @Option var address: String?
    @Option var contact: String?

    func run() async throws {
      var get = Vets_Alliance_V1_GetEnterpriseRequest()
      get.id = id
      var e = try await allianceCall(global) { c, m, o in try await c.getEnterprise(get, metadata: m, options: o) }
      if let name { e.name = name }
      if let category { e.category = category.proto }
      if let town { e.townCode = town }
      if let address { e.address = address }
      if let contact { e.contact = contact }
      var r = Vets_Alliance_V1_UpdateEnterpriseRequest()
      r.requestID = global.effectiveRequestID
      r.enterprise = e
      let updated = try await allianceCall(global) { c, m, o in try await c.updateEnterprise(r, metadata: m, options: o) }
      switch global.output {
      case .json: try Output.json(updated)
      case .table, .csv: EnterpriseCommand.print([updated])
      }
    }
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

struct DirectoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "directory", abstract: "The published directory of enterprises and current offers, as CSV (to --file or stdout).")
  @OptionGroup var global: GlobalOptions
  @Option var category: EnterpriseCommand.Category?
  @Option var town = ""
  @Option(help: "Write the CSV here (it must not exist) instead of stdout.") var file: String?

  func run() async throws {
    if let file, FileManager.default.fileExists(atPath: file) {
      throw CLIError("\(file) already exists; choose a new file name", exitCode: Exit.usage)
    }
    var r = Vets_Alliance_V1_ExportDirectoryRequest()
    if let category { r.category = category.proto }
    r.townCode = town
    let daemon = Daemon(options: global)
    let csv = try await daemon.call { client in
      try await Vets_Alliance_V1_AllianceService.Client(wrapping: client).exportDirectory(r, metadata: daemon.metadata, options: daemon.callOptions) {
        response in
        var data = Data()
        for try await chunk in response.messages { data.append(chunk.data) }
        return data
      }
    }
    if let file {
      guard FileManager.default.createFile(atPath: file, contents: csv, attributes: [.posixPermissions: 0o644]) else {
        throw CLIError("cannot write \(file)")
      }
    } else {
      FileHandle.standardOutput.write(csv)
    }
  }
}

struct AllianceReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "report", abstract: "Redemptions and enterprises for a year.")
  @OptionGroup var global: GlobalOptions
  @Option var year: Int32

  func run() async throws {
    var r = Vets_Alliance_V1_GetReportRequest()
    r.year = year
    let report = try await allianceCall(global) { c, m, o in try await c.getReport(r, metadata: m, options: o) }
    switch global.output {
    case .json: try Output.json(report)
    case .table, .csv:
      Output.fields([
        ("year", String(report.year)), ("redemptions", String(report.redemptions)), ("unique beneficiaries", String(report.uniqueBeneficiaries)),
        ("estimated value", Money.yuan(report.estimatedValue.fen)),
      ])
      for (title, rows) in [("OFFER", report.byOffer), ("ENTERPRISE", report.byEnterprise), ("MONTH", report.byMonth)] where !rows.isEmpty {
        print("")
        Output.table([title, "REDEMPTIONS", "VALUE"], rows.map { [$0.key, String($0.redemptions), Money.yuan($0.estimatedValue.fen)] })
      }
      if !report.enterprisesByCategoryAndTown.isEmpty {
        print("")
        Output.table(["CATEGORY TOWN", "ENTERPRISES"], report.enterprisesByCategoryAndTown.map { [$0.key, String($0.redemptions)] })
      }
    }
  }
}
