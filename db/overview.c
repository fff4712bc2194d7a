/*
 * The supervisor's overview and the half-year report (issue 6): counts,
 * waiting times and the lists behind each figure.  The scope is always
 * "cases whose responsible unit the staff member supervises" (narrowed to
 * one unit when asked), the same rule by which a supervisor may open a
 * case, so a figure never counts a case its list would not show.
 *
 * Every statement reads an index range (0006_overview.sql): open
 * deadlines by kind and day, a unit's cases by status or situation,
 * decisions by the day issued.  Nothing reads the journal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

/* the units in scope: supervised by :staff, or only :unit of those */
#define SCOPE_UNITS                                                        \
	"(SELECT unit_id FROM membership WHERE staff_id = :staff AND "      \
	" role = 'supervisor' AND (:unit = 0 OR unit_id = :unit))"
#define IN_SCOPE(col) col " IN " SCOPE_UNITS

#define OPEN_CASE "c.status NOT IN ('closed','housed')"

static void bind_i(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

static void bind_t(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		db_bind_text(st, i, v ? v : "");
}

static void bind_scope(sqlite3_stmt *st, const struct db_ov_scope *sc)
{
	bind_i(st, ":staff", sc->staff_id);
	bind_i(st, ":unit", sc->unit_id);
}

int db_ov_units(struct db *db, const struct db_ov_scope *sc,
		struct unit_rec *out, size_t max, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, code, name, kind, active FROM unit WHERE id IN "
		SCOPE_UNITS " ORDER BY name");
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return DB_ERROR;
	bind_scope(st, sc);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit_rec *u = &out[(*n)++];
		memset(u, 0, sizeof *u);
		u->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, u->code, sizeof u->code);
		db_col_text(st, 2, u->name, sizeof u->name);
		db_col_text(st, 3, u->kind, sizeof u->kind);
		u->active = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_ov_status_count(struct db *db, const struct db_ov_scope *sc,
		       const char *status, long *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(sum(n), 0) FROM ov_case WHERE "
		IN_SCOPE("unit_id") " AND status = :status");

	if (!st)
		return DB_ERROR;
	bind_scope(st, sc);
	bind_t(st, ":status", status);
	return db_step_long(db, st, n);
}

int db_ov_situation_count(struct db *db, const struct db_ov_scope *sc,
			  const char *situation, long *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(sum(n), 0) FROM ov_case WHERE "
		IN_SCOPE("unit_id") " AND situation = :sit AND status NOT IN "
		"('closed','housed')");

	if (!st)
		return DB_ERROR;
	bind_scope(st, sc);
	bind_t(st, ":sit", situation);
	return db_step_long(db, st, n);
}

/* Two sums of one statement's only row. */
static int two_longs(struct db *db, sqlite3_stmt *st, long *a, long *b)
{
	int rc = sqlite3_step(st);

	*a = *b = 0;
	if (rc == SQLITE_ROW) {
		*a = (long)sqlite3_column_int64(st, 0);
		*b = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

int db_ov_deadline_count(struct db *db, const struct db_ov_scope *sc,
			 const char *kind, const char *yday, const char *today,
			 const char *soon, long *overdue, long *due_soon)
{
	/* the days of a kind up to `soon`, read once for both figures */
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(sum(CASE WHEN due <= :yday THEN n END), 0), "
		"coalesce(sum(CASE WHEN due >= :today THEN n END), 0) "
		"FROM ov_deadline WHERE " IN_SCOPE("unit_id")
		" AND kind = :kind AND due <= :soon");

	if (!st)
		return DB_ERROR;
	bind_scope(st, sc);
	bind_t(st, ":kind", kind);
	bind_t(st, ":yday", yday);
	bind_t(st, ":today", today);
	bind_t(st, ":soon", soon);
	return two_longs(db, st, overdue, due_soon);
}

int db_ov_owed_count(struct db *db, const struct db_ov_scope *sc,
		     const char *yday, const char *today, const char *soon,
		     long *overdue, long *due_soon)
{
	/* referral answers owed by a unit in scope: the open referral
	 * deadlines kept under the receiving unit, a range of
	 * deadline_open_unit (0009) per unit; named, as the planner
	 * otherwise walks every open deadline by date (1.5 ms on 200,000
	 * persons, against 0.05) */
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(sum(due <= :yday), 0), "
		"coalesce(sum(due >= :today), 0) "
		"FROM deadline INDEXED BY deadline_open_unit "
		"WHERE done_at IS NULL AND kind = 'referral' AND due <= :soon "
		"AND " IN_SCOPE("unit_id"));

	if (!st)
		return DB_ERROR;
	bind_scope(st, sc);
	bind_t(st, ":yday", yday);
	bind_t(st, ":today", today);
	bind_t(st, ":soon", soon);
	return two_longs(db, st, overdue, due_soon);
}

int db_ov_waits(struct db *db, const struct db_ov_scope *sc,
		const char *track, const char *from, const char *to,
		int **out, size_t *n)
{
	/* whole days from receipt to the case's first decision of the
	 * track, kept by the trigger of 0006; ascending */
	sqlite3_stmt *st = db_prep(db,
		"SELECT wait FROM ov_wait WHERE " IN_SCOPE("unit_id")
		" AND track = :track AND day BETWEEN :from AND :to "
		"ORDER BY wait");
	size_t cap = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bind_scope(st, sc);
	bind_t(st, ":track", track);
	bind_t(st, ":from", from);
	bind_t(st, ":to", to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int *slot = db_grow((void **)out, &cap, n, sizeof **out);
		if (!slot) {
			sqlite3_reset(st);
			free(*out);
			*out = NULL;
			*n = 0;
			return DB_NOMEM;
		}
		*slot = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_ov_wait_hist(struct db *db, const struct db_ov_scope *sc,
		    const char *track, const char *from_month,
		    const char *recent_month, const char *to_month,
		    struct db_ov_wait_bin **out, size_t *n)
{
	/* The month rows in the primary key's order, summed here into one
	 * bin per day of wait: a GROUP BY wait sorted the rows in a temporary
	 * b-tree, six times the cost of reading them (1.2 ms against 0.2 on
	 * 1,000,000 persons).  A wait is a whole number of days, so the bins
	 * are an array indexed by it. */
	sqlite3_stmt *st = db_prep(db,
		"SELECT wait, n, month >= :recent FROM ov_wait_month WHERE "
		IN_SCOPE("unit_id") " AND track = :track AND month BETWEEN "
		":from AND :to AND n > 0");
	struct db_ov_wait_bin *bin = NULL;
	size_t nbin = 0, i, k = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bind_scope(st, sc);
	bind_t(st, ":track", track);
	bind_t(st, ":from", from_month);
	bind_t(st, ":recent", recent_month);
	bind_t(st, ":to", to_month);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int w = sqlite3_column_int(st, 0);
		long c = (long)sqlite3_column_int64(st, 1);

		if (w < 0)
			w = 0; /* decided before received: no wait */
		if ((size_t)w >= nbin) {
			size_t grow = (size_t)w + 256;
			struct db_ov_wait_bin *p =
				realloc(bin, grow * sizeof *bin);
			if (!p) {
				sqlite3_reset(st);
				free(bin);
				return DB_NOMEM;
			}
			memset(p + nbin, 0, (grow - nbin) * sizeof *p);
			bin = p;
			nbin = grow;
		}
		bin[w].n += c;
		if (sqlite3_column_int(st, 2))
			bin[w].n_recent += c;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(bin);
		return db_rc(db, rc);
	}
	/* the bins that hold anything, ascending, moved to the front */
	for (i = 0; i < nbin; i++)
		if (bin[i].n > 0) {
			bin[k] = bin[i];
			bin[k++].wait = (int)i;
		}
	if (!k) {
		free(bin);
		bin = NULL;
	}
	*out = bin;
	*n = k;
	return DB_OK;
}

/* Grouped counts over a period [from, to]: key and count.  Decisions,
 * appeals and lease reviews are the running counts of 0006 (ov_event). */
#define EVENTS(kind)                                                       \
	"SELECT key, sum(n) FROM ov_event WHERE " IN_SCOPE("unit_id")        \
	" AND kind = '" kind "' AND day BETWEEN :from AND :to "              \
	"GROUP BY key HAVING sum(n) <> 0 ORDER BY key"
static const char *const group_sql[DBG__COUNT] = {
	[DBG_RECEIVED] =
		"SELECT c.track, count(*) FROM case_file c WHERE "
		"c.received BETWEEN :from AND :to AND " IN_SCOPE("c.unit_id")
		" GROUP BY 1 ORDER BY 1",
	[DBG_DECISION] = EVENTS("decision"),
	[DBG_APPEAL] = EVENTS("appeal"),
	[DBG_LEASE] = EVENTS("lease"),
	[DBG_REFERRAL] =
		"SELECT r.status, count(*) FROM referral r JOIN case_file c ON "
		"c.id = r.case_id WHERE r.created_at >= :from AND r.created_at "
		"< :to || 'T99' AND " IN_SCOPE("c.unit_id")
		" GROUP BY 1 ORDER BY 1",
	[DBG_SITUATION] =
		"SELECT c.situation, count(*) FROM case_file c WHERE "
		"c.received BETWEEN :from AND :to AND " IN_SCOPE("c.unit_id")
		" GROUP BY 1 ORDER BY 1",
	/* evaluations of plans due in the period: done by the day, done
	 * late, or still open */
	[DBG_EVALUATION] =
		"SELECT CASE WHEN d.done_at IS NULL THEN 'open' WHEN "
		"substr(d.done_at, 1, 10) <= d.due THEN 'on_time' ELSE 'late' "
		"END, count(*) FROM deadline d JOIN case_file c ON c.id = "
		"d.case_id WHERE d.kind = 'evaluation' AND d.due BETWEEN :from "
		"AND :to AND " IN_SCOPE("c.unit_id") " GROUP BY 1 ORDER BY 1",
};

int db_ov_group(struct db *db, const struct db_ov_scope *sc,
		enum db_ov_group g, const char *from, const char *to,
		struct db_ov_count *out, size_t max, size_t *n)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	*n = 0;
	if ((unsigned)g >= DBG__COUNT)
		return DB_ERROR;
	if (!(st = db_prep(db, group_sql[g])))
		return DB_ERROR;
	bind_scope(st, sc);
	bind_t(st, ":from", from);
	bind_t(st, ":to", to);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_ov_count *c = &out[(*n)++];
		memset(c, 0, sizeof *c);
		db_col_text(st, 0, c->key, sizeof c->key);
		c->n = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_ov_vacant(struct db *db, const char *today, long *n, long *over30,
		 long *over90, long *longest_days)
{
	/* the register is the municipality's: no unit scope; the running
	 * counts per day of 0006 (ov_vacant), a few hundred rows */
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(sum(n), 0), "
		"coalesce(sum(CASE WHEN day <> '' AND day < date(:today, "
		"'-30 days') THEN n END), 0), "
		"coalesce(sum(CASE WHEN day <> '' AND day < date(:today, "
		"'-90 days') THEN n END), 0), "
		"coalesce(CAST(julianday(:today) - julianday(min(CASE WHEN n > 0 "
		"AND day <> '' THEN day END)) AS INTEGER), 0) FROM ov_vacant");
	int rc;

	*n = *over30 = *over90 = *longest_days = 0;
	if (!st)
		return DB_ERROR;
	bind_t(st, ":today", today);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = (long)sqlite3_column_int64(st, 0);
		*over30 = (long)sqlite3_column_int64(st, 1);
		*over90 = (long)sqlite3_column_int64(st, 2);
		*longest_days = (long)sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

/* The newest decision counted in the waiting times: a stamp that tells a
 * cache of the waiting times whether it is still right. */
int db_ov_wait_stamp(struct db *db, int64_t *stamp)
{
	sqlite3_stmt *st = db_prep(db, "SELECT coalesce(max(decision_id), 0) "
				       "FROM ov_wait");
	int rc;

	*stamp = 0;
	if (!st)
		return DB_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*stamp = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

/* ------------------------------------------------------------- lists
 * A page of the cases behind a figure, by keyset: the inner query walks
 * an index in the list's order and stops after a page; the outer one
 * fetches names for that page only.  The inner query names the row's
 * order (k, cid), its case, the responsible staff member and unit (the
 * unit's name stands in when nobody is), a day and a kind to show, and
 * the referral the row is about (0 if none). */
#define OV_OUTER(inner)                                                    \
	"SELECT c.id, p.id, c.number, p.family_name || ', ' || p.given_name, " \
	"p.birth_date, c.status, coalesce(s.full_name, u.name), c.received, " \
	"x.due, x.kind, x.k || x'1f' || printf('%012d', x.cid), x.ref FROM (" \
	inner ") x JOIN case_file c ON c.id = x.case_id "                     \
	"JOIN person p ON p.id = c.applicant_id JOIN unit u ON "              \
	"u.id = x.unit LEFT JOIN staff s ON s.id = x.staff "                 \
	"ORDER BY x.k, x.cid"

/* a case of the unit's, oldest first (status, situation, open) */
#define CASE_ROW                                                           \
	"SELECT c.received AS k, c.id AS cid, c.id AS case_id, "             \
	"c.caseworker_id AS staff, c.unit_id AS unit, c.received AS due, "   \
	"'' AS kind, 0 AS ref FROM case_file c WHERE " IN_SCOPE("c.unit_id")
#define CASE_PAGE                                                          \
	" AND (c.received, c.id) > (:akey, :acid) "                           \
	"ORDER BY c.received, c.id LIMIT :limit"

static const char *const list_sql[DBL__COUNT] = {
	[DBL_STATUS] = OV_OUTER(CASE_ROW " AND c.status = :key" CASE_PAGE),
	[DBL_SITUATION] = OV_OUTER(CASE_ROW " AND c.situation = :key AND "
				   OPEN_CASE CASE_PAGE),
	[DBL_OPEN] = OV_OUTER(CASE_ROW " AND " OPEN_CASE CASE_PAGE),
	[DBL_DEADLINE] = OV_OUTER(
		"SELECT d.due AS k, d.id AS cid, d.case_id AS case_id, "
		"coalesce(d.staff_id, r.assigned_to, c.caseworker_id) AS staff, "
		"c.unit_id AS unit, d.due AS due, d.kind AS kind, "
		"coalesce(r.id, 0) AS ref FROM deadline d "
		"JOIN case_file c ON c.id = d.case_id "
		"LEFT JOIN referral r ON d.kind = 'referral' AND r.id = d.ref_id "
		"WHERE d.done_at IS NULL AND d.kind = :key AND d.due >= :from "
		"AND (:to = '' OR d.due <= :to) AND " IN_SCOPE("c.unit_id")
		" AND (d.due, d.id) > (:akey, :acid) "
		"ORDER BY d.due, d.id LIMIT :limit"),
	/* the answer a unit in scope owes: the referral deadline is kept
	 * under the receiving unit (db/referral.c), and the one who must
	 * answer is the referral's assignee there, or the unit */
	[DBL_OWED] = OV_OUTER(
		"SELECT d.due AS k, d.id AS cid, d.case_id AS case_id, "
		"r.assigned_to AS staff, d.unit_id AS unit, d.due AS due, "
		"'referral_owed' AS kind, d.ref_id AS ref FROM deadline d "
		"JOIN referral r ON r.id = d.ref_id "
		"WHERE d.done_at IS NULL AND d.kind = 'referral' "
		"AND d.due >= :from AND (:to = '' OR d.due <= :to) AND "
		IN_SCOPE("d.unit_id") " AND (d.due, d.id) > (:akey, :acid) "
		"ORDER BY d.due, d.id LIMIT :limit"),
	/* the first decisions of a track counted in a waiting time: by the
	 * unit counted (ov_wait_day) and still a case of a unit in scope;
	 * the wait in days is the row's kind */
	[DBL_WAIT] = OV_OUTER(
		"SELECT w.day AS k, w.decision_id AS cid, d.case_id AS case_id, "
		"c.caseworker_id AS staff, c.unit_id AS unit, w.day AS due, "
		"CAST(w.wait AS TEXT) AS kind, 0 AS ref FROM ov_wait w "
		"JOIN decision d ON d.id = w.decision_id "
		"JOIN case_file c ON c.id = d.case_id WHERE "
		IN_SCOPE("w.unit_id") " AND w.track = :key AND w.day BETWEEN "
		":from AND :to AND " IN_SCOPE("c.unit_id")
		" AND (w.day, w.decision_id) > (:akey, :acid) "
		"ORDER BY w.day, w.decision_id LIMIT :limit"),
	/* decisions, appeals and lease reviews of the period, from the
	 * unit's cases (case_unit_received) to their rows by case */
	[DBL_DECISION] = OV_OUTER(
		"SELECT d.issued_at AS k, d.id AS cid, d.case_id AS case_id, "
		"c.caseworker_id AS staff, c.unit_id AS unit, "
		"substr(d.issued_at, 1, 10) AS due, d.outcome AS kind, 0 AS ref "
		"FROM case_file c JOIN decision d ON d.case_id = c.id WHERE "
		IN_SCOPE("c.unit_id") " AND d.track || ':' || d.outcome = :key "
		"AND d.issued_at >= :from AND d.issued_at < :to || 'T99' "
		"AND (d.issued_at, d.id) > (:akey, :acid) "
		"ORDER BY d.issued_at, d.id LIMIT :limit"),
	[DBL_APPEAL] = OV_OUTER(
		"SELECT a.received AS k, a.id AS cid, d.case_id AS case_id, "
		"c.caseworker_id AS staff, c.unit_id AS unit, a.received AS due, "
		"a.status AS kind, 0 AS ref FROM case_file c "
		"JOIN decision d ON d.case_id = c.id "
		"JOIN appeal a ON a.decision_id = d.id WHERE "
		IN_SCOPE("c.unit_id") " AND CASE WHEN a.body_outcome IS NOT NULL "
		"THEN 'body:' || a.body_outcome ELSE a.status END = :key "
		"AND a.received BETWEEN :from AND :to "
		"AND (a.received, a.id) > (:akey, :acid) "
		"ORDER BY a.received, a.id LIMIT :limit"),
	[DBL_LEASE] = OV_OUTER(
		"SELECT l.reviewed_at AS k, l.id AS cid, l.case_id AS case_id, "
		"c.caseworker_id AS staff, c.unit_id AS unit, "
		"substr(l.reviewed_at, 1, 10) AS due, l.review_outcome AS kind, "
		"0 AS ref FROM case_file c JOIN lease l ON l.case_id = c.id "
		"WHERE " IN_SCOPE("c.unit_id") " AND l.review_outcome = :key "
		"AND l.reviewed_at >= :from AND l.reviewed_at < :to || 'T99' "
		"AND (l.reviewed_at, l.id) > (:akey, :acid) "
		"ORDER BY l.reviewed_at, l.id LIMIT :limit"),
};

int db_ov_page(struct db *db, const struct db_ov_scope *sc,
	       enum db_ov_list l, const char *key, const char *from,
	       const char *to, const char *after, size_t limit,
	       struct db_case_line *out, size_t *n)
{
	sqlite3_stmt *st;
	char akey[300] = "";
	int64_t acid = -1;
	int rc = SQLITE_DONE;

	*n = 0;
	if ((unsigned)l >= DBL__COUNT)
		return DB_ERROR;
	if (!(st = db_prep(db, list_sql[l])))
		return DB_ERROR;
	if (after && *after) {
		const char *sep = strrchr(after, '\x1f');
		if (sep) {
			snprintf(akey, sizeof akey, "%.*s", (int)(sep - after),
				 after);
			acid = strtoll(sep + 1, NULL, 10);
		}
	}
	bind_scope(st, sc);
	bind_t(st, ":key", key);
	bind_t(st, ":from", from);
	bind_t(st, ":to", to);
	bind_t(st, ":akey", akey);
	bind_i(st, ":acid", acid);
	bind_i(st, ":limit", (int64_t)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_case_line *c = &out[(*n)++];
		memset(c, 0, sizeof *c);
		c->case_id = sqlite3_column_int64(st, 0);
		c->person_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, c->number, sizeof c->number);
		db_col_text(st, 3, c->name, sizeof c->name);
		db_col_text(st, 4, c->birth, sizeof c->birth);
		db_col_text(st, 5, c->status, sizeof c->status);
		db_col_text(st, 6, c->unit_name, sizeof c->unit_name);
		db_col_text(st, 7, c->received, sizeof c->received);
		db_col_text(st, 8, c->next_due, sizeof c->next_due);
		db_col_text(st, 9, c->due_kind, sizeof c->due_kind);
		db_col_text(st, 10, c->sort_key, sizeof c->sort_key);
		c->ref_id = sqlite3_column_int64(st, 11);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

/* The running counts against a direct count of the rows they count:
 * the number of (unit, key) cells that differ, 0 when all agree. */
int db_ov_verify(struct db *db, long *mismatches)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT (SELECT count(*) FROM ("
		"  SELECT unit_id, status, situation, n FROM ov_case WHERE n <> 0"
		"  EXCEPT SELECT unit_id, status, situation, count(*) "
		"  FROM case_file GROUP BY 1, 2, 3)) + (SELECT count(*) FROM ("
		"  SELECT unit_id, status, situation, count(*) FROM case_file "
		"  GROUP BY 1, 2, 3 EXCEPT SELECT unit_id, status, situation, n "
		"  FROM ov_case)) + (SELECT count(*) FROM ("
		"  SELECT unit_id, kind, due, n FROM ov_deadline WHERE n <> 0"
		"  EXCEPT SELECT c.unit_id, d.kind, d.due, count(*) FROM deadline "
		"  d JOIN case_file c ON c.id = d.case_id WHERE d.done_at IS NULL "
		"  GROUP BY 1, 2, 3)) + (SELECT count(*) FROM ("
		"  SELECT c.unit_id, d.kind, d.due, count(*) FROM deadline d "
		"  JOIN case_file c ON c.id = d.case_id WHERE d.done_at IS NULL "
		"  GROUP BY 1, 2, 3 EXCEPT SELECT unit_id, kind, due, n FROM "
		"  ov_deadline)) + (SELECT count(*) FROM ("
		"  SELECT d.track || ':' || d.outcome, substr(d.issued_at, 1, 10), "
		"  count(*) FROM decision d GROUP BY 1, 2 EXCEPT SELECT key, day, "
		"  sum(n) FROM ov_event WHERE kind = 'decision' GROUP BY 1, 2))");

	*mismatches = 0;
	if (!st)
		return DB_ERROR;
	return db_step_long(db, st, mismatches);
}
