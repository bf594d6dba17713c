import Foundation
import ProbeModule
import TestSupport
import Testing

/// Spreadsheets in Chinese offices export GBK, with dates as Excel or WPS writes them and
/// categories in Chinese: the import reads it, and category and tag searches find what it
/// brought in.
@Suite("Registry import from GBK")
struct RegistryImportTests {
  @Test func aGBKFileImportsAndItsPeopleAreFoundByCategoryAndTag() async throws {
    try await TestDaemon.with { daemon in
      try await Self.divisions(daemon)

      let rows = [
        "身份证号,姓名,性别,出生日期,类别,村代码,标签",
        "\(residentID(born: "1950-03-12", sequence: "001")),荣庆华,男,1950/3/12,退役士兵,370830001001,兵支书",
        "\(residentID(born: "1952-07-01", sequence: "002")),王秀英,,1952.7.1,烈士遗属:配偶,370830001001,",
        "\(residentID(born: "1948-01-05", sequence: "003")),郭明德,男,1948年1月5日,退役士兵;参战参试人员,370830001001,兵支书",
      ]
      let gbk = try await Self.gbkFile(daemon, "people", rows)

      let imported = try await daemon.vetsctl(["registry", "import", gbk, "--output", "json"])
      #expect(imported.status == 0, "\(imported.stderr)")
      let report = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
      #expect(report["encoding"] as? String == "GB18030")
      #expect(report["rowsImported"] as? String == "3")

      func names(_ filter: [String]) async throws -> [String] {
        let found = try await daemon.vetsctl(["registry", "person", "search", "--output", "json"] + filter)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        return ((json["persons"] as? [[String: Any]]) ?? []).compactMap { ($0["data"] as? [String: Any])?["name"] as? String }.sorted()
      }
      #expect(try await names(["--category", "discharged_soldier"]) == ["荣庆华", "郭明德"])
      #expect(try await names(["--category", "war_or_test_participant"]) == ["郭明德"])
      #expect(try await names(["--tag", "兵支书"]) == ["荣庆华", "郭明德"])
      #expect(try await names(["--category", "discharged_soldier", "--tag", "兵支书", "--min-age", "77"]) == ["郭明德"])
      // Paging through a category one person at a time visits each exactly once.
      var seen: [String] = []
      var token = ""
      repeat {
        let page = try await daemon.vetsctl(
          ["registry", "person", "search", "--output", "json", "--category", "discharged_soldier", "--page-size", "1"]
            + (token.isEmpty ? [] : ["--page-token", token]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(page.stdout.utf8)) as? [String: Any])
        seen += ((json["persons"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        token = json["nextPageToken"] as? String ?? ""
      } while !token.isEmpty
      #expect(seen.count == 2 && Set(seen).count == 2)
      let wang = try await daemon.vetsctl(["registry", "person", "search", "--name", "王秀英", "--output", "json"])
      #expect(wang.stdout.contains("\"SEX_FEMALE\""), "an empty sex cell is read from the ID number: \(wang.stdout)")
    }
  }

  @Test func aRefusedDateNamesItsColumnAsTheFileWritesIt() async throws {
    try await TestDaemon.with { daemon in
      try await Self.divisions(daemon)
      let gbk = try await Self.gbkFile(daemon, "bad-date", [
        "身份证号,姓名,出生日期,类别,村代码",
        "\(residentID(born: "1953-02-28", sequence: "001")),刘振华,1953年2月30日,退役士兵,370830001001",
        "\(residentID(born: "1953-03-01", sequence: "003")),张德胜,3/1/1953,退役士兵,370830001001",
      ])
      let imported = try await daemon.vetsctl(["registry", "import", gbk, "--output", "json"])
      #expect(imported.status == 6, "\(imported.stdout) \(imported.stderr)")
      let report = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any], "\(imported.stderr)")
      let errors = try #require(report["errors"] as? [[String: Any]], "\(report)")
      #expect(errors.compactMap { $0["column"] as? String } == ["出生日期", "出生日期"], "\(errors)")
      let reasons = errors.compactMap { $0["reason"] as? String }
      #expect(reasons.first?.contains("February 1953 has 28 days") == true, "\(reasons)")
      #expect(reasons.last?.contains("1962/2/2") == true, "the refusal shows the forms it takes: \(reasons)")
      // The clerk reads the reasons in Chinese, with the column as the file writes it.
      let chinese = errors.compactMap { $0["reasonChinese"] as? String }
      #expect(chinese.count == 2 && chinese.first?.hasPrefix("不是真实的日期：") == true && chinese.last?.hasPrefix("应为日期，如 1962-02-02") == true, "\(errors)")
      let table = try await daemon.vetsctl(["registry", "import", gbk], language: nil)
      #expect(table.stdout.contains("出生日期") && table.stdout.contains("不是真实的日期"), "\(table.stdout)")
      #expect((try await daemon.json(["registry", "person", "list"])["persons"] as? [Any] ?? []).isEmpty, "nothing is imported")
    }
  }

  /// A household member with no category is written 无; an empty cell is refused, naming the
  /// column, so that a forgotten category is not taken for none. Export writes 无 back.
  @Test func aHouseholdMemberWithNoCategoryIsWrittenNone() async throws {
    try await TestDaemon.with { daemon in
      try await Self.divisions(daemon)
      let empty = try await Self.gbkFile(daemon, "empty-category", [
        "身份证号,姓名,类别,村代码", "\(residentID(born: "1978-05-04", sequence: "031")),荣志强,,370830001001",
      ])
      let refused = try await daemon.vetsctl(["registry", "import", empty, "--output", "json"])
      let report = try #require(try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any], "\(refused.stderr)")
      let errors = report["errors"] as? [[String: Any]] ?? []
      #expect(errors.count == 1 && errors.first?["column"] as? String == "类别", "\(report)")
      #expect((errors.first?["reason"] as? String)?.contains("无") == true, "\(errors)")

      let none = try await Self.gbkFile(daemon, "no-category", [
        "身份证号,姓名,类别,村代码", "\(residentID(born: "1978-05-04", sequence: "031")),荣志强,无,370830001001",
      ])
      let imported = try await daemon.vetsctl(["registry", "import", none])
      #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
      let stats = try await daemon.json(["registry", "stats"])
      #expect(stats["people"] as? String == "1" && stats["withoutCategory"] as? String == "1", "\(stats)")
      let out = daemon.root.appendingPathComponent("export.csv").path
      let exported = try await daemon.vetsctl(["registry", "export", "--file", out])
      #expect(exported.status == 0, "\(exported.stderr)")
      let text = try String(contentsOfFile: out, encoding: .utf8)
      #expect(text.contains(",无,") || text.contains(",无\r\n") || text.contains(",无\n"), "\(text)")
    }
  }

  static func divisions(_ daemon: TestDaemon) async throws {
    let divisions = daemon.root.appendingPathComponent("divisions.csv").path
    try "code,name\n370830001,中都街道\n370830001001,东关村\n".write(toFile: divisions, atomically: true, encoding: .utf8)
    #expect(try await daemon.vetsctl(["registry", "division", "import", divisions]).status == 0)
  }

  /// The rows written as Excel saves a CSV on a Chinese Windows: GBK, CRLF.
  static func gbkFile(_ daemon: TestDaemon, _ name: String, _ rows: [String]) async throws -> String {
    let utf8 = daemon.root.appendingPathComponent("\(name)-utf8.csv").path
    let gbk = daemon.root.appendingPathComponent("\(name)-gbk.csv").path
    try (rows.joined(separator: "\r\n") + "\r\n").write(toFile: utf8, atomically: true, encoding: .utf8)
    let converted = try await Run.program(URL(fileURLWithPath: "/usr/bin/iconv"), ["-f", "UTF-8", "-t", "GBK", "-o", gbk, utf8])
    #expect(converted.status == 0, "\(converted.stderr)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: gbk))
    #expect(String(data: bytes, encoding: .utf8) == nil, "the file really is GBK, not UTF-8")
    return gbk
  }
}
