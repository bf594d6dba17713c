// The registry's words (GLOSSARY.md, People).

public import VetsAPI

extension Vets_Registry_V1_Category: Glossed {
  public static let terms = Terms<Self>(
    [
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
      (.warOrTestParticipant, "war_or_test_participant", "参战参试退役人员"),
      (.returnedIll, "returned_ill", "带病回乡退伍军人"),
      (.ruralVeteranOver60, "rural_veteran_over_60", "农村籍60周岁以上退役士兵"),
      (.earlyMartyrChild, "early_martyr_child", "部分烈士子女"),
    ],
    also: [
      "transferred_officer": ["转业干部"], "discharged_soldier": ["退伍军人"], "retired_officer": ["离退休干部", "退休士官"],
      "retired_civilian_staff": ["无军籍职工"], "red_army_veteran": ["红军老战士", "红军失散人员"], "disabled_serviceman": ["伤残军人"],
      "serving_member_family": ["军属"], "war_or_test_participant": ["参战参试", "参战参试人员"],
      "early_martyr_child": ["早期烈士子女", "烈士子女"],
    ])

  /// Family categories need the dependant's relation to the serviceman.
  public static let family: Set<Self> = [.martyrFamily, .dutyDeathFamily, .illnessDeathFamily, .servingMemberFamily]
}

extension Vets_Registry_V1_Kinship: Glossed {
  public static let terms = Terms<Self>(
    [(.parent, "parent", "父母"), (.spouse, "spouse", "配偶"), (.child, "child", "子女"), (.sibling, "sibling", "兄弟姐妹")],
    also: ["parent": ["父亲", "母亲", "抚养人"], "spouse": ["妻子", "丈夫"], "child": ["儿子", "女儿"]])
}

extension Vets_Registry_V1_PersonStatus: Glossed {
  public static let terms = Terms<Self>(
    [(.active, "active", "在册"), (.deceased, "deceased", "已故"), (.movedOut, "moved_out", "迁出"), (.exited, "exited", "退出")],
    also: ["deceased": ["去世", "死亡"], "exited": ["除名"]])
}

extension Vets_Registry_V1_Sex: Glossed {
  public static let terms = Terms<Self>([(.male, "male", "男"), (.female, "female", "女")], also: ["male": ["男性"], "female": ["女性"]])
}

extension Vets_Registry_V1_StationKind: Glossed {
  public static let terms = Terms<Self>(
    [
      (.countyCentre, "county_centre", "县退役军人服务中心"), (.town, "town", "镇(街道)退役军人服务站"),
      (.village, "village", "村(社区)退役军人服务站"), (.talkRoom, "talk_room", "老兵话吧"),
    ],
    also: ["county_centre": ["服务中心"], "town": ["镇服务站", "街道服务站"], "village": ["村服务站", "社区服务站"]])
}
