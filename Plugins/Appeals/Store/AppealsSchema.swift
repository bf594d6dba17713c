import GRDB
import VetsKit

enum AppealsSchema {
  static func register(_ m: inout ModuleMigrations) {
    m.add("appeals.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE appeals_requests (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL,
            village_code TEXT NOT NULL,
            channel TEXT NOT NULL,
            category TEXT NOT NULL,
            summary TEXT NOT NULL,
            details TEXT NOT NULL,
            station_id TEXT NOT NULL,
            station_name TEXT NOT NULL,
            received_at TEXT NOT NULL,
            received_on TEXT NOT NULL,
            state TEXT NOT NULL,
            within_policy INTEGER,
            policy_reference TEXT NOT NULL DEFAULT '',
            explanation TEXT NOT NULL DEFAULT '',
            task_force INTEGER NOT NULL DEFAULT 0,
            -- The deadline: `allowance` working days after `clock_start`, which holds and
            -- extensions add to and a reopening starts again.
            clock_start TEXT NOT NULL,
            allowance INTEGER NOT NULL,
            due_on TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT '',
            measures TEXT NOT NULL DEFAULT '',
            resolved_at TEXT,
            resolved_on_time INTEGER,
            satisfaction TEXT NOT NULL DEFAULT '',
            satisfaction_comment TEXT NOT NULL DEFAULT '',
            reopen_reason TEXT NOT NULL DEFAULT '',
            relief_case_id TEXT,
            version INTEGER NOT NULL
          );
          CREATE INDEX appeals_state ON appeals_requests(state, id);
          CREATE INDEX appeals_received ON appeals_requests(received_on);
          CREATE INDEX appeals_due ON appeals_requests(state, due_on);
          CREATE INDEX appeals_person ON appeals_requests(person_id, id);
          CREATE INDEX appeals_village ON appeals_requests(village_code, id);
          CREATE TABLE appeals_tasks (
            appeal_id TEXT NOT NULL REFERENCES appeals_requests(id),
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            department TEXT NOT NULL,
            department_name TEXT NOT NULL,
            owner TEXT NOT NULL,
            state TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (appeal_id, id)
          ) WITHOUT ROWID;
          CREATE TABLE appeals_holds (
            appeal_id TEXT NOT NULL REFERENCES appeals_requests(id),
            seq INTEGER NOT NULL,
            reason TEXT NOT NULL,
            from_on TEXT NOT NULL,
            until_on TEXT NOT NULL,
            resumed_on TEXT,
            working_days INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (appeal_id, seq)
          ) WITHOUT ROWID;
          CREATE TABLE appeals_events (
            appeal_id TEXT NOT NULL REFERENCES appeals_requests(id),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            event TEXT NOT NULL,
            token_name TEXT NOT NULL,
            detail TEXT NOT NULL,
            visible INTEGER NOT NULL,
            PRIMARY KEY (appeal_id, seq)
          ) WITHOUT ROWID;
          """)
    }
    // Every module's timeline event kinds are snake_case codes; four appeal kinds were
    // written with spaces before.
    m.add("appeals.v2") { db in
      try db.execute(
        sql: """
          UPDATE appeals_events SET event = replace(event, ' ', '_')
            WHERE event IN ('task updated', 'on hold', 'return visit', 'relief case opened');
          """)
    }
  }
}
