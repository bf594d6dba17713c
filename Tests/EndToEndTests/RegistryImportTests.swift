import Foundation
import ProbeModule
import TestSupport
import Testing

/// Spreadsheets in Chinese offices export GBK: the import reads it, and category and tag
/// searches find what it brought in.
@Suite("Registry import from GBK")
struct RegistryImportTests {
  @Test func aGBKFileImportsAndItsPeopleAreFoundByCategoryAndTag() async throws {
    try await TestDaemon.with { daemon in
      let divisions = daemon.root.appendingPathComponent("divisions.csv").path
      try "code,name\n370830001,中都街道\n370830001001,东关村\n".write(toFile: divisions, atomically: true, encoding: .utf8)
      #expect(try await daemon.vetsctl(["registry", "division", "import", divisions]).status == 0)

      let rows = [
        "身份证号,姓名,性别,出生日期,类别,村代码,标签",
        "\(residentID(born: "1950-03-12", sequence: "001")),荣庆华,男,1950-03-12,退役士兵,370830001001,兵支书",
        "\(residentID(born: "1952-07-01", sequence: "002")),王秀英,女,1952-07-01,烈士遗属:配偶,370830001001,",
        "\(residentID(born: "1948-01-05", sequence: "003")),郭明德,男,1948-01-05,退役士兵;参战参试,370830001001,兵支书",
      ]
      let utf8 = daemon.root.appendingPathComponent("people-utf8.csv").path
      let gbk = daemon.root.appendingPathComponent("people-gbk.csv").path
      try (rows.joined(separator: "\r\n") + "\r\n").write(toFile: utf8, atomically: true, encoding: .utf8)
      let converted = try await Run.program(URL(fileURLWithPath: "/usr/bin/iconv"), ["-f", "UTF-8", "-t", "GBK", "-o", gbk, utf8])
      #expect(converted.status == 0, "\(converted.stderr)")
      let bytes = try Data(contentsOf: URL(fileURLWithPath: gbk))
      #expect(String(data: bytes, encoding: .utf8) == nil, "the file really is GBK, not UTF-8")

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
    }
  }
}
