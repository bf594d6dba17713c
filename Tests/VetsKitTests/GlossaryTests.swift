import Testing
import VetsAPI
import VetsKit

// The glossary (issue 18, item 1): one table per wire enum, complete, with the codes the
// wire's case names give, read back from any word a clerk may write.
@Suite struct GlossaryTests {
  @Test func everyEnumCaseHasAWordAndALabel() {
    for kind in Glossary.kinds {
      #expect(kind.missing.isEmpty, "\(kind.name) has no word for the cases \(kind.missing)")
      #expect(kind.rows.allSatisfy { !$0.label.isEmpty && $0.label != $0.code }, "\(kind.name) has a case without a Chinese label")
    }
    #expect(Set(Glossary.kinds.map(\.name)).count == Glossary.kinds.count, "kind names are unique")
  }

  /// The codes are the wire's case names in snake case, as vetsctl has always printed them.
  @Test(arguments: [
    (Vets_Registry_V1_Category.ruralVeteranOver60, "rural_veteran_over_60"),
    (Vets_Registry_V1_Category.warOrTestParticipant, "war_or_test_participant"),
  ])
  func codesAreTheWireNames(category: Vets_Registry_V1_Category, code: String) {
    #expect(Vets_Registry_V1_Category.terms.word(of: category) == code)
  }

  @Test func aWordIsReadFromItsCodeLabelOrSynonym() {
    let departments = Vets_Appeals_V1_Department.terms
    #expect(departments.value(typed: "human_resources_social_security") == .humanResourcesSocialSecurity)
    #expect(departments.value(typed: "Human-Resources-Social-Security") == .humanResourcesSocialSecurity)
    #expect(departments.value(typed: "人力资源和社会保障局") == .humanResourcesSocialSecurity)
    #expect(departments.value(typed: "人社局") == .humanResourcesSocialSecurity)
    #expect(departments.value(typed: " 人社局 ") == .humanResourcesSocialSecurity)
    #expect(departments.value(typed: "人社") == nil, "a part of a word is not a word")
    #expect(Vets_Appeals_V1_Channel.terms.value(typed: "服务站（老兵话吧）") == .station, "full-width brackets")
    #expect(Vets_Registry_V1_Sex.terms.value(typed: "男") == .male)
    #expect(Vets_Registry_V1_Category.terms.value(typed: "参战参试人员") == .warOrTestParticipant)
    #expect(Vets_Registry_V1_Category.terms.value(typed: "") == nil)
  }
}
