// Durable writes: relief deposits, case payments and alliance redemptions, mixed one after
// another by every client, each with its own request_id and acknowledged only once durable.

import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI

/// The storage settings a write run compares.
enum StorageMode: String, CaseIterable, Codable {
  /// Group commit with synchronous = full: what vetsd ships.
  case group
  /// One commit per call (batch_max = 1), synchronous = full: the plain baseline.
  case single
  /// Group commit with synchronous = off: not durable, the ceiling.
  case off

  var config: String {
    let storage =
      switch self {
      case .group: "batch_max = 128\nsynchronous = \"full\""
      case .single: "batch_max = 1\nsynchronous = \"full\""
      case .off: "batch_max = 128\nsynchronous = \"off\""
      }
    return """
      [daemon.storage]
      \(storage)
      [modules.relief]
      approval_chain = ["county"]
      [modules.registry]
      lookup_rate_per_minute = 100000
      lookup_burst = 100000

      """
  }
}

/// A daemon set up for payments and redemptions: a funded fund, 64 approved cases with a
/// payee each, and an offer that 200 registered veterans may each use 1000 times.
struct WriteWorld: Sendable {
  static let customers = 200
  static let funding: Int64 = 5_000_000 * 100
  static let depositFen: Int64 = 100
  static let paymentFen: Int64 = 1
  static let cases = 64
  /// Approved cases, one per client loop, and the household head each pays.
  let cases: [String]
  let payees: [String]
  let offer: String
  let metadata: Metadata

  static func make(_ daemon: BenchDaemon) async throws -> WriteWorld {
    let admin: Metadata = ["authorization": "Bearer \(try daemon.token())"]
    return try await withConnections(socket: daemon.socket, count: 1) { clients in
      let client = clients[0]
      func date(_ y: Int32) -> Vets_Common_V1_Date { .with { $0.year = y; $0.month = 1; $0.day = 1 } }
      func yuan(_ y: Int64) -> Vets_Common_V1_Money { .with { $0.fen = y * 100 } }

      let registry = Vets_Registry_V1_PeopleService.Client(wrapping: client)
      _ = try await Vets_Registry_V1_DivisionService.Client(wrapping: client).importDivisions(
        .with { $0.requestID = "bench-divisions"; $0.csv = Data(Synthetic.divisions.utf8) }, metadata: admin)
      let csv = Synthetic.header + (0..<customers).map(Synthetic.row).joined()
      _ = try await registry.importPersons(metadata: admin) { writer in
        try await writer.write(.with { $0.options.requestID = "bench-people" })
        try await writer.write(.with { $0.chunk = Data(csv.utf8) })
      }
      let fund = Vets_Relief_V1_FundService.Client(wrapping: client)
      for (code, kind) in [("bench-fund", Vets_Relief_V1_AccountKind.fund), ("bench-source", .source)] {
        _ = try await fund.createAccount(.with { $0.requestID = "bench-\(code)"; $0.code = code; $0.name = code; $0.kind = kind }, metadata: admin)
      }
      _ = try await fund.deposit(
        .with { $0.requestID = "bench-funding"; $0.fund = "bench-fund"; $0.source = "bench-source"; $0.amount.fen = funding }, metadata: admin)

      // One approved case per client, each for its own household, as cases are in life: a
      // case's answer carries its whole timeline, so one case paid thousands of times would
      // measure the timeline, not the write.
      let approver = try await Vets_Daemon_V1_TokenService.Client(wrapping: client).createToken(
        .with { $0.requestID = "bench-approver"; $0.name = "bench-approver"; $0.role = .approver; $0.scope = "county" }, metadata: admin)
      let cases = Vets_Relief_V1_CaseService.Client(wrapping: client)
      var paid: [(caseID: String, payee: String)] = []
      for n in 0..<Self.cases {
        let head = try await registry.searchPersons(.with { $0.idNumber = Synthetic.idNumber(n).id }, metadata: admin).persons[0]
        let household = try await Vets_Registry_V1_HouseholdService.Client(wrapping: client).createHousehold(
          .with { $0.requestID = "bench-household-\(n)"; $0.headPersonID = head.id }, metadata: admin)
        let opened = try await cases.openCase(
          .with { $0.requestID = "bench-open-\(n)"; $0.householdID = household.id; $0.source = .visit; $0.reportedBy = "bench" }, metadata: admin)
        _ = try await cases.assessCase(.with { $0.requestID = "bench-assess-\(n)"; $0.caseID = opened.id; $0.assessment.needs = "bench" }, metadata: admin)
        _ = try await cases.planCase(
          .with {
            $0.requestID = "bench-plan-\(n)"; $0.caseID = opened.id
            $0.plan = .with { $0.measures = "bench"; $0.requested = yuan(10_000); $0.fund = "bench-fund" }
          }, metadata: admin)
        _ = try await cases.submitCase(.with { $0.requestID = "bench-submit-\(n)"; $0.caseID = opened.id }, metadata: admin)
        _ = try await cases.approveCase(
          .with { $0.requestID = "bench-approve-\(n)"; $0.caseID = opened.id }, metadata: ["authorization": "Bearer \(approver.secret)"])
        paid.append((opened.id, head.id))
      }

      let alliance = Vets_Alliance_V1_AllianceService.Client(wrapping: client)
      let enterprise = try await alliance.addEnterprise(
        .with {
          $0.requestID = "bench-enterprise"
          $0.enterprise = .with { $0.name = "拥军超市"; $0.creditCode = Synthetic.creditCode(1); $0.category = .retail; $0.townCode = "370830001" }
        }, metadata: admin)
      let offer = try await alliance.addOffer(
        .with {
          $0.requestID = "bench-offer"
          $0.offer = .with {
            $0.enterpriseID = enterprise.id; $0.title = "购物优惠"; $0.benefit = .amountOff; $0.amountOff = yuan(10)
            $0.validFrom = date(2020); $0.validTo = date(2099); $0.limitCount = 1000; $0.limitDays = 0
          }
        }, metadata: admin)
      return WriteWorld(cases: paid.map(\.caseID), payees: paid.map(\.payee), offer: offer.id, metadata: admin)
    }
  }

  /// Call n of a loop: a deposit, a case payment or a redemption in turn.
  func write(_ client: Client, run: String, loop: Int, n: Int) async throws -> String {
    let requestID = "\(run)-\(loop)-\(n)"
    switch n % 3 {
    case 0:
      _ = try await Vets_Relief_V1_FundService.Client(wrapping: client).deposit(
        .with { $0.requestID = requestID; $0.fund = "bench-fund"; $0.source = "bench-source"; $0.amount.fen = Self.depositFen }, metadata: metadata)
      return "Deposit"
    case 1:
      _ = try await Vets_Relief_V1_CaseService.Client(wrapping: client).payCase(
        .with {
          $0.requestID = requestID; $0.caseID = cases[loop % cases.count]; $0.payeePersonID = payees[loop % cases.count]
          $0.amount.fen = Self.paymentFen; $0.memo = requestID
        },
        metadata: metadata)
      return "PayCase"
    default:
      let redemption = try await Vets_Alliance_V1_AllianceService.Client(wrapping: client).redeem(
        .with { $0.requestID = requestID; $0.offerID = offer; $0.customer.idNumber = Synthetic.idNumber((loop * 31 + n) % Self.customers).id },
        metadata: metadata)
      guard redemption.confirmed else { throw BenchDaemon.Failure(description: "redemption refused: \(redemption.reason)") }
      return "Redeem"
    }
  }
}
