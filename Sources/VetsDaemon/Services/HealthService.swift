import GRPCCore
import ServiceLifecycle
import VetsAPI
import VetsKit

/// The standard grpc.health.v1 service. "" is the daemon as a whole. Every served service is
/// SERVING; the services of compiled-in modules that are disabled or failed are
/// SERVICE_UNKNOWN; any other name is NOT_FOUND, as the protocol asks of Check.
struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
  typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

  static let rules: AccessRules = [
    "Check": .anyone,
    "List": .anyone,
    "Watch": .anyone,
  ]

  let statuses: [String: Status]

  init(served: [String], notServed: [String]) {
    var statuses: [String: Status] = ["": .serving]
    for name in notServed { statuses[name] = .serviceUnknown }
    for name in served { statuses[name] = .serving }
    self.statuses = statuses
  }

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Grpc_Health_V1_Health.descriptor, rules: Self.rules)
  }

  private func response(_ status: Status) -> Grpc_Health_V1_HealthCheckResponse {
    var r = Grpc_Health_V1_HealthCheckResponse()
    r.status = status
    return r
  }

  func check(request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext) async throws
    -> Grpc_Health_V1_HealthCheckResponse
  {
    guard let status = statuses[request.service] else {
      throw RPCError(code: .notFound, message: "unknown service \(quoted: request.service)")
    }
    return response(status)
  }

  func list(request: Grpc_Health_V1_HealthListRequest, context: ServerContext) async throws
    -> Grpc_Health_V1_HealthListResponse
  {
    var r = Grpc_Health_V1_HealthListResponse()
    r.statuses = statuses.mapValues(response)
    return r
  }

  /// Sends the status now, and NOT_SERVING when the daemon begins to shut down.
  func watch(
    request: Grpc_Health_V1_HealthCheckRequest, response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
    context: ServerContext
  ) async throws {
    try await response.write(self.response(statuses[request.service] ?? .serviceUnknown))
    try await gracefulShutdown()
    try await response.write(self.response(.notServing))
  }
}
