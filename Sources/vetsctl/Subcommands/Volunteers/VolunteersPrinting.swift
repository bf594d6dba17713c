import Foundation
import VetsAPI
import VetsKit

/// How the volunteer network's answers are printed.

extension Vets_Volunteers_V1_RecordStatus: Worded {}

extension Vets_Volunteers_V1_Organisation: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ organisations: [Self]) {
    Output.table(
      ["ORGANISATION", "NAME", "TYPE", "TOWN", "ASSOCIATION", "CREDIT CODE", "STATUS"],
      organisations.map { o in
        [o.id, o.name, word(o.type), o.townCode, o.associationID.isEmpty ? "-" : o.associationID,
         o.creditCode.isEmpty ? "-" : o.creditCode, word(o.status)]
      })
  }
}

extension Vets_Volunteers_V1_ListOrganisationsResponse: Printable, Paged {
  func printTable() { Vets_Volunteers_V1_Organisation.print(organisations) }
}

extension Vets_Volunteers_V1_OrganisationDetail: Printable {
  func printTable() {
    organisation.printTable()
    if !memberUnits.isEmpty {
      Swift.print("\n" + Language.say("成员单位：", "member units:"))
      Vets_Volunteers_V1_Organisation.print(memberUnits)
    }
    if !groups.isEmpty {
      Swift.print("\n" + Language.say("志愿服务队：", "service groups:"))
      Vets_Volunteers_V1_ServiceGroup.print(groups)
    }
  }
}

extension Vets_Volunteers_V1_ServiceGroup: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ groups: [Self]) {
    Output.table(
      ["GROUP", "NAME", "ORGANISATION", "DIRECTION", "LEADER", "FOUNDED", "STATUS"],
      groups.map { g in
        [g.id, g.name, g.organisationID, word(g.direction), g.leader.isEmpty ? "-" : g.leader, Dates.text(g.foundedOn), word(g.status)]
      })
  }
}

extension Vets_Volunteers_V1_ListGroupsResponse: Printable, Paged {
  func printTable() { Vets_Volunteers_V1_ServiceGroup.print(groups) }
}

extension Vets_Volunteers_V1_GroupDetail: Printable {
  func printTable() {
    group.printTable()
    if !group.description_p.isEmpty { Swift.print(group.description_p) }
    Swift.print("\n" + Language.say("志愿者：", "members:"))
    Vets_Volunteers_V1_Member.print(members)
  }
}

extension Vets_Volunteers_V1_Member: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ members: [Self]) {
    Output.table(
      ["MEMBER", "NAME", "PHONE", "SKILLS", "GROUPS", "JOINED", "VETERAN", "STATUS"],
      members.map { m in
        [m.id, m.name, m.phone.isEmpty ? "-" : m.phone, m.skills.isEmpty ? "-" : m.skills.joined(separator: "、"),
         m.groupIds.isEmpty ? "-" : m.groupIds.joined(separator: ","), Dates.text(m.joinedOn),
         m.personID.isEmpty ? "-" : "\(m.personID)\(m.person.veteran ? " (veteran)" : "")", word(m.status)]
      })
  }
}

extension Vets_Volunteers_V1_ListMembersResponse: Printable, Paged {
  func printTable() { Vets_Volunteers_V1_Member.print(members) }
}

extension Vets_Volunteers_V1_MemberHours: Printable {
  func printTable() {
    Output.fields([
      ("member", "\(member.id) \(member.name)"), ("approved", VolunteersCommand.hours(approvedMinutes) + " h"),
      ("pending", VolunteersCommand.hours(pendingMinutes) + " h"),
    ])
    Swift.print("")
    Vets_Volunteers_V1_HoursEntry.print(entries)
  }
}

extension Vets_Volunteers_V1_HoursEntry: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ entries: [Self]) {
    Output.table(
      ["ENTRY", "ACTIVITY", "MEMBER", "HOURS", "STATUS", "CORRECTS"],
      entries.map { h in
        [h.id, h.activityID, h.memberID, VolunteersCommand.hours(h.minutes), word(h.status), h.corrects.isEmpty ? "-" : h.corrects]
      })
  }
}

extension Vets_Volunteers_V1_Donation: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ donations: [Self]) {
    Output.table(
      ["DONATION", "DONOR", "KIND", "YUAN", "DEPOSITED", "DESCRIPTION"],
      donations.map { d in
        [d.id, d.donor, word(d.kind), Money.yuan(d.amount.fen),
         d.depositTransferID.isEmpty ? "-" : "\(d.depositFund) \(d.depositTransferID)", d.description_p.isEmpty ? "-" : d.description_p]
      })
  }
}

extension Vets_Volunteers_V1_Activity: Printable {
  /// The activity's row, then its beneficiaries, hours and money raised.
  func printTable() {
    Self.print([self])
    let b = beneficiaries
    Swift.print(
      "\nbeneficiaries: \(b.personIds.count) people, \(b.householdIds.count) households, \(b.headCount) unregistered"
        + (cancelReason.isEmpty ? "" : "\ncancelled: \(cancelReason)"))
    if !hours.isEmpty {
      Swift.print("\n" + Language.say("服务时长：", "hours:"))
      Vets_Volunteers_V1_HoursEntry.print(hours)
    }
    if !raised.isEmpty {
      Swift.print("\n" + Language.say("募集款物：", "raised:"))
      Vets_Volunteers_V1_Donation.print(raised)
    }
  }

  static func print(_ activities: [Self]) {
    Output.table(
      ["ACTIVITY", "TITLE", "KIND", "STARTS", "ENDS", "PLACE", "GROUPS", "STATUS"],
      activities.map { a in
        [a.id, a.title, word(a.kind), Dates.time(a.startsAt), Dates.time(a.endsAt),
         a.place.isEmpty ? a.placeCode : "\(a.placeCode) \(a.place)", a.groupIds.joined(separator: ","), word(a.status)]
      })
  }
}

extension Vets_Volunteers_V1_ListActivitiesResponse: Printable, Paged {
  func printTable() { Vets_Volunteers_V1_Activity.print(activities) }
}

extension Vets_Volunteers_V1_Report: Printable {
  func printTable() {
    Output.fields([
      ("period", fromYear == year ? String(year) : "\(fromYear)-\(year)"),
      ("service groups", String(groups)), ("member units", String(memberUnits)),
      ("social organisations", String(socialOrganisations)), ("volunteers", String(volunteers)),
      ("activities", String(activities)),
      ("hours approved", VolunteersCommand.hours(approvedMinutes)), ("hours pending", VolunteersCommand.hours(pendingMinutes)),
      ("money raised", Money.yuan(moneyRaised.fen)), ("goods raised", Money.yuan(goodsRaised.fen)),
      ("paid into relief", Money.yuan(deposited.fen)),
      ("people served", String(beneficiaryPeople)), ("households served", String(beneficiaryHouseholds)),
      ("unregistered served", String(beneficiaryHeadCount)),
      ("active veteran volunteers", String(activeVeteranVolunteers)),
    ])
  }
}
