import Foundation
import GRDB
import TestSupport
import Testing
import VetsKit

private func tableExists(_ database: VetsDatabase, _ name: String) async throws -> Bool {
  try await database.read { db in try db.tableExists(name) }
}

private func migrate(_ database: VetsDatabase, _ modules: [ModuleMigrations], known: [ModuleMigrations]? = nil) throws {
  let known = Set((known ?? modules).flatMap(\.identifiers))
  try SchemaMigrator.migrate(database.pool, enabled: modules, known: known)
}

@Test func tableWithoutTheModulesPrefixIsRefusedAndRolledBack() async throws {
  try await withTempDatabase { database in
    var bad = ModuleMigrations(moduleID: "probe")
    bad.add("bad.v1") { db in
      try db.execute(sql: "CREATE TABLE probe_ok (id INTEGER PRIMARY KEY); CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    }
    #expect(throws: SchemaError.foreignName(module: "probe", names: ["notes"])) {
      try migrate(database, [VetsDatabase.coreMigrations, bad])
    }
    let leftovers = try await database.read { db in try db.tableExists("notes") || db.tableExists("probe_ok") }
    #expect(!leftovers, "the refused migration was not rolled back")
  }
}

@Test func indexWithoutTheModulesPrefixIsRefused() async throws {
  try await withTempDatabase { database in
    var bad = ModuleMigrations(moduleID: "probe")
    bad.add("bad.v1") { db in
      try db.execute(sql: "CREATE TABLE probe_x (a TEXT); CREATE INDEX by_a ON probe_x(a)")
    }
    let error = #expect(throws: SchemaError.self) { try migrate(database, [VetsDatabase.coreMigrations, bad]) }
    #expect(error == .foreignName(module: "probe", names: ["by_a"]))
    #expect(error?.description.contains("'probe'") == true)
    #expect(error?.description.contains("by_a") == true)
  }
}

@Test func databaseWithAnUnknownMigrationIsRefusedAsNewer() async throws {
  try await withTempDatabase { database in
    try await database.pool.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('daemon.future.v9')")
    }
    let error = #expect(throws: SchemaError.self) { try migrate(database, [VetsDatabase.coreMigrations]) }
    #expect(error == .newerDatabase(["daemon.future.v9"]))
    #expect(error?.description.contains("daemon.future.v9") == true)
  }
}

@Test func migratingTwiceChangesNothing() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    try migrate(database, [VetsDatabase.coreMigrations, probeMigrations])
    let applied = try await database.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
    #expect(applied.sorted() == (VetsDatabase.coreMigrations.identifiers + probeMigrations.identifiers).sorted())
    #expect(applied.contains("daemon.audit.v1") && applied.contains("probe.notes.v1"))
  }
}

@Test func disabledButCompiledInModuleKeepsItsTablesAndIsNotNewer() async throws {
  try await withTempDatabase([probeMigrations]) { database in
    try migrate(database, [VetsDatabase.coreMigrations], known: [VetsDatabase.coreMigrations, probeMigrations])
    #expect(try await tableExists(database, "probe_notes"))
  }
}

@Test func moduleWithAFreshMigrationAppliesItOnTheNextStart() async throws {
  try await withTempDatabase { database in
    #expect(try await tableExists(database, "probe_notes") == false)
    try migrate(database, [VetsDatabase.coreMigrations, probeMigrations])
    #expect(try await tableExists(database, "probe_notes"))
  }
}
