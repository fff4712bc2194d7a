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

#endif

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
};
enum db_search_by { DB_BY_NAME, DB_BY_NID, DB_BY_NUMBER };
int db_case_search(struct db *db, const struct db_visibility *v,
		   enum db_search_by by, const char *key, const char *after,
		   size_t limit, struct db_case_line *out, size_t *n);
enum db_queue {
	DBQ_MY_CASES,
	DBQ_UNIT_INBOX,
	DBQ_TODAY,
	DBQ_ALLOCATION,
	DBQ_SUPERVISOR,
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
 * case file plausible); db only stores them, one transaction per batch
 * with the statements prepared once.  Ids are chosen by core, which is why
 * the loader runs only on a database without persons, cases or dwellings
 * (db_demo_empty).  Text is borrowed until db_demo_load returns; NULL or
 * "" in an optional column is stored as NULL. */
int db_demo_empty(struct db *db, int *empty);
/* Bulk loading of a fresh file: synchronous=OFF and a large page cache
 * while on; synchronous=FULL and a WAL checkpoint when turned off. */
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
	const char *const *alloc_status; /* NULL-terminated */
	/* filters */
	const char *status;  /* NULL = any */
	int64_t only_unit;   /* 0 = any */
};
struct db_export_row {
	int64_t case_id, person_id, unit_id;
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
