import ArgumentParser
import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI

#if canImport(Glibc)
  import Glibc
#endif

/// `vetsctl registry ...`: people, households, divisions, service stations, bulk import and export.
struct RegistryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: Language.say("登记管理：人员、家庭户、行政区划和服务站。", "The registry: people, households, divisions and service stations."),
    subcommands: [
      PersonCommand.self, HouseholdCommand.self, DivisionCommand.self, StationCommand.self,
      Leaf<Import>.self, Leaf<Export>.self, Leaf<Duplicates>.self, Leaf<Stats>.self,
    ])

  struct Import: CLICommand {
    static let changesData = true
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: Language.say("从 CSV 文件批量导入人员，并逐行列出导入结果。", "Import people from a CSV file and print the per-row report."),
      discussion: Language.say(
        """
        文件编码为 UTF-8（带或不带 BOM）或 GB18030/GBK，第一行为表头，
        列名可用英文或中文（id_number/身份证号、name/姓名、sex/性别、
        birth_date/出生日期、phone/电话、categories/类别、village_code/村代码、
        address/地址……）。
        各行都无误时退出码为 0，有行被拒绝时退出码为 6（两种情况都会列出导入结果）。
        """,
        """
        The file is UTF-8 (with or without BOM) or GB18030/GBK, with a header row naming the columns \
        in English or Chinese (id_number/身份证号, name/姓名, sex/性别, birth_date/出生日期, phone/电话, \
        categories/类别, village_code/村代码, address/地址, ...). Exits 0 when every row was good, \
        6 when some rows were refused (the report is printed either way).
        """))

    @Argument(help: .say("CSV 文件。", "The CSV file.")) var file: String
    @Flag(help: .say("试导入：逐行检查并列出结果，不改动任何数据。", "Check every row and report; change nothing.")) var dryRun = false
    @Flag(help: .say("全部导入或全部不导入：有一行出错，整个文件都不导入。", "Import all rows or none: any bad row refuses the whole file.")) var atomic = false

    static let chunkSize = 64 * 1024

    func run(_ cli: CLI) async throws {
      guard let handle = FileHandle(forReadingAtPath: file) else {
        throw CLIError(Language.say("读不到文件 \(file)：文件不存在或没有读取权限", "cannot read \(file): no such file or not readable"), exitCode: Exit.usage)
      }
      defer { try? handle.close() }
      let total = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
      var first = Vets_Registry_V1_ImportPersonsRequest()
      first.options.requestID = cli.requestID
      first.options.dryRun = dryRun
      first.options.atomic = atomic
      let opening = first
      let progress = UploadProgress(total: total, enabled: isatty(STDERR_FILENO) == 1)
      let response = try await cli.call { services in
        try await services.people.importPersons { writer in
          try await writer.write(opening)
          var sent: Int64 = 0
          while let data = try handle.read(upToCount: Import.chunkSize), !data.isEmpty {
            var message = Vets_Registry_V1_ImportPersonsRequest()
            message.chunk = data
            try await writer.write(message)
            sent += Int64(data.count)
            progress.show(sent)
          }
          progress.finish(sent)
        }
      }
      try cli.show(response) {
        var pairs = [("file", file), ("encoding", response.encoding.isEmpty ? "-" : response.encoding),
                     ("rows read", String(response.rowsRead)), ("rows valid", String(response.rowsValid)),
                     ("rows imported", String(response.rowsImported))]
        if response.dryRun { pairs.append(("dry run", Language.say("是：未做任何改动", "yes: nothing was changed"))) }
        Output.fields(pairs)
        if !response.errors.isEmpty {
          print("")
          Output.table(
            ["LINE", "COLUMN", "REASON"],
            response.errors.map { [String($0.line), dash($0.column), $0.said] })
        }
        let more = response.errorCount - Int64(response.errors.count)
        if more > 0 { print(Language.say("另有 \(more) 处错误未列出", "\(more) more errors")) }
      }
      let errors = max(response.errorCount, Int64(response.errors.count))
      guard errors == 0 else {
        let outcome =
          response.dryRun ? "this was a dry run, so nothing was changed"
          : response.rowsImported == 0 && atomic ? "the import was atomic, so nothing was imported"
          : "\(response.rowsImported) good rows were imported"
        let outcomeChinese =
          response.dryRun ? "这是试导入，未做任何改动"
          : response.rowsImported == 0 && atomic ? "整批导入，因此一行也没有导入"
          : "其余 \(response.rowsImported) 行已导入"
        throw CLIError(Language.say("有 \(errors) 行被拒绝；\(outcomeChinese)", "\(errors) \(errors == 1 ? "row was" : "rows were") refused; \(outcome)"), exitCode: Exit.invalidArgument)
      }
    }
  }

  struct Export: CLICommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: Language.say("将人员导出为 CSV（列与导入时相同），写入文件或标准输出。", "Export people as CSV (the import's columns), to a file or stdout."),
      discussion: Language.say(
        "FILE 必须是尚不存在的文件，创建时权限为 0600；全部写完后文件才会出现。",
        "FILE is created with mode 0600 and must not exist; it appears only once complete."))

    @Option(help: .say("写入此文件，而不是标准输出。", "Write to this file instead of stdout.", valueName: "file")) var file: String?
    @OptionGroup var filters: PersonFilters

    func run(_ cli: CLI) async throws {
      let handle: FileHandle
      var partial: String?
      if let file {
        guard !FileManager.default.fileExists(atPath: file) else {
          throw CLIError(Language.say("文件 \(file) 已存在，请换一个文件名", "\(file) already exists; choose a new file name"), exitCode: Exit.usage)
        }
        let path = file + ".partial"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
          let opened = FileHandle(forWritingAtPath: path)
        else {
          throw CLIError(Language.say("无法创建文件 \(path)", "cannot create \(path)"))
        }
        handle = opened
        partial = path
      } else {
        handle = FileHandle.standardOutput
      }
      defer { if let partial { try? FileManager.default.removeItem(atPath: partial) } }
      let bytes = try await cli.call { services in
        var r = Vets_Registry_V1_ExportPersonsRequest()
        r.filter = try await filters.request(services)
        return try await services.people.exportPersons(r) { response in
          var bytes: Int64 = 0
          for try await chunk in response.messages {
            try handle.write(contentsOf: chunk.data)
            bytes += Int64(chunk.data.count)
          }
          return bytes
        }
      }
      guard let file, let partial else { return }
      try handle.synchronize()
      try handle.close()
      do {
        try FileManager.default.moveItem(atPath: partial, toPath: file)
      } catch {
        throw CLIError(Language.say("无法把 \(partial) 改名为 \(file)：\(error.localizedDescription)", "cannot move \(partial) to \(file): \(error.localizedDescription)"))
      }
      cli.show([("file", file), ("bytes", String(bytes))], json: [("file", .string(file)), ("bytes", .number(bytes))])
    }
  }

  struct Duplicates: Call {
    static let configuration = CommandConfiguration(
      commandName: "duplicates",
      abstract: Language.say(
        "列出姓名和出生日期相同、但身份证号不同的人员。",
        "List people with the same name and birth date but different resident ID numbers."))

    @OptionGroup var page: PageOptions

    func call(_ c: Clients) async throws -> some Printable { try await c.people.listDuplicates(.with { $0.page = page.proto }) }
  }

  struct Stats: Call {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: Language.say(
        "人员统计：按镇(街道)和类别、按状态、按年龄段统计人数，以及党员人数。",
        "Counts of people: by town and category, by status, by age band, party members."))

    func call(_ c: Clients) async throws -> some Printable { try await c.people.getStats(Vets_Registry_V1_GetStatsRequest()) }
  }
}
