import Foundation
import GRDB
import GRPCCore
import VetsAPI
import VetsKit

/// Reading appeals: one, a filtered list, the overdue list, the person's timeline, the report.
extension AppealService {
  var today: CalendarDate { CalendarDate.today(database.clock) }

  /// Loads an appeal the caller's scope covers.
  private func load(_ db: Database, id: String, caller: Caller) throws -> AppealRecord {
    let record = try AppealRecord.fetch(db, id: id)
    try caller.mustCover(record.villageCode, "appeal \(id)")
    return record
  }

  func getAppeal(request: Vets_Appeals_V1_GetAppealRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Appeal {
    let id = try Validate.id(request.id, field: "id")
    let caller = self.caller
    let (today, relief) = (self.today, self.relief)
    let appeal = try await database.read { db in
      let record = try load(db, id: id, caller: caller)
      let status = try record.reliefCaseID.flatMap { try relief?.caseStatus(db, id: $0) }
      return try record.proto(db, today: today, reliefStatus: status)
    }
    try await database.recordRead(targets: ["appeal:\(id)", "person:\(appeal.personID)"])
    return appeal
  }

  func listAppeals(request: Vets_Appeals_V1_ListAppealsRequest, context: ServerContext) async throws
    -> Vets_Appeals_V1_ListAppealsResponse
  {
    let page = try Page(request.page)
    let after = try page.after(String.self) ?? ""
    let filter = AppealRecord.Filter(
      state: try Vets_Appeals_V1_AppealState.terms.filter(request.state, unspecified: .unspecified, field: "state"),
      category: try Vets_Appeals_V1_Category.terms.filter(request.category, unspecified: .unspecified, field: "category"),
      station: request.stationID.isEmpty ? nil : try Validate.id(request.stationID, field: "station_id"),
      person: request.personID.isEmpty ? nil : try Validate.id(request.personID, field: "person_id"),
      scope: caller.scope)
    let today = self.today
    let appeals = try await database.read { db in
      try AppealRecord.list(db, filter, after: after, limit: page.size).map { try $0.proto(db, today: today, timeline: false) }
    }
    var response = Vets_Appeals_V1_ListAppealsResponse()
    response.appeals = appeals
    response.nextPageToken = page.nextToken(last: appeals.last?.id, count: appeals.count)
    response.names = try await names(appeals)
    return response
  }

  func listOverdue(request: Vets_Appeals_V1_ListOverdueRequest, context: ServerContext) async throws
    -> Vets_Appeals_V1_ListAppealsResponse
  {
    let page = try Page(request.page)
    let after = try page.after(columns: 2)
    let scope = caller.scope
    let today = self.today
    let records = try await database.read { db in
      try AppealRecord.overdue(db, today: today, scope: scope, after: (after[0], after[1]), limit: page.size).map { row in
        (key: row.key, appeal: try row.record.proto(db, today: today, timeline: false))
      }
    }
    var response = Vets_Appeals_V1_ListAppealsResponse()
    response.appeals = records.map(\.appeal)
    response.nextPageToken = page.nextToken(last: records.last?.key, count: records.count)
    response.names = try await names(response.appeals)
    return response
  }

  /// The names of a page's people, stations and villages, for people to read beside the ids.
  private func names(_ appeals: [Vets_Appeals_V1_Appeal]) async throws -> [String: String] {
    try await directory.names(of: Set(appeals.flatMap { [$0.personID, $0.stationID, $0.villageCode] }.filter { !$0.isEmpty }))
  }

  func getTimeline(request: Vets_Appeals_V1_GetTimelineRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Timeline {
    let id = try Validate.id(request.appealID, field: "appeal_id")
    let caller = self.caller
    let timeline = try await database.read { db in
      let record = try load(db, id: id, caller: caller)
      var t = Vets_Appeals_V1_Timeline()
      t.appealID = record.id
      t.summary = record.summary
      t.receivedOn = record.receivedOn.proto
      t.dueOn = record.dueOn.proto
      t.state = record.state
      t.events = try record.events(db, visibleOnly: true)
      t.personID = record.personID
      t.stationID = record.stationID
      t.outcome = record.outcome
      t.measures = record.measures
      t.workingDays = Int32(record.deadline.allowance)
      return t
    }
    var answer = timeline
    answer.names = try await directory.names(of: [timeline.personID, timeline.stationID])
    try await database.recordRead(targets: ["appeal:\(id)", "person:\(timeline.personID)"])
    return answer
  }

  func getReport(request: Vets_Appeals_V1_GetReportRequest, context: ServerContext) async throws -> Vets_Appeals_V1_Report {
    let year = try Validate.reportYear(request.year)
    let today = self.today
    let scope = caller.scope
    return try await database.read { db in try AppealReport.compute(db, year: year, today: today, scope: scope) }
  }
}
