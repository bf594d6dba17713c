import Foundation
import Testing
import VetsAPI
@testable import VetsKit

/// Every validator, given anything at all: control characters, Extension-B characters, very
/// long strings, integers at the edges of Int64, any date. It either accepts the value or
/// refuses it with INVALID_ARGUMENT naming the field; it never crashes and never throws
/// anything else. Seeded; VETSD_PROPERTY_SEED replays a run.
@Suite("Validator properties")
struct ValidatorPropertyTests {
  struct Arbitrary: RandomNumberGenerator {
    var random: SeededRandom
    mutating func next() -> UInt64 { random.next() }

    /// Often near the validator's own alphabet (digits, code letters, dashes), often not.
    mutating func string() -> String {
      let pools: [ClosedRange<UInt32>] = [
        0x30...0x39, 0x30...0x39, 0x41...0x5A, 0x2D...0x2E, 0x00...0x1F, 0x20...0x7E, 0x4E00...0x9FFF, 0x20000...0x2A6DF, 0xFF10...0xFF19,
      ]
      let count = [0, 1, 6, 9, 11, 12, 13, 17, 18, 19, 40, 2000].randomElement(using: &self)!
      var scalars = String.UnicodeScalarView()
      let pool = pools.randomElement(using: &self)!
      for _ in 0..<count {
        let from = Int.random(in: 0..<4, using: &self) == 0 ? pools.randomElement(using: &self)! : pool
        scalars.append(Unicode.Scalar(UInt32.random(in: from, using: &self))!)
      }
      return String(scalars)
    }

    mutating func int64() -> Int64 {
      [Int64.min, Int64.min + 1, -1, 0, 1, 100, Int64.max, Int64.max - 1, Int64(bitPattern: next())].randomElement(using: &self)!
    }

    mutating func int32() -> Int32 {
      [Int32.min, -1, 0, 1, 12, 13, 28, 29, 31, 32, 500, 501, Int32.max, Int32(truncatingIfNeeded: next())].randomElement(using: &self)!
    }
  }

  static let seed = ProcessInfo.processInfo.environment["VETSD_PROPERTY_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)

  /// Runs `check` 2,000 times; each must return or refuse naming `field`.
  func property(_ name: String, field: String, _ check: (inout Arbitrary) throws(VetsError) -> Void) {
    var arbitrary = Arbitrary(random: SeededRandom(seed: Self.seed, stream: name))
    var accepted = 0
    for run in 0..<2000 {
      do {
        try check(&arbitrary)
        accepted += 1
      } catch {
        guard case .invalidArgument(let named, let rule) = error else {
          Issue.record("\(name), seed \(Self.seed), run \(run): \(error) is not INVALID_ARGUMENT")
          return
        }
        #expect(named.hasPrefix(field) && !rule.isEmpty, "\(name), seed \(Self.seed), run \(run): named '\(named)'")
      }
    }
    print("\(name): \(accepted) of 2000 accepted (seed \(Self.seed))")
  }

  @Test func identifiersAndCodes() {
    property("ResidentID", field: "id_number") { a throws(VetsError) in _ = try ResidentID(a.string(), field: "id_number") }
    property("CreditCode", field: "credit_code") { a throws(VetsError) in _ = try CreditCode(a.string(), field: "credit_code") }
    property("DivisionCode.town", field: "town_code") { a throws(VetsError) in _ = try DivisionCode.town(a.string(), field: "town_code") }
    property("DivisionCode.village", field: "village_code") { a throws(VetsError) in
      _ = try DivisionCode.village(a.string(), field: "village_code")
    }
    property("DivisionCode.townOrVillage", field: "division_code") { a throws(VetsError) in
      _ = try DivisionCode.townOrVillage(a.string(), field: "division_code")
    }
    property("Phone", field: "phone") { a throws(VetsError) in _ = try Phone.validate(a.string(), field: "phone") }
    property("request_id", field: "request_id") { a throws(VetsError) in try Validate.requestID(a.string()) }
  }

  @Test func textAmountsDatesAndPages() {
    property("Validate.text", field: "name") { a throws(VetsError) in
      let text = a.string()
      let kept = try Validate.text(text, field: "name", max: 100)
      #expect(kept.count <= 100, "a kept text is within its limit")
    }
    property("Money.fen(yuan:)", field: "amount") { a throws(VetsError) in _ = try Money.fen(yuan: a.string(), field: "amount") }
    property("Money.amount", field: "amount") { a throws(VetsError) in
      var money = Vets_Common_V1_Money()
      money.fen = a.int64()
      let fen = try Money.amount(money, field: "amount", ceiling: 1_000_000_000)
      #expect(fen > 0 && fen <= 1_000_000_000, "an accepted amount is positive and within the ceiling")
    }
    property("CalendarDate(iso:)", field: "birth_date") { a throws(VetsError) in _ = try CalendarDate(iso: a.string(), field: "birth_date") }
    property("CalendarDate(proto)", field: "birth_date") { a throws(VetsError) in
      var date = Vets_Common_V1_Date()
      (date.year, date.month, date.day) = (a.int32(), a.int32(), a.int32())
      let checked = try CalendarDate(date, field: "birth_date")
      #expect(CalendarDate.daysIn(month: checked.month, year: checked.year) >= checked.day)
    }
    property("Page", field: "page") { a throws(VetsError) in
      var request = Vets_Common_V1_PageRequest()
      request.pageSize = a.int32()
      request.pageToken = Bool.random(using: &a) ? a.string() : ""
      _ = try Page(request)
    }
  }
}
