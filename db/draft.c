/* Drafts of forms: a user sees and changes only their own. */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

struct draft_arg {
	int64_t staff_id;
	int64_t *id;
	const char *kind, *title, *data, *at;
};

static int draft_save_tx(struct db *db, void *p)
{
	struct draft_arg *a = p;
	sqlite3_stmt *st;
	int rc;

	if (*a->id) {
		st = db_prep(db, "UPDATE draft SET title = ?, data = ?, "
				 "updated_at = ? WHERE id = ? AND staff_id = ?");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 1, a->title);
		db_bind_text(st, 2, a->data);
		db_bind_text(st, 3, a->at);
		sqlite3_bind_int64(st, 4, *a->id);
		sqlite3_bind_int64(st, 5, a->staff_id);
		if ((rc = db_step_done(db, st)))
			return rc;
		if (sqlite3_changes(db->h))
			return DB_OK;
		/* gone (registered elsewhere or deleted): keep the text anyway */
	}
	st = db_prep(db, "INSERT INTO draft (staff_id, kind, title, data, "
			 "updated_at) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->staff_id);
	db_bind_text(st, 2, a->kind);
	db_bind_text(st, 3, a->title);
	db_bind_text(st, 4, a->data);
	db_bind_text(st, 5, a->at);
	if ((rc = db_step_done(db, st)))
		return rc;
	*a->id = sqlite3_last_insert_rowid(db->h);
	return DB_OK;
}

int db_draft_save(struct db *db, int64_t staff_id, int64_t *id,
		  const char *kind, const char *title, const char *data,
		  const char *at)
{
	int64_t tmp = *id;
	struct draft_arg a = {staff_id, &tmp, kind, title, data, at};
	int rc = db_tx(db, draft_save_tx, &a);
	if (rc == DB_OK)
		*id = tmp;
	return rc;
}

int db_draft_load(struct db *db, int64_t staff_id, int64_t id, char **data)
{
	sqlite3_stmt *st = db_prep(db, "SELECT data FROM draft WHERE id = ? "
				       "AND staff_id = ?");
	int rc;

	*data = NULL;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, staff_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		*data = strdup(t ? t : "");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return *data ? DB_OK : DB_NOMEM;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_draft_list(struct db *db, int64_t staff_id, struct db_draft_line **out,
		  size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, kind, title, updated_at FROM draft WHERE staff_id = ? "
		"ORDER BY updated_at DESC");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, staff_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_draft_line *r = db_grow((void **)out, &cap, n,
						  sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->kind, sizeof r->kind);
		db_col_text(st, 2, r->title, sizeof r->title);
		db_col_text(st, 3, r->updated_at, sizeof r->updated_at);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

struct draft_del_arg {
	int64_t staff_id, id;
};

static int draft_delete_tx(struct db *db, void *p)
{
	struct draft_del_arg *a = p;
	sqlite3_stmt *st = db_prep(db, "DELETE FROM draft WHERE id = ? AND "
				       "staff_id = ?");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int64(st, 2, a->staff_id);
	rc = db_step_done(db, st);
	if (rc == DB_OK && sqlite3_changes(db->h) == 0)
		return DB_NOTFOUND;
	return rc;
}

int db_draft_delete(struct db *db, int64_t staff_id, int64_t id)
{
	struct draft_del_arg a = {staff_id, id};
	return db_tx(db, draft_delete_tx, &a);
}
