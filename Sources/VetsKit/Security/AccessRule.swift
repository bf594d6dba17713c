/// Who may call one RPC method. Each service declares a table of these next to its handlers;
/// the access interceptor is the only place that enforces them, and `vetsd access-rules`
/// prints them as the table in docs/ACCESS.md.
public struct AccessRule: Sendable, Hashable {
  /// The scope a token needs, beyond its role.
  public enum ScopeNeed: String, Sendable, Hashable {
    /// Any scope: the handler limits what the token reads and changes to the records inside it.
    case withinScope = "within"
    /// A county-scoped token: the call concerns the whole county (the fund ledger, reports).
    case county
  }

  /// Roles allowed to call.
  public var roles: Set<Role>
  /// Callable without a token (health checks).
  public var isPublic: Bool
  /// Changes data: denied calls are audited too.
  public var mutates: Bool
  public var scope: ScopeNeed

  public init(roles: Set<Role>, isPublic: Bool = false, mutates: Bool, scope: ScopeNeed = .withinScope) {
    self.roles = roles
    self.isPublic = isPublic
    self.mutates = mutates
    self.scope = scope
  }

  /// The same rule for a token with county scope only.
  public var countyWide: AccessRule {
    var rule = self
    rule.scope = .county
    return rule
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
