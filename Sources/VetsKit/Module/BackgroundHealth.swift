public import Foundation
import SwiftProtobuf
import Synchronization
public import VetsAPI

/// How a module's background work went at its last run, shown by `vetsctl modules`. Each
/// module gets its own; each piece of work reports under its name.
public final class BackgroundHealth: Sendable {
  private let reports = Mutex<[String: Vets_Daemon_V1_BackgroundWork]>([:])

  public init() {}

  /// Records a run. `attention` counts what needs a person (e.g. overdue appeals).
  public func report(_ name: String, ok: Bool, detail: String, attention: Int = 0, at: Date) {
    var work = Vets_Daemon_V1_BackgroundWork()
    work.name = name
    work.ok = ok
    work.detail = detail
    work.attention = Int32(clamping: attention)
    work.lastRun = .init(date: at)
    reports.withLock { $0[name] = work }
  }

  /// Every report, by name.
  public var current: [Vets_Daemon_V1_BackgroundWork] {
    reports.withLock { $0.values.sorted { $0.name < $1.name } }
  }
}
