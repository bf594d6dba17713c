import ArgumentParser
import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

#if canImport(Glibc)
  import Glibc
#endif

/// `vetsctl registry ...`: people, households, divisions, service stations, bulk import and export.
struct RegistryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "The registry: people, households, divisions and service stations.",
    subcommands: [
      PersonCommand.self, HouseholdCommand.self, DivisionCommand.self, StationCommand.self,
      Import.self, Export.self, Duplicates.self, Stats.self,
    ])

  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Import people from a CSV file and print the per-row report.",
      discussion: """
        The file is UTF-8 (with or without BOM) or GB18030/GBK, with a header row naming the columns \
        in English or Chinese (id_number/身份证号, name/姓名, sex/性别, birth_date/出生日期, phone/电话, \
        categories/类别, village_code/村代码, address/地址, ...). Exits 0 when every row was good, \
        6 when some rows were refused (the report is printed either way).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Check every row and report; change nothing.") var dryRun = false
    @Flag(help: "Import all rows or none: any bad row refuses the whole file.") var atomic = false

    static let chunkSize = 64 * 1024

    func run() async throws {
      guard let handle = FileHandle(forReadingAtPath: file) else {
        throw CLIError("cannot read \(file): no such file or not readable", exitCode: Exit.usage)
      }
      defer { try? handle.close() }
      let total = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
      var first = Vets_Registry_V1_ImportPersonsRequest()
      first.options.requestID = global.effectiveRequestID
      first.options.dryRun = dryRun
      first.options.atomic = atomic
      let opening = first
      let progress = UploadProgress(total: total, enabled: isatty(STDERR_FILENO) == 1)
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Registry_V1_PeopleService.Client(wrapping: client).importPersons(
          metadata: daemon.metadata, options: daemon.callOptions
        ) { writer in
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
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        var pairs = [("file", file), ("encoding", response.encoding.isEmpty ? "-" : response.encoding),
                     ("rows read", String(response.rowsRead)), ("rows valid", String(response.rowsValid)),
                     ("rows imported", String(response.rowsImported))]
        if response.dryRun { pairs.append(("dry run", "yes: nothing was changed")) }
        Output.fields(pairs)
        if !response.errors.isEmpty {
          print("")
          Output.table(
            ["LINE", "COLUMN", "REASON"],
            response.errors.map { [String($0.line), $0.column.isEmpty ? "-" : $0.column, $0.reason] })
        }
        let more = response.errorCount - Int64(response.errors.count)
        if more > 0 { print("\(more) more errors") }
      }
      let errors = max(response.errorCount, Int64(response.errors.count))
      guard errors == 0 else {
        let outcome =
          response.dryRun ? "this was a dry run, so nothing was changed"
          : response.rowsImported == 0 && atomic ? "the import was atomic, so nothing was imported"
          : "\(response.rowsImported) good rows were imported"
        throw CLIError("\(errors) \(errors == 1 ? "row was" : "rows were") refused; \(outcome)", exitCode: Exit.invalidArgument)
      }
    }
  }

  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Export people as CSV (the import's columns), to a file or stdout.",
      discussion: "FILE is created with mode 0600 and must not exist; it appears only once complete.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var file: String?
    @OptionGroup var filters: PersonFilters

    func run() async throws {
      var request = Vets_Registry_V1_ExportPersonsRequest()
      request.filter = filters.request()
      let handle: FileHandle
      var partial: String?
      if let file {
        guard !FileManager.default.fileExists(atPath: file) else {
          throw CLIError("\(file) already exists; choose a new file name", exitCode: Exit.usage)
        }
        let path = file + ".partial"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
          let opened = FileHandle(forWritingAtPath: path)
        else {
          throw CLIError("cannot create \(path)")
        }
        handle = opened
        partial = path
      } else {
        handle = FileHandle.standardOutput
      }
      defer { if let partial { try? FileManager.default.removeItem(atPath: partial) } }
      let daemon = Daemon(options: global)
      let bytes = try await daemon.call { client in
        try await Vets_Registry_V1_PeopleService.Client(wrapping: client).exportPersons(
          request, metadata: daemon.metadata, options: daemon.callOptions
        ) { response in
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
        throw CLIError("cannot move \(partial) to \(file): \(error.localizedDescription)")
      }
      switch global.output {
      case .json:
        let escaped = file.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        print("{\"file\":\"\(escaped)\",\"bytes\":\(bytes)}")
      case .table, .csv: Output.fields([("file", file), ("bytes", String(bytes))])
      }
    }
  }

  struct Duplicates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "duplicates",
      abstract: "List people with the same name and birth date but different resident ID numbers.")

    @OptionGroup var global: GlobalOptions
    @Option var pageSize: Int32 = 0
    @Option var pageToken = ""

    func run() async throws {
      var request = Vets_Registry_V1_ListDuplicatesRequest()
      request.page.pageSize = pageSize
      request.page.pageToken = pageToken
      let daemon = Daemon(options: global)
      let response = try await daemon.call { client in
        try await Vets_Registry_V1_PeopleService.Client(wrapping: client)
          .listDuplicates(request, metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(response)
      case .table, .csv:
        Output.table(
          ["GROUP", "NAME", "BORN", "ID", "ID NUMBER", "VILLAGE", "STATUS"],
          response.groups.enumerated().flatMap { index, group in
            group.persons.map { p in
              [String(index + 1), group.name, Dates.text(group.birthDate, present: group.hasBirthDate), p.id,
               p.data.idNumber, p.data.villageCode, EnumNames.name(p.status)]
            }
          })
        Output.nextPage(response.nextPageToken)
      }
    }
  }

  struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: "Counts of people: by town and category, by status, by age band, party members.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
      let daemon = Daemon(options: global)
      let stats = try await daemon.call { client in
        try await Vets_Registry_V1_PeopleService.Client(wrapping: client)
          .getStats(Vets_Registry_V1_GetStatsRequest(), metadata: daemon.metadata, options: daemon.callOptions)
      }
      switch global.output {
      case .json: try Output.json(stats)
      case .table, .csv:
        Output.fields([("people", String(stats.people)), ("party members", String(stats.partyMembers))])
        print("")
        Output.table(
          ["TOWN", "CATEGORY", "ACTIVE"],
          stats.byTownAndCategory.map { count in
            let parts = count.key.split(separator: " ", maxSplits: 1).map(String.init)
            return [parts.first ?? "-", parts.count > 1 ? parts[1] : "-", String(count.count)]
          })
        print("")
        Output.table(["STATUS", "PEOPLE"], stats.byStatus.map { [$0.key, String($0.count)] })
        print("")
        Output.table(["AGE", "PEOPLE"], stats.byAgeBand.map { [$0.key, String($0.count)] })
      }
    }
  }
}

/// Upload progress on stderr, rewritten in place; only on a terminal.
final class UploadProgress: Sendable {
  let total: Int64
  let enabled: Bool

  init(total: Int64, enabled: Bool) {
    self.total = total
    self.enabled = enabled
  }

  func show(_ sent: Int64) {
    guard enabled else { return }
    let percent = total > 0 ? min(100, Int(sent * 100 / total)) : 100
    // "\u{1B}[K" clears what a longer previous line left behind.
    let line = "\rsent \(UploadProgress.size(sent)) of \(UploadProgress.size(total)) (\(percent)%)\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish(_ sent: Int64) {
    guard enabled else { return }
    show(sent)
    FileHandle.standardError.write(Data(", waiting for the daemon's report\n".utf8))
  }

  static func size(_ bytes: Int64) -> String {
    if bytes < 1024 { return "\(bytes) B" }
    if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
    return String(format: "%.1f MiB", Double(bytes) / (1024 * 1024))
  }
}

/// The CLI names of the generated protobuf enums, derived from their Swift case names:
/// `Vets_Registry_V1_Category.dischargedSoldier` ↔ "discharged_soldier",
/// `.ruralVeteranOver60` ↔ "rural_veteran_over_60". No hand-written tables.
enum EnumNames {
  static func name<E: SwiftProtobuf.Enum & CaseIterable>(_ value: E) -> String {
    guard E.allCases.contains(value) else { return "unknown(\(value.rawValue))" }
    return snakeCase(String(describing: value))
  }

  /// Every name a person may type: all cases except the zero "unspecified" one.
  static func names<E: SwiftProtobuf.Enum & CaseIterable>(_ type: E.Type) -> [String] {
    E.allCases.filter { $0.rawValue != 0 }.map { name($0) }
  }

  static func value<E: SwiftProtobuf.Enum & CaseIterable>(_ text: String, as type: E.Type) -> E? {
    let wanted = squeeze(text)
    return E.allCases.first { $0.rawValue != 0 && squeeze(name($0)) == wanted }
  }

  /// Case- and separator-insensitive form, so "Discharged-Soldier" and "rural_veteran_over60" match too.
  private static func squeeze(_ text: String) -> String {
    text.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }
  }

  static func snakeCase(_ camel: String) -> String {
    var out = ""
    var previous: Character?
    for character in camel {
      if let previous, character.isUppercase || (character.isNumber && !previous.isNumber) {
        out.append("_")
      }
      out.append(contentsOf: character.lowercased())
      previous = character
    }
    return out
  }
}

/// An option whose value is one of a generated enum's names (see `EnumNames`).
struct EnumArgument<E: SwiftProtobuf.Enum & CaseIterable>: ExpressibleByArgument {
  let value: E

  init(_ value: E) { self.value = value }

  init?(argument: String) {
    guard let value = EnumNames.value(argument, as: E.self) else { return nil }
    self.value = value
  }

  static var allValueStrings: [String] { EnumNames.names(E.self) }
  var defaultValueDescription: String { EnumNames.name(value) }
}

typealias SexArgument = EnumArgument<Vets_Registry_V1_Sex>
typealias StatusArgument = EnumArgument<Vets_Registry_V1_PersonStatus>
typealias StationKindArgument = EnumArgument<Vets_Registry_V1_StationKind>

/// `--category discharged_soldier` or, for a dependant, `--category martyr_family:spouse`.
struct CategoryArgument: ExpressibleByArgument {
  let value: Vets_Registry_V1_PersonCategory

  init?(argument: String) {
    let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard let category = EnumNames.value(parts[0], as: Vets_Registry_V1_Category.self) else { return nil }
    var value = Vets_Registry_V1_PersonCategory()
    value.category = category
    if parts.count == 2 {
      guard let kinship = EnumNames.value(parts[1], as: Vets_Registry_V1_Kinship.self) else { return nil }
      value.kinship = kinship
    }
    self.value = value
  }

  static var allValueStrings: [String] { EnumNames.names(Vets_Registry_V1_Category.self) }

  static var help: String {
    "A category (repeatable); a dependant's adds the kinship after a colon "
      + "(\(EnumNames.names(Vets_Registry_V1_Kinship.self).joined(separator: ", "))), e.g. martyr_family:spouse."
  }

  /// "discharged_soldier" or "martyr_family:spouse".
  static func name(_ category: Vets_Registry_V1_PersonCategory) -> String {
    let name = EnumNames.name(category.category)
    return category.kinship == .unspecified ? name : name + ":" + EnumNames.name(category.kinship)
  }
}

enum YesNo: String, ExpressibleByArgument, CaseIterable {
  case yes, no
}

/// Calendar dates on the command line: YYYY-MM-DD, checked by VetsKit's CalendarDate.
enum Dates {
  static func parse(_ text: String, option: String) throws -> Vets_Common_V1_Date {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else {
      throw ValidationError("\(option) '\(text)' is not a date; write it as YYYY-MM-DD, e.g. 1968-03-15")
    }
    do {
      return try CalendarDate(iso: text, field: option).proto
    } catch {
      throw ValidationError("\(option) '\(text)' is not a real calendar date")
    }
  }

  /// "2025-03-05 09:30" (or with a "T"), in the bureau's time zone (UTC+8).
  static func parseTime(_ text: String, option: String) throws -> Google_Protobuf_Timestamp {
    let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
    let clock = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
    guard parts.count == 2, clock.count == 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else {
      throw ValidationError("\(option) '\(text)' is not a time; write it as 'YYYY-MM-DD HH:MM' (China time), e.g. '2025-03-05 09:30'")
    }
    let day = try CalendarDate(parse(parts[0], option: option), field: option)
    return Google_Protobuf_Timestamp(date: day.startOfLocalDay.addingTimeInterval(Double(clock[0] * 3600 + clock[1] * 60)))
  }

  /// "2025-03-05 09:30" in China time; "-" when absent.
  static func time(_ timestamp: Google_Protobuf_Timestamp) -> String {
    guard timestamp.seconds != 0 else { return "-" }
    let local = timestamp.date.addingTimeInterval(8 * 3600)
    let minutes = Int(local.timeIntervalSince1970.rounded(.down)) / 60 % (24 * 60)
    let day = CalendarDate.localDay(of: timestamp.date).iso
    return day + " " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
  }

  /// "1968-03-15"; the year alone for a masked birth date; "-" when absent.
  static func text(_ date: Vets_Common_V1_Date, present: Bool = true) -> String {
    guard present, date.year != 0 else { return "-" }
    guard date.month != 0 else { return String(date.year) }
    return (try? CalendarDate(date, field: "").iso) ?? "-"
  }
}

/// The search filters shared by `person list`/`person search` and `registry export`.
struct PersonFilters: ParsableArguments {
  @Option(help: "The name (exact, or a prefix with --prefix).") var name: String?
  @Flag(help: "Match names that start with --name.") var prefix = false
  @Option(help: "A full resident ID number, or its last 6 characters.") var idNumber: String?
  @Option(help: "A preferential treatment certificate (优待证) number.") var certificate: String?
  @Option(help: ArgumentHelp("A 9-digit town or 12-digit village code.", valueName: "code")) var division: String?
  @Option(help: ArgumentHelp("People with this category.", valueName: "category")) var category: EnumArgument<Vets_Registry_V1_Category>?
  @Option(help: "People with this status.") var status: StatusArgument?
  @Option(help: "At least this many whole years old today.") var minAge: Int32?
  @Option(help: "At most this many whole years old today.") var maxAge: Int32?
  @Option(help: "Party members (yes) or not (no).") var partyMember: YesNo?
  @Option(help: "People with this tag.") var tag: String?

  func validate() throws {
    if prefix, (name ?? "").isEmpty { throw ValidationError("--prefix needs --name") }
    if let minAge, minAge < 0 { throw ValidationError("--min-age must not be negative") }
    if let maxAge, maxAge < 0 { throw ValidationError("--max-age must not be negative") }
    if let minAge, let maxAge, minAge > maxAge { throw ValidationError("--min-age must not be larger than --max-age") }
  }

  func request() -> Vets_Registry_V1_SearchPersonsRequest {
    var request = Vets_Registry_V1_SearchPersonsRequest()
    request.name = name ?? ""
    request.namePrefix = prefix
    request.idNumber = idNumber ?? ""
    request.certificateNo = certificate ?? ""
    request.divisionCode = division ?? ""
    request.category = category?.value ?? .unspecified
    request.status = status?.value ?? .unspecified
    request.minAge = minAge ?? 0
    request.maxAge = maxAge ?? 0
    request.partyMember = partyMember?.rawValue ?? ""
    request.tag = tag ?? ""
    return request
  }
}
