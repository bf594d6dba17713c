// Crash consistency (issue 9): vetsd is killed with SIGKILL while deposits, case payments and
// redemptions are in flight, restarted on the same data folder, and checked. Every
// acknowledged call must have its effect exactly once, every call replayed with its
// request_id must add nothing, and the ledger, the redemption limits, the audit chain and
// the SQLite file must be sound.
//
// VETSD_CRASH_ROUNDS (default 2, the quick configuration `make test` runs) and
// VETSD_CRASH_SEED (default: random) choose the rounds; both are printed, so that a failing
// round's request mix and kill moment come back with
// `VETSD_CRASH_SEED=S VETSD_CRASH_ROUNDS=R swift test --filter CrashTests`.
// `scripts/crash-test.sh` (`make crash-test`) runs 20 rounds.

import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import Synchronization
import TestSupport
import Testing
import VetsKit
import VetsAPI

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Crash consistency")
struct CrashTests {
  /// Green-channel decisions up to 50,000 yuan, so that one approved case takes a round's
  /// hundreds of small payments.
  /// The storm redeems far faster than a shop would: the lookup budget is not what it tests.
  static let config = "[modules.relief]\ngreen_channel_limit_yuan = 50000\n[modules.registry]\nlookup_burst = 100000\n"
  static let approvedFen: Int64 = 5_000_000
  static let initialFen: Int64 = 20_000_000
  /// Calls planned per round: more than the latest kill moment, so that the kill always
  /// lands while calls are in flight.
  static let callsPerRound = 400
  static let connections = 8

  @Test func acknowledgedCallsSurviveSIGKILLOnceAndReplaysAddNothing() async throws {
    let plan = try CrashPlan.fromEnvironment()
    print("crash test: \(plan.rounds) rounds, seed \(plan.seed) (replay: VETSD_CRASH_SEED=\(plan.seed) VETSD_CRASH_ROUNDS=\(plan.rounds))")
    var daemon = try await TestDaemon.start(config: Self.config)
    var keepData = false
    var round = 0
    do {
      let county = try await CrashCounty.make(daemon)
      var books = ExpectedBooks(received: ["assistance": Self.initialFen, "holiday-care": 0])
      var previousCase: String?
      while round < plan.rounds {
        round += 1
        print("crash test: round \(round) of \(plan.rounds), seed \(plan.seed)")
        var checks = RoundChecks(seed: plan.seed, round: round, rounds: plan.rounds)
        var random = SeededRandom(seed: plan.seed, stream: "round \(round)")
        let targets = try await county.prepare(round: round, closing: previousCase, on: daemon)
        previousCase = targets.caseID
        let calls = county.calls(round: round, targets: targets, count: Self.callsPerRound, using: &random)
        let killAfter = Int.random(in: 20...200, using: &random)

        // 1-3: the storm, and SIGKILL once `killAfter` calls were acknowledged.
        let storm = try await Storm.run(calls, order: Array(calls.indices), killAfter: killAfter, daemon: daemon, county: county)
        let killed = storm.state
        if !killed.killed { _ = await daemon.crash() }
        checks.expect(killed.killed, "the kill came before every call was answered (\(killed.acknowledged.count) acknowledged)")
        let exit = await daemon.exited()
        checks.expect(exit.signalled && exit.status == SIGKILL, "vetsd ended by SIGKILL, not \(exit)")
        checks.expect(killed.failedBeforeKill.isEmpty, "no call fails while vetsd is up: \(killed.failedBeforeKill.prefix(5))")
        let sent = killed.sent.sorted()
        try storm.log(calls).write(to: daemon.root.appendingPathComponent("round-\(round).log"), atomically: true, encoding: .utf8)

        // 4: restart on the same folder and socket, then check.
        daemon = try await daemon.restart(config: Self.config)
        let verifier = CrashVerifier(daemon: daemon, county: county, calls: calls, targets: targets, round: round)
        let committedUnanswered = try await verifier.checkAcknowledgedEffectsAreThereOnce(killed.acknowledged, sent: Set(sent), &checks)
        print(
          "crash test: round \(round): killed after \(killAfter) acknowledgements with \(killed.inFlightAtKill) calls in flight; "
            + "\(killed.acknowledged.count) of \(sent.count) sent calls acknowledged; of the \(sent.count - killed.acknowledged.count) cut off, "
            + "\(committedUnanswered) had left their effect")
        try await verifier.checkInvariants(stage: "after the restart", &checks)

        let first = try await Storm.run(calls, order: sent, killAfter: nil, daemon: daemon, county: county).state
        checks.expect(first.failedBeforeKill.isEmpty, "every replay is answered: \(first.failedBeforeKill.prefix(5))")
        let afterFirst = try await verifier.counts()
        let second = try await Storm.run(calls, order: sent, killAfter: nil, daemon: daemon, county: county).state
        checks.expect(second.failedBeforeKill.isEmpty, "every second replay is answered: \(second.failedBeforeKill.prefix(5))")
        let afterSecond = try await verifier.counts()
        try await verifier.checkReplays(
          acknowledged: killed.acknowledged, first: first.acknowledged, second: second.acknowledged, sent: sent,
          counts: (afterFirst, afterSecond), &checks)

        for index in sent {
          switch calls[index] {
          case .deposit(let d): books.received[d.fund, default: 0] += d.amount.fen
          case .payment(let p): books.paidThisRound += p.amount.fen
          case .redemption: break
          }
        }
        try await verifier.checkInvariants(stage: "after the replays", &checks)
        try await verifier.checkBooks(books, &checks)
        books.closeRound()
        if checks.failed {
          keepData = true
          break
        }
      }
    } catch {
      keepData = true
      Issue.record(error, "crash test seed \(plan.seed), round \(round) of \(plan.rounds) — replay with VETSD_CRASH_SEED=\(plan.seed) VETSD_CRASH_ROUNDS=\(round)")
    }
    if keepData {
      _ = await daemon.stop()
      print("crash test: seed \(plan.seed) failed in round \(round); the data folder and each round's call log are kept in \(daemon.root.path)")
    } else {
      await daemon.finish()
    }
  }
}

// MARK: - The plan

/// How many rounds to run, and the seed they draw from.
struct CrashPlan {
  var rounds: Int
  var seed: UInt64

  static func fromEnvironment() throws -> CrashPlan {
    let environment = ProcessInfo.processInfo.environment
    let rounds = try environment["VETSD_CRASH_ROUNDS"].flatMap { $0.isEmpty ? nil : $0 }.map { text in
      try #require(Int(text).flatMap { $0 >= 1 ? $0 : nil }, "VETSD_CRASH_ROUNDS must be a whole number of at least 1, not '\(text)'")
    }
    let seed = try environment["VETSD_CRASH_SEED"].flatMap { $0.isEmpty ? nil : $0 }.map { text in
      try #require(UInt64(text), "VETSD_CRASH_SEED must be a whole number between 0 and 2^64-1, not '\(text)'")
    }
    return CrashPlan(rounds: rounds ?? 2, seed: seed ?? UInt64.random(in: 0...UInt64.max))
  }
}

/// The round's failures, each named with the seed and round that replay it.
struct RoundChecks {
  let seed: UInt64
  let round: Int
  let rounds: Int
  private(set) var failed = false

  init(seed: UInt64, round: Int, rounds: Int) {
    self.seed = seed
    self.round = round
    self.rounds = rounds
  }

  mutating func expect(_ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard !condition else { return }
    failed = true
    Issue.record(
      Comment(
        rawValue: "crash test seed \(seed), round \(round) of \(rounds): \(message()) — replay with VETSD_CRASH_SEED=\(seed) VETSD_CRASH_ROUNDS=\(round)"),
      sourceLocation: sourceLocation)
  }
}

// MARK: - The county the rounds work on

/// The veterans bureau the storm works on: two funds and two income sources, Mr. Rong's
/// household (whose members are paid), veterans who redeem, his wife whom offers for veterans
/// refuse, a stranger the registry does not know, and an enterprise with a till token.
struct CrashCounty: Sendable {
  let county: ReliefCaseTests.County
  let enterprise: String
  let enterpriseToken: String
  /// Resident ID number → registry person id, for everyone registered.
  let people: [String: String]
  let veterans: [String]
  let spouse: String
  let stranger: String
  static let funds = ["assistance", "holiday-care"]
  static let sources = ["army-support", "county-budget"]

  var customers: [String] { veterans + [spouse, stranger] }

  static func make(_ daemon: TestDaemon) async throws -> CrashCounty {
    let county = try await ReliefCaseTests.County.make(daemon, fund: "200000.00")
    #expect(try await daemon.vetsctl(["relief", "fund", "create", "holiday-care", "--name", "节日慰问基金"]).status == 0)
    #expect(try await daemon.vetsctl(["relief", "fund", "create", "county-budget", "--name", "县财政", "--kind", "source"]).status == 0)
    var people = [
      residentID(born: "1950-03-12", sequence: "001"): county.rong,
      residentID(born: "1952-07-01", sequence: "002"): county.wife,
    ]
    for (name, born, sequence) in [("张建国", "1956-02-03", "011"), ("李卫东", "1958-09-21", "013"), ("赵红军", "1959-11-30", "015")] {
      let idNumber = residentID(born: born, sequence: sequence)
      let added = try await county.json([
        "registry", "person", "add", "--id-number", idNumber, "--name", name, "--sex", "male", "--birth-date", born,
        "--category", "discharged_soldier", "--village", "370830001001", "--enlisted", "1976-03-01", "--discharged", "1980-04-01",
      ])
      people[idNumber] = try #require(added["id"] as? String)
    }
    var request = Vets_Alliance_V1_AddEnterpriseRequest()
    request.requestID = "crash-enterprise"
    request.enterprise.name = "汶上县拥军诊所"
    request.enterprise.creditCode = "91110000600037341L"
    request.enterprise.category = .medical
    request.enterprise.townCode = "370830001"
    let admin = try daemon.metadata()
    let enterprise = try await daemon.withClient { client in
      try await Vets_Alliance_V1_AllianceService.Client(wrapping: client).addEnterprise(request, metadata: admin).id
    }
    let spouse = residentID(born: "1952-07-01", sequence: "002")
    return CrashCounty(
      county: county, enterprise: enterprise,
      enterpriseToken: try await daemon.createToken(role: "enterprise", scope: "enterprise:\(enterprise)", name: "clinic-till").file,
      people: people, veterans: people.keys.filter { $0 != spouse }.sorted(), spouse: spouse,
      stranger: residentID(born: "1961-01-01", sequence: "031"))
  }

  /// The round's case and offers, made (and acknowledged) before the storm: the previous
  /// round's case is closed, which releases what is still reserved, and a new one is approved
  /// through the green channel for 50,000 yuan. One offer allows 2 uses per person; the other
  /// 3 per person within a total quota of 6, fewer than the four veterans could use.
  func prepare(round: Int, closing previous: String?, on daemon: TestDaemon) async throws -> RoundTargets {
    // The same county, its commands sent to the daemon now running.
    let county = ReliefCaseTests.County(
      daemon: daemon, rong: self.county.rong, wife: self.county.wife, household: self.county.household, clerk: self.county.clerk,
      village: self.county.village, town: self.county.town, county: self.county.county, otherTown: self.county.otherTown)
    if let previous {
      let closed = try await county.json(["relief", "case", "close", previous, "--outcome", "第\(round - 1)轮结束"], tokenFile: county.clerk)
      #expect(closed["status"] as? String == "CASE_STATUS_CLOSED")
    }
    let caseID = try await county.plannedCase(amount: "50000.00")
    let approved = try await county.json(
      ["relief", "case", "green-channel", caseID, "--justification", "崩溃测试第\(round)轮"], tokenFile: county.county)
    #expect(approved["status"] as? String == "CASE_STATUS_APPROVED")
    let admin = try daemon.metadata()
    var offers: [RoundTargets.Offer] = []
    for (title, limit, quota) in [("体检八折", Int32(2), Int64(0)), ("免费洗牙", Int32(3), Int64(6))] {
      var request = Vets_Alliance_V1_AddOfferRequest()
      request.requestID = "crash-r\(round)-offer-\(offers.count)"
      request.offer.enterpriseID = enterprise
      request.offer.title = "\(title)（第\(round)轮）"
      request.offer.benefit = .percentOff
      request.offer.percentOff = 20
      request.offer.validFrom = .with { $0.year = 2020; $0.month = 1; $0.day = 1 }
      request.offer.validTo = .with { $0.year = 2099; $0.month = 12; $0.day = 31 }
      request.offer.limitCount = limit
      request.offer.quota = quota
      let id = try await daemon.withClient { client in
        try await Vets_Alliance_V1_AllianceService.Client(wrapping: client).addOffer(request, metadata: admin).id
      }
      offers.append(RoundTargets.Offer(id: id, limit: Int(limit)))
    }
    return RoundTargets(caseID: caseID, offers: offers)
  }

  /// `count` calls, each with its own request_id: 40% deposits into either fund from either
  /// source, 30% payments of the round's case to Mr. Rong or his wife, 30% redemptions.
  /// The memo of a transfer is its request_id, so that each effect names its call.
  func calls(round: Int, targets: RoundTargets, count: Int, using random: inout SeededRandom) -> [StormCall] {
    (0..<count).map { n in
      let requestID = "crash-r\(round)-\(n)"
      switch Int.random(in: 0..<10, using: &random) {
      case 0..<4:
        var request = Vets_Relief_V1_DepositRequest()
        request.requestID = requestID
        request.transferID = requestID
        request.fund = Self.funds.randomElement(using: &random)!
        request.source = Self.sources.randomElement(using: &random)!
        request.amount.fen = Int64.random(in: 100...50_000, using: &random)
        request.memo = requestID
        return .deposit(request)
      case 4..<7:
        // At most 400 × 100 yuan: the approved 50,000 never runs out, so every payment is taken.
        var request = Vets_Relief_V1_PayCaseRequest()
        request.requestID = requestID
        request.caseID = targets.caseID
        request.payeePersonID = [county.rong, county.wife].randomElement(using: &random)!
        request.amount.fen = Int64.random(in: 100...10_000, using: &random)
        request.memo = requestID
        return .payment(request)
      default:
        var request = Vets_Alliance_V1_RedeemRequest()
        request.requestID = requestID
        request.offerID = targets.offers.randomElement(using: &random)!.id
        request.customer.idNumber = customers.randomElement(using: &random)!
        return .redemption(request)
      }
    }
  }
}

/// What a round works on besides the funds.
struct RoundTargets: Sendable {
  struct Offer: Sendable {
    var id: String
    var limit: Int
  }
  var caseID: String
  var offers: [Offer]
}

// MARK: - The storm

/// One mutating call of the storm.
enum StormCall: Sendable {
  case deposit(Vets_Relief_V1_DepositRequest)
  case payment(Vets_Relief_V1_PayCaseRequest)
  case redemption(Vets_Alliance_V1_RedeemRequest)

  var requestID: String {
    switch self {
    case .deposit(let r): r.requestID
    case .payment(let r): r.requestID
    case .redemption(let r): r.requestID
    }
  }
}

/// A call's OK answer.
enum StormAnswer: Sendable, Equatable {
  case transfer(Vets_Relief_V1_Transfer)
  case reliefCase(Vets_Relief_V1_Case)
  case redemption(Vets_Alliance_V1_Redemption)

  /// One line for the call log.
  var summary: String {
    switch self {
    case .transfer(let t): "transfer \(t.id) of \(t.amount.fen) fen"
    case .reliefCase(let c): "case \(c.id), \(c.paid.fen) fen paid"
    case .redemption(let r): r.confirmed ? "redemption \(r.id)" : "refused: \(r.reason)"
    }
  }
}

/// Sends storm calls over one connection, each with the token its role needs: the admin
/// deposits, the village clerk pays, the clinic's till redeems.
struct Till {
  let client: GRPCClient<HTTP2ClientTransport.Posix>
  let admin: Metadata
  let clerk: Metadata
  let enterprise: Metadata

  func send(_ call: StormCall) async throws -> StormAnswer {
    var options = CallOptions.defaults
    options.timeout = .seconds(60)
    switch call {
    case .deposit(let r):
      return .transfer(try await Vets_Relief_V1_FundService.Client(wrapping: client).deposit(r, metadata: admin, options: options))
    case .payment(let r):
      return .reliefCase(try await Vets_Relief_V1_CaseService.Client(wrapping: client).payCase(r, metadata: clerk, options: options))
    case .redemption(let r):
      return .redemption(
        try await Vets_Alliance_V1_AllianceService.Client(wrapping: client).redeem(r, metadata: enterprise, options: options))
    }
  }
}

/// Calls sent at once over several connections, and what came back: each acknowledged call's
/// answer, and the calls that failed before or after the kill.
final class Storm: Sendable {
  struct State: Sendable {
    var next = 0
    var inFlight = 0
    var inFlightAtKill = 0
    var killed = false
    var sent: Set<Int> = []
    var acknowledged: [Int: StormAnswer] = [:]
    var failedBeforeKill: [String] = []
    var failedAfterKill: [Int: RPCError.Code] = [:]
  }

  private let order: [Int]
  private let killAfter: Int?
  private let pid: pid_t
  private let mutex = Mutex(State())

  private init(order: [Int], killAfter: Int?, pid: pid_t) {
    self.order = order
    self.killAfter = killAfter
    self.pid = pid
  }

  var state: State { mutex.withLock { $0 } }

  /// Every sent call, one a line: its request_id, and its answer or the status that cut it off.
  func log(_ calls: [StormCall]) -> String {
    let s = state
    return s.sent.sorted().map { index in
      let outcome =
        if let answer = s.acknowledged[index] { "acknowledged: \(answer.summary)" }
        else if let code = s.failedAfterKill[index] { "cut off: \(code)" }
        else { "failed before the kill" }
      return "\(calls[index].requestID) \(outcome)"
    }.joined(separator: "\n") + "\n"
  }

  /// Sends `order`'s calls over `CrashTests.connections` connections, each connection one
  /// call at a time. With `killAfter`, the call whose answer is the killAfter-th
  /// acknowledgement sends SIGKILL before anything else happens, and no new call starts.
  static func run(
    _ calls: [StormCall], order: [Int], killAfter: Int?, daemon: TestDaemon, county: CrashCounty
  ) async throws -> Storm {
    let storm = Storm(order: order, killAfter: killAfter, pid: daemon.process.pid)
    let admin = try daemon.metadata()
    let clerk = try daemon.metadata(tokenFile: county.county.clerk)
    let enterprise = try daemon.metadata(tokenFile: county.enterpriseToken)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<CrashTests.connections {
        group.addTask {
          try await daemon.withClient { client in
            let till = Till(client: client, admin: admin, clerk: clerk, enterprise: enterprise)
            while let index = storm.take() {
              do {
                storm.acknowledge(index, try await till.send(calls[index]))
              } catch {
                storm.fail(index, error)
              }
            }
          }
        }
      }
      try await group.waitForAll()
    }
    return storm
  }

  private func take() -> Int? {
    mutex.withLock { s in
      guard !s.killed, s.next < order.count else { return nil }
      defer { s.next += 1 }
      s.inFlight += 1
      s.sent.insert(order[s.next])
      return order[s.next]
    }
  }

  private func acknowledge(_ index: Int, _ answer: StormAnswer) {
    mutex.withLock { s in
      s.inFlight -= 1
      s.acknowledged[index] = answer
      if let killAfter, !s.killed, s.acknowledged.count >= killAfter {
        s.killed = true
        s.inFlightAtKill = s.inFlight
        kill(pid, SIGKILL)
      }
    }
  }

  private func fail(_ index: Int, _ error: any Error) {
    mutex.withLock { s in
      s.inFlight -= 1
      let code = (error as? RPCError)?.code ?? .unknown
      if s.killed {
        s.failedAfterKill[index] = code
      } else {
        s.failedBeforeKill.append("#\(index): \(error)")
      }
    }
  }
}

// MARK: - The checks

/// How many, and the first few in order: enough to start from without flooding the report.
func listing(_ items: [String]) -> String {
  let sorted = items.sorted()
  return "\(sorted.count): \(sorted.prefix(12).joined(separator: ", "))\(sorted.count > 12 ? ", …" : "")"
}

/// What the funds must show once every call sent so far has had its effect exactly once.
struct ExpectedBooks {
  var received: [String: Int64]
  var paidBefore: Int64 = 0
  var paidThisRound: Int64 = 0

  mutating func closeRound() {
    paidBefore += paidThisRound
    paidThisRound = 0
  }
}

/// A transfer row, as the ledger holds it.
struct LedgerRow: Equatable {
  var id: String
  var kind: String
  var debit: String
  var credit: String
  var amount: Int64
  var memo: String
}

/// A redemption row, as the alliance holds it.
struct RedemptionRow: Equatable {
  var id: String
  var offer: String
  var person: String
  var voided: Bool
}

/// Table sizes that a replay must not change.
struct TableCounts: Equatable {
  var transfers: Int
  var redemptions: Int
  var answers: Int
}

/// Reads the restarted daemon's state, over gRPC and with the sqlite3 CLI on its file, and
/// compares it with the round's calls.
struct CrashVerifier {
  let daemon: TestDaemon
  let county: CrashCounty
  let calls: [StormCall]
  let targets: RoundTargets
  let round: Int

  func sqlite(_ sql: String) async throws -> [[String]] {
    let result = try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-cmd", ".timeout 5000", daemon.databasePath, sql])
    #expect(result.status == 0, "\(sql): \(result.stderr)")
    return result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    }
  }

  func transfers() async throws -> [LedgerRow] {
    try await sqlite(
      "SELECT id, kind, debit_account, credit_account, amount, memo FROM relief_transfers WHERE memo LIKE 'crash-r\(round)-%' ORDER BY seq"
    ).map { LedgerRow(id: $0[0], kind: $0[1], debit: $0[2], credit: $0[3], amount: Int64($0[4]) ?? -1, memo: $0[5]) }
  }

  func redemptions() async throws -> [RedemptionRow] {
    let offers = targets.offers.map { "'\($0.id)'" }.joined(separator: ", ")
    return try await sqlite(
      "SELECT id, offer_id, person_id, voided_at IS NOT NULL FROM alliance_redemptions WHERE offer_id IN (\(offers)) ORDER BY id"
    ).map { RedemptionRow(id: $0[0], offer: $0[1], person: $0[2], voided: $0[3] == "1") }
  }

  func counts() async throws -> TableCounts {
    let row = try await sqlite(
      "SELECT (SELECT COUNT(*) FROM relief_transfers), (SELECT COUNT(*) FROM alliance_redemptions), (SELECT COUNT(*) FROM daemon_requests)")
    let numbers = row.first?.compactMap { Int($0) } ?? []
    return numbers.count == 3 ? TableCounts(transfers: numbers[0], redemptions: numbers[1], answers: numbers[2]) : TableCounts(transfers: -1, redemptions: -1, answers: -1)
  }

  /// The transfer a deposit or payment must have left, or nil for a redemption.
  func expectedTransfer(_ call: StormCall) -> LedgerRow? {
    switch call {
    case .deposit(let d):
      LedgerRow(id: d.transferID, kind: "deposit", debit: d.source, credit: d.fund, amount: d.amount.fen, memo: d.memo)
    case .payment(let p):
      LedgerRow(id: "\(p.caseID):pay:\(p.requestID)", kind: "post", debit: "assistance", credit: "payees", amount: p.amount.fen, memo: p.memo)
    case .redemption: nil
    }
  }

  /// A redemption's answer is the one its customer must get: the wife is no veteran, the
  /// stranger is not in the registry, and a veteran is confirmed or stopped by a limit.
  func answerFits(_ request: Vets_Alliance_V1_RedeemRequest, _ answer: Vets_Alliance_V1_Redemption) -> Bool {
    guard answer.offerID == request.offerID else { return false }
    switch request.customer.idNumber {
    case county.spouse: return !answer.confirmed && answer.reason == .categoryNotEligible
    case county.stranger: return !answer.confirmed && answer.reason == .notConfirmed
    default:
      return answer.confirmed ? answer.reason == .confirmed && !answer.id.isEmpty : [.limitReached, .quotaExhausted].contains(answer.reason)
    }
  }

  /// Bullet 1: each acknowledged deposit and payment left exactly one transfer (found by its
  /// memo, the request_id) with the acknowledged id, accounts and amount; each acknowledged
  /// redemption is there with its offer and person; no unacknowledged call left more than one
  /// transfer, and no transfer of the round belongs to no call. Returns how many calls cut off
  /// by the kill had committed all the same.
  func checkAcknowledgedEffectsAreThereOnce(_ acknowledged: [Int: StormAnswer], sent: Set<Int>, _ checks: inout RoundChecks) async throws
    -> Int
  {
    let rows = try await transfers()
    let byMemo = Dictionary(grouping: rows, by: \.memo)
    var lost: [String] = []
    var doubled: [String] = []
    var wrong: [String] = []
    var committedUnanswered = 0
    for (index, answer) in acknowledged {
      let call = calls[index]
      if let expected = expectedTransfer(call) {
        let found = byMemo[call.requestID] ?? []
        if found.isEmpty { lost.append(call.requestID) }
        if found.count > 1 { doubled.append("\(call.requestID) ×\(found.count)") }
        if let row = found.first, row != expected { wrong.append("\(call.requestID): \(row) is not \(expected)") }
        switch answer {
        case .transfer(let t) where t.id != expected.id || t.amount.fen != expected.amount:
          wrong.append("\(call.requestID) was answered with transfer \(t.id) of \(t.amount.fen) fen")
        case .reliefCase(let c) where c.id != targets.caseID:
          wrong.append("\(call.requestID) was answered with case \(c.id)")
        default: break
        }
      }
    }
    for index in sent where acknowledged[index] == nil {
      let call = calls[index]
      guard expectedTransfer(call) != nil, let found = byMemo[call.requestID] else { continue }
      committedUnanswered += 1
      if found.count > 1 { doubled.append("unacknowledged \(call.requestID) ×\(found.count)") }
    }
    let sentIDs = Set(sent.map { calls[$0].requestID })
    let strays = rows.filter { !sentIDs.contains($0.memo) }.map(\.id)
    checks.expect(lost.isEmpty, "acknowledged transfers lost in the crash: \(listing(lost))")
    checks.expect(doubled.isEmpty, "transfers there more than once: \(listing(doubled))")
    checks.expect(wrong.isEmpty, "transfers unlike their acknowledged call: \(listing(wrong))")
    checks.expect(strays.isEmpty, "transfers no sent call made: \(listing(strays))")

    let redemptions = Dictionary(uniqueKeysWithValues: try await redemptions().map { ($0.id, $0) })
    var missing: [String] = []
    var unfit: [String] = []
    for (index, answer) in acknowledged {
      guard case .redemption(let request) = calls[index] else { continue }
      guard case .redemption(let redemption) = answer, answerFits(request, redemption) else {
        unfit.append("\(request.requestID): \(answer.summary)")
        continue
      }
      guard redemption.confirmed else { continue }
      let expected = RedemptionRow(
        id: redemption.id, offer: request.offerID, person: county.people[request.customer.idNumber] ?? "?", voided: false)
      if redemptions[redemption.id] != expected { missing.append("\(request.requestID): \(redemption.id) is \(String(describing: redemptions[redemption.id]))") }
    }
    checks.expect(missing.isEmpty, "acknowledged redemptions lost or changed in the crash: \(listing(missing))")
    checks.expect(unfit.isEmpty, "redemptions answered against the rules: \(listing(unfit))")
    let unacknowledgedRedemptions = sent.filter { acknowledged[$0] == nil }.filter {
      if case .redemption = calls[$0] { true } else { false }
    }.count
    let acknowledgedIDs = Set(acknowledged.values.compactMap { answer -> String? in
      if case .redemption(let r) = answer, r.confirmed { r.id } else { nil }
    })
    let unexplained = redemptions.keys.filter { !acknowledgedIDs.contains($0) }.count
    checks.expect(
      unexplained <= unacknowledgedRedemptions,
      "\(unexplained) redemptions no acknowledged call made, with only \(unacknowledgedRedemptions) unacknowledged redemption calls")
    return committedUnanswered + unexplained
  }

  /// Bullet 2: every call sent, acknowledged or not, replayed twice with its request_id. An
  /// acknowledged call gets its first answer again; the second replay repeats the first and
  /// changes no table; and afterwards every deposit and payment has exactly one transfer and
  /// every redemption row is the answer of exactly one call.
  func checkReplays(
    acknowledged: [Int: StormAnswer], first: [Int: StormAnswer], second: [Int: StormAnswer], sent: [Int],
    counts: (TableCounts, TableCounts), _ checks: inout RoundChecks
  ) async throws {
    let changed = acknowledged.filter { first[$0.key] != $0.value }.map { calls[$0.key].requestID }
    checks.expect(changed.isEmpty, "replays answered differently from the acknowledged answer: \(listing(changed))")
    let unstable = sent.filter { first[$0] != nil && second[$0] != first[$0] }.map { calls[$0].requestID }
    checks.expect(unstable.isEmpty, "a second replay answered differently from the first: \(listing(unstable))")
    checks.expect(counts.0 == counts.1, "a second replay changed the tables: \(counts.0) → \(counts.1)")

    let byMemo = Dictionary(grouping: try await transfers(), by: \.memo)
    var notOnce: [String] = []
    var unfit: [String] = []
    var confirmed: [String: Int] = [:]
    var confirmedByPerson: [String: Int] = [:]
    for index in sent {
      let call = calls[index]
      if let expected = expectedTransfer(call) {
        let found = byMemo[call.requestID] ?? []
        if found != [expected] { notOnce.append("\(call.requestID): \(found.count) transfers") }
      }
      if case .redemption(let request) = call, case .redemption(let answer)? = first[index] {
        if !answerFits(request, answer) { unfit.append("\(request.requestID): \(StormAnswer.redemption(answer).summary)") }
        if answer.confirmed {
          confirmed[answer.id, default: 0] += 1
          confirmedByPerson["\(request.offerID) \(request.customer.idNumber)", default: 0] += 1
        }
      }
    }
    checks.expect(notOnce.isEmpty, "after the replays, calls whose transfer is not there exactly once: \(listing(notOnce))")
    checks.expect(unfit.isEmpty, "replayed redemptions answered against the rules: \(listing(unfit))")
    let rows = try await redemptions()
    let rowIDs = Set(rows.map(\.id))
    checks.expect(
      rowIDs.subtracting(confirmed.keys).isEmpty, "redemptions no replayed call answered: \(listing(Array(rowIDs.subtracting(confirmed.keys))))")
    checks.expect(
      Set(confirmed.keys).subtracting(rowIDs).isEmpty,
      "confirmed redemptions that are not there: \(listing(Array(Set(confirmed.keys).subtracting(rowIDs))))")
    checks.expect(
      confirmed.values.allSatisfy { $0 == 1 }, "redemptions confirmed to more than one call: \(listing(confirmed.filter { $0.value > 1 }.map(\.key)))")
    let limits = Dictionary(uniqueKeysWithValues: targets.offers.map { ($0.id, $0.limit) })
    let over = confirmedByPerson.filter { key, count in count > limits[String(key.split(separator: " ")[0]), default: 0] }
    checks.expect(over.isEmpty, "confirmed answers beyond an offer's per-person limit: \(over)")
  }

  /// Bullets 3-7 on the database as it is: the ledger invariant for every fund, balances
  /// equal to the sums of the ledger (in the table and through GetBalance), no reservation
  /// and no case paid beyond its transfers, redemption limits and quotas, `audit verify`,
  /// and `PRAGMA integrity_check` (with the foreign keys).
  func checkInvariants(stage: String, _ checks: inout RoundChecks) async throws {
    let funds = try await sqlite(
      """
      SELECT a.code, a.received, a.reserved, a.paid,
        (SELECT COALESCE(SUM(CASE WHEN kind = 'deposit' AND credit_account = a.code THEN amount
                                  WHEN kind = 'reversal' AND debit_account = a.code THEN -amount ELSE 0 END), 0) FROM relief_transfers),
        (SELECT COALESCE(SUM(CASE kind WHEN 'pending' THEN amount ELSE -amount END), 0) FROM relief_transfers
          WHERE debit_account = a.code AND kind IN ('pending', 'post', 'void')),
        (SELECT COALESCE(SUM(amount), 0) FROM relief_transfers WHERE debit_account = a.code AND kind = 'post')
      FROM relief_accounts a WHERE a.kind = 'fund' ORDER BY a.code
      """)
    checks.expect(funds.map { $0[0] } == CrashCounty.funds.sorted(), "\(stage): the funds are \(funds.map { $0[0] })")
    let admin = try daemon.metadata()
    for row in funds {
      let n = row.dropFirst().map { Int64($0) ?? Int64.min }
      let (received, reserved, paid) = (n[0], n[1], n[2])
      checks.expect(
        received >= 0 && reserved >= 0 && paid >= 0 && reserved + paid <= received,
        "\(stage): fund \(row[0]) breaks the ledger invariant: received \(received), reserved \(reserved), paid \(paid)")
      checks.expect(
        Array(n[3...5]) == [received, reserved, paid],
        "\(stage): fund \(row[0]) balances \([received, reserved, paid]) are not the sums of its ledger \(Array(n[3...5]))")
      var request = Vets_Relief_V1_GetBalanceRequest()
      request.fund = row[0]
      let balance = try await daemon.withClient { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client).getBalance(request, metadata: admin)
      }
      checks.expect(
        [balance.received.fen, balance.reserved.fen, balance.paid.fen, balance.available.fen]
          == [received, reserved, paid, received - reserved - paid],
        "\(stage): GetBalance(\(row[0])) says \(balance), the table \([received, reserved, paid])")
    }
    let overpaid = try await sqlite(
      """
      SELECT p.id FROM relief_transfers p WHERE p.kind = 'pending' AND p.amount <
        (SELECT COALESCE(SUM(s.amount), 0) FROM relief_transfers s WHERE s.pending_id = p.id AND s.kind IN ('post', 'void'))
      """)
    checks.expect(overpaid.isEmpty, "\(stage): reservations paid or released beyond their amount: \(overpaid)")
    let cases = try await sqlite(
      """
      SELECT c.id, c.paid FROM relief_cases c WHERE c.reservation_id IS NOT NULL AND c.paid !=
        (SELECT COALESCE(SUM(t.amount), 0) FROM relief_transfers t WHERE t.pending_id = c.reservation_id AND t.kind = 'post')
      """)
    checks.expect(cases.isEmpty, "\(stage): cases whose paid amount is not their ledger's: \(cases)")

    let overLimit = try await sqlite(
      """
      SELECT r.offer_id, r.person_id, COUNT(*), o.limit_count FROM alliance_redemptions r JOIN alliance_offers o ON o.id = r.offer_id
      WHERE r.voided_at IS NULL GROUP BY r.offer_id, r.person_id HAVING COUNT(*) > o.limit_count
      """)
    checks.expect(overLimit.isEmpty, "\(stage): people beyond an offer's limit (offer, person, uses, limit): \(overLimit)")
    let miscounted = try await sqlite(
      """
      SELECT o.id, o.redeemed, o.quota FROM alliance_offers o
      WHERE o.redeemed != (SELECT COUNT(*) FROM alliance_redemptions r WHERE r.offer_id = o.id AND r.voided_at IS NULL)
         OR (o.quota > 0 AND o.redeemed > o.quota)
      """)
    checks.expect(miscounted.isEmpty, "\(stage): offers whose count or quota is wrong (offer, redeemed, quota): \(miscounted)")

    let audit = try await daemon.vetsctl(["audit", "verify"])
    checks.expect(audit.status == 0 && audit.stdout.contains("OK"), "\(stage): audit verify: \(audit.stdout)\(audit.stderr)")
    let integrity = try await Run.program(
      URL(fileURLWithPath: "/usr/bin/sqlite3"),
      ["-cmd", ".timeout 5000", daemon.databasePath, "PRAGMA integrity_check; PRAGMA foreign_key_check;"])
    checks.expect(integrity.stdout == "ok\n", "\(stage): PRAGMA integrity_check: \(integrity.stdout)\(integrity.stderr)")
  }

  /// Once every call sent so far has had its effect: the funds hold exactly what the calls
  /// put in and paid out, and the round's case is paid exactly the round's payments.
  func checkBooks(_ books: ExpectedBooks, _ checks: inout RoundChecks) async throws {
    let admin = try daemon.metadata()
    for fund in CrashCounty.funds {
      var request = Vets_Relief_V1_GetBalanceRequest()
      request.fund = fund
      let balance = try await daemon.withClient { client in
        try await Vets_Relief_V1_FundService.Client(wrapping: client).getBalance(request, metadata: admin)
      }
      let expected =
        fund == "assistance"
        ? [books.received[fund] ?? 0, CrashTests.approvedFen - books.paidThisRound, books.paidBefore + books.paidThisRound]
        : [books.received[fund] ?? 0, 0, 0]
      checks.expect(
        [balance.received.fen, balance.reserved.fen, balance.paid.fen] == expected,
        "fund \(fund) holds received/reserved/paid \([balance.received.fen, balance.reserved.fen, balance.paid.fen]) fen, the calls made \(expected)")
    }
    var request = Vets_Relief_V1_GetCaseRequest()
    request.caseID = targets.caseID
    let clerk = try daemon.metadata(tokenFile: county.county.clerk)
    let shown = try await daemon.withClient { client in
      try await Vets_Relief_V1_CaseService.Client(wrapping: client).getCase(request, metadata: clerk)
    }
    checks.expect(
      shown.paid.fen == books.paidThisRound && shown.status == .approved,
      "case \(targets.caseID) is \(shown.status) with \(shown.paid.fen) fen paid; the round paid \(books.paidThisRound)")
  }
}
