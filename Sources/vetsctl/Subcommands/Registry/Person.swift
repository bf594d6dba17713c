import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

/// `vetsctl registry person ...`: veterans and entitled dependants.
struct PersonCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "person", abstract: Language.say("人员的登记、查看、修改和查询。", "Register, read, change and search people."),
    subcommands: [
      Leaf<Add>.self, Leaf<Get>.self, Leaf<Update>.self, Leaf<Search>.self, Leaf<History>.self, Leaf<MarkDeceased>.self,
      Leaf<Move>.self, Leaf<SetStatus>.self,
    ])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("登记退役军人或优抚对象。", "Register a veteran or entitled dependant."))

    @Option(help: .say("18 位身份证号。", "The 18-character resident ID number (身份证号).")) var idNumber: String
    @Option(help: .say("姓名，与身份证上一致。", "The name, as on the ID card.")) var name: String
    @Option(help: .say("性别：男 或 女；不填则按身份证号确定。", "男 or 女 (male or female); read from the ID number when left out.")) var sex: Word<Vets_Registry_V1_Sex>?
    @Option(help: .say("出生日期；不填则按身份证号确定。", "The date of birth; read from the ID number when left out.", valueName: "yyyy-mm-dd"))
    var birthDate: String?
    @Option(help: .say("手机号（11 位）或固定电话（如 0537-7212345）。", "A mobile (11 digits) or landline (0537-7212345) number.")) var phone: String?
    @Option(help: ArgumentHelp(CategoryArgument.help, valueName: "category")) var category: [CategoryArgument] = []
    @Flag(help: .say(
      "无优抚类别的家庭成员（仅按与户主的关系登记的配偶、子女或父母）。",
      "A household member with no entitled category (a spouse, child or parent by relation to the head only)."))
    var noCategory = false
    @Option(help: .village("户籍所在村(社区)", "The village")) var village: Place
    @Option(help: .say("详细地址。", "The street address.")) var address: String?
    @Option(help: .say("入伍日期。", "The date of enlistment.", valueName: "yyyy-mm-dd")) var enlisted: String?
    @Option(help: .say("退伍日期。", "The date of discharge.", valueName: "yyyy-mm-dd")) var discharged: String?
    @Option(help: .say("军种。", "The service branch.")) var branch: String?
    @Flag(help: .say("本人是党员。", "The person is a party member.")) var partyMember = false
    @Option(help: .say("优待证号。", "The preferential treatment certificate (优待证) number.")) var certificate: String?
    @Option(help: .say("标签（可重复）。", "A tag (repeatable).")) var tag: [String] = []
    @Option(help: .say("备注。", "Free-text notes.")) var notes: String?

    func check() throws {
      if category.isEmpty == !noCategory {
        throw ValidationError(
          noCategory
            ? "--no-category and --category contradict each other: give one"
            : "give at least one --category (vetsctl terms category lists them), or --no-category for a household member with none")
      }
    }

    func call(_ c: Clients) async throws -> some Printable {
      let village = try await self.village.code(c, "--village", village: true)
      return try await c.people.addPerson(c.write { r in
        r.person = try PersonFields(
          idNumber: idNumber, name: name, sex: sex, birthDate: birthDate, phone: phone, categories: category,
          village: village, address: address, enlisted: enlisted, discharged: discharged, branch: branch,
          partyMember: partyMember, certificate: certificate, tags: tag, notes: notes
        ).input().input
      })
    }
  }

  struct Get: Call {
    static let configuration = CommandConfiguration(
      commandName: "get",
      abstract: Language.say(
        "查看一个人员（有需要的角色可看到完整的身份证号和电话；每次查看都记入审计）。",
        "Show one person (ID number and phone unmasked for roles that need them; the read is audited)."))

    @Argument(help: .person("人员", "The person")) var id: Who

    func call(_ c: Clients) async throws -> some Printable {
      let id = try await self.id.personID(c)
      return try await c.people.getPerson(.with { $0.id = id })
    }
  }

  struct Update: CLICommand {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "update",
      abstract: Language.say("修改人员信息：只改所给的字段。", "Change the given fields of a person."))

    @Argument(help: .person("人员", "The person")) var id: Who
    @OptionGroup var version: VersionOption
    @Option(help: .say("18 位身份证号。", "The 18-character resident ID number (身份证号).")) var idNumber: String?
    @Option(help: .say("姓名，与身份证上一致。", "The name, as on the ID card.")) var name: String?
    @Option(help: .say("性别：男 或 女。", "男 or 女 (male or female).")) var sex: Word<Vets_Registry_V1_Sex>?
    @Option(help: .say("出生日期。", "The date of birth.", valueName: "yyyy-mm-dd")) var birthDate: String?
    @Option(help: .say("手机号或固定电话；填空值则清除。", "A mobile or landline number; an empty value clears it.")) var phone: String?
    @Option(help: ArgumentHelp(CategoryArgument.help + Language.say("填写后替换原有的全部类别。", " Replaces all categories."), valueName: "category"))
    var category: [CategoryArgument] = []
    @Option(help: .village("户籍所在村(社区)", "The village")) var village: Place?
    @Option(help: .say("详细地址。", "The street address.")) var address: String?
    @Option(help: .say("入伍日期。", "The date of enlistment.", valueName: "yyyy-mm-dd")) var enlisted: String?
    @Option(help: .say("退伍日期。", "The date of discharge.", valueName: "yyyy-mm-dd")) var discharged: String?
    @Option(help: .say("军种。", "The service branch.")) var branch: String?
    @Option(help: .say("是否党员（yes 是，no 否）。", "Whether the person is a party member.")) var partyMember: YesNo?
    @Option(help: .say("优待证号。", "The preferential treatment certificate (优待证) number.")) var certificate: String?
    @Option(help: .say("标签（可重复）；替换原有的全部标签。", "A tag (repeatable); replaces all tags.")) var tag: [String] = []
    @Option(help: .say("备注。", "Free-text notes.")) var notes: String?

    func run(_ cli: CLI) async throws {
      let (input, fields) = try PersonFields(
        idNumber: idNumber, name: name, sex: sex, birthDate: birthDate, phone: phone, categories: category,
        village: village?.typed, address: address, enlisted: enlisted, discharged: discharged, branch: branch,
        partyMember: partyMember.map { $0 == .yes }, certificate: certificate, tags: tag, notes: notes
      ).input()
      guard !fields.isEmpty else {
        throw ValidationError(Language.say("没有要修改的内容：请至少给出一项，如 --phone 或 --address", "nothing to change: give at least one field option, e.g. --phone or --address"))
      }
      var r = Vets_Registry_V1_UpdatePersonRequest()
      r.requestID = cli.requestID
      r.person = input
      r.fields = fields
      try await cli.show { [r] c in
        var r = r
        r.id = try await id.personID(c)
        if let village { r.person.villageCode = try await village.code(c, "--village", village: true) }
        // A change made between this read and the update is still caught by the version check.
        r.version = try await c.version(of: r.id, given: version.version)
        return try await c.people.updatePerson(r)
      }
    }
  }

  struct Search: Call {
    static let configuration = CommandConfiguration(
      commandName: "search", abstract: Language.say("列出和查询人员；各项筛选条件都可不填。", "List and search people; every filter is optional."), aliases: ["list"])

    @OptionGroup var filters: PersonFilters
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable {
      var r = try await filters.request(c)
      r.page = page.proto
      let found = try await c.people.searchPersons(r)
      if found.persons.isEmpty, r.page.pageToken.isEmpty { Output.hint(filters.nobodyFound) }
      return found
    }
  }

  struct History: Call {
    static let configuration = CommandConfiguration(commandName: "history", abstract: Language.say("列出人员信息的变更记录，按时间先后排列。", "List the changes made to a person, oldest first."))

    @Argument(help: .person("人员", "The person")) var id: Who
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable {
      let id = try await self.id.personID(c)
      return try await c.people.listPersonHistory(.with {
        $0.id = id
        $0.page = page.proto
      })
    }
  }

  struct MarkDeceased: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "mark-deceased", abstract: Language.say("登记人员去世。", "Record a person's death."))

    @Argument(help: .person("人员", "The person")) var id: Who
    @OptionGroup var version: VersionOption
    @Option(help: .say("死亡日期。", "The date of death.", valueName: "yyyy-mm-dd")) var date: String

    func call(_ c: Clients) async throws -> some Printable {
      let id = try await self.id.personID(c)
      let current = try await c.version(of: id, given: version.version)
      return try await c.people.markDeceased(c.write { r in
        r.id = id
        r.version = current
        r.diedOn = try Dates.parse(date, option: "--date")
      })
    }
  }

  struct Move: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "move", abstract: Language.say("将人员迁到另一个村(社区)。", "Move a person to another village."))

    @Argument(help: .person("人员", "The person")) var id: Who
    @OptionGroup var version: VersionOption
    @Option(help: .village("迁入的村(社区)", "The new village")) var village: Place
    @Option(help: .say("新的详细地址。", "The new street address.")) var address: String?

    func call(_ c: Clients) async throws -> some Printable {
      let id = try await self.id.personID(c)
      let village = try await self.village.code(c, "--village", village: true)
      let current = try await c.version(of: id, given: version.version)
      return try await c.people.movePerson(c.write { r in
        r.id = id
        r.version = current
        r.villageCode = village
        r.address = address ?? ""
      })
    }
  }

  struct SetStatus: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "set-status",
      abstract: Language.say(
        "设置人员状态（active 在册、moved_out 迁出、exited 退出）。", "Set a person's status (active, moved_out, exited)."),
      discussion: Language.say(
        "把已故人员改回在册属于更正：须加 --correction 和 --reason，并作为更正记入审计。",
        "Making a deceased person active again is a correction: it needs --correction and --reason, and is audited as such."))

    @Argument(help: .person("人员", "The person")) var id: Who
    @OptionGroup var version: VersionOption
    @Option(help: .say("新的状态。", "The new status.")) var status: Word<Vets_Registry_V1_PersonStatus>
    @Flag(help: .say("更正错误记录（如被误登记为已故）。", "This corrects a wrong record (e.g. a person marked deceased by mistake).")) var correction = false
    @Option(help: .say("更正的原因。", "Why, for a correction.")) var reason: String?

    func check() throws {
      if correction, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError(Language.say("加 --correction 时须用 --reason 写明更正原因", "--correction needs --reason"))
      }
    }

    func call(_ c: Clients) async throws -> some Printable {
      let id = try await self.id.personID(c)
      let current = try await c.version(of: id, given: version.version)
      return try await c.people.setPersonStatus(c.write { r in
        r.id = id
        r.version = current
        r.status = status.value
        r.correction = correction
        r.reason = reason ?? ""
      })
    }
  }
}

/// `--version`: the version of the person the clerk read. Left out, the current one is read
/// just before the change; a change made by someone else in between is still refused.
struct VersionOption: ParsableArguments {
  @Option(help: .say(
    "所查看记录的版本号（见 'person get'）；版本已过时则拒绝修改。不填则先读取当前版本。",
    "The version you read (from 'person get'); a stale one is refused. Left out, the current one is read first."))
  var version: Int64?
}

extension Clients {
  func version(of person: String, given: Int64?) async throws -> Int64 {
    if let given { return given }
    return try await people.getPerson(.with { $0.id = person }).version
  }
}
