/* Internal to db/: the steps the allocation files (allocation.c,
 * decision.c, appeal.c, lease.c) share inside their transactions. */
#ifndef BOSAK_ALLOCINT_H
#define BOSAK_ALLOCINT_H

#include "dbint.h"

/* The journal line of a change, inside the caller's transaction. */
int dba_journal(struct db *db, int64_t case_id, int64_t staff_id,
		const char *at, const char *kind, const char *text);
/* Moves the case to status (NULL: only the version), guarded by version;
 * DB_CONFLICT when the version moved on. */
int dba_case_status(struct db *db, int64_t case_id, int version,
		    const char *status, const char *at, const char *today);
int dba_deadline_add(struct db *db, int64_t case_id, const char *kind,
		     int64_t ref_id, int64_t unit_id, int64_t staff_id,
		     const char *due);
/* Closes a case's open deadlines of a kind (ref_id 0: any). */
int dba_deadline_done(struct db *db, int64_t case_id, const char *kind,
		      int64_t ref_id, const char *at);
/* Steps a one-row SELECT of one integer; DB_NOTFOUND without a row. */
int dba_int(struct db *db, sqlite3_stmt *st, int64_t *out);

#endif
