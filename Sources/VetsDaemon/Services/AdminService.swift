import Crypto
import Foundation
import GRDB
import GRPCCore
import VetsAPI
import VetsKit

/// Operator actions on the live daemon. Socket only.
struct AdminService: Vets_Daemon_V1_AdminService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "Backup": .read(.admin),
    "GetMetrics": .read(.admin, .auditor),
    "Reload": .write(.admin),
  ]
  static let chunkSize = 64 * 1024

  let database: VetsDatabase
  let dataDir: String
  let reloader: ConfigReloader

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Vets_Daemon_V1_AdminService.descriptor, rules: Self.rules, exposure: .socketOnly)
  }

  /// Copies the live database with SQLite's online backup API into a private file in the
  /// data folder, checks the copy's integrity, then streams it.
  func backup(
    request: Vets_Daemon_V1_BackupRequest, response: RPCWriter<Vets_Daemon_V1_BackupChunk>, context: ServerContext
  ) async throws {
    let path = (dataDir as NSString).appendingPathComponent("backup-\(UUID().uuidString).sqlite")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let pool = database.pool
    try await Offload.run {
      let copy = try DatabaseQueue(path: path)
      try pool.backup(to: copy)
      let check = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
      try copy.close()
      guard check == ["ok"] else {
        throw VetsError.internal("the backup copy failed its integrity check: \(check.prefix(3).joined(separator: "; "))")
      }
    }
    try await database.recordRead(targets: ["database"])

    guard let file = FileHandle(forReadingAtPath: path) else {
      throw VetsError.internal("cannot read the backup copy")
    }
    defer { try? file.close() }
    var hasher = SHA256()
    var total: Int64 = 0
    while true {
      try Task.checkCancellation()
      let data = try file.read(upToCount: Self.chunkSize) ?? Data()
      var chunk = Vets_Daemon_V1_BackupChunk()
      chunk.data = data
      hasher.update(data: data)
      total += Int64(data.count)
      if data.count < Self.chunkSize {
        chunk.totalBytes = total
        chunk.sha256 = Hex.string(hasher.finalize())
        try await response.write(chunk)
        return
      }
      try await response.write(chunk)
    }
  }

  func getMetrics(request: Vets_Daemon_V1_GetMetricsRequest, context: ServerContext) async throws -> Vets_Daemon_V1_Metrics {
    var metrics = Vets_Daemon_V1_Metrics()
    metrics.text = DaemonMetrics.text()
    return metrics
  }

  func reload(request: Vets_Daemon_V1_ReloadRequest, context: ServerContext) async throws -> Vets_Daemon_V1_ReloadResponse {
    // A refused reload changed nothing; the access interceptor audits the refusal.
    let outcome = try reloader.reload()
    try await database.recordRead(targets: ["config"] + outcome.applied.map { "setting:\($0)" })
    var response = Vets_Daemon_V1_ReloadResponse()
    response.configPath = outcome.path
    response.applied = outcome.applied
    return response
  }
}

/// Runs blocking work (SQLite's backup, file copies) on a dispatch queue, so that it does not
/// hold one of the few threads of Swift's cooperative pool.
enum Offload {
  static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try work() })
      }
    }
  }
}
