import Foundation
import TestSupport
import Testing

/// Issue 19, item 1, as a clerk does it: an admin adds the account, the clerk signs in with
/// vetsctl, sets a password, works with the session and signs out.
@Suite("Signing in with vetsctl")
struct LoginTests {
  @Test func aClerkSignsInWithVetsctlWorksAndSignsOut() async throws {
    try await TestDaemon.with { daemon in
      let added = try await daemon.vetsctl(
        ["admin", "account", "add", "--login", "wang.xiuying", "--name", "王秀英", "--role", "clerk", "--scope", "town:370830001"], language: nil)
      #expect(added.status == 0, "\(added.stderr)")
      #expect(added.stderr.contains("请把一次性密码交给本人"), "\(added.stderr)")
      let oneTime = try #require(
        added.stdout.split(separator: "\n").first { $0.hasPrefix("一次性密码") }?.split(separator: " ").last.map(String.init))

      let sessionFile = daemon.root.appendingPathComponent("home/.config/vetsd/session").path
      func clerk(_ arguments: [String], input: String = "") async throws -> Finished {
        try await Run.program(
          Binaries.vetsctl, arguments, environment: ["VETSCTL_SOCKET": daemon.socketPath, "VETSCTL_SESSION_FILE": sessionFile, "VETSCTL_LANG": ""],
          directory: daemon.root, input: input)
      }
      let noNew = try await clerk(["login", "wang.xiuying", "--password-stdin"], input: oneTime + "\n")
      #expect(noNew.status == 1 && noNew.stderr.contains("一次性密码"), "\(noNew.stderr)")
      let weak = try await clerk(["login", "wang.xiuying", "--password-stdin"], input: "\(oneTime)\n12345\n")
      #expect(weak.status == 6 && weak.stderr.contains("密码至少 10 位"), "\(weak.stderr)")
      #expect(!FileManager.default.fileExists(atPath: sessionFile))

      let signedIn = try await clerk(["login", "wang.xiuying", "--password-stdin"], input: "\(oneTime)\n南旺镇-民政-2026\n")
      #expect(signedIn.status == 0, "\(signedIn.stderr)")
      #expect(signedIn.stdout.contains("王秀英 (wang.xiuying)") && signedIn.stdout.contains("30 分钟"), "\(signedIn.stdout)")
      let mode = try #require(try FileManager.default.attributesOfItem(atPath: sessionFile)[.posixPermissions] as? Int)
      #expect(mode & 0o777 == 0o600)

      let stations = try await clerk(["registry", "station", "list"])
      #expect(stations.status == 0, "the session works like a token: \(stations.stderr)")
      let notAdmin = try await clerk(["admin", "account", "list"])
      #expect(notAdmin.status == 4, "a clerk's session has a clerk's rights: \(notAdmin.stderr)")
      let audit = try await daemon.vetsctl(["audit", "list", "--output", "json"])
      #expect(audit.stdout.contains("王秀英"), "the trail names the person")

      let wrong = try await clerk(["login", "wang.xiuying", "--password-stdin"], input: "not the password\n")
      #expect(wrong.status == 4 && wrong.stderr.contains("用户名或密码不对"), "\(wrong.stderr)")

      let out = try await clerk(["logout"])
      #expect(out.status == 0, "\(out.stderr)")
      #expect(!FileManager.default.fileExists(atPath: sessionFile))
      let listed = try await daemon.vetsctl(["admin", "account", "list"], language: nil)
      #expect(listed.stdout.contains("wang.xiuying") && listed.stdout.contains("正常"), "\(listed.stdout)")
      let tokens = try await daemon.vetsctl(["admin", "token", "list"])
      #expect(!tokens.stdout.contains("ses_"), "sessions are not listed as tokens")
    }
  }
}
