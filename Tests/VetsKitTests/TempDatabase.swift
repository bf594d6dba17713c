import Foundation
import GRDB
import ProbeModule
import VetsKit

/// Runs `body` on a real, migrated SQLite file in a fresh temp folder, and removes the folder
/// afterwards, whatever `body` does.
@discardableResult
func withTempDatabase<T>(
  probe: Bool = false,
  _ body: (VetsDatabase) async throws -> T
) async throws -> T {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }

  let database = try VetsDatabase.open(path: folder.appendingPathComponent("vetsd.sqlite").path)
  defer { try? database.pool.close() }

  var modules = [VetsDatabase.coreMigrations]
  if probe { modules.append(probeMigrations) }
  try SchemaMigrator.migrate(database.pool, enabled: modules, known: Set(modules.flatMap(\.identifiers)))
  return try await body(database)
}

var probeMigrations: ModuleMigrations {
  var m = ModuleMigrations(moduleID: "probe")
  ProbeModule.registerMigrations(&m)
  return m
}
