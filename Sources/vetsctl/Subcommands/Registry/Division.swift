import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI

/// `vetsctl registry division ...`: the county's towns and villages.
struct DivisionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "division", abstract: Language.say("导入和查看全县的镇(街道)和村(社区)。", "Import and list the county's towns and villages."),
    subcommands: [Leaf<Import>.self, Leaf<List>.self])

  struct Import: CLICommand {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: Language.say(
        "从 CSV 文件（列为 code,name 或 代码,名称）添加镇(街道)和村(社区)，或修改已有的名称。",
        "Add the towns and villages of a CSV file (columns code,name or 代码,名称), or rename existing ones."),
      discussion: Language.say(
        "有行被拒绝时退出码为 6；出错的行都会列出。",
        "Exits 6 when some rows were refused; the errors are printed either way."))

    @Argument(help: .say("CSV 文件：UTF-8（带或不带 BOM）或 GB18030 编码。", "The CSV file: UTF-8 with or without BOM, or GB18030.")) var file: String

    func run(_ cli: CLI) async throws {
      guard let csv = FileManager.default.contents(atPath: file) else {
        throw CLIError(Language.say("读不到文件 \(file)：文件不存在或没有读取权限", "cannot read \(file): no such file or not readable"), exitCode: Exit.usage)
      }
      let r = Vets_Registry_V1_ImportDivisionsRequest.with { $0.requestID = cli.requestID; $0.csv = csv }
      let response = try await cli.call { try await $0.divisions.importDivisions(r) }
      try cli.show(response)
      guard response.errors.isEmpty else {
        let count = response.errors.count
        throw CLIError(Language.say("有 \(count) 行被拒绝", "\(count) \(count == 1 ? "row was" : "rows were") refused"), exitCode: Exit.invalidArgument)
      }
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(commandName: "list", abstract: Language.say(
      "列出各镇(街道)；加 --town 则列出该镇(街道)下的村(社区)。", "List the towns, or with --town the villages of one town."))

    @Option(help: .say("9 位镇(街道)代码：列出其下的村(社区)。", "A 9-digit town code: list its villages.", valueName: "code")) var town: String?
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
    commandName: "station", abstract: Language.say("登记和查看退役军人服务站和老兵话吧。", "Register and list service stations and talk rooms."),
    subcommands: [Leaf<Add>.self, Leaf<List>.self])

  struct Add: Call {
    static let changesData = true
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.say("登记服务站。", "Register a service station."))

    @Option(help: .say("服务站名称。", "The station's name.")) var name: String
    @Option(help: .say("服务站类型。", "What kind of station it is.")) var kind: Word<Vets_Registry_V1_StationKind>
    @Option(help: .say(
      "所服务的镇(街道)或村(社区)：名称或 9 位、12 位代码；县退役军人服务中心不填。",
      "The town or village it serves, by name or 9- or 12-digit code; leave out for the county centre.", valueName: "place"))
    var division: Place?
    @Option(help: .say("详细地址。", "The street address.")) var address: String?
    @Option(help: .say("联系人及联系方式。", "Who to contact, and how.")) var contact: String?

    func call(_ c: Clients) async throws -> some Printable {
      let division = try await self.division?.code(c, "--division") ?? ""
      return try await c.divisions.addStation(c.write { r in
        r.station.name = name
        r.station.kind = kind.value
        r.station.divisionCode = division
        r.station.address = address ?? ""
        r.station.contact = contact ?? ""
      })
    }
  }

  struct List: Call {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: Language.say(
        "列出服务站；给出镇(街道)代码时，列出该镇(街道)及其下各村(社区)的服务站。",
        "List stations; a town code lists the town's stations and its villages'."))

    @Option(help: .place("只列出这个镇(街道)或村(社区)的服务站", "Only this town's or village's stations")) var division: Place?
    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable {
      let division = try await self.division?.code(c, "--division") ?? ""
      return try await c.divisions.listStations(.with {
        $0.divisionCode = division
        $0.page = page.proto
      })
    }
  }
}
