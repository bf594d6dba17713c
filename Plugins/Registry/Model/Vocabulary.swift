// The words clerks use for categories, kinship, sex and status, in English and Chinese, for
// CSV import and export. One table, read both ways.

import VetsAPI

enum Vocabulary {
  static let categories: [(Vets_Registry_V1_Category, String, String)] = [
    (.transferredOfficer, "transferred_officer", "军队转业干部"),
    (.dischargedSoldier, "discharged_soldier", "退役士兵"),
    (.retiredOfficer, "retired_officer", "军队离退休干部和退休士官"),
    (.retiredCivilianStaff, "retired_civilian_staff", "军队无军籍离退休退职职工"),
    (.demobilisedSoldier, "demobilised_soldier", "复员军人"),
    (.redArmyVeteran, "red_army_veteran", "退伍红军老战士"),
    (.disabledServiceman, "disabled_serviceman", "残疾军人"),
    (.disabledMilitia, "disabled_militia", "伤残民兵民工"),
    (.martyrFamily, "martyr_family", "烈士遗属"),
    (.dutyDeathFamily, "duty_death_family", "因公牺牲军人遗属"),
    (.illnessDeathFamily, "illness_death_family", "病故军人遗属"),
    (.servingMemberFamily, "serving_member_family", "现役军人家属"),
    (.warOrTestParticipant, "war_or_test_participant", "参战参试"),
    (.returnedIll, "returned_ill", "带病回乡退伍军人"),
    (.ruralVeteranOver60, "rural_veteran_over_60", "农村籍60周岁以上退役士兵"),
    (.earlyMartyrChild, "early_martyr_child", "烈士子女"),
  ]

  static let kinships: [(Vets_Registry_V1_Kinship, String, String)] = [
    (.parent, "parent", "父母"), (.spouse, "spouse", "配偶"), (.child, "child", "子女"), (.sibling, "sibling", "兄弟姐妹"),
  ]

  static let statuses: [(Vets_Registry_V1_PersonStatus, String, String)] = [
    (.active, "active", "在册"), (.deceased, "deceased", "已故"), (.movedOut, "moved_out", "迁出"), (.exited, "exited", "退出"),
  ]

  static let stationKinds: [(Vets_Registry_V1_StationKind, String)] = [
    (.countyCentre, "county_centre"), (.town, "town"), (.village, "village"), (.talkRoom, "talk_room"),
  ]

  /// Family categories need the dependant's relation to the serviceman.
  static let familyCategories: Set<Vets_Registry_V1_Category> = [
    .martyrFamily, .dutyDeathFamily, .illnessDeathFamily, .servingMemberFamily,
  ]

  static func name<T: Equatable>(_ value: T, in table: [(T, String, String)]) -> String {
    table.first { $0.0 == value }?.1 ?? ""
  }

  static func value<T>(_ text: String, in table: [(T, String, String)]) -> T? {
    table.first { $0.1 == text || $0.2 == text }?.0
  }
}
