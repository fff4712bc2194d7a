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
#define CFG_INSTRUMENTS 10
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
	int draft_days;          /* drafts unchanged this long are deleted (90) */

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
	/* [handover] checklist: the HI_* items a case needs to be handed
	 * over (allocation.c) */
	unsigned handover_checks;
	/* [instruments] the unit that handles each housing instrument (the
	 * order of instrument.c's table): a unit code, "" for the case's
	 * responsible unit, "none" where the municipality does not offer
	 * it; and whether a handover needs every one considered */
	char instrument_unit[CFG_INSTRUMENTS][17];
	bool instruments_required;

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
#define SESSION_MAX_GLASS 16
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
	/* cases opened by breaking the glass in this session (access.c) */
	int64_t glass[SESSION_MAX_GLASS];
	size_t nglass;
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
/* Before each action of the user's (a key).  After a save, the session's
 * next reads (the screen shown again) wait until the saves already
 * queued by other sessions are done, so that in a burst of saves the
 * saving goes first; a new action starts without that wait. */
void session_action_begin(struct session *s);
/* The screen is drawn and the user reads: the moment for the database's
 * housekeeping (db_idle), which a save would otherwise make them wait
 * for. */
void session_idle(struct session *s);
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
/* The case again, for the view case_open opened, after the user's own
 * change to it: access checked as case_open does (a refusal is logged),
 * but no new access-log row: the read was logged when the case was
 * opened and the change is in the journal, as the view's other details
 * (case_household and the rest) are read without one. */
int case_reread(struct session *s, int64_t case_id, struct case_rec *out);
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
/* Whether this user may send the case's interim reply: a caseworker of
 * its responsible unit.  The screen offers the action only then. */
bool case_can_interim(struct session *s, const struct case_rec *c);
/* The reason and the expected date as case_interim_record checks them,
 * so that a screen can ask again before anything is recorded: ERR_INVAL
 * with err.field "reason" or "expected". */
int case_interim_check(struct session *s, const char *reason,
		       const char *expected_iso);
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
/* Whether letter_output to path could go ahead: the file does not exist
 * and its folder may be written by the user (or, for NULL, a print
 * command is set).  ERR_IO with the sentence; nothing is written. */
int letter_output_check(struct session *s, const char *path);

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
/* Reads a case for a core function that needs it and checks that the
 * user may see it, writing no read row (the view's case_open logged the
 * read).  A refusal is logged as an attempt at `what` ("open",
 * "decision", ...) and answered ERR_DENIED in the same words as a case
 * that does not exist; *c is then cleared.  why, if not NULL, gets the
 * reason the user may see it. */
int case_visible(struct session *s, int64_t case_id, struct case_rec *c,
		 const char *what, enum access_reason *why);
/* The roles that count on a case (ROLE_* bits): those the user holds in
 * its responsible unit, and the allocation group's wherever held. */
unsigned case_roles(const struct session *s, const struct case_rec *c);
/* Writes the access-log row (innsynslogg) for a read. */
int access_log(struct session *s, int64_t person_id, int64_t case_id,
	       enum access_reason why, const char *detail);
int access_log_denied(struct session *s, int64_t person_id, int64_t case_id,
		      const char *detail);
/* One access-log row in the reader's language: why the reader had
 * access ("own unit", "broke the glass", "refused") and what was read
 * ("opened the case", "read plan version 3"); free text (a demo's, an
 * older program's) is shown as it was written. */
void access_render(const struct access_rec *r, char *out, size_t size);
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
/* The reading loop both imports share (applicants, dwellings): header,
 * then each record; a record the CSV reader refuses goes to bad() and the
 * loop goes on.  header returns 1 when the header is good. */
struct import_ops {
	int (*header)(void *ctx, struct csv_reader *r);
	int (*line)(void *ctx, struct csv_reader *r);
	void (*bad)(void *ctx, unsigned long line, const char *msg);
};
int import_csv(struct session *s, FILE *fp, const char *path,
	       const struct import_ops *ops, void *ctx, bool *file_error);
/* ERR_INVAL: "N lines are bad; nothing was imported ..." */
int import_refuse_bad(struct session *s, long bad, long good);
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

/* ============================================================ security
 * Issue 7: setgid installation, break the glass, retention.  (Appended
 * section; core/setgid.c, core/access.c, core/purge.c.) */

/* ------------------------------------------------------------- setgid.c */
#define SETGID_GROUP "bosak"
/* First thing in main: notes whether bosak runs setgid (its effective
 * group is not the user's); if so the environment is reduced to checked
 * terminal, language and time-zone variables, PATH is fixed and the umask
 * keeps others out. */
void setgid_init(void);
bool setgid_active(void);
/* The environment reduction alone (setgid_init does it; for tests). */
void setgid_sanitise_env(void);
/* Leaves the group for good (an administrator's own -c or --db file):
 * afterwards everything runs with the user's own rights.  -1 on failure. */
int setgid_drop(void);
/* Between these two everything runs with the user's own rights, while
 * the database's files, already open, stay usable (a backup to a file of
 * the user's).  setgid_lower returns -1 if it cannot. */
int setgid_lower(void);
void setgid_raise(void);
/* Opens a file with the real user's own rights (never the group's): for
 * letters, receipts, exports, imports and backups.  O_CLOEXEC is added. */
int user_open(const char *path, int flags, unsigned mode);
FILE *user_fopen(const char *path, const char *mode);
/* popen(3) of a command that runs without the group. */
FILE *user_popen(const char *command, const char *mode);

/* ------------------------------------------------ referral.c / plan.c
 * Referral between units: a unit asks another for a service, or hands
 * the responsibility over (a transfer, complete only when accepted).
 * The receiving unit sees the referral text, and who it is about only
 * while the person's consent to that unit is given or another legal
 * basis is recorded.  Records are in db.h. */
struct referral_new {
	int64_t case_id;
	int64_t to_unit_id;
	char kind[17];          /* service transfer */
	char asked[1025];       /* what is asked for */
	char reason[1025];      /* why */
	char basis[17];         /* consent law */
	char basis_note[257];   /* law: the basis as recorded */
};
const char *referral_kind_label(const char *kind);
const char *referral_status_label(const char *status);
const char *referral_basis_label(const char *basis);
/* The coded reasons for a decline (stored names), NULL-terminated. */
extern const char *const referral_decline_codes[];
const char *referral_decline_label(const char *code);
/* Units the case may be referred to: active, not its own, not the
 * allocation group or the forum.  *out malloc'd. */
int referral_targets(struct session *s, int64_t case_id,
		     struct unit_rec **out, size_t *n);
/* Sends a referral from the case's responsible unit: the answer
 * deadline is today + referral_days.  Without the person's consent to
 * that unit and without another recorded basis: ERR_INVAL, err.field
 * "basis", and a sentence offering to record the consent first. */
int referral_create(struct session *s, const struct referral_new *r,
		    int64_t *id);
/* Records the person's consent (given refused withdrawn) to share with
 * a unit, journaled on the case: the responsible unit does this. */
int referral_consent_record(struct session *s, int64_t case_id,
			    int64_t unit_id, const char *state);
/* Reads a referral the user may see (sender, receiver, their
 * supervisors, the forum); access-logged.  person_name is "" when the
 * basis does not let this reader see who it is about. */
int referral_get(struct session *s, int64_t id, struct referral_rec *out);
int referral_messages(struct session *s, int64_t id, struct refmsg_rec **out,
		      size_t *n);
enum referral_right {
	RR_ANSWER = 1 << 0,   /* accept, decline, ask: the receiving unit */
	RR_REPLY = 1 << 1,    /* answer the receiver's question: the sender */
	RR_WITHDRAW = 1 << 2, /* the sender, while unanswered */
	RR_FORUM = 1 << 3,    /* put it on the housing forum's agenda */
	RR_CASE = 1 << 4,     /* the case may be opened from it */
};
unsigned referral_rights(struct session *s, const struct referral_rec *r);
/* Unanswered and the deadline has passed (the day after it). */
bool referral_overdue(const struct session *s, const struct referral_rec *r);
/* Whole days since it was sent. */
int referral_age(const struct session *s, const struct referral_rec *r);
/* Who in the receiving unit may take it (its caseworkers). */
int referral_assignees(struct session *s, int64_t id,
		       struct staff_unit_rec **out, size_t *n);
/* The answers, each guarded by the version read.  Accepting a transfer
 * moves the responsibility (unit and caseworker) in the same
 * transaction; caseworker 0 is the user.  A decline needs a coded
 * reason and a text. */
int referral_accept(struct session *s, int64_t id, int version,
		    int64_t caseworker_id, const char *text);
int referral_decline(struct session *s, int64_t id, int version,
		     const char *code, const char *text);
int referral_ask(struct session *s, int64_t id, int version,
		 const char *question);
int referral_reply(struct session *s, int64_t id, int version,
		   const char *answer);
int referral_withdraw(struct session *s, int64_t id, int version,
		      const char *reason);
int referral_escalate(struct session *s, int64_t id, int version,
		      const char *why);
enum referral_list {
	RL_INBOX,   /* to my units, unanswered, deadline first */
	RL_SENT,    /* mine: questions to me first, then waiting, answers */
	RL_OVERDUE, /* supervisor: unanswered past the deadline */
	RL_CASE,    /* every referral of one case */
	RL__COUNT
};
const char *referral_list_label(enum referral_list l);
/* The lists this user has on the home screen; returns how many. */
size_t referral_lists(const struct session *s,
		      enum referral_list out[RL__COUNT]);
int referral_count(struct session *s, enum referral_list l, int64_t case_id,
		   long *n);
/* A page after `after` (NULL for the first); names emptied where the
 * reader may not see them. */
int referral_page(struct session *s, enum referral_list l, int64_t case_id,
		  const struct referral_rec *after, size_t limit,
		  struct referral_rec *out, size_t *n);
/* Journal lines of referrals, consents, the forum and plans in the
 * reader's language; false when j is none of those. */
bool referral_journal_render(const struct journal_rec *j, char *out,
			     size_t size);
/* The housing forum (boligforum): its members and the supervisors see
 * the agenda; the conclusion names the unit that takes the
 * responsibility and is carried out at once. */
bool forum_member(const struct session *s);
int forum_list(struct session *s, struct forum_rec **out, size_t *n);
int forum_count(struct session *s, long *n);
int forum_get(struct session *s, int64_t id, struct forum_rec *out);
bool forum_may_conclude(const struct session *s, const struct forum_rec *f);
int forum_conclude(struct session *s, int64_t id, int version,
		   int64_t unit_id, const char *conclusion);

/* plan.c: the individual plan, one per person across their cases. */
#define PLAN_MAX_PARTICIPANTS 12
#define PLAN_MAX_MEASURES 12
struct plan {
	struct plan_rec p;
	size_t npart;
	struct plan_participant_rec part[PLAN_MAX_PARTICIPANTS];
	size_t nmeas;
	struct plan_measure_rec meas[PLAN_MAX_MEASURES];
	/* set by plan_open; core checks again on every save */
	enum access_reason why;
	bool may_edit;
	bool restricted;  /* a participant who may see only a part */
	int64_t case_id;  /* the person's newest case: journal and letter */
};
const char *plan_status_label(const char *status);
const char *plan_measure_status_label(const char *status);
const char *plan_participant_kind_label(const char *kind);
const char *plan_may_see_label(const char *may_see);
/* The plan of the case's applicant: 0 and *plan_id, ERR_NOTFOUND (with
 * a sentence) when there is none, ERR_DENIED without access. */
int plan_of_case(struct session *s, int64_t case_id, int64_t *plan_id);
/* A draft plan for the case's applicant (one per person). */
int plan_start(struct session *s, int64_t case_id, int64_t *plan_id);
/* Reads a plan the user may see: the coordinator, the responsible unit
 * of the person's case, and participants with consent (as much as they
 * may see).  Access-logged. */
int plan_open(struct session *s, int64_t plan_id, struct plan *out);
/* What an activation lacks, one translated line each; returns how many. */
int plan_missing(const struct plan *pl, char *out, size_t size);
/* Saves the plan as its next revision (nothing is written when nothing
 * changed).  Status "active" needs consent, a coordinator, a goal and a
 * responsible party for every measure: ERR_INVAL names each missing. */
int plan_save(struct session *s, struct plan *pl);
int plan_set_status(struct session *s, struct plan *pl, const char *status);
int plan_revisions(struct session *s, int64_t plan_id,
		   struct plan_revision_rec **out, size_t *n);
/* A revision as text to read; and compared with the current one. */
int plan_revision_text(struct session *s, int64_t plan_id, int revision,
		       char **text);
int plan_compare(struct session *s, int64_t plan_id, int revision,
		 char **text);
/* The stable text a revision keeps (malloc'd). */
char *plan_snapshot(const struct plan *pl);
/* Line by line: "  " same, "- " only in before, "+ " only in after. */
int plan_diff(const char *before, const char *after, char **out);
/* The plan filled into cfg->tpl_plan for the person and participants. */
int plan_letter(struct session *s, int64_t plan_id, char **text);
int plan_coordinated(struct session *s, struct plan_line **out, size_t *n);
int plan_coordinated_count(struct session *s, long *n);
/* Staff who can coordinate or take part: caseworkers of every unit. */
int plan_staff(struct session *s, struct staff_unit_rec **out, size_t *n);
/* The plan of a case's applicant in one line (status, next evaluation)
 * for the case view: ERR_NOTFOUND when there is none. */
int plan_brief(struct session *s, int64_t case_id, struct plan_line *out);

/* ==================================================================
 * allocation / dwellings / decisions / appeals / leases
 * ================================================================== */

/* ------------------------------------------------------- allocation.c
 * Handover to the allocation group, return, and the queue by priority. */
enum handover_item {
	HI_IDENTITY = 1 << 0,  /* the identity document received */
	HI_HOUSEHOLD = 1 << 1, /* the household registered */
	HI_INCOME = 1 << 2,    /* income documentation received */
	HI_SITUATION = 1 << 3, /* situation and needs mapped */
	HI_CONSENT = 1 << 4,   /* consent to share with the allocation group */
	/* every instrument offered considered: [instruments] required, not
	 * a checklist word (instrument.c) */
	HI_INSTRUMENTS = 1 << 5,
};
#define HI_ALL ((1u << 5) - 1)
/* "identity" ... (the [handover] checklist words); 0 / "" if unknown. */
unsigned handover_item_from_name(const char *name);
const char *handover_item_name(unsigned item);
/* What the item asks for, translated ("identity document received"). */
const char *handover_item_label(unsigned item);
/* The configured checklist items the case lacks (0: complete), and one
 * translated line per item in out ("" when complete). */
int handover_missing(struct session *s, int64_t case_id, unsigned *missing,
		     char *out, size_t size);
/* Hands the case over with a summary note: refused (ERR_INVAL, naming
 * every missing item) until the checklist is complete. */
int handover_give(struct session *s, int64_t case_id, int version,
		  const char *summary);
/* The allocation group returns the case for more information: the reason
 * is required; the responsible unit gets a resubmission deadline. */
int handover_return(struct session *s, int64_t case_id, int version,
		    const char *reason);
/* The newest handover (its note, and a return's reason); ERR_NOTFOUND. */
int handover_last(struct session *s, int64_t case_id,
		  struct handover_rec *out);
/* A checklist document received, missing or not needed (journaled): how
 * the responsible unit completes the file. */
int handover_doc_set(struct session *s, int64_t case_id, const char *kind,
		     const char *state);

/* A case's place in the queue: the configured weights that apply. */
struct alloc_priority {
	int total;
	int homeless, children, health, discharge, waiting; /* points */
	int months;                                     /* full months */
};
void alloc_priority_from(const struct session *s,
			 const struct db_alloc_line *l,
			 struct alloc_priority *p);
int alloc_priority_of(struct session *s, int64_t case_id,
		      struct alloc_priority *p);
/* "75 = homeless 40 + children 20 + 15 months × 1", translated. */
void alloc_priority_explain(const struct alloc_priority *p, char *out,
			    size_t size);
struct alloc_filter {
	char track[17];   /* "" any, dwelling assistance both */
	int min_size, max_size; /* persons, 0 any */
	unsigned needs;   /* NEED_* bits every case must have */
};
/* Handed-over and waiting cases, highest priority first, ties by the
 * date received.  The allocation group only. */
int alloc_queue_page(struct session *s, const struct alloc_filter *f,
		     const struct db_alloc_line *after, size_t limit,
		     struct db_alloc_line *out, size_t *n);
int alloc_queue_count(struct session *s, const struct alloc_filter *f,
		      long *n);
/* Rooms a household of this many persons needs. */
int alloc_rooms_needed(int persons);
/* The allocation work's journal lines in the reader's language; false
 * for a line of another form (journal_render shows it). */
bool journal_render_allocation(const struct journal_rec *j, char *out,
			       size_t size);

/* Case lists of the allocation work, shown on the home screen. */
enum alloc_list {
	AL_DECISIONS,    /* new decisions on my units' cases */
	AL_APPEALS,      /* appeals to reassess or with the appeal body */
	AL_LEASES,       /* leases to review */
	AL__COUNT
};
const char *alloc_list_label(enum alloc_list l);
size_t alloc_list_kinds(const struct session *s,
			enum alloc_list out[AL__COUNT]);
int alloc_list_count(struct session *s, enum alloc_list l, long *n);
int alloc_list_page(struct session *s, enum alloc_list l,
		    const struct db_case_line *after, size_t limit,
		    struct db_case_line *out, size_t *n);

/* ---------------------------------------------------------- dwelling.c */
const char *dwelling_status_label(const char *status);
/* Who manages the register: the allocation group, the property unit,
 * administrators. */
bool dwelling_may_manage(const struct session *s);
/* Checks every field; ERR_INVAL with err.field naming the first bad one. */
int dwelling_validate(struct session *s, const struct dwelling_rec *d);
/* Adds (id 0) or changes a dwelling, guarded by its version. */
int dwelling_save(struct session *s, struct dwelling_rec *d);
int dwelling_get(struct session *s, int64_t id, struct dwelling_rec *out);
/* A page in order of address; status "" any. */
int dwelling_page(struct session *s, const char *status,
		  const struct dwelling_rec *after, size_t limit,
		  struct dwelling_rec *out, size_t *n);
int dwelling_count(struct session *s, const char *status, long *n);
/* The meeting view: vacant dwellings, not granted to anyone, that suit a
 * case (rooms for the household, adaptation and staffing as needed) ... */
int dwelling_suiting_case(struct session *s, int64_t case_id, size_t limit,
			  struct dwelling_rec *out, size_t *n);
/* ... and the queued cases a vacant dwelling suits, by priority. */
int dwelling_candidates(struct session *s, int64_t dwelling_id,
			const struct db_alloc_line *after, size_t limit,
			struct db_alloc_line *out, size_t *n);
/* `bosak import dwellings FILE.csv`: every bad line to report as
 * FILE:LINE: reason; nothing imported unless all are good or skip_bad. */
int dwelling_import(struct session *s, const char *path, bool skip_bad,
		    FILE *report, struct import_result *res);

/* ---------------------------------------------------------- decision.c */
enum decision_outcome {
	DO_GRANTED_DWELLING,    /* a named dwelling */
	DO_GRANTED_WAITING,     /* granted, on the waiting list */
	DO_REJECTED,
	DO_ASSISTANCE_GRANTED,  /* housing assistance, with its main content */
	DO_ASSISTANCE_REJECTED,
	DO__COUNT
};
const char *decision_outcome_name(enum decision_outcome o);
int decision_outcome_from_name(const char *name); /* -1 if unknown */
const char *decision_outcome_label(const char *name);
/* The dwelling types of a grant (template blocks type_NAME). */
#define DECISION_GRANT_TYPES 3 /* ordinary adapted staffed */
const char *decision_grant_type_name(int i);
const char *decision_grant_type_label(const char *name);

struct decision_draft {
	int64_t case_id;
	int version;                 /* the case's, as read */
	enum decision_outcome outcome;
	int64_t dwelling_id;         /* DO_GRANTED_DWELLING */
	char conclusion[1025];
	char rules[1025];            /* from [law], may be added to */
	char facts[2049];
	char considerations[2049];
	/* what is granted (a dwelling or a place on the waiting list) */
	char grant_type[17];         /* ordinary adapted staffed */
	int grant_rooms;
	int grant_size_m2;
	bool ground_or_lift;         /* waiting: ground floor or lift needed */
	int lease_months;
	char lease_ground[513];      /* shorter than the minimum: why */
	char other_help[1025];       /* a refusal: the other help considered */
	char assistance[1025];       /* assistance granted: its main content */
	int64_t appeal_id;           /* an appeal answered by a change */
	int64_t extend_lease_id;     /* a lease extended by this decision */
};
/* A draft filled from the case and the configuration: the rules, the
 * facts, the grant from the dwelling (dwelling_id 0: none), the lease
 * length; the rest is the deciding person's to write. */
int decision_draft_init(struct session *s, int64_t case_id,
			enum decision_outcome outcome, int64_t dwelling_id,
			struct decision_draft *d);
/* Every part a decision must have (DOMAIN.md): ERR_INVAL naming the first
 * missing one in err.field and err.msg. */
int decision_check(struct session *s, const struct decision_draft *d);
/* The letter from the template, for review; nothing is stored. */
int decision_compose(struct session *s, const struct decision_draft *d,
		     char **letter);
/* Issues the decision: composed again and compared with the letter the
 * user reviewed (ERR_CONFLICT if the case changed since), stored frozen
 * with the facts it rested on; the case's status, the appeal deadline and
 * the notices to the responsible unit and every unit with an accepted
 * referral in the same transaction. */
int decision_issue(struct session *s, const struct decision_draft *d,
		   const char *reviewed, int64_t *decision_id);
int decision_list(struct session *s, int64_t case_id,
		  struct decision_rec **out, size_t *n);
int decision_get(struct session *s, int64_t id, struct decision_rec *out);
/* The frozen letter, byte for byte as issued (malloc'd). */
int decision_letter(struct session *s, int64_t id, char **letter);
/* The facts the decision rested on, as stored (malloc'd). */
int decision_snapshot(struct session *s, int64_t id, char **snapshot);
/* The day the decision reached the applicant: the appeal deadline runs
 * from it. */
int decision_delivered(struct session *s, int64_t id, const char *day_iso);
/* The units told of a case's decisions have seen them (the user's own
 * units); the "new decisions" list loses the case. */
int decision_seen(struct session *s, int64_t case_id);

/* ------------------------------------------------------------ appeal.c */
/* The appeal deadline of a decision: cfg->appeal_weeks from the day it
 * reached the applicant (the issue day while that is not recorded). */
day_t appeal_deadline(const struct session *s, const struct decision_rec *d);
/* Registers an appeal received on a day: late after the deadline, still
 * taken in up to cfg->late_appeal_days after it, refused later. */
int appeal_register(struct session *s, int64_t decision_id,
		    const char *received_iso, int64_t *appeal_id);
/* The deciding body upholds the decision and forwards the appeal to the
 * appeal body.  (Changing it is decision_issue with appeal_id.) */
int appeal_forward(struct session *s, int64_t appeal_id, int version);
/* The appeal body's outcome: upheld, changed or quashed. */
int appeal_outcome(struct session *s, int64_t appeal_id, int version,
		   const char *outcome, const char *decided_iso);
const char *appeal_status_label(const char *status);
const char *appeal_outcome_label(const char *outcome);
int appeal_list(struct session *s, int64_t case_id, struct appeal_rec **out,
		size_t *n);

/* ------------------------------------------------------------- lease.c */
struct lease_input {
	int64_t case_id;
	int version;              /* the case's */
	char start[DB_DATE];
	int months;
	char short_ground[513];   /* shorter than the minimum: the ground */
	char notice[DB_DATE];     /* ... and the day of the written notice */
};
/* Defaults: start today, the length the decision granted, else the
 * configured one (longer for households with children where set). */
int lease_init(struct session *s, int64_t case_id, struct lease_input *in);
/* The case's granted dwelling accepted: the lease with its end and
 * review dates; the case becomes housed.  Shorter than the minimum only
 * with the ground and the written notice given before the start. */
int lease_create(struct session *s, const struct lease_input *in,
		 int64_t *lease_id);
int lease_of_case(struct session *s, int64_t case_id, struct lease_rec *out);
/* A review's outcome: private (the private market), buy (from renting to
 * owning) or end.  Extending is a new decision (extend_lease_id). */
int lease_review(struct session *s, int64_t lease_id, int version,
		 const char *outcome);
/* The tenant moved out: the dwelling is vacant from that day. */
int lease_end(struct session *s, int64_t lease_id, int version,
	      const char *day_iso);
const char *lease_outcome_label(const char *outcome);
/* Review outcomes since a day, for the figures of how dwellings
 * circulate: extend private buy end. */
int lease_outcomes(struct session *s, const char *since_iso, long counts[4]);

/* ------------------------------------------------------------- access.c
 * Break the glass: a case outside the normal rules, opened for a stated
 * reason (10 to 256 bytes).  The opening is logged (reason 'break_glass',
 * the stated reason as detail) and flagged for the supervisors of the
 * case's unit and of the user's units; for the rest of the session the
 * case reads as AR_BREAK_GLASS (every read logged so).  Not for a user
 * who is only an administrator.  A case the user may see anyway is not a
 * break: 0 with *case_id and no flag. */
int case_break_glass(struct session *s, const char *number,
		     const char *reason, int64_t *case_id);
/* Openings not yet reviewed that this supervisor answers for (0 for a
 * user who supervises nothing). */
int glass_pending(struct session *s, long *n);
/* Newest first, at most max; supervisors only.  *out malloc'd. */
int glass_list(struct session *s, bool pending_only, size_t max,
	       struct db_glass_line **out, size_t *n);
int glass_review(struct session *s, int64_t access_id);

/* -------------------------------------------------------------- purge.c
 * Retention: `bosak admin purge --before DATE [--dry-run]`.  Closed cases
 * closed more than cfg->retention_years before DATE are anonymised (see
 * db/purge.c for what goes and what stays), and intake drafts last changed
 * before DATE - cfg->draft_days are deleted (one changed on that day
 * stays).  Administrators only; the run is kept (purge_run, with how many
 * drafts went) and each case gets a 'purge' journal entry.  each() is
 * called for every case and each_draft() for every draft, before it goes
 * (or instead, dry run); either may be NULL. */
struct purge_result {
	char cutoff[DB_DATE];
	char draft_cutoff[DB_DATE];
	long cases;
	long persons;
	long drafts;
	int64_t run_id;     /* 0 for a dry run */
};
int purge_run(struct session *s, const char *before, bool dry_run,
	      void (*each)(void *ctx, const struct db_purge_case *c),
	      void (*each_draft)(void *ctx, const struct db_purge_draft *d),
	      void *ctx, struct purge_result *res);

/* ============================================================ overview.c
 * Issue 6: the supervisor's overview and the reports (core/overview.c,
 * core/report.c).  The scope is the cases whose responsible unit the
 * user supervises (or one of those units): the rule by which a
 * supervisor may open a case, so no figure counts a case its list hides.
 * Deadlines turn overdue the day after their due day; "soon" is due from
 * today to today + [deadlines] interim_warn_days.  One kind looks the
 * other way: OD_REFERRAL_OWED counts the referral answers the supervised
 * units owe other units (the referral's receiving unit), where
 * OD_REFERRAL counts the answers the supervised units' cases await. */
enum ov_deadline {
	OD_INTERIM,      /* decision or interim reply */
	OD_DECISION,     /* the decision the interim reply promised */
	OD_REFERRAL,     /* referral answer */
	OD_EVALUATION,   /* plan evaluation */
	OD_RETURNED,     /* returned by the allocation group, not resubmitted */
	OD_REASSESSMENT, /* appeal reassessment */
	OD_LEASE_REVIEW,
	OD_REFERRAL_OWED, /* referral answer owed by a supervised unit */
	OD__COUNT
};
const char *ov_deadline_kind(enum ov_deadline k); /* stored name */
#define OV_TRACKS 2 /* 0 allocation, 1 assistance */
const char *ov_track_name(int track);
#define OV_MAX_UNITS 16
#define OV_MAX_GROUP 24
struct ov_wait {
	long n;        /* decisions */
	double median; /* days; the mean of the two middle ones for even n */
	int p90;       /* days; nearest rank: the value at rank ceil(0.9 n) */
};
struct overview {
	int64_t unit_id; /* 0: every unit supervised */
	char today[DB_DATE], soon[DB_DATE];
	size_t nunits;
	struct unit_rec unit[OV_MAX_UNITS];
	long status[OV_MAX_UNITS][CS__COUNT];
	long status_total[CS__COUNT];
	long overdue[OD__COUNT], due_soon[OD__COUNT];
	long homeless[4]; /* SIT_TEMPORARY .. SIT_ROUGH, open cases */
	/* the last 6 and 12 calendar months: from the 1st of the month
	 * 5 (11) months back to today */
	char period_from[2][DB_DATE];
	struct ov_wait wait[2][OV_TRACKS];
	/* the last 12 calendar months */
	struct db_ov_count decisions[OV_MAX_GROUP]; /* "track:outcome" */
	size_t ndecisions;
	struct db_ov_count appeals[OV_MAX_GROUP];   /* status, "body:OUTCOME" */
	size_t nappeals;
	struct db_ov_count leases[OV_MAX_GROUP];    /* review outcome */
	size_t nleases;
	long vacant, vacant30, vacant90, vacant_longest;
};
/* Supervisors only (ERR_DENIED otherwise); unit_code NULL or "" for
 * every unit supervised, else one of them. */
int ov_scope(struct session *s, const char *unit_code, struct db_ov_scope *sc);
int overview_load(struct session *s, const char *unit_code,
		  struct overview *o);
void ov_percentiles(const int *v, size_t n, double *median, int *p90);
/* The same over counted values (wait, how many), ascending; *n total. */
void ov_percentiles_bins(const struct db_ov_wait_bin *b, size_t nb, long *n,
			 double *median, int *p90);
int ov_waits(struct session *s, const struct db_ov_scope *sc, int track,
	     const char *from, const char *to, struct ov_wait *w);
/* The cases behind a figure. */
enum ov_list_kind {
	OVL_STATUS, OVL_HOMELESS, OVL_OPEN, OVL_OVERDUE, OVL_SOON,
	OVL_WAIT,     /* key: a track; the first decisions since `from` */
	OVL_DECISION, /* key: "track:outcome"; decisions since `from` */
	OVL_APPEAL,   /* key: a status or "body:OUTCOME"; since `from` */
	OVL_LEASE,    /* key: a review outcome; reviews since `from` */
};
struct ov_list {
	enum ov_list_kind kind;
	int64_t unit_id;     /* 0: every unit supervised */
	char key[48];        /* a status, situation, deadline kind, track, .. */
	char from[DB_DATE];  /* the period's first day (to today) */
};
/* A page by keyset.  Every line carries a day in next_due (received for
 * the case lists, due, decided, appealed, reviewed), the kind or outcome
 * in due_kind and the responsible caseworker in unit_name (the referral's
 * assignee, else the receiving unit, for answers owed; their lines also
 * carry ref_id, and the person's name and birth date only where the
 * supervisor may open the case).  Wait lines carry the wait in status
 * ("12 days"). */
int overview_page(struct session *s, const struct ov_list *l,
		  const struct db_case_line *after, size_t limit,
		  struct db_case_line *out, size_t *n);
void ov_list_title(const struct ov_list *l, char *out, size_t size);
/* Who has looked at a case (innsynslogg), newest first, as the person
 * may ask for it: the supervisors and caseworkers of the case's unit and
 * administrators.  *out malloc'd. */
int case_access_history(struct session *s, int64_t case_id,
			struct access_rec **out, size_t *n);
/* The same for the case's applicant: every case and record of the
 * person, under the same rule as the case's own log. */
int case_person_access_history(struct session *s, int64_t case_id,
			       struct access_rec **out, size_t *n);
bool case_access_history_allowed(struct session *s,
				 const struct case_rec *c);

/* -------------------------------------------------------------- report.c
 * `bosak report halfyear` and `bosak report deadlines`: text, or CSV
 * (';' unless sep says otherwise, a UTF-8 byte-order mark when bom). */
struct report_opts {
	const char *from, *to; /* halfyear: ISO or DD.MM.YYYY */
	const char *unit;      /* unit code, NULL = every unit supervised */
	bool csv;
	bool bom;
	char sep;
};
int report_halfyear(struct session *s, const struct report_opts *o,
		    FILE *out);
/* Every overdue deadline: case number, kind, due day, days overdue,
 * unit and responsible caseworker; no names or ID numbers. */
int report_deadlines(struct session *s, const struct report_opts *o,
		     FILE *out);

/* --------------------------------------------------------- instrument.c
 * The housing instruments seen together for each household (issue 8):
 * the panel of a case, one state each, journaled and version-guarded;
 * the handover check, the refusal's "other help considered", and the
 * supervisor's and the half-year report's counts. */
enum instr_state {
	IS_NONE,         /* not yet considered */
	IS_NOT_RELEVANT, /* considered and not relevant: a reason */
	IS_TO_APPLY,     /* to be applied for */
	IS_APPLIED,      /* applied: the day and the handling unit */
	IS_GRANTED,
	IS_REFUSED,
	IS__COUNT
};
const char *instr_state_name(enum instr_state st);   /* stored name */
int instr_state_from_name(const char *name);         /* -1 if unknown */
const char *instr_state_label(enum instr_state st);  /* translated */
/* The configured instruments, CFG_INSTRUMENTS of them, in the order of
 * the [instruments] keys: the stored code and the translated name. */
const char *instrument_code(size_t i);
int instrument_index(const char *code);              /* -1 if unknown */
const char *instrument_label(const char *code);
/* Offered by the municipality (its unit is not "none"). */
bool instrument_offered(const struct config *cfg, size_t i);

struct instrument_line {
	struct db_instrument_rec r;  /* version 0 and state none: no row */
	enum instr_state state;
	int64_t handler_id;          /* the configured handling unit */
	char handler_code[17];
	char handler_name[129];
	bool other_unit;             /* handled by another unit than the case's */
};
/* The panel: one line per instrument offered, in the configured order.
 * Anyone who may see the case reads it. */
int instrument_panel(struct session *s, int64_t case_id,
		     struct instrument_line out[CFG_INSTRUMENTS], size_t *n);
/* Whether the user may change the case's instruments: a caseworker or
 * the desk of the responsible unit. */
bool instrument_may_edit(struct session *s, const struct case_rec *c);
/* Sets an instrument's state, guarded by the version read (0: not yet
 * considered).  not_relevant needs a reason; applied takes the day
 * (applied_iso, "" today) and the configured handling unit.  The note
 * (NULL keeps it) goes with every state.  Journaled. */
struct instrument_change {
	int64_t case_id;
	const char *code;
	int version;
	enum instr_state state;
	const char *reason;      /* not_relevant */
	const char *note;        /* NULL: unchanged */
	const char *applied_iso; /* applied: the day, "" or NULL today */
};
int instrument_set(struct session *s, const struct instrument_change *ch);
/* The one key: moves an instrument along, none (or not relevant) -> to
 * be applied for -> applied (today, the handling unit) -> granted.  A
 * granted or refused one stays: ERR_INVAL with a sentence. */
enum instr_state instrument_next_state(enum instr_state st);
int instrument_advance(struct session *s, int64_t case_id, const char *code,
		       int version);
/* Sends the instrument to its handling unit as a referral for a service
 * (referral_create: consent rules apply, err.field "basis" without it)
 * and records it applied today at that unit, with the referral. */
int instrument_refer(struct session *s, int64_t case_id, const char *code,
		     int version, int64_t *referral_id);
/* Instruments offered and not yet considered (for the handover check;
 * no access check: the caller has read the case). */
int instrument_unconsidered(struct session *s, int64_t case_id, int *n);
/* The other help considered, for a refusal: one translated line per
 * instrument considered, the dwelling itself left out; "" when none. */
int instrument_other_help(struct session *s, int64_t case_id, char *out,
			  size_t size);
/* Journal lines of kind "instrument" in the reader's language; false
 * for any other line. */
bool instrument_journal_render(const struct journal_rec *j, char *out,
			       size_t size);

/* For the supervisor's overview and `bosak report halfyear`: per unit
 * (0: every unit; supervisors of the unit, administrators) and period
 * [from, to] (ISO days), the households with each instrument offered
 * considered, applied for and granted in the period, and the households
 * refused a dwelling by a decision of the period with no other
 * instrument applied for. */
struct instrument_counts {
	size_t n;
	struct {
		char code[33];
		long considered, applied, granted;
	} row[CFG_INSTRUMENTS];
	long refused_no_other;
};
int instrument_counts(struct session *s, int64_t unit_id, const char *from,
		      const char *to, struct instrument_counts *out);

#endif
