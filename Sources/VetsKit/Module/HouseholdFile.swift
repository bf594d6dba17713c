// The household file's extension point: modules that keep records about a household add
// their own section to `vetsctl registry household show`.

public import VetsAPI
import Synchronization

public protocol HouseholdFileContributor: Sendable {
  /// This module's section for the household, or nil when it has nothing on it.
  func householdFileSection(householdID: String) async throws -> Vets_Registry_V1_HouseholdFileSection?
}

/// Published by the registry module; modules that use the registry register with it when
/// they are built, so the registry need not know them.
public final class HouseholdFileBook: Sendable {
  private let contributors = Mutex<[any HouseholdFileContributor]>([])

  public init() {}

  public func register(_ contributor: any HouseholdFileContributor) {
    contributors.withLock { $0.append(contributor) }
  }

  public func sections(householdID: String) async throws -> [Vets_Registry_V1_HouseholdFileSection] {
    var sections: [Vets_Registry_V1_HouseholdFileSection] = []
    for contributor in contributors.withLock({ $0 }) {
      if let section = try await contributor.householdFileSection(householdID: householdID) {
        sections.append(section)
      }
    }
    return sections
  }
}
