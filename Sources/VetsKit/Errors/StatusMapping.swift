public import GRPCCore
import GRDB

/// The one mapping from anything a handler can throw to the status the caller sees.
public enum StatusMapping {
  public static func rpcError(for error: any Error) -> RPCError {
    switch error {
    case let error as RPCError:
      return error
    case let error as VetsError:
      return RPCError(code: error.code, message: Quoted.bounded(error.message), metadata: error.rpcErrorMetadata)
    case let error as DatabaseError:
      return rpcError(for: VetsError(error))
    case is CancellationError:
      return RPCError(code: .cancelled, message: "the call was cancelled; nothing was changed")
    default:
      return RPCError(code: .internalError, message: "internal error; the daemon's log has the details")
    }
  }

  /// A stable, human-readable name of a status code, for audit records ("PERMISSION_DENIED").
  public static func name(of code: RPCError.Code) -> String {
    switch code {
    case .cancelled: "CANCELLED"
    case .unknown: "UNKNOWN"
    case .invalidArgument: "INVALID_ARGUMENT"
    case .deadlineExceeded: "DEADLINE_EXCEEDED"
    case .notFound: "NOT_FOUND"
    case .alreadyExists: "ALREADY_EXISTS"
    case .permissionDenied: "PERMISSION_DENIED"
    case .resourceExhausted: "RESOURCE_EXHAUSTED"
    case .failedPrecondition: "FAILED_PRECONDITION"
    case .aborted: "ABORTED"
    case .outOfRange: "OUT_OF_RANGE"
    case .unimplemented: "UNIMPLEMENTED"
    case .internalError: "INTERNAL"
    case .unavailable: "UNAVAILABLE"
    case .dataLoss: "DATA_LOSS"
    case .unauthenticated: "UNAUTHENTICATED"
    default: "UNKNOWN"
    }
  }
}

extension VetsError {
  /// Storage failures the caller can act on; the rest are internal.
  public init(_ error: DatabaseError) {
    switch error.resultCode {
    case .SQLITE_FULL:
      self = .unavailable("the disk holding the database is full; free space and retry (nothing was changed)")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      self = .unavailable("the database is busy; retry (nothing was changed)")
    case .SQLITE_READONLY:
      self = .unavailable("the database is read-only; check the data folder's permissions (nothing was changed)")
    case .SQLITE_IOERR, .SQLITE_CANTOPEN:
      self = .unavailable("the database file cannot be read or written; check the data folder (nothing was changed)")
    default:
      self = .internal("database error; the daemon's log has the details")
    }
  }
}
