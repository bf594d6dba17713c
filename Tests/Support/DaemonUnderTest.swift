import GRPCCore

/// A daemon a test calls over gRPC: the real vetsd on its socket (EndToEndTests' TestDaemon)
/// or the same services in process (HandlerTests' InProcessDaemon).
public protocol DaemonUnderTest: Sendable {
  associatedtype Transport: ClientTransport

  /// Calls the daemon with a client on its transport.
  func withClient<T: Sendable>(_ body: (GRPCClient<Transport>) async throws -> T) async throws -> T
  /// The bearer token in `tokenFile` (the admin token when nil), as call metadata.
  func metadata(tokenFile: String?) throws -> Metadata
  /// Makes a token and writes its secret to a file; returns (id, file).
  func createToken(role: String, scope: String, name: String) async throws -> (id: String, file: String)
}
