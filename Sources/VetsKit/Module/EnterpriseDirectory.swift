/// Published by the alliance module: which enterprises exist, so that an enterprise token
/// is bound to a real enterprise when it is created.
public protocol EnterpriseDirectory: Sendable {
  func enterpriseExists(id: String) async throws -> Bool
}
