import Foundation
import Testing
@testable import VetsKit

/// Instants are stored as text; reading them back by hand must give the stored millisecond,
/// and the instant the ISO 8601 format style reads.
@Suite struct InstantTests {
  /// Not asserted: that the text written back from a read instant is the stored text. The
  /// format style itself does not keep that (its own parse, formatted again, loses a
  /// millisecond for about 2 texts in 5), and nothing here writes a read instant back.
  @Test func theHandReaderGivesTheStoredMillisecondAndAgreesWithTheFormatStyle() throws {
    let seed = ValidatorPropertyTests.seed
    var random = SeededRandom(seed: seed, stream: "instants")
    for _ in 0..<5000 {
      let millis = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &random)  // 1900 to 2100
      let text = Instant.text(Date(timeIntervalSince1970: Double(millis) / 1000))
      let read = try #require(Instant.fixedForm(text), "\(text)")
      // The millisecond the text holds; the style may have written the one below `millis`.
      let stored = Int64(text.dropLast().suffix(3))!
      let readMillis = Int64((read.timeIntervalSince1970 * 1000).rounded())
      #expect((readMillis % 1000 + 1000) % 1000 == stored, "seed \(seed): \(text) read as \(readMillis) ms")
      #expect(abs(readMillis - millis) <= 1, "seed \(seed): \(text) from \(millis)")
      let styleRead = try Instant.style.parse(text)
      #expect(abs(read.timeIntervalSince(styleRead)) < 0.000_01, "seed \(seed): \(text)")
      let whole = String(text.prefix(19)) + "Z"
      #expect(Instant.fixedForm(whole) == (try Date.ISO8601FormatStyle().parse(whole)), "seed \(seed): \(whole)")
    }
  }

  @Test func otherFormsAreLeftToTheFormatStyle() {
    for text in ["2026-11-30T03:40:00+08:00", "2026-11-30 03:40:00Z", "2026-13-01T00:00:00Z", "20261130T034000Z", "", "2026-11-30T03:40:00.1234Z"] {
      #expect(Instant.fixedForm(text) == nil, "\(text)")
    }
    #expect(Instant.date("2026-11-30T03:40:00+08:00") == Date(timeIntervalSince1970: 1_795_981_200), "offsets still parse")
  }
}
