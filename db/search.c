/*
 * Case lists: search and queues, a page at a time by keyset (never OFFSET,
 * never the whole list in memory).  The visibility criteria come from core;
 * this file only turns them into SQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

/* Whether a case row `c` may be listed; the flags are bound by core. */
#define VISIBLE                                                              \
	"((:own AND c.unit_id IN (SELECT unit_id FROM membership "           \
	"   WHERE staff_id = :staff AND role IN ('desk','caseworker',"       \
	"   'supervisor'))) "                                                \
	" OR (:ref AND EXISTS (SELECT 1 FROM referral r JOIN membership m "  \
	"   ON m.unit_id = r.to_unit_id AND m.staff_id = :staff "            \
	"   WHERE r.case_id = c.id AND r.status IN "                         \
	"   ('open','question','accepted') AND (r.basis = 'law' OR EXISTS "  \
	"   (SELECT 1 FROM consent k WHERE k.person_id = c.applicant_id "    \
	"    AND k.unit_id = r.to_unit_id AND k.scope = 'case' "             \
	"    AND k.state = 'given')))) "                                     \
	" OR (:alloc AND c.status IN ('handed_over','granted','waiting',"    \
	"   'rejected','appealed','housed')) "                               \
	" OR (:intake AND c.received = :today AND c.intake_unit_id IN "      \
	"   (SELECT unit_id FROM membership WHERE staff_id = :staff "        \
	"    AND role = 'desk')))"

#define NEXT_DUE                                                           \
	"(SELECT d.due || ' ' || d.kind FROM deadline d WHERE d.case_id = c.id " \
	" AND d.done_at IS NULL ORDER BY d.due LIMIT 1)"

#define LINE_COLS                                                          \
	"c.id, p.id, c.number, p.family_name || ', ' || p.given_name, "      \
	"p.birth_date, c.status, u.name, c.received, " NEXT_DUE

#define LINE_FROM                                                          \
	" FROM case_file c JOIN person p ON p.id = c.applicant_id "          \
	"JOIN unit u ON u.id = c.unit_id "

static void bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		db_bind_text(st, i, v);
}

static void bind_named_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

static void bind_visibility(sqlite3_stmt *st, const struct db_visibility *v)
{
	bind_named_int(st, ":staff", v->staff_id);
	bind_named_int(st, ":own", v->own_units);
	bind_named_int(st, ":ref", v->referrals);
	bind_named_int(st, ":alloc", v->allocation);
	bind_named_int(st, ":intake", v->intake_today);
	bind_named_text(st, ":today", v->today);
}

/* Sort keys are "<key>\x1f<person id, 12 digits>\x1f<case id, 12 digits>";
 * the keyset of the next page is the three parts of the last line. */
static void split_after(const char *after, char *key, size_t size,
			int64_t *pid, int64_t *cid)
{
	const char *last = after ? strrchr(after, '\x1f') : NULL;
	const char *mid = NULL;

	key[0] = '\0';
	*pid = *cid = 0;
	if (!last)
		return;
	for (const char *p = after; p < last; p++)
		if (*p == '\x1f')
			mid = p;
	if (!mid)
		return;
	snprintf(key, size, "%.*s", (int)(mid - after), after);
	*pid = strtoll(mid + 1, NULL, 10);
	*cid = strtoll(last + 1, NULL, 10);
}

void db_case_line_read(sqlite3_stmt *st, struct db_case_line *l)
{
	char due[40];

	memset(l, 0, sizeof *l);
	l->case_id = sqlite3_column_int64(st, 0);
	l->person_id = sqlite3_column_int64(st, 1);
	db_col_text(st, 2, l->number, sizeof l->number);
	db_col_text(st, 3, l->name, sizeof l->name);
	db_col_text(st, 4, l->birth, sizeof l->birth);
	db_col_text(st, 5, l->status, sizeof l->status);
	db_col_text(st, 6, l->unit_name, sizeof l->unit_name);
	db_col_text(st, 7, l->received, sizeof l->received);
	db_col_text(st, 8, due, sizeof due);
	if (strlen(due) > 11) { /* "YYYY-MM-DD kind" */
		memcpy(l->next_due, due, 10);
		l->next_due[10] = '\0';
		snprintf(l->due_kind, sizeof l->due_kind, "%s", due + 11);
	}
	db_col_text(st, 9, l->sort_key, sizeof l->sort_key);
}

static int fetch_lines(struct db *db, sqlite3_stmt *st, size_t limit,
		       struct db_case_line *out, size_t *n)
{
	int rc = SQLITE_DONE;

	*n = 0;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		db_case_line_read(st, &out[(*n)++]);
	sqlite3_reset(st);
	if (*n < limit && rc != SQLITE_DONE)
		return db_rc(db, rc);
	return DB_OK;
}

/*
 * Every list is two steps: the inner query walks an index in the list's
 * order, applies the filter and stops after a page; only then does the
 * outer query fetch names, units and each line's next deadline, for that
 * page alone.  No list is sorted in memory and nothing is computed for a
 * row that is not shown.
 */
#define OUTER(inner, key)                                                    \
	"SELECT " LINE_COLS ", " key " || x'1f' || printf('%012d', x.pid) || " \
	"x'1f' || printf('%012d', c.id) FROM (" inner ") x "                 \
	"JOIN case_file c ON c.id = x.cid "                                  \
	"JOIN person p ON p.id = c.applicant_id "                            \
	"JOIN unit u ON u.id = c.unit_id ORDER BY x.k, x.pid, x.cid"

static const char sql_by_name[] = OUTER(
	"SELECT k.key AS k, k.person_id AS pid, c.id AS cid "
	"FROM person_key k JOIN case_file c ON c.applicant_id = k.person_id "
	"WHERE k.key < :hi "
	"AND (k.key, k.person_id, c.id) > (:akey, :apid, :acid) AND " VISIBLE
	" ORDER BY k.key, k.person_id, c.id LIMIT :limit", "x.k");

static const char sql_by_nid[] = OUTER(
	"SELECT '' AS k, p.id AS pid, c.id AS cid FROM person p "
	"JOIN case_file c ON c.applicant_id = p.id "
	"WHERE p.nid = :key AND c.id > :acid AND " VISIBLE
	" ORDER BY c.id LIMIT :limit", "x.k");

static const char sql_by_number[] = OUTER(
	"SELECT c.number AS k, 0 AS pid, c.id AS cid FROM case_file c "
	"WHERE c.number >= :lo AND c.number < :hi AND c.number > :akey AND "
	VISIBLE " ORDER BY c.number LIMIT :limit", "x.k");

int db_case_search(struct db *db, const struct db_visibility *v,
		   enum db_search_by by, const char *key, const char *after,
		   size_t limit, struct db_case_line *out, size_t *n)
{
	const char *sql = by == DB_BY_NAME ? sql_by_name
			  : by == DB_BY_NID ? sql_by_nid
					    : sql_by_number;
	sqlite3_stmt *st = db_prep(db, sql);
	char akey[300], hi[300];
	int64_t apid, acid;

	*n = 0;
	if (!st)
		return DB_ERROR;
	split_after(after, akey, sizeof akey, &apid, &acid);
	if (!after) {
		/* the first page starts at the prefix itself: one lower bound
		 * (a row value) lets the planner seek instead of scanning */
		snprintf(akey, sizeof akey, "%s", by == DB_BY_NAME ? key : "");
		apid = acid = -1;
	}
	/* every string that starts with key sorts below key + U+10FFFF */
	snprintf(hi, sizeof hi, "%s\xf4\x8f\xbf\xbf", key);
	bind_visibility(st, v);
	bind_named_text(st, ":lo", key);
	bind_named_text(st, ":hi", hi);
	bind_named_text(st, ":key", key);
	bind_named_text(st, ":akey", akey);
	bind_named_int(st, ":apid", apid);
	bind_named_int(st, ":acid", acid);
	bind_named_int(st, ":limit", (int64_t)limit);
	return fetch_lines(db, st, limit, out, n);
}

/* One filter per queue; each is used for a page and for a count.  Every
 * queue is in order of receipt, oldest first (each line shows its next
 * deadline), which an index gives without sorting. */
#define Q_MY "c.caseworker_id = :staff AND c.status <> 'closed'"
#define Q_INBOX                                                        \
	"c.status IN ('registered','returned') AND c.unit_id IN "      \
	"(SELECT unit_id FROM membership WHERE staff_id = :staff "     \
	" AND role = 'caseworker')"
#define Q_TODAYS                                                       \
	"c.received = :today AND c.intake_unit_id IN (SELECT unit_id " \
	"FROM membership WHERE staff_id = :staff AND role = 'desk')"
#define Q_SUPER                                                        \
	"c.status <> 'closed' AND c.unit_id IN (SELECT unit_id FROM "  \
	"membership WHERE staff_id = :staff AND role = 'supervisor')"

#define PAGE(filter)                                                     \
	OUTER("SELECT c.received AS k, 0 AS pid, c.id AS cid "            \
	      "FROM case_file c WHERE " filter                             \
	      " AND (c.received, c.id) > (:akey, :acid) "                  \
	      "ORDER BY c.received, c.id LIMIT :limit", "x.k")

static const char *const queue_page_sql[] = {
	[DBQ_MY_CASES] = PAGE(Q_MY),
	[DBQ_UNIT_INBOX] = PAGE(Q_INBOX),
	[DBQ_TODAY] = PAGE(Q_TODAYS),
	[DBQ_SUPERVISOR] = PAGE(Q_SUPER),
};

static const char *const queue_count_sql[] = {
	[DBQ_MY_CASES] = "SELECT count(*) FROM case_file c WHERE " Q_MY,
	[DBQ_UNIT_INBOX] = "SELECT count(*) FROM case_file c WHERE " Q_INBOX,
	[DBQ_TODAY] = "SELECT count(*) FROM case_file c WHERE " Q_TODAYS,
	/* the largest queue is counted from the overview's running counts
	 * per unit and status (0006), a few rows instead of every open case
	 * of the unit */
	[DBQ_SUPERVISOR] = "SELECT coalesce(sum(n), 0) FROM ov_case WHERE "
			   "status <> 'closed' AND unit_id IN (SELECT unit_id "
			   "FROM membership WHERE staff_id = :staff AND role = "
			   "'supervisor')",
};

int db_queue_page(struct db *db, enum db_queue q, int64_t staff_id,
		  const char *today, const char *after, size_t limit,
		  struct db_case_line *out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, queue_page_sql[q]);
	char akey[300];
	int64_t apid, acid;

	*n = 0;
	if (!st)
		return DB_ERROR;
	split_after(after, akey, sizeof akey, &apid, &acid);
	bind_named_int(st, ":staff", staff_id);
	bind_named_text(st, ":today", today);
	bind_named_text(st, ":akey", akey);
	bind_named_int(st, ":acid", acid);
	bind_named_int(st, ":limit", (int64_t)limit);
	return fetch_lines(db, st, limit, out, n);
}

int db_queue_count(struct db *db, enum db_queue q, int64_t staff_id,
		   const char *today, long *n)
{
	sqlite3_stmt *st = db_prep(db, queue_count_sql[q]);

	*n = 0;
	if (!st)
		return DB_ERROR;
	bind_named_int(st, ":staff", staff_id);
	bind_named_text(st, ":today", today);
	return db_step_long(db, st, n);
}
