/*
 * db: storage.  Every SQL statement of bosak lives below db/.  These
 * functions store and fetch; they decide no rule (core does that).  Each
 * write function is one BEGIN IMMEDIATE transaction, retried as a whole when
 * the database is busy, and either all of it is saved or none of it.
 *
 * Return codes are 0 or one of the DB_* codes below.  Their values equal
 * core's ERR_* codes so that core can pass them on unchanged; core fills the
 * sentence for the user.  db never prints and never shows a raw SQLite
 * message (db_last_error() is for logs and tests only).
 */
#ifndef BOSAK_DB_H
#define BOSAK_DB_H

#include <stddef.h>
#include <stdint.h>

enum db_rc {
	DB_OK = 0,
	DB_NOTFOUND = -2,
	DB_CONFLICT = -4, /* version mismatch or unique constraint */
	DB_ERROR = -5,
	DB_BUSY = -6,     /* still busy after every retry */
	DB_FULL = -7,
	DB_READONLY = -8,
	DB_NOMEM = -9,
	DB_IO = -10,
	DB_NEWER = -12,   /* database newer than this program */
};

struct db;

/* ---- db.c: open, migrate, transactions, backup ---- */
#define DB_OPEN_CREATE 1
int db_open(struct db **out, const char *path, int flags);
void db_close(struct db **db);
/* The schema version this program knows (number of the last migration). */
int db_schema_latest(void);
/* Applies missing migrations in one transaction; DB_NEWER if the file is
 * newer than the program.  *from and *to may be NULL. */
int db_migrate(struct db *db, int *from, int *to);
/* Migrates only up to version target (tests of an older database). */
int db_migrate_to(struct db *db, int target, int *from, int *to);
int db_user_version(struct db *db, int *version);
const char *db_last_error(const struct db *db);
int db_backup(struct db *db, const char *dest_path);
int db_integrity_ok(struct db *db);
/* For tests: run a whole script (no results). */
int db_exec(struct db *db, const char *sql);
/* A new action of the user's (a key, a command) begins.  After a commit
 * the next read waits until the saves queued at that moment are done
 * (writers first, db.c); a new action's own reads go ahead at once. */
void db_action_begin(struct db *db);
/* The process is idle (its user reads the screen): copies the WAL back
 * into the database if it has grown and nobody waits to save.  Once
 * called, commits leave that to idle moments (db.c, checkpoints). */
void db_idle(struct db *db);
/* For tests and the demo loader: count rows of a table. */
int db_count(struct db *db, const char *table, int64_t *n);
/* Number of times a write had to be retried because the file was busy. */
unsigned long db_retries(const struct db *db);

/* ---- records ----
 * Fixed-size text fields keep ownership simple; core validates lengths
 * before anything reaches db.  Dates are ISO-8601 "YYYY-MM-DD" ("" = none),
 * timestamps "YYYY-MM-DDTHH:MM:SSZ" in UTC, money whole kroner. */
#define DB_DATE 11
#define DB_TS 21

struct unit_rec {
	int64_t id;
	char code[17];
	char name[129];
	char kind[17];
	int active;
};

struct staff_rec {
	int64_t id;
	char login[65];
	char name[129];
	int active;
};

struct member_rec {
	int64_t staff_id;
	int64_t unit_id;
	char unit_code[17];
	char unit_name[129];
	char unit_kind[17];
	char role[17];
};

struct person_rec {
	int64_t id;
	char nid[12];
	char given[129];
	char family[129];
	char birth[DB_DATE];
	char address[161];
	char postcode[9];
	char city[65];
	char phone[33];
	char email[129];
	char language[33];
	int interpreter;
	int version;
};

struct hh_member_rec {
	int64_t id;
	int64_t person_id; /* 0 when only a name is known */
	char name[161];
	char relation[17]; /* applicant spouse partner child other_adult other */
	char birth[DB_DATE];
};

struct case_rec {
	int64_t id;
	char number[12]; /* YYYY-NNNNNN */
	int64_t applicant_id;
	int64_t household_id;
	char track[17];     /* dwelling assistance both */
	int64_t unit_id;
	int64_t caseworker_id;
	int64_t intake_unit_id; /* the desk that registered it */
	char status[17];
	char received[DB_DATE];
	char situation[17];
	char discharge[DB_DATE];
	unsigned needs;     /* NEED_* bits, see core.h */
	char needs_note[257];
	int64_t income;     /* kroner a year, -1 unknown */
	int64_t debt;       /* kroner, -1 unknown */
	char interim_sent[DB_DATE];
	char interim_expected[DB_DATE];
	char close_reason[17];
	int version;
	char updated_at[DB_TS];
	/* joined for display */
	char applicant_name[260];
	char nid[12];
	char unit_name[129];
	char caseworker_name[129];
};

struct consent_rec {
	int64_t id;
	int64_t person_id;
	int64_t unit_id;
	char unit_name[129];
	char state[17]; /* given refused withdrawn */
	char given[DB_DATE];
	char withdrawn[DB_DATE];
};

struct doc_rec {
	int64_t id;
	char kind[33];  /* id income tax arrears lease discharge other */
	char state[17]; /* missing received not_needed */
	char received[DB_DATE];
};

struct journal_rec {
	int64_t id;
	char at[DB_TS];
	char staff_name[129];
	char kind[17];
	char text[1025];
};

struct access_rec {
	int64_t id;
	char at[DB_TS];
	char staff_login[65];
	char staff_name[129];
	int64_t person_id;
	int64_t case_id;
	char reason[17];
	char detail[257];
};


/* ---- unit.c: units, staff, memberships ---- */
int db_unit_add(struct db *db, const char *code, const char *name,
		const char *kind, int64_t *id);
int db_unit_get(struct db *db, const char *code, struct unit_rec *out);
int db_unit_by_id(struct db *db, int64_t id, struct unit_rec *out);
/* *out is malloc'd. */
int db_unit_list(struct db *db, struct unit_rec **out, size_t *n);
int db_staff_add(struct db *db, const char *login, const char *name,
		 const char *now, int64_t *id);
int db_staff_get(struct db *db, const char *login, struct staff_rec *out);
int db_staff_by_id(struct db *db, int64_t id, struct staff_rec *out);
int db_staff_list(struct db *db, struct staff_rec **out, size_t *n);
int db_member_add(struct db *db, int64_t staff_id, int64_t unit_id,
		  const char *role);
/* DB_NOTFOUND if the membership did not exist. */
int db_member_remove(struct db *db, int64_t staff_id, int64_t unit_id,
		     const char *role);
int db_members_of(struct db *db, int64_t staff_id, struct member_rec *out,
		  size_t max, size_t *n);
/* Staff of a unit with a role, the one with the fewest open cases first. */
int db_unit_least_loaded(struct db *db, int64_t unit_id, const char *role,
			 int64_t *staff_id);
int db_staff_count(struct db *db, int64_t *n);

/* ---- person.c ---- */
int db_person_get(struct db *db, int64_t id, struct person_rec *out);
int db_person_by_nid(struct db *db, const char *nid, struct person_rec *out);
/* Persons whose folded family name is family_key and born on birth, other
 * than the number nid.  *out malloc'd. */
int db_person_dups(struct db *db, const char *family_key, const char *birth,
		   const char *nid, struct person_rec **out, size_t *n);

/* ---- case.c ---- */
int db_case_get(struct db *db, int64_t id, struct case_rec *out);
int db_case_id_by_number(struct db *db, const char *number, int64_t *id);
/* A change of status (and close reason), guarded by version, with its
 * journal line: one transaction; DB_CONFLICT if the version moved on. */
struct db_case_change {
	int64_t case_id;
	int version;
	const char *status;
	const char *close_reason; /* NULL unless closing */
	int64_t staff_id;
	const char *at;            /* timestamp */
	const char *today;         /* date for closed_at / decided_at */
	const char *journal_kind;
	const char *journal_text;
};
int db_case_set_status(struct db *db, const struct db_case_change *c);
int db_journal_add(struct db *db, int64_t case_id, int64_t staff_id,
		   const char *at, const char *kind, const char *text);
/* Newest first. *out malloc'd. */
int db_journal_list(struct db *db, int64_t case_id, struct journal_rec **out,
		    size_t *n);
/* Is there an open, questioned or accepted referral of the case to a unit
 * the staff member belongs to? */
int db_case_referred_to(struct db *db, int64_t case_id, int64_t staff_id,
			int *yes);
int db_case_household(struct db *db, int64_t household_id,
		      struct hh_member_rec **out, size_t *n);
int db_case_docs(struct db *db, int64_t case_id, struct doc_rec **out,
		 size_t *n);
int db_person_consents(struct db *db, int64_t person_id,
		       struct consent_rec **out, size_t *n);
/* The earliest open deadline of a case: kind and due date ("" if none). */
int db_case_next_deadline(struct db *db, int64_t case_id, char kind[17],
			  char due[DB_DATE]);

/* ---- access.c ---- */
int db_access_add(struct db *db, int64_t staff_id, const char *at,
		  int64_t person_id, int64_t case_id, const char *reason,
		  const char *detail);
/* Newest first; person_id or case_id (the other 0). *out malloc'd. */
int db_access_list(struct db *db, int64_t person_id, int64_t case_id,
		   struct access_rec **out, size_t *n);

/* ---- intake.c ---- */
struct db_intake {
	struct person_rec *applicant;  /* id 0: insert; else update contact */
	const char *key1, *key2;       /* folded name keys for person_key */
	size_t nmembers;
	const struct hh_member_rec *member;
	const struct case_rec *c;      /* track unit caseworker status
					  received situation discharge needs
					  needs_note income debt */
	int64_t intake_unit_id;
	int64_t staff_id;
	const char *at;
	int year;                      /* for the case number */
	size_t ndocs;
	const struct doc_rec *doc;
	size_t nconsents;
	const int64_t *consent_unit;
	const int *consent_given;
	const char *deadline_kind;     /* the legal clock */
	const char *deadline_due;
	const char *journal_text;
	int64_t draft_id;              /* deleted in the same transaction */
};
int db_intake_save(struct db *db, struct db_intake *in, int64_t *case_id,
		   char number[12]);

/* ---- draft.c ---- */
int db_draft_save(struct db *db, int64_t staff_id, int64_t *id,
		  const char *kind, const char *title, const char *data,
		  const char *at);
int db_draft_load(struct db *db, int64_t staff_id, int64_t id, char **data);
/* Rows of a draft_rec-like shape: id kind title updated_at. */
struct db_draft_line {
	int64_t id;
	char kind[17];
	char title[161];
	char updated_at[DB_TS];
};
int db_draft_list(struct db *db, int64_t staff_id, struct db_draft_line **out,
		  size_t *n);
int db_draft_delete(struct db *db, int64_t staff_id, int64_t id);

/* ---- search.c ----
 * Which cases a user may list: core decides the criteria, db applies them
 * in SQL so that pages come straight from an index. */
struct db_visibility {
	int64_t staff_id;
	int own_units;      /* cases whose responsible unit is one of mine */
	int referrals;      /* cases referred to one of my units (open) */
	int allocation;     /* handed-over cases (allocation group) */
	int intake_today;   /* cases my desk units registered today */
	const char *today;
};
struct db_case_line {
	int64_t case_id;
	int64_t person_id;
	char number[12];
	char name[260];
	char birth[DB_DATE];
	char status[17];
	char unit_name[129];
	char received[DB_DATE];
	char next_due[DB_DATE];
	char due_kind[17];
	char sort_key[300];
	int64_t ref_id; /* the referral a line is about (overview), else 0 */
};
enum db_search_by { DB_BY_NAME, DB_BY_NID, DB_BY_NUMBER };
int db_case_search(struct db *db, const struct db_visibility *v,
		   enum db_search_by by, const char *key, const char *after,
		   size_t limit, struct db_case_line *out, size_t *n);
enum db_queue {
	DBQ_MY_CASES,
	DBQ_UNIT_INBOX,
	DBQ_TODAY,
	DBQ_SUPERVISOR, /* the allocation queue is by priority: allocation.c */
};
int db_queue_page(struct db *db, enum db_queue q, int64_t staff_id,
		  const char *today, const char *after, size_t limit,
		  struct db_case_line *out, size_t *n);
int db_queue_count(struct db *db, enum db_queue q, int64_t staff_id,
		   const char *today, long *n);

/* ---- case.c (continued) ---- */
/* Records the interim reply as sent: guarded by version, closes the
 * interim deadline, journals; one transaction. */
int db_case_interim(struct db *db, int64_t case_id, int version,
		    const char *sent, const char *expected, int64_t staff_id,
		    const char *at, const char *journal_text);

/* ==================================================================
 * demo.c / import.c / export.c
 * ================================================================== */

/* ---- demo.c: the synthetic data loader ----
 * core makes every row (names, dates, name keys, statuses: what makes the
 * case file plausible); db only stores them, one transaction per batch,
 * many rows to an INSERT.  Ids are chosen by core, which is why
 * the loader runs only on a database without persons, cases or dwellings
 * (db_demo_empty).  Text is borrowed until db_demo_load returns; NULL or
 * "" in an optional column is stored as NULL. */
int db_demo_empty(struct db *db, int *empty);
/* Bulk loading of a file without persons or cases, for this connection:
 * on sets journal_mode=MEMORY, synchronous=OFF, foreign keys and CHECKs
 * off, a large page cache, and sets secondary indexes and append-only
 * guard triggers aside (see db/demo.c); off puts everything back as
 * db_open has it (WAL, synchronous=FULL) and builds the indexes. */
int db_demo_fast(struct db *db, int on);

struct db_demo_person {
	int64_t id;
	const char *nid, *given, *family, *birth, *address, *postcode, *city,
		*phone, *email, *language, *created_at;
	int interpreter;
	const char *key1, *key2; /* folded "family given", "given family" */
};
struct db_demo_household {
	int64_t id;
	const char *created_at;
};
struct db_demo_member {
	int64_t household_id, person_id; /* person 0: only a name */
	const char *name, *relation, *birth;
};
struct db_demo_case {
	int64_t id;
	const char *number;
	int64_t applicant_id, household_id;
	const char *track;
	int64_t unit_id, caseworker_id, intake_unit_id, registered_by;
	const char *status, *received, *situation, *discharge;
	unsigned needs;
	const char *needs_note;
	int64_t income, debt; /* -1 unknown */
	const char *interim_sent, *interim_expected, *decided_at,
		*close_reason, *closed_at, *created_at, *updated_at;
	int version;
};
struct db_demo_consent {
	int64_t person_id, unit_id;
	const char *scope, *state, *given, *withdrawn;
	int64_t recorded_by;
	const char *recorded_at;
};
struct db_demo_doc {
	int64_t case_id;
	const char *kind, *state, *received;
	int required;
};
struct db_demo_journal {
	int64_t case_id, staff_id;
	const char *at, *kind, *text;
};
struct db_demo_access {
	int64_t staff_id, person_id, case_id;
	const char *at, *reason, *detail;
};
struct db_demo_referral {
	int64_t id, case_id, from_unit_id, to_unit_id;
	const char *kind, *asked, *reason, *basis, *basis_note, *deadline,
		*status, *answer_code, *answer_text;
	int64_t assigned_to, answered_by;
	const char *answered_at;
	int64_t created_by;
	const char *created_at;
};
struct db_demo_refmsg {
	int64_t referral_id, staff_id;
	const char *at, *kind, *text;
};
struct db_demo_forum {
	int64_t case_id, referral_id, raised_by;
	const char *raised_at, *why, *conclusion;
	int64_t resp_unit_id;
	const char *concluded_at;
};
struct db_demo_plan {
	int64_t id, person_id;
	const char *status;
	int64_t coordinator_id;
	const char *goals, *resources, *needs, *contributions, *period_from,
		*period_to, *next_evaluation, *consent_date;
	int revision;
	const char *created_at, *updated_at;
};
struct db_demo_participant {
	int64_t plan_id;
	const char *kind;
	int64_t staff_id, unit_id;
	const char *name, *contact, *may_see;
	int consent;
};
struct db_demo_measure {
	int64_t plan_id;
	const char *what, *extent;
	int64_t resp_unit_id;
	const char *resp_name, *from, *to, *status;
};
struct db_demo_revision {
	int64_t plan_id;
	int revision;
	const char *at;
	int64_t staff_id;
	const char *snapshot;
};
struct db_demo_dwelling {
	int64_t id;
	const char *address, *area;
	int rooms, size_m2, floor, lift, adapted, staffed, rent;
	const char *status, *vacant_from;
};
struct db_demo_decision {
	int64_t id, case_id;
	const char *track, *outcome;
	int64_t dwelling_id;
	const char *conclusion, *rules, *facts, *considerations, *granted,
		*other_help, *appeal_body, *appeal_info, *letter,
		*facts_snapshot;
	int64_t issued_by;
	const char *issued_at, *delivered;
};
struct db_demo_appeal {
	int64_t id, decision_id;
	const char *received;
	int late;
	const char *status, *reassessed_at, *body_outcome, *body_decided_at;
};
struct db_demo_lease {
	int64_t id, case_id, dwelling_id, tenant_id;
	const char *start, *end, *review, *short_ground, *notice_given,
		*status;
};
struct db_demo_deadline {
	int64_t case_id;
	const char *kind;
	int64_t ref_id, unit_id, staff_id;
	const char *due, *done_at;
};
struct db_demo_seq {
	int year;
	long last;
};
/* One batch: stored in this order (parents before children). */
struct db_demo_batch {
	size_t nperson, nhousehold, nmember, ndwelling, ncase, nconsent, ndoc,
		njournal, naccess, nreferral, nrefmsg, nforum, nplan,
		nparticipant, nmeasure, nrevision, ndecision, nappeal, nlease,
		ndeadline, nseq;
	const struct db_demo_person *person;
	const struct db_demo_household *household;
	const struct db_demo_member *member;
	const struct db_demo_dwelling *dwelling;
	const struct db_demo_case *kase;
	const struct db_demo_consent *consent;
	const struct db_demo_doc *doc;
	const struct db_demo_journal *journal;
	const struct db_demo_access *access;
	const struct db_demo_referral *referral;
	const struct db_demo_refmsg *refmsg;
	const struct db_demo_forum *forum;
	const struct db_demo_plan *plan;
	const struct db_demo_participant *participant;
	const struct db_demo_measure *measure;
	const struct db_demo_revision *revision;
	const struct db_demo_decision *decision;
	const struct db_demo_appeal *appeal;
	const struct db_demo_lease *lease;
	const struct db_demo_deadline *deadline;
	const struct db_demo_seq *seq; /* case_seq: raised to at least last */
};
int db_demo_load(struct db *db, const struct db_demo_batch *b);

/* ---- import.c: the applicants' waiting list ---- */
/* Active staff of a unit with a role and their open cases, fewest first;
 * core spreads a whole import over them. */
int db_unit_loads(struct db *db, int64_t unit_id, const char *role,
		  int64_t *staff_id, long *open_cases, size_t max, size_t *n);
/* The newest case of a person that is not closed: its number, or
 * DB_NOTFOUND. */
int db_person_open_case(struct db *db, int64_t person_id, char number[12]);
struct db_import_line {
	struct person_rec *person;   /* id 0: inserted (id set); else reused
					as it is */
	const char *key1, *key2;     /* folded name keys of a new person */
	const struct case_rec *c;    /* track unit_id caseworker_id status
					received situation discharge needs
					needs_note */
	size_t nmembers;             /* besides the applicant */
	const struct hh_member_rec *member;
	size_t nconsents;            /* consent given to these units */
	const int64_t *consent_unit;
	const char *deadline_due;    /* the interim-reply deadline */
	const char *journal_text;
	int64_t case_id;             /* out */
	char number[12];             /* out */
};
struct db_import {
	size_t n;
	struct db_import_line *line;
	size_t ndocs;                /* the checklist every case starts with */
	const struct doc_rec *doc;
	int64_t intake_unit_id;      /* 0 when the user has no desk */
	int64_t staff_id;
	const char *at;
	int year;                    /* of the case numbers */
};
/* Every line in ONE transaction: all saved or none. */
int db_import_save(struct db *db, struct db_import *im);

/* ---- export.c: cases as CSV ---- */
#define DB_EXPORT_UNITS 32
struct db_export_query {
	/* visible: cases whose responsible unit is one of these ... */
	size_t nunits;
	int64_t unit[DB_EXPORT_UNITS];
	/* ... or, when allocation is set, whose status is one of these */
	int allocation;
	const char *const *alloc_status; /* NULL-terminated, at most 10 */
	/* filters */
	const char *status;  /* NULL = any */
	int64_t only_unit;   /* 0 = any */
};
struct db_export_row {
	int64_t case_id, person_id, unit_id, intake_unit_id;
	char number[12];
	char received[DB_DATE];
	char status[17];
	char track[17];
	char unit_name[129];
	char caseworker[129];
	char given[129];
	char family[129];
	char nid[12];
	char situation[17];
	int household;
	int children;
};
/* Calls row for every visible case, oldest first; a non-zero return from
 * row stops the walk and is returned.  Runs in one read transaction. */
int db_export_cases(struct db *db, const struct db_export_query *q,
		    int (*row)(void *ctx, const struct db_export_row *r),
		    void *ctx);
/* The access-log rows of an export, one a case: one transaction. */
struct db_export_log {
	int64_t case_id, person_id;
	const char *reason;
};
int db_export_log(struct db *db, int64_t staff_id, const char *at,
		  const char *detail, const struct db_export_log *rows,
		  size_t n);

/* ==================================================================
 * referral.c / plan.c: referrals between units, the housing forum and
 * individual plans.  Statements here are prepared per call, not cached:
 * they run a few times a minute, and the shared cache stays for the hot
 * paths (lists, search).
 * ================================================================== */

struct referral_rec {
	int64_t id, case_id, case_unit_id, person_id;
	int64_t from_unit_id, to_unit_id;
	char case_number[12];
	char person_name[260];   /* core empties it where the reader may not
				    see who the referral is about */
	char from_code[17], from_name[129];
	char to_code[17], to_name[129], to_kind[17];
	char kind[17];           /* service transfer */
	char asked[1025], reason[1025];
	char basis[17];          /* consent law */
	char basis_note[257];
	int basis_ok;            /* basis law, or consent to to_unit given now */
	char deadline[DB_DATE];
	char status[17];         /* open question accepted declined withdrawn
				    forum */
	char answer_code[33];
	char answer_text[1025];
	char withdraw_reason[1025];
	int64_t assigned_to, answered_by, created_by;
	char assigned_name[129], answered_name[129], created_name[129];
	char answered_at[DB_TS], created_at[DB_TS];
	int version;
	int may_open;            /* set by core: the reader may open the case */
	char sort_key[64];       /* keyset paging: the next page starts after */
};

struct refmsg_rec {
	int64_t id;
	char at[DB_TS];
	char staff_name[129];
	char kind[17];           /* question answer */
	char text[1025];
};

struct forum_rec {
	int64_t id, case_id, referral_id, case_unit_id;
	int64_t from_unit_id, to_unit_id; /* of the referral, 0 without */
	char case_number[12];
	char from_name[129], to_name[129];
	char ref_status[17];
	char raised_name[129], raised_at[DB_TS];
	char why[1025];
	char conclusion[1025];
	int64_t resp_unit_id;
	char resp_name[129];
	char concluded_at[DB_TS];
	int version;
};

/* Active staff and the units they work in, for choosing a caseworker,
 * a coordinator or a participant. */
struct staff_unit_rec {
	int64_t staff_id, unit_id;
	char name[129];
	char login[65];
	char unit_name[129];
	char role[17];
};

enum db_referral_list {
	DBR_INBOX,   /* open or questioned, to a unit where staff works */
	DBR_SENT,    /* created by staff or on staff's cases, since `since` */
	DBR_OVERDUE, /* unanswered past the deadline, from or to a unit staff
			supervises */
	DBR_CASE,    /* every referral of a case */
};
int db_referral_get(struct db *db, int64_t id, struct referral_rec *out);
/* A page of a list after the sort key `after` ("" for the first). */
int db_referral_page(struct db *db, enum db_referral_list l, int64_t staff_id,
		     int64_t case_id, const char *today, const char *since,
		     const char *after, size_t limit, struct referral_rec *out,
		     size_t *n);
int db_referral_count(struct db *db, enum db_referral_list l, int64_t staff_id,
		      int64_t case_id, const char *today, const char *since,
		      long *n);
/* Oldest first.  *out malloc'd. */
int db_referral_messages(struct db *db, int64_t referral_id,
			 struct refmsg_rec **out, size_t *n);
/* Is a referral of the case to this unit still unanswered (open,
 * question or forum)? */
int db_referral_pending(struct db *db, int64_t case_id, int64_t unit_id,
			int *yes);
/* Does a referral of the case to a unit of the staff member (open,
 * questioned or accepted) rest on a basis that holds now: the law, or
 * the person's consent to that unit? */
int db_referral_shares(struct db *db, int64_t case_id, int64_t staff_id,
		       int *yes);
/* The person's consent (scope case) to a unit: given refused withdrawn,
 * or "" when none is recorded. */
int db_consent_state(struct db *db, int64_t person_id, int64_t unit_id,
		     char state[17]);
/* Records consent (given, refused, withdrawn) with its journal line. */
struct db_consent_change {
	int64_t person_id, unit_id, case_id, staff_id;
	const char *state, *today, *at, *journal_text;
};
int db_consent_set(struct db *db, const struct db_consent_change *c);
/* Active staff with a role in a unit (unit 0: every unit), by name. */
int db_staff_units(struct db *db, int64_t unit_id, const char *role,
		   struct staff_unit_rec **out, size_t *n);

struct db_referral_new {
	int64_t case_id, from_unit_id, to_unit_id;
	const char *kind, *asked, *reason, *basis, *basis_note, *deadline;
	int64_t staff_id;
	const char *at, *journal_text;
};
/* The referral, its answer deadline (kind referral) and journal line. */
int db_referral_add(struct db *db, const struct db_referral_new *r,
		    int64_t *id);

/* One step of a referral, guarded by its version: the new status, the
 * answer or message, the deadline closed, the case moved (a transfer) or
 * a forum item raised, and the journal line: one transaction.
 * DB_CONFLICT when the referral (or the case) changed meanwhile. */
struct db_referral_change {
	int64_t id;
	int version;
	const char *status;
	const char *answer_code;     /* NULL: unchanged */
	const char *answer_text;     /* NULL: unchanged */
	const char *withdraw_reason; /* NULL: unchanged */
	int64_t assigned_to;         /* 0: unchanged */
	int answered;                /* answered_by/at := staff_id/at */
	const char *msg_kind;        /* question answer; NULL: none */
	const char *msg_text;
	int close_deadline;
	int64_t move_case_id;        /* 0: the case stays */
	int case_version;
	int64_t new_unit_id, new_caseworker_id;
	const char *forum_why;       /* non-NULL: a forum item is raised */
	int64_t case_id;             /* the journal's case */
	int64_t staff_id;
	const char *at, *journal_text;
};
int db_referral_change(struct db *db, const struct db_referral_change *c);

/* The housing forum: open items first (oldest first), then the latest
 * concluded ones.  *out malloc'd. */
int db_forum_list(struct db *db, size_t max_concluded, struct forum_rec **out,
		  size_t *n);
int db_forum_get(struct db *db, int64_t id, struct forum_rec *out);
int db_forum_open_count(struct db *db, long *n);
struct db_forum_conclusion {
	int64_t id;
	int version;
	const char *conclusion;
	int64_t resp_unit_id, resp_staff_id;
	int64_t referral_id;         /* 0: none */
	const char *ref_status;      /* accepted declined */
	int64_t case_id;
	int move;                    /* the responsibility moves */
	int case_version;
	int64_t staff_id;
	const char *at, *journal_text;
};
int db_forum_conclude(struct db *db, const struct db_forum_conclusion *c);

/* ---- plan.c ---- */
struct plan_rec {
	int64_t id, person_id;
	char person_name[260];
	char status[17];             /* draft active closed declined */
	int64_t coordinator_id;
	char coordinator_name[129];
	char coordinator_unit[129];
	char goals[1025], resources[1025], needs[1025], contributions[1025];
	char period_from[DB_DATE], period_to[DB_DATE];
	char next_evaluation[DB_DATE], consent_date[DB_DATE];
	int revision;
	char created_at[DB_TS], updated_at[DB_TS];
	int version;
};
struct plan_participant_rec {
	int64_t id;
	char kind[17];               /* staff partner relative person */
	int64_t staff_id, unit_id;
	char unit_name[129];
	char name[161];
	char contact[161];
	char may_see[161];           /* all goals_measures own_measures, or
					text written by someone */
	int consent;
};
struct plan_measure_rec {
	int64_t id;
	char what[257], extent[257];
	int64_t resp_unit_id;
	char resp_unit[129];
	char resp_name[161];         /* a partner or a person */
	char from[DB_DATE], to[DB_DATE];
	char status[17];             /* planned ongoing done stopped */
};
struct plan_revision_rec {
	int64_t id;
	int revision;
	char at[DB_TS];
	char staff_name[129];
};
struct plan_line {
	int64_t plan_id, person_id;
	char person_name[260];
	char status[17];
	char next_evaluation[DB_DATE];
};
int db_plan_of_person(struct db *db, int64_t person_id, int64_t *plan_id);
int db_plan_get(struct db *db, int64_t id, struct plan_rec *out);
/* *out malloc'd, in the order they were entered. */
int db_plan_participants(struct db *db, int64_t plan_id,
			 struct plan_participant_rec **out, size_t *n);
int db_plan_measures(struct db *db, int64_t plan_id,
		     struct plan_measure_rec **out, size_t *n);
/* Newest first. */
int db_plan_revisions(struct db *db, int64_t plan_id,
		      struct plan_revision_rec **out, size_t *n);
/* *text malloc'd. */
int db_plan_snapshot(struct db *db, int64_t plan_id, int revision,
		     char **text);
/* The person's newest case that is not closed, else the newest. */
int db_person_latest_case(struct db *db, int64_t person_id, int64_t *case_id);
/* Plans the staff member coordinates, next evaluation first. */
int db_plan_coordinated(struct db *db, int64_t staff_id,
			struct plan_line **out, size_t *n);
int db_plan_coordinated_count(struct db *db, int64_t staff_id, long *n);
/* Is the staff member a participant (staff_id, or of unit_id with a
 * membership) with consent?  *may_see gets what they may see. */
int db_plan_participant_of(struct db *db, int64_t plan_id, int64_t staff_id,
			   int *yes, char may_see[161]);
/* A new plan (p->id 0: inserted, id set) or the next revision of one,
 * guarded by p->version: the plan, its participants and measures
 * replaced, the revision's snapshot, the evaluation deadline, and the
 * journal line.  p->revision and p->version are the new ones after. */
struct db_plan_save {
	struct plan_rec *p;
	size_t npart;
	const struct plan_participant_rec *part;
	size_t nmeas;
	const struct plan_measure_rec *meas;
	const char *snapshot;
	int64_t case_id;             /* the journal's and the deadline's case */
	int64_t unit_id;             /* the deadline's unit */
	int64_t staff_id;
	const char *at, *journal_text;
};
int db_plan_save(struct db *db, struct db_plan_save *s);


/* ==================================================================
 * allocation / dwellings / decisions / appeals / leases
 * ================================================================== */

/* ---- allocation.c: handover, return, the priority queue ---- */
struct handover_rec {
	int64_t id, case_id, from_unit_id;
	char note[1025];
	char handed_by_name[129];
	char handed_at[DB_TS];
	char returned_by_name[129];
	char returned_at[DB_TS];   /* "" while with the allocation group */
	char return_reason[1025];
};
/* What the handover checklist looks at, read in one go. */
struct db_handover_facts {
	int has_household;      /* the household with the applicant row */
	int doc_id, doc_income; /* 1 received or not needed, 0 missing or absent */
	int consent_allocation; /* consent given to a unit of kind allocation */
};
int db_handover_facts(struct db *db, int64_t case_id,
		      struct db_handover_facts *out);
/* Hand over (to 'handed_over') or return (to 'returned'), guarded by the
 * case's version, with the handover row, the journal line and the
 * deadlines, in one transaction; DB_CONFLICT on a stale version. */
struct db_handover {
	int64_t case_id;
	int version;
	int64_t staff_id, unit_id;  /* who; the unit handing over */
	const char *at, *today;
	const char *text;           /* note (hand over) or reason (return) */
	const char *journal_text;
	const char *returned_due;   /* return: the resubmission deadline */
	int64_t returned_unit_id, returned_staff_id;
};
int db_handover_give(struct db *db, const struct db_handover *h);
int db_handover_return(struct db *db, const struct db_handover *h);
/* The newest handover of a case; DB_NOTFOUND if none. */
int db_handover_last(struct db *db, int64_t case_id, struct handover_rec *out);
/* A checklist document's state, with its journal line. */
int db_doc_set(struct db *db, int64_t case_id, const char *kind,
	       const char *state, const char *received, int64_t staff_id,
	       const char *at, const char *journal_text);

/* The priority of a queued case: every part computed by one SQL
 * expression, so that the order of the queue and the explanation on the
 * screen cannot disagree.  core binds the weights and the dates. */
struct db_alloc_query {
	int w_homeless, w_children, w_health, w_discharge, w_month;
	unsigned health_mask;     /* need bits that count as health */
	const char *today;
	const char *adult_born;   /* born after this: a child (under 18) */
	const char *discharge_by; /* discharged by this day: counts */
	/* filters (0 / NULL: any) */
	const char *track;
	int min_size, max_size;
	unsigned needs;           /* every one of these bits */
	int64_t case_id;          /* one case only (its explanation) */
	/* only cases this vacant dwelling suits (the meeting view) */
	int64_t suits_dwelling;
	unsigned adapted_bit, staffed_bit;
};
struct db_alloc_line {
	struct db_case_line line; /* sort_key: score, received, id */
	int total;
	int homeless, children, health, discharge; /* 0 or 1 */
	int months;
	int household;            /* persons, the applicant included */
	unsigned needs;
	char track[17];
};
int db_alloc_page(struct db *db, const struct db_alloc_query *q,
		  const char *after, size_t limit, struct db_alloc_line *out,
		  size_t *n);
int db_alloc_count(struct db *db, const struct db_alloc_query *q, long *n);

/* Case lists of the allocation work, in the shape of the queues. */
enum db_alloc_list {
	DBL_DECISIONS_NEW,  /* decisions on my units' cases nobody there saw */
	DBL_APPEALS,        /* appeals to reassess or with the appeal body */
	DBL_LEASE_REVIEW,   /* leases whose review date has come */
};
int db_alloc_list_page(struct db *db, enum db_alloc_list l, int64_t staff_id,
		       int all_units, const char *today, const char *after,
		       size_t limit, struct db_case_line *out, size_t *n);
int db_alloc_list_count(struct db *db, enum db_alloc_list l,
			int64_t staff_id, int all_units, const char *today,
			long *n);

/* ---- dwelling.c ---- */
struct dwelling_rec {
	int64_t id;
	char address[161];
	char area[65];
	int rooms, size_m2, floor, lift, adapted, staffed;
	int64_t rent;             /* kroner a month */
	char status[17];          /* vacant let maintenance */
	char vacant_from[DB_DATE];
	int version;
	/* joined: the current lease, and a grant not yet taken up */
	int64_t lease_id;
	char lease_case[12];
	char lease_end[DB_DATE];
	int64_t offer_case_id;
	char offer_case[12];
};
int db_dwelling_get(struct db *db, int64_t id, struct dwelling_rec *out);
/* id 0: inserted (id set); else updated, guarded by version.  DB_CONFLICT
 * for a stale version or an address already in the register. */
int db_dwelling_save(struct db *db, struct dwelling_rec *d);
int db_dwelling_by_address(struct db *db, const char *address,
			   struct dwelling_rec *out);
/* A page in order of address after `after` ("" first); status "" = any;
 * vacant_only: vacant and not granted to anyone yet. */
int db_dwelling_page(struct db *db, const char *status, const char *after,
		     size_t limit, struct dwelling_rec *out, size_t *n);
int db_dwelling_count(struct db *db, const char *status, long *n);
/* Vacant dwellings, not granted to anyone yet, that suit a household. */
int db_dwelling_suiting(struct db *db, int rooms_needed, int adapted,
			int staffed, size_t limit, struct dwelling_rec *out,
			size_t *n);
/* Every dwelling of an import in ONE transaction: all saved or none. */
int db_dwelling_import(struct db *db, struct dwelling_rec *d, size_t n);

/* ---- decision.c ---- */
struct decision_rec {
	int64_t id, case_id;
	char track[17];           /* allocation assistance */
	char outcome[24];
	int64_t dwelling_id;
	char dwelling_address[161];
	char conclusion[1025];
	char appeal_body[257];
	int64_t supersedes;
	int64_t issued_by;
	char issued_by_name[129];
	char issued_at[DB_TS];
	char delivered[DB_DATE];  /* "" unknown: counted from the issue date */
	int64_t unit_id;          /* the deciding unit, 0 unknown */
	int lease_months;         /* granted lease length, 0 unknown */
};
struct db_decision_save {
	int64_t case_id;
	int version;                 /* the case's, as read */
	const char *status;          /* the case's new status, NULL: kept */
	const char *track, *outcome;
	int64_t dwelling_id;
	const char *conclusion, *rules, *facts, *considerations, *granted,
		*other_help, *appeal_body, *appeal_info, *letter, *snapshot;
	int64_t supersedes, staff_id, unit_id;
	int lease_months;
	const char *at, *today;
	const char *appeal_due;      /* the applicant's appeal deadline */
	int64_t deadline_unit_id, deadline_staff_id;
	size_t nnotice;              /* units told of the decision */
	const int64_t *notice_unit;
	const char *journal_text;
	/* an appeal answered by changing the decision */
	int64_t appeal_id;
	int appeal_version;
	const char *appeal_journal;
	/* a lease extended by this decision: ended as 'extend', and the new
	 * lease from its end */
	int64_t extend_lease_id;
	int extend_lease_version;
	const char *new_start, *new_end, *new_review;
	int64_t out_id;              /* the decision's id */
};
int db_decision_save(struct db *db, struct db_decision_save *d);
int db_decision_get(struct db *db, int64_t id, struct decision_rec *out);
/* Newest first.  *out malloc'd. */
int db_decision_list(struct db *db, int64_t case_id,
		     struct decision_rec **out, size_t *n);
/* The frozen letter and the facts it rested on; malloc'd. */
int db_decision_letter(struct db *db, int64_t id, char **letter,
		       char **snapshot);
/* Units with an accepted referral on the case. */
int db_decision_referral_units(struct db *db, int64_t case_id,
			       int64_t *unit, size_t max, size_t *n);
/* The day it reached the applicant, with the appeal deadline moved. */
int db_decision_delivered(struct db *db, int64_t id, const char *day,
			  const char *appeal_due, int64_t case_id,
			  int64_t staff_id, const char *at,
			  const char *journal_text);
/* Marks the notices of a case's decisions seen for the staff member's
 * units; *changed says whether any was new. */
int db_decision_seen(struct db *db, int64_t case_id, int64_t staff_id,
		     const char *at, int *changed);
/* Another decision grants this dwelling and its case has no lease yet. */
int db_dwelling_offered(struct db *db, int64_t dwelling_id,
			int64_t *case_id);

/* ---- appeal.c ---- */
struct appeal_rec {
	int64_t id, decision_id, case_id;
	char received[DB_DATE];
	int late;
	char status[17];          /* registered changed forwarded decided */
	char reassessed_at[DB_DATE];
	int64_t new_decision_id;
	char body_outcome[17];    /* upheld changed quashed */
	char body_decided_at[DB_DATE];
	int version;
	char due[DB_DATE];        /* the open reassessment deadline, "" none */
};
struct db_appeal_save {
	int64_t id;               /* 0: register; else the appeal changed */
	int version;
	int64_t decision_id, case_id;
	int case_version;
	const char *case_status;  /* the case's new status, NULL: kept */
	const char *received;
	int late;
	const char *status, *reassessed_at, *body_outcome, *body_decided_at;
	const char *reassess_due; /* register: the reassessment deadline */
	int64_t unit_id, deadline_staff_id;
	int64_t staff_id;
	const char *at, *today, *journal_kind, *journal_text;
	int64_t out_id;
};
int db_appeal_save(struct db *db, struct db_appeal_save *a);
int db_appeal_get(struct db *db, int64_t id, struct appeal_rec *out);
/* A case's appeals, newest first; *out malloc'd. */
int db_appeal_list(struct db *db, int64_t case_id, struct appeal_rec **out,
		   size_t *n);

/* ---- lease.c ---- */
struct lease_rec {
	int64_t id, case_id, dwelling_id, tenant_id, decision_id;
	char address[161];
	char start[DB_DATE], end[DB_DATE], review[DB_DATE];
	char short_ground[513];
	char notice[DB_DATE];
	char status[17];          /* active ended */
	char review_outcome[17];  /* extend private buy end, "" not yet */
	char reviewed_at[DB_DATE];
	char ended_at[DB_DATE];
	int version;
	char case_number[12];
};
struct db_lease_save {
	int64_t case_id;
	int case_version;
	const char *case_status;  /* 'housed', NULL: kept */
	int64_t dwelling_id, tenant_id, decision_id;
	const char *start, *end, *review, *short_ground, *notice;
	int64_t unit_id, staff_id; /* the review deadline's */
	int64_t by;
	const char *at, *today, *journal_text;
	int64_t out_id;
};
int db_lease_create(struct db *db, struct db_lease_save *l);
int db_lease_get(struct db *db, int64_t id, struct lease_rec *out);
/* The case's newest lease; DB_NOTFOUND if none. */
int db_lease_of_case(struct db *db, int64_t case_id, struct lease_rec *out);
/* A review's outcome (private buy end), guarded by version; closes the
 * review deadline; journaled. */
int db_lease_review(struct db *db, int64_t id, int version,
		    const char *outcome, const char *today, int64_t staff_id,
		    const char *at, const char *journal_text);
/* The lease ended: the dwelling vacant from `day`; journaled. */
int db_lease_end(struct db *db, int64_t id, int version, const char *day,
		 int64_t staff_id, const char *at, const char *journal_text);
/* How reviews ended since a day: extend private buy end. */
int db_lease_outcomes(struct db *db, const char *since, long counts[4]);

/* ==================================================================
 * security (issue 7): break the glass (access.c), retention (purge.c)
 * ================================================================== */

/* ---- access.c: break the glass ----
 * The access-log row (reason 'break_glass', the stated reason as detail)
 * and the supervisors' flag on it: one transaction. */
int db_glass_add(struct db *db, int64_t staff_id, const char *at,
		 int64_t person_id, int64_t case_id, int64_t unit_id,
		 const char *reason);
struct db_glass_line {
	int64_t access_id, case_id;
	char number[12];
	char at[DB_TS];
	char login[65];
	char staff_name[129];
	char unit_name[129];   /* the case's unit when it was opened */
	char reason[257];
	char reviewed_at[DB_TS];
	char reviewed_by[129];
};
/* Openings a supervisor answers for: of cases of the units they supervise,
 * or by staff of those units.  Newest first, at most max; pending only
 * (not yet reviewed) or all.  *out malloc'd. */
int db_glass_list(struct db *db, int64_t supervisor_id, int pending_only,
		  size_t max, struct db_glass_line **out, size_t *n);
int db_glass_pending(struct db *db, int64_t supervisor_id, long *n);
/* Marks an opening reviewed; DB_NOTFOUND if the supervisor does not
 * answer for it, DB_CONFLICT if it was reviewed already. */
int db_glass_review(struct db *db, int64_t access_id, int64_t supervisor_id,
		    const char *at);

/* ---- purge.c: retention ----
 * Closed cases (closed before the cut-off, not purged yet) lose names,
 * ID numbers, contact details and free text; what reports count stays
 * (status, dates, unit, situation, needs, household relations, outcomes).
 * A person is anonymised only when nothing of theirs is still in use: no
 * case of theirs or of a household they are in that is not purgeable, no
 * active lease, no plan in progress. */
#define DB_PURGE_MARK "[anonymised]"
struct db_purge_case {
	int64_t case_id;
	char number[12];
	char closed_at[DB_DATE];
	char unit_code[17];
	long journal;     /* entries whose text goes */
	long referrals;
	long decisions;
	long members;     /* household members besides the applicant */
	int person_goes;  /* the applicant is anonymised too */
};
/* The purgeable cases after after_id (0: from the start), by id, at most
 * max. */
int db_purge_candidates(struct db *db, const char *cutoff, int64_t after_id,
			size_t max, struct db_purge_case *out, size_t *n);
/* Starts a run (kept for ever: who, when, the cut-offs). */
int db_purge_begin(struct db *db, int64_t staff_id, const char *at,
		   const char *before, const char *cutoff, int years,
		   const char *draft_cutoff, int draft_days, int64_t *run_id);
/* Anonymises the cases (each checked again) in ONE transaction, with a
 * 'purge' journal entry each (journal_text); adds to the run's counts and
 * to *cases and *persons. */
int db_purge_cases(struct db *db, int64_t run_id, const int64_t *case_ids,
		   size_t n, const char *cutoff, int64_t staff_id,
		   const char *at, const char *journal_text, long *cases,
		   long *persons);
int db_purge_finish(struct db *db, int64_t run_id, const char *at);
/* Intake drafts last changed (updated_at) before the day draft_cutoff:
 * what a desk worker typed about someone who may never have applied.
 * Only what a dry run may show: never the title or the data. */
struct db_purge_draft {
	int64_t id;
	char kind[17];
	char updated_at[DB_TS];
};
int db_purge_draft_candidates(struct db *db, const char *draft_cutoff,
			      int64_t after_id, size_t max,
			      struct db_purge_draft *out, size_t *n);
/* Deletes the drafts (each checked again: one saved meanwhile stays) in
 * ONE transaction that adds them to the run's count and to *drafts. */
int db_purge_drafts(struct db *db, int64_t run_id, const int64_t *ids,
		    size_t n, const char *draft_cutoff, long *drafts);

/* ---- instrument.c: the housing instruments of a case (issue 8) ----
 * One row per case and instrument once considered; no row is "none". */
struct db_instrument_rec {
	char code[33];
	char state[17];      /* none not_relevant to_apply applied granted refused */
	char reason[513];    /* not relevant: why */
	char note[513];
	int64_t unit_id;     /* the handling unit applied to, 0 none */
	char unit_code[17];
	int64_t referral_id; /* sent to the handling unit as a referral */
	char considered_on[DB_DATE];
	char applied_on[DB_DATE];
	char granted_on[DB_DATE];
	char refused_on[DB_DATE];
	char changed_by[129];
	char changed_at[DB_TS];
	int version;         /* 0: no row yet */
};
/* The case's rows by code.  *out malloc'd. */
int db_instrument_list(struct db *db, int64_t case_id,
		       struct db_instrument_rec **out, size_t *n);
/* One row: DB_NOTFOUND when the instrument is not considered yet. */
int db_instrument_get(struct db *db, int64_t case_id, const char *code,
		      struct db_instrument_rec *out);
/* A change guarded by the version read (0: there must be no row yet),
 * with its journal line (kind "instrument"): one transaction.  The dates
 * are kept once set: considered_on on the first change, applied_on from
 * applied, granted_on and refused_on from those states. */
struct db_instrument_change {
	int64_t case_id;
	const char *code;
	int version;
	const char *state, *reason, *note;
	const char *applied_on;  /* applied, granted, refused: the day applied */
	int64_t unit_id;         /* the handling unit, 0 none */
	int64_t referral_id;     /* 0 keeps the one recorded */
	const char *today;
	int64_t staff_id;
	const char *at;
	const char *journal_text;
};
int db_instrument_set(struct db *db, const struct db_instrument_change *c);
/* Households (a case without a household counts its applicant) of the
 * cases of a unit (0: every unit) with each instrument considered, applied
 * for and granted on a day in [from, to].  *out malloc'd, by code. */
struct db_instrument_count {
	char code[33];
	long considered, applied, granted;
};
int db_instrument_counts(struct db *db, int64_t unit_id, const char *from,
			 const char *to, struct db_instrument_count **out,
			 size_t *n);
/* Households of a unit's cases (0: every unit) refused a dwelling by a
 * decision issued in [from, to] with no instrument other than
 * except_code applied for (applied, granted or refused). */
int db_instrument_refused_alone(struct db *db, int64_t unit_id,
				const char *from, const char *to,
				const char *except_code, long *n);

/* ==================================================================
 * overview.c / report.c: the supervisor's overview and the half-year
 * report (issue 6).  The scope is the cases whose responsible unit
 * staff_id supervises, or only unit_id of those (0: all of them).
 * ================================================================== */
struct db_ov_scope {
	int64_t staff_id;
	int64_t unit_id;
};
/* The units in scope, by name. */
int db_ov_units(struct db *db, const struct db_ov_scope *sc,
		struct unit_rec *out, size_t max, size_t *n);
/* Cases in scope with a status. */
int db_ov_status_count(struct db *db, const struct db_ov_scope *sc,
		       const char *status, long *n);
/* Open cases (neither housed nor closed) with a housing situation. */
int db_ov_situation_count(struct db *db, const struct db_ov_scope *sc,
			  const char *situation, long *n);
/* Open deadlines of a kind: *overdue those due on yday or before,
 * *soon those due in [today, soon]; one read of the kind's days. */
int db_ov_deadline_count(struct db *db, const struct db_ov_scope *sc,
			 const char *kind, const char *yday, const char *today,
			 const char *soon, long *overdue, long *due_soon);
/* The same for the open referral deadlines a unit in scope owes the
 * answer to: the receiving unit's side. */
int db_ov_owed_count(struct db *db, const struct db_ov_scope *sc,
		     const char *yday, const char *today, const char *soon,
		     long *overdue, long *due_soon);
/* Whole days from receipt to each case's first decision of a track
 * (allocation, assistance) issued in [from, to], ascending; malloc'd.
 * Counts and waits are the running counts kept by 0006's triggers. */
int db_ov_waits(struct db *db, const struct db_ov_scope *sc,
		const char *track, const char *from, const char *to,
		int **out, size_t *n);
/* The same as (wait, how many) for the calendar months from_month to
 * to_month ("YYYY-MM"), one row per wait, ascending; n_recent counts
 * those of the months from recent_month on (the 6 months within the
 * 12). */
struct db_ov_wait_bin {
	int wait;
	long n;
	long n_recent;
};
int db_ov_wait_hist(struct db *db, const struct db_ov_scope *sc,
		    const char *track, const char *from_month,
		    const char *recent_month, const char *to_month,
		    struct db_ov_wait_bin **out, size_t *n);
/* The newest decision in the waiting times (0: none). */
int db_ov_wait_stamp(struct db *db, int64_t *stamp);
enum db_ov_group {
	DBG_RECEIVED,   /* cases received in the period, by track */
	DBG_DECISION,   /* decisions issued, "track:outcome" */
	DBG_APPEAL,     /* appeals received: status, or "body:OUTCOME" */
	DBG_LEASE,      /* leases reviewed: the outcome */
	DBG_REFERRAL,   /* referrals sent: their status now */
	DBG_SITUATION,  /* cases received: the housing situation */
	DBG_EVALUATION, /* plan evaluations due: on_time late open */
	DBG__COUNT
};
struct db_ov_count {
	char key[48];
	long n;
};
int db_ov_group(struct db *db, const struct db_ov_scope *sc,
		enum db_ov_group g, const char *from, const char *to,
		struct db_ov_count *out, size_t max, size_t *n);
/* Vacant dwellings now: how many, vacant over 30 and over 90 days, the
 * longest vacancy in days. */
int db_ov_vacant(struct db *db, const char *today, long *n, long *over30,
		 long *over90, long *longest_days);
enum db_ov_list {
	DBL_STATUS,    /* key: a status; oldest first */
	DBL_SITUATION, /* key: a situation; open cases, oldest first */
	DBL_OPEN,      /* every open case, oldest first */
	DBL_DEADLINE,  /* key: a kind; open, due in [from, to], soonest first */
	DBL_OWED,      /* referral answers owed by a unit in scope, the same */
	DBL_WAIT,      /* key: a track; first decisions in [from, to]; the
			* wait in days in due_kind */
	DBL_DECISION,  /* key: "track:outcome"; issued in [from, to] */
	DBL_APPEAL,    /* key: a status or "body:OUTCOME"; received in it */
	DBL_LEASE,     /* key: a review outcome; reviewed in [from, to] */
	DBL__COUNT
};
/* The running counts checked against a direct count of the rows they
 * count (cases, open deadlines, decisions): differing cells, 0 if none. */
int db_ov_verify(struct db *db, long *mismatches);
/* A page after `after` (a line's sort_key; NULL first).  Every line
 * carries a day in next_due (received, due, decided, appealed,
 * reviewed), the deadline kind or outcome in due_kind, the responsible
 * staff member (else the responsible unit) in unit_name and, for
 * referral deadlines, the referral in ref_id. */
int db_ov_page(struct db *db, const struct db_ov_scope *sc,
	       enum db_ov_list l, const char *key, const char *from,
	       const char *to, const char *after, size_t limit,
	       struct db_case_line *out, size_t *n);

#endif
