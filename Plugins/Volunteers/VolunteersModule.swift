// The volunteers module: the army-support network's organisations, "2+N" service groups,
// volunteer members, and the activities they carry out, with hours and money raised.

public import GRPCCore
import Foundation
public import GRDB
import VetsAPI
public import VetsKit

public struct VolunteersConfig: ModuleConfig {
  /// The largest single amount of money or goods raised, in yuan.
  public var donationCeilingYuan: Int64 = 10_000_000

  public static let reloadableKeys: Set<String> = ["donation_ceiling_yuan"]

  public init() {}

  public init(from section: inout ConfigSection) throws(ConfigError) {
    if let v = try section.integer("donation_ceiling_yuan", in: 1...1_000_000_000) { donationCeilingYuan = v }
  }
}

public struct VolunteersModule: VetsModule {
  public static let id = "volunteers"
  public static let version = "0.1.0"
  public static let requires = ["registry"]
  public static let uses = ["relief"]
  public static let serviceDescriptors = [Vets_Volunteers_V1_VolunteerService.descriptor]

  let service: VolunteerService

  public init(context: ModuleContext<VolunteersConfig>) async throws {
    guard let directory = context.interfaces.get((any PersonDirectory).self) else {
      throw VetsError.failedPrecondition("the registry's PersonDirectory is not published")
    }
    service = VolunteerService(
      database: context.database, directory: directory, deposits: context.interfaces.get((any ReliefDeposits).self), settings: context.settings)
    context.interfaces.get(HouseholdFileBook.self)?.register(VolunteersHouseholdSection(database: context.database, directory: directory))
  }

  public static func registerMigrations(_ migrations: inout ModuleMigrations) {
    VolunteersSchema.register(&migrations)
  }

  public var services: [ServiceRegistration] {
    [ServiceRegistration(service, descriptor: Vets_Volunteers_V1_VolunteerService.descriptor, rules: VolunteerService.rules)]
  }

  public func worklist(_ request: WorkRequest) async throws -> [Vets_Daemon_V1_WorkItem] {
    try await service.database.read { db in try VolunteersWorklist.items(db, request) }
  }

  public func countySummary(year: Int) async throws -> Vets_Daemon_V1_ReportSection? {
    let directory = service.directory
    let r = try await service.database.read { db in try VolunteersReport.compute(db, fromYear: year, year: year, directory: directory) }
    var s = Vets_Daemon_V1_ReportSection(module: Self.id, title: "志愿服务：“2+N”拥军服务队伍", english: "Volunteers: the \"2+N\" network")
    s.add("groups", "服务队", "Service groups", r.groups)
    s.add("member_units", "会员单位", "Member units", r.memberUnits)
    s.add("social_organisations", "社会化拥军组织", "Social army-support organisations", r.socialOrganisations)
    s.add("volunteers", "志愿者", "Volunteer members", r.volunteers)
    s.add("activities", "开展活动", "Activities", r.activities)
    s.add("hours.approved", "服务时长（小时），已审核", "Hours given, approved", r.approvedMinutes / 60)
    s.add("hours.pending", "服务时长（小时），待审核", "Hours given, awaiting approval", r.pendingMinutes / 60)
    s.add("raised.money", "募集爱心款（元）", "Money raised (yuan)", r.moneyRaised.fen, money: true)
    s.add("raised.goods", "募集爱心物资折价（元）", "Goods raised, at their value (yuan)", r.goodsRaised.fen, money: true)
    s.add("raised.deposited", "转入帮扶基金（元）", "Paid into the relief fund (yuan)", r.deposited.fen, money: true)
    s.add("beneficiaries.people", "服务的在册人员", "Registered people served", r.beneficiaryPeople)
    s.add("beneficiaries.households", "服务的在册家庭", "Registered households served", r.beneficiaryHouseholds)
    s.add("beneficiaries.unregistered", "服务的未登记人员", "Unregistered people served", r.beneficiaryHeadCount)
    s.add("veteran_volunteers", "参加志愿服务的退役军人", "Veterans who volunteered", r.activeVeteranVolunteers)
    return s
  }
}
