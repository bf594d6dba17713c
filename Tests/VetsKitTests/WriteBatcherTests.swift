import Dispatch
import Foundation
import GRDB
import TestSupport
import Testing

@testable import VetsKit

/// Group commit: calls that wait while a commit runs share the next commit, each in its own
/// savepoint, and each is answered only after its batch is durable.
@Suite struct WriteBatcherTests {
  struct Refused: Error {}

  /// Holds the writer inside a first call until `release`, so that the next calls queue up.
  final class Gate: Sendable {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
  }

  static func table(_ database: VetsDatabase) async throws {
    try await database.pool.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY)") }
  }

  /// Waits (bounded) until `count` calls are queued behind the gate.
  static func waitUntilQueued(_ writer: WriteBatcher, _ count: Int) async throws {
    for _ in 0..<100_000 where writer.waiting < count { await Task.yield() }
    try #require(writer.waiting == count)
  }

  @Test func callsWaitingDuringACommitShareTheNextOneAndAFailureRollsBackAlone() async throws {
    try await withTempDatabase { database in
      try await Self.table(database)
      let writer = database.writer
      let gate = Gate()
      let first = Task {
        try await writer.write { db in
          gate.entered.signal()
          gate.release.wait()
          try db.execute(sql: "INSERT INTO t (n) VALUES (0)")
        }
      }
      await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
          gate.entered.wait()
          continuation.resume()
        }
      }
      let calls = (1...10).map { (n: Int) in
        Task { () -> Result<Int, any Error> in
          do {
            return .success(try await writer.write { db in
              try db.execute(sql: "INSERT INTO t (n) VALUES (?)", arguments: [n])
              if n == 5 { throw Refused() }
              return n
            })
          } catch {
            return .failure(error)
          }
        }
      }
      try await Self.waitUntilQueued(writer, 10)
      gate.release.signal()
      try await first.value
      var answered: [Int] = []
      for (index, call) in calls.enumerated() {
        switch await call.value {
        case .success(let n): answered.append(n)
        case .failure(let error):
          #expect(index + 1 == 5)
          #expect(error is Refused)
        }
      }
      #expect(answered == [1, 2, 3, 4, 6, 7, 8, 9, 10])
      // Answered means durable and visible to any reader.
      let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT n FROM t ORDER BY n") }
      #expect(stored == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10], "the refused call's insert was rolled back alone")
      #expect(writer.stats == WriteBatcher.Stats(commits: 2, calls: 11, largestBatch: 10))
    }
  }

  @Test func aBatchIsNoLargerThanItsBound() async throws {
    var storage = VetsDatabase.StorageSettings()
    storage.maxBatch = 4
    try await withTempDatabase(core: false, storage: storage) { database in
      try await Self.table(database)
      let gate = Gate()
      let first = Task { try await database.writer.write { _ in gate.entered.signal(); gate.release.wait() } }
      await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
          gate.entered.wait()
          continuation.resume()
        }
      }
      let calls = (1...10).map { (n: Int) in
        Task { try await database.writer.write { db in try db.execute(sql: "INSERT INTO t (n) VALUES (?)", arguments: [n]) } }
      }
      try await Self.waitUntilQueued(database.writer, 10)
      gate.release.signal()
      try await first.value
      for call in calls { try await call.value }
      #expect(database.writer.stats == WriteBatcher.Stats(commits: 4, calls: 11, largestBatch: 4), "1, then 4, 4 and 2")
    }
  }
}
