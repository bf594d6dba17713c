import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The "2+N" army-support network of the demo: two associations with their member units and
/// social organisations, ten service groups in both directions, and their activities.
enum DemoNetwork {
  typealias Organisation = (key: String, name: String, type: Vets_Volunteers_V1_OrganisationType, town: String, joined: (Int, Int),
                            association: String?)
  typealias Group = (name: String, association: String, direction: Vets_Volunteers_V1_Direction, founded: (Int, Int), skills: [String])

  static let associations: [Organisation] = [
    ("promotion", "汶上县爱国拥军促进会", .association, "370830001", (2018, 5), nil),
    ("care", "汶上县退役军人关爱协会", .association, "370830001", (2018, 8), nil),
  ]

  static let members: [Organisation] = [
    ("hospital", "汶上县人民医院", .governmentUnit, "370830001", (2018, 6), "promotion"),
    ("culture", "汶上县文化馆", .governmentUnit, "370830001", (2018, 6), "promotion"),
    ("justice", "汶上县司法局", .governmentUnit, "370830002", (2019, 3), "promotion"),
    ("youth", "共青团汶上县委员会", .governmentUnit, "370830001", (2019, 5), "care"),
    ("housekeeping", "汶上县雷锋家政服务中心", .enterpriseUnit, "370830001", (2018, 9), "promotion"),
    ("pharmacy", "汶上县中都大药房", .enterpriseUnit, "370830001", (2020, 1), "promotion"),
    ("bank", "汶上农商银行", .enterpriseUnit, "370830002", (2020, 6), "care"),
    ("market", "南旺镇爱心超市", .enterpriseUnit, "370830004", (2021, 3), "care"),
    ("volunteers", "汶上县义工联合会", .social, "370830001", (2018, 10), "care"),
    ("veterans", "汶上县老兵志愿服务队", .social, "370830001", (2019, 8), "care"),
    ("rescue", "汶上县蓝天救援队", .social, "370830003", (2020, 7), nil),
  ]

  static let groups: [Group] = [
    ("雷锋家政", "promotion", .supportMilitary, (2018, 6), ["家政", "护理"]),
    ("拥军艺术团", "promotion", .supportMilitary, (2018, 7), ["声乐", "舞蹈"]),
    ("义诊服务队", "promotion", .supportMilitary, (2018, 8), ["医疗", "护理"]),
    ("法律援助服务队", "promotion", .supportMilitary, (2019, 3), ["法律"]),
    ("助学圆梦服务队", "promotion", .supportMilitary, (2019, 6), ["教育"]),
    ("心理关爱小组", "care", .supportMilitary, (2020, 5), ["心理咨询"]),
    ("文艺创作组", "care", .supportPeople, (2018, 9), ["书法", "写作"]),
    ("政策宣讲团", "care", .supportPeople, (2018, 10), ["政策宣讲"]),
    ("应急救援队", "care", .supportPeople, (2019, 7), ["急救", "驾驶"]),
    ("乡村环境整治队", "care", .supportPeople, (2020, 3), ["环境整治"]),
  ]

  struct Activity {
    enum End { case approved, pending, cancelled }
    let key: String
    let title: String
    let kind: Vets_Volunteers_V1_ActivityKind
    let groups: [Int]
    let day: (Int, Int, Int)
    let hours: Int
    let place: String
    var headCount: Int32 = 0
    var raised: [(donor: String, kind: Vets_Volunteers_V1_DonationKind, yuan: Int64, description: String)] = []
    var end = End.approved
    /// Pays the money raised into the relief fund.
    var deposit = false
  }

  static let activities: [Activity] = [
    Activity(key: "2019-leifeng", title: "学雷锋上门保洁", kind: .housekeeping, groups: [0], day: (2019, 3, 5), hours: 3, place: "370830001001"),
    Activity(
      key: "2019-army-day", title: "八一走访慰问老兵", kind: .visit, groups: [0, 1], day: (2019, 8, 1), hours: 4, place: "370830004001",
      raised: [("汶上县中都商会", .goods, 5_000, "米面油慰问品")]),
    Activity(
      key: "2020-spring", title: "春节拥军文艺演出", kind: .performance, groups: [1, 6], day: (2020, 1, 15), hours: 3, place: "370830001",
      headCount: 300),
    Activity(key: "2020-clinic", title: "退役军人义诊", kind: .medical, groups: [2], day: (2020, 9, 20), hours: 5, place: "370830005001",
             headCount: 120),
    Activity(key: "2021-policy", title: "退役军人优待政策宣讲", kind: .policyTalk, groups: [7], day: (2021, 4, 15), hours: 2,
             place: "370830003001", headCount: 80),
    Activity(
      key: "2021-fundraising", title: "八一爱心募捐", kind: .fundraising, groups: [1, 7], day: (2021, 8, 1), hours: 4, place: "370830001",
      raised: [("汶上县中都商会", .money, 30_000, ""), ("汶上农商银行", .money, 20_000, "")], deposit: true),
    Activity(key: "2022-leifeng", title: "雷锋家政进万家", kind: .housekeeping, groups: [0], day: (2022, 3, 5), hours: 3, place: "370830004002"),
    Activity(
      key: "2022-school", title: "助学圆梦", kind: .other, groups: [4], day: (2022, 6, 1), hours: 3, place: "370830004",
      raised: [("爱心人士", .money, 15_000, "")]),
    Activity(key: "2022-care", title: "烈属家庭心理关爱", kind: .other, groups: [5], day: (2022, 10, 12), hours: 2, place: "370830001002"),
    Activity(
      key: "2023-spring", title: "春节送温暖", kind: .visit, groups: [0, 2], day: (2023, 1, 10), hours: 4, place: "370830001001",
      raised: [("南旺镇爱心超市", .goods, 8_000, "棉被、米面油")]),
    Activity(key: "2023-flood", title: "防汛应急演练", kind: .other, groups: [8], day: (2023, 7, 8), hours: 4, place: "370830004001",
             headCount: 200),
    Activity(
      key: "2023-army-day", title: "八一拥军文艺晚会", kind: .performance, groups: [1, 6], day: (2023, 8, 1), hours: 3, place: "370830001",
      headCount: 500, raised: [("汶上县文化馆", .goods, 3_000, "演出服装道具")]),
    Activity(key: "2024-leifeng", title: "学雷锋家政服务日", kind: .housekeeping, groups: [0], day: (2024, 3, 5), hours: 3, place: "370830001004"),
    Activity(key: "2024-law", title: "法律援助进村", kind: .policyTalk, groups: [3], day: (2024, 5, 20), hours: 2, place: "370830007001",
             headCount: 60),
    Activity(key: "2024-village", title: "乡村环境整治", kind: .other, groups: [9], day: (2024, 9, 15), hours: 3, place: "370830010001"),
    Activity(
      key: "2025-spring", title: "春节慰问烈属军属", kind: .visit, groups: [0, 5], day: (2025, 1, 20), hours: 4, place: "370830004001",
      raised: [("汶上县雷锋家政服务中心", .goods, 6_000, "慰问品")], end: .pending),
    Activity(
      key: "2025-fundraising", title: "八一爱心募捐", kind: .fundraising, groups: [1, 4], day: (2025, 8, 1), hours: 4, place: "370830001",
      raised: [("汶上县中都商会", .money, 50_000, "")], end: .pending, deposit: true),
    Activity(key: "2025-reunion", title: "重阳节老兵联谊", kind: .performance, groups: [1], day: (2025, 10, 29), hours: 3,
             place: "370830001", end: .cancelled),
  ]
}

extension DemoLoader {
  func loadVolunteers(depositIntoRelief: Bool) async throws {
    Self.progress("volunteers: organisations, groups, volunteers, activities and hours")
    let service = Vets_Volunteers_V1_VolunteerService.Client(wrapping: client)
    var random = SeededRandom(seed: seed, stream: "volunteers")
    var organisations: [String: String] = [:]
    for o in DemoNetwork.associations + DemoNetwork.members {
      var request = Vets_Volunteers_V1_AddOrganisationRequest()
      request.requestID = requestID("organisation", o.key)
      (request.organisation.name, request.organisation.type, request.organisation.townCode) = (o.name, o.type, o.town)
      request.organisation.joinedOn = DemoCounty.date(o.joined.0, o.joined.1, 1)
      request.organisation.associationID = o.association.map { organisations[$0]! } ?? ""
      request.organisation.contact = DemoNames.mobile(&random)
      if o.type == .association { request.organisation.creditCode = DemoCounty.creditCode(&random, authority: "51") }
      organisations[o.key] = try await service.addOrganisation(request, metadata: admin, options: options).id
    }
    summary.add("volunteers", "associations", DemoNetwork.associations.count)
    summary.add("volunteers", "member_units", DemoNetwork.members.count(where: { $0.association != nil }))
    summary.add("volunteers", "social_organisations", DemoNetwork.members.count(where: { $0.type == .social }))

    var groups: [String] = []
    for (index, g) in DemoNetwork.groups.enumerated() {
      var request = Vets_Volunteers_V1_AddGroupRequest()
      request.requestID = requestID("group", String(index + 1))
      (request.group.name, request.group.organisationID, request.group.direction) = (g.name, organisations[g.association]!, g.direction)
      request.group.leader = DemoNames.name(&random, male: random.percent(60))
      request.group.foundedOn = DemoCounty.date(g.founded.0, g.founded.1, 1)
      groups.append(try await service.addGroup(request, metadata: admin, options: options).id)
    }
    summary.add("volunteers", "groups", groups.count)

    // 42 volunteers (爱心会员): a dozen are registry veterans who volunteer.
    let veterans = livingHouseholds.flatMap(\.members).filter { $0.isVeteran && $0.birthYear >= 1955 }.prefix(12)
    var members: [(id: String, groups: Set<Int>)] = []
    for index in 0..<42 {
      var request = Vets_Volunteers_V1_AddMemberRequest()
      request.requestID = requestID("volunteer", String(index + 1))
      var joined: Set<Int> = [index % groups.count]
      if random.percent(40) { joined.insert(random.int(0...(groups.count - 1))) }
      if index < veterans.count {
        let veteran = veterans[veterans.startIndex + index]
        (request.member.name, request.member.personID) = (veteran.input.name, personIDs[veteran.key]!)
      } else {
        request.member.name = DemoNames.name(&random, male: random.percent(50))
        request.member.phone = DemoNames.mobile(&random)
      }
      // Each skill once, in the order the groups give them (a list never repeats an entry).
      var skills: [String] = []
      for skill in joined.sorted().flatMap({ DemoNetwork.groups[$0].skills }) where !skills.contains(skill) { skills.append(skill) }
      request.member.skills = skills
      request.member.groupIds = joined.sorted().map { groups[$0] }
      request.member.joinedOn = DemoCounty.date(random.int(2018...2024), random.int(1...12), random.int(1...28))
      members.append((try await service.addMember(request, metadata: admin, options: options).id, joined))
    }
    summary.add("volunteers", "volunteers", members.count)
    summary.add("volunteers", "linked_veterans", veterans.count)
    try await loadActivities(groups: groups, members: members, depositIntoRelief: depositIntoRelief, random: &random)
  }

  private func loadActivities(
    groups: [String], members: [(id: String, groups: Set<Int>)], depositIntoRelief: Bool, random: inout SeededRandom
  ) async throws {
    let service = Vets_Volunteers_V1_VolunteerService.Client(wrapping: client)
    let coordinator = try await token(.coordinator, scope: "county", name: "示范协调员 县拥军促进会")
    let served = livingHouseholds.filter { [.martyrFamily, .dutyDeathFamily, .illnessDeathFamily, .rong].contains($0.kind) }
    var minutes: (approved: Int64, pending: Int64) = (0, 0)
    var raised: (money: Int64, goods: Int64, deposited: Int64) = (0, 0, 0)
    for (index, a) in DemoNetwork.activities.enumerated() {
      let id = { (step: String) in self.requestID("activity", a.key, step) }
      var plan = Vets_Volunteers_V1_PlanActivityRequest()
      plan.requestID = id("plan")
      (plan.activity.title, plan.activity.kind, plan.activity.groupIds) = (a.title, a.kind, a.groups.map { groups[$0] })
      let start = DemoCounty.instant(a.day.0, a.day.1, a.day.2, hour: 9)
      plan.activity.startsAt = Google_Protobuf_Timestamp(date: start)
      plan.activity.endsAt = Google_Protobuf_Timestamp(date: start.addingTimeInterval(Double(a.hours) * 3600))
      (plan.activity.placeCode, plan.activity.place) = (a.place, DemoCounty.village(a.place)?.name ?? "县城广场")
      if [.visit, .housekeeping, .other].contains(a.kind), !served.isEmpty {
        let households = (0..<3).map { served[(index * 3 + $0) % served.count] }
        plan.activity.beneficiaries.householdIds = households.map { householdIDs[$0.key]! }
        if a.kind == .visit { plan.activity.beneficiaries.personIds = households.map { personIDs[$0.head.key]! } }
      }
      plan.activity.beneficiaries.headCount = a.headCount
      let activity = try await service.planActivity(plan, metadata: admin, options: options)
      if a.end == .cancelled {
        var cancel = Vets_Volunteers_V1_ActivityTransitionRequest()
        (cancel.requestID, cancel.activityID, cancel.reason) = (id("cancel"), activity.id, "天气原因取消")
        _ = try await service.cancelActivity(cancel, metadata: admin, options: options)
        continue
      }
      let volunteers = members.filter { !$0.groups.isDisjoint(with: a.groups) }.prefix(5)
      for member in volunteers {
        var hours = Vets_Volunteers_V1_RecordHoursRequest()
        (hours.requestID, hours.activityID, hours.memberID) = (id("hours-\(member.id)"), activity.id, member.id)
        hours.minutes = Int32(60 * random.int(1...a.hours))
        _ = try await service.recordHours(hours, metadata: admin, options: options)
        if a.end == .approved { minutes.approved += Int64(hours.minutes) } else { minutes.pending += Int64(hours.minutes) }
      }
      for (n, gift) in a.raised.enumerated() {
        var request = Vets_Volunteers_V1_RecordRaisedRequest()
        (request.requestID, request.activityID, request.donor) = (id("raised-\(n + 1)"), activity.id, gift.donor)
        (request.kind, request.amount, request.description_p) = (gift.kind, DemoCounty.money(yuan: gift.yuan), gift.description)
        let donation = try await service.recordRaised(request, metadata: admin, options: options)
        if gift.kind == .money { raised.money += gift.yuan } else { raised.goods += gift.yuan }
        guard a.deposit, depositIntoRelief, gift.kind == .money else { continue }
        var deposit = Vets_Volunteers_V1_DepositDonationRequest()
        (deposit.requestID, deposit.donationID) = (id("deposit-\(n + 1)"), donation.id)
        (deposit.fund, deposit.source) = ("assistance", "army-support")
        _ = try await service.depositDonation(deposit, metadata: admin, options: options)
        raised.deposited += gift.yuan
      }
      var complete = Vets_Volunteers_V1_ActivityTransitionRequest()
      (complete.requestID, complete.activityID) = (id("complete"), activity.id)
      _ = try await service.completeActivity(complete, metadata: admin, options: options)
      // Approval by the coordinator goes by the activity as it is now: an earlier run's
      // coordinator token is gone, and its approval must not be asked for twice.
      var get = Vets_Volunteers_V1_GetActivityRequest()
      get.id = activity.id
      if a.end == .approved, try await service.getActivity(get, metadata: admin, options: options).status == .done {
        var approve = Vets_Volunteers_V1_ApproveHoursRequest()
        (approve.requestID, approve.activityID) = (id("approve"), activity.id)
        _ = try await service.approveHours(approve, metadata: coordinator, options: options)
      }
    }
    let cancelled = DemoNetwork.activities.count(where: { $0.end == .cancelled })
    summary.add("volunteers", "activities", DemoNetwork.activities.count - cancelled)
    summary.add("volunteers", "cancelled_activities", cancelled)
    summary.add("volunteers", "approved_minutes", minutes.approved)
    summary.add("volunteers", "pending_minutes", minutes.pending)
    summary.add("volunteers", "money_raised_yuan", raised.money)
    summary.add("volunteers", "goods_raised_yuan", raised.goods)
    summary.add("volunteers", "deposited_into_relief_yuan", raised.deposited)
  }
}
