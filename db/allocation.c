/*
 * Handover to the allocation group and return, and the allocation queue
 * in order of priority.  The helpers of db/allocint.h live here.
 */
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "allocint.h"

/* ------------------------------------------------------------- helpers */

int dba_journal(struct db *db, int64_t case_id, int64_t staff_id,
		const char *at, const char *kind, const char *text)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO journal (case_id, at, staff_id, kind, text) "
		"VALUES (?, ?, ?, ?, ?)");

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, at);
	sqlite3_bind_int64(st, 3, staff_id);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, text);
	return db_step_done(db, st);
}

int dba_case_status(struct db *db, int64_t case_id, int version,
		    const char *status, const char *at, const char *today)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE case_file SET status = coalesce(?1, status), "
		"decided_at = CASE WHEN ?1 IN ('granted','waiting','rejected') "
		"  AND decided_at IS NULL THEN ?2 ELSE decided_at END, "
		"updated_at = ?3, version = version + 1 "
		"WHERE id = ?4 AND version = ?5");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_opt(st, 1, status);
	db_bind_text(st, 2, today);
	db_bind_text(st, 3, at);
	sqlite3_bind_int64(st, 4, case_id);
	sqlite3_bind_int(st, 5, version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	/* an appeal deadline that passed without an appeal is met: the
	 * decision stands (closed here, with the next change of the case,
	 * so that it does not stay in the queues as overdue) */
	st = db_prep(db, "UPDATE deadline SET done_at = ?1 WHERE case_id = ?2 "
			 "AND kind = 'appeal' AND due < ?3 AND done_at IS NULL");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, at);
	sqlite3_bind_int64(st, 2, case_id);
	db_bind_text(st, 3, today);
	return db_step_done(db, st);
}

int dba_deadline_add(struct db *db, int64_t case_id, const char *kind,
		     int64_t ref_id, int64_t unit_id, int64_t staff_id,
		     const char *due)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO deadline (case_id, kind, ref_id, unit_id, staff_id, "
		"due) VALUES (?, ?, ?, ?, ?, ?)");

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, kind);
	db_bind_id(st, 3, ref_id);
	db_bind_id(st, 4, unit_id);
	db_bind_id(st, 5, staff_id);
	db_bind_text(st, 6, due);
	return db_step_done(db, st);
}

int dba_deadline_done(struct db *db, int64_t case_id, const char *kind,
		      int64_t ref_id, const char *at)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE deadline SET done_at = ?1 WHERE case_id = ?2 AND "
		"kind = ?3 AND (?4 = 0 OR ref_id = ?4) AND done_at IS NULL");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, at);
	sqlite3_bind_int64(st, 2, case_id);
	db_bind_text(st, 3, kind);
	sqlite3_bind_int64(st, 4, ref_id);
	return db_step_done(db, st);
}

int dba_int(struct db *db, sqlite3_stmt *st, int64_t *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

/* ------------------------------------------------------------ handover */

int db_handover_facts(struct db *db, int64_t case_id,
		      struct db_handover_facts *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT "
		"EXISTS (SELECT 1 FROM household_member m WHERE m.household_id "
		"  = c.household_id AND m.relation = 'applicant'), "
		"EXISTS (SELECT 1 FROM doc_item d WHERE d.case_id = c.id AND "
		"  d.kind = 'id' AND d.state IN ('received','not_needed')), "
		"EXISTS (SELECT 1 FROM doc_item d WHERE d.case_id = c.id AND "
		"  d.kind = 'income' AND d.state IN ('received','not_needed')), "
		"EXISTS (SELECT 1 FROM consent k JOIN unit u ON u.id = k.unit_id "
		"  WHERE k.person_id = c.applicant_id AND k.scope = 'case' AND "
		"  k.state = 'given' AND u.kind = 'allocation') "
		"FROM case_file c WHERE c.id = ?");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->has_household = sqlite3_column_int(st, 0);
		out->doc_id = sqlite3_column_int(st, 1);
		out->doc_income = sqlite3_column_int(st, 2);
		out->consent_allocation = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

static int give_tx(struct db *db, void *p)
{
	const struct db_handover *h = p;
	sqlite3_stmt *st;
	int rc;

	if ((rc = dba_case_status(db, h->case_id, h->version, "handed_over",
				  h->at, h->today)))
		return rc;
	st = db_prep(db, "INSERT INTO handover (case_id, from_unit_id, note, "
			 "handed_by, handed_at) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, h->case_id);
	sqlite3_bind_int64(st, 2, h->unit_id);
	db_bind_text(st, 3, h->text);
	sqlite3_bind_int64(st, 4, h->staff_id);
	db_bind_text(st, 5, h->at);
	if ((rc = db_step_done(db, st)) ||
	    (rc = dba_deadline_done(db, h->case_id, "returned", 0, h->at)))
		return rc;
	return dba_journal(db, h->case_id, h->staff_id, h->at, "status",
			   h->journal_text);
}

int db_handover_give(struct db *db, const struct db_handover *h)
{
	return db_tx(db, give_tx, (void *)h);
}

static int return_tx(struct db *db, void *p)
{
	const struct db_handover *h = p;
	sqlite3_stmt *st;
	int rc;

	if ((rc = dba_case_status(db, h->case_id, h->version, "returned",
				  h->at, h->today)))
		return rc;
	/* a case handed over before this table (the demo) has no row: the
	 * journal line still carries the reason */
	st = db_prep(db, "UPDATE handover SET returned_by = ?1, returned_at "
			 "= ?2, return_reason = ?3 WHERE id = (SELECT max(id) "
			 "FROM handover WHERE case_id = ?4) AND returned_at IS "
			 "NULL");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, h->staff_id);
	db_bind_text(st, 2, h->at);
	db_bind_text(st, 3, h->text);
	sqlite3_bind_int64(st, 4, h->case_id);
	if ((rc = db_step_done(db, st)) ||
	    (rc = dba_deadline_add(db, h->case_id, "returned", 0,
				   h->returned_unit_id, h->returned_staff_id,
				   h->returned_due)))
		return rc;
	return dba_journal(db, h->case_id, h->staff_id, h->at, "status",
			   h->journal_text);
}

int db_handover_return(struct db *db, const struct db_handover *h)
{
	return db_tx(db, return_tx, (void *)h);
}

int db_handover_last(struct db *db, int64_t case_id, struct handover_rec *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT h.id, h.case_id, h.from_unit_id, h.note, s.full_name, "
		"h.handed_at, coalesce(r.full_name, ''), h.returned_at, "
		"h.return_reason FROM handover h JOIN staff s ON s.id = "
		"h.handed_by LEFT JOIN staff r ON r.id = h.returned_by "
		"WHERE h.case_id = ? ORDER BY h.id DESC LIMIT 1");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->case_id = sqlite3_column_int64(st, 1);
		out->from_unit_id = sqlite3_column_int64(st, 2);
		db_col_text(st, 3, out->note, sizeof out->note);
		db_col_text(st, 4, out->handed_by_name,
			    sizeof out->handed_by_name);
		db_col_text(st, 5, out->handed_at, sizeof out->handed_at);
		db_col_text(st, 6, out->returned_by_name,
			    sizeof out->returned_by_name);
		db_col_text(st, 7, out->returned_at, sizeof out->returned_at);
		db_col_text(st, 8, out->return_reason,
			    sizeof out->return_reason);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

struct doc_arg {
	int64_t case_id, staff_id;
	const char *kind, *state, *received, *at, *text;
};

static int doc_tx(struct db *db, void *p)
{
	const struct doc_arg *a = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE doc_item SET state = ?1, received = ?2 WHERE case_id = "
		"?3 AND kind = ?4");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, a->state);
	db_bind_opt(st, 2, a->received);
	sqlite3_bind_int64(st, 3, a->case_id);
	db_bind_text(st, 4, a->kind);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_NOTFOUND;
	return dba_journal(db, a->case_id, a->staff_id, a->at, "document",
			   a->text);
}

int db_doc_set(struct db *db, int64_t case_id, const char *kind,
	       const char *state, const char *received, int64_t staff_id,
	       const char *at, const char *journal_text)
{
	struct doc_arg a = {case_id, staff_id, kind, state, received, at,
			    journal_text};
	return db_tx(db, doc_tx, &a);
}

/* ------------------------------------------------------- the priority */

/* Each part is 0 or 1 (months a count), by the same expressions for the
 * order, the count and the explanation of one case. */
#define P_HOMELESS                                                         \
	"(CASE WHEN c.situation IN ('temporary','relatives','institution',"  \
	"'rough') THEN 1 ELSE 0 END)"
#define P_CHILDREN                                                         \
	"(CASE WHEN EXISTS (SELECT 1 FROM household_member m WHERE "         \
	"m.household_id = c.household_id AND m.relation = 'child' AND "      \
	"(m.birth_date IS NULL OR m.birth_date > :adult_born)) THEN 1 ELSE 0 END)"
#define P_HEALTH "(CASE WHEN (c.needs & :health_mask) <> 0 THEN 1 ELSE 0 END)"
#define P_DISCHARGE                                                        \
	"(CASE WHEN c.situation = 'institution' AND c.discharge_date IS NOT " \
	"NULL AND c.discharge_date <= :discharge_by THEN 1 ELSE 0 END)"
/* full months from received to today: the day of the month counts */
#define P_MONTHS                                                           \
	"max(0, (CAST(substr(:today, 1, 4) AS INTEGER) - "                   \
	"CAST(substr(c.received, 1, 4) AS INTEGER)) * 12 + "                 \
	"CAST(substr(:today, 6, 2) AS INTEGER) - "                           \
	"CAST(substr(c.received, 6, 2) AS INTEGER) - "                       \
	"(CASE WHEN substr(:today, 9, 2) < substr(c.received, 9, 2) "        \
	"THEN 1 ELSE 0 END))"
#define P_SIZE                                                             \
	"max(1, (SELECT count(*) FROM household_member m WHERE "             \
	"m.household_id = c.household_id))"

/* Where a dwelling suits a household: rooms for its size (not more than
 * one room too many), adapted where that is needed, staffed exactly where
 * that is needed. */
#define ROOMS_NEEDED(size)                                                 \
	"(CASE WHEN " size " <= 1 THEN 1 WHEN " size " = 2 THEN 2 WHEN "     \
	size " <= 4 THEN 3 ELSE 4 END)"

#define ALLOC_WHERE                                                        \
	"c.status IN ('handed_over','waiting') "                             \
	"AND (:track = '' OR c.track = :track) "                             \
	"AND (c.needs & :needs) = :needs "
/* One case (its priority on the case screen): looked up by its id, not
 * found by scoring the whole queue (an OR on :case_id made the planner
 * score 58,000 cases for one, 3 ms on 1,000,000 persons). */
#define ALLOC_WHERE_ONE "c.id = :case_id AND " ALLOC_WHERE

#define ALLOC_INNER(where)                                                 \
	"SELECT c.id AS cid, c.received AS received, " P_HOMELESS " AS ph, " \
	P_CHILDREN " AS pc, " P_HEALTH " AS pe, " P_DISCHARGE " AS pd, "     \
	P_MONTHS " AS pm, " P_SIZE " AS hs, c.needs AS needs, "              \
	"c.track AS track FROM case_file c WHERE " where

#define ALLOC_SCORED_IN(where)                                             \
	"SELECT s.*, s.ph * :wh + s.pc * :wc + s.pe * :we + s.pd * :wd + "   \
	"s.pm * :wm AS score FROM (" ALLOC_INNER(where) ") s "               \
	"WHERE (:min_size = 0 OR s.hs >= :min_size) "                        \
	"AND (:max_size = 0 OR s.hs <= :max_size) "                          \
	"AND (:dwelling = 0 OR EXISTS (SELECT 1 FROM dwelling d WHERE "      \
	"d.id = :dwelling AND d.rooms >= " ROOMS_NEEDED("s.hs") " AND "      \
	"d.rooms <= " ROOMS_NEEDED("s.hs") " + 1 AND "                       \
	"((s.needs & :adapted) = 0 OR d.adapted = 1) AND "                   \
	"(CASE WHEN (s.needs & :staffed) <> 0 THEN 1 ELSE 0 END) = "         \
	"d.staffed AND s.track IN ('dwelling','both')))"
#define ALLOC_SCORED ALLOC_SCORED_IN(ALLOC_WHERE)

/* The sort key: the highest score first, then the oldest, then the id. */
#define ALLOC_KEY                                                          \
	"printf('%09d', 999999999 - score) || x'1f' || received || x'1f' || " \
	"printf('%012d', cid)"

#define ALLOC_PAGE(scored)                                                 \
	"SELECT c.id, p.id, c.number, p.family_name || ', ' || p.given_name, " \
	"p.birth_date, c.status, u.name, c.received, "                       \
	"(SELECT d.due || ' ' || d.kind FROM deadline d WHERE d.case_id = "  \
	"c.id AND d.done_at IS NULL ORDER BY d.due LIMIT 1), x.k, "          \
	"x.score, x.ph, x.pc, x.pe, x.pd, x.pm, x.hs, x.needs, x.track "     \
	"FROM (SELECT t.*, " ALLOC_KEY " AS k FROM (" scored ") t "          \
	"WHERE " ALLOC_KEY " > :after ORDER BY k LIMIT :limit) x "           \
	"JOIN case_file c ON c.id = x.cid JOIN person p ON p.id = "          \
	"c.applicant_id JOIN unit u ON u.id = c.unit_id ORDER BY x.k"

static const char sql_alloc_page[] = ALLOC_PAGE(ALLOC_SCORED);
static const char sql_alloc_one[] =
	ALLOC_PAGE(ALLOC_SCORED_IN(ALLOC_WHERE_ONE));

static const char sql_alloc_count[] =
	"SELECT count(*) FROM (" ALLOC_SCORED ") t";
static const char sql_alloc_count_one[] =
	"SELECT count(*) FROM (" ALLOC_SCORED_IN(ALLOC_WHERE_ONE) ") t";
/* The home screen's count has no filter: the score is not needed to count,
 * and scoring every queued case cost 26 ms on 200,000 persons; the
 * overview's running counts per unit and status (0006) give it from a few
 * rows instead of the status index's 11,000 entries. */
static const char sql_alloc_count_all[] =
	"SELECT coalesce(sum(n), 0) FROM ov_case "
	"WHERE status IN ('handed_over','waiting')";

static void bind_named_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

static void bind_named_text(sqlite3_stmt *st, const char *name,
			    const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		db_bind_text(st, i, v ? v : "");
}

static void bind_alloc(sqlite3_stmt *st, const struct db_alloc_query *q)
{
	bind_named_int(st, ":wh", q->w_homeless);
	bind_named_int(st, ":wc", q->w_children);
	bind_named_int(st, ":we", q->w_health);
	bind_named_int(st, ":wd", q->w_discharge);
	bind_named_int(st, ":wm", q->w_month);
	bind_named_int(st, ":health_mask", q->health_mask);
	bind_named_text(st, ":today", q->today);
	bind_named_text(st, ":adult_born", q->adult_born);
	bind_named_text(st, ":discharge_by", q->discharge_by);
	bind_named_text(st, ":track", q->track);
	bind_named_int(st, ":min_size", q->min_size);
	bind_named_int(st, ":max_size", q->max_size);
	bind_named_int(st, ":needs", q->needs);
	bind_named_int(st, ":case_id", q->case_id);
	bind_named_int(st, ":dwelling", q->suits_dwelling);
	bind_named_int(st, ":adapted", q->adapted_bit);
	bind_named_int(st, ":staffed", q->staffed_bit);
}

int db_alloc_page(struct db *db, const struct db_alloc_query *q,
		  const char *after, size_t limit, struct db_alloc_line *out,
		  size_t *n)
{
	sqlite3_stmt *st = db_prep(db, q->case_id ? sql_alloc_one
						  : sql_alloc_page);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return DB_ERROR;
	bind_alloc(st, q);
	bind_named_text(st, ":after", after ? after : "");
	bind_named_int(st, ":limit", (int64_t)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_alloc_line *a = &out[(*n)++];

		memset(a, 0, sizeof *a);
		db_case_line_read(st, &a->line);
		a->total = sqlite3_column_int(st, 10);
		a->homeless = sqlite3_column_int(st, 11);
		a->children = sqlite3_column_int(st, 12);
		a->health = sqlite3_column_int(st, 13);
		a->discharge = sqlite3_column_int(st, 14);
		a->months = sqlite3_column_int(st, 15);
		a->household = sqlite3_column_int(st, 16);
		a->needs = (unsigned)sqlite3_column_int(st, 17);
		db_col_text(st, 18, a->track, sizeof a->track);
	}
	sqlite3_reset(st);
	if (*n < limit && rc != SQLITE_DONE)
		return db_rc(db, rc);
	return DB_OK;
}

int db_alloc_count(struct db *db, const struct db_alloc_query *q, long *n)
{
	bool all = (!q->track || !*q->track) && !q->min_size && !q->max_size &&
		   !q->needs && !q->case_id && !q->suits_dwelling;
	sqlite3_stmt *st = db_prep(db, all ? sql_alloc_count_all
				   : q->case_id ? sql_alloc_count_one
						: sql_alloc_count);
	int64_t v = 0;
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	if (!all)
		bind_alloc(st, q);
	rc = dba_int(db, st, &v);
	*n = (long)v;
	return rc;
}

/* ------------------------------------------------ the allocation lists */

#define MY_UNITS(roles)                                                    \
	"(SELECT unit_id FROM membership WHERE staff_id = :staff AND role IN " \
	roles ")"

/*
 * Each list starts from its own small table (notices, open appeals, leases
 * due for review), through an index, and only then looks the cases up: a
 * filter on every case row (EXISTS per case) made the home screen scan the
 * whole case table, 30 s of CPU on 200,000 persons.
 */
/* Decisions on my units' cases, or cases my units accepted a referral
 * of, that nobody of the unit has seen yet. */
#define L_DECISIONS                                                        \
	"c.id IN (SELECT d.case_id FROM decision_notice n JOIN decision d "  \
	"ON d.id = n.decision_id WHERE n.seen_at IS NULL AND n.unit_id IN "  \
	MY_UNITS("('desk','caseworker','supervisor')") ")"
/* Appeals not yet decided by the appeal body. */
#define L_APPEALS                                                          \
	"c.id IN (SELECT d.case_id FROM appeal a JOIN decision d ON d.id = " \
	"a.decision_id WHERE a.status IN ('registered','forwarded')) AND "   \
	"(:all = 1 OR c.unit_id IN "                                         \
	MY_UNITS("('caseworker','supervisor')") ")"
/* Leases whose review date has come and that have no outcome yet: the
 * responsible unit's, and for the allocation group those of the cases it
 * sees (a case closed as housed stays with its unit). */
#define L_LEASES                                                           \
	"c.id IN (SELECT l.case_id FROM lease l WHERE l.status = 'active' "  \
	"AND l.review_date <= :today AND l.review_outcome IS NULL) "         \
	"AND ((:all = 1 AND c.status IN ('granted','waiting',"               \
	"'rejected','appealed','housed')) OR c.unit_id IN "                  \
	MY_UNITS("('caseworker','supervisor')") ")"

#define LIST_COLS                                                          \
	"c.id, p.id, c.number, p.family_name || ', ' || p.given_name, "      \
	"p.birth_date, c.status, u.name, c.received, "                       \
	"(SELECT d.due || ' ' || d.kind FROM deadline d WHERE d.case_id = "  \
	"c.id AND d.done_at IS NULL ORDER BY d.due LIMIT 1)"

/* In order of receipt, oldest first, like the other queues. */
#define LIST_PAGE(filter)                                                  \
	"SELECT " LIST_COLS ", c.received || x'1f' || printf('%012d', c.id) " \
	"AS sk FROM case_file c JOIN person p ON p.id = c.applicant_id "     \
	"JOIN unit u ON u.id = c.unit_id WHERE " filter " AND "              \
	"c.received || x'1f' || printf('%012d', c.id) > :after "             \
	"ORDER BY c.received, c.id LIMIT :limit"

static const char *const list_page_sql[] = {
	[DBL_DECISIONS_NEW] = LIST_PAGE(L_DECISIONS),
	[DBL_APPEALS] = LIST_PAGE(L_APPEALS),
	[DBL_LEASE_REVIEW] = LIST_PAGE(L_LEASES),
};

static const char *const list_count_sql[] = {
	[DBL_DECISIONS_NEW] = "SELECT count(*) FROM case_file c WHERE "
			      L_DECISIONS,
	/* the running count of 0009: one index range, not a join per appeal */
	[DBL_APPEALS] = "SELECT CASE WHEN :all = 1 THEN (SELECT count(*) FROM "
			"appeal_open) ELSE (SELECT count(*) FROM appeal_open "
			"WHERE unit_id IN "
			MY_UNITS("('caseworker','supervisor')") ") END",
	/* the table of open leases of 0011: their due range, covered */
	[DBL_LEASE_REVIEW] = "SELECT count(DISTINCT case_id) FROM lease_open "
			     "WHERE review_date <= :today AND ((:all = 1 AND "
			     "case_status IN ('granted','waiting','rejected',"
			     "'appealed','housed')) OR unit_id IN "
			     MY_UNITS("('caseworker','supervisor')") ")",
};

int db_alloc_list_page(struct db *db, enum db_alloc_list l, int64_t staff_id,
		       int all_units, const char *today, const char *after,
		       size_t limit, struct db_case_line *out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, list_page_sql[l]);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return DB_ERROR;
	bind_named_int(st, ":staff", staff_id);
	bind_named_int(st, ":all", all_units);
	bind_named_text(st, ":today", today);
	bind_named_text(st, ":after", after ? after : "");
	bind_named_int(st, ":limit", (int64_t)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		db_case_line_read(st, &out[(*n)++]);
	sqlite3_reset(st);
	if (*n < limit && rc != SQLITE_DONE)
		return db_rc(db, rc);
	return DB_OK;
}

int db_alloc_list_count(struct db *db, enum db_alloc_list l,
			int64_t staff_id, int all_units, const char *today,
			long *n)
{
	sqlite3_stmt *st = db_prep(db, list_count_sql[l]);
	int64_t v = 0;
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	bind_named_int(st, ":staff", staff_id);
	bind_named_int(st, ":all", all_units);
	bind_named_text(st, ":today", today);
	rc = dba_int(db, st, &v);
	*n = (long)v;
	return rc;
}
