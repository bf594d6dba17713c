import Foundation
import TestSupport
import Testing
import VetsAPI
import VetsKit

/// `vetsctl demo load` end to end: the real daemon, the real CLI, and the daemon's own reports
/// as the judge of what the load says it put in.
@Suite(.serialized) struct DemoTests {
  /// protobuf's JSON writes 64-bit integers as strings and leaves zeros out.
  static func int(_ value: Any?) -> Int {
    switch value {
    case let text as String: Int(text) ?? -1
    case let number as NSNumber: number.intValue
    default: 0
    }
  }

  static func fen(_ json: [String: Any], _ key: String) -> Int { int((json[key] as? [String: Any])?["fen"]) }

  /// The load's summary: module → kind → count.
  static func load(_ daemon: TestDaemon, _ arguments: [String] = []) async throws -> (loaded: [String: [String: Int]], stderr: String) {
    let finished = try await daemon.vetsctl(["--output", "json", "demo", "load"] + arguments)
    #expect(finished.status == 0, "\(finished.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(finished.stdout.utf8)) as? [String: Any], "\(finished.stdout)")
    let loaded = try #require(json["loaded"] as? [String: [String: Any]])
    return (loaded.mapValues { $0.mapValues { int($0) } }, finished.stderr)
  }

  /// The newest audit record's number: unchanged means nothing was written.
  static func auditHead(_ daemon: TestDaemon) async throws -> Int {
    let records = try #require(try await daemon.json(["audit", "list", "--page-size", "1"])["records"] as? [[String: Any]])
    return int(records.first?["seq"])
  }

  /// The length of one page of a list (500 rows, or the command's default page where it has no --page-size).
  static func count(_ daemon: TestDaemon, _ arguments: [String], _ key: String, paged: Bool = true) async throws -> Int {
    (try await daemon.json(arguments + (paged ? ["--page-size", "500"] : []))[key] as? [Any])?.count ?? 0
  }

  @Test func loadsTheCountyAndTheDaemonReportsTheSameCounts() async throws {
    try await TestDaemon.with { daemon in
      let (loaded, stderr) = try await Self.load(daemon)
      #expect(!stderr.contains("skipping"), "\(stderr)")
      let registry = try #require(loaded["registry"])
      let relief = try #require(loaded["relief"])
      let alliance = try #require(loaded["alliance"])
      let volunteers = try #require(loaded["volunteers"])

      // The registry: 汶上县's 14 towns and streets, their villages and stations, 300 people.
      #expect(registry["people"] == 300)
      let stats = try await daemon.json(["registry", "stats"])
      #expect(Self.int(stats["people"]) == registry["people"])
      let byStatus = try #require(stats["byStatus"] as? [[String: Any]])
      #expect(Self.int(byStatus.first { $0["key"] as? String == "deceased" }?["count"]) == registry["deceased"])
      #expect(registry["deceased"] ?? 0 > 0)
      let categories = Set((stats["byTownAndCategory"] as? [[String: Any]] ?? []).compactMap {
        ($0["key"] as? String)?.split(separator: " ").last.map(String.init)
      })
      let every = Vets_Registry_V1_Category.allCases.filter { $0 != .unspecified }.count
      #expect(categories.count == every, "every registry category: \(categories.sorted())")
      let towns = try await daemon.json(["registry", "division", "list"])["divisions"] as? [[String: Any]] ?? []
      #expect(towns.count == 14 && registry["towns"] == 14)
      #expect(towns.first { $0["code"] as? String == "370830001" }?["name"] as? String == "中都街道")
      let villages = try await Self.count(daemon, ["registry", "division", "list", "--town", "370830014"], "divisions")
      #expect(villages == 4)
      #expect(try await Self.count(daemon, ["registry", "station", "list"], "stations") == registry["stations"])
      let rong = try await daemon.json(["registry", "person", "search", "--name", "荣庆华"])["persons"] as? [[String: Any]]
      #expect(rong?.count == 1)

      // Relief: one case in every state the workflow has, each list as long as the load says.
      for status in ["open", "assessed", "planned", "in-review", "approved", "paid", "closed", "rejected"] {
        let listed = try await Self.count(daemon, ["relief", "case", "list", "--status", status], "cases")
        #expect(listed > 0, "no \(status) case")
        #expect(listed == relief["cases_\(status.replacingOccurrences(of: "-", with: "_"))"], "\(status)")
      }
      for typed in ["审核中", "in_review"] {
        #expect(try await Self.count(daemon, ["relief", "case", "list", "--status", typed], "cases") == relief["cases_in_review"], "\(typed)")
      }
      let cases = try #require(try await daemon.json(["relief", "case", "list", "--page-size", "500"])["cases"] as? [[String: Any]])
      #expect(cases.count == relief["cases"])
      #expect(cases.filter { $0["greenChannel"] as? Bool == true }.count == relief["green_channel_cases"])
      // In review at each level: waiting for the village, the town and the county.
      let waiting = Set(cases.compactMap { ($0["pendingLevels"] as? [String])?.first })
      #expect(waiting == ["village", "town", "county"])
      let visits = try await Self.count(daemon, ["relief", "visit", "list"], "visits")
      #expect(visits == (relief["campaign_visits"] ?? 0) + (relief["follow_up_visits"] ?? 0))
      #expect(try await Self.count(daemon, ["relief", "roster", "list"], "entries") == relief["roster_households"])
      let balance = try await daemon.json(["relief", "fund", "balance", "assistance"])
      let deposited = (relief["deposited_yuan"] ?? 0) + (volunteers["deposited_into_relief_yuan"] ?? 0)
      #expect(Self.fen(balance, "received") == deposited * 100)

      // The alliance: enterprises, their offers, and this year's redemptions.
      #expect(try await Self.count(daemon, ["alliance", "enterprise", "list"], "enterprises", paged: false) == alliance["enterprises"])
      #expect(try await Self.count(daemon, ["alliance", "offer", "list"], "offers", paged: false) == alliance["offers"])
      let year = String(Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: Date()).year!)
      let allianceReport = try await daemon.json(["alliance", "report", "--year", year])
      #expect(Self.int(allianceReport["redemptions"]) == alliance["redemptions"])
      #expect(alliance["redemptions"] ?? 0 > 0)

      // Volunteers: the "2+N" network's figures since 2018.
      // The demo's history runs to last year, whatever year it is loaded in.
      let lastYear = CalendarDate.today(SystemClock()).year - 1
      let report = try await daemon.json(["volunteers", "report", "--year", String(lastYear), "--since", "2018"])
      for (field, kind) in [
        ("groups", "groups"), ("memberUnits", "member_units"), ("socialOrganisations", "social_organisations"),
        ("volunteers", "volunteers"), ("activities", "activities"), ("approvedMinutes", "approved_minutes"),
        ("pendingMinutes", "pending_minutes"), ("activeVeteranVolunteers", "linked_veterans"),
      ] {
        #expect(Self.int(report[field]) == volunteers[kind], "\(field)")
      }
      #expect(Self.fen(report, "moneyRaised") == (volunteers["money_raised_yuan"] ?? 0) * 100)
      #expect(Self.fen(report, "goodsRaised") == (volunteers["goods_raised_yuan"] ?? 0) * 100)
      #expect(Self.fen(report, "deposited") == (volunteers["deposited_into_relief_yuan"] ?? 0) * 100)
      let groups = try #require(try await daemon.json(["volunteers", "group", "list"])["groups"] as? [[String: Any]])
      #expect(Set(groups.compactMap { $0["direction"] as? String }).count == 2, "groups in both directions")

      // Appeals: every state, two received 45 and 60 days ago and left overdue by weeks, not years.
      let appeals = try #require(loaded["appeals"])
      #expect(try await Self.count(daemon, ["appeals", "list"], "appeals") == appeals["appeals"])
      #expect(try await Self.count(daemon, ["appeals", "list", "--state", "closed"], "appeals") == appeals["closed"])
      #expect(try await Self.count(daemon, ["appeals", "overdue"], "appeals") == appeals["overdue"])
      let overdue = try #require(try await daemon.json(["appeals", "overdue"])["appeals"] as? [[String: Any]])
      for appeal in overdue {
        #expect((1...60).contains(Self.int(appeal["daysOverdue"])), "overdue by days placed relative to today: \(appeal)")
      }
      let thisYear = CalendarDate.today(SystemClock()).year
      var received = 0
      var outside = 0
      for year in Set([lastYear, thisYear]) {
        let total = try await daemon.json(["appeals", "report", "--year", String(year)])["total"] as? [String: Any] ?? [:]
        received += Self.int(total["received"])
        outside += Self.int(total["determined"]) - Self.int(total["withinPolicy"])
      }
      #expect(received == appeals["appeals"])
      #expect(outside == appeals["outside_policy"])
      let states = Set(
        (try await daemon.json(["appeals", "list", "--page-size", "100"])["appeals"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String })
      #expect(states.count == 8, "one in every state: \(states)")

      // The approvers and the coordinator the load made are revoked; the trail is intact.
      let tokens = try await daemon.json(["admin", "token", "list"])["tokens"] as? [[String: Any]] ?? []
      #expect(tokens.map { $0["name"] as? String } == ["first-admin"])
      #expect(loaded["daemon"]?["tokens_revoked"] ?? 0 > 0)
      #expect(try await daemon.vetsctl(["audit", "verify"]).status == 0)

      // Every module's timeline event kinds are snake_case codes.
      let kinds = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"),
        [daemon.databasePath, "SELECT DISTINCT event FROM appeals_events UNION SELECT DISTINCT event FROM relief_case_events"])
      let codes = kinds.stdout.split(separator: "\n").map(String.init)
      #expect(codes.contains("return_visit") && codes.contains("opened"), "\(codes)")
      for code in codes {
        #expect(code.wholeMatch(of: /[a-z]+(_[a-z]+)*/) != nil, "'\(code)' is not a snake_case code")
      }
    }
  }

  @Test func aSecondLoadIsRefusedWithoutForceAndFinishesNothingTwiceWithIt() async throws {
    try await TestDaemon.with { daemon in
      let (first, _) = try await Self.load(daemon, ["--people", "100"])
      let head = try await Self.auditHead(daemon)

      let refused = try await daemon.vetsctl(["demo", "load", "--people", "100"])
      #expect(refused.status == 1)
      #expect(refused.stderr.contains("already holds 100 people") && refused.stderr.contains("--force"), "\(refused.stderr)")
      #expect(refused.stdout.isEmpty)
      #expect(try await Self.auditHead(daemon) == head, "a refused load writes nothing")

      // The same seed again, as after a load that stopped part-way: every write gets its first
      // answer back, so the county is the same and nothing is there twice.
      let (again, _) = try await Self.load(daemon, ["--people", "100", "--force"])
      for module in ["registry", "relief", "alliance", "volunteers", "appeals"] {
        #expect(again[module] == first[module], "\(module)")
      }
      #expect(Self.int(try await daemon.json(["registry", "stats"])["people"]) == 100)
      #expect(try await Self.count(daemon, ["relief", "case", "list"], "cases") == first["relief"]?["cases"])
      let enterprises = try await Self.count(daemon, ["alliance", "enterprise", "list"], "enterprises", paged: false)
      #expect(enterprises == first["alliance"]?["enterprises"])
      #expect(try await daemon.vetsctl(["audit", "verify"]).status == 0)
    }
  }

  /// Everything but the server-made ids: the people exactly as a clerk would export them.
  static func export(_ daemon: TestDaemon) async throws -> [Substring] {
    let export = try await daemon.vetsctl(["registry", "export"])
    #expect(export.status == 0, "\(export.stderr)")
    return export.stdout.split(separator: "\n").sorted()
  }

  @Test func theSameSeedGivesTheSameCountyAnotherSeedAnotherAndTakenNumbersMoveOn() async throws {
    let first = try await TestDaemon.with { daemon in
      _ = try await Self.load(daemon, ["--people", "100", "--seed", "7"])
      return try await Self.export(daemon)
    }
    try await TestDaemon.with { daemon in
      _ = try await Self.load(daemon, ["--people", "100", "--seed", "7"])
      let second = try await Self.export(daemon)
      #expect(second.count == 101)
      #expect(second == first)
      // Another seed, forced onto the same daemon: another 100 people beside the first.
      let (other, _) = try await Self.load(daemon, ["--people", "100", "--seed", "8", "--force"])
      #expect(other["registry"]?["people"] == 100)
      let both = try await Self.export(daemon)
      #expect(both.count == 201)
      #expect(Set(first).isSubset(of: Set(both)))
    }
    // A resident ID number the seed would use is already registered: that one person moves on
    // to the next sequence number of the same sex, and everyone else is as before.
    try await TestDaemon.with { daemon in
      let taken = try #require(first.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
      let (id, birth) = (taken[0], taken[3])
      let divisions = daemon.root.appendingPathComponent("divisions.csv").path
      try "code,name\n370830001,中都街道\n370830001001,东关村\n".write(toFile: divisions, atomically: true, encoding: .utf8)
      #expect(try await daemon.vetsctl(["registry", "division", "import", divisions]).status == 0)
      let sex = Int(String(Array(id)[16]))! % 2 == 1 ? "male" : "female"
      let added = try await daemon.vetsctl([
        "registry", "person", "add", "--id-number", id, "--name", "先来者", "--sex", sex, "--birth-date", birth,
        "--category", "discharged_soldier", "--village", "370830001001",
      ])
      #expect(added.status == 0, "\(added.stderr)")
      let (loaded, _) = try await Self.load(daemon, ["--people", "100", "--seed", "7", "--force"])
      #expect(loaded["registry"]?["people"] == 100)
      let third = try await Self.export(daemon)
      #expect(third.count == 102)
      let moved = Set(third).subtracting(first)
      #expect(moved.count == 2, "\(moved)")
      #expect(Set(first).subtracting(third) == [first[0]])
      let renumbered = try #require(moved.first { !$0.contains("先来者") })
      #expect(renumbered.dropFirst(18) == first[0].dropFirst(18), "only the number changed")
      #expect(renumbered.prefix(14) == first[0].prefix(14), "same birth date")
    }
  }

  @Test func aLoadOnATerminalShowsItsProgress() async throws {
    try await TestDaemon.with { daemon in
      // script(1) gives vetsctl a terminal, as a clerk's shell would.
      let command = "\(Binaries.vetsctl.path) demo load --people 300 --socket \(daemon.socketPath) --token-file \(daemon.tokenFile)"
      let run = try await Run.program(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
      #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
      for line in ["demo: registry: divisions", "demo: registry: 250 of", "demo: appeals:"] {
        #expect(run.stdout.contains(line), "'\(line)' missing: \(run.stdout)")
      }
      // On a pipe (the tests' own vetsctl) the same load prints no progress.
      let piped = try await daemon.vetsctl(["demo", "load", "--people", "300", "--force"])
      #expect(piped.status == 0 && !piped.stderr.contains("demo: registry"), "\(piped.stderr)")
    }
  }

  @Test func modulesThatAreNotEnabledAreSkippedAndNamed() async throws {
    try await TestDaemon.with(["--enable", "registry,relief"]) { daemon in
      let finished = try await daemon.vetsctl(["--output", "json", "demo", "load", "--people", "100"])
      #expect(finished.status == 0, "\(finished.stderr)")
      #expect(finished.stderr.contains("skipping alliance: not enabled"), "\(finished.stderr)")
      #expect(finished.stderr.contains("skipping volunteers: not enabled"), "\(finished.stderr)")
      #expect(finished.stderr.contains("skipping appeals: not enabled"), "\(finished.stderr)")
      let json = try #require(try JSONSerialization.jsonObject(with: Data(finished.stdout.utf8)) as? [String: Any])
      #expect(json["skipped"] as? [String: String] == ["alliance": "not enabled", "volunteers": "not enabled", "appeals": "not enabled"])
      let loaded = try #require(json["loaded"] as? [String: Any])
      #expect(Set(loaded.keys) == ["registry", "relief", "daemon"])
      #expect(try await Self.count(daemon, ["relief", "case", "list"], "cases") == 16)

      let table = try await daemon.vetsctl(["demo", "load", "--people", "100", "--force"])
      #expect(table.status == 0, "\(table.stderr)")
      #expect(table.stdout.contains("skipped alliance: not enabled"), "\(table.stdout)")
      let people = table.stdout.split(separator: "\n").first { $0.hasPrefix("registry") && $0.contains("people") }
      #expect(people?.hasSuffix(" 100") == true, "\(table.stdout)")
    }
  }
}
