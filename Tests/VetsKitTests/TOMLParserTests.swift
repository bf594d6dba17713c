import Testing
import VetsKit

// Representative cases of the toml-test suite (github.com/toml-lang/toml-test, TOML 1.0),
// written out here so that nothing is fetched: every construct an operator may write is read
// as TOML means it, and what TOML forbids is refused, never read some other way.

/// A value as compact text: strings quoted, tables as `{key=value, …}` with sorted keys.
private func render(_ value: TOMLValue) -> String {
  switch value {
  case .string(let s): s.debugDescription
  case .integer(let i): "\(i)"
  case .float(let f): "\(f)"
  case .boolean(let b): "\(b)"
  case .dateTime(let d): d
  case .array(let a): "[" + a.map(render).joined(separator: ", ") + "]"
  case .table(let t): "{" + t.values.keys.sorted().map { "\($0)=\(render(t.values[$0]!))" }.joined(separator: ", ") + "}"
  }
}

private func read(_ text: String) throws(TOMLError) -> String { render(.table(try TOMLParser.parse(text))) }

struct TOMLValidCase: Sendable, CustomTestStringConvertible {
  var name: String
  var toml: String
  var expected: String
  var testDescription: String { name }
}

private let validCases: [TOMLValidCase] = [
  .init(
    name: "string/multiline",
    toml: #"""
      a = """
      Roses are red
      Violets are blue"""
      b = """\
        The quick brown \
        fox."""
      c = """Two quotation marks: "". Simple enough."""
      d = """"This," she said, "is pointless.""""
      """#,
    expected: #"{a="Roses are red\nViolets are blue", b="The quick brown fox.", c="Two quotation marks: \"\". Simple enough.", d="\"This,\" she said, \"is pointless.\""}"#),
  .init(
    name: "string/multiline-literal",
    toml: #"""
      re = '''I [dw]on't need \d{2} apples'''
      lines = '''
      The first newline is
      trimmed in raw strings.
      '''
      quot15 = '''Fifteen quotation marks: """""""""""""""'''
      apos = ''''one quote''''
      """#,
    expected: #"{apos="\'one quote\'", lines="The first newline is\ntrimmed in raw strings.\n", quot15="Fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"", re="I [dw]on\'t need \\d{2} apples"}"#),
  .init(
    name: "string/escapes",
    toml: #"s = "\b\t\n\f\r\"\\\u00E9\U0001F600 end""# + "\n" + #""\u5957" = 1"#,
    expected: #"{s="\u{08}\t\n\u{0C}\r\"\\é😀 end", 套=1}"#),
  .init(
    name: "key/dotted",
    toml: """
      name.first = "Tom"
      site."google.com" = true
      [fruit]
      apple.color = "red"
      apple.taste.sweet = true
      [a.few.dots]
      polka.dot = "again?"
      """,
    expected: #"{a={few={dots={polka={dot="again?"}}}}, fruit={apple={color="red", taste={sweet=true}}}, name={first="Tom"}, site={google.com=true}}"#),
  .init(
    name: "key/quoted",
    toml: "\"key with spaces\" = 1\n'literal \\ key' = 2\n\"\" = 3\n\"ʎǝʞ\" = 4\n",
    expected: #"{=3, key with spaces=1, literal \ key=2, ʎǝʞ=4}"#),
  .init(
    name: "inline-table",
    toml: """
      name = { first = "Tom", last = "Preston-Werner" }
      point = {x=1, y=2}
      nested = { a = { b = { c = 1 } } }
      empty = {}
      animal = { type.name = "pug" }
      """,
    expected: #"{animal={type={name="pug"}}, empty={}, name={first="Tom", last="Preston-Werner"}, nested={a={b={c=1}}}, point={x=1, y=2}}"#),
  .init(
    name: "array/table-array",
    toml: """
      [[products]]
      name = "Hammer"
      sku = 738594937

      [[products]]

      [[products]]
      name = "Nail"

      [[fruit]]
      name = "apple"
      [fruit.physical]
      color = "red"
      [[fruit.variety]]
      name = "red delicious"
      """,
    expected: #"{fruit=[{name="apple", physical={color="red"}, variety=[{name="red delicious"}]}], products=[{name="Hammer", sku=738594937}, {}, {name="Nail"}]}"#),
  .init(
    name: "array/mixed-and-multiline",
    toml: "a = [1, \"two\", 3.0, [4], {five = 5}]\nb = [\n  1,  # one\n  2,\n]\n",
    expected: #"{a=[1, "two", 3.0, [4], {five=5}], b=[1, 2]}"#),
  .init(
    name: "datetime",
    toml: """
      odt1 = 1979-05-27T07:32:00Z
      odt2 = 1979-05-27T00:32:00.999999-07:00
      odt3 = 1979-05-27 07:32:00Z
      ldt = 1979-05-27T07:32:00
      ld = 1979-05-27
      lt = 00:32:00.999999
      """,
    expected:
      "{ld=1979-05-27, ldt=1979-05-27T07:32:00, lt=00:32:00.999999, odt1=1979-05-27T07:32:00Z, "
      + "odt2=1979-05-27T00:32:00.999999-07:00, odt3=1979-05-27T07:32:00Z}"),
  .init(
    name: "integer-and-float",
    toml: """
      hex = 0xDEAD_BEEF
      oct = 0o755
      bin = 0b1101_0110
      max = 9223372036854775807
      min = -9223372036854775808
      plus = +17
      flt = -3.1415
      exp = 5e+22
      under = 224_617.445_991
      inf = inf
      ninf = -inf
      """,
    expected:
      "{bin=214, exp=5e+22, flt=-3.1415, hex=3735928559, inf=inf, max=9223372036854775807, "
      + "min=-9223372036854775808, ninf=-inf, oct=493, plus=17, under=224617.445991}"),
  .init(
    name: "comment-crlf-and-whitespace",
    toml: "# c\r\na = 1 # c\r\n\t[ t ]  # c\r\nb = [ # c\r\n  1, # c\r\n] # c\r\n",
    expected: "{a=1, t={b=[1]}}"),
  .init(
    name: "table/super-after-sub",
    toml: "[x.y.z.w]\n[x]\na = 1\n",
    expected: "{x={a=1, y={z={w={}}}}}"),
  .init(name: "empty-and-comments-only", toml: "# nothing\n\n   # at all\n", expected: "{}"),
]

@Test(arguments: validCases)
func tomlTestValidCasesAreReadAsTOMLMeansThem(_ case: TOMLValidCase) throws {
  let read = try read(`case`.toml)
  #expect(read == `case`.expected, "\(read)")
}

@Test func notANumberIsAFloat() throws {
  guard case .float(let nan)? = try TOMLParser.parse("n = nan\n")["n"] else { Issue.record("nan is not a float"); return }
  #expect(nan.isNaN)
}

@Test(arguments: [
  ("string/unterminated", "a = \"abc\n"),
  ("string/unterminated-multiline", "a = \"\"\"abc\n"),
  ("string/bad-escape", #"a = "\x41""#),
  ("string/surrogate", #"a = "\uD800""#),
  ("string/raw-control-character", "a = \"x\u{01}\"\n"),
  ("integer/leading-zero", "a = 012\n"),
  ("integer/double-underscore", "a = 1__2\n"),
  ("integer/overflow", "a = 9223372036854775808\n"),
  ("float/leading-point", "a = .5\n"),
  ("float/trailing-point", "a = 5.\n"),
  ("datetime/month-13", "a = 1979-13-27\n"),
  ("bool/capitalised", "a = True\n"),
  ("key/duplicate", "a = 1\na = 2\n"),
  ("key/no-value", "a =\n"),
  ("key/no-equals", "a\n"),
  ("key/bad-character", "a@b = 1\n"),
  ("key/two-on-a-line", "a = 1 b = 2\n"),
  ("table/duplicate", "[a]\n[a]\n"),
  ("table/redefines-a-value", "a = 1\n[a]\n"),
  ("table/unclosed-header", "[a\n"),
  ("table/header-reopens-dotted", "[a]\nb.c = 1\n[a.b]\nd = 2\n"),
  ("table/array-after-table", "[a]\n[[a]]\n"),
  ("table/array-appends-static-array", "a = []\n[[a]]\n"),
  ("inline-table/extended-later", "a = {b = 1}\na.c = 2\n"),
  ("inline-table/trailing-comma", "a = {b = 1,}\n"),
  ("inline-table/spans-lines", "a = {b = 1,\nc = 2}\n"),
  ("array/unterminated", "a = [1, 2\n"),
  ("comment/del", "# DEL \u{7F}\na = 1\n"),
  ("control/lone-carriage-return", "a = 1\r# b\n"),
])
func tomlTestInvalidCasesAreRefused(name: String, toml: String) {
  #expect(throws: TOMLError.self, "\(name)") { try TOMLParser.parse(toml) }
}

// MARK: Hostile input (issue 16)

/// toml++ bounds arrays and inline tables at 256 but not keys: a key or a header of 100,000
/// dotted parts overflows its stack (`parser::update_region_ends` recurses), and inside an
/// inline table they would reach the recursive conversion to TOMLValue. The layout scan
/// refuses nesting past 32 first, in linear time.
@Test(arguments: [
  ("arrays", "a = " + String(repeating: "[", count: 100_000) + "\n"),
  ("inline tables", "a = " + String(repeating: "{ b = ", count: 100_000) + "\n"),
  ("dotted keys", String(repeating: "a.", count: 100_000) + "b = 1\n"),
  ("a header", "[" + String(repeating: "a.", count: 100_000) + "b]\n"),
  ("dotted keys in an inline table", "a = [{ " + String(repeating: "a.", count: 100_000) + "b = 1 }]\n"),
  ("inline tables under dotted keys", "a = " + String(repeating: "{ b.c = ", count: 100_000) + "\n"),
])
func nestingOneHundredThousandDeepIsRefused(what: String, toml: String) {
  let error = #expect(throws: TOMLError.self, "\(what)") { try TOMLParser.parse(toml) }
  #expect(error?.message.contains("nest at most 32 deep") == true, "\(what): \(error?.description ?? "")")
  #expect(error?.line == 1)
}

@Test func nestingThirtyTwoDeepIsRead() throws {
  let table = try TOMLParser.parse("a = " + String(repeating: "[", count: 32) + String(repeating: "]", count: 32) + "\n")
  #expect(table["a"] != nil)
  let keys = (1...31).map { "k\($0)" }.joined(separator: ".")
  #expect(try TOMLParser.parse("[t]\n\(keys) = { v = [1.5, 2021-01-01T00:00:00.5Z] }\n")["t"] != nil)
}

/// TOMLKit hands text and strings across as C strings: a NUL would end the file or a
/// path early, silently, so it is refused before toml++ sees it.
@Test func aNULWrittenOrEscapedIsRefused() {
  let written = #expect(throws: TOMLError.self) { try TOMLParser.parse("a = 1\n\0[daemon.tcp]\n") }
  #expect(written?.line == 2 && written?.message.contains("NUL") == true, "\(written?.description ?? "")")
  let value = #expect(throws: TOMLError.self) { try TOMLParser.parse(#"[t]"# + "\n" + #"s = """x\u0000y""""#) }
  #expect(value?.key == "t.s" && value?.line == 2, "\(value?.description ?? "")")
  #expect(throws: TOMLError.self) { try TOMLParser.parse(#""socket\U00000000x" = "/tmp/a""#) }
}

@Test func aLongFlatArrayIsRead() throws {
  guard case .array(let elements)? = try TOMLParser.parse("a = [" + String(repeating: "1,", count: 100_000) + "]\n")["a"] else {
    Issue.record("not an array")
    return
  }
  #expect(elements.count == 100_000)
}

// MARK: Lines

@Test func everyKeyHasTheLineItIsWrittenOn() throws {
  let table = try TOMLParser.parse(
    #"""
    [a]
    s = """
    x = 1
    """
    t = [
      "[b]",
    ]
    d.e = 1
    i = { j = 1 }
    [c]
    """#)
  guard case .table(let a)? = table["a"], case .table(let d)? = a["d"], case .table(let i)? = a["i"] else {
    Issue.record("\(table)")
    return
  }
  #expect(table.lines["a"] == 1 && table.lines["c"] == 10)
  #expect(a.lines["s"] == 2 && a.lines["t"] == 5 && a.lines["d"] == 8 && d.lines["e"] == 8)
  // A key in an inline table has its table's line.
  #expect(a.lines["i"] == 9 && i.lines["j"] == 9)
  #expect(a.order == ["s", "t", "d", "i"] && table.order == ["a", "c"])
}

@Test func aParseErrorInAMultiLineValueNamesItsKey() {
  let error = #expect(throws: TOMLError.self) { try TOMLParser.parse("[m]\nlist = [\n  \"a\",\n  01,\n]\n") }
  #expect(error?.line == 4 && error?.key == "m.list", "\(error?.description ?? "")")
}
