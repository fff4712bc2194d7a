-- 0001: the whole workflow of DOMAIN.md, so later work adds behaviour, not
-- a new model.  SQL kept to what SQLite and PostgreSQL both accept, apart
-- from the triggers at the end (rewritten per engine when that day comes).
-- Dates are ISO-8601 text, timestamps UTC 'YYYY-MM-DDTHH:MM:SSZ', money
-- whole kroner.  Rows people edit carry a version.

CREATE TABLE unit (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('desk','nav','property','health',
             'child','refugee','mental','allocation','forum','external')),
  active   INTEGER NOT NULL DEFAULT 1,
  version  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE staff (
  id         INTEGER PRIMARY KEY,
  login      TEXT NOT NULL UNIQUE,
  full_name  TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE membership (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  unit_id  INTEGER NOT NULL REFERENCES unit(id),
  role     TEXT NOT NULL CHECK (role IN ('desk','caseworker','allocation',
             'supervisor','admin')),
  PRIMARY KEY (staff_id, unit_id, role)
);
CREATE INDEX membership_unit ON membership(unit_id, role);

CREATE TABLE person (
  id          INTEGER PRIMARY KEY,
  nid         TEXT UNIQUE,            -- fødselsnummer or D-nummer; NULL once purged
  given_name  TEXT NOT NULL,
  family_name TEXT NOT NULL,
  birth_date  TEXT,
  address     TEXT NOT NULL DEFAULT '',
  postcode    TEXT NOT NULL DEFAULT '',
  city        TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  language    TEXT NOT NULL DEFAULT '',
  interpreter INTEGER NOT NULL DEFAULT 0,
  purged      INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX person_birth ON person(birth_date);

CREATE TABLE household (
  id         INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE household_member (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES household(id),
  person_id    INTEGER REFERENCES person(id),
  name         TEXT NOT NULL DEFAULT '',
  relation     TEXT NOT NULL CHECK (relation IN ('applicant','spouse','partner',
                 'child','other_adult','other')),
  birth_date   TEXT
);
CREATE INDEX household_member_hh ON household_member(household_id);

-- case numbers YYYY-NNNNNN, one counter a year
CREATE TABLE case_seq (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE case_file (
  id             INTEGER PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,
  applicant_id   INTEGER NOT NULL REFERENCES person(id),
  household_id   INTEGER REFERENCES household(id),
  track          TEXT NOT NULL CHECK (track IN ('dwelling','assistance','both')),
  unit_id        INTEGER NOT NULL REFERENCES unit(id),
  caseworker_id  INTEGER NOT NULL REFERENCES staff(id),
  intake_unit_id INTEGER REFERENCES unit(id),   -- the desk that registered it
  registered_by  INTEGER REFERENCES staff(id),
  status         TEXT NOT NULL CHECK (status IN ('registered','assessment',
                   'handed_over','returned','granted','waiting','rejected',
                   'appealed','housed','closed')),
  received       TEXT NOT NULL,
  situation      TEXT NOT NULL CHECK (situation IN ('temporary','relatives',
                   'institution','rough','eviction','unsuitable',
                   'not_renewable','adequate')),
  discharge_date TEXT,
  needs          INTEGER NOT NULL DEFAULT 0,
  needs_note     TEXT NOT NULL DEFAULT '',
  income         INTEGER,
  debt           INTEGER,
  interim_sent     TEXT,
  interim_expected TEXT,
  decided_at     TEXT,
  close_reason   TEXT CHECK (close_reason IS NULL OR close_reason IN
                   ('housed','moved','withdrawn','rejected','deceased')),
  closed_at      TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX case_unit_status ON case_file(unit_id, status);
CREATE INDEX case_worker ON case_file(caseworker_id, status);
CREATE INDEX case_applicant ON case_file(applicant_id);
CREATE INDEX case_status_received ON case_file(status, received);
CREATE INDEX case_intake ON case_file(intake_unit_id, received);
CREATE INDEX case_received ON case_file(received);

-- name search: two keys a person ("family given" and "given family"),
-- folded, so that one index range scan answers a prefix in either order
CREATE TABLE person_key (
  key       TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (key, person_id)
) WITHOUT ROWID;

CREATE TABLE consent (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES person(id),
  unit_id     INTEGER NOT NULL REFERENCES unit(id),
  scope       TEXT NOT NULL DEFAULT 'case' CHECK (scope IN ('case','plan')),
  state       TEXT NOT NULL CHECK (state IN ('given','refused','withdrawn')),
  given_date  TEXT,
  withdrawn_date TEXT,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  recorded_at TEXT NOT NULL,
  UNIQUE (person_id, unit_id, scope)
);

CREATE TABLE doc_item (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL REFERENCES case_file(id),
  kind      TEXT NOT NULL,
  required  INTEGER NOT NULL DEFAULT 1,
  state     TEXT NOT NULL CHECK (state IN ('missing','received','not_needed')),
  received  TEXT,
  UNIQUE (case_id, kind)
);

-- append-only: see the triggers below
CREATE TABLE journal (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES case_file(id),
  at       TEXT NOT NULL,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  kind     TEXT NOT NULL,
  text     TEXT NOT NULL
);
CREATE INDEX journal_case ON journal(case_id, id);

-- innsynslogg, append-only
CREATE TABLE access_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  staff_id  INTEGER NOT NULL REFERENCES staff(id),
  person_id INTEGER,
  case_id   INTEGER,
  reason    TEXT NOT NULL CHECK (reason IN ('own','referral','allocation',
              'supervisor','plan','break_glass','admin','denied')),
  detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_person ON access_log(person_id, id);
CREATE INDEX access_log_case ON access_log(case_id, id);

CREATE TABLE referral (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES case_file(id),
  from_unit_id INTEGER NOT NULL REFERENCES unit(id),
  to_unit_id   INTEGER NOT NULL REFERENCES unit(id),
  kind         TEXT NOT NULL CHECK (kind IN ('service','transfer')),
  asked        TEXT NOT NULL,
  reason       TEXT NOT NULL,
  basis        TEXT NOT NULL CHECK (basis IN ('consent','law')),
  basis_note   TEXT NOT NULL DEFAULT '',
  deadline     TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('open','question','accepted',
                 'declined','withdrawn','forum')),
  answer_code  TEXT,
  answer_text  TEXT,
  assigned_to  INTEGER REFERENCES staff(id),
  answered_by  INTEGER REFERENCES staff(id),
  answered_at  TEXT,
  created_by   INTEGER NOT NULL REFERENCES staff(id),
  created_at   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX referral_to ON referral(to_unit_id, status);
CREATE INDEX referral_case ON referral(case_id);

CREATE TABLE referral_message (
  id          INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referral(id),
  at          TEXT NOT NULL,
  staff_id    INTEGER NOT NULL REFERENCES staff(id),
  kind        TEXT NOT NULL CHECK (kind IN ('question','answer')),
  text        TEXT NOT NULL
);

-- housing forum (boligforum): escalated and disputed cases
CREATE TABLE forum_item (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES case_file(id),
  referral_id   INTEGER REFERENCES referral(id),
  raised_by     INTEGER NOT NULL REFERENCES staff(id),
  raised_at     TEXT NOT NULL,
  why           TEXT NOT NULL,
  conclusion    TEXT,
  resp_unit_id  INTEGER REFERENCES unit(id),
  concluded_at  TEXT,
  version       INTEGER NOT NULL DEFAULT 1
);

-- individual plan: one per person
CREATE TABLE plan (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL UNIQUE REFERENCES person(id),
  status          TEXT NOT NULL CHECK (status IN ('draft','active','closed','declined')),
  coordinator_id  INTEGER REFERENCES staff(id),
  goals           TEXT NOT NULL DEFAULT '',
  resources       TEXT NOT NULL DEFAULT '',
  needs           TEXT NOT NULL DEFAULT '',
  contributions   TEXT NOT NULL DEFAULT '',
  period_from     TEXT,
  period_to       TEXT,
  next_evaluation TEXT,
  consent_date    TEXT,
  revision        INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE plan_participant (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES plan(id),
  kind      TEXT NOT NULL CHECK (kind IN ('staff','partner','relative','person')),
  staff_id  INTEGER REFERENCES staff(id),
  unit_id   INTEGER REFERENCES unit(id),
  name      TEXT NOT NULL DEFAULT '',
  contact   TEXT NOT NULL DEFAULT '',
  may_see   TEXT NOT NULL DEFAULT '',
  consent   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE plan_measure (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plan(id),
  what        TEXT NOT NULL,
  extent      TEXT NOT NULL DEFAULT '',
  resp_unit_id INTEGER REFERENCES unit(id),
  resp_name   TEXT NOT NULL DEFAULT '',
  from_date   TEXT,
  to_date     TEXT,
  status      TEXT NOT NULL CHECK (status IN ('planned','ongoing','done','stopped'))
);

CREATE TABLE plan_revision (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL REFERENCES plan(id),
  revision INTEGER NOT NULL,
  at       TEXT NOT NULL,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  snapshot TEXT NOT NULL,
  UNIQUE (plan_id, revision)
);

CREATE TABLE dwelling (
  id          INTEGER PRIMARY KEY,
  address     TEXT NOT NULL UNIQUE,
  area        TEXT NOT NULL DEFAULT '',
  rooms       INTEGER NOT NULL CHECK (rooms > 0),
  size_m2     INTEGER NOT NULL CHECK (size_m2 > 0),
  floor       INTEGER NOT NULL DEFAULT 0,
  lift        INTEGER NOT NULL DEFAULT 0,
  adapted     INTEGER NOT NULL DEFAULT 0,
  staffed     INTEGER NOT NULL DEFAULT 0,
  rent        INTEGER NOT NULL DEFAULT 0,
  status      TEXT NOT NULL CHECK (status IN ('vacant','let','maintenance')),
  vacant_from TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX dwelling_status ON dwelling(status, rooms);

CREATE TABLE decision (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES case_file(id),
  track          TEXT NOT NULL CHECK (track IN ('allocation','assistance')),
  outcome        TEXT NOT NULL CHECK (outcome IN ('granted_dwelling',
                   'granted_waiting','rejected','assistance_granted',
                   'assistance_rejected')),
  dwelling_id    INTEGER REFERENCES dwelling(id),
  conclusion     TEXT NOT NULL,
  rules          TEXT NOT NULL,
  facts          TEXT NOT NULL,
  considerations TEXT NOT NULL,
  granted        TEXT NOT NULL DEFAULT '',
  other_help     TEXT NOT NULL DEFAULT '',
  appeal_body    TEXT NOT NULL,
  appeal_info    TEXT NOT NULL,
  letter         TEXT NOT NULL,   -- frozen, reproduced byte for byte
  facts_snapshot TEXT NOT NULL,   -- what the decision rested on
  supersedes     INTEGER REFERENCES decision(id),
  issued_by      INTEGER NOT NULL REFERENCES staff(id),
  issued_at      TEXT NOT NULL,
  delivered      TEXT            -- the day it reached the applicant
);
CREATE INDEX decision_case ON decision(case_id);

CREATE TABLE appeal (
  id              INTEGER PRIMARY KEY,
  decision_id     INTEGER NOT NULL REFERENCES decision(id),
  received        TEXT NOT NULL,
  late            INTEGER NOT NULL DEFAULT 0,
  status          TEXT NOT NULL CHECK (status IN ('registered','changed',
                    'forwarded','decided')),
  reassessed_at   TEXT,
  new_decision_id INTEGER REFERENCES decision(id),
  body_outcome    TEXT,
  body_decided_at TEXT,
  version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE lease (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES case_file(id),
  dwelling_id  INTEGER NOT NULL REFERENCES dwelling(id),
  tenant_id    INTEGER NOT NULL REFERENCES person(id),
  start_date   TEXT NOT NULL,
  end_date     TEXT NOT NULL,
  review_date  TEXT NOT NULL,
  short_ground TEXT,
  notice_given TEXT,
  status       TEXT NOT NULL CHECK (status IN ('active','ended')),
  review_outcome TEXT CHECK (review_outcome IS NULL OR review_outcome IN
                   ('extend','private','buy','end')),
  reviewed_at  TEXT,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX lease_review ON lease(status, review_date);

-- every dated obligation, so queues and overviews read an index instead of
-- scanning the journal: interim, referral, evaluation, returned,
-- reassessment, lease_review, appeal
CREATE TABLE deadline (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER REFERENCES case_file(id),
  kind     TEXT NOT NULL,
  ref_id   INTEGER,
  unit_id  INTEGER REFERENCES unit(id),
  staff_id INTEGER REFERENCES staff(id),
  due      TEXT NOT NULL,
  done_at  TEXT
);
CREATE INDEX deadline_open ON deadline(done_at, due);
CREATE INDEX deadline_case ON deadline(case_id, done_at, due);

-- intake drafts: everything typed, kept from the first field
CREATE TABLE draft (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff(id),
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL DEFAULT '',
  data       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX draft_staff ON draft(staff_id);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END;
