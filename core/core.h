/*
 * core: the domain library of bosak.  Rules, permissions, deadlines.  No
 * SQL (that is db/) and no curses (that is tui/).  Every call that touches
 * the case file takes the session first; errors come back as ERR_* with a
 * sentence for the user in session->err (or in the struct err passed in).
 */
#ifndef BOSAK_CORE_H
#define BOSAK_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "../db/db.h"
#include "errors.h"
#include "i18n.h"

/* ---------------------------------------------------------------- err.c */
struct err {
	int code;
	char msg[512];
	char field[64]; /* which input it concerns, "" if none */
};

/* Sets code and a formatted sentence (already translated by the caller);
 * returns code so that `return err_set(...)` reads naturally. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int err_set_field(struct err *e, int code, const char *field, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));
/* Maps a DB_* code to ERR_* with the table's sentence; returns the code. */
int err_from_db(struct err *e, int db_rc);
void err_clear(struct err *e);
/* The table's translated default sentence for a code. */
const char *err_default(int code);

/* ------------------------------------------------------------- config.c */
#define CFG_MAX_KEYS 64
#define CFG_SITUATIONS 8
struct config {
	char path[4096];     /* the file read, "" when none */
	bool from_file;
	char warning[512];   /* non-fatal: e.g. the file was missing */

	char municipality[129];
	char db_path[4096];
	char language[17];   /* nb (default), nn, en */
	char print_command[256];

	int interim_days;        /* decision or interim reply within (30) */
	int interim_warn_days;   /* show "interim reply due" this early (7) */
	int referral_days;       /* a referral is answered within (14) */
	int appeal_weeks;        /* 3 */
	int late_appeal_days;    /* a late appeal can be taken in up to (365) */
	int lease_months;        /* 36 */
	int lease_months_children; /* 36, or longer where the municipality does */
	int lease_min_months;    /* 36 */
	int review_months;       /* review the tenancy this early (6) */
	int retention_years;     /* closed cases are purged after (10) */

	/* priority weights for the allocation queue */
	int w_homeless;
	int w_children;
	int w_health;
	int w_discharge;
	int w_waiting_month;

	char appeal_body_allocation[257];
	char appeal_body_assistance[257];
	char law_allocation[257];
	char law_assistance[257];
	char law_admin[257];
	char law_lease[257];

	char template_dir[4096];
	char tpl_decision[256];
	char tpl_interim[256];
	char tpl_receipt[256];
	char tpl_plan[256];

	bool allow_synthetic_nid;
	/* responsible unit code by housing situation, "" = the desk's own */
	char default_unit[CFG_SITUATIONS][17];

	/* [keys] action = key names; validated by tui's keymap */
	int nkeys;
	char key_action[CFG_MAX_KEYS][33];
	char key_names[CFG_MAX_KEYS][65];
};

void config_defaults(struct config *cfg);
/* Loads path over the defaults.  A missing file is not an error: defaults
 * are kept and cfg->warning says so.  A bad value returns ERR_CONFIG with
 * "FILE: [section] key = 'value': what is accepted" in e. */
int config_load(struct config *cfg, const char *path, struct err *e);
/* The system configuration file (SYSCONFDIR/bosak/bosak.ini). */
const char *config_system_path(void);

/* ---------------------------------------------------------------- nid.c */
enum nid_kind { NID_FNR, NID_DNR };
struct nid_info {
	enum nid_kind kind;
	bool synthetic;             /* month + 80: test and demo data only */
	char birth[DB_DATE];        /* ISO birth date */
};
/* Validates a fødselsnummer or D-nummer (spaces allowed, they are removed
 * into out[12]).  Both control-digit rules (today's and 2032's) accepted.
 * Gender is never derived. */
int nid_check(const char *text, bool allow_synthetic, char out[12],
	      struct nid_info *info, struct err *e);
/* Makes a valid synthetic number for a birth date (demo and tests).
 * serial picks the individual digits; returns 0 or ERR_INVAL. */
int nid_make_synthetic(const char *birth_iso, unsigned serial, bool dnr,
		       char out[12]);
/* "010190 12345" -> "010190*****": for places where the number must not
 * be read in full (lists, letters' address block never shows it at all). */
void nid_mask(const char *nid, char out[12]);

/* --------------------------------------------------------------- date.c */
/* A day number: days since 1970-01-01 (may be negative). */
typedef int32_t day_t;
#define DAY_NONE INT32_MIN
bool date_valid(int y, int m, int d);
/* "YYYY-MM-DD" -> day number, DAY_NONE if not a real date. */
day_t date_days(const char *iso);
void date_iso(day_t day, char out[DB_DATE]);
/* User input: DD.MM.YYYY, D.M.YYYY, DDMMYYYY, DD.MM.YY and YYYY-MM-DD.
 * Writes ISO; ERR_INVAL with a sentence otherwise. */
int date_parse(const char *text, char iso[DB_DATE], struct err *e);
/* ISO -> "DD.MM.YYYY"; "" stays "". */
void date_show(const char *iso, char out[DB_DATE]);
/* Adds months, clamping the day to the month's end (31.01 + 1 = 28/29.02). */
day_t date_add_months(day_t day, int months);
/* UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" of t. */
void date_timestamp(time_t t, char out[DB_TS]);

/* ------------------------------------------------------------- amount.c */
/* Whole kroner: "12 500", "12500", "12.500", "kr 12 500,-", "12 500 kr". */
int amount_parse(const char *text, int64_t *kroner, struct err *e);
/* 12500 -> "12 500" (no-break space not used: plain space for terminals) */
void amount_show(int64_t kroner, char *out, size_t size);

/* ---------------------------------------------------------------- csv.c */
/* A CSV reader for what Norwegian Excel writes: UTF-8 with or without a
 * byte-order mark, ';' or ',' (chosen from the first line), quoted fields
 * with "" for a quote and line breaks inside quotes. */
#define CSV_MAX_FIELDS 64
struct csv_reader {
	FILE *fp;
	char sep;
	unsigned long line;       /* the line the current record started on */
	unsigned long next_line;
	bool started;
	char *buf;                /* the record's text; fields point into it */
	size_t cap;
	size_t nfields;
	char *field[CSV_MAX_FIELDS];
};
void csv_init(struct csv_reader *r, FILE *fp);
/* 1 a record, 0 end of file, ERR_INVAL (bad UTF-8, too many fields, an
 * unterminated quote) with "line N: reason" in e; after an error the next
 * call continues with the next record. */
int csv_next(struct csv_reader *r, struct err *e);
void csv_release(struct csv_reader *r);
/* Writes one field quoted when needed, for export. */
void csv_put(FILE *fp, const char *field, char sep);
bool utf8_valid(const char *s, size_t len);

/* --------------------------------------------------------------- text.c */
/* Folds a name for prefix search: lower case, æøå kept, accents on other
 * latin letters removed, runs of spaces to one. */
void text_fold(const char *in, char *out, size_t size);
/* Copies at most size-1 bytes without cutting a UTF-8 sequence. */
void text_copy(char *dst, size_t size, const char *src);
/* Trims spaces at both ends in place. */
char *text_trim(char *s);
/* Width in terminal columns of a UTF-8 string. */
int text_width(const char *s);

/* ------------------------------------------------------------ session.c */
enum role {
	ROLE_DESK = 1 << 0,
	ROLE_CASEWORKER = 1 << 1,
	ROLE_ALLOCATION = 1 << 2,
	ROLE_SUPERVISOR = 1 << 3,
	ROLE_ADMIN = 1 << 4,
};
#define SESSION_MAX_MEMBERS 32
struct session {
	struct db *db;
	const struct config *cfg;
	time_t (*clock)(void *ctx); /* now; tests set it */
	void *clock_ctx;
	struct staff_rec me;
	size_t nmembers;
	struct member_rec member[SESSION_MAX_MEMBERS];
	unsigned roles;             /* union of ROLE_* over every unit */
	struct err err;
};

/* Opens db (creating it if create) and migrates it.  No login yet. */
int session_open_db(struct session *s, const struct config *cfg,
		    const char *db_path, bool create);
/* Logs in as the real Unix user (getuid()), never a flag or variable.
 * ERR_DENIED naming `bosak admin user add` if not a registered active user. */
int session_login(struct session *s);
/* Logs in as a named login: for tests and `bosak demo` only. */
int session_login_as(struct session *s, const char *login);
void session_close(struct session *s);
time_t session_now(const struct session *s);
day_t session_today(const struct session *s);
void session_today_iso(const struct session *s, char out[DB_DATE]);
void session_now_ts(const struct session *s, char out[DB_TS]);
bool session_has_role(const struct session *s, enum role r);
bool session_in_unit(const struct session *s, int64_t unit_id, unsigned roles);
/* The login name of the real user (getpwuid(getuid())). */
const char *session_unix_login(void);
/* The unit the title line names: the first membership's. */
const char *session_unit_name(const struct session *s);
enum role role_from_name(const char *name);
const char *role_label(enum role r);

/* --------------------------------------------------------------- unit.c
 * Units, staff and memberships: administration. */
bool unit_kind_valid(const char *kind);
const char *unit_kind_label(const char *kind);
int unit_add(struct session *s, const char *code, const char *name,
	     const char *kind);
int unit_find(struct session *s, const char *code, struct unit_rec *out);
int unit_list(struct session *s, struct unit_rec **out, size_t *n);
int staff_add(struct session *s, const char *login, const char *name);
int staff_grant(struct session *s, const char *login, const char *unit_code,
		const char *role);
int staff_revoke(struct session *s, const char *login, const char *unit_code,
		 const char *role);
/* Every staff member with their memberships, for `admin user list`. */
struct staff_line {
	struct staff_rec staff;
	char roles[512]; /* "NAV:caseworker, NAV:supervisor" */
};
int staff_list(struct session *s, struct staff_line **out, size_t *n);
/* First-time set-up: empty database -> the invoking login as admin of an
 * administration unit.  Needs no session login. */
int admin_bootstrap(struct session *s, const char *login, const char *name);

/* --------------------------------------------------------------- case.c */
enum case_status {
	CS_REGISTERED,
	CS_ASSESSMENT,
	CS_HANDED_OVER,
	CS_RETURNED,
	CS_GRANTED,
	CS_WAITING,
	CS_REJECTED,
	CS_APPEALED,
	CS_HOUSED,
	CS_CLOSED,
	CS__COUNT
};
enum situation {
	SIT_TEMPORARY,     /* homeless 1: casual or temporary accommodation */
	SIT_RELATIVES,     /* homeless 2: staying with relatives or friends */
	SIT_INSTITUTION,   /* homeless 3: discharge within two months */
	SIT_ROUGH,         /* homeless 4: sleeping rough */
	SIT_EVICTION,      /* at risk of losing the home */
	SIT_UNSUITABLE,
	SIT_NOT_RENEWABLE,
	SIT_ADEQUATE,
	SIT__COUNT
};
enum need {
	NEED_ADAPTED = 1 << 0,
	NEED_STAFFED = 1 << 1,
	NEED_FOLLOWUP = 1 << 2,
	NEED_ECONOMIC = 1 << 3,
	NEED_OTHER = 1 << 4,
};
const char *case_status_name(enum case_status st);  /* stored name */
int case_status_from_name(const char *name);        /* -1 if unknown */
const char *case_status_label(enum case_status st); /* translated */
const char *situation_name(enum situation s);
int situation_from_name(const char *name);
const char *situation_label(enum situation s);
bool situation_homeless(enum situation s);
const char *track_label(const char *track);
const char *close_reason_label(const char *reason);

/* The status machine: may a user with these roles move a case from `from`
 * to `to`?  Returns 0 or ERR_INVAL/ERR_DENIED with the sentence. */
int case_transition_check(enum case_status from, enum case_status to,
			  unsigned roles, struct err *e);
/* Moves the case, guarded by the version the caller read; journaled in the
 * same transaction.  ERR_CONFLICT on a stale version. */
int case_transition(struct session *s, int64_t case_id, int version,
		    enum case_status to, const char *note);
int case_close(struct session *s, int64_t case_id, int version,
	       const char *reason, const char *note);
/* Reads a case the user may see; writes the access-log row. */
int case_open(struct session *s, int64_t case_id, struct case_rec *out);
int case_by_number(struct session *s, const char *number, int64_t *id);
int case_note(struct session *s, int64_t case_id, const char *text);
int case_journal(struct session *s, int64_t case_id, struct journal_rec **out,
		 size_t *n);
/* A journal line in the reader's language (core/journal.c). */
void journal_render(const struct journal_rec *j, char *out, size_t size);
/* Details for the case view.  Each checks access again (without another
 * log row: case_open logged the read).  *out malloc'd. */
int case_household(struct session *s, int64_t case_id,
		   struct hh_member_rec **out, size_t *n);
int case_docs(struct session *s, int64_t case_id, struct doc_rec **out,
	      size_t *n);
int case_consents(struct session *s, int64_t case_id,
		  struct consent_rec **out, size_t *n);
int case_next_deadline(struct session *s, int64_t case_id, char kind[17],
		       char due[DB_DATE]);
const char *deadline_kind_label(const char *kind);
const char *doc_kind_label(const char *kind);
const char *need_label(enum need n);
/* Interim reply (foreløpig svar): due when no decision is made within
 * cfg->interim_days - cfg->interim_warn_days of receipt and none was sent. */
bool case_interim_due(struct session *s, const struct case_rec *c);
/* Records the interim reply as sent (reason, expected date), journals it,
 * and composes the letter from its template into *letter (malloc'd). */
int case_interim_record(struct session *s, int64_t case_id, int version,
			const char *reason, const char *expected_iso,
			char **letter);
/* The applicant's receipt: case number, date received, what is missing. */
int case_receipt(struct session *s, int64_t case_id, char **text);

/* ------------------------------------------------------------- letter.c */
struct letter_var {
	const char *name;
	const char *value;
};
/* Reads cfg->template_dir/name and replaces {{name}} by the values; an
 * unknown placeholder is an error (a letter never goes out half-filled). */
int letter_fill(struct session *s, const char *template_name,
		const struct letter_var *vars, size_t n, char **out);
/* Writes text to path with the user's own rights (0600, never overwriting),
 * or through cfg->print_command when path is NULL. */
int letter_output(struct session *s, const char *text, const char *path);

/* ------------------------------------------------------------- intake.c
 * Registration of an application at the service desk. */
#define INTAKE_MAX_MEMBERS 12
#define INTAKE_MAX_DOCS 12
#define INTAKE_MAX_CONSENTS 16
struct intake_consent {
	int64_t unit_id;
	bool given; /* false: refused */
};
struct intake {
	struct person_rec applicant; /* id 0 = new person */
	size_t nmembers;             /* other household members */
	struct hh_member_rec member[INTAKE_MAX_MEMBERS];
	enum situation situation;
	char discharge[DB_DATE];     /* SIT_INSTITUTION */
	unsigned needs;              /* NEED_* */
	char needs_note[257];
	int64_t income;              /* kroner a year, -1 unknown */
	int64_t debt;                /* kroner, -1 unknown */
	char track[17];              /* dwelling assistance both */
	size_t ndocs;
	struct doc_rec doc[INTAKE_MAX_DOCS];
	size_t nconsents;
	struct intake_consent consent[INTAKE_MAX_CONSENTS];
	int64_t unit_id;             /* responsible unit, 0 = configured default */
	int64_t draft_id;            /* the draft this came from, deleted on
					registration in the same transaction */
};
/* Defaults: the documentation checklist, track dwelling, nothing known. */
void intake_init(struct session *s, struct intake *in);
/* Checks every field; ERR_INVAL with err.field naming the first bad one. */
int intake_validate(struct session *s, struct intake *in);
/* The person already registered with this ID number (reused, never
 * duplicated): 0 and *out, or ERR_NOTFOUND. */
int intake_find_person(struct session *s, const char *nid,
		       struct person_rec *out);
/* Persons with the same family name and birth date but another number. */
int intake_duplicates(struct session *s, const struct intake *in,
		      struct person_rec **out, size_t *n);
/* The responsible unit the configuration gives for a situation, else the
 * user's own first unit. */
int intake_default_unit(struct session *s, enum situation sit,
			int64_t *unit_id);
/* Registers the case with today's received date (the legal clock starts):
 * person (new or reused), household, case, checklist, consents, journal,
 * the interim-reply deadline: one transaction.  The responsible caseworker
 * is the unit's caseworker with the fewest open cases. */
int intake_register(struct session *s, struct intake *in, int64_t *case_id,
		    char number[12]);
/* What is still missing on a case, as one translated line per item. */
int case_missing(struct session *s, int64_t case_id, char *out, size_t size);

/* -------------------------------------------------------------- draft.c
 * Everything typed is kept as a draft from the first field.  The data is
 * opaque to core: the screen's own field texts, typed or not yet valid. */
struct draft_rec {
	int64_t id;
	char kind[17];
	char title[161];
	char updated_at[DB_TS];
};
int draft_save(struct session *s, int64_t *id, const char *kind,
	       const char *title, const char *data);
/* *data is malloc'd; the caller frees it. */
int draft_load(struct session *s, int64_t id, char **data);
int draft_list(struct session *s, struct draft_rec **out, size_t *n);
int draft_delete(struct session *s, int64_t id);

/* ------------------------------------------------------------- search.c
 * Case lists: search results and queues.  Pages are read by keyset: pass
 * the last line of the previous page as `after` (NULL for the first). */
/* The lines are struct db_case_line (db.h): the same fields core hands on. */
/* Name prefix (case-insensitive, æøå-aware), ID number, or case number;
 * only what the user may see. */
int case_search(struct session *s, const char *query,
		const struct db_case_line *after, size_t limit,
		struct db_case_line *out, size_t *n);

enum queue_kind {
	Q_MY_CASES,      /* caseworker: my open cases (each with its next deadline) */
	Q_UNIT_INBOX,    /* caseworker: the unit's cases in no one's hands yet */
	Q_TODAY,         /* desk: registered today by my units */
	Q_ALLOCATION,    /* allocation group: handed over */
	Q_SUPERVISOR,    /* supervisor: my units' open cases, oldest first */
	Q__COUNT
};
const char *queue_label(enum queue_kind q);
/* Which queues this user has, in home-screen order; returns how many. */
size_t queue_kinds(const struct session *s, enum queue_kind out[Q__COUNT]);
int queue_count(struct session *s, enum queue_kind q, long *n);
int queue_page(struct session *s, enum queue_kind q,
	       const struct db_case_line *after, size_t limit,
	       struct db_case_line *out, size_t *n);

/* ------------------------------------------------------------- access.c */
enum access_reason {
	AR_NONE = 0,
	AR_OWN,
	AR_REFERRAL,
	AR_ALLOCATION,
	AR_SUPERVISOR,
	AR_PLAN,
	AR_BREAK_GLASS,
	AR_ADMIN,
};
const char *access_reason_name(enum access_reason r);
/* Why (if at all) the user may see this case; AR_NONE means denied. */
enum access_reason access_case(struct session *s, const struct case_rec *c);
/* Writes the access-log row (innsynslogg) for a read. */
int access_log(struct session *s, int64_t person_id, int64_t case_id,
	       enum access_reason why, const char *detail);
int access_log_denied(struct session *s, int64_t person_id, int64_t case_id,
		      const char *detail);
/* Who has looked at a person's case file (the person may ask). */
int access_history(struct session *s, int64_t person_id,
		   struct access_rec **out, size_t *n);

/* --------------------------------------------------------------- demo.c */
struct demo_opts {
	long persons;
	unsigned long seed;
	bool quiet;
};
/* Fills a database that has no persons, cases or dwellings yet (else
 * ERR_CONFLICT) with synthetic data; needs the admin role.  The same seed,
 * N and today give the same data.  Progress and a summary go to progress
 * unless o->quiet. */
int demo_fill(struct session *s, const struct demo_opts *o, FILE *progress);
/* An empty database: makes login its administrator (admin_bootstrap);
 * otherwise logs login in and requires the admin role. */
int demo_login(struct session *s, const char *login);
/* No persons, cases or dwellings yet: demo_fill may run. */
int demo_is_empty(struct session *s, bool *empty);
/* `demo --register-me`: login (registered if new) gets every role: desk
 * in SK, caseworker and supervisor in NAV, allocation in TILD, admin in
 * ADM.  Needs the admin role; running it again changes nothing. */
int demo_register(struct session *s, const char *login);

/* ------------------------------------------------------------- import.c */
struct import_result {
	long imported;
	long skipped;
	long bad;
	bool file_error; /* the file could not be read (exit 66) */
};
/* Imports the applicants' waiting list; every bad line is written to
 * report as "FILE:LINE: reason".  Nothing is imported if any line is bad,
 * unless skip_bad. */
int import_applicants(struct session *s, const char *path, bool skip_bad,
		      FILE *report, struct import_result *res);

/* ------------------------------------------------------------- export.c */
struct export_filter {
	const char *status; /* NULL = all */
	const char *unit;   /* unit code, NULL = all the user may see */
	char sep;           /* ';' default */
	bool bom;
	bool with_nid;      /* the ID number column: supervisors only */
};
/* CSV of the cases the user sees as own unit, supervisor or allocation
 * group (not those seen only through a referral), oldest first; one
 * access-log row per case, written before the output. */
int export_cases(struct session *s, const struct export_filter *f, FILE *out);

/* ------------------------------------------------------------- backup.c */
/* A consistent copy of the database while others work (SQLite's online
 * backup); refuses to overwrite an existing file; checks the copy. */
int backup_to(struct session *s, const char *dest);

#endif
