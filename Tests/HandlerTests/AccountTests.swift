import Foundation
import GRPCCore
import GRPCInProcessTransport
import SwiftProtobuf
import Synchronization
import Testing
import VetsAPI
import VetsDaemon
import VetsKit
import GRDB
import TestSupport

typealias Accounts = Vets_Daemon_V1_AccountService.Client<InProcessTransport.Client>

/// The bureau's clock, moved by hand.
final class HandClock: WallClock {
  private let instant = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
  func now() -> Date { instant.withLock { $0 } }
  func advance(minutes: Double) { instant.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}

/// Issue 19, item 1: accounts, sign-in, sessions and the lockout.
@Suite("Accounts and sessions")
struct AccountTests {
  let clock = HandClock()

  func with(config: String? = nil, _ body: (InProcessDaemon, Accounts) async throws -> Void)
    async throws
  {
    try await VetsdCommand.$clock.withValue(clock) {
      try await InProcessDaemon.with(config: config) { daemon in
        try await body(daemon, Vets_Daemon_V1_AccountService.Client(wrapping: daemon.client))
      }
    }
  }

  func add(_ accounts: Accounts, _ daemon: InProcessDaemon, login: String)
    async throws -> Vets_Daemon_V1_AddAccountResponse
  {
    try await accounts.addAccount(
      .with {
        $0.requestID = UUID().uuidString
        $0.login = login
        $0.displayName = "王秀英"
        $0.role = .clerk
        $0.scope = "town:370830001"
      }, metadata: try daemon.metadata())
  }

  func login(_ accounts: Accounts, _ name: String, _ password: String, new: String = "")
    async throws -> Vets_Daemon_V1_LoginResponse
  {
    try await accounts.login(.with {
      $0.login = name
      $0.password = password
      $0.newPassword = new
    })
  }

  func message(_ call: () async throws -> some Sendable) async -> (RPCError.Code?, String) {
    do {
      _ = try await call()
      return (nil, "")
    } catch let error as RPCError {
      return (error.code, error.message)
    } catch {
      return (.unknown, "\(error)")
    }
  }

  func session(_ daemon: InProcessDaemon, _ secret: String) throws -> String {
    let file = daemon.root.appendingPathComponent("session-\(UUID().uuidString)").path
    try secret.write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test func aClerkSignsInChangesTheOneTimePasswordUsesTheSessionAndSignsOut() async throws {
    try await with { daemon, accounts in
      let added = try await add(accounts, daemon, login: "Wang.Xiuying")
      #expect(added.account.login == "wang.xiuying" && added.account.mustChangePassword)
      let oneTime = added.oneTimePassword
      #expect(oneTime.count == 12)

      let (mustChange, said) = await message { try await login(accounts, "wang.xiuying", oneTime) }
      #expect(mustChange == .failedPrecondition && said.contains("one-time password"), "\(said)")
      for (weak, rule) in [("short", "at least 10"), ("wang.xiuying2026", "login name"), ("1234567890", "too easy"), ("aaaaaaaaaaaa", "too easy")] {
        let (code, text) = await message { try await login(accounts, "wang.xiuying", oneTime, new: weak) }
        #expect(code == .invalidArgument && text.contains("new_password") && text.contains(rule), "\(weak): \(text)")
      }
      let signedIn = try await login(accounts, "wang.xiuying", oneTime, new: "南旺镇-民政-2026")
      #expect(signedIn.secret.hasPrefix("vets_") && signedIn.session.id.hasPrefix("ses_"))
      #expect(signedIn.idleTimeoutSeconds == 1800)
      #expect(signedIn.session.expiresAt.date == clock.now().addingTimeInterval(10 * 3600))

      let file = try session(daemon, signedIn.secret)
      for n in 1...3 { _ = try await daemon.addNote("by 王秀英 \(n)", requestID: "n\(n)", tokenFile: file) }
      let (refused, _) = await message { try await login(accounts, "wang.xiuying", oneTime) }
      #expect(refused == .unauthenticated, "the one-time password is spent")

      let audit = try await daemon.database.read { db in try AuditTrail.list(db, before: nil, limit: 20, method: nil) }
      let note = try #require(audit.first { $0.method.hasSuffix("AddNote") })
      #expect(note.tokenID == signedIn.session.id && note.tokenName == "王秀英")
      #expect(audit.contains { $0.method.hasSuffix("Login") && $0.outcome == "ok:password_changed" && $0.targets.contains(added.account.id) })

      _ = try await accounts.logout(.with { $0.requestID = "out-1" }, metadata: try daemon.metadata(tokenFile: file))
      let after = await statusCode { try await daemon.addNote("after", requestID: "n9", tokenFile: file) }
      #expect(after == .unauthenticated)
      let (notSession, text) = await message { try await accounts.logout(.with { $0.requestID = "out-2" }, metadata: try daemon.metadata()) }
      #expect(notSession == .failedPrecondition && text.contains("not a session"), "\(text)")

      // The password is in no table, no audit record and no error.
      let dump = try await daemon.database.read { db in
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'").flatMap { table in
          try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").flatMap { row in row.databaseValues.map(\.description) }
        }.joined(separator: "\n")
      }
      #expect(!dump.contains("南旺镇-民政-2026") && !dump.contains(oneTime))
    }
  }

  @Test func aSessionEndsAfterItsIdleTimeoutAndItsLifetime() async throws {
    try await with(config: "[daemon.accounts]\nsession_hours = 1\nidle_minutes = 30\n") { daemon, accounts in
      let added = try await add(accounts, daemon, login: "li.ming")
      let file = try session(daemon, try await login(accounts, "li.ming", added.oneTimePassword, new: "汶上县-退役军人-一号").secret)
      clock.advance(minutes: 29)
      _ = try await daemon.addNote("still here", requestID: "i1", tokenFile: file)
      clock.advance(minutes: 29)
      _ = try await daemon.addNote("and here", requestID: "i2", tokenFile: file)
      clock.advance(minutes: 3)
      let (expired, text) = await message { try await daemon.addNote("too late", requestID: "i3", tokenFile: file) }
      #expect(expired == .unauthenticated && text.contains("expired"), "an hour after sign-in: \(text)")

      let again = try session(daemon, try await login(accounts, "li.ming", "汶上县-退役军人-一号").secret)
      clock.advance(minutes: 31)
      let (idle, said) = await message { try await daemon.addNote("asleep", requestID: "i4", tokenFile: again) }
      #expect(idle == .unauthenticated && said.contains("30 minutes without a call"), "\(said)")
    }
  }

  @Test func disablingAnAccountEndsItsSessionsAtOnceAndAResetNeedsANewPassword() async throws {
    try await with { daemon, accounts in
      let added = try await add(accounts, daemon, login: "zhao.gang")
      let file = try session(daemon, try await login(accounts, "zhao.gang", added.oneTimePassword, new: "拥军优属-赵刚-2026").secret)
      let disabled = try await accounts.setAccountState(
        .with {
          $0.requestID = "d1"
          $0.account = "zhao.gang"
          $0.state = .disabled
        }, metadata: try daemon.metadata())
      #expect(disabled.sessionsEnded == 1 && disabled.account.state == .disabled)
      #expect(await statusCode { try await daemon.addNote("x", requestID: "d", tokenFile: file) } == .unauthenticated)
      let (code, text) = await message { try await login(accounts, "zhao.gang", "拥军优属-赵刚-2026") }
      #expect(code == .permissionDenied && text.contains("disabled"), "\(text)")
      _ = try await accounts.setAccountState(
        .with {
          $0.requestID = "e1"
          $0.account = added.account.id
          $0.state = .active
        }, metadata: try daemon.metadata())
      let back = try session(daemon, try await login(accounts, "zhao.gang", "拥军优属-赵刚-2026").secret)
      let reset = try await accounts.resetPassword(
        .with {
          $0.requestID = "r1"
          $0.account = "zhao.gang"
        }, metadata: try daemon.metadata())
      #expect(reset.sessionsEnded == 1 && reset.oneTimePassword.count == 12)
      #expect(await statusCode { try await daemon.addNote("x", requestID: "r", tokenFile: back) } == .unauthenticated)
      let (old, _) = await message { try await login(accounts, "zhao.gang", "拥军优属-赵刚-2026") }
      #expect(old == .unauthenticated)
      let (mustChange, _) = await message { try await login(accounts, "zhao.gang", reset.oneTimePassword) }
      #expect(mustChange == .failedPrecondition)

      let clerk = try await daemon.createToken(role: "clerk", scope: "town:370830001", name: "clerk")
      let (denied, _) = await message { try await add(accounts, daemon, login: "x.y.z").account }
      #expect(denied == nil, "an admin may add")
      let (byClerk, _) = await message {
        try await accounts.resetPassword(.with { $0.requestID = "r2"; $0.account = "zhao.gang" }, metadata: try daemon.metadata(tokenFile: clerk.file))
      }
      #expect(byClerk == .permissionDenied)
      let (duplicate, dupText) = await message { try await add(accounts, daemon, login: "ZHAO.GANG") }
      #expect(duplicate == .alreadyExists, "\(dupText)")
      let (badLogin, badText) = await message { try await add(accounts, daemon, login: "王") }
      #expect(badLogin == .invalidArgument && badText.contains("login"), "\(badText)")
    }
  }

  @Test func fiveFailuresLockTheNameWhetherOrNotItExistsAndTheLockEnds() async throws {
    try await with { daemon, accounts in
      let added = try await add(accounts, daemon, login: "sun.li")
      let password = "退役军人服务站-孙丽"
      _ = try await login(accounts, "sun.li", added.oneTimePassword, new: password)

      var answers: [String] = []
      for n in 1...5 {
        let (code, text) = await message { try await login(accounts, "sun.li", "wrong guess \(n)") }
        answers.append("\(code.map { "\($0)" } ?? "ok"): \(text)")
      }
      #expect(answers.prefix(4).allSatisfy { $0.hasPrefix("unauthenticated") }, "\(answers)")
      #expect(answers[4].hasPrefix("resourceExhausted") && answers[4].contains("try again after"), "\(answers)")
      let (locked, _) = await message { try await login(accounts, "sun.li", password) }
      #expect(locked == .resourceExhausted, "the right password waits for the lock too")

      let (nobody, nobodyText) = await message { try await login(accounts, "no.such.person", "wrong guess 1") }
      let (wrong, wrongText) = await message { try await login(accounts, "sun.li.2", "wrong guess 1") }
      #expect(nobody == .unauthenticated && nobodyText == wrongText && wrong == nobody, "a name nobody has is answered alike")
      for n in 2...5 { _ = await message { try await login(accounts, "no.such.person", "wrong guess \(n)") } }
      let (nobodyLocked, _) = await message { try await login(accounts, "no.such.person", "x") }
      #expect(nobodyLocked == .resourceExhausted, "names nobody has lock too, so a lock tells nothing")

      clock.advance(minutes: 16)
      _ = try await login(accounts, "sun.li", password)
      let audit = try await daemon.database.read { db in try AuditTrail.list(db, before: nil, limit: 100, method: "vets.daemon.v1.AccountService/Login") }
      #expect(audit.filter { $0.outcome == "UNAUTHENTICATED" }.count >= 4)
      #expect(audit.contains { $0.outcome == "UNAUTHENTICATED:locked" } && audit.contains { $0.outcome == "RESOURCE_EXHAUSTED:locked" })
      #expect(audit.contains { $0.targets == ["login:no.such.person"] })
      #expect(!audit.contains { $0.targets.joined().contains("wrong guess") }, "no password in the trail")
    }
  }
}
