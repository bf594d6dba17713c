import ArgumentParser
import Foundation
import GRPCCore
import SwiftProtobuf
import VetsAPI
import VetsKit

#if canImport(Glibc)
  import Glibc
#endif

/// Helpers every command tree uses: upload progress, enum and category arguments, dates,
/// and the person filters.

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
