-- 0005: break the glass (flagged for the supervisors) and retention
-- (anonymising closed cases after the configured years).  Issue 7.

-- A case opened outside the normal rules.  The access-log row (reason
-- 'break_glass', the stated reason in its detail) is the record; this is
-- the supervisor's flag on it, one per opening, reviewed once.
CREATE TABLE glass_flag (
  access_id   INTEGER PRIMARY KEY REFERENCES access_log(id),
  case_id     INTEGER NOT NULL REFERENCES case_file(id),
  unit_id     INTEGER NOT NULL REFERENCES unit(id), -- the case's unit then
  staff_id    INTEGER NOT NULL REFERENCES staff(id),
  at          TEXT NOT NULL,
  reviewed_by INTEGER REFERENCES staff(id),
  reviewed_at TEXT
);
CREATE INDEX glass_flag_open ON glass_flag(reviewed_at, unit_id);
CREATE INDEX glass_flag_staff ON glass_flag(staff_id, reviewed_at);
-- a flag is reviewed once and never removed
CREATE TRIGGER glass_flag_no_delete BEFORE DELETE ON glass_flag
BEGIN SELECT RAISE(ABORT, 'glass flags are kept'); END;
CREATE TRIGGER glass_flag_review_once BEFORE UPDATE ON glass_flag
WHEN OLD.reviewed_at IS NOT NULL OR NEW.access_id <> OLD.access_id
  OR NEW.case_id <> OLD.case_id OR NEW.unit_id <> OLD.unit_id
  OR NEW.staff_id <> OLD.staff_id OR NEW.at <> OLD.at
BEGIN SELECT RAISE(ABORT, 'a glass flag is reviewed once'); END;

-- Retention.  A purge run: who, when, the cut-off, how many cases.  Its
-- state is 'running' only inside the purge's own transactions (it is set
-- back to 'done' before each commits), so no other connection ever sees
-- it running: that is the one moment the journal trigger lets a note's
-- text be replaced, see below.
CREATE TABLE purge_run (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff(id),
  started_at  TEXT NOT NULL,
  before_date TEXT NOT NULL,   -- the date given
  cutoff      TEXT NOT NULL,   -- closed before this (before - years)
  years       INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running','done')),
  cases       INTEGER NOT NULL DEFAULT 0,
  persons     INTEGER NOT NULL DEFAULT 0,
  finished_at TEXT
);
CREATE TRIGGER purge_run_no_delete BEFORE DELETE ON purge_run
BEGIN SELECT RAISE(ABORT, 'purge runs are kept'); END;

ALTER TABLE case_file ADD COLUMN purged_at TEXT;
CREATE INDEX case_closed ON case_file(status, closed_at);
-- a purged person's name keys go; the keys are found by person
CREATE INDEX person_key_person ON person_key(person_id);

-- The journal stays append-only, with one narrow exception: while a purge
-- run is running (inside its own transaction), the text of an entry of a
-- closed case may be cut to a beginning of itself followed by the fixed
-- marker '[anonymised]' (12 characters): "assessment -> closed: [anonymised]"
-- keeps the move a report counts and loses the caseworker's words.
-- Nothing else may change: not who, when, which case or what kind; and
-- an entry is never deleted.
DROP TRIGGER journal_no_update;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
WHEN NOT (
  length(NEW.text) >= 12 AND substr(NEW.text, -12) = '[anonymised]'
  AND substr(NEW.text, 1, length(NEW.text) - 12)
      = substr(OLD.text, 1, length(NEW.text) - 12)
  AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.at = OLD.at
  AND NEW.staff_id = OLD.staff_id AND NEW.kind = OLD.kind
  AND EXISTS (SELECT 1 FROM purge_run WHERE state = 'running')
  AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = OLD.case_id
              AND c.status = 'closed')
)
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;

-- REPLACE (INSERT OR REPLACE, REPLACE INTO) removes the row it replaces
-- without firing DELETE triggers (recursive_triggers is off), so it could
-- rewrite a logged row past the triggers of 0001.  A row that exists is
-- never inserted again.
CREATE TRIGGER access_log_no_replace BEFORE INSERT ON access_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM access_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END;
CREATE TRIGGER journal_no_replace BEFORE INSERT ON journal
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM journal WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
CREATE TRIGGER glass_flag_no_replace BEFORE INSERT ON glass_flag
WHEN EXISTS (SELECT 1 FROM glass_flag WHERE access_id = NEW.access_id)
BEGIN SELECT RAISE(ABORT, 'glass flags are kept'); END;
CREATE TRIGGER purge_run_no_replace BEFORE INSERT ON purge_run
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM purge_run WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'purge runs are kept'); END;
