-- 0004: handover to the allocation group, decisions told to the units,
-- leases tied to the decision they follow.  0001 has the tables of the
-- workflow (dwelling, decision, appeal, lease, deadline); this adds what
-- the allocation work needs beyond them.  Columns are added with NULL
-- defaults so that rows written before (the demo loader) stay valid.

-- every handover with its summary note, and its return with the reason
CREATE TABLE handover (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES case_file(id),
  from_unit_id  INTEGER NOT NULL REFERENCES unit(id),
  note          TEXT NOT NULL,
  handed_by     INTEGER NOT NULL REFERENCES staff(id),
  handed_at     TEXT NOT NULL,
  returned_by   INTEGER REFERENCES staff(id),
  returned_at   TEXT,
  return_reason TEXT
);
CREATE INDEX handover_case ON handover(case_id, id);

-- the units told of a decision (the responsible unit and every unit with
-- an accepted referral) and when one of their people first saw it
CREATE TABLE decision_notice (
  decision_id INTEGER NOT NULL REFERENCES decision(id),
  unit_id     INTEGER NOT NULL REFERENCES unit(id),
  seen_at     TEXT,
  seen_by     INTEGER REFERENCES staff(id),
  PRIMARY KEY (decision_id, unit_id)
);
CREATE INDEX decision_notice_unit ON decision_notice(unit_id, seen_at);

-- the deciding unit, and the lease length granted (NULL: by configuration)
ALTER TABLE decision ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE decision ADD COLUMN lease_months INTEGER;
-- the decision a lease follows, and when it ended
ALTER TABLE lease ADD COLUMN decision_id INTEGER REFERENCES decision(id);
ALTER TABLE lease ADD COLUMN ended_at TEXT;

CREATE INDEX decision_dwelling ON decision(dwelling_id);
CREATE INDEX appeal_decision ON appeal(decision_id);
CREATE INDEX appeal_status ON appeal(status);
CREATE INDEX lease_case ON lease(case_id);
CREATE INDEX lease_dwelling ON lease(dwelling_id, status);
CREATE INDEX dwelling_address ON dwelling(address);
