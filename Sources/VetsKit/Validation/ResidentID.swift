// The 18-character resident identity number (GB 11643-1999) and what it encodes.

/// Sex as recorded on the resident ID: the 17th digit is odd for men and even for women.
public enum PersonSex: String, Sendable {
  case male, female
}

/// A resident identity number whose form, embedded birth date and check character are right.
///
/// Address codes are not checked against a list: a number issued under a county code that was
/// later retired stays valid for life.
public struct ResidentID: Sendable, Hashable {
  static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  static let checkCharacters = Array("10X98765432")

  /// 18 characters; a check character X is always upper case.
  public let value: String
  private let birth: CalendarDate

  /// Accepts exactly 18 characters, nothing around them: 17 digits and a digit or X (either
  /// case). The birth date in positions 7-14 must be a real date, and the check character must
  /// match the first 17 digits.
  public init(_ text: String, field: String = "id_number") throws(VetsError) {
    let characters = Array(text)
    guard characters.count == 18 else {
      throw .invalidArgument(field: field, rule: "must be 18 characters (got \(characters.count))")
    }
    let first17 = String(characters[0..<17])
    guard let expected = Self.checkCharacter(first17) else {
      throw .invalidArgument(field: field, rule: "must be 17 digits followed by a digit or X")
    }
    let given = characters[17] == "x" ? "X" : characters[17]
    guard given == "X" || given.isASCIIDigit else {
      throw .invalidArgument(field: field, rule: "must be 17 digits followed by a digit or X")
    }
    let birthDigits = String(characters[6..<14])
    do {
      birth = try CalendarDate(iso: birthDigits, field: field)
    } catch {
      throw .invalidArgument(
        field: field, rule: "holds birth date \(birthDigits) (characters 7-14), which is not a real date")
    }
    guard given == expected else {
      throw .invalidArgument(
        field: field,
        rule: "check character (the last one) is \(given) but the first 17 digits give \(expected); one of the characters is mistyped")
    }
    value = first17 + String(given)
  }

  /// The check character for 17 digits, or nil if `first17` is not exactly 17 ASCII digits.
  public static func checkCharacter(_ first17: String) -> Character? {
    let digits = Array(first17.utf8)
    guard digits.count == 17, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      return nil
    }
    var sum = 0
    for (digit, weight) in zip(digits, weights) { sum += Int(digit - UInt8(ascii: "0")) * weight }
    return checkCharacters[sum % 11]
  }

  /// The county where the number was first issued (GB/T 2260), possibly since retired.
  public var addressCode: String { String(value.prefix(6)) }

  /// Always a real date: the initialiser checked it.
  public var birthDate: CalendarDate { birth }

  public var sex: PersonSex {
    let digit = value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: 16)] - UInt8(ascii: "0")
    return digit % 2 == 1 ? .male : .female
  }

  /// The last six characters, which people quote to confirm who they are.
  public var lastSix: String { String(value.suffix(6)) }

  /// For lists and logs: the address code and last four stay visible, e.g. "370830********123X".
  /// Region and last four: for lists shown to roles that may read the full number anyway.
  public var masked: String { String(value.prefix(6)) + String(repeating: "*", count: 8) + String(value.suffix(4)) }
  /// Region only: for roles that may not read personal data. With the birth year they are
  /// shown, the tail and its check character would narrow the birth date to a few dozen
  /// candidates to confirm by search; without them a guess is as blind as with no view.
  public var concealed: String { String(value.prefix(6)) + String(repeating: "*", count: 12) }

  /// Checks agreement with stated birth date and sex; throws naming field "birth_date" or "sex".
  public func check(birthDate stated: CalendarDate, sex statedSex: PersonSex) throws(VetsError) {
    guard stated == birthDate else {
      throw .invalidArgument(
        field: "birth_date", rule: "is \(stated) but the ID number gives \(birthDate); correct one of them")
    }
    guard statedSex == sex else {
      throw .invalidArgument(
        field: "sex", rule: "is \(statedSex.rawValue) but the ID number (17th digit) gives \(sex.rawValue); correct one of them")
    }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
