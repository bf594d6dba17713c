import VetsAPI
import VetsKit

/// The volunteers' part of a household file: the activities that served the household or
/// one of its members.
struct VolunteersHouseholdSection: HouseholdFileContributor {
  let database: VetsDatabase
  let directory: any PersonDirectory

  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection? {
    let members = try await directory.household(id: householdID)?.memberIDs ?? []
    let entries = try await database.read { db in try ActivityStore.servingHousehold(db, id: householdID, members: members) }
    guard !entries.isEmpty else { return nil }
    var section = Vets_Registry_V1_HouseholdFileSection()
    section.module = VolunteersModule.id
    section.title = "志愿服务活动"
    section.entries = entries
    return section
  }
}
