// A release vetsd started by the benchmark in a folder of its own, with the settings a
// scenario needs; its memory is read from /proc.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

struct BenchDaemon {
  let folder: URL
  let process: Process
  var socket: String { folder.appendingPathComponent("vetsd.sock").path }
  var tokenFile: String { folder.appendingPathComponent("data/admin.token").path }
  var database: String { folder.appendingPathComponent("data/vetsd.sqlite").path }
  var log: URL { folder.appendingPathComponent("vetsd.log") }

  struct Failure: Error, CustomStringConvertible { var description: String }

  /// Starts `vetsd` on a fresh data folder under `folder` and returns once it serves.
  static func start(_ vetsd: URL, folder: URL, config: String) async throws -> BenchDaemon {
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try config.write(to: folder.appendingPathComponent("vetsd.toml"), atomically: true, encoding: .utf8)
    return try await launch(vetsd, folder: folder)
  }

  /// Stops this daemon and starts a new one on the same data, as after a reboot.
  func restarted() async throws -> BenchDaemon {
    stop()
    return try await Self.launch(process.executableURL!, folder: folder)
  }

  private static func launch(_ vetsd: URL, folder: URL) async throws -> BenchDaemon {
    let configFile = folder.appendingPathComponent("vetsd.toml")
    let process = Process()
    process.executableURL = vetsd
    process.arguments = [
      "--config", configFile.path, "--data-dir", folder.appendingPathComponent("data").path,
      "--socket", folder.appendingPathComponent("vetsd.sock").path,
    ]
    _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("vetsd.log").path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("vetsd.log"))
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let daemon = BenchDaemon(folder: folder, process: process)
    // The daemon logs "socket=" once it listens; poll its log, bounded.
    for _ in 0..<600 {
      let text = (try? String(contentsOf: daemon.log, encoding: .utf8)) ?? ""
      if text.contains("socket=") { return daemon }
      guard process.isRunning else { throw Failure(description: "vetsd exited: \(text)") }
      try await Task.sleep(for: .milliseconds(50))
    }
    process.terminate()
    throw Failure(description: "vetsd did not start within 30 s")
  }

  func token() throws -> String {
    try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The daemon's resident set now and at its peak, in MB, from /proc/PID/status.
  func memory() -> (rss: Double, peak: Double) {
    let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
    func kilobytes(_ key: String) -> Double {
      guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return 0 }
      return Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return (kilobytes("VmRSS") / 1024, kilobytes("VmHWM") / 1024)
  }

  func stop() {
    process.terminate()
    process.waitUntilExit()
  }
}

/// Runs a program to its end and returns its standard output and wall time in seconds.
@discardableResult
func run(_ program: String, _ arguments: [String], input: String? = nil) throws -> (output: String, seconds: Double) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
  process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
  let output = Pipe()
  process.standardOutput = output
  process.standardError = output
  let stdin = Pipe()
  process.standardInput = input == nil ? FileHandle.nullDevice : stdin
  let start = ContinuousClock.now
  try process.run()
  if let input {
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
  }
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let seconds = (ContinuousClock.now - start) / .seconds(1)
  let text = String(decoding: data, as: UTF8.self)
  guard process.terminationStatus == 0 else {
    throw BenchDaemon.Failure(description: "\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
  }
  return (text, seconds)
}
