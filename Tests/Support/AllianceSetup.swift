import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI

/// Two enterprises of the alliance in a county, each with an enterprise-scoped token, and the
/// calls an enterprise makes: offers, checks and redemptions. The same over the real daemon's
/// socket (EndToEndTests) and in process (HandlerTests).
public struct AllianceSetup<Daemon: DaemonUnderTest, County: Sendable>: Sendable {
  public let daemon: Daemon
  public let county: County
  public let enterpriseA: String
  public let enterpriseB: String
  public let tokenA: String
  public let tokenB: String

  /// Adds the two enterprises and their tokens to a daemon whose county (`county`, with
  /// Mr. Rong's household) is already made.
  public static func make(_ daemon: Daemon, county: County) async throws -> AllianceSetup {
    let admin = try daemon.metadata(tokenFile: nil)
    func enterprise(_ name: String, _ code: String) async throws -> String {
      var request = Vets_Alliance_V1_AddEnterpriseRequest()
      request.requestID = UUID().uuidString
      request.enterprise.name = name
      request.enterprise.creditCode = code
      request.enterprise.category = .medical
      request.enterprise.townCode = "370830001"
      return try await daemon.withClient { client in
        try await Vets_Alliance_V1_AllianceService.Client(wrapping: client).addEnterprise(request, metadata: admin).id
      }
    }
    let a = try await enterprise("汶上县拥军诊所", "91110000600037341L")
    let b = try await enterprise("汶上县拥军超市", CreditCodeFixture.valid(seed: "9137083012345678"))
    return AllianceSetup(
      daemon: daemon, county: county, enterpriseA: a, enterpriseB: b,
      tokenA: try await daemon.createToken(role: "enterprise", scope: "enterprise:\(a)", name: "clinic").file,
      tokenB: try await daemon.createToken(role: "enterprise", scope: "enterprise:\(b)", name: "shop").file)
  }

  public func client<T: Sendable>(_ body: (Vets_Alliance_V1_AllianceService.Client<Daemon.Transport>) async throws -> T) async throws -> T {
    try await daemon.withClient { client in try await body(Vets_Alliance_V1_AllianceService.Client(wrapping: client)) }
  }

  public func offer(_ enterprise: String, limit: Int32 = 1, quota: Int64 = 0, eligible: [Vets_Registry_V1_Category] = []) async throws -> String {
    var request = Vets_Alliance_V1_AddOfferRequest()
    request.requestID = UUID().uuidString
    request.offer.enterpriseID = enterprise
    request.offer.title = "退役军人体检八折"
    request.offer.benefit = .percentOff
    request.offer.percentOff = 20
    request.offer.eligible = eligible
    request.offer.validFrom = .with { $0.year = 2020; $0.month = 1; $0.day = 1 }
    request.offer.validTo = .with { $0.year = 2099; $0.month = 12; $0.day = 31 }
    request.offer.limitCount = limit
    request.offer.quota = quota
    let admin = try daemon.metadata(tokenFile: nil)
    return try await client { try await $0.addOffer(request, metadata: admin).id }
  }

  public var rongID: String { residentID(born: "1950-03-12", sequence: "001") }

  public func redeem(_ offer: String, id: String? = nil, token: String, requestID: String = UUID().uuidString) async throws -> Vets_Alliance_V1_Redemption {
    var request = Vets_Alliance_V1_RedeemRequest()
    request.requestID = requestID
    request.offerID = offer
    request.customer.idNumber = id ?? rongID
    let metadata = try daemon.metadata(tokenFile: token)
    return try await client { try await $0.redeem(request, metadata: metadata) }
  }

  public func check(_ offer: String, id: String? = nil, token: String) async throws -> Vets_Alliance_V1_CheckEligibilityResponse {
    var request = Vets_Alliance_V1_CheckEligibilityRequest()
    request.offerID = offer
    request.customer.idNumber = id ?? rongID
    let metadata = try daemon.metadata(tokenFile: token)
    return try await client { try await $0.checkEligibility(request, metadata: metadata) }
  }
}
