import Foundation
import ProbeModule
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Starting, serving and stopping vetsd")
struct DaemonLifecycleTests {
  @Test func healthReportsServingWithEveryServedService() async throws {
    try await TestDaemon.with { daemon in
      let health = try await daemon.vetsctl(["health"])
      #expect(health.status == 0, "\(health.stderr)")
      #expect(health.stdout.contains("vetsd: SERVING"))
      #expect(health.stdout.contains("vets.probe.v1.ProbeService"))
      #expect(health.stdout.contains("vets.daemon.v1.TokenService"))
    }
  }

  @Test func healthNeedsNoToken() async throws {
    try await TestDaemon.with { daemon in
      let health = try await daemon.vetsctl(["health"], tokenFile: "/nonexistent")
      #expect(health.status == 0, "\(health.stderr)")
    }
  }

  @Test func socketIsMode0660InAFolderWithoutWorldAccess() async throws {
    try await TestDaemon.with { daemon in
      func attributes(_ path: String) throws -> (mode: Int, type: FileAttributeType?) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1, attributes[.type] as? FileAttributeType)
      }
      let socket = try attributes(daemon.socketPath)
      #expect(socket.mode == 0o660)
      #expect(socket.type == .typeSocket)
      let folder = try attributes((daemon.socketPath as NSString).deletingLastPathComponent)
      #expect(folder.mode & 0o007 == 0)
      #expect(try attributes(daemon.tokenFile).mode == 0o600)
    }
  }

  @Test func sigtermExitsZeroAndRemovesTheSocket() async throws {
    let daemon = try await TestDaemon.start()
    defer { try? FileManager.default.removeItem(at: daemon.root) }
    #expect(FileManager.default.fileExists(atPath: daemon.socketPath))
    let status = await daemon.stop()
    #expect(status == 0, "\(daemon.stderr.text)")
    #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    #expect(daemon.stderr.text.contains("stopped"))
  }

  @Test func aSecondDaemonOnTheSameSocketRefusesToStart() async throws {
    try await TestDaemon.with { first in
      let second = try await runVetsdExpectingExit(["--socket", first.socketPath])
      #expect(second.status == 1)
      #expect(second.stderr.contains("already serving on \(first.socketPath)"), "\(second.stderr)")
      // Refused before it made anything: no database and no token in its own data folder.
      let folder = URL(fileURLWithPath: first.socketPath).deletingLastPathComponent().deletingLastPathComponent()
      let other = folder.appendingPathComponent("second-data")
      let third = try await Run.program(Binaries.vetsd, ["--data-dir", other.path, "--socket", first.socketPath])
      #expect(third.status == 1, "\(third.stderr)")
      #expect(!FileManager.default.fileExists(atPath: other.path), "the refused daemon created \(other.path)")
      // The first one still serves.
      #expect(try await first.vetsctl(["health"]).status == 0)
    }
  }

  @Test func aSecondDaemonOnTheSameDataFolderRefusesToStart() async throws {
    try await TestDaemon.with { first in
      let second = try await Run.program(
        Binaries.vetsd, ["--data-dir", first.dataDir.path, "--socket", first.root.appendingPathComponent("other.sock").path])
      #expect(second.status == 1)
      #expect(second.stderr.contains("is using the data folder"), "\(second.stderr)")
    }
  }

  @Test func aStaleSocketFileIsReplaced() async throws {
    let root = try TestDaemon.makeRoot()
    let socketPath = root.appendingPathComponent("run/vetsd.sock").path
    try FileManager.default.createDirectory(atPath: (socketPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    // A socket file nobody listens on, as a crashed daemon leaves behind.
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = Glibc.sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: socketPath.utf8) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    close(fd)
    #expect(bound == 0)
    #expect(FileManager.default.fileExists(atPath: socketPath))

    try await TestDaemon.with(root: root, socketPath: socketPath) { daemon in
      let health = try await daemon.vetsctl(["health"])
      #expect(health.status == 0)
    }
  }

  @Test func aDatabaseFromANewerBinaryIsRefused() async throws {
    let daemon = try await TestDaemon.start()
    defer { try? FileManager.default.removeItem(at: daemon.root) }
    #expect(await daemon.stop() == 0)
    let edit = try await Run.program(
      URL(fileURLWithPath: "/usr/bin/sqlite3"),
      [daemon.databasePath, "INSERT INTO grdb_migrations (identifier) VALUES ('probe.from-the-future')"])
    #expect(edit.status == 0, "\(edit.stderr)")
    let again = try await Run.program(Binaries.vetsd, ["--data-dir", daemon.dataDir.path, "--socket", daemon.socketPath])
    #expect(again.status == 1)
    #expect(again.stderr.contains("newer vetsd"), "\(again.stderr)")
    #expect(again.stderr.contains("probe.from-the-future"))
  }
}

@Suite("The config file")
struct ConfigFileTests {
  static let valid = """
    # A complete config.
    [daemon]
    socket_mode = "0660"
    log_level = "debug"

    [daemon.limits]
    max_message_bytes = 1048576

    [modules]
    enabled = ["probe"]

    [modules.probe]
    greeting = "您好"
    """

  @Test func checkConfigAcceptsAValidFile() async throws {
    let result = try await runVetsdExpectingExit([], subcommand: ["check-config"], config: Self.valid)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("valid; modules in start order: probe"))
  }

  @Test func checkConfigNamesTheKeyOfAWrongValueAndSaysAMissingFileIsMissing() async throws {
    let float = try await runVetsdExpectingExit([], subcommand: ["check-config"], config: "[daemon]\n\nshutdown_grace_seconds = 5.5\n")
    #expect(float.status != 0)
    #expect(float.stderr.contains("vetsd.toml:3: daemon.shutdown_grace_seconds: '5.5' is not a TOML integer"), "\(float.stderr)")
    let missing = try await Run.program(Binaries.vetsd, ["check-config", "--config", "/nonexistent/vetsd.toml"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("/nonexistent/vetsd.toml: no such file"), "\(missing.stderr)")
  }

  @Test func anApprovalChainMustRunUpwards() async throws {
    let refused = try await runVetsdExpectingExit(
      [], subcommand: ["check-config"], config: "[modules.relief]\napproval_chain = [\"county\", \"village\"]\n")
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("modules.relief.approval_chain: must run upwards"), "\(refused.stderr)")
    let upwards = try await runVetsdExpectingExit(
      [], subcommand: ["check-config"], config: "[modules.relief]\napproval_chain = [\"village\", \"county\"]\n")
    #expect(upwards.status == 0, "\(upwards.stderr)")
  }

  @Test func aDataFolderOpenToOthersIsReportedAtStart() async throws {
    let root = try TestDaemon.makeRoot()
    let data = root.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    try await TestDaemon.with(root: root) { daemon in
      let warned = try await daemon.waitForLog("data folder open to other users")
      #expect(warned?.contains("mode=755") == true && warned?.contains("chmod 0700") == true, "\(warned ?? "")")
    }
    let privateRoot = try TestDaemon.makeRoot()
    try await TestDaemon.with(root: privateRoot) { daemon in
      #expect(!daemon.stderr.text.contains("data folder open"), "a folder vetsd made itself is 0700")
    }
  }

  @Test func checkConfigRefusesAnUnknownKeyNamingFileLineAndKey() async throws {
    let result = try await runVetsdExpectingExit([], subcommand: ["check-config"], config: "[daemon]\nsokcet = \"/run/x.sock\"\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("vetsd.toml:2: daemon.sokcet: unknown key"), "\(result.stderr)")
  }

  @Test func anUnknownModuleStopsTheStart() async throws {
    let result = try await runVetsdExpectingExit([], config: "[modules]\nenabled = [\"probe\", \"payroll\"]\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("modules.enabled"), "\(result.stderr)")
    #expect(result.stderr.contains("payroll"))
  }

  @Test func aWrongTypeInAModuleSectionStopsTheStart() async throws {
    let result = try await runVetsdExpectingExit([], config: "[modules.probe]\ngreeting = 42\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("modules.probe.greeting: expected a string"), "\(result.stderr)")
  }

  @Test func plaintextTCPOnANonLoopbackAddressIsRefusedAtStart() async throws {
    let result = try await runVetsdExpectingExit([], config: "[daemon.tcp]\nlisten = \"0.0.0.0:7443\"\ninsecure = true\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("daemon.tcp.insecure"), "\(result.stderr)")
    #expect(result.stderr.contains("loopback"))
  }

  @Test func tcpWithoutACertificateIsRefusedAtStart() async throws {
    let result = try await runVetsdExpectingExit([], config: "[daemon.tcp]\nlisten = \"127.0.0.1:7443\"\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("daemon.tcp.tls_cert"), "\(result.stderr)")
  }

  @Test func theModuleSectionReachesTheModule() async throws {
    try await TestDaemon.with(config: Self.valid) { daemon in
      let note = try await daemon.addNote("hello", requestID: "r1")
      #expect(note.greeting == "您好")
    }
  }
}
