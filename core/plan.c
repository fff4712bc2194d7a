/*
 * The individual plan (individuell plan, DOMAIN.md): one per person,
 * across that person's cases.  The person's goals in their own words,
 * resources and needs, what each contributes, the measures and who is
 * responsible for each, the participants and what each may see, the
 * coordinator (who can be named even when the person declines a plan),
 * the period and the next evaluation.
 *
 * Who reads it: the responsible unit of the person's case (and its
 * supervisors), the coordinator wherever they work, and participants the
 * person consented to, each as much as they may see.  Every saved change
 * is a new revision; a revision keeps the plan as stable text (the
 * snapshot), so that history reads the same whatever changes later, and
 * any two revisions can be compared line by line.
 *
 * Snapshot lines are "key: value" with English keys, shown translated:
 *   status, coordinator, period, next evaluation, consent, goals,
 *   resources, needs, contributions, measure, participant
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

struct label {
	const char *name, *label;
};

static const char *label_of(const struct label *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (name && strcmp(name, t[i].name) == 0)
			return _(t[i].label);
	return name ? name : "";
}

#define LABEL(t, name) label_of(t, sizeof t / sizeof t[0], name)

static const struct label plan_statuses[] = {
	{"draft", N_("draft")},
	{"active", N_("active")},
	{"closed", N_("closed")},
	{"declined", N_("declined by the person")},
};

static const struct label measure_statuses[] = {
	{"planned", N_("planned")},
	{"ongoing", N_("ongoing")},
	{"done", N_("done")},
	{"stopped", N_("stopped")},
};

static const struct label participant_kinds[] = {
	{"person", N_("the person")},
	{"staff", N_("staff")},
	{"partner", N_("partner")},
	{"relative", N_("relative")},
};

static const struct label may_see[] = {
	{"all", N_("everything")},
	{"goals_measures", N_("goals and measures")},
	{"own_measures", N_("their own measures")},
};

const char *plan_status_label(const char *status)
{
	return LABEL(plan_statuses, status);
}

const char *plan_measure_status_label(const char *status)
{
	return LABEL(measure_statuses, status);
}

const char *plan_participant_kind_label(const char *kind)
{
	return LABEL(participant_kinds, kind);
}

const char *plan_may_see_label(const char *v)
{
	return LABEL(may_see, v);
}

static bool in_table(const struct label *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, t[i].name) == 0)
			return true;
	return false;
}

#define IN(t, name) in_table(t, sizeof t / sizeof t[0], name)

/* What a participant may see: stored names, and the words older data
 * (and the demo) wrote by hand.  Anything else is read narrowly. */
enum sight { SEE_ALL, SEE_GOALS_MEASURES, SEE_OWN_MEASURES };

static enum sight sight_of(const char *v)
{
	if (!strcmp(v, "all") || !strcmp(v, "alt") || !strcmp(v, "alle"))
		return SEE_ALL;
	if (!strcmp(v, "goals_measures") || !strcmp(v, "mål og tiltak"))
		return SEE_GOALS_MEASURES;
	return SEE_OWN_MEASURES;
}

/* ------------------------------------------------------------ access */

struct plan_access {
	enum access_reason why;
	bool may_edit, restricted;
	enum sight sight;
	int64_t case_id, unit_id;
};

static int plan_access(struct session *s, const struct plan_rec *p,
		       struct plan_access *a)
{
	struct case_rec c;
	char seen[161];
	int yes = 0, rc;

	memset(a, 0, sizeof *a);
	rc = db_person_latest_case(s->db, p->person_id, &a->case_id);
	if (rc && rc != DB_NOTFOUND)
		return err_from_db(&s->err, rc);
	if (a->case_id && (rc = db_case_get(s->db, a->case_id, &c)) == DB_OK) {
		enum access_reason r = access_case(s, &c);
		a->unit_id = c.unit_id;
		/* the plan is the responsible unit's work, not the allocation
		 * group's, nor a referral's */
		if (r == AR_OWN || r == AR_SUPERVISOR) {
			a->why = r;
			a->may_edit = session_in_unit(s, c.unit_id,
						      ROLE_CASEWORKER);
		}
	} else if (a->case_id) {
		return err_from_db(&s->err, rc);
	}
	if (p->coordinator_id && p->coordinator_id == s->me.id) {
		if (a->why == AR_NONE)
			a->why = AR_PLAN;
		a->may_edit = true;
	}
	if (a->why != AR_NONE)
		return 0;
	if ((rc = db_plan_participant_of(s->db, p->id, s->me.id, &yes, seen)))
		return err_from_db(&s->err, rc);
	if (yes) {
		a->why = AR_PLAN;
		a->sight = sight_of(seen);
		a->restricted = a->sight != SEE_ALL;
	}
	return 0;
}

static int denied(struct session *s, const struct plan_rec *p,
		  const struct plan_access *a)
{
	access_log_denied(s, p->person_id, a->case_id, "plan");
	return err_set(&s->err, ERR_DENIED,
		       _("There is no such plan, or you do not have access to "
			 "it."));
}

/* A participant who may see a part: the rest is not handed out. */
static void restrict_view(struct session *s, struct plan *pl, enum sight sight)
{
	size_t i, k = 0;

	pl->p.resources[0] = pl->p.needs[0] = pl->p.contributions[0] = '\0';
	for (i = 0; i < pl->npart; i++)
		if (pl->part[i].staff_id != s->me.id)
			pl->part[i].contact[0] = '\0';
	if (sight != SEE_OWN_MEASURES)
		return;
	for (i = 0; i < pl->nmeas; i++)
		if (pl->meas[i].resp_unit_id &&
		    session_in_unit(s, pl->meas[i].resp_unit_id,
				    ROLE_CASEWORKER | ROLE_SUPERVISOR))
			pl->meas[k++] = pl->meas[i];
	pl->nmeas = k;
}

static int load_parts(struct session *s, struct plan *pl)
{
	struct plan_participant_rec *part = NULL;
	struct plan_measure_rec *meas = NULL;
	size_t np = 0, nm = 0;
	int rc;

	if ((rc = db_plan_participants(s->db, pl->p.id, &part, &np)) ||
	    (rc = db_plan_measures(s->db, pl->p.id, &meas, &nm))) {
		free(part);
		return err_from_db(&s->err, rc);
	}
	pl->npart = np < PLAN_MAX_PARTICIPANTS ? np : PLAN_MAX_PARTICIPANTS;
	pl->nmeas = nm < PLAN_MAX_MEASURES ? nm : PLAN_MAX_MEASURES;
	if (pl->npart)
		memcpy(pl->part, part, pl->npart * sizeof *part);
	if (pl->nmeas)
		memcpy(pl->meas, meas, pl->nmeas * sizeof *meas);
	free(part);
	free(meas);
	return 0;
}

static int read_plan(struct session *s, int64_t plan_id, struct plan_rec *p)
{
	int rc = db_plan_get(s->db, plan_id, p);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no such plan, or you do not have "
				 "access to it."));
	return err_from_db(&s->err, rc);
}

int plan_open(struct session *s, int64_t plan_id, struct plan *out)
{
	struct plan_access a;
	int rc;

	memset(out, 0, sizeof *out);
	err_clear(&s->err);
	if ((rc = read_plan(s, plan_id, &out->p)) ||
	    (rc = plan_access(s, &out->p, &a)))
		return rc;
	if (a.why == AR_NONE) {
		rc = denied(s, &out->p, &a);
		memset(out, 0, sizeof *out);
		return rc;
	}
	if ((rc = load_parts(s, out)))
		return rc;
	out->why = a.why;
	out->may_edit = a.may_edit;
	out->restricted = a.restricted;
	out->case_id = a.case_id;
	if (a.restricted)
		restrict_view(s, out, a.sight);
	return access_log(s, out->p.person_id, a.case_id, a.why, "plan");
}

int plan_of_case(struct session *s, int64_t case_id, int64_t *plan_id)
{
	struct case_rec c;
	int rc = db_case_get(s->db, case_id, &c);

	*plan_id = 0;
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("There is no such case."));
	if (rc)
		return err_from_db(&s->err, rc);
	if (access_case(s, &c) == AR_NONE)
		return err_set(&s->err, ERR_DENIED,
			       _("There is no such case, or you do not have "
				 "access to it."));
	rc = db_plan_of_person(s->db, c.applicant_id, plan_id);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("%s has no individual plan yet."),
			       c.applicant_name);
	return err_from_db(&s->err, rc);
}

/* ---------------------------------------------------------- snapshot */

struct buf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void put(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *q = realloc(b->p, cap);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

__attribute__((format(printf, 2, 3))) static void putf(struct buf *b,
						       const char *fmt, ...)
{
	char line[2400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	put(b, line);
}

/* One line per value: a line break typed into a field is a space here. */
static void flat(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
	for (char *p = dst; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

char *plan_snapshot(const struct plan *pl)
{
	const struct plan_rec *p = &pl->p;
	struct buf b = {0};
	char v[1100];
	size_t i;

	putf(&b, "status: %s\n", p->status);
	putf(&b, "coordinator: %s%s%s%s\n", p->coordinator_name,
	     p->coordinator_unit[0] ? " (" : "", p->coordinator_unit,
	     p->coordinator_unit[0] ? ")" : "");
	putf(&b, "period: %s – %s\n", p->period_from, p->period_to);
	putf(&b, "next evaluation: %s\n", p->next_evaluation);
	putf(&b, "consent: %s\n", p->consent_date);
	flat(v, sizeof v, p->goals);
	putf(&b, "goals: %s\n", v);
	flat(v, sizeof v, p->resources);
	putf(&b, "resources: %s\n", v);
	flat(v, sizeof v, p->needs);
	putf(&b, "needs: %s\n", v);
	flat(v, sizeof v, p->contributions);
	putf(&b, "contributions: %s\n", v);
	for (i = 0; i < pl->nmeas; i++) {
		const struct plan_measure_rec *m = &pl->meas[i];
		putf(&b, "measure: %s; %s; %s%s%s; %s – %s; %s\n", m->what,
		     m->extent, m->resp_unit, m->resp_unit[0] && m->resp_name[0]
						       ? ", " : "",
		     m->resp_name, m->from, m->to, m->status);
	}
	for (i = 0; i < pl->npart; i++) {
		const struct plan_participant_rec *r = &pl->part[i];
		putf(&b, "participant: %s; %s; %s; %s; may see %s; consent %s\n",
		     r->kind, r->name, r->unit_name, r->contact, r->may_see,
		     r->consent ? "yes" : "no");
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	if (!b.p)
		return strdup("");
	return b.p;
}

/* ------------------------------------------------------------ saving */

static bool text_ok(char *t, size_t max)
{
	size_t n;
	text_trim(t);
	n = strlen(t);
	return n <= max && utf8_valid(t, n);
}

static bool date_ok(const char *iso)
{
	return !iso[0] || date_days(iso) != DAY_NONE;
}

int plan_missing(const struct plan *pl, char *out, size_t size)
{
	size_t len = 0;
	int n = 0;

#define MISSING(...)                                                        \
	do {                                                                \
		if (len < size)                                             \
			len += (size_t)snprintf(out + len, size - len,      \
						"%s" "%s", n ? "\n" : "",   \
						__VA_ARGS__);               \
		n++;                                                        \
	} while (0)
	if (size)
		out[0] = '\0';
	if (!pl->p.consent_date[0])
		MISSING(_("the person's consent to the plan"));
	if (!pl->p.coordinator_id)
		MISSING(_("a coordinator"));
	if (!pl->p.goals[0])
		MISSING(_("at least one goal, in the person's own words"));
	for (size_t i = 0; i < pl->nmeas; i++)
		if (!pl->meas[i].resp_unit_id && !pl->meas[i].resp_name[0]) {
			char line[400];
			snprintf(line, sizeof line,
				 _("who is responsible for the measure \"%s\""),
				 pl->meas[i].what);
			MISSING(line);
		}
#undef MISSING
	return n;
}

static int validate(struct session *s, struct plan *pl)
{
	struct plan_rec *p = &pl->p;
	size_t i;

	if (!IN(plan_statuses, p->status))
		return err_set_field(&s->err, ERR_INVAL, "status",
				     _("A plan is a draft, active, closed or "
				       "declined by the person."));
	if (!text_ok(p->goals, 1024) || !text_ok(p->resources, 1024) ||
	    !text_ok(p->needs, 1024) || !text_ok(p->contributions, 1024))
		return err_set_field(&s->err, ERR_INVAL, "goals",
				     _("Goals, resources, needs and "
				       "contributions are at most 1024 bytes "
				       "each."));
	if (!date_ok(p->period_from) || !date_ok(p->period_to) ||
	    !date_ok(p->next_evaluation) || !date_ok(p->consent_date))
		return err_set_field(&s->err, ERR_INVAL, "period_from",
				     _("A date of the plan is not a real "
				       "date."));
	if (p->period_from[0] && p->period_to[0] &&
	    date_days(p->period_to) < date_days(p->period_from))
		return err_set_field(&s->err, ERR_INVAL, "period_to",
				     _("The plan period ends before it "
				       "starts."));
	if (p->coordinator_id) {
		struct staff_rec st;
		if (db_staff_by_id(s->db, p->coordinator_id, &st) || !st.active)
			return err_set_field(&s->err, ERR_INVAL, "coordinator",
					     _("The coordinator must be an "
					       "active staff member."));
	}
	if (pl->nmeas > PLAN_MAX_MEASURES || pl->npart > PLAN_MAX_PARTICIPANTS)
		return err_set(&s->err, ERR_INVAL,
			       _("A plan has at most %d measures and %d "
				 "participants here."),
			       PLAN_MAX_MEASURES, PLAN_MAX_PARTICIPANTS);
	for (i = 0; i < pl->nmeas; i++) {
		struct plan_measure_rec *m = &pl->meas[i];
		if (!text_ok(m->what, 256) || !m->what[0] ||
		    !text_ok(m->extent, 256) || !text_ok(m->resp_name, 160))
			return err_set_field(&s->err, ERR_INVAL, "measure",
					     _("Measure %zu needs what it is "
					       "(at most 256 bytes)."),
					     i + 1);
		if (!IN(measure_statuses, m->status))
			return err_set_field(&s->err, ERR_INVAL, "measure",
					     _("Measure %zu: planned, ongoing, "
					       "done or stopped."),
					     i + 1);
		if (!date_ok(m->from) || !date_ok(m->to) ||
		    (m->from[0] && m->to[0] &&
		     date_days(m->to) < date_days(m->from)))
			return err_set_field(&s->err, ERR_INVAL, "measure",
					     _("Measure %zu has dates that are "
					       "not real or end before they "
					       "start."),
					     i + 1);
		if (m->resp_unit_id) {
			struct unit_rec u;
			if (db_unit_by_id(s->db, m->resp_unit_id, &u))
				return err_set_field(&s->err, ERR_INVAL,
						     "measure",
						     _("Measure %zu: the "
						       "responsible unit does "
						       "not exist."),
						     i + 1);
			snprintf(m->resp_unit, sizeof m->resp_unit, "%s", u.name);
		} else {
			m->resp_unit[0] = '\0';
		}
	}
	for (i = 0; i < pl->npart; i++) {
		struct plan_participant_rec *r = &pl->part[i];
		if (!IN(participant_kinds, r->kind))
			return err_set_field(&s->err, ERR_INVAL, "participant",
					     _("Participant %zu: the person, "
					       "staff, a partner or a "
					       "relative."),
					     i + 1);
		if (strcmp(r->kind, "staff") == 0) {
			struct staff_rec st;
			if (!r->staff_id ||
			    db_staff_by_id(s->db, r->staff_id, &st))
				return err_set_field(&s->err, ERR_INVAL,
						     "participant",
						     _("Participant %zu: choose "
						       "the staff member."),
						     i + 1);
			snprintf(r->name, sizeof r->name, "%s", st.name);
		} else {
			r->staff_id = 0;
		}
		if (!text_ok(r->name, 160) || !r->name[0] ||
		    !text_ok(r->contact, 160) || !text_ok(r->may_see, 160))
			return err_set_field(&s->err, ERR_INVAL, "participant",
					     _("Participant %zu needs a name "
					       "(at most 160 bytes)."),
					     i + 1);
	}
	if (strcmp(p->status, "active") == 0) {
		char missing[1200], joined[1200];
		if (plan_missing(pl, missing, sizeof missing)) {
			snprintf(joined, sizeof joined, "%s", missing);
			for (char *q = joined; *q; q++)
				if (*q == '\n')
					*q = ';';
			return err_set_field(&s->err, ERR_INVAL, "status",
					     _("The plan cannot be made active. "
					       "Missing: %s."),
					     joined);
		}
	}
	return 0;
}

/* The coordinator's name and unit as the plan shows them. */
static void coordinator_names(struct session *s, struct plan_rec *p)
{
	struct staff_rec st;
	struct member_rec m[8];
	size_t n = 0;

	p->coordinator_name[0] = p->coordinator_unit[0] = '\0';
	if (!p->coordinator_id ||
	    db_staff_by_id(s->db, p->coordinator_id, &st) != DB_OK)
		return;
	snprintf(p->coordinator_name, sizeof p->coordinator_name, "%s", st.name);
	if (db_members_of(s->db, st.id, m, 8, &n) == DB_OK)
		for (size_t i = 0; i < n; i++)
			if (strcmp(m[i].role, "caseworker") == 0 || i + 1 == n) {
				snprintf(p->coordinator_unit,
					 sizeof p->coordinator_unit, "%s",
					 m[i].unit_name);
				break;
			}
}

static int write_plan(struct session *s, struct plan *pl,
		      const struct plan_access *a, const char *snapshot)
{
	struct db_plan_save d = {0};
	char now[DB_TS], text[120];
	int rc;

	session_now_ts(s, now);
	snprintf(text, sizeof text, "individual plan %s (revision %d)",
		 pl->p.status, pl->p.id ? pl->p.revision + 1 : 1);
	d.p = &pl->p;
	d.npart = pl->npart;
	d.part = pl->part;
	d.nmeas = pl->nmeas;
	d.meas = pl->meas;
	d.snapshot = snapshot;
	d.case_id = a->case_id;
	d.unit_id = a->unit_id;
	d.staff_id = s->me.id;
	d.at = now;
	d.journal_text = text;
	rc = db_plan_save(s->db, &d);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       pl->p.id ? _("Someone else saved this plan after "
					    "you opened it. Open it again to see "
					    "their change; nothing was saved.")
					: _("This person has an individual plan "
					    "already; open it instead."));
	return err_from_db(&s->err, rc);
}

int plan_save(struct session *s, struct plan *pl)
{
	struct plan_rec stored;
	struct plan_access a;
	char *snap = NULL, *before = NULL;
	int rc;

	err_clear(&s->err);
	if ((rc = read_plan(s, pl->p.id, &stored)) ||
	    (rc = plan_access(s, &stored, &a)))
		return rc;
	if (a.why == AR_NONE)
		return denied(s, &stored, &a);
	if (!a.may_edit || a.restricted)
		return err_set(&s->err, ERR_DENIED,
			       _("Only the coordinator and the caseworkers of "
				 "the responsible unit change the plan."));
	/* what the caller cannot change */
	pl->p.person_id = stored.person_id;
	snprintf(pl->p.person_name, sizeof pl->p.person_name, "%s",
		 stored.person_name);
	if ((rc = validate(s, pl)))
		return rc;
	coordinator_names(s, &pl->p);
	if (!(snap = plan_snapshot(pl)))
		return err_from_db(&s->err, DB_NOMEM);
	/* a save that changes nothing makes no revision */
	if (db_plan_snapshot(s->db, pl->p.id, stored.revision, &before) ==
		    DB_OK &&
	    strcmp(before, snap) == 0 && pl->p.version == stored.version) {
		free(before);
		free(snap);
		pl->p.revision = stored.revision;
		return 0;
	}
	free(before);
	rc = write_plan(s, pl, &a, snap);
	free(snap);
	return rc;
}

int plan_set_status(struct session *s, struct plan *pl, const char *status)
{
	char old[17];
	int rc;

	snprintf(old, sizeof old, "%s", pl->p.status);
	snprintf(pl->p.status, sizeof pl->p.status, "%s", status ? status : "");
	if ((rc = plan_save(s, pl)))
		snprintf(pl->p.status, sizeof pl->p.status, "%s", old);
	return rc;
}

int plan_start(struct session *s, int64_t case_id, int64_t *plan_id)
{
	struct case_rec c;
	struct person_rec person;
	struct plan_access a = {0};
	struct plan *pl;
	char *snap;
	int64_t existing;
	int rc;

	*plan_id = 0;
	err_clear(&s->err);
	rc = db_case_get(s->db, case_id, &c);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("There is no such case."));
	if (rc)
		return err_from_db(&s->err, rc);
	if (access_case(s, &c) != AR_OWN ||
	    !session_in_unit(s, c.unit_id, ROLE_CASEWORKER))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a caseworker of the responsible unit "
				 "starts an individual plan."));
	if (db_plan_of_person(s->db, c.applicant_id, &existing) == DB_OK)
		return err_set(&s->err, ERR_CONFLICT,
			       _("%s has an individual plan already; open it "
				 "instead."),
			       c.applicant_name);
	if ((rc = err_from_db(&s->err,
			      db_person_get(s->db, c.applicant_id, &person))))
		return rc;
	if (!(pl = calloc(1, sizeof *pl)))
		return err_from_db(&s->err, DB_NOMEM);
	pl->p.person_id = c.applicant_id;
	snprintf(pl->p.status, sizeof pl->p.status, "draft");
	/* the person takes part in their own plan */
	pl->npart = 1;
	snprintf(pl->part[0].kind, sizeof pl->part[0].kind, "person");
	snprintf(pl->part[0].name, sizeof pl->part[0].name, "%s %s",
		 person.given, person.family);
	snprintf(pl->part[0].contact, sizeof pl->part[0].contact, "%s",
		 person.phone);
	snprintf(pl->part[0].may_see, sizeof pl->part[0].may_see, "all");
	pl->part[0].consent = 1;
	if (!(snap = plan_snapshot(pl))) {
		free(pl);
		return err_from_db(&s->err, DB_NOMEM);
	}
	a.case_id = c.id;
	a.unit_id = c.unit_id;
	rc = write_plan(s, pl, &a, snap);
	if (!rc)
		*plan_id = pl->p.id;
	free(snap);
	free(pl);
	return rc;
}

/* --------------------------------------------------------- revisions */

static int history_access(struct session *s, int64_t plan_id,
			  struct plan_rec *p, struct plan_access *a)
{
	int rc;

	if ((rc = read_plan(s, plan_id, p)) || (rc = plan_access(s, p, a)))
		return rc;
	if (a->why == AR_NONE)
		return denied(s, p, a);
	/* a revision holds the whole plan */
	if (a->restricted)
		return err_set(&s->err, ERR_DENIED,
			       _("Earlier versions show the whole plan; you may "
				 "see only a part of it."));
	return 0;
}

int plan_revisions(struct session *s, int64_t plan_id,
		   struct plan_revision_rec **out, size_t *n)
{
	struct plan_rec p;
	struct plan_access a;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = history_access(s, plan_id, &p, &a)))
		return rc;
	return err_from_db(&s->err, db_plan_revisions(s->db, plan_id, out, n));
}

static const struct label snapshot_keys[] = {
	{"status", N_("Status")},
	{"coordinator", N_("Coordinator")},
	{"period", N_("Plan period")},
	{"next evaluation", N_("Next evaluation")},
	{"consent", N_("Consent to the plan")},
	{"goals", N_("Goals")},
	{"resources", N_("Resources")},
	{"needs", N_("Needs")},
	{"contributions", N_("Contributions")},
	{"measure", N_("Measure")},
	{"participant", N_("Participant")},
};

/* "key: value" with the key in the reader's language; other lines (an
 * older snapshot format) as they are. */
static void render_line(struct buf *b, const char *prefix, const char *line,
			size_t len)
{
	const char *colon = memchr(line, ':', len);
	char key[40];

	put(b, prefix);
	if (colon && (size_t)(colon - line) < sizeof key) {
		snprintf(key, sizeof key, "%.*s", (int)(colon - line), line);
		if (IN(snapshot_keys, key)) {
			putf(b, "%s:%.*s\n", LABEL(snapshot_keys, key),
			     (int)(len - (size_t)(colon + 1 - line)), colon + 1);
			return;
		}
	}
	putf(b, "%.*s\n", (int)len, line);
}

static char *render(const char *snap)
{
	struct buf b = {0};

	for (const char *p = snap; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		render_line(&b, "", p, len);
		p += len + (nl ? 1 : 0);
	}
	if (!b.p && !b.oom)
		return strdup("");
	if (b.oom)
		free(b.p);
	return b.oom ? NULL : b.p;
}

int plan_revision_text(struct session *s, int64_t plan_id, int revision,
		       char **text)
{
	struct plan_rec p;
	struct plan_access a;
	char *snap = NULL, detail[48];
	int rc;

	*text = NULL;
	if ((rc = history_access(s, plan_id, &p, &a)))
		return rc;
	rc = db_plan_snapshot(s->db, plan_id, revision, &snap);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("The plan has no version %d."), revision);
	if (rc)
		return err_from_db(&s->err, rc);
	*text = render(snap);
	free(snap);
	if (!*text)
		return err_from_db(&s->err, DB_NOMEM);
	snprintf(detail, sizeof detail, "plan revision %d", revision);
	return access_log(s, p.person_id, a.case_id, a.why, detail);
}

/* Splits text into lines (pointers into a copy). */
static char **split(char *copy, size_t *n)
{
	size_t cap = 16;
	char **l = malloc(cap * sizeof *l);

	*n = 0;
	if (!l)
		return NULL;
	for (char *p = copy; *p;) {
		char *nl = strchr(p, '\n');
		if (*n == cap) {
			char **q = realloc(l, (cap *= 2) * sizeof *l);
			if (!q) {
				free(l);
				return NULL;
			}
			l = q;
		}
		l[(*n)++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return l;
}

int plan_diff(const char *before, const char *after, char **out)
{
	char *a = strdup(before ? before : ""), *b = strdup(after ? after : "");
	char **la = NULL, **lb = NULL;
	size_t na = 0, nb = 0, i, j;
	unsigned *lcs = NULL;
	struct buf o = {0};
	int rc = ERR_NOMEM;

	*out = NULL;
	if (!a || !b || !(la = split(a, &na)) || !(lb = split(b, &nb)))
		goto done;
	/* longest common subsequence of lines, from the end */
	if (!(lcs = calloc((na + 1) * (nb + 1), sizeof *lcs)))
		goto done;
#define L(x, y) lcs[(x) * (nb + 1) + (y)]
	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;)
			L(i, j) = strcmp(la[i], lb[j]) == 0
					  ? L(i + 1, j + 1) + 1
					  : (L(i + 1, j) > L(i, j + 1)
						     ? L(i + 1, j)
						     : L(i, j + 1));
	for (i = j = 0; i < na || j < nb;) {
		if (i < na && j < nb && strcmp(la[i], lb[j]) == 0) {
			putf(&o, "  %s\n", la[i++]);
			j++;
		} else if (i < na && (j == nb || L(i + 1, j) >= L(i, j + 1))) {
			/* what went comes before what replaced it */
			putf(&o, "- %s\n", la[i++]);
		} else {
			putf(&o, "+ %s\n", lb[j++]);
		}
	}
#undef L
	if (!o.oom) {
		*out = o.p ? o.p : strdup("");
		rc = *out ? 0 : ERR_NOMEM;
	} else {
		free(o.p);
	}
done:
	free(lcs);
	free(la);
	free(lb);
	free(a);
	free(b);
	return rc;
}

int plan_compare(struct session *s, int64_t plan_id, int revision,
		 char **text)
{
	struct plan_rec p;
	struct plan_access a;
	char *old = NULL, *cur = NULL, *diff = NULL, detail[48];
	struct buf b = {0};
	int rc;

	*text = NULL;
	if ((rc = history_access(s, plan_id, &p, &a)))
		return rc;
	rc = db_plan_snapshot(s->db, plan_id, revision, &old);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("The plan has no version %d."), revision);
	if (rc || (rc = db_plan_snapshot(s->db, plan_id, p.revision, &cur))) {
		free(old);
		return err_from_db(&s->err, rc);
	}
	rc = plan_diff(old, cur, &diff);
	free(old);
	free(cur);
	if (rc)
		return err_from_db(&s->err, DB_NOMEM);
	/* the markers stay; the keys are shown in the reader's language */
	for (const char *q = diff; *q;) {
		const char *nl = strchr(q, '\n');
		size_t len = nl ? (size_t)(nl - q) : strlen(q);
		char prefix[3] = {q[0], len > 1 ? q[1] : ' ', 0};
		if (len >= 2)
			render_line(&b, prefix, q + 2, len - 2);
		q += len + (nl ? 1 : 0);
	}
	free(diff);
	if (b.oom) {
		free(b.p);
		return err_from_db(&s->err, DB_NOMEM);
	}
	*text = b.p ? b.p : strdup("");
	snprintf(detail, sizeof detail, "plan revision %d compared", revision);
	return access_log(s, p.person_id, a.case_id, a.why, detail);
}

/* ------------------------------------------------------------ letter */

static void show_period(const char *from, const char *to, char *out,
			size_t size)
{
	char a[DB_DATE], b[DB_DATE];
	date_show(from, a);
	date_show(to, b);
	snprintf(out, size, "%s – %s", a, b);
}

int plan_letter(struct session *s, int64_t plan_id, char **text)
{
	struct plan *pl = calloc(1, sizeof *pl);
	struct case_rec c;
	struct person_rec person;
	struct buf meas = {0}, part = {0}, cons = {0};
	char version[16], today[DB_DATE], iso[DB_DATE], period[40];
	char next[DB_DATE], coord[300], resneeds[2100], date[DB_DATE];
	int rc;

	*text = NULL;
	if (!pl)
		return err_from_db(&s->err, DB_NOMEM);
	if ((rc = plan_open(s, plan_id, pl)))
		goto done;
	memset(&c, 0, sizeof c);
	if (pl->case_id && (rc = err_from_db(&s->err,
					     db_case_get(s->db, pl->case_id, &c))))
		goto done;
	if ((rc = err_from_db(&s->err,
			      db_person_get(s->db, pl->p.person_id, &person))))
		goto done;
	snprintf(version, sizeof version, "%d", pl->p.revision);
	session_today_iso(s, iso);
	date_show(iso, today);
	show_period(pl->p.period_from, pl->p.period_to, period, sizeof period);
	date_show(pl->p.next_evaluation, next);
	snprintf(coord, sizeof coord, "%s%s%s%s",
		 pl->p.coordinator_name[0] ? pl->p.coordinator_name
					   : _("not named yet"),
		 pl->p.coordinator_unit[0] ? " (" : "", pl->p.coordinator_unit,
		 pl->p.coordinator_unit[0] ? ")" : "");
	snprintf(resneeds, sizeof resneeds, "%s%s%s", pl->p.resources,
		 pl->p.resources[0] && pl->p.needs[0] ? "\n\n" : "",
		 pl->p.needs);
	for (size_t i = 0; i < pl->nmeas; i++) {
		const struct plan_measure_rec *m = &pl->meas[i];
		show_period(m->from, m->to, period, sizeof period);
		putf(&meas, "- %s%s%s\n  %s: %s%s%s\n  %s: %s · %s\n", m->what,
		     m->extent[0] ? ", " : "", m->extent, _("Responsible"),
		     m->resp_unit, m->resp_unit[0] && m->resp_name[0] ? ", " : "",
		     m->resp_name, _("Period"), period,
		     plan_measure_status_label(m->status));
	}
	show_period(pl->p.period_from, pl->p.period_to, period, sizeof period);
	date_show(pl->p.consent_date, date);
	if (pl->p.consent_date[0])
		putf(&cons, _("You consented to the plan on %s.\n"), date);
	else
		putf(&cons, "%s\n", _("Your consent to the plan is not recorded "
				      "yet."));
	for (size_t i = 0; i < pl->npart; i++) {
		const struct plan_participant_rec *r = &pl->part[i];
		putf(&part, "- %s (%s%s%s)%s%s\n", r->name,
		     plan_participant_kind_label(r->kind),
		     r->unit_name[0] ? ", " : "", r->unit_name,
		     r->contact[0] ? ": " : "", r->contact);
		if (strcmp(r->kind, "person") != 0)
			putf(&cons, _("- %s may see %s (consent %s)\n"), r->name,
			     plan_may_see_label(r->may_see),
			     r->consent ? _("given") : _("not given"));
	}
	if (meas.oom || part.oom || cons.oom) {
		rc = err_from_db(&s->err, DB_NOMEM);
		goto done;
	}
	{
		char name[260];
		snprintf(name, sizeof name, "%s %s", person.given, person.family);
		const struct letter_var v[] = {
			{"municipality", s->cfg->municipality},
			{"applicant_name", name},
			{"case_number", c.number},
			{"version", version},
			{"today", today},
			{"period", period},
			{"coordinator", coord},
			{"goals", pl->p.goals},
			{"resources_needs", resneeds},
			{"contributions", pl->p.contributions},
			{"measures", meas.p ? meas.p : ""},
			{"participants", part.p ? part.p : ""},
			{"next_evaluation", next},
			{"consent", cons.p ? cons.p : ""},
			{"caseworker", c.caseworker_name},
			{"unit", c.unit_name},
		};
		rc = letter_fill(s, s->cfg->tpl_plan, v, sizeof v / sizeof v[0],
				 text);
	}
done:
	free(meas.p);
	free(part.p);
	free(cons.p);
	free(pl);
	return rc;
}

/* ----------------------------------------------------------- lists */

int plan_coordinated(struct session *s, struct plan_line **out, size_t *n)
{
	return err_from_db(&s->err, db_plan_coordinated(s->db, s->me.id, out, n));
}

int plan_coordinated_count(struct session *s, long *n)
{
	return err_from_db(&s->err, db_plan_coordinated_count(s->db, s->me.id, n));
}

int plan_staff(struct session *s, struct staff_unit_rec **out, size_t *n)
{
	return err_from_db(&s->err, db_staff_units(s->db, 0, "caseworker", out, n));
}

int plan_brief(struct session *s, int64_t case_id, struct plan_line *out)
{
	struct plan_rec p;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = plan_of_case(s, case_id, &out->plan_id)))
		return rc;
	if ((rc = read_plan(s, out->plan_id, &p)))
		return rc;
	out->person_id = p.person_id;
	snprintf(out->person_name, sizeof out->person_name, "%s", p.person_name);
	snprintf(out->status, sizeof out->status, "%s", p.status);
	snprintf(out->next_evaluation, sizeof out->next_evaluation, "%s",
		 p.next_evaluation);
	return 0;
}
