import Foundation
import GRDB
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Assistance cases (一户一策) over gRPC. Each handler validates, then runs one workflow
/// step inside the shared write path.
struct CaseService: Vets_Relief_V1_CaseService.SimpleServiceProtocol, CallerReading {
  static let clerks: Set<Role> = [.admin, .clerk]
  static let rules: AccessRules = [
    "OpenCase": .write(.admin, .clerk),
    "AssessCase": .write(.admin, .clerk),
    "PlanCase": .write(.admin, .clerk),
    "SubmitCase": .write(.admin, .clerk),
    "ApproveCase": .write(.approver),
    "RejectCase": .write(.approver),
    "GreenChannelCase": .write(.approver).countyWide,
    "PayCase": .write(.admin, .clerk),
    "ScheduleFollowUps": .write(.admin, .clerk),
    "CloseCase": .write(.admin, .clerk),
    "GetCase": .read(.admin, .clerk, .approver, .auditor),
    "ListCases": .read(.admin, .clerk, .approver, .auditor),
  ]

  let database: VetsDatabase
  let directory: any PersonDirectory
  let settings: ModuleSettings<ReliefConfig>
  var config: ReliefConfig { settings.current }

  /// Runs one step on one case: loads it inside the caller's scope, checks the case's
  /// status allows `step` (when given), applies `apply`, saves it with a timeline event, and
  /// answers with the whole case. `apply` is handed the write's call: its caller and instant.
  private func step(
    _ step: CaseWorkflow.Step?, _ requestID: String, _ request: some SwiftProtobuf.Message, caseID: String, event: String,
    _ apply: @escaping @Sendable (Database, inout CaseRecord, WriteCall) throws -> String
  ) async throws -> Vets_Relief_V1_Case {
    guard !caseID.isEmpty else { throw VetsError.invalidArgument(field: "case_id", rule: "is required") }
    return try await database.mutate(requestID: requestID, request: request) { db, call in
      var record = try CaseRecord.fetch(db, id: caseID)
      try call.caller.mustCover(record.villageCode, "case \(caseID)")
      if let step { try CaseWorkflow.require(step, record) }
      let detail = try apply(db, &record, call)
      try record.store(db)
      try record.event(db, event, call.caller, at: Instant.text(call.now), detail: detail)
      return Mutation(try record.proto(db), targets: ["case:\(record.id)", "household:\(record.householdID)"])
    }
  }

  func openCase(request: Vets_Relief_V1_OpenCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    try Vets_Relief_V1_CaseSource.terms.word(request.source, field: "source")
    let reportedBy = try Validate.text(request.reportedBy, field: "reported_by", max: 100)
    guard !request.householdID.isEmpty else { throw VetsError.invalidArgument(field: "household_id", rule: "is required") }
    guard let household = try await directory.household(id: request.householdID) else {
      throw VetsError.notFound("no household with id \(quoted: request.householdID) in the registry")
    }
    try caller.mustCover(household.villageCode, "household \(household.id)")
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      let record = try CaseRecord.open(
        db, household: household, source: request.source, reportedBy: reportedBy, call: call)
      return Mutation(try record.proto(db), targets: ["case:\(record.id)", "household:\(household.id)"])
    }
  }

  func assessCase(request: Vets_Relief_V1_AssessCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    var a = request.assessment
    guard a.incomePerMember.fen >= 0, a.debts.fen >= 0 else {
      throw VetsError.invalidArgument(field: "assessment", rule: "income and debts must not be negative")
    }
    for (value, field) in [(a.illness, "illness"), (a.disability, "disability"), (a.housing, "housing"), (a.needs, "needs")] {
      try Validate.text(value, field: "assessment.\(field)", max: 500, required: false)
    }
    a.notes = try Validate.text(a.notes, field: "assessment.notes", max: 2000, required: false)
    let assessment = a
    return try await step(.assess, request.requestID, request, caseID: request.caseID, event: "assessed") { _, record, _ in
      record.assessment = assessment
      record.status = .assessed
      return assessment.needs
    }
  }

  func planCase(request: Vets_Relief_V1_PlanCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    var plan = request.plan
    plan.measures = try Validate.text(plan.measures, field: "plan.measures", max: 2000)
    _ = try Money.amount(plan.requested, field: "plan.requested", ceiling: config.depositCeilingYuan * 100)
    plan.fund = try FundRules.code(plan.fund, field: "plan.fund")
    let checked = plan
    return try await step(.plan, request.requestID, request, caseID: request.caseID, event: "planned") { db, record, call in
      record.planned(by: call.caller.subject)
      guard try FundLedger.accountKind(db, checked.fund) == "fund" else {
        throw VetsError.invalidArgument(field: "plan.fund", rule: "\(quoted: checked.fund) is not a fund")
      }
      record.plan = checked
      record.status = .planned
      return CaseText.planned(requested: checked.requested.fen, fund: checked.fund)
    }
  }

  func submitCase(request: Vets_Relief_V1_SubmitCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    let chain = config.approvalChain
    return try await step(.submit, request.requestID, request, caseID: request.caseID, event: "submitted") { _, record, _ in
      record.pendingLevels = chain
      record.status = .inReview
      return CaseText.submitted(chain: chain)
    }
  }

  func approveCase(request: Vets_Relief_V1_ApproveCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    let comment = try Validate.text(request.comment, field: "comment", max: 1000, required: false)
    let duties = config.duties
    return try await step(nil, request.requestID, request, caseID: request.caseID, event: "approved") { db, record, call in
      let level = try CaseWorkflow.checkApprover(call.caller, record, deciders: try record.deciders(db), duties: duties)
      try record.decide(db, level: level, call.caller, approved: true, comment: comment, at: Instant.text(call.now))
      record.pendingLevels.removeFirst()
      if record.pendingLevels.isEmpty { try record.approve(db, call) }
      return CaseText.approved(level: level, comment: comment)
    }
  }

  func rejectCase(request: Vets_Relief_V1_RejectCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    guard config.rejectionReasons.contains(request.reason) else {
      throw VetsError.invalidArgument(
        field: "reason", rule: "a rejection needs a policy reason, one of: \(config.rejectionReasons.joined(separator: ", "))")
    }
    let detail = try Validate.text(request.detail, field: "detail", max: 1000, required: request.reason == "other")
    let duties = config.duties
    return try await step(nil, request.requestID, request, caseID: request.caseID, event: "rejected") { db, record, call in
      let level = try CaseWorkflow.checkApprover(call.caller, record, deciders: try record.deciders(db), duties: duties)
      try record.decide(db, level: level, call.caller, approved: false, comment: "\(request.reason): \(detail)", at: Instant.text(call.now))
      record.pendingLevels = []
      record.rejectionReason = request.reason
      record.rejectionDetail = detail
      record.status = .rejected
      return CaseText.rejected(level: level, reason: request.reason, detail: detail)
    }
  }

  func greenChannelCase(request: Vets_Relief_V1_GreenChannelCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    let justification = try Validate.text(request.justification, field: "justification", max: 2000, required: false)
    let (limit, duties) = (config.greenChannelLimitYuan * 100, config.duties)
    return try await step(nil, request.requestID, request, caseID: request.caseID, event: "green_channel") { db, record, call in
      try CaseWorkflow.checkGreenChannel(call.caller, record, justification: justification, limit: limit, duties: duties)
      try record.decide(db, level: "green_channel", call.caller, approved: true, comment: justification, at: Instant.text(call.now))
      record.greenChannel = true
      record.justification = justification
      record.pendingLevels = []
      try record.approve(db, call)
      return justification
    }
  }

  func payCase(request: Vets_Relief_V1_PayCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    let amount = try Money.amount(request.amount, field: "amount", ceiling: config.depositCeilingYuan * 100)
    let memo = try Validate.text(request.memo, field: "memo", max: 500, required: false)
    let payeeID = try Validate.id(request.payeePersonID, field: "payee_person_id")
    let (directory, duties) = (self.directory, config.duties)
    let transferID = "\(request.caseID):pay:\(request.requestID)"
    return try await step(.pay, request.requestID, request, caseID: request.caseID, event: "paid") { db, record, call in
      try CaseWorkflow.checkPayer(call.caller, record, deciders: try record.deciders(db), duties: duties)
      // Read in the same transaction as the payment: a death recorded a moment earlier counts.
      guard let payee = try directory.person(db, id: payeeID) else {
        throw VetsError.notFound("no person with id \(quoted: payeeID) in the registry")
      }
      try CaseWorkflow.checkPayee(payee, of: record, on: CalendarDate.localDay(of: call.now))
      guard let reservation = record.reservationID else { throw VetsError.failedPrecondition("case \(record.id) has no reservation") }
      let transfer = try FundLedger.post(
        db, id: transferID, pendingID: reservation, amount: amount, memo: memo.isEmpty ? "发放给\(payee.name)（\(payee.id)）" : memo,
        FundLedger.context(call))
      // What is paid comes from the ledger, so a retry the ledger recognised (the same
      // transfer, say from another token) can never count twice.
      let left = try FundLedger.remaining(db, pending: try FundLedger.pending(db, reservation))
      record.paid = record.approved - left
      if record.firstPaidAt == nil { record.firstPaidAt = Instant.text(call.now) }
      if left == 0 { record.status = .paid }
      return transfer.isReplay ? CaseText.paymentRetried(transfer.id) : CaseText.paid(amount, to: payee.id, name: payee.name)
    }
  }

  func scheduleFollowUps(request: Vets_Relief_V1_ScheduleFollowUpsRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    guard (1...24).contains(request.count) else { throw VetsError.invalidArgument(field: "count", rule: "must be between 1 and 24") }
    let (count, every) = (Int(request.count), Int(config.followUpEveryDays))
    return try await step(.scheduleFollowUps, request.requestID, request, caseID: request.caseID, event: "follow_up_scheduled") {
      db, record, call in
      try record.scheduleFollowUps(db, count: count, every: every, today: CalendarDate.localDay(of: call.now)).joined(separator: ", ")
    }
  }

  func closeCase(request: Vets_Relief_V1_CloseCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    let outcome = try Validate.text(request.outcome, field: "outcome", max: 2000)
    return try await step(.close, request.requestID, request, caseID: request.caseID, event: "closed") { db, record, call in
      if record.status == .approved, let reservation = record.reservationID {
        // Closing before payment releases what is still reserved.
        _ = try FundLedger.void(
          db, id: "\(record.id):release", pendingID: reservation, memo: "个案结案，退回未发放的预留",
          FundLedger.context(call))
      }
      record.outcome = outcome
      record.status = .closed
      return outcome
    }
  }

  func getCase(request: Vets_Relief_V1_GetCaseRequest, context: ServerContext) async throws -> Vets_Relief_V1_Case {
    try Validate.id(request.caseID, field: "case_id")
    return try await database.read { db in
      let record = try CaseRecord.fetch(db, id: request.caseID)
      try caller.mustCover(record.villageCode, "case \(record.id)")
      return try record.proto(db)
    }
  }

  func listCases(request: Vets_Relief_V1_ListCasesRequest, context: ServerContext) async throws -> Vets_Relief_V1_ListCasesResponse {
    let page = try Page(request.page)
    guard request.status == .unspecified || Vets_Relief_V1_CaseStatus.terms.word(of: request.status) != nil else {
      throw VetsError.invalidArgument(field: "status", rule: "\(request.status.rawValue) is not a case status")
    }
    let status = Vets_Relief_V1_CaseStatus.terms.word(of: request.status)
    let household = request.householdID.isEmpty ? nil : try Validate.id(request.householdID, field: "household_id")
    let (after, scope) = (try page.after(String.self) ?? "", caller.scope)
    let cases = try await database.read { db in
      try CaseRecord.page(db, after: after, status: status, household: household, scope: scope, limit: page.size).map { try $0.proto(db) }
    }
    var response = Vets_Relief_V1_ListCasesResponse()
    response.cases = cases
    response.names = try await directory.names(of: Set(cases.flatMap { [$0.householdID, $0.villageCode] }))
    response.nextPageToken = page.nextToken(last: cases.last?.id, count: cases.count)
    return response
  }
}
