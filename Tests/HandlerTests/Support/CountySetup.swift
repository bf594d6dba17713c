import Foundation
import Testing
import GRPCCore
import SwiftProtobuf
import TestSupport
import VetsAPI

/// A county for handler tests: one town with a village and a second town, Mr. Rong's household
/// (Rong, a discharged soldier, and his wife, a serving member's family), and tokens for a
/// village clerk and approvers at each level, all made over gRPC with the admin token.
struct CountySetup {
  let daemon: InProcessDaemon
  let rong: String
  let wife: String
  let household: String
  let clerk: String
  let village: String
  let town: String
  let county: String
  let otherTown: String

  static let village1 = "370830001001"
  static let divisions = "code,name\n370830001,中都街道\n370830001001,东关村\n370830002,南旺镇\n370830002001,南旺村\n"

  var rongID: String { residentID(born: "1950-03-12", sequence: "001") }
  var wifeID: String { residentID(born: "1952-07-01", sequence: "002") }

  static func make(_ daemon: InProcessDaemon) async throws -> CountySetup {
    let admin = try daemon.metadata()
    let client = daemon.client
    var divisions = Vets_Registry_V1_ImportDivisionsRequest()
    divisions.requestID = UUID().uuidString
    divisions.csv = Data(Self.divisions.utf8)
    let imported = try await Vets_Registry_V1_DivisionService.Client(wrapping: client).importDivisions(divisions, metadata: admin)
    try #require(imported.errors.isEmpty, "\(imported.errors)")

    let people = Vets_Registry_V1_PeopleService.Client(wrapping: client)
    func add(_ name: String, _ born: (Int32, Int32, Int32), _ sequence: String, _ sex: Vets_Registry_V1_Sex,
      _ category: Vets_Registry_V1_PersonCategory, served: Bool) async throws -> String {
      var request = Vets_Registry_V1_AddPersonRequest()
      request.requestID = UUID().uuidString
      request.person.idNumber = residentID(born: String(format: "%04d%02d%02d", born.0, born.1, born.2), sequence: sequence)
      request.person.name = name
      request.person.sex = sex
      request.person.birthDate = .with { $0.year = born.0; $0.month = born.1; $0.day = born.2 }
      request.person.categories = [category]
      request.person.villageCode = village1
      request.person.tags = ["兵支书"]
      if served {
        request.person.enlistedOn = .with { $0.year = 1968; $0.month = 3; $0.day = 1 }
        request.person.dischargedOn = .with { $0.year = 1975; $0.month = 4; $0.day = 1 }
      }
      return try await people.addPerson(request, metadata: admin).id
    }
    let rong = try await add("荣庆华", (1950, 3, 12), "001", .male, .with { $0.category = .dischargedSoldier }, served: true)
    let wife = try await add(
      "王秀英", (1952, 7, 1), "002", .female, .with { $0.category = .servingMemberFamily; $0.kinship = .spouse }, served: false)

    let households = Vets_Registry_V1_HouseholdService.Client(wrapping: client)
    var create = Vets_Registry_V1_CreateHouseholdRequest()
    create.requestID = UUID().uuidString
    create.headPersonID = rong
    let household = try await households.createHousehold(create, metadata: admin).id
    var member = Vets_Registry_V1_AddHouseholdMemberRequest()
    member.requestID = UUID().uuidString
    member.householdID = household
    member.personID = wife
    member.relation = "配偶"
    _ = try await households.addHouseholdMember(member, metadata: admin)

    return CountySetup(
      daemon: daemon, rong: rong, wife: wife, household: household,
      clerk: try await daemon.createToken(role: "clerk", scope: "village:\(village1)", name: "village-clerk").file,
      village: try await daemon.createToken(role: "approver", scope: "village:\(village1)", name: "village-approver").file,
      town: try await daemon.createToken(role: "approver", scope: "town:370830001", name: "town-approver").file,
      county: try await daemon.createToken(role: "approver", scope: "county", name: "county-approver").file,
      otherTown: try await daemon.createToken(role: "approver", scope: "town:370830002", name: "other-town-approver").file)
  }
}

/// The alliance's two enterprises in the handler tests' county.
typealias CountyAlliance = AllianceSetup<InProcessDaemon, CountySetup>

extension AllianceSetup where Daemon == InProcessDaemon, County == CountySetup {
  static func make(_ daemon: InProcessDaemon) async throws -> Self {
    try await make(daemon, county: try await CountySetup.make(daemon))
  }
}
