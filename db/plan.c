/*
 * Individual plans: one per person, with participants, measures and a
 * snapshot for every revision.  A save replaces the participants and
 * measures as a whole: the plan is edited as one document, and the
 * revision's snapshot (made by core) is what history keeps.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

static void bt(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		db_bind_text(st, i, v);
}

static void bopt(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		db_bind_opt(st, i, v);
}

static void bi(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

static void bid(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		db_bind_id(st, i, v);
}

static int one_id(struct db *db, sqlite3_stmt *st, int64_t *id)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_plan_of_person(struct db *db, int64_t person_id, int64_t *plan_id)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id FROM plan WHERE person_id = :p");
	if (!st)
		return DB_ERROR;
	bi(st, ":p", person_id);
	return one_id(db, st, plan_id);
}

int db_person_latest_case(struct db *db, int64_t person_id, int64_t *case_id)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id FROM case_file WHERE applicant_id = :p "
		"ORDER BY status = 'closed', id DESC LIMIT 1");
	if (!st)
		return DB_ERROR;
	bi(st, ":p", person_id);
	return one_id(db, st, case_id);
}

int db_plan_get(struct db *db, int64_t id, struct plan_rec *p)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT pl.id, pl.person_id, pe.family_name || ', ' || "
		"pe.given_name, pl.status, coalesce(pl.coordinator_id, 0), "
		"s.full_name, (SELECT u.name FROM membership m JOIN unit u "
		"  ON u.id = m.unit_id WHERE m.staff_id = pl.coordinator_id "
		"  ORDER BY m.role <> 'caseworker', u.name LIMIT 1), "
		"pl.goals, pl.resources, pl.needs, pl.contributions, "
		"pl.period_from, pl.period_to, pl.next_evaluation, "
		"pl.consent_date, pl.revision, pl.created_at, pl.updated_at, "
		"pl.version FROM plan pl JOIN person pe ON pe.id = pl.person_id "
		"LEFT JOIN staff s ON s.id = pl.coordinator_id WHERE pl.id = :id");
	int rc;

	if (!st)
		return DB_ERROR;
	bi(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->person_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, p->person_name, sizeof p->person_name);
		db_col_text(st, 3, p->status, sizeof p->status);
		p->coordinator_id = sqlite3_column_int64(st, 4);
		db_col_text(st, 5, p->coordinator_name, sizeof p->coordinator_name);
		db_col_text(st, 6, p->coordinator_unit, sizeof p->coordinator_unit);
		db_col_text(st, 7, p->goals, sizeof p->goals);
		db_col_text(st, 8, p->resources, sizeof p->resources);
		db_col_text(st, 9, p->needs, sizeof p->needs);
		db_col_text(st, 10, p->contributions, sizeof p->contributions);
		db_col_text(st, 11, p->period_from, sizeof p->period_from);
		db_col_text(st, 12, p->period_to, sizeof p->period_to);
		db_col_text(st, 13, p->next_evaluation, sizeof p->next_evaluation);
		db_col_text(st, 14, p->consent_date, sizeof p->consent_date);
		p->revision = sqlite3_column_int(st, 15);
		db_col_text(st, 16, p->created_at, sizeof p->created_at);
		db_col_text(st, 17, p->updated_at, sizeof p->updated_at);
		p->version = sqlite3_column_int(st, 18);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

int db_plan_participants(struct db *db, int64_t plan_id,
			 struct plan_participant_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT pp.id, pp.kind, coalesce(pp.staff_id, 0), "
		"coalesce(pp.unit_id, 0), u.name, "
		"CASE WHEN pp.kind = 'staff' AND s.id IS NOT NULL "
		"     THEN s.full_name ELSE pp.name END, "
		"pp.contact, pp.may_see, pp.consent FROM plan_participant pp "
		"LEFT JOIN unit u ON u.id = pp.unit_id "
		"LEFT JOIN staff s ON s.id = pp.staff_id "
		"WHERE pp.plan_id = :id ORDER BY pp.id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":id", plan_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_participant_rec *r =
			db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->kind, sizeof r->kind);
		r->staff_id = sqlite3_column_int64(st, 2);
		r->unit_id = sqlite3_column_int64(st, 3);
		db_col_text(st, 4, r->unit_name, sizeof r->unit_name);
		db_col_text(st, 5, r->name, sizeof r->name);
		db_col_text(st, 6, r->contact, sizeof r->contact);
		db_col_text(st, 7, r->may_see, sizeof r->may_see);
		r->consent = sqlite3_column_int(st, 8);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_plan_measures(struct db *db, int64_t plan_id,
		     struct plan_measure_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.id, m.what, m.extent, coalesce(m.resp_unit_id, 0), "
		"u.name, m.resp_name, m.from_date, m.to_date, m.status "
		"FROM plan_measure m LEFT JOIN unit u ON u.id = m.resp_unit_id "
		"WHERE m.plan_id = :id ORDER BY m.id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":id", plan_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_measure_rec *r =
			db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->what, sizeof r->what);
		db_col_text(st, 2, r->extent, sizeof r->extent);
		r->resp_unit_id = sqlite3_column_int64(st, 3);
		db_col_text(st, 4, r->resp_unit, sizeof r->resp_unit);
		db_col_text(st, 5, r->resp_name, sizeof r->resp_name);
		db_col_text(st, 6, r->from, sizeof r->from);
		db_col_text(st, 7, r->to, sizeof r->to);
		db_col_text(st, 8, r->status, sizeof r->status);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_plan_revisions(struct db *db, int64_t plan_id,
		      struct plan_revision_rec **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT r.id, r.revision, r.at, s.full_name FROM plan_revision r "
		"JOIN staff s ON s.id = r.staff_id WHERE r.plan_id = :id "
		"ORDER BY r.revision DESC");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":id", plan_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_revision_rec *r =
			db_grow((void **)out, &cap, n, sizeof **out);
		if (!r) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->revision = sqlite3_column_int(st, 1);
		db_col_text(st, 2, r->at, sizeof r->at);
		db_col_text(st, 3, r->staff_name, sizeof r->staff_name);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_plan_snapshot(struct db *db, int64_t plan_id, int revision, char **text)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT snapshot FROM plan_revision WHERE plan_id = :id "
		"AND revision = :rev");
	int rc;

	*text = NULL;
	if (!st)
		return DB_ERROR;
	bi(st, ":id", plan_id);
	bi(st, ":rev", revision);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		*text = strdup(t ? (const char *)t : "");
		if (!*text) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_rc(db, rc);
}

#define COORDINATED "FROM plan pl JOIN person pe ON pe.id = pl.person_id " \
	"WHERE pl.coordinator_id = :staff AND pl.status IN ('draft','active','declined')"

int db_plan_coordinated(struct db *db, int64_t staff_id,
			struct plan_line **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT pl.id, pl.person_id, pe.family_name || ', ' || "
		"pe.given_name, pl.status, pl.next_evaluation " COORDINATED
		" ORDER BY coalesce(pl.next_evaluation, '9999-12-31'), pl.id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":staff", staff_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_line *l = db_grow((void **)out, &cap, n, sizeof **out);
		if (!l) {
			sqlite3_reset(st);
			return DB_NOMEM;
		}
		l->plan_id = sqlite3_column_int64(st, 0);
		l->person_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, l->person_name, sizeof l->person_name);
		db_col_text(st, 3, l->status, sizeof l->status);
		db_col_text(st, 4, l->next_evaluation, sizeof l->next_evaluation);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

int db_plan_coordinated_count(struct db *db, int64_t staff_id, long *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT count(*) " COORDINATED);

	*n = 0;
	if (!st)
		return DB_ERROR;
	bi(st, ":staff", staff_id);
	return db_step_long(db, st, n);
}

int db_plan_participant_of(struct db *db, int64_t plan_id, int64_t staff_id,
			   int *yes, char may_see[161])
{
	/* named, or of a unit the staff member works in as caseworker */
	sqlite3_stmt *st = db_prep(db,
		"SELECT pp.may_see FROM plan_participant pp WHERE "
		"pp.plan_id = :plan AND pp.consent = 1 AND (pp.staff_id = :staff "
		"OR (pp.staff_id IS NULL AND pp.unit_id IN (SELECT unit_id FROM "
		"membership WHERE staff_id = :staff AND role = 'caseworker'))) "
		"ORDER BY pp.staff_id IS NULL, pp.id LIMIT 1");
	int rc;

	*yes = 0;
	may_see[0] = '\0';
	if (!st)
		return DB_ERROR;
	bi(st, ":plan", plan_id);
	bi(st, ":staff", staff_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*yes = 1;
		db_col_text(st, 0, may_see, 161);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
}

/* ------------------------------------------------------------ saving */

static int plan_row(struct db *db, struct db_plan_save *s)
{
	struct plan_rec *p = s->p;
	sqlite3_stmt *st;
	int rc;

	if (p->id == 0)
		st = db_prep(db,
			"INSERT INTO plan (person_id, status, coordinator_id, goals, "
			"resources, needs, contributions, period_from, period_to, "
			"next_evaluation, consent_date, revision, created_at, "
			"updated_at) VALUES (:person, :status, :coord, :goals, "
			":resources, :needs, :contrib, :from, :to, :eval, :consent, "
			"1, :at, :at)");
	else
		st = db_prep(db,
			"UPDATE plan SET status = :status, coordinator_id = :coord, "
			"goals = :goals, resources = :resources, needs = :needs, "
			"contributions = :contrib, period_from = :from, "
			"period_to = :to, next_evaluation = :eval, "
			"consent_date = :consent, revision = revision + 1, "
			"updated_at = :at, version = version + 1 "
			"WHERE id = :id AND version = :version");
	if (!st)
		return DB_ERROR;
	bi(st, ":person", p->person_id);
	bt(st, ":status", p->status);
	bid(st, ":coord", p->coordinator_id);
	bt(st, ":goals", p->goals);
	bt(st, ":resources", p->resources);
	bt(st, ":needs", p->needs);
	bt(st, ":contrib", p->contributions);
	bopt(st, ":from", p->period_from);
	bopt(st, ":to", p->period_to);
	bopt(st, ":eval", p->next_evaluation);
	bopt(st, ":consent", p->consent_date);
	bt(st, ":at", s->at);
	bi(st, ":id", p->id);
	bi(st, ":version", p->version);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (p->id == 0) {
		p->id = sqlite3_last_insert_rowid(db->h);
		p->revision = 1;
		p->version = 1;
		return DB_OK;
	}
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	p->revision++;
	p->version++;
	return DB_OK;
}

static int parts(struct db *db, struct db_plan_save *s)
{
	sqlite3_stmt *st;
	int rc;
	size_t i;

	if (!(st = db_prep(db, "DELETE FROM plan_participant WHERE plan_id = :id")))
		return DB_ERROR;
	bi(st, ":id", s->p->id);
	if ((rc = db_step_done(db, st)))
		return rc;
	if (!(st = db_prep(db, "DELETE FROM plan_measure WHERE plan_id = :id")))
		return DB_ERROR;
	bi(st, ":id", s->p->id);
	if ((rc = db_step_done(db, st)))
		return rc;
	for (i = 0; i < s->npart; i++) {
		const struct plan_participant_rec *r = &s->part[i];
		st = db_prep(db, "INSERT INTO plan_participant (plan_id, kind, "
			      "staff_id, unit_id, name, contact, may_see, consent) "
			      "VALUES (:id, :kind, :staff, :unit, :name, "
			      ":contact, :may, :consent)");
		if (!st)
			return DB_ERROR;
		bi(st, ":id", s->p->id);
		bt(st, ":kind", r->kind);
		bid(st, ":staff", r->staff_id);
		bid(st, ":unit", r->unit_id);
		bt(st, ":name", r->name);
		bt(st, ":contact", r->contact);
		bt(st, ":may", r->may_see);
		bi(st, ":consent", r->consent ? 1 : 0);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	for (i = 0; i < s->nmeas; i++) {
		const struct plan_measure_rec *m = &s->meas[i];
		st = db_prep(db, "INSERT INTO plan_measure (plan_id, what, extent, "
			      "resp_unit_id, resp_name, from_date, to_date, "
			      "status) VALUES (:id, :what, :extent, :unit, "
			      ":name, :from, :to, :status)");
		if (!st)
			return DB_ERROR;
		bi(st, ":id", s->p->id);
		bt(st, ":what", m->what);
		bt(st, ":extent", m->extent);
		bid(st, ":unit", m->resp_unit_id);
		bt(st, ":name", m->resp_name);
		bopt(st, ":from", m->from);
		bopt(st, ":to", m->to);
		bt(st, ":status", m->status);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return DB_OK;
}

static int save_tx(struct db *db, void *arg)
{
	struct db_plan_save *s = arg;
	struct plan_rec before = *s->p; /* restored if the commit fails */
	sqlite3_stmt *st;
	int rc;

	if ((rc = plan_row(db, s)) || (rc = parts(db, s)))
		goto fail;
	st = db_prep(db, "INSERT INTO plan_revision (plan_id, revision, at, "
		      "staff_id, snapshot) VALUES (:id, :rev, :at, :staff, :snap)");
	if (!st) {
		rc = DB_ERROR;
		goto fail;
	}
	bi(st, ":id", s->p->id);
	bi(st, ":rev", s->p->revision);
	bt(st, ":at", s->at);
	bi(st, ":staff", s->staff_id);
	bt(st, ":snap", s->snapshot);
	if ((rc = db_step_done(db, st)))
		goto fail;
	/* the evaluation date: one open deadline at most, the coordinator's */
	st = db_prep(db, "UPDATE deadline SET done_at = :at WHERE kind = "
		      "'evaluation' AND ref_id = :id AND done_at IS NULL");
	if (!st) {
		rc = DB_ERROR;
		goto fail;
	}
	bt(st, ":at", s->at);
	bi(st, ":id", s->p->id);
	if ((rc = db_step_done(db, st)))
		goto fail;
	if (strcmp(s->p->status, "active") == 0 && s->p->next_evaluation[0] &&
	    s->case_id) {
		st = db_prep(db, "INSERT INTO deadline (case_id, kind, ref_id, "
			      "unit_id, staff_id, due) VALUES (:case, "
			      "'evaluation', :id, :unit, :staff, :due)");
		if (!st) {
			rc = DB_ERROR;
			goto fail;
		}
		bi(st, ":case", s->case_id);
		bi(st, ":id", s->p->id);
		bid(st, ":unit", s->unit_id);
		bid(st, ":staff", s->p->coordinator_id);
		bt(st, ":due", s->p->next_evaluation);
		if ((rc = db_step_done(db, st)))
			goto fail;
	}
	if (s->case_id) {
		st = db_prep(db, "INSERT INTO journal (case_id, at, staff_id, kind, "
			      "text) VALUES (:case, :at, :staff, 'plan', :text)");
		if (!st) {
			rc = DB_ERROR;
			goto fail;
		}
		bi(st, ":case", s->case_id);
		bt(st, ":at", s->at);
		bi(st, ":staff", s->staff_id);
		bt(st, ":text", s->journal_text);
		if ((rc = db_step_done(db, st)))
			goto fail;
	}
	return DB_OK;
fail:
	*s->p = before; /* a retry (busy) starts from what the caller had */
	return rc;
}

int db_plan_save(struct db *db, struct db_plan_save *s)
{
	struct plan_rec before = *s->p;
	int rc = db_tx(db, save_tx, s);
	if (rc)
		*s->p = before; /* the commit failed: nothing was saved */
	return rc;
}
