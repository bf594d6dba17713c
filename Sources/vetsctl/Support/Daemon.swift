import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import VetsAPI

typealias Transport = HTTP2ClientTransport.Posix

/// One connection to vetsd for one command: the socket, the token, the deadline, and the
/// translation of failures into a sentence and an exit code. The token and the deadline are
/// set on the connection (an interceptor and the default method config), so that a call site
/// names only its method and request.
struct Daemon {
  let options: GlobalOptions
  let requestID: String
  let usage: @Sendable () -> String

  var metadata: Metadata {
    guard let token = try? String(contentsOfFile: options.tokenPath, encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty
    else { return [:] }
    return ["authorization": "Bearer \(token)"]
  }

  /// `--timeout` for every call on the connection.
  var serviceConfig: ServiceConfig {
    let every = MethodConfig.Name(service: "", method: "")
    return ServiceConfig(methodConfig: [MethodConfig(names: [every], timeout: .milliseconds(Int64(options.timeout * 1000)))])
  }

  /// Runs `body` with the services of a client connected over the socket.
  func call<Result: Sendable>(_ body: (Clients) async throws -> Result) async throws -> Result {
    let path = options.socketPath
    do {
      let transport = try HTTP2ClientTransport.Posix(
        target: .unixDomainSocket(path: path), transportSecurity: .plaintext, serviceConfig: serviceConfig)
      return try await withGRPCClient(transport: transport, interceptors: [Authorization(metadata: metadata)]) { client in
        try await body(Clients(client: client, requestID: requestID))
      }
    } catch let error as RPCError {
      // Looked for only when a call fails, so that a command's own refusal of its options,
      // made as its request is built, comes first whether or not vetsd is running.
      guard FileManager.default.fileExists(atPath: path) else {
        throw CLIError(Language.say(
          "连不上 vetsd：\(path) 处没有套接字（来自 \(options.socketSource)）。\(Self.howToReach)",
          "cannot connect to vetsd: no socket at \(path) (from \(options.socketSource)). \(Self.howToReach)"), exitCode: Exit.cannotConnect)
      }
      throw translate(error, path: path)
    }
  }

  /// What to do when the daemon cannot be reached, on an installed server or a checkout.
  static var howToReach: String {
    Language.say(
      "vetsd 是否在运行？在服务器上用 'systemctl status vetsd' 查看，并用 --socket 或 VETSCTL_SOCKET 指定 vetsd.toml 中设置的套接字（[daemon] socket，"
        + "如 /run/vetsd/vetsd.sock）；在开发目录中用 'make run' 启动",
      "Is vetsd running? On a server check 'systemctl status vetsd' and use the socket set in vetsd.toml ([daemon] socket, "
        + "e.g. /run/vetsd/vetsd.sock) with --socket or VETSCTL_SOCKET; in a development checkout start it with 'make run'")
  }

  func translate(_ error: RPCError, path: String) -> CLIError {
    if error.code == .unavailable, error.message.contains("connect") || error.message.contains("Connection") {
      return CLIError(Language.say(
        "连不上 \(path) 处的 vetsd（来自 \(options.socketSource)）：\(error.message)。\(Self.howToReach)",
        "cannot connect to vetsd at \(path) (from \(options.socketSource)): \(error.message). \(Self.howToReach)"), exitCode: Exit.cannotConnect)
    }
    var message = Refusal.sentence(error, usage: usage) ?? error.message
    if error.code == .unauthenticated, metadata.isEmpty {
      message += Language.say("（没有发送令牌：\(options.tokenPath) 不存在或为空；请用 --token-file 指定令牌文件）",
                              " (no token was sent: \(options.tokenPath) is missing or empty; pass --token-file)")
    }
    return CLIError(message, exitCode: Exit.code(for: error.code))
  }
}

/// Sends the token file's bearer token with every call that does not carry its own (the demo
/// load's approver and coordinator calls do).
struct Authorization: ClientInterceptor {
  let metadata: Metadata

  func intercept<Input: Sendable, Output: Sendable>(
    request: StreamingClientRequest<Input>, context: ClientContext,
    next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
  ) async throws -> StreamingClientResponse<Output> {
    var request = request
    if !request.metadata.contains(where: { $0.key == "authorization" }) {
      request.metadata.add(contentsOf: metadata)
    }
    return try await next(request, context)
  }
}

/// The daemon's services on one connection.
struct Clients {
  let client: GRPCClient<Transport>
  /// The invocation's request_id, one per command.
  let requestID: String

  /// A write's request: its request_id set (by name, whatever its field number), then filled.
  func write<M: SwiftProtobuf.Message>(_ fill: (inout M) throws -> Void) throws -> M {
    let id = String(decoding: try JSONSerialization.data(withJSONObject: ["requestId": requestID]), as: UTF8.self)
    var request = try M(jsonString: id)
    try fill(&request)
    return request
  }

  var health: Grpc_Health_V1_Health.Client<Transport> { .init(wrapping: client) }
  var modules: Vets_Daemon_V1_ModuleService.Client<Transport> { .init(wrapping: client) }
  var tokens: Vets_Daemon_V1_TokenService.Client<Transport> { .init(wrapping: client) }
  var audit: Vets_Daemon_V1_AuditService.Client<Transport> { .init(wrapping: client) }
  var admin: Vets_Daemon_V1_AdminService.Client<Transport> { .init(wrapping: client) }
  var report: Vets_Daemon_V1_ReportService.Client<Transport> { .init(wrapping: client) }
  var work: Vets_Daemon_V1_WorkService.Client<Transport> { .init(wrapping: client) }
  var people: Vets_Registry_V1_PeopleService.Client<Transport> { .init(wrapping: client) }
  var households: Vets_Registry_V1_HouseholdService.Client<Transport> { .init(wrapping: client) }
  var divisions: Vets_Registry_V1_DivisionService.Client<Transport> { .init(wrapping: client) }
  var fund: Vets_Relief_V1_FundService.Client<Transport> { .init(wrapping: client) }
  var cases: Vets_Relief_V1_CaseService.Client<Transport> { .init(wrapping: client) }
  var care: Vets_Relief_V1_CareService.Client<Transport> { .init(wrapping: client) }
  var alliance: Vets_Alliance_V1_AllianceService.Client<Transport> { .init(wrapping: client) }
  var volunteers: Vets_Volunteers_V1_VolunteerService.Client<Transport> { .init(wrapping: client) }
  var appeals: Vets_Appeals_V1_AppealService.Client<Transport> { .init(wrapping: client) }
}
