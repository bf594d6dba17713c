import ArgumentParser
import Foundation
import VetsKit
import Synchronization

/// Options every command takes, before or after the command name; its help lists them last.
struct GlobalOptions: ParsableArguments {
  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
  }

  @Option(help: ArgumentHelp("The daemon's socket (env VETSCTL_SOCKET; default ./.vetsd/vetsd.sock).", valueName: "path"))
  var socket: String?

  @Option(help: ArgumentHelp("File holding the bearer token (env VETSCTL_TOKEN_FILE; default ./.vetsd/admin.token).", valueName: "file"))
  var tokenFile: String?

  @Option(help: "Print a table for people, protobuf's JSON mapping for programs, or the table as CSV for spreadsheets.")
  var output: OutputFormat = .table

  @Option(help: ArgumentHelp("The language of tables and words for people: zh (中文) or en (env VETSCTL_LANG; default zh).", valueName: "zh|en"))
  var lang: Language?

  @Option(help: ArgumentHelp("Give up on the call after this many seconds.", valueName: "seconds"))
  var timeout: Double = 30

  var socketPath: String {
    socket ?? ProcessInfo.processInfo.environment["VETSCTL_SOCKET"] ?? ".vetsd/vetsd.sock"
  }

  /// Where `socketPath` came from, for a message that says how to change it.
  var socketSource: String {
    if socket != nil { return "--socket" }
    if ProcessInfo.processInfo.environment["VETSCTL_SOCKET"] != nil { return "VETSCTL_SOCKET" }
    return "the default for a development checkout"
  }

  var tokenPath: String {
    tokenFile ?? ProcessInfo.processInfo.environment["VETSCTL_TOKEN_FILE"] ?? ".vetsd/admin.token"
  }


  func validate() throws {
    Output.format.withLock { $0 = output }
    let environment = ProcessInfo.processInfo.environment["VETSCTL_LANG"].flatMap { Language(rawValue: $0.lowercased()) }
    Language.current.withLock { $0 = lang ?? environment ?? .zh }
    // The zone times are printed in and dates typed in: the daemon's [daemon] time_zone.
    if let zone = ProcessInfo.processInfo.environment["VETSCTL_TIME_ZONE"], !zone.isEmpty {
      guard let timeZone = BureauTime.named(zone) else {
        throw ValidationError("VETSCTL_TIME_ZONE '\(zone)' must be a time zone's IANA name such as Asia/Shanghai, as [daemon] time_zone is")
      }
      BureauTime.use(timeZone)
    }
    guard timeout > 0, timeout <= 3600 else {
      throw ValidationError("--timeout must be between 0 and 3600 seconds")
    }
  }
}

/// `--request-id`, shown in the help of the commands that change data only.
struct RetryOption: ParsableArguments {
  @Option(help: ArgumentHelp("The id that makes a retry have its effect once (default: a new UUID).", valueName: "id"))
  var requestID: String?

  /// One per invocation, so that a retried command never repeats its effect by accident.
  var effectiveRequestID: String { requestID ?? UUID().uuidString.lowercased() }
}
