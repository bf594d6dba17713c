import Foundation
import ProbeModule
import GRPCCore
import TestSupport
import Testing
import VetsAPI

@Suite("Modules on and off")
struct ModuleTests {
  func modules(_ daemon: TestDaemon) async throws -> [String: [String: Any]] {
    let listed = try await daemon.vetsctl(["modules", "--output", "json"])
    #expect(listed.status == 0, "\(listed.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
    let modules = try #require(json["modules"] as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: modules.map { ($0["id"] as! String, $0) })
  }

  @Test func everyCompiledInModuleIsEnabledByDefault() async throws {
    try await TestDaemon.with { daemon in
      let modules = try await modules(daemon)
      #expect(modules["probe"]?["state"] as? String == "MODULE_STATE_ENABLED")
      #expect(modules["probeextra"]?["state"] as? String == "MODULE_STATE_ENABLED")
      #expect(modules["probeextra"]?["requires"] as? [String] == ["probe"])
      let table = try await daemon.vetsctl(["modules"])
      #expect(table.stdout.contains("probe       0.1.0    enabled"), "\(table.stdout)")
    }
  }

  @Test func aDisabledModuleIsNotServed() async throws {
    try await TestDaemon.with(["--enable", ""]) { daemon in
      let modules = try await modules(daemon)
      #expect(modules["probe"]?["state"] as? String == "MODULE_STATE_DISABLED")
      let code = await statusCode { try await daemon.addNote("x", requestID: "r1") }
      #expect(code == .unimplemented)
      let health = try await daemon.vetsctl(["health", "--service", "vets.probe.v1.ProbeService"])
      #expect(health.status == 1)
      #expect(health.stdout.contains("SERVICE_UNKNOWN"), "\(health.stdout)")
      // Its tables were not created either: migrations run for enabled modules only.
      let tables = try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), [daemon.databasePath, ".tables"])
      #expect(!tables.stdout.contains("probe_notes"))
    }
  }

  @Test func anEnabledModuleIsServedAndReportsServing() async throws {
    try await TestDaemon.with(["--enable", "probe"]) { daemon in
      let note = try await daemon.addNote("第一条", requestID: "r1")
      #expect(note.text == "第一条")
      #expect(try await daemon.getNote(note.id).text == "第一条")
      let health = try await daemon.vetsctl(["health", "--service", "vets.probe.v1.ProbeService"])
      #expect(health.status == 0)
      #expect(health.stdout.contains("SERVING"))
      #expect(try await modules(daemon)["probeextra"]?["state"] as? String == "MODULE_STATE_DISABLED")
    }
  }

  @Test func enablingAModuleWithoutItsDependencyStopsTheStartNamingBoth() async throws {
    let result = try await runVetsdExpectingExit(["--enable", "probeextra"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("module 'probeextra' requires module 'probe', which is not enabled"), "\(result.stderr)")
  }
}

@Suite("The sample config")
struct SampleConfigTests {
  @Test func etcVetsdTomlIsValid() async throws {
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("etc/vetsd.toml")
    let result = try await Run.program(Binaries.vetsd, ["check-config", "--config", sample.path])
    #expect(result.status == 0, "\(result.stderr)")
  }
}
