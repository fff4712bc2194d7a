/*
 * Referrals between units, their messages, consent to share, and the
 * housing forum.  Every step is one transaction with its journal line;
 * whether a step is allowed is core's question (core/referral.c).
 *
 * Statements are prepared per call (see db.h): these run when a person
 * answers a referral, not per key.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

static int bind_index(sqlite3_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(st, name);
}

static void bt(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = bind_index(st, name);
	if (i)
		db_bind_text(st, i, v);
}

/* NULL stays NULL: "unchanged" for the coalesce() of an update */
static void bmaybe(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = bind_index(st, name);
	if (!i)
		return;
	if (v)
		db_bind_text(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void bi(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = bind_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

static void bid(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = bind_index(st, name);
	if (i)
		db_bind_id(st, i, v);
}

static int journal(struct db *db, int64_t case_id, int64_t staff_id,
		   const char *at, const char *kind, const char *text)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO journal (case_id, at, staff_id, kind, text) "
		"VALUES (:case, :at, :staff, :kind, :text)");
	if (!st)
		return DB_ERROR;
	bi(st, ":case", case_id);
	bt(st, ":at", at);
	bi(st, ":staff", staff_id);
	bt(st, ":kind", kind);
	bt(st, ":text", text);
	return db_step_done(db, st);
}

/* ------------------------------------------------------------ reading */

/* Whether the person's information may go to the receiving unit now. */
#define BASIS_OK                                                            \
	"(r.basis = 'law' OR EXISTS (SELECT 1 FROM consent k "              \
	" WHERE k.person_id = c.applicant_id AND k.unit_id = r.to_unit_id " \
	" AND k.scope = 'case' AND k.state = 'given'))"

#define REF_COLS                                                            \
	"r.id, r.case_id, c.unit_id, c.applicant_id, r.from_unit_id, "      \
	"r.to_unit_id, c.number, p.family_name || ', ' || p.given_name, "   \
	"uf.code, uf.name, ut.code, ut.name, ut.kind, r.kind, r.asked, "    \
	"r.reason, r.basis, r.basis_note, " BASIS_OK ", r.deadline, "       \
	"r.status, r.answer_code, r.answer_text, r.withdraw_reason, "       \
	"coalesce(r.assigned_to, 0), coalesce(r.answered_by, 0), "          \
	"r.created_by, sa.full_name, sb.full_name, sc.full_name, "          \
	"r.answered_at, r.created_at, r.version"

#define REF_FROM                                                            \
	" FROM referral r JOIN case_file c ON c.id = r.case_id "            \
	"JOIN person p ON p.id = c.applicant_id "                           \
	"JOIN unit uf ON uf.id = r.from_unit_id "                           \
	"JOIN unit ut ON ut.id = r.to_unit_id "                             \
	"JOIN staff sc ON sc.id = r.created_by "                            \
	"LEFT JOIN staff sa ON sa.id = r.assigned_to "                      \
	"LEFT JOIN staff sb ON sb.id = r.answered_by "

static void ref_row(sqlite3_stmt *st, struct referral_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->case_unit_id = sqlite3_column_int64(st, 2);
	r->person_id = sqlite3_column_int64(st, 3);
	r->from_unit_id = sqlite3_column_int64(st, 4);
	r->to_unit_id = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, r->case_number, sizeof r->case_number);
	db_col_text(st, 7, r->person_name, sizeof r->person_name);
	db_col_text(st, 8, r->from_code, sizeof r->from_code);
	db_col_text(st, 9, r->from_name, sizeof r->from_name);
	db_col_text(st, 10, r->to_code, sizeof r->to_code);
	db_col_text(st, 11, r->to_name, sizeof r->to_name);
	db_col_text(st, 12, r->to_kind, sizeof r->to_kind);
	db_col_text(st, 13, r->kind, sizeof r->kind);
	db_col_text(st, 14, r->asked, sizeof r->asked);
	db_col_text(st, 15, r->reason, sizeof r->reason);
	db_col_text(st, 16, r->basis, sizeof r->basis);
	db_col_text(st, 17, r->basis_note, sizeof r->basis_note);
	r->basis_ok = sqlite3_column_int(st, 18);
	db_col_text(st, 19, r->deadline, sizeof r->deadline);
	db_col_text(st, 20, r->status, sizeof r->status);
	db_col_text(st, 21, r->answer_code, sizeof r->answer_code);
	db_col_text(st, 22, r->answer_text, sizeof r->answer_text);
	db_col_text(st, 23, r->withdraw_reason, sizeof r->withdraw_reason);
	r->assigned_to = sqlite3_column_int64(st, 24);
	r->answered_by = sqlite3_column_int64(st, 25);
	r->created_by = sqlite3_column_int64(st, 26);
	db_col_text(st, 27, r->assigned_name, sizeof r->assigned_name);
	db_col_text(st, 28, r->answered_name, sizeof r->answered_name);
	db_col_text(st, 29, r->created_name, sizeof r->created_name);
	db_col_text(st, 30, r->answered_at, sizeof r->answered_at);
	db_col_text(st, 31, r->created_at, sizeof r->created_at);
	r->version = sqlite3_column_int(st, 32);
}

int db_referral_get(struct db *db, int64_t id, struct referral_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " REF_COLS REF_FROM
				    "WHERE r.id = :id");
	int rc;

	if (!st)
		return DB_ERROR;
	bi(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ref_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

/* The lists: one filter and one sort key each. */
#define MY_UNITS(roles)                                                    \
	"(SELECT unit_id FROM membership WHERE staff_id = :staff AND role IN " \
	roles ")"
#define F_INBOX                                                            \
	"r.status IN ('open','question') AND r.to_unit_id IN "             \
	MY_UNITS("('caseworker','supervisor')")
/* sent by me, or on a case I am responsible for: two index lookups, not
 * an OR across two tables (which scanned every referral) */
#define F_SENT                                                             \
	"r.id IN (SELECT id FROM referral WHERE created_by = :staff UNION " \
	"SELECT r2.id FROM case_file c2 JOIN referral r2 ON r2.case_id = "  \
	"c2.id WHERE c2.caseworker_id = :staff) AND "                      \
	"r.status <> 'withdrawn' AND (r.status IN ('open','question',"    \
	"'forum') OR r.answered_at >= :since)"
#define F_OVERDUE                                                          \
	"r.status IN ('open','question') AND r.deadline < :today AND "     \
	"(r.from_unit_id IN " MY_UNITS("('supervisor')") " OR "            \
	"r.to_unit_id IN " MY_UNITS("('supervisor')") ")"
#define F_CASE "r.case_id = :case"

#define SK_DEADLINE "r.deadline || x'1f' || printf('%012d', r.id)"
/* the sender's list: questions to answer, then what waits, then the
 * answers; newest first inside each */
#define SK_SENT                                                            \
	"(CASE r.status WHEN 'question' THEN '0' WHEN 'open' THEN '1' "    \
	"WHEN 'forum' THEN '1' ELSE '2' END) || x'1f' || "                \
	"printf('%012d', 999999999999 - r.id)"
#define SK_ID "printf('%012d', r.id)"

#define PAGE(filter, sk)                                                   \
	"SELECT * FROM (SELECT " REF_COLS ", " sk " AS sk" REF_FROM        \
	"WHERE " filter ") WHERE sk > :after ORDER BY sk LIMIT :limit"
/* no filter names the case, so a count reads the referral index alone */
#define COUNT(filter) "SELECT count(*) FROM referral r WHERE " filter

static const char *const page_sql[] = {
	[DBR_INBOX] = PAGE(F_INBOX, SK_DEADLINE),
	[DBR_SENT] = PAGE(F_SENT, SK_SENT),
	[DBR_OVERDUE] = PAGE(F_OVERDUE, SK_DEADLINE),
	[DBR_CASE] = PAGE(F_CASE, SK_ID),
};

static const char *const count_sql[] = {
	[DBR_INBOX] = COUNT(F_INBOX),
	[DBR_SENT] = COUNT(F_SENT),
	[DBR_OVERDUE] = COUNT(F_OVERDUE),
	[DBR_CASE] = COUNT(F_CASE),
};

static void bind_list(sqlite3_stmt *st, int64_t staff_id, int64_t case_id,
		      const char *today, const char *since)
{
	bi(st, ":staff", staff_id);
	bi(st, ":case", case_id);
	bt(st, ":today", today ? today : "");
	bt(st, ":since", since ? since : "");
}

int db_referral_page(struct db *db, enum db_referral_list l, int64_t staff_id,
		     int64_t case_id, const char *today, const char *since,
		     const char *after, size_t limit, struct referral_rec *out,
		     size_t *n)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	*n = 0;
	if ((unsigned)l > DBR_CASE)
		return DB_ERROR;
	if (!(st = db_prep(db, page_sql[l])))
		return DB_ERROR;
	bind_list(st, staff_id, case_id, today, since);
	bt(st, ":after", after ? after : "");
	bi(st, ":limit", (int64_t)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ref_row(st, &out[*n]);
		db_col_text(st, 33, out[*n].sort_key, sizeof out[*n].sort_key);
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

int db_referral_count(struct db *db, enum db_referral_list l, int64_t staff_id,
		      int64_t case_id, const char *today, const char *since,
		      long *n)
{
	sqlite3_stmt *st;

	*n = 0;
	if ((unsigned)l > DBR_CASE)
		return DB_ERROR;
	if (!(st = db_prep(db, count_sql[l])))
		return DB_ERROR;
	bind_list(st, staff_id, case_id, today, since);
	return db_step_long(db, st, n);
}

int db_referral_messages(struct db *db, int64_t referral_id,
			 struct refmsg_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.id, m.at, s.full_name, m.kind, m.text "
		"FROM referral_message m JOIN staff s ON s.id = m.staff_id "
		"WHERE m.referral_id = :id ORDER BY m.id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":id", referral_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct refmsg_rec *m = db_grow((void **)out, &cap, n, sizeof **out);
		if (!m) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		m->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, m->at, sizeof m->at);
		db_col_text(st, 2, m->staff_name, sizeof m->staff_name);
		db_col_text(st, 3, m->kind, sizeof m->kind);
		db_col_text(st, 4, m->text, sizeof m->text);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

static int exists(struct db *db, sqlite3_stmt *st, int *yes)
{
	int rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

int db_referral_pending(struct db *db, int64_t case_id, int64_t unit_id,
			int *yes)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT EXISTS (SELECT 1 FROM referral WHERE case_id = :case "
		"AND to_unit_id = :unit AND status IN ('open','question','forum'))");

	*yes = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":case", case_id);
	bi(st, ":unit", unit_id);
	return exists(db, st, yes);
}

int db_referral_shares(struct db *db, int64_t case_id, int64_t staff_id,
		       int *yes)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT EXISTS (SELECT 1 FROM referral r "
		"JOIN membership m ON m.unit_id = r.to_unit_id "
		"AND m.staff_id = :staff JOIN case_file c ON c.id = r.case_id "
		"WHERE r.case_id = :case AND r.status IN "
		"('open','question','accepted') AND " BASIS_OK ")");

	*yes = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":case", case_id);
	bi(st, ":staff", staff_id);
	return exists(db, st, yes);
}

int db_consent_state(struct db *db, int64_t person_id, int64_t unit_id,
		     char state[17])
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT state FROM consent WHERE person_id = :person "
		"AND unit_id = :unit AND scope = 'case'");
	int rc;

	state[0] = '\0';
	if (!st)
		return DB_ERROR;
	bi(st, ":person", person_id);
	bi(st, ":unit", unit_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		db_col_text(st, 0, state, 17);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_staff_units(struct db *db, int64_t unit_id, const char *role,
		   struct staff_unit_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT s.id, m.unit_id, s.full_name, s.login, u.name, m.role "
		"FROM membership m JOIN staff s ON s.id = m.staff_id "
		"JOIN unit u ON u.id = m.unit_id WHERE s.active = 1 "
		"AND u.active = 1 AND (:unit = 0 OR m.unit_id = :unit) "
		"AND m.role = :role ORDER BY u.name, s.full_name, s.id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":unit", unit_id);
	bt(st, ":role", role);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct staff_unit_rec *r = db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->staff_id = sqlite3_column_int64(st, 0);
		r->unit_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, r->name, sizeof r->name);
		db_col_text(st, 3, r->login, sizeof r->login);
		db_col_text(st, 4, r->unit_name, sizeof r->unit_name);
		db_col_text(st, 5, r->role, sizeof r->role);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

/* ------------------------------------------------------------ writing */

static int consent_tx(struct db *db, void *p)
{
	const struct db_consent_change *c = p;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO consent (person_id, unit_id, scope, state, "
		"given_date, withdrawn_date, recorded_by, recorded_at) "
		"VALUES (:person, :unit, 'case', :state, "
		"CASE WHEN :state = 'given' THEN :today END, "
		"CASE WHEN :state = 'withdrawn' THEN :today END, :staff, :at) "
		"ON CONFLICT (person_id, unit_id, scope) DO UPDATE SET "
		"state = excluded.state, "
		"given_date = coalesce(excluded.given_date, consent.given_date), "
		"withdrawn_date = excluded.withdrawn_date, "
		"recorded_by = excluded.recorded_by, "
		"recorded_at = excluded.recorded_at");
	int rc;

	if (!st)
		return DB_ERROR;
	bi(st, ":person", c->person_id);
	bi(st, ":unit", c->unit_id);
	bt(st, ":state", c->state);
	bt(st, ":today", c->today);
	bi(st, ":staff", c->staff_id);
	bt(st, ":at", c->at);
	if ((rc = db_step_done(db, st)))
		return rc;
	return journal(db, c->case_id, c->staff_id, c->at, "consent",
		       c->journal_text);
}

int db_consent_set(struct db *db, const struct db_consent_change *c)
{
	return db_tx(db, consent_tx, (void *)c);
}

struct add_arg {
	const struct db_referral_new *r;
	int64_t id;
};

static int add_tx(struct db *db, void *p)
{
	struct add_arg *a = p;
	const struct db_referral_new *r = a->r;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO referral (case_id, from_unit_id, to_unit_id, kind, "
		"asked, reason, basis, basis_note, deadline, status, created_by, "
		"created_at) VALUES (:case, :from, :to, :kind, :asked, :reason, "
		":basis, :note, :deadline, 'open', :staff, :at)");
	int rc;

	if (!st)
		return DB_ERROR;
	bi(st, ":case", r->case_id);
	bi(st, ":from", r->from_unit_id);
	bi(st, ":to", r->to_unit_id);
	bt(st, ":kind", r->kind);
	bt(st, ":asked", r->asked);
	bt(st, ":reason", r->reason);
	bt(st, ":basis", r->basis);
	bt(st, ":note", r->basis_note);
	bt(st, ":deadline", r->deadline);
	bi(st, ":staff", r->staff_id);
	bt(st, ":at", r->at);
	if ((rc = db_step_done(db, st)))
		return rc;
	a->id = sqlite3_last_insert_rowid(db->h);
	st = db_prep(db, "INSERT INTO deadline (case_id, kind, ref_id, unit_id, due) "
		      "VALUES (:case, 'referral', :ref, :to, :due)");
	if (!st)
		return DB_ERROR;
	bi(st, ":case", r->case_id);
	bi(st, ":ref", a->id);
	bi(st, ":to", r->to_unit_id);
	bt(st, ":due", r->deadline);
	if ((rc = db_step_done(db, st)))
		return rc;
	return journal(db, r->case_id, r->staff_id, r->at, "referral",
		       r->journal_text);
}

int db_referral_add(struct db *db, const struct db_referral_new *r,
		    int64_t *id)
{
	struct add_arg a = {r, 0};
	int rc = db_tx(db, add_tx, &a);
	if (rc == DB_OK)
		*id = a.id;
	return rc;
}

static int close_ref_deadline(struct db *db, int64_t ref, const char *at)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE deadline SET done_at = :at WHERE kind = 'referral' "
		"AND ref_id = :ref AND done_at IS NULL");
	if (!st)
		return DB_ERROR;
	bt(st, ":at", at);
	bi(st, ":ref", ref);
	return db_step_done(db, st);
}

/* The responsibility moves: unit and caseworker in one statement, so
 * that the case is never without either; the case's own deadlines go
 * with it (a referral's answer and a plan's evaluation stay where they
 * belong). */
static int move_case(struct db *db, int64_t case_id, int version,
		     int64_t unit, int64_t caseworker, const char *at)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE case_file SET unit_id = :unit, caseworker_id = :cw, "
		"updated_at = :at, version = version + 1 "
		"WHERE id = :case AND version = :version");
	int rc;

	if (!st)
		return DB_ERROR;
	bi(st, ":unit", unit);
	bi(st, ":cw", caseworker);
	bt(st, ":at", at);
	bi(st, ":case", case_id);
	bi(st, ":version", version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	st = db_prep(db, "UPDATE deadline SET unit_id = :unit, staff_id = :cw "
		      "WHERE case_id = :case AND done_at IS NULL "
		      "AND kind NOT IN ('referral','evaluation')");
	if (!st)
		return DB_ERROR;
	bi(st, ":unit", unit);
	bi(st, ":cw", caseworker);
	bi(st, ":case", case_id);
	return db_step_done(db, st);
}

static int change_tx(struct db *db, void *p)
{
	const struct db_referral_change *c = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE referral SET status = :status, "
		"answer_code = coalesce(:code, answer_code), "
		"answer_text = coalesce(:text, answer_text), "
		"withdraw_reason = coalesce(:wr, withdraw_reason), "
		"assigned_to = coalesce(:assigned, assigned_to), "
		"answered_by = CASE WHEN :answered THEN :staff ELSE answered_by END, "
		"answered_at = CASE WHEN :answered THEN :at ELSE answered_at END, "
		"version = version + 1 WHERE id = :id AND version = :version");
	int rc;

	if (!st)
		return DB_ERROR;
	bt(st, ":status", c->status);
	bmaybe(st, ":code", c->answer_code);
	bmaybe(st, ":text", c->answer_text);
	bmaybe(st, ":wr", c->withdraw_reason);
	bid(st, ":assigned", c->assigned_to);
	bi(st, ":answered", c->answered);
	bi(st, ":staff", c->staff_id);
	bt(st, ":at", c->at);
	bi(st, ":id", c->id);
	bi(st, ":version", c->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	if (c->msg_kind) {
		st = db_prep(db, "INSERT INTO referral_message (referral_id, at, "
			      "staff_id, kind, text) VALUES (:id, :at, :staff, "
			      ":kind, :text)");
		if (!st)
			return DB_ERROR;
		bi(st, ":id", c->id);
		bt(st, ":at", c->at);
		bi(st, ":staff", c->staff_id);
		bt(st, ":kind", c->msg_kind);
		bt(st, ":text", c->msg_text);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	if (c->close_deadline && (rc = close_ref_deadline(db, c->id, c->at)))
		return rc;
	if (c->move_case_id &&
	    (rc = move_case(db, c->move_case_id, c->case_version,
			    c->new_unit_id, c->new_caseworker_id, c->at)))
		return rc;
	if (c->forum_why) {
		st = db_prep(db, "INSERT INTO forum_item (case_id, referral_id, "
			      "raised_by, raised_at, why) VALUES (:case, :id, "
			      ":staff, :at, :why)");
		if (!st)
			return DB_ERROR;
		bi(st, ":case", c->case_id);
		bi(st, ":id", c->id);
		bi(st, ":staff", c->staff_id);
		bt(st, ":at", c->at);
		bt(st, ":why", c->forum_why);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return journal(db, c->case_id, c->staff_id, c->at, "referral",
		       c->journal_text);
}

int db_referral_change(struct db *db, const struct db_referral_change *c)
{
	return db_tx(db, change_tx, (void *)c);
}

/* --------------------------------------------------------------- forum */

#define FORUM_COLS                                                         \
	"SELECT f.id, f.case_id, coalesce(f.referral_id, 0), c.unit_id, "  \
	"coalesce(r.from_unit_id, 0), coalesce(r.to_unit_id, 0), c.number, " \
	"uf.name, ut.name, r.status, s.full_name, f.raised_at, f.why, "    \
	"f.conclusion, coalesce(f.resp_unit_id, 0), ur.name, "             \
	"f.concluded_at, f.version FROM forum_item f "                     \
	"JOIN case_file c ON c.id = f.case_id "                            \
	"JOIN staff s ON s.id = f.raised_by "                              \
	"LEFT JOIN referral r ON r.id = f.referral_id "                    \
	"LEFT JOIN unit uf ON uf.id = r.from_unit_id "                     \
	"LEFT JOIN unit ut ON ut.id = r.to_unit_id "                       \
	"LEFT JOIN unit ur ON ur.id = f.resp_unit_id "

static void forum_row(sqlite3_stmt *st, struct forum_rec *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->case_id = sqlite3_column_int64(st, 1);
	f->referral_id = sqlite3_column_int64(st, 2);
	f->case_unit_id = sqlite3_column_int64(st, 3);
	f->from_unit_id = sqlite3_column_int64(st, 4);
	f->to_unit_id = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, f->case_number, sizeof f->case_number);
	db_col_text(st, 7, f->from_name, sizeof f->from_name);
	db_col_text(st, 8, f->to_name, sizeof f->to_name);
	db_col_text(st, 9, f->ref_status, sizeof f->ref_status);
	db_col_text(st, 10, f->raised_name, sizeof f->raised_name);
	db_col_text(st, 11, f->raised_at, sizeof f->raised_at);
	db_col_text(st, 12, f->why, sizeof f->why);
	db_col_text(st, 13, f->conclusion, sizeof f->conclusion);
	f->resp_unit_id = sqlite3_column_int64(st, 14);
	db_col_text(st, 15, f->resp_name, sizeof f->resp_name);
	db_col_text(st, 16, f->concluded_at, sizeof f->concluded_at);
	f->version = sqlite3_column_int(st, 17);
}

static int forum_fetch(struct db *db, sqlite3_stmt *st, struct forum_rec **out,
		       size_t *n, size_t *cap)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct forum_rec *f = db_grow((void **)out, cap, n, sizeof **out);
		if (!f) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		forum_row(st, f);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_forum_list(struct db *db, size_t max_concluded, struct forum_rec **out,
		  size_t *n)
{
	sqlite3_stmt *st = db_prep(db, FORUM_COLS "WHERE f.concluded_at IS NULL "
				    "ORDER BY f.raised_at, f.id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	if ((rc = forum_fetch(db, st, out, n, &cap)))
		return rc;
	st = db_prep(db, FORUM_COLS "WHERE f.concluded_at IS NOT NULL "
		      "ORDER BY f.concluded_at DESC, f.id DESC LIMIT :max");
	if (!st)
		return DB_ERROR;
	bi(st, ":max", (int64_t)max_concluded);
	return forum_fetch(db, st, out, n, &cap);
}

int db_forum_get(struct db *db, int64_t id, struct forum_rec *out)
{
	sqlite3_stmt *st = db_prep(db, FORUM_COLS "WHERE f.id = :id");
	int rc;

	if (!st)
		return DB_ERROR;
	bi(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		forum_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_forum_open_count(struct db *db, long *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT count(*) FROM forum_item "
				    "WHERE concluded_at IS NULL");

	*n = 0;
	if (!st)
		return DB_ERROR;
	return db_step_long(db, st, n);
}

static int conclude_tx(struct db *db, void *p)
{
	const struct db_forum_conclusion *c = p;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE forum_item SET conclusion = :text, resp_unit_id = :unit, "
		"resp_staff_id = :cw, concluded_at = :at, version = version + 1 "
		"WHERE id = :id AND version = :version AND concluded_at IS NULL");
	int rc;

	if (!st)
		return DB_ERROR;
	bt(st, ":text", c->conclusion);
	bi(st, ":unit", c->resp_unit_id);
	bid(st, ":cw", c->resp_staff_id);
	bt(st, ":at", c->at);
	bi(st, ":id", c->id);
	bi(st, ":version", c->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	if (c->referral_id) {
		/* the forum answers the referral it took over */
		st = db_prep(db, "UPDATE referral SET status = :status, "
			      "answer_code = 'forum', answer_text = :text, "
			      "answered_by = :staff, answered_at = :at, "
			      "assigned_to = coalesce(:cw, assigned_to), "
			      "version = version + 1 WHERE id = :ref");
		if (!st)
			return DB_ERROR;
		bt(st, ":status", c->ref_status);
		bt(st, ":text", c->conclusion);
		bi(st, ":staff", c->staff_id);
		bt(st, ":at", c->at);
		bid(st, ":cw", c->resp_staff_id);
		bi(st, ":ref", c->referral_id);
		if ((rc = db_step_done(db, st)) ||
		    (rc = close_ref_deadline(db, c->referral_id, c->at)))
			return rc;
	}
	if (c->move && (rc = move_case(db, c->case_id, c->case_version,
				       c->resp_unit_id, c->resp_staff_id,
				       c->at)))
		return rc;
	return journal(db, c->case_id, c->staff_id, c->at, "forum",
		       c->journal_text);
}

int db_forum_conclude(struct db *db, const struct db_forum_conclusion *c)
{
	return db_tx(db, conclude_tx, (void *)c);
}
