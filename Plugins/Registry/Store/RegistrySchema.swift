// The registry's tables: divisions and stations, then people, households and history.

import GRDB
import VetsKit

enum RegistrySchema {
  static func register(_ m: inout ModuleMigrations) {
    m.add("divisions.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE registry_towns (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
          CREATE TABLE registry_villages (
            code TEXT PRIMARY KEY,
            town_code TEXT NOT NULL REFERENCES registry_towns(code),
            name TEXT NOT NULL
          ) WITHOUT ROWID;
          CREATE INDEX registry_villages_town ON registry_villages(town_code, code);
          CREATE TABLE registry_stations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            division_code TEXT NOT NULL,
            town_code TEXT NOT NULL,
            address TEXT NOT NULL,
            contact TEXT NOT NULL,
            created_at TEXT NOT NULL
          );
          CREATE INDEX registry_stations_town ON registry_stations(town_code, id);
          """)
    }
    m.add("people.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE registry_households (
            id TEXT PRIMARY KEY,
            head_person_id TEXT NOT NULL,
            village_code TEXT NOT NULL,
            address TEXT NOT NULL,
            created_at TEXT NOT NULL
          );
          CREATE TABLE registry_people (
            id TEXT PRIMARY KEY,
            id_number TEXT NOT NULL UNIQUE,
            id_last6 TEXT NOT NULL,
            name TEXT NOT NULL,
            sex TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            phone TEXT NOT NULL,
            categories TEXT NOT NULL,
            village_code TEXT NOT NULL REFERENCES registry_villages(code),
            town_code TEXT NOT NULL,
            address TEXT NOT NULL,
            enlisted_on TEXT,
            discharged_on TEXT,
            branch TEXT NOT NULL,
            party_member INTEGER NOT NULL,
            certificate_no TEXT UNIQUE,
            tags TEXT NOT NULL,
            notes TEXT NOT NULL,
            status TEXT NOT NULL,
            died_on TEXT,
            household_id TEXT REFERENCES registry_households(id),
            relation_to_head TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
          );
          CREATE INDEX registry_people_name ON registry_people(name, id);
          CREATE INDEX registry_people_last6 ON registry_people(id_last6);
          CREATE INDEX registry_people_town ON registry_people(town_code, id);
          CREATE INDEX registry_people_village ON registry_people(village_code, id);
          CREATE INDEX registry_people_birth ON registry_people(birth_date);
          CREATE INDEX registry_people_household ON registry_people(household_id);
          CREATE TABLE registry_person_categories (
            person_id TEXT NOT NULL REFERENCES registry_people(id),
            category TEXT NOT NULL,
            PRIMARY KEY (category, person_id)
          ) WITHOUT ROWID;
          CREATE INDEX registry_person_categories_person ON registry_person_categories(person_id);
          CREATE TABLE registry_person_tags (
            person_id TEXT NOT NULL REFERENCES registry_people(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (tag, person_id)
          ) WITHOUT ROWID;
          CREATE INDEX registry_person_tags_person ON registry_person_tags(person_id);
          CREATE TABLE registry_person_history (
            seq INTEGER PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES registry_people(id),
            field TEXT NOT NULL,
            old_value TEXT NOT NULL,
            new_value TEXT NOT NULL,
            token_id TEXT NOT NULL,
            token_name TEXT NOT NULL,
            at TEXT NOT NULL
          );
          CREATE INDEX registry_person_history_person ON registry_person_history(person_id, seq);
          """)
    }
    m.add("people.v2") { db in
      // Possible duplicates group by name and birth date; a covering index keeps each page
      // a range read at a million people instead of a scan and sort.
      try db.execute(sql: "CREATE INDEX registry_people_duplicates ON registry_people(name, birth_date, id_number)")
    }
    m.add("people.v3") { db in
      // A search by ID suffix pages in id order; with id in the index a page is a range
      // read of 20 entries, not a sort of every person sharing the suffix.
      try db.execute(
        sql: """
          DROP INDEX registry_people_last6;
          CREATE INDEX registry_people_last6 ON registry_people(id_last6, id);
          """)
    }
    m.add("people.v4") { db in
      // A search by phone number pages in id order, like one by ID suffix.
      try db.execute(sql: "CREATE INDEX registry_people_phone ON registry_people(phone, id)")
    }
    m.add("people.v5") { db in
      // A search for a part of a name reads the suffixes that begin with it (issue 18, item 8).
      try NameSuffixes.create(db)
    }
  }
}
