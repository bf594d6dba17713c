import ArgumentParser
import Foundation
import GRPCCore
import VetsAPI

/// `vetsctl demo load`: a synthetic county for a newcomer's tour, loaded through the public API.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: Language.say("试用 vetsd 的示例数据。", "Sample data for trying vetsd out."), subcommands: [Leaf<Load>.self])

  struct Load: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "load",
      abstract: Language.say("通过公开接口向空的 vetsd 装入模拟的汶上县（370830）数据。", "Fill an empty daemon with a synthetic 汶上县 (370830) through the public API."),
      discussion: Language.say(
        """
        装入全县的镇(街道)和村(社区)、服务站和老兵话吧，按家庭户登记的各类人员；
        并按已启用的模块装入：帮扶基金及其入账、走访、困难对象名册，
        处于各个流程环节的帮扶个案；拥军企业、优惠项目和使用记录；
        双拥志愿服务的组织、服务队及其活动、服务时长和募集的款物；
        处于各个状态的诉求，其中两件已逾期。未启用的模块跳过。
        需要管理员令牌。审批和时长审核使用装入时生成的审批人令牌和协调员令牌
        （主体 demo-approver-<scope>、demo-coordinator-<scope>），
        装入完成后吊销，以前中断的装入留下的令牌也一并吊销。

        同一个 --seed 生成同一个县。每次写入的 request_id 都由种子生成，
        所以装入中途停止后，加 --force 用同一个种子再运行一次，
        就能装完而不会重复任何操作（不使用 --request-id）。
        登记信息中已有人员的 vetsd，不加 --force 不予装入。
        """,
        """
        Loads the county's towns and villages, service stations and talk rooms (老兵话吧), people of every \
        registry category in households, and, for each enabled module: the relief fund with deposits, visits, \
        the needy roster and assistance cases in every state of the workflow; alliance enterprises, offers and \
        redemptions; the volunteer network with activities, hours and money raised; appeals in every state, two of \
        them overdue. Modules that are not \
        enabled are skipped. Needs the admin token. Approvals and hours are given by approver and coordinator \
        tokens the load makes (subject demo-approver-<scope>, demo-coordinator-<scope>) and revokes when it is \
        done, with any an interrupted load left.

        The same --seed gives the same county. Every write's request_id comes from the seed, so after a load \
        that stopped part-way, running it again with --force and the same seed finishes it without doing \
        anything twice (--request-id is not used). A daemon whose registry already holds people is refused \
        without --force.
        """))

    @Option(help: .say("同一个种子生成同一个县。", "The same seed gives the same county.")) var seed: UInt64 = 370_830
    @Option(help: .say("登记的人数（100-5000）。", "How many people to register (100-5000).")) var people = 300
    @Flag(help: .say("登记信息中已有人员也装入（用同一个 --seed 时：完成以前未装完的装入）。", "Load even if the registry already holds people (with the same --seed: finish an earlier load).")) var force = false

    func check() throws {
      guard (100...5000).contains(people) else { throw ValidationError("--people must be between 100 and 5000") }
    }

    func run(_ cli: CLI) async throws {
      let metadata = cli.daemon.metadata
      let (seed, people, force) = (self.seed, self.people, self.force)
      let summary = try await cli.call { services in
        let catalog = try await services.modules.listModules(Vets_Daemon_V1_ListModulesRequest())
        guard let registry = catalog.modules.first(where: { $0.id == "registry" }), registry.state == .enabled else {
          throw CLIError("the registry module is not enabled in vetsd; demo load needs it for everything it loads")
        }
        let stats = try await services.people.getStats(Vets_Registry_V1_GetStatsRequest())
        guard stats.people == 0 || force else {
          throw CLIError(
            "the registry already holds \(stats.people) people; demo load fills only an empty daemon "
              + "(pass --force to load anyway: with the same --seed it finishes an earlier load without repeating it)")
        }
        let loader = DemoLoader(client: services.client, admin: metadata, options: .defaults, seed: seed, people: people)
        try await loader.loadRegistry()
        let enabled = { (id: String) -> Bool in
          let module = catalog.modules.first { $0.id == id }
          guard module?.state == .enabled else {
            let reason =
              switch module?.state {
              case nil: "not compiled into this vetsd"
              case .failed?: "failed to start: \(module?.error ?? "")"
              default: "not enabled"
              }
            loader.summary.skipped.append((id, reason))
            FileHandle.standardError.write(Data("demo: skipping \(id): \(reason)\n".utf8))
            return false
          }
          return true
        }
        let relief = enabled("relief")
        if relief { try await loader.loadRelief() }
        if enabled("alliance") { try await loader.loadAlliance() }
        if enabled("volunteers") { try await loader.loadVolunteers(depositIntoRelief: relief) }
        if enabled("appeals") { try await loader.loadAppeals() }
        try await loader.revokeTokens()
        return loader.summary
      }
      try cli.show(json: summary.json) { summary.printTable(csv: Output.isCSV) }
    }
  }
}
