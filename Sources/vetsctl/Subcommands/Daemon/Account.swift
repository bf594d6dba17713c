import ArgumentParser
import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI

#if canImport(Glibc)
  import Glibc
#endif

extension Clients {
  var accounts: Vets_Daemon_V1_AccountService.Client<Transport> { .init(wrapping: client) }
}

struct AccountCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "account", abstract: Language.say("账号：用用户名和密码登录的工作人员。", "Accounts: people who sign in with a name and a password."),
    subcommands: [Leaf<Add>.self, Leaf<List>.self, Leaf<Disable>.self, Leaf<Enable>.self, Leaf<ResetPassword>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("添加账号，显示一次性密码（只显示这一次，首次登录时必须修改）。", "Add an account and print its one-time password, once; it must be changed at the first sign-in."))

    @Option(help: .say("用户名：3 到 32 位小写字母、数字、点、下划线或连字符，如 wang.xiuying。", "The login name: 3 to 32 of a-z, 0-9, '.', '_' and '-', e.g. wang.xiuying.")) var login: String
    @Option(help: .say("姓名，如 王秀英。", "The person's name, e.g. 王秀英.")) var name: String
    @Option(help: .say("角色，决定能做什么。", "What the person may do.")) var role: Word<Vets_Daemon_V1_Role>
    @Option(help: .say("范围：county、town:<9位代码> 或 village:<12位代码>（admin、auditor 以外必填）。", "county, town:<code> or village:<code> (required except for admin and auditor).")) var scope = ""

    func call(_ c: Clients) async throws -> some Printable { try await c.accounts.addAccount(c.write { r in
      r.login = login
      r.displayName = name
      r.role = role.value
      r.scope = scope
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出账号（不显示密码）。", "List accounts (never their passwords)."))
    @OptionGroup var page: PageOptions
    func call(_ c: Clients) async throws -> some Printable { try await c.accounts.listAccounts(.with { $0.page = page.proto }) }
  }

  struct Disable: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "disable", abstract: Language.say("停用账号；它的登录立即失效。", "Disable an account; its sessions end at once."))
    @Argument(help: .say("用户名或账号编号（acc_…）。", "The login name or the account's id (acc_…).")) var account: String
    func call(_ c: Clients) async throws -> some Printable { try await c.accounts.setAccountState(c.write { r in
      r.account = account
      r.state = .disabled
    }) }
  }

  struct Enable: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "enable", abstract: Language.say("重新启用账号。", "Enable an account again."))
    @Argument(help: .say("用户名或账号编号（acc_…）。", "The login name or the account's id (acc_…).")) var account: String
    func call(_ c: Clients) async throws -> some Printable { try await c.accounts.setAccountState(c.write { r in
      r.account = account
      r.state = .active
    }) }
  }

  struct ResetPassword: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "reset-password", abstract: Language.say("重设为一次性密码（只显示这一次）；它的登录立即失效。", "Give a new one-time password, printed once; the account's sessions end at once."))
    @Argument(help: .say("用户名或账号编号（acc_…）。", "The login name or the account's id (acc_…).")) var account: String
    func call(_ c: Clients) async throws -> some Printable { try await c.accounts.resetPassword(c.write { $0.account = account }) }
  }
}

/// `vetsctl login`: signs in and keeps the session in the session file, which later commands use.
struct LoginCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "login", abstract: Language.say("用用户名和密码登录；之后的命令使用这次登录。", "Sign in with a name and a password; later commands use the session."),
    discussion: Language.say(
      "会话保存在 \(GlobalOptions.defaultSessionPath)（只有本人可读），10 小时后或 30 分钟不操作即失效（以 vetsd.toml 为准）。首次登录或密码重设后须设置新密码。",
      "The session is kept in \(GlobalOptions.defaultSessionPath) (readable by you only); it ends after 10 hours, or 30 minutes without a call (as vetsd.toml says). After an account is added or its password reset, the first sign-in sets a new password."))

  @Argument(help: .say("用户名。", "The login name.")) var login: String
  @Flag(help: .say("从标准输入读密码：第一行密码，第二行（需要时）新密码。", "Read the password from stdin: the first line, and a new password on the second when one is needed.")) var passwordStdin = false

  func run(_ cli: CLI) async throws {
    let lines = passwordStdin ? (readLine(strippingNewline: true).map { [$0] } ?? []) + (readLine(strippingNewline: true).map { [$0] } ?? []) : []
    let password = passwordStdin ? (lines.first ?? "") : Self.ask(Language.say("密码：", "Password: "))
    var newPassword = lines.count > 1 ? lines[1] : ""
    let response: Vets_Daemon_V1_LoginResponse
    do {
      response = try await cli.call { c in try await c.accounts.login(.with { $0.login = login; $0.password = password; $0.newPassword = newPassword }) }
    } catch let error as CLIError where newPassword.isEmpty && !passwordStdin && error.description.contains(Language.say("一次性密码", "one-time password")) {
      FileHandle.standardError.write(Data("\(error.description)\n".utf8))
      newPassword = Self.ask(Language.say("新密码（至少 10 位）：", "New password (at least 10 characters): "))
      guard Self.ask(Language.say("再输一次新密码：", "The new password again: ")) == newPassword else {
        throw CLIError(Language.say("两次输入的新密码不一样，请重新登录", "the two new passwords differ; sign in again"), exitCode: Exit.usage)
      }
      response = try await cli.call { c in try await c.accounts.login(.with { $0.login = login; $0.password = password; $0.newPassword = newPassword }) }
    }
    let path = cli.global.sessionPath
    try Self.keep(response.secret, at: path)
    let a = response.account
    cli.show(
      [("account", "\(a.displayName) (\(a.login))"), ("role", word(a.role)), ("scope", a.scope),
       ("session", response.session.id), ("until", Dates.stamp(response.session.expiresAt)),
       ("idle limit", Language.say("\(response.idleTimeoutSeconds / 60) 分钟", "\(response.idleTimeoutSeconds / 60) minutes")), ("file", path)],
      json: [("session", .string(response.session.id)), ("account", .string(a.id)), ("file", .string(path))])
  }

  /// A password typed without echo.
  static func ask(_ prompt: String) -> String {
    guard let typed = getpass(prompt) else { return "" }
    return String(cString: typed)
  }

  /// The session's secret, in a file only its owner reads, in a folder only its owner opens.
  static func keep(_ secret: String, at path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
    unlink(path)
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let text = secret + "\n"
    guard text.withCString({ write(fd, $0, strlen($0)) }) == text.utf8.count else {
      throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }
}

struct LogoutCommand: CLICommand {
  static let changesData = true
  static let configuration = CommandConfiguration(
    commandName: "logout", abstract: Language.say("退出登录：会话立即失效，会话文件删除。", "Sign out: the session ends at once and its file is removed."))

  func run(_ cli: CLI) async throws {
    let ended = try await cli.call { c in try await c.accounts.logout(c.write { _ in }) }
    try? FileManager.default.removeItem(atPath: cli.global.sessionPath)
    cli.show([("session", ended.session.id), ("ended", Dates.stamp(ended.session.revokedAt))], json: [("session", .string(ended.session.id))])
  }
}

extension Vets_Daemon_V1_Account {
  var fields: [(String, String)] {
    [("id", id), ("login", login), ("name", displayName), ("role", word(role)), ("scope", scope),
     ("state", state == .active ? Language.say("正常", "active") : Language.say("已停用", "disabled")),
     ("must change password", mustChangePassword ? Language.say("是", "yes") : Language.say("否", "no"))]
  }
}

private func printOneTime(_ account: Vets_Daemon_V1_Account, _ password: String) {
  Output.fields(account.fields + [("one-time password", password.isEmpty ? "(already shown when this request_id was first answered)" : password)])
  if !password.isEmpty {
    FileHandle.standardError.write(Data(Language.say("请把一次性密码交给本人：它不会再显示，首次登录时必须修改\n", "hand the one-time password to the person: it is not shown again, and must be changed at the first sign-in\n").utf8))
  }
}

extension Vets_Daemon_V1_AddAccountResponse: Printable {
  func printTable() { printOneTime(account, oneTimePassword) }
}

extension Vets_Daemon_V1_ResetPasswordResponse: Printable {
  func printTable() { printOneTime(account, oneTimePassword) }
}

extension Vets_Daemon_V1_SetAccountStateResponse: Printable {
  func printTable() { Output.fields(account.fields + [("sessions ended", String(sessionsEnded))]) }
}

extension Vets_Daemon_V1_ListAccountsResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["ID", "LOGIN", "NAME", "ROLE", "SCOPE", "STATE"],
      accounts.map { [$0.id, $0.login, $0.displayName, word($0.role), $0.scope, $0.state == .active ? Language.say("正常", "active") : Language.say("已停用", "disabled")] })
  }
}
