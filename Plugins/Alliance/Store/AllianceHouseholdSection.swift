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
    let names = try await directory.names(of: Set(used.map(\.record.personID)))
    var section = Vets_Registry_V1_HouseholdFileSection()
    section.module = AllianceModule.id
    section.title = "拥军优待使用记录"
    section.entries = used.map { r in
      var entry = Vets_Registry_V1_HouseholdFileEntry()
      entry.label = "优待 \(r.record.id)"
      entry.value = "\(Instant.localDay(r.record.redeemedAt)) \(r.enterpriseName)：\(r.offerTitle)（享受人 \(names[r.record.personID] ?? r.record.personID)）"
      return entry
    }
    return section
  }
}
