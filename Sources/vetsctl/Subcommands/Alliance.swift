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
