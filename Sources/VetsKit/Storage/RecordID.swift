/// Ids of module records: a prefix naming the kind ("per_", "case_", "act_") and 16 random
/// hex digits, so that tables of millions of rows never see two alike.
public enum RecordID {
  public static func make(_ prefix: String) -> String {
    var generator = SystemRandomNumberGenerator()
    let value = UInt64.random(in: .min ... .max, using: &generator)
    let hex = String(value, radix: 16)
    return prefix + String(repeating: "0", count: 16 - hex.count) + hex
  }
}
