import Foundation
import GRPCCore
import ProbeModule
import Testing

@Suite("Retries with the same request_id")
struct IdempotencyTests {
  @Test func aRetryReturnsTheFirstAnswerAndHasItsEffectOnce() async throws {
    try await InProcessDaemon.with { daemon in
      let first = try await daemon.addNote("once", requestID: "retry-1")
      let second = try await daemon.addNote("once", requestID: "retry-1")
      #expect(first == second)
      let next = try await daemon.addNote("twice", requestID: "retry-2")
      #expect(next.id == first.id + 1, "the retry inserted nothing")
    }
  }

  @Test func concurrentRetriesHaveTheirEffectOnce() async throws {
    try await InProcessDaemon.with { daemon in
      let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
        for _ in 0..<16 { group.addTask { try await daemon.addNote("race", requestID: "same").id } }
        return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
      }
      #expect(ids.count == 1)
      let next = try await daemon.addNote("after", requestID: "other")
      #expect(next.id == ids.first! + 1)
    }
  }

  @Test func reusingARequestIDForADifferentRequestIsRefused() async throws {
    try await InProcessDaemon.with { daemon in
      _ = try await daemon.addNote("first", requestID: "reused")
      do {
        _ = try await daemon.addNote("different", requestID: "reused")
        Issue.record("the reuse was accepted")
      } catch let error as RPCError {
        #expect(error.code == .failedPrecondition)
        #expect(error.message.contains("request_id 'reused' was already used for a different request"))
      }
    }
  }

  @Test func aMissingRequestIDIsAnInvalidArgumentNamingTheField() async throws {
    try await InProcessDaemon.with { daemon in
      do {
        _ = try await daemon.addNote("x", requestID: "")
        Issue.record("accepted without request_id")
      } catch let error as RPCError {
        #expect(error.code == .invalidArgument)
        #expect(error.message.hasPrefix("request_id:"))
      }
    }
  }
}
