import Foundation
import GRDB
import VetsKit

/// Runs `body` on a real SQLite file in a fresh temp folder, migrated with the core schema
/// (unless `core` is false) and the given modules' migrations, and removes the folder
/// afterwards, whatever `body` does.
@discardableResult
public func withTempDatabase<T>(
  core: Bool = true, _ modules: [ModuleMigrations] = [], storage: VetsDatabase.StorageSettings = VetsDatabase.StorageSettings(),
  _ body: (VetsDatabase) async throws -> T
) async throws -> T {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vetsd-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }

  let database = try VetsDatabase.open(path: folder.appendingPathComponent("vetsd.sqlite").path, keys: DaemonKeys.random(), storage: storage)
  defer { try? database.pool.close() }

  let migrations = (core ? [VetsDatabase.coreMigrations] : []) + modules
  if !migrations.isEmpty {
    try SchemaMigrator.migrate(database.pool, enabled: migrations, known: Set(migrations.flatMap(\.identifiers)))
  }
  return try await body(database)
}

/// One module's migrations, as its `registerMigrations` declares them.
public func migrations(of module: any VetsModule.Type) -> ModuleMigrations {
  var m = ModuleMigrations(moduleID: module.id)
  module.registerMigrations(&m)
  return m
}
