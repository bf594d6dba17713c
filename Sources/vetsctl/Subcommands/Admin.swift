import VetsKit
import ArgumentParser
import Crypto
import Foundation
import GRPCCore
import VetsAPI

#if canImport(Glibc)
  import Glibc
#endif

struct AdminCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "admin", abstract: "Operator commands: tokens, backups, metrics and config reload.",
    subcommands: [TokenCommand.self, BackupCommand.self, MetricsCommand.self, ReloadCommand.self])
}

struct TokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token", abstract: "Create, list and revoke bearer tokens.",
    subcommands: [Create.self, List.self, Revoke.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token and print its secret, once.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "What the token may do.")
    var role: RoleName

    @Option(help: "county, town:<9-digit code>, village:<12-digit code> or enterprise:<id> (required except for admin, auditor and system).")
    var scope = ""

    @Option(help: "A name that says who or what holds the token.")
    var name: String?

    @Option(help: "The person holding it (an employee number); defaults to the name. One person's tokens share it.")
    var subject: String?

    @Option(help: ArgumentHelp("Lifetime such as 30d, 12h, 90m or 3600s; 'never' for none.", valueName: "duration"))
    var expires = "never"

    func run() async throws {
      var request = Vets_Daemon_V1_CreateTokenRequest()
      request.requestID = global.effectiveRequestID
      request.role = role.proto
      request.scope = scope
      request.name = name ?? ""
      request.subject = subject ?? ""
      request.ttlSeconds = try seconds(expires)
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Daemon_V1_TokenService.Client(wrapping: client)
          .createToken(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.fields(tokenFields(response.token) + [("secret", response.secret.isEmpty ? "(already shown when this request_id was first answered)" : response.secret)])
        if !response.secret.isEmpty {
          FileHandle.standardError.write(Data("store the secret now: it is not shown again\n".utf8))
        }
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never their secrets).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include revoked tokens.") var all = false
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = Vets_Daemon_V1_ListTokensRequest()
      request.includeRevoked = all
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Daemon_V1_TokenService.Client(wrapping: client)
          .listTokens(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["ID", "NAME", "SUBJECT", "ROLE", "SCOPE", "CREATED", "EXPIRES", "REVOKED"],
          response.tokens.map { t in
            [t.id, t.name, t.subject, roleName(t.role), t.scope, Output.time(t.createdAt),
             t.hasExpiresAt ? Output.time(t.expiresAt) : "never", t.hasRevokedAt ? Output.time(t.revokedAt) : "-"]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token; it is refused from the next call on.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The token's id, e.g. tok_3f9a0c1e2b7d4a60.") var id: String

    func run() async throws {
      var request = Vets_Daemon_V1_RevokeTokenRequest()
      request.requestID = global.effectiveRequestID
      request.id = id
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Daemon_V1_TokenService.Client(wrapping: client)
          .revokeToken(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv: Output.fields(tokenFields(response.token))
      }
    }
  }
}

enum RoleName: String, CaseIterable, ExpressibleByArgument {
  case admin, clerk, approver, auditor, enterprise, coordinator, system

  var proto: Vets_Daemon_V1_Role {
    switch self {
    case .admin: .admin
    case .clerk: .clerk
    case .approver: .approver
    case .auditor: .auditor
    case .enterprise: .enterprise
    case .coordinator: .coordinator
    case .system: .system
    }
  }
}

func roleName(_ role: Vets_Daemon_V1_Role) -> String {
  RoleName.allCases.first { $0.proto == role }?.rawValue ?? "unknown"
}

/// "30d", "12h", "90m", "3600s" or "never".
func seconds(_ text: String) throws -> Int64 {
  if text == "never" || text == "0" { return 0 }
  let units: [Character: Int64] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
  guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0,
    count <= 3_660 * 86_400 / unit
  else {
    throw ValidationError("--expires '\(text)' must be a positive count with d, h, m or s (e.g. 30d), or 'never'")
  }
  return count * unit
}

func tokenFields(_ t: Vets_Daemon_V1_Token) -> [(String, String)] {
  [
    ("id", t.id), ("name", t.name), ("subject", t.subject), ("role", roleName(t.role)), ("scope", t.scope),
    ("created", Output.time(t.createdAt)), ("expires", t.hasExpiresAt ? Output.time(t.expiresAt) : "never"),
    ("revoked", t.hasRevokedAt ? Output.time(t.revokedAt) : "-"),
  ]
}

struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "Copy the live database into FILE with SQLite's online backup API.",
    discussion: "The copy is checked with PRAGMA integrity_check by the daemon and its SHA-256 by vetsctl. FILE must not exist.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Where to write the copy.") var file: String

  func run() async throws {
    guard !FileManager.default.fileExists(atPath: file) else {
      throw CLIError("\(file) already exists; choose a new file name", exitCode: Exit.usage)
    }
    let folder = (file as NSString).deletingLastPathComponent
    var isFolder: ObjCBool = false
    guard folder.isEmpty || (FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue) else {
      throw CLIError("the folder \(folder) does not exist; create it first (mkdir -p \(folder)) or choose another place", exitCode: Exit.usage)
    }
    let partial = file + ".partial"
    // Private from the first byte: created 0600, never an existing file or a link.
    let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw CLIError("cannot create \(partial): \(String(cString: strerror(errno))); check that you may write in \(folder.isEmpty ? "this folder" : folder)")
    }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    defer { try? FileManager.default.removeItem(atPath: partial) }
    let daemon = Daemon(options: global)
    let (total, expected, actual) = try await daemon.call { client in
      try await Vets_Daemon_V1_AdminService.Client(wrapping: client).backup(
        Vets_Daemon_V1_BackupRequest(), metadata: daemon.metadata, options: daemon.callOptions
      ) { response in
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
      throw CLIError("the backup arrived damaged (SHA-256 mismatch); nothing was written to \(file)")
    }
    try FileManager.default.moveItem(atPath: partial, toPath: file)
    switch global.output {
    case .json: print("{\"file\":\"\(file)\",\"bytes\":\(total),\"sha256\":\"\(actual)\"}")
    case .table, .csv: Output.fields([("file", file), ("bytes", String(total)), ("sha256", actual)])
    }
  }
}

struct MetricsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics", abstract: "Per-method call counts, error counts and latency histograms, as Prometheus text.")

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let daemon = Daemon(options: global)
    let metrics = try await daemon.call { client in
      try await Vets_Daemon_V1_AdminService.Client(wrapping: client).getMetrics(
        Vets_Daemon_V1_GetMetricsRequest(), metadata: daemon.metadata, options: daemon.callOptions)
    }
    switch global.output {
    case .json: try Output.json(metrics)
    case .table, .csv: print(metrics.text, terminator: "")
    }
  }
}

struct ReloadCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reload",
    abstract: "Re-read the config file and apply what can change while running (as SIGHUP does).",
    discussion: """
      The log level and the module settings each module marks reloadable change at once. When any \
      other setting changed, nothing is applied and the answer names the settings that need a restart.
      """)

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let daemon = Daemon(options: global)
    let outcome = try await daemon.call { client in
      try await Vets_Daemon_V1_AdminService.Client(wrapping: client).reload(
        Vets_Daemon_V1_ReloadRequest(), metadata: daemon.metadata, options: daemon.callOptions)
    }
    switch global.output {
    case .json: try Output.json(outcome)
    case .table, .csv:
      Output.fields([
        ("config", outcome.configPath.isEmpty ? "(none: vetsd runs on embedded defaults)" : outcome.configPath),
        ("applied", outcome.applied.isEmpty ? "nothing changed" : outcome.applied.joined(separator: ", ")),
      ])
    }
  }
}
