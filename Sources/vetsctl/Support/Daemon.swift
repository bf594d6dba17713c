import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// One connection to vetsd for one command: the socket, the token, the deadline, and the
/// translation of failures into a sentence and an exit code.
struct Daemon {
  let options: GlobalOptions

  var metadata: Metadata {
    guard let token = try? String(contentsOfFile: options.tokenPath, encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty
    else { return [:] }
    return ["authorization": "Bearer \(token)"]
  }

  var callOptions: CallOptions {
    var call = CallOptions.defaults
    call.timeout = .milliseconds(Int64(options.timeout * 1000))
    return call
  }

  /// Runs `body` with a client connected over the socket.
  func call<Result: Sendable>(
    _ body: (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
  ) async throws -> Result {
    let path = options.socketPath
    guard FileManager.default.fileExists(atPath: path) else {
      throw CLIError("cannot connect to vetsd: no socket at \(path) (from \(options.socketSource)). \(Self.howToReach)", exitCode: Exit.cannotConnect)
    }
    do {
      let transport = try HTTP2ClientTransport.Posix(
        target: .unixDomainSocket(path: path), transportSecurity: .plaintext)
      return try await withGRPCClient(transport: transport) { client in try await body(client) }
    } catch let error as RPCError {
      throw translate(error, path: path)
    }
  }

  /// What to do when the daemon cannot be reached, on an installed server or a checkout.
  static let howToReach =
    "Is vetsd running? On a server check 'systemctl status vetsd' and use the socket set in vetsd.toml ([daemon] socket, "
    + "e.g. /run/vetsd/vetsd.sock) with --socket or VETSCTL_SOCKET; in a development checkout start it with 'make run'"

  func translate(_ error: RPCError, path: String) -> CLIError {
    if error.code == .unavailable, error.message.contains("connect") || error.message.contains("Connection") {
      return CLIError(
        "cannot connect to vetsd at \(path) (from \(options.socketSource)): \(error.message). \(Self.howToReach)", exitCode: Exit.cannotConnect)
    }
    var message = error.message
    if error.code == .unauthenticated, metadata.isEmpty {
      message += " (no token was sent: \(options.tokenPath) is missing or empty; pass --token-file)"
    }
    return CLIError(message, exitCode: Exit.code(for: error.code))
  }
}
