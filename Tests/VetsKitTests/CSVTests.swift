import TestSupport
import Testing
@testable import VetsKit

private func parse(_ text: String) throws(VetsError) -> [CSVRow] {
  try CSV.parse(text, field: "file")
}

struct CSVTests {
  @Test func simpleRecordsCarryTheirLineNumbers() throws {
    #expect(
      try parse("name,id\n张三,1\n李四,2\n") == [
        CSVRow(line: 1, fields: ["name", "id"]), CSVRow(line: 2, fields: ["张三", "1"]), CSVRow(line: 3, fields: ["李四", "2"]),
      ])
  }

  @Test(arguments: ["a,b\r\nc,d\r\n", "a,b\nc,d", "a,b\r\nc,d", "a,b\rc,d\r", "\u{FEFF}a,b\nc,d\n"])
  func lineEndingsAndAFinalNewlineDoNotMatter(_ text: String) throws {
    #expect(try parse(text) == [CSVRow(line: 1, fields: ["a", "b"]), CSVRow(line: 2, fields: ["c", "d"])])
  }

  @Test func emptyLinesAreSkippedButCounted() throws {
    #expect(
      try parse("\na\n\n\r\nb\n\n") == [CSVRow(line: 2, fields: ["a"]), CSVRow(line: 5, fields: ["b"])])
    #expect(try parse("") == [])
    #expect(try parse("\n\r\n\n") == [])
  }

  @Test func emptyFieldsAreKept() throws {
    #expect(try parse(",,\na,\n,b\n\"\"\n") == [
      CSVRow(line: 1, fields: ["", "", ""]), CSVRow(line: 2, fields: ["a", ""]), CSVRow(line: 3, fields: ["", "b"]),
      CSVRow(line: 4, fields: [""]),
    ])
  }

  @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
    let rows = try parse("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\n")
    #expect(rows == [CSVRow(line: 1, fields: ["a,b", "say \"hi\"", "two\nlines", ""])])
  }

  @Test func recordsAfterEmbeddedNewlinesStartOnTheirRealLine() throws {
    let text = "name,note\n张三,\"line one\nline two\nline three\"\n李四,\"a\r\nb\"\r\n王五,x\n"
    let rows = try parse(text)
    #expect(rows.map(\.line) == [1, 2, 5, 7])
    #expect(rows[1].fields == ["张三", "line one\nline two\nline three"])
    #expect(rows[2].fields == ["李四", "a\r\nb"])
    #expect(rows[3].fields == ["王五", "x"])
  }

  @Test func spacesAndStrayQuotesInUnquotedFieldsAreKept() throws {
    #expect(try parse(" a , b\"c ,𠀀\n") == [CSVRow(line: 1, fields: [" a ", " b\"c ", "𠀀"])])
  }

  @Test func unterminatedQuoteIsRefusedAtTheLineItOpens() {
    let rule = refusal("import_file") { () throws(VetsError) in
      try CSV.parse("a,b\nc,\"never\nclosed,x\ny\n", field: "import_file")
    }
    #expect(rule?.hasPrefix("line 2: field 2") == true)
    #expect(rule?.contains("never closed") == true)
  }

  @Test func textAfterAClosingQuoteIsRefusedAtItsLine() {
    let rule = refusal("import_file") { () throws(VetsError) in
      try CSV.parse("a,b\n\"one\ntwo\"x,c\n", field: "import_file")
    }
    #expect(rule?.hasPrefix("line 3: field 1") == true)
    let spaced = refusal("import_file") { () throws(VetsError) in try CSV.parse("\"a\" ,b\n", field: "import_file") }
    #expect(spaced?.hasPrefix("line 1:") == true)
  }

  @Test func plainFieldsAreWrittenBare() {
    #expect(CSV.line(["姓名", "11010519491231002X", "370830001"]) == "姓名,11010519491231002X,370830001\n")
    #expect(CSV.line([]) == "\n")
    #expect(CSV.line(["", ""]) == ",\n")
  }

  @Test(arguments: [
    ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""), ("cr\r", "\"cr\r\""),
    (" lead", "\" lead\""), ("trail ", "\"trail \""), ("in side", "in side"), ("𠀀", "𠀀"),
  ])
  func fieldsThatNeedItAreQuoted(_ field: String, _ written: String) {
    #expect(CSV.line([field]) == written + "\n")
  }

  @Test func formulasAreGuardedOnlyWhenAsked() {
    let fields = ["=SUM(A1:A9)", "+1", "-5", "@cmd", "a=b", "=1,2"]
    #expect(CSV.line(fields) == "=SUM(A1:A9),+1,-5,@cmd,a=b,\"=1,2\"\n")
    #expect(CSV.line(fields, guardFormulas: true) == "'=SUM(A1:A9),'+1,'-5,'@cmd,a=b,\"'=1,2\"\n")
  }

  @Test func trickyFieldsRoundTripThroughLineAndParse() throws {
    let records: [[String]] = [
      ["姓名", "备注", "村"],
      ["王𠀀明", "comma, inside", "say \"hi\""],
      ["multi\nline\r\nfield", " padded ", ""],
      [""],
      ["𠀀𠀁", "\"", ",", "\n"],
      ["last", "=not guarded", "-1"],
    ]
    let text = records.map { CSV.line($0) }.joined()
    let rows = try parse(text)
    #expect(rows.map(\.fields) == records)
    // The third record spans lines 3-5 and the fifth lines 7-8.
    #expect(rows.map(\.line) == [1, 2, 3, 6, 7, 9])
  }
}
