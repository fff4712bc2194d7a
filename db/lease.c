/* Leases: made when a granted dwelling is accepted, reviewed before they
 * end, ended when the tenant moves out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocint.h"

#define LS_COLS                                                            \
	"l.id, l.case_id, l.dwelling_id, l.tenant_id, "                      \
	"coalesce(l.decision_id, 0), w.address, l.start_date, l.end_date, "  \
	"l.review_date, coalesce(l.short_ground, ''), "                      \
	"coalesce(l.notice_given, ''), l.status, "                           \
	"coalesce(l.review_outcome, ''), coalesce(l.reviewed_at, ''), "      \
	"coalesce(l.ended_at, ''), l.version, c.number FROM lease l JOIN "   \
	"dwelling w ON w.id = l.dwelling_id JOIN case_file c ON c.id = "     \
	"l.case_id "

static int read_one(struct db *db, sqlite3_stmt *st, struct lease_rec *l)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		memset(l, 0, sizeof *l);
		l->id = sqlite3_column_int64(st, 0);
		l->case_id = sqlite3_column_int64(st, 1);
		l->dwelling_id = sqlite3_column_int64(st, 2);
		l->tenant_id = sqlite3_column_int64(st, 3);
		l->decision_id = sqlite3_column_int64(st, 4);
		db_col_text(st, 5, l->address, sizeof l->address);
		db_col_text(st, 6, l->start, sizeof l->start);
		db_col_text(st, 7, l->end, sizeof l->end);
		db_col_text(st, 8, l->review, sizeof l->review);
		db_col_text(st, 9, l->short_ground, sizeof l->short_ground);
		db_col_text(st, 10, l->notice, sizeof l->notice);
		db_col_text(st, 11, l->status, sizeof l->status);
		db_col_text(st, 12, l->review_outcome, sizeof l->review_outcome);
		db_col_text(st, 13, l->reviewed_at, sizeof l->reviewed_at);
		db_col_text(st, 14, l->ended_at, sizeof l->ended_at);
		l->version = sqlite3_column_int(st, 15);
		db_col_text(st, 16, l->case_number, sizeof l->case_number);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_lease_get(struct db *db, int64_t id, struct lease_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " LS_COLS "WHERE l.id = ?");

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return read_one(db, st, out);
}

int db_lease_of_case(struct db *db, int64_t case_id, struct lease_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " LS_COLS "WHERE l.case_id = ? "
				       "ORDER BY l.id DESC LIMIT 1");

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	return read_one(db, st, out);
}

static int create_tx(struct db *db, void *p)
{
	struct db_lease_save *l = p;
	sqlite3_stmt *st;
	int rc;

	if ((rc = dba_case_status(db, l->case_id, l->case_version,
				  l->case_status, l->at, l->today)))
		return rc;
	/* the dwelling must still be free to let: vacant, no active lease */
	st = db_prep(db, "UPDATE dwelling SET status = 'let', vacant_from = "
			 "NULL, version = version + 1 WHERE id = ?1 AND status "
			 "= 'vacant' AND NOT EXISTS (SELECT 1 FROM lease WHERE "
			 "dwelling_id = ?1 AND status = 'active')");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, l->dwelling_id);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	st = db_prep(db, "INSERT INTO lease (case_id, dwelling_id, tenant_id, "
			 "start_date, end_date, review_date, short_ground, "
			 "notice_given, status, decision_id) VALUES (?, ?, ?, ?, "
			 "?, ?, ?, ?, 'active', ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, l->case_id);
	sqlite3_bind_int64(st, 2, l->dwelling_id);
	sqlite3_bind_int64(st, 3, l->tenant_id);
	db_bind_text(st, 4, l->start);
	db_bind_text(st, 5, l->end);
	db_bind_text(st, 6, l->review);
	db_bind_opt(st, 7, l->short_ground);
	db_bind_opt(st, 8, l->notice);
	db_bind_id(st, 9, l->decision_id);
	if ((rc = db_step_done(db, st)))
		return rc;
	l->out_id = sqlite3_last_insert_rowid(db->h);
	if ((rc = dba_deadline_add(db, l->case_id, "lease_review", l->out_id,
				   l->unit_id, l->staff_id, l->review)))
		return rc;
	return dba_journal(db, l->case_id, l->by, l->at, "lease",
			   l->journal_text);
}

int db_lease_create(struct db *db, struct db_lease_save *l)
{
	return db_tx(db, create_tx, l);
}

struct review_arg {
	int64_t id, staff_id, case_id;
	int version;
	const char *outcome, *today, *at, *text, *day;
};

static int case_of(struct db *db, int64_t lease_id, int64_t *case_id)
{
	sqlite3_stmt *st = db_prep(db, "SELECT case_id FROM lease WHERE id = ?");

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, lease_id);
	return dba_int(db, st, case_id);
}

static int review_tx(struct db *db, void *p)
{
	struct review_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE lease SET review_outcome = ?1, reviewed_at = ?2, version "
		"= version + 1 WHERE id = ?3 AND version = ?4 AND status = "
		"'active' AND review_outcome IS NULL");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->outcome);
	db_bind_text(st, 2, a->today);
	sqlite3_bind_int64(st, 3, a->id);
	sqlite3_bind_int(st, 4, a->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	if ((rc = case_of(db, a->id, &a->case_id)) ||
	    (rc = dba_deadline_done(db, a->case_id, "lease_review", a->id,
				    a->at)))
		return rc;
	return dba_journal(db, a->case_id, a->staff_id, a->at, "lease",
			   a->text);
}

int db_lease_review(struct db *db, int64_t id, int version,
		    const char *outcome, const char *today, int64_t staff_id,
		    const char *at, const char *journal_text)
{
	struct review_arg a = {.id = id, .staff_id = staff_id,
			       .version = version, .outcome = outcome,
			       .today = today, .at = at, .text = journal_text};
	return db_tx(db, review_tx, &a);
}

static int end_tx(struct db *db, void *p)
{
	struct review_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE lease SET status = 'ended', ended_at = ?1, version = "
		"version + 1 WHERE id = ?2 AND version = ?3 AND status = "
		"'active'");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->day);
	sqlite3_bind_int64(st, 2, a->id);
	sqlite3_bind_int(st, 3, a->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	st = db_prep(db, "UPDATE dwelling SET status = 'vacant', vacant_from = "
			 "?1, version = version + 1 WHERE id = (SELECT "
			 "dwelling_id FROM lease WHERE id = ?2) AND status = "
			 "'let'");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->day);
	sqlite3_bind_int64(st, 2, a->id);
	if ((rc = db_step_done(db, st)) ||
	    (rc = case_of(db, a->id, &a->case_id)) ||
	    (rc = dba_deadline_done(db, a->case_id, "lease_review", a->id,
				    a->at)))
		return rc;
	return dba_journal(db, a->case_id, a->staff_id, a->at, "lease",
			   a->text);
}

int db_lease_end(struct db *db, int64_t id, int version, const char *day,
		 int64_t staff_id, const char *at, const char *journal_text)
{
	struct review_arg a = {.id = id, .staff_id = staff_id,
			       .version = version, .day = day, .at = at,
			       .text = journal_text};
	return db_tx(db, end_tx, &a);
}

int db_lease_outcomes(struct db *db, const char *since, long counts[4])
{
	static const char *const names[4] = {"extend", "private", "buy", "end"};
	sqlite3_stmt *st = db_prep(db,
		"SELECT review_outcome, count(*) FROM lease WHERE "
		"review_outcome IS NOT NULL AND reviewed_at >= ? GROUP BY "
		"review_outcome");
	char name[17];
	int rc;

	memset(counts, 0, 4 * sizeof counts[0]);
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_col_text(st, 0, name, sizeof name);
		for (int i = 0; i < 4; i++)
			if (strcmp(name, names[i]) == 0)
				counts[i] = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}
