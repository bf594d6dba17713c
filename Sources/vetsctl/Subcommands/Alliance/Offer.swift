import ArgumentParser
import SwiftProtobuf
import VetsAPI

/// `vetsctl alliance offer ...`: the enterprises' discount offers.
struct OfferCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "offer", abstract: Language.say("拥军企业的优待项目（优惠项目）。", "Preferential offers (优惠项目)."), subcommands: [Leaf<Add>.self, Leaf<Update>.self, Leaf<Pause>.self, Leaf<List>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("新增优待项目。", "Add an offer."))
    @Option(help: .say("拥军企业编号。", "The enterprise's id.")) var enterprise: String
    @Option(help: .say("优待项目的名称，如 体检八折。", "The offer's title, e.g. 体检八折.")) var title: String
    @Option(help: .say("优待内容和使用条件的说明（可不填）。", "What the offer gives and on what terms (optional).")) var description = ""
    @Option(help: .say("按百分比优惠，1-99。", "Percent off, 1-99.")) var percentOff: Int32?
    @Option(help: .say("立减金额，单位元。", "Amount off, yuan.")) var amountOff: String?
    @Option(help: .say("免费服务或其他优待，用文字写明。", "A free service or other benefit, in words.")) var benefit: String?
    @Option(help: .say("生效日期，YYYY-MM-DD。", "YYYY-MM-DD")) var from: String
    @Option(help: .say("截止日期，YYYY-MM-DD。", "YYYY-MM-DD")) var to: String
    @Option(help: .say("每人可使用的次数。", "Uses per person.")) var limit: Int32 = 1
    @Option(help: .say("次数按多少天内计算（0：不限天数，累计计算）。", "Within this many days (0: ever).")) var days: Int32 = 0
    @Option(help: .say("总名额（0：不限名额）。", "Total uses (0: no quota).")) var quota: Int64 = 0

    func check() throws {
      guard [percentOff != nil, amountOff != nil, benefit != nil].filter({ $0 }).count == 1 else {
        throw ValidationError(Language.say("--percent-off、--amount-off 和 --benefit 只能填一个，也必须填一个", "give exactly one of --percent-off, --amount-off and --benefit"))
      }
    }

    func call(_ c: Clients) async throws -> some Printable { try await c.alliance.addOffer(c.write { r in
      r.offer.enterpriseID = enterprise
      r.offer.title = title
      r.offer.description_p = description
      if let percentOff {
        r.offer.benefit = .percentOff
        r.offer.percentOff = percentOff
      } else if let amountOff {
        r.offer.benefit = .amountOff
        r.offer.amountOff = try Yuan.parse(amountOff, option: "--amount-off")
      } else if let benefit {
        r.offer.benefit = .freeService
        r.offer.benefitText = benefit
      }
      r.offer.validFrom = try Dates.parse(from, option: "--from")
      r.offer.validTo = try Dates.parse(to, option: "--to")
      r.offer.limitCount = limit
      r.offer.limitDays = days
      r.offer.quota = quota
    }) }
  }

  struct Pause: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "pause", abstract: Language.say("暂停优待项目（或用 --resume 恢复）。", "Pause (or --resume) an offer."))
    @Argument(help: .say("优待项目编号（off_…），用 vetsctl alliance offer list 查到。", "The offer's id (off_…), from vetsctl alliance offer list."))
    var id: String
    @Flag(help: .say("恢复已暂停的优待项目（不加则暂停）。", "Make a paused offer active again (default: pause it).")) var resume = false

    func call(_ c: Clients) async throws -> some Printable { try await c.alliance.setOfferStatus(c.write { r in
      r.id = id
      r.status = resume ? .active : .paused
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出优待项目（--current：只列今天可用的）。", "List offers (--current: only those usable today)."))
    @Option(help: .say("只列出这家企业的优待项目（企业编号）。", "Only this enterprise's offers (its id).")) var enterprise = ""
    @Flag(help: .say("只列出今天可以使用的优待项目。", "Only offers usable today.")) var current = false

    func call(_ c: Clients) async throws -> some Printable { try await c.alliance.listOffers(.with {
      $0.enterpriseID = enterprise
      $0.currentOnly = current
    }) }
  }

  struct Update: CLICommand {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "update", abstract: Language.say("修改优待项目的标题、说明、有效期、次数上限或名额。", "Change an offer's title, description, validity, limit or quota."))
    @Argument(help: .say("优待项目编号（off_…），用 vetsctl alliance offer list 查到。", "The offer's id (off_…), from vetsctl alliance offer list."))
    var id: String
    @Option(help: .say("新的名称（不填则不变）。", "The new title (unchanged when left out).")) var title: String?
    @Option(help: .say("新的说明（不填则不变）。", "The new description (unchanged when left out).")) var description: String?
    @Option(help: .say("生效日期，YYYY-MM-DD。", "YYYY-MM-DD")) var from: String?
    @Option(help: .say("截止日期，YYYY-MM-DD。", "YYYY-MM-DD")) var to: String?
    @Option(help: .say("每人可使用的次数。", "Uses per person.")) var limit: Int32?
    @Option(help: .say("次数按多少天内计算（0：不限天数，累计计算）。", "Within this many days (0: ever).")) var days: Int32?
    @Option(help: .say("总名额（0：不限名额）。", "Total uses (0: no quota).")) var quota: Int64?

    func run(_ cli: CLI) async throws {
      var list = Vets_Alliance_V1_ListOffersRequest()
      list.page.pageSize = 500
      var offer: Vets_Alliance_V1_Offer?
      repeat {
        let page = try await cli.call { try await $0.alliance.listOffers(list) }
        offer = page.offers.first { $0.id == id }
        list.page.pageToken = page.nextPageToken
      } while offer == nil && !list.page.pageToken.isEmpty
      guard var o = offer else { throw CLIError(Language.say("找不到编号为 \(id) 的优待项目，请核对编号", "no offer with id '\(id)'"), exitCode: Exit.notFound) }
      if let title { o.title = title }
      if let description { o.description_p = description }
      if let from { o.validFrom = try Dates.parse(from, option: "--from") }
      if let to { o.validTo = try Dates.parse(to, option: "--to") }
      if let limit { o.limitCount = limit }
      if let days { o.limitDays = days }
      if let quota { o.quota = quota }
      let r = Vets_Alliance_V1_UpdateOfferRequest.with { $0.requestID = cli.requestID; $0.offer = o }
      try await cli.show { try await $0.alliance.updateOffer(r) }
    }
  }
}
