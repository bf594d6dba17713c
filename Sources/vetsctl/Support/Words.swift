import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The words vetsctl prints and takes for an enum. An enum of the wire has its glossary table
/// (VetsKit's `Glossary`): its codes are printed, and the code, the Chinese label or a synonym
/// may be typed. The few the CLI has always printed otherwise ("in-review", "reserved", "not
/// confirmed") give their own `words` and still take the glossary's words when typed.
protocol Worded: Equatable, Sendable {
  static var words: Terms<Self> { get }
  /// The glossary's table, when the enum has one.
  static var glossary: Terms<Self>? { get }
  /// What is printed for a value the table does not hold.
  static var unknown: String { get }
  /// Values the table prints but a person may not type.
  static var untyped: [Self] { get }
}

/// The word printed for an enum value: the glossary's Chinese label, or with `--lang en` the
/// code (or the CLI's own word).
func word<E: Worded>(_ value: E) -> String {
  if Language.isChinese, let label = E.glossary?.label(of: value) { return label }
  return E.name(value)
}

extension Worded {
  static var glossary: Terms<Self>? { nil }
  static var unknown: String { "unknown" }
  static var untyped: [Self] { [] }
  static var typeable: [String] { words.terms.filter { !untyped.contains($0.value) }.map(\.word) }

  static func name(_ value: Self) -> String { words.word(of: value) ?? unknown }

  static func value(typed text: String) -> Self? {
    guard let value = words.value(typed: text) ?? glossary?.value(typed: text), !untyped.contains(value) else { return nil }
    return value
  }
}

extension Worded where Self: Glossed {
  static var words: Terms<Self> { terms }
  static var glossary: Terms<Self>? { terms }
}

/// An option whose value is one of an enum's words.
struct Word<E: Worded>: ExpressibleByArgument {
  let value: E

  init(_ value: E) { self.value = value }

  init?(argument: String) {
    guard let value = E.value(typed: argument) else { return nil }
    self.value = value
  }

  static var allValueStrings: [String] { E.typeable }
  var defaultValueDescription: String { E.name(value) }
}

enum YesNo: String, ExpressibleByArgument, CaseIterable {
  case yes, no
}

/// An id or code with the name the daemon gave for it ("王建国 per_…", "中都街道东关村
/// 370830001001"), so that a clerk reads the name and can still copy the id.
/// A code that is text on the wire (a timeline's event): its glossary label, or with `--lang en`
/// the code itself.
func word(code: String, in terms: Terms<String>) -> String {
  Language.isChinese ? terms.label(ofWord: code) : code
}

func named(_ id: String, _ names: [String: String]) -> String {
  guard !id.isEmpty else { return "-" }
  guard let name = names[id], !name.isEmpty else { return id }
  return name + " " + id
}

/// "-" for an empty field in a table.
func dash(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).isEmpty ? "-" : text }

extension Vets_Registry_V1_Sex: Worded {}
extension Vets_Registry_V1_PersonStatus: Worded {}
extension Vets_Registry_V1_StationKind: Worded {}
extension Vets_Registry_V1_Category: Worded {}
extension Vets_Registry_V1_Kinship: Worded {}
extension Vets_Daemon_V1_Role: Worded {}
extension Vets_Volunteers_V1_OrganisationType: Worded {}
extension Vets_Volunteers_V1_Direction: Worded {}
extension Vets_Volunteers_V1_ActivityKind: Worded {}
extension Vets_Volunteers_V1_ActivityStatus: Worded {}
extension Vets_Volunteers_V1_HoursStatus: Worded {}
extension Vets_Volunteers_V1_DonationKind: Worded {}
extension Vets_Appeals_V1_Channel: Worded {}
extension Vets_Appeals_V1_Category: Worded {}
extension Vets_Appeals_V1_AppealState: Worded {}
extension Vets_Appeals_V1_TaskState: Worded {}
extension Vets_Appeals_V1_Satisfaction: Worded {}
extension Vets_Appeals_V1_Department: Worded {}
