import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import ProbeModule
import SwiftProtobuf
import TestSupport
import Testing
import VetsAPI

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a blocking wait on a dispatch thread. The test process's cooperative pool has one
/// thread per core; a wait blocking one stalls every other test's calls (and their daemons
/// then close connections that opened no call in time).
func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in DispatchQueue.global().async { continuation.resume(returning: body()) } }
}

/// What arrives at the socket is not always a well-behaved gRPC client. Whatever it sends,
/// the daemon stays up, changes nothing, and serves the next client; and every configured
/// limit holds with the status it promises.
@Suite("Hostile input and limits")
struct HostileInputTests {
  static let limits = "[daemon.limits]\nmax_message_bytes = 4096\nmax_concurrent_streams = 8\n"

  /// A Unix-socket connection that speaks bytes, not gRPC.
  /// Its waits run on a dispatch thread (`offThePool`), never on the cooperative pool.
  final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(_ path: String) throws {
      fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
      }
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
      }
      guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    /// A TCP connection to 127.0.0.1 that has sent nothing yet.
    init(tcpPort port: Int) throws {
      fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
      }
      guard connected == 0 else {
        close(fd)
        throw POSIXError(.ECONNREFUSED)
      }
    }

    deinit { close(fd) }

    /// Whether the daemon closes this connection, reading (and dropping) what it sends until
    /// then; `seconds` only bounds a daemon that never does.
    func closedByDaemon(within seconds: Int32) async -> Bool {
      await offThePool { self.waitForClose(within: seconds) }
    }

    private func waitForClose(within seconds: Int32) -> Bool {
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, seconds * 1000) > 0 else { return false }
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { return true }
      }
    }

    func send(_ bytes: [UInt8]) {
      _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the daemon sends until it closes the connection or goes quiet for `seconds`.
    func receive(quietFor seconds: Int32 = 2) async -> [UInt8] {
      await offThePool { self.receiveNow(quietFor: seconds) }
    }

    private func receiveNow(quietFor seconds: Int32) -> [UInt8] {
      var received: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, seconds * 1000) > 0 else { return received }
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return received }
        received += buffer[0..<n]
      }
    }
  }

  /// HTTP/2 frames, as RFC 9113 lays them out.
  enum Frame {
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    static func make(type: UInt8, flags: UInt8, stream: UInt32, _ payload: [UInt8]) -> [UInt8] {
      let length = UInt32(payload.count)
      return [UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags]
        + [UInt8(stream >> 24 & 0x7F), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF)] + payload
    }

    static let settings = make(type: 0x4, flags: 0, stream: 0, [])

    /// A request's headers as HPACK literals without indexing or Huffman coding.
    static func headers(stream: UInt32, path: String, endStream: Bool = false, token: String? = nil) -> [UInt8] {
      var block: [UInt8] = []
      for (name, value) in [
        (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost"),
        ("content-type", "application/grpc"), ("te", "trailers"),
      ] + (token.map { [("authorization", "Bearer \($0)")] } ?? []) {
        block += [0x00, UInt8(name.utf8.count)] + Array(name.utf8) + [UInt8(value.utf8.count)] + Array(value.utf8)
        precondition(value.utf8.count < 127, "one-byte HPACK lengths only")
      }
      return make(type: 0x1, flags: 0x4 | (endStream ? 0x1 : 0), stream: stream, block)
    }

    /// A gRPC message frame whose prefix declares `declared` bytes, followed by `body`.
    static func data(stream: UInt32, declared: UInt32, body: [UInt8], endStream: Bool = true) -> [UInt8] {
      let prefix: [UInt8] = [0, UInt8(declared >> 24), UInt8(declared >> 16 & 0xFF), UInt8(declared >> 8 & 0xFF), UInt8(declared & 0xFF)]
      return make(type: 0x0, flags: endStream ? 0x1 : 0, stream: stream, prefix + body)
    }

    /// (type, flags, stream, payload) of each whole frame in what the server sent, after its preface.
    static func parse(_ bytes: [UInt8]) -> [(type: UInt8, flags: UInt8, stream: UInt32, payload: [UInt8])] {
      var frames: [(UInt8, UInt8, UInt32, [UInt8])] = []
      var i = 0
      while i + 9 <= bytes.count {
        let length = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
        guard i + 9 + length <= bytes.count else { break }
        let stream = UInt32(bytes[i + 5] & 0x7F) << 24 | UInt32(bytes[i + 6]) << 16 | UInt32(bytes[i + 7]) << 8 | UInt32(bytes[i + 8])
        frames.append((bytes[i + 3], bytes[i + 4], stream, Array(bytes[(i + 9)..<(i + 9 + length)])))
        i += 9 + length
      }
      return frames
    }
  }

  /// The daemon is still up and answers a well-formed call on a new connection.
  static func stillServes(_ daemon: TestDaemon) async throws {
    #expect(daemon.process.isRunning, "vetsd died: \(daemon.stderr.text)")
    let status = try await daemon.withClient { client in
      try await Grpc_Health_V1_Health.Client(wrapping: client).check(Grpc_Health_V1_HealthCheckRequest()).status
    }
    #expect(status == .serving)
  }

  @Test func garbageATruncatedPrefaceAndAnAbandonedStreamLeaveTheDaemonServing() async throws {
    try await TestDaemon.with(config: Self.limits) { daemon in
      var generator = SystemRandomNumberGenerator()
      let garbage = try RawConnection(daemon.socketPath)
      garbage.send((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
      let answer = Frame.parse(await garbage.receive())
      #expect(answer.contains { $0.type == 0x7 } || answer.isEmpty, "garbage gets a GOAWAY or a closed connection")
      try await Self.stillServes(daemon)

      let truncated = try RawConnection(daemon.socketPath)
      truncated.send(Array(Frame.preface.prefix(10)))
      withExtendedLifetime(truncated) {}
      try await Self.stillServes(daemon)

      // Headers of a call, half its message, and then nothing: the client walked away.
      let abandoned = try RawConnection(daemon.socketPath)
      abandoned.send(Frame.preface + Frame.settings + Frame.headers(stream: 1, path: "/vets.probe.v1.ProbeService/AddNote")
        + Frame.data(stream: 1, declared: 64, body: [0x0A, 0x05], endStream: false))
      try await Self.stillServes(daemon)
      withExtendedLifetime(abandoned) {}
      let notes = try await daemon.vetsctl(["audit", "list", "--method", "vets.probe.v1.ProbeService/AddNote", "--output", "json"])
      #expect(!notes.stdout.contains("\"ok\""), "no abandoned note was stored: \(notes.stdout)")
    }
  }

  @Test func aMessageWhoseDeclaredLengthExceedsTheLimitIsRefusedAndTheConnectionStaysUsable() async throws {
    try await TestDaemon.with(config: Self.limits) { daemon in
      let raw = try RawConnection(daemon.socketPath)
      raw.send(Frame.preface + Frame.settings + Frame.headers(stream: 1, path: "/grpc.health.v1.Health/Check")
        + Frame.data(stream: 1, declared: 0x7FFF_FFFF, body: [0, 0, 0, 0]))
      let frames = Frame.parse(await raw.receive())
      let serverSettings = frames.first { $0.type == 0x4 && $0.flags & 0x1 == 0 }
      // SETTINGS_MAX_CONCURRENT_STREAMS (0x3) is the configured 8.
      let advertised = serverSettings.map { settings in
        stride(from: 0, to: settings.payload.count - 5, by: 6).compactMap { i -> UInt32? in
          let id = UInt16(settings.payload[i]) << 8 | UInt16(settings.payload[i + 1])
          guard id == 0x3 else { return nil }
          return settings.payload[(i + 2)...(i + 5)].reduce(0) { $0 << 8 | UInt32($1) }
        }.first
      }
      #expect(advertised == 8, "the daemon advertises max_concurrent_streams = 8")
      #expect(
        frames.contains { ($0.type == 0x1 && $0.stream == 1 && $0.flags & 0x1 != 0) || ($0.type == 0x3 && $0.stream == 1) },
        "the oversized call ends with trailers or a stream reset: \(frames.map { ($0.type, $0.stream) })")
      try await Self.stillServes(daemon)
    }
  }

  @Test func aMessageOverMaxMessageBytesGetsResourceExhaustedAndStoresNothing() async throws {
    try await TestDaemon.with(config: Self.limits) { daemon in
      let error = await #expect(throws: RPCError.self) {
        try await daemon.addNote(String(repeating: "长", count: 2000), requestID: "too-big")
      }
      #expect(error?.code == .resourceExhausted, "\(String(describing: error))")
      #expect(error?.message.contains("max_message_bytes") == true, "\(String(describing: error?.message))")
      // Far over the limit, refused from its length prefix with the same status.
      let huge = await #expect(throws: RPCError.self) {
        try await daemon.addNote(String(repeating: "长", count: 20_000), requestID: "far-too-big")
      }
      #expect(huge?.code == .resourceExhausted && huge?.message.contains("max_message_bytes") == true, "\(String(describing: huge))")
      let note = try await daemon.addNote("small", requestID: "small")
      #expect(note.id == 1, "the refused note took no id")
      try await Self.stillServes(daemon)
    }
  }

  @Test func bytesThatAreNotProtobufGetACleanStatusAndTheDaemonServesOn() async throws {
    try await TestDaemon.with(config: Self.limits) { daemon in
      let metadata = try daemon.metadata()
      try await daemon.withClient { client in
        for bytes: [UInt8] in [[0xFF, 0xFF, 0xFF], [0x0A, 0x80], [0x12, 0x7F] + Array("x".utf8), Array(repeating: 0x80, count: 12)] {
          let code = await rawCall(client, "vets.probe.v1.ProbeService/AddNote", metadata: metadata, message: bytes)
          #expect(code != nil && code != .unknown, "\(bytes) got \(String(describing: code))")
        }
      }
      let audit = try await daemon.vetsctl(["audit", "list", "--method", "vets.probe.v1.ProbeService/AddNote", "--output", "json"])
      #expect(!audit.stdout.contains("\"ok\""), "nothing was stored: \(audit.stdout)")
      try await Self.stillServes(daemon)
    }
  }

  @Test func argumentsThatAreNotUTF8AreRefusedByTheCLINamingTheOptionBeforeAnythingIsSent() async throws {
    try await TestDaemon.with { daemon in
      // Swift strings cannot hold these bytes, so a shell puts them on vetsctl's command line.
      for (script, option) in [
        (#""$0" registry person search --name "$(printf '\327\365')""#, "--name"),  // 王 in GBK
        (#""$0" registry person search --name="$(printf 'Wang\377')""#, "--name"),
        (#""$0" registry person get "$(printf '\377per')""#, "argument 4"),
      ] {
        let result = try await Run.program(
          URL(fileURLWithPath: "/bin/sh"), ["-c", script, Binaries.vetsctl.path],
          environment: ["VETSCTL_SOCKET": daemon.socketPath, "VETSCTL_TOKEN_FILE": daemon.tokenFile])
        #expect(result.status == 6, "\(script): \(result.stderr)")
        #expect(result.stderr.contains("\(option): is not valid UTF-8"), "\(result.stderr)")
      }
      #expect(try await daemon.vetsctl(["modules"]).status == 0)
      let metrics = try await daemon.vetsctl(["admin", "metrics"])
      #expect(metrics.stdout.contains("ModuleService/ListModules"), "the metrics count calls: \(metrics.stdout)\(metrics.stderr)")
      #expect(!metrics.stdout.contains("PeopleService/SearchPersons") && !metrics.stdout.contains("PeopleService/GetPerson"),
        "nothing reached the daemon")
    }
  }

  /// Issue 16, item 15: a 1 MB id is quoted by a short prefix, so the status fits the
  /// client's metadata limit and the client sees NOT_FOUND, not RESOURCE_EXHAUSTED.
  @Test func aHugeIdIsQuotedByAShortPrefixAndTheClientSeesNotFound() async throws {
    try await TestDaemon.with { daemon in
      let metadata = try daemon.metadata()
      let huge = String(repeating: "p", count: 1_000_000)
      let error = await #expect(throws: RPCError.self) {
        try await daemon.withClient { client in
          try await Vets_Registry_V1_PeopleService.Client(wrapping: client).getPerson(.with { $0.id = huge }, metadata: metadata)
        }
      }
      #expect(error?.code == .notFound, "\(String(describing: error?.code))")
      let message = error?.message ?? ""
      #expect(message.utf8.count < 200 && message.contains("'\(String(repeating: "p", count: 48))…'"), "\(message)")
    }
  }

  /// Issue 16, item 18: calls the client cancels, and bodies that are not protobuf, are the
  /// client's business: never logged as the daemon's errors.
  @Test func callsTheClientCancelsAndUndecodableBodiesAreNotLoggedAsErrors() async throws {
    try await TestDaemon.with(config: "[daemon]\nlog_level = \"debug\"\n") { daemon in
      let token = try String(contentsOfFile: daemon.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      let raw = try RawConnection(daemon.socketPath)
      var bytes = Frame.preface + Frame.settings
      for i in 0..<20 {
        let stream = UInt32(2 * i + 1)
        // An export or an import begun, and RST_STREAM(CANCEL) at once.
        let path = i % 2 == 0 ? "/vets.registry.v1.PeopleService/ExportPersons" : "/vets.registry.v1.PeopleService/ImportPersons"
        bytes += Frame.headers(stream: stream, path: path, token: token)
          + Frame.data(stream: stream, declared: 5, body: [0x0A, 0x03, 0x0A, 0x01, 0x72], endStream: false)
          + Frame.make(type: 0x3, flags: 0, stream: stream, [0, 0, 0, 0x8])
      }
      // Then a note whose body is not protobuf, answered on the same connection after the rest.
      bytes += Frame.headers(stream: 41, path: "/vets.probe.v1.ProbeService/AddNote", token: token)
        + Frame.data(stream: 41, declared: 4, body: [0xFF, 0xFF, 0xFF, 0xFF])
      raw.send(bytes)
      let answered = Frame.parse(await raw.receive()).contains { $0.type == 0x1 && $0.stream == 41 && $0.flags & 0x1 != 0 }
      #expect(answered, "the undecodable note is answered with trailers")
      try await Self.stillServes(daemon)
      let errors = daemon.stderr.text.split(separator: "\n").filter { $0.contains(" error vetsd") || $0.contains(" critical vetsd") }
      #expect(errors.isEmpty, "\(errors)")
    }
  }

  @Test func aPageLargerThanTheMaximumIsRefusedNamingTheField() async throws {
    try await TestDaemon.with { daemon in
      let result = try await daemon.vetsctl(["registry", "person", "search", "--name", "王", "--page-size", "100000"])
      #expect(result.status == 6, "\(result.stderr)")
      #expect(result.stderr.contains("--page-size: must be between 1 and 500"), "the flag typed: \(result.stderr)")
    }
  }
}
