import ArgumentParser
import Foundation
import VetsKit
import Synchronization

/// Options every command takes, before or after the command name; its help lists them last.
struct GlobalOptions: ParsableArguments {
  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
  }

  @Option(help: .say("vetsd 的套接字（环境变量 VETSCTL_SOCKET；默认 ./.vetsd/vetsd.sock）。", "The daemon's socket (env VETSCTL_SOCKET; default ./.vetsd/vetsd.sock).", valueName: "path"))
  var socket: String?

  @Option(help: .say("存放令牌的文件（环境变量 VETSCTL_TOKEN_FILE；默认 ./.vetsd/admin.token）。", "File holding the bearer token (env VETSCTL_TOKEN_FILE; default ./.vetsd/admin.token).", valueName: "file"))
  var tokenFile: String?

  @Option(help: .say("输出格式：table 给人看的表格，json 给程序用，csv 给电子表格。", "Print a table for people, protobuf's JSON mapping for programs, or the table as CSV for spreadsheets."))
  var output: OutputFormat = .table

  @Option(help: .say("界面语言：zh 中文或 en 英文（环境变量 VETSCTL_LANG；默认 zh）。", "The language of tables and words for people: zh (中文) or en (env VETSCTL_LANG; default zh).", valueName: "zh|en"))
  var lang: Language?

  @Option(help: .say("等待 vetsd 回答的最长秒数。", "Give up on the call after this many seconds.", valueName: "seconds"))
  var timeout: Double = 30

  var socketPath: String {
    socket ?? ProcessInfo.processInfo.environment["VETSCTL_SOCKET"] ?? ".vetsd/vetsd.sock"
  }

  /// Where `socketPath` came from, for a message that says how to change it.
  var socketSource: String {
    if socket != nil { return "--socket" }
    if ProcessInfo.processInfo.environment["VETSCTL_SOCKET"] != nil { return "VETSCTL_SOCKET" }
    return Language.say("开发目录的默认位置", "the default for a development checkout")
  }

  /// The token sent: --token-file, VETSCTL_TOKEN_FILE, the session `vetsctl login` kept, or
  /// a development checkout's admin token.
  var tokenPath: String {
    if let chosen = tokenFile ?? ProcessInfo.processInfo.environment["VETSCTL_TOKEN_FILE"] { return chosen }
    return FileManager.default.fileExists(atPath: sessionPath) ? sessionPath : ".vetsd/admin.token"
  }

  /// Where `vetsctl login` keeps the session: VETSCTL_SESSION_FILE, or the user's config folder.
  var sessionPath: String { ProcessInfo.processInfo.environment["VETSCTL_SESSION_FILE"] ?? Self.defaultSessionPath }

  static var defaultSessionPath: String {
    let environment = ProcessInfo.processInfo.environment
    let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? "~") + "/.config")
    return config + "/vetsd/session"
  }


  func validate() throws {
    Output.format.withLock { $0 = output }
    let environment = ProcessInfo.processInfo.environment["VETSCTL_LANG"].flatMap { Language(rawValue: $0.lowercased()) }
    Language.current.withLock { $0 = lang ?? environment ?? .zh }
    // The zone times are printed in and dates typed in: the daemon's [daemon] time_zone.
    if let zone = ProcessInfo.processInfo.environment["VETSCTL_TIME_ZONE"], !zone.isEmpty {
      guard let timeZone = BureauTime.named(zone) else {
        throw ValidationError(Language.say("VETSCTL_TIME_ZONE '\(zone)' 应为时区的 IANA 名称，如 Asia/Shanghai（与 [daemon] time_zone 相同）", "VETSCTL_TIME_ZONE '\(zone)' must be a time zone's IANA name such as Asia/Shanghai, as [daemon] time_zone is"))
      }
      BureauTime.use(timeZone)
    }
    guard timeout > 0, timeout <= 3600 else {
      throw ValidationError(Language.say("--timeout 应在 0 到 3600 秒之间", "--timeout must be between 0 and 3600 seconds"))
    }
  }
}

/// `--request-id`, shown in the help of the commands that change data only.
struct RetryOption: ParsableArguments {
  @Option(help: .say("请求编号：重试时用同一个编号，只生效一次（默认每次新生成）。", "The id that makes a retry have its effect once (default: a new UUID).", valueName: "id"))
  var requestID: String?

  /// One per invocation, so that a retried command never repeats its effect by accident.
  var effectiveRequestID: String { requestID ?? UUID().uuidString.lowercased() }
}
