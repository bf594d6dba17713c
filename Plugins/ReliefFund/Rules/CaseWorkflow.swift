// The rules of a case's life: which step may follow which, who may decide at each level,
// and what a decision needs. Plain functions, so tests can call them directly.

import VetsAPI
import VetsKit

enum CaseWorkflow {
  static let levels = ["village", "town", "county"]

  /// An approver's level is the level of its scope.
  static func level(of scope: Scope) -> String? {
    switch scope {
    case .village: "village"
    case .town: "town"
    case .county: "county"
    case .enterprise: nil
    }
  }

  /// The steps of a case after it is opened, each worded as its refusal names it.
  enum Step: String, CaseIterable, Sendable {
    case assess = "an assessment"
    case plan = "a plan"
    case submit = "submission for review"
    case decide = "a decision"
    case greenChannel = "a green-channel decision"
    case pay = "a payment"
    case scheduleFollowUps = "scheduling follow-ups"
    case followUpVisit = "a follow-up visit"
    case close = "closing"

    /// The step in the clerk's words, as a refusal says it.
    var chinese: String {
      switch self {
      case .assess: "评估"
      case .plan: "制定方案"
      case .submit: "提交审批"
      case .decide: "审批"
      case .greenChannel: "走绿色通道审批"
      case .pay: "发放"
      case .scheduleFollowUps: "安排回访"
      case .followUpVisit: "登记回访"
      case .close: "结案"
      }
    }
  }

  /// Which step is allowed from which status: open → assessed → planned → in review →
  /// approved → paid → closed, or rejected from review; the green channel skips the review.
  static let table = StateTable<Vets_Relief_V1_CaseStatus, Step>(
    [
      .assess: [.open, .assessed],
      .plan: [.assessed, .planned],
      .submit: [.planned],
      .decide: [.inReview],
      .greenChannel: [.planned, .inReview],
      .pay: [.approved],
      .scheduleFollowUps: [.paid],
      .followUpVisit: [.paid],
      .close: [.open, .assessed, .planned, .approved, .paid],
    ], words: Vets_Relief_V1_CaseStatus.terms)

  /// Refuses a step the case's status does not allow, naming the status it is in.
  static func require(_ step: Step, _ record: CaseRecord) throws(VetsError) {
    try table.require(step, from: record.status) { status, allowed in
      "case \(record.id) is \(status); \(step.rawValue) needs it to be \(allowed.joined(separator: " or "))"
    } chinese: { status, allowed in
      "帮扶个案 \(record.id) 目前为\(status)，只有\(allowed)的个案才能\(step.chinese)"
    }
  }

  /// Who may receive a case's money: a living, active member of the case's household who is
  /// an adult on the day of payment. A minor is never paid directly; the money goes to an
  /// adult member of the household, who receives it for the child.
  static let adultAge = 18

  static func checkPayee(_ payee: DirectoryPerson, of record: CaseRecord, on today: CalendarDate) throws(VetsError) {
    guard payee.isActive else {
      throw .failedPrecondition("payee \(payee.name) (\(payee.id)) is not an active, living person in the registry; choose another member")
    }
    guard payee.householdID == record.householdID else {
      throw .failedPrecondition("payee \(payee.name) (\(payee.id)) is not a member of household \(record.householdID)")
    }
    let age = payee.birthDate.age(on: today)
    guard age >= adultAge else {
      throw .failedPrecondition(
        "payee \(payee.name) (\(payee.id)) is \(age), under \(adultAge): a minor is not paid directly; "
          + "pay an adult member of household \(record.householdID), who receives the money for the child")
    }
  }

  /// Separation of duties, by person (subject), whichever token they use:
  /// - nobody decides a case they opened;
  /// - the one who set the amount (planned the case) does not approve it, at any level or by
  ///   the green channel, unless `[modules.relief] planner_may_approve` allows it;
  /// - nobody who approved a case pays it, unless `approver_may_pay` allows it.
  struct Duties: Sendable {
    var plannerMayApprove = false
    var approverMayPay = false
  }

  static func checkDecider(_ caller: Caller, _ record: CaseRecord, duties: Duties) throws(VetsError) {
    guard caller.subject != record.openedBySubject else {
      throw .permissionDenied("nobody decides a case they opened (case \(record.id), opened by \(record.openedBySubject))")
    }
    guard duties.plannerMayApprove || !record.planners.contains(caller.subject) else {
      throw .permissionDenied(
        "\(caller.subject) set the amount of case \(record.id) and may not also approve it; another approver decides "
          + "([modules.relief] planner_may_approve)")
    }
  }

  static func checkPayer(_ caller: Caller, _ record: CaseRecord, deciders: Set<String>, duties: Duties) throws(VetsError) {
    guard duties.approverMayPay || !deciders.contains(caller.subject) else {
      throw .permissionDenied(
        "\(caller.subject) approved case \(record.id) and may not also pay it; a clerk who did not decide it pays "
          + "([modules.relief] approver_may_pay)")
    }
  }

  /// The level this caller decides at now, or why they may not.
  static func checkApprover(_ caller: Caller, _ record: CaseRecord, deciders: Set<String>, duties: Duties = Duties()) throws(VetsError) -> String {
    try require(.decide, record)
    guard let next = record.pendingLevels.first else {
      throw .failedPrecondition("case \(record.id) has no level left to decide")
    }
    try checkDecider(caller, record, duties: duties)
    guard !deciders.contains(caller.subject) else {
      throw .permissionDenied("\(caller.subject) has already decided case \(record.id)")
    }
    guard level(of: caller.scope) == next else {
      throw .permissionDenied("case \(record.id) waits for a \(next)-level approver; this token's scope is \(caller.scope)")
    }
    try caller.mustCover(record.villageCode, "case \(record.id)")
    return next
  }

  /// A green-channel decision: a justification, and a plan within the limit. That only a
  /// county approver takes it is the rule table's (CaseService.rules).
  static func checkGreenChannel(_ caller: Caller, _ record: CaseRecord, justification: String, limit: Int64, duties: Duties = Duties())
    throws(VetsError)
  {
    try require(.greenChannel, record)
    try checkDecider(caller, record, duties: duties)
    guard !justification.isEmpty else {
      throw .invalidArgument(field: "justification", rule: "a green-channel decision must say why it cannot wait for the normal review")
    }
    let requested = record.plan?.requested.fen ?? 0
    guard requested <= limit else {
      throw .failedPrecondition(
        "the plan asks for \(Money.yuan(requested)) yuan, more than the green-channel limit of \(Money.yuan(limit)) yuan; use the normal review")
    }
  }
}
