// The alliance's answer to other modules asking whether an enterprise exists (the token
// service, before it issues an enterprise-scoped token).

import VetsKit

struct AllianceEnterprises: EnterpriseDirectory {
  let database: VetsDatabase

  func enterpriseExists(id: String) async throws -> Bool {
    try await database.read { db in try EnterpriseRecord.exists(db, id: id) }
  }
}
