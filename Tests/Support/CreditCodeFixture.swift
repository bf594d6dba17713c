public enum CreditCodeFixture {
  static let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

  /// A valid unified social credit code from 17 characters of the charset (padded).
  public static func valid(seed: String) -> String {
    let first17 = String((seed + "00000000000000000").prefix(17))
    let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    let sum = zip(first17, weights).reduce(0) { $0 + charset.firstIndex(of: $1.0)! * $1.1 }
    return first17 + String(charset[(31 - sum % 31) % 31])
  }
}
