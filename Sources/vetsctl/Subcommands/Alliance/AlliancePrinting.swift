import VetsAPI
import VetsKit

/// How the alliance's answers are printed.

extension Vets_Alliance_V1_CheckReason: Worded {
  static let words = Terms<Self>([
    (.confirmed, "confirmed"), (.notConfirmed, "not confirmed"), (.categoryNotEligible, "category not eligible"),
    (.limitReached, "limit reached"), (.quotaExhausted, "quota exhausted"), (.offerNotActive, "offer not active"),
  ])
}

extension Vets_Alliance_V1_EnterpriseCategory: Worded {}
extension Vets_Alliance_V1_EnterpriseStatus: Worded {}
extension Vets_Alliance_V1_OfferStatus: Worded {}

extension Vets_Alliance_V1_Enterprise: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ enterprises: [Self]) {
    Output.table(
      ["ENTERPRISE", "NAME", "CREDIT CODE", "CATEGORY", "TOWN", "STATUS"],
      enterprises.map { e in
        [e.id, e.name, e.creditCode, word(e.category), e.townCode,
         word(e.status)]
      })
  }
}

extension Vets_Alliance_V1_ListEnterprisesResponse: Printable, Paged {
  func printTable() { Vets_Alliance_V1_Enterprise.print(enterprises) }
}

extension Vets_Alliance_V1_Offer: Printable {
  func printTable() { Self.print([self]) }

  static func print(_ offers: [Self]) {
    Output.table(
      ["OFFER", "ENTERPRISE", "TITLE", "BENEFIT", "VALID", "LIMIT", "QUOTA", "USED", "STATUS"],
      offers.map { o in
        let benefit = BenefitWords.say(
          o.benefit, percentOff: o.percentOff, amountOffFen: o.amountOff.fen, text: o.benefitText, chinese: Language.isChinese)
        return [
          o.id, o.enterpriseID, o.title, benefit, "\(Dates.text(o.validFrom))..\(Dates.text(o.validTo))",
          o.limitDays == 0
            ? Language.say("每人共 \(o.limitCount) 次", "\(o.limitCount) ever")
            : Language.say("每人每 \(o.limitDays) 天 \(o.limitCount) 次", "\(o.limitCount) per \(o.limitDays) days"),
          o.quota == 0 ? "-" : String(o.quota), String(o.redeemed), word(o.status),
        ]
      })
  }
}

extension Vets_Alliance_V1_ListOffersResponse: Printable, Paged {
  func printTable() { Vets_Alliance_V1_Offer.print(offers) }
}

extension Vets_Alliance_V1_CheckEligibilityResponse: Printable {
  func printTable() { Output.fields([("answer", word(reason)), ("name", maskedName.isEmpty ? "-" : maskedName)]) }
}

extension Vets_Alliance_V1_Redemption: Printable {
  func printTable() {
    Output.fields([("redemption", id.isEmpty ? "-" : id), ("answer", word(reason)), ("name", maskedName.isEmpty ? "-" : maskedName)])
  }
}

extension Vets_Alliance_V1_Report: Printable {
  func printTable() {
    Output.fields([
      ("year", String(year)), ("redemptions", String(redemptions)), ("unique beneficiaries", String(uniqueBeneficiaries)),
      ("estimated value", Money.yuan(estimatedValue.fen)),
    ])
    for (title, rows) in [("OFFER", byOffer), ("ENTERPRISE", byEnterprise), ("MONTH", byMonth)] where !rows.isEmpty {
      print("")
      Output.table([title, "REDEMPTIONS", "VALUE"], rows.map { [$0.key, String($0.redemptions), Money.yuan($0.estimatedValue.fen)] })
    }
    if !enterprisesByCategoryAndTown.isEmpty {
      print("")
      Output.table(["CATEGORY TOWN", "ENTERPRISES"], enterprisesByCategoryAndTown.map { [$0.key, String($0.redemptions)] })
    }
  }
}
