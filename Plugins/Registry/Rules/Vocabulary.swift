// The words the registry stores for its enums (`Terms`), with the Chinese a clerk writes in
// a CSV file; a file may use either, so every table is read both ways.

import VetsAPI
import VetsKit

enum Vocabulary {
  static let categories = Terms<Vets_Registry_V1_Category>([
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
  ])

  static let kinships = Terms<Vets_Registry_V1_Kinship>([
    (.parent, "parent", "父母"), (.spouse, "spouse", "配偶"), (.child, "child", "子女"), (.sibling, "sibling", "兄弟姐妹"),
  ])

  static let statuses = Terms<Vets_Registry_V1_PersonStatus>([
    (.active, "active", "在册"), (.deceased, "deceased", "已故"), (.movedOut, "moved_out", "迁出"), (.exited, "exited", "退出"),
  ])

  static let sexes = Terms<Vets_Registry_V1_Sex>([(.male, "male", "男"), (.female, "female", "女")])

  static let stationKinds = Terms<Vets_Registry_V1_StationKind>([
    (.countyCentre, "county_centre", "县退役军人服务中心"), (.town, "town", "镇(街道)退役军人服务站"),
    (.village, "village", "村(社区)退役军人服务站"), (.talkRoom, "talk_room", "老兵话吧"),
  ])

  /// Family categories need the dependant's relation to the serviceman.
  static let familyCategories: Set<Vets_Registry_V1_Category> = [
    .martyrFamily, .dutyDeathFamily, .illnessDeathFamily, .servingMemberFamily,
  ]
}
