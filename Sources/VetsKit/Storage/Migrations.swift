public import GRDB

/// The migrations of one module. Each is registered as "<module id>.<name>", and may create
/// only tables, indexes, views and triggers whose names start with "<module id>_".
public struct ModuleMigrations: Sendable {
  public let moduleID: String
  var steps: [(name: String, body: @Sendable (Database) throws -> Void)] = []

  public init(moduleID: String) {
    self.moduleID = moduleID
  }

  public mutating func add(_ name: String, _ body: @escaping @Sendable (Database) throws -> Void) {
    steps.append((name, body))
  }

  public var identifiers: [String] { steps.map { "\(moduleID).\($0.name)" } }
}

public enum SchemaMigrator {
  /// Refuses a database that has migrations this binary does not know (written by a newer
  /// vetsd), then applies the pending migrations of the given modules, in order.
  ///
  /// - Parameters:
  ///   - enabled: the migrations to apply, in dependency order.
  ///   - known: every migration identifier compiled into this binary, enabled or not.
  public static func migrate(_ writer: any DatabaseWriter, enabled: [ModuleMigrations], known: Set<String>) throws {
    let unknown = try writer.read { db -> [String] in
      guard try db.tableExists("grdb_migrations") else { return [] }
      return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").filter { !known.contains($0) }
    }
    guard unknown.isEmpty else {
      throw SchemaError.newerDatabase(unknown.sorted())
    }
    var migrator = DatabaseMigrator()
    for module in enabled {
      for step in module.steps {
        let prefix = "\(module.moduleID)_"
        migrator.registerMigration("\(module.moduleID).\(step.name)") { db in
          let before = try schemaNames(db)
          try step.body(db)
          let foreign = try schemaNames(db).subtracting(before).filter { !$0.hasPrefix(prefix) }
          guard foreign.isEmpty else {
            throw SchemaError.foreignName(module: module.moduleID, names: foreign.sorted())
          }
        }
      }
    }
    try migrator.migrate(writer)
  }

  static func schemaNames(_ db: Database) throws -> Set<String> {
    Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
  }
}

public enum SchemaError: Error, Equatable, CustomStringConvertible {
  case newerDatabase([String])
  case foreignName(module: String, names: [String])

  public var description: String {
    switch self {
    case .newerDatabase(let ids):
      "the database was written by a newer vetsd: it has migrations this binary does not know (\(ids.joined(separator: ", "))); run the newer vetsd or restore a backup"
    case .foreignName(let module, let names):
      "module \(quoted: module) created \(names.joined(separator: ", ")), but a module's tables must start with '\(module)_'"
    }
  }
}
