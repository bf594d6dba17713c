public import GRPCCore

/// The one error type handlers and rules throw. Each case maps to exactly one gRPC status,
/// and every message says what to fix: the field and the rule, what was not found, the state
/// that forbids the step, or the right that is missing.
public enum VetsError: Error, Sendable, Equatable {
  /// The request itself is wrong, whatever the state of the data.
  case invalidArgument(field: String, rule: String)
  case notFound(String)
  case alreadyExists(String)
  /// The data's current state forbids the step.
  case failedPrecondition(String)
  case permissionDenied(String)
  case unauthenticated(String)
  case resourceExhausted(String)
  /// The daemon cannot do it now (disk full, database locked); the request changed nothing.
  case unavailable(String)
  case `internal`(String)

  public var message: String {
    switch self {
    case .invalidArgument(let field, let rule): "\(field): \(rule)"
    case .notFound(let m), .alreadyExists(let m), .failedPrecondition(let m), .permissionDenied(let m),
      .unauthenticated(let m), .resourceExhausted(let m), .unavailable(let m), .internal(let m):
      m
    }
  }

  public var code: RPCError.Code {
    switch self {
    case .invalidArgument: .invalidArgument
    case .notFound: .notFound
    case .alreadyExists: .alreadyExists
    case .failedPrecondition: .failedPrecondition
    case .permissionDenied: .permissionDenied
    case .unauthenticated: .unauthenticated
    case .resourceExhausted: .resourceExhausted
    case .unavailable: .unavailable
    case .internal: .internalError
    }
  }
}

extension VetsError: RPCErrorConvertible {
  public var rpcErrorCode: RPCError.Code { code }
  public var rpcErrorMessage: String { message }
}

extension VetsError: CustomStringConvertible {
  public var description: String { message }
}
