// The one SQLite database every module shares, and the one write path every mutating RPC
// takes: idempotency check, the change, its audit record and the stored answer, all in one
// durable transaction.

public import Foundation
import GRPCCore
public import GRDB
public import SwiftProtobuf
import Crypto

/// What a mutating handler returns from inside the write transaction.
public struct Mutation<Response: Message>: Sendable {
  public var response: Response
  /// Ids of the records the call touched, for the audit record.
  public var targets: [String]
  /// What a retry with the same request_id gets, when it must differ from the first answer
  /// (a token's secret is shown once, so its retry gets the token without it).
  public var replay: Response?

  public init(_ response: Response, targets: [String], replay: Response? = nil) {
    self.response = response
    self.targets = targets
    self.replay = replay
  }
}

/// What a write closure is handed of the call it serves: who asked, for which method and
/// request_id, and the one instant of the write. A handler reads these, never the task-local
/// `CallContext`, inside a write: the closure runs on the writer's queue, outside the caller's task.
public struct WriteCall: Sendable {
  public let caller: Caller
  /// "package.Service/Method".
  public let method: String
  public let requestID: String
  /// The instant the write happens, read once from the database's clock.
  public let now: Date

  public init(caller: Caller, method: String, requestID: String, now: Date) {
    self.caller = caller
    self.method = method
    self.requestID = requestID
    self.now = now
  }
}

public final class VetsDatabase: Sendable {
  public let pool: DatabasePool
  public let clock: any WallClock
  /// The keys kept outside the file: the audit trail is sealed with `keys.audit`.
  public let keys: DaemonKeys
  /// The one writer of mutating calls (group commit).
  public let writer: WriteBatcher

  public init(pool: DatabasePool, keys: DaemonKeys, clock: any WallClock, maxBatch: Int = StorageSettings().maxBatch) {
    self.pool = pool
    self.keys = keys
    self.clock = clock
    writer = WriteBatcher(pool: pool, maxBatch: maxBatch)
  }

  /// How the database commits. The defaults are the durable ones; the others exist to
  /// measure what durability costs (Benchmarks/).
  public struct StorageSettings: Sendable {
    /// Calls committed together at most; 1 commits each call on its own.
    public var maxBatch = 128
    /// FULL: an acknowledged write survives power loss. OFF is not durable.
    public var synchronousFull = true

    public init() {}
  }

  /// Opens (creating if needed) the database file: WAL, synchronous=FULL so that an
  /// acknowledged write survives power loss, foreign keys on, and a busy timeout.
  public static func open(
    path: String, keys: DaemonKeys, clock: any WallClock = SystemClock(), storage: StorageSettings = StorageSettings()
  ) throws
    -> VetsDatabase
  {
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(5)
    let synchronous = storage.synchronousFull ? "FULL" : "OFF"
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
    }
    return VetsDatabase(pool: try DatabasePool(path: path, configuration: config), keys: keys, clock: clock, maxBatch: storage.maxBatch)
  }

  static func migrations(_ m: inout ModuleMigrations) {
    m.add("requests.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE daemon_requests (
            token_id TEXT NOT NULL,
            method TEXT NOT NULL,
            request_id TEXT NOT NULL,
            fingerprint BLOB NOT NULL,
            response BLOB NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (token_id, method, request_id)
          ) WITHOUT ROWID;
          """)
    }
  }

  /// The daemon's own tables: audit trail, tokens and request replay.
  public static var coreMigrations: ModuleMigrations {
    var m = ModuleMigrations(moduleID: "daemon")
    AuditTrail.migrations(&m)
    DaemonKeys.migrations(&m)
    TokenStore.migrations(&m)
    AccountStore.migrations(&m)
    migrations(&m)
    return m
  }

  public func close() throws { try pool.close() }

  public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    try await pool.read(body)
  }

  /// Runs a mutating call exactly once per (token, method, request_id).
  ///
  /// In one savepoint of a group commit (`WriteBatcher`): a retry of an answered request gets the stored answer; a request_id
  /// reused for a different request is refused; otherwise `body` runs, and its change, its
  /// audit record and its answer commit together. A failed call changes nothing and leaves
  /// an audit record of its outcome.
  public func mutate<Request: Message, Response: Message>(
    requestID: String,
    request: Request,
    _ body: @escaping @Sendable (Database, WriteCall) throws -> Mutation<Response>
  ) async throws -> Response {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    let fingerprint = Data(SHA256.hash(data: try request.serializedBytes(options: options) as [UInt8]))
    return try await mutate(requestID: requestID, fingerprint: fingerprint, body)
  }

  /// The same, for a request that is not one message (a streamed upload): `fingerprint`
  /// identifies its content, so that a retry of the same upload is recognised.
  public func mutate<Response: Message>(
    requestID: String,
    fingerprint: Data,
    _ body: @escaping @Sendable (Database, WriteCall) throws -> Mutation<Response>
  ) async throws -> Response {
    let context = CallContext.now
    let clock = self.clock
    do {
      try Validate.requestID(requestID)
      return try await writer.write { db in
        if let row = try Row.fetchOne(
          db.cachedStatement(sql: "SELECT fingerprint, response FROM daemon_requests WHERE token_id = ? AND method = ? AND request_id = ?"),
          arguments: [context.caller.tokenID, context.method, requestID])
        {
          guard (row["fingerprint"] as Data) == fingerprint else {
            throw VetsError.failedPrecondition(
              "request_id \(quoted: requestID) was already used for a different request; use a new request_id")
          }
          return try Response(serializedBytes: row["response"] as Data)
        }
        let now = clock.now()
        let mutation = try body(db, WriteCall(caller: context.caller, method: context.method, requestID: requestID, now: now))
        let stored: Data = try (mutation.replay ?? mutation.response).serializedBytes()
        try db.cachedStatement(
          sql: "INSERT INTO daemon_requests (token_id, method, request_id, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [context.caller.tokenID, context.method, requestID, fingerprint, stored, Instant.text(now)])
        try AuditTrail.append(
          db, seal: self.keys.audit, at: now, context: context, targets: mutation.targets, outcome: "ok", requestID: requestID)
        return mutation.response
      }
    } catch {
      // A call's failure is audited by the access interceptor, whatever refused it; work the
      // daemon does on its own is audited here.
      if CallContext.current == nil { await recordFailure(error, context: context, requestID: requestID) }
      throw error
    }
  }

  /// Appends an audit record for a call that failed or was refused. The failed change itself
  /// was rolled back; if even this write fails, the caller still gets the original error.
  public func recordFailure(_ error: any Error, context: CallContext, requestID: String, targets: [String] = []) async {
    let outcome = StatusMapping.name(of: StatusMapping.rpcError(for: error).code)
    let now = clock.now()
    _ = try? await writer.write { db in
      try AuditTrail.append(db, seal: self.keys.audit, at: now, context: context, targets: targets, outcome: outcome, requestID: requestID)
    }
  }

  /// Records a read of unmasked personal data.
  public func recordRead(targets: [String]) async throws {
    let context = CallContext.now
    let now = clock.now()
    _ = try await writer.write { db in
      try AuditTrail.append(db, seal: self.keys.audit, at: now, context: context, targets: targets, outcome: "ok", requestID: "")
    }
  }
}
