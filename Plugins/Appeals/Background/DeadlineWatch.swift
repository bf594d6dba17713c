// The deadline watch: while the daemon runs, it ends holds whose last day has passed, moves
// due dates when the operator's working calendar changes, and counts the overdue appeals,
// which `vetsctl modules` shows as the health of this background work.

import Foundation
import GRDB
import Logging
import ServiceLifecycle
import SwiftProtobuf
import Synchronization
import VetsAPI
import VetsKit

final class DeadlineWatch: Service, Sendable {
  static let name = "deadlines"

  let database: VetsDatabase
  let settings: ModuleSettings<AppealsConfig>
  let calendar: CalendarFile
  let health: BackgroundHealth
  let logger: Logger
  /// The calendar the stored due dates were last computed with.
  private let applied = Mutex<WorkingCalendar?>(nil)

  init(database: VetsDatabase, settings: ModuleSettings<AppealsConfig>, calendar: CalendarFile, health: BackgroundHealth, logger: Logger) {
    self.database = database
    self.settings = settings
    self.calendar = calendar
    self.health = health
    self.logger = logger
  }

  /// How often the calendar file is looked at between checks: an edit, good or broken, is
  /// acted on and reported within this many seconds, not at the next check.
  static let calendarPollSeconds = 2

  /// The coverage warning last logged, so that it is logged when it changes, not every pass.
  private let warned = Mutex<String?>(nil)

  /// Checks at start and then every `check_every_seconds` until the daemon shuts down, and at
  /// once when the calendar file changes.
  func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        await self.check()
        var waited = 0
        // Cancelled by a graceful shutdown: the loop ends, which is a clean exit.
        while !Task.isCancelled, waited < Int(self.settings.current.checkEverySeconds) {
          let step = min(Self.calendarPollSeconds, Int(self.settings.current.checkEverySeconds) - waited)
          try? await Task.sleep(for: .seconds(step))
          waited += step
          if self.calendar.changed() { break }
        }
      }
    }
  }

  /// What is wrong with the calendar's coverage today, in a sentence that says what to do.
  func coverageWarning(today: CalendarDate) -> String? {
    guard let path = calendar.path else {
      return "no working calendar is configured, so deadlines skip weekends only; set [modules.appeals] calendar_file"
    }
    let missing = calendar.current.missingYears(today: today)
    guard !missing.isEmpty else { return nil }
    let years = missing.map(String.init).joined(separator: " and ")
    return "the working calendar \(path) lists no dates for \(years), so deadlines there skip weekends only; "
      + "add the State Council's holiday notice for \(years) to it"
  }

  /// One pass. Failures are reported, not thrown: the next pass tries again.
  func check() async {
    let now = database.clock.now()
    do {
      let ended = try await endHolds(today: CalendarDate.localDay(of: now))
      try await refreshDueDates()
      let overdue = try await overdueCount(today: CalendarDate.localDay(of: now))
      let problem = calendar.problem
      var detail = "\(overdue) appeal\(overdue == 1 ? "" : "s") overdue"
      if ended > 0 { detail += "; \(ended) hold\(ended == 1 ? "" : "s") ended" }
      if let problem { detail += "; calendar file refused: \(problem)" }
      let coverage = coverageWarning(today: CalendarDate.localDay(of: now))
      if let coverage { detail += "; warning: \(coverage)" }
      if warned.withLock({ last in defer { last = coverage }; return last != coverage }), let coverage {
        logger.warning("working calendar incomplete", metadata: ["warning": "\(coverage)"])
      }
      health.report(Self.name, ok: problem == nil, detail: detail, attention: overdue, at: now)
      logger.info("appeals deadline check", metadata: ["overdue": "\(overdue)", "holds_ended": "\(ended)"])
    } catch {
      health.report(Self.name, ok: false, detail: "check failed: \(error)", at: now)
      logger.error("appeals deadline check failed", metadata: ["error": "\(error)"])
    }
  }

  /// Resumes each appeal whose hold's last day has passed, as of the day after it.
  private func endHolds(today: CalendarDate) async throws -> Int {
    let due = try await database.read { db in try AppealRecord.endedHolds(db, today: today) }
    let calendar = self.calendar.current
    for hold in due {
      var request = Vets_Appeals_V1_ResumeAppealRequest()
      request.appealID = hold.id
      let context = CallContext(caller: .daemon, method: "vets.appeals.v1.AppealService/ResumeAppeal")
      _ = try await CallContext.$current.withValue(context) {
        try await database.mutate(requestID: "hold-ended-\(hold.id)-\(hold.seq)", request: request) { db, call in
          var record = try AppealRecord.fetch(db, id: hold.id)
          // Resumed by a clerk since it was read: nothing left to end.
          guard record.deadline.hold?.seq == hold.seq else { return Mutation(Google_Protobuf_Empty(), targets: []) }
          let resumeOn = try CalendarDate(iso: hold.until, field: "until_on").adding(days: 1)
          let paused = try record.endHold(db, resumingOn: resumeOn, calendar: calendar)
          record.dueOn = record.deadline.due(calendar)
          try record.save(db)
          try record.event(
            db, "resumed", call.caller, at: Instant.text(call.now),
            detail: TimelineText.holdEnded(until: resumeOn.adding(days: -1), pausedWorkingDays: paused, due: record.dueOn), visible: true)
          return Mutation(Google_Protobuf_Empty(), targets: ["appeal:\(hold.id)"])
        }
      }
    }
    return due.count
  }

  /// Recomputes the stored due dates of running and held appeals when the calendar changed.
  private func refreshDueDates() async throws {
    let calendar = self.calendar.current
    guard applied.withLock({ $0 != calendar }) else { return }
    let moved = try await database.read { db in
      try AppealRecord.unfinishedIDs(db).filter { id in
        let record = try AppealRecord.fetch(db, id: id)
        return record.deadline.due(calendar) != record.dueOn
      }
    }
    if !moved.isEmpty {
      let clock = database.clock
      let context = CallContext(caller: .daemon, method: "vetsd/appeals-calendar")
      _ = try await CallContext.$current.withValue(context) {
        try await database.mutate(requestID: "calendar-\(Instant.text(clock.now()))", request: Google_Protobuf_Empty()) { db, call in
          for id in moved {
            var record = try AppealRecord.fetch(db, id: id)
            record.dueOn = record.deadline.due(calendar)
            try record.save(db)
          }
          return Mutation(Google_Protobuf_Empty(), targets: moved.map { "appeal:\($0)" })
        }
      }
      logger.notice("appeals due dates moved by a calendar change", metadata: ["appeals": "\(moved.count)"])
    }
    applied.withLock { $0 = calendar }
  }

  private func overdueCount(today: CalendarDate) async throws -> Int {
    try await database.read { db in try AppealRecord.overdueCount(db, today: today) }
  }
}
