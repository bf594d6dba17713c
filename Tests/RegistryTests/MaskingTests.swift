import Foundation
import Testing
import VetsAPI
import VetsKit

@testable import Registry

/// What a masked role sees of a person: one rule for a reply, a history entry and an exported line.
@Suite struct MaskingTests {
  static func row() throws -> PersonRow {
    let fields = try PersonFields(PersonFieldsTests.rong(), today: PersonFieldsTests.today)
    return PersonRow(
      id: "per_1", data: fields.input, townCode: "370830001", status: .active, diedOn: nil, householdID: nil, relationToHead: "",
      version: 1, createdAt: "", updatedAt: "")
  }

  @Test func aMaskedPersonShowsNeitherTheFullIDNorTheBirthDayThatWouldRebuildIt() throws {
    let row = try Self.row()
    let listed = row.proto(.listed)
    #expect(listed.data.idNumber == "370830********" + String(row.data.idNumber.suffix(4)))
    #expect(listed.data.birthDate.year == 1950)
    #expect(listed.data.birthDate.month == 0 && listed.data.birthDate.day == 0)
    #expect(listed.data.phone == "138****5678")
    // A role that may not read personal data gets no tail: with the birth year, the tail's
    // check character would leave a few dozen birth dates to try.
    let concealed = row.proto(.concealed)
    #expect(concealed.data.idNumber == "370830************")
    #expect(concealed.data.birthDate.year == 1950 && concealed.data.birthDate.day == 0)
    #expect(PersonCSV.line(row, .concealed).hasPrefix("370830************,"))
    #expect(PersonCSV.line(row, .concealed).contains(",1950,"))
    let full = row.proto(.full)
    #expect(full.data.idNumber == row.data.idNumber)
    #expect(full.data.birthDate.day == 12)
  }

  @Test func historyHidesOnlyPersonalFieldsAndOnlyFromAMaskedRole() {
    let masked = PersonMask(.concealed)
    #expect(masked.value("13812345678", of: "phone") == "****")
    #expect(masked.value("", of: "phone") == "")
    #expect(masked.value("兵支书", of: "tags") == "兵支书")
    #expect(PersonMask(.full).value("13812345678", of: "phone") == "13812345678")
  }

  @Test func aFullExportLineIsTheRecordAndAMaskedOneMatchesTheConcealedReply() throws {
    let row = try Self.row()
    let full = PersonCSV.line(row, .full)
    #expect(full.hasPrefix(row.data.idNumber + ",荣𠀀华,男,1950-03-12,13812345678,"))
    let reply = row.proto(.concealed)
    let masked = PersonCSV.line(row, .concealed)
    #expect(masked.hasPrefix("\(reply.data.idNumber),荣𠀀华,男,1950,\(reply.data.phone),"))
    #expect(reply.masked && !row.proto(.full).masked)
  }

  @Test func csvWordsReadInEnglishOrChinese() throws {
    #expect(Vets_Registry_V1_Sex.terms.value(typed: "男") == .male)
    #expect(Vets_Registry_V1_Sex.terms.value(typed: "female") == .female)
    #expect(Vets_Registry_V1_PersonStatus.terms.value(typed: "已故") == .deceased)
    #expect(Vets_Registry_V1_PersonStatus.terms.value(typed: "died") == nil)
    #expect(Vets_Registry_V1_StationKind.terms.word(of: .talkRoom) == "talk_room")
    #expect(CategoryEntry(category: .martyrFamily, kinship: .spouse).text == "martyr_family:spouse")
  }
}

/// A divisions file: the header is optional, a bad line is reported and the rest kept.
@Suite struct DivisionFileTests {
  @Test func badLinesAreReportedByLineAndTheGoodOnesKept() throws {
    let csv = "code,name\n370830001,济宁镇\n370830001001,东村\n37083000100,短码\n370830002\n"
    let file = try DivisionFile(Data(csv.utf8), field: "csv")
    #expect(file.towns.map(\.code) == ["370830001"])
    #expect(file.villages.map(\.name) == ["东村"])
    #expect(file.errors.map(\.line) == [4, 5])
    #expect(file.errors.last?.reason == "expected two columns: code,name")
  }

  @Test func theHeadIsNamedOnlyBySetHead() {
    #expect(throws: VetsError.self) { try HouseholdRelation.validated("户主", field: "relation") }
    #expect((try? HouseholdRelation.validated("配偶", field: "relation")) == "配偶")
  }
}
