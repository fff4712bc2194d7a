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
