// Running the real binaries: vetsd-fixture (vetsd with the test-only probe modules) and
// vetsctl, built into the same folder as this test bundle.

import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

enum Binaries {
  /// The build products folder (.build/debug), where swift build put the executables.
  static let folder: URL = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if FileManager.default.fileExists(atPath: bundle.appendingPathComponent("vetsctl").path) { return bundle }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug")
  }()

  static let vetsd = folder.appendingPathComponent("vetsd-fixture")
  static let vetsctl = folder.appendingPathComponent("vetsctl")
}

/// Reading pipes with read(2), retrying when a signal interrupts it.
enum Pipes {
  /// A pipe: (read end, write end). Children started by `Child` inherit only what it hands
  /// them, so no other child holds a writer open.
  static func make() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    return (fds[0], fds[1])
  }

  /// The next bytes, or nil at end of file.
  static func readSome(_ fd: Int32) -> Data? {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(fd, &buffer, buffer.count)
      if count > 0 { return Data(buffer[0..<count]) }
      if count == 0 { return nil }
      if errno == EINTR { continue }
      return nil
    }
  }

  static func readToEnd(_ fd: Int32) -> Data {
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
final class Child: Sendable {
  let pid: pid_t
  private let exit = Mutex<(status: Int32, signalled: Bool)?>(nil)

  /// Starts `executable`. Its standard input is /dev/null; standard output and error go to
  /// the given descriptors, or /dev/null. It inherits no other descriptor.
  init(
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
  var isRunning: Bool {
    if exit.withLock({ $0 }) != nil { return false }
    var info = siginfo_t()
    guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return false }
    return info._sifields._sigchld.si_pid == 0
  }

  /// Blocks until it exits: its exit status, or the signal that ended it.
  @discardableResult
  func wait() -> (status: Int32, signalled: Bool) {
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

  func signal(_ number: Int32) {
    if isRunning { kill(pid, number) }
  }
}

/// What a finished process printed and how it exited.
struct Finished: Sendable {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum Run {
  /// Runs a program to completion off the cooperative thread pool.
  static func program(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) async throws -> Finished {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try blocking(executable, arguments, environment: environment, directory: directory) })
      }
    }
  }

  static func blocking(_ executable: URL, _ arguments: [String], environment: [String: String], directory: URL?) throws -> Finished {
    let out = try Pipes.make()
    let err = try Pipes.make()
    defer { [out.read, err.read].forEach { close($0) } }
    let child: Child
    do {
      defer { [out.write, err.write].forEach { close($0) } }
      child = try Child(executable, arguments, environment: environment, directory: directory, stdout: out.write, stderr: err.write)
    }
    // A program that should have finished is killed rather than left to hang the suite.
    let watchdog = DispatchWorkItem { child.signal(SIGTERM) }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    defer { watchdog.cancel() }
    // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
    let errData = Mutex(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      let data = Pipes.readToEnd(err.read)
      errData.withLock { $0 = data }
      group.leave()
    }
    let outData = Pipes.readToEnd(out.read)
    group.wait()
    let exit = child.wait()
    return Finished(
      status: exit.status, stdout: String(decoding: outData, as: UTF8.self),
      stderr: errData.withLock { String(decoding: $0, as: UTF8.self) })
  }
}

/// Lines a child process writes to a pipe, collected as they arrive, with waiters for a line.
final class LineLog: Sendable {
  private struct State {
    var lines: [String] = []
    var partial = ""
    var closed = false
    var waiters: [(id: Int, needle: String, occurrence: Int, continuation: CheckedContinuation<String?, Never>)] = []
    var nextWaiter = 0
  }
  private let state = Mutex(State())

  /// Reads `fd` until end of file, then closes it.
  init(_ fd: Int32) {
    DispatchQueue.global().async { [self] in
      while let data = Pipes.readSome(fd) {
        append(String(decoding: data, as: UTF8.self))
      }
      Glibc.close(fd)
      close()
    }
  }

  var text: String { state.withLock { ($0.lines + [$0.partial]).joined(separator: "\n") } }

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
  func line(containing needle: String, occurrence: Int = 1) async -> String? {
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
