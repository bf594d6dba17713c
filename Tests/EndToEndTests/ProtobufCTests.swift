// Proves a C system speaks vetsd's protocol: a protobuf-c peer (Tests/Interop/c) reads, writes and re-packs our bytes exactly.

import Foundation
import SwiftProtobuf
import TestSupport
import Testing
import VetsAPI

/// The conformance peer built from Tests/Interop/c with protoc-c, in its own folder under /tmp for one test.
fileprivate struct ProtobufCPeer {
  static let buildScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Interop/c/build.sh")

  let folder: URL
  var executable: URL { folder.appendingPathComponent("peer") }

  /// Builds the peer, hands it to `body`, and removes its folder afterwards.
  static func with<T>(_ body: (ProtobufCPeer) async throws -> T) async throws -> T {
    let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("vets-protobuf-c-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let built = try await Run.program(URL(fileURLWithPath: "/bin/bash"), [buildScript.path, folder.path])
    try #require(built.status == 0, "build.sh failed: \(built.stderr)")
    return try await body(ProtobufCPeer(folder: folder))
  }

  /// Runs `peer roundtrip` on the bytes as the named message; returns what it exited with and the bytes it packed.
  func roundTrip(_ bytes: Data, as messageName: String) async throws -> (finished: Finished, output: Data?) {
    let name = UUID().uuidString
    let input = folder.appendingPathComponent("\(name).in.bin")
    let output = folder.appendingPathComponent("\(name).out.bin")
    try bytes.write(to: input)
    let finished = try await Run.program(executable, ["roundtrip", messageName, input.path, output.path])
    return (finished, try? Data(contentsOf: output))
  }

  /// Round-trips a message through C and expects the very same bytes, and the same message decoded from them.
  func expectSameBytes<M: Message & Equatable>(_ message: M, _ label: String) async throws {
    let bytes: Data = try message.serializedBytes(options: ProtobufCTests.deterministic)
    let (finished, output) = try await roundTrip(bytes, as: M.protoMessageName)
    #expect(finished.status == 0, "\(label): \(finished.stderr)")
    #expect(finished.stdout == "\(M.protoMessageName): \(bytes.count) bytes in, \(bytes.count) bytes out, 0 unknown fields\n")
    let packed = try #require(output, "\(label): the peer wrote no bytes")
    #expect(packed == bytes, "\(label): \(packed.difference(from: bytes))")
    #expect(try M(serializedBytes: packed) == message, "\(label)")
  }
}

fileprivate extension Data {
  /// Where C's bytes first differ from Swift's, with a few bytes either side, for a failure message.
  func difference(from swiftBytes: Data) -> String {
    let c = [UInt8](self)
    let swift = [UInt8](swiftBytes)
    let at = (0..<Swift.min(c.count, swift.count)).first { c[$0] != swift[$0] } ?? Swift.min(c.count, swift.count)
    func window(_ bytes: [UInt8]) -> String {
      bytes[Swift.max(0, at - 8)..<Swift.min(bytes.count, at + 24)].map { String(format: "%02x", $0) }.joined()
    }
    return "C packed \(c.count) bytes, Swift \(swift.count); first difference at byte \(at): C …\(window(c))…, Swift …\(window(swift))…"
  }
}

/// Wire-format bytes for fields the schema does not have, written by hand.
fileprivate enum WireBytes {
  static func varint(_ value: UInt64) -> Data {
    var value = value
    var bytes = Data()
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
    return bytes
  }

  static func key(_ field: UInt64, wireType: UInt64) -> Data { varint(field << 3 | wireType) }

  static func field(_ field: UInt64, varint value: UInt64) -> Data { key(field, wireType: 0) + varint(value) }

  static func field(_ field: UInt64, fixed64 value: UInt64) -> Data {
    key(field, wireType: 1) + Data((0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) })
  }

  static func field(_ field: UInt64, string: String) -> Data {
    let bytes = Data(string.utf8)
    return key(field, wireType: 2) + varint(UInt64(bytes.count)) + bytes
  }

  static func field(_ field: UInt64, fixed32 value: UInt32) -> Data {
    key(field, wireType: 5) + Data((0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) })
  }
}

@Suite("A C system speaks the protocol (protobuf-c)")
struct ProtobufCTests {
  static let deterministic: BinaryEncodingOptions = {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    return options
  }()

  static func date(_ year: Int32, _ month: Int32, _ day: Int32) -> Vets_Common_V1_Date {
    var date = Vets_Common_V1_Date()
    date.year = year
    date.month = month
    date.day = day
    return date
  }

  static func category(_ category: Vets_Registry_V1_Category, _ kinship: Vets_Registry_V1_Kinship = .unspecified)
    -> Vets_Registry_V1_PersonCategory
  {
    var personCategory = Vets_Registry_V1_PersonCategory()
    personCategory.category = category
    personCategory.kinship = kinship
    return personCategory
  }

  static func member(_ id: String, _ name: String, _ relation: String, _ status: Vets_Registry_V1_PersonStatus)
    -> Vets_Registry_V1_HouseholdMember
  {
    var member = Vets_Registry_V1_HouseholdMember()
    member.personID = id
    member.name = name
    member.relation = relation
    member.status = status
    return member
  }

  static func rowError(_ line: Int64, _ column: String, _ reason: String) -> Vets_Registry_V1_RowError {
    var error = Vets_Registry_V1_RowError()
    error.line = line
    error.column = column
    error.reason = reason
    return error
  }

  static func count(_ key: String, _ count: Int64) -> Vets_Registry_V1_CountByKey {
    var entry = Vets_Registry_V1_CountByKey()
    entry.key = key
    entry.count = count
    return entry
  }

  /// The person `peer write` builds in C (write_person in peer.c), field for field.
  static let veteranWrittenInC: Vets_Registry_V1_Person = {
    var input = Vets_Registry_V1_PersonInput()
    input.idNumber = "37083019500312001X"
    input.name = "荣庆华"
    input.sex = .male
    input.birthDate = date(1950, 3, 12)
    input.phone = "0537-7212345"
    input.categories = [category(.dischargedSoldier), category(.martyrFamily, .sibling)]
    input.villageCode = "370830001001"
    input.address = "中都街道东关村𠀀巷7号"
    input.enlistedOn = date(1968, 2, 1)
    input.dischargedOn = date(1973, 12, 20)
    input.branch = "陆军"
    input.partyMember = true
    input.certificateNo = "YD-2019-000123"
    input.tags = ["参战", "𠀀𠀁", "老兵话吧"]
    input.notes = "三等功 ✓, 1969 珍宝岛"
    var person = Vets_Registry_V1_Person()
    person.id = "psn-0001"
    person.data = input
    person.status = .deceased
    person.diedOn = date(2023, 11, 5)
    person.householdID = "hh-42"
    person.relationToHead = "户主"
    person.version = 9_007_199_254_740_993
    person.createdAt = Google_Protobuf_Timestamp(seconds: -631_152_000, nanos: 123_456_789)
    person.updatedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 999_999_999)
    person.masked = true
    return person
  }()

  /// A person with every field filled differently from the C one, and values at the edges of their types.
  static let dependant: Vets_Registry_V1_Person = {
    var input = Vets_Registry_V1_PersonInput()
    input.idNumber = "370830195207010026"
    input.name = "王秀英𠀀"
    input.sex = .female
    input.birthDate = date(1952, 7, 1)
    input.phone = "13912345678"
    input.categories = [
      category(.servingMemberFamily, .spouse), category(.earlyMartyrChild, .child), category(.ruralVeteranOver60),
    ]
    input.villageCode = "370830001002"
    input.address = "汶上县中都街道西关村 𠀁 胡同"
    input.enlistedOn = date(-1, 0, 0)
    input.dischargedOn = date(Int32.max, Int32.min, -31)
    input.branch = "海军陆战队"
    input.partyMember = true
    input.certificateNo = "优待证-0008"
    input.tags = ["", "烈属", "𠀀", "tab\tand\nnewline"]
    input.notes = String(repeating: "荣誉𠀀", count: 8_000)
    var person = Vets_Registry_V1_Person()
    person.id = "psn-0002"
    person.data = input
    person.status = .movedOut
    person.diedOn = Vets_Common_V1_Date()
    person.householdID = "hh-42"
    person.relationToHead = "配偶"
    person.version = Int64.min
    person.createdAt = Google_Protobuf_Timestamp(seconds: -62_135_596_800, nanos: 0)
    person.updatedAt = Google_Protobuf_Timestamp(seconds: 253_402_300_799, nanos: 1)
    person.masked = false
    return person
  }()

  static let household: Vets_Registry_V1_Household = {
    var household = Vets_Registry_V1_Household()
    household.id = "hh-42"
    household.headPersonID = "psn-0001"
    household.villageCode = "370830001001"
    household.address = "东关村 3 组"
    household.members = [
      member("psn-0001", "荣庆华", "户主", .active), member("psn-0002", "王秀英", "配偶", .deceased),
      member("psn-0003", "𠀀荣", "孙子女", .movedOut),
    ]
    return household
  }()

  static let importResponse: Vets_Registry_V1_ImportPersonsResponse = {
    var response = Vets_Registry_V1_ImportPersonsResponse()
    response.rowsRead = Int64.max
    response.rowsValid = -1
    response.rowsImported = 0
    response.errors = [rowError(2, "身份证号", "校验码错误"), rowError(Int64.max, "村", "村庄代码不存在: 𠀀")]
    response.errorCount = Int64.min
    response.encoding = "GB18030"
    response.dryRun = true
    return response
  }()

  /// A UTF-8 BOM, a NUL, 0xFF, and "荣" in GB18030: bytes, not text.
  static let csvChunk = Data([0xEF, 0xBB, 0xBF, 0x69, 0x64, 0x00, 0xFF, 0xC8, 0xD9, 0x0A])

  @Test func swiftBytesComeBackFromCExactly() async throws {
    try await ProtobufCPeer.with { peer in
      try await peer.expectSameBytes(Self.veteranWrittenInC, "a deceased veteran")
      try await peer.expectSameBytes(Self.dependant, "a dependant with edge values and 70 KB of notes")
      try await peer.expectSameBytes(Self.dependant.data, "a person input on its own")
      try await peer.expectSameBytes(Vets_Registry_V1_Person(), "an empty person")
      try await peer.expectSameBytes(Self.household, "a household")

      var unrecognised = Self.veteranWrittenInC.data
      unrecognised.sex = .UNRECOGNIZED(7)
      unrecognised.categories = [Self.category(.UNRECOGNIZED(99), .UNRECOGNIZED(-1))]
      try await peer.expectSameBytes(unrecognised, "enum values this schema does not name")

      var search = Vets_Registry_V1_SearchPersonsResponse()
      search.persons = [Self.veteranWrittenInC, Self.dependant, Vets_Registry_V1_Person()]
      search.nextPageToken = "下一页:𠀀"
      try await peer.expectSameBytes(search, "a page of persons")

      var file = Vets_Registry_V1_HouseholdFile()
      file.household = Self.household
      var section = Vets_Registry_V1_HouseholdFileSection()
      section.module = "relief"
      section.title = "救助记录"
      var entry = Vets_Registry_V1_HouseholdFileEntry()
      entry.label = "临时救助"
      entry.value = "¥1,200.00 (𠀀)"
      section.entries = [entry, Vets_Registry_V1_HouseholdFileEntry()]
      file.sections = [section, Vets_Registry_V1_HouseholdFileSection()]
      try await peer.expectSameBytes(file, "a household file")

      var options = Vets_Registry_V1_ImportOptions()
      options.requestID = "导入-1"
      options.dryRun = true
      options.atomic = true
      var opening = Vets_Registry_V1_ImportPersonsRequest()
      opening.options = options
      try await peer.expectSameBytes(opening, "an import's options")
      var chunk = Vets_Registry_V1_ImportPersonsRequest()
      chunk.chunk = Self.csvChunk
      try await peer.expectSameBytes(chunk, "an import chunk")
      var emptyChunk = Vets_Registry_V1_ImportPersonsRequest()
      emptyChunk.chunk = Data()
      try await peer.expectSameBytes(emptyChunk, "an empty import chunk, which must stay chosen in the oneof")
      try await peer.expectSameBytes(Self.importResponse, "an import's result")

      var stats = Vets_Registry_V1_Stats()
      stats.people = 12_345
      stats.byTownAndCategory = [Self.count("370830001 discharged_soldier", 3_000), Self.count("370830002 martyr_family", 0)]
      stats.byStatus = [Self.count("active", Int64.max), Self.count("deceased", -7)]
      stats.byAgeBand = [Self.count("80 and over", 1)]
      stats.partyMembers = Int64.min
      try await peer.expectSameBytes(stats, "registry statistics")

      var update = Vets_Registry_V1_UpdatePersonRequest()
      update.requestID = "req-7"
      update.id = "psn-0001"
      update.version = -2
      update.person = Self.dependant.data
      update.fields = ["phone", "tags", "地址"]
      try await peer.expectSameBytes(update, "an update request")

      var entryInHistory = Vets_Registry_V1_HistoryEntry()
      entryInHistory.seq = Int64.max
      entryInHistory.field = "address"
      entryInHistory.oldValue = "东关村"
      entryInHistory.newValue = "西关村𠀀"
      entryInHistory.tokenID = "tok-1"
      entryInHistory.tokenName = "民政办 张"
      entryInHistory.at = Google_Protobuf_Timestamp(seconds: -1, nanos: 999_999_999)
      var history = Vets_Registry_V1_ListPersonHistoryResponse()
      history.entries = [entryInHistory, Vets_Registry_V1_HistoryEntry()]
      try await peer.expectSameBytes(history, "a person's history")

      var refund = Vets_Common_V1_Money()
      refund.fen = -123_456_789_012_345
      try await peer.expectSameBytes(refund, "a negative amount of money")
      var largest = Vets_Common_V1_Money()
      largest.fen = Int64.min
      try await peer.expectSameBytes(largest, "the most negative amount of money")
    }
  }

  @Test func messagesBuiltInCDecodeToTheExpectedValues() async throws {
    try await ProtobufCPeer.with { peer in
      let written = peer.folder.appendingPathComponent("written")
      try FileManager.default.createDirectory(at: written, withIntermediateDirectories: true)
      let finished = try await Run.program(peer.executable, ["write", written.path])
      try #require(finished.status == 0, "peer write failed: \(finished.stderr)")
      func file(_ name: String) throws -> Data { try Data(contentsOf: written.appendingPathComponent(name)) }

      let personBytes = try file("person.bin")
      let person = try Vets_Registry_V1_Person(serializedBytes: personBytes)
      #expect(person == Self.veteranWrittenInC)
      #expect(person.data.name == "荣庆华")
      #expect(person.data.address.unicodeScalars.contains("\u{20000}"))
      #expect(person.data.tags == ["参战", "\u{20000}\u{20001}", "老兵话吧"])
      #expect(person.data.categories.map(\.kinship) == [.unspecified, .sibling])
      #expect(person.version == 9_007_199_254_740_993)
      #expect(person.createdAt.seconds == -631_152_000 && person.createdAt.nanos == 123_456_789)
      #expect(person.unknownFields.data.isEmpty && person.data.unknownFields.data.isEmpty)
      #expect(personBytes == (try Self.veteranWrittenInC.serializedBytes(options: Self.deterministic)))

      let householdBytes = try file("household.bin")
      #expect(try Vets_Registry_V1_Household(serializedBytes: householdBytes) == Self.household)
      #expect(householdBytes == (try Self.household.serializedBytes(options: Self.deterministic)))

      let money = try Vets_Common_V1_Money(serializedBytes: try file("money.bin"))
      #expect(money.fen == -123_456_789_012_345)
      #expect(money.unknownFields.data.isEmpty)

      let responseBytes = try file("import-response.bin")
      #expect(try Vets_Registry_V1_ImportPersonsResponse(serializedBytes: responseBytes) == Self.importResponse)
      #expect(responseBytes == (try Self.importResponse.serializedBytes(options: Self.deterministic)))

      let chunk = try Vets_Registry_V1_ImportPersonsRequest(serializedBytes: try file("import-chunk.bin"))
      #expect(chunk.part == .chunk(Self.csvChunk))
    }
  }

  @Test func unknownFieldsSurviveTheCPeer() async throws {
    try await ProtobufCPeer.with { peer in
      let topLevel =
        WireBytes.field(9999, varint: 1_234_567_890_123) + WireBytes.field(9999, string: "模式里没有的字段 𠀀")
        + WireBytes.field(10_000, fixed32: 0xDEAD_BEEF) + WireBytes.field(536_870_911, fixed64: UInt64.max)
      let nested = WireBytes.field(9999, varint: UInt64.max) + WireBytes.field(16, string: "")

      var person = Self.veteranWrittenInC
      let inputBytes: Data = try person.data.serializedBytes()
      let input = try Vets_Registry_V1_PersonInput(serializedBytes: inputBytes + nested)
      #expect(input.unknownFields.data == nested)
      person.data = input
      let knownBytes: Data = try person.serializedBytes(options: Self.deterministic)
      let bytes = knownBytes + topLevel

      let (finished, output) = try await peer.roundTrip(bytes, as: Vets_Registry_V1_Person.protoMessageName)
      #expect(finished.status == 0, "\(finished.stderr)")
      #expect(finished.stdout.hasSuffix(" 4 unknown fields\n"), "\(finished.stdout)")
      let packed = try #require(output)
      #expect(packed == bytes, "\(packed.difference(from: bytes))")
      let back = try Vets_Registry_V1_Person(serializedBytes: packed)
      #expect(back.unknownFields.data == topLevel)
      #expect(back.data.unknownFields.data == nested)
      #expect(back.data.name == "荣庆华")

      // An unknown field ahead of the known ones: protobuf-c, like Swift, packs it after them.
      var money = Vets_Common_V1_Money()
      money.fen = -42
      let moneyBytes: Data = try money.serializedBytes()
      let unknownFirst = WireBytes.field(9999, string: "先来的") + moneyBytes
      let swiftOrder: Data = try Vets_Common_V1_Money(serializedBytes: unknownFirst).serializedBytes()
      #expect(swiftOrder != unknownFirst)
      let (reordered, reorderedOutput) = try await peer.roundTrip(unknownFirst, as: Vets_Common_V1_Money.protoMessageName)
      #expect(reordered.status == 0, "\(reordered.stderr)")
      #expect(reorderedOutput == swiftOrder)
    }
  }

  /// protobuf-c keeps strings as NUL-terminated `char *` and packs them with strlen, so a NUL inside a string cuts it
  /// short. Swift (and so the daemon) keeps such a string whole; a C client gets only the part before the NUL.
  @Test func aNULInsideAStringIsCutByProtobufC() async throws {
    try await ProtobufCPeer.with { peer in
      let member = Self.member("psn-0009", "荣\u{0}庆华", "户主", .active)
      let bytes: Data = try member.serializedBytes()
      let (finished, output) = try await peer.roundTrip(bytes, as: Vets_Registry_V1_HouseholdMember.protoMessageName)
      #expect(finished.status == 0, "\(finished.stderr)")
      let packed = try #require(output)
      withKnownIssue("protobuf-c 1.4.1 packs strings with strlen: the name comes back as 荣") {
        #expect(packed == bytes, "\(packed.difference(from: bytes))")
      }
      let back = try Vets_Registry_V1_HouseholdMember(serializedBytes: packed)
      #expect(back.personID == "psn-0009" && back.relation == "户主" && back.status == .active)
    }
  }

  @Test func thePeerRefusesWhatIsNotTheMessage() async throws {
    try await ProtobufCPeer.with { peer in
      let bytes: Data = try Self.veteranWrittenInC.serializedBytes()
      let truncated = try await peer.roundTrip(bytes.dropLast(), as: Vets_Registry_V1_Person.protoMessageName)
      #expect(truncated.finished.status != 0)
      #expect(truncated.finished.stderr.contains("cannot unpack the bytes as: vets.registry.v1.Person"), "\(truncated.finished.stderr)")
      #expect(truncated.output == nil)

      let unnamed = try await peer.roundTrip(bytes, as: "vets.registry.v1.Veteran")
      #expect(unnamed.finished.status != 0)
      #expect(unnamed.finished.stderr.contains("no such message in this peer: vets.registry.v1.Veteran"))
    }
  }
}
