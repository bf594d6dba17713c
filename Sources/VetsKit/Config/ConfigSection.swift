import Synchronization

/// A config error that names the file, the key and, when known, the line.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var key: String
  public var line: Int?
  public var message: String

  public init(file: String, key: String, line: Int? = nil, message: String) {
    self.file = file
    self.key = key
    self.line = line
    self.message = message
  }

  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
  }
}

/// One table of the config file, read strictly: every key must be read by its owner, and
/// `finish()` refuses the keys nobody read, naming them.
///
/// ```swift
/// var section = try reader.section("daemon")
/// let socket = try section.string("socket")
/// try section.finish()
/// ```
public struct ConfigSection: Sendable {
  public let file: String
  /// The dotted path of this table, e.g. "modules.relief".
  public let path: String
  let table: TOMLTable
  private var consumed: Set<String> = []

  public init(file: String, path: String, table: TOMLTable) {
    self.file = file
    self.path = path
    self.table = table
  }

  /// An empty section, for a module whose table is absent from the file.
  public static func empty(file: String, path: String) -> ConfigSection {
    ConfigSection(file: file, path: path, table: TOMLTable())
  }

  public var keys: [String] { table.order }

  func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  public func error(_ key: String, _ message: String) -> ConfigError {
    ConfigError(file: file, key: qualified(key), line: table.lines[key], message: message)
  }

  private mutating func value(_ key: String) -> TOMLValue? {
    consumed.insert(key)
    return table[key]
  }

  public mutating func string(_ key: String) throws(ConfigError) -> String? {
    switch value(key) {
    case nil: return nil
    case .string(let s):
      try refuseControlCharacters(s, key)
      return s
    case let other?: throw error(key, "expected a string, found \(other.typeName)")
    }
  }

  /// A NUL or another control character cuts a path short or hides in a log line.
  private func refuseControlCharacters(_ s: String, _ key: String) throws(ConfigError) {
    guard !s.hasControlCharacters else { throw error(key, "must not contain control characters (such as NUL or a line break)") }
  }

  public mutating func integer(_ key: String, in range: ClosedRange<Int64>? = nil) throws(ConfigError) -> Int64? {
    switch value(key) {
    case nil: return nil
    case .integer(let i):
      if let range, !range.contains(i) {
        throw error(key, "\(i) is out of range \(range.lowerBound)...\(range.upperBound)")
      }
      return i
    case .float(let f): throw error(key, "\(quoted: f) is not a TOML integer; this key takes a whole number, not a float")
    case let other?: throw error(key, "expected an integer, found \(other.typeName)")
    }
  }

  public mutating func boolean(_ key: String) throws(ConfigError) -> Bool? {
    switch value(key) {
    case nil: return nil
    case .boolean(let b): return b
    case let other?: throw error(key, "expected true or false, found \(other.typeName)")
    }
  }

  public mutating func strings(_ key: String) throws(ConfigError) -> [String]? {
    switch value(key) {
    case nil: return nil
    case .array(let elements):
      var result: [String] = []
      for element in elements {
        guard case .string(let s) = element else {
          throw error(key, "expected an array of strings, found \(element.typeName) in it")
        }
        try refuseControlCharacters(s, key)
        result.append(s)
      }
      return result
    case let other?: throw error(key, "expected an array of strings, found \(other.typeName)")
    }
  }

  /// A nested table, read strictly in its turn. Absent tables read as empty.
  public mutating func section(_ key: String) throws(ConfigError) -> ConfigSection {
    switch value(key) {
    case nil: return .empty(file: file, path: qualified(key))
    case .table(let t): return ConfigSection(file: file, path: qualified(key), table: t)
    case let other?: throw error(key, "expected a table, found \(other.typeName)")
    }
  }

  /// Refuses every key that was not read.
  public func finish() throws(ConfigError) {
    let known = consumed.sorted().joined(separator: ", ")
    for key in table.order where !consumed.contains(key) {
      throw error(key, known.isEmpty ? "unknown key (this table takes no keys)" : "unknown key (known keys: \(known))")
    }
  }
}

/// A module's typed settings, decoded from its `[modules.<id>]` table.
public protocol ModuleConfig: Sendable {
  /// Reads the section; unknown keys are refused by the caller afterwards.
  init(from section: inout ConfigSection) throws(ConfigError)

  /// Keys of the section that `vetsctl admin reload` (or SIGHUP) may change while the daemon
  /// runs; the module reads them from its ``ModuleSettings`` at each call. Changing any other
  /// key needs a restart.
  static var reloadableKeys: Set<String> { get }
}

extension ModuleConfig {
  public static var reloadableKeys: Set<String> { [] }
}

/// A module's settings as they are now: the config it started with, replaced by a reload.
public final class ModuleSettings<Config: ModuleConfig>: Sendable {
  private let value: Mutex<Config>

  public init(_ config: Config) { value = Mutex(config) }

  public var current: Config { value.withLock { $0 } }

  public func replace(with config: Config) { value.withLock { $0 = config } }
}

/// For modules that take no settings.
public struct NoConfig: ModuleConfig {
  public init() {}
  public init(from section: inout ConfigSection) throws(ConfigError) {}
}
