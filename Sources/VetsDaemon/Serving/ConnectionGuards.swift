// What a connection may cost before and after it has shown it is a gRPC client.
//
// The transport hands each listener, accepted connection and HTTP/2 stream to these hooks
// (its `channelDebuggingCallbacks`), and the daemon adds three guards there:
// - a cap on each listener's open connections, so that a flood on TCP never takes the
//   descriptors the Unix socket (and so the admin) needs;
// - a watch on each connection: one that has opened no call within `setup_timeout_seconds`
//   (a TLS handshake never finished, a preface never sent) is closed, and so is one left
//   idle after the transport's graceful close at `idle_timeout_seconds`;
// - a request size gate on each stream, which refuses a message over its limit from the
//   5-byte gRPC length prefix, before the body is buffered or decoded.
// Keepalive pings find peers that went away.

import Foundation
import GRPCNIOTransportHTTP2
import Logging
import NIOCore
import NIOHPACK
import NIOHTTP2
import Synchronization
import VetsKit

/// The guards of one listener ("socket" or "tcp").
struct ConnectionGuards: Sendable {
  let listener: String
  let maxConnections: Int
  let setupTimeout: TimeAmount
  /// The transport's graceful close comes at idle_timeout_seconds; this is the hard one.
  let idleCloseTimeout: TimeAmount
  let sizes: RequestSizeLimits
  let logger: Logger
  private let open = OpenConnections()

  init(listener: String, maxConnections: Int, limits: DaemonConfig.Limits, publicMethods: Set<String>, logger: Logger) {
    self.listener = listener
    self.maxConnections = maxConnections
    self.setupTimeout = .seconds(limits.setupTimeoutSeconds)
    self.idleCloseTimeout = .seconds(limits.idleTimeoutSeconds + 20)
    self.sizes = RequestSizeLimits(maxMessageBytes: Int(limits.maxMessageBytes), publicPaths: Set(publicMethods.map { "/\($0)" }))
    self.logger = logger
  }

  /// Open connections on this listener now.
  var openConnections: Int { open.count.load(ordering: .relaxed) }

  var callbacks: HTTP2ServerTransport.Config.ChannelDebuggingCallbacks {
    let guards = self
    return .init(
      onBindTCPListener: nil,
      onAcceptTCPConnection: { channel in guards.accept(channel) },
      onAcceptHTTP2Stream: { stream in guards.openStream(stream) })
  }

  private func accept(_ channel: any Channel) -> EventLoopFuture<Void> {
    let now = open.count.wrappingAdd(1, ordering: .relaxed).newValue
    channel.closeFuture.whenComplete { _ in open.count.subtract(1, ordering: .relaxed) }
    guard now <= maxConnections else {
      if open.shouldLog(now: Date()) {
        logger.warning(
          "connection cap reached; new connections are closed until some end",
          metadata: ["listener": "\(listener)", "max_connections": "\(maxConnections)"])
      }
      channel.close(promise: nil)
      return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
    }
    let (setup, idle) = (setupTimeout, idleCloseTimeout)
    return channel.eventLoop.makeCompletedFuture {
      try channel.pipeline.syncOperations.addHandler(ConnectionWatch(setup: setup, idle: idle), position: .first)
    }
  }

  private func openStream(_ stream: any Channel) -> EventLoopFuture<Void> {
    let sizes = self.sizes
    return stream.eventLoop.makeCompletedFuture {
      if let parent = stream.parent, let watch = try? parent.pipeline.syncOperations.handler(type: ConnectionWatch.self) {
        watch.callOpened(stream)
      }
      try stream.pipeline.syncOperations.addHandler(RequestSizeGate(sizes: sizes), position: .first)
    }
  }
}

private final class OpenConnections: Sendable {
  let count = Atomic<Int>(0)
  private let lastLogged = Mutex<Date?>(nil)

  /// One log line a minute at most while the cap holds connections back.
  func shouldLog(now: Date) -> Bool {
    lastLogged.withLock { last in
      if let last, now.timeIntervalSince(last) < 60 { return false }
      last = now
      return true
    }
  }
}

/// Closes a connection while no call is open on it: `setup` after it was accepted (a TLS
/// handshake or HTTP/2 preface that never came), and `idle` after its last call ended. The
/// transport sends its graceful GOAWAY first, at `idle_timeout_seconds`; a client that never
/// answers that GOAWAY's PING would hold the connection for ever, so this closes it anyway.
private final class ConnectionWatch: ChannelInboundHandler {
  /// First in the pipeline, it sees the connection's bytes, and passes them on untouched.
  typealias InboundIn = ByteBuffer
  let setup: TimeAmount
  let idle: TimeAmount
  private var openCalls = 0
  private var task: Scheduled<Void>?
  private var channel: (any Channel)?

  init(setup: TimeAmount, idle: TimeAmount) {
    (self.setup, self.idle) = (setup, idle)
  }

  func handlerAdded(context: ChannelHandlerContext) {
    channel = context.channel
    closeIfQuiet(for: setup, on: context.eventLoop)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    task?.cancel()
    channel = nil
  }

  /// Called on the connection's event loop as each call's stream opens.
  func callOpened(_ stream: any Channel) {
    openCalls += 1
    task?.cancel()
    task = nil
    stream.closeFuture.hop(to: stream.eventLoop).assumeIsolated().whenComplete { _ in
      self.openCalls -= 1
      if self.openCalls == 0 { self.closeIfQuiet(for: self.idle, on: stream.eventLoop) }
    }
  }

  private func closeIfQuiet(for delay: TimeAmount, on loop: any EventLoop) {
    guard let channel else { return }
    task?.cancel()
    task = loop.scheduleTask(in: delay) { channel.close(promise: nil) }
  }
}

/// The largest request message each call may send.
struct RequestSizeLimits: Sendable {
  /// A public method (health, reflection) answers callers without a token, and a call with
  /// no token reaches nothing else; their requests are a few bytes, and the daemon holds no
  /// more than this for them. A public method keeps this limit whatever header is sent: the
  /// gate does not check tokens, so an `authorization` header buys nothing there.
  static let withoutToken = 4096
  let maxMessageBytes: Int
  /// ":path" of each public method, "/package.Service/Method".
  let publicPaths: Set<String>

  func limit(path: String, hasToken: Bool) -> Int {
    hasToken && !publicPaths.contains(path) ? maxMessageBytes : min(maxMessageBytes, Self.withoutToken)
  }

  func refusal(size: Int, limit: Int) -> String {
    limit < maxMessageBytes
      ? "the request message is \(size) bytes; a call without a token, or to a public method, may send at most \(limit) bytes"
      : "the request message is \(size) bytes, over the daemon's limit of \(limit) ([daemon.limits] max_message_bytes); "
        + "send less per message (ImportPersons takes the file in chunks)"
  }
}

/// Reads each request message's length prefix as it arrives and answers RESOURCE_EXHAUSTED,
/// closing the stream, when it is over the limit: the body is never buffered or decoded.
private final class RequestSizeGate: ChannelDuplexHandler {
  typealias InboundIn = HTTP2Frame.FramePayload
  typealias InboundOut = HTTP2Frame.FramePayload
  typealias OutboundIn = HTTP2Frame.FramePayload
  typealias OutboundOut = HTTP2Frame.FramePayload

  let sizes: RequestSizeLimits
  private var limit: Int
  private var prefix: [UInt8] = []
  /// Body bytes still to come of the message being received.
  private var remaining = 0
  private var refused = false
  private var sentHeaders = false

  init(sizes: RequestSizeLimits) {
    self.sizes = sizes
    self.limit = RequestSizeLimits.withoutToken
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !refused else { return }
    switch unwrapInboundIn(data) {
    case .headers(let headers):
      limit = sizes.limit(path: headers.headers.first(name: ":path") ?? "", hasToken: headers.headers.contains(name: "authorization"))
    case .data(let frame):
      guard case .byteBuffer(let buffer) = frame.data else { break }
      var bytes = buffer.readableBytesView[...]
      while !bytes.isEmpty {
        if remaining > 0 {
          let n = min(remaining, bytes.count)
          remaining -= n
          bytes = bytes.dropFirst(n)
          continue
        }
        let take = bytes.prefix(5 - prefix.count)
        prefix += take
        bytes = bytes.dropFirst(take.count)
        guard prefix.count == 5 else { break }
        let size = prefix[1...4].reduce(0) { $0 << 8 | Int($1) }
        prefix = []
        guard size <= limit else { return refuse(context: context, size: size) }
        remaining = size
      }
    default:
      break
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .headers = unwrapOutboundIn(data) { sentHeaders = true }
    context.write(data, promise: promise)
  }

  private func refuse(context: ChannelHandlerContext, size: Int) {
    refused = true
    var trailers = HPACKHeaders()
    if !sentHeaders {
      trailers.add(name: ":status", value: "200")
      trailers.add(name: "content-type", value: "application/grpc")
    }
    trailers.add(name: "grpc-status", value: "8")
    let message = sizes.refusal(size: size, limit: limit)
    trailers.add(name: "grpc-message", value: message.addingPercentEncoding(withAllowedCharacters: .grpcMessage) ?? "")
    context.write(wrapOutboundOut(.headers(.init(headers: trailers, endStream: true))), promise: nil)
    // RST_STREAM(NO_ERROR) after the trailers tells the client to stop sending and keep the
    // status (RFC 9113 8.1; a plain close would reset with CANCEL, which grpcio reports
    // instead of the status).
    context.writeAndFlush(wrapOutboundOut(.rstStream(.noError)), promise: nil)
    context.close(promise: nil)
  }
}

extension CharacterSet {
  /// gRPC's grpc-message: printable ASCII except '%' is sent as it is.
  fileprivate static let grpcMessage = CharacterSet(charactersIn: Unicode.Scalar(0x20)...Unicode.Scalar(0x7E))
    .subtracting(CharacterSet(charactersIn: "%"))
}
