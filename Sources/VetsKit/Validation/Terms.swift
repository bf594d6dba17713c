// The words a module stores for a protobuf enum: one table per enum, read both ways.

public struct Terms<Value: Equatable & Sendable>: Sendable {
  public let pairs: [(Value, String)]

  public init(_ pairs: [(Value, String)]) { self.pairs = pairs }

  /// The stored word for a value a client sent; unspecified and unknown values are refused.
  public func word(_ value: Value, field: String) throws(VetsError) -> String {
    guard let word = pairs.first(where: { $0.0 == value })?.1 else {
      throw .invalidArgument(field: field, rule: "must be one of \(pairs.map(\.1).joined(separator: ", "))")
    }
    return word
  }

  /// The word, or nil for "any" (the enum's unspecified value) in a filter.
  public func filter(_ value: Value, unspecified: Value, field: String) throws(VetsError) -> String? {
    value == unspecified ? nil : try word(value, field: field)
  }

  public func value(_ word: String) -> Value? { pairs.first { $0.1 == word }?.0 }
}
