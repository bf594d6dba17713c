import Foundation
import Testing
@testable import VetsKit

/// Issue 16, item 12: what the audit trail keeps of one token's refused writes.
@Suite("Refusal record")
struct RefusalRecordTests {
  @Test func aBurstIsRecordedUpToTheRateThenCountedOnTheNextRecord() {
    let refusals = RefusalRecord(perMinute: 3)
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let first = (0..<3).map { _ in refusals.decide(tokenID: "tok_a", now: start) }
    #expect(first == Array(repeating: .record(suppressed: 0), count: 3))
    let flood = (0..<100).map { i in refusals.decide(tokenID: "tok_a", now: start.addingTimeInterval(Double(i) / 1000)) }
    #expect(flood.allSatisfy { $0 == .suppress })
    #expect(refusals.decide(tokenID: "tok_b", now: start) == .record(suppressed: 0), "another token has its own allowance")
    // 20 s later one more refusal may be recorded, and it carries the 100 in between.
    #expect(refusals.decide(tokenID: "tok_a", now: start.addingTimeInterval(20)) == .record(suppressed: 100))
    #expect(refusals.decide(tokenID: "tok_a", now: start.addingTimeInterval(20)) == .suppress)
    #expect(refusals.decide(tokenID: "tok_a", now: start.addingTimeInterval(40)) == .record(suppressed: 1))
  }
}
