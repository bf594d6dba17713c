// Mainland China phone numbers: accepted spellings, the one stored form, and the masked form.

/// Phone numbers are stored normalised so the same number typed two ways compares equal:
/// mobiles as 11 digits ("13812345678"), landlines as area code, hyphen, number and optional
/// extension ("0537-7212345", "010-12345678-123").
public enum Phone {
  /// Validates and normalises. Mobiles may carry a "+86" or "86" prefix, optionally followed by
  /// a space or hyphen. Landlines may omit the hyphen after the area code; without it, 010 and
  /// 020-029 are taken as the three-digit area codes and every other one as four digits, as
  /// China's numbering plan assigns them. Spaces around the number are ignored.
  public static func validate(_ text: String, field: String = "phone") throws(VetsError) -> String {
    let trimmed = Substring(text).trimmingSpaces
    guard !trimmed.isEmpty else {
      throw .invalidArgument(field: field, rule: "is required")
    }
    var rest = trimmed
    var hadCountryCode = false
    if rest.hasPrefix("+86") {
      rest = rest.dropFirst(3)
      hadCountryCode = true
    } else if rest.hasPrefix("86") && rest.dropFirst(2).first.map({ $0 == " " || $0 == "-" || $0 == "1" }) == true
      && rest.count >= 13
    {
      rest = rest.dropFirst(2)
      hadCountryCode = true
    }
    if hadCountryCode, let first = rest.first, first == " " || first == "-" { rest = rest.dropFirst() }

    guard rest.allSatisfy({ $0.isASCIIDigit || $0 == "-" }) else {
      throw .invalidArgument(
        field: field,
        rule: "must be a mobile number (11 digits, e.g. 13812345678) or a landline (e.g. 0537-7212345); only digits, hyphens and a leading +86 are allowed")
    }
    if rest.first == "0" && !hadCountryCode {
      return try landline(rest, field: field)
    }
    return try mobile(rest, field: field)
  }

  /// For lists and logs. Mobiles keep the first 3 and last 4 digits ("138****5678"); landlines
  /// keep the area code and the last 4 digits of the number and drop any extension
  /// ("0537-***2345"). Anything else keeps only its last 4 characters.
  public static func masked(_ phone: String) -> String {
    let characters = Array(phone)
    if characters.count == 11, characters.allSatisfy(\.isASCIIDigit) {
      return String(characters[0..<3]) + "****" + String(characters[7...])
    }
    let parts = phone.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count >= 2, parts[0].first == "0", parts[1].count > 4,
      parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit)
    {
      return "\(parts[0])-" + String(repeating: "*", count: parts[1].count - 4) + String(parts[1].suffix(4))
    }
    return String(repeating: "*", count: max(0, characters.count - 4)) + String(characters.suffix(4))
  }

  private static func mobile(_ number: Substring, field: String) throws(VetsError) -> String {
    guard !number.contains("-") else {
      throw .invalidArgument(field: field, rule: "a mobile number must be 11 digits without hyphens, e.g. 13812345678")
    }
    guard number.count == 11 else {
      throw .invalidArgument(
        field: field, rule: "a mobile number must be 11 digits, e.g. 13812345678 (got \(number.count) digits)")
    }
    let utf8 = Array(number.utf8)
    guard utf8[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(utf8[1]) else {
      throw .invalidArgument(
        field: field, rule: "a mobile number must start with 13 to 19; a landline must start with its area code, e.g. 0537")
    }
    return String(number)
  }

  private static func landline(_ text: Substring, field: String) throws(VetsError) -> String {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    var area: Substring
    var local: Substring
    var ext: Substring? = nil
    switch parts.count {
    case 1:
      (area, local) = splitArea(parts[0])
    case 2 where parts[0].count <= 4:
      (area, local) = (parts[0], parts[1])
    case 2:
      (area, local) = splitArea(parts[0])
      ext = parts[1]
    case 3:
      (area, local, ext) = (parts[0], parts[1], parts[2])
    default:
      throw landlineRule(field)
    }
    guard (3...4).contains(area.count), (7...8).contains(local.count) else { throw landlineRule(field) }
    if let ext {
      guard (1...6).contains(ext.count) else {
        throw .invalidArgument(field: field, rule: "the extension after the last hyphen must be 1-6 digits")
      }
      return "\(area)-\(local)-\(ext)"
    }
    return "\(area)-\(local)"
  }

  /// 010 and 02x are the only three-digit area codes.
  private static func splitArea(_ digits: Substring) -> (Substring, Substring) {
    let second = digits.dropFirst().first
    let length = second == "1" || second == "2" ? 3 : 4
    return (digits.prefix(length), digits.dropFirst(length))
  }

  private static func landlineRule(_ field: String) -> VetsError {
    .invalidArgument(
      field: field,
      rule: "a landline must be an area code (0 and 2-3 digits), a hyphen and a 7-8 digit number, with an optional extension, e.g. 0537-7212345 or 0537-7212345-123")
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var s = self
    while s.first == " " || s.first == "\t" { s = s.dropFirst() }
    while s.last == " " || s.last == "\t" { s = s.dropLast() }
    return s
  }
}
