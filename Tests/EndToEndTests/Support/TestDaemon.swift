import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A real vetsd (with the probe modules compiled in) on a temporary data folder and socket.
final class TestDaemon: Sendable {
  let root: URL
  let dataDir: URL
  let socketPath: String
  let process: Child
  let stderr: LineLog

  var tokenFile: String { dataDir.appendingPathComponent("admin.token").path }
  var databasePath: String { dataDir.appendingPathComponent("vetsd.sqlite").path }

  struct StartFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// A fresh temporary folder for one test; the socket lives in its own private subfolder.
  static func makeRoot() throws -> URL {
    let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("vetsd-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    return root
  }

  /// Starts vetsd and returns once it says it is serving on its socket.
  static func start(
    _ arguments: [String] = [], config: String? = nil, root: URL? = nil, dataDir: URL? = nil, socketPath: String? = nil,
    environment: [String: String] = [:]
  ) async throws -> TestDaemon {
    let root = try root ?? makeRoot()
    let dataDir = dataDir ?? root.appendingPathComponent("data")
    let socketPath = socketPath ?? root.appendingPathComponent("run/vetsd.sock").path
    var args = ["--data-dir", dataDir.path, "--socket", socketPath]
    if let config {
      let file = root.appendingPathComponent("vetsd.toml")
      try config.write(to: file, atomically: true, encoding: .utf8)
      args += ["--config", file.path]
    }
    let pipe = try Pipes.make()
    let process: Child
    do {
      defer { close(pipe.write) }
      process = try Child(Binaries.vetsd, args + arguments, environment: environment, directory: root, stderr: pipe.write)
    } catch {
      close(pipe.read)
      throw error
    }
    let daemon = TestDaemon(root: root, dataDir: dataDir, socketPath: socketPath, process: process, stderr: LineLog(pipe.read))
    guard try await daemon.waitForLog("socket=") != nil else {
      throw StartFailure(description: "vetsd did not start: \(daemon.stderr.text)")
    }
    return daemon
  }

  private init(root: URL, dataDir: URL, socketPath: String, process: Child, stderr: LineLog) {
    self.root = root
    self.dataDir = dataDir
    self.socketPath = socketPath
    self.process = process
    self.stderr = stderr
  }

  /// Waits for a log line, bounded so a broken daemon fails the test instead of hanging it.
  func waitForLog(_ needle: String, occurrence: Int = 1, seconds: Int = 60) async throws -> String? {
    try await withThrowingTaskGroup(of: String?.self) { group in
      group.addTask { await self.stderr.line(containing: needle, occurrence: occurrence) }
      group.addTask {
        try await Task.sleep(for: .seconds(seconds))
        throw StartFailure(description: "no log line containing '\(needle)' within \(seconds)s: \(self.stderr.text)")
      }
      defer { group.cancelAll() }
      return try await group.next()!
    }
  }

  /// The TCP port the daemon logged it serves on ("tcp=127.0.0.1:PORT").
  func tcpPort() async throws -> Int {
    let line = try #require(try await waitForLog("tcp="))
    let address = try #require(line.split(separator: " ").first { $0.hasPrefix("tcp=") })
    return try #require(Int(address.split(separator: ":").last!))
  }

  /// Sends SIGTERM and returns the exit status.
  func stop() async -> Int32 {
    process.signal(SIGTERM)
    return await exited().status
  }

  /// Kills the daemon with SIGKILL, the way a crash or a power cut stops it: no shutdown, no
  /// checkpoint, the socket file left behind. Returns once the process is gone.
  func crash() async -> (status: Int32, signalled: Bool) {
    process.signal(SIGKILL)
    return await exited()
  }

  /// Waits for the process to exit: its exit status, or the signal that ended it.
  func exited() async -> (status: Int32, signalled: Bool) {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(returning: self.process.wait())
      }
    }
  }

  /// Starts a new vetsd on this one's data folder and socket, once this one has exited.
  func restart(_ arguments: [String] = [], config: String? = nil) async throws -> TestDaemon {
    try await TestDaemon.start(arguments, config: config, root: root, dataDir: dataDir, socketPath: socketPath)
  }

  /// Stops the daemon and removes its folder.
  func finish() async {
    _ = await stop()
    try? FileManager.default.removeItem(at: root)
  }

  /// Runs the real vetsctl against this daemon, with the admin token unless told otherwise.
  /// Tables are asked for in English (the tests that read English words were written so);
  /// `language: nil` runs vetsctl as a clerk does, in its default Chinese.
  func vetsctl(_ arguments: [String], tokenFile: String? = nil, language: String? = "en") async throws -> Finished {
    var environment = ["VETSCTL_SOCKET": socketPath, "VETSCTL_TOKEN_FILE": tokenFile ?? self.tokenFile]
    environment["VETSCTL_LANG"] = language
    return try await Run.program(Binaries.vetsctl, arguments, environment: environment, directory: root)
  }

  /// Runs vetsctl with --output json, requires exit 0, and parses the object it printed.
  func json(_ arguments: [String], tokenFile: String? = nil) async throws -> [String: Any] {
    try TestSupport.json(try await vetsctl(arguments + ["--output", "json"], tokenFile: tokenFile))
  }

  /// Makes a token with vetsctl and writes its secret to a file; returns (id, file).
  func createToken(role: String, scope: String = "county", name: String) async throws -> (id: String, file: String) {
    let created = try await vetsctl(["admin", "token", "create", "--role", role, "--scope", scope, "--name", name, "--output", "json"])
    guard created.status == 0,
      let json = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any],
      let secret = json["secret"] as? String, let token = json["token"] as? [String: Any], let id = token["id"] as? String
    else {
      throw StartFailure(description: "token create failed: \(created.stderr)")
    }
    let file = root.appendingPathComponent("\(name).token").path
    try secret.write(toFile: file, atomically: true, encoding: .utf8)
    return (id, file)
  }

  /// Calls the daemon directly with a gRPC client over its socket.
  func withClient<T: Sendable>(
    _ body: (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> T
  ) async throws -> T {
    let transport = try HTTP2ClientTransport.Posix(target: .unixDomainSocket(path: socketPath), transportSecurity: .plaintext)
    return try await withGRPCClient(transport: transport) { client in try await body(client) }
  }

  func metadata(tokenFile: String? = nil) throws -> Metadata {
    let secret = try String(contentsOfFile: tokenFile ?? self.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    return ["authorization": "Bearer \(secret)"]
  }
}

extension TestDaemon: DaemonUnderTest {}

/// Runs vetsd to completion when it is expected not to start.
/// Later arguments override the temporary defaults; a subcommand goes first.
func runVetsdExpectingExit(_ arguments: [String], subcommand: [String] = [], config: String? = nil) async throws -> Finished {
  let root = try TestDaemon.makeRoot()
  defer { try? FileManager.default.removeItem(at: root) }
  var args = ["--data-dir", root.appendingPathComponent("data").path, "--socket", root.appendingPathComponent("run/vetsd.sock").path]
  if let config {
    let file = root.appendingPathComponent("vetsd.toml")
    try config.write(to: file, atomically: true, encoding: .utf8)
    args += ["--config", file.path]
  }
  return try await Run.program(Binaries.vetsd, subcommand + args + arguments, directory: root)
}
