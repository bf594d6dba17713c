// Money is integer fen (1 yuan = 100 fen), never floating point.

public import VetsAPI

public enum Money {
  /// Parses yuan as people write it ("5000", "5000.5", "5,000.00", "¥5000.00") exactly into
  /// fen. Refuses signs, exponents, more than two decimals, and zero.
  public static func fen(yuan text: String, field: String) throws(VetsError) -> Int64 {
    var digits = text.trimmingPrefix("¥").filter { $0 != "," }
    if digits.hasPrefix("￥") { digits.removeFirst() }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 13,
      whole.allSatisfy({ $0.isASCII && $0.isNumber })
    else {
      throw .invalidArgument(field: field, rule: "\(quoted: text) is not an amount in yuan such as 5000.00")
    }
    var fraction = parts.count == 2 ? String(parts[1]) : ""
    guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else {
      throw .invalidArgument(field: field, rule: "\(quoted: text) must have at most 2 decimal places (fen)")
    }
    fraction += String(repeating: "0", count: 2 - fraction.count)
    let fen = Int64(whole)! * 100 + Int64(fraction)!
    guard fen > 0 else { throw .invalidArgument(field: field, rule: "must be more than 0") }
    return fen
  }

  /// "5000.00" for 500000 fen.
  public static func yuan(_ fen: Int64) -> String {
    let sign = fen < 0 ? "-" : ""
    let magnitude = fen.magnitude
    let cents = magnitude % 100
    return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
  }

  /// An amount a request carries: more than zero and at most `ceiling` fen.
  public static func amount(_ money: Vets_Common_V1_Money, field: String, ceiling: Int64) throws(VetsError) -> Int64 {
    guard money.fen > 0 else { throw .invalidArgument(field: field, rule: "must be more than 0 fen") }
    guard money.fen <= ceiling else {
      throw .invalidArgument(field: field, rule: "must be at most \(yuan(ceiling)) yuan (the configured ceiling)")
    }
    return money.fen
  }

  public static func proto(_ fen: Int64) -> Vets_Common_V1_Money {
    var m = Vets_Common_V1_Money()
    m.fen = fen
    return m
  }
}
