import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import ProbeModule
import SwiftProtobuf
import TestSupport
import Testing
import VetsAPI

#if canImport(Glibc)
  import Glibc
#endif

/// When the disk fails the daemon: a full disk, a read-only file system, a data folder
/// deleted underneath it, and clients that give up mid-call. Writes fail clearly with
/// UNAVAILABLE, reads go on, and nothing is ever half-applied.
@Suite("Faults")
struct FaultTests {
  /// Mounting needs root; CI runs as root.
  static let isRoot = getuid() == 0

  /// A small tmpfs of its own for the data folder, unmounted afterwards.
  static func withSmallDisk<T: Sendable>(megabytes: Int, _ body: (URL, URL) async throws -> T) async throws -> T {
    let root = try TestDaemon.makeRoot()
    let data = root.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    let mounted = try await Run.program(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", data.path])
    try #require(mounted.status == 0, "\(mounted.stderr)")
    // Lazily, so that a file a stopped daemon's last moments still hold never leaves the
    // mount behind; then the folder goes too.
    func unmount() async {
      _ = try? await Run.program(URL(fileURLWithPath: "/bin/umount"), ["-l", data.path])
      try? FileManager.default.removeItem(at: root)
    }
    do {
      let result = try await body(root, data)
      await unmount()
      return result
    } catch {
      await unmount()
      throw error
    }
  }

  static func integrity(_ database: String) async throws -> String {
    try await Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-readonly", database, "PRAGMA integrity_check"]).stdout
  }

  @Test(.enabled(if: isRoot, "mounting a tmpfs needs root"))
  func aFullDiskRefusesWritesWithUnavailableKeepsReadsAndResumesWhenFreed() async throws {
    try await Self.withSmallDisk(megabytes: 8) { root, data in
      let daemon = try await TestDaemon.start(root: root, dataDir: data)
      let first = try await daemon.addNote("before the disk filled", requestID: "n-0")
      // Fill what is left of the disk.
      let filler = data.appendingPathComponent("filler")
      _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
      let handle = try FileHandle(forWritingTo: filler)
      let block = Data(repeating: 0x55, count: 64 * 1024)
      while (try? handle.write(contentsOf: block)) != nil {}
      try? handle.close()

      var acknowledged: [Int64] = []
      var refusal: RPCError?
      for n in 1...400 where refusal == nil {
        do {
          acknowledged.append(try await daemon.addNote(String(repeating: "满", count: 60), requestID: "n-\(n)").id)
        } catch let error as RPCError {
          refusal = error
        }
      }
      let refused = try #require(refusal, "no write failed on a full disk")
      #expect(refused.code == .unavailable, "\(refused)")
      #expect(refused.message.contains("disk holding the database is full"), "\(refused.message)")

      let read = try await daemon.withClient { client in
        try await Vets_Probe_V1_ProbeService.Client(wrapping: client).getNote(.with { $0.id = first.id }, metadata: try daemon.metadata())
      }
      #expect(read.text == "before the disk filled", "reads go on while the disk is full")
      #expect(daemon.process.isRunning)

      try FileManager.default.removeItem(at: filler)
      let after = try await daemon.addNote("after space was freed", requestID: "n-after")
      // The notes acknowledged before are there, and the refused one took nothing.
      #expect(after.id == Int64(acknowledged.count + 2), "ids \(acknowledged) then \(after.id)")
      _ = await daemon.stop()
      #expect(try await Self.integrity(daemon.databasePath) == "ok\n")
      // The restarted daemon is stopped too: one left running would keep the disk busy.
      let restarted = try await daemon.restart()
      let audit = try await restarted.vetsctl(["audit", "verify"])
      #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
      await restarted.finish()
    }
  }

  @Test(.enabled(if: isRoot, "remounting needs root"))
  func aDaemonStartedOnAReadOnlyDiskSaysSoAndExitsOnce() async throws {
    try await Self.withSmallDisk(megabytes: 16) { root, data in
      let daemon = try await TestDaemon.start(root: root, dataDir: data)
      _ = try await daemon.addNote("before", requestID: "r-0")
      _ = await daemon.stop()
      // A running daemon's open files keep tmpfs from going read-only; a stopped one's do not.
      let remount = try await Run.program(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", data.path])
      try #require(remount.status == 0, "\(remount.stderr)")
      let started = try await Run.program(Binaries.vetsd, ["--data-dir", data.path, "--socket", root.appendingPathComponent("ro.sock").path])
      #expect(started.status == 1, "it exits with the start-up failure status, which the unit does not retry forever: \(started.stderr)")
      #expect(started.stderr.lowercased().contains("read-only") || started.stderr.lowercased().contains("readonly"), "\(started.stderr)")
      _ = try await Run.program(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,rw", data.path])
      #expect(try await Self.integrity(daemon.databasePath) == "ok\n")
    }
  }

  @Test func aDataFolderDeletedUnderTheDaemonFailsWritesClearlyAndWritesNothingThatWouldVanish() async throws {
    try await TestDaemon.with { daemon in
      _ = try await daemon.addNote("before", requestID: "d-0")
      let metadata = try daemon.metadata()
      try FileManager.default.removeItem(at: daemon.dataDir)
      let error = await #expect(throws: RPCError.self) {
        try await daemon.withClient { client in
          try await Vets_Probe_V1_ProbeService.Client(wrapping: client).addNote(
            .with { $0.text = "into the void"; $0.requestID = "d-1" }, metadata: metadata)
        }
      }
      #expect(error?.code == .unavailable, "\(String(describing: error))")
      #expect(error?.message.contains("was deleted or replaced while vetsd was running") == true, "\(String(describing: error?.message))")
      #expect(daemon.process.isRunning, "the daemon stays up to say so")
    }
  }

  @Test func callsCutOffByTheirDeadlineAreAppliedOnceOrNotAtAllAndARetryCompletesThem() async throws {
    try await TestDaemon.with { daemon in
      #expect(try await daemon.vetsctl(["relief", "fund", "create", "assistance", "--name", "帮扶基金"]).status == 0)
      #expect(try await daemon.vetsctl(["relief", "fund", "create", "donors", "--name", "爱心企业", "--kind", "source"]).status == 0)
      let metadata = try daemon.metadata()
      var cutOff = 0
      try await daemon.withClient { client in
        let fund = Vets_Relief_V1_FundService.Client(wrapping: client)
        func deposit(_ n: Int, timeout: Duration) async throws -> Vets_Relief_V1_Transfer {
          var options = CallOptions.defaults
          options.timeout = timeout
          return try await fund.deposit(
            .with { $0.requestID = "cut-\(n)"; $0.fund = "assistance"; $0.source = "donors"; $0.amount.fen = 100 }, metadata: metadata,
            options: options)
        }
        // Deadlines from 0.1 ms up: some calls end before they reach the writer, some while
        // they wait for it, some after their commit.
        for n in 0..<60 {
          do { _ = try await deposit(n, timeout: .microseconds(100 + 50 * n)) } catch let error as RPCError {
            // Under load the deadline can pass while the client still waits for a ready
            // connection: grpc-swift then answers UNAVAILABLE itself and sends nothing.
            let neverSent = error.code == .unavailable && error.message.contains("isn't ready")
            #expect([.deadlineExceeded, .cancelled].contains(error.code) || neverSent, "\(error)")
            cutOff += 1
          }
        }
        for n in 0..<60 { _ = try await deposit(n, timeout: .seconds(30)) }
      }
      #expect(cutOff > 0, "some calls were cut off by their deadline")
      let ledger = try await Run.program(
        URL(fileURLWithPath: "/usr/bin/sqlite3"),
        ["-readonly", daemon.databasePath, "SELECT COUNT(*), SUM(amount) FROM relief_transfers WHERE kind = 'deposit'"])
      #expect(ledger.stdout == "60|6000\n", "every deposit exactly once after the retries: \(ledger.stdout)\(ledger.stderr)")
    }
  }

  @Test func anUploadAbandonedMidStreamImportsNothingAndItsRetryImportsOnce() async throws {
    try await TestDaemon.with { daemon in
      let divisions = daemon.root.appendingPathComponent("divisions.csv").path
      try "code,name\n370830001,中都街道\n370830001001,东关村\n".write(toFile: divisions, atomically: true, encoding: .utf8)
      #expect(try await daemon.vetsctl(["registry", "division", "import", divisions]).status == 0)
      let rows = (1...20).map { n in
        // Odd sequence numbers: men.
        "\(residentID(born: "19500101", sequence: String(format: "%03d", 2 * n - 1))),老兵\(n),男,1950-01-01,discharged_soldier,370830001001\n"
      }
      let csv = Data(("身份证号,姓名,性别,出生日期,类别,村代码\n" + rows.joined()).utf8)
      let metadata = try daemon.metadata()
      struct WalkedAway: Error {}
      try await daemon.withClient { client in
        let people = Vets_Registry_V1_PeopleService.Client(wrapping: client)
        await #expect(throws: (any Error).self) {
          _ = try await people.importPersons(metadata: metadata) { writer in
            try await writer.write(.with { $0.options.requestID = "upload-1" })
            try await writer.write(.with { $0.chunk = csv.prefix(csv.count / 2) })
            throw WalkedAway()
          }
        }
        let stats = try await people.getStats(.init(), metadata: metadata)
        #expect(stats.people == 0, "nothing of the abandoned upload was imported")
        for _ in 0..<2 {
          let report = try await people.importPersons(metadata: metadata) { writer in
            try await writer.write(.with { $0.options.requestID = "upload-1" })
            try await writer.write(.with { $0.chunk = csv })
          }
          #expect(report.rowsImported == 20, "\(report)")
        }
        #expect(try await people.getStats(.init(), metadata: metadata).people == 20, "the retry imported once")
      }
    }
  }
}
