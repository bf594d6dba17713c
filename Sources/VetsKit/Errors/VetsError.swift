public import GRPCCore
import GRPCProtobuf

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
  /// A refusal of another kind that concerns one field of the request (a village outside the
  /// caller's scope, a resident ID already registered): its code and message, plus the field,
  /// so that an import's row report can name the column.
  indirect case concerning(field: String, VetsError)
  /// A token whose role may not call a method (PERMISSION_DENIED). The status details carry
  /// a google.rpc.ErrorInfo (reason ROLE_NOT_ALLOWED, metadata role, needs, method), so that a
  /// client can say it in its own words.
  case roleRefused(role: String, needs: [String], method: String)
  /// A refusal with the Chinese its rule wrote beside the English (a workflow's state
  /// refusal, from the glossary's words): that Chinese travels instead of RefusalChinese's.
  indirect case said(VetsError, chinese: String)

  /// The field the error is about, by its path in the request, if it is about one.
  public var field: String? {
    switch self {
    case .invalidArgument(let field, _), .concerning(let field, _): field
    case .said(let error, _): error.field
    default: nil
    }
  }

  public var message: String {
    switch self {
    case .concerning(_, let error), .said(let error, _): error.message
    case .invalidArgument(let field, let rule): "\(field): \(rule)"
    case .notFound(let m), .alreadyExists(let m), .failedPrecondition(let m), .permissionDenied(let m),
      .unauthenticated(let m), .resourceExhausted(let m), .unavailable(let m), .internal(let m):
      m
    case .roleRefused(let role, let needs, let method):
      "a \(role) token may not call \(method); it needs the role \(needs.joined(separator: ", "))"
    }
  }

  public var code: RPCError.Code {
    switch self {
    case .concerning(_, let error), .said(let error, _): error.code
    case .invalidArgument: .invalidArgument
    case .notFound: .notFound
    case .alreadyExists: .alreadyExists
    case .failedPrecondition: .failedPrecondition
    case .permissionDenied, .roleRefused: .permissionDenied
    case .unauthenticated: .unauthenticated
    case .resourceExhausted: .resourceExhausted
    case .unavailable: .unavailable
    case .internal: .internalError
    }
  }
}

extension VetsError: RPCErrorConvertible {
  /// The refusal in Chinese, where the daemon has it: its own words, or RefusalChinese's for
  /// its rule or sentence.
  public var chinese: String? {
    switch self {
    case .said(_, let chinese): chinese
    case .invalidArgument(_, let rule), .concerning(_, .invalidArgument(_, let rule)): RefusalChinese.of(rule)
    default: RefusalChinese.of(message)
    }
  }

  public var rpcErrorCode: RPCError.Code { code }
  public var rpcErrorMessage: String { message }
  /// A refusal about one field also travels as a google.rpc.BadRequest field violation in the
  /// status details (`grpc-status-details-bin`), and a role's refusal as a google.rpc.ErrorInfo,
  /// so that a program (and vetsctl, which names the flag typed) reads them without parsing the
  /// message. Where RefusalChinese has the sentence in Chinese, it travels too: as the
  /// violation's localized message, or as a google.rpc.LocalizedMessage (zh-CN).
  public var rpcErrorMetadata: Metadata {
    var error = self
    if case .said(let refusal, _) = self { error = refusal }
    let said = chinese.map { ErrorDetails.LocalizedMessage(locale: RefusalChinese.locale, message: $0) }
    func violation(_ field: String, _ description: String) -> ErrorDetails {
      .badRequest(violations: [
        .init(field: Quoted.bounded(field), description: Quoted.bounded(description), reason: "", localizedMessage: said)
      ])
    }
    let detail: ErrorDetails
    switch error {
    case .invalidArgument(let field, let rule), .concerning(let field, .invalidArgument(_, let rule)):
      detail = violation(field, rule)
    case .concerning(let field, let error):
      detail = violation(field, error.message)
    case .roleRefused(let role, let needs, let method):
      detail = .errorInfo(reason: "ROLE_NOT_ALLOWED", domain: "vetsd", metadata: ["role": role, "needs": needs.joined(separator: ","), "method": method])
    default:
      guard let said else { return [:] }
      detail = .localizedMessage(said)
    }
    return GoogleRPCStatus(code: code, message: Quoted.bounded(message), details: [detail]).rpcErrorMetadata
  }
}

extension VetsError: CustomStringConvertible {
  public var description: String { message }
}

extension DefaultStringInterpolation {
  /// Client input quoted in a message: `'…'`, at most `Quoted.limit` characters of it, with
  /// control characters shown as `?`. A message never echoes a megabyte the client sent.
  public mutating func appendInterpolation<T>(quoted value: T) {
    appendLiteral(Quoted.text(String(describing: value)))
  }
}

public enum Quoted {
  public static let limit = 48
  /// The longest status message sent, in characters: well inside a client's metadata limit.
  /// Quoted input is short already; this bounds whatever else a message holds.
  public static let maxMessage = 1024

  public static func bounded(_ message: String) -> String {
    message.count > maxMessage ? String(message.prefix(maxMessage)) + "…" : message
  }

  public static func text(_ value: String) -> String {
    let shown = value.prefix(limit).map { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "?" : String($0) }
    return "'" + shown.joined() + (value.count > limit ? "…' (\(value.utf8.count) bytes)" : "'")
  }
}
