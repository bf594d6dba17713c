// The appeals module (诉求): requests received at the stations and the service hall, each
// given a policy answer, a deadline in working days, progress the person is told about, and
// a return visit asking whether they are satisfied.

public import GRPCCore
import Foundation
public import ServiceLifecycle
public import VetsAPI
public import VetsKit

public struct AppealsConfig: ModuleConfig {
  /// Working days to resolve an appeal, by category (the stored category words).
  public var workingDays: [String: Int] = [
    "pension_benefits": 15, "resettlement_employment": 20, "medical": 10, "housing": 20, "hardship": 5, "rights_legal": 30,
    "records": 10, "other": 15,
  ]
  /// The holiday and adjusted-workday file; weekends only when unset.
  public var calendarFile: String?
  /// How often the deadline watch looks for overdue appeals and ended holds.
  public var checkEverySeconds: Int64 = 300

  /// The allowance for a category word; every category has one, the defaults above or the config's.
  func workingDays(for category: String) -> Int { workingDays[category] ?? 15 }

  public static let reloadableKeys: Set<String> = Set(
    Vets_Appeals_V1_Category.terms.pairs.map { "working_days.\($0.1)" } + ["check_every_seconds"])

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    var days = try section.section("working_days")
    for (_, category) in Vets_Appeals_V1_Category.terms.pairs {
      if let v = try days.integer(category, in: 1...250) { workingDays[category] = Int(v) }
    }
    try days.finish()
    if let path = try section.string("calendar_file"), !path.isEmpty {
      let resolved = path.hasPrefix("/") ? path : URL(fileURLWithPath: section.file).deletingLastPathComponent().appendingPathComponent(path).path
      do {
        _ = try CalendarFile(path: resolved)
      } catch {
        throw section.error("calendar_file", "\(error)")
      }
      calendarFile = resolved
    }
    if let v = try section.integer("check_every_seconds", in: 10...86_400) { checkEverySeconds = v }
  }
}

public struct AppealsModule: VetsModule {
  public static let id = "appeals"
  public static let version = "0.1.0"
  public static let requires = ["registry"]
  public static let uses = ["relief"]
  public static let serviceDescriptors = [Vets_Appeals_V1_AppealService.descriptor]

  let service: AppealService
  let watch: DeadlineWatch

  public init(context: ModuleContext<AppealsConfig>) async throws {
    guard let directory = context.interfaces.get((any PersonDirectory).self) else {
      throw VetsError.failedPrecondition("the registry's PersonDirectory is not published")
    }
    let calendar = try CalendarFile(path: context.config.calendarFile, logger: context.logger)
    service = AppealService(
      database: context.database, directory: directory, relief: context.interfaces.get((any ReliefCaseIntake).self),
      settings: context.settings, calendar: calendar)
    watch = DeadlineWatch(
      database: context.database, settings: context.settings, calendar: calendar, health: context.health, logger: context.logger)
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    AppealsSchema.register(&migrations)
  }

  public var services: [ServiceRegistration] {
    [ServiceRegistration(service, descriptor: Vets_Appeals_V1_AppealService.descriptor, rules: AppealService.rules)]
  }

  public var backgroundWork: [any Service] { [watch] }

  /// Appeals overdue, and those due within the next working days, for the caller's scope.
  public func worklist(_ request: WorkRequest) async throws -> [Vets_Daemon_V1_WorkItem] {
    let horizon = service.calendar.current.adding(workingDays: request.dueWithinWorkingDays, to: request.today)
    let due = try await service.database.read { db in try AppealRecord.due(db, by: horizon, scope: request.caller.scope) }
    return due.map { appeal in
      let overdue = appeal.dueOn < request.today
      var item = Vets_Daemon_V1_WorkItem(
        module: Self.id, kind: overdue ? "appeal_overdue" : "appeal_due_soon", label: overdue ? "诉求逾期" : "诉求即将到期",
        record: appeal.id, division: appeal.villageCode, summary: appeal.summary)
      item.personID = appeal.personID
      item.due(appeal.dueOn, today: request.today)
      return item
    }
  }

  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? {
    let today = CalendarDate.today(service.database.clock)
    let total = try await service.database.read { db in try AppealReport.compute(db, year: year, today: today).total }
    var s = Vets_Daemon_V1_ReportSection(module: Self.id, title: "诉求：政策答复和回访", english: "Appeals: policy answers and follow-up")
    s.add("received", "受理诉求", "Appeals received", Int64(total.received))
    s.add("within_policy", "认定属于政策范围", "Determined within policy", Int64(total.withinPolicy))
    s.add("outside_policy", "认定不属于政策范围", "Refused as outside policy", Int64(total.determined - total.withinPolicy))
    s.add("resolved", "已办结", "Resolved", Int64(total.resolved))
    s.add("resolved_on_time", "按期办结", "Resolved by the due date", Int64(total.resolvedOnTime))
    s.add("satisfied", "回访满意或基本满意", "Satisfied or basically satisfied at the return visit", Int64(total.satisfied + total.basicallySatisfied))
    s.add("dissatisfied", "回访不满意", "Dissatisfied at the return visit", Int64(total.dissatisfied))
    s.add("overdue_now", "目前已超期", "Overdue now", Int64(total.overdueNow))
    return s
  }
}
