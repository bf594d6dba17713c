import GRDB
import VetsKit

enum CaseSchema {
  static func register(_ m: inout ModuleMigrations) {
    m.add("cases.v1") { db in
      try db.execute(
        sql: """
          INSERT INTO relief_accounts (code, name, kind, created_at) VALUES ('payees', 'Payments to households', 'payout', '');
          CREATE TABLE relief_cases (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL,
            village_code TEXT NOT NULL,
            source TEXT NOT NULL,
            reported_by TEXT NOT NULL,
            status TEXT NOT NULL,
            assessment BLOB,
            plan BLOB,
            pending_levels TEXT NOT NULL DEFAULT '',
            green_channel INTEGER NOT NULL DEFAULT 0,
            justification TEXT NOT NULL DEFAULT '',
            rejection_reason TEXT NOT NULL DEFAULT '',
            rejection_detail TEXT NOT NULL DEFAULT '',
            approved INTEGER NOT NULL DEFAULT 0,
            paid INTEGER NOT NULL DEFAULT 0,
            reservation_id TEXT,
            outcome TEXT NOT NULL DEFAULT '',
            opened_by TEXT NOT NULL,
            opened_by_subject TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            approved_at TEXT,
            first_paid_at TEXT,
            version INTEGER NOT NULL
          );
          -- One plan per household: at most one case that is neither closed nor rejected.
          CREATE UNIQUE INDEX relief_cases_one_open ON relief_cases(household_id)
            WHERE status NOT IN ('closed', 'rejected');
          CREATE INDEX relief_cases_status ON relief_cases(status, id);
          CREATE TABLE relief_case_decisions (
            case_id TEXT NOT NULL REFERENCES relief_cases(id),
            seq INTEGER NOT NULL,
            level TEXT NOT NULL,
            token_id TEXT NOT NULL,
            token_name TEXT NOT NULL,
            subject TEXT NOT NULL,
            approved INTEGER NOT NULL,
            comment TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (case_id, seq)
          ) WITHOUT ROWID;
          CREATE TABLE relief_case_events (
            case_id TEXT NOT NULL REFERENCES relief_cases(id),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            event TEXT NOT NULL,
            token_name TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (case_id, seq)
          ) WITHOUT ROWID;
          CREATE TABLE relief_case_follow_ups (
            case_id TEXT NOT NULL REFERENCES relief_cases(id),
            due_on TEXT NOT NULL,
            PRIMARY KEY (case_id, due_on)
          ) WITHOUT ROWID;
          """)
    }
    m.add("cases.v2") { db in
      try db.execute(sql: "ALTER TABLE relief_cases ADD COLUMN appeal_id TEXT")
    }
    // Who set the amount: they may not also approve it (separation of duties).
    m.add("cases.v3") { db in
      try db.execute(sql: "ALTER TABLE relief_cases ADD COLUMN planned_by_subject TEXT NOT NULL DEFAULT ''")
    }
  }
}
