import GRDB
import VetsKit

enum CareSchema {
  static func register(_ m: inout ModuleMigrations) {
    m.add("care.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE relief_roster (
            id INTEGER PRIMARY KEY,
            household_id TEXT NOT NULL,
            village_code TEXT NOT NULL,
            level TEXT NOT NULL,
            reason TEXT NOT NULL,
            entered_on TEXT NOT NULL,
            next_review_on TEXT NOT NULL,
            exited_on TEXT,
            exit_reason TEXT NOT NULL DEFAULT ''
          );
          -- A household is on the roster at most once at a time; past entries stay as history.
          CREATE UNIQUE INDEX relief_roster_current ON relief_roster(household_id) WHERE exited_on IS NULL;
          CREATE INDEX relief_roster_review ON relief_roster(next_review_on) WHERE exited_on IS NULL;
          CREATE TABLE relief_campaigns (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL
          );
          CREATE TABLE relief_visits (
            id TEXT PRIMARY KEY,
            campaign_id TEXT REFERENCES relief_campaigns(id),
            person_id TEXT NOT NULL,
            household_id TEXT,
            village_code TEXT NOT NULL,
            visited_on TEXT NOT NULL,
            units TEXT NOT NULL,
            goods_value INTEGER NOT NULL CHECK (goods_value >= 0),
            cash INTEGER NOT NULL CHECK (cash >= 0),
            transfer_id TEXT,
            case_id TEXT REFERENCES relief_cases(id),
            notes TEXT NOT NULL,
            recorded_at TEXT NOT NULL
          );
          CREATE INDEX relief_visits_day ON relief_visits(visited_on);
          CREATE INDEX relief_visits_campaign ON relief_visits(campaign_id, id);
          CREATE INDEX relief_visits_household ON relief_visits(household_id, id);
          """)
    }
  }
}
