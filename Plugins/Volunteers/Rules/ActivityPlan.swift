// A planned activity as a request gives it, checked: 1-20 groups, a start before its end and
// at most a week long, a town or village, and the people and households it serves.

import Foundation
import VetsAPI
import VetsKit

struct ActivityPlan: Sendable {
  var title: String
  var kind: String
  var starts: Date
  var ends: Date
  var placeCode: String
  var place: String
  var groups: Set<String>
  var people: Set<String>
  var households: Set<String>
  var headCount: Int32

  init(_ a: Vets_Volunteers_V1_Activity) throws(VetsError) {
    guard (1...20).contains(a.groupIds.count) else {
      throw .invalidArgument(field: "activity.group_ids", rule: "must name 1-20 service groups")
    }
    groups = try Set(a.groupIds.map { id throws(VetsError) in try Validate.id(id, field: "activity.group_ids") })
    title = try Validate.text(a.title, field: "activity.title", max: 100)
    kind = try Vets_Volunteers_V1_ActivityKind.terms.word(a.kind, field: "activity.kind")
    starts = try Instant.validated(a.startsAt, field: "activity.starts_at")
    ends = try Instant.validated(a.endsAt, field: "activity.ends_at")
    guard starts < ends else { throw .invalidArgument(field: "activity.ends_at", rule: "must be after starts_at") }
    guard ends.timeIntervalSince(starts) <= Double(ActivityWorkflow.maxMinutes * 60) else {
      throw .invalidArgument(field: "activity.ends_at", rule: "an activity lasts at most 7 days")
    }
    placeCode = try DivisionCode.townOrVillage(a.placeCode, field: "activity.place_code")
    place = try Validate.text(a.place, field: "activity.place", max: 200, required: false)
    let b = a.beneficiaries
    guard b.personIds.count <= 500, b.householdIds.count <= 500 else {
      throw .invalidArgument(field: "activity.beneficiaries", rule: "at most 500 people and 500 households; give the rest as head_count")
    }
    guard (0...1_000_000).contains(b.headCount) else {
      throw .invalidArgument(field: "activity.beneficiaries.head_count", rule: "must be 0-1000000")
    }
    headCount = b.headCount
    people = try Set(
      b.personIds.map { id throws(VetsError) in try Validate.id(id, field: "activity.beneficiaries.person_ids") })
    households = try Set(
      b.householdIds.map { id throws(VetsError) in try Validate.id(id, field: "activity.beneficiaries.household_ids") })
  }
}
