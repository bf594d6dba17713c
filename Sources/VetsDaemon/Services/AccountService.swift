import Foundation
import GRDB
import GRPCCore
import VetsAPI
import VetsKit

/// Accounts, sign-in and sessions. Socket only, like the token service.
struct AccountService: Vets_Daemon_V1_AccountService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "AddAccount": .write(.admin),
    "ListAccounts": .read(.admin, .auditor),
    "SetAccountState": .write(.admin),
    "ResetPassword": .write(.admin),
    // Audited here, each sign-in, failure and lockout, not by the interceptor.
    "Login": .anyone,
    "Logout": AccessRule(roles: Set(Role.allCases), mutates: true),
    "ChangePassword": AccessRule(roles: Set(Role.allCases), mutates: true),
  ]
  static let loginMethod = "vets.daemon.v1.AccountService/Login"

  let database: VetsDatabase
  let tokens: TokenStore
  let settings: DaemonConfig.AccountSettings

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Vets_Daemon_V1_AccountService.descriptor, rules: Self.rules, exposure: .socketOnly)
  }

  func addAccount(request: Vets_Daemon_V1_AddAccountRequest, context: ServerContext) async throws -> Vets_Daemon_V1_AddAccountResponse {
    let login = try AccountStore.login(request.login)
    let displayName = try Validate.text(request.displayName, field: "display_name", max: TokenStore.maxNameLength)
    let role = try Role(request.role)
    guard !request.scope.isEmpty || [.admin, .auditor].contains(role) else {
      throw VetsError.invalidArgument(field: "scope", rule: "is required for a \(role.rawValue) account: county, town:<code> or village:<code>")
    }
    let scope = request.scope.isEmpty ? Scope.county : try Scope(parsing: request.scope)
    guard role != .enterprise, role != .system else {
      throw VetsError.invalidArgument(field: "role", rule: "an account is a person at the bureau; enterprises and other systems get tokens")
    }
    try TokenStore.checkRoleAndScope(role, scope)
    let password = Passwords.oneTime()
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let account = try AccountStore.add(
        db, login: login, displayName: displayName, role: role, scope: scope, password: password, createdBy: call.caller.tokenID,
        now: call.now)
      var response = Vets_Daemon_V1_AddAccountResponse()
      response.account = account.proto
      response.oneTimePassword = password
      var replay = response
      replay.oneTimePassword = ""
      return Mutation(response, targets: [account.id], replay: replay)
    }
  }

  func listAccounts(request: Vets_Daemon_V1_ListAccountsRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_ListAccountsResponse
  {
    let page = try Page(request.page)
    let listed = try await database.read { db in try AccountStore.list(db, page: page) }
    var response = Vets_Daemon_V1_ListAccountsResponse()
    response.accounts = listed.accounts.map(\.proto)
    response.nextPageToken = page.nextToken(lastKey: listed.lastKey, count: listed.accounts.count)
    return response
  }

  func setAccountState(request: Vets_Daemon_V1_SetAccountStateRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_SetAccountStateResponse
  {
    let target = try Validate.text(request.account, field: "account", max: 64)
    guard request.state == .active || request.state == .disabled else {
      throw VetsError.invalidArgument(field: "state", rule: "must be ACCOUNT_STATE_ACTIVE or ACCOUNT_STATE_DISABLED")
    }
    let active = request.state == .active
    let response = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      var account = try AccountStore.find(db, target)
      try AccountStore.setActive(db, id: account.id, active: active)
      account.active = active
      let ended = active ? [] : try AccountStore.endSessions(db, accountID: account.id, now: call.now)
      var response = Vets_Daemon_V1_SetAccountStateResponse()
      response.account = account.proto
      response.sessionsEnded = Int64(ended.count)
      return Mutation(response, targets: [account.id] + ended)
    }
    try await refresh(account: response.account.id)
    return response
  }

  func resetPassword(request: Vets_Daemon_V1_ResetPasswordRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_ResetPasswordResponse
  {
    let target = try Validate.text(request.account, field: "account", max: 64)
    let password = Passwords.oneTime()
    let hash = Passwords.hash(password)
    let response = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      var account = try AccountStore.find(db, target)
      try AccountStore.setPassword(db, id: account.id, hash: hash, mustChange: true)
      try AccountStore.clearFailures(db, login: account.login)
      account.mustChangePassword = true
      let ended = try AccountStore.endSessions(db, accountID: account.id, now: call.now)
      var response = Vets_Daemon_V1_ResetPasswordResponse()
      response.account = account.proto
      response.oneTimePassword = password
      response.sessionsEnded = Int64(ended.count)
      var replay = response
      replay.oneTimePassword = ""
      return Mutation(response, targets: [account.id] + ended, replay: replay)
    }
    try await refresh(account: response.account.id)
    return response
  }

  func login(request: Vets_Daemon_V1_LoginRequest, context: ServerContext) async throws -> Vets_Daemon_V1_LoginResponse {
    guard !request.login.isEmpty else { throw VetsError.invalidArgument(field: "login", rule: "is required") }
    guard !request.password.isEmpty else { throw VetsError.invalidArgument(field: "password", rule: "is required") }
    let login = request.login.trimmingCharacters(in: .whitespaces).lowercased()
    guard login.utf8.count <= 64 else { throw VetsError.invalidArgument(field: "login", rule: "must be at most 64 bytes") }
    let now = database.clock.now()
    let (account, locked) = try await database.read { db in
      (try AccountStore.fetch(db, login: login), try AccountStore.lockedUntil(db, login: login, now: now))
    }
    if let locked { throw try await refuse(.locked(until: locked), login: login, account: account) }
    // A name nobody has costs the same bcrypt check as a wrong password.
    let matches = await Self.offThread { Passwords.verify(request.password, hash: account?.passwordHash ?? Passwords.decoy) }
    guard let account, matches else { throw try await refuse(.wrongPassword, login: login, account: account) }
    guard account.active else { throw try await refuse(.disabled, login: login, account: account) }
    var newHash: String?
    if !request.newPassword.isEmpty {
      try Passwords.check(request.newPassword, login: login, field: "new_password")
      guard request.newPassword != request.password else {
        throw VetsError.said(
          .invalidArgument(field: "new_password", rule: "must differ from the password it replaces"), chinese: "新密码不能与原密码相同")
      }
      newHash = await Self.offThread { Passwords.hash(request.newPassword) }
    } else if account.mustChangePassword {
      throw VetsError.said(
        .failedPrecondition("this is a one-time password: give a new password (new_password) to sign in; vetsctl login asks for it"),
        chinese: "这是一次性密码：请设置新密码后登录（vetsctl login 会提示输入新密码）")
    }
    let secret = TokenStore.newSecret()
    let changedHash = newHash
    let settings = settings
    let keys = database.keys
    let session = try await database.writer.write { db in
      let now = self.database.clock.now()
      try AccountStore.clearFailures(db, login: login)
      var ended: [String] = []
      if let changedHash {
        try AccountStore.setPassword(db, id: account.id, hash: changedHash, mustChange: false)
        ended = try AccountStore.endSessions(db, accountID: account.id, now: now)
      }
      let session = try TokenStore.insert(
        db, secret: secret, name: account.displayName, role: account.role, scope: account.scope,
        expiresAt: now.addingTimeInterval(TimeInterval(settings.sessionHours * 3600)), createdBy: account.id, now: now,
        subject: account.login, session: (account.id, settings.idleMinutes * 60))
      try AuditTrail.append(
        db, seal: keys.audit, at: now, context: CallContext(caller: session.caller, method: Self.loginMethod),
        targets: [account.id, session.id] + ended, outcome: changedHash == nil ? "ok" : "ok:password_changed", requestID: "")
      return (session, ended)
    }
    tokens.remember(session.0)
    if !session.1.isEmpty { try await refresh(account: account.id) }
    var response = Vets_Daemon_V1_LoginResponse()
    response.session = session.0.proto
    response.secret = secret
    var shown = account
    shown.mustChangePassword = false
    response.account = shown.proto
    response.idleTimeoutSeconds = settings.idleMinutes * 60
    return response
  }

  func logout(request: Vets_Daemon_V1_LogoutRequest, context: ServerContext) async throws -> Vets_Daemon_V1_LogoutResponse {
    let caller = CallContext.now.caller
    guard caller.accountID != nil else {
      throw VetsError.failedPrecondition("this token is not a session; an admin revokes tokens with 'vetsctl admin token revoke'")
    }
    let response = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      var response = Vets_Daemon_V1_LogoutResponse()
      response.session = try TokenStore.revoke(db, id: call.caller.tokenID, now: call.now).proto
      return Mutation(response, targets: [call.caller.tokenID])
    }
    try await refresh(account: caller.accountID ?? "")
    return response
  }

  func changePassword(request: Vets_Daemon_V1_ChangePasswordRequest, context: ServerContext) async throws
    -> Vets_Daemon_V1_ChangePasswordResponse
  {
    let caller = CallContext.now.caller
    guard let accountID = caller.accountID else {
      throw VetsError.failedPrecondition("this token is not a session: sign in with 'vetsctl login' to change a password")
    }
    guard !request.oldPassword.isEmpty else { throw VetsError.invalidArgument(field: "old_password", rule: "is required") }
    let account = try await database.read { db in try AccountStore.find(db, accountID) }
    try Passwords.check(request.newPassword, login: account.login, field: "new_password")
    let matches = await Self.offThread { Passwords.verify(request.oldPassword, hash: account.passwordHash) }
    guard matches else {
      throw VetsError.said(.invalidArgument(field: "old_password", rule: "is not the account's password"), chinese: "原密码不对")
    }
    let hash = await Self.offThread { Passwords.hash(request.newPassword) }
    let response = try await database.mutate(requestID: request.requestID, request: request) { db, call in
      try AccountStore.setPassword(db, id: account.id, hash: hash, mustChange: false)
      let ended = try AccountStore.endSessions(db, accountID: account.id, keeping: call.caller.tokenID, now: call.now)
      var response = Vets_Daemon_V1_ChangePasswordResponse()
      response.account = account.proto
      response.account.mustChangePassword = false
      response.sessionsEnded = Int64(ended.count)
      return Mutation(response, targets: [account.id] + ended)
    }
    try await refresh(account: account.id)
    return response
  }

  // MARK: Refusals of a sign-in

  enum Refusal {
    case wrongPassword, disabled
    case locked(until: Date)
  }

  /// Records a refused sign-in (counting a wrong password towards the lockout) in the audit
  /// trail, and returns the error to answer. A wrong password and a name nobody has get the
  /// same answer.
  private func refuse(_ refusal: Refusal, login: String, account: AccountRecord?) async throws -> VetsError {
    let settings = settings
    let keys = database.keys
    let now = database.clock.now()
    let lockedNow = try await database.writer.write { db -> Date? in
      var locked: Date?
      if case .wrongPassword = refusal {
        locked = try AccountStore.recordFailure(
          db, login: login, now: now, maxFailures: Int(settings.maxFailedLogins), lockout: TimeInterval(settings.lockoutMinutes * 60))
      }
      let outcome: String =
        switch refusal {
        case .wrongPassword: locked == nil ? "UNAUTHENTICATED" : "UNAUTHENTICATED:locked"
        case .disabled: "PERMISSION_DENIED:disabled"
        case .locked: "RESOURCE_EXHAUSTED:locked"
        }
      let caller = Caller(tokenID: "", name: login, role: account?.role ?? .system, scope: account?.scope ?? .county, subject: login)
      try AuditTrail.append(
        db, seal: keys.audit, at: now, context: CallContext(caller: caller, method: Self.loginMethod),
        targets: [account?.id ?? "login:\(login)"], outcome: outcome, requestID: "")
      return locked
    }
    switch refusal {
    case .wrongPassword:
      if let lockedNow { return Self.lockedError(lockedNow) }
      return .said(
        .unauthenticated("wrong login name or password; after \(settings.maxFailedLogins) failures in a row the name is locked for \(settings.lockoutMinutes) minutes"),
        chinese: "用户名或密码不对；连续错 \(settings.maxFailedLogins) 次将锁定 \(settings.lockoutMinutes) 分钟")
    case .disabled:
      return .said(.permissionDenied("account \(login) is disabled; ask an admin"), chinese: "账号 \(login) 已停用，请找管理员")
    case .locked(let until):
      return Self.lockedError(until)
    }
  }

  static func lockedError(_ until: Date) -> VetsError {
    .said(
      .resourceExhausted("too many failed sign-ins for this name: try again after \(BureauTime.clockText(until)) (bureau time)"),
      chinese: "密码错误次数过多，已锁定；请在 \(BureauTime.clockText(until)) 之后再试")
  }

  /// bcrypt takes tens of milliseconds on purpose; it runs off the cooperative pool.
  static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
  }

  /// Brings the in-memory view of the account's sessions up to the committed rows before the
  /// caller is answered, so that an ended session is refused from the next call on.
  private func refresh(account id: String) async throws {
    let records = try await database.read { db in try TokenStore.sessions(db, accountID: id) }
    for record in records { tokens.remember(record) }
  }
}
