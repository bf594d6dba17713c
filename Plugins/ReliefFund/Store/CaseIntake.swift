import GRDB
import VetsAPI
import VetsKit

/// `ReliefCaseIntake` for the appeals module: a hardship appeal opens a case here.
struct CaseIntake: ReliefCaseIntake {
  func openCase(_ db: Database, call: WriteCall, household: DirectoryHousehold, appealID: String, reportedBy: String) throws -> String {
    // A case another module opens must be one its caller can then read (issue 16, item 11).
    try call.caller.mustCover(household.villageCode, "household \(household.id)")
    return try CaseRecord.open(db, household: household, source: .appeal, reportedBy: reportedBy, call: call, appealID: appealID).id
  }

  func caseStatus(_ db: Database, id: String) throws -> String? {
    try CaseRecord.status(db, id: id)
  }
}
