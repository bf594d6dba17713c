// `PersonDirectory` over the registry's tables, for other modules in the same process.

import GRDB
import VetsKit

struct RegistryDirectory: PersonDirectory {
  let database: VetsDatabase

  func person(id: String) async throws -> DirectoryPerson? {
    try await database.read { db in try PersonStore.fetch(db, id: id)?.directory }
  }

  func person(_ db: Database, id: String) throws -> DirectoryPerson? {
    try PersonStore.fetch(db, id: id)?.directory
  }

  func person(certificateNo: String) async throws -> DirectoryPerson? {
    try await database.read { db in try PersonStore.fetch(db, where: "certificate_no", equals: certificateNo)?.directory }
  }

  func person(residentID: ResidentID) async throws -> DirectoryPerson? {
    try await database.read { db in try PersonStore.fetch(db, where: "id_number", equals: residentID.value)?.directory }
  }

  func household(id: String) async throws -> DirectoryHousehold? {
    try await database.read { db in try HouseholdStore.directory(db, id: id) }
  }

  func station(id: String) async throws -> DirectoryStation? {
    try await database.read { db in try StationStore.directory(db, id: id) }
  }

  func names(of ids: Set<String>) async throws -> [String: String] {
    guard !ids.isEmpty else { return [:] }
    return try await database.read { db in try RegistryNames.names(db, of: ids) }
  }
}
