import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import ProbeModule
import SwiftProtobuf
import TestSupport
import Testing
import VetsAPI

/// The alliance from the enterprise's side: checks and redemptions over gRPC with
/// enterprise-scoped tokens, under races, retries and hostile use.
@Suite("Alliance checks and redemptions")
struct AllianceTests {
  /// The alliance's two enterprises in the relief tests' county (made with vetsctl).
  typealias Setup = AllianceSetup<TestDaemon, ReliefCaseTests.County>

  @Test func aDeceasedPersonIsNotConfirmed() async throws {
    try await TestDaemon.with { daemon in
      let setup = try await Setup.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA)
      let rong = try await setup.county.json(["registry", "person", "get", setup.county.rong])
      _ = try await setup.county.json([
        "registry", "person", "mark-deceased", setup.county.rong, "--version", try #require(rong["version"] as? String), "--date", "2026-11-01",
      ])
      let answer = try await setup.check(offer, token: setup.tokenA)
      #expect(!answer.confirmed && answer.reason == .notConfirmed)
      #expect(try await setup.redeem(offer, token: setup.tokenA).reason == .notConfirmed)
    }
  }

  /// Issue 18, item 7: a household member with no entitled category is eligible for no offer.
  @Test func aHouseholdMemberWithNoCategoryIsNotEligible() async throws {
    try await TestDaemon.with { daemon in
      let setup = try await Setup.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA)
      let sonID = residentID(born: "1978-05-04", sequence: "031")
      _ = try await setup.county.json([
        "registry", "person", "add", "--id-number", sonID, "--name", "荣志强", "--village", "370830001001", "--no-category",
      ])
      let answer = try await setup.check(offer, id: sonID, token: setup.tokenA)
      #expect(!answer.confirmed && answer.reason == .categoryNotEligible, "\(answer)")
      #expect(try await setup.redeem(offer, id: sonID, token: setup.tokenA).reason == .categoryNotEligible)
      #expect(try await setup.check(offer, token: setup.tokenA).confirmed, "his father, a veteran, is")
    }
  }

  /// Issue 16, item 3: enterprises (in town 370830001) are managed by the county and by
  /// their own town; another town's clerk and a village clerk may change nothing of them,
  /// clerks find only people inside their scope, and the report is the county's.
  @Test func theAllianceKeepsToTownAndVillageScopeLikeEveryOtherModule() async throws {
    try await TestDaemon.with { daemon in
      let setup = try await Setup.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA)
      func token(_ scope: String) async throws -> Metadata {
        try daemon.metadata(tokenFile: try await daemon.createToken(role: "clerk", scope: scope, name: scope.replacingOccurrences(of: ":", with: "-")).file)
      }
      let (otherTown, village, ownTown) = (try await token("town:370830002"), try await token("village:370830001001"), try await token("town:370830001"))
      func code(_ metadata: Metadata, _ call: @Sendable (Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>) async throws -> Void)
        async -> RPCError.Code?
      {
        await statusCode { try await setup.client { try await call($0) } }
      }
      let rename = { @Sendable (metadata: Metadata) in
        { @Sendable (client: Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>) async throws in
          var request = Vets_Alliance_V1_UpdateEnterpriseRequest()
          request.requestID = UUID().uuidString
          request.enterprise = try await client.getEnterprise(.with { $0.id = setup.enterpriseA }, metadata: metadata)
          request.enterprise.name = "改名诊所"
          _ = try await client.updateEnterprise(request, metadata: metadata)
        }
      }
      let suspend = { @Sendable (metadata: Metadata) in
        { @Sendable (client: Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>) async throws in
          _ = try await client.setEnterpriseStatus(
            .with { $0.requestID = UUID().uuidString; $0.id = setup.enterpriseA; $0.status = .suspended }, metadata: metadata)
        }
      }
      let pause = { @Sendable (metadata: Metadata) in
        { @Sendable (client: Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>) async throws in
          _ = try await client.setOfferStatus(.with { $0.requestID = UUID().uuidString; $0.id = offer; $0.status = .paused }, metadata: metadata)
        }
      }
      let create = { @Sendable (metadata: Metadata) in
        { @Sendable (client: Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>) async throws in
          var request = Vets_Alliance_V1_AddEnterpriseRequest()
          request.requestID = UUID().uuidString
          request.enterprise.name = "另一家企业"
          request.enterprise.creditCode = CreditCodeFixture.valid(seed: "9137083087654321")
          request.enterprise.category = .retail
          request.enterprise.townCode = "370830001"
          _ = try await client.addEnterprise(request, metadata: metadata)
        }
      }
      let report = { @Sendable (metadata: Metadata) in
        { @Sendable (client: Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>) async throws in
          _ = try await client.getReport(.with { $0.year = 2026 }, metadata: metadata)
        }
      }
      for (name, metadata) in [("another town", otherTown), ("a village", village)] {
        for (action, call) in [("rename", rename), ("suspend", suspend), ("pause an offer", pause), ("create", create), ("report", report)] {
          #expect(await code(metadata, call(metadata)) == .permissionDenied, "\(name) clerk may not \(action)")
        }
      }
      let stillActive = try await setup.client { try await $0.getEnterprise(.with { $0.id = setup.enterpriseA }, metadata: try daemon.metadata()) }
      #expect(stillActive.name == "汶上县拥军诊所" && stillActive.status == .active)
      // Another town's clerk does not find Rong (of 370830001001); his own town's clerk does.
      let check = { @Sendable (metadata: Metadata) async throws -> Bool in
        try await setup.client {
          try await $0.checkEligibility(.with { $0.offerID = offer; $0.customer.idNumber = setup.rongID }, metadata: metadata).confirmed
        }
      }
      #expect(try await check(otherTown) == false)
      #expect(try await check(ownTown) == true)
      // A refund is the enterprise's or its managers': not another town's clerk's.
      let redemption = try await setup.redeem(offer, token: setup.tokenA)
      let void = { @Sendable (metadata: Metadata) in
        { @Sendable (client: Vets_Alliance_V1_AllianceService.Client<HTTP2ClientTransport.Posix>) async throws in
          _ = try await client.voidRedemption(.with { $0.requestID = UUID().uuidString; $0.redemptionID = redemption.id }, metadata: metadata)
        }
      }
      #expect(await code(otherTown, void(otherTown)) == .permissionDenied)
      #expect(await code(village, void(village)) == .permissionDenied)
      #expect(await code(ownTown, void(ownTown)) == nil)
      #expect(await code(ownTown, rename(ownTown)) == nil, "the enterprise's own town manages it")
      #expect(await code(ownTown, create(ownTown)) == nil)
    }
  }

  /// Issue 16, item 4: checks and redemptions spend one lookup budget per token, misses
  /// included, and a redemption past it is refused as a check is.
  @Test func checksAndRedemptionsSpendOneLookupBudgetPerTokenMissesIncluded() async throws {
    try await TestDaemon.with(config: "[modules.registry]\nlookup_rate_per_minute = 1\nlookup_burst = 3\n") { daemon in
      let setup = try await Setup.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA)
      let nobody = residentID(born: "1950-03-13", sequence: "001")
      #expect(try await setup.check(offer, id: nobody, token: setup.tokenA).confirmed == false, "a miss")
      _ = try await setup.check(offer, token: setup.tokenA)
      let redeemed = try await setup.redeem(offer, token: setup.tokenA, requestID: "till-1")
      #expect(await statusCode { try await setup.check(offer, token: setup.tokenA) } == .resourceExhausted)
      // A retry is answered from the stored answer, and spends nothing.
      #expect(try await setup.redeem(offer, token: setup.tokenA, requestID: "till-1").id == redeemed.id)
      let refused = await #expect(throws: RPCError.self) { try await setup.redeem(offer, id: nobody, token: setup.tokenA) }
      #expect(refused?.code == .resourceExhausted && refused?.message.contains("redemptions") == true, "\(String(describing: refused))")
      let other = try await setup.offer(setup.enterpriseB)
      #expect(try await setup.check(other, token: setup.tokenB).confirmed, "another token has its own budget")
    }
  }

  /// The old per-module keys are refused with where the budget went.
  @Test func theOldCheckRateKeysAreRefusedNamingTheirNewPlace() async throws {
    let refused = try await runVetsdExpectingExit([], subcommand: ["check-config"], config: "[modules.alliance]\ncheck_burst = 3\n")
    #expect(refused.status != 0 && refused.stderr.contains("lookup_burst"), "\(refused.stderr)")
  }

  @Test func creditCodesAreCheckedAndOnlyAnAdminMayOverride() async throws {
    try await TestDaemon.with { daemon in
      let admin = try daemon.metadata()
      func add(_ code: String, override: String = "", metadata: Metadata) async -> RPCError.Code? {
        var request = Vets_Alliance_V1_AddEnterpriseRequest()
        request.requestID = UUID().uuidString
        request.enterprise.name = "企业"
        request.enterprise.creditCode = code
        request.enterprise.category = .retail
        request.enterprise.townCode = "370830001"
        request.overrideReason = override
        return await statusCode {
          try await daemon.withClient { client in
            try await Vets_Alliance_V1_AllianceService.Client(wrapping: client).addEnterprise(request, metadata: metadata)
          }
        }
      }
      #expect(await add("91110000600037341L", metadata: admin) == nil)
      #expect(await add("91110000600037341L", metadata: admin) == .alreadyExists)
      #expect(await add("91110000600037341A", metadata: admin) == .invalidArgument, "wrong check character")
      #expect(await add("9111000060003734IL", metadata: admin) == .invalidArgument, "I is not in the charset")
      #expect(await add("9111000060003734", metadata: admin) == .invalidArgument, "wrong length")
      let clerk = try daemon.metadata(tokenFile: try await daemon.createToken(role: "clerk", scope: "county", name: "clerk").file)
      #expect(await add("91110000600037342A", override: "工商登记证书原件核对无误", metadata: clerk) == .permissionDenied)
      #expect(await add("91110000600037342A", override: "工商登记证书原件核对无误", metadata: admin) == nil)
    }
  }
}

extension AllianceSetup where Daemon == TestDaemon, County == ReliefCaseTests.County {
  static func make(_ daemon: TestDaemon) async throws -> Self {
    try await make(daemon, county: try await ReliefCaseTests.County.make(daemon))
  }
}

@Suite("Alliance over TCP")
struct AllianceTCPTests {
  @Test func anEnterpriseChecksAndRedeemsOverTLSWithItsOwnToken() async throws {
    let root = try TestDaemon.makeRoot()
    let certs = try await TCPTests.Certificates.make(in: root.appendingPathComponent("tls"))
    let config = """
      [daemon.tcp]
      listen = "127.0.0.1:0"
      tls_cert = "\(certs.serverCert)"
      tls_key = "\(certs.serverKey)"
      """
    try await TestDaemon.with(config: config, root: root) { daemon in
      let setup = try await AllianceTests.Setup.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA)
      let port = try await daemon.tcpPort()
      let transport = try HTTP2ClientTransport.Posix(
        target: .ipv4(address: "127.0.0.1", port: port),
        transportSecurity: .tls { $0.trustRoots = .certificates([.file(path: certs.ca, format: .pem)]) })
      let metadata = try daemon.metadata(tokenFile: setup.tokenA)
      let (check, redemption) = try await withGRPCClient(transport: transport) { client in
        let alliance = Vets_Alliance_V1_AllianceService.Client(wrapping: client)
        var checkRequest = Vets_Alliance_V1_CheckEligibilityRequest()
        checkRequest.offerID = offer
        checkRequest.customer.idNumber = setup.rongID
        var redeemRequest = Vets_Alliance_V1_RedeemRequest()
        redeemRequest.requestID = "pos-1"
        redeemRequest.offerID = offer
        redeemRequest.customer.idNumber = setup.rongID
        return (
          try await alliance.checkEligibility(checkRequest, metadata: metadata),
          try await alliance.redeem(redeemRequest, metadata: metadata)
        )
      }
      #expect(check.confirmed && check.maskedName == "荣*华")
      #expect(redemption.confirmed)
      let audit = try await daemon.vetsctl(["audit", "list", "--method", "vets.alliance.v1.AllianceService/CheckEligibility"])
      #expect(audit.stdout.contains("clinic"), "every check is audited: \(audit.stdout)")
    }
  }
}

@Suite("vetsctl alliance")
struct AllianceCLITests {
  @Test func aClerkListsAnEnterpriseAndItsOfferAndTheEnterpriseChecksAndRedeemsWithVetsctl() async throws {
    try await TestDaemon.with { daemon in
      let county = try await ReliefCaseTests.County.make(daemon)
      let missing = try await daemon.vetsctl(["admin", "token", "create", "--role", "enterprise", "--scope", "enterprise:ent_nothere"])
      #expect(missing.status == 5, "an enterprise token names a real enterprise: \(missing.stderr)")

      let added = try await county.json([
        "alliance", "enterprise", "add", "--name", "汶上县拥军诊所", "--credit-code", "91110000600037341L", "--category", "medical",
        "--town", "370830001",
      ])
      let enterprise = try #require(added["id"] as? String)
      let offer = try #require(try await county.json([
        "alliance", "offer", "add", "--enterprise", enterprise, "--title", "体检八折", "--percent-off", "20", "--from", "2020-01-01",
        "--to", "2099-12-31", "--limit", "1",
      ])["id"] as? String)
      let listed = try await daemon.vetsctl(["alliance", "offer", "list", "--current"])
      #expect(listed.stdout.contains("20% off"), "\(listed.stdout)")
      let chinese = try await daemon.vetsctl(["alliance", "offer", "list", "--current"], language: nil)
      #expect(chinese.stdout.contains("优惠 20%") && chinese.stdout.contains("每人共 1 次") && chinese.stdout.contains("有效"), "\(chinese.stdout)")
      let enterprises = try await daemon.vetsctl(["alliance", "enterprise", "list"], language: nil)
      #expect(enterprises.stdout.contains("医疗") && enterprises.stdout.contains("正常"), "\(enterprises.stdout)")

      let twoBenefits = try await daemon.vetsctl(
        ["alliance", "offer", "add", "--enterprise", enterprise, "--title", "两种优惠", "--percent-off", "10", "--amount-off", "5.00",
         "--from", "2020-01-01", "--to", "2099-12-31"], language: nil)
      #expect(twoBenefits.status == 2 && twoBenefits.stderr.contains("--percent-off、--amount-off 和 --benefit 只能填一个"), "\(twoBenefits.stderr)")
      let noBenefit = try await daemon.vetsctl(
        ["alliance", "offer", "add", "--enterprise", enterprise, "--title", "没有优惠", "--from", "2020-01-01", "--to", "2099-12-31"])
      #expect(noBenefit.status == 2 && noBenefit.stderr.contains("give exactly one of --percent-off"), "\(noBenefit.stderr)")
      let contradiction = try await daemon.vetsctl(["alliance", "enterprise", "suspend", enterprise, "--resume", "--withdraw"], language: nil)
      #expect(contradiction.status == 2 && contradiction.stderr.contains("--resume 和 --withdraw 只能加一个"), "\(contradiction.stderr)")
      let after = try await daemon.vetsctl(["alliance", "offer", "list"])
      #expect(!after.stdout.contains("两种优惠") && !after.stdout.contains("没有优惠"), "a refused offer is not added: \(after.stdout)")
      #expect(try await county.json(["alliance", "enterprise", "show", enterprise])["status"] as? String == "ENTERPRISE_STATUS_ACTIVE")

      let token = try await daemon.createToken(role: "enterprise", scope: "enterprise:\(enterprise)", name: "clinic").file
      let id = residentID(born: "1950-03-12", sequence: "001")
      let check = try await daemon.vetsctl(["alliance", "check", offer, "--id-number", id], tokenFile: token)
      #expect(check.status == 0, "\(check.stderr)")
      #expect(check.stdout.contains("荣*华"))
      let redeemed = try await daemon.vetsctl(["alliance", "redeem", offer, "--id-number", id], tokenFile: token)
      #expect(redeemed.status == 0, "\(redeemed.stderr)")
      let again = try await daemon.vetsctl(["alliance", "redeem", offer, "--id-number", id], tokenFile: token)
      #expect(again.status == 1)
      #expect(again.stderr.contains("limit reached"), "\(again.stderr)")
      let both = try await daemon.vetsctl(["alliance", "check", offer, "--id-number", id, "--certificate", "X1"], tokenFile: token)
      #expect(both.status == 2)
    }
  }
}

@Suite("The alliance directory and report")
struct AllianceDirectoryTests {
  @Test func theDirectoryListsCurrentOffersAndTheReportCountsRedemptions() async throws {
    try await TestDaemon.with { daemon in
      let county = try await ReliefCaseTests.County.make(daemon)
      let enterprise = try #require(try await county.json([
        "alliance", "enterprise", "add", "--name", "拥军超市", "--credit-code", "91110000600037341L", "--category", "retail", "--town", "370830001",
      ])["id"] as? String)
      let updated = try await county.json(["alliance", "enterprise", "update", enterprise, "--contact", "0537-7212345"])
      #expect(updated["contact"] as? String == "0537-7212345")
      let offer = try #require(try await county.json([
        "alliance", "offer", "add", "--enterprise", enterprise, "--title", "购物立减", "--amount-off", "10.00", "--from", "2020-01-01",
        "--to", "2099-12-31", "--limit", "5",
      ])["id"] as? String)
      let token = try await daemon.createToken(role: "enterprise", scope: "enterprise:\(enterprise)", name: "till").file
      let id = residentID(born: "1950-03-12", sequence: "001")
      for _ in 0..<2 { #expect(try await daemon.vetsctl(["alliance", "redeem", offer, "--id-number", id], tokenFile: token).status == 0) }
      let lower = try await daemon.vetsctl(["alliance", "offer", "update", offer, "--quota", "1"])
      #expect(lower.status == 1, "the quota cannot drop below what was used: \(lower.stderr)")

      let file = daemon.root.appendingPathComponent("directory.csv").path
      #expect(try await daemon.vetsctl(["alliance", "directory", "--category", "retail", "--file", file]).status == 0)
      let csv = try String(contentsOfFile: file, encoding: .utf8)
      #expect(csv.contains("拥军超市") && csv.contains("购物立减") && csv.contains("立减 10.00 元") && csv.contains("零售"), "\(csv)")
      let medical = try await daemon.vetsctl(["alliance", "directory", "--category", "medical"])
      #expect(!medical.stdout.contains("拥军超市"))
      _ = try await county.json(["alliance", "enterprise", "suspend", enterprise])
      let suspended = try await daemon.vetsctl(["alliance", "directory"])
      #expect(!suspended.stdout.contains("拥军超市"), "a suspended enterprise's offers stop at once")

      let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
      let report = try await county.json(["alliance", "report", "--year", year])
      #expect(report["redemptions"] as? String == "2")
      #expect(report["uniqueBeneficiaries"] as? String == "1")
      #expect((report["estimatedValue"] as? [String: Any])?["fen"] as? String == "2000")
      #expect((report["byMonth"] as? [Any])?.count == 1)
      let shown = try await daemon.vetsctl(["registry", "household", "show", county.household])
      #expect(shown.stdout.contains("拥军优待使用记录"), "\(shown.stdout)")
      #expect(shown.stdout.contains("购物立减"))
    }
  }
}
