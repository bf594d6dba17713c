import Foundation
import GRDB
import TestSupport
import Testing

// The registry module through the real vetsctl: divisions, people, households, stations,
// CSV import and export, masking and scopes. Fixture CSV text lives here as string literals
// and is written into the daemon's temporary folder at test time.

enum RegistryFixtures {
  static let town1 = "370830001"
  static let town2 = "370830002"
  static let village1 = "370830001001"
  static let village2 = "370830001002"
  static let village3 = "370830002001"

  /// Two towns and three villages; one village name holds a CJK Extension B character.
  static let divisions = """
    代码,名称
    370830001,中都街道
    370830001001,𠀀家庄村
    370830001002,西门村
    370830002,南旺镇
    370830002001,南旺村

    """

  static let header = "身份证号,姓名,性别,出生日期,电话,类别,村代码,地址"

  /// UTF-8 with a BOM and Chinese headers; two good rows.
  static var goodCSV: String {
    "\u{FEFF}" + header + "\n"
      + "\(residentID(born: "19500301", sequence: "011")),王建国,男,1950-03-01,13812345678,退役士兵,\(village1),中都街道1号\n"
      + "\(residentID(born: "19620715", sequence: "022")),李秀英,女,1962-07-15,0537-7212345,烈士遗属:配偶,\(village3),南旺村3号\n"
  }

  /// As above plus a third row (line 3) whose resident ID has a wrong check character.
  static var csvWithOneBadRow: String {
    let good = residentID(born: "19580909", sequence: "031")
    let bad = String(good.dropLast()) + (good.last == "1" ? "2" : "1")
    return "\u{FEFF}" + header + "\n"
      + "\(residentID(born: "19500301", sequence: "011")),王建国,男,1950-03-01,13812345678,退役士兵,\(village1),中都街道1号\n"
      + "\(bad),赵刚,男,1958-09-09,,discharged_soldier,\(village1),\n"
      + "\(residentID(born: "19620715", sequence: "022")),李秀英,女,1962-07-15,0537-7212345,烈士遗属:配偶;参战参试,\(village3),南旺村3号\n"
  }
}

extension TestDaemon {
  /// Writes a fixture into the daemon's temporary folder and returns its path.
  fileprivate func fixture(_ name: String, _ text: String) throws -> String {
    let url = root.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  fileprivate func importDivisions() async throws {
    let file = try fixture("divisions.csv", RegistryFixtures.divisions)
    let imported = try await vetsctl(["registry", "division", "import", file])
    try #require(imported.status == 0, "division import failed: \(imported.stdout) \(imported.stderr)")
  }

  /// Runs vetsctl with --output json, requires exit 0, and parses the object it printed.
  /// Registers a person with vetsctl and returns the Person as protobuf JSON.
  fileprivate func addPerson(
    name: String, idNumber: String, sex: String, birth: String, village: String = RegistryFixtures.village1,
    categories: [String] = ["discharged_soldier"], extra: [String] = []
  ) async throws -> [String: Any] {
    try await json(
      ["registry", "person", "add", "--id-number", idNumber, "--name", name, "--sex", sex, "--birth-date", birth,
       "--village", village] + categories.flatMap { ["--category", $0] } + extra)
  }
}

/// Field accessors for a Person in protobuf JSON.
extension Dictionary where Key == String, Value == Any {
  fileprivate var id: String { self["id"] as? String ?? "" }
  fileprivate var data: [String: Any] { self["data"] as? [String: Any] ?? [:] }
  /// int64 is a string in protobuf's JSON mapping.
  fileprivate var version: String { (self["version"] as? String) ?? "" }
  fileprivate var persons: [[String: Any]] { self["persons"] as? [[String: Any]] ?? [] }
}

@Suite("Registry through vetsctl")
struct RegistryTests {
  @Test func theResidentIDHelperComputesTheCheckCharacter() {
    #expect(residentID(area: "110105", born: "19491231", sequence: "002") == "11010519491231002X")
  }

  @Test func divisionsImportThenList() async throws {
    try await TestDaemon.with { daemon in
      let file = try daemon.fixture("divisions.csv", RegistryFixtures.divisions)
      let imported = try await daemon.vetsctl(["registry", "division", "import", file])
      #expect(imported.status == 0, "\(imported.stderr)")
      #expect(imported.stdout.contains("towns     2"), "\(imported.stdout)")
      #expect(imported.stdout.contains("villages  3"), "\(imported.stdout)")

      let towns = try await daemon.vetsctl(["registry", "division", "list"])
      #expect(towns.status == 0, "\(towns.stderr)")
      #expect(towns.stdout.contains("370830001  中都街道"), "\(towns.stdout)")
      #expect(towns.stdout.contains("370830002  南旺镇"), "\(towns.stdout)")
      #expect(!towns.stdout.contains("370830001001"), "towns only without --town")

      let villages = try await daemon.json(["registry", "division", "list", "--town", RegistryFixtures.town1])
      let divisions = try #require(villages["divisions"] as? [[String: Any]])
      #expect(divisions.compactMap { $0["code"] as? String } == [RegistryFixtures.village1, RegistryFixtures.village2])
      let rare = try #require(divisions.first?["name"] as? String)
      #expect(Array(rare.utf8) == Array("𠀀家庄村".utf8), "the Extension B name came back changed: \(rare)")

      let bad = try daemon.fixture("bad-divisions.csv", "code,name\n37083000100,太短\n")
      let refused = try await daemon.vetsctl(["registry", "division", "import", bad])
      #expect(refused.status == 6, "\(refused.stdout) \(refused.stderr)")
      #expect(refused.stdout.contains("LINE"), "\(refused.stdout)")
    }
  }

  @Test func personAddAndGetKeepARareNameByteForByte() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let idNumber = residentID(born: "19480312", sequence: "013")
      let name = "𠀀文华"
      let added = try await daemon.addPerson(
        name: name, idNumber: idNumber, sex: "male", birth: "1948-03-12",
        extra: ["--phone", "13912345678", "--enlisted", "1968-03-01", "--discharged", "1975-04-30", "--branch", "陆军",
                "--party-member", "--certificate", "YDZ-0001", "--tag", "重点", "--tag", "走访", "--address", "中都街道8号",
                "--category", "war_or_test_participant"])
      let id = added.id
      #expect(id.hasPrefix("per_"), "\(added)")
      #expect(added.version == "1")

      let got = try await daemon.json(["registry", "person", "get", id])
      let data = got.data
      let gotName = try #require(data["name"] as? String)
      #expect(Array(gotName.utf8) == Array(name.utf8), "the name came back changed: \(gotName)")
      #expect(data["idNumber"] as? String == idNumber, "an admin sees the full ID number")
      #expect(data["phone"] as? String == "13912345678")
      #expect(data["sex"] as? String == "SEX_MALE")
      #expect(data["villageCode"] as? String == RegistryFixtures.village1)
      #expect(data["partyMember"] as? Bool == true)
      #expect(data["tags"] as? [String] == ["走访", "重点"] || data["tags"] as? [String] == ["重点", "走访"])
      let categories = (data["categories"] as? [[String: Any]] ?? []).compactMap { $0["category"] as? String }
      #expect(Set(categories) == ["CATEGORY_DISCHARGED_SOLDIER", "CATEGORY_WAR_OR_TEST_PARTICIPANT"])
      #expect(got["status"] as? String == "PERSON_STATUS_ACTIVE")

      let table = try await daemon.vetsctl(["registry", "person", "get", id])
      #expect(table.status == 0, "\(table.stderr)")
      #expect(table.stdout.utf8.split(separator: UInt8(ascii: "\n")).contains { line in
        line.starts(with: Array("name".utf8)) && Array(line).suffix(name.utf8.count).elementsEqual(name.utf8)
      }, "\(table.stdout)")
      #expect(table.stdout.contains("discharged_soldier,war_or_test_participant"), "\(table.stdout)")
      #expect(table.stdout.contains("1968-03-01"))

      // A dependant's category carries the kinship.
      let widow = try await daemon.addPerson(
        name: "李桂兰", idNumber: residentID(born: "19500101", sequence: "024"), sex: "female", birth: "1950-01-01",
        categories: ["martyr_family:spouse"])
      let widowTable = try await daemon.vetsctl(["registry", "person", "get", widow.id])
      #expect(widowTable.stdout.contains("martyr_family:spouse"), "\(widowTable.stdout)")

      // Bad input is refused before anything is sent, naming the option.
      let badDate = try await daemon.vetsctl(
        ["registry", "person", "add", "--id-number", idNumber, "--name", "x", "--sex", "male", "--birth-date", "1948-02-30",
         "--village", RegistryFixtures.village1, "--category", "discharged_soldier"])
      #expect(badDate.status == 2)
      #expect(badDate.stderr.contains("--birth-date"), "\(badDate.stderr)")
      let duplicate = try await daemon.vetsctl(
        ["registry", "person", "add", "--id-number", idNumber, "--name", "重复", "--sex", "male", "--birth-date", "1948-03-12",
         "--village", RegistryFixtures.village1, "--category", "discharged_soldier"])
      #expect(duplicate.status != 0, "the same resident ID number twice was accepted")
      let missing = try await daemon.vetsctl(["registry", "person", "get", "per_0000000000000000"])
      #expect(missing.status == 5, "\(missing.stderr)")
    }
  }

  /// Each page of a search is a range read on an index, never a sort of every match: at a
  /// million people a common surname or ID suffix matches thousands.
  @Test func searchPagesReadAnIndexInOrderWithoutSorting() async throws {
    try await TestDaemon.with { daemon in
      for (label, sql, read) in [
        ("ID suffix", "SELECT * FROM registry_people WHERE id_last6 = '12345X' AND id > 'per_' ORDER BY id LIMIT 21", "USING INDEX"),
        ("name prefix", "SELECT * FROM registry_people WHERE name >= '王' AND name < '王\u{10FFFF}' ORDER BY name, id LIMIT 21", "USING INDEX"),
        ("phone", "SELECT * FROM registry_people WHERE phone = '13912345678' AND id > 'per_' ORDER BY id LIMIT 21", "USING INDEX"),
        // A later page seeks to its key, not to the range's start.
        ("name prefix, a later page",
         "SELECT * FROM registry_people WHERE name < '王\u{10FFFF}' AND (name, id) > ('王伟', 'per_') ORDER BY name, id LIMIT 21",
         "INDEX registry_people_name ((name,id)>(?,?) AND name<?)"),
        ("name contains",
         "SELECT p.* FROM registry_person_name_suffixes s JOIN registry_people p ON p.id = s.person_id WHERE s.suffix >= '芳' "
           + "AND s.suffix < '芳\u{10FFFF}' AND instr(p.name, '芳') = length(p.name) - length(s.suffix) + 1 ORDER BY s.suffix, s.person_id LIMIT 21",
         "SEARCH s USING PRIMARY KEY (suffix>? AND suffix<?)"),
        ("name contains, a later page",
         "SELECT p.* FROM registry_person_name_suffixes s JOIN registry_people p ON p.id = s.person_id WHERE s.suffix < '芳\u{10FFFF}' "
           + "AND instr(p.name, '芳') = length(p.name) - length(s.suffix) + 1 AND (s.suffix, s.person_id) > ('芳华', 'per_') "
           + "ORDER BY s.suffix, s.person_id LIMIT 21",
         "SEARCH s USING PRIMARY KEY ((suffix,person_id)>(?,?) AND suffix<?)"),
      ] {
        let plan = try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-readonly", daemon.databasePath, "EXPLAIN QUERY PLAN " + sql])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains(read), "\(label): \(plan.stdout)")
        #expect(!plan.stdout.contains("TEMP B-TREE"), "\(label) sorts its matches: \(plan.stdout)")
      }
    }
  }

  /// Issue 16, item 1: a role that may not read personal data is shown the ID number's region
  /// only, so its birth year no longer narrows the number to a few dozen candidates; and
  /// every search by an identifier, hit or miss, spends the token's lookup budget and is audited.
  @Test func aConcealedRoleCannotNarrowAnIDNumberAndLookupsByIdentifierAreBudgetedAndAudited() async throws {
    try await TestDaemon.with(config: "[modules.registry]\nlookup_rate_per_minute = 1\nlookup_burst = 5\n") { daemon in
      try await daemon.importDivisions()
      let real = residentID(born: "19480312", sequence: "013")
      _ = try await daemon.addPerson(name: "荣庆华", idNumber: real, sex: "male", birth: "1948-03-12")
      let system = try await daemon.createToken(role: "system", name: "county-system").file
      let seen = try await daemon.json(["registry", "person", "search", "--name", "荣庆华"], tokenFile: system)
      #expect(seen.persons.first?.data["idNumber"] as? String == "370830************", "\(seen)")
      #expect((seen.persons.first?.data["birthDate"] as? [String: Any])?["day"] == nil, "the birth year only")
      // The attack: candidate numbers for birth dates in that year. Misses spend the budget too.
      let candidates = (1...6).map { residentID(born: "194801\(String(format: "%02d", $0))", sequence: "013") } + [real]
      for candidate in candidates.prefix(5) {
        let miss = try await daemon.json(["registry", "person", "search", "--id-number", candidate], tokenFile: system)
        #expect(miss.persons.isEmpty)
      }
      let stopped = try await daemon.vetsctl(["registry", "person", "search", "--id-number", real], tokenFile: system)
      #expect(stopped.status != 0 && stopped.stderr.contains("too many lookups"), "\(stopped.stdout) \(stopped.stderr)")
      // A search by name spends nothing.
      #expect(try await daemon.json(["registry", "person", "search", "--name", "荣庆华"], tokenFile: system).persons.count == 1)
      let audit = try await daemon.vetsctl(["audit", "list", "--method", "vets.registry.v1.PeopleService/SearchPersons", "--output", "json"])
      #expect(audit.status == 0, "\(audit.stderr)")
      #expect(audit.stdout.components(separatedBy: "lookup:id_number").count - 1 == 5, "the five lookups are audited: \(audit.stdout)")
      // An export filtered by an ID number is the same lookup, for the roles that may export.
      let auditor = try await daemon.createToken(role: "auditor", name: "county-auditor").file
      for candidate in candidates.prefix(5) {
        let export = try await daemon.vetsctl(["registry", "export", "--id-number", candidate], tokenFile: auditor)
        #expect(export.status == 0, "\(export.stderr)")
      }
      let exportStopped = try await daemon.vetsctl(["registry", "export", "--id-number", real], tokenFile: auditor)
      #expect(exportStopped.status != 0 && exportStopped.stderr.contains("too many lookups"), "\(exportStopped.stdout) \(exportStopped.stderr)")
    }
  }

  /// Issue 16, item 16: invisible and spoofing names are refused at the door, and nothing is stored.
  @Test func invisibleAndBidiNamesAreRefusedAndNothingIsStored() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      for (i, name) in ["\u{200B}", "   ", "王\u{202E}建国"].enumerated() {
        let refused = try await daemon.vetsctl([
          "registry", "person", "add", "--id-number", residentID(born: "19480312", sequence: String(format: "%03d", 20 + i)),
          "--name", name, "--sex", "male", "--birth-date", "1948-03-12", "--village", RegistryFixtures.village1,
          "--category", "discharged_soldier",
        ])
        #expect(refused.status != 0 && refused.stderr.contains("name"), "\(refused.stderr)")
      }
      #expect(try await daemon.json(["registry", "person", "search", "--division", RegistryFixtures.village1]).persons.isEmpty)
    }
  }

  /// Issue 18, item 8: a part of a name is found on the name suffixes, each person once and in
  /// pages; a renamed person is found by the new name only; and a database from before the
  /// suffixes has them filled in when the daemon starts.
  @Test func aPartOfANameIsFoundOnTheSuffixesOncePerPerson() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      func add(_ name: String, _ sequence: String) async throws -> String {
        try await daemon.addPerson(name: name, idNumber: residentID(born: "19500301", sequence: sequence), sex: "male", birth: "1950-03-01").id
      }
      let twice = try await add("王王芳", "011")
      let end = try await add("李芳", "031")
      let start = try await add("芳华", "051")
      let renamed = try await add("张伟", "071")
      func contains(_ part: String, on daemon: TestDaemon) async throws -> [String] {
        var found: [String] = []
        var token = ""
        for _ in 0..<10 {
          let page = try await daemon.json(
            ["registry", "person", "search", "--name", part, "--contains", "--page-size", "1"] + (token.isEmpty ? [] : ["--page-token", token]))
          found += page.persons.map(\.id)
          token = page["nextPageToken"] as? String ?? ""
          if token.isEmpty { break }
        }
        return found
      }
      #expect(try await contains("王", on: daemon) == [twice], "王王芳 holds 王 twice and is found once")
      let fang = try await contains("芳", on: daemon)
      #expect(fang.count == 3 && Set(fang) == [twice, end, start], "one page each, nobody twice: \(fang)")
      #expect(try await contains("王芳", on: daemon) == [twice])

      let update = try await daemon.vetsctl(["registry", "person", "update", renamed, "--name", "张芳"])
      #expect(update.status == 0, "\(update.stderr)")
      #expect(try await contains("伟", on: daemon).isEmpty, "the old name is not found")
      #expect(Set(try await contains("芳", on: daemon)) == [twice, end, start, renamed])

      // A database written before the suffixes existed.
      _ = await daemon.stop()
      let older = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"),
        [daemon.databasePath, "DROP TABLE registry_person_name_suffixes; DELETE FROM grdb_migrations WHERE identifier = 'registry.people.v5'; SELECT changes();"])
      #expect(older.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(older.stderr)")
      let restarted = try await daemon.restart()
      #expect(Set(try await contains("芳", on: restarted)) == [twice, end, start, renamed])
      #expect(try await contains("王", on: restarted) == [twice])
      _ = await restarted.stop()
    }
  }

  @Test func searchByNamePrefixByLastSixAndFilters() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let first = residentID(born: "19480312", sequence: "013")
      let rare = try await daemon.addPerson(name: "𠀀文华", idNumber: first, sex: "male", birth: "1948-03-12")
      let other = try await daemon.addPerson(
        name: "王建国", idNumber: residentID(born: "19550601", sequence: "035"), sex: "male", birth: "1955-06-01",
        village: RegistryFixtures.village3, extra: ["--party-member", "--phone", "13912345678"])
      // Same name and birth date, another ID number: a duplicate pair.
      let twin = try await daemon.addPerson(
        name: "王建国", idNumber: residentID(area: "370831", born: "19550601", sequence: "057"), sex: "male",
        birth: "1955-06-01", village: RegistryFixtures.village2)

      // --name is a prefix unless --exact says otherwise.
      let byPrefix = try await daemon.json(["registry", "person", "search", "--name", "𠀀"])
      #expect(byPrefix.persons.map(\.id) == [rare.id])
      let prefixName = try #require(byPrefix.persons.first?.data["name"] as? String)
      #expect(Array(prefixName.utf8) == Array("𠀀文华".utf8))

      let byLastSix = try await daemon.json(["registry", "person", "search", "--id-number", String(first.suffix(6))])
      #expect(byLastSix.persons.map(\.id) == [rare.id])
      let masked = try #require(byLastSix.persons.first?.data["idNumber"] as? String)
      #expect(masked != first && masked.hasSuffix(String(first.suffix(4))), "lists show the masked number: \(masked)")

      let table = try await daemon.vetsctl(["registry", "person", "search", "--id-number", String(first.suffix(6))])
      #expect(table.status == 0, "\(table.stderr)")
      #expect(table.stdout.contains(masked), "the table shows the mask as the server returned it: \(table.stdout)")
      #expect(table.stdout.contains("ID NUMBER"))

      let exact = try await daemon.json(["registry", "person", "list", "--name", "王建国", "--exact"])
      #expect(Set(exact.persons.map(\.id)) == [other.id, twin.id])
      #expect(try await daemon.json(["registry", "person", "list", "--name", "王建", "--exact"]).persons.isEmpty)
      let inside = try await daemon.json(["registry", "person", "search", "--name", "建", "--contains"])
      #expect(Set(inside.persons.map(\.id)) == [other.id, twin.id], "a part of the name finds both")
      let literal = try await daemon.json(["registry", "person", "search", "--name", "%", "--contains"])
      #expect(literal.persons.isEmpty, "% is a character, not a pattern")
      let byPhone = try await daemon.json(["registry", "person", "search", "--phone", "+86 13912345678"])
      #expect(byPhone.persons.map(\.id) == [other.id], "the phone is read as registration reads it")
      let hint = try await daemon.vetsctl(["registry", "person", "search", "--name", "建"], language: nil)
      #expect(hint.status == 0 && hint.stderr.contains("没有找到姓名以“建”开头的人") && hint.stderr.contains("--contains"), "\(hint.stderr)")
      let both = try await daemon.vetsctl(["registry", "person", "search", "--name", "建", "--contains", "--exact"])
      #expect(both.status == 2 && both.stderr.contains("--exact and --contains"), "\(both.stderr)")
      let english = try await daemon.vetsctl(["registry", "person", "search", "--name", "建"])
      #expect(english.stderr.contains("No name starts with '建'; add --contains"), "\(english.stderr)")
      let town = try await daemon.json(["registry", "person", "list", "--division", RegistryFixtures.town2])
      #expect(town.persons.map(\.id) == [other.id])
      let party = try await daemon.json(["registry", "person", "search", "--party-member", "yes"])
      #expect(party.persons.map(\.id) == [other.id])
      let old = try await daemon.json(["registry", "person", "search", "--min-age", "75"])
      #expect(old.persons.map(\.id) == [rare.id])
      let none = try await daemon.json(["registry", "person", "search", "--name", "无此人"])
      #expect(none.persons.isEmpty)

      let paged = try await daemon.vetsctl(["registry", "person", "list", "--page-size", "1"])
      #expect(paged.status == 0, "\(paged.stderr)")
      #expect(paged.stderr.contains("--page-token"), "a first page of one says how to get the next: \(paged.stderr)")

      let duplicates = try await daemon.vetsctl(["registry", "duplicates"])
      #expect(duplicates.status == 0, "\(duplicates.stderr)")
      #expect(duplicates.stdout.contains(other.id) && duplicates.stdout.contains(twin.id), "\(duplicates.stdout)")
      #expect(!duplicates.stdout.contains(rare.id))

      let stats = try await daemon.json(["registry", "stats"])
      #expect(stats["people"] as? String == "3", "\(stats)")
      let statsTable = try await daemon.vetsctl(["registry", "stats"])
      #expect(statsTable.status == 0, "\(statsTable.stderr)")
      let lines = statsTable.stdout.split(separator: "\n")
      #expect(lines.contains { $0.hasPrefix("party members ") && $0.hasSuffix(" 1") }, "\(statsTable.stdout)")
      #expect(lines.contains { $0.hasPrefix("without category ") && $0.hasSuffix(" 0") }, "\(statsTable.stdout)")
    }
  }

  @Test func aStaleVersionIsRefusedAndHistoryListsTheChange() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let person = try await daemon.addPerson(
        name: "张卫东", idNumber: residentID(born: "19600505", sequence: "017"), sex: "male", birth: "1960-05-05")

      let updated = try await daemon.json(
        ["registry", "person", "update", person.id, "--version", "1", "--phone", "13700001111", "--party-member", "yes"])
      #expect(updated.version == "2")
      #expect(updated.data["phone"] as? String == "13700001111")
      #expect(updated.data["partyMember"] as? Bool == true)
      #expect(updated.data["name"] as? String == "张卫东", "fields not given are unchanged")

      let stale = try await daemon.vetsctl(["registry", "person", "update", person.id, "--version", "1", "--address", "新地址"])
      #expect(stale.status == 1, "\(stale.stdout) \(stale.stderr)")
      #expect(stale.stderr.contains("version"), "\(stale.stderr)")
      #expect(try await daemon.json(["registry", "person", "get", person.id]).data["address"] == nil, "the stale update changed nothing")

      let nothing = try await daemon.vetsctl(["registry", "person", "update", person.id, "--version", "2"])
      #expect(nothing.status == 2, "an update naming no field is a usage error")

      let history = try await daemon.vetsctl(["registry", "person", "history", person.id])
      #expect(history.status == 0, "\(history.stderr)")
      #expect(history.stdout.contains("phone"), "\(history.stdout)")
      #expect(history.stdout.contains("13700001111"), "\(history.stdout)")
      #expect(history.stdout.contains("party_member"), "\(history.stdout)")
      let entries = try await daemon.json(["registry", "person", "history", person.id])
      #expect((entries["entries"] as? [[String: Any]])?.count == 2, "\(entries)")
    }
  }

  @Test func markDeceasedThenCorrectIt() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let person = try await daemon.addPerson(
        name: "荣德胜", idNumber: residentID(born: "19490815", sequence: "019"), sex: "male", birth: "1949-08-15",
        extra: ["--enlisted", "1968-03-01", "--discharged", "1975-04-01"])

      let deceased = try await daemon.vetsctl(
        ["registry", "person", "mark-deceased", person.id, "--version", "1", "--date", "2024-05-01"])
      #expect(deceased.status == 0, "\(deceased.stderr)")
      #expect(deceased.stdout.contains("deceased"), "\(deceased.stdout)")
      #expect(deceased.stdout.contains("2024-05-01"), "\(deceased.stdout)")
      let got = try await daemon.json(["registry", "person", "get", person.id])
      #expect(got["status"] as? String == "PERSON_STATUS_DECEASED")
      #expect(got.version == "2")

      let listed = try await daemon.json(["registry", "person", "list", "--status", "deceased"])
      #expect(listed.persons.map(\.id) == [person.id])

      let badDate = try await daemon.vetsctl(["registry", "person", "mark-deceased", person.id, "--version", "2", "--date", "5/1/2024"])
      #expect(badDate.status == 2)
      #expect(badDate.stderr.contains("--date"), "\(badDate.stderr)")

      let plain = try await daemon.vetsctl(["registry", "person", "set-status", person.id, "--version", "2", "--status", "active"])
      #expect(plain.status == 1, "making a deceased person active needs a correction: \(plain.stderr)")
      let noReason = try await daemon.vetsctl(
        ["registry", "person", "set-status", person.id, "--version", "2", "--status", "active", "--correction"])
      #expect(noReason.status == 2)
      let corrected = try await daemon.json(
        ["registry", "person", "set-status", person.id, "--version", "2", "--status", "active", "--correction",
         "--reason", "误报死亡"])
      #expect(corrected["status"] as? String == "PERSON_STATUS_ACTIVE")

      let moved = try await daemon.json(
        ["registry", "person", "move", person.id, "--version", "3", "--village", RegistryFixtures.village3, "--address", "南旺村9号"])
      #expect(moved.data["villageCode"] as? String == RegistryFixtures.village3)
      #expect(moved.data["address"] as? String == "南旺村9号")

      let history = try await daemon.vetsctl(["registry", "person", "history", person.id])
      #expect(history.stdout.contains("status"), "\(history.stdout)")
      #expect(history.stdout.contains("village_code"), "\(history.stdout)")
    }
  }

  @Test func householdCreateAddMemberAndShow() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let head = try await daemon.addPerson(
        name: "刘振华", idNumber: residentID(born: "19520220", sequence: "015"), sex: "male", birth: "1952-02-20")
      let wife = try await daemon.addPerson(
        name: "陈淑芬", idNumber: residentID(born: "19540404", sequence: "026"), sex: "female", birth: "1954-04-04",
        categories: ["serving_member_family:parent"])

      let created = try await daemon.json(["registry", "household", "create", "--head", head.id, "--address", "中都街道12号"])
      let household = try #require(created["id"] as? String)
      #expect(created["headPersonId"] as? String == head.id)

      let added = try await daemon.vetsctl(["registry", "household", "add-member", household, wife.id, "--relation", "配偶"])
      #expect(added.status == 0, "\(added.stderr)")
      #expect(added.stdout.contains("陈淑芬"), "\(added.stdout)")

      let shown = try await daemon.vetsctl(["registry", "household", "show", household])
      #expect(shown.status == 0, "\(shown.stderr)")
      #expect(shown.stdout.contains(household))
      #expect(shown.stdout.contains("中都街道12号"), "\(shown.stdout)")
      let headLine = shown.stdout.split(separator: "\n").first { $0.contains(head.id) && $0.contains("户主") }
      let wifeLine = shown.stdout.split(separator: "\n").first { $0.contains(wife.id) && $0.contains("配偶") }
      #expect(headLine != nil && wifeLine != nil, "\(shown.stdout)")

      let file = try await daemon.json(["registry", "household", "show", household])
      let members = (file["household"] as? [String: Any])?["members"] as? [[String: Any]] ?? []
      #expect(members.count == 2, "\(file)")

      let wifeNow = try await daemon.json(["registry", "person", "get", wife.id])
      #expect(wifeNow["householdId"] as? String == household)
      #expect(wifeNow["relationToHead"] as? String == "配偶")

      let setHead = try await daemon.json(
        ["registry", "household", "set-head", household, wife.id, "--former-head-relation", "配偶"])
      #expect(setHead["headPersonId"] as? String == wife.id)
      let removed = try await daemon.json(["registry", "household", "remove-member", household, head.id])
      #expect(((removed["members"] as? [[String: Any]]) ?? []).count == 1, "\(removed)")

      let unknown = try await daemon.vetsctl(["registry", "household", "show", "hh_0000000000000000"])
      #expect(unknown.status == 5, "\(unknown.stderr)")
    }
  }

  @Test func stationAddAndList() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let talkRoom = try await daemon.json(
        ["registry", "station", "add", "--name", "中都街道老兵话吧", "--kind", "talk_room", "--division", RegistryFixtures.town1,
         "--address", "中都街道1号", "--contact", "0537-7212345"])
      let stationID = try #require(talkRoom["id"] as? String)
      #expect(talkRoom["kind"] as? String == "STATION_KIND_TALK_ROOM")
      let village = try await daemon.vetsctl(
        ["registry", "station", "add", "--name", "𠀀家庄村服务站", "--kind", "village", "--division", RegistryFixtures.village1])
      #expect(village.status == 0, "\(village.stderr)")
      let elsewhere = try await daemon.vetsctl(
        ["registry", "station", "add", "--name", "南旺镇服务站", "--kind", "town", "--division", RegistryFixtures.town2])
      #expect(elsewhere.status == 0, "\(elsewhere.stderr)")

      let listed = try await daemon.vetsctl(["registry", "station", "list", "--division", RegistryFixtures.town1])
      #expect(listed.status == 0, "\(listed.stderr)")
      #expect(listed.stdout.contains(stationID))
      #expect(listed.stdout.contains("中都街道老兵话吧") && listed.stdout.contains("talk_room"), "\(listed.stdout)")
      #expect(listed.stdout.contains("𠀀家庄村服务站"), "a town lists its villages' stations too: \(listed.stdout)")
      #expect(!listed.stdout.contains("南旺镇服务站"))

      let all = try await daemon.json(["registry", "station", "list"])
      #expect((all["stations"] as? [Any])?.count == 3)

      let badKind = try await daemon.vetsctl(
        ["registry", "station", "add", "--name", "x", "--kind", "embassy", "--division", RegistryFixtures.town1])
      #expect(badKind.status == 2)
      #expect(badKind.stderr.contains("talk_room"), "the usage error lists the kinds: \(badKind.stderr)")
    }
  }

  @Test func theCountyServiceCentreNeedsNoTownOrVillage() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let centre = try await daemon.json(["registry", "station", "add", "--name", "汶上县退役军人服务中心", "--kind", "county_centre"])
      #expect(centre["kind"] as? String == "STATION_KIND_COUNTY_CENTRE")
      #expect(centre["divisionCode"] as? String == "370830", "stored as the county: \(centre)")
      let named = try await daemon.vetsctl(
        ["registry", "station", "add", "--name", "县服务中心分部", "--kind", "county_centre", "--division", "370830"])
      #expect(named.status == 0, "\(named.stderr)")
      let other = try await daemon.vetsctl(
        ["registry", "station", "add", "--name", "外县中心", "--kind", "county_centre", "--division", "370831"])
      #expect(other.status == 6 && other.stderr.contains("--division: 370831 is not this county"), "\(other.stderr)")
      let town = try await daemon.vetsctl(["registry", "station", "add", "--name", "镇服务站", "--kind", "town"])
      #expect(town.status == 6 && town.stderr.contains("--division: "), "a town station still needs its town: \(town.stderr)")
    }
  }

  @Test func everyRefusedImportRowNamesItsColumn() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let clerk = try await daemon.createToken(role: "clerk", scope: "town:\(RegistryFixtures.town1)", name: "town-clerk")
      let file = try daemon.fixture("people.csv", RegistryFixtures.goodCSV)
      // The second row lives in another town: refused for scope, naming 村代码.
      let imported = try await daemon.vetsctl(["registry", "import", file, "--output", "json"], tokenFile: clerk.file)
      let report = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any], "\(imported.stderr)")
      let errors = try #require(report["errors"] as? [[String: Any]], "\(report)")
      #expect(errors.count == 1)
      #expect(errors.first?["column"] as? String == "村代码", "\(errors)")
      #expect((errors.first?["reason"] as? String)?.contains("outside this token's scope") == true, "\(errors)")
      // Imported again, the first row is a duplicate: refused naming 身份证号.
      let again = try await daemon.vetsctl(["registry", "import", file, "--output", "json"], tokenFile: clerk.file)
      let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], "\(again.stderr)")
      let columns = (second["errors"] as? [[String: Any]] ?? []).compactMap { $0["column"] as? String }
      #expect(columns == ["身份证号", "村代码"], "\(second)")
    }
  }

  @Test func everyChangeInAPersonsHistoryNamesTheClerkWhoMadeIt() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let clerk = try await daemon.createToken(role: "clerk", name: "王科员")
      let added = try await daemon.json(
        ["registry", "person", "add", "--id-number", residentID(born: "19500301", sequence: "011"), "--name", "王建国", "--sex", "male",
         "--birth-date", "1950-03-01", "--category", "discharged_soldier", "--village", RegistryFixtures.village1], tokenFile: clerk.file)
      let id = try #require(added["id"] as? String)
      var version = 1
      func step(_ arguments: [String]) async throws {
        let changed = try await daemon.json(arguments + ["--version", String(version)], tokenFile: clerk.file)
        version = Int(changed["version"] as? String ?? "") ?? changed["version"] as? Int ?? version + 1
      }
      // Every RPC that writes history: UpdatePerson, MovePerson, SetPersonStatus, MarkDeceased.
      try await step(["registry", "person", "update", id, "--phone", "13812345678"])
      try await step(["registry", "person", "move", id, "--village", RegistryFixtures.village2])
      try await step(["registry", "person", "set-status", id, "--status", "exited", "--reason", "除名"])
      try await step(["registry", "person", "set-status", id, "--status", "active", "--reason", "复核恢复"])
      try await step(["registry", "person", "mark-deceased", id, "--date", "2026-01-05"])
      let history = try await daemon.json(["registry", "person", "history", id])
      let entries = try #require(history["entries"] as? [[String: Any]], "\(history)")
      #expect(Set(entries.compactMap { $0["field"] as? String }).isSuperset(of: ["phone", "village_code", "status"]), "\(entries)")
      #expect(entries.count >= 5)
      for entry in entries {
        #expect(entry["tokenName"] as? String == "王科员", "\(entry)")
        #expect(entry["tokenId"] as? String == clerk.id, "\(entry)")
      }

      // ImportPersons writes history too, for a row recorded as deceased.
      let file = try daemon.fixture(
        "deceased.csv",
        "\(RegistryFixtures.header),状态,死亡日期\n\(residentID(born: "19300101", sequence: "031")),李老根,男,1930-01-01,,退役士兵,\(RegistryFixtures.village1),,已故,2020-01-01\n")
      let imported = try await daemon.vetsctl(["registry", "import", file], tokenFile: clerk.file)
      #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
      let found = try await daemon.json(["registry", "person", "search", "--name", "李老根"])
      let importedID = try #require(found.persons.first?.id, "\(found)")
      let imports = try #require(try await daemon.json(["registry", "person", "history", importedID])["entries"] as? [[String: Any]])
      #expect(!imports.isEmpty)
      for entry in imports { #expect(entry["tokenName"] as? String == "王科员", "\(entry)") }
    }
  }

  @Test func anImportWithOneBadRowReportsItAndImportsTheGoodRows() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let file = try daemon.fixture("people.csv", RegistryFixtures.csvWithOneBadRow)
      let imported = try await daemon.vetsctl(["registry", "import", file])
      #expect(imported.status == 6, "\(imported.stdout) \(imported.stderr)")
      #expect(imported.stdout.contains("rows read      3"), "\(imported.stdout)")
      #expect(imported.stdout.contains("rows valid     2"), "\(imported.stdout)")
      #expect(imported.stdout.contains("rows imported  2"), "\(imported.stdout)")
      #expect(imported.stdout.contains("LINE"), "\(imported.stdout)")
      let errorLine = imported.stdout.split(separator: "\n").first { $0.hasPrefix("3 ") }
      #expect(errorLine?.contains("身份证号") == true, "line 3, column 身份证号: \(imported.stdout)")
      #expect(!imported.stdout.contains("\r"), "no progress on a pipe")
      #expect(imported.stderr.contains("1 row was refused"), "\(imported.stderr)")

      let people = try await daemon.json(["registry", "person", "list"])
      #expect(Set(people.persons.compactMap { $0.data["name"] as? String }) == ["王建国", "李秀英"])
      let widow = try #require(people.persons.first { $0.data["name"] as? String == "李秀英" })
      let categories = widow.data["categories"] as? [[String: Any]] ?? []
      #expect(categories.contains { $0["category"] as? String == "CATEGORY_MARTYR_FAMILY" && $0["kinship"] as? String == "KINSHIP_SPOUSE" })
      #expect(categories.contains { $0["category"] as? String == "CATEGORY_WAR_OR_TEST_PARTICIPANT" })

      let json = try await daemon.vetsctl(["registry", "import", file, "--output", "json"])
      #expect(json.status == 6)
      let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      #expect(report["rowsImported"] == nil, "the second time both good rows are duplicates: \(report)")
      #expect(report["errorCount"] as? String == "3", "\(report)")

      let atomic = try daemon.fixture("atomic.csv", RegistryFixtures.csvWithOneBadRow.replacingOccurrences(of: "王建国", with: "王建军")
        .replacingOccurrences(of: residentID(born: "19500301", sequence: "011"), with: residentID(born: "19500301", sequence: "051"))
        .replacingOccurrences(of: residentID(born: "19620715", sequence: "022"), with: residentID(born: "19620715", sequence: "062")))
      let refused = try await daemon.vetsctl(["registry", "import", atomic, "--atomic"])
      #expect(refused.status == 6, "\(refused.stdout) \(refused.stderr)")
      #expect(refused.stdout.contains("rows imported  0"), "\(refused.stdout)")
      #expect(try await daemon.json(["registry", "person", "list"]).persons.count == 2, "an atomic import with a bad row adds nothing")
    }
  }

  @Test func aDryRunChangesNothing() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let file = try daemon.fixture("people.csv", RegistryFixtures.goodCSV)
      let dry = try await daemon.vetsctl(["registry", "import", file, "--dry-run"])
      #expect(dry.status == 0, "\(dry.stdout) \(dry.stderr)")
      #expect(dry.stdout.contains("rows valid     2"), "\(dry.stdout)")
      #expect(dry.stdout.contains("rows imported  0"), "\(dry.stdout)")
      #expect(dry.stdout.contains("dry run"), "\(dry.stdout)")
      #expect(dry.stdout.lowercased().contains("utf-8") || dry.stdout.lowercased().contains("utf8"), "\(dry.stdout)")
      #expect(try await daemon.json(["registry", "person", "list"]).persons.isEmpty, "the dry run registered people")

      let real = try await daemon.vetsctl(["registry", "import", file])
      #expect(real.status == 0, "\(real.stdout) \(real.stderr)")
      #expect(real.stdout.contains("rows imported  2"), "\(real.stdout)")
      #expect(try await daemon.json(["registry", "person", "list"]).persons.count == 2)
    }
  }

  /// Issue 16, item 6: a dry run only reads. Another connection holds the database's write
  /// lock all through it, and the dry run still answers, a number given twice in the file
  /// found without a write.
  @Test func aDryRunNeitherWaitsForNorHoldsTheWriter() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let twice = RegistryFixtures.goodCSV + RegistryFixtures.goodCSV.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
      let file = try daemon.fixture("twice.csv", twice)
      let queue = try DatabaseQueue(path: daemon.databasePath)
      let dry = try await queue.writeWithoutTransaction { db -> Finished in
        try db.execute(sql: "BEGIN IMMEDIATE")
        defer { try? db.execute(sql: "ROLLBACK") }
        return try Run.blocking(
          Binaries.vetsctl, ["registry", "import", file, "--dry-run", "--timeout", "20"],
          environment: ["VETSCTL_SOCKET": daemon.socketPath, "VETSCTL_TOKEN_FILE": daemon.tokenFile, "VETSCTL_LANG": "en"], directory: daemon.root)
      }
      #expect(dry.stdout.contains("rows valid     2") && dry.stdout.contains("rows imported  0"), "\(dry.stdout) \(dry.stderr)")
      #expect(
        dry.stdout.contains("the same resident ID number is on line 2 of this file")
          && dry.stdout.contains("the same resident ID number is on line 3 of this file"),
        "the repeated rows are reported: \(dry.stdout)")
      #expect(try await daemon.json(["registry", "person", "list"]).persons.isEmpty)
    }
  }

  @Test func exportThenImportIntoASecondDaemonRoundTrips() async throws {
    let exported: String = try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let file = try daemon.fixture("people.csv", RegistryFixtures.goodCSV)
      let imported = try await daemon.vetsctl(["registry", "import", file])
      try #require(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
      _ = try await daemon.addPerson(
        name: "𠀀文华", idNumber: residentID(born: "19480312", sequence: "013"), sex: "male", birth: "1948-03-12",
        categories: ["discharged_soldier", "illness_death_family:sibling"],
        extra: ["--enlisted", "1968-03-01", "--discharged", "1975-04-30", "--branch", "海军", "--party-member",
                "--certificate", "YDZ-0002", "--tag", "重点", "--notes", "含逗号,和\"引号\"的备注"])
      let dead = try await daemon.addPerson(
        name: "周永福", idNumber: residentID(born: "19400101", sequence: "039"), sex: "male", birth: "1940-01-01")
      let marked = try await daemon.vetsctl(["registry", "person", "mark-deceased", dead.id, "--version", "1", "--date", "2023-12-31"])
      try #require(marked.status == 0, "\(marked.stderr)")

      let out = daemon.root.appendingPathComponent("export.csv").path
      let exported = try await daemon.vetsctl(["registry", "export", "--file", out])
      #expect(exported.status == 0, "\(exported.stderr)")
      let attributes = try FileManager.default.attributesOfItem(atPath: out)
      #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
      #expect(!FileManager.default.fileExists(atPath: out + ".partial"))
      let again = try await daemon.vetsctl(["registry", "export", "--file", out])
      #expect(again.status == 2, "an existing file is not overwritten")
      #expect(again.stderr.contains("already exists"), "\(again.stderr)")

      // Read as bytes: Foundation's String(contentsOfFile:) would drop the byte-order mark.
      let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
      #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "the export starts with a UTF-8 BOM, for Excel")
      let text = String(decoding: bytes, as: UTF8.self)
      #expect(text.contains(",退役士兵;病故军人遗属:兄弟姐妹,"), "categories are exported in Chinese: \(text)")
      #expect(!text.contains("discharged_soldier"), "\(text)")
      let stdout = try await daemon.vetsctl(["registry", "export"])
      #expect(stdout.status == 0)
      #expect(Data(stdout.stdout.utf8) == bytes, "stdout and --file give the same CSV")
      let filtered = try await daemon.vetsctl(["registry", "export", "--division", RegistryFixtures.town2])
      #expect(filtered.stdout.contains("李秀英") && !filtered.stdout.contains("王建国"), "\(filtered.stdout)")
      return text
    }
    #expect(exported.contains("𠀀文华"))

    try await TestDaemon.with { second in
      try await second.importDivisions()
      let file = try second.fixture("from-first.csv", exported)
      let imported = try await second.vetsctl(["registry", "import", file])
      #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
      #expect(imported.stdout.contains("rows imported  4"), "\(imported.stdout)")
      let again = try await second.vetsctl(["registry", "export"])
      #expect(again.status == 0, "\(again.stderr)")
      let lines = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).sorted() }
      #expect(lines(again.stdout) == lines(exported), "the second daemon's export differs:\n\(again.stdout)\nvs\n\(exported)")
      let dead = try await second.json(["registry", "person", "list", "--status", "deceased"])
      #expect(dead.persons.compactMap { $0.data["name"] as? String } == ["周永福"])
      let rare = try await second.json(["registry", "person", "search", "--name", "𠀀文华"])
      let person = try #require(rare.persons.first)
      let full = try await second.json(["registry", "person", "get", person.id])
      #expect(full.data["idNumber"] as? String == residentID(born: "19480312", sequence: "013"))
      #expect(full.data["notes"] as? String == "含逗号,和\"引号\"的备注")
      #expect(full.data["certificateNo"] as? String == "YDZ-0002")
    }
  }

  @Test func aTownClerkCannotReadAPersonOfAnotherTown() async throws {
    try await TestDaemon.with { daemon in
      try await daemon.importDivisions()
      let here = try await daemon.addPerson(
        name: "孙立新", idNumber: residentID(born: "19580808", sequence: "011"), sex: "male", birth: "1958-08-08",
        village: RegistryFixtures.village1)
      let there = try await daemon.addPerson(
        name: "钱国强", idNumber: residentID(born: "19590909", sequence: "013"), sex: "male", birth: "1959-09-09",
        village: RegistryFixtures.village3)
      let clerk = try await daemon.createToken(role: "clerk", scope: "town:\(RegistryFixtures.town1)", name: "town1-clerk")

      let own = try await daemon.vetsctl(["registry", "person", "get", here.id], tokenFile: clerk.file)
      #expect(own.status == 0, "\(own.stderr)")
      let other = try await daemon.vetsctl(["registry", "person", "get", there.id], tokenFile: clerk.file)
      #expect(other.status == 4 || other.status == 5, "\(other.status): \(other.stdout) \(other.stderr)")
      #expect(!other.stdout.contains("钱国强"))

      let listed = try await daemon.json(["registry", "person", "list"], tokenFile: clerk.file)
      #expect(listed.persons.map(\.id) == [here.id], "a town clerk's search stays in the town")

      let auditor = try await daemon.createToken(role: "auditor", name: "auditor")
      let masked = try await daemon.json(["registry", "person", "get", here.id], tokenFile: auditor.file)
      #expect(masked["masked"] as? Bool == true)
      #expect(masked.data["idNumber"] as? String != residentID(born: "19580808", sequence: "011"))
      let table = try await daemon.vetsctl(["registry", "person", "get", here.id], tokenFile: auditor.file)
      #expect(table.stdout.contains(masked.data["idNumber"] as? String ?? "?"), "the table shows the mask: \(table.stdout)")
    }
  }
}
