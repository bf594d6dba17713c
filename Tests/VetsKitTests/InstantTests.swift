import Foundation
import Testing
@testable import VetsKit

/// Instants are stored as text; reading them back by hand must give exactly what the
/// ISO 8601 format style gives.
@Suite struct InstantTests {
  @Test func theHandReaderAgreesWithTheFormatStyleOnEveryStoredForm() throws {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<5000 {
      let millis = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)  // 1900 to 2100
      let date = Date(timeIntervalSince1970: Double(millis) / 1000)
      let text = Instant.text(date)
      let read = try #require(Instant.fixedForm(text), "\(text)")
      // The same instant as the format style reads, to well under the stored millisecond;
      // written back, the same text whenever the style's own reading gives it.
      let styleRead = try Instant.style.parse(text)
      #expect(abs(read.timeIntervalSince(styleRead)) < 0.000_01, "\(text)")
      if Instant.text(styleRead) == text { #expect(Instant.text(read) == text) }
      let whole = String(text.prefix(19)) + "Z"
      #expect(Instant.fixedForm(whole) == (try Date.ISO8601FormatStyle().parse(whole)), "\(whole)")
    }
  }

  @Test func otherFormsAreLeftToTheFormatStyle() {
    for text in ["2026-11-30T03:40:00+08:00", "2026-11-30 03:40:00Z", "2026-13-01T00:00:00Z", "20261130T034000Z", "", "2026-11-30T03:40:00.1234Z"] {
      #expect(Instant.fixedForm(text) == nil, "\(text)")
    }
    #expect(Instant.date("2026-11-30T03:40:00+08:00") == Date(timeIntervalSince1970: 1_795_981_200), "offsets still parse")
  }
}
