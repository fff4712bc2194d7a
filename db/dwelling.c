/* The register of municipal dwellings. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocint.h"

/* The current lease and a grant not yet taken up (a decision granting
 * the dwelling to a case that is granted and has no lease yet). */
#define DW_COLS                                                            \
	"w.id, w.address, w.area, w.rooms, w.size_m2, w.floor, w.lift, "     \
	"w.adapted, w.staffed, w.rent, w.status, w.vacant_from, w.version, " \
	"coalesce(l.id, 0), coalesce(lc.number, ''), coalesce(l.end_date, ''), " \
	"coalesce(o.case_id, 0), coalesce(oc.number, '') "
#define DW_FROM                                                            \
	"FROM dwelling w "                                                   \
	"LEFT JOIN lease l ON l.id = (SELECT max(x.id) FROM lease x WHERE "  \
	"  x.dwelling_id = w.id AND x.status = 'active') "                   \
	"LEFT JOIN case_file lc ON lc.id = l.case_id "                       \
	"LEFT JOIN decision o ON o.id = (SELECT max(d.id) FROM decision d "  \
	"  JOIN case_file dc ON dc.id = d.case_id WHERE d.dwelling_id = w.id " \
	"  AND d.outcome = 'granted_dwelling' AND dc.status = 'granted' AND " \
	"  NOT EXISTS (SELECT 1 FROM lease y WHERE y.case_id = d.case_id AND " \
	"  y.status = 'active')) "                                           \
	"LEFT JOIN case_file oc ON oc.id = o.case_id "

static void read_row(sqlite3_stmt *st, struct dwelling_rec *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, d->address, sizeof d->address);
	db_col_text(st, 2, d->area, sizeof d->area);
	d->rooms = sqlite3_column_int(st, 3);
	d->size_m2 = sqlite3_column_int(st, 4);
	d->floor = sqlite3_column_int(st, 5);
	d->lift = sqlite3_column_int(st, 6);
	d->adapted = sqlite3_column_int(st, 7);
	d->staffed = sqlite3_column_int(st, 8);
	d->rent = sqlite3_column_int64(st, 9);
	db_col_text(st, 10, d->status, sizeof d->status);
	db_col_text(st, 11, d->vacant_from, sizeof d->vacant_from);
	d->version = sqlite3_column_int(st, 12);
	d->lease_id = sqlite3_column_int64(st, 13);
	db_col_text(st, 14, d->lease_case, sizeof d->lease_case);
	db_col_text(st, 15, d->lease_end, sizeof d->lease_end);
	d->offer_case_id = sqlite3_column_int64(st, 16);
	db_col_text(st, 17, d->offer_case, sizeof d->offer_case);
}

static int read_one(struct db *db, sqlite3_stmt *st, struct dwelling_rec *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_dwelling_get(struct db *db, int64_t id, struct dwelling_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " DW_COLS DW_FROM
				       "WHERE w.id = ?");

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return read_one(db, st, out);
}

int db_dwelling_by_address(struct db *db, const char *address,
			   struct dwelling_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " DW_COLS DW_FROM
				       "WHERE w.address = ?");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, address);
	return read_one(db, st, out);
}

static void bind_dwelling(sqlite3_stmt *st, const struct dwelling_rec *d)
{
	db_bind_text(st, 1, d->address);
	db_bind_text(st, 2, d->area);
	sqlite3_bind_int(st, 3, d->rooms);
	sqlite3_bind_int(st, 4, d->size_m2);
	sqlite3_bind_int(st, 5, d->floor);
	sqlite3_bind_int(st, 6, d->lift);
	sqlite3_bind_int(st, 7, d->adapted);
	sqlite3_bind_int(st, 8, d->staffed);
	sqlite3_bind_int64(st, 9, d->rent);
	db_bind_text(st, 10, d->status);
	db_bind_opt(st, 11, d->vacant_from);
}

static int insert_one(struct db *db, struct dwelling_rec *d)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO dwelling (address, area, rooms, size_m2, floor, "
		"lift, adapted, staffed, rent, status, vacant_from) VALUES "
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	int rc;

	if (!st)
		return DB_ERROR;
	bind_dwelling(st, d);
	if ((rc = db_step_done(db, st)))
		return rc;
	d->id = sqlite3_last_insert_rowid(db->h);
	return DB_OK;
}

static int import_tx(struct db *db, void *p);

static int save_tx(struct db *db, void *p)
{
	struct dwelling_rec *d = p;
	sqlite3_stmt *st;
	int rc;

	st = db_prep(db, "UPDATE dwelling SET address = ?1, area = ?2, rooms = "
			 "?3, size_m2 = ?4, floor = ?5, lift = ?6, adapted = ?7, "
			 "staffed = ?8, rent = ?9, status = ?10, vacant_from = "
			 "?11, version = version + 1 WHERE id = ?12 AND version "
			 "= ?13");
	if (!st)
		return DB_ERROR;
	bind_dwelling(st, d);
	sqlite3_bind_int64(st, 12, d->id);
	sqlite3_bind_int(st, 13, d->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	return sqlite3_changes(db->h) == 0 ? DB_CONFLICT : DB_OK;
}

int db_dwelling_save(struct db *db, struct dwelling_rec *d)
{
	bool insert = d->id == 0;
	int rc = insert ? db_dwelling_import(db, d, 1) : db_tx(db, save_tx, d);

	if (rc && insert)
		d->id = 0;
	else if (!rc && insert)
		d->version = 1;
	else if (!rc)
		d->version++;
	return rc;
}

int db_dwelling_page(struct db *db, const char *status, const char *after,
		     size_t limit, struct dwelling_rec *out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT " DW_COLS DW_FROM "WHERE (?1 = '' OR w.status = ?1) AND "
		"w.address > ?2 ORDER BY w.address LIMIT ?3");
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, status ? status : "");
	db_bind_text(st, 2, after ? after : "");
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &out[(*n)++]);
	sqlite3_reset(st);
	if (*n < limit && rc != SQLITE_DONE)
		return db_rc(db, rc);
	return DB_OK;
}

int db_dwelling_count(struct db *db, const char *status, long *n)
{
	/* two statements: an OR on the parameter would scan the register
	 * instead of counting the status index's range */
	sqlite3_stmt *st = db_prep(db, status && *status
				       ? "SELECT count(*) FROM dwelling "
					 "WHERE status = ?1"
				       : "SELECT count(*) FROM dwelling");
	int64_t v = 0;
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, status ? status : "");
	rc = dba_int(db, st, &v);
	*n = (long)v;
	return rc;
}

int db_dwelling_suiting(struct db *db, int rooms_needed, int adapted,
			int staffed, size_t limit, struct dwelling_rec *out,
			size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT " DW_COLS DW_FROM "WHERE w.status = 'vacant' AND "
		"o.id IS NULL AND w.rooms >= ?1 AND w.rooms <= ?1 + 1 AND "
		"(?2 = 0 OR w.adapted = 1) AND w.staffed = ?3 "
		"ORDER BY w.rooms, coalesce(w.vacant_from, ''), w.address "
		"LIMIT ?4");
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int(st, 1, rooms_needed);
	sqlite3_bind_int(st, 2, adapted);
	sqlite3_bind_int(st, 3, staffed);
	sqlite3_bind_int64(st, 4, (int64_t)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &out[(*n)++]);
	sqlite3_reset(st);
	if (*n < limit && rc != SQLITE_DONE)
		return db_rc(db, rc);
	return DB_OK;
}

struct import_arg {
	struct dwelling_rec *d;
	size_t n;
};

static int import_tx(struct db *db, void *p)
{
	struct import_arg *a = p;
	size_t i;
	int rc;

	for (i = 0; i < a->n; i++)
		if ((rc = insert_one(db, &a->d[i])))
			return rc;
	return DB_OK;
}

int db_dwelling_import(struct db *db, struct dwelling_rec *d, size_t n)
{
	struct import_arg a = {d, n};
	int rc = db_tx(db, import_tx, &a);
	size_t i;

	if (rc)
		for (i = 0; i < n; i++)
			d[i].id = 0;
	return rc;
}

int db_dwelling_offered(struct db *db, int64_t dwelling_id, int64_t *case_id)
{
	struct dwelling_rec d;
	int rc = db_dwelling_get(db, dwelling_id, &d);

	*case_id = 0;
	if (rc)
		return rc;
	*case_id = d.offer_case_id;
	return DB_OK;
}
