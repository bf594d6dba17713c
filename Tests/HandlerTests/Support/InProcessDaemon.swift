import Alliance
import Appeals
import Foundation
import GRPCCore
import GRPCInProcessTransport
import Logging
import ProbeModule
import Registry
import ReliefFund
import TestSupport
import VetsAPI
import VetsKit
import Volunteers

@testable import VetsDaemon

/// The daemon's real services and interceptors (`Daemon.served`, `Daemon.interceptors`) on
/// grpc-swift's in-process transport, over a migrated SQLite file in a temporary folder: what
/// a handler does with a call, without a process, a socket or vetsctl. Background work (the
/// deadline watch, backups) is not run; lifecycle, sockets and TLS stay in EndToEndTests.
final class InProcessDaemon: DaemonUnderTest {
  let root: URL
  let config: DaemonConfig
  let database: VetsDatabase
  let client: GRPCClient<InProcessTransport.Client>

  /// The modules vetsd-fixture compiles in: vetsd's five and the test-only probe modules.
  static let modules: [any VetsModule.Type] = [
    RegistryModule.self, ReliefModule.self, AllianceModule.self, VolunteersModule.self, AppealsModule.self, ProbeModule.self,
    ProbeExtraModule.self,
  ]

  var tokenFile: String { config.adminTokenPath }
  var databasePath: String { config.databasePath }

  private init(root: URL, config: DaemonConfig, database: VetsDatabase, client: GRPCClient<InProcessTransport.Client>) {
    self.root = root
    self.config = config
    self.database = database
    self.client = client
  }

  /// Serves a fresh daemon (with `config`, a vetsd.toml, when given) while `body` runs, then
  /// stops it and removes its folder, whatever `body` does.
  static func with<T: Sendable>(config text: String? = nil, _ body: (InProcessDaemon) async throws -> T) async throws -> T {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vetsd-handler-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let catalog = try ModuleCatalog(modules)
    var config = DaemonConfig()
    if let text {
      let file = root.appendingPathComponent("vetsd.toml")
      try text.write(to: file, atomically: true, encoding: .utf8)
      config = try DaemonConfig.load(path: file.path, moduleIDs: catalog.ids)
    }
    config.dataDir = root.appendingPathComponent("data").path
    try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)

    let logger = Logger(label: "vetsd", factory: { _ in SwiftLogNoOpLogHandler() })
    let served = try await Daemon.served(config: config, catalog: catalog, logger: logger)
    defer { try? served.database.close() }
    let transport = InProcessTransport()
    let server = GRPCServer(
      transport: transport.server, services: served.registrations.map(\.service),
      interceptors: Daemon.interceptors(served, config: config, logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await server.serve() }
      defer { server.beginGracefulShutdown() }
      return try await withGRPCClient(transport: transport.client) { client in
        try await body(InProcessDaemon(root: root, config: config, database: served.database, client: client))
      }
    }
  }

  /// Calls the daemon with the in-process client (the signature TestDaemon's has).
  func withClient<T: Sendable>(_ body: (GRPCClient<InProcessTransport.Client>) async throws -> T) async throws -> T {
    try await body(client)
  }

  /// The bearer token in `tokenFile` (the admin token unless told otherwise), as call metadata.
  func metadata(tokenFile: String? = nil) throws -> Metadata {
    let secret = try String(contentsOfFile: tokenFile ?? self.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    return ["authorization": "Bearer \(secret)"]
  }

  /// Makes a token with the admin token and writes its secret to a file; returns (id, file).
  func createToken(role: String, scope: String = "county", name: String) async throws -> (id: String, file: String) {
    var request = Vets_Daemon_V1_CreateTokenRequest()
    request.requestID = UUID().uuidString
    request.name = name
    request.role = try Self.role(role)
    request.scope = scope
    let admin = try metadata()
    let created = try await Vets_Daemon_V1_TokenService.Client(wrapping: client).createToken(request, metadata: admin)
    let file = root.appendingPathComponent("\(name).token").path
    try created.secret.write(toFile: file, atomically: true, encoding: .utf8)
    return (created.token.id, file)
  }

  static func role(_ word: String) throws -> Vets_Daemon_V1_Role {
    let roles: [String: Vets_Daemon_V1_Role] = [
      "admin": .admin, "clerk": .clerk, "approver": .approver, "auditor": .auditor, "enterprise": .enterprise,
      "coordinator": .coordinator, "system": .system,
    ]
    guard let role = roles[word] else { throw RPCError(code: .invalidArgument, message: "no role \(word)") }
    return role
  }

  /// The probe module's mutating call.
  func addNote(_ text: String, requestID: String, tokenFile: String? = nil) async throws -> Vets_Probe_V1_Note {
    var request = Vets_Probe_V1_AddNoteRequest()
    request.text = text
    request.requestID = requestID
    return try await Vets_Probe_V1_ProbeService.Client(wrapping: client).addNote(request, metadata: try metadata(tokenFile: tokenFile))
  }
}
