/* Import of the applicants' waiting list: caseworkers' loads for core to
 * spread the cases over, and every good line saved in ONE transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

int db_unit_loads(struct db *db, int64_t unit_id, const char *role,
		  int64_t *staff_id, long *open_cases, size_t max, size_t *n)
{
	/* "open" as db_unit_least_loaded counts it */
	sqlite3_stmt *st = db_prep(db,
		"SELECT s.id, (SELECT count(*) FROM case_file c "
		"  WHERE c.caseworker_id = s.id "
		"    AND c.status NOT IN ('closed','housed')) AS n "
		"FROM membership m JOIN staff s ON s.id = m.staff_id "
		"WHERE m.unit_id = ?1 AND m.role = ?2 AND s.active = 1 "
		"ORDER BY n, s.id");
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_text(st, 2, role);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		staff_id[*n] = sqlite3_column_int64(st, 0);
		open_cases[*n] = (long)sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

int db_person_open_case(struct db *db, int64_t person_id, char number[12])
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT number FROM case_file WHERE applicant_id = ? "
		"AND status <> 'closed' ORDER BY id DESC LIMIT 1");
	int rc;

	number[0] = '\0';
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		db_col_text(st, 0, number, 12);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

static int case_insert(struct db *db, const struct db_import *im,
		       struct db_import_line *l, int64_t hh)
{
	const struct case_rec *c = l->c;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO case_file (number, applicant_id, household_id, track, "
		"unit_id, caseworker_id, intake_unit_id, registered_by, status, "
		"received, situation, discharge_date, needs, needs_note, "
		"created_at, updated_at) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, l->number);
	sqlite3_bind_int64(st, 2, l->person->id);
	sqlite3_bind_int64(st, 3, hh);
	db_bind_text(st, 4, c->track);
	sqlite3_bind_int64(st, 5, c->unit_id);
	sqlite3_bind_int64(st, 6, c->caseworker_id);
	db_bind_id(st, 7, im->intake_unit_id);
	sqlite3_bind_int64(st, 8, im->staff_id);
	db_bind_text(st, 9, c->status);
	db_bind_text(st, 10, c->received);
	db_bind_text(st, 11, c->situation);
	db_bind_opt(st, 12, c->discharge);
	sqlite3_bind_int(st, 13, (int)c->needs);
	db_bind_text(st, 14, c->needs_note);
	db_bind_text(st, 15, im->at);
	db_bind_text(st, 16, im->at);
	if ((rc = db_step_done(db, st)))
		return rc;
	l->case_id = sqlite3_last_insert_rowid(db->h);
	return DB_OK;
}

static int case_rows(struct db *db, const struct db_import *im,
		     const struct db_import_line *l)
{
	sqlite3_stmt *doc = db_prep(db,
		"INSERT INTO doc_item (case_id, kind, state, received) "
		"VALUES (?, ?, ?, ?)");
	/* the person's latest word stands, as at intake */
	sqlite3_stmt *con = db_prep(db,
		"INSERT INTO consent (person_id, unit_id, scope, state, given_date, "
		"recorded_by, recorded_at) VALUES (?1, ?2, 'case', 'given', ?3, "
		"?4, ?5) ON CONFLICT (person_id, unit_id, scope) DO UPDATE SET "
		"state = excluded.state, given_date = excluded.given_date, "
		"withdrawn_date = NULL, recorded_by = excluded.recorded_by, "
		"recorded_at = excluded.recorded_at");
	sqlite3_stmt *dl = db_prep(db,
		"INSERT INTO deadline (case_id, kind, unit_id, staff_id, due) "
		"VALUES (?, 'interim', ?, ?, ?)");
	sqlite3_stmt *jr = db_prep(db,
		"INSERT INTO journal (case_id, at, staff_id, kind, text) "
		"VALUES (?, ?, ?, 'registered', ?)");
	size_t i;
	int rc;

	if (!doc || !con || !dl || !jr)
		return DB_ERROR;
	for (i = 0; i < im->ndocs; i++) {
		sqlite3_bind_int64(doc, 1, l->case_id);
		db_bind_text(doc, 2, im->doc[i].kind);
		db_bind_text(doc, 3, im->doc[i].state);
		db_bind_opt(doc, 4, im->doc[i].received);
		if ((rc = db_step_done(db, doc)))
			return rc;
	}
	for (i = 0; i < l->nconsents; i++) {
		sqlite3_bind_int64(con, 1, l->person->id);
		sqlite3_bind_int64(con, 2, l->consent_unit[i]);
		db_bind_text(con, 3, l->c->received);
		sqlite3_bind_int64(con, 4, im->staff_id);
		db_bind_text(con, 5, im->at);
		if ((rc = db_step_done(db, con)))
			return rc;
	}
	sqlite3_bind_int64(dl, 1, l->case_id);
	sqlite3_bind_int64(dl, 2, l->c->unit_id);
	sqlite3_bind_int64(dl, 3, l->c->caseworker_id);
	db_bind_text(dl, 4, l->deadline_due);
	if ((rc = db_step_done(db, dl)))
		return rc;
	sqlite3_bind_int64(jr, 1, l->case_id);
	db_bind_text(jr, 2, im->at);
	sqlite3_bind_int64(jr, 3, im->staff_id);
	db_bind_text(jr, 4, l->journal_text);
	return db_step_done(db, jr);
}

struct import_arg {
	struct db_import *im;
	int64_t *was; /* the person ids before: 0 for a new person */
};

static int import_tx(struct db *db, void *p)
{
	struct import_arg *a = p;
	struct db_import *im = a->im;
	size_t i;
	int64_t hh;
	int rc;

	/* db_tx may run this again after a busy rollback: start from the
	 * ids as they were, not from ids a rolled-back attempt handed out */
	for (i = 0; i < im->n; i++)
		im->line[i].person->id = a->was[i];
	for (i = 0; i < im->n; i++) {
		struct db_import_line *l = &im->line[i];
		if ((!l->person->id &&
		     (rc = db_person_insert(db, l->person, l->key1, l->key2,
					    im->at))) ||
		    (rc = db_household_insert(db, l->person, l->member,
					      l->nmembers, im->at, &hh)) ||
		    (rc = db_case_number_next(db, im->year, l->number)) ||
		    (rc = case_insert(db, im, l, hh)) ||
		    (rc = case_rows(db, im, l)))
			return rc;
	}
	return DB_OK;
}

int db_import_save(struct db *db, struct db_import *im)
{
	struct import_arg a = {im, NULL};
	size_t i;
	int rc;

	a.was = calloc(im->n ? im->n : 1, sizeof *a.was);
	if (!a.was)
		return DB_NOMEM;
	for (i = 0; i < im->n; i++)
		a.was[i] = im->line[i].person->id;
	rc = db_tx(db, import_tx, &a);
	for (i = 0; rc != DB_OK && i < im->n; i++) {
		im->line[i].person->id = a.was[i];
		im->line[i].case_id = 0;
		im->line[i].number[0] = '\0';
	}
	free(a.was);
	return rc;
}
