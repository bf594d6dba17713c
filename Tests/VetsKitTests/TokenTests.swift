import Crypto
import Foundation
import GRDB
import TestSupport
import Testing
import VetsKit

private let now = Date(timeIntervalSince1970: 1_800_000_000)

/// The message of the `unauthenticated` refusal, or nil (and a recorded issue) otherwise.
private func refusal(
  _ store: TokenStore, _ header: String?, at time: Date = now, sourceLocation: SourceLocation = #_sourceLocation
) -> String? {
  do {
    let caller = try store.authenticate(authorization: header, now: time)
    Issue.record("accepted as \(caller)", sourceLocation: sourceLocation)
  } catch {
    guard case .unauthenticated(let message) = error else {
      Issue.record("expected unauthenticated, got \(error)", sourceLocation: sourceLocation)
      return nil
    }
    return message
  }
  return nil
}

private func insert(
  _ database: VetsDatabase, secret: String, role: Role = .clerk, scope: Scope = .county, expiresAt: Date? = nil
) async throws -> TokenRecord {
  try await database.pool.write { db in
    try TokenStore.insert(
      db, secret: secret, name: "clerk 张", role: role, scope: scope, expiresAt: expiresAt, createdBy: "tok_admin",
      now: now)
  }
}

@Test func newSecretIsPrefixedBase64URLOf256Bits() {
  let secret = TokenStore.newSecret()
  #expect(secret.hasPrefix("vets_"))
  let body = secret.dropFirst("vets_".count)
  #expect(body.count == 43)
  let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  #expect(body.allSatisfy { alphabet.contains($0) }, "\(secret)")
  #expect(TokenStore.newSecret() != secret)
}

@Test func onlyTheSecretsSHA256IsStored() async throws {
  try await withTempDatabase { database in
    let secret = TokenStore.newSecret()
    let record = try await insert(database, secret: secret)
    // Row is not Sendable, so it is checked where it is read.
    try await database.pool.read { db in
      let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM daemon_tokens"))
      let random = String(secret.dropFirst("vets_".count))
      for (column, value) in row {
        let text = String.fromDatabaseValue(value) ?? value.description
        #expect(!text.contains(random), "column \(column) holds the secret")
      }
      let stored: Data = row["secret_sha256"]
      #expect(stored == Data(SHA256.hash(data: Data(secret.utf8))))
      #expect(row["id"] == record.id)
    }
  }
}

@Test func bearerSecretAuthenticatesAsItsToken() async throws {
  try await withTempDatabase { database in
    let secret = TokenStore.newSecret()
    let record = try await insert(database, secret: secret, role: .clerk, scope: .town("370830001"))
    let store = TokenStore()
    try await database.read { db in try store.load(db) }

    let caller = try store.authenticate(authorization: "Bearer \(secret)", now: now)
    #expect(caller == Caller(tokenID: record.id, name: "clerk 张", role: .clerk, scope: .town("370830001")))
  }
}

@Test func missingMalformedAndUnknownTokensAreRefused() async throws {
  try await withTempDatabase { database in
    let secret = TokenStore.newSecret()
    _ = try await insert(database, secret: secret)
    let store = TokenStore()
    try await database.read { db in try store.load(db) }

    #expect(refusal(store, nil)?.contains("needs a token") == true)
    #expect(refusal(store, "")?.contains("needs a token") == true)
    #expect(refusal(store, secret)?.contains("Bearer") == true)
    #expect(refusal(store, "Basic \(secret)")?.contains("Bearer") == true)
    #expect(refusal(store, "bearer \(secret)") != nil)
    #expect(refusal(store, "Bearer \(TokenStore.newSecret())")?.contains("not valid") == true)
    #expect(refusal(store, "Bearer \(secret) ") != nil)
  }
}

@Test func expiredTokenIsRefusedAsExpired() async throws {
  try await withTempDatabase { database in
    let secret = TokenStore.newSecret()
    let store = TokenStore()
    store.remember(try await insert(database, secret: secret, expiresAt: now.addingTimeInterval(60)))

    #expect(try store.authenticate(authorization: "Bearer \(secret)", now: now).role == .clerk)
    #expect(refusal(store, "Bearer \(secret)", at: now.addingTimeInterval(60))?.contains("expired") == true)
    #expect(refusal(store, "Bearer \(secret)", at: now.addingTimeInterval(3600))?.contains("expired") == true)
  }
}

@Test func revokedTokenIsRefusedFromTheNextCallOn() async throws {
  try await withTempDatabase { database in
    let secret = TokenStore.newSecret()
    let store = TokenStore()
    let record = try await insert(database, secret: secret)
    store.remember(record)
    _ = try store.authenticate(authorization: "Bearer \(secret)", now: now)

    let revoked = try await database.pool.write { db in try TokenStore.revoke(db, id: record.id, now: now) }
    store.remember(revoked)
    #expect(refusal(store, "Bearer \(secret)")?.contains("revoked") == true)

    // A restart reads the revocation back from the table.
    let reloaded = TokenStore()
    try await database.read { db in try reloaded.load(db) }
    #expect(refusal(reloaded, "Bearer \(secret)")?.contains("revoked") == true)
  }
}

@Test func revokingTwiceFailsAsAPrecondition() async throws {
  try await withTempDatabase { database in
    let record = try await insert(database, secret: TokenStore.newSecret())
    _ = try await database.pool.write { db in try TokenStore.revoke(db, id: record.id, now: now) }
    await #expect(throws: VetsError.failedPrecondition("token \(record.id) is already revoked")) {
      try await database.pool.write { db in try TokenStore.revoke(db, id: record.id, now: now) }
    }
  }
}

@Test func revokingAnUnknownIDIsNotFound() async throws {
  try await withTempDatabase { database in
    await #expect(throws: VetsError.notFound("no token with id 'tok_missing'")) {
      try await database.pool.write { db in try TokenStore.revoke(db, id: "tok_missing", now: now) }
    }
  }
}

// MARK: Roles and scopes

@Test(arguments: [
  (Role.enterprise, Scope.enterprise("ent_1")), (.admin, .county), (.auditor, .county), (.clerk, .town("370830001")),
  (.clerk, .county), (.approver, .village("370830001001")), (.coordinator, .town("370830001")),
])
func roleAndScopeCombinationIsAccepted(role: Role, scope: Scope) throws {
  try TokenStore.checkRoleAndScope(role, scope)
}

@Test(arguments: [
  (Role.enterprise, Scope.county), (.enterprise, .town("370830001")), (.clerk, .enterprise("ent_1")),
  (.admin, .town("370830001")), (.admin, .enterprise("ent_1")), (.auditor, .village("370830001001")),
])
func roleAndScopeCombinationIsRefusedNamingScope(role: Role, scope: Scope) {
  let error = #expect(throws: VetsError.self) { try TokenStore.checkRoleAndScope(role, scope) }
  guard case .invalidArgument(let field, _) = error else {
    Issue.record("expected invalidArgument, got \(String(describing: error))")
    return
  }
  #expect(field == "scope")
}

@Test(arguments: [
  ("county", Scope.county), ("town:370830001", .town("370830001")),
  ("village:370830001001", .village("370830001001")), ("enterprise:ent_1", .enterprise("ent_1")),
])
func scopeParsesAndPrintsBack(text: String, scope: Scope) throws {
  #expect(try Scope(parsing: text) == scope)
  #expect(scope.description == text)
}

@Test(arguments: [
  "", "County", "town:12345", "town:3708300010", "town:３７０８３０００１", "village:abc", "village:370830001",
  "enterprise:", "enterprise:a b", "region:1",
])
func malformedScopeIsRefusedNamingTheField(text: String) {
  #expect(throws: VetsError.invalidArgument(field: "token.scope", rule: scopeRule)) {
    try Scope(parsing: text, field: "token.scope")
  }
}

private let scopeRule = "must be county, town:<9-digit code>, village:<12-digit code> or enterprise:<id>"

@Test func townCoversItsVillagesByPrefix() {
  let town = Scope.town("370830001")
  #expect(town.covers(division: "370830001001"))
  #expect(town.covers(division: "370830001214"))
  #expect(!town.covers(division: "370830002001"))
}

@Test func villageCoversOnlyItself() {
  let village = Scope.village("370830001001")
  #expect(village.covers(division: "370830001001"))
  #expect(!village.covers(division: "370830001002"))
  #expect(!village.covers(division: "370830001"))
}

@Test func countyCoversAllAndEnterpriseNone() {
  #expect(Scope.county.covers(division: "370830001001"))
  #expect(!Scope.enterprise("ent_1").covers(division: "370830001001"))
}

/// Issue 19, item 2: a rotated token answers to its new secret at once and to its old one
/// for the grace period only; a second rotation ends the first secret's grace.
@Test func aRotatedTokensOldSecretWorksForItsGracePeriodOnly() async throws {
  try await withTempDatabase { database in
    let first = TokenStore.newSecret()
    let record = try await insert(database, secret: first)
    let store = TokenStore()
    try await database.read { db in try store.load(db) }
    let second = TokenStore.newSecret()
    let rotated = try await database.pool.write { db in
      try TokenStore.rotate(db, id: record.id, secret: second, grace: 3600, now: now)
    }
    store.remember(rotated)
    #expect(try store.authenticate(authorization: "Bearer \(second)", now: now).tokenID == record.id)
    #expect(try store.authenticate(authorization: "Bearer \(first)", now: now.addingTimeInterval(3599)).tokenID == record.id)
    let late = refusal(store, "Bearer \(first)", at: now.addingTimeInterval(3600))
    #expect(late?.contains("old secret of token \(record.id), which was rotated; it stopped working at") == true, "\(late ?? "")")

    let third = TokenStore.newSecret()
    let again = try await database.pool.write { db in try TokenStore.rotate(db, id: record.id, secret: third, grace: 0, now: now) }
    store.remember(again)
    #expect(refusal(store, "Bearer \(first)")?.contains("not valid") == true, "two rotations back: unknown")
    #expect(refusal(store, "Bearer \(second)")?.contains("stopped working") == true, "grace 0: at once")
    #expect(try store.authenticate(authorization: "Bearer \(third)", now: now).tokenID == record.id)

    // What a restart loads answers the same.
    let reloaded = TokenStore()
    try await database.read { db in try reloaded.load(db) }
    #expect(refusal(reloaded, "Bearer \(second)")?.contains("stopped working") == true)
    #expect(try reloaded.authenticate(authorization: "Bearer \(third)", now: now).tokenID == record.id)
  }
}

@Test func aRevokedOrExpiredTokenIsNotRotatedAndNothingChanges() async throws {
  try await withTempDatabase { database in
    let secret = TokenStore.newSecret()
    let expired = try await insert(database, secret: secret, expiresAt: now.addingTimeInterval(-1))
    let revoked = try await insert(database, secret: TokenStore.newSecret())
    _ = try await database.pool.write { db in try TokenStore.revoke(db, id: revoked.id, now: now) }
    for (id, words) in [(expired.id, "expired"), (revoked.id, "is revoked"), ("tok_nothing", "no token")] {
      await #expect(throws: VetsError.self) {
        _ = try await database.pool.write { db in try TokenStore.rotate(db, id: id, secret: TokenStore.newSecret(), grace: 60, now: now) }
      }
      do {
        _ = try await database.pool.write { db in try TokenStore.rotate(db, id: id, secret: TokenStore.newSecret(), grace: 60, now: now) }
      } catch {
        #expect("\(error)".contains(words), "\(error)")
      }
    }
    let stored = try await database.read { db in try TokenStore.fetch(db, id: expired.id) }
    #expect(stored?.secretHash == TokenStore.hash(secret: secret) && stored?.previousHash == nil)
  }
}
