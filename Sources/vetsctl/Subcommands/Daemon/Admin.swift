import ArgumentParser
import Crypto
import Foundation
import GRPCCore
import VetsAPI
import VetsKit

#if canImport(Glibc)
  import Glibc
#endif

struct AdminCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "admin", abstract: Language.say("运维命令：令牌、备份、运行指标和重新加载配置。", "Operator commands: tokens, backups, metrics and config reload."),
    subcommands: [TokenCommand.self, AccountCommand.self, Leaf<BackupCommand>.self, Leaf<MetricsCommand>.self, Leaf<ReloadCommand>.self])
}

struct BackupCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: Language.say("用 SQLite 在线备份接口把运行中的数据库备份到 FILE。", "Copy the live database into FILE with SQLite's online backup API."),
    discussion: Language.say("vetsd 用 PRAGMA integrity_check 检查备份，vetsctl 核对其 SHA-256。FILE 不能已存在。", "The copy is checked with PRAGMA integrity_check by the daemon and its SHA-256 by vetsctl. FILE must not exist."))

  @Argument(help: .say("备份文件的保存位置。", "Where to write the copy.")) var file: String

  func run(_ cli: CLI) async throws {
    guard !FileManager.default.fileExists(atPath: file) else {
      throw CLIError(Language.say("文件 \(file) 已存在，请换一个文件名", "\(file) already exists; choose a new file name"), exitCode: Exit.usage)
    }
    let folder = (file as NSString).deletingLastPathComponent
    var isFolder: ObjCBool = false
    guard folder.isEmpty || (FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue) else {
      throw CLIError(Language.say("文件夹 \(folder) 不存在；请先创建（mkdir -p \(folder)），或换一个位置", "the folder \(folder) does not exist; create it first (mkdir -p \(folder)) or choose another place"), exitCode: Exit.usage)
    }
    let partial = file + ".partial"
    // Private from the first byte: created 0600, never an existing file or a link.
    let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      let reason = String(cString: strerror(errno))
      throw CLIError(Language.say(
        "无法创建 \(partial)：\(reason)；请确认你可以在\(folder.isEmpty ? "当前文件夹" : " \(folder) ")中写入",
        "cannot create \(partial): \(reason); check that you may write in \(folder.isEmpty ? "this folder" : folder)"))
    }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    defer { try? FileManager.default.removeItem(atPath: partial) }
    let (total, expected, actual) = try await cli.call { services in
      try await services.admin.backup(Vets_Daemon_V1_BackupRequest()) { response in
        var hasher = SHA256()
        var total: Int64 = 0
        var expected = ""
        for try await chunk in response.messages {
          try handle.write(contentsOf: chunk.data)
          hasher.update(data: chunk.data)
          if !chunk.sha256.isEmpty {
            expected = chunk.sha256
            total = chunk.totalBytes
          }
        }
        return (total, expected, Hex.string(hasher.finalize()))
      }
    }
    try handle.synchronize()
    try handle.close()
    guard !expected.isEmpty, expected == actual else {
      throw CLIError(Language.say("收到的备份已损坏（SHA-256 不符），没有写入 \(file)", "the backup arrived damaged (SHA-256 mismatch); nothing was written to \(file)"))
    }
    try FileManager.default.moveItem(atPath: partial, toPath: file)
    cli.show(
      [("file", file), ("bytes", String(total)), ("sha256", actual)],
      json: [("file", .string(file)), ("bytes", .number(total)), ("sha256", .string(actual))])
  }
}

struct MetricsCommand: Call {
  static let configuration = CommandConfiguration(
    commandName: "metrics", abstract: Language.say("各接口方法的调用次数、错误次数和耗时分布，Prometheus 文本格式。", "Per-method call counts, error counts and latency histograms, as Prometheus text."))

  func call(_ c: Clients) async throws -> some Printable { try await c.admin.getMetrics(Vets_Daemon_V1_GetMetricsRequest()) }
}

struct ReloadCommand: Call {
  static let configuration = CommandConfiguration(
    commandName: "reload",
    abstract: Language.say("重新读取配置文件，应用运行中可以更改的设置（与 SIGHUP 相同）。", "Re-read the config file and apply what can change while running (as SIGHUP does)."),
    discussion: Language.say(
      "日志级别和各模块标明可重新加载的设置立即生效。如有其他设置改动，则一律不应用，并列出需要重启才能生效的设置。",
      """
      The log level and the module settings each module marks reloadable change at once. When any \
      other setting changed, nothing is applied and the answer names the settings that need a restart.
      """))

  func call(_ c: Clients) async throws -> some Printable { try await c.admin.reload(Vets_Daemon_V1_ReloadRequest()) }
}

extension Vets_Daemon_V1_Metrics: Printable {
  func printTable() { print(text, terminator: "") }
}

extension Vets_Daemon_V1_ReloadResponse: Printable {
  func printTable() {
    Output.fields([
      ("config", configPath.isEmpty ? "(none: vetsd runs on embedded defaults)" : configPath),
      ("applied", applied.isEmpty ? "nothing changed" : applied.joined(separator: ", ")),
    ])
  }
}
