import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Lists the audit trail and verifies its hash chain. Socket only.
struct AuditService: Vets_Daemon_V1_AuditService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "ListAuditRecords": .read(.admin, .auditor),
    "VerifyAuditChain": .read(.admin, .auditor),
  ]

  let database: VetsDatabase

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Vets_Daemon_V1_AuditService.descriptor, rules: Self.rules, exposure: .socketOnly)
  }

  func listAuditRecords(request: Vets_Daemon_V1_ListAuditRecordsRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_ListAuditRecordsResponse
  {
    let page = try Page(request.page)
    let before: Int64?
    if let after = page.after {
      guard let seq = Int64(after) else {
        throw VetsError.invalidArgument(field: "page.page_token", rule: "is not a token this server issued; start again without it")
      }
      before = seq
    } else {
      before = nil
    }
    let method = request.method.isEmpty ? nil : try Validate.text(request.method, field: "method", max: 200)
    let records = try await database.read { db in
      try AuditTrail.list(db, before: before, limit: page.size, method: method)
    }
    var response = Vets_Daemon_V1_ListAuditRecordsResponse()
    response.records = records.map { r in
      var p = Vets_Daemon_V1_AuditRecord()
      p.seq = r.seq
      if let date = Instant.date(r.time) { p.time = Google_Protobuf_Timestamp(date: date) }
      p.tokenID = r.tokenID
      p.tokenName = r.tokenName
      p.method = r.method
      p.targets = r.targets
      p.outcome = r.outcome
      p.requestID = r.requestID
      p.hash = r.hash
      return p
    }
    response.nextPageToken = page.nextToken(lastKey: records.last.map { String($0.seq) }, count: records.count)
    return response
  }

  func verifyAuditChain(request: Vets_Daemon_V1_VerifyAuditChainRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_VerifyAuditChainResponse
  {
    let result = try await database.read { [database] db in try AuditTrail.verify(db, key: database.keys.audit) }
    var response = Vets_Daemon_V1_VerifyAuditChainResponse()
    response.ok = result.ok
    response.recordsChecked = result.recordsChecked
    response.firstBadSeq = result.firstBadSeq ?? 0
    response.problem = result.problem ?? ""
    return response
  }
}
