import Foundation
import GRPCCore
import TestSupport
import Testing
import VetsAPI
import VetsKit

@testable import ReliefFund

/// The approval rules, called directly.
@Suite struct CaseWorkflowTests {
  static let household = DirectoryHousehold(id: "hh_1", headPersonID: "per_1", villageCode: "370830001001", memberIDs: ["per_1"])

  static func inReview(openedBy: String = "tok_clerk", levels: [String] = ["village", "town", "county"]) -> CaseRecord {
    let opener = Caller(tokenID: openedBy, name: openedBy, role: .clerk, scope: .county)
    var record = CaseRecord(id: "case_1", household: household, source: .visit, reportedBy: "话吧", openedBy: opener, at: "")
    record.status = .inReview
    record.pendingLevels = levels
    var plan = Vets_Relief_V1_Plan()
    plan.requested = Money.proto(500_000)
    plan.fund = "assistance"
    record.plan = plan
    return record
  }

  static func approver(_ id: String, _ scope: Scope) -> Caller { Caller(tokenID: id, name: id, role: .approver, scope: scope) }

  @Test func eachLevelDecidesInTurnWithinItsScope() throws {
    let record = Self.inReview()
    #expect(try CaseWorkflow.checkApprover(Self.approver("v", .village("370830001001")), record, deciders: []) == "village")
    let wrongLevel = refusal { _ = try CaseWorkflow.checkApprover(Self.approver("t", .town("370830001")), record, deciders: []) }
    #expect(wrongLevel?.code == .permissionDenied)
    let otherVillage = refusal { _ = try CaseWorkflow.checkApprover(Self.approver("v2", .village("370830001002")), record, deciders: []) }
    #expect(otherVillage?.code == .permissionDenied)
    #expect(otherVillage?.message.contains("outside") == true)
  }

  @Test func nobodyApprovesACaseTheyOpenedOrTheSameCaseTwice() {
    let own = Self.inReview(openedBy: "v")
    let selfApproval = refusal { _ = try CaseWorkflow.checkApprover(Self.approver("v", .village("370830001001")), own, deciders: []) }
    #expect(selfApproval?.message.contains("nobody decides a case they opened") == true)
    var record = Self.inReview(levels: ["village", "county"])
    record.pendingLevels = ["county"]
    let twice = refusal { _ = try CaseWorkflow.checkApprover(Self.approver("c", .county), record, deciders: ["c"]) }
    #expect(twice?.message.contains("already decided") == true)
    let greenOwn = refusal {
      try CaseWorkflow.checkGreenChannel(Self.approver("c", .county), Self.inReview(openedBy: "c"), justification: "急", limit: 500_000)
    }
    #expect(greenOwn?.code == .permissionDenied)
  }

  @Test func onePersonsOtherTokenIsTheSamePerson() {
    // Zhang opened the case with a clerk token, then tries with an approver token of his own.
    var record = Self.inReview(openedBy: "tok_zhang_clerk")
    record.openedBySubject = "zhang"
    let zhangApprover = Caller(tokenID: "tok_zhang_approver", name: "张 (审批)", role: .approver, scope: .village("370830001001"), subject: "zhang")
    let refused = refusal { _ = try CaseWorkflow.checkApprover(zhangApprover, record, deciders: []) }
    #expect(refused?.message.contains("nobody decides a case they opened") == true)
    let liApprover = Caller(tokenID: "tok_li", name: "李", role: .approver, scope: .village("370830001001"), subject: "li")
    #expect(refusal { _ = try CaseWorkflow.checkApprover(liApprover, record, deciders: ["li"]) }?.message.contains("already decided") == true)
    #expect(refusal { _ = try CaseWorkflow.checkApprover(liApprover, record, deciders: []) } == nil)
  }

  /// Issue 16, item 8: the one who set the amount does not approve it, and the one who
  /// approved does not pay it; a bureau may relax either.
  @Test func whoSetTheAmountDoesNotApproveItAndWhoApprovedDoesNotPayIt() {
    var record = Self.inReview()
    record.planned(by: "zhang")
    // A colleague re-planning the same case does not clear Zhang's part in it.
    record.planned(by: "li")
    let zhang = Caller(tokenID: "tok_zhang_approver", name: "张", role: .approver, scope: .village("370830001001"), subject: "zhang")
    let planned = refusal { _ = try CaseWorkflow.checkApprover(zhang, record, deciders: []) }
    #expect(planned?.code == .permissionDenied && planned?.message.contains("set the amount") == true, "\(String(describing: planned))")
    let county = Caller(tokenID: "tok_zhang_county", name: "张", role: .approver, scope: .county, subject: "zhang")
    #expect(refusal { try CaseWorkflow.checkGreenChannel(county, record, justification: "急", limit: 500_000) }?.code == .permissionDenied)
    let relaxed = CaseWorkflow.Duties(plannerMayApprove: true, approverMayPay: false)
    #expect(refusal { _ = try CaseWorkflow.checkApprover(zhang, record, deciders: [], duties: relaxed) } == nil)

    let clerk = Caller(tokenID: "tok_li_clerk", name: "李", role: .clerk, scope: .village("370830001001"), subject: "li")
    let paid = refusal { try CaseWorkflow.checkPayer(clerk, record, deciders: ["li", "wang"], duties: CaseWorkflow.Duties()) }
    #expect(paid?.code == .permissionDenied && paid?.message.contains("may not also pay") == true, "\(String(describing: paid))")
    #expect(refusal { try CaseWorkflow.checkPayer(clerk, record, deciders: ["wang"], duties: CaseWorkflow.Duties()) } == nil)
    #expect(refusal { try CaseWorkflow.checkPayer(clerk, record, deciders: ["li"], duties: .init(approverMayPay: true)) } == nil)
  }

  @Test func aStepOutOfOrderNamesTheCurrentState() {
    var record = Self.inReview()
    record.status = .planned
    let early = refusal { _ = try CaseWorkflow.checkApprover(Self.approver("v", .village("370830001001")), record, deciders: []) }
    #expect(early?.code == .failedPrecondition)
    #expect(early?.message.contains("is planned") == true)
  }

  /// County scope is the rule table's, enforced before the handler (ReliefCaseTests checks a
  /// town approver is refused).
  @Test func greenChannelNeedsAJustificationAndTheLimit() {
    let record = Self.inReview()
    let county = Self.approver("c", .county)
    #expect(refusal { try CaseWorkflow.checkGreenChannel(county, record, justification: "急", limit: 500_000) } == nil)
    #expect(refusal { try CaseWorkflow.checkGreenChannel(county, record, justification: "急", limit: 499_999) }?.code == .failedPrecondition)
    #expect(refusal { try CaseWorkflow.checkGreenChannel(county, record, justification: "", limit: 500_000) }?.code == .invalidArgument)
  }

  // MARK: Who may be paid, and how days are counted (issue 15, items 5 and 17)

  static func member(born: String, status: Vets_Registry_V1_PersonStatus = .active, household: String? = "hh_1") throws -> DirectoryPerson {
    DirectoryPerson(
      id: "per_2", name: "荣小华", status: status, categories: [], householdID: household, villageCode: "370830001001",
      birthDate: try CalendarDate(iso: born, field: "birth_date"))
  }

  @Test func aPayeeMustBeAnAdultLivingMemberOfTheHousehold() throws {
    let record = Self.inReview()
    let today = try CalendarDate(iso: "2026-12-02", field: "today")
    #expect(refusal { try CaseWorkflow.checkPayee(try Self.member(born: "1950-03-12"), of: record, on: today) } == nil)
    #expect(refusal { try CaseWorkflow.checkPayee(try Self.member(born: "2008-12-02"), of: record, on: today) } == nil, "18 today")
    let minor = refusal { try CaseWorkflow.checkPayee(try Self.member(born: "2008-12-03"), of: record, on: today) }
    #expect(minor?.code == .failedPrecondition)
    #expect(minor?.message.contains("is 17, under 18") == true, "\(String(describing: minor))")
    let fourteen = refusal { try CaseWorkflow.checkPayee(try Self.member(born: "2012-05-01"), of: record, on: today) }
    #expect(fourteen?.message.contains("a minor is not paid directly") == true)
    #expect(refusal { try CaseWorkflow.checkPayee(try Self.member(born: "1950-03-12", status: .deceased), of: record, on: today) }?.code
      == .failedPrecondition)
    #expect(refusal { try CaseWorkflow.checkPayee(try Self.member(born: "1950-03-12", household: "hh_9"), of: record, on: today) }?.code
      == .failedPrecondition)
  }

  @Test func daysAreLocalCalendarDaysAndUnsetUntilKnown() {
    // 23:59:59 and 00:00:01 China time: two seconds apart, but the next day.
    #expect(CaseRecord.days(from: "2026-12-01T15:59:59.000Z", to: "2026-12-01T16:00:01.000Z") == 1)
    // 00:00:01 and 23:59:59 China time on one day: almost a day apart, the same day.
    #expect(CaseRecord.days(from: "2026-12-01T16:00:01.000Z", to: "2026-12-02T15:59:59.000Z") == 0)
    #expect(CaseRecord.days(from: "2026-12-01T16:00:00.000Z", to: "2026-12-01T16:00:00.001Z") == 0)
    #expect(CaseRecord.days(from: "2026-11-20T01:00:00.000Z", to: "2026-12-02T01:00:00.000Z") == 12)
    #expect(CaseRecord.days(from: "2026-11-20T01:00:00.000Z", to: nil) == nil)
  }
}
