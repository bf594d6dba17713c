import Foundation
import GRPCCore
import TestSupport
import Testing
import VetsAPI

/// What an operator runs against a live daemon: the county report, metrics and config reload.
@Suite(.serialized) struct OperationsTests {
  /// "module key" → value, from `report county --output json`.
  static func figures(_ report: [String: Any]) -> [String: Int] {
    var result: [String: Int] = [:]
    for section in report["sections"] as? [[String: Any]] ?? [] {
      for figure in section["figures"] as? [[String: Any]] ?? [] {
        result["\(section["module"] as? String ?? "") \(figure["key"] as? String ?? "")"] = Int(figure["value"] as? String ?? "0")
      }
    }
    return result
  }

  @Test func theCountyReportAssemblesEveryEnabledModulesSummary() async throws {
    try await TestDaemon.with { daemon in
      let net = try await VolunteersTests.Network.make(daemon)
      let id = try await net.county.plannedCase(amount: "3000.00")
      _ = try await net.json(["relief", "case", "green-channel", id, "--justification", "突发重病"], tokenFile: net.county.county)
      _ = try await net.json(["relief", "case", "pay", id, "--payee", net.county.rong, "--amount", "3000.00"], tokenFile: net.county.clerk)
      let year = Calendar(identifier: .gregorian).component(.year, from: Date())
      let activity = try await net.plan("走访慰问", start: "\(year)-01-02 09:00", end: "\(year)-01-02 11:00", people: [net.county.rong])
      _ = try await net.json(["volunteers", "activity", "raise", activity, "--donor", "商会", "--money", "800"])

      // A person with two categories is one person in the town's count.
      let twice = try await daemon.vetsctl([
        "registry", "person", "add", "--id-number", residentID(born: "19500301", sequence: "031"), "--name", "张两类",
        "--village", "370830001001", "--category", "discharged_soldier", "--category", "disabled_serviceman",
      ])
      #expect(twice.status == 0, "\(twice.stderr)")

      let report = try json(try await daemon.vetsctl(["report", "county", "--year", String(year), "--output", "json"]))
      let modules = (report["sections"] as? [[String: Any]] ?? []).compactMap { $0["module"] as? String }
      #expect(modules == ["registry", "relief", "alliance", "volunteers", "appeals"])
      let figures = Self.figures(report)
      #expect(figures["registry people"] == 3)
      #expect(figures["registry people.category.discharged_soldier"] == 2)
      #expect(figures["registry people.category.disabled_serviceman"] == 1)
      #expect(figures["registry people.town.370830001"] == 3, "people, not category rows")
      #expect(figures["relief cases.green_channel"] == 1)
      #expect(figures["relief payments"] == 300_000)
      #expect(figures["alliance redemptions"] == 0)
      #expect(figures["volunteers activities"] == 1)
      #expect(figures["volunteers raised.money"] == 80_000)
      #expect(figures["volunteers groups"] == 2)
      #expect(figures["appeals received"] == 0)

      // The same figures as CSV and as a table.
      let csv = try await daemon.vetsctl(["report", "county", "--year", String(year), "--output", "csv"], language: nil)
      #expect(csv.status == 0, "\(csv.stderr)")
      let lines = csv.stdout.split(separator: "\n").map(String.init)
      #expect(lines.first == "\u{FEFF}模块,键,名称,数值", "a UTF-8 byte-order mark for Excel, then the header")
      #expect(lines.contains { $0.hasPrefix("relief,payments,") && $0.hasSuffix(",3000.00") }, "\(csv.stdout)")
      #expect(lines.count == figures.count + 1)
      #expect(lines.contains("relief,payments,发放给家庭的金额（元）,3000.00"), "the clerk's words in the CSV: \(csv.stdout)")

      // The printed report is Chinese, this year's when no year is given; English on asking.
      let table = try await daemon.vetsctl(["report", "county"], language: nil)
      #expect(table.status == 0, "\(table.stderr)")
      for words in ["\(year) 年全县统计报表", "帮扶基金：个案、发放和走访", "其中走绿色通道", "在册退役士兵", "中都街道在册人员"] {
        #expect(table.stdout.contains(words), "\(words) in \(table.stdout)")
      }
      #expect(table.stdout.contains("3000.00"), "\(table.stdout)")
      #expect(!table.stdout.contains("Relief") && !table.stdout.contains("discharged"), "no English: \(table.stdout)")
      let english = try await daemon.vetsctl(["report", "county", "--year", String(year), "--lang", "en"])
      for words in ["County report \(year)", "Relief: cases, payments and visits", "Active, discharged soldier"] {
        #expect(english.stdout.contains(words), "\(words) in \(english.stdout)")
      }

      // The county's figures need a county token.
      let town = try await daemon.vetsctl(["report", "county", "--year", String(year)], tokenFile: net.county.town)
      #expect(town.status == 4, "\(town.stderr)")
      let badYear = try await daemon.vetsctl(["report", "county", "--year", "1999"])
      #expect(badYear.status == 6 && badYear.stderr.contains("year"), "\(badYear.stderr)")
    }
  }

  @Test func aDisabledModuleHasNoSection() async throws {
    try await TestDaemon.with(config: "[modules]\nenabled = [\"registry\", \"alliance\"]\n") { daemon in
      let report = try json(try await daemon.vetsctl(["report", "county", "--year", "2026", "--output", "json"]))
      #expect((report["sections"] as? [[String: Any]] ?? []).compactMap { $0["module"] as? String } == ["registry", "alliance"])
    }
  }

  @Test func metricsCountCallsErrorsAndLatencyPerMethod() async throws {
    try await TestDaemon.with { daemon in
      for _ in 0..<3 { #expect(try await daemon.vetsctl(["modules"]).status == 0) }
      #expect(try await daemon.vetsctl(["registry", "person", "get", "per_0000000000000000"]).status == 5)
      #expect(try await daemon.vetsctl(["registry", "person", "get", "per_0000000000000001"]).status == 5)
      let clerk = try await daemon.createToken(role: "clerk", scope: "county", name: "clerk").file
      let refused = try await daemon.vetsctl(["admin", "metrics"], tokenFile: clerk)
      #expect(refused.status == 4, "only admins and auditors read metrics")

      let metrics = try await daemon.vetsctl(["admin", "metrics"])
      #expect(metrics.status == 0, "\(metrics.stderr)")
      let lines = metrics.stdout.split(separator: "\n").map(String.init)
      func value(_ prefix: String) -> Double? {
        lines.first { $0.hasPrefix(prefix + " ") }.flatMap { Double($0.split(separator: " ").last!) }
      }
      #expect(value(#"vetsd_calls_total{method="vets.daemon.v1.ModuleService/ListModules"}"#) == 3, "\(metrics.stdout)")
      #expect(value(#"vetsd_calls_total{method="vets.registry.v1.PeopleService/GetPerson"}"#) == 2)
      #expect(value(#"vetsd_call_errors_total{method="vets.registry.v1.PeopleService/GetPerson",code="notFound"}"#) == 2)
      #expect(value(#"vetsd_call_errors_total{method="vets.daemon.v1.AdminService/GetMetrics",code="permissionDenied"}"#) == 1)
      #expect(value(#"vetsd_call_duration_seconds_count{method="vets.daemon.v1.ModuleService/ListModules"}"#) == 3)
      #expect(lines.contains { $0.hasPrefix(#"vetsd_call_duration_seconds_bucket{method="vets.daemon.v1.ModuleService/ListModules",le="+Inf"} 3"#) })
      #expect(lines.contains("# TYPE vetsd_call_duration_seconds histogram"))
    }
  }

  @Test func messagesSayWhatToDo() async throws {
    try await TestDaemon.with { daemon in
      let nowhere = daemon.root.appendingPathComponent("no-such-folder/backup.sqlite").path
      let backup = try await daemon.vetsctl(["admin", "backup", nowhere])
      #expect(backup.status == 2)
      #expect(backup.stderr.contains("the folder \(daemon.root.path)/no-such-folder does not exist; create it first"), "\(backup.stderr)")
      let wrongSocket = try await daemon.vetsctl(["health", "--socket", daemon.root.appendingPathComponent("none.sock").path])
      #expect(wrongSocket.status == 3)
      #expect(wrongSocket.stderr.contains("(from --socket)") && wrongSocket.stderr.contains("systemctl status vetsd"), "\(wrongSocket.stderr)")
      #expect(wrongSocket.stderr.contains("VETSCTL_SOCKET") && !wrongSocket.stderr.contains("swift run"), "\(wrongSocket.stderr)")
    }
  }

  @Test func aBackupIsPrivateFromItsFirstByteAndNeverFollowsALink() async throws {
    try await TestDaemon.with { daemon in
      let file = daemon.root.appendingPathComponent("backup.sqlite").path
      // A link planted where the partial file goes is refused, and what it points at is untouched.
      let target = daemon.root.appendingPathComponent("elsewhere.txt").path
      try "not a database".write(toFile: target, atomically: true, encoding: .utf8)
      try FileManager.default.createSymbolicLink(atPath: file + ".partial", withDestinationPath: target)
      let planted = try await daemon.vetsctl(["admin", "backup", file])
      #expect(planted.status != 0 && planted.stderr.contains("cannot create \(file).partial"), "\(planted.stderr)")
      #expect(try String(contentsOfFile: target, encoding: .utf8) == "not a database")
      try FileManager.default.removeItem(atPath: file + ".partial")
      let made = try await daemon.vetsctl(["admin", "backup", file])
      #expect(made.status == 0, "\(made.stderr)")
      let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
      #expect(mode == 0o600, "the backup is private: \(String(mode ?? 0, radix: 8))")
    }
  }

  /// Issue 16, item 9: a config nested 3,000 arrays deep, then SIGHUP: the reload is refused
  /// with the line, the daemon serves on, and check-config reports it without crashing.
  @Test func aDeeplyNestedConfigIsRefusedOnReloadAndTheDaemonServesOn() async throws {
    try await TestDaemon.with(config: "[daemon]\nlog_level = \"info\"\n") { daemon in
      let file = daemon.root.appendingPathComponent("vetsd.toml")
      let nested = "[modules.relief]\nrejection_reasons = " + String(repeating: "[", count: 3000) + "\n"
      try nested.write(to: file, atomically: true, encoding: .utf8)
      kill(daemon.process.pid, SIGHUP)
      let refused = try await daemon.waitForLog("config reload refused")
      #expect(refused?.contains("nest at most") == true, "\(refused ?? "")")
      #expect(try await daemon.vetsctl(["health"]).status == 0)
      let checked = try await Run.program(Binaries.vetsd, ["check-config", "--config", file.path])
      #expect(checked.status == 1 && checked.stderr.contains("nest at most"), "\(checked.status) \(checked.stderr)")
    }
  }

  @Test func reloadAppliesWhatMayChangeAndRefusesWhatNeedsARestart() async throws {
    let config = """
      [daemon]
      log_level = "info"

      [modules.registry]
      lookup_rate_per_minute = 1
      lookup_burst = 1

      """
    try await TestDaemon.with(config: config) { daemon in
      let file = daemon.root.appendingPathComponent("vetsd.toml")
      let setup = try await AllianceTests.Setup.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA)
      _ = try await setup.check(offer, token: setup.tokenA)
      #expect(await statusCode { try await setup.check(offer, token: setup.tokenA) } == .resourceExhausted)

      let unchanged = try json(try await daemon.vetsctl(["admin", "reload", "--output", "json"]))
      #expect(unchanged["configPath"] as? String == file.path)
      #expect(unchanged["applied"] == nil, "nothing changed")

      // 60000 a minute refills the bucket within a millisecond.
      try config.replacingOccurrences(of: "lookup_rate_per_minute = 1", with: "lookup_rate_per_minute = 60000")
        .replacingOccurrences(of: "log_level = \"info\"", with: "log_level = \"debug\"")
        .write(to: file, atomically: true, encoding: .utf8)
      let applied = try json(try await daemon.vetsctl(["admin", "reload", "--output", "json"]))
      #expect(applied["applied"] as? [String] == ["daemon.log_level", "modules.registry.lookup_rate_per_minute"])
      #expect(try await setup.check(offer, token: setup.tokenA).confirmed, "the new rate applies at once")

      // A setting that needs a restart: nothing is applied, and the answer names it.
      try (config.replacingOccurrences(of: "lookup_burst = 1", with: "lookup_burst = 7") + "[daemon.limits]\nmax_message_bytes = 2048\n")
        .write(to: file, atomically: true, encoding: .utf8)
      let refused = try await daemon.vetsctl(["admin", "reload"])
      #expect(refused.status == 1)
      #expect(refused.stderr.contains("daemon.limits.max_message_bytes") && refused.stderr.contains("restart"), "\(refused.stderr)")
      #expect(!refused.stderr.contains("lookup_burst"), "only what needs a restart is named")
      // The refusal is in the log and in the audit trail.
      let warned = try await daemon.waitForLog("config reload refused")
      #expect(warned?.contains("max_message_bytes") == true, "\(warned ?? "")")
      let audit = try await daemon.vetsctl(["audit", "list", "--method", "vets.daemon.v1.AdminService/Reload", "--output", "json"])
      #expect(audit.status == 0, "\(audit.stderr)")
      #expect(audit.stdout.contains("FAILED_PRECONDITION"), "the refused reload is audited: \(audit.stdout)")
      // A broken file changes nothing either.
      try "[modules.registry]\nlookup_burst = \"many\"\n".write(to: file, atomically: true, encoding: .utf8)
      let broken = try await daemon.vetsctl(["admin", "reload"])
      #expect(broken.status == 1 && broken.stderr.contains("lookup_burst"), "\(broken.stderr)")

      // SIGHUP does the same as `admin reload`.
      try config.replacingOccurrences(of: "lookup_burst = 1", with: "lookup_burst = 2").write(to: file, atomically: true, encoding: .utf8)
      kill(daemon.process.pid, SIGHUP)
      // The last good settings are those of the reload that applied, so this one changes
      // the burst back and the rate and level too.
      let logged = try await daemon.waitForLog("applied=daemon.log_level,modules.registry.lookup_burst,")
      #expect(logged?.contains("config reloaded") == true, "\(logged ?? "")")
      let clerk = try await daemon.createToken(role: "clerk", name: "clerk").file
      #expect(try await daemon.vetsctl(["admin", "reload"], tokenFile: clerk).status == 4)
    }
  }
}
