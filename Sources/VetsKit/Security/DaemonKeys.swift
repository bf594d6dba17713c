// The daemon's secret, kept outside the database (`[daemon.security] key_file`): 32 random
// bytes from which each use's key is derived, so that one file is kept and copied apart
// from the backups. A copy of the database alone cannot forge what these keys seal.

public import Crypto
import Foundation
import GRDB

public struct DaemonKeys: Sendable {
  let master: SymmetricKey
  /// Seals each audit record and the chain's head (HMAC-SHA256), so that whoever can write
  /// the database file but lacks this key cannot rewrite the trail unnoticed.
  public let audit: SymmetricKey

  public init(master: SymmetricKey) {
    self.master = master
    audit = Self.derive(master, "vetsd audit seal v1")
  }

  /// A key for one database that lives only as long as the process: in-process tests.
  public static func random() -> DaemonKeys { DaemonKeys(master: SymmetricKey(size: .bits256)) }

  static func derive(_ master: SymmetricKey, _ use: String) -> SymmetricKey {
    HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data(use.utf8), outputByteCount: 32)
  }

  /// What the database remembers of its key: a MAC of a fixed text. It tells the right key
  /// from a wrong one and gives nothing of the key away.
  public var fingerprint: String {
    Hex.string(HMAC<SHA256>.authenticationCode(for: Data("vetsd key fingerprint v1".utf8), using: master))
  }

  /// The key file's text: the key in hex and a newline.
  public var fileText: String { master.withUnsafeBytes { Hex.string(Array($0)) } + "\n" }

  /// Reads a key file's text; nil unless it is 64 hex digits (and optional white space).
  public init?(fileText text: String) {
    let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard hex.utf8.count == 64, let bytes = Hex.bytes(hex) else { return nil }
    self.init(master: SymmetricKey(data: bytes))
  }

  static func migrations(_ m: inout ModuleMigrations) {
    m.add("keys.v1") { db in
      try db.execute(
        sql: "CREATE TABLE daemon_key (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL)")
    }
  }
}
