import Foundation
import GRPCCore
import GRPCProtobuf
import SwiftProtobuf
import TestSupport
import Testing
import VetsAPI

/// The alliance from the enterprise's side: checks and redemptions with enterprise-scoped
/// tokens, under races, retries and hostile use, on the in-process daemon.
@Suite("Alliance checks and redemptions (handlers)")
struct AllianceHandlerTests {
  @Test func fiftyConcurrentRedemptionsAgainstALimitOfOneGiveOneSuccess() async throws {
    try await InProcessDaemon.with(config: "[modules.registry]\nlookup_burst = 100\n") { daemon in
      let setup = try await CountyAlliance.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA, limit: 1)
      let results = try await withThrowingTaskGroup(of: Vets_Alliance_V1_Redemption.self) { group in
        for _ in 0..<50 { group.addTask { try await setup.redeem(offer, token: setup.tokenA) } }
        return try await group.reduce(into: [Vets_Alliance_V1_Redemption]()) { $0.append($1) }
      }
      #expect(results.filter(\.confirmed).count == 1)
      #expect(results.filter { $0.reason == .limitReached }.count == 49)
    }
  }

  @Test func aTotalQuotaHoldsUnderRacesToo() async throws {
    try await InProcessDaemon.with { daemon in
      let setup = try await CountyAlliance.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA, limit: 100, quota: 3)
      let results = try await withThrowingTaskGroup(of: Vets_Alliance_V1_Redemption.self) { group in
        for _ in 0..<20 { group.addTask { try await setup.redeem(offer, token: setup.tokenA) } }
        return try await group.reduce(into: [Vets_Alliance_V1_Redemption]()) { $0.append($1) }
      }
      #expect(results.filter(\.confirmed).count == 3)
      #expect(results.filter { $0.reason == .quotaExhausted }.count == 17)
    }
  }

  @Test func aRetriedRedemptionCountsOnceAndAVoidRestoresTheLimit() async throws {
    try await InProcessDaemon.with { daemon in
      let setup = try await CountyAlliance.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA, limit: 1)
      let first = try await setup.redeem(offer, token: setup.tokenA, requestID: "till-42")
      let retry = try await setup.redeem(offer, token: setup.tokenA, requestID: "till-42")
      #expect(first.confirmed && retry == first)
      #expect(try await setup.redeem(offer, token: setup.tokenA).reason == .limitReached)
      var void = Vets_Alliance_V1_VoidRedemptionRequest()
      void.requestID = "refund-1"
      void.redemptionID = first.id
      let metadata = try daemon.metadata(tokenFile: setup.tokenA)
      _ = try await setup.client { try await $0.voidRedemption(void, metadata: metadata) }
      #expect(try await setup.redeem(offer, token: setup.tokenA).confirmed)
    }
  }

  @Test func anEnterpriseActsOnlyOnItsOwnOffersAndNeverReachesTheRegistry() async throws {
    try await InProcessDaemon.with { daemon in
      let setup = try await CountyAlliance.make(daemon)
      let offerOfB = try await setup.offer(setup.enterpriseB)
      #expect(await statusCode { try await setup.check(offerOfB, token: setup.tokenA) } == .permissionDenied)
      #expect(await statusCode { try await setup.redeem(offerOfB, token: setup.tokenA) } == .permissionDenied)
      var search = Vets_Registry_V1_SearchPersonsRequest()
      search.name = "荣"
      search.namePrefix = true
      let metadata = try daemon.metadata(tokenFile: setup.tokenA)
      let code = await statusCode {
        try await daemon.withClient { client in
          try await Vets_Registry_V1_PeopleService.Client(wrapping: client).searchPersons(search, metadata: metadata)
        }
      }
      #expect(code == .permissionDenied)
    }
  }

  @Test func theAnswerCarriesNothingButTheVerdictAndAMaskedName() async throws {
    try await InProcessDaemon.with { daemon in
      let setup = try await CountyAlliance.make(daemon)
      let offer = try await setup.offer(setup.enterpriseA)
      var request = Vets_Alliance_V1_CheckEligibilityRequest()
      request.offerID = offer
      request.customer.idNumber = setup.rongID
      // Decode the raw reply: every field on the wire must be one of the three we allow.
      let metadata = try daemon.metadata(tokenFile: setup.tokenA)
      let raw = try await daemon.withClient { client in
        try await client.unary(
          request: ClientRequest(message: request, metadata: metadata),
          descriptor: Vets_Alliance_V1_AllianceService.Method.CheckEligibility.descriptor,
          serializer: ProtobufSerializer<Vets_Alliance_V1_CheckEligibilityRequest>(),
          deserializer: RawBytes(),
          options: .defaults
        ) { try $0.message }
      }
      let decoded = try Vets_Alliance_V1_CheckEligibilityResponse(serializedBytes: raw)
      #expect(decoded.unknownFields.data.isEmpty)
      #expect(decoded.confirmed)
      #expect(decoded.maskedName == "荣*华")
      #expect(try decoded.serializedData() == Data(raw), "nothing beyond the known fields")
      let text = String(decoding: raw, as: UTF8.self)
      #expect(!text.contains(setup.rongID) && !text.contains("荣庆华") && !text.contains("370830001001"))

      let wifeID = residentID(born: "1952-07-01", sequence: "002")
      #expect(try await setup.check(offer, id: wifeID, token: setup.tokenA).reason == .categoryNotEligible)
      let unknown = try await setup.check(offer, id: residentID(born: "1960-01-01", sequence: "009"), token: setup.tokenA)
      #expect(unknown.reason == .notConfirmed && unknown.maskedName.isEmpty)
    }
  }

  @Test func anOfferForNamedCategoriesConfirmsOnlyThem() async throws {
    try await InProcessDaemon.with { daemon in
      let setup = try await CountyAlliance.make(daemon)
      let families = try await setup.offer(setup.enterpriseA, eligible: [.servingMemberFamily, .martyrFamily])
      let wifeID = residentID(born: "1952-07-01", sequence: "002")
      #expect(try await setup.check(families, id: wifeID, token: setup.tokenA).confirmed)
      #expect(try await setup.check(families, token: setup.tokenA).reason == .categoryNotEligible, "Rong is a veteran, not family")
      let unknownCategory = await statusCode { try await setup.offer(setup.enterpriseA, eligible: [Vets_Registry_V1_Category(rawValue: 99)!]) }
      #expect(unknownCategory == .invalidArgument)
    }
  }
}
