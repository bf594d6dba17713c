public import VetsAPI

/// What a token may do. The scope says where.
public enum Role: String, Sendable, CaseIterable, Hashable, Comparable {
  case admin, clerk, approver, auditor, enterprise, coordinator, system

  /// Roles whose work needs full resident ID and phone numbers. Everyone else, `system`
  /// tokens included, gets them masked.
  public var seesPersonalData: Bool { [.admin, .clerk, .approver].contains(self) }

  public static func < (a: Role, b: Role) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  public init(_ proto: Vets_Daemon_V1_Role, field: String = "role") throws(VetsError) {
    switch proto {
    case .admin: self = .admin
    case .clerk: self = .clerk
    case .approver: self = .approver
    case .auditor: self = .auditor
    case .enterprise: self = .enterprise
    case .coordinator: self = .coordinator
    case .system: self = .system
    case .unspecified, .UNRECOGNIZED:
      throw .invalidArgument(
        field: field, rule: "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
    }
  }

  public var proto: Vets_Daemon_V1_Role {
    switch self {
    case .admin: .admin
    case .clerk: .clerk
    case .approver: .approver
    case .auditor: .auditor
    case .enterprise: .enterprise
    case .coordinator: .coordinator
    case .system: .system
    }
  }
}
