import ArgumentParser
import VetsAPI

struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Read and verify the audit trail.",
    subcommands: [List.self, Verify.self])

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit records, newest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only records of this method, e.g. vets.daemon.v1.TokenService/CreateToken.") var method = ""
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = Vets_Daemon_V1_ListAuditRecordsRequest()
      request.method = method
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Daemon_V1_AuditService.Client(wrapping: client)
          .listAuditRecords(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["SEQ", "TIME", "TOKEN", "METHOD", "TARGETS", "OUTCOME", "REQUEST"],
          response.records.map { r in
            [String(r.seq), Output.time(r.time), r.tokenName.isEmpty ? r.tokenID : "\(r.tokenName) (\(r.tokenID))", r.method,
             r.targets.isEmpty ? "-" : r.targets.joined(separator: ","), r.outcome, r.requestID.isEmpty ? "-" : r.requestID]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "Recompute the hash chain; exit 0 if intact, 1 naming the first bad record if not.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Daemon_V1_AuditService.Client(wrapping: client)
          .verifyAuditChain(Vets_Daemon_V1_VerifyAuditChainRequest(), metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        if response.ok { print("OK: \(response.recordsChecked) records, the chain is intact") }
      }
      guard response.ok else {
        throw CLIError("audit chain broken at record \(response.firstBadSeq): \(response.problem)")
      }
    }
  }
}
