import ArgumentParser
import Foundation
import GRPCCore
import VetsAPI

/// `vetsctl registry division ...`: the county's towns and villages.
struct DivisionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "division", abstract: "Import and list the county's towns and villages.",
    subcommands: [Import.self, List.self])

  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Add the towns and villages of a CSV file (columns code,name or 代码,名称), or rename existing ones.",
      discussion: "Exits 6 when some rows were refused; the errors are printed either way.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file: UTF-8 with or without BOM, or GB18030.") var file: String

    func run() async throws {
      guard let csv = FileManager.default.contents(atPath: file) else {
        throw CLIError("cannot read \(file): no such file or not readable", exitCode: Exit.usage)
      }
      var request = Vets_Registry_V1_ImportDivisionsRequest()
      request.requestID = global.effectiveRequestID
      request.csv = csv
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Registry_V1_DivisionService.Client(wrapping: client)
          .importDivisions(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.fields([("towns", String(response.towns)), ("villages", String(response.villages))])
        if !response.errors.isEmpty {
          print("")
          Output.table(
            ["LINE", "COLUMN", "REASON"],
            response.errors.map { [String($0.line), dash($0.column), $0.reason] })
        }
      }
      guard response.errors.isEmpty else {
        let count = response.errors.count
        throw CLIError("\(count) \(count == 1 ? "row was" : "rows were") refused", exitCode: Exit.invalidArgument)
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the towns, or with --town the villages of one town.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("A 9-digit town code: list its villages.", valueName: "code")) var town: String?
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = Vets_Registry_V1_ListDivisionsRequest()
      request.townCode = town ?? ""
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Registry_V1_DivisionService.Client(wrapping: client)
          .listDivisions(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(["CODE", "NAME"], response.divisions.map { [$0.code, $0.name] })
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}

/// `vetsctl registry station ...`: service stations and veterans' talk rooms (老兵话吧).
struct StationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "station", abstract: "Register and list service stations and talk rooms.",
    subcommands: [Add.self, List.self])

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a service station.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The station's name.") var name: String
    @Option(help: "What kind of station it is.") var kind: StationKindArgument
    @Option(help: ArgumentHelp("The 9-digit town or 12-digit village it serves; leave out for the county centre.", valueName: "code"))
    var division = ""
    @Option(help: "The street address.") var address: String?
    @Option(help: "Who to contact, and how.") var contact: String?

    func run() async throws {
      var request = Vets_Registry_V1_AddStationRequest()
      request.requestID = global.effectiveRequestID
      request.station.name = name
      request.station.kind = kind.value
      request.station.divisionCode = division
      request.station.address = address ?? ""
      request.station.contact = contact ?? ""
      let daemon = Daemon(options: global)
      let station = try await daemon.call { client in
        try await Vets_Registry_V1_DivisionService.Client(wrapping: client)
          .addStation(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(station)
      case .table, .csv:
        Output.fields([
          ("id", station.id), ("name", station.name), ("kind", EnumNames.name(station.kind)),
          ("division", station.divisionCode), ("address", dash(station.address)), ("contact", dash(station.contact)),
        ])
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List stations; a town code lists the town's stations and its villages'.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("A 9-digit town or 12-digit village code.", valueName: "code")) var division: String?
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = Vets_Registry_V1_ListStationsRequest()
      request.divisionCode = division ?? ""
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Registry_V1_DivisionService.Client(wrapping: client)
          .listStations(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["ID", "NAME", "KIND", "DIVISION", "ADDRESS", "CONTACT"],
          response.stations.map { s in
            [s.id, s.name, EnumNames.name(s.kind), s.divisionCode, dash(s.address), dash(s.contact)]
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }
}
