// Which status changes the registry allows: a death is recorded once, with MarkDeceased, and
// not before the birth; undoing one is a correction, with a reason.

import VetsAPI
import VetsKit

enum PersonStatusChange {
  /// The statuses SetPersonStatus may set.
  static func checkSettable(_ status: Vets_Registry_V1_PersonStatus) throws(VetsError) {
    guard [.active, .movedOut, .exited].contains(status) else {
      throw .invalidArgument(field: "status", rule: "must be active, moved_out or exited (deaths are recorded with MarkDeceased)")
    }
  }

  static func checkDeath(
    person id: String, status: Vets_Registry_V1_PersonStatus, birthDate: Vets_Common_V1_Date, diedOn: CalendarDate
  ) throws(VetsError) {
    guard status != .deceased else { throw .failedPrecondition("person \(id) is already recorded as deceased") }
    guard let birth = try? CalendarDate(birthDate, field: "birth_date"), diedOn >= birth else {
      throw .invalidArgument(field: "died_on", rule: "must not be before the birth date")
    }
  }

  /// The reason the history records for a change from `current` to `new` (nil for none).
  static func reason(
    person id: String, from current: Vets_Registry_V1_PersonStatus, to new: Vets_Registry_V1_PersonStatus, correction: Bool,
    reason: String
  ) throws(VetsError) -> String? {
    if current == .deceased, !correction {
      throw .failedPrecondition("person \(id) is recorded as deceased; changing that is a correction: set correction and give a reason")
    }
    guard current != new else {
      throw .failedPrecondition("person \(id) is already \(Vets_Registry_V1_PersonStatus.terms.word(of: current) ?? "")")
    }
    return current == .deceased ? "correction: \(reason)" : (reason.isEmpty ? nil : reason)
  }
}
