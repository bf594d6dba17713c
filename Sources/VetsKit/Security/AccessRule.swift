/// Who may call one RPC method. Each service declares a table of these next to its handlers;
/// the access interceptor is the only place that enforces them.
public struct AccessRule: Sendable, Hashable {
  /// Roles allowed to call. Scope checks that depend on the data are the handler's.
  public var roles: Set<Role>
  /// Callable without a token (health checks).
  public var isPublic: Bool
  /// Changes data: denied calls are audited too.
  public var mutates: Bool

  public init(roles: Set<Role>, isPublic: Bool = false, mutates: Bool) {
    self.roles = roles
    self.isPublic = isPublic
    self.mutates = mutates
  }

  public static let anyone = AccessRule(roles: Set(Role.allCases), isPublic: true, mutates: false)

  public static func read(_ roles: Role...) -> AccessRule {
    AccessRule(roles: Set(roles), isPublic: false, mutates: false)
  }

  public static func write(_ roles: Role...) -> AccessRule {
    AccessRule(roles: Set(roles), isPublic: false, mutates: true)
  }
}

/// A service's rule table, keyed by method name (e.g. "CreateToken").
public typealias AccessRules = [String: AccessRule]
