import ArgumentParser
import VetsAPI
import VetsKit

/// The words the CLI has always printed and taken for the relief module's enums.

extension Vets_Relief_V1_CaseStatus: Worded {
  static let words = Terms<Self>([
    (.open, "open"), (.assessed, "assessed"), (.planned, "planned"), (.inReview, "in-review"), (.approved, "approved"),
    (.paid, "paid"), (.closed, "closed"), (.rejected, "rejected"),
  ])
}

extension Vets_Relief_V1_CaseSource: Worded {
  static let words = Terms<Self>([(.visit, "visit"), (.appeal, "appeal"), (.selfReport, "self-report"), (.referral, "referral")])
}

extension Vets_Relief_V1_AccountKind: Worded {
  static let words = Terms<Self>([(.fund, "fund"), (.source, "source"), (.payout, "payout")])
  /// Payout accounts are the daemon's own; nobody creates one.
  static var untyped: [Self] { [.payout] }
}

extension Vets_Relief_V1_TransferKind: Worded {
  static let words = Terms<Self>([
    (.deposit, "deposit"), (.pending, "reserved"), (.post, "paid"), (.void, "released"), (.reversal, "reversal"),
  ])
}

extension Vets_Relief_V1_RosterLevel: Worded {
  static let words = Terms<Self>([(.watch, "watch"), (.needy, "needy"), (.severe, "severe")])
  static var unknown: String { "-" }
}

extension Vets_Relief_V1_CampaignKind: Worded {
  static let words = Terms<Self>([(.armyDay, "army-day"), (.springFestival, "spring-festival"), (.routine, "routine")])
  static var unknown: String { "-" }
}

/// Yuan on the command line ("5000.00"), refused as a usage error naming the option.
enum Yuan {
  static func parse(_ text: String, option: String) throws -> Vets_Common_V1_Money {
    do {
      return Money.proto(try Money.fen(yuan: text, field: option))
    } catch {
      throw ValidationError(error.message)
    }
  }

  /// An amount whose default is "0", which is taken as it is.
  static func parseOrZero(_ text: String, option: String) throws -> Vets_Common_V1_Money {
    text == "0" ? Money.proto(0) : try parse(text, option: option)
  }
}
