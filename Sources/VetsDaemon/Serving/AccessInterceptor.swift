import Foundation
import GRPCCore
import Logging
import VetsKit

/// The one authorisation mechanism: every call's bearer token is checked against the rule
/// table its service declared, and the caller is bound to the handler's task as
/// `CallContext.current`. It is also the one place where thrown errors become statuses.
struct AccessInterceptor: ServerInterceptor {
  /// Keyed by "package.Service/Method".
  let rules: [String: AccessRule]
  let tokens: TokenStore
  let database: VetsDatabase
  let logger: Logger

  func intercept<Input: Sendable, Output: Sendable>(
    request: StreamingServerRequest<Input>,
    context: ServerContext,
    next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
  ) async throws -> StreamingServerResponse<Output> {
    let method = context.descriptor.fullyQualifiedMethod
    guard let rule = rules[method] else {
      // Startup refuses services with a method lacking a rule; this is the fail-closed backstop.
      throw RPCError(code: .permissionDenied, message: "\(method) has no access rule; nobody may call it")
    }
    let caller: Caller
    do {
      caller = try tokens.authenticate(
        authorization: request.metadata[stringValues: "authorization"].first(where: { _ in true }),
        now: database.clock.now())
    } catch {
      guard rule.isPublic else { throw StatusMapping.rpcError(for: error) }
      caller = .anonymous
    }
    let call = CallContext(caller: caller, method: method)
    guard rule.isPublic || rule.roles.contains(caller.role) else {
      let allowed = rule.roles.sorted().map(\.rawValue).joined(separator: ", ")
      let error = VetsError.permissionDenied(
        "a \(caller.role.rawValue) token may not call \(method); it needs the role \(allowed)")
      if rule.mutates { await database.recordFailure(error, context: call, requestID: "") }
      throw StatusMapping.rpcError(for: error)
    }
    guard rule.scope != .county || caller.scope == .county || rule.isPublic else {
      let error = VetsError.permissionDenied("\(method) concerns the whole county and needs a county-scoped token; this token's scope is \(caller.scope)")
      if rule.mutates { await database.recordFailure(error, context: call, requestID: "") }
      throw StatusMapping.rpcError(for: error)
    }

    var response: StreamingServerResponse<Output>
    do {
      response = try await CallContext.$current.withValue(call) { try await next(request, context) }
    } catch {
      throw mapped(error, method: method, context: context)
    }
    // Streaming handlers write their messages after this returns: bind them too.
    if case .success(var contents) = response.accepted {
      let producer = contents.producer
      contents.producer = { writer in
        do {
          return try await CallContext.$current.withValue(call) { try await producer(writer) }
        } catch {
          throw mapped(error, method: method, context: context)
        }
      }
      response.accepted = .success(contents)
    }
    return response
  }

  /// The status for a failed call. Only the daemon's own faults are errors in the log; a
  /// call the client cancelled or cut off is its business, logged at debug.
  private func mapped(_ error: any Error, method: String, context: ServerContext) -> RPCError {
    if context.cancellation.isCancelled || Task.isCancelled {
      logger.debug("call cancelled by the client", metadata: ["method": "\(method)", "error": "\(String(reflecting: type(of: error)))"])
      return RPCError(code: .cancelled, message: "the call was cancelled by the client; a write it asked for may have been made: retry it with the same request_id to learn which")
    }
    let status = StatusMapping.rpcError(for: error)
    if status.code == .internalError || status.code == .unknown {
      logger.error("call failed", metadata: ["method": "\(method)", "error": "\(String(reflecting: type(of: error)))"])
    }
    return status
  }
}
