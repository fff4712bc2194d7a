-- 0006: the supervisor's overview and the half-year report (issue 6).
-- The overview must open within one key's budget on a municipality with
-- hundreds of thousands of cases, so its figures are kept as running
-- counts, maintained by triggers in the same transaction as the change
-- they count (whatever code path makes it), and read as a handful of
-- small index ranges.  Each count is attributed to the case's responsible
-- unit; a transfer moves a case's open deadlines with it.  The tables are
-- filled from the existing rows here, once.
-- (Triggers and WITHOUT ROWID are SQLite's; rewritten per engine.)

-- cases per responsible unit, status and housing situation
CREATE TABLE ov_case (
  unit_id   INTEGER NOT NULL,
  status    TEXT NOT NULL,
  situation TEXT NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (unit_id, status, situation)
) WITHOUT ROWID;
INSERT INTO ov_case (unit_id, status, situation, n)
  SELECT unit_id, status, situation, count(*) FROM case_file
  WHERE true GROUP BY 1, 2, 3;

CREATE TRIGGER ov_case_ins AFTER INSERT ON case_file BEGIN
  INSERT INTO ov_case (unit_id, status, situation, n)
    VALUES (NEW.unit_id, NEW.status, NEW.situation, 1)
    ON CONFLICT (unit_id, status, situation) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ov_case_del AFTER DELETE ON case_file BEGIN
  UPDATE ov_case SET n = n - 1 WHERE unit_id = OLD.unit_id
    AND status = OLD.status AND situation = OLD.situation;
END;
CREATE TRIGGER ov_case_upd AFTER UPDATE OF unit_id, status, situation
ON case_file WHEN OLD.unit_id <> NEW.unit_id OR OLD.status <> NEW.status
  OR OLD.situation <> NEW.situation
BEGIN
  UPDATE ov_case SET n = n - 1 WHERE unit_id = OLD.unit_id
    AND status = OLD.status AND situation = OLD.situation;
  INSERT INTO ov_case (unit_id, status, situation, n)
    VALUES (NEW.unit_id, NEW.status, NEW.situation, 1)
    ON CONFLICT (unit_id, status, situation) DO UPDATE SET n = n + 1;
END;

-- open deadlines per case's unit, kind and due day: "overdue" is the
-- sum over the days before today, "due soon" over a few days
CREATE TABLE ov_deadline (
  unit_id INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  due     TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, kind, due)
) WITHOUT ROWID;
INSERT INTO ov_deadline (unit_id, kind, due, n)
  SELECT c.unit_id, d.kind, d.due, count(*) FROM deadline d
  JOIN case_file c ON c.id = d.case_id WHERE d.done_at IS NULL
  GROUP BY 1, 2, 3;

CREATE TRIGGER ov_deadline_ins AFTER INSERT ON deadline
WHEN NEW.done_at IS NULL BEGIN
  INSERT INTO ov_deadline (unit_id, kind, due, n)
    SELECT unit_id, NEW.kind, NEW.due, 1 FROM case_file
    WHERE id = NEW.case_id
    ON CONFLICT (unit_id, kind, due) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ov_deadline_del AFTER DELETE ON deadline
WHEN OLD.done_at IS NULL BEGIN
  UPDATE ov_deadline SET n = n - 1 WHERE kind = OLD.kind AND due = OLD.due
    AND unit_id = (SELECT unit_id FROM case_file WHERE id = OLD.case_id);
END;
CREATE TRIGGER ov_deadline_upd AFTER UPDATE OF done_at, due, kind, case_id
ON deadline BEGIN
  UPDATE ov_deadline SET n = n - 1 WHERE OLD.done_at IS NULL
    AND kind = OLD.kind AND due = OLD.due
    AND unit_id = (SELECT unit_id FROM case_file WHERE id = OLD.case_id);
  INSERT INTO ov_deadline (unit_id, kind, due, n)
    SELECT unit_id, NEW.kind, NEW.due, 1 FROM case_file
    WHERE id = NEW.case_id AND NEW.done_at IS NULL
    ON CONFLICT (unit_id, kind, due) DO UPDATE SET n = n + 1;
END;
-- a transfer of responsibility takes the case's open deadlines along
CREATE TRIGGER ov_deadline_move AFTER UPDATE OF unit_id ON case_file
WHEN OLD.unit_id <> NEW.unit_id BEGIN
  UPDATE ov_deadline SET n = n - (SELECT count(*) FROM deadline d
      WHERE d.case_id = NEW.id AND d.done_at IS NULL
      AND d.kind = ov_deadline.kind AND d.due = ov_deadline.due)
    WHERE unit_id = OLD.unit_id AND (kind, due) IN (SELECT kind, due
      FROM deadline WHERE case_id = NEW.id AND done_at IS NULL);
  INSERT INTO ov_deadline (unit_id, kind, due, n)
    SELECT NEW.unit_id, kind, due, count(*) FROM deadline
    WHERE case_id = NEW.id AND done_at IS NULL GROUP BY kind, due
    ON CONFLICT (unit_id, kind, due) DO UPDATE SET n = n + excluded.n;
END;

-- waiting time: each case's first decision of a track, in whole days
-- from receipt, under the unit responsible when it was issued
CREATE TABLE ov_wait (
  decision_id INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL,
  track       TEXT NOT NULL,
  day         TEXT NOT NULL,
  wait        INTEGER NOT NULL
);
CREATE INDEX ov_wait_day ON ov_wait(unit_id, track, day, wait);
-- the same as counts per calendar month and wait, for the overview
CREATE TABLE ov_wait_month (
  unit_id INTEGER NOT NULL,
  track   TEXT NOT NULL,
  month   TEXT NOT NULL,
  wait    INTEGER NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, track, month, wait)
) WITHOUT ROWID;
INSERT INTO ov_wait (decision_id, unit_id, track, day, wait)
  SELECT d.id, c.unit_id, d.track, substr(d.issued_at, 1, 10),
    CAST(julianday(substr(d.issued_at, 1, 10)) - julianday(c.received)
         AS INTEGER)
  FROM decision d JOIN case_file c ON c.id = d.case_id
  WHERE d.supersedes IS NULL AND NOT EXISTS (SELECT 1 FROM decision e
    WHERE e.case_id = d.case_id AND e.track = d.track
    AND e.supersedes IS NULL AND e.id < d.id);
INSERT INTO ov_wait_month (unit_id, track, month, wait, n)
  SELECT unit_id, track, substr(day, 1, 7), wait, count(*) FROM ov_wait
  WHERE true GROUP BY 1, 2, 3, 4;

CREATE TRIGGER ov_wait_ins AFTER INSERT ON decision
WHEN NEW.supersedes IS NULL AND NOT EXISTS (SELECT 1 FROM decision e
  WHERE e.case_id = NEW.case_id AND e.track = NEW.track
  AND e.supersedes IS NULL AND e.id < NEW.id)
BEGIN
  INSERT INTO ov_wait (decision_id, unit_id, track, day, wait)
    SELECT NEW.id, unit_id, NEW.track, substr(NEW.issued_at, 1, 10),
      CAST(julianday(substr(NEW.issued_at, 1, 10)) - julianday(received)
           AS INTEGER)
    FROM case_file WHERE id = NEW.case_id;
  INSERT INTO ov_wait_month (unit_id, track, month, wait, n)
    SELECT unit_id, track, substr(day, 1, 7), wait, 1 FROM ov_wait
    WHERE decision_id = NEW.id
    ON CONFLICT (unit_id, track, month, wait) DO UPDATE SET n = n + 1;
END;

-- decisions (key track:outcome), appeals (key: status, or body:OUTCOME
-- once the appeal body has decided) and lease reviews (key: outcome) per
-- unit and day: issued, received, reviewed
CREATE TABLE ov_event (
  unit_id INTEGER NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('decision','appeal','lease')),
  key     TEXT NOT NULL,
  day     TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, kind, day, key)
) WITHOUT ROWID;
INSERT INTO ov_event (unit_id, kind, key, day, n)
  SELECT c.unit_id, 'decision', d.track || ':' || d.outcome,
    substr(d.issued_at, 1, 10), count(*)
  FROM decision d JOIN case_file c ON c.id = d.case_id
  WHERE true GROUP BY 1, 3, 4;
INSERT INTO ov_event (unit_id, kind, key, day, n)
  SELECT c.unit_id, 'appeal', CASE WHEN a.body_outcome IS NOT NULL
    THEN 'body:' || a.body_outcome ELSE a.status END, a.received, count(*)
  FROM appeal a JOIN decision d ON d.id = a.decision_id
  JOIN case_file c ON c.id = d.case_id WHERE true GROUP BY 1, 3, 4;
INSERT INTO ov_event (unit_id, kind, key, day, n)
  SELECT c.unit_id, 'lease', l.review_outcome, substr(l.reviewed_at, 1, 10),
    count(*)
  FROM lease l JOIN case_file c ON c.id = l.case_id
  WHERE l.review_outcome IS NOT NULL AND l.reviewed_at IS NOT NULL
  GROUP BY 1, 3, 4;

CREATE TRIGGER ov_event_decision AFTER INSERT ON decision BEGIN
  INSERT INTO ov_event (unit_id, kind, key, day, n)
    SELECT unit_id, 'decision', NEW.track || ':' || NEW.outcome,
      substr(NEW.issued_at, 1, 10), 1 FROM case_file WHERE id = NEW.case_id
    ON CONFLICT (unit_id, kind, day, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ov_event_appeal_ins AFTER INSERT ON appeal BEGIN
  INSERT INTO ov_event (unit_id, kind, key, day, n)
    SELECT c.unit_id, 'appeal', CASE WHEN NEW.body_outcome IS NOT NULL
      THEN 'body:' || NEW.body_outcome ELSE NEW.status END, NEW.received, 1
    FROM decision d JOIN case_file c ON c.id = d.case_id
    WHERE d.id = NEW.decision_id
    ON CONFLICT (unit_id, kind, day, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ov_event_appeal_upd AFTER UPDATE OF status, body_outcome
ON appeal BEGIN
  UPDATE ov_event SET n = n - 1 WHERE kind = 'appeal' AND day = OLD.received
    AND key = CASE WHEN OLD.body_outcome IS NOT NULL
      THEN 'body:' || OLD.body_outcome ELSE OLD.status END
    AND unit_id = (SELECT c.unit_id FROM decision d JOIN case_file c
      ON c.id = d.case_id WHERE d.id = OLD.decision_id);
  INSERT INTO ov_event (unit_id, kind, key, day, n)
    SELECT c.unit_id, 'appeal', CASE WHEN NEW.body_outcome IS NOT NULL
      THEN 'body:' || NEW.body_outcome ELSE NEW.status END, NEW.received, 1
    FROM decision d JOIN case_file c ON c.id = d.case_id
    WHERE d.id = NEW.decision_id
    ON CONFLICT (unit_id, kind, day, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ov_event_lease AFTER UPDATE OF review_outcome, reviewed_at
ON lease BEGIN
  UPDATE ov_event SET n = n - 1 WHERE OLD.review_outcome IS NOT NULL
    AND OLD.reviewed_at IS NOT NULL AND kind = 'lease'
    AND key = OLD.review_outcome AND day = substr(OLD.reviewed_at, 1, 10)
    AND unit_id = (SELECT unit_id FROM case_file WHERE id = OLD.case_id);
  INSERT INTO ov_event (unit_id, kind, key, day, n)
    SELECT unit_id, 'lease', NEW.review_outcome,
      substr(NEW.reviewed_at, 1, 10), 1 FROM case_file
    WHERE id = NEW.case_id AND NEW.review_outcome IS NOT NULL
      AND NEW.reviewed_at IS NOT NULL
    ON CONFLICT (unit_id, kind, day, key) DO UPDATE SET n = n + 1;
END;

-- vacant dwellings per day they became vacant ('' when not recorded):
-- "vacant for more than 30 days" is a sum over the days before
CREATE TABLE ov_vacant (
  day TEXT NOT NULL PRIMARY KEY,
  n   INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO ov_vacant (day, n)
  SELECT coalesce(vacant_from, ''), count(*) FROM dwelling
  WHERE status = 'vacant' GROUP BY 1;
CREATE TRIGGER ov_vacant_ins AFTER INSERT ON dwelling
WHEN NEW.status = 'vacant' BEGIN
  INSERT INTO ov_vacant (day, n) VALUES (coalesce(NEW.vacant_from, ''), 1)
    ON CONFLICT (day) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ov_vacant_del AFTER DELETE ON dwelling
WHEN OLD.status = 'vacant' BEGIN
  UPDATE ov_vacant SET n = n - 1 WHERE day = coalesce(OLD.vacant_from, '');
END;
CREATE TRIGGER ov_vacant_upd AFTER UPDATE OF status, vacant_from ON dwelling
BEGIN
  UPDATE ov_vacant SET n = n - 1 WHERE OLD.status = 'vacant'
    AND day = coalesce(OLD.vacant_from, '');
  INSERT INTO ov_vacant (day, n) SELECT coalesce(NEW.vacant_from, ''), 1
    WHERE NEW.status = 'vacant'
    ON CONFLICT (day) DO UPDATE SET n = n + 1;
END;

-- the lists behind the figures: index ranges in the list's order
CREATE INDEX deadline_open_kind ON deadline(kind, due, case_id)
  WHERE done_at IS NULL;
CREATE INDEX case_unit_status_rcv ON case_file(unit_id, status, received, id);
CREATE INDEX case_unit_situation ON case_file(unit_id, situation, received, id);
