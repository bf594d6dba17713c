import Foundation
import TestSupport
import Testing
import VetsKit

// Issue 18, items 1 and 6, through the real vetsctl: a clerk types the Chinese words of the
// glossary for any choice, and does not type what the data already answers.
@Suite struct ClerkWordsTests {
  static let village = "370830001001"

  static func withCounty(config: String? = nil, _ body: (TestDaemon) async throws -> Void) async throws {
    try await TestDaemon.with(config: config) { daemon in
      let divisions = daemon.root.appendingPathComponent("divisions.csv").path
      try "代码,名称\n370830001,中都街道\n370830001001,东关村\n".write(toFile: divisions, atomically: true, encoding: .utf8)
      let imported = try await daemon.vetsctl(["registry", "division", "import", divisions])
      try #require(imported.status == 0, "\(imported.stderr)")
      try await body(daemon)
    }
  }

  /// Sex and birth date left out are read from the ID number; categories are typed in Chinese,
  /// synonyms too; a sex that contradicts the ID number is still refused, naming the field.
  @Test func aPersonIsRegisteredFromTheIDNumberAndChineseWords() async throws {
    try await Self.withCounty { daemon in
      let added = try await daemon.json([
        "registry", "person", "add", "--id-number", residentID(born: "1962-02-02", sequence: "002"), "--name", "李秀英",
        "--category", "烈士遗属:配偶", "--category", "参战参试人员", "--village", Self.village,
      ])
      let data = try #require(added["data"] as? [String: Any], "\(added)")
      #expect(data["sex"] as? String == "SEX_FEMALE", "the 17th digit is even: \(data)")
      #expect(data["birthDate"] as? [String: Int] == ["year": 1962, "month": 2, "day": 2], "\(data)")
      let categories = (data["categories"] as? [[String: Any]])?.map { [$0["category"] as? String, $0["kinship"] as? String] }
      #expect(categories == [["CATEGORY_MARTYR_FAMILY", "KINSHIP_SPOUSE"], ["CATEGORY_WAR_OR_TEST_PARTICIPANT", nil]], "\(data)")

      // A clerk's table is in Chinese by default; --lang en (or VETSCTL_LANG=en) gives English.
      let chinese = try await daemon.vetsctl(["registry", "person", "list"], language: nil)
      let header = chinese.stdout.split(separator: "\n").first.map(String.init) ?? ""
      #expect(header.hasPrefix("编号") && header.contains("姓名") && header.contains("身份证号"), "\(chinese.stdout)")
      #expect(chinese.stdout.contains("  女  ") && chinese.stdout.contains("烈士遗属:配偶,参战参试退役人员"), "\(chinese.stdout)")
      #expect(chinese.stdout.contains("在册"), "the status in Chinese: \(chinese.stdout)")
      let english = try await daemon.vetsctl(["registry", "person", "list", "--lang", "en"], language: nil)
      #expect(english.stdout.hasPrefix("ID") && english.stdout.contains("female"), "\(english.stdout)")
      #expect(english.stdout.contains("martyr_family:spouse,war_or_test_participant"), "\(english.stdout)")
      let fields = try await daemon.vetsctl(["registry", "stats"], language: nil)
      #expect(fields.stdout.contains("党员"), "a record's fields in Chinese: \(fields.stdout)")
      let csv = try await daemon.vetsctl(["registry", "person", "list", "--output", "csv"], language: nil)
      #expect(csv.stdout.hasPrefix("\u{FEFF}编号,姓名,"), "a spreadsheet's header in Chinese: \(csv.stdout)")

      let male = try await daemon.vetsctl([
        "registry", "person", "add", "--id-number", residentID(born: "1950-03-01", sequence: "011"), "--name", "王建国",
        "--sex", "女", "--category", "退役士兵", "--village", Self.village,
      ])
      #expect(male.status == 6 && male.stderr.contains("sex") && male.stderr.contains("ID number"), "\(male.stderr)")
      let unknown = try await daemon.vetsctl([
        "registry", "person", "add", "--id-number", residentID(born: "1950-03-01", sequence: "011"), "--name", "王建国",
        "--category", "老兵", "--village", Self.village,
      ])
      #expect(unknown.status == 2 && unknown.stderr.contains("--category"), "\(unknown.stderr)")
    }
  }

  /// `person update` without --version reads the current one; a stale --version given is
  /// still refused.
  @Test func anUpdateWithoutVersionUsesTheCurrentOne() async throws {
    try await Self.withCounty { daemon in
      let added = try await daemon.json([
        "registry", "person", "add", "--id-number", residentID(born: "1950-03-01", sequence: "011"), "--name", "王建国",
        "--category", "退役士兵", "--village", Self.village,
      ])
      let id = try #require(added["id"] as? String)
      let first = try await daemon.json(["registry", "person", "update", id, "--phone", "13812345678"])
      #expect(first["version"] as? String == "2", "\(first)")
      let second = try await daemon.json(["registry", "person", "update", id, "--address", "东关村5号"])
      #expect(second["version"] as? String == "3", "\(second)")
      let stale = try await daemon.vetsctl(["registry", "person", "update", id, "--version", "2", "--address", "东关村6号"])
      #expect(stale.status != 0 && stale.stderr.contains("version 3"), "\(stale.stderr)")
      let misdated = try await daemon.vetsctl(["registry", "person", "mark-deceased", id, "--date", "2026年1月32日"])
      #expect(misdated.status == 2 && misdated.stderr.contains("--date '2026年1月32日' is not a real date"), "\(misdated.stderr)")
      let undated = try await daemon.vetsctl(["registry", "person", "mark-deceased", id, "--date", "1月5日"])
      #expect(undated.status == 2 && undated.stderr.contains("--date '1月5日' must be a date such as"), "\(undated.stderr)")
      // A date as a clerk writes it in Chinese.
      let deceased = try await daemon.json(["registry", "person", "mark-deceased", id, "--date", "2026年1月5日"])
      #expect(deceased["version"] as? String == "4" && deceased["status"] as? String == "PERSON_STATUS_DECEASED", "\(deceased)")
      #expect((deceased["diedOn"] as? [String: Any])?["day"] as? Int == 5, "\(deceased)")
    }
  }

  /// A visit recorded without --date is dated today in China.
  @Test func aVisitWithoutDateIsToday() async throws {
    try await Self.withCounty { daemon in
      let added = try await daemon.json([
        "registry", "person", "add", "--id-number", residentID(born: "1950-03-01", sequence: "011"), "--name", "王建国",
        "--category", "退役士兵", "--village", Self.village,
      ])
      let before = CalendarDate.localDay(of: Date())
      let visit = try await daemon.json(["relief", "visit", "record", "--person", try #require(added["id"] as? String), "--unit", "县退役军人事务局"])
      let after = CalendarDate.localDay(of: Date())
      let day = try #require(visit["visitedOn"] as? [String: Int], "\(visit)")
      let days = Set([before, after].map { ["year": $0.year, "month": $0.month, "day": $0.day] })
      #expect(days.contains(day), "visited on \(day), today is \(before)")
    }
  }

  /// Item 10: a refusal names the flag the clerk typed, not the request's field, and a role's
  /// refusal names the command and the roles in words, not the RPC; programs still read the
  /// field and the method on the wire (Tests/Interop/python).
  @Test func refusalsNameTheFlagTypedAndTheRoleInWords() async throws {
    try await Self.withCounty { daemon in
      let added = try await daemon.json([
        "registry", "person", "add", "--id-number", residentID(born: "1950-03-01", sequence: "011"), "--name", "王建国",
        "--category", "退役士兵", "--village", Self.village,
      ])
      let person = try #require(added["id"] as? String, "\(added)")
      let future = CalendarDate.localDay(of: Date()).adding(days: 3).iso
      let visit = try await daemon.vetsctl(["relief", "visit", "record", "--person", person, "--unit", "县退役军人事务局", "--date", future])
      #expect(visit.status == 6 && visit.stderr.contains("--date: must not be in the future"), "\(visit.stderr)")
      #expect(!visit.stderr.contains("visited_on"), "\(visit.stderr)")
      // In Chinese, the daemon's Chinese for the rule (a clerk's default).
      let chineseVisit = try await daemon.vetsctl(
        ["relief", "visit", "record", "--person", person, "--unit", "县退役军人事务局", "--date", future], language: nil)
      #expect(chineseVisit.stderr.contains("--date：不能晚于今天"), "\(chineseVisit.stderr)")
      let nobody = try await daemon.vetsctl(["registry", "person", "get", "per_0000000000000000"], language: nil)
      #expect(nobody.status == 5 && nobody.stderr.contains("找不到编号为 per_0000000000000000 的人员"), "\(nobody.stderr)")

      let elsewhere = try await daemon.vetsctl([
        "registry", "person", "add", "--id-number", residentID(born: "1950-03-01", sequence: "027"), "--name", "张三",
        "--category", "退役士兵", "--village", "370830001999",
      ])
      #expect(elsewhere.status == 6 && elsewhere.stderr.contains("--village: village 370830001999"), "\(elsewhere.stderr)")
      #expect(!elsewhere.stderr.contains("village_code"), "\(elsewhere.stderr)")

      let clerk = try await daemon.createToken(role: "clerk", name: "南旺镇经办人")
      let chinese = try await daemon.vetsctl(["admin", "token", "create", "--role", "clerk"], tokenFile: clerk.file, language: nil)
      #expect(chinese.status == 4, "\(chinese.stderr)")
      #expect(chinese.stderr.contains("你的令牌角色是经办人，不能执行“vetsctl admin token create”；这一步要由系统管理员来做"), "\(chinese.stderr)")
      #expect(!chinese.stderr.contains("TokenService"), "\(chinese.stderr)")
    }
  }

  /// Item 4: `[daemon] time_zone` decides the daemon's "today". Two daemons a day apart,
  /// UTC-12 and UTC+14: the date the east calls today is in the future for the west. (At
  /// every instant the east's day is one or two days after the west's.) VETSCTL_TIME_ZONE
  /// must name a zone as the config does.
  @Test func theBureauTimeZoneDecidesTheDay() async throws {
    let east = CalendarDate.localDay(of: Date().addingTimeInterval(Double(14 * 3600 - BureauTime.offset(at: Date())))).iso
    for (zone, accepted) in [("Etc/GMT+12", false), ("Etc/GMT-14", true)] {
      try await Self.withCounty(config: "[daemon]\ntime_zone = \"\(zone)\"\n") { daemon in
        #expect(daemon.stderr.text.contains("time_zone=\(zone)"), "the start is logged with the zone: \(daemon.stderr.text)")
        let added = try await daemon.json([
          "registry", "person", "add", "--id-number", residentID(born: "1950-03-01", sequence: "011"), "--name", "王建国",
          "--category", "退役士兵", "--village", Self.village,
        ])
        let visit = try await daemon.vetsctl([
          "relief", "visit", "record", "--person", try #require(added["id"] as? String), "--unit", "县退役军人事务局", "--date", east,
        ])
        if accepted {
          #expect(visit.status == 0, "\(zone): \(visit.stderr)")
        } else {
          #expect(visit.status == 6 && visit.stderr.contains("--date: must not be in the future"), "\(zone): \(visit.stderr)")
        }
      }
    }
    let refused = try await runVetsdExpectingExit([], config: "[daemon]\ntime_zone = \"CST\"\n")
    #expect(refused.status != 0 && refused.stderr.contains("daemon.time_zone"), "\(refused.stderr)")
    let cli = try await Run.program(Binaries.vetsctl, ["terms", "sex"], environment: ["VETSCTL_TIME_ZONE": "Beijing"], directory: nil)
    #expect(cli.status == 2 && cli.stderr.contains("VETSCTL_TIME_ZONE 'Beijing'"), "\(cli.stderr)")
  }

  /// `--output csv` is for a spreadsheet: every page under one header, starting with a UTF-8
  /// byte-order mark, and no "more results" hint.
  @Test func aCSVListHasEveryPageAndOneHeader() async throws {
    try await Self.withCounty { daemon in
      let names = ["王建国", "李秀英", "赵德明"]
      for (index, name) in names.enumerated() {
        let added = try await daemon.vetsctl([
          "registry", "person", "add", "--id-number", residentID(born: "1950-03-0\(index + 1)", sequence: "01\(index)"),
          "--name", name, "--category", "退役士兵", "--village", Self.village,
        ])
        try #require(added.status == 0, "\(added.stderr)")
      }
      let csv = try await daemon.vetsctl(["registry", "person", "list", "--page-size", "2", "--output", "csv"])
      #expect(csv.status == 0 && !csv.stderr.contains("more results"), "\(csv.stderr)")
      #expect(Array(csv.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(csv.stdout)")
      let lines = csv.stdout.split(separator: "\n")
      #expect(lines.count == 1 + names.count, "one header and every person: \(csv.stdout)")
      #expect(Set(names).allSatisfy { name in lines.contains { $0.contains(name) } }, "\(csv.stdout)")
      let table = try await daemon.vetsctl(["registry", "person", "list", "--page-size", "2"])
      #expect(table.stderr.contains("more results"), "a table for people still pages: \(table.stderr)")
    }
  }

  /// A command's help shows its own options first and the global ones last; `--request-id`
  /// is offered only where it has an effect, and `--version` means the record's version.
  @Test func helpListsTheCommandsOwnOptionsFirst() async throws {
    func help(_ command: [String], language: String = "en") async throws -> String {
      let run = try await Run.program(Binaries.vetsctl, command + ["--help"], environment: ["VETSCTL_LANG": language])
      #expect(run.status == 0, "\(run.stderr)")
      return run.stdout
    }
    // Chinese unless English is asked for, by --lang anywhere on the line or VETSCTL_LANG.
    let chinese = try await help(["registry", "person", "add"], language: "")
    #expect(chinese.contains("参数和选项") && chinese.contains("通用选项"), "\(chinese)")
    #expect(chinese.contains("--no-category") && chinese.contains("优抚类别"), "\(chinese)")
    for english in [try await help(["registry", "person", "add"]), try await help(["registry", "person", "add", "--lang", "en"], language: "zh")] {
      #expect(english.contains("ARGUMENTS AND OPTIONS") && !english.contains("参数和选项"), "\(english)")
    }
    let add = try await help(["registry", "person", "add"])
    let own = try #require(add.range(of: "--id-number"), "\(add)")
    let global = try #require(add.range(of: "GLOBAL OPTIONS"), "\(add)")
    #expect(own.lowerBound < global.lowerBound, "the command's options come first: \(add)")
    #expect(add.range(of: "--socket").map { $0.lowerBound > global.lowerBound } == true, "\(add)")
    #expect(add.contains("--request-id"), "a write offers --request-id: \(add)")
    let search = try await help(["registry", "person", "search"])
    #expect(!search.contains("--request-id") && search.contains("--contains"), "a read does not: \(search)")
    let update = try await help(["registry", "person", "update"])
    #expect(update.components(separatedBy: "--version").count == 2, "one --version, the record's: \(update)")
  }

  /// ArgumentParser's own words are Chinese too (headings, defaults, usage errors), and its
  /// lines fit the terminal as it draws Chinese, two columns a character; English is unchanged.
  @Test func helpAndUsageErrorsAreChineseAndFitTheTerminal() async throws {
    func vetsctl(_ arguments: [String], language: String = "", columns: Int = 80) async throws -> Finished {
      try await Run.program(Binaries.vetsctl, arguments, environment: ["VETSCTL_LANG": language, "COLUMNS": "\(columns)"])
    }
    func widest(_ text: String) -> Int {
      text.split(separator: "\n").map { $0.reduce(0) { $0 + ($1.unicodeScalars.first!.value >= 0x2E80 ? 2 : 1) } }.max() ?? 0
    }
    for command in [["relief", "visit", "record"], ["registry", "person", "add"], ["relief"], []] {
      for columns in [60, 80, 120] {
        let help = try await vetsctl(command + ["--help"], columns: columns)
        #expect(help.status == 0, "\(help.stderr)")
        #expect(widest(help.stdout) <= columns, "\(command) at \(columns) columns: \(help.stdout)")
        for english in ["OVERVIEW", "USAGE", "OPTIONS:", "(default:", "Show help information", "See '"] {
          #expect(!help.stdout.contains(english), "\(english) in \(command): \(help.stdout)")
        }
      }
    }
    let visit = try await vetsctl(["relief", "visit", "record", "--help"], columns: 200)
    #expect(visit.stdout.hasPrefix("简介：登记一次走访慰问") && visit.stdout.contains("\n用法：vetsctl relief visit record"), "\(visit.stdout)")
    #expect(visit.stdout.contains("（默认：assistance）") && visit.stdout.contains("  -h, --help              显示帮助信息。"), "\(visit.stdout)")
    let relief = try await vetsctl(["relief", "--help"])
    #expect(relief.stdout.contains("子命令：") && relief.stdout.contains("输入“vetsctl help relief <子命令>”查看子命令的说明。"), "\(relief.stdout)")

    let missing = try await vetsctl(["relief", "visit", "record"])
    #expect(missing.status == 2 && missing.stderr.hasPrefix("错误：缺少必填项 --person <person>"), "\(missing.stderr)")
    #expect(missing.stderr.contains("输入“vetsctl relief visit record --help”查看说明。"), "\(missing.stderr)")
    let extra = try await vetsctl(["relief", "visit", "record", "--person", "p", "--unit", "u", "多余"])
    #expect(extra.status == 2 && extra.stderr.hasPrefix("错误：多余的参数“多余”"), "\(extra.stderr)")
    let unknown = try await vetsctl(["relief", "visit", "record", "--person", "p", "--unit", "u", "--cahs", "5"])
    #expect(unknown.status == 2 && unknown.stderr.hasPrefix("错误：没有选项 --cahs"), "\(unknown.stderr)")
    let sex = try await vetsctl(["registry", "person", "add", "--sex", "狗"])
    #expect(sex.status == 2 && sex.stderr.contains("“狗”不是 --sex <sex> 可以填的值；可填 male 或 female，也可填它们的中文"), "\(sex.stderr)")

    // vetsctl's own refusals of what was typed, before anything is sent.
    let exact = try await vetsctl(["registry", "person", "search", "--exact"])
    #expect(exact.status == 2 && exact.stderr.contains("--exact 须和 --name 一起使用"), "\(exact.stderr)")
    let noFile = try await vetsctl(["registry", "import", "/nonexistent/人员.csv"])
    #expect(noFile.status == 2 && noFile.stderr.contains("读不到文件 /nonexistent/人员.csv"), "\(noFile.stderr)")
    let day = try await vetsctl(["relief", "visit", "record", "--person", "荣庆华", "--unit", "u", "--date", "1962/2/30"])
    #expect(day.status == 2 && day.stderr.contains("--date '1962/2/30' 不是真实的日期"), "\(day.stderr)")
    let noDaemon = try await vetsctl(["registry", "person", "get", "荣庆华", "--socket", "/nonexistent/vetsd.sock"])
    #expect(noDaemon.status == 3 && noDaemon.stderr.contains("连不上 vetsd") && noDaemon.stderr.contains("vetsd 是否在运行"), "\(noDaemon.stderr)")

    let english = try await vetsctl(["relief", "visit", "record"], language: "en")
    #expect(english.stderr.hasPrefix("Error: Missing expected argument '--person <person>'"), "\(english.stderr)")
    let englishHelp = try await vetsctl(["relief", "visit", "record", "--help"], language: "en")
    #expect(englishHelp.stdout.hasPrefix("OVERVIEW: ") && englishHelp.stdout.contains("(default: assistance)"), "\(englishHelp.stdout)")
  }

  /// Every option, argument and flag of every command says what to type: in Chinese for a
  /// clerk, and in English with VETSCTL_LANG=en. ArgumentParser's `--experimental-dump-help`
  /// gives the whole tree; its own -h/--help, its `help` subcommand and hidden options are
  /// left out.
  @Test func everyOptionSaysWhatToTypeInBothLanguages() async throws {
    for language in ["zh", "en"] {
      let run = try await Run.program(Binaries.vetsctl, ["--experimental-dump-help"], environment: ["VETSCTL_LANG": language])
      try #require(run.status == 0, "\(run.stderr)")
      let dump = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
      let root = try #require(dump?["command"] as? [String: Any], "\(run.stdout.prefix(500))")
      var checked = 0
      var missing: [String] = []
      func walk(_ command: [String: Any], _ path: String) {
        for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool != false {
          let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
          if names.contains("help") { continue }
          checked += 1
          let help = (argument["abstract"] as? String ?? "").trimmingCharacters(in: .whitespaces)
          let chinese = help.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
          guard help.isEmpty || (language == "zh" && !chinese) else { continue }
          let preferred = (argument["preferredName"] as? [String: Any])?["name"] as? String
          let label = preferred.map { ($0.count == 1 ? "-" : "--") + $0 } ?? "<\(argument["valueName"] as? String ?? "?")>"
          missing.append("\(path) \(label)")
        }
        for subcommand in command["subcommands"] as? [[String: Any]] ?? [] {
          let name = subcommand["commandName"] as? String ?? "?"
          if path == "vetsctl", name == "help" { continue }  // ArgumentParser's own
          walk(subcommand, "\(path) \(name)")
        }
      }
      walk(root, "vetsctl")
      #expect(checked > 500, "VETSCTL_LANG=\(language): only \(checked) options in the tree")
      #expect(missing.isEmpty, "VETSCTL_LANG=\(language): no help\(language == "zh" ? " in Chinese" : "") for \(missing.joined(separator: "; "))")
    }
  }

  /// `vetsctl terms` lists every kind, each kind's codes, labels and synonyms, and refuses a
  /// kind it does not have; it needs no daemon.
  @Test func termsListTheGlossary() async throws {
    let all = try await Run.program(Binaries.vetsctl, ["terms"], environment: ["VETSCTL_SOCKET": "/nonexistent/vetsd.sock"])
    #expect(all.status == 0 && all.stdout.contains("department") && all.stdout.contains("承办部门"), "\(all.stdout) \(all.stderr)")
    let departments = try await Run.program(Binaries.vetsctl, ["terms", "department"], environment: [:])
    let line = departments.stdout.split(separator: "\n").first { $0.hasPrefix("human_resources_social_security") }
    #expect(line?.contains("人力资源和社会保障局") == true && line?.contains("人社局") == true, "\(departments.stdout)")
    let json = try await Run.program(Binaries.vetsctl, ["terms", "sex", "--output", "json"], environment: [:])
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    let terms = parsed?.first?["terms"] as? [[String: Any]]
    #expect(terms?.map { $0["label"] as? String } == ["男", "女"], "\(json.stdout)")
    let wrong = try await Run.program(Binaries.vetsctl, ["terms", "colour"], environment: [:])
    #expect(wrong.status == 2 && wrong.stderr.contains("KIND 'colour'"), "\(wrong.stderr)")
  }
}
