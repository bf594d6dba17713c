import TestSupport
import Testing
@testable import VetsKit

struct CreditCodeTests {
  @Test(arguments: [
    "91110000600037341L", "91370830MA3C12345U", "12370830004191234L", "52370830MJD123456P", "93370830MA3Q0A1B29",
  ])
  func validCodesAreAccepted(_ text: String) throws {
    let code = try CreditCode(text)
    #expect(code.value == text)
    #expect(code.hasValidCheckCharacter)
  }

  @Test func lowerCaseInputIsUpperCased() throws {
    #expect(try CreditCode("91370830ma3c12345u").value == "91370830MA3C12345U")
    #expect(try CreditCode("91110000600037341l", field: "employer_credit_code").value == "91110000600037341L")
  }

  @Test func everyWrongCheckCharacterIsRefused() {
    for wrong in "0123456789ABCDEFGHJKMNPQRTUWXY" {
      let rule = refusal("credit_code") { () throws(VetsError) in try CreditCode("91110000600037341" + String(wrong)) }
      #expect(rule?.contains("check character") == true)
      #expect(rule?.contains("give L") == true)
    }
  }

  @Test(arguments: ["I", "O", "S", "V", "Z", "i", "o", "s", "v", "z"])
  func lettersTheCodeNeverUsesAreRefusedByName(_ letter: String) {
    let rule = refusal("credit_code") { () throws(VetsError) in
      try CreditCode("91110000" + letter + "00037341L")
    }
    #expect(rule?.contains("character 9 is '\(letter)'") == true)
    #expect(rule?.contains("I, O, S, V and Z") == true)
  }

  @Test(arguments: ["91110000-00037341L", "91110000 00037341L", "91110000\u{4E2D}00037341L", "91110000\u{FF10}00037341L"])
  func otherCharactersAreRefused(_ text: String) {
    let rule = refusal("credit_code") { () throws(VetsError) in try CreditCode(text) }
    #expect(rule?.contains("character 9") == true)
  }

  @Test(arguments: ["", "91110000600037341", "91110000600037341L0", "911100006000373"])
  func wrongLengthIsRefusedWithTheLength(_ text: String) {
    let rule = refusal("org_code") { () throws(VetsError) in try CreditCode(text, field: "org_code") }
    #expect(rule?.contains("18 characters (got \(text.count))") == true)
  }

  @Test func checkCharacterIsNilForBadInput() {
    #expect(CreditCode.checkCharacter("91110000600037341") == "L")
    #expect(CreditCode.checkCharacter("9111000060003734") == nil)
    #expect(CreditCode.checkCharacter("911100006000373410") == nil)
    #expect(CreditCode.checkCharacter("9111000O600037341") == nil)
    #expect(CreditCode.checkCharacter("91370830ma3c12345") == nil)
  }

  @Test func overrideAcceptsAWrongCheckCharacterButNotBadCharacters() throws {
    let code = try CreditCode("911100006000373410", acceptingWrongCheckCharacter: true)
    #expect(code.value == "911100006000373410")
    #expect(!code.hasValidCheckCharacter)
    refusal("credit_code") { () throws(VetsError) in try CreditCode("9111000O600037341L", acceptingWrongCheckCharacter: true) }
    refusal("credit_code") { () throws(VetsError) in try CreditCode("91110000600037341", acceptingWrongCheckCharacter: true) }
  }
}
