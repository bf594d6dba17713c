import GRDB
import VetsKit

enum AllianceSchema {
  static func register(_ m: inout ModuleMigrations) {
    m.add("alliance.v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE alliance_enterprises (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            credit_code TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            town_code TEXT NOT NULL,
            address TEXT NOT NULL,
            contact TEXT NOT NULL,
            joined_on TEXT NOT NULL,
            status TEXT NOT NULL,
            override_reason TEXT NOT NULL DEFAULT ''
          );
          CREATE TABLE alliance_offers (
            id TEXT PRIMARY KEY,
            enterprise_id TEXT NOT NULL REFERENCES alliance_enterprises(id),
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            benefit TEXT NOT NULL,
            percent_off INTEGER NOT NULL,
            amount_off INTEGER NOT NULL,
            benefit_text TEXT NOT NULL,
            eligible TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT NOT NULL,
            limit_count INTEGER NOT NULL,
            limit_days INTEGER NOT NULL,
            quota INTEGER NOT NULL,
            status TEXT NOT NULL,
            -- Redemptions not voided; the quota is checked against it in the same transaction.
            redeemed INTEGER NOT NULL DEFAULT 0 CHECK (redeemed >= 0 AND (quota = 0 OR redeemed <= quota))
          );
          CREATE INDEX alliance_offers_enterprise ON alliance_offers(enterprise_id, id);
          CREATE TABLE alliance_redemptions (
            id TEXT PRIMARY KEY,
            offer_id TEXT NOT NULL REFERENCES alliance_offers(id),
            person_id TEXT NOT NULL,
            redeemed_at TEXT NOT NULL,
            voided_at TEXT
          );
          CREATE INDEX alliance_redemptions_person ON alliance_redemptions(offer_id, person_id, redeemed_at);
          """)
    }
  }
}
