// The seed's figures (DOMAIN.md, step 5) for a year or a run of years: the network's size,
// the activities of the period, the hours given and the money raised, and whom they served.

import GRDB
import VetsAPI
import VetsKit

enum VolunteersReport {
  /// The figures for the local calendar years fromYear...year.
  static func compute(_ db: Database, fromYear: Int, year: Int, directory: any PersonDirectory) throws -> Vets_Volunteers_V1_Report {
    let first = try CalendarDate(year: fromYear, month: 1, day: 1, field: "from_year").iso
    let last = try CalendarDate(year: year, month: 12, day: 31, field: "year").iso
    func count(_ sql: String, _ arguments: StatementArguments) throws -> Int64 {
      try Int64.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }
    // The activities of the period: started in it and not cancelled.
    let activities = "SELECT id FROM volunteers_activities WHERE start_day BETWEEN ? AND ? AND status != 'cancelled'"
    let period: StatementArguments = [first, last]
    var r = Vets_Volunteers_V1_Report()
    r.fromYear = Int32(fromYear)
    r.year = Int32(year)
    r.groups = try count("SELECT COUNT(*) FROM volunteers_groups WHERE status = 'active' AND founded_on <= ?", [last])
    r.memberUnits = try count(
      "SELECT COUNT(*) FROM volunteers_organisations WHERE association_id IS NOT NULL AND status = 'active' AND joined_on <= ?", [last])
    r.socialOrganisations = try count(
      "SELECT COUNT(*) FROM volunteers_organisations WHERE type = 'social' AND status = 'active' AND joined_on <= ?", [last])
    r.volunteers = try count("SELECT COUNT(*) FROM volunteers_members WHERE status = 'active' AND joined_on <= ?", [last])
    r.activities = try count("SELECT COUNT(*) FROM (\(activities))", period)
    let hours = "SELECT COALESCE(SUM(h.minutes), 0) FROM volunteers_hours h WHERE h.activity_id IN (\(activities)) AND \(HoursStore.inForce)"
    r.approvedMinutes = try count("\(hours) AND h.approved_at IS NOT NULL", period)
    r.pendingMinutes = try count("\(hours) AND h.approved_at IS NULL", period)
    let raised = "SELECT COALESCE(SUM(amount), 0) FROM volunteers_donations WHERE activity_id IN (\(activities))"
    r.moneyRaised = Money.proto(try count("\(raised) AND kind = 'money'", period))
    r.goodsRaised = Money.proto(try count("\(raised) AND kind = 'goods'", period))
    r.deposited = Money.proto(try count("\(raised) AND transfer_id IS NOT NULL", period))
    let served = "SELECT COUNT(DISTINCT ref) FROM volunteers_beneficiaries WHERE activity_id IN (\(activities))"
    r.beneficiaryPeople = try count("\(served) AND kind = 'person'", period)
    r.beneficiaryHouseholds = try count("\(served) AND kind = 'household'", period)
    r.beneficiaryHeadCount = try count("SELECT COALESCE(SUM(head_count), 0) FROM volunteers_activities WHERE id IN (\(activities))", period)
    // Veterans are the registry's to say: ask it about each linked member who gave hours.
    let linked = try String.fetchAll(
      db,
      sql: """
        SELECT DISTINCT m.person_id FROM volunteers_members m JOIN volunteers_hours h ON h.member_id = m.id
        WHERE m.person_id IS NOT NULL AND h.activity_id IN (\(activities)) AND \(HoursStore.inForce)
        """,
      arguments: period)
    r.activeVeteranVolunteers = Int64(try linked.filter { try directory.person(db, id: $0)?.isVeteran == true }.count)
    return r
  }
}
