// Administrative division codes: county (GB/T 2260, 6 digits), town (9) and village (12).

/// Codes are checked for form only, not against a list, since divisions are merged and renamed
/// while old records keep their codes. A code whose own part is all zeros names the level above
/// (370830000 is the county, not a town) and is refused.
public enum DivisionCode {
  /// A 6-digit county code such as 370830 (Wenshang County); "xxxx00" names a prefecture.
  public static func county(_ s: String, field: String) throws(VetsError) -> String {
    try digits(s, count: 6, level: "county", example: "370830", field: field)
  }

  /// A 9-digit town code: county (6) + town (3), e.g. 370830001.
  public static func town(_ s: String, field: String) throws(VetsError) -> String {
    try digits(s, count: 9, level: "town", example: "370830001", field: field)
  }

  /// A 12-digit village code: town (9) + village (3), e.g. 370830001001.
  public static func village(_ s: String, field: String) throws(VetsError) -> String {
    try digits(s, count: 12, level: "village", example: "370830001001", field: field)
  }

  /// A town code (9 digits) or a village code (12 digits).
  public static func townOrVillage(_ s: String, field: String) throws(VetsError) -> String {
    switch s.utf8.count {
    case 12: try village(s, field: field)
    case 9: try town(s, field: field)
    default:
      throw .invalidArgument(
        field: field,
        rule: "must be a 9-digit town code or a 12-digit village code, e.g. 370830001 or 370830001001 (got \(s.count) characters)")
    }
  }

  /// The town a village code belongs to: its first 9 digits. Expects a validated village code.
  public static func townOf(village: String) -> String {
    String(village.prefix(9))
  }

  private static func digits(
    _ s: String, count: Int, level: String, example: String, field: String
  ) throws(VetsError) -> String {
    let bytes = Array(s.utf8)
    guard bytes.count == count, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      throw .invalidArgument(
        field: field, rule: "must be a \(count)-digit \(level) code, e.g. \(example) (got \"\(s)\")")
    }
    // The last part of each level: county 2 digits, town 3, village 3.
    let own = count == 6 ? bytes.suffix(2) : bytes.suffix(3)
    guard own.contains(where: { $0 != UInt8(ascii: "0") }) else {
      throw .invalidArgument(
        field: field, rule: "\(s) ends in \(own.count) zeros, which names the level above, not a \(level)")
    }
    return s
  }
}
