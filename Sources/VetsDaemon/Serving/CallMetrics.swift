// Per-method call counts, error counts and latency histograms, through swift-metrics, kept
// in a Prometheus registry that `vetsctl admin metrics` reads.

import GRPCCore
import Metrics
import Prometheus
import Synchronization

/// The daemon's metrics backend. swift-metrics has one global backend per process, so it
/// is bootstrapped once, on first use.
enum DaemonMetrics {
  static let registry = PrometheusCollectorRegistry()

  private static let bootstrapped = Mutex(false)

  static func bootstrap() {
    bootstrapped.withLock { done in
      guard !done else { return }
      var factory = PrometheusMetricsFactory(registry: registry)
      // Calls are milliseconds to seconds; the defaults stop at 10 s.
      factory.defaultDurationHistogramBuckets = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2), .seconds(5), .seconds(10), .seconds(30),
      ]
      MetricsSystem.bootstrap(factory)
      done = true
    }
  }

  /// The Prometheus text exposition of everything recorded so far.
  static func text() -> String { registry.emitToString() }
}

/// Records every call: outermost, so that refused calls count too.
struct CallMetrics: ServerInterceptor {
  func intercept<Input: Sendable, Output: Sendable>(
    request: StreamingServerRequest<Input>,
    context: ServerContext,
    next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
  ) async throws -> StreamingServerResponse<Output> {
    let method = context.descriptor.fullyQualifiedMethod
    let start = ContinuousClock.now
    var response: StreamingServerResponse<Output>
    do {
      response = try await next(request, context)
    } catch {
      Self.record(method, start: start, error: error)
      throw error
    }
    switch response.accepted {
    case .success(var contents):
      let producer = contents.producer
      contents.producer = { writer in
        do {
          let trailers = try await producer(writer)
          Self.record(method, start: start, error: nil)
          return trailers
        } catch {
          Self.record(method, start: start, error: error)
          throw error
        }
      }
      response.accepted = .success(contents)
    case .failure(let error):
      Self.record(method, start: start, error: error)
    }
    return response
  }

  static func record(_ method: String, start: ContinuousClock.Instant, error: (any Error)?) {
    Counter(label: "vetsd_calls_total", dimensions: [("method", method)]).increment()
    if let error {
      let code = (error as? RPCError)?.code ?? .unknown
      Counter(label: "vetsd_call_errors_total", dimensions: [("method", method), ("code", "\(code)")]).increment()
    }
    Metrics.Timer(label: "vetsd_call_duration_seconds", dimensions: [("method", method)]).record(duration: ContinuousClock.now - start)
  }
}
