/*
 * Retention: closed cases past the configured years are anonymised.
 *
 * What goes: names, ID numbers, birth dates, contact details and every
 * free text (the caseworkers' notes in the journal, referral questions
 * and answers, forum items, handover notes, decision texts and letters,
 * plans, notes on housing instruments).  What stays is what reports count: the case with its number,
 * unit, caseworker, status, dates, situation, needs, track and close
 * reason; household relations (how many, how many children); consents,
 * documents, deadlines, decisions' outcomes, leases' dates; the access log
 * (who looked, when: it is a record of its own and append-only for
 * everyone).
 *
 * The journal is append-only by trigger.  Its one exception (0005) lets a
 * text be cut to a beginning of itself plus DB_PURGE_MARK, and only while
 * a purge_run row is 'running', which it is only inside these
 * transactions: each begins by setting it and ends by setting it back, so
 * no other connection ever sees it running.  Nothing but this file writes
 * purge_run.  A "FROM -> TO: note" line keeps "FROM -> TO: " (the move a
 * throughput report counts) and loses the note.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

/* The case is purgeable: closed before the cut-off (?2). */
#define GONE(c) "(" c ".status = 'closed' AND " c ".closed_at < ?2)"

/* A journal entry of case c whose text changes. */
#define JOURNAL_CHANGES(c)                                                   \
	"j.case_id = " c " AND j.kind NOT IN ('registered', 'purge') "          \
	"AND substr(j.text, -12) <> '" DB_PURGE_MARK "' "                    \
	"AND NOT (j.kind IN ('status', 'interim') AND instr(j.text, ': ') = 0)"

/* Person ?1 may be anonymised: nothing of theirs is still in use. */
#define PERSON_GOES(p)                                                        \
	"(NOT EXISTS (SELECT 1 FROM case_file c2 WHERE c2.applicant_id = " p     \
	" AND NOT " GONE("c2") ") "                                             \
	"AND NOT EXISTS (SELECT 1 FROM household_member m2 JOIN case_file c3 "  \
	"ON c3.household_id = m2.household_id WHERE m2.person_id = " p          \
	" AND NOT " GONE("c3") ") "                                             \
	"AND NOT EXISTS (SELECT 1 FROM lease l2 WHERE l2.tenant_id = " p        \
	" AND l2.status = 'active') "                                           \
	"AND NOT EXISTS (SELECT 1 FROM plan p2 WHERE p2.person_id = " p         \
	" AND p2.status IN ('draft', 'active')))"

int db_purge_candidates(struct db *db, const char *cutoff, int64_t after_id,
			size_t max, struct db_purge_case *out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.id, c.number, c.closed_at, u.code, "
		"(SELECT count(*) FROM journal j WHERE " JOURNAL_CHANGES("c.id") "), "
		"(SELECT count(*) FROM referral r WHERE r.case_id = c.id), "
		"(SELECT count(*) FROM decision d WHERE d.case_id = c.id), "
		"(SELECT count(*) FROM household_member m WHERE "
		" m.household_id = c.household_id AND m.relation <> 'applicant'), "
		PERSON_GOES("c.applicant_id") " "
		"FROM case_file c JOIN unit u ON u.id = c.unit_id "
		"WHERE " GONE("c") " AND c.purged_at IS NULL AND c.id > ?3 "
		"ORDER BY c.id LIMIT ?4");
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 2, cutoff);
	sqlite3_bind_int64(st, 3, after_id);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)max);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_purge_case *p = &out[(*n)++];
		memset(p, 0, sizeof *p);
		p->case_id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, p->number, sizeof p->number);
		db_col_text(st, 2, p->closed_at, sizeof p->closed_at);
		db_col_text(st, 3, p->unit_code, sizeof p->unit_code);
		p->journal = (long)sqlite3_column_int64(st, 4);
		p->referrals = (long)sqlite3_column_int64(st, 5);
		p->decisions = (long)sqlite3_column_int64(st, 6);
		p->members = (long)sqlite3_column_int64(st, 7);
		p->person_goes = sqlite3_column_int(st, 8);
	}
	if (*n < max)
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	else
		rc = SQLITE_OK;
	sqlite3_reset(st);
	return db_rc(db, rc);
}

struct begin_arg {
	int64_t staff_id;
	const char *at, *before, *cutoff;
	int years;
	const char *draft_cutoff;
	int draft_days;
	int64_t id;
};

static int begin_tx(struct db *db, void *p)
{
	struct begin_arg *b = p;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO purge_run (staff_id, started_at, before_date, cutoff, "
		"years, state, draft_cutoff, draft_days) "
		"VALUES (?, ?, ?, ?, ?, 'done', ?, ?)");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, b->staff_id);
	db_bind_text(st, 2, b->at);
	db_bind_text(st, 3, b->before);
	db_bind_text(st, 4, b->cutoff);
	sqlite3_bind_int(st, 5, b->years);
	db_bind_text(st, 6, b->draft_cutoff);
	sqlite3_bind_int(st, 7, b->draft_days);
	if ((rc = db_step_done(db, st)))
		return rc;
	b->id = sqlite3_last_insert_rowid(db->h);
	return DB_OK;
}

int db_purge_begin(struct db *db, int64_t staff_id, const char *at,
		   const char *before, const char *cutoff, int years,
		   const char *draft_cutoff, int draft_days, int64_t *run_id)
{
	struct begin_arg b = {staff_id, at, before, cutoff,
			      years, draft_cutoff, draft_days, 0};
	int rc = db_tx(db, begin_tx, &b);
	*run_id = b.id;
	return rc;
}

static int run_state(struct db *db, int64_t run_id, const char *state,
		     long cases, long persons, const char *at)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE purge_run SET state = ?1, cases = cases + ?2, "
		"persons = persons + ?3, finished_at = coalesce(?4, finished_at) "
		"WHERE id = ?5");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, state);
	sqlite3_bind_int64(st, 2, cases);
	sqlite3_bind_int64(st, 3, persons);
	db_bind_opt(st, 4, at);
	sqlite3_bind_int64(st, 5, run_id);
	return db_step_done(db, st);
}

/* Runs a statement with ?1 = id, ?2 = cutoff, ?3 = at (those it names). */
static int run(struct db *db, const char *sql, int64_t id, const char *cutoff,
	       const char *at)
{
	sqlite3_stmt *st = db_prep(db, sql);
	int np;

	if (!st)
		return DB_ERROR;
	np = sqlite3_bind_parameter_count(st);
	sqlite3_bind_int64(st, 1, id);
	if (np >= 2)
		db_bind_text(st, 2, cutoff);
	if (np >= 3)
		db_bind_text(st, 3, at);
	return db_step_done(db, st);
}

#define MARK "'" DB_PURGE_MARK "'"
#define MARK_IF(col) "CASE WHEN " col " IS NULL THEN NULL ELSE " MARK " END"

/* The case's own texts. */
static const char *const case_sql[] = {
	"UPDATE journal AS j SET text = CASE "
	"WHEN j.kind IN ('status', 'interim') "
	"THEN substr(j.text, 1, instr(j.text, ': ') + 1) || " MARK " "
	"ELSE " MARK " END WHERE " JOURNAL_CHANGES("?1"),
	"UPDATE referral_message SET text = " MARK " WHERE referral_id IN "
	"(SELECT id FROM referral WHERE case_id = ?1)",
	"UPDATE referral SET asked = " MARK ", reason = " MARK ", "
	"basis_note = '', answer_text = " MARK_IF("answer_text") ", "
	"withdraw_reason = " MARK_IF("withdraw_reason") " WHERE case_id = ?1",
	"UPDATE forum_item SET why = " MARK ", conclusion = "
	MARK_IF("conclusion") " WHERE case_id = ?1",
	"UPDATE decision SET conclusion = " MARK ", facts = " MARK ", "
	"considerations = " MARK ", granted = '', other_help = '', "
	"letter = " MARK ", facts_snapshot = " MARK " WHERE case_id = ?1",
	"UPDATE handover SET note = " MARK ", return_reason = "
	MARK_IF("return_reason") " WHERE case_id = ?1",
	("UPDATE case_instrument SET note = '', reason = '' "
	 "WHERE case_id = ?1 AND (note <> '' OR reason <> '')"),
};

/* A person's own data, once PERSON_GOES holds (?1 the person). */
static const char *const person_sql[] = {
	"DELETE FROM person_key WHERE person_id = ?1",
	"UPDATE plan_participant SET name = '', contact = '', may_see = '' "
	"WHERE plan_id IN (SELECT id FROM plan WHERE person_id = ?1)",
	"UPDATE plan_measure SET what = " MARK ", extent = '', resp_name = '' "
	"WHERE plan_id IN (SELECT id FROM plan WHERE person_id = ?1)",
	"UPDATE plan_revision SET snapshot = " MARK " "
	"WHERE plan_id IN (SELECT id FROM plan WHERE person_id = ?1)",
	"UPDATE plan SET goals = '', resources = '', needs = '', "
	"contributions = '', version = version + 1 WHERE person_id = ?1",
};

struct purge_arg {
	int64_t run_id;
	const int64_t *ids;
	size_t n;
	const char *cutoff, *at, *journal_text;
	int64_t staff_id;
	long cases, persons;
};

static int purge_person(struct db *db, int64_t person_id, const char *cutoff,
			long *persons)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE person SET nid = NULL, given_name = '', family_name = '', "
		"birth_date = NULL, address = '', postcode = '', city = '', "
		"phone = '', email = '', language = '', purged = 1, "
		"version = version + 1 WHERE id = ?1 AND purged = 0 AND "
		PERSON_GOES("?1"));
	size_t i;
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, person_id);
	db_bind_text(st, 2, cutoff);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_OK; /* still in use, or purged before */
	(*persons)++;
	for (i = 0; i < sizeof person_sql / sizeof person_sql[0]; i++)
		if ((rc = run(db, person_sql[i], person_id, NULL, NULL)))
			return rc;
	return DB_OK;
}

static int purge_one(struct db *db, struct purge_arg *a, int64_t case_id)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT applicant_id, coalesce(household_id, 0) FROM case_file c "
		"WHERE c.id = ?1 AND " GONE("c") " AND c.purged_at IS NULL");
	int64_t applicant, household, *people = NULL;
	size_t npeople = 0, cap = 0, i;
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, a->cutoff);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		/* reopened, or purged by another run meanwhile: not ours */
		return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
	}
	applicant = sqlite3_column_int64(st, 0);
	household = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);

	for (i = 0; i < sizeof case_sql / sizeof case_sql[0]; i++)
		if ((rc = run(db, case_sql[i], case_id, a->cutoff, a->at)))
			return rc;
	if ((rc = run(db, "UPDATE case_file SET needs_note = '', income = NULL, "
			  "debt = NULL, discharge_date = NULL, purged_at = ?3, "
			  "updated_at = ?3, version = version + 1 WHERE id = ?1",
		      case_id, a->cutoff, a->at)))
		return rc;

	/* the household: its members' names go when no case in use has it */
	if (household) {
		st = db_prep(db, "SELECT person_id FROM household_member "
				 "WHERE household_id = ?1 AND person_id IS NOT NULL");
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, household);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t *slot = db_grow((void **)&people, &cap, &npeople,
						sizeof *people);
			if (!slot) {
				sqlite3_reset(st);
				return DB_NOMEM;
			}
			*slot = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			free(people);
			return db_rc(db, rc);
		}
		if ((rc = run(db, "UPDATE household_member SET name = '', "
				  "birth_date = NULL WHERE household_id = ?1 AND "
				  "NOT EXISTS (SELECT 1 FROM case_file c WHERE "
				  "c.household_id = ?1 AND NOT " GONE("c") ")",
			      household, a->cutoff, NULL))) {
			free(people);
			return rc;
		}
	}
	rc = purge_person(db, applicant, a->cutoff, &a->persons);
	for (i = 0; rc == DB_OK && i < npeople; i++)
		if (people[i] != applicant)
			rc = purge_person(db, people[i], a->cutoff, &a->persons);
	free(people);
	if (rc)
		return rc;
	st = db_prep(db, "INSERT INTO journal (case_id, at, staff_id, kind, text) "
			 "VALUES (?, ?, ?, 'purge', ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, a->at);
	sqlite3_bind_int64(st, 3, a->staff_id);
	db_bind_text(st, 4, a->journal_text);
	if ((rc = db_step_done(db, st)))
		return rc;
	a->cases++;
	return DB_OK;
}

static int purge_tx(struct db *db, void *p)
{
	struct purge_arg *a = p;
	size_t i;
	int rc;

	/* retried transactions start over */
	a->cases = a->persons = 0;
	if ((rc = run_state(db, a->run_id, "running", 0, 0, NULL)))
		return rc;
	for (i = 0; i < a->n; i++)
		if ((rc = purge_one(db, a, a->ids[i])))
			return rc;
	/* never committed as running: the journal's exception ends here */
	return run_state(db, a->run_id, "done", a->cases, a->persons, NULL);
}

int db_purge_cases(struct db *db, int64_t run_id, const int64_t *case_ids,
		   size_t n, const char *cutoff, int64_t staff_id,
		   const char *at, const char *journal_text, long *cases,
		   long *persons)
{
	struct purge_arg a = {run_id, case_ids, n, cutoff, at, journal_text,
			      staff_id, 0, 0};
	int rc = db_tx(db, purge_tx, &a);

	if (rc == DB_OK) {
		*cases += a.cases;
		*persons += a.persons;
	}
	return rc;
}

struct finish_arg {
	int64_t run_id;
	const char *at;
};

static int finish_tx(struct db *db, void *p)
{
	struct finish_arg *f = p;
	return run_state(db, f->run_id, "done", 0, 0, f->at);
}

int db_purge_finish(struct db *db, int64_t run_id, const char *at)
{
	struct finish_arg f = {run_id, at};
	return db_tx(db, finish_tx, &f);
}

/* ---- intake drafts ----
 * A draft is deleted, not anonymised: it is nobody's record, only text
 * typed and never registered.  updated_at is a UTC timestamp
 * ("2026-03-02T12:00:00Z") and the cut-off a day ("2026-03-02"): as text,
 * updated_at < cutoff holds exactly for the days before the cut-off, so a
 * draft changed on the cut-off day itself stays. */

int db_purge_draft_candidates(struct db *db, const char *draft_cutoff,
			      int64_t after_id, size_t max,
			      struct db_purge_draft *out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, kind, updated_at FROM draft WHERE updated_at < ?1 "
		"AND id > ?2 ORDER BY id LIMIT ?3");
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, draft_cutoff);
	sqlite3_bind_int64(st, 2, after_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_purge_draft *d = &out[(*n)++];
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, d->kind, sizeof d->kind);
		db_col_text(st, 2, d->updated_at, sizeof d->updated_at);
	}
	if (*n < max)
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	else
		rc = SQLITE_OK;
	sqlite3_reset(st);
	return db_rc(db, rc);
}

struct drafts_arg {
	int64_t run_id;
	const int64_t *ids;
	size_t n;
	const char *cutoff;
	long gone;
};

static int drafts_tx(struct db *db, void *p)
{
	struct drafts_arg *a = p;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	a->gone = 0; /* retried transactions start over */
	for (i = 0; i < a->n; i++) {
		st = db_prep(db, "DELETE FROM draft WHERE id = ?1 AND "
				 "updated_at < ?2");
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, a->ids[i]);
		db_bind_text(st, 2, a->cutoff);
		if ((rc = db_step_done(db, st)))
			return rc;
		a->gone += sqlite3_changes(db->h);
	}
	st = db_prep(db, "UPDATE purge_run SET drafts = drafts + ?1 "
			 "WHERE id = ?2");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->gone);
	sqlite3_bind_int64(st, 2, a->run_id);
	return db_step_done(db, st);
}

int db_purge_drafts(struct db *db, int64_t run_id, const int64_t *ids,
		    size_t n, const char *draft_cutoff, long *drafts)
{
	struct drafts_arg a = {run_id, ids, n, draft_cutoff, 0};
	int rc = db_tx(db, drafts_tx, &a);

	if (rc == DB_OK)
		*drafts += a.gone;
	return rc;
}
