// The daemon's settings: the [daemon] and [modules] tables of vetsd.toml, and the flags that
// override them. etc/vetsd.toml documents every key.

import Foundation

public struct DaemonConfig: Sendable {
  public var dataDir = ".vetsd"
  /// nil means "<data_dir>/vetsd.sock".
  public var socket: String?
  public var socketGroup: String?
  public var socketMode: UInt32 = 0o660
  /// nil means "<data_dir>/keys/data.key".
  public var keyFile: String?
  public var logLevel = "info"
  /// The IANA name of the bureau's time zone (BureauTime).
  public var timeZone = BureauTime.defaultZone
  /// How long in-flight calls may run after SIGTERM before they are cancelled.
  public var shutdownGraceSeconds: Int64 = 10
  public var limits = Limits()
  public var accounts = AccountSettings()
  public var storage = VetsDatabase.StorageSettings()
  public var tcp: TCPConfig?
  /// nil enables every compiled-in module.
  public var enabled: [String]?
  /// The raw [modules.<id>] tables, decoded by each module's Config type.
  public var moduleSections: [String: ConfigSection] = [:]
  public var file = "(built-in defaults)"
  /// Every value the file set, by dotted key ("modules.registry.lookup_burst"), to tell what
  /// a reload changes.
  public var settings: [String: TOMLValue] = [:]

  public init() {}

  public var socketPath: String { socket ?? (dataDir as NSString).appendingPathComponent("vetsd.sock") }
  public var databasePath: String { (dataDir as NSString).appendingPathComponent("vetsd.sqlite") }
  public var adminTokenPath: String { (dataDir as NSString).appendingPathComponent("admin.token") }
  public var keyFilePath: String { keyFile ?? (dataDir as NSString).appendingPathComponent("keys/data.key") }

  public struct Limits: Sendable {
    public var maxMessageBytes: Int64 = 4 * 1024 * 1024
    public var maxConcurrentStreams: Int64 = 256
    /// Open connections each listener takes; more are closed as they arrive. The socket's
    /// own cap keeps the admin's way in free whatever arrives on TCP.
    public var maxTCPConnections: Int64 = 1000
    public var maxSocketConnections: Int64 = 256
    /// A connection must open its first call within this (TLS handshake and HTTP/2 preface).
    public var setupTimeoutSeconds: Int64 = 30
    /// A connection with no call open for this long is closed (the client reconnects).
    public var idleTimeoutSeconds: Int64 = 300
    /// Refused writes of one token recorded one by one per minute; past them, RESOURCE_EXHAUSTED.
    public var refusedWritesPerMinute: Int64 = 20
  }

  /// Sessions and sign-ins (`[daemon.accounts]`).
  public struct AccountSettings: Sendable {
    /// A session ends this long after the sign-in, whatever happens.
    public var sessionHours: Int64 = 10
    /// A session also ends after this long without a call.
    public var idleMinutes: Int64 = 30
    /// Failed sign-ins for one login name before it is locked.
    public var maxFailedLogins: Int64 = 5
    public var lockoutMinutes: Int64 = 15

    public init() {}
  }

  public struct TCPConfig: Sendable {
    public var host: String
    public var port: Int
    public var tlsCert: String?
    public var tlsKey: String?
    public var clientCA: String?
    public var insecure = false
    /// Serve server reflection on TCP too; it is always served on the socket.
    public var reflection = false

    /// Only a literal loopback address or "localhost"; a host name that merely starts
    /// with "127." could resolve anywhere.
    public var isLoopback: Bool {
      if host == "localhost" || host == "::1" { return true }
      let octets = host.split(separator: ".", omittingEmptySubsequences: false)
      return octets.count == 4 && octets[0] == "127"
        && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }
    }
  }

  public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

  /// Parses a config file's text. Every unknown key, wrong type and unknown module id is
  /// refused with the file, the key and the line.
  public static func parse(_ text: String, file: String, moduleIDs: [String]) throws(ConfigError) -> DaemonConfig {
    let table: TOMLTable
    do {
      table = try TOMLParser.parse(text)
    } catch {
      throw ConfigError(file: file, key: error.key, line: error.line, message: error.message)
    }
    var config = DaemonConfig()
    config.file = file
    config.settings = flatten(table, prefix: "")
    var root = ConfigSection(file: file, path: "", table: table)

    var daemon = try root.section("daemon")
    if let v = try daemon.string("data_dir") {
      guard !v.isEmpty else { throw daemon.error("data_dir", "must not be empty") }
      config.dataDir = v
    }
    if let v = try daemon.string("socket"), !v.isEmpty { config.socket = v }
    if let v = try daemon.string("socket_group"), !v.isEmpty { config.socketGroup = v }
    if let v = try daemon.string("socket_mode") {
      guard v.utf8.count <= 4, let mode = UInt32(v, radix: 8), mode & 0o7 == 0, mode & 0o600 == 0o600, mode <= 0o770 else {
        throw daemon.error("socket_mode", "\(quoted: v) must be an octal mode such as \"0660\": owner read-write, no world access")
      }
      config.socketMode = mode
    }
    if let v = try daemon.string("time_zone") {
      guard BureauTime.named(v) != nil else {
        throw daemon.error("time_zone", "\(quoted: v) must be a time zone's IANA name such as \"Asia/Shanghai\"")
      }
      config.timeZone = v
    }
    if let v = try daemon.string("log_level") {
      guard logLevels.contains(v) else {
        throw daemon.error("log_level", "\(quoted: v) must be one of \(logLevels.joined(separator: ", "))")
      }
      config.logLevel = v
    }
    if let v = try daemon.integer("shutdown_grace_seconds", in: 1...600) { config.shutdownGraceSeconds = v }

    var storage = try daemon.section("storage")
    if let v = try storage.integer("batch_max", in: 1...10_000) { config.storage.maxBatch = Int(v) }
    if let v = try storage.string("synchronous") {
      guard ["full", "off"].contains(v) else {
        throw storage.error("synchronous", "\(quoted: v) must be \"full\" (durable) or \"off\" (benchmark baselines only: not durable)")
      }
      config.storage.synchronousFull = v == "full"
    }
    try storage.finish()

    var security = try daemon.section("security")
    if let v = try security.string("key_file"), !v.isEmpty { config.keyFile = v }
    try security.finish()

    var accounts = try daemon.section("accounts")
    if let v = try accounts.integer("session_hours", in: 1...168) { config.accounts.sessionHours = v }
    if let v = try accounts.integer("idle_minutes", in: 1...1440) { config.accounts.idleMinutes = v }
    if let v = try accounts.integer("max_failed_logins", in: 1...100) { config.accounts.maxFailedLogins = v }
    if let v = try accounts.integer("lockout_minutes", in: 1...1440) { config.accounts.lockoutMinutes = v }
    try accounts.finish()

    var limits = try daemon.section("limits")
    if let v = try limits.integer("max_message_bytes", in: 1024...(64 * 1024 * 1024)) { config.limits.maxMessageBytes = v }
    if let v = try limits.integer("max_concurrent_streams", in: 1...10_000) { config.limits.maxConcurrentStreams = v }
    if let v = try limits.integer("max_tcp_connections", in: 1...100_000) { config.limits.maxTCPConnections = v }
    if let v = try limits.integer("max_socket_connections", in: 1...10_000) { config.limits.maxSocketConnections = v }
    if let v = try limits.integer("setup_timeout_seconds", in: 1...300) { config.limits.setupTimeoutSeconds = v }
    if let v = try limits.integer("idle_timeout_seconds", in: 1...86_400) { config.limits.idleTimeoutSeconds = v }
    if let v = try limits.integer("refused_writes_per_minute", in: 1...100_000) { config.limits.refusedWritesPerMinute = v }
    try limits.finish()

    if daemon.keys.contains("tcp") {
      var tcp = try daemon.section("tcp")
      config.tcp = try parseTCP(&tcp)
      try tcp.finish()
    }
    try daemon.finish()

    var modules = try root.section("modules")
    if let enabled = try modules.strings("enabled") {
      for id in enabled where !moduleIDs.contains(id) {
        throw modules.error("enabled", "unknown module \(quoted: id) (compiled-in modules: \(moduleIDs.joined(separator: ", ")))")
      }
      config.enabled = enabled
    }
    for key in modules.keys where key != "enabled" {
      guard moduleIDs.contains(key) else {
        throw modules.error(key, "no compiled-in module has this id (compiled-in modules: \(moduleIDs.joined(separator: ", ")))")
      }
      config.moduleSections[key] = try modules.section(key)
    }
    try modules.finish()
    try root.finish()
    return config
  }

  static func flatten(_ table: TOMLTable, prefix: String) -> [String: TOMLValue] {
    var result: [String: TOMLValue] = [:]
    for (key, value) in table.values {
      if case .table(let inner) = value {
        result.merge(flatten(inner, prefix: prefix + key + "."), uniquingKeysWith: { a, _ in a })
      } else {
        result[prefix + key] = value
      }
    }
    return result
  }

  /// The dotted keys whose values differ between two files (set, changed or removed).
  public static func changedKeys(from old: [String: TOMLValue], to new: [String: TOMLValue]) -> [String] {
    Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
  }

  static func parseTCP(_ tcp: inout ConfigSection) throws(ConfigError) -> TCPConfig {
    guard let listen = try tcp.string("listen") else {
      throw tcp.error("listen", "is required when [daemon.tcp] is present, e.g. \"0.0.0.0:7443\"")
    }
    guard let (host, port) = splitHostPort(listen) else {
      throw tcp.error("listen", "\(quoted: listen) must be host:port, e.g. \"0.0.0.0:7443\" or \"[::1]:7443\"")
    }
    var result = TCPConfig(host: host, port: port)
    result.tlsCert = try tcp.string("tls_cert").flatMap { $0.isEmpty ? nil : $0 }
    result.tlsKey = try tcp.string("tls_key").flatMap { $0.isEmpty ? nil : $0 }
    result.clientCA = try tcp.string("client_ca").flatMap { $0.isEmpty ? nil : $0 }
    result.insecure = try tcp.boolean("insecure") ?? false
    result.reflection = try tcp.boolean("reflection") ?? false
    if result.insecure {
      guard result.tlsCert == nil, result.tlsKey == nil, result.clientCA == nil else {
        throw tcp.error("insecure", "cannot be combined with tls_cert, tls_key or client_ca")
      }
      guard result.isLoopback else {
        throw tcp.error(
          "insecure", "plaintext TCP is allowed only on a loopback address (127.0.0.1, ::1, localhost), not \(quoted: host); configure tls_cert and tls_key")
      }
    } else {
      guard result.tlsCert != nil else { throw tcp.error("tls_cert", "is required: TCP is served with TLS only (or insecure = true on loopback)") }
      guard result.tlsKey != nil else { throw tcp.error("tls_key", "is required together with tls_cert") }
    }
    return result
  }

  static func splitHostPort(_ text: String) -> (String, Int)? {
    let host: Substring
    let portText: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
      host = text[text.index(after: text.startIndex)..<close]
      portText = text[text.index(close, offsetBy: 2)...]
    } else {
      guard let colon = text.lastIndex(of: ":") else { return nil }
      host = text[..<colon]
      portText = text[text.index(after: colon)...]
    }
    guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { return nil }
    return (String(host), port)
  }

  /// Reads and parses a config file.
  public static func load(path: String, moduleIDs: [String]) throws(ConfigError) -> DaemonConfig {
    guard FileManager.default.fileExists(atPath: path) else {
      throw ConfigError(
        file: path, key: "", message: "no such file; check the path given to --config")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigError(file: path, key: "", message: "the config file cannot be read; check its permissions (vetsd needs to read it)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigError(file: path, key: "", message: "the config file is not UTF-8")
    }
    return try parse(text, file: path, moduleIDs: moduleIDs)
  }

  /// Decodes every compiled-in module's section (enabled or not, so typos never hide), and
  /// returns the configs of all of them by id.
  public func moduleConfigs(_ catalog: ModuleCatalog) throws(ConfigError) -> [String: any ModuleConfig] {
    var result: [String: any ModuleConfig] = [:]
    for module in catalog.modules {
      result[module.id] = try Self.decode(module, section: moduleSections[module.id] ?? .empty(file: file, path: "modules.\(module.id)"))
    }
    return result
  }

  static func decode<M: VetsModule>(_ module: M.Type, section: ConfigSection) throws(ConfigError) -> any ModuleConfig {
    var section = section
    let config = try M.Config(from: &section)
    try section.finish()
    return config
  }
}
