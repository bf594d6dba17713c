// The relief module's tables, in the order they were first migrated: the ledger, then
// cases (whose first migration adds the payees account), then the roster, campaigns and
// visits. The migration ids and their SQL are what existing databases recorded: never edit
// one, add the next.

import GRDB
import VetsKit

enum ReliefSchema {
  static func register(_ m: inout ModuleMigrations) {
    ledger(&m)
    cases(&m)
    care(&m)
    // The payees account was named in English by cases.v1; clerks read its name in the ledger.
    m.add("ledger.v2") { db in
      try db.execute(sql: "UPDATE relief_accounts SET name = '发放给家庭户' WHERE code = 'payees' AND name = 'Payments to households'")
    }
  }

  /// The fund ledger: accounts with their balances, and immutable transfers.
  static func ledger(_ m: inout ModuleMigrations) {
    m.add("ledger.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE relief_accounts (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('fund', 'source', 'payout')),
            received INTEGER NOT NULL DEFAULT 0,
            reserved INTEGER NOT NULL DEFAULT 0,
            paid INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            -- The fund invariant, enforced by SQLite itself: no call can commit a fund that
            -- reserves or pays more than it received.
            CHECK (received >= 0 AND reserved >= 0 AND paid >= 0),
            CHECK (kind != 'fund' OR reserved + paid <= received)
          ) WITHOUT ROWID;
          CREATE TABLE relief_transfers (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            debit_account TEXT NOT NULL REFERENCES relief_accounts(code),
            credit_account TEXT NOT NULL REFERENCES relief_accounts(code),
            amount INTEGER NOT NULL CHECK (amount > 0),
            pending_id TEXT,
            memo TEXT NOT NULL,
            link TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
          );
          CREATE INDEX relief_transfers_debit ON relief_transfers(debit_account, seq);
          CREATE INDEX relief_transfers_credit ON relief_transfers(credit_account, seq);
          CREATE INDEX relief_transfers_pending ON relief_transfers(pending_id);
          CREATE TRIGGER relief_transfers_no_update BEFORE UPDATE ON relief_transfers
            BEGIN SELECT RAISE(ABORT, 'ledger transfers are immutable; correct with a reversing transfer'); END;
          CREATE TRIGGER relief_transfers_no_delete BEFORE DELETE ON relief_transfers
            BEGIN SELECT RAISE(ABORT, 'ledger transfers are immutable; correct with a reversing transfer'); END;
          """)
    }
  }

  /// Assistance cases, their decisions, timeline and follow-ups.
  static func cases(_ m: inout ModuleMigrations) {
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

  /// The needy roster, visit campaigns and visits.
  static func care(_ m: inout ModuleMigrations) {
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
