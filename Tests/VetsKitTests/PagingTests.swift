import Testing
import VetsAPI
import VetsKit

private func pageRequest(size: Int32 = 0, token: String = "") -> Vets_Common_V1_PageRequest {
  var r = Vets_Common_V1_PageRequest()
  r.pageSize = size
  r.pageToken = token
  return r
}

/// The field an `invalidArgument` names, or nil (and a recorded issue) otherwise.
private func refusedField(
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> String? {
  do {
    try body()
    Issue.record("accepted", sourceLocation: sourceLocation)
  } catch VetsError.invalidArgument(let field, _) {
    return field
  } catch {
    Issue.record("expected invalidArgument, got \(error)", sourceLocation: sourceLocation)
  }
  return nil
}

@Test func pageSizeDefaultsTo50AndAllowsUpTo500() throws {
  let page = try Page(pageRequest())
  #expect(page.size == 50)
  #expect(page.after == nil)
  #expect(try Page(pageRequest(size: 1)).size == 1)
  #expect(try Page(pageRequest(size: 500)).size == 500)
}

@Test(arguments: [Int32(-1), 501, Int32.max, Int32.min])
func pageSizeOutOfRangeIsRefusedNamingIt(size: Int32) {
  #expect(refusedField { _ = try Page(pageRequest(size: size)) } == "page.page_size")
  #expect(refusedField { _ = try Page(pageRequest(size: size), field: "tokens") } == "tokens.page_size")
}

@Test(arguments: ["garbage", "p1.!!!", "p1.a", "p2.YWJj", "p1./w", "p1." + String(repeating: "QUFB", count: 300)])
func garbagePageTokenIsRefusedNamingIt(token: String) {
  #expect(refusedField { _ = try Page(pageRequest(token: token)) } == "page.page_token")
}

@Test(arguments: ["tok_00ff", "张三·𠀀𪚥", "a/b+c=d?", ""])
func nextTokenRoundTripsTheLastKey(key: String) throws {
  let first = try Page(pageRequest(size: 2))
  let token = first.nextToken(lastKey: key, count: 2)
  #expect(token.allSatisfy { $0.isASCII && $0 != "+" && $0 != "/" && $0 != "=" }, "\(token)")
  let next = try Page(pageRequest(size: 2, token: token))
  #expect(next.after == key)
  #expect(next.size == 2)
}

@Test func nextTokenIsEmptyWhenThePageIsShortOrEmpty() throws {
  let page = try Page(pageRequest(size: 3))
  #expect(page.nextToken(lastKey: "k", count: 2) == "")
  #expect(page.nextToken(lastKey: nil, count: 0) == "")
  #expect(page.nextToken(lastKey: "k", count: 3) != "")
}

// MARK: Text fields

@Test(arguments: ["a\u{07}b", "line\nbreak", "tab\t", "\u{7F}", "nel\u{85}", "\u{0}"])
func textWithControlCharactersIsRefusedNamingTheField(value: String) {
  #expect(refusedField { try Validate.text(value, field: "person.name", max: 50) } == "person.name")
}

@Test func overLongTextIsRefusedNamingTheField() {
  let error = #expect(throws: VetsError.self) { try Validate.text("abcd", field: "note", max: 3) }
  #expect(error == .invalidArgument(field: "note", rule: "must be at most 3 characters (got 4)"))
}

@Test func extensionBCharactersCountAsOneEach() throws {
  // Each is one character but two UTF-16 units and four UTF-8 bytes.
  #expect(try Validate.text("𠀀𪚥", field: "name", max: 2) == "𠀀𪚥")
  #expect(refusedField { try Validate.text("𠀀𪚥𠀀", field: "name", max: 2) } == "name")
}

@Test func textIsStoredByteForByte() throws {
  let decomposed = "Zoe\u{301} "
  let kept = try Validate.text(decomposed, field: "name", max: 4)
  #expect(Array(kept.utf8) == Array(decomposed.utf8))
}

@Test func emptyTextIsRefusedOnlyWhenRequired() throws {
  #expect(refusedField { try Validate.text("", field: "name", max: 5) } == "name")
  #expect(try Validate.text("", field: "name", max: 5, required: false) == "")
}
