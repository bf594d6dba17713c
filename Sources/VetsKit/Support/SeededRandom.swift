/// A seeded generator (SplitMix64, Steele, Lea and Flood): the demo county, the benchmarks'
/// and the tests' random data come back from their seed. Its own `int`, `percent` and `pick`
/// never go through the standard library's `random(in:using:)`, whose algorithm may change,
/// so a seed gives the same values everywhere.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// One stream per use of a seed (a part of the county, a round, a property), so that
  /// drawing more numbers in one never shifts another.
  public init(seed: UInt64, stream: String = "") {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    state = seed ^ hash
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  public mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  public mutating func percent(_ chance: Int) -> Bool { int(0...99) < chance }

  public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
