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
    var s = Vets_Daemon_V1_ReportSection(module: Self.id, title: "Volunteers: the \"2+N\" network (志愿服务)")
    s.add("groups", "Service groups", r.groups)
    s.add("member_units", "Member units", r.memberUnits)
    s.add("social_organisations", "Social army-support organisations", r.socialOrganisations)
    s.add("volunteers", "Volunteer members", r.volunteers)
    s.add("activities", "Activities", r.activities)
    s.add("hours.approved", "Hours given, approved", r.approvedMinutes / 60)
    s.add("hours.pending", "Hours given, awaiting approval", r.pendingMinutes / 60)
    s.add("raised.money", "Money raised", r.moneyRaised.fen, money: true)
    s.add("raised.goods", "Goods raised, at their value", r.goodsRaised.fen, money: true)
    s.add("raised.deposited", "Paid into the relief fund", r.deposited.fen, money: true)
    s.add("beneficiaries.people", "Registered people served", r.beneficiaryPeople)
    s.add("beneficiaries.households", "Registered households served", r.beneficiaryHouseholds)
    s.add("beneficiaries.unregistered", "Unregistered people served", r.beneficiaryHeadCount)
    s.add("veteran_volunteers", "Veterans who volunteered", r.activeVeteranVolunteers)
    return s
  }
}
