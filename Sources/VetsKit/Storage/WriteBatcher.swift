// Group commit: the one writer every mutating call goes through. The transactions waiting
// at the moment the writer is free run together in one SQLite transaction, each in its own
// savepoint so that a failing one rolls back alone; the batch commits once, with one
// fsync; and every caller is answered only after its batch is durable. Nobody waits on
// purpose: a batch forms from the calls that arrived while the previous batch committed,
// so the wait is bounded by one commit, and the size by `maxBatch`.

import Dispatch
public import GRDB
import Metrics
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

public final class WriteBatcher: Sendable {
  /// One caller's work: run inside its savepoint, then, after the commit, answer the caller.
  struct Job: Sendable {
    let run: @Sendable (Database) throws -> @Sendable () -> Void
    let fail: @Sendable (any Error) -> Void
  }

  public struct Stats: Sendable, Equatable {
    /// Transactions committed: one per batch.
    public var commits = 0
    /// Calls that ran, in all batches, whether their savepoint committed or rolled back.
    public var calls = 0
    public var largestBatch = 0
  }

  let pool: DatabasePool
  public let maxBatch: Int
  private let queue = DispatchQueue(label: "vetsd.writer")
  private let state = Mutex<(waiting: [Job], running: Bool)>(([], false))
  private let counts = Mutex(Stats())

  /// The database file's device and inode when the writer started.
  private let file: FileIdentity?

  public init(pool: DatabasePool, maxBatch: Int) {
    self.pool = pool
    self.maxBatch = max(1, maxBatch)
    file = FileIdentity(path: pool.path)
  }

  /// Where the database file is on disk. SQLite keeps writing to a file that was deleted or
  /// replaced under it, and those writes would vanish at the next start; so every batch
  /// first checks that the path still names the file the writer opened.
  struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      device = UInt64(info.st_dev)
      inode = UInt64(info.st_ino)
    }
  }

  public var stats: Stats { counts.withLock { $0 } }

  /// Calls waiting for the writer.
  var waiting: Int { state.withLock { $0.waiting.count } }

  /// Runs `body` in the next batch and returns its value once that batch has committed.
  /// When `body` throws, its savepoint is rolled back and the error is thrown here; the
  /// other calls of the batch are not affected.
  ///
  /// `body` runs on the writer's queue, not in the caller's task: it is handed what it needs
  /// of the call (`VetsDatabase.mutate` gives a `WriteCall`), and reading `CallContext.now`
  /// inside it is a programming error, caught in debug builds.
  public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
      enqueue(
        Job(
          run: { db in
            let value = try CallContext.$insideWrite.withValue(true) { try body(db) }
            return { continuation.resume(returning: value) }
          },
          fail: { continuation.resume(throwing: $0) }))
    }
  }

  private func enqueue(_ job: Job) {
    let start = state.withLock { state -> Bool in
      state.waiting.append(job)
      guard !state.running else { return false }
      state.running = true
      return true
    }
    if start { queue.async { self.drain() } }
  }

  private func drain() {
    while true {
      let batch = state.withLock { state -> [Job] in
        let batch = Array(state.waiting.prefix(maxBatch))
        state.waiting.removeFirst(batch.count)
        if batch.isEmpty { state.running = false }
        return batch
      }
      guard !batch.isEmpty else { return }
      commit(batch)
    }
  }

  private func commit(_ batch: [Job]) {
    guard file == nil || FileIdentity(path: pool.path) == file else {
      let error = VetsError.unavailable(
        "the database file \(pool.path) was deleted or replaced while vetsd was running; nothing was written. "
          + "Restore the data folder from a backup and restart vetsd")
      for job in batch { job.fail(error) }
      return
    }
    var answers: [@Sendable () -> Void] = []
    do {
      try pool.writeWithoutTransaction { db in
        answers = []
        try db.inTransaction(.immediate) {
          for job in batch {
            do {
              var answer: (@Sendable () -> Void)?
              try db.inSavepoint {
                answer = try job.run(db)
                return .commit
              }
              answers.append(answer!)
            } catch {
              answers.append { job.fail(error) }
            }
          }
          return .commit
        }
      }
    } catch {
      // The commit itself failed (a full disk, an I/O error): nothing of the batch is
      // durable, so every caller gets the error, including those whose work had succeeded.
      for job in batch { job.fail(error) }
      return
    }
    counts.withLock { stats in
      stats.commits += 1
      stats.calls += batch.count
      stats.largestBatch = max(stats.largestBatch, batch.count)
    }
    Recorder(label: "vetsd_write_batch_size").record(batch.count)
    for answer in answers { answer() }
  }
}
