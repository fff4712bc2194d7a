/* Cases, their journal, household, documents, consents and deadlines. */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

int db_case_get(struct db *db, int64_t id, struct case_rec *c)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.id, c.number, c.applicant_id, c.household_id, c.track, "
		"c.unit_id, c.caseworker_id, c.status, c.received, c.situation, "
		"c.discharge_date, c.needs, c.needs_note, coalesce(c.income, -1), "
		"coalesce(c.debt, -1), c.interim_sent, c.interim_expected, "
		"c.close_reason, c.version, c.updated_at, "
		"p.family_name || ', ' || p.given_name, p.nid, u.name, s.full_name, "
		"coalesce(c.intake_unit_id, 0) "
		"FROM case_file c JOIN person p ON p.id = c.applicant_id "
		"JOIN unit u ON u.id = c.unit_id "
		"JOIN staff s ON s.id = c.caseworker_id WHERE c.id = ?");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
	}
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, c->number, sizeof c->number);
	c->applicant_id = sqlite3_column_int64(st, 2);
	c->household_id = db_col_id(st, 3);
	db_col_text(st, 4, c->track, sizeof c->track);
	c->unit_id = sqlite3_column_int64(st, 5);
	c->caseworker_id = sqlite3_column_int64(st, 6);
	db_col_text(st, 7, c->status, sizeof c->status);
	db_col_text(st, 8, c->received, sizeof c->received);
	db_col_text(st, 9, c->situation, sizeof c->situation);
	db_col_text(st, 10, c->discharge, sizeof c->discharge);
	c->needs = (unsigned)sqlite3_column_int(st, 11);
	db_col_text(st, 12, c->needs_note, sizeof c->needs_note);
	c->income = sqlite3_column_int64(st, 13);
	c->debt = sqlite3_column_int64(st, 14);
	db_col_text(st, 15, c->interim_sent, sizeof c->interim_sent);
	db_col_text(st, 16, c->interim_expected, sizeof c->interim_expected);
	db_col_text(st, 17, c->close_reason, sizeof c->close_reason);
	c->version = sqlite3_column_int(st, 18);
	db_col_text(st, 19, c->updated_at, sizeof c->updated_at);
	db_col_text(st, 20, c->applicant_name, sizeof c->applicant_name);
	db_col_text(st, 21, c->nid, sizeof c->nid);
	db_col_text(st, 22, c->unit_name, sizeof c->unit_name);
	db_col_text(st, 23, c->caseworker_name, sizeof c->caseworker_name);
	c->intake_unit_id = sqlite3_column_int64(st, 24);
	sqlite3_reset(st);
	return DB_OK;
}

int db_case_id_by_number(struct db *db, const char *number, int64_t *id)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id FROM case_file WHERE number = ?");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, number);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

static int journal_insert(struct db *db, int64_t case_id, int64_t staff_id,
			  const char *at, const char *kind, const char *text)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO journal (case_id, at, staff_id, kind, text) "
		"VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, at);
	sqlite3_bind_int64(st, 3, staff_id);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, text);
	return db_step_done(db, st);
}

static int case_set_status_tx(struct db *db, void *p)
{
	const struct db_case_change *c = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE case_file SET status = ?1, "
		"close_reason = coalesce(?2, close_reason), "
		"closed_at = CASE WHEN ?1 = 'closed' THEN ?3 ELSE closed_at END, "
		"decided_at = CASE WHEN ?1 IN ('granted','waiting','rejected') "
		"             AND decided_at IS NULL THEN ?3 ELSE decided_at END, "
		"updated_at = ?4, version = version + 1 "
		"WHERE id = ?5 AND version = ?6");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, c->status);
	db_bind_opt(st, 2, c->close_reason);
	db_bind_text(st, 3, c->today);
	db_bind_text(st, 4, c->at);
	sqlite3_bind_int64(st, 5, c->case_id);
	sqlite3_bind_int(st, 6, c->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	if (strcmp(c->status, "closed") == 0) {
		/* a closed case owes no one anything any more */
		st = db_prep(db, "UPDATE deadline SET done_at = ?1 "
				 "WHERE case_id = ?2 AND done_at IS NULL");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 1, c->at);
		sqlite3_bind_int64(st, 2, c->case_id);
		if ((rc = db_step_done(db, st)))
			return rc;
	} else if (strcmp(c->status, "granted") == 0 ||
		   strcmp(c->status, "waiting") == 0 ||
		   strcmp(c->status, "rejected") == 0) {
		st = db_prep(db, "UPDATE deadline SET done_at = ?1 WHERE case_id "
				 "= ?2 AND kind IN ('interim','decision') "
				 "AND done_at IS NULL");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 1, c->at);
		sqlite3_bind_int64(st, 2, c->case_id);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return journal_insert(db, c->case_id, c->staff_id, c->at,
			      c->journal_kind, c->journal_text);
}

int db_case_set_status(struct db *db, const struct db_case_change *c)
{
	return db_tx(db, case_set_status_tx, (void *)c);
}

struct journal_arg {
	int64_t case_id, staff_id;
	const char *at, *kind, *text;
};

static int journal_add_tx(struct db *db, void *p)
{
	struct journal_arg *a = p;
	return journal_insert(db, a->case_id, a->staff_id, a->at, a->kind,
			      a->text);
}

int db_journal_add(struct db *db, int64_t case_id, int64_t staff_id,
		   const char *at, const char *kind, const char *text)
{
	struct journal_arg a = {case_id, staff_id, at, kind, text};
	return db_tx(db, journal_add_tx, &a);
}

int db_journal_list(struct db *db, int64_t case_id, struct journal_rec **out,
		    size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT j.id, j.at, s.full_name, j.kind, j.text FROM journal j "
		"JOIN staff s ON s.id = j.staff_id WHERE j.case_id = ? "
		"ORDER BY j.id DESC");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct journal_rec *r = db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->at, sizeof r->at);
		db_col_text(st, 2, r->staff_name, sizeof r->staff_name);
		db_col_text(st, 3, r->kind, sizeof r->kind);
		db_col_text(st, 4, r->text, sizeof r->text);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_case_referred_to(struct db *db, int64_t case_id, int64_t staff_id,
			int *yes)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT EXISTS (SELECT 1 FROM referral r JOIN membership m "
		"ON m.unit_id = r.to_unit_id AND m.staff_id = ?2 "
		"WHERE r.case_id = ?1 AND r.status IN ('open','question','accepted'))");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, staff_id);
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

int db_case_household(struct db *db, int64_t household_id,
		      struct hh_member_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.id, coalesce(m.person_id, 0), "
		"CASE WHEN m.person_id IS NULL THEN m.name "
		"     ELSE p.given_name || ' ' || p.family_name END, "
		"m.relation, coalesce(m.birth_date, p.birth_date) "
		"FROM household_member m LEFT JOIN person p ON p.id = m.person_id "
		"WHERE m.household_id = ? ORDER BY m.id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, household_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hh_member_rec *r = db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->person_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, r->name, sizeof r->name);
		db_col_text(st, 3, r->relation, sizeof r->relation);
		db_col_text(st, 4, r->birth, sizeof r->birth);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_case_docs(struct db *db, int64_t case_id, struct doc_rec **out,
		 size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, kind, state, received FROM doc_item WHERE case_id = ? "
		"ORDER BY id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct doc_rec *r = db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->kind, sizeof r->kind);
		db_col_text(st, 2, r->state, sizeof r->state);
		db_col_text(st, 3, r->received, sizeof r->received);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_person_consents(struct db *db, int64_t person_id,
		       struct consent_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.id, c.person_id, c.unit_id, u.name, c.state, "
		"c.given_date, c.withdrawn_date FROM consent c "
		"JOIN unit u ON u.id = c.unit_id WHERE c.person_id = ? "
		"AND c.scope = 'case' ORDER BY u.code");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, person_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct consent_rec *r = db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->person_id = sqlite3_column_int64(st, 1);
		r->unit_id = sqlite3_column_int64(st, 2);
		db_col_text(st, 3, r->unit_name, sizeof r->unit_name);
		db_col_text(st, 4, r->state, sizeof r->state);
		db_col_text(st, 5, r->given, sizeof r->given);
		db_col_text(st, 6, r->withdrawn, sizeof r->withdrawn);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_case_next_deadline(struct db *db, int64_t case_id, char kind[17],
			  char due[DB_DATE])
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT kind, due FROM deadline WHERE case_id = ? "
		"AND done_at IS NULL ORDER BY due LIMIT 1");
	int rc;

	kind[0] = due[0] = '\0';
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_text(st, 0, kind, 17);
		db_col_text(st, 1, due, DB_DATE);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

struct interim_arg {
	int64_t case_id, staff_id;
	int version;
	const char *sent, *expected, *at, *text;
};

static int interim_tx(struct db *db, void *p)
{
	struct interim_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE case_file SET interim_sent = ?, interim_expected = ?, "
		"updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->sent);
	db_bind_text(st, 2, a->expected);
	db_bind_text(st, 3, a->at);
	sqlite3_bind_int64(st, 4, a->case_id);
	sqlite3_bind_int(st, 5, a->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	st = db_prep(db, "UPDATE deadline SET done_at = ?1 WHERE case_id = ?2 "
			 "AND kind = 'interim' AND done_at IS NULL");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->at);
	sqlite3_bind_int64(st, 2, a->case_id);
	if ((rc = db_step_done(db, st)))
		return rc;
	/* the reply promised a date: that promise is the next deadline */
	st = db_prep(db, "INSERT INTO deadline (case_id, kind, unit_id, staff_id, "
			 "due) SELECT id, 'decision', unit_id, caseworker_id, ?2 "
			 "FROM case_file WHERE id = ?1");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->case_id);
	db_bind_text(st, 2, a->expected);
	if ((rc = db_step_done(db, st)))
		return rc;
	return journal_insert(db, a->case_id, a->staff_id, a->at, "interim",
			      a->text);
}

int db_case_interim(struct db *db, int64_t case_id, int version,
		    const char *sent, const char *expected, int64_t staff_id,
		    const char *at, const char *journal_text)
{
	struct interim_arg a = {case_id,  staff_id, version,     sent,
				expected, at,       journal_text};
	return db_tx(db, interim_tx, &a);
}
