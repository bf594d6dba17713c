import Foundation
import GRPCCore
import Logging
import Synchronization
import SwiftProtobuf
import VetsKit

/// The one authorisation mechanism: every call's bearer token is checked against the rule
/// table its service declared, and the caller is bound to the handler's task as
/// `CallContext.current`. It is also the one place where
/// - each request message is checked for the shape every request has (`RequestShape`),
/// - thrown errors become statuses, and
/// - every failed or refused write is audited, whether the handler, the write path or this
///   interceptor refused it (refusals per token are bounded by `RefusalRecord`).
struct AccessInterceptor: ServerInterceptor {
  /// Keyed by "package.Service/Method".
  let rules: [String: AccessRule]
  let tokens: TokenStore
  let database: VetsDatabase
  let logger: Logger
  let refusals: RefusalRecord

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
      throw await failed(
        VetsError.roleRefused(role: caller.role.rawValue, needs: rule.roles.sorted().map(\.rawValue), method: method),
        call, rule, requestID: "", context: context)
    }
    guard rule.scope != .county || caller.scope == .county || rule.isPublic else {
      throw await failed(
        VetsError.permissionDenied(
          "\(method) concerns the whole county and needs a county-scoped token; this token's scope is \(caller.scope)"),
        call, rule, requestID: "", context: context)
    }

    let requestID = RequestIDSeen()
    var checked = request
    checked.messages = RPCAsyncSequence(
      wrapping: request.messages.map { message in
        if let message = message as? any SwiftProtobuf.Message {
          do {
            requestID.offer(try RequestShape.check(message))
          } catch {
            requestID.offer(RequestShape.requestID(of: message))
            throw error
          }
        }
        return message
      })
    var response: StreamingServerResponse<Output>
    do {
      response = try await CallContext.$current.withValue(call) { try await next(checked, context) }
    } catch {
      throw await failed(error, call, rule, requestID: requestID.value, context: context)
    }
    // Streaming handlers write their messages after this returns: bind them too.
    if case .success(var contents) = response.accepted {
      let producer = contents.producer
      contents.producer = { writer in
        do {
          return try await CallContext.$current.withValue(call) { try await producer(writer) }
        } catch {
          throw await failed(error, call, rule, requestID: requestID.value, context: context)
        }
      }
      response.accepted = .success(contents)
    }
    return response
  }

  /// The status for a failed call, after its audit record when it was a write. Only the
  /// daemon's own faults are errors in the log; a call the client cancelled is its business.
  private func failed(_ error: any Error, _ call: CallContext, _ rule: AccessRule, requestID: String, context: ServerContext)
    async -> RPCError
  {
    let cancelled = context.cancellation.isCancelled || Task.isCancelled
    let status =
      cancelled
      ? RPCError(
        code: .cancelled,
        message: "the call was cancelled by the client; a write it asked for may have been made: retry it with the same request_id to learn which")
      : StatusMapping.rpcError(for: error)
    if cancelled {
      logger.debug("call cancelled by the client", metadata: ["method": "\(call.method)", "error": "\(String(reflecting: type(of: error)))"])
    } else if status.code == .internalError || status.code == .unknown {
      logger.error("call failed", metadata: ["method": "\(call.method)", "error": "\(String(reflecting: type(of: error)))"])
    }
    guard rule.mutates else { return status }
    // Every failed write of a token counts against its allowance of records, whatever the
    // failure (a client that cancels each call, or sends bad fields, floods no less). Past
    // it a refusal is answered RESOURCE_EXHAUSTED; other failures keep their status.
    var targets: [String] = []
    switch refusals.decide(tokenID: call.caller.tokenID, now: database.clock.now()) {
    case .suppress:
      return status.code == .permissionDenied ? StatusMapping.rpcError(for: refusals.exhausted) : status
    case .record(let suppressed) where suppressed > 0:
      targets = ["repeated:\(suppressed)"]
    case .record:
      break
    }
    await database.recordFailure(status, context: call, requestID: requestID, targets: targets)
    return status
  }
}

/// The request_id of a call's first message that has one, for the audit record of its failure.
private final class RequestIDSeen: Sendable {
  private let seen = Mutex<String?>(nil)

  func offer(_ id: String?) {
    guard let id else { return }
    seen.withLock { if $0 == nil { $0 = id } }
  }

  var value: String { seen.withLock { $0 ?? "" } }
}
