import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

struct TokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token", abstract: Language.say("创建、列出和吊销令牌。", "Create, list and revoke bearer tokens."),
    subcommands: [Leaf<Create>.self, Leaf<List>.self, Leaf<Revoke>.self, Leaf<Rotate>.self])

  struct Create: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "create", abstract: Language.say("创建令牌并显示其密钥（只显示这一次）。", "Create a token and print its secret, once."))

    @Option(help: .say("令牌的角色，决定它能做什么。", "What the token may do."))
    var role: Word<Vets_Daemon_V1_Role>

    @Option(help: .say("范围：county 全县、town:<9位代码> 镇(街道)、village:<12位代码> 村(社区)或 enterprise:<id> 本企业（除 admin、auditor、system 外必填）。", "county, town:<9-digit code>, village:<12-digit code> or enterprise:<id> (required except for admin, auditor and system)."))
    var scope = ""

    @Option(help: .say("令牌名称，写明由谁或哪个系统持有。", "A name that says who or what holds the token."))
    var name: String?

    @Option(help: .say("持有人（工号）；默认与名称相同。同一个人的令牌填同一个持有人。", "The person holding it (an employee number); defaults to the name. One person's tokens share it."))
    var subject: String?

    @Option(help: .say("有效期，如 30d、12h、90m 或 3600s；'never' 表示永不过期。", "Lifetime such as 30d, 12h, 90m or 3600s; 'never' for none.", valueName: "duration"))
    var expires = "never"

    func call(_ c: Clients) async throws -> some Printable { try await c.tokens.createToken(c.write { r in
      r.role = role.value
      r.scope = scope
      r.name = name ?? ""
      r.subject = subject ?? ""
      r.ttlSeconds = expires == "never" ? 0 : try TokenCommand.seconds(expires, option: "--expires", zero: "never（永不过期）", zeroEnglish: "'never'")
    }) }
  }

  /// "30d", "12h", "90m", "3600s", or "0" for the option's zero (written `zero` in the message).
  static func seconds(_ text: String, option: String, zero: String, zeroEnglish: String) throws -> Int64 {
    if text == "0" { return 0 }
    let units: [Character: Int64] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
    guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0,
      count <= 3_660 * 86_400 / unit
    else {
      throw ValidationError(Language.say(
        "\(option) '\(text)' 应为正数加 d（天）、h（小时）、m（分钟）或 s（秒），如 30d，或填 \(zero)",
        "\(option) '\(text)' must be a positive count with d, h, m or s (e.g. 30d), or \(zeroEnglish)"))
    }
    return count * unit
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出令牌（不显示密钥）。", "List tokens (never their secrets)."))

    @Flag(help: .say("包括已吊销的令牌。", "Include revoked tokens.")) var all = false
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.tokens.listTokens(.with {
      $0.includeRevoked = all
      $0.page = page.proto
    }) }
  }

  struct Revoke: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: Language.say("吊销令牌；从下一次调用起即被拒绝。", "Revoke a token; it is refused from the next call on."))

    @Argument(help: .say("令牌编号，如 tok_3f9a0c1e2b7d4a60。", "The token's id, e.g. tok_3f9a0c1e2b7d4a60.")) var id: String

    func call(_ c: Clients) async throws -> some Printable { try await c.tokens.revokeToken(c.write { $0.id = id }) }
  }

  struct Rotate: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "rotate", abstract: Language.say("换一个新密钥（只显示这一次）；旧密钥在宽限期内仍可用。", "Give a token a new secret, printed once; the old one works for the grace period."))

    @Argument(help: .say("令牌编号，如 tok_3f9a0c1e2b7d4a60。", "The token's id, e.g. tok_3f9a0c1e2b7d4a60.")) var id: String

    @Option(help: .say("旧密钥还能用多久，如 24h、7d（最长 30d）；0 表示立即停用。", "How long the old secret keeps working, e.g. 24h or 7d (at most 30d); 0 stops it at once.", valueName: "duration"))
    var grace = "24h"

    func call(_ c: Clients) async throws -> some Printable { try await c.tokens.rotateToken(c.write { r in
      r.id = id
      r.graceSeconds = try TokenCommand.seconds(grace, option: "--grace", zero: "0（立即停用）", zeroEnglish: "0 (stop at once)")
    }) }
  }
}

extension Vets_Daemon_V1_Token {
  var fields: [(String, String)] {
    [
      ("id", id), ("name", name), ("subject", subject), ("role", word(role)), ("scope", scope),
      ("created", Dates.stamp(createdAt)), ("expires", hasExpiresAt ? Dates.stamp(expiresAt) : "never"),
      ("revoked", hasRevokedAt ? Dates.stamp(revokedAt) : "-"),
    ] + (hasPreviousSecretValidUntil ? [("old secret until", Dates.stamp(previousSecretValidUntil))] : [])
  }
}

/// A token and its secret, shown once: what create and rotate print.
private func printSecret(_ token: Vets_Daemon_V1_Token, _ secret: String) {
  Output.fields(token.fields + [("secret", secret.isEmpty ? "(already shown when this request_id was first answered)" : secret)])
  if !secret.isEmpty {
    FileHandle.standardError.write(Data("store the secret now: it is not shown again\n".utf8))
  }
}

extension Vets_Daemon_V1_CreateTokenResponse: Printable {
  func printTable() { printSecret(token, secret) }
}

extension Vets_Daemon_V1_RotateTokenResponse: Printable {
  func printTable() { printSecret(token, secret) }
}

extension Vets_Daemon_V1_RevokeTokenResponse: Printable {
  func printTable() { Output.fields(token.fields) }
}

extension Vets_Daemon_V1_ListTokensResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["ID", "NAME", "SUBJECT", "ROLE", "SCOPE", "CREATED", "EXPIRES", "REVOKED"],
      tokens.map { t in
        [t.id, t.name, t.subject, word(t.role), t.scope, Dates.stamp(t.createdAt),
         t.hasExpiresAt ? Dates.stamp(t.expiresAt) : "never", t.hasRevokedAt ? Dates.stamp(t.revokedAt) : "-"]
      })
  }
}
