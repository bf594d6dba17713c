import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// The worklist: every running module's work due for the caller, in one list with counts
/// per village and the names to show beside the ids.
struct WorkService: Vets_Daemon_V1_WorkService.SimpleServiceProtocol {
  static let rules: AccessRules = [
    "Today": .read(.admin, .clerk, .approver, .coordinator, .auditor)
  ]

  let modules: [any VetsModule]
  let interfaces: ModuleInterfaces
  let clock: any WallClock

  var registration: ServiceRegistration {
    ServiceRegistration(self, descriptor: Vets_Daemon_V1_WorkService.descriptor, rules: Self.rules)
  }

  func today(request: Vets_Daemon_V1_TodayRequest, context: ServerContext) async throws -> Vets_Daemon_V1_Worklist {
    guard (0...30).contains(request.dueWithinWorkingDays) else {
      throw VetsError.invalidArgument(field: "due_within_working_days", rule: "must be between 0 and 30 (0 for 3)")
    }
    let today = CalendarDate.today(clock)
    let work = WorkRequest(
      caller: CallContext.now.caller, today: today,
      dueWithinWorkingDays: request.dueWithinWorkingDays == 0 ? 3 : Int(request.dueWithinWorkingDays))
    var items: [Vets_Daemon_V1_WorkItem] = []
    for module in modules { items += try await module.worklist(work) }
    // Overdue first, then by due date (undated last), then by record for a stable order.
    items.sort { a, b in
      if a.overdue != b.overdue { return a.overdue }
      if a.hasDueOn != b.hasDueOn { return a.hasDueOn }
      let (x, y) = (a.dueOn, b.dueOn)
      if (x.year, x.month, x.day) != (y.year, y.month, y.day) { return (x.year, x.month, x.day) < (y.year, y.month, y.day) }
      return a.recordID < b.recordID
    }
    var list = Vets_Daemon_V1_Worklist()
    list.today = today.proto
    list.items = items
    var counts: [String: [String: Int32]] = [:]
    for item in items { counts[item.divisionCode, default: [:]][item.kind, default: 0] += 1 }
    list.counts = counts.keys.sorted().flatMap { division in
      counts[division]!.keys.sorted().map { kind in
        var c = Vets_Daemon_V1_WorkCount()
        (c.divisionCode, c.kind, c.count) = (division, kind, counts[division]![kind]!)
        return c
      }
    }
    if let directory = interfaces.get((any PersonDirectory).self) {
      let ids = items.flatMap { [$0.personID, $0.householdID, $0.divisionCode] }.filter { !$0.isEmpty }
      list.names = try await directory.names(of: Set(ids))
    }
    return list
  }
}
