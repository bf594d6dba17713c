import ArgumentParser
import VetsAPI

/// The search filters shared by `person list`/`person search` and `registry export`.
struct PersonFilters: ParsableArguments {
  @Option(help: .say(
    "姓名以此开头（赵 可查到 赵德明）；另见 --exact 和 --contains。", "Names that start with this (赵 finds 赵德明); see --exact and --contains.")) var name: String?
  @Flag(help: .say("只查姓名与 --name 完全相同的人。", "Only the whole name given with --name.")) var exact = false
  @Flag(help: .say(
    "姓名中任意位置含 --name 的（德 可查到 赵德明），按姓名中从该字起的部分排列。",
    "Names that contain --name anywhere (德 finds 赵德明), in the order of the name from that part on.")) var contains = false
  @Option(help: .say("完整的身份证号，或其后 6 位。", "A full resident ID number, or its last 6 characters.")) var idNumber: String?
  @Option(help: .say("电话号码，与登记的一致。", "A phone number, as registered.")) var phone: String?
  @Option(help: .say("优待证号。", "A preferential treatment certificate (优待证) number.")) var certificate: String?
  @Option(help: .place("只查这个镇(街道)或村(社区)的人员", "Only people in this town or village")) var division: Place?
  @Option(help: .say("属于此类别的人员。", "People with this category.", valueName: "category")) var category: Word<Vets_Registry_V1_Category>?
  @Option(help: .say("处于此状态的人员。", "People with this status.")) var status: Word<Vets_Registry_V1_PersonStatus>?
  @Option(help: .say("年龄不小于此周岁数（按今天计算）。", "At least this many whole years old today.")) var minAge: Int32?
  @Option(help: .say("年龄不大于此周岁数（按今天计算）。", "At most this many whole years old today.")) var maxAge: Int32?
  @Option(help: .say("党员（yes）或非党员（no）。", "Party members (yes) or not (no).")) var partyMember: YesNo?
  @Option(help: .say("带有此标签的人员。", "People with this tag.")) var tag: String?

  func validate() throws {
    if exact, contains { throw ValidationError(Language.say("--exact 和 --contains 不能同时使用，请选一个", "--exact and --contains cannot be used together; choose one")) }
    if exact || contains, (name ?? "").isEmpty { throw ValidationError(Language.say("--\(exact ? "exact" : "contains") 须和 --name 一起使用", "--\(exact ? "exact" : "contains") needs --name")) }
    if let minAge, minAge < 0 { throw ValidationError(Language.say("--min-age 不能是负数", "--min-age must not be negative")) }
    if let maxAge, maxAge < 0 { throw ValidationError(Language.say("--max-age 不能是负数", "--max-age must not be negative")) }
    if let minAge, let maxAge, minAge > maxAge { throw ValidationError(Language.say("--min-age 不能大于 --max-age", "--min-age must not be larger than --max-age")) }
  }

  func request(_ c: Clients) async throws -> Vets_Registry_V1_SearchPersonsRequest {
    var request = Vets_Registry_V1_SearchPersonsRequest()
    request.name = name ?? ""
    request.namePrefix = !exact && !contains && !(name ?? "").isEmpty
    request.nameContains = contains
    request.idNumber = idNumber ?? ""
    request.phone = phone ?? ""
    request.certificateNo = certificate ?? ""
    request.divisionCode = try await division?.code(c, "--division") ?? ""
    request.category = category?.value ?? .unspecified
    request.status = status?.value ?? .unspecified
    request.minAge = minAge ?? 0
    request.maxAge = maxAge ?? 0
    request.partyMember = partyMember?.rawValue ?? ""
    request.tag = tag ?? ""
    return request
  }

  /// When nothing is found: what was searched, and the wider search to try.
  var nobodyFound: String {
    guard let name, !name.isEmpty else { return Language.say("没有找到符合条件的人。", "Nobody matches these filters.") }
    if contains { return Language.say("没有找到姓名中含“\(name)”的人。", "Nobody's name contains '\(name)'.") }
    if exact {
      return Language.say(
        "没有找到姓名为“\(name)”的人；去掉 --exact 可查找以“\(name)”开头的姓名。",
        "Nobody is named '\(name)'; without --exact the search finds names starting with it.")
    }
    return Language.say(
      "没有找到姓名以“\(name)”开头的人；加 --contains 可查找姓名中含“\(name)”的人。",
      "No name starts with '\(name)'; add --contains to find names containing it.")
  }
}
