import ArgumentParser
import SwiftProtobuf
import VetsAPI

struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: Language.say("查阅和校验审计日志。", "Read and verify the audit trail."),
    subcommands: [Leaf<List>.self, Leaf<Verify>.self])

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say("列出审计日志记录，最新的在前。", "List audit records, newest first."))

    @Option(help: .say("只列出这个接口方法的记录，如 vets.daemon.v1.TokenService/CreateToken。", "Only records of this method, e.g. vets.daemon.v1.TokenService/CreateToken.")) var method = ""
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.audit.listAuditRecords(.with {
      $0.method = method
      $0.page = page.proto
    }) }
  }

  struct Verify: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: Language.say("重新计算哈希链；完好时退出码为 0，否则退出码为 1 并指出第一条有问题的记录。", "Recompute the hash chain; exit 0 if intact, 1 naming the first bad record if not."))

    func run(_ cli: CLI) async throws {
      let response = try await cli.call { try await $0.audit.verifyAuditChain(Vets_Daemon_V1_VerifyAuditChainRequest()) }
      try cli.show(response)
      guard response.ok else {
        throw CLIError(Language.say("审计记录链在第 \(response.firstBadSeq) 条断开：\(response.problem)", "audit chain broken at record \(response.firstBadSeq): \(response.problem)"))
      }
    }
  }
}

extension Vets_Daemon_V1_ListAuditRecordsResponse: Printable, Paged {
  func printTable() {
    Output.table(
      ["SEQ", "TIME", "TOKEN", "METHOD", "TARGETS", "OUTCOME", "REQUEST"],
      records.map { r in
        [String(r.seq), Dates.stamp(r.time), r.tokenName.isEmpty ? r.tokenID : "\(r.tokenName) (\(r.tokenID))", r.method,
         r.targets.isEmpty ? "-" : r.targets.joined(separator: ","), r.outcome, r.requestID.isEmpty ? "-" : r.requestID]
      })
  }
}

extension Vets_Daemon_V1_VerifyAuditChainResponse: Printable {
  func printTable() {
    if ok { print("OK: \(recordsChecked) records, the chain is intact") }
  }
}
