// The county's service stations: the county centre, town and village stations, 老兵话吧.

import Foundation
import GRDB
import VetsAPI
import VetsKit

enum StationStore {
  /// Adds a checked station. A county-wide one (the county centre) takes the county's code,
  /// which it may already name; any other must sit in a town or village already imported.
  static func add(_ db: Database, _ candidate: Vets_Registry_V1_Station, countyWide: Bool, now: Date) throws
    -> Vets_Registry_V1_Station
  {
    var station = candidate
    if countyWide {
      guard let county = try DivisionStore.county(db) else {
        throw VetsError.failedPrecondition("no towns have been imported yet; import the divisions first (vetsctl registry division import)")
      }
      guard station.divisionCode.isEmpty || station.divisionCode == county else {
        throw VetsError.invalidArgument(
          field: "station.division_code", rule: "\(station.divisionCode) is not this county (\(county)); leave it empty for the county centre")
      }
      station.divisionCode = county
    } else {
      guard try DivisionStore.exists(db, candidate.divisionCode) else {
        throw VetsError.invalidArgument(field: "station.division_code", rule: "\(candidate.divisionCode) has not been imported")
      }
    }
    station.id = RecordID.make("st_")
    try db.execute(
      sql: """
        INSERT INTO registry_stations (id, name, kind, division_code, town_code, address, contact, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        station.id, station.name, try Vets_Registry_V1_StationKind.terms.word(station.kind, field: "station.kind"), station.divisionCode,
        countyWide ? "" : String(station.divisionCode.prefix(9)), station.address, station.contact, Instant.text(now),
      ])
    return station
  }

  /// A page of the stations in id order after `after`, those in `division` (a town's
  /// include its villages') or all.
  static func list(_ db: Database, division: String?, after: String, limit: Int) throws -> [Vets_Registry_V1_Station] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM registry_stations WHERE id > ? AND (? IS NULL OR division_code = ? OR town_code = ?)
        ORDER BY id LIMIT ?
        """,
      arguments: [after, division, division, division, limit]
    ).map { row in
      var s = Vets_Registry_V1_Station()
      s.id = row["id"]
      s.name = row["name"]
      s.kind = Vets_Registry_V1_StationKind.terms.value(row["kind"]) ?? .unspecified
      s.divisionCode = row["division_code"]
      s.address = row["address"]
      s.contact = row["contact"]
      return s
    }
  }

  static func directory(_ db: Database, id: String) throws -> DirectoryStation? {
    try Row.fetchOne(db, sql: "SELECT id, name, kind, division_code FROM registry_stations WHERE id = ?", arguments: [id]).map {
      DirectoryStation(id: $0["id"], name: $0["name"], kind: $0["kind"], divisionCode: $0["division_code"])
    }
  }
}
