// The unified social credit code of enterprises and organisations (GB 32100-2015).

/// An 18-character unified social credit code, upper-cased, whose check character normally
/// matches. See ``init(_:field:acceptingWrongCheckCharacter:)`` for the rare official code that
/// fails the check.
public struct CreditCode: Sendable, Hashable {
  /// The 31 characters a code may use: no I, O, S, V or Z, which look like 1, 0, 5, U and 2.
  static let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
  /// 3^i mod 31 for i = 0...16.
  static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

  /// 18 characters, upper case.
  public let value: String

  /// Accepts 18 characters from the code's character set in either case, and upper-cases them.
  /// Refuses a wrong check character.
  public init(_ text: String, field: String = "credit_code") throws(VetsError) {
    try self.init(text, field: field, acceptingWrongCheckCharacter: false)
  }

  /// The operator override: with `acceptingWrongCheckCharacter` true, a code whose check
  /// character does not match is still accepted (a few officially issued codes fail the check);
  /// its length and characters must still be right.
  public init(_ text: String, field: String = "credit_code", acceptingWrongCheckCharacter: Bool) throws(VetsError) {
    let characters = Array(text)
    guard characters.count == 18 else {
      throw .invalidArgument(field: field, rule: "must be 18 characters (got \(characters.count))")
    }
    var upper = [UInt8]()
    upper.reserveCapacity(18)
    for (index, character) in characters.enumerated() {
      let byte = character.isASCII ? character.asciiValue.map(Self.upperCased) : nil
      guard let byte, Self.charset.contains(byte) else {
        throw .invalidArgument(field: field, rule: Self.badCharacterRule(character, position: index + 1))
      }
      upper.append(byte)
    }
    let code = String(decoding: upper, as: UTF8.self)
    if !acceptingWrongCheckCharacter {
      let expected = Self.checkCharacter(String(code.prefix(17)))
      let given = Character(UnicodeScalar(upper[17]))
      guard given == expected else {
        throw .invalidArgument(
          field: field,
          rule: "check character (the last one) is \(given) but the first 17 characters give \(expected.map(String.init) ?? "?"); one of the characters is mistyped")
      }
    }
    value = code
  }

  /// Whether the last character matches the first 17; false only for codes accepted with the
  /// override.
  public var hasValidCheckCharacter: Bool {
    Self.checkCharacter(String(value.prefix(17))) == value.last
  }

  /// The check character for 17 code characters (upper case only), or nil if `first17` is not
  /// 17 characters from the code's character set.
  public static func checkCharacter(_ first17: String) -> Character? {
    let bytes = Array(first17.utf8)
    guard bytes.count == 17 else { return nil }
    var sum = 0
    for (byte, weight) in zip(bytes, weights) {
      guard let value = charset.firstIndex(of: byte) else { return nil }
      sum += value * weight
    }
    return Character(UnicodeScalar(charset[(31 - sum % 31) % 31]))
  }

  private static func upperCased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
  }

  private static func badCharacterRule(_ character: Character, position: Int) -> String {
    let shown = character.isWhitespace || character.unicodeScalars.contains { $0.properties.generalCategory == .control }
      ? "a space or control character" : "\(quoted: character)"
    let lookalike: [Character: String] = ["I": "1", "O": "0", "S": "5", "Z": "2", "i": "1", "o": "0", "s": "5", "z": "2"]
    let hint = lookalike[character].map { " (perhaps the digit \($0))" } ?? ""
    return "character \(position) is \(shown)\(hint); codes use only digits and the letters A-Y without I, O, S, V and Z"
  }
}
