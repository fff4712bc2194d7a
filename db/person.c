/* Persons. */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

#define PERSON_COLS                                                          \
	"p.id, p.nid, p.given_name, p.family_name, p.birth_date, p.address, " \
	"p.postcode, p.city, p.phone, p.email, p.language, p.interpreter, "   \
	"p.version "

static void person_row(sqlite3_stmt *st, struct person_rec *p)
{
	p->id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, p->nid, sizeof p->nid);
	db_col_text(st, 2, p->given, sizeof p->given);
	db_col_text(st, 3, p->family, sizeof p->family);
	db_col_text(st, 4, p->birth, sizeof p->birth);
	db_col_text(st, 5, p->address, sizeof p->address);
	db_col_text(st, 6, p->postcode, sizeof p->postcode);
	db_col_text(st, 7, p->city, sizeof p->city);
	db_col_text(st, 8, p->phone, sizeof p->phone);
	db_col_text(st, 9, p->email, sizeof p->email);
	db_col_text(st, 10, p->language, sizeof p->language);
	p->interpreter = sqlite3_column_int(st, 11);
	p->version = sqlite3_column_int(st, 12);
}

static int person_one(struct db *db, sqlite3_stmt *st, struct person_rec *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		person_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_person_get(struct db *db, int64_t id, struct person_rec *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT " PERSON_COLS "FROM person p WHERE p.id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return person_one(db, st, out);
}

int db_person_by_nid(struct db *db, const char *nid, struct person_rec *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT " PERSON_COLS "FROM person p WHERE p.nid = ?");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, nid);
	return person_one(db, st, out);
}

int db_person_dups(struct db *db, const char *family_key, const char *birth,
		   const char *nid, struct person_rec **out, size_t *n)
{
	/* "family given" keys start with the family name and a space */
	sqlite3_stmt *st = db_prep(db,
		"SELECT DISTINCT " PERSON_COLS
		"FROM person_key k JOIN person p ON p.id = k.person_id "
		"WHERE k.key >= ?1 || ' ' AND k.key < ?1 || '!' "
		"  AND p.birth_date = ?2 AND coalesce(p.nid, '') <> ?3 "
		"LIMIT 20");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, family_key);
	db_bind_text(st, 2, birth);
	db_bind_text(st, 3, nid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct person_rec *slot = db_grow((void **)out, &cap, n, sizeof **out);
		if (!slot) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		person_row(st, slot);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}
