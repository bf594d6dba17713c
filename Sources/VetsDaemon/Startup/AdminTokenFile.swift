import Foundation
import GRDB
import Logging
import VetsKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The first start's admin token, written to `<data_dir>/admin.token` (mode 0600) where
/// vetsctl finds it. The file is written and synced before the token is committed, so a
/// crash in between leaves no token that nobody knows.
enum AdminTokenFile {
  static func bootstrap(database: VetsDatabase, tokens: TokenStore, path: String, logger: Logger) async throws {
    guard try await database.read({ db in try TokenStore.count(db) }) == 0 else { return }
    let secret = TokenStore.newSecret()
    try write(secret + "\n", to: path)
    let now = database.clock.now()
    let record = try await database.pool.write { db in
      let record = try TokenStore.insert(
        db, secret: secret, name: "first-admin", role: .admin, scope: .county, expiresAt: nil, createdBy: "", now: now)
      try AuditTrail.append(
        db, seal: database.keys.audit, at: now, context: CallContext(caller: .daemon, method: "vetsd/CreateFirstAdminToken"),
        targets: [record.id], outcome: "ok", requestID: "")
      return record
    }
    tokens.remember(record)
    logger.notice("created the first admin token", metadata: ["token_id": "\(record.id)", "file": "\(path)"])
  }

  static func write(_ text: String, to path: String) throws {
    let temporary = path + ".tmp"
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw StartupError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
    let written = text.withCString { Glibc.write(fd, $0, strlen($0)) }
    let synced = fsync(fd)
    close(fd)
    guard written == text.utf8.count, synced == 0, rename(temporary, path) == 0 else {
      throw StartupError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }
}
