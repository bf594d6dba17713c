/// Where a token may act: the whole county, one town (9-digit code), one village (12-digit
/// code), or one alliance enterprise.
public enum Scope: Sendable, Hashable, CustomStringConvertible {
  case county
  case town(String)
  case village(String)
  case enterprise(String)

  /// Parses "county", "town:<9 digits>", "village:<12 digits>" or "enterprise:<id>".
  public init(parsing text: String, field: String = "scope") throws(VetsError) {
    let rule = "must be county, town:<9-digit code>, village:<12-digit code> or enterprise:<id>"
    if text == "county" {
      self = .county
      return
    }
    guard let colon = text.firstIndex(of: ":") else { throw .invalidArgument(field: field, rule: rule) }
    let kind = text[..<colon]
    let value = String(text[text.index(after: colon)...])
    switch kind {
    case "town" where Self.isDigits(value, count: 9): self = .town(value)
    case "village" where Self.isDigits(value, count: 12): self = .village(value)
    case "enterprise" where !value.isEmpty && value.count <= 64
      && value.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }):
      self = .enterprise(value)
    default:
      throw .invalidArgument(field: field, rule: rule)
    }
  }

  static func isDigits(_ s: String, count: Int) -> Bool {
    s.utf8.count == count && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  public var description: String {
    switch self {
    case .county: "county"
    case .town(let code): "town:\(code)"
    case .village(let code): "village:\(code)"
    case .enterprise(let id): "enterprise:\(id)"
    }
  }

  /// Whether a record in this 12-digit village (or 9-digit town) lies inside the scope.
  /// Enterprise scopes cover no division.
  public func covers(division code: String) -> Bool {
    switch self {
    case .county: true
    case .town(let town): code.hasPrefix(town)
    case .village(let village): code == village
    case .enterprise: false
    }
  }
}

extension Caller {
  /// The one scope check of a record a call reads, changes or creates: PERMISSION_DENIED
  /// unless this token's scope covers `division` (a village or town code), naming `what`.
  /// With `field`, the refusal names the request field that led there.
  public func mustCover(_ division: String, _ what: String, field: String? = nil) throws(VetsError) {
    guard scope.covers(division: division) else {
      let refusal = VetsError.permissionDenied("\(what) is in \(division), outside this token's scope \(scope)")
      throw field.map { .concerning(field: $0, refusal) } ?? refusal
    }
  }
}
