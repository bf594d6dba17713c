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
        let followUps = c.followUps.compactMap { try? CalendarDate($0, field: "").iso }.joined(separator: "、")
        entries.append((
          "帮扶案件 \(c.id)",
          "\(Vets_Relief_V1_CaseStatus.terms.label(of: c.status) ?? "-")；批准\(Money.yuan(c.approved.fen))元，已发放\(Money.yuan(c.paid.fen))元"
            + (c.greenChannel ? "；绿色通道" : "") + (followUps.isEmpty ? "" : "；回访日期 \(followUps)")
        ))
      }
      let payments = try FundLedger.casePayments(db, household: householdID)
      let funds = try FundLedger.accountNames(db, codes: Set(payments.map(\.debit)))
      for t in payments {
        entries.append(("发放 \(t.id)", "\(Instant.localDay(t.createdAt)) 从\(funds[t.debit] ?? t.debit)发放\(Money.yuan(t.amount))元（\(t.memo)）"))
      }
      for v in try VisitStore.all(db, household: householdID) {
        entries.append((
          "走访 \(v.id)",
          "\((try? CalendarDate(v.visitedOn, field: "").iso) ?? "") \(v.units.joined(separator: VisitStore.unitSeparator))；物品\(Money.yuan(v.goodsValue.fen))元，慰问金\(Money.yuan(v.cash.fen))元"
        ))
      }
      for e in try RosterStore.all(db, household: householdID) {
        let level = Vets_Relief_V1_RosterLevel.terms.label(of: e.level) ?? ""
        let exited = e.exitedOn.year == 0 ? "下次复核 \(try CalendarDate(e.nextReviewOn, field: "").iso)" : "已退出：\(e.exitReason)"
        entries.append(("困难台账", "\(level)，\(e.reason)，\(try CalendarDate(e.enteredOn, field: "").iso)纳入；\(exited)"))
      }
      guard !entries.isEmpty else { return nil }
      var section = Vets_Registry_V1_HouseholdFileSection()
      section.module = ReliefModule.id
      section.title = "困难帮扶：帮扶案件（一户一策）、发放、走访慰问、困难台账"
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
