import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import TestSupport
import Testing
import VetsAPI

#if canImport(Glibc)
  import Glibc
#endif

/// The attacks of issue 16 that spend the daemon's memory and descriptors, each small and
/// bounded. Resource limits are asserted on the daemon's own figures (/proc), never on time.
@Suite("Hostile clients: memory and connections")
struct HostileClientTests {
  typealias Raw = HostileInputTests.RawConnection

  /// A figure from /proc/PID/status, in kB ("VmRSS", "VmHWM").
  static func memory(_ daemon: TestDaemon, _ field: String) throws -> Int {
    let status = try String(contentsOfFile: "/proc/\(daemon.process.pid)/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
    return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
  }

  static func openDescriptors(_ daemon: TestDaemon) throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon.process.pid)/fd").count
  }

  /// Whether vetsctl health answers within a few tries. With one-second timeouts a client on
  /// a loaded machine may lose its connection before its call and reconnect, as gRPC clients do.
  static func servesSoon(_ daemon: TestDaemon) async throws -> Bool {
    for _ in 0..<5 where try await daemon.vetsctl(["health"]).status == 0 { return true }
    return false
  }

  static func tcpConfig(_ limits: String) -> String {
    "[daemon.tcp]\nlisten = \"127.0.0.1:0\"\ninsecure = true\n[daemon.limits]\n\(limits)\n"
  }

  /// Issue 16, item 2: 15 MB bodies to the public Health/Check with no token, 200 calls over
  /// 8 connections, are refused from their length prefix; the daemon's peak memory hardly moves.
  @Test func oversizedBodiesWithoutATokenAreRefusedFromTheirPrefixAndMemoryStaysBounded() async throws {
    try await TestDaemon.with(config: Self.tcpConfig("")) { daemon in
      let port = try await daemon.tcpPort()
      try await HostileInputTests.stillServes(daemon)
      let before = try Self.memory(daemon, "VmHWM")
      let request = Grpc_Health_V1_HealthCheckRequest.with { $0.service = String(repeating: "x", count: 15_000_000) }
      let codes = try await withThrowingTaskGroup(of: [RPCError.Code?].self) { group in
        for _ in 0..<8 {
          group.addTask {
            let transport = try HTTP2ClientTransport.Posix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
            return try await withGRPCClient(transport: transport) { client in
              var codes: [RPCError.Code?] = []
              for _ in 0..<25 {
                do {
                  _ = try await Grpc_Health_V1_Health.Client(wrapping: client).check(request)
                  codes.append(nil)
                } catch let error as RPCError {
                  codes.append(error.code)
                  #expect(error.message.contains("may send at most 4096 bytes"), "\(error.message)")
                }
              }
              return codes
            }
          }
        }
        return try await group.reduce(into: []) { $0 += $1 }
      }
      #expect(codes.count == 200 && codes.allSatisfy { $0 == .resourceExhausted }, "\(Set(codes))")
      // A made-up token buys nothing: the size gate checks no tokens, and a public method
      // keeps the small limit whatever is sent.
      let forged = await #expect(throws: RPCError.self) {
        try await daemon.withClient { client in
          try await Grpc_Health_V1_Health.Client(wrapping: client).check(request, metadata: ["authorization": "Bearer forged"])
        }
      }
      #expect(forged?.code == .resourceExhausted && forged?.message.contains("4096") == true, "\(String(describing: forged))")
      let (peak, after) = (try Self.memory(daemon, "VmHWM"), try Self.memory(daemon, "VmRSS"))
      print("item 2, 200 × 15 MB Health/Check without a token: VmHWM \(before) kB → \(peak) kB, VmRSS after \(after) kB")
      #expect(peak - before < 100_000, "peak memory grew by \(peak - before) kB")
      try await HostileInputTests.stillServes(daemon)
    }
  }

  /// With a token the limit is max_message_bytes, and the refusal names it.
  @Test func oversizedBodiesWithATokenAreRefusedNamingMaxMessageBytes() async throws {
    try await TestDaemon.with(config: "[daemon.limits]\nmax_message_bytes = 65536\n") { daemon in
      let before = try Self.memory(daemon, "VmHWM")
      // An empty request padded with one 15 MB field it does not have (number 999, bytes).
      let padded = Self.varint(999 << 3 | 2) + Self.varint(15_000_000) + [UInt8](repeating: 1, count: 15_000_000)
      let request = try Vets_Daemon_V1_ListModulesRequest(serializedBytes: padded)
      let metadata = try daemon.metadata()
      for _ in 0..<20 {
        let error = await #expect(throws: RPCError.self) {
          try await daemon.withClient { client in
            try await Vets_Daemon_V1_ModuleService.Client(wrapping: client).listModules(request, metadata: metadata)
          }
        }
        #expect(error?.code == .resourceExhausted && error?.message.contains("max_message_bytes") == true, "\(String(describing: error))")
      }
      let peak = try Self.memory(daemon, "VmHWM")
      print("item 2, 20 × 15 MB ListModules with a token: VmHWM \(before) kB → \(peak) kB")
      #expect(peak - before < 100_000, "peak memory grew by \(peak - before) kB")
    }
  }

  /// How many of the connections the daemon closes before it goes quiet for `seconds`.
  static func closedByDaemon(_ connections: [Raw], quietFor seconds: Int32) -> Int {
    var open = connections.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
    var (closed, buffer) = (0, [UInt8](repeating: 0, count: 65536))
    while !open.isEmpty, poll(&open, nfds_t(open.count), seconds * 1000) > 0 {
      for i in open.indices.reversed() where open[i].revents != 0 {
        if recv(open[i].fd, &buffer, buffer.count, 0) <= 0 {
          closed += 1
          open.remove(at: i)
        }
      }
    }
    return closed
  }

  static func varint(_ value: Int) -> [UInt8] {
    var (v, bytes) = (value, [UInt8]())
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    return bytes + [UInt8(v)]
  }

  /// Issue 16, item 5: more idle TCP connections than the cap. Those over it are closed at
  /// once and logged; the socket (and so vetsctl) still serves; the descriptors stay bounded.
  @Test func idleTCPConnectionsOverTheCapAreClosedAndTheSocketStillServes() async throws {
    try await TestDaemon.with(config: Self.tcpConfig("max_tcp_connections = 20\nsetup_timeout_seconds = 300")) { daemon in
      let port = try await daemon.tcpPort()
      let descriptorsBefore = try Self.openDescriptors(daemon)
      let connections = try (0..<60).map { _ in try Raw(tcpPort: port) }
      #expect(try await daemon.waitForLog("connection cap reached") != nil)
      let closed = await offThePool { Self.closedByDaemon(connections, quietFor: 2) }
      #expect(closed >= 40, "\(closed) of 60 connections were closed; the cap is 20")
      let descriptorsUnder = try Self.openDescriptors(daemon)
      print("item 5, 60 idle TCP connections, cap 20: \(descriptorsBefore) descriptors → \(descriptorsUnder), \(closed) closed")
      #expect(descriptorsUnder - descriptorsBefore <= 22, "\(descriptorsBefore) → \(descriptorsUnder) descriptors")
      let health = try await daemon.vetsctl(["health"])
      #expect(health.status == 0, "vetsctl health on the socket: \(health.stderr)")
      withExtendedLifetime(connections) {}
    }
  }

  /// A connection that never finishes setting up (no TLS ClientHello, no HTTP/2 preface) is
  /// closed after setup_timeout_seconds, on TCP and on the socket.
  @Test func aConnectionThatNeverStartsIsClosedAfterTheSetupTimeout() async throws {
    try await TestDaemon.with(config: Self.tcpConfig("setup_timeout_seconds = 1")) { daemon in
      let port = try await daemon.tcpPort()
      let silent = try Raw(tcpPort: port)
      #expect(await silent.closedByDaemon(within: 30), "a TCP connection that sent nothing is closed")
      let preface = try Raw(daemon.socketPath)
      preface.send(HostileInputTests.Frame.preface + HostileInputTests.Frame.settings)
      #expect(await preface.closedByDaemon(within: 30), "a socket connection that opened no call is closed")
      #expect(try await Self.servesSoon(daemon), "vetsctl health answers")
    }
  }

  /// A connection whose calls have ended is closed after idle_timeout_seconds.
  @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
    try await TestDaemon.with(config: "[daemon.limits]\nidle_timeout_seconds = 1\n") { daemon in
      let raw = try Raw(daemon.socketPath)
      raw.send(HostileInputTests.Frame.preface + HostileInputTests.Frame.settings
        + HostileInputTests.Frame.headers(stream: 1, path: "/grpc.health.v1.Health/Check")
        + HostileInputTests.Frame.data(stream: 1, declared: 0, body: []))
      #expect(await raw.closedByDaemon(within: 30), "the idle connection is closed")
      #expect(try await Self.servesSoon(daemon), "vetsctl health answers")
    }
  }
}
