import GRDB
import VetsAPI
import VetsKit

/// The relief module's part of a household file: cases, payments, visits and roster entries.
struct ReliefHouseholdSection: HouseholdFileContributor {
  let database: VetsDatabase

  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection? {
    try await database.read { db in
      var entries: [(String, String)] = []
      for record in try CaseRecord.all(db, household: householdID) {
        let c = try record.proto(db)
        let followUps = c.followUps.compactMap { try? CalendarDate($0, field: "").iso }.joined(separator: ", ")
        entries.append((
          "case \(c.id)",
          "\(Vets_Relief_V1_CaseStatus.terms.word(of: c.status) ?? "unknown"); approved \(Money.yuan(c.approved.fen)), paid \(Money.yuan(c.paid.fen))"
            + (c.greenChannel ? "; green channel" : "") + (followUps.isEmpty ? "" : "; follow-ups \(followUps)")
        ))
      }
      for t in try FundLedger.casePayments(db, household: householdID) {
        entries.append(("payment \(t.id)", "\(Money.yuan(t.amount)) yuan from \(t.debit) on \(Instant.localDay(t.createdAt)) (\(t.memo))"))
      }
      for v in try VisitStore.all(db, household: householdID) {
        entries.append((
          "visit \(v.id)",
          "\((try? CalendarDate(v.visitedOn, field: "").iso) ?? "") by \(v.units.joined(separator: VisitStore.unitSeparator)); goods \(Money.yuan(v.goodsValue.fen)), cash \(Money.yuan(v.cash.fen))"
        ))
      }
      for e in try RosterStore.all(db, household: householdID) {
        let level = Vets_Relief_V1_RosterLevel.terms.word(of: e.level) ?? ""
        let exited = e.exitedOn.year == 0 ? "next review \(try CalendarDate(e.nextReviewOn, field: "").iso)" : "left: \(e.exitReason)"
        entries.append(("roster", "\(level), \(e.reason), since \(try CalendarDate(e.enteredOn, field: "").iso); \(exited)"))
      }
      guard !entries.isEmpty else { return nil }
      var section = Vets_Registry_V1_HouseholdFileSection()
      section.module = ReliefModule.id
      section.title = "Relief: cases (一户一策), payments, visits and the needy roster"
      section.entries = entries.map { label, value in
        var entry = Vets_Registry_V1_HouseholdFileEntry()
        entry.label = label
        entry.value = value
        return entry
      }
      return section
    }
  }
}
