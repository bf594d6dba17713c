import TestSupport
import Testing
@testable import VetsKit

struct DivisionCodeTests {
  @Test func wellFormedCodesAreReturnedUnchanged() throws {
    #expect(try DivisionCode.county("370830", field: "county_code") == "370830")
    #expect(try DivisionCode.town("370830001", field: "town_code") == "370830001")
    #expect(try DivisionCode.village("370830001001", field: "village_code") == "370830001001")
    #expect(try DivisionCode.townOrVillage("370830102", field: "division_code") == "370830102")
    #expect(try DivisionCode.townOrVillage("370830102203", field: "division_code") == "370830102203")
  }

  @Test func townOfVillageIsItsFirstNineDigits() {
    #expect(DivisionCode.townOf(village: "370830102203") == "370830102")
  }

  @Test(arguments: ["", "37083", "3708301", "37083a", "３７０８３０", "370800", " 370830"])
  func badCountyCodesAreRefused(_ code: String) {
    refusal("county_code") { () throws(VetsError) in try DivisionCode.county(code, field: "county_code") }
  }

  @Test(arguments: ["", "37083000", "3708300011", "370830000", "37083000a", "370830001 ", "370830-001"])
  func badTownCodesAreRefused(_ code: String) {
    refusal("town_code") { () throws(VetsError) in try DivisionCode.town(code, field: "town_code") }
  }

  @Test(arguments: ["", "37083000100", "3708300010011", "370830001000", "370830001o01", "370830001"])
  func badVillageCodesAreRefused(_ code: String) {
    refusal("village_code") { () throws(VetsError) in try DivisionCode.village(code, field: "village_code") }
  }

  @Test(arguments: ["", "370830", "3708300010", "37083000100", "370830000", "370830001000", "37083000100a"])
  func badTownOrVillageCodesAreRefused(_ code: String) {
    refusal("division_code") { () throws(VetsError) in try DivisionCode.townOrVillage(code, field: "division_code") }
  }

  @Test func allZeroPartIsExplainedAsTheLevelAbove() {
    let rule = refusal("town_code") { () throws(VetsError) in try DivisionCode.town("370830000", field: "town_code") }
    #expect(rule?.contains("level above") == true)
  }
}
