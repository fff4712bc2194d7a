/* Units, staff and their memberships. */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

struct unit_add_arg {
	const char *code, *name, *kind;
	int64_t id;
};

static int unit_add_tx(struct db *db, void *p)
{
	struct unit_add_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO unit (code, name, kind) VALUES (?, ?, ?)");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->code);
	db_bind_text(st, 2, a->name);
	db_bind_text(st, 3, a->kind);
	rc = db_step_done(db, st);
	a->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int db_unit_add(struct db *db, const char *code, const char *name,
		const char *kind, int64_t *id)
{
	struct unit_add_arg a = {code, name, kind, 0};
	int rc = db_tx(db, unit_add_tx, &a);
	if (rc == DB_OK && id)
		*id = a.id;
	return rc;
}

static void unit_row(sqlite3_stmt *st, struct unit_rec *u)
{
	u->id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, u->code, sizeof u->code);
	db_col_text(st, 2, u->name, sizeof u->name);
	db_col_text(st, 3, u->kind, sizeof u->kind);
	u->active = sqlite3_column_int(st, 4);
}

static int unit_one(struct db *db, sqlite3_stmt *st, struct unit_rec *out)
{
	int rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		unit_row(st, out);
		sqlite3_reset(st);
		return DB_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_unit_get(struct db *db, const char *code, struct unit_rec *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, code, name, kind, active FROM unit "
		"WHERE code = ? COLLATE NOCASE");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, code);
	return unit_one(db, st, out);
}

int db_unit_by_id(struct db *db, int64_t id, struct unit_rec *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, code, name, kind, active FROM unit WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return unit_one(db, st, out);
}

int db_unit_list(struct db *db, struct unit_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, code, name, kind, active FROM unit ORDER BY code");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit_rec *slot = db_grow((void **)out, &cap, n, sizeof **out);
		if (!slot) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		unit_row(st, slot);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

struct staff_add_arg {
	const char *login, *name, *now;
	int64_t id;
};

static int staff_add_tx(struct db *db, void *p)
{
	struct staff_add_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO staff (login, full_name, created_at) VALUES (?, ?, ?)");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->login);
	db_bind_text(st, 2, a->name);
	db_bind_text(st, 3, a->now);
	rc = db_step_done(db, st);
	a->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int db_staff_add(struct db *db, const char *login, const char *name,
		 const char *now, int64_t *id)
{
	struct staff_add_arg a = {login, name, now, 0};
	int rc = db_tx(db, staff_add_tx, &a);
	if (rc == DB_OK && id)
		*id = a.id;
	return rc;
}

static int staff_one(struct db *db, sqlite3_stmt *st, struct staff_rec *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, out->login, sizeof out->login);
		db_col_text(st, 2, out->name, sizeof out->name);
		out->active = sqlite3_column_int(st, 3);
		sqlite3_reset(st);
		return DB_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_staff_get(struct db *db, const char *login, struct staff_rec *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, login, full_name, active FROM staff WHERE login = ?");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, login);
	return staff_one(db, st, out);
}

int db_staff_by_id(struct db *db, int64_t id, struct staff_rec *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, login, full_name, active FROM staff WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return staff_one(db, st, out);
}

int db_staff_list(struct db *db, struct staff_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, login, full_name, active FROM staff ORDER BY login");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct staff_rec *r;
		struct staff_rec *slot = db_grow((void **)out, &cap, n, sizeof **out);
		if (!slot) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r = slot;
		r->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->login, sizeof r->login);
		db_col_text(st, 2, r->name, sizeof r->name);
		r->active = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_staff_count(struct db *db, int64_t *n)
{
	return db_count(db, "staff", n);
}

struct member_arg {
	int64_t staff_id, unit_id;
	const char *role;
};

static int member_add_tx(struct db *db, void *p)
{
	struct member_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"INSERT OR IGNORE INTO membership (staff_id, unit_id, role) "
		"VALUES (?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->staff_id);
	sqlite3_bind_int64(st, 2, a->unit_id);
	db_bind_text(st, 3, a->role);
	return db_step_done(db, st);
}

int db_member_add(struct db *db, int64_t staff_id, int64_t unit_id,
		  const char *role)
{
	struct member_arg a = {staff_id, unit_id, role};
	return db_tx(db, member_add_tx, &a);
}

static int member_remove_tx(struct db *db, void *p)
{
	struct member_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"DELETE FROM membership WHERE staff_id = ? AND unit_id = ? "
		"AND role = ?");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->staff_id);
	sqlite3_bind_int64(st, 2, a->unit_id);
	db_bind_text(st, 3, a->role);
	rc = db_step_done(db, st);
	if (rc == DB_OK && sqlite3_changes(db->h) == 0)
		return DB_NOTFOUND;
	return rc;
}

int db_member_remove(struct db *db, int64_t staff_id, int64_t unit_id,
		     const char *role)
{
	struct member_arg a = {staff_id, unit_id, role};
	return db_tx(db, member_remove_tx, &a);
}

int db_members_of(struct db *db, int64_t staff_id, struct member_rec *out,
		  size_t max, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.unit_id, u.code, u.name, u.kind, m.role "
		"FROM membership m JOIN unit u ON u.id = m.unit_id "
		"WHERE m.staff_id = ? AND u.active = 1 "
		"ORDER BY u.code, m.role");
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, staff_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		struct member_rec *m = &out[(*n)++];
		m->staff_id = staff_id;
		m->unit_id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, m->unit_code, sizeof m->unit_code);
		db_col_text(st, 2, m->unit_name, sizeof m->unit_name);
		db_col_text(st, 3, m->unit_kind, sizeof m->unit_kind);
		db_col_text(st, 4, m->role, sizeof m->role);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

int db_unit_least_loaded(struct db *db, int64_t unit_id, const char *role,
			 int64_t *staff_id)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT s.id FROM membership m JOIN staff s ON s.id = m.staff_id "
		"WHERE m.unit_id = ?1 AND m.role = ?2 AND s.active = 1 "
		"ORDER BY (SELECT count(*) FROM case_file c "
		"          WHERE c.caseworker_id = s.id "
		"            AND c.status NOT IN ('closed','housed')), s.id "
		"LIMIT 1");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_text(st, 2, role);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*staff_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}
