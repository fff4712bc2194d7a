/*
 * The demo loader: stores the rows core/demo.c makes, one transaction per
 * batch, every statement prepared once (the statement cache) and bound
 * without copying (the batch outlives the transaction).
 */
#include <stdio.h>
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

int db_demo_fast(struct db *db, int on)
{
	int rc;

	if (on) {
		/*
		 * synchronous=OFF skips the fsync at every commit.  It is set
		 * only here, while the demo fills a database that has no
		 * persons or cases yet: if the machine loses power during the
		 * load, the worst case is a demo file to be made again, never
		 * lost casework.  The page cache is raised (negative = KiB) so
		 * that the name-key index stays in memory while a million
		 * persons go in.
		 */
		if ((rc = db_exec(db, "PRAGMA synchronous=OFF")) ||
		    (rc = db_exec(db, "PRAGMA cache_size=-262144")))
			return rc;
		return db_exec(db, "PRAGMA wal_autocheckpoint=100000");
	}
	/* Back to what db_open sets: a decision reported as saved must
	 * survive a power loss from here on.  The checkpoint copies the
	 * WAL into the database and makes it durable in one go. */
	if ((rc = db_exec(db, "PRAGMA synchronous=FULL")) ||
	    (rc = db_exec(db, "PRAGMA cache_size=-2000")) ||
	    (rc = db_exec(db, "PRAGMA wal_autocheckpoint=1000")))
		return rc;
	return db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
}

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

static int done(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

#define PREP(st, sql)                       \
	sqlite3_stmt *st = db_prep(db, sql); \
	if (!st)                             \
		return DB_ERROR

static int load_persons(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO person (id, nid, given_name, family_name, "
		 "birth_date, address, postcode, city, phone, email, language, "
		 "interpreter, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
	PREP(key, "INSERT OR IGNORE INTO person_key (key, person_id) "
		  "VALUES (?, ?)");
	size_t i;
	int rc;

	for (i = 0; i < b->nperson; i++) {
		const struct db_demo_person *p = &b->person[i];
		bi(st, 1, p->id);
		bo(st, 2, p->nid);
		bt(st, 3, p->given);
		bt(st, 4, p->family);
		bo(st, 5, p->birth);
		bt(st, 6, p->address);
		bt(st, 7, p->postcode);
		bt(st, 8, p->city);
		bt(st, 9, p->phone);
		bt(st, 10, p->email);
		bt(st, 11, p->language);
		bi(st, 12, p->interpreter);
		bt(st, 13, p->created_at);
		if ((rc = done(db, st)))
			return rc;
		bt(key, 1, p->key1);
		bi(key, 2, p->id);
		if ((rc = done(db, key)))
			return rc;
		bt(key, 1, p->key2);
		bi(key, 2, p->id);
		if ((rc = done(db, key)))
			return rc;
	}
	return DB_OK;
}

static int load_households(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO household (id, created_at) VALUES (?, ?)");
	PREP(m, "INSERT INTO household_member (household_id, person_id, name, "
		"relation, birth_date) VALUES (?, ?, ?, ?, ?)");
	size_t i;
	int rc;

	for (i = 0; i < b->nhousehold; i++) {
		bi(st, 1, b->household[i].id);
		bt(st, 2, b->household[i].created_at);
		if ((rc = done(db, st)))
			return rc;
	}
	for (i = 0; i < b->nmember; i++) {
		const struct db_demo_member *r = &b->member[i];
		bi(m, 1, r->household_id);
		br(m, 2, r->person_id);
		bt(m, 3, r->name);
		bt(m, 4, r->relation);
		bo(m, 5, r->birth);
		if ((rc = done(db, m)))
			return rc;
	}
	return DB_OK;
}

static int load_dwellings(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO dwelling (id, address, area, rooms, size_m2, "
		 "floor, lift, adapted, staffed, rent, status, vacant_from) "
		 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
	size_t i;
	int rc;

	for (i = 0; i < b->ndwelling; i++) {
		const struct db_demo_dwelling *d = &b->dwelling[i];
		bi(st, 1, d->id);
		bt(st, 2, d->address);
		bt(st, 3, d->area);
		bi(st, 4, d->rooms);
		bi(st, 5, d->size_m2);
		bi(st, 6, d->floor);
		bi(st, 7, d->lift);
		bi(st, 8, d->adapted);
		bi(st, 9, d->staffed);
		bi(st, 10, d->rent);
		bt(st, 11, d->status);
		bo(st, 12, d->vacant_from);
		if ((rc = done(db, st)))
			return rc;
	}
	return DB_OK;
}

static int load_cases(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO case_file (id, number, applicant_id, household_id, "
		 "track, unit_id, caseworker_id, intake_unit_id, registered_by, "
		 "status, received, situation, discharge_date, needs, needs_note, "
		 "income, debt, interim_sent, interim_expected, decided_at, "
		 "close_reason, closed_at, created_at, updated_at, version) "
		 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	size_t i;
	int rc;

	for (i = 0; i < b->ncase; i++) {
		const struct db_demo_case *c = &b->kase[i];
		bi(st, 1, c->id);
		bt(st, 2, c->number);
		bi(st, 3, c->applicant_id);
		br(st, 4, c->household_id);
		bt(st, 5, c->track);
		bi(st, 6, c->unit_id);
		bi(st, 7, c->caseworker_id);
		br(st, 8, c->intake_unit_id);
		br(st, 9, c->registered_by);
		bt(st, 10, c->status);
		bt(st, 11, c->received);
		bt(st, 12, c->situation);
		bo(st, 13, c->discharge);
		bi(st, 14, (int64_t)c->needs);
		bt(st, 15, c->needs_note);
		ba(st, 16, c->income);
		ba(st, 17, c->debt);
		bo(st, 18, c->interim_sent);
		bo(st, 19, c->interim_expected);
		bo(st, 20, c->decided_at);
		bo(st, 21, c->close_reason);
		bo(st, 22, c->closed_at);
		bt(st, 23, c->created_at);
		bt(st, 24, c->updated_at);
		bi(st, 25, c->version > 0 ? c->version : 1);
		if ((rc = done(db, st)))
			return rc;
	}
	return DB_OK;
}

static int load_case_rows(struct db *db, const struct db_demo_batch *b)
{
	PREP(con, "INSERT INTO consent (person_id, unit_id, scope, state, "
		  "given_date, withdrawn_date, recorded_by, recorded_at) "
		  "VALUES (?,?,?,?,?,?,?,?)");
	PREP(doc, "INSERT INTO doc_item (case_id, kind, required, state, "
		  "received) VALUES (?,?,?,?,?)");
	PREP(jr, "INSERT INTO journal (case_id, at, staff_id, kind, text) "
		 "VALUES (?,?,?,?,?)");
	PREP(acc, "INSERT INTO access_log (at, staff_id, person_id, case_id, "
		  "reason, detail) VALUES (?,?,?,?,?,?)");
	size_t i;
	int rc;

	for (i = 0; i < b->nconsent; i++) {
		const struct db_demo_consent *r = &b->consent[i];
		bi(con, 1, r->person_id);
		bi(con, 2, r->unit_id);
		bt(con, 3, r->scope ? r->scope : "case");
		bt(con, 4, r->state);
		bo(con, 5, r->given);
		bo(con, 6, r->withdrawn);
		bi(con, 7, r->recorded_by);
		bt(con, 8, r->recorded_at);
		if ((rc = done(db, con)))
			return rc;
	}
	for (i = 0; i < b->ndoc; i++) {
		const struct db_demo_doc *r = &b->doc[i];
		bi(doc, 1, r->case_id);
		bt(doc, 2, r->kind);
		bi(doc, 3, r->required);
		bt(doc, 4, r->state);
		bo(doc, 5, r->received);
		if ((rc = done(db, doc)))
			return rc;
	}
	for (i = 0; i < b->njournal; i++) {
		const struct db_demo_journal *r = &b->journal[i];
		bi(jr, 1, r->case_id);
		bt(jr, 2, r->at);
		bi(jr, 3, r->staff_id);
		bt(jr, 4, r->kind);
		bt(jr, 5, r->text);
		if ((rc = done(db, jr)))
			return rc;
	}
	for (i = 0; i < b->naccess; i++) {
		const struct db_demo_access *r = &b->access[i];
		bt(acc, 1, r->at);
		bi(acc, 2, r->staff_id);
		br(acc, 3, r->person_id);
		br(acc, 4, r->case_id);
		bt(acc, 5, r->reason);
		bt(acc, 6, r->detail);
		if ((rc = done(db, acc)))
			return rc;
	}
	return DB_OK;
}

static int load_referrals(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO referral (id, case_id, from_unit_id, to_unit_id, "
		 "kind, asked, reason, basis, basis_note, deadline, status, "
		 "answer_code, answer_text, assigned_to, answered_by, "
		 "answered_at, created_by, created_at) "
		 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	PREP(msg, "INSERT INTO referral_message (referral_id, at, staff_id, "
		  "kind, text) VALUES (?,?,?,?,?)");
	PREP(fo, "INSERT INTO forum_item (case_id, referral_id, raised_by, "
		 "raised_at, why, conclusion, resp_unit_id, concluded_at) "
		 "VALUES (?,?,?,?,?,?,?,?)");
	size_t i;
	int rc;

	for (i = 0; i < b->nreferral; i++) {
		const struct db_demo_referral *r = &b->referral[i];
		bi(st, 1, r->id);
		bi(st, 2, r->case_id);
		bi(st, 3, r->from_unit_id);
		bi(st, 4, r->to_unit_id);
		bt(st, 5, r->kind);
		bt(st, 6, r->asked);
		bt(st, 7, r->reason);
		bt(st, 8, r->basis);
		bt(st, 9, r->basis_note);
		bt(st, 10, r->deadline);
		bt(st, 11, r->status);
		bo(st, 12, r->answer_code);
		bo(st, 13, r->answer_text);
		br(st, 14, r->assigned_to);
		br(st, 15, r->answered_by);
		bo(st, 16, r->answered_at);
		bi(st, 17, r->created_by);
		bt(st, 18, r->created_at);
		if ((rc = done(db, st)))
			return rc;
	}
	for (i = 0; i < b->nrefmsg; i++) {
		const struct db_demo_refmsg *r = &b->refmsg[i];
		bi(msg, 1, r->referral_id);
		bt(msg, 2, r->at);
		bi(msg, 3, r->staff_id);
		bt(msg, 4, r->kind);
		bt(msg, 5, r->text);
		if ((rc = done(db, msg)))
			return rc;
	}
	for (i = 0; i < b->nforum; i++) {
		const struct db_demo_forum *r = &b->forum[i];
		bi(fo, 1, r->case_id);
		br(fo, 2, r->referral_id);
		bi(fo, 3, r->raised_by);
		bt(fo, 4, r->raised_at);
		bt(fo, 5, r->why);
		bo(fo, 6, r->conclusion);
		br(fo, 7, r->resp_unit_id);
		bo(fo, 8, r->concluded_at);
		if ((rc = done(db, fo)))
			return rc;
	}
	return DB_OK;
}

static int load_plans(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO plan (id, person_id, status, coordinator_id, goals, "
		 "resources, needs, contributions, period_from, period_to, "
		 "next_evaluation, consent_date, revision, created_at, "
		 "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	PREP(pa, "INSERT INTO plan_participant (plan_id, kind, staff_id, "
		 "unit_id, name, contact, may_see, consent) "
		 "VALUES (?,?,?,?,?,?,?,?)");
	PREP(me, "INSERT INTO plan_measure (plan_id, what, extent, resp_unit_id, "
		 "resp_name, from_date, to_date, status) VALUES (?,?,?,?,?,?,?,?)");
	PREP(rv, "INSERT INTO plan_revision (plan_id, revision, at, staff_id, "
		 "snapshot) VALUES (?,?,?,?,?)");
	size_t i;
	int rc;

	for (i = 0; i < b->nplan; i++) {
		const struct db_demo_plan *p = &b->plan[i];
		bi(st, 1, p->id);
		bi(st, 2, p->person_id);
		bt(st, 3, p->status);
		br(st, 4, p->coordinator_id);
		bt(st, 5, p->goals);
		bt(st, 6, p->resources);
		bt(st, 7, p->needs);
		bt(st, 8, p->contributions);
		bo(st, 9, p->period_from);
		bo(st, 10, p->period_to);
		bo(st, 11, p->next_evaluation);
		bo(st, 12, p->consent_date);
		bi(st, 13, p->revision > 0 ? p->revision : 1);
		bt(st, 14, p->created_at);
		bt(st, 15, p->updated_at);
		if ((rc = done(db, st)))
			return rc;
	}
	for (i = 0; i < b->nparticipant; i++) {
		const struct db_demo_participant *p = &b->participant[i];
		bi(pa, 1, p->plan_id);
		bt(pa, 2, p->kind);
		br(pa, 3, p->staff_id);
		br(pa, 4, p->unit_id);
		bt(pa, 5, p->name);
		bt(pa, 6, p->contact);
		bt(pa, 7, p->may_see);
		bi(pa, 8, p->consent);
		if ((rc = done(db, pa)))
			return rc;
	}
	for (i = 0; i < b->nmeasure; i++) {
		const struct db_demo_measure *m = &b->measure[i];
		bi(me, 1, m->plan_id);
		bt(me, 2, m->what);
		bt(me, 3, m->extent);
		br(me, 4, m->resp_unit_id);
		bt(me, 5, m->resp_name);
		bo(me, 6, m->from);
		bo(me, 7, m->to);
		bt(me, 8, m->status);
		if ((rc = done(db, me)))
			return rc;
	}
	for (i = 0; i < b->nrevision; i++) {
		const struct db_demo_revision *r = &b->revision[i];
		bi(rv, 1, r->plan_id);
		bi(rv, 2, r->revision);
		bt(rv, 3, r->at);
		bi(rv, 4, r->staff_id);
		bt(rv, 5, r->snapshot);
		if ((rc = done(db, rv)))
			return rc;
	}
	return DB_OK;
}

static int load_decisions(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO decision (id, case_id, track, outcome, dwelling_id, "
		 "conclusion, rules, facts, considerations, granted, other_help, "
		 "appeal_body, appeal_info, letter, facts_snapshot, issued_by, "
		 "issued_at, delivered) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	PREP(ap, "INSERT INTO appeal (id, decision_id, received, late, status, "
		 "reassessed_at, body_outcome, body_decided_at) "
		 "VALUES (?,?,?,?,?,?,?,?)");
	PREP(le, "INSERT INTO lease (id, case_id, dwelling_id, tenant_id, "
		 "start_date, end_date, review_date, short_ground, notice_given, "
		 "status) VALUES (?,?,?,?,?,?,?,?,?,?)");
	size_t i;
	int rc;

	for (i = 0; i < b->ndecision; i++) {
		const struct db_demo_decision *d = &b->decision[i];
		bi(st, 1, d->id);
		bi(st, 2, d->case_id);
		bt(st, 3, d->track);
		bt(st, 4, d->outcome);
		br(st, 5, d->dwelling_id);
		bt(st, 6, d->conclusion);
		bt(st, 7, d->rules);
		bt(st, 8, d->facts);
		bt(st, 9, d->considerations);
		bt(st, 10, d->granted);
		bt(st, 11, d->other_help);
		bt(st, 12, d->appeal_body);
		bt(st, 13, d->appeal_info);
		bt(st, 14, d->letter);
		bt(st, 15, d->facts_snapshot);
		bi(st, 16, d->issued_by);
		bt(st, 17, d->issued_at);
		bo(st, 18, d->delivered);
		if ((rc = done(db, st)))
			return rc;
	}
	for (i = 0; i < b->nappeal; i++) {
		const struct db_demo_appeal *a = &b->appeal[i];
		bi(ap, 1, a->id);
		bi(ap, 2, a->decision_id);
		bt(ap, 3, a->received);
		bi(ap, 4, a->late);
		bt(ap, 5, a->status);
		bo(ap, 6, a->reassessed_at);
		bo(ap, 7, a->body_outcome);
		bo(ap, 8, a->body_decided_at);
		if ((rc = done(db, ap)))
			return rc;
	}
	for (i = 0; i < b->nlease; i++) {
		const struct db_demo_lease *l = &b->lease[i];
		bi(le, 1, l->id);
		bi(le, 2, l->case_id);
		bi(le, 3, l->dwelling_id);
		bi(le, 4, l->tenant_id);
		bt(le, 5, l->start);
		bt(le, 6, l->end);
		bt(le, 7, l->review);
		bo(le, 8, l->short_ground);
		bo(le, 9, l->notice_given);
		bt(le, 10, l->status);
		if ((rc = done(db, le)))
			return rc;
	}
	return DB_OK;
}

static int load_deadlines(struct db *db, const struct db_demo_batch *b)
{
	PREP(st, "INSERT INTO deadline (case_id, kind, ref_id, unit_id, "
		 "staff_id, due, done_at) VALUES (?,?,?,?,?,?,?)");
	PREP(seq, "INSERT INTO case_seq (year, last) VALUES (?1, ?2) "
		  "ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)");
	size_t i;
	int rc;

	for (i = 0; i < b->ndeadline; i++) {
		const struct db_demo_deadline *d = &b->deadline[i];
		br(st, 1, d->case_id);
		bt(st, 2, d->kind);
		br(st, 3, d->ref_id);
		br(st, 4, d->unit_id);
		br(st, 5, d->staff_id);
		bt(st, 6, d->due);
		bo(st, 7, d->done_at);
		if ((rc = done(db, st)))
			return rc;
	}
	for (i = 0; i < b->nseq; i++) {
		bi(seq, 1, b->seq[i].year);
		bi(seq, 2, b->seq[i].last);
		if ((rc = done(db, seq)))
			return rc;
	}
	return DB_OK;
}

static int load_tx(struct db *db, void *p)
{
	const struct db_demo_batch *b = p;
	int rc;

	if ((rc = load_persons(db, b)) || (rc = load_households(db, b)) ||
	    (rc = load_dwellings(db, b)) || (rc = load_cases(db, b)) ||
	    (rc = load_case_rows(db, b)) || (rc = load_referrals(db, b)) ||
	    (rc = load_plans(db, b)) || (rc = load_decisions(db, b)) ||
	    (rc = load_deadlines(db, b)))
		return rc;
	return DB_OK;
}

int db_demo_load(struct db *db, const struct db_demo_batch *b)
{
	return db_tx(db, load_tx, (void *)b);
}
