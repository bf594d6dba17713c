import Testing
@testable import VetsKit

/// Issue 16, item 16: what a name may be.
@Suite("Names")
struct NameTests {
  @Test(arguments: ["   ", "\u{200B}", "\u{200B}\u{200B}", "\u{3000}", "\u{FEFF}", "..."])
  func aNameWithNoLetterOrDigitIsRefused(name: String) {
    #expect(throws: VetsError.invalidArgument(
      field: "person.name", rule: "must contain a letter or digit; spaces and invisible characters alone are not a name")) {
      try Validate.name(name, field: "person.name", max: 50)
    }
  }

  @Test(arguments: ["王\u{202E}建国", "\u{202D}荣庆华", "荣\u{2066}庆华", "荣庆华\u{200F}", "荣\u{061C}庆"])
  func aNameWithABidiControlIsRefused(name: String) {
    let error = #expect(throws: VetsError.self) { try Validate.name(name, field: "name", max: 50) }
    #expect(error?.field == "name" && error?.message.contains("bidirectional") == true, "\(String(describing: error))")
  }

  @Test(arguments: ["𠀀文华", "荣庆华", "阿卜杜·热合曼", "O'Neil", "王 建国", "二〇〇二"])
  func realNamesAreKeptExactly(name: String) throws {
    #expect(try Validate.name(name, field: "name", max: 50) == name)
  }
}

/// What an enterprise sees of a customer's name: the first and last characters.
@Suite("Masked names")
struct MaskedNameTests {
  @Test(arguments: [
    ("", ""), ("荣", "*"), ("荣华", "荣*"), ("荣庆华", "荣*华"), ("欧阳振华", "欧**华"), ("𠀀文华", "𠀀*华"), ("阿卜杜·热合曼", "阿*****曼"),
  ])
  func onlyTheFirstAndLastCharactersShow(name: String, shown: String) {
    #expect(PersonName.masked(name) == shown)
  }
}

/// An id a request refers to: the same bound in every module.
@Suite("Record ids")
struct RecordIDTests {
  @Test func anIdOfUpTo64CharactersIsKeptAndALongerOneIsRefusedNamingTheField() throws {
    let longest = "case_" + String(repeating: "a", count: Validate.maxIDLength - 5)
    #expect(try Validate.id(longest, field: "case_id") == longest)
    #expect(throws: VetsError.invalidArgument(field: "case_id", rule: "must be at most 64 characters (got 65)")) {
      try Validate.id(longest + "a", field: "case_id")
    }
    #expect(throws: VetsError.invalidArgument(field: "offer_id", rule: "is required")) { try Validate.id("", field: "offer_id") }
    #expect(try Validate.id("", field: "household_id", required: false) == "")
  }
}

/// The year a yearly report is asked for, the same in every module and the county report.
@Suite("Report years")
struct ReportYearTests {
  @Test(arguments: [Int32(0), 1999, 2101, -2026])
  func aYearOutside2000To2100IsRefusedNamingTheField(year: Int32) {
    #expect(throws: VetsError.invalidArgument(field: "year", rule: "must be between 2000 and 2100")) { try Validate.reportYear(year) }
  }

  @Test func aYearInsideIsKept() throws {
    #expect(try Validate.reportYear(2000) == 2000 && Validate.reportYear(2026) == 2026 && Validate.reportYear(2100) == 2100)
  }
}
