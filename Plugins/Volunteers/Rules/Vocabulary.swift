// The words the module stores for its enums (`Terms`).

import VetsAPI
import VetsKit

enum Vocabulary {
  static let organisationTypes = Terms<Vets_Volunteers_V1_OrganisationType>([
    (.association, "association"), (.social, "social"), (.enterpriseUnit, "enterprise_unit"), (.governmentUnit, "government_unit"),
  ])
  static let statuses = Terms<Vets_Volunteers_V1_RecordStatus>([(.active, "active"), (.inactive, "inactive")])
  static let directions = Terms<Vets_Volunteers_V1_Direction>([(.supportMilitary, "support_military"), (.supportPeople, "support_people")])
  static let activityKinds = Terms<Vets_Volunteers_V1_ActivityKind>([
    (.visit, "visit"), (.housekeeping, "housekeeping"), (.performance, "performance"), (.medical, "medical"),
    (.policyTalk, "policy_talk"), (.fundraising, "fundraising"), (.other, "other"),
  ])
  static let donationKinds = Terms<Vets_Volunteers_V1_DonationKind>([(.money, "money"), (.goods, "goods")])
}
