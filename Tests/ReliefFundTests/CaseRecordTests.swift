import Foundation
import GRDB
import TestSupport
import Testing
import VetsAPI
import VetsKit

@testable import ReliefFund

/// The case record's mapping to `relief_cases` (GRDB record, named columns) and the state
/// table its steps are checked against.
@Suite struct CaseRecordTests {
  static let household = DirectoryHousehold(id: "hh_1", headPersonID: "per_1", villageCode: "370830001001", memberIDs: ["per_1"])
  static let clerk = Caller(tokenID: "tok_clerk", name: "clerk", role: .clerk, scope: .county, subject: "wang")

  /// The clerk's OpenCase write at `instant`.
  static func opening(at instant: String) -> WriteCall {
    WriteCall(caller: clerk, method: "vets.relief.v1.CaseService/OpenCase", requestID: "r-\(instant)", now: Instant.date(instant)!)
  }

  @Test func everyFieldSurvivesAStoreAndAFetch() async throws {
    try await withLedger { database in
      try await database.pool.write { db in
        var record = try CaseRecord.open(
          db, household: Self.household, source: .selfReport, reportedBy: "话吧",
          call: Self.opening(at: "2026-12-01T02:00:00.000Z"))
        #expect(record.version == 1)
        var assessment = Vets_Relief_V1_Assessment()
        assessment.needs = "医疗费用"
        var plan = Vets_Relief_V1_Plan()
        plan.requested = Money.proto(500_000)
        plan.fund = "assistance"
        record.assessment = assessment
        record.plan = plan
        record.status = .inReview
        record.pendingLevels = ["village", "town", "county"]
        record.planned(by: "li")
        record.approvedAt = "2026-12-02T02:00:00.000Z"
        try record.store(db)

        let read = try CaseRecord.fetch(db, id: record.id)
        #expect(read.version == 2)
        #expect(read.source == .selfReport && read.status == .inReview)
        #expect(read.assessment == assessment && read.plan == plan)
        #expect(read.pendingLevels == ["village", "town", "county"])
        #expect(read.planners == ["li"] && read.openedBySubject == "wang" && read.openedBy == "tok_clerk")
        #expect(read.approvedAt == "2026-12-02T02:00:00.000Z" && read.firstPaidAt == nil && read.reservationID == nil)
        #expect(read.appealID == nil && read.reportedBy == "话吧" && read.villageCode == "370830001001")
        // The stored words are the ones existing databases hold.
        let row = try #require(try Row.fetchOne(db, sql: "SELECT source, status, pending_levels FROM relief_cases WHERE id = ?", arguments: [record.id]))
        #expect(row["source"] as String == "self_report" && row["status"] as String == "in_review")
        #expect(row["pending_levels"] as String == "village,town,county")
        #expect(try CaseRecord.status(db, id: record.id) == "in_review")
        #expect(try CaseRecord.status(db, id: "case_none") == nil)
        // One plan per household.
        #expect(throws: VetsError.self) {
          try CaseRecord.open(db, household: Self.household, source: .visit, reportedBy: "x", call: Self.opening(at: "2026-12-03T02:00:00.000Z"))
        }
      }
    }
  }

  @Test func aStepOutOfOrderIsRefusedInTheOldWords() {
    let opener = Caller(tokenID: "tok_clerk", name: "clerk", role: .clerk, scope: .county)
    var record = CaseRecord(id: "case_1", household: Self.household, source: .visit, reportedBy: "话吧", openedBy: opener, at: "")
    record.status = .inReview
    func refusal(_ step: CaseWorkflow.Step) -> String? { TestSupport.refusal { try CaseWorkflow.require(step, record) }?.message }
    #expect(refusal(.close) == "case case_1 is in_review; closing needs it to be open or assessed or planned or approved or paid")
    #expect(refusal(.pay) == "case case_1 is in_review; a payment needs it to be approved")
    #expect(refusal(.plan) == "case case_1 is in_review; a plan needs it to be assessed or planned")
    #expect(refusal(.decide) == nil && refusal(.greenChannel) == nil)
    record.status = .unspecified
    #expect(refusal(.submit) == "case case_1 is unknown; submission for review needs it to be planned")
  }

  @Test func everyEnumHasOneWordAndOneLabel() {
    #expect(Vets_Relief_V1_CaseStatus.terms.words == ["open", "assessed", "planned", "in_review", "approved", "paid", "closed", "rejected"])
    #expect(Vets_Relief_V1_CaseStatus.terms.label(of: .inReview) == "审核中")
    #expect(Vets_Relief_V1_RosterLevel.terms.value(typed: "特别困难") == .severe)
    #expect(Vets_Relief_V1_TransferKind.terms.word(of: .void) == "void" && Vets_Relief_V1_AccountKind.terms.label(of: .fund) == "基金账户")
    #expect(Vets_Relief_V1_CampaignKind.terms.word(of: .unspecified) == nil)
  }
}
