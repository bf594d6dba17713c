import ArgumentParser
import Foundation
import GRPCCore

/// `vetsctl`: the thin client. Each command makes one gRPC call over the daemon's socket.
struct Vetsctl: AsyncParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "vetsctl",
    abstract: Language.say("通过本机套接字操作 vetsd 退役军人服务系统。", "Talk to the vetsd daemon over its local socket."),
    discussion: Language.say(
      """
      退出码：0 成功，1 其他失败，2 用法错误，3 连不上 vetsd，4 未登录或无权限，5 找不到，6 参数有误。

      取值为选项的参数（--sex、--category、--department……）可以填代码，也可以填中文：\
      `vetsctl terms` 列出全部可选的词。`--lang en` 显示英文。
      """,
      """
      Exit codes: 0 success, 1 other failure, 2 usage error, 3 cannot connect to vetsd, \
      4 not authenticated or not allowed, 5 not found, 6 invalid argument.

      An option that takes a choice (--sex, --category, --department, …) takes its code or \
      its Chinese word: `vetsctl terms` lists them.
      """),
    subcommands: [
      Leaf<HealthCommand>.self, Leaf<ModulesCommand>.self, Leaf<VersionCommand>.self, Leaf<TermsCommand>.self, Leaf<TodayCommand>.self, Leaf<LoginCommand>.self, Leaf<LogoutCommand>.self, AdminCommand.self, AuditCommand.self,
      RegistryCommand.self, ReliefCommand.self, AllianceCommand.self, VolunteersCommand.self, AppealsCommand.self, ReportCommand.self,
      DemoCommand.self,
    ]
  )

  @OptionGroup var global: GlobalOptions
  @OptionGroup(visibility: .hidden) var retry: RetryOption
}

@main
enum Main {
  static func main() async {
    refuseArgumentsThatAreNotUTF8()
    Language.chooseBeforeParsing(CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
    do {
      var command = try Vetsctl.parseAsRoot()
      if var command = command as? any AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch let error as CLIError {
      FileHandle.standardError.write(Data("vetsctl: \(error.description)\n".utf8))
      exit(error.exitCode)
    } catch let error as ValidationError {
      // Thrown while running (a value only a command can check): one sentence, usage exit code.
      FileHandle.standardError.write(Data("vetsctl: \(error.message)\n".utf8))
      exit(Exit.usage)
    } catch {
      let code = Vetsctl.exitCode(for: error)
      if code == .success {
        print(HelpText.message(for: error))
        exit(0)
      }
      if let rpc = error as? RPCError {
        FileHandle.standardError.write(Data("vetsctl: \(rpc.message)\n".utf8))
        exit(Exit.code(for: rpc.code))
      }
      FileHandle.standardError.write(Data(HelpText.message(for: error).utf8 + Data("\n".utf8)))
      exit(Exit.usage)
    }
  }
}

extension Main {
  /// A terminal or a script in GBK hands vetsctl bytes that are not UTF-8; Swift would turn
  /// them into U+FFFD and send a name nobody typed. Refuse them first, naming the option.
  static func refuseArgumentsThatAreNotUTF8() {
    for i in 1..<Int(CommandLine.argc) {
      guard let raw = CommandLine.unsafeArgv[i], String(validatingCString: raw) == nil else { continue }
      let argument = CommandLine.arguments[i]
      let previous = CommandLine.arguments[i - 1]
      let name =
        argument.hasPrefix("--") ? String(argument.prefix { $0 != "=" })
        : previous.hasPrefix("-") && i > 1 ? previous : "argument \(i)"
      FileHandle.standardError.write(
        Data("vetsctl: \(name): is not valid UTF-8; vetsctl takes UTF-8 text (check the terminal's or the script's encoding)\n".utf8))
      exit(Exit.invalidArgument)
    }
  }
}
