/* Export of cases: the rows a user may see (core says which), and the
 * access-log rows of the export in one transaction. */
#include <string.h>

#include "dbint.h"

#define ALLOC_SLOTS 10

/* ?1..?32 the units, ?33 allocation, ?34..?43 allocation statuses,
 * ?44 status filter, ?45 unit filter */
static const char export_sql[] =
	"SELECT c.id, c.applicant_id, c.unit_id, c.intake_unit_id, c.number, "
	"c.received, c.status, c.track, u.name, s.full_name, p.given_name, "
	"p.family_name, p.nid, c.situation, "
	"(SELECT count(*) FROM household_member m "
	" WHERE m.household_id = c.household_id), "
	"(SELECT count(*) FROM household_member m "
	" WHERE m.household_id = c.household_id AND m.relation = 'child') "
	"FROM case_file c "
	"JOIN unit u ON u.id = c.unit_id "
	"JOIN staff s ON s.id = c.caseworker_id "
	"JOIN person p ON p.id = c.applicant_id "
	"WHERE (c.unit_id IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	"?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
	"?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32) "
	"  OR (?33 = 1 AND c.status IN (?34, ?35, ?36, ?37, ?38, ?39, ?40, "
	"?41, ?42, ?43))) "
	"AND (?44 IS NULL OR c.status = ?44) "
	"AND (?45 IS NULL OR c.unit_id = ?45) "
	"ORDER BY c.received, c.number";

_Static_assert(DB_EXPORT_UNITS == 32, "export_sql has 32 unit slots");

int db_export_cases(struct db *db, const struct db_export_query *q,
		    int (*row)(void *ctx, const struct db_export_row *r),
		    void *ctx)
{
	sqlite3_stmt *st = db_prep(db, export_sql);
	struct db_export_row r;
	size_t i;
	int rc, out = DB_OK;

	if (!st)
		return DB_ERROR;
	/* unused slots stay NULL, which matches nothing */
	for (i = 0; i < q->nunits && i < DB_EXPORT_UNITS; i++)
		sqlite3_bind_int64(st, (int)i + 1, q->unit[i]);
	sqlite3_bind_int(st, 33, q->allocation ? 1 : 0);
	for (i = 0; q->alloc_status && q->alloc_status[i] && i < ALLOC_SLOTS;
	     i++)
		db_bind_text(st, 34 + (int)i, q->alloc_status[i]);
	db_bind_opt(st, 44, q->status);
	db_bind_id(st, 45, q->only_unit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.case_id = sqlite3_column_int64(st, 0);
		r.person_id = sqlite3_column_int64(st, 1);
		r.unit_id = sqlite3_column_int64(st, 2);
		r.intake_unit_id = db_col_id(st, 3);
		db_col_text(st, 4, r.number, sizeof r.number);
		db_col_text(st, 5, r.received, sizeof r.received);
		db_col_text(st, 6, r.status, sizeof r.status);
		db_col_text(st, 7, r.track, sizeof r.track);
		db_col_text(st, 8, r.unit_name, sizeof r.unit_name);
		db_col_text(st, 9, r.caseworker, sizeof r.caseworker);
		db_col_text(st, 10, r.given, sizeof r.given);
		db_col_text(st, 11, r.family, sizeof r.family);
		db_col_text(st, 12, r.nid, sizeof r.nid);
		db_col_text(st, 13, r.situation, sizeof r.situation);
		r.household = sqlite3_column_int(st, 14);
		r.children = sqlite3_column_int(st, 15);
		if ((out = row(ctx, &r)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (out)
		return out;
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

struct log_arg {
	int64_t staff_id;
	const char *at, *detail;
	const struct db_export_log *rows;
	size_t n;
};

static int log_tx(struct db *db, void *p)
{
	struct log_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO access_log (at, staff_id, person_id, case_id, "
		"reason, detail) VALUES (?, ?, ?, ?, ?, ?)");
	size_t i;
	int rc;

	if (!st)
		return DB_ERROR;
	for (i = 0; i < a->n; i++) {
		db_bind_text(st, 1, a->at);
		sqlite3_bind_int64(st, 2, a->staff_id);
		db_bind_id(st, 3, a->rows[i].person_id);
		db_bind_id(st, 4, a->rows[i].case_id);
		db_bind_text(st, 5, a->rows[i].reason);
		db_bind_text(st, 6, a->detail);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return DB_OK;
}

int db_export_log(struct db *db, int64_t staff_id, const char *at,
		  const char *detail, const struct db_export_log *rows,
		  size_t n)
{
	struct log_arg a = {staff_id, at, detail, rows, n};

	if (n == 0)
		return DB_OK;
	return db_tx(db, log_tx, &a);
}
