import TestSupport
import Testing
@testable import VetsKit

struct PhoneTests {
  @Test(arguments: [
    ("13812345678", "13812345678"), ("19912345678", "19912345678"), ("+8613812345678", "13812345678"),
    ("+86 13812345678", "13812345678"), ("+86-13812345678", "13812345678"), ("8613812345678", "13812345678"),
    ("86 13812345678", "13812345678"), ("86-13812345678", "13812345678"), (" 13812345678 ", "13812345678"),
  ])
  func mobileNumbersNormaliseToElevenDigits(_ text: String, _ stored: String) throws {
    #expect(try Phone.validate(text) == stored)
  }

  @Test(arguments: [
    ("0537-7212345", "0537-7212345"), ("05377212345", "0537-7212345"), ("0537-72123456", "0537-72123456"),
    ("010-12345678", "010-12345678"), ("01012345678", "010-12345678"), ("02112345678", "021-12345678"),
    ("0537-7212345-123", "0537-7212345-123"), ("05377212345-123", "0537-7212345-123"),
  ])
  func landlinesNormaliseToAreaCodeHyphenNumber(_ text: String, _ stored: String) throws {
    #expect(try Phone.validate(text) == stored)
  }

  @Test(arguments: [
    "", "   ", "1381234567", "138123456789", "12812345678", "11812345678", "10812345678", "1381234567a",
    "abcdefghijk", "138-1234-5678", "138 1234 5678", "+8612812345678", "+86 0537-7212345", "(0537)7212345",
    "0537-72123", "0537-721234567", "05-7212345", "05371-7212345", "0537-7212345-", "0537-7212345-1234567",
    "0537-7212345-1-2", "１３８１２３４５６７８",
  ])
  func badNumbersAreRefused(_ text: String) {
    refusal("phone") { () throws(VetsError) in try Phone.validate(text) }
  }

  @Test func refusalsNameTheFieldGivenAndSayWhy() {
    let short = refusal("contact_phone") { () throws(VetsError) in try Phone.validate("1381234567", field: "contact_phone") }
    #expect(short?.contains("11 digits") == true)
    #expect(short?.contains("got 10") == true)
    let prefix = refusal("contact_phone") { () throws(VetsError) in try Phone.validate("12812345678", field: "contact_phone") }
    #expect(prefix?.contains("13 to 19") == true)
    let letters = refusal("contact_phone") { () throws(VetsError) in try Phone.validate("138abc45678", field: "contact_phone") }
    #expect(letters?.contains("only digits") == true)
  }

  @Test(arguments: [
    ("13812345678", "138****5678"), ("0537-7212345", "0537-***2345"), ("010-12345678", "010-****5678"),
    ("0537-7212345-123", "0537-***2345"), ("12345", "*2345"), ("", ""),
  ])
  func maskKeepsOnlyWhatIdentifiesTheLine(_ phone: String, _ masked: String) {
    #expect(Phone.masked(phone) == masked)
  }
}
