import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

/// A command's own arguments and what it does. `Leaf` puts it under the global options, so a
/// command writes only what is new about it.
protocol CLICommand: ParsableArguments {
  static var configuration: CommandConfiguration { get }
  /// A command that changes data sends a request_id, and its help offers `--request-id`.
  static var changesData: Bool { get }
  /// Checks what parsing cannot; run after every option is read, like a command's `validate()`.
  func check() throws
  func run(_ cli: CLI) async throws
}

extension CLICommand {
  static var changesData: Bool { false }
  func check() throws {}
}

/// A command that is one call: its options fill the request, and the answer is shown.
protocol Call: CLICommand {
  associatedtype Answer: Printable
  func call(_ c: Clients) async throws -> Answer
}

extension Call {
  func run(_ cli: CLI) async throws {
    guard Output.isCSV else { return try await cli.show { try await call($0) } }
    // A CSV is for a spreadsheet: every page, one header, on one connection.
    try await cli.call { c in
      var token = ""
      var pages = 0
      repeat {
        let answer = try await PageOptions.$continuation.withValue(token.isEmpty ? nil : token) { try await call(c) }
        answer.printTable()
        pages += 1
        let next = (answer as? any Paged)?.nextPageToken ?? ""
        // A list that hands back the token it was given would never end.
        token = next == token ? "" : next
        if !token.isEmpty { Output.progress(Language.say("已读 \(pages) 页，继续读下一页…", "page \(pages) read, reading the next…")) }
      } while !token.isEmpty
    }
  }
}

/// Every leaf of the command tree: the body's own arguments, then the global options
/// (declared here once), so that `--help` shows what is particular to the command first.
struct Leaf<Body: CLICommand>: AsyncParsableCommand {
  static var configuration: CommandConfiguration { Body.configuration }

  // Titled, because ArgumentParser lists titled groups before its untitled OPTIONS.
  @OptionGroup(title: Language.say("参数和选项", "Arguments and options")) var body: Body
  @OptionGroup(title: Language.say("通用选项", "Global options")) var global: GlobalOptions
  // Accepted everywhere (a script may send one), offered only where it has an effect.
  @OptionGroup(title: Language.say("通用选项", "Global options"), visibility: Body.changesData ? .default : .hidden) var retry: RetryOption

  /// The body's check runs here, after every option is read.
  func validate() throws { try body.check() }

  func run() async throws {
    try await body.run(CLI(global: global, requestID: retry.effectiveRequestID, usage: { Self.helpMessage(includeHidden: true, columns: 200) }))
  }
}

/// What a command's body is handed: the options, the one call helper, and the one place that
/// chooses between a table, JSON and CSV.
struct CLI {
  let global: GlobalOptions
  /// One per invocation, so that a retried command never repeats its effect by accident.
  let requestID: String
  /// The command's help text, where a refusal finds the flag that filled a field.
  let usage: @Sendable () -> String

  init(global: GlobalOptions, requestID: String, usage: @escaping @Sendable () -> String) {
    self.global = global
    self.requestID = requestID
    self.usage = usage
  }

  var daemon: Daemon { Daemon(options: global, requestID: requestID, usage: usage) }

  /// Connects, makes the calls in `body`, and turns failures into a sentence and an exit code.
  func call<Result: Sendable>(_ body: (Clients) async throws -> Result) async throws -> Result {
    try await daemon.call(body)
  }

  /// Makes one call and shows its answer.
  func show<M: Printable>(_ body: (Clients) async throws -> M) async throws {
    try show(await call(body))
  }

  /// A list's table is followed, on stderr, by how to get its next page.
  func show(_ message: some Printable) throws {
    try show(message) {
      message.printTable()
      if let list = message as? any Paged { Output.nextPage(list.nextPageToken) }
    }
  }

  /// A message printed otherwise than its usual table.
  func show(_ message: any SwiftProtobuf.Message, table: () -> Void) throws {
    try show(json: { try message.jsonString() }, table: table)
  }

  /// For an answer that is not a message (a file written, versions): fields, or one JSON object.
  func show(_ fields: [(String, String)], json: [(String, JSONValue)]) {
    try? show(json: { "{" + json.map { "\"\($0.0)\":\($0.1.text)" }.joined(separator: ",") + "}" }, table: { Output.fields(fields) })
  }

  /// The one place where `--output` chooses: JSON for programs, else the table (CSV when asked).
  func show(json: () throws -> String, table: () -> Void) throws {
    switch global.output {
    case .json: print(try json())
    case .table, .csv: table()
    }
  }
}

/// A value in the few JSON objects vetsctl writes itself.
enum JSONValue {
  case string(String)
  case number(Int64)

  var text: String {
    switch self {
    case .number(let value): String(value)
    case .string(let value): "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
  }
}

/// A message vetsctl prints: `printTable()` writes the table people read (and, with
/// `--output csv`, the same rows as CSV); programs get protobuf's JSON mapping of the message.
protocol Printable: SwiftProtobuf.Message {
  func printTable()
}

/// A list answer, which has a next page when its token is not empty.
protocol Paged {
  var nextPageToken: String { get }
}

/// `--page-size` and `--page-token`, as every list takes them.
struct PageOptions: ParsableArguments {
  @Option(help: .say("每页条数，1 至 500（0 为默认的 50 条）。", "How many to a page, 1 to 500 (0: the default, 50)."))
  var pageSize: Int32 = 0
  @Option(help: .say("上一页之后提示的令牌，用来读下一页。", "The token printed after the previous page, to read the next one."))
  var pageToken = ""

  /// The next page's token while `--output csv` reads every page.
  @TaskLocal static var continuation: String?

  var proto: Vets_Common_V1_PageRequest {
    var page = Vets_Common_V1_PageRequest()
    page.pageSize = pageSize
    page.pageToken = Self.continuation ?? pageToken
    return page
  }
}
