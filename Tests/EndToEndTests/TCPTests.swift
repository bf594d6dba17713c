import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import ProbeModule
import TestSupport
import Testing
import VetsAPI

/// TCP for other county systems: TLS with certificates made at test time, mutual TLS when a
/// client CA is configured, and the admin services kept on the socket.
@Suite("TCP with TLS")
struct TCPTests {
  /// A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl.
  struct Certificates {
    let folder: URL
    var ca: String { folder.appendingPathComponent("ca.pem").path }
    var serverCert: String { folder.appendingPathComponent("server.pem").path }
    var serverKey: String { folder.appendingPathComponent("server.key").path }
    var clientCert: String { folder.appendingPathComponent("client.pem").path }
    var clientKey: String { folder.appendingPathComponent("client.key").path }

    static func make(in folder: URL) async throws -> Certificates {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let script = """
        set -e
        cd '\(folder.path)'
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=test-ca -keyout ca.key -out ca.pem 2>/dev/null
        for who in server client; do
          openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=$who -keyout $who.key -out $who.csr 2>/dev/null
          printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n' > $who.ext
          openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile $who.ext -out $who.pem 2>/dev/null
        done
        """
      let made = try await Run.program(URL(fileURLWithPath: "/bin/sh"), ["-c", script])
      #expect(made.status == 0, "\(made.stderr)")
      return Certificates(folder: folder)
    }
  }

  func listModules(port: Int, security: HTTP2ClientTransport.Posix.TransportSecurity, metadata: Metadata) async throws
    -> Vets_Daemon_V1_ListModulesResponse
  {
    let transport = try HTTP2ClientTransport.Posix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: security)
    return try await withGRPCClient(transport: transport) { client in
      try await Vets_Daemon_V1_ModuleService.Client(wrapping: client).listModules(.init(), metadata: metadata)
    }
  }

  @Test func tlsServesModuleCallsAndKeepsTokenServiceOnTheSocket() async throws {
    let root = try TestDaemon.makeRoot()
    let certs = try await Certificates.make(in: root.appendingPathComponent("tls"))
    let config = """
      [daemon.tcp]
      listen = "127.0.0.1:0"
      tls_cert = "\(certs.serverCert)"
      tls_key = "\(certs.serverKey)"
      """
    try await TestDaemon.with(config: config, root: root) { daemon in
      let port = try await daemon.tcpPort()
      let metadata = try daemon.metadata()
      let trusted = HTTP2ClientTransport.Posix.TransportSecurity.tls { tls in
        tls.trustRoots = .certificates([.file(path: certs.ca, format: .pem)])
      }
      let modules = try await listModules(port: port, security: trusted, metadata: metadata)
      #expect(modules.modules.map(\.id).contains("probe"))

      let transport = try HTTP2ClientTransport.Posix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: trusted)
      let code = await statusCode {
        try await withGRPCClient(transport: transport) { client in
          try await Vets_Daemon_V1_TokenService.Client(wrapping: client).listTokens(.init(), metadata: metadata)
        }
      }
      #expect(code == .unimplemented, "token administration is served on the socket only")

      let plaintext = await statusCode { try await listModules(port: port, security: .plaintext, metadata: metadata) }
      #expect(plaintext == .unavailable, "a plaintext client cannot talk to the TLS port")
    }
  }

  @Test func mutualTLSRefusesClientsWithoutACertificate() async throws {
    let root = try TestDaemon.makeRoot()
    let certs = try await Certificates.make(in: root.appendingPathComponent("tls"))
    let config = """
      [daemon.tcp]
      listen = "127.0.0.1:0"
      tls_cert = "\(certs.serverCert)"
      tls_key = "\(certs.serverKey)"
      client_ca = "\(certs.ca)"
      """
    try await TestDaemon.with(config: config, root: root) { daemon in
      let port = try await daemon.tcpPort()
      let serving = try await daemon.waitForLog("tcp=")
      #expect(serving?.contains("client_certificates=required") == true, "the log says mTLS is on: \(serving ?? "")")
      // The operator guide's check: without a certificate the server's alert is seen.
      let check = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/openssl"),
        ["s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", certs.ca, "-alpn", "h2", "-ign_eof"])
      #expect((check.stdout + check.stderr).contains("alert certificate required"), "\(check.stdout) \(check.stderr)")
      let metadata = try daemon.metadata()
      let anonymous = await statusCode {
        try await listModules(
          port: port, security: .tls { $0.trustRoots = .certificates([.file(path: certs.ca, format: .pem)]) }, metadata: metadata)
      }
      #expect(anonymous == .unavailable)
      let withCertificate = try await listModules(
        port: port,
        security: .mTLS(
          certificateChain: [.file(path: certs.clientCert, format: .pem)], privateKey: .file(path: certs.clientKey, format: .pem)
        ) { $0.trustRoots = .certificates([.file(path: certs.ca, format: .pem)]) },
        metadata: metadata)
      #expect(!withCertificate.modules.isEmpty)
    }
  }

  @Test func plaintextOnLoopbackIsAllowedWhenAskedFor() async throws {
    try await TestDaemon.with(config: "[daemon.tcp]\nlisten = \"127.0.0.1:0\"\ninsecure = true\n") { daemon in
      let port = try await daemon.tcpPort()
      let modules = try await listModules(port: port, security: .plaintext, metadata: try daemon.metadata())
      #expect(modules.daemonVersion == "0.1.0")
    }
  }
}
