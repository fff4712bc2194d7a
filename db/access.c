/* The access log (innsynslogg): append-only, a trigger refuses change. */
#include <stdlib.h>

#include "dbint.h"

struct access_arg {
	int64_t staff_id, person_id, case_id;
	const char *at, *reason, *detail;
};

static int access_add_tx(struct db *db, void *p)
{
	struct access_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO access_log (at, staff_id, person_id, case_id, "
		"reason, detail) VALUES (?, ?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->at);
	sqlite3_bind_int64(st, 2, a->staff_id);
	db_bind_id(st, 3, a->person_id);
	db_bind_id(st, 4, a->case_id);
	db_bind_text(st, 5, a->reason);
	db_bind_text(st, 6, a->detail);
	return db_step_done(db, st);
}

int db_access_add(struct db *db, int64_t staff_id, const char *at,
		  int64_t person_id, int64_t case_id, const char *reason,
		  const char *detail)
{
	struct access_arg a = {staff_id, person_id, case_id, at, reason, detail};
	return db_tx(db, access_add_tx, &a);
}

int db_access_list(struct db *db, int64_t person_id, int64_t case_id,
		   struct access_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT a.id, a.at, s.login, s.full_name, a.person_id, "
		"a.case_id, a.reason, a.detail "
		"FROM access_log a JOIN staff s ON s.id = a.staff_id "
		"WHERE (?1 <> 0 AND a.person_id = ?1) "
		"   OR (?2 <> 0 AND a.case_id = ?2) "
		"ORDER BY a.id DESC");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct access_rec *r;
		struct access_rec *slot = db_grow((void **)out, &cap, n, sizeof **out);
		if (!slot) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r = slot;
		r->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->at, sizeof r->at);
		db_col_text(st, 2, r->staff_login, sizeof r->staff_login);
		db_col_text(st, 3, r->staff_name, sizeof r->staff_name);
		r->person_id = db_col_id(st, 4);
		r->case_id = db_col_id(st, 5);
		db_col_text(st, 6, r->reason, sizeof r->reason);
		db_col_text(st, 7, r->detail, sizeof r->detail);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

/* ---- break the glass (issue 7) ---- */

struct glass_arg {
	int64_t staff_id, person_id, case_id, unit_id;
	const char *at, *reason;
};

static int glass_add_tx(struct db *db, void *p)
{
	struct glass_arg *g = p;
	struct access_arg a = {g->staff_id, g->person_id, g->case_id,
			       g->at, "break_glass", g->reason};
	sqlite3_stmt *st;
	int rc;

	if ((rc = access_add_tx(db, &a)))
		return rc;
	st = db_prep(db, "INSERT INTO glass_flag (access_id, case_id, unit_id, "
			 "staff_id, at) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(db->h));
	sqlite3_bind_int64(st, 2, g->case_id);
	sqlite3_bind_int64(st, 3, g->unit_id);
	sqlite3_bind_int64(st, 4, g->staff_id);
	db_bind_text(st, 5, g->at);
	return db_step_done(db, st);
}

int db_glass_add(struct db *db, int64_t staff_id, const char *at,
		 int64_t person_id, int64_t case_id, int64_t unit_id,
		 const char *reason)
{
	struct glass_arg g = {staff_id, person_id, case_id, unit_id, at, reason};
	return db_tx(db, glass_add_tx, &g);
}

/* The flags a supervisor answers for: the case's unit is one they
 * supervise, or the one who opened it belongs to such a unit. */
#define GLASS_MINE                                                          \
	"(f.unit_id IN (SELECT unit_id FROM membership WHERE staff_id = ?1 "  \
	"AND role = 'supervisor') OR f.staff_id IN (SELECT m.staff_id FROM "  \
	"membership m WHERE m.unit_id IN (SELECT unit_id FROM membership "    \
	"WHERE staff_id = ?1 AND role = 'supervisor')))"

int db_glass_list(struct db *db, int64_t supervisor_id, int pending_only,
		  size_t max, struct db_glass_line **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT f.access_id, f.case_id, c.number, f.at, s.login, "
		"s.full_name, u.name, a.detail, coalesce(f.reviewed_at, ''), "
		"coalesce(r.full_name, '') "
		"FROM glass_flag f JOIN access_log a ON a.id = f.access_id "
		"JOIN case_file c ON c.id = f.case_id "
		"JOIN staff s ON s.id = f.staff_id JOIN unit u ON u.id = f.unit_id "
		"LEFT JOIN staff r ON r.id = f.reviewed_by "
		"WHERE (?2 = 0 OR f.reviewed_at IS NULL) AND " GLASS_MINE " "
		"ORDER BY f.access_id DESC LIMIT ?3");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, supervisor_id);
	sqlite3_bind_int(st, 2, pending_only);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_glass_line *g = db_grow((void **)out, &cap, n, sizeof **out);
		if (!g) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		g->access_id = sqlite3_column_int64(st, 0);
		g->case_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, g->number, sizeof g->number);
		db_col_text(st, 3, g->at, sizeof g->at);
		db_col_text(st, 4, g->login, sizeof g->login);
		db_col_text(st, 5, g->staff_name, sizeof g->staff_name);
		db_col_text(st, 6, g->unit_name, sizeof g->unit_name);
		db_col_text(st, 7, g->reason, sizeof g->reason);
		db_col_text(st, 8, g->reviewed_at, sizeof g->reviewed_at);
		db_col_text(st, 9, g->reviewed_by, sizeof g->reviewed_by);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_glass_pending(struct db *db, int64_t supervisor_id, long *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT count(*) FROM glass_flag f WHERE f.reviewed_at IS NULL "
		"AND " GLASS_MINE);

	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, supervisor_id);
	return db_step_long(db, st, n);
}

struct review_arg {
	int64_t access_id, supervisor_id;
	const char *at;
};

static int glass_review_tx(struct db *db, void *p)
{
	struct review_arg *r = p;
	sqlite3_stmt *st = db_prep(db,
		"SELECT f.reviewed_at IS NOT NULL FROM glass_flag f "
		"WHERE f.access_id = ?2 AND " GLASS_MINE);
	int rc, done;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, r->supervisor_id);
	sqlite3_bind_int64(st, 2, r->access_id);
	rc = sqlite3_step(st);
	done = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return DB_NOTFOUND;
	if (rc != SQLITE_ROW)
		return db_rc(db, rc);
	if (done)
		return DB_CONFLICT;
	st = db_prep(db, "UPDATE glass_flag SET reviewed_by = ?, reviewed_at = ? "
			 "WHERE access_id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, r->supervisor_id);
	db_bind_text(st, 2, r->at);
	sqlite3_bind_int64(st, 3, r->access_id);
	return db_step_done(db, st);
}

int db_glass_review(struct db *db, int64_t access_id, int64_t supervisor_id,
		    const char *at)
{
	struct review_arg r = {access_id, supervisor_id, at};
	return db_tx(db, glass_review_tx, &r);
}
