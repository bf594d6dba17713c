import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// Activities: planning, completing, cancelling and reading them (hours and money raised are
/// in VolunteerService+Hours.swift).
extension VolunteerService {
  func planActivity(request: Vets_Volunteers_V1_PlanActivityRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Activity {
    let plan = try ActivityPlan(request.activity)
    try caller.mustCover(plan.placeCode, "an activity")
    for household in plan.households.sorted() where try await directory.household(id: household) == nil {
      throw VetsError.notFound("no registry household with id \(quoted: household) (activity.beneficiaries.household_ids)")
    }
    let directory = self.directory
    return try await database.mutate(requestID: request.requestID, request: request) { db, _ in
      let planned = try ActivityStore.plan(db, plan, directory: directory)
      return Mutation(planned, targets: ["activity:\(planned.id)"])
    }
  }

  func completeActivity(request: Vets_Volunteers_V1_ActivityTransitionRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Activity
  {
    let id = try Validate.id(request.activityID, field: "activity_id")
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      Mutation(try ActivityStore.complete(db, id: id, call: call), targets: ["activity:\(id)"])
    }
  }

  func cancelActivity(request: Vets_Volunteers_V1_ActivityTransitionRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_Activity
  {
    let id = try Validate.id(request.activityID, field: "activity_id")
    let reason = try Validate.text(request.reason, field: "reason", max: 500)
    return try await database.mutate(requestID: request.requestID, request: request) { db, call in
      Mutation(try ActivityStore.cancel(db, id: id, reason: reason, call: call), targets: ["activity:\(id)"])
    }
  }

  func listActivities(request: Vets_Volunteers_V1_ListActivitiesRequest, context: ServerContext) async throws
    -> Vets_Volunteers_V1_ListActivitiesResponse
  {
    let page = try Page(request.page)
    // Newest first; the page token carries the last row's start and id ("~" sorts after both).
    let after = page.after == nil ? ["~", "~"] : try page.after(columns: 2)
    let filter = ActivityStore.Filter(
      from: try CalendarDate.optional(request.fromDate, field: "from_date")?.iso ?? "",
      to: try CalendarDate.optional(request.to, field: "to")?.iso ?? "9999",
      status: try ActivityStatus.terms.filter(request.status, unspecified: .unspecified, field: "status"),
      group: request.groupID.isEmpty ? nil : try Validate.id(request.groupID, field: "group_id"),
      scope: caller.scope)
    guard filter.from <= filter.to else { throw VetsError.invalidArgument(field: "to", rule: "must not be before from") }
    let rows = try await database.read { db in try ActivityStore.list(db, filter, after: (after[0], after[1]), limit: page.size) }
    var response = Vets_Volunteers_V1_ListActivitiesResponse()
    response.activities = rows.map(\.activity)
    response.nextPageToken = page.nextToken(last: rows.last?.key, count: rows.count)
    return response
  }

  func getActivity(request: Vets_Volunteers_V1_GetActivityRequest, context: ServerContext) async throws -> Vets_Volunteers_V1_Activity {
    let id = try Validate.id(request.id, field: "id")
    let caller = self.caller
    return try await database.read { db in try ActivityStore.get(db, id: id, caller: caller) }
  }
}
