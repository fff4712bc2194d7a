/* Decisions (vedtak): stored frozen, with the letter and the facts they
 * rested on, the case's new status, the deadlines and the notices to the
 * units, in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocint.h"

#define DEC_COLS                                                           \
	"d.id, d.case_id, d.track, d.outcome, coalesce(d.dwelling_id, 0), "  \
	"coalesce(w.address, ''), d.conclusion, d.appeal_body, "             \
	"coalesce(d.supersedes, 0), d.issued_by, s.full_name, d.issued_at, " \
	"coalesce(d.delivered, ''), coalesce(d.unit_id, 0), "                \
	"coalesce(d.lease_months, 0) FROM decision d JOIN staff s ON s.id = " \
	"d.issued_by LEFT JOIN dwelling w ON w.id = d.dwelling_id "

static void read_row(sqlite3_stmt *st, struct decision_rec *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	d->case_id = sqlite3_column_int64(st, 1);
	db_col_text(st, 2, d->track, sizeof d->track);
	db_col_text(st, 3, d->outcome, sizeof d->outcome);
	d->dwelling_id = sqlite3_column_int64(st, 4);
	db_col_text(st, 5, d->dwelling_address, sizeof d->dwelling_address);
	db_col_text(st, 6, d->conclusion, sizeof d->conclusion);
	db_col_text(st, 7, d->appeal_body, sizeof d->appeal_body);
	d->supersedes = sqlite3_column_int64(st, 8);
	d->issued_by = sqlite3_column_int64(st, 9);
	db_col_text(st, 10, d->issued_by_name, sizeof d->issued_by_name);
	db_col_text(st, 11, d->issued_at, sizeof d->issued_at);
	db_col_text(st, 12, d->delivered, sizeof d->delivered);
	d->unit_id = sqlite3_column_int64(st, 13);
	d->lease_months = sqlite3_column_int(st, 14);
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_row(st, row);
}

int db_decision_get(struct db *db, int64_t id, struct decision_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " DEC_COLS "WHERE d.id = ?");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_decision_list(struct db *db, int64_t case_id,
		     struct decision_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " DEC_COLS
				       "WHERE d.case_id = ? ORDER BY d.id DESC");
	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	return db_rows(db, st, sizeof **out, read_any, (void **)out, n);
}

static char *dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	int len = sqlite3_column_bytes(st, i);
	char *s = malloc((size_t)len + 1);

	if (!s)
		return NULL;
	if (t)
		memcpy(s, t, (size_t)len);
	s[len] = '\0';
	return s;
}

int db_decision_letter(struct db *db, int64_t id, char **letter,
		       char **snapshot)
{
	sqlite3_stmt *st = db_prep(db, "SELECT letter, facts_snapshot FROM "
				       "decision WHERE id = ?");
	int rc;

	*letter = NULL;
	if (snapshot)
		*snapshot = NULL;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*letter = dup_col(st, 0);
		if (snapshot)
			*snapshot = dup_col(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
	if (!*letter || (snapshot && !*snapshot)) {
		free(*letter);
		*letter = NULL;
		if (snapshot) {
			free(*snapshot);
			*snapshot = NULL;
		}
		return DB_NOMEM;
	}
	return DB_OK;
}

int db_decision_referral_units(struct db *db, int64_t case_id,
			       int64_t *unit, size_t max, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT DISTINCT to_unit_id FROM "
				       "referral WHERE case_id = ? AND status = "
				       "'accepted' ORDER BY to_unit_id");
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		unit[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

static int insert_decision(struct db *db, struct db_decision_save *d)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO decision (case_id, track, outcome, dwelling_id, "
		"conclusion, rules, facts, considerations, granted, other_help, "
		"appeal_body, appeal_info, letter, facts_snapshot, supersedes, "
		"issued_by, issued_at, unit_id, lease_months) VALUES (?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, d->case_id);
	db_bind_text(st, 2, d->track);
	db_bind_text(st, 3, d->outcome);
	db_bind_id(st, 4, d->dwelling_id);
	db_bind_text(st, 5, d->conclusion);
	db_bind_text(st, 6, d->rules);
	db_bind_text(st, 7, d->facts);
	db_bind_text(st, 8, d->considerations);
	db_bind_text(st, 9, d->granted);
	db_bind_text(st, 10, d->other_help);
	db_bind_text(st, 11, d->appeal_body);
	db_bind_text(st, 12, d->appeal_info);
	db_bind_text(st, 13, d->letter);
	db_bind_text(st, 14, d->snapshot);
	db_bind_id(st, 15, d->supersedes);
	sqlite3_bind_int64(st, 16, d->staff_id);
	db_bind_text(st, 17, d->at);
	db_bind_id(st, 18, d->unit_id);
	if (d->lease_months > 0)
		sqlite3_bind_int(st, 19, d->lease_months);
	else
		sqlite3_bind_null(st, 19);
	if ((rc = db_step_done(db, st)))
		return rc;
	d->out_id = sqlite3_last_insert_rowid(db->h);
	return DB_OK;
}

static int notices(struct db *db, const struct db_decision_save *d)
{
	sqlite3_stmt *st = db_prep(db, "INSERT OR IGNORE INTO decision_notice "
				       "(decision_id, unit_id) VALUES (?, ?)");
	size_t i;
	int rc;

	if (!st)
		return DB_ERROR;
	for (i = 0; i < d->nnotice; i++) {
		sqlite3_bind_int64(st, 1, d->out_id);
		sqlite3_bind_int64(st, 2, d->notice_unit[i]);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return DB_OK;
}

/* The appeal answered by this decision: 'changed', with the reference. */
static int appeal_changed(struct db *db, const struct db_decision_save *d)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE appeal SET status = 'changed', reassessed_at = ?1, "
		"new_decision_id = ?2, version = version + 1 WHERE id = ?3 AND "
		"version = ?4 AND status = 'registered'");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, d->today);
	sqlite3_bind_int64(st, 2, d->out_id);
	sqlite3_bind_int64(st, 3, d->appeal_id);
	sqlite3_bind_int(st, 4, d->appeal_version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	if ((rc = dba_deadline_done(db, d->case_id, "reassessment",
				    d->appeal_id, d->at)))
		return rc;
	return dba_journal(db, d->case_id, d->staff_id, d->at, "appeal",
			   d->appeal_journal);
}

/* An extension: the old lease ends as 'extend' and a new one runs on. */
static int lease_extended(struct db *db, const struct db_decision_save *d)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE lease SET status = 'ended', review_outcome = 'extend', "
		"reviewed_at = ?1, ended_at = end_date, version = version + 1 "
		"WHERE id = ?2 AND version = ?3 AND status = 'active'");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, d->today);
	sqlite3_bind_int64(st, 2, d->extend_lease_id);
	sqlite3_bind_int(st, 3, d->extend_lease_version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	if ((rc = dba_deadline_done(db, d->case_id, "lease_review",
				    d->extend_lease_id, d->at)))
		return rc;
	st = db_prep(db, "INSERT INTO lease (case_id, dwelling_id, tenant_id, "
			 "start_date, end_date, review_date, status, decision_id) "
			 "SELECT case_id, dwelling_id, tenant_id, ?1, ?2, ?3, "
			 "'active', ?4 FROM lease WHERE id = ?5");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, d->new_start);
	db_bind_text(st, 2, d->new_end);
	db_bind_text(st, 3, d->new_review);
	sqlite3_bind_int64(st, 4, d->out_id);
	sqlite3_bind_int64(st, 5, d->extend_lease_id);
	if ((rc = db_step_done(db, st)))
		return rc;
	return dba_deadline_add(db, d->case_id, "lease_review",
				sqlite3_last_insert_rowid(db->h),
				d->deadline_unit_id, d->deadline_staff_id,
				d->new_review);
}

static int save_tx(struct db *db, void *p)
{
	struct db_decision_save *d = p;
	int rc;

	/* the case as the letter was composed from it, or nothing */
	if ((rc = dba_case_status(db, d->case_id, d->version, d->status, d->at,
				  d->today)) ||
	    (rc = insert_decision(db, d)) || (rc = notices(db, d)))
		return rc;
	if (d->supersedes &&
	    (rc = dba_deadline_done(db, d->case_id, "appeal", d->supersedes,
				    d->at)))
		return rc;
	if ((rc = dba_deadline_done(db, d->case_id, "interim", 0, d->at)) ||
	    (rc = dba_deadline_done(db, d->case_id, "decision", 0, d->at)) ||
	    (rc = dba_deadline_add(db, d->case_id, "appeal", d->out_id,
				   d->deadline_unit_id, d->deadline_staff_id,
				   d->appeal_due)))
		return rc;
	if (d->appeal_id && (rc = appeal_changed(db, d)))
		return rc;
	if (d->extend_lease_id && (rc = lease_extended(db, d)))
		return rc;
	return dba_journal(db, d->case_id, d->staff_id, d->at, "decision",
			   d->journal_text);
}

int db_decision_save(struct db *db, struct db_decision_save *d)
{
	return db_tx(db, save_tx, d);
}

struct delivered_arg {
	int64_t id, case_id, staff_id;
	const char *day, *due, *at, *text;
};

static int delivered_tx(struct db *db, void *p)
{
	const struct delivered_arg *a = p;
	sqlite3_stmt *st = db_prep(db, "UPDATE decision SET delivered = ? "
				       "WHERE id = ?");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->day);
	sqlite3_bind_int64(st, 2, a->id);
	if ((rc = db_step_done(db, st)))
		return rc;
	st = db_prep(db, "UPDATE deadline SET due = ?1 WHERE case_id = ?2 AND "
			 "kind = 'appeal' AND ref_id = ?3 AND done_at IS NULL");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->due);
	sqlite3_bind_int64(st, 2, a->case_id);
	sqlite3_bind_int64(st, 3, a->id);
	if ((rc = db_step_done(db, st)))
		return rc;
	return dba_journal(db, a->case_id, a->staff_id, a->at, "decision",
			   a->text);
}

int db_decision_delivered(struct db *db, int64_t id, const char *day,
			  const char *appeal_due, int64_t case_id,
			  int64_t staff_id, const char *at,
			  const char *journal_text)
{
	struct delivered_arg a = {id, case_id, staff_id, day, appeal_due, at,
				  journal_text};
	return db_tx(db, delivered_tx, &a);
}

struct seen_arg {
	int64_t case_id, staff_id;
	const char *at;
	int changed;
};

static int seen_tx(struct db *db, void *p)
{
	struct seen_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE decision_notice SET seen_at = ?1, seen_by = ?2 WHERE "
		"seen_at IS NULL AND decision_id IN (SELECT id FROM decision "
		"WHERE case_id = ?3) AND unit_id IN (SELECT unit_id FROM "
		"membership WHERE staff_id = ?2 AND role IN ('desk','caseworker',"
		"'supervisor'))");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->at);
	sqlite3_bind_int64(st, 2, a->staff_id);
	sqlite3_bind_int64(st, 3, a->case_id);
	rc = db_step_done(db, st);
	a->changed = rc == DB_OK && sqlite3_changes(db->h) > 0;
	return rc;
}

int db_decision_seen(struct db *db, int64_t case_id, int64_t staff_id,
		     const char *at, int *changed)
{
	struct seen_arg a = {case_id, staff_id, at, 0};
	int rc;

	*changed = 0;
	/* nothing to mark is the common case: no write lock for it */
	{
		sqlite3_stmt *st = db_prep(db,
			"SELECT count(*) FROM decision_notice n JOIN decision d "
			"ON d.id = n.decision_id WHERE d.case_id = ?1 AND "
			"n.seen_at IS NULL AND n.unit_id IN (SELECT unit_id FROM "
			"membership WHERE staff_id = ?2 AND role IN ('desk',"
			"'caseworker','supervisor'))");
		int64_t k = 0;
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_int64(st, 2, staff_id);
		if ((rc = dba_int(db, st, &k)))
			return rc;
		if (k == 0)
			return DB_OK;
	}
	rc = db_tx(db, seen_tx, &a);
	*changed = a.changed;
	return rc;
}
