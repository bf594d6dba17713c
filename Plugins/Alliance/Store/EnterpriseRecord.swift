// An army-supporting enterprise as stored, and its shape on the wire.

import GRDB
import VetsAPI
import VetsKit

struct EnterpriseRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "alliance_enterprises"

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case id, name, category, address, contact, status
    case creditCode = "credit_code"
    case townCode = "town_code"
    case joinedOn = "joined_on"
    case overrideReason = "override_reason"
  }

  var id: String
  var name: String
  var creditCode: String
  /// A `Vets_Alliance_V1_EnterpriseCategory.terms` word.
  var category: String
  var townCode: String
  var address: String
  var contact: String
  /// ISO day.
  var joinedOn: String
  /// A `Vets_Alliance_V1_EnterpriseStatus.terms` word.
  var status: String
  /// Why an admin accepted a credit code whose check character fails; empty otherwise.
  var overrideReason: String

  /// The enterprise, or NOT_FOUND.
  static func find(_ db: Database, id: String) throws -> EnterpriseRecord {
    guard let record = try fetchOne(db, key: id) else { throw VetsError.notFound("no enterprise with id \(quoted: id)") }
    return record
  }

  static func exists(_ db: Database, id: String) throws -> Bool {
    try exists(db, key: id)
  }

  /// The enterprise that already holds a credit code, if one does.
  static func holder(_ db: Database, creditCode: String) throws -> String? {
    try String.fetchOne(db, filter(CodingKeys.creditCode == creditCode).select(CodingKeys.id))
  }

  /// The town an enterprise is in, which decides who manages it and its offers.
  static func town(_ db: Database, id: String) throws -> String {
    guard let town = try String.fetchOne(db, filter(key: id).select(CodingKeys.townCode)) else {
      throw VetsError.notFound("no enterprise with id \(quoted: id)")
    }
    return town
  }

  /// A page of enterprises in id order, optionally of one category or town.
  static func list(_ db: Database, after: String, category: String?, town: String?, limit: Int) throws -> [EnterpriseRecord] {
    try fetchAll(
      db,
      sql: "SELECT * FROM alliance_enterprises WHERE id > ? AND (? IS NULL OR category = ?) AND (? IS NULL OR town_code = ?) ORDER BY id LIMIT ?",
      arguments: [after, category, category, town, town, limit])
  }

  var proto: Vets_Alliance_V1_Enterprise {
    var e = Vets_Alliance_V1_Enterprise()
    e.id = id
    e.name = name
    e.creditCode = creditCode
    e.category = Vets_Alliance_V1_EnterpriseCategory.terms.value(category) ?? .unspecified
    e.townCode = townCode
    e.address = address
    e.contact = contact
    e.joinedOn = (try? CalendarDate(iso: joinedOn, field: "").proto) ?? .init()
    e.status = Vets_Alliance_V1_EnterpriseStatus.terms.value(status) ?? .unspecified
    e.creditCodeOverrideReason = overrideReason
    return e
  }
}
