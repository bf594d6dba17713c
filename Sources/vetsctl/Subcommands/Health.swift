import ArgumentParser
import SwiftProtobuf
import VetsAPI

typealias SwiftProtobufMessage = SwiftProtobuf.Message

struct HealthCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "health", abstract: "Show whether vetsd is serving, and each service's status (exit 0 when serving).")

  @OptionGroup var global: GlobalOptions

  @Option(help: ArgumentHelp("Check one service, e.g. vets.daemon.v1.TokenService.", valueName: "name"))
  var service: String?

  func run() async throws {
    let daemon = Daemon(options: global)
    let (check, list) = try await daemon.call { client in
      let health = Grpc_Health_V1_Health.Client(wrapping: client)
      var request = Grpc_Health_V1_HealthCheckRequest()
      request.service = service ?? ""
      let check = try await health.check(request, metadata: daemon.metadata, options: daemon.callOptions)
      let list = service == nil
        ? try await health.list(Grpc_Health_V1_HealthListRequest(), metadata: daemon.metadata, options: daemon.callOptions)
        : Grpc_Health_V1_HealthListResponse()
      return (check, list)
    }
    switch global.output {
    case .json:
      try Output.json(service == nil ? list : check as any SwiftProtobufMessage)
    case .table, .csv:
      print("\(service ?? "vetsd"): \(name(check.status))")
      let rows = list.statuses.filter { !$0.key.isEmpty }.sorted { $0.key < $1.key }.map { [$0.key, name($0.value.status)] }
      if !rows.isEmpty { Output.table(["SERVICE", "STATUS"], rows) }
    }
    guard check.status == .serving else {
      throw CLIError("\(service ?? "vetsd") is not serving (\(name(check.status)))")
    }
  }

  func name(_ status: Grpc_Health_V1_HealthCheckResponse.ServingStatus) -> String {
    switch status {
    case .serving: "SERVING"
    case .notServing: "NOT_SERVING"
    case .serviceUnknown: "SERVICE_UNKNOWN"
    default: "UNKNOWN"
    }
  }
}
