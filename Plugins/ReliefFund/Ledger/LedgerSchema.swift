import GRDB
import VetsKit

enum LedgerSchema {
  static func register(_ m: inout ModuleMigrations) {
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
}
