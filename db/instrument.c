/*
 * The housing instruments of a case (issue 8): the rows of the panel, a
 * change with its journal line, and the supervisor's counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

#define INSTR_COLS \
	"i.code, i.state, i.reason, i.note, i.unit_id, coalesce(u.code, ''), " \
	"i.referral_id, i.considered_on, i.applied_on, i.granted_on, " \
	"i.refused_on, coalesce(s.full_name, ''), i.changed_at, i.version " \
	"FROM case_instrument i LEFT JOIN unit u ON u.id = i.unit_id " \
	"LEFT JOIN staff s ON s.id = i.changed_by "

static void read_row(sqlite3_stmt *st, struct db_instrument_rec *r)
{
	memset(r, 0, sizeof *r);
	db_col_text(st, 0, r->code, sizeof r->code);
	db_col_text(st, 1, r->state, sizeof r->state);
	db_col_text(st, 2, r->reason, sizeof r->reason);
	db_col_text(st, 3, r->note, sizeof r->note);
	r->unit_id = db_col_id(st, 4);
	db_col_text(st, 5, r->unit_code, sizeof r->unit_code);
	r->referral_id = db_col_id(st, 6);
	db_col_text(st, 7, r->considered_on, sizeof r->considered_on);
	db_col_text(st, 8, r->applied_on, sizeof r->applied_on);
	db_col_text(st, 9, r->granted_on, sizeof r->granted_on);
	db_col_text(st, 10, r->refused_on, sizeof r->refused_on);
	db_col_text(st, 11, r->changed_by, sizeof r->changed_by);
	db_col_text(st, 12, r->changed_at, sizeof r->changed_at);
	r->version = sqlite3_column_int(st, 13);
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_row(st, row);
}

int db_instrument_list(struct db *db, int64_t case_id,
		       struct db_instrument_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " INSTR_COLS
				   "WHERE i.case_id = ? ORDER BY i.code");
	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	return db_rows(db, st, sizeof **out, read_any, (void **)out, n);
}

int db_instrument_get(struct db *db, int64_t case_id, const char *code,
		      struct db_instrument_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " INSTR_COLS
				   "WHERE i.case_id = ? AND i.code = ?");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

static int set_tx(struct db *db, void *arg)
{
	const struct db_instrument_change *c = arg;
	sqlite3_stmt *st;
	int rc;

	if (c->version == 0) {
		st = db_prep(db,
			"INSERT INTO case_instrument (case_id, code, state, "
			"changed_by, changed_at, version) "
			"VALUES (?1, ?2, 'none', ?3, ?4, 0) "
			"ON CONFLICT (case_id, code) DO NOTHING");
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, c->case_id);
		db_bind_text(st, 2, c->code);
		sqlite3_bind_int64(st, 3, c->staff_id);
		db_bind_text(st, 4, c->at);
		if ((rc = db_step_done(db, st)))
			return rc;
		if (sqlite3_changes(db->h) != 1)
			return DB_CONFLICT; /* someone considered it first */
	}
	st = db_prep(db,
		"UPDATE case_instrument SET state = ?3, reason = ?4, note = ?5, "
		"unit_id = ?6, referral_id = coalesce(?7, referral_id), "
		"considered_on = coalesce(considered_on, "
		"  CASE WHEN ?3 <> 'none' THEN ?8 END), "
		"applied_on = CASE WHEN ?3 IN ('applied','granted','refused') "
		"  THEN coalesce(?9, applied_on, ?8) "
		"  WHEN ?3 IN ('none','not_relevant','to_apply') THEN NULL "
		"  ELSE applied_on END, "
		"granted_on = CASE WHEN ?3 = 'granted' "
		"  THEN coalesce(granted_on, ?8) END, "
		"refused_on = CASE WHEN ?3 = 'refused' "
		"  THEN coalesce(refused_on, ?8) END, "
		"changed_by = ?10, changed_at = ?11, version = version + 1 "
		"WHERE case_id = ?1 AND code = ?2 AND version = ?12");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, c->case_id);
	db_bind_text(st, 2, c->code);
	db_bind_text(st, 3, c->state);
	db_bind_text(st, 4, c->reason);
	db_bind_text(st, 5, c->note);
	db_bind_id(st, 6, c->unit_id);
	db_bind_id(st, 7, c->referral_id);
	db_bind_text(st, 8, c->today);
	db_bind_opt(st, 9, c->applied_on);
	sqlite3_bind_int64(st, 10, c->staff_id);
	db_bind_text(st, 11, c->at);
	sqlite3_bind_int(st, 12, c->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) != 1)
		return DB_CONFLICT;
	st = db_prep(db,
		"INSERT INTO journal (case_id, at, staff_id, kind, text) "
		"VALUES (?, ?, ?, 'instrument', ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, c->case_id);
	db_bind_text(st, 2, c->at);
	sqlite3_bind_int64(st, 3, c->staff_id);
	db_bind_text(st, 4, c->journal_text);
	return db_step_done(db, st);
}

int db_instrument_set(struct db *db, const struct db_instrument_change *c)
{
	return db_tx(db, set_tx, (void *)c);
}

/* A household: the case's, else its applicant's (negative, apart). */
#define HOUSEHOLD "coalesce(c.household_id, -c.applicant_id)"

int db_instrument_counts(struct db *db, int64_t unit_id, const char *from,
			 const char *to, struct db_instrument_count **out,
			 size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT i.code, "
		"count(DISTINCT CASE WHEN i.considered_on BETWEEN ?2 AND ?3 "
		"  THEN " HOUSEHOLD " END), "
		"count(DISTINCT CASE WHEN i.applied_on BETWEEN ?2 AND ?3 "
		"  THEN " HOUSEHOLD " END), "
		"count(DISTINCT CASE WHEN i.granted_on BETWEEN ?2 AND ?3 "
		"  THEN " HOUSEHOLD " END) "
		"FROM case_instrument i JOIN case_file c ON c.id = i.case_id "
		"WHERE (?1 IS NULL OR c.unit_id = ?1) AND i.state <> 'none' "
		"GROUP BY i.code ORDER BY i.code");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_id(st, 1, unit_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_instrument_count *r =
			db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			free(*out);
			*out = NULL;
			*n = 0;
			return DB_NOMEM;
		}
		db_col_text(st, 0, r->code, sizeof r->code);
		r->considered = (long)sqlite3_column_int64(st, 1);
		r->applied = (long)sqlite3_column_int64(st, 2);
		r->granted = (long)sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_rc(db, rc);
	}
	return DB_OK;
}

int db_instrument_refused_alone(struct db *db, int64_t unit_id,
				const char *from, const char *to,
				const char *except_code, long *n)
{
	/* issued_at is a timestamp: the day is its first ten characters,
	 * and the range is on the whole value so the index is used */
	sqlite3_stmt *st = db_prep(db,
		"SELECT count(DISTINCT " HOUSEHOLD ") FROM decision d "
		"JOIN case_file c ON c.id = d.case_id "
		"WHERE d.issued_at >= ?2 AND d.issued_at < date(?3, '+1 day') "
		"AND d.outcome = 'rejected' "
		"AND (?1 IS NULL OR c.unit_id = ?1) "
		"AND NOT EXISTS (SELECT 1 FROM case_instrument i "
		"  WHERE i.case_id = d.case_id AND i.code <> ?4 "
		"  AND i.applied_on IS NOT NULL)");

	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_id(st, 1, unit_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, except_code ? except_code : "");
	return db_step_long(db, st, n);
}
