import ArgumentParser
import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI

struct AllianceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alliance", abstract: Language.say("拥军联盟：拥军企业、优待项目、核验和使用登记。", "The army-support alliance (拥军联盟): enterprises, offers, checks and redemptions."),
    subcommands: [
      EnterpriseCommand.self, OfferCommand.self, Leaf<DirectoryCommand>.self, Leaf<Check>.self, Leaf<Redeem>.self, Leaf<Void>.self,
      Leaf<AllianceReportCommand>.self,
    ])

  /// --certificate or --id-number: exactly one identifier of the customer.
  struct CustomerOptions: ParsableArguments {
    @Option(help: .say("顾客的优待证号。", "The customer's preferential-treatment certificate (优待证) number.")) var certificate: String?
    @Option(help: .say("顾客的身份证号。", "The customer's resident ID number.")) var idNumber: String?

    func validate() throws {
      guard (certificate == nil) != (idNumber == nil) else { throw ValidationError(Language.say("--certificate 和 --id-number 只能填一个，也必须填一个", "give exactly one of --certificate and --id-number")) }
    }

    var proto: Vets_Alliance_V1_Customer {
      var c = Vets_Alliance_V1_Customer()
      if let certificate { c.certificateNo = certificate } else if let idNumber { c.idNumber = idNumber }
      return c
    }
  }

  struct Check: CLICommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: Language.say("核验顾客能否享受该优待项目（核验通过退出码为 0，未通过为 1）。", "May this customer have this offer? (exit 0 if confirmed, 1 if not)"))
    @Argument(help: .say("优待项目编号。", "The offer's id.")) var offer: String
    @OptionGroup var customer: CustomerOptions

    func run(_ cli: CLI) async throws {
      let r = Vets_Alliance_V1_CheckEligibilityRequest.with { $0.offerID = offer; $0.customer = customer.proto }
      let answer = try await cli.call { try await $0.alliance.checkEligibility(r) }
      try cli.show(answer)
      guard answer.confirmed else { throw CLIError(Language.say("不符合条件：\(word(answer.reason))", "not confirmed: \(word(answer.reason))")) }
    }
  }

  struct Redeem: CLICommand {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "redeem", abstract: Language.say("登记使用一次优待项目（同一 --request-id 只记一次）。", "Record one use of an offer (once per --request-id)."))
    @Argument(help: .say("优待项目编号。", "The offer's id.")) var offer: String
    @OptionGroup var customer: CustomerOptions

    func run(_ cli: CLI) async throws {
      let r = Vets_Alliance_V1_RedeemRequest.with { $0.requestID = cli.requestID; $0.offerID = offer; $0.customer = customer.proto }
      let redemption = try await cli.call { try await $0.alliance.redeem(r) }
      try cli.show(redemption)
      guard redemption.confirmed else { throw CLIError(Language.say("未能使用优待：\(word(redemption.reason))", "not redeemed: \(word(redemption.reason))")) }
    }
  }

  struct Void: CLICommand {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "void", abstract: Language.say("在规定期限内撤销一次使用记录（退款时用）。", "Void a redemption within the window (a refund)."))
    @Argument(help: .say("使用记录编号。", "The redemption's id.")) var redemption: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Alliance_V1_VoidRedemptionRequest.with { $0.requestID = cli.requestID; $0.redemptionID = redemption }
      let voided = try await cli.call { try await $0.alliance.voidRedemption(r) }
      try cli.show(voided) { Output.fields([("redemption", voided.id), ("voided", Dates.stamp(voided.voidedAt))]) }
    }
  }
}

struct DirectoryCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "directory", abstract: Language.say("导出对外公布的拥军企业目录和优惠项目清单，CSV 格式（写入 --file 或标准输出）。", "The published directory of enterprises and current offers, as CSV (to --file or stdout)."))
  @Option(help: .say("只导出这一类别的企业，如 餐饮、医疗。", "Only enterprises of this category.")) var category: Word<Vets_Alliance_V1_EnterpriseCategory>?
  @Option(help: .say("只导出这个镇(街道)的企业（9 位代码）。", "Only this town (9-digit code).")) var town = ""
  @Option(help: .say("把 CSV 写入这个文件（文件不能已存在），不输出到标准输出。", "Write the CSV here (it must not exist) instead of stdout.")) var file: String?

  func run(_ cli: CLI) async throws {
    if let file, FileManager.default.fileExists(atPath: file) {
      throw CLIError(Language.say("文件 \(file) 已存在，请换一个文件名", "\(file) already exists; choose a new file name"), exitCode: Exit.usage)
    }
    var r = Vets_Alliance_V1_ExportDirectoryRequest()
    if let category { r.category = category.value }
    r.townCode = town
    let csv = try await cli.call { services in
      try await services.alliance.exportDirectory(r) { response in
        var data = Data()
        for try await chunk in response.messages { data.append(chunk.data) }
        return data
      }
    }
    if let file {
      guard FileManager.default.createFile(atPath: file, contents: csv, attributes: [.posixPermissions: 0o644]) else {
        throw CLIError(Language.say("无法写入文件 \(file)", "cannot write \(file)"))
      }
    } else {
      FileHandle.standardOutput.write(csv)
    }
  }
}

struct AllianceReportCommand: Call {
  static let configuration = CommandConfiguration(commandName: "report", abstract: Language.say("全年优待项目使用情况和拥军企业统计。", "Redemptions and enterprises for a year."))
  @Option(help: .say("统计年度，如 2026。", "The year to report, e.g. 2026.")) var year: Int32

  func call(_ c: Clients) async throws -> some Printable { try await c.alliance.getReport(.with { $0.year = year }) }
}
