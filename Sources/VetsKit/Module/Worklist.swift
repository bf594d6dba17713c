// The worklist's extension point: each module lists what is due for a caller, through
// `VetsModule.worklist(_:)`, and the daemon's WorkService gathers them for `vetsctl today`.

public import VetsAPI

/// Whose worklist, for which day.
public struct WorkRequest: Sendable {
  public var caller: Caller
  public var today: CalendarDate
  /// Appeals due within this many working days are "due soon".
  public var dueWithinWorkingDays: Int
  /// Dated work due within this many calendar days is listed (follow-ups, roster reviews).
  public var lookAheadDays: Int

  public init(caller: Caller, today: CalendarDate, dueWithinWorkingDays: Int, lookAheadDays: Int = 7) {
    self.caller = caller
    self.today = today
    self.dueWithinWorkingDays = dueWithinWorkingDays
    self.lookAheadDays = lookAheadDays
  }
}

extension Vets_Daemon_V1_WorkItem {
  public init(module: String, kind: String, label: String, record: String, division: String, summary: String) {
    self.init()
    self.module = module
    self.kind = kind
    self.label = label
    self.recordID = record
    self.divisionCode = division
    self.summary = summary
  }

  /// Sets the due day, and whether it has passed.
  public mutating func due(_ day: CalendarDate, today: CalendarDate) {
    dueOn = day.proto
    overdue = day < today
  }
}
