// The closed-loop driver: a number of connections over the Unix socket, a number of calls
// kept in flight across them, each loop making one call after another. Latencies go into
// an HDR histogram in microseconds; only calls that start after the warm-up and end before
// the deadline count.

import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Histogram

typealias Client = GRPCClient<HTTP2ClientTransport.Posix>

/// Opens `count` connections to the socket, runs `body` with them, and closes them.
func withConnections<T: Sendable>(
  socket: String, count: Int, _ body: @Sendable ([Client]) async throws -> T
) async throws -> T {
  let clients = try (0..<count).map { _ in
    Client(transport: try HTTP2ClientTransport.Posix(target: .unixDomainSocket(path: socket), transportSecurity: .plaintext))
  }
  return try await withThrowingTaskGroup(of: T?.self) { group in
    for client in clients { group.addTask { try await client.runConnections(); return nil } }
    defer { for client in clients { client.beginGracefulShutdown() } }
    return try await body(clients)
  }
}

/// What one run measured.
struct Measurement: Codable {
  var scenario: String
  var connections: Int
  var inFlight: Int
  var seconds: Double
  var calls: UInt64
  var errors: Int
  var firstError: String?
  var callsPerSecond: Double
  var p50Ms: Double
  var p99Ms: Double
  var p999Ms: Double
  var maxMs: Double
  /// Per kind of call, where a run mixes several (the durable-writes scenario).
  var kinds: [String: Measurement]?

  init(_ scenario: String, connections: Int, inFlight: Int, seconds: Double, histogram: Histogram<UInt64>, errors: Int, firstError: String?) {
    self.scenario = scenario
    self.connections = connections
    self.inFlight = inFlight
    self.seconds = seconds
    calls = histogram.totalCount
    self.errors = errors
    self.firstError = firstError
    callsPerSecond = Double(histogram.totalCount) / seconds
    func ms(_ micros: UInt64) -> Double { Double(micros) / 1000 }
    p50Ms = ms(histogram.valueAtPercentile(50))
    p99Ms = ms(histogram.valueAtPercentile(99))
    p999Ms = ms(histogram.valueAtPercentile(99.9))
    maxMs = ms(histogram.max)
  }

  var line: String {
    String(
      format: "%@: %d conn, %d in flight: %llu calls, %.0f calls/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%@",
      scenario, connections, inFlight, calls, callsPerSecond, p50Ms, p99Ms, p999Ms, maxMs,
      errors == 0 ? "" : ", \(errors) errors (first: \(firstError ?? "?"))")
  }
}

/// The latencies of one loop, by kind of call.
private struct Recorder: Sendable {
  var histograms: [String: Histogram<UInt64>] = [:]
  var errors = 0
  var firstError: String?

  mutating func record(_ kind: String, micros: UInt64) {
    histograms[kind, default: Histogram(highestTrackableValue: 600_000_000)].record(micros)
  }

  mutating func merge(_ other: Recorder) {
    for (kind, histogram) in other.histograms { histograms[kind, default: Histogram(highestTrackableValue: 600_000_000)].add(histogram) }
    errors += other.errors
    firstError = firstError ?? other.firstError
  }
}

enum Load {
  /// Runs `inFlight` loops spread round-robin over `connections` connections: `warmup`
  /// seconds unmeasured, then `seconds` measured. `call(client, loop, n)` makes the n-th
  /// call of a loop and returns its kind, which names its own histogram.
  static func run(
    _ scenario: String, socket: String, connections: Int, inFlight: Int, seconds: Double, warmup: Double = 1,
    call: @escaping @Sendable (Client, Int, Int) async throws -> String
  ) async throws -> Measurement {
    let recorder = try await withConnections(socket: socket, count: connections) { clients in
      let start = ContinuousClock.now + .milliseconds(Int(warmup * 1000))
      let end = start + .milliseconds(Int(seconds * 1000))
      return try await withThrowingTaskGroup(of: Recorder.self) { group in
        for loop in 0..<inFlight {
          group.addTask {
            var mine = Recorder()
            var n = 0
            while ContinuousClock.now < end {
              let t0 = ContinuousClock.now
              do {
                let kind = try await call(clients[loop % clients.count], loop, n)
                let t1 = ContinuousClock.now
                if t0 >= start, t1 <= end { mine.record(kind, micros: UInt64((t1 - t0) / .microseconds(1))) }
              } catch {
                mine.errors += 1
                if mine.firstError == nil { mine.firstError = "\(error)" }
              }
              n += 1
            }
            return mine
          }
        }
        return try await group.reduce(into: Recorder()) { $0.merge($1) }
      }
    }
    var all = Histogram<UInt64>(highestTrackableValue: 600_000_000)
    for histogram in recorder.histograms.values { all.add(histogram) }
    var result = Measurement(
      scenario, connections: connections, inFlight: inFlight, seconds: seconds, histogram: all, errors: recorder.errors,
      firstError: recorder.firstError)
    if recorder.histograms.count > 1 {
      result.kinds = recorder.histograms.mapValues {
        Measurement(scenario, connections: connections, inFlight: inFlight, seconds: seconds, histogram: $0, errors: 0, firstError: nil)
      }
    }
    return result
  }
}
