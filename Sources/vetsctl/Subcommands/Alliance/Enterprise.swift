import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl alliance enterprise ...`: the army-support enterprises.
struct EnterpriseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enterprise", abstract: Language.say("拥军企业。", "Army-supporting enterprises."),
    subcommands: [Leaf<Add>.self, Leaf<Update>.self, Leaf<Suspend>.self, Leaf<List>.self, Leaf<Show>.self])

  typealias Category = Word<Vets_Alliance_V1_EnterpriseCategory>

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("把企业加入拥军企业目录。", "Add an enterprise to the alliance directory."))
    @Option(help: .say("企业名称，与营业执照一致。", "The enterprise's name, as on its business licence.")) var name: String
    @Option(help: .say("统一社会信用代码（18 位）。", "Unified social credit code (18 characters).")) var creditCode: String
    @Option(help: .say("企业类别，如 餐饮、医疗、家政。", "The enterprise's category.")) var category: Category
    @Option(help: .say("镇(街道)的 9 位代码。", "9-digit town code.")) var town: String
    @Option(help: .say("企业地址（可不填）。", "The address (optional).")) var address = ""
    @Option(help: .say("联系电话或联系人（可不填）。", "A phone number or contact person (optional).")) var contact = ""
    @Option(help: .say("仅限系统管理员：校验位不符时仍接受该代码，并写明原因。", "Admin only: accept a code whose check character fails, and why.")) var overrideReason = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.alliance.addEnterprise(c.write { r in
      r.enterprise.name = name
      r.enterprise.creditCode = creditCode
      r.enterprise.category = category.value
      r.enterprise.townCode = town
      r.enterprise.address = address
      r.enterprise.contact = contact
      r.overrideReason = overrideReason
    }) }
  }

  struct Suspend: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: Language.say("暂停企业（或用 --resume 恢复、--withdraw 退出）；其优待项目立即停止。", "Suspend (or --resume, or --withdraw) an enterprise; its offers stop at once."))
    @Argument(help: .say("企业编号（ent_…），用 vetsctl alliance enterprise list 查到。", "The enterprise's id (ent_…), from vetsctl alliance enterprise list."))
    var id: String
    @Flag(help: .say("恢复为正常（--resume 和 --withdraw 都不加则暂停）。", "Make it active again (without --resume or --withdraw: suspend it).")) var resume = false
    @Flag(help: .say("企业退出拥军联盟，状态改为已退出。", "It leaves the alliance (withdrawn).")) var withdraw = false

    func check() throws {
      if resume && withdraw {
        throw ValidationError(Language.say("--resume 和 --withdraw 只能加一个", "--resume and --withdraw contradict each other: give one"))
      }
    }

    func call(_ c: Clients) async throws -> some Printable { try await c.alliance.setEnterpriseStatus(c.write { r in
      r.id = id
      r.status = resume ? .active : withdraw ? .withdrawn : .suspended
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出拥军企业。", "List enterprises."))
    @Option(help: .say("只列出这一类别的企业，如 餐饮、医疗。", "Only enterprises of this category.")) var category: Category?
    @Option(help: .say("只列出这个镇(街道)的企业（9 位代码）。", "Only this town (9-digit code).")) var town = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.alliance.listEnterprises(.with { r in
      if let category { r.category = category.value }
      r.townCode = town
    }) }
  }

  struct Show: CLICommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: Language.say("查看一家拥军企业。", "One enterprise."))
    @Argument(help: .say("企业编号（ent_…），用 vetsctl alliance enterprise list 查到。", "The enterprise's id (ent_…), from vetsctl alliance enterprise list."))
    var id: String

    func run(_ cli: CLI) async throws {
      let r = Vets_Alliance_V1_GetEnterpriseRequest.with { $0.id = id }
      let e = try await cli.call { try await $0.alliance.getEnterprise(r) }
      try cli.show(e) {
        Output.fields([
          ("enterprise", e.id), ("name", e.name), ("credit code", e.creditCode), ("town", e.townCode), ("address", e.address),
          ("contact", e.contact), ("joined", Dates.text(e.joinedOn)),
          ("override", e.creditCodeOverrideReason.isEmpty ? "-" : e.creditCodeOverrideReason),
        ])
      }
    }
  }

  struct Update: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "update", abstract: Language.say("修改企业的名称、类别、镇(街道)、地址或联系人。", "Change an enterprise's name, category, town, address or contact."))
    @Argument(help: .say("企业编号（ent_…），用 vetsctl alliance enterprise list 查到。", "The enterprise's id (ent_…), from vetsctl alliance enterprise list."))
    var id: String
    @Option(help: .say("新的企业名称（不填则不变）。", "The new name (unchanged when left out).")) var name: String?
    @Option(help: .say("新的企业类别（不填则不变）。", "The new category (unchanged when left out).")) var category: Category?
    @Option(help: .say("镇(街道)的 9 位代码。", "9-digit town code.")) var town: String?
    @Option(help: .say("新的地址（不填则不变）。", "The new address (unchanged when left out).")) var address: String?
    @Option(help: .say("新的联系电话或联系人（不填则不变）。", "The new phone or contact (unchanged when left out).")) var contact: String?

    func call(_ c: Clients) async throws -> some Printable {
      var e = try await c.alliance.getEnterprise(.with { $0.id = id })
      if let name { e.name = name }
      if let category { e.category = category.value }
      if let town { e.townCode = town }
      if let address { e.address = address }
      if let contact { e.contact = contact }
      return try await c.alliance.updateEnterprise(c.write { $0.enterprise = e })
    }
  }
}
