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

/// Reading pipes with read(2), retrying when a signal interrupts it. Foundation's FileHandle
/// reads crash on EINTR, which the test runner sees whenever a child process exits.
enum Pipes {
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
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // A program that should have finished is killed rather than left to hang the suite.
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    defer { watchdog.cancel() }
    // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
    let errData = Mutex(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      let data = Pipes.readToEnd(err.fileHandleForReading.fileDescriptor)
      errData.withLock { $0 = data }
      group.leave()
    }
    let outData = Pipes.readToEnd(out.fileHandleForReading.fileDescriptor)
    group.wait()
    process.waitUntilExit()
    return Finished(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: errData.withLock { String(decoding: $0, as: UTF8.self) })
  }
}

/// Lines a child process writes to a pipe, collected as they arrive, with waiters for a line.
final class LineLog: Sendable {
  private struct State {
    var lines: [String] = []
    var partial = ""
    var closed = false
    var waiters: [(String, CheckedContinuation<String?, Never>)] = []
  }
  private let state = Mutex(State())

  init(_ handle: FileHandle) {
    DispatchQueue.global().async { [self] in
      while let data = Pipes.readSome(handle.fileDescriptor) {
        append(String(decoding: data, as: UTF8.self))
      }
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
      s.waiters.removeAll { needle, continuation in
        guard let line = parts.first(where: { $0.contains(needle) }) else { return false }
        ready.append((continuation, line))
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
      return s.waiters.map(\.1)
    }
    for continuation in waiters { continuation.resume(returning: nil) }
  }

  /// The first line containing `needle`, or nil once the pipe closed without one.
  func line(containing needle: String) async -> String? {
    await withCheckedContinuation { continuation in
      let found = state.withLock { s -> String?? in
        if let line = s.lines.first(where: { $0.contains(needle) }) { return .some(line) }
        if s.closed { return .some(nil) }
        s.waiters.append((needle, continuation))
        return nil
      }
      if let found { continuation.resume(returning: found) }
    }
  }
}
