public import GRDB

extension Scope {
  /// The one SQL condition that keeps a query inside this scope, as " AND ..." with its
  /// arguments. `townColumn` names an indexed 9-digit town column when the table has one;
  /// otherwise the town is the first 9 digits of `villageColumn`.
  public func sqlFilter(villageColumn: String = "village_code", townColumn: String? = nil) -> (sql: String, arguments: StatementArguments) {
    switch self {
    case .county: ("", [])
    case .town(let code): (townColumn.map { " AND \($0) = ?" } ?? " AND substr(\(villageColumn), 1, 9) = ?", [code])
    case .village(let code): (" AND \(villageColumn) = ?", [code])
    case .enterprise: (" AND 0", [])
    }
  }
}
