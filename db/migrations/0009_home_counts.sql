-- 0009: the home screen recounts its queues every time the user comes
-- back to it, within one key's budget (issue 3).  Two of its counts were
-- joins over thousands of rows; here they become index ranges.

-- The cases with an appeal not yet decided (registered with the unit, or
-- forwarded to the appeal body), per responsible unit: the appeals list's
-- count.  Kept by triggers in the same transaction as the change, like
-- the overview's running counts (0006); n is the case's open appeals.
CREATE TABLE appeal_open (
  case_id INTEGER NOT NULL PRIMARY KEY,
  unit_id INTEGER NOT NULL,
  n       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX appeal_open_unit ON appeal_open(unit_id);
INSERT INTO appeal_open (case_id, unit_id, n)
  SELECT c.id, c.unit_id, count(*) FROM appeal a
  JOIN decision d ON d.id = a.decision_id JOIN case_file c ON c.id = d.case_id
  WHERE a.status IN ('registered','forwarded') GROUP BY c.id;

CREATE TRIGGER appeal_open_ins AFTER INSERT ON appeal
WHEN NEW.status IN ('registered','forwarded') BEGIN
  INSERT INTO appeal_open (case_id, unit_id, n)
    SELECT c.id, c.unit_id, 1 FROM decision d
    JOIN case_file c ON c.id = d.case_id WHERE d.id = NEW.decision_id
    ON CONFLICT (case_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER appeal_open_upd AFTER UPDATE OF status, decision_id ON appeal
BEGIN
  UPDATE appeal_open SET n = n - 1
    WHERE OLD.status IN ('registered','forwarded')
      AND case_id = (SELECT case_id FROM decision WHERE id = OLD.decision_id);
  DELETE FROM appeal_open WHERE n <= 0
    AND case_id = (SELECT case_id FROM decision WHERE id = OLD.decision_id);
  INSERT INTO appeal_open (case_id, unit_id, n)
    SELECT c.id, c.unit_id, 1 FROM decision d
    JOIN case_file c ON c.id = d.case_id
    WHERE d.id = NEW.decision_id AND NEW.status IN ('registered','forwarded')
    ON CONFLICT (case_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER appeal_open_del AFTER DELETE ON appeal
WHEN OLD.status IN ('registered','forwarded') BEGIN
  UPDATE appeal_open SET n = n - 1
    WHERE case_id = (SELECT case_id FROM decision WHERE id = OLD.decision_id);
  DELETE FROM appeal_open WHERE n <= 0
    AND case_id = (SELECT case_id FROM decision WHERE id = OLD.decision_id);
END;
-- a transfer of responsibility takes the case's open appeals along
CREATE TRIGGER appeal_open_move AFTER UPDATE OF unit_id ON case_file
WHEN OLD.unit_id <> NEW.unit_id BEGIN
  UPDATE appeal_open SET unit_id = NEW.unit_id WHERE case_id = NEW.id;
END;

-- Unanswered referrals by unit, status and deadline: the inbox and the
-- overdue list count an index range instead of reading every referral of
-- the unit.  They replace the two-column indexes of 0003.
DROP INDEX IF EXISTS referral_to;
DROP INDEX IF EXISTS referral_from;
CREATE INDEX referral_to ON referral(to_unit_id, status, deadline);
CREATE INDEX referral_from ON referral(from_unit_id, status, deadline);

-- The answers a unit owes (the overview, issue 6): open referral
-- deadlines are kept under the receiving unit; counted as a range of
-- this index per unit instead of every open referral deadline.
CREATE INDEX deadline_open_unit ON deadline(unit_id, kind, due)
  WHERE done_at IS NULL;
