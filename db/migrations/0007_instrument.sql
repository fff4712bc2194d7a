-- 0007: the housing instruments seen together for each household (issue 8).
-- One row per case and instrument once it has been considered; no row is
-- "not yet considered".  The instruments and the unit that handles each
-- are configured ([instruments]); code is the configured key.  The dates
-- are what the supervisor's counts read: when the instrument was first
-- considered, applied for, and granted or refused.

CREATE TABLE case_instrument (
  case_id       INTEGER NOT NULL REFERENCES case_file(id),
  code          TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('none','not_relevant',
                  'to_apply','applied','granted','refused')),
  reason        TEXT NOT NULL DEFAULT '',  -- not relevant: why
  note          TEXT NOT NULL DEFAULT '',
  unit_id       INTEGER REFERENCES unit(id), -- the handling unit applied to
  referral_id   INTEGER REFERENCES referral(id), -- sent as a referral
  considered_on TEXT,
  applied_on    TEXT,
  granted_on    TEXT,
  refused_on    TEXT,
  changed_by    INTEGER NOT NULL REFERENCES staff(id),
  changed_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (case_id, code)
);
CREATE INDEX case_instrument_considered ON case_instrument(considered_on);
CREATE INDEX case_instrument_applied ON case_instrument(applied_on);
CREATE INDEX case_instrument_granted ON case_instrument(granted_on);
