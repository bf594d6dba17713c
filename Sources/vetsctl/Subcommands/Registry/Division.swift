import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

/// `vetsctl registry division ...`: the county's towns and villages.
struct DivisionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "division", abstract: "Import and list the county's towns and villages.",
    subcommands: [Leaf<Import>.self, Leaf<List>.self])

  struct Import: CLICommand {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Add the towns and villages of a CSV file (columns code,name or 代码,名称), or rename existing ones.",
      discussion: "Exits 6 when some rows were refused; the errors are printed either way.")

    @Argument(help: "The CSV file: UTF-8 with or without BOM, or GB18030.") var file: String

    func run(_ cli: CLI) async throws {
      guard let csv = FileManager.default.contents(atPath: file) else {
        throw CLIError("cannot read \(file): no such file or not readable", exitCode: Exit.usage)
      }
      let r = Vets_Registry_V1_ImportDivisionsRequest.with { $0.requestID = cli.requestID; $0.csv = csv }
      let response = try await cli.call { try await $0.divisions.importDivisions(r) }
      try cli.show(response)
      guard response.errors.isEmpty else {
        let count = response.errors.count
        throw CLIError("\(count) \(count == 1 ? "row was" : "rows were") refused", exitCode: Exit.invalidArgument)
      }
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the towns, or with --town the villages of one town.")

    @Option(help: ArgumentHelp("A 9-digit town code: list its villages.", valueName: "code")) var town: String?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.divisions.listDivisions(.with {
      $0.townCode = town ?? ""
      $0.page = page.proto
    }) }
  }
}

/// `vetsctl registry station ...`: service stations and veterans' talk rooms (老兵话吧).
struct StationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "station", abstract: "Register and list service stations and talk rooms.",
    subcommands: [Leaf<Add>.self, Leaf<List>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a service station.")

    @Option(help: "The station's name.") var name: String
    @Option(help: "What kind of station it is.") var kind: Word<Vets_Registry_V1_StationKind>
    @Option(help: ArgumentHelp("The 9-digit town or 12-digit village it serves; leave out for the county centre.", valueName: "code"))
    var division = ""
    @Option(help: "The street address.") var address: String?
    @Option(help: "Who to contact, and how.") var contact: String?

    func call(_ c: Clients) async throws -> some Printable { try await c.divisions.addStation(c.write { r in
      r.station.name = name
      r.station.kind = kind.value
      r.station.divisionCode = division
      r.station.address = address ?? ""
      r.station.contact = contact ?? ""
    }) }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List stations; a town code lists the town's stations and its villages'.")

    @Option(help: ArgumentHelp("A 9-digit town or 12-digit village code.", valueName: "code")) var division: String?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.divisions.listStations(.with {
      $0.divisionCode = division ?? ""
      $0.page = page.proto
    }) }
  }
}
