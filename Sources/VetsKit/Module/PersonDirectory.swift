// What the registry tells other modules about people and households. Other modules store
// the registry's opaque ids, never resident ID numbers, and ask through this protocol
// instead of reading the registry's tables.

public import GRDB
public import VetsAPI

public struct DirectoryPerson: Sendable, Equatable {
  public var id: String
  public var name: String
  public var status: Vets_Registry_V1_PersonStatus
  public var categories: [Vets_Registry_V1_Category]
  public var householdID: String?
  public var villageCode: String
  public var birthDate: CalendarDate

  public init(
    id: String, name: String, status: Vets_Registry_V1_PersonStatus, categories: [Vets_Registry_V1_Category],
    householdID: String?, villageCode: String, birthDate: CalendarDate
  ) {
    self.id = id
    self.name = name
    self.status = status
    self.categories = categories
    self.householdID = householdID
    self.villageCode = villageCode
    self.birthDate = birthDate
  }

  /// Alive and on the roster: the only people who may be paid or confirmed.
  public var isActive: Bool { status == .active }

  /// The veteran kinds (categories 1-8), as against the family and special categories.
  public static let veteranCategories: Set<Vets_Registry_V1_Category> = [
    .transferredOfficer, .dischargedSoldier, .retiredOfficer, .retiredCivilianStaff, .demobilisedSoldier, .redArmyVeteran,
    .disabledServiceman, .disabledMilitia,
  ]

  public var isVeteran: Bool { !DirectoryPerson.veteranCategories.isDisjoint(with: categories) }
}

public struct DirectoryHousehold: Sendable, Equatable {
  public var id: String
  public var headPersonID: String
  public var villageCode: String
  public var memberIDs: [String]

  public init(id: String, headPersonID: String, villageCode: String, memberIDs: [String]) {
    self.id = id
    self.headPersonID = headPersonID
    self.villageCode = villageCode
    self.memberIDs = memberIDs
  }
}

/// A service station: the county centre, a town or village station, or a talk room.
public struct DirectoryStation: Sendable, Equatable {
  public var id: String
  public var name: String
  public var kind: String
  /// The town or village it serves.
  public var divisionCode: String

  public init(id: String, name: String, kind: String, divisionCode: String) {
    self.id = id
    self.name = name
    self.kind = kind
    self.divisionCode = divisionCode
  }
}

/// Published by the registry module.
public protocol PersonDirectory: Sendable {
  func person(id: String) async throws -> DirectoryPerson?
  /// The same, read inside the caller's transaction, for a rule its write depends on
  /// (paying only a living member of the household).
  func person(_ db: Database, id: String) throws -> DirectoryPerson?
  func person(certificateNo: String) async throws -> DirectoryPerson?
  func person(residentID: ResidentID) async throws -> DirectoryPerson?
  func household(id: String) async throws -> DirectoryHousehold?
  func station(id: String) async throws -> DirectoryStation?
  /// Names for people to read beside ids and codes: a person's (per_…), a household head's
  /// with 户 (hh_…), a station's (st_…), a town's (9 digits) or a village's after its town's
  /// (12 digits). Ids it does not hold are left out.
  func names(of ids: Set<String>) async throws -> [String: String]
}
