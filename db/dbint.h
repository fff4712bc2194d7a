/* Internal to db/: the handle, the statement cache, transaction helpers. */
#ifndef BOSAK_DBINT_H
#define BOSAK_DBINT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "db.h"

#define DB_STMT_CACHE 512

struct db_stmt {
	const char *sql; /* compared by address: statements are literals */
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *h;
	char path[4096];
	char errmsg[512];
	unsigned long retries;
	struct timespec busy_since; /* the busy wait's start (db.c) */
	int dirfd;                  /* DB-wlock: writers take turns on it (db.c) */
	unsigned seed;              /* the busy wait's jitter */
	bool in_tx;                 /* inside db_tx: it checkpoints after */
	int wal_pages;              /* frames in the WAL after the last commit */
	struct wal_shared *shared;  /* the lock file's shared page, or NULL */
	bool queued;                /* holds a ticket in the writers' queue */
	uint32_t ticket;
	bool idle_checkpoints;      /* checkpoints wait for db_idle */
	bool after_commit;          /* committed; next read: writers first */
	size_t nstmt;
	struct db_stmt stmt[DB_STMT_CACHE];
};

/* One case line from a row whose columns 0-9 are the case id, the person
 * id, number, name, birth date, status, unit name, received, "due kind"
 * of the next deadline and the sort key (search.c, allocation.c). */
void db_case_line_read(sqlite3_stmt *st, struct db_case_line *l);
/* A cached prepared statement, reset and unbound, or NULL (errmsg set). */
sqlite3_stmt *db_prep(struct db *db, const char *sql);
/* Maps an SQLite result to DB_*, keeping SQLite's text for the log. */
int db_rc(struct db *db, int sqlite_rc);
/* Runs fn inside BEGIN IMMEDIATE ... COMMIT; retried as a whole while the
 * database is busy; rolled back on any error.  fn returns 0 or DB_*. */
int db_tx(struct db *db, int (*fn)(struct db *db, void *arg), void *arg);
/* Steps a statement whose row's first column is a number (a count) into
 * *n (0 without a row), and resets it. */
int db_step_long(struct db *db, sqlite3_stmt *st, long *n);
/* Steps a statement that returns no rows. */
int db_step_done(struct db *db, sqlite3_stmt *st);

/* Binding: "" becomes NULL in the _opt variants (dates, optional text). */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_opt(sqlite3_stmt *st, int i, const char *s);
void db_bind_id(sqlite3_stmt *st, int i, int64_t id); /* 0 -> NULL */
void db_col_text(sqlite3_stmt *st, int i, char *out, size_t size);
int64_t db_col_id(sqlite3_stmt *st, int i); /* NULL -> 0 */

/* intake.c, shared with import.c: a new person with both name keys
 * (sets p->id), and a household of the applicant and the others. */
int db_person_insert(struct db *db, struct person_rec *p, const char *key1,
		     const char *key2, const char *at);
int db_household_insert(struct db *db, const struct person_rec *applicant,
			const struct hh_member_rec *member, size_t nmembers,
			const char *at, int64_t *hh);
int db_case_number_next(struct db *db, int year, char number[12]);

/* Makes room for one more element in a malloc'd array of *n elements;
 * returns the slot (zeroed), or NULL when out of memory. */
void *db_grow(void **arr, size_t *cap, size_t *n, size_t elem);
/* Steps st to its end, one element of `elem` bytes a row, filled by
 * `read`; resets st.  On an error *out is freed and NULL, *n is 0. */
int db_rows(struct db *db, sqlite3_stmt *st, size_t elem,
	    void (*read)(sqlite3_stmt *st, void *row), void **out, size_t *n);

#endif
