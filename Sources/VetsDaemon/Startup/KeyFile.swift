import Foundation
import GRDB
import Logging
import VetsKit

/// The daemon's key file (`[daemon.security] key_file`, by default `<data_dir>/keys/data.key`):
/// created with a fresh key on the first start (mode 0600 in a 0700 folder), read on every
/// later one. The database remembers the key's fingerprint, so that a daemon given another
/// key refuses to start before it changes anything.
enum KeyFile {
  /// The key in the file; nil if there is no file yet.
  static func read(path: String) throws -> DaemonKeys? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
    guard mode & 0o077 == 0 else {
      throw StartupError(
        "the key file \(path) can be read by others (mode \(String(mode & 0o777, radix: 8))): run chmod 600 \(path) and start vetsd again")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StartupError("cannot read the key file \(path): check that vetsd's user owns it")
    }
    guard let keys = DaemonKeys(fileText: String(decoding: data, as: UTF8.self)) else {
      throw StartupError("the key file \(path) does not hold a key (64 hexadecimal digits); restore it from its copy")
    }
    return keys
  }

  /// Before any migration, so that a wrong key changes nothing: refuses a key that is not the
  /// one the database was sealed with, and a missing key file for a sealed database. A new
  /// key (`created`) for a database that has none is written to its file.
  static func check(_ database: VetsDatabase, path: String, created: Bool, logger: Logger) async throws {
    let remembered = try await database.read { db in
      try db.tableExists("daemon_key") ? try String.fetchOne(db, sql: "SELECT fingerprint FROM daemon_key WHERE id = 1") : nil
    }
    if let remembered {
      if created {
        throw StartupError(
          "the key file \(path) is missing, and the database was sealed with a key (fingerprint \(remembered.prefix(12))…): "
            + "put the copy of that key file back at \(path), or set [daemon.security] key_file to it, and start vetsd again")
      }
      guard remembered == database.keys.fingerprint else {
        throw StartupError(
          "the key file \(path) is not the key this database was sealed with (the file's fingerprint is "
            + "\(database.keys.fingerprint.prefix(12))…, the database's \(remembered.prefix(12))…): "
            + "start vetsd with the database's own key file; nothing was changed")
      }
    }
    guard created else { return }
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    try AdminTokenFile.write(database.keys.fileText, to: path)
    logger.notice("created the data key; keep a copy of it apart from the backups, which cannot be verified without it", metadata: ["file": "\(path)"])
  }

  /// After migrating: remembers the key's fingerprint and seals the audit records written
  /// before seals existed.
  static func bind(_ database: VetsDatabase, logger: Logger) async throws {
    let fingerprint = database.keys.fingerprint
    let key = database.keys.audit
    let sealed = try await database.pool.write { db in
      try db.execute(sql: "INSERT OR IGNORE INTO daemon_key (id, fingerprint) VALUES (1, ?)", arguments: [fingerprint])
      return try AuditTrail.sealUnsealed(db, key: key)
    }
    if sealed.sealed > 0 {
      logger.notice("sealed the audit trail's earlier records with the data key", metadata: ["records": "\(sealed.sealed)"])
    }
    if let broken = sealed.broken {
      logger.error(
        "the audit trail was broken before it could be sealed; its records are left unsealed and `vetsctl audit verify` names the break",
        metadata: ["problem": "\(broken.problem ?? "")"])
    }
  }
}
