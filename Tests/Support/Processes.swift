// Running the real binaries: vetsd-fixture (vetsd with the test-only probe modules) and
// vetsctl, built into the same folder as this test bundle. Programs that run to completion
// go through swift-subprocess; the daemon a test starts, signals, kills and reads log lines
// from while it runs is a `Child`, because swift-subprocess keeps a child alive only inside
// the closure given to `run`, and a test's daemon outlives any one closure (it is restarted
// on the same folder, killed mid-write, waited for from several tasks).

import Foundation
import Subprocess
import Synchronization

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

#if canImport(Glibc)
  import Glibc
#endif

public enum Binaries {
  /// The build products folder (.build/debug), where swift build put the executables.
  public static let folder: URL = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if FileManager.default.fileExists(atPath: bundle.appendingPathComponent("vetsctl").path) { return bundle }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(".build/debug")
  }()

  public static let vetsd = folder.appendingPathComponent("vetsd-fixture")
  public static let vetsctl = folder.appendingPathComponent("vetsctl")
}

/// Reading pipes with read(2), retrying when a signal interrupts it.
public enum Pipes {
  /// A pipe: (read end, write end). Children started by `Child` inherit only what it hands
  /// them, so no other child holds a writer open.
  public static func make() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    return (fds[0], fds[1])
  }

  /// The next bytes, or nil at end of file.
  public static func readSome(_ fd: Int32) -> Data? {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(fd, &buffer, buffer.count)
      if count > 0 { return Data(buffer[0..<count]) }
      if count == 0 { return nil }
      if errno == EINTR { continue }
      return nil
    }
  }

  public static func readToEnd(_ fd: Int32) -> Data {
    var data = Data()
    while let chunk = readSome(fd) { data.append(chunk) }
    return data
  }
}

/// A child process started with posix_spawn.
///
/// Not Foundation's Process: on Linux its run() copies each whole 256-byte `d_name` while
/// listing /proc/self/fd, and reads past glibc's buffer when this test process has over a
/// thousand descriptors open; it crashed the suite in CI (swift-corelibs-foundation#5472).
public final class Child: Sendable {
  public let pid: pid_t
  private let exit = Mutex<(status: Int32, signalled: Bool)?>(nil)

  /// Starts `executable`. Its standard input is /dev/null; standard output and error go to
  /// the given descriptors, or /dev/null. It inherits no other descriptor.
  public init(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
    stdout: Int32? = nil, stderr: Int32? = nil
  ) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    for (source, target) in [(stdout, Int32(1)), (stderr, Int32(2))] {
      if let source {
        posix_spawn_file_actions_adddup2(&actions, source, target)
      } else {
        posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
      }
    }
    _ = Self.glibc.closeFrom(&actions, 3)
    if let directory { _ = Self.glibc.changeDirectory(&actions, directory.path) }

    // The child starts with no signal blocked or ignored, whatever this process does.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    _ = posix_spawnattr_setsigmask(&attributes, &none)
    _ = posix_spawnattr_setsigdefault(&attributes, &all)
    _ = posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
    guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
    self.pid = pid
  }

  /// glibc's descriptor-closing and directory-changing spawn actions, which Swift's Glibc
  /// module leaves out because they are GNU extensions.
  private struct GNUSpawnActions: @unchecked Sendable {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    let closeFrom: CloseFrom
    let changeDirectory: ChangeDirectory

    init() {
      func symbol<T>(_ name: String, as: T.Type) -> T {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("glibc has no \(name)") }
        return unsafeBitCast(address, to: T.self)
      }
      closeFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self)
      changeDirectory = symbol("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)
    }
  }
  private static let glibc = GNUSpawnActions()

  /// Whether it has not exited yet. Looks without reaping, so a concurrent wait() still can.
  public var isRunning: Bool {
    if exit.withLock({ $0 }) != nil { return false }
    var info = siginfo_t()
    guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return false }
    return info._sifields._sigchld.si_pid == 0
  }

  /// Blocks until it exits: its exit status, or the signal that ended it.
  @discardableResult
  public func wait() -> (status: Int32, signalled: Bool) {
    if let known = exit.withLock({ $0 }) { return known }
    // Wait without reaping, so that any number of callers may wait at once; one then reaps.
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    return exit.withLock { known in
      if let known { return known }
      var status: Int32 = 0
      while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
      let signal = status & 0x7f
      let result = signal == 0 ? (status: (status >> 8) & 0xff, signalled: false) : (status: signal, signalled: true)
      known = result
      return result
    }
  }

  public func signal(_ number: Int32) {
    if isRunning { kill(pid, number) }
  }
}

/// What a finished process printed and how it exited.
public struct Finished: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String

  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// Programs run to completion: vetsctl, vetsd's own subcommands, sqlite3, the install checks.
public enum Run {
  /// What a program may print before the run is refused as runaway.
  static let outputLimit = 256 << 20

  /// Runs a program to completion with swift-subprocess. A program that should have finished
  /// is killed after two minutes rather than left to hang the suite.
  public static func program(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, input: String = ""
  ) async throws -> Finished {
    let changes = Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(rawValue: $0.key)!, Optional($0.value)) })
    let environment = Environment.inherit.updating(changes)
    let result = try await withThrowingTaskGroup(of: Finished?.self) { group in
      group.addTask {
        let result = try await Subprocess.run(
          .path(FilePath(executable.path)), arguments: Arguments(arguments), environment: environment,
          workingDirectory: directory.map { FilePath($0.path) }, input: .string(input), output: .string(limit: outputLimit),
          error: .string(limit: outputLimit))
        let status: Int32 =
          switch result.terminationStatus {
          case .exited(let code): Int32(code)
          case .signaled(let signal): Int32(signal)
          }
        return Finished(status: status, stdout: result.standardOutput, stderr: result.standardError)
      }
      group.addTask {
        try await Task.sleep(for: .seconds(RunTimeout.seconds))
        return nil
      }
      defer { group.cancelAll() }
      return try await group.next()!
    }
    guard let result else { throw RunTimeout(program: executable.lastPathComponent, arguments: arguments) }
    return result
  }

  /// `program` for a caller that must block its thread (one holding a database lock while
  /// the program runs); never call it on the cooperative thread pool.
  public static func blocking(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
  ) throws -> Finished {
    let outcome = Mutex<Result<Finished, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        let finished = try await program(executable, arguments, environment: environment, directory: directory)
        outcome.withLock { $0 = .success(finished) }
      } catch {
        outcome.withLock { $0 = .failure(error) }
      }
      done.signal()
    }
    done.wait()
    return try outcome.withLock { $0! }.get()
  }

  public struct RunTimeout: Error, CustomStringConvertible {
    public var program: String
    public var arguments: [String]
    /// A guard against a hung program, not a measure of speed: on two cores shared with the
    /// whole suite, `vetsctl demo load` (12 s alone) has taken over 120 s.
    public static let seconds: Double = 300
    public var description: String { "\(program) \(arguments.joined(separator: " ")) did not finish within \(Int(Self.seconds)) s" }
  }
}

/// Lines a child process writes to a pipe, collected as they arrive, with waiters for a line.
public final class LineLog: Sendable {
  private struct State {
    var lines: [String] = []
    var partial = ""
    var closed = false
    var waiters: [(id: Int, needle: String, occurrence: Int, continuation: CheckedContinuation<String?, Never>)] = []
    var nextWaiter = 0
  }
  private let state = Mutex(State())

  /// Reads `fd` until end of file, then closes it.
  public init(_ fd: Int32) {
    DispatchQueue.global().async { [self] in
      while let data = Pipes.readSome(fd) {
        append(String(decoding: data, as: UTF8.self))
      }
      Glibc.close(fd)
      close()
    }
  }

  public var text: String { state.withLock { ($0.lines + [$0.partial]).joined(separator: "\n") } }

  private func append(_ chunk: String) {
    let ready = state.withLock { s -> [(CheckedContinuation<String?, Never>, String)] in
      s.partial += chunk
      var parts = s.partial.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      s.partial = parts.removeLast()
      s.lines += parts
      var ready: [(CheckedContinuation<String?, Never>, String)] = []
      s.waiters.removeAll { waiter in
        let matching = s.lines.filter { $0.contains(waiter.needle) }
        guard matching.count >= waiter.occurrence else { return false }
        ready.append((waiter.continuation, matching[waiter.occurrence - 1]))
        return true
      }
      return ready
    }
    for (continuation, line) in ready { continuation.resume(returning: line) }
  }

  private func close() {
    let waiters = state.withLock { s -> [CheckedContinuation<String?, Never>] in
      s.closed = true
      defer { s.waiters = [] }
      return s.waiters.map(\.continuation)
    }
    for continuation in waiters { continuation.resume(returning: nil) }
  }

  /// The first line containing `needle` (or the `occurrence`th), or nil once the pipe closed
  /// without one, or when the waiting task is cancelled (so that a caller's time limit always
  /// ends the wait).
  public func line(containing needle: String, occurrence: Int = 1) async -> String? {
    let id = state.withLock { s -> Int in
      defer { s.nextWaiter += 1 }
      return s.nextWaiter
    }
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let found = state.withLock { s -> String?? in
          let matching = s.lines.filter { $0.contains(needle) }
          if matching.count >= occurrence { return .some(matching[occurrence - 1]) }
          if s.closed || Task.isCancelled { return .some(nil) }
          s.waiters.append((id, needle, occurrence, continuation))
          return nil
        }
        if let found { continuation.resume(returning: found) }
      }
    } onCancel: {
      let waiter = state.withLock { s -> CheckedContinuation<String?, Never>? in
        guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return s.waiters.remove(at: index).continuation
      }
      waiter?.resume(returning: nil)
    }
  }
}
