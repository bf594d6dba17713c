import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// Creates, lists and revokes bearer tokens. Socket only.
struct TokenService: Vets_Daemon_V1_TokenService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "CreateToken": .write(.admin),
    "ListTokens": .read(.admin, .auditor),
    "RevokeToken": .write(.admin),
    "RotateToken": .write(.admin),
  ]
  static let maxTTLSeconds: Int64 = 10 * 366 * 86_400
  static let maxGraceSeconds: Int64 = 30 * 86_400

  let database: VetsDatabase
  let tokens: TokenStore
  /// The alliance's enterprises, when that module runs: an enterprise token names one.
  let enterprises: (any EnterpriseDirectory)?

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Vets_Daemon_V1_TokenService.descriptor, rules: Self.rules, exposure: .socketOnly)
  }

  func createToken(request: Vets_Daemon_V1_CreateTokenRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_CreateTokenResponse
  {
    let role = try Role(request.role)
    // Only the county-wide roles default to the county: a clerk's or approver's reach is chosen.
    guard !request.scope.isEmpty || [.admin, .auditor, .system].contains(role) else {
      throw VetsError.invalidArgument(field: "scope", rule: "is required for a \(role.rawValue) token: county, town:<code> or village:<code>")
    }
    let scope = request.scope.isEmpty ? Scope.county : try Scope(parsing: request.scope)
    try TokenStore.checkRoleAndScope(role, scope)
    if case .enterprise(let id) = scope {
      guard let enterprises else {
        throw VetsError.failedPrecondition("enterprise tokens need the alliance module, which is not enabled")
      }
      guard try await enterprises.enterpriseExists(id: id) else {
        throw VetsError.notFound("no alliance enterprise with id \(quoted: id); add the enterprise first")
      }
    }
    let name = request.name.isEmpty ? role.rawValue : try Validate.text(request.name, field: "name", max: TokenStore.maxNameLength)
    guard (0...Self.maxTTLSeconds).contains(request.ttlSeconds) else {
      throw VetsError.invalidArgument(field: "ttl_seconds", rule: "must be between 0 (never expires) and \(Self.maxTTLSeconds) (10 years)")
    }
    let subject = request.subject.isEmpty ? name : try Validate.text(request.subject, field: "subject", max: TokenStore.maxNameLength)
    let secret = TokenStore.newSecret()
    let response = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let now = call.now
      let expiresAt = request.ttlSeconds == 0 ? nil : now.addingTimeInterval(TimeInterval(request.ttlSeconds))
      let record = try TokenStore.insert(
        db, secret: secret, name: name, role: role, scope: scope, expiresAt: expiresAt, createdBy: call.caller.tokenID, now: now,
        subject: subject)
      var response = Vets_Daemon_V1_CreateTokenResponse()
      response.token = record.proto
      response.secret = secret
      var replay = response
      replay.secret = ""
      return Mutation(response, targets: [record.id], replay: replay)
    }
    try await refresh(response.token.id)
    return response
  }

  func listTokens(request: Vets_Daemon_V1_ListTokensRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_ListTokensResponse
  {
    let page = try Page(request.page)
    let listed = try await database.read { db in
      try TokenStore.list(db, page: page, includeRevoked: request.includeRevoked)
    }
    var response = Vets_Daemon_V1_ListTokensResponse()
    response.tokens = listed.tokens.map(\.proto)
    response.nextPageToken = page.nextToken(lastKey: listed.lastKey, count: listed.tokens.count)
    return response
  }

  func revokeToken(request: Vets_Daemon_V1_RevokeTokenRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_RevokeTokenResponse
  {
    try Validate.text(request.id, field: "id", max: 64)
    let response = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let record = try TokenStore.revoke(db, id: request.id, now: call.now)
      var response = Vets_Daemon_V1_RevokeTokenResponse()
      response.token = record.proto
      return Mutation(response, targets: [record.id])
    }
    try await refresh(response.token.id)
    return response
  }

  func rotateToken(request: Vets_Daemon_V1_RotateTokenRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_RotateTokenResponse
  {
    try Validate.text(request.id, field: "id", max: 64)
    guard (0...Self.maxGraceSeconds).contains(request.graceSeconds) else {
      throw VetsError.invalidArgument(
        field: "grace_seconds", rule: "must be between 0 (the old secret stops at once) and \(Self.maxGraceSeconds) (30 days)")
    }
    let secret = TokenStore.newSecret()
    let response = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let record = try TokenStore.rotate(db, id: request.id, secret: secret, grace: TimeInterval(request.graceSeconds), now: call.now)
      var response = Vets_Daemon_V1_RotateTokenResponse()
      response.token = record.proto
      response.secret = secret
      var replay = response
      replay.secret = ""
      return Mutation(response, targets: [record.id], replay: replay)
    }
    try await refresh(response.token.id)
    return response
  }

  /// Brings the in-memory token view up to the committed row before the caller is answered.
  private func refresh(_ id: String) async throws {
    if let record = try await database.read({ db in try TokenStore.fetch(db, id: id) }) {
      tokens.remember(record)
    }
  }
}
