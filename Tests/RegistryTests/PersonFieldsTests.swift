import Foundation
import TestSupport
import Testing
import VetsAPI
import VetsKit

@testable import Registry

/// The rules every add, update and imported row passes through.
@Suite struct PersonFieldsTests {
  static let today = try! CalendarDate(year: 2026, month: 11, day: 29, field: "today")

  /// Mr. Rong of the seed: enlisted 1968-03, discharged 1975-04, a village party secretary.
  static func rong() -> Vets_Registry_V1_PersonInput {
    var p = Vets_Registry_V1_PersonInput()
    p.idNumber = residentID(born: "1950-03-12")
    p.name = "荣𠀀华"
    p.sex = .male
    p.birthDate = try! CalendarDate(year: 1950, month: 3, day: 12, field: "").proto
    p.phone = "138 1234 5678".replacingOccurrences(of: " ", with: "")
    var category = Vets_Registry_V1_PersonCategory()
    category.category = .dischargedSoldier
    p.categories = [category]
    p.villageCode = "370830001001"
    p.enlistedOn = try! CalendarDate(year: 1968, month: 3, day: 1, field: "").proto
    p.dischargedOn = try! CalendarDate(year: 1975, month: 4, day: 1, field: "").proto
    p.tags = ["兵支书", "兵支书"]
    return p
  }

  func field(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as VetsError {
      if case .invalidArgument(let field, _) = error { return field }
      return "not invalidArgument: \(error)"
    } catch {
      return "\(error)"
    }
  }

  @Test func theSeedsVeteranIsValidAndKeepsHisNameByteForByte() throws {
    let fields = try PersonFields(Self.rong(), today: Self.today)
    #expect(Array(fields.name.utf8) == Array("荣𠀀华".utf8))
    #expect(fields.tags == ["兵支书"], "duplicate tags collapse")
    #expect(fields.input.text("categories") == "discharged_soldier")
  }

  @Test func birthDateAndSexMustAgreeWithTheIDNumber() {
    var p = Self.rong()
    p.sex = .female
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "sex")
    p = Self.rong()
    p.birthDate = try! CalendarDate(year: 1950, month: 3, day: 13, field: "").proto
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "birth_date")
  }

  @Test func enlistmentBeforeSixteenIsRefused() {
    var p = Self.rong()
    p.enlistedOn = try! CalendarDate(year: 1966, month: 3, day: 11, field: "").proto
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "enlisted_on")
    p.enlistedOn = try! CalendarDate(year: 1966, month: 3, day: 12, field: "").proto
    #expect(field { _ = try PersonFields(p, today: Self.today) } == nil)
  }

  @Test func dischargeBeforeEnlistmentIsRefused() {
    var p = Self.rong()
    p.dischargedOn = try! CalendarDate(year: 1968, month: 2, day: 28, field: "").proto
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "discharged_on")
  }

  @Test func familyCategoriesNeedTheRelationAndOthersRefuseIt() {
    var p = Self.rong()
    p.categories[0].category = .martyrFamily
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "categories")
    p.categories[0].kinship = .spouse
    #expect(field { _ = try PersonFields(p, today: Self.today) } == nil)
    p.categories[0].category = .disabledServiceman
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "categories")
    p = Self.rong()
    p.categories = []
    #expect(field { _ = try PersonFields(p, today: Self.today) } == nil, "a household member with no category")
    p.categories = [Self.rong().categories[0], Self.rong().categories[0]]
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "categories")
  }

  @Test func badFieldsAreNamed() {
    var p = Self.rong()
    p.phone = "1381234567"
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "phone")
    p = Self.rong()
    p.name = String(repeating: "名", count: PersonFields.maxName + 1)
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "name")
    p = Self.rong()
    p.villageCode = "37083000100"
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "village_code")
    p = Self.rong()
    p.idNumber = String(p.idNumber.dropLast()) + (p.idNumber.hasSuffix("1") ? "2" : "1")
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "id_number")
    p = Self.rong()
    p.notes = "line\u{0}break"
    #expect(field { _ = try PersonFields(p, today: Self.today) } == "notes")
  }

  @Test func anUpdateNamesOnlyKnownFieldsAndNeverTheVillage() throws {
    var change = Vets_Registry_V1_PersonInput()
    change.phone = "0537-7212345"
    let merged = try PersonFields.merge(Self.rong(), change, fields: ["phone"])
    #expect(merged.phone == "0537-7212345")
    #expect(merged.name == "荣𠀀华")
    #expect(field { _ = try PersonFields.merge(Self.rong(), change, fields: ["village_code"]) } == "fields")
    #expect(field { _ = try PersonFields.merge(Self.rong(), change, fields: ["salary"]) } == "fields")
    #expect(field { _ = try PersonFields.merge(Self.rong(), change, fields: []) } == "fields")
  }

  @Test func csvCategoriesReadEnglishAndChinese() {
    #expect(CategoryEntry(text: "martyr_family:spouse") == CategoryEntry(category: .martyrFamily, kinship: .spouse))
    #expect(CategoryEntry(text: "烈士遗属:配偶") == CategoryEntry(category: .martyrFamily, kinship: .spouse))
    #expect(CategoryEntry(text: "退役士兵") == CategoryEntry(category: .dischargedSoldier, kinship: .unspecified))
    #expect(CategoryEntry(text: "soldier") == nil)
  }

  @Test func ageBoundsUseTheSameDayYearsEarlier() throws {
    let leapDay = try CalendarDate(year: 2028, month: 2, day: 29, field: "")
    #expect(leapDay.yearsEarlier(60).iso == "1968-02-29")
    #expect(leapDay.yearsEarlier(61).iso == "1967-02-28")
    let endOfMonth = try CalendarDate(year: 2026, month: 3, day: 31, field: "")
    #expect(endOfMonth.yearsEarlier(60).iso == "1966-03-31")
  }
}
