import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

/// The words vetsctl prints and takes for an enum: one VetsKit `Terms` table per enum. Most are
/// the generated enums' case names in snake_case (`NamedEnum`); the few the CLI has always
/// spelt otherwise ("in-review", "reserved", "not confirmed") give their table by hand.
protocol Worded: Equatable, Sendable {
  static var words: Terms<Self> { get }
  /// Whether typing forgives case and separators ("Discharged-Soldier" for discharged_soldier).
  static var forgiving: Bool { get }
  /// What is printed for a value the table does not hold.
  static var unknown: String { get }
  /// Values the table prints but a person may not type.
  static var untyped: [Self] { get }
  static func name(_ value: Self) -> String
}

/// The word printed for an enum value.
func word<E: Worded>(_ value: E) -> String { E.name(value) }

extension Worded {
  static var forgiving: Bool { false }
  static var unknown: String { "unknown" }
  static var untyped: [Self] { [] }
  static var typeable: [String] { words.terms.filter { !untyped.contains($0.value) }.map(\.word) }

  static func name(_ value: Self) -> String { words.word(of: value) ?? unknown }

  static func value(typed text: String) -> Self? {
    let wanted = forgiving ? squeeze(text) : text
    return words.terms.first { (forgiving ? squeeze($0.word) : $0.word) == wanted && !untyped.contains($0.value) }?.value
  }

  private static func squeeze(_ text: String) -> String {
    text.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }
  }
}

/// A generated enum named by its Swift case names: `.dischargedSoldier` ↔ "discharged_soldier",
/// `.ruralVeteranOver60` ↔ "rural_veteran_over_60". The zero "unspecified" case is not typed.
protocol NamedEnum: Worded, SwiftProtobuf.Enum, CaseIterable {}

extension NamedEnum {
  static var words: Terms<Self> {
    Terms(allCases.filter { $0.rawValue != 0 }.map { ($0, snakeCase(String(describing: $0))) })
  }

  static var forgiving: Bool { true }

  static func name(_ value: Self) -> String {
    guard allCases.contains(value) else { return "unknown(\(value.rawValue))" }
    return snakeCase(String(describing: value))
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

/// "-" for an empty field in a table.
func dash(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).isEmpty ? "-" : text }

extension Vets_Registry_V1_Sex: NamedEnum {}
extension Vets_Registry_V1_PersonStatus: NamedEnum {}
extension Vets_Registry_V1_StationKind: NamedEnum {}
extension Vets_Registry_V1_Category: NamedEnum {}
extension Vets_Registry_V1_Kinship: NamedEnum {}
extension Vets_Daemon_V1_Role: NamedEnum {}
extension Vets_Volunteers_V1_OrganisationType: NamedEnum {}
extension Vets_Volunteers_V1_Direction: NamedEnum {}
extension Vets_Volunteers_V1_ActivityKind: NamedEnum {}
extension Vets_Volunteers_V1_ActivityStatus: NamedEnum {}
extension Vets_Volunteers_V1_HoursStatus: NamedEnum {}
extension Vets_Volunteers_V1_DonationKind: NamedEnum {}
extension Vets_Appeals_V1_Channel: NamedEnum {}
extension Vets_Appeals_V1_Category: NamedEnum {}
extension Vets_Appeals_V1_AppealState: NamedEnum {}
extension Vets_Appeals_V1_TaskState: NamedEnum {}
extension Vets_Appeals_V1_Satisfaction: NamedEnum {}
extension Vets_Appeals_V1_Department: NamedEnum {}
