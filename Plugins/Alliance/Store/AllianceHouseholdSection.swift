import VetsAPI
import VetsKit

/// The alliance's part of a household file: the offers its members used.
struct AllianceHouseholdSection: HouseholdFileContributor {
  let database: VetsDatabase
  let directory: any PersonDirectory

  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection? {
    guard let household = try await directory.household(id: householdID), !household.memberIDs.isEmpty else { return nil }
    let members = household.memberIDs
    let used = try await database.read { db in try RedemptionRecord.ofPeople(db, members) }
    guard !used.isEmpty else { return nil }
    var section = Vets_Registry_V1_HouseholdFileSection()
    section.module = AllianceModule.id
    section.title = "Alliance offers used (拥军优惠)"
    section.entries = used.map { r in
      var entry = Vets_Registry_V1_HouseholdFileEntry()
      entry.label = "redemption \(r.record.id)"
      entry.value = "\(Instant.localDay(r.record.redeemedAt)) \(r.enterpriseName): \(r.offerTitle) (person \(r.record.personID))"
      return entry
    }
    return section
  }
}
