import ArgumentParser
import Foundation
import GRPCCore
import VetsAPI

/// `vetsctl demo load`: a synthetic county for a newcomer's tour, loaded through the public API.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Sample data for trying vetsd out.", subcommands: [Leaf<Load>.self])

  struct Load: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "load",
      abstract: "Fill an empty daemon with a synthetic 汶上县 (370830) through the public API.",
      discussion: """
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
        """)

    @Option(help: "The same seed gives the same county.") var seed: UInt64 = 370_830
    @Option(help: "How many people to register (100-5000).") var people = 300
    @Flag(help: "Load even if the registry already holds people (with the same --seed: finish an earlier load).") var force = false

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
