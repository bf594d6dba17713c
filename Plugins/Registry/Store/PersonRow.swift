// A person as stored in registry_people, and its shape on the wire.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

struct PersonRow {
  var id: String
  var data: Vets_Registry_V1_PersonInput
  var townCode: String
  var status: Vets_Registry_V1_PersonStatus
  var diedOn: String?
  var householdID: String?
  var relationToHead: String
  var version: Int64
  var createdAt: String
  var updatedAt: String
}

extension PersonRow: FetchableRecord, PersistableRecord {
  static let databaseTableName = "registry_people"

  /// A stored row, as `encode(to:)` wrote it.
  init(row: Row) {
    var data = Vets_Registry_V1_PersonInput()
    data.idNumber = row["id_number"]
    data.name = row["name"]
    data.sex = Vets_Registry_V1_Sex.terms.value(row["sex"]) ?? .female
    if let date = try? CalendarDate(iso: row["birth_date"], field: "birth_date") { data.birthDate = date.proto }
    data.phone = row["phone"]
    data.categories = (row["categories"] as String).split(separator: ";").compactMap { CategoryEntry(text: String($0))?.proto }
    data.villageCode = row["village_code"]
    data.address = row["address"]
    if let text: String = row["enlisted_on"], let date = try? CalendarDate(iso: text, field: "enlisted_on") {
      data.enlistedOn = date.proto
    }
    if let text: String = row["discharged_on"], let date = try? CalendarDate(iso: text, field: "discharged_on") {
      data.dischargedOn = date.proto
    }
    data.branch = row["branch"]
    data.partyMember = row["party_member"]
    data.certificateNo = row["certificate_no"] ?? ""
    data.tags = (row["tags"] as String).split(separator: ";").map(String.init)
    data.notes = row["notes"]
    self.init(
      id: row["id"], data: data, townCode: row["town_code"], status: Vets_Registry_V1_PersonStatus.terms.value(row["status"]) ?? .unspecified,
      diedOn: row["died_on"], householdID: row["household_id"], relationToHead: row["relation_to_head"], version: row["version"],
      createdAt: row["created_at"], updatedAt: row["updated_at"])
  }

  /// The columns by name, the mapping `init(row:)` reads back. The lists (categories, tags)
  /// are also kept one a row in the link tables, which `PersonStore.writeLinks` fills.
  func encode(to container: inout PersistenceContainer) {
    container["id"] = id
    container["id_number"] = data.idNumber
    container["id_last6"] = String(data.idNumber.suffix(6))
    container["name"] = data.name
    container["sex"] = data.text("sex")
    container["birth_date"] = data.text("birth_date")
    container["phone"] = data.phone
    container["categories"] = data.text("categories")
    container["village_code"] = data.villageCode
    container["town_code"] = townCode
    container["address"] = data.address
    container["enlisted_on"] = data.hasEnlistedOn ? data.text("enlisted_on") : nil
    container["discharged_on"] = data.hasDischargedOn ? data.text("discharged_on") : nil
    container["branch"] = data.branch
    container["party_member"] = data.partyMember
    container["certificate_no"] = data.certificateNo.isEmpty ? nil : data.certificateNo
    container["tags"] = data.text("tags")
    container["notes"] = data.notes
    container["status"] = Vets_Registry_V1_PersonStatus.terms.word(of: status)
    container["died_on"] = diedOn
    container["household_id"] = householdID
    container["relation_to_head"] = relationToHead
    container["version"] = version
    container["created_at"] = createdAt
    container["updated_at"] = updatedAt
  }
}

extension PersonRow {
  /// The person as a caller with this disclosure is shown them.
  func proto(_ disclosure: Disclosure) -> Vets_Registry_V1_Person {
    var p = Vets_Registry_V1_Person()
    p.id = id
    p.data = PersonMask(disclosure).apply(data)
    p.masked = disclosure != .full
    p.status = status
    if let diedOn, let date = try? CalendarDate(iso: diedOn, field: "died_on") { p.diedOn = date.proto }
    p.householdID = householdID ?? ""
    p.relationToHead = relationToHead
    p.version = version
    if let at = Instant.date(createdAt) { p.createdAt = Google_Protobuf_Timestamp(date: at) }
    if let at = Instant.date(updatedAt) { p.updatedAt = Google_Protobuf_Timestamp(date: at) }
    return p
  }

  /// What other modules learn of a person through `PersonDirectory`.
  var directory: DirectoryPerson {
    DirectoryPerson(
      id: id, name: data.name, status: status, categories: data.categories.map(\.category), householdID: householdID,
      villageCode: data.villageCode,
      birthDate: (try? CalendarDate(data.birthDate, field: "birth_date")) ?? (try! CalendarDate(year: 1900, month: 1, day: 1, field: "")))
  }
}
