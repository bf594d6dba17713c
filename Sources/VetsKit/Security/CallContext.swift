/// Who is calling. Built by the access interceptor from the bearer token.
public struct Caller: Sendable, Hashable {
  public var tokenID: String
  public var name: String
  public var role: Role
  public var scope: Scope
  /// The person holding the token; several tokens of one person share it.
  public var subject: String
  /// The account whose session this is; nil for a token.
  public var accountID: String?

  public init(tokenID: String, name: String, role: Role, scope: Scope, subject: String? = nil, accountID: String? = nil) {
    self.tokenID = tokenID
    self.name = name
    self.role = role
    self.scope = scope
    self.subject = subject ?? name
    self.accountID = accountID
  }

  /// The daemon itself, for work no client asked for (creating the first admin token).
  public static let daemon = Caller(tokenID: "vetsd", name: "vetsd", role: .admin, scope: .county)
  /// Callers of public methods (health) that sent no token.
  public static let anonymous = Caller(tokenID: "", name: "anonymous", role: .system, scope: .county)
}

/// The caller and method of the RPC being served, bound for the handler's task by the access
/// interceptor, so that handlers and the shared write path never pass them around by hand.
public struct CallContext: Sendable {
  public var caller: Caller
  /// "package.Service/Method".
  public var method: String

  public init(caller: Caller, method: String) {
    self.caller = caller
    self.method = method
  }

  @TaskLocal public static var current: CallContext?
  /// True while a write closure runs on the writer's queue, where `current` is not the caller's.
  @TaskLocal static var insideWrite = false

  /// The current call, or the daemon acting on its own. Never read inside a write closure,
  /// which is handed its `WriteCall` instead.
  public static var now: CallContext {
    assert(!insideWrite, "a write closure reads call.caller and call.now, not CallContext.now")
    return current ?? CallContext(caller: .daemon, method: "vetsd/internal")
  }
}

/// A module's gRPC service: its handlers read who is calling as `caller` (outside a write;
/// a write closure reads `call.caller`).
public protocol CallerReading {}

extension CallerReading {
  public var caller: Caller { CallContext.now.caller }
}
