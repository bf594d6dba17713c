// `[daemon.limits] max_message_bytes`, answered with RESOURCE_EXHAUSTED.
//
// grpc-swift-nio-transport ends a request over its own payload limit by resetting the
// stream, which a client sees as UNAVAILABLE with no reason. So the transport is given
// `transportHeadroom` times the configured limit, as a memory bound, and this interceptor
// refuses every request message over the configured limit with a status that says so.

import GRPCCore
import SwiftProtobuf
import VetsKit

struct MessageSizeLimit: ServerInterceptor {
  /// The transport's limit is this many times the configured one.
  static let transportHeadroom = 4
  let maxBytes: Int

  func intercept<Input: Sendable, Output: Sendable>(
    request: StreamingServerRequest<Input>,
    context: ServerContext,
    next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
  ) async throws -> StreamingServerResponse<Output> {
    let maxBytes = self.maxBytes
    var checked = request
    checked.messages = RPCAsyncSequence(
      wrapping: request.messages.map { message in
        if let message = message as? any SwiftProtobuf.Message {
          let size = (try message.serializedBytes() as [UInt8]).count
          guard size <= maxBytes else {
            throw RPCError(
              code: .resourceExhausted,
              message: "the request message is \(size) bytes, over the daemon's limit of \(maxBytes) "
                + "([daemon.limits] max_message_bytes); send less per message (ImportPersons takes the file in chunks)")
          }
        }
        return message
      })
    return try await next(checked, context)
  }
}
