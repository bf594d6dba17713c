import ArgumentParser
import SwiftProtobuf
import VetsAPI
import VetsKit

struct HealthCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "health", abstract: Language.say("显示 vetsd 是否正常服务及各服务的状态（正常服务时退出码为 0）。", "Show whether vetsd is serving, and each service's status (exit 0 when serving)."))

  @Option(help: .say("只检查一个服务，如 vets.daemon.v1.TokenService。", "Check one service, e.g. vets.daemon.v1.TokenService.", valueName: "name"))
  var service: String?

  func run(_ cli: CLI) async throws {
    let r = Grpc_Health_V1_HealthCheckRequest.with { $0.service = service ?? "" }
    let (check, list) = try await cli.call { services in
      let check = try await services.health.check(r)
      let list = service == nil ? try await services.health.list(Grpc_Health_V1_HealthListRequest()) : Grpc_Health_V1_HealthListResponse()
      return (check, list)
    }
    try cli.show(service == nil ? list : check as any SwiftProtobuf.Message) {
      print("\(service ?? "vetsd"): \(word(check.status))")
      let rows = list.statuses.filter { !$0.key.isEmpty }.sorted { $0.key < $1.key }.map { [$0.key, word($0.value.status)] }
      if !rows.isEmpty { Output.table(["SERVICE", "STATUS"], rows) }
    }
    guard check.status == .serving else {
      throw CLIError(Language.say("\(service ?? "vetsd") 没有在服务（\(word(check.status))）", "\(service ?? "vetsd") is not serving (\(word(check.status)))"))
    }
  }
}

extension Grpc_Health_V1_HealthCheckResponse.ServingStatus: Worded {
  static let words = Terms<Self>([(.serving, "SERVING"), (.notServing, "NOT_SERVING"), (.serviceUnknown, "SERVICE_UNKNOWN")])
  static var unknown: String { "UNKNOWN" }
}
