/*
 * The demo loader: stores the rows core/demo.c makes, one transaction per
 * batch.  Each table's INSERT is prepared once a batch and fills
 * ROWS_PER_INSERT rows at a time; text is bound without copying (the
 * batch outlives the transaction).  db_demo_fast sets the file up for
 * bulk loading and back; a million persons take well under a minute.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

int db_demo_empty(struct db *db, int *empty)
{
	static const char *const tables[] = {"person", "case_file", "dwelling",
					     "household"};
	size_t i;
	int64_t n;
	int rc;

	*empty = 1;
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		if ((rc = db_count(db, tables[i], &n)))
			return rc;
		if (n > 0)
			*empty = 0;
	}
	return DB_OK;
}

/*
 * What the load sets aside, chosen from the schema itself so that later
 * migrations are handled without touching this file:
 *
 * - guards: BEFORE INSERT triggers whose whole body is one
 *   SELECT RAISE(ABORT, ...) (the append-only journal and access log
 *   refuse an INSERT OR REPLACE).  The loader only appends, and such a
 *   trigger costs a program run for every row: a tenth of the load.
 * - secondary indexes: sorting once at the end is much cheaper than
 *   millions of inserts at random places.  Triggers that keep derived
 *   data (the overview's counts) stay and run as they would in use, so
 *   that data comes out right; the indexes of a table that such a
 *   trigger on it also reads (the first decision of a track) stay too.
 *   Should any trigger still scan a whole table for want of an index
 *   (SQLite counts full-scan steps), every index is put back at once:
 *   slower, never quadratic.
 */
static const char set_aside_sql[] =
	"DROP TABLE IF EXISTS temp.demo_guard;"
	"DROP TABLE IF EXISTS temp.demo_index;"
	"CREATE TEMP TABLE demo_guard AS SELECT name, sql FROM main.sqlite_master "
	"WHERE type = 'trigger' "
	"AND replace(lower(sql), char(10), ' ') LIKE '% before insert on %' "
	"AND replace(lower(sql), char(10), ' ') LIKE '%begin select raise(abort,%' "
	"AND length(sql) - length(replace(sql, ';', '')) = 1;"
	"CREATE TEMP TABLE demo_index AS SELECT name, sql FROM main.sqlite_master m "
	"WHERE type = 'index' AND sql IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
	"main.sqlite_master t WHERE t.type = 'trigger' "
	"AND t.name NOT IN (SELECT name FROM temp.demo_guard) "
	"AND t.tbl_name = m.tbl_name "
	"AND replace(lower(t.sql), char(10), ' ') LIKE '% insert on %' "
	/* it reads its own table: FROM table, JOIN table */
	"AND (SELECT instr(x, ' from ' || lower(m.tbl_name) || ' ') + "
	"            instr(x, ' join ' || lower(m.tbl_name) || ' ') "
	"     FROM (SELECT replace(replace(replace(replace(replace(' ' || "
	"       lower(t.sql) || ' ', char(10), ' '), char(9), ' '), '(', ' '), "
	"       '  ', ' '), '  ', ' ') AS x)) > 0)";

/* full-scan steps of the loader's statements (their triggers included)
 * in the batch being stored; whether the indexes are back */
static unsigned long scan_steps;
static int indexes_back;

/* Runs the statements the query makes, one a row (read first: a schema
 * change while a SELECT is still open would be refused as "locked"). */
static int run_made(struct db *db, const char *query)
{
	sqlite3_stmt *st = NULL;
	char *sql = NULL, *p;
	size_t len = 0, cap = 0;
	int rc;

	rc = sqlite3_prepare_v2(db->h, query, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_rc(db, rc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t n = t ? strlen(t) : 0;
		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			p = realloc(sql, cap);
			if (!p) {
				free(sql);
				sqlite3_finalize(st);
				return DB_NOMEM;
			}
			sql = p;
		}
		memcpy(sql + len, t, n);
		len += n;
		sql[len++] = '\n';
		sql[len] = '\0';
	}
	sqlite3_finalize(st);
	rc = rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
	if (rc == DB_OK && sql)
		rc = db_exec(db, sql);
	free(sql);
	return rc;
}

static int set_aside_tx(struct db *db, void *arg)
{
	(void)arg;
	return run_made(db, "SELECT 'DROP TRIGGER main.\"' || name || '\";' "
			    "FROM temp.demo_guard UNION ALL "
			    "SELECT 'DROP INDEX main.\"' || name || '\";' "
			    "FROM temp.demo_index");
}

static int indexes_back_tx(struct db *db, void *arg)
{
	int rc;

	(void)arg;
	if ((rc = run_made(db, "SELECT sql || ';' FROM temp.demo_index")))
		return rc;
	return db_exec(db, "DELETE FROM temp.demo_index");
}

static int put_back_tx(struct db *db, void *arg)
{
	int rc;

	if ((rc = indexes_back_tx(db, arg)) ||
	    (rc = run_made(db, "SELECT sql || ';' FROM temp.demo_guard")))
		return rc;
	return db_exec(db, "DROP TABLE temp.demo_index; "
			   "DROP TABLE temp.demo_guard");
}

int db_demo_fast(struct db *db, int on)
{
	int rc;

	if (on) {
		/*
		 * Only while the demo fills a database that has no persons or
		 * cases yet (core checks that first):
		 *
		 * - journal_mode=MEMORY instead of WAL writes every page once,
		 *   straight into the file, instead of into the WAL and then
		 *   again at the checkpoint; a batch can still roll back.
		 * - synchronous=OFF skips the fsync at every commit.
		 * - foreign_keys=OFF saves a parent lookup for every row, and
		 *   ignore_check_constraints=ON the CHECK lists (SQLite builds
		 *   a little table for every "status IN (...)", which was a
		 *   fifth of the whole load); core makes the rows right by
		 *   construction, and the tests run foreign_key_check and
		 *   integrity_check (which checks the CHECKs) on the result.
		 *
		 * The first two give up safety against a crash or power loss
		 * in the middle of the load, and so does setting indexes and
		 * guards aside (a load killed half-way leaves a file without
		 * them); the worst case is a demo file to make again, never
		 * casework lost, and core refuses to load into a file that
		 * has any.  If another connection has the file open, SQLite
		 * keeps WAL, which is merely slower.  The page cache is raised
		 * (negative = KiB) so that what is being filled stays in
		 * memory.
		 */
		if ((rc = db_exec(db, "PRAGMA journal_mode=MEMORY")) ||
		    (rc = db_exec(db, "PRAGMA synchronous=OFF")) ||
		    (rc = db_exec(db, "PRAGMA foreign_keys=OFF")) ||
		    (rc = db_exec(db, "PRAGMA ignore_check_constraints=ON")) ||
		    (rc = db_exec(db, "PRAGMA cache_size=-262144")) ||
		    (rc = db_exec(db, set_aside_sql)))
			return rc;
		indexes_back = 0;
		return db_tx(db, set_aside_tx, NULL);
	}
	/* Back to what db_open sets, whatever happened: from here on a
	 * decision reported as saved must survive a power loss.  Leaving
	 * MEMORY for WAL syncs the file. */
	{
		static const char *const back[] = {
			"PRAGMA foreign_keys=ON",
			"PRAGMA ignore_check_constraints=OFF",
			"PRAGMA cache_size=-2000",
			"PRAGMA synchronous=FULL", "PRAGMA journal_mode=WAL",
		};
		size_t i;
		int r2;

		rc = db_tx(db, put_back_tx, NULL);
		indexes_back = 1;
		for (i = 0; i < sizeof back / sizeof back[0]; i++)
			if ((r2 = db_exec(db, back[i])) && !rc)
				rc = r2;
	}
	return rc;
}

/* ---- binding, with a row's first parameter at base + 1 ---- */

/* text, NULL -> '' (columns NOT NULL DEFAULT '') */
static void bt(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

/* optional text, NULL or "" -> NULL */
static void bo(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bi(sqlite3_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

/* optional reference, 0 -> NULL */
static void br(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* optional amount, negative -> NULL (unknown) */
static void ba(sqlite3_stmt *st, int i, int64_t v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void bind_person(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_person *p = row;
	bi(st, b + 1, p->id);
	bo(st, b + 2, p->nid);
	bt(st, b + 3, p->given);
	bt(st, b + 4, p->family);
	bo(st, b + 5, p->birth);
	bt(st, b + 6, p->address);
	bt(st, b + 7, p->postcode);
	bt(st, b + 8, p->city);
	bt(st, b + 9, p->phone);
	bt(st, b + 10, p->email);
	bt(st, b + 11, p->language);
	bi(st, b + 12, p->interpreter);
	bt(st, b + 13, p->created_at);
}

struct key_row {
	const char *key;
	int64_t person_id;
};

static void bind_key(sqlite3_stmt *st, int b, const void *row)
{
	const struct key_row *k = row;
	bt(st, b + 1, k->key);
	bi(st, b + 2, k->person_id);
}

/* person_key's order (BINARY collation: bytes, then the id) */
static int key_cmp(const void *a, const void *b)
{
	const struct key_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->person_id > y->person_id) - (x->person_id < y->person_id);
}

static void bind_household(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_household *h = row;
	bi(st, b + 1, h->id);
	bt(st, b + 2, h->created_at);
}

static void bind_member(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_member *r = row;
	bi(st, b + 1, r->household_id);
	br(st, b + 2, r->person_id);
	bt(st, b + 3, r->name);
	bt(st, b + 4, r->relation);
	bo(st, b + 5, r->birth);
}

static void bind_dwelling(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_dwelling *d = row;
	bi(st, b + 1, d->id);
	bt(st, b + 2, d->address);
	bt(st, b + 3, d->area);
	bi(st, b + 4, d->rooms);
	bi(st, b + 5, d->size_m2);
	bi(st, b + 6, d->floor);
	bi(st, b + 7, d->lift);
	bi(st, b + 8, d->adapted);
	bi(st, b + 9, d->staffed);
	bi(st, b + 10, d->rent);
	bt(st, b + 11, d->status);
	bo(st, b + 12, d->vacant_from);
}

static void bind_case(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_case *c = row;
	bi(st, b + 1, c->id);
	bt(st, b + 2, c->number);
	bi(st, b + 3, c->applicant_id);
	br(st, b + 4, c->household_id);
	bt(st, b + 5, c->track);
	bi(st, b + 6, c->unit_id);
	bi(st, b + 7, c->caseworker_id);
	br(st, b + 8, c->intake_unit_id);
	br(st, b + 9, c->registered_by);
	bt(st, b + 10, c->status);
	bt(st, b + 11, c->received);
	bt(st, b + 12, c->situation);
	bo(st, b + 13, c->discharge);
	bi(st, b + 14, (int64_t)c->needs);
	bt(st, b + 15, c->needs_note);
	ba(st, b + 16, c->income);
	ba(st, b + 17, c->debt);
	bo(st, b + 18, c->interim_sent);
	bo(st, b + 19, c->interim_expected);
	bo(st, b + 20, c->decided_at);
	bo(st, b + 21, c->close_reason);
	bo(st, b + 22, c->closed_at);
	bt(st, b + 23, c->created_at);
	bt(st, b + 24, c->updated_at);
	bi(st, b + 25, c->version > 0 ? c->version : 1);
}

static void bind_consent(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_consent *r = row;
	bi(st, b + 1, r->person_id);
	bi(st, b + 2, r->unit_id);
	bt(st, b + 3, r->scope ? r->scope : "case");
	bt(st, b + 4, r->state);
	bo(st, b + 5, r->given);
	bo(st, b + 6, r->withdrawn);
	bi(st, b + 7, r->recorded_by);
	bt(st, b + 8, r->recorded_at);
}

static void bind_doc(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_doc *r = row;
	bi(st, b + 1, r->case_id);
	bt(st, b + 2, r->kind);
	bi(st, b + 3, r->required);
	bt(st, b + 4, r->state);
	bo(st, b + 5, r->received);
}

static void bind_journal(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_journal *r = row;
	bi(st, b + 1, r->case_id);
	bt(st, b + 2, r->at);
	bi(st, b + 3, r->staff_id);
	bt(st, b + 4, r->kind);
	bt(st, b + 5, r->text);
}

static void bind_access(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_access *r = row;
	bt(st, b + 1, r->at);
	bi(st, b + 2, r->staff_id);
	br(st, b + 3, r->person_id);
	br(st, b + 4, r->case_id);
	bt(st, b + 5, r->reason);
	bt(st, b + 6, r->detail);
}

static void bind_referral(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_referral *r = row;
	bi(st, b + 1, r->id);
	bi(st, b + 2, r->case_id);
	bi(st, b + 3, r->from_unit_id);
	bi(st, b + 4, r->to_unit_id);
	bt(st, b + 5, r->kind);
	bt(st, b + 6, r->asked);
	bt(st, b + 7, r->reason);
	bt(st, b + 8, r->basis);
	bt(st, b + 9, r->basis_note);
	bt(st, b + 10, r->deadline);
	bt(st, b + 11, r->status);
	bo(st, b + 12, r->answer_code);
	bo(st, b + 13, r->answer_text);
	br(st, b + 14, r->assigned_to);
	br(st, b + 15, r->answered_by);
	bo(st, b + 16, r->answered_at);
	bi(st, b + 17, r->created_by);
	bt(st, b + 18, r->created_at);
}

static void bind_refmsg(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_refmsg *r = row;
	bi(st, b + 1, r->referral_id);
	bt(st, b + 2, r->at);
	bi(st, b + 3, r->staff_id);
	bt(st, b + 4, r->kind);
	bt(st, b + 5, r->text);
}

static void bind_forum(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_forum *r = row;
	bi(st, b + 1, r->case_id);
	br(st, b + 2, r->referral_id);
	bi(st, b + 3, r->raised_by);
	bt(st, b + 4, r->raised_at);
	bt(st, b + 5, r->why);
	bo(st, b + 6, r->conclusion);
	br(st, b + 7, r->resp_unit_id);
	bo(st, b + 8, r->concluded_at);
}

static void bind_plan(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_plan *p = row;
	bi(st, b + 1, p->id);
	bi(st, b + 2, p->person_id);
	bt(st, b + 3, p->status);
	br(st, b + 4, p->coordinator_id);
	bt(st, b + 5, p->goals);
	bt(st, b + 6, p->resources);
	bt(st, b + 7, p->needs);
	bt(st, b + 8, p->contributions);
	bo(st, b + 9, p->period_from);
	bo(st, b + 10, p->period_to);
	bo(st, b + 11, p->next_evaluation);
	bo(st, b + 12, p->consent_date);
	bi(st, b + 13, p->revision > 0 ? p->revision : 1);
	bt(st, b + 14, p->created_at);
	bt(st, b + 15, p->updated_at);
}

static void bind_participant(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_participant *p = row;
	bi(st, b + 1, p->plan_id);
	bt(st, b + 2, p->kind);
	br(st, b + 3, p->staff_id);
	br(st, b + 4, p->unit_id);
	bt(st, b + 5, p->name);
	bt(st, b + 6, p->contact);
	bt(st, b + 7, p->may_see);
	bi(st, b + 8, p->consent);
}

static void bind_measure(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_measure *m = row;
	bi(st, b + 1, m->plan_id);
	bt(st, b + 2, m->what);
	bt(st, b + 3, m->extent);
	br(st, b + 4, m->resp_unit_id);
	bt(st, b + 5, m->resp_name);
	bo(st, b + 6, m->from);
	bo(st, b + 7, m->to);
	bt(st, b + 8, m->status);
}

static void bind_revision(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_revision *r = row;
	bi(st, b + 1, r->plan_id);
	bi(st, b + 2, r->revision);
	bt(st, b + 3, r->at);
	bi(st, b + 4, r->staff_id);
	bt(st, b + 5, r->snapshot);
}

static void bind_decision(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_decision *d = row;
	bi(st, b + 1, d->id);
	bi(st, b + 2, d->case_id);
	bt(st, b + 3, d->track);
	bt(st, b + 4, d->outcome);
	br(st, b + 5, d->dwelling_id);
	bt(st, b + 6, d->conclusion);
	bt(st, b + 7, d->rules);
	bt(st, b + 8, d->facts);
	bt(st, b + 9, d->considerations);
	bt(st, b + 10, d->granted);
	bt(st, b + 11, d->other_help);
	bt(st, b + 12, d->appeal_body);
	bt(st, b + 13, d->appeal_info);
	bt(st, b + 14, d->letter);
	bt(st, b + 15, d->facts_snapshot);
	bi(st, b + 16, d->issued_by);
	bt(st, b + 17, d->issued_at);
	bo(st, b + 18, d->delivered);
}

static void bind_appeal(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_appeal *a = row;
	bi(st, b + 1, a->id);
	bi(st, b + 2, a->decision_id);
	bt(st, b + 3, a->received);
	bi(st, b + 4, a->late);
	bt(st, b + 5, a->status);
	bo(st, b + 6, a->reassessed_at);
	bo(st, b + 7, a->body_outcome);
	bo(st, b + 8, a->body_decided_at);
}

static void bind_lease(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_lease *l = row;
	bi(st, b + 1, l->id);
	bi(st, b + 2, l->case_id);
	bi(st, b + 3, l->dwelling_id);
	bi(st, b + 4, l->tenant_id);
	bt(st, b + 5, l->start);
	bt(st, b + 6, l->end);
	bt(st, b + 7, l->review);
	bo(st, b + 8, l->short_ground);
	bo(st, b + 9, l->notice_given);
	bt(st, b + 10, l->status);
}

static void bind_deadline(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_deadline *d = row;
	br(st, b + 1, d->case_id);
	bt(st, b + 2, d->kind);
	br(st, b + 3, d->ref_id);
	br(st, b + 4, d->unit_id);
	br(st, b + 5, d->staff_id);
	bt(st, b + 6, d->due);
	bo(st, b + 7, d->done_at);
}

static void bind_seq(sqlite3_stmt *st, int b, const void *row)
{
	const struct db_demo_seq *q = row;
	bi(st, b + 1, q->year);
	bi(st, b + 2, q->last);
}

/* ---- the tables, in the order they are filled ---- */

struct table {
	const char *head; /* "INSERT INTO t (columns) VALUES" */
	const char *tail; /* after the rows, or "" */
	int ncols;
	void (*bind)(sqlite3_stmt *st, int base, const void *row);
};

#define ROWS_PER_INSERT 16

static const struct table
	t_person = {"INSERT INTO person (id, nid, given_name, family_name, "
		    "birth_date, address, postcode, city, phone, email, "
		    "language, interpreter, created_at) VALUES", "", 13,
		    bind_person},
	t_key = {"INSERT OR IGNORE INTO person_key (key, person_id) VALUES", "",
		 2, bind_key},
	t_household = {"INSERT INTO household (id, created_at) VALUES", "", 2,
		       bind_household},
	t_member = {"INSERT INTO household_member (household_id, person_id, "
		    "name, relation, birth_date) VALUES", "", 5, bind_member},
	t_dwelling = {"INSERT INTO dwelling (id, address, area, rooms, size_m2, "
		      "floor, lift, adapted, staffed, rent, status, vacant_from) "
		      "VALUES", "", 12, bind_dwelling},
	t_case = {"INSERT INTO case_file (id, number, applicant_id, household_id, "
		  "track, unit_id, caseworker_id, intake_unit_id, registered_by, "
		  "status, received, situation, discharge_date, needs, "
		  "needs_note, income, debt, interim_sent, interim_expected, "
		  "decided_at, close_reason, closed_at, created_at, updated_at, "
		  "version) VALUES", "", 25, bind_case},
	t_consent = {"INSERT INTO consent (person_id, unit_id, scope, state, "
		     "given_date, withdrawn_date, recorded_by, recorded_at) "
		     "VALUES", "", 8, bind_consent},
	t_doc = {"INSERT INTO doc_item (case_id, kind, required, state, "
		 "received) VALUES", "", 5, bind_doc},
	t_journal = {"INSERT INTO journal (case_id, at, staff_id, kind, text) "
		     "VALUES", "", 5, bind_journal},
	t_access = {"INSERT INTO access_log (at, staff_id, person_id, case_id, "
		    "reason, detail) VALUES", "", 6, bind_access},
	t_referral = {"INSERT INTO referral (id, case_id, from_unit_id, "
		      "to_unit_id, kind, asked, reason, basis, basis_note, "
		      "deadline, status, answer_code, answer_text, assigned_to, "
		      "answered_by, answered_at, created_by, created_at) VALUES",
		      "", 18, bind_referral},
	t_refmsg = {"INSERT INTO referral_message (referral_id, at, staff_id, "
		    "kind, text) VALUES", "", 5, bind_refmsg},
	t_forum = {"INSERT INTO forum_item (case_id, referral_id, raised_by, "
		   "raised_at, why, conclusion, resp_unit_id, concluded_at) "
		   "VALUES", "", 8, bind_forum},
	t_plan = {"INSERT INTO plan (id, person_id, status, coordinator_id, "
		  "goals, resources, needs, contributions, period_from, "
		  "period_to, next_evaluation, consent_date, revision, "
		  "created_at, updated_at) VALUES", "", 15, bind_plan},
	t_participant = {"INSERT INTO plan_participant (plan_id, kind, staff_id, "
			 "unit_id, name, contact, may_see, consent) VALUES", "",
			 8, bind_participant},
	t_measure = {"INSERT INTO plan_measure (plan_id, what, extent, "
		     "resp_unit_id, resp_name, from_date, to_date, status) "
		     "VALUES", "", 8, bind_measure},
	t_revision = {"INSERT INTO plan_revision (plan_id, revision, at, "
		      "staff_id, snapshot) VALUES", "", 5, bind_revision},
	t_decision = {"INSERT INTO decision (id, case_id, track, outcome, "
		      "dwelling_id, conclusion, rules, facts, considerations, "
		      "granted, other_help, appeal_body, appeal_info, letter, "
		      "facts_snapshot, issued_by, issued_at, delivered) VALUES",
		      "", 18, bind_decision},
	t_appeal = {"INSERT INTO appeal (id, decision_id, received, late, status, "
		    "reassessed_at, body_outcome, body_decided_at) VALUES", "",
		    8, bind_appeal},
	t_lease = {"INSERT INTO lease (id, case_id, dwelling_id, tenant_id, "
		   "start_date, end_date, review_date, short_ground, "
		   "notice_given, status) VALUES", "", 10, bind_lease},
	t_deadline = {"INSERT INTO deadline (case_id, kind, ref_id, unit_id, "
		      "staff_id, due, done_at) VALUES", "", 7, bind_deadline},
	t_seq = {"INSERT INTO case_seq (year, last) VALUES",
		 " ON CONFLICT (year) DO UPDATE SET last = max(last, "
		 "excluded.last)", 2, bind_seq};

/* "head (?,?),(?,?)... tail" for nrows rows; malloc'd */
static char *insert_sql(const struct table *t, int nrows)
{
	size_t len = strlen(t->head) + strlen(t->tail) +
		     (size_t)nrows * ((size_t)t->ncols * 2 + 4) + 1;
	char *sql = malloc(len), *p;
	int r, c;

	if (!sql)
		return NULL;
	p = sql + sprintf(sql, "%s", t->head);
	for (r = 0; r < nrows; r++) {
		*p++ = r ? ',' : ' ';
		*p++ = '(';
		for (c = 0; c < t->ncols; c++) {
			if (c)
				*p++ = ',';
			*p++ = '?';
		}
		*p++ = ')';
	}
	strcpy(p, t->tail);
	return sql;
}

static sqlite3_stmt *prepare(struct db *db, const struct table *t, int nrows)
{
	sqlite3_stmt *st = NULL;
	char *sql = insert_sql(t, nrows);
	int rc;

	if (!sql)
		return NULL;
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		db_rc(db, rc);
		return NULL;
	}
	return st;
}

/* Inserts n rows of size bytes each, ROWS_PER_INSERT to a statement: one
 * statement fills many rows, which halves SQLite's work per row. */
static int insert_rows(struct db *db, const struct table *t, const void *rows,
		       size_t size, size_t n)
{
	const char *base = rows;
	sqlite3_stmt *st;
	size_t i = 0;
	int r, rc = SQLITE_DONE;

	if (n >= ROWS_PER_INSERT && t->tail[0] == '\0') {
		if (!(st = prepare(db, t, ROWS_PER_INSERT)))
			return DB_ERROR;
		for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
			for (r = 0; r < ROWS_PER_INSERT; r++)
				t->bind(st, r * t->ncols,
					base + (i + (size_t)r) * size);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				break;
		}
		scan_steps += (unsigned long)sqlite3_stmt_status(
			st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_rc(db, rc);
	}
	if (i == n)
		return DB_OK;
	if (!(st = prepare(db, t, 1)))
		return DB_ERROR;
	for (; i < n; i++) {
		t->bind(st, 0, base + i * size);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			break;
	}
	scan_steps += (unsigned long)sqlite3_stmt_status(
		st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

#define INSERT(t, arr, n) insert_rows(db, &(t), (arr), sizeof *(arr), (n))

/* The name keys of a batch arrive in random order; sorted first, they go
 * into the person_key B-tree walking it once from left to right instead
 * of jumping about. */
static int load_keys(struct db *db, const struct db_demo_batch *b)
{
	struct key_row *k;
	size_t i, n = b->nperson * 2;
	int rc;

	if (n == 0)
		return DB_OK;
	k = malloc(n * sizeof *k);
	if (!k)
		return DB_NOMEM;
	for (i = 0; i < b->nperson; i++) {
		k[2 * i].key = b->person[i].key1 ? b->person[i].key1 : "";
		k[2 * i].person_id = b->person[i].id;
		k[2 * i + 1].key = b->person[i].key2 ? b->person[i].key2 : "";
		k[2 * i + 1].person_id = b->person[i].id;
	}
	qsort(k, n, sizeof *k, key_cmp);
	rc = INSERT(t_key, k, n);
	free(k);
	return rc;
}

static int load_tx(struct db *db, void *p)
{
	const struct db_demo_batch *b = p;
	int rc;

	if ((rc = INSERT(t_person, b->person, b->nperson)) ||
	    (rc = load_keys(db, b)) ||
	    (rc = INSERT(t_household, b->household, b->nhousehold)) ||
	    (rc = INSERT(t_member, b->member, b->nmember)) ||
	    (rc = INSERT(t_dwelling, b->dwelling, b->ndwelling)) ||
	    (rc = INSERT(t_case, b->kase, b->ncase)) ||
	    (rc = INSERT(t_consent, b->consent, b->nconsent)) ||
	    (rc = INSERT(t_doc, b->doc, b->ndoc)) ||
	    (rc = INSERT(t_journal, b->journal, b->njournal)) ||
	    (rc = INSERT(t_access, b->access, b->naccess)) ||
	    (rc = INSERT(t_referral, b->referral, b->nreferral)) ||
	    (rc = INSERT(t_refmsg, b->refmsg, b->nrefmsg)) ||
	    (rc = INSERT(t_forum, b->forum, b->nforum)) ||
	    (rc = INSERT(t_plan, b->plan, b->nplan)) ||
	    (rc = INSERT(t_participant, b->participant, b->nparticipant)) ||
	    (rc = INSERT(t_measure, b->measure, b->nmeasure)) ||
	    (rc = INSERT(t_revision, b->revision, b->nrevision)) ||
	    (rc = INSERT(t_decision, b->decision, b->ndecision)) ||
	    (rc = INSERT(t_appeal, b->appeal, b->nappeal)) ||
	    (rc = INSERT(t_lease, b->lease, b->nlease)) ||
	    (rc = INSERT(t_deadline, b->deadline, b->ndeadline)))
		return rc;
	return INSERT(t_seq, b->seq, b->nseq);
}

int db_demo_load(struct db *db, const struct db_demo_batch *b)
{
	int rc;

	scan_steps = 0;
	rc = db_tx(db, load_tx, (void *)b);
	/* a trigger scanned a table for want of an index: put them back */
	if (rc == DB_OK && scan_steps && !indexes_back) {
		rc = db_tx(db, indexes_back_tx, NULL);
		indexes_back = 1;
	}
	return rc;
}
