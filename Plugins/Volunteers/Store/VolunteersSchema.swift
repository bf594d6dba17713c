import GRDB
import VetsKit

enum VolunteersSchema {
  static func register(_ m: inout ModuleMigrations) {
    m.add("volunteers.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE volunteers_organisations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            credit_code TEXT UNIQUE,
            town_code TEXT NOT NULL,
            contact TEXT NOT NULL,
            status TEXT NOT NULL,
            association_id TEXT REFERENCES volunteers_organisations(id),
            joined_on TEXT NOT NULL
          );
          CREATE INDEX volunteers_organisations_association ON volunteers_organisations(association_id);
          CREATE TABLE volunteers_groups (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES volunteers_organisations(id),
            direction TEXT NOT NULL,
            leader TEXT NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            founded_on TEXT NOT NULL
          );
          CREATE TABLE volunteers_members (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            -- One skill per line.
            skills TEXT NOT NULL,
            joined_on TEXT NOT NULL,
            status TEXT NOT NULL,
            person_id TEXT UNIQUE
          );
          -- Memberships are history: leaving sets left_on, and joining again adds a row.
          CREATE TABLE volunteers_memberships (
            member_id TEXT NOT NULL REFERENCES volunteers_members(id),
            group_id TEXT NOT NULL REFERENCES volunteers_groups(id),
            joined_on TEXT NOT NULL,
            left_on TEXT
          );
          CREATE UNIQUE INDEX volunteers_memberships_current ON volunteers_memberships(member_id, group_id) WHERE left_on IS NULL;
          CREATE INDEX volunteers_memberships_group ON volunteers_memberships(group_id, member_id);
          CREATE TABLE volunteers_activities (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            -- The local (UTC+8) day the activity starts: the day its hours count against.
            start_day TEXT NOT NULL,
            place_code TEXT NOT NULL,
            place TEXT NOT NULL,
            status TEXT NOT NULL,
            head_count INTEGER NOT NULL CHECK (head_count >= 0),
            cancel_reason TEXT NOT NULL DEFAULT ''
          );
          CREATE INDEX volunteers_activities_day ON volunteers_activities(start_day);
          CREATE TABLE volunteers_activity_groups (
            activity_id TEXT NOT NULL REFERENCES volunteers_activities(id),
            group_id TEXT NOT NULL REFERENCES volunteers_groups(id),
            PRIMARY KEY (activity_id, group_id)
          );
          CREATE INDEX volunteers_activity_groups_group ON volunteers_activity_groups(group_id);
          CREATE TABLE volunteers_beneficiaries (
            activity_id TEXT NOT NULL REFERENCES volunteers_activities(id),
            kind TEXT NOT NULL CHECK (kind IN ('person', 'household')),
            ref TEXT NOT NULL,
            PRIMARY KEY (activity_id, kind, ref)
          );
          CREATE INDEX volunteers_beneficiaries_ref ON volunteers_beneficiaries(kind, ref);
          -- An entry is in force until a later entry names it in `corrects`.
          CREATE TABLE volunteers_hours (
            id TEXT PRIMARY KEY,
            activity_id TEXT NOT NULL REFERENCES volunteers_activities(id),
            member_id TEXT NOT NULL REFERENCES volunteers_members(id),
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            start_day TEXT NOT NULL,
            corrects TEXT UNIQUE REFERENCES volunteers_hours(id),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            approved_at TEXT,
            approved_by TEXT
          );
          CREATE INDEX volunteers_hours_activity ON volunteers_hours(activity_id);
          CREATE INDEX volunteers_hours_member_day ON volunteers_hours(member_id, start_day);
          CREATE TRIGGER volunteers_hours_approved_update BEFORE UPDATE ON volunteers_hours WHEN OLD.approved_at IS NOT NULL
          BEGIN SELECT RAISE(ABORT, 'approved hours are corrected by a new entry, never edited'); END;
          CREATE TRIGGER volunteers_hours_delete BEFORE DELETE ON volunteers_hours
          BEGIN SELECT RAISE(ABORT, 'hours entries are never deleted'); END;
          CREATE TABLE volunteers_donations (
            id TEXT PRIMARY KEY,
            activity_id TEXT NOT NULL REFERENCES volunteers_activities(id),
            donor TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('money', 'goods')),
            amount INTEGER NOT NULL CHECK (amount > 0),
            description TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            transfer_id TEXT UNIQUE,
            fund TEXT
          );
          CREATE INDEX volunteers_donations_activity ON volunteers_donations(activity_id);
          """)
    }
  }
}
