import TestSupport
import Testing
@testable import VetsKit

private func date(_ iso: String) -> CalendarDate {
  try! CalendarDate(iso: iso, field: "test")
}

struct ResidentIDTests {
  /// A valid ID number: `first17` digits and the check character they give.
  static func validID(_ first17: String) -> String {
    first17 + String(ResidentID.checkCharacter(first17)!)
  }

  @Test func domainExampleParsesWithItsParts() throws {
    let id = try ResidentID("11010519491231002X")
    #expect(id.value == "11010519491231002X")
    #expect(id.addressCode == "110105")
    #expect(id.birthDate == date("1949-12-31"))
    #expect(id.sex == .female)
    #expect(id.lastSix == "31002X")
    #expect(id.masked == "110105********002X")
  }

  @Test(arguments: ["11010519491231002X", "11010519491231002x", "37083019560815105X", "37083019560815113x"])
  func checkCharacterXIsAcceptedInEitherCaseAndStoredUpperCase(_ text: String) throws {
    let id = try ResidentID(text)
    #expect(id.value == text.uppercased())
    #expect(id.value.last == "X")
  }

  @Test func builtIDsCarryBirthDateAndSex() throws {
    let man = try ResidentID(Self.validID("37083019560815123"))
    #expect(man.value == "370830195608151236")
    #expect(man.birthDate == date("1956-08-15"))
    #expect(man.sex == .male)
    #expect(man.masked == "370830********1236")
    #expect(man.lastSix == "151236")

    let woman = try ResidentID(Self.validID("37083020000229004"))
    #expect(woman.birthDate == date("2000-02-29"))
    #expect(woman.sex == .female)
  }

  @Test func maleIDEndingInXKeepsItsMaskedTail() throws {
    let id = try ResidentID("37083019560815105x")
    #expect(id.sex == .male)
    #expect(id.masked == "370830********105X")
  }

  @Test func retiredAddressCodeIsAccepted() throws {
    // 370802 (Jining's former Shizhong District) was merged away in 2013; its numbers stay valid.
    #expect(try ResidentID(Self.validID("37080219450101001")).addressCode == "370802")
  }

  @Test func everyWrongCheckCharacterIsRefused() {
    let valid = "370830195608151236"
    for wrong in "012345789X" {
      let rule = refusal("id_number") { () throws(VetsError) in try ResidentID(String(valid.dropLast()) + String(wrong)) }
      #expect(rule?.contains("check character") == true)
    }
    let rule = refusal("applicant_id_number") { () throws(VetsError) in
      try ResidentID("110105194912310021", field: "applicant_id_number")
    }
    #expect(rule?.contains("give X") == true)
  }

  @Test(arguments: ["19490230", "20230229", "19000229", "19491301", "19490100", "19491232", "18991231", "00000000"])
  func impossibleBirthDatesAreRefusedEvenWithARightCheckCharacter(_ birth: String) {
    let rule = refusal("id_number") { () throws(VetsError) in try ResidentID(Self.validID("370830" + birth + "001")) }
    #expect(rule?.contains(birth) == true)
    #expect(rule?.contains("not a real date") == true)
  }

  @Test(arguments: [
    "", "11010519491231002", "11010519491231002X0", "11010519491231002Y", "1101051949123A002X",
    "11010519491231002X ", " 11010519491231002X", "110105-19491231-002X", "１１０１０５１９４９１２３１００２Ｘ",
    "X1010519491231002X",
  ])
  func malformedNumbersAreRefused(_ text: String) {
    refusal("id_number") { () throws(VetsError) in try ResidentID(text) }
  }

  @Test func checkCharacterNeedsExactly17ASCIIDigits() {
    #expect(ResidentID.checkCharacter("11010519491231002") == "X")
    #expect(ResidentID.checkCharacter("37083019560815123") == "6")
    #expect(ResidentID.checkCharacter("1101051949123100") == nil)
    #expect(ResidentID.checkCharacter("110105194912310021") == nil)
    #expect(ResidentID.checkCharacter("1101051949123100X") == nil)
    #expect(ResidentID.checkCharacter("１１０１０５１９４９１２３１００２") == nil)
  }

  @Test func agreeingBirthDateAndSexPass() throws {
    let id = try ResidentID("11010519491231002X")
    try id.check(birthDate: date("1949-12-31"), sex: .female)
  }

  @Test func birthDateMismatchNamesBirthDate() throws {
    let id = try ResidentID("11010519491231002X")
    let rule = refusal("birth_date") { () throws(VetsError) in try id.check(birthDate: date("1950-12-31"), sex: .female) }
    #expect(rule?.contains("1950-12-31") == true)
    #expect(rule?.contains("1949-12-31") == true)
  }

  @Test func sexMismatchNamesSex() throws {
    let id = try ResidentID("11010519491231002X")
    let rule = refusal("sex") { () throws(VetsError) in try id.check(birthDate: date("1949-12-31"), sex: .male) }
    #expect(rule?.contains("female") == true)
  }
}
