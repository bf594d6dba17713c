import Foundation
import GRPCCore
import ProbeModule
import TestSupport
import Testing
import VetsKit

/// Every RPC fed arbitrary well-formed protobuf: strings with control characters, invalid
/// UTF-8, Extension-B characters and very long values, integers at the edges of Int64,
/// nested garbage. Whatever arrives, the answer is a status the caller can act on, never
/// INTERNAL or UNKNOWN, and the daemon stays up. The seed is printed; VETSD_FUZZ_SEED
/// replays it.
@Suite("Decoding fuzz")
struct DecodingFuzzTests {
  /// Protobuf's wire format by hand, so that any field number may carry any wire type.
  struct Wire {
    var random: SeededRandom
    static let edges: [UInt64] = [0, 1, 2, 0x7F, 0x80, UInt64(Int64.max), UInt64(bitPattern: Int64.min), UInt64.max, UInt64(bitPattern: -1), 1 << 31, 1 << 32]

    mutating func varint(_ value: UInt64) -> [UInt8] {
      var v = value
      var out: [UInt8] = []
      repeat {
        out.append(UInt8(v & 0x7F) | (v > 0x7F ? 0x80 : 0))
        v >>= 7
      } while v > 0
      return out
    }

    mutating func text() -> [UInt8] {
      let pools: [ClosedRange<UInt32>] = [0x00...0x1F, 0x20...0x7E, 0x4E00...0x9FFF, 0x20000...0x2A6DF, 0xE000...0xFFFD]
      let count = [0, 1, 5, 40, 300, 5000].randomElement(using: &random)!
      var scalars = String.UnicodeScalarView()
      for _ in 0..<count {
        let pool = pools.randomElement(using: &random)!
        scalars.append(Unicode.Scalar(UInt32.random(in: pool, using: &random))!)
      }
      var bytes = Array(String(scalars).utf8)
      // Now and then, bytes that are not UTF-8 at all.
      if Int.random(in: 0..<5, using: &random) == 0 { bytes += [0xC3, 0x28, 0xFF, 0xFE] }
      return bytes
    }

    mutating func message(depth: Int = 0) -> [UInt8] {
      var out: [UInt8] = []
      for _ in 0..<Int.random(in: 0...8, using: &random) {
        let field = UInt64(Int.random(in: 1...20, using: &random))
        switch Int.random(in: 0..<5, using: &random) {
        case 0, 1:
          out += varint(field << 3 | 0)
          out += varint(Bool.random(using: &random) ? Self.edges.randomElement(using: &random)! : random.next())
        case 2:
          let body = depth < 2 && Bool.random(using: &random) ? message(depth: depth + 1) : text()
          out += varint(field << 3 | 2) + varint(UInt64(body.count)) + body
        case 3:
          out += varint(field << 3 | 1)
          withUnsafeBytes(of: random.next()) { out += $0 }
        default:
          out += varint(field << 3 | 5)
          withUnsafeBytes(of: UInt32.random(in: 0...UInt32.max, using: &random)) { out += $0 }
        }
      }
      return out
    }
  }

  @Test func everyRPCAnswersArbitraryMessagesWithAStatusNeverInternal() async throws {
    let seed = ProcessInfo.processInfo.environment["VETSD_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
    print("decoding fuzz: seed \(seed) (replay: VETSD_FUZZ_SEED=\(seed))")
    let printed = try await Run.program(Binaries.vetsd, ["access-rules", "--format", "json"])
    let entries = try JSONDecoder().decode([AccessEntry].self, from: Data(printed.stdout.utf8))
      .filter { !$0.isPublic && $0.roles.contains("admin") }
    #expect(entries.count > 80)
    try await TestDaemon.with { daemon in
      var wire = Wire(random: SeededRandom(seed: seed, stream: "decoding fuzz"))
      let metadata = try daemon.metadata()
      var seen: [RPCError.Code?: Int] = [:]
      try await daemon.withClient { client in
        for entry in entries {
          for _ in 0..<20 {
            let message = wire.message()
            let code = await rawCall(client, entry.method, metadata: metadata, message: message)
            seen[code, default: 0] += 1
            #expect(
              ![.internalError, .unknown, .dataLoss, .unimplemented].contains(code),
              "seed \(seed): \(entry.method) answered \(String(describing: code)) to \(message)")
          }
        }
      }
      #expect(daemon.process.isRunning, "seed \(seed): vetsd died: \(daemon.stderr.text)")
      #expect((seen[.invalidArgument] ?? 0) > 0, "the fuzz reached validation: \(seen)")
      let audit = try await daemon.vetsctl(["audit", "verify"])
      #expect(audit.status == 0, "seed \(seed): \(audit.stdout)\(audit.stderr)")
    }
  }
}
