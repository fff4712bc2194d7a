/*
 * Opening the file, migrations, transactions with retry, backup.
 *
 * Settings on every open: WAL (readers never block the writer), foreign
 * keys on, synchronous=FULL (a decision reported as saved survives a power
 * loss), and a busy timeout; a write still busy after that is retried as a
 * whole transaction a few times before DB_BUSY reaches core.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dbint.h"

extern const char *const db_migrations[];
extern const size_t db_migration_count;

#define BUSY_TIMEOUT_MS 5000
#define TX_TRIES 8

int db_schema_latest(void)
{
	return (int)db_migration_count;
}

const char *db_last_error(const struct db *db)
{
	return db ? db->errmsg : "";
}

unsigned long db_retries(const struct db *db)
{
	return db->retries;
}

int db_rc(struct db *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return DB_OK;
	default:
		break;
	}
	if (db && db->h)
		snprintf(db->errmsg, sizeof db->errmsg, "%s (%d)",
			 sqlite3_errmsg(db->h), rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_FULL:
		return DB_FULL;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return DB_READONLY;
	case SQLITE_NOMEM:
		return DB_NOMEM;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return DB_IO;
	case SQLITE_CONSTRAINT:
		return DB_CONFLICT;
	default:
		return DB_ERROR;
	}
}

sqlite3_stmt *db_prep(struct db *db, const char *sql)
{
	size_t i;
	sqlite3_stmt *st = NULL;
	int rc;

	for (i = 0; i < db->nstmt; i++)
		if (db->stmt[i].sql == sql) {
			st = db->stmt[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
				NULL);
	if (rc != SQLITE_OK) {
		db_rc(db, rc);
		return NULL;
	}
	if (db->nstmt < DB_STMT_CACHE) {
		db->stmt[db->nstmt].sql = sql;
		db->stmt[db->nstmt].st = st;
		db->nstmt++;
	} else {
		/* Cache full: a programming error worth seeing in tests. */
		snprintf(db->errmsg, sizeof db->errmsg, "statement cache full");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int db_step_done(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	int out = rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
	sqlite3_reset(st);
	return out;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

void db_bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

void db_col_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n;

	if (!t) {
		out[0] = '\0';
		return;
	}
	n = strlen((const char *)t);
	if (n >= size) {
		/* never cut a UTF-8 sequence in half */
		n = size - 1;
		while (n > 0 && (t[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, t, n);
	out[n] = '\0';
}

int64_t db_col_id(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		       ? 0
		       : sqlite3_column_int64(st, i);
}

void *db_grow(void **arr, size_t *cap, size_t *n, size_t elem)
{
	char *slot;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		void *p = realloc(*arr, ncap * elem);
		if (!p)
			return NULL;
		*arr = p;
		*cap = ncap;
	}
	slot = (char *)*arr + (*n)++ * elem;
	memset(slot, 0, elem);
	return slot;
}

static void backoff(unsigned attempt)
{
	/* 1, 2, 4 ... ms with jitter so that colliding writers spread out */
	struct timespec ts = {0, 0};
	long ms = (1L << (attempt < 7 ? attempt : 7)) + rand() % 8;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

int db_tx(struct db *db, int (*fn)(struct db *db, void *arg), void *arg)
{
	unsigned attempt;
	int rc = DB_BUSY;

	for (attempt = 0; attempt < TX_TRIES; attempt++) {
		int src = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (src != SQLITE_OK) {
			rc = db_rc(db, src);
			if (rc != DB_BUSY)
				return rc;
			db->retries++;
			backoff(attempt);
			continue;
		}
		rc = fn(db, arg);
		if (rc == DB_OK) {
			src = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
			if (src == SQLITE_OK)
				return DB_OK;
			rc = db_rc(db, src);
		}
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		if (rc != DB_BUSY)
			return rc;
		db->retries++;
		backoff(attempt);
	}
	return rc;
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s",
			 msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return db_rc(db, rc) == DB_OK ? DB_ERROR : db_rc(db, rc);
	}
	return DB_OK;
}

static int pragma(struct db *db, const char *sql)
{
	return db_exec(db, sql);
}

int db_open(struct db **out, const char *path, int flags)
{
	struct db *db;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;

	*out = NULL;
	if (!(flags & DB_OPEN_CREATE) && access(path, F_OK) != 0)
		return DB_NOTFOUND;
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	db = calloc(1, sizeof *db);
	if (!db)
		return DB_NOMEM;
	snprintf(db->path, sizeof db->path, "%s", path);
	rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = db_rc(db, rc);
		db_close(&db);
		return rc == DB_OK ? DB_IO : rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	/* A read-only file shows here first: WAL needs to write the header. */
	if ((rc = pragma(db, "PRAGMA journal_mode=WAL")) ||
	    (rc = pragma(db, "PRAGMA synchronous=FULL")) ||
	    (rc = pragma(db, "PRAGMA foreign_keys=ON")) ||
	    (rc = pragma(db, "PRAGMA temp_store=MEMORY"))) {
		db_close(&db);
		return rc;
	}
	*out = db;
	return DB_OK;
}

void db_close(struct db **pdb)
{
	struct db *db = *pdb;
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->nstmt; i++)
		sqlite3_finalize(db->stmt[i].st);
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db);
	*pdb = NULL;
}

int db_user_version(struct db *db, int *version)
{
	sqlite3_stmt *st = db_prep(db, "PRAGMA user_version");
	int rc;

	if (!st)
		return DB_ERROR;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return db_rc(db, rc);
	*version = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return DB_OK;
}

struct migrate_arg {
	int from;
	int target;
};

static int migrate_tx(struct db *db, void *p)
{
	struct migrate_arg *a = p;
	int v, rc;
	size_t i;
	char sql[64];

	/* Read the version again inside the write lock: another process may
	 * have migrated while we waited. */
	if ((rc = db_user_version(db, &v)))
		return rc;
	a->from = v;
	if (v > (int)db_migration_count)
		return DB_NEWER;
	for (i = (size_t)v; i < (size_t)a->target; i++) {
		if ((rc = db_exec(db, db_migrations[i])))
			return rc;
	}
	if (v >= a->target)
		return DB_OK;
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", a->target);
	return db_exec(db, sql);
}

int db_migrate(struct db *db, int *from, int *to)
{
	return db_migrate_to(db, (int)db_migration_count, from, to);
}

int db_migrate_to(struct db *db, int target, int *from, int *to)
{
	struct migrate_arg a = {0, target};
	int v, rc;

	if ((rc = db_user_version(db, &v)))
		return rc;
	if (v > (int)db_migration_count) {
		snprintf(db->errmsg, sizeof db->errmsg,
			 "database schema %d, program knows %zu", v,
			 db_migration_count);
		if (from)
			*from = v;
		return DB_NEWER;
	}
	if (target < 0 || target > (int)db_migration_count)
		return DB_ERROR;
	if (v >= target) {
		a.from = v;
	} else if ((rc = db_tx(db, migrate_tx, &a))) {
		if (from)
			*from = a.from;
		return rc;
	}
	if (from)
		*from = a.from;
	if (to)
		*to = v > target ? v : target;
	return DB_OK;
}

int db_backup(struct db *db, const char *dest_path)
{
	sqlite3 *dest = NULL;
	sqlite3_backup *b;
	int rc;

	rc = sqlite3_open_v2(dest_path, &dest,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close_v2(dest);
		return db_rc(db, rc) ? DB_IO : DB_IO;
	}
	b = sqlite3_backup_init(dest, "main", db->h, "main");
	if (!b) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", sqlite3_errmsg(dest));
		sqlite3_close_v2(dest);
		return DB_IO;
	}
	/* One step copies everything inside one read transaction: a
	 * consistent snapshot even while others write (WAL). */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", sqlite3_errstr(rc));
		sqlite3_close_v2(dest);
		return (rc & 0xff) == SQLITE_FULL ? DB_FULL : DB_IO;
	}
	rc = sqlite3_close_v2(dest);
	return rc == SQLITE_OK ? DB_OK : DB_IO;
}

int db_integrity_ok(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		ok = t && strcmp((const char *)t, "ok") == 0;
	}
	sqlite3_finalize(st);
	return ok;
}

int db_count(struct db *db, const char *table, int64_t *n)
{
	char sql[128];
	sqlite3_stmt *st = NULL;
	int rc;

	/* table names come from tests and the demo loader, never from users */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_rc(db, rc);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	rc = rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
	sqlite3_finalize(st);
	return rc;
}
