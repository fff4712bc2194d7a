/* Appeals (klage) against decisions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocint.h"

#define AP_COLS                                                            \
	"a.id, a.decision_id, d.case_id, a.received, a.late, a.status, "     \
	"coalesce(a.reassessed_at, ''), coalesce(a.new_decision_id, 0), "    \
	"coalesce(a.body_outcome, ''), coalesce(a.body_decided_at, ''), "    \
	"a.version, coalesce((SELECT min(x.due) FROM deadline x WHERE "      \
	"x.case_id = d.case_id AND x.kind = 'reassessment' AND x.ref_id = "  \
	"a.id AND x.done_at IS NULL), '') "                                  \
	"FROM appeal a JOIN decision d ON d.id = a.decision_id "

static void read_row(sqlite3_stmt *st, struct appeal_rec *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->decision_id = sqlite3_column_int64(st, 1);
	a->case_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, a->received, sizeof a->received);
	a->late = sqlite3_column_int(st, 4);
	db_col_text(st, 5, a->status, sizeof a->status);
	db_col_text(st, 6, a->reassessed_at, sizeof a->reassessed_at);
	a->new_decision_id = sqlite3_column_int64(st, 7);
	db_col_text(st, 8, a->body_outcome, sizeof a->body_outcome);
	db_col_text(st, 9, a->body_decided_at, sizeof a->body_decided_at);
	a->version = sqlite3_column_int(st, 10);
	db_col_text(st, 11, a->due, sizeof a->due);
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_row(st, row);
}

int db_appeal_get(struct db *db, int64_t id, struct appeal_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " AP_COLS "WHERE a.id = ?");
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

int db_appeal_list(struct db *db, int64_t case_id, struct appeal_rec **out,
		   size_t *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " AP_COLS
				       "WHERE d.case_id = ? ORDER BY a.id DESC");
	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	return db_rows(db, st, sizeof **out, read_any, (void **)out, n);
}

static int register_tx(struct db *db, struct db_appeal_save *a)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO appeal (decision_id, received, late, status) "
		"VALUES (?, ?, ?, 'registered')");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->decision_id);
	db_bind_text(st, 2, a->received);
	sqlite3_bind_int(st, 3, a->late);
	if ((rc = db_step_done(db, st)))
		return rc;
	a->out_id = sqlite3_last_insert_rowid(db->h);
	/* the applicant's deadline is met (late or not): an appeal came */
	if ((rc = dba_deadline_done(db, a->case_id, "appeal", a->decision_id,
				    a->at)))
		return rc;
	return dba_deadline_add(db, a->case_id, "reassessment", a->out_id,
				a->unit_id, a->deadline_staff_id,
				a->reassess_due);
}

static int change_tx(struct db *db, struct db_appeal_save *a)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE appeal SET status = ?1, reassessed_at = coalesce(?2, "
		"reassessed_at), body_outcome = coalesce(?3, body_outcome), "
		"body_decided_at = coalesce(?4, body_decided_at), version = "
		"version + 1 WHERE id = ?5 AND version = ?6");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->status);
	db_bind_opt(st, 2, a->reassessed_at);
	db_bind_opt(st, 3, a->body_outcome);
	db_bind_opt(st, 4, a->body_decided_at);
	sqlite3_bind_int64(st, 5, a->id);
	sqlite3_bind_int(st, 6, a->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	a->out_id = a->id;
	if (a->reassessed_at && *a->reassessed_at)
		return dba_deadline_done(db, a->case_id, "reassessment", a->id,
					 a->at);
	return DB_OK;
}

static int save_tx(struct db *db, void *p)
{
	struct db_appeal_save *a = p;
	int rc;

	if ((rc = dba_case_status(db, a->case_id, a->case_version,
				  a->case_status, a->at, a->today)))
		return rc;
	if ((rc = a->id ? change_tx(db, a) : register_tx(db, a)))
		return rc;
	return dba_journal(db, a->case_id, a->staff_id, a->at, a->journal_kind,
			   a->journal_text);
}

int db_appeal_save(struct db *db, struct db_appeal_save *a)
{
	return db_tx(db, save_tx, a);
}
