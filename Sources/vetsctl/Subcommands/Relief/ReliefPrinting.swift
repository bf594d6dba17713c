import Foundation
import VetsAPI
import VetsKit

/// How the relief module's answers are printed.

extension Vets_Relief_V1_Account: Printable {
  func printTable() { Output.fields([("code", code), ("name", name), ("kind", word(kind))]) }
}

extension Vets_Relief_V1_ListAccountsResponse: Printable, Paged {
  func printTable() { Output.table(["CODE", "NAME", "KIND"], accounts.map { [$0.code, $0.name, word($0.kind)] }) }
}

extension Vets_Relief_V1_Transfer: Printable {
  func printTable() {
    Output.fields([
      ("transfer", id), ("kind", word(kind)), ("from", debitAccount), ("to", creditAccount),
      ("amount", Money.yuan(amount.fen)), ("memo", memo.isEmpty ? "-" : memo), ("time", Dates.stamp(createdAt)),
    ])
  }
}

extension Vets_Relief_V1_Balance: Printable {
  func printTable() {
    Output.fields([
      ("fund", fundName.isEmpty ? fund : "\(fundName) \(fund)"), (Language.say("已入账", "received"), Money.yuan(received.fen)), ("reserved", Money.yuan(reserved.fen)),
      ("paid", Money.yuan(paid.fen)), ("available", Money.yuan(available.fen)),
    ])
  }
}

extension Vets_Relief_V1_ListTransfersResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["TIME", "ID", "KIND", "FROM", "TO", "AMOUNT", "MEMO", "LINK"],
      transfers.map { t in
        [Dates.stamp(t.createdAt), t.id, word(t.kind), names[t.debitAccount] ?? t.debitAccount, names[t.creditAccount] ?? t.creditAccount,
         Money.yuan(t.amount.fen), t.memo.isEmpty ? "-" : t.memo, Self.link(t.link, names)]
      })
  }

  /// "case:case_x" as "荣庆华户 case:case_x": whom the money is for, where the daemon names it.
  static func link(_ link: String, _ names: [String: String]) -> String {
    linkName(link, names).map { "\($0) \(link)" } ?? dash(link)
  }

  /// The name the daemon gives the case or visit a link points at ("case:case_x" → "荣庆华户").
  static func linkName(_ link: String, _ names: [String: String]) -> String? {
    link.firstIndex(of: ":").flatMap { names[String(link[link.index(after: $0)...])] }
  }
}

extension Vets_Relief_V1_Case: Printable {
  func printTable() {
    var fields = [
      ("case", id), ("household", householdID), ("status", word(status)), ("reported by", reportedBy),
      ("appeal", appealID.isEmpty ? "-" : appealID),
      ("requested", hasPlan ? "\(Money.yuan(plan.requested.fen)) from \(plan.fund)" : "-"),
      ("approved", Money.yuan(approved.fen)), ("paid", Money.yuan(paid.fen)),
      ("waiting for", pendingLevels.isEmpty ? "-" : pendingLevels.joined(separator: " → ")),
      ("green channel", greenChannel ? Language.yes(true) + ": \(justification)" : Language.yes(false)),
    ]
    if !rejectionReason.isEmpty { fields.append(("rejected", "\(rejectionReason): \(rejectionDetail)")) }
    if !followUps.isEmpty {
      fields.append(("follow-ups", followUps.map { Dates.text($0) }.joined(separator: ", ")))
    }
    if !outcome.isEmpty { fields.append(("outcome", outcome)) }
    fields.append(("days to approval", hasDaysToApproval ? String(daysToApproval) : "-"))
    fields.append(("days to payment", hasDaysToPayment ? String(daysToPayment) : "-"))
    Output.fields(fields)
    print("")
    Output.table(["TIME", "EVENT", "BY", "DETAIL"], timeline.map { [Dates.stamp($0.at), word(code: $0.event, in: CaseEvent.terms), $0.tokenName, $0.detail] })
  }
}

extension Vets_Relief_V1_ListCasesResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["CASE", "HOUSEHOLD", "STATUS", "REQUESTED", "APPROVED", "PAID", "GREEN CHANNEL"],
      cases.map { c in
        [c.id, named(c.householdID, names), word(c.status), Money.yuan(c.plan.requested.fen), Money.yuan(c.approved.fen),
         Money.yuan(c.paid.fen), c.greenChannel ? Language.yes(true) : "-"]
      })
  }
}

extension Vets_Relief_V1_RosterEntry: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ entries: [Self]) {
    Output.table(
      ["HOUSEHOLD", "LEVEL", "REASON", "ENTERED", "NEXT REVIEW", "EXITED", "EXIT REASON"],
      entries.map { e in
        [e.householdID, word(e.level), e.reason, Dates.text(e.enteredOn), Dates.text(e.nextReviewOn),
         Dates.text(e.exitedOn), e.exitReason.isEmpty ? "-" : e.exitReason]
      })
  }
}

extension Vets_Relief_V1_ListRosterResponse: Printable, Paged {
  func printTable() { Vets_Relief_V1_RosterEntry.print(entries) }
}

extension Vets_Relief_V1_Campaign: Printable {
  func printTable() {
    Output.fields([("campaign", id), ("name", name), ("from", Dates.text(startsOn)), ("to", Dates.text(endsOn))])
  }
}

extension Vets_Relief_V1_ListCampaignsResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["CAMPAIGN", "NAME", "KIND", "FROM", "TO"],
      campaigns.map { c in [c.id, c.name, word(c.kind), Dates.text(c.startsOn), Dates.text(c.endsOn)] })
  }
}

extension Vets_Relief_V1_Visit: Printable {
  func printTable() {
    Output.fields([
      ("visit", id), ("person", personID), ("household", householdID), ("date", Dates.text(visitedOn)),
      ("units", units.joined(separator: "、")), ("goods", Money.yuan(goodsValue.fen)), ("cash", Money.yuan(cash.fen)),
      ("case", caseID.isEmpty ? "-" : caseID),
    ])
  }
}

extension Vets_Relief_V1_ListVisitsResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["VISIT", "DATE", "PERSON", "UNITS", "GOODS", "CASH", "CASE"],
      visits.map {
        [$0.id, Dates.text($0.visitedOn), named($0.personID, names), $0.units.joined(separator: "、"), Money.yuan($0.goodsValue.fen),
         Money.yuan($0.cash.fen), $0.caseID.isEmpty ? "-" : $0.caseID]
      })
  }
}

extension Vets_Relief_V1_Report: Printable {
  func printTable() {
    Output.fields([
      ("year", String(year)), ("cases opened", String(casesOpened)), ("cases approved", String(casesApproved)),
      ("cases rejected", String(casesRejected)), ("cases paid", String(casesPaid)),
      ("amount paid", Money.yuan(amountPaid.fen)), ("green channel cases", String(greenChannelCases)),
      ("median days to approval", String(format: "%.1f (normal), %.1f (green channel)", medianDaysToApprovalNormal, medianDaysToApprovalGreen)),
      ("person-visits", String(personVisits)), ("visit value", Money.yuan(visitValue.fen)),
      ("roster at year end", String(rosterSize)),
    ])
    if !campaigns.isEmpty {
      print("")
      Output.table(
        ["CAMPAIGN", "NAME", "PERSON-VISITS", "VALUE"], campaigns.map { [$0.campaignID, $0.name, String($0.personVisits), Money.yuan($0.value.fen)] })
    }
  }
}
