import Foundation
import TestSupport
import Testing

/// Issue 18, item 3: the lists a clerk reads carry names beside their ids, from the daemon
/// (so every client shows the same), and vetsctl's tables print them. Judged against the
/// registry's own records of a demo county.
@Suite struct NamesBesideIDsTests {
  @Test func listsNamePeopleHouseholdsAndVillages() async throws {
    try await TestDaemon.with { daemon in
      let loaded = try await daemon.vetsctl(["demo", "load", "--people", "100"])
      try #require(loaded.status == 0, "\(loaded.stderr)")

      // Cases: each household by its head's name, as the household file has it.
      let cases = try await daemon.json(["relief", "case", "list", "--page-size", "5"])
      let caseNames = cases["names"] as? [String: String] ?? [:]
      let households = Set((cases["cases"] as? [[String: Any]] ?? []).compactMap { $0["householdId"] as? String })
      try #require(!households.isEmpty, "the demo has cases: \(cases)")
      for household in households {
        let file = try await daemon.json(["registry", "household", "show", household])["household"] as? [String: Any] ?? [:]
        let members = file["members"] as? [[String: Any]] ?? []
        let head = members.first { $0["personId"] as? String == file["headPersonId"] as? String }?["name"] as? String
        #expect(caseNames[household] == (head ?? "?") + "户", "\(household): \(caseNames) vs \(file)")
      }

      // Appeals and visits: each person by name, as the registry has it.
      for (command, list, key) in [(["appeals", "list"], "appeals", "personId"), (["relief", "visit", "list"], "visits", "personId")] {
        let page = try await daemon.json(command + ["--page-size", "5"])
        let names = page["names"] as? [String: String] ?? [:]
        let people = Set((page[list] as? [[String: Any]] ?? []).compactMap { $0[key] as? String })
        try #require(!people.isEmpty, "the demo has \(list): \(page)")
        for person in people {
          let record = try await daemon.json(["registry", "person", "get", person])
          #expect(names[person] == (record["data"] as? [String: Any])?["name"] as? String, "\(list) \(person): \(names)")
        }
      }

      // People: each village after its town, as the divisions list has them.
      let people = try await daemon.json(["registry", "person", "list", "--page-size", "5"])
      let villageNames = people["names"] as? [String: String] ?? [:]
      let villages = Set((people["persons"] as? [[String: Any]] ?? []).compactMap { ($0["data"] as? [String: Any])?["villageCode"] as? String })
      func divisions(_ arguments: [String]) async throws -> [String: String] {
        let list = try await daemon.json(["registry", "division", "list", "--page-size", "500"] + arguments)
        return (list["divisions"] as? [[String: Any]] ?? []).reduce(into: [:]) { $0[$1["code"] as? String ?? ""] = $1["name"] as? String }
      }
      let towns = try await divisions([])
      try #require(!villages.isEmpty && !towns.isEmpty)
      for village in villages {
        let town = String(village.prefix(9))
        let name = try await divisions(["--town", town])[village]
        #expect(villageNames[village] == (towns[town] ?? "?") + (name ?? "?"), "\(village): \(villageNames)")
      }

      // The tables a clerk reads show the name beside the id.
      let table = try await daemon.vetsctl(["relief", "case", "list", "--page-size", "5"], language: nil)
      let first = try #require(households.sorted().first)
      #expect(table.stdout.contains("\(caseNames[first] ?? "?") \(first)"), "\(table.stdout)")
      let appeals = try await daemon.vetsctl(["appeals", "list", "--page-size", "5"], language: nil)
      #expect(appeals.stdout.contains("人员") && appeals.stdout.contains(" per_"), "\(appeals.stdout)")
    }
  }
}
