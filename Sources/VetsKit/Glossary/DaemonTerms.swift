// The words for the people who sign in (GLOSSARY.md, Roles).

public import VetsAPI

extension Vets_Daemon_V1_Role: Glossed {
  public static let terms = Terms<Self>([
    (.admin, "admin", "系统管理员"), (.clerk, "clerk", "经办人"), (.approver, "approver", "审批人"), (.auditor, "auditor", "审计员"),
    (.enterprise, "enterprise", "拥军企业"), (.coordinator, "coordinator", "志愿服务协调员"), (.system, "system", "外部系统"),
  ])
}
