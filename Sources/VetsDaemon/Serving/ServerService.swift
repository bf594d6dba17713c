import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle

/// Runs one gRPC server for the daemon's lifecycle: serves until SIGTERM/SIGINT, then stops
/// accepting and lets in-flight calls finish (the service group bounds how long).
struct ServerService: Service, CustomStringConvertible {
  let name: String
  let server: GRPCServer<HTTP2ServerTransport.Posix>
  /// Runs once the listener is bound (set the socket's mode, announce readiness).
  let onListening: @Sendable (GRPCNIOTransportCore.SocketAddress) async throws -> Void

  var description: String { name }

  func run() async throws {
    try await withGracefulShutdownHandler {
      try await withThrowingDiscardingTaskGroup { group in
        group.addTask { try await server.serve() }
        let address = try await server.transport.listeningAddress
        try await onListening(address)
      }
    } onGracefulShutdown: {
      server.beginGracefulShutdown()
    }
  }
}
