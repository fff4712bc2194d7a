/*
 * The supervisor's overview (issue 6): for the units the user supervises,
 * cases per status and unit, the oldest open cases, every overdue and
 * soon-due deadline by kind, waiting times from receipt to decision,
 * decisions and appeals, households without a home, vacant dwellings and
 * lease reviews.  Every figure has a list behind it (overview_page) that
 * shows only cases the supervisor may open; opening one is the ordinary
 * case_open, logged as a supervisor read.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static const char *const ov_kinds[OD__COUNT] = {
	[OD_INTERIM] = "interim",       [OD_DECISION] = "decision",
	[OD_REFERRAL] = "referral",     [OD_EVALUATION] = "evaluation",
	[OD_RETURNED] = "returned",     [OD_REASSESSMENT] = "reassessment",
	[OD_LEASE_REVIEW] = "lease_review", [OD_REFERRAL_OWED] = "referral_owed",
};

const char *ov_deadline_kind(enum ov_deadline k)
{
	return (unsigned)k < OD__COUNT ? ov_kinds[k] : "";
}

const char *ov_track_name(int track)
{
	return track == 0 ? "allocation" : "assistance";
}

/* The median (the mean of the two middle values when n is even) and the
 * 90th percentile by nearest rank: the value at rank ceil(0.9 n). */
void ov_percentiles(const int *v, size_t n, double *median, int *p90)
{
	size_t r;

	*median = 0;
	*p90 = 0;
	if (!n)
		return;
	*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
	r = (n * 9 + 9) / 10; /* ceil(0.9 n) */
	*p90 = v[r ? r - 1 : 0];
}

/* The same over counted values (wait, n), ascending. */
void ov_percentiles_bins(const struct db_ov_wait_bin *b, size_t nb, long *n,
			 double *median, int *p90)
{
	long total = 0, lo, hi, r, seen = 0;
	int vlo = 0, vhi = 0;
	bool got_lo = false, got_hi = false;
	size_t i;

	*median = 0;
	*p90 = 0;
	for (i = 0; i < nb; i++)
		total += b[i].n;
	*n = total;
	if (total <= 0)
		return;
	/* 1-based ranks of the middle value(s) and of the 90th percentile */
	lo = (total + 1) / 2;
	hi = total / 2 + 1;
	r = (total * 9 + 9) / 10;
	for (i = 0; i < nb; i++) {
		seen += b[i].n;
		if (!got_lo && seen >= lo) {
			vlo = b[i].wait;
			got_lo = true;
		}
		if (!got_hi && seen >= hi) {
			vhi = b[i].wait;
			got_hi = true;
		}
		if (seen >= r) {
			*p90 = b[i].wait;
			break;
		}
	}
	*median = total % 2 ? vlo : (vlo + vhi) / 2.0;
}

int ov_scope(struct session *s, const char *unit_code, struct db_ov_scope *sc)
{
	struct unit_rec u;

	memset(sc, 0, sizeof *sc);
	sc->staff_id = s->me.id;
	if (!session_has_role(s, ROLE_SUPERVISOR))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a supervisor can see the overview and "
				 "the reports, for the units they supervise."));
	if (unit_code && *unit_code) {
		if (unit_find(s, unit_code, &u))
			return s->err.code;
		if (!session_in_unit(s, u.id, ROLE_SUPERVISOR))
			return err_set(&s->err, ERR_DENIED,
				       _("You do not supervise the unit %s."),
				       unit_code);
		sc->unit_id = u.id;
	}
	return 0;
}

int ov_waits(struct session *s, const struct db_ov_scope *sc, int track,
	     const char *from, const char *to, struct ov_wait *w)
{
	int *v = NULL;
	size_t n = 0;
	int rc = db_ov_waits(s->db, sc, ov_track_name(track), from, to, &v, &n);

	memset(w, 0, sizeof *w);
	if (rc)
		return err_from_db(&s->err, rc);
	w->n = (long)n;
	ov_percentiles(v, n, &w->median, &w->p90);
	free(v);
	return 0;
}

/* Open deadlines of a kind, overdue (due yesterday or before) and due
 * soon: answers owed are kept under the receiving unit, every other kind
 * under the case's unit. */
static int deadline_count(struct session *s, const struct db_ov_scope *sc,
			  int k, const char *yday, const char *today,
			  const char *soon, long *overdue, long *due_soon)
{
	if (k == OD_REFERRAL_OWED)
		return db_ov_owed_count(s->db, sc, yday, today, soon, overdue,
					due_soon);
	return db_ov_deadline_count(s->db, sc, ov_kinds[k], yday, today, soon,
				    overdue, due_soon);
}

int overview_load(struct session *s, const char *unit_code,
		  struct overview *o)
{
	struct db_ov_scope sc;
	day_t today = session_today(s);
	char yesterday[DB_DATE], from[DB_DATE];
	int rc;
	size_t i, k;

	memset(o, 0, sizeof *o);
	if ((rc = ov_scope(s, unit_code, &sc)))
		return rc;
	o->unit_id = sc.unit_id;
	date_iso(today, o->today);
	date_iso(today + s->cfg->interim_warn_days, o->soon);
	date_iso(today - 1, yesterday);
	rc = db_ov_units(s->db, &sc, o->unit, OV_MAX_UNITS, &o->nunits);
	for (i = 0; !rc && i < o->nunits; i++) {
		struct db_ov_scope one = {sc.staff_id, o->unit[i].id};
		for (k = 0; !rc && k < CS__COUNT; k++) {
			rc = db_ov_status_count(s->db, &one,
						case_status_name((enum case_status)k),
						&o->status[i][k]);
			o->status_total[k] += o->status[i][k];
		}
	}
	for (k = 0; !rc && k < OD__COUNT; k++)
		rc = deadline_count(s, &sc, (int)k, yesterday, o->today,
				    o->soon, &o->overdue[k], &o->due_soon[k]);
	for (k = 0; !rc && k < 4; k++)
		rc = db_ov_situation_count(s->db, &sc,
					   situation_name((enum situation)k),
					   &o->homeless[k]);
	if (rc)
		return err_from_db(&s->err, rc);
	/* the last 6 and 12 calendar months, this one included: from the
	 * first of the month 5 (11) months back to today; one read of the
	 * 12 months' counts a track serves both */
	for (int p = 0; p < 2; p++) {
		date_iso(date_add_months(today, p ? -11 : -5), from);
		memcpy(from + 8, "01", 3);
		snprintf(o->period_from[p], sizeof o->period_from[p], "%s", from);
	}
	for (int t = 0; t < OV_TRACKS; t++) {
		struct db_ov_wait_bin *b = NULL;
		size_t nb = 0, n6 = 0;
		char fm[8], tm[8], f6[8];

		snprintf(fm, sizeof fm, "%.7s", o->period_from[1]);
		snprintf(f6, sizeof f6, "%.7s", o->period_from[0]);
		snprintf(tm, sizeof tm, "%.7s", o->today);
		rc = db_ov_wait_hist(s->db, &sc, ov_track_name(t), fm, f6, tm,
				     &b, &nb);
		if (rc)
			return err_from_db(&s->err, rc);
		ov_percentiles_bins(b, nb, &o->wait[1][t].n,
				    &o->wait[1][t].median, &o->wait[1][t].p90);
		/* the 6 months' counts, in the same order of wait */
		for (i = 0; i < nb; i++)
			if (b[i].n_recent > 0) {
				b[n6] = b[i];
				b[n6++].n = b[i].n_recent;
			}
		ov_percentiles_bins(b, n6, &o->wait[0][t].n,
				    &o->wait[0][t].median, &o->wait[0][t].p90);
		free(b);
	}
	rc = db_ov_group(s->db, &sc, DBG_DECISION, o->period_from[1], o->today,
			 o->decisions, OV_MAX_GROUP, &o->ndecisions);
	if (!rc)
		rc = db_ov_group(s->db, &sc, DBG_APPEAL, o->period_from[1],
				 o->today, o->appeals, OV_MAX_GROUP, &o->nappeals);
	if (!rc)
		rc = db_ov_group(s->db, &sc, DBG_LEASE, o->period_from[1],
				 o->today, o->leases, OV_MAX_GROUP, &o->nleases);
	if (!rc)
		rc = db_ov_vacant(s->db, o->today, &o->vacant, &o->vacant30,
				  &o->vacant90, &o->vacant_longest);
	return err_from_db(&s->err, rc);
}

/* Lines of answers owed to another unit's case: the supervisor opens the
 * referral, and sees the person only where the case is open to them
 * (the referral's basis, or a unit of theirs). */
static int hide_unshared(struct session *s, struct db_case_line *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct case_rec c;
		int rc = db_case_get(s->db, l[i].case_id, &c);
		if (rc)
			return err_from_db(&s->err, rc);
		if (access_case(s, &c) == AR_NONE) {
			snprintf(l[i].name, sizeof l[i].name, "%s",
				 _("(referral only)"));
			l[i].birth[0] = '\0';
		}
	}
	return 0;
}

static enum db_ov_list db_list_of(const struct ov_list *l)
{
	switch (l->kind) {
	case OVL_STATUS: return DBL_STATUS;
	case OVL_HOMELESS: return DBL_SITUATION;
	case OVL_OPEN: return DBL_OPEN;
	case OVL_OVERDUE:
	case OVL_SOON:
		return strcmp(l->key, ov_kinds[OD_REFERRAL_OWED]) == 0
			       ? DBL_OWED
			       : DBL_DEADLINE;
	case OVL_WAIT: return DBL_WAIT;
	case OVL_DECISION: return DBL_DECISION;
	case OVL_APPEAL: return DBL_APPEAL;
	case OVL_LEASE: return DBL_LEASE;
	}
	return DBL__COUNT;
}

int overview_page(struct session *s, const struct ov_list *l,
		  const struct db_case_line *after, size_t limit,
		  struct db_case_line *out, size_t *n)
{
	struct db_ov_scope sc;
	day_t today = session_today(s);
	char from[DB_DATE] = "", to[DB_DATE] = "";
	enum db_ov_list dl = db_list_of(l);
	int rc;

	*n = 0;
	if ((rc = ov_scope(s, NULL, &sc)))
		return rc;
	if (l->unit_id) {
		if (!session_in_unit(s, l->unit_id, ROLE_SUPERVISOR))
			return err_set(&s->err, ERR_DENIED, "%s",
				       _("You do not supervise this unit."));
		sc.unit_id = l->unit_id;
	}
	switch (l->kind) {
	case OVL_OVERDUE:
		date_iso(today - 1, to);
		break;
	case OVL_SOON:
		date_iso(today, from);
		date_iso(today + s->cfg->interim_warn_days, to);
		break;
	case OVL_WAIT:
	case OVL_DECISION:
	case OVL_APPEAL:
	case OVL_LEASE:
		/* a period from a given day to today */
		if (date_days(l->from) == DAY_NONE)
			return err_set(&s->err, ERR_INVAL, "%s",
				       _("Unknown list."));
		snprintf(from, sizeof from, "%s", l->from);
		date_iso(today, to);
		break;
	default: break;
	}
	if (dl == DBL__COUNT)
		return err_set(&s->err, ERR_INVAL, "%s", _("Unknown list."));
	rc = db_ov_page(s->db, &sc, dl, l->key, from, to,
			after ? after->sort_key : NULL, limit, out, n);
	if (rc)
		return err_from_db(&s->err, rc);
	if (dl == DBL_OWED)
		return hide_unshared(s, out, *n);
	if (dl == DBL_WAIT)
		for (size_t i = 0; i < *n; i++)
			snprintf(out[i].status, sizeof out[i].status,
				 _("%d days"), atoi(out[i].due_kind));
	return 0;
}

void ov_list_title(const struct ov_list *l, char *out, size_t size)
{
	int k;

	switch (l->kind) {
	case OVL_STATUS:
		k = case_status_from_name(l->key);
		snprintf(out, size, _("Cases: %s"),
			 k >= 0 ? case_status_label((enum case_status)k) : l->key);
		break;
	case OVL_HOMELESS:
		k = situation_from_name(l->key);
		snprintf(out, size, _("Without a home: %s"),
			 k >= 0 ? situation_label((enum situation)k) : l->key);
		break;
	case OVL_OPEN:
		snprintf(out, size, "%s",
			 _("Open cases not yet housed, oldest first"));
		break;
	case OVL_OVERDUE:
		snprintf(out, size, _("Overdue: %s"), deadline_kind_label(l->key));
		break;
	case OVL_SOON:
		snprintf(out, size, _("Due soon: %s"), deadline_kind_label(l->key));
		break;
	case OVL_WAIT:
		snprintf(out, size, _("Waited for a decision: %s"),
			 track_label(l->key));
		break;
	case OVL_DECISION:
		snprintf(out, size, _("Decisions: %s"),
			 decision_outcome_label(strchr(l->key, ':')
							? strchr(l->key, ':') + 1
							: l->key));
		break;
	case OVL_APPEAL:
		if (strncmp(l->key, "body:", 5) == 0)
			snprintf(out, size, _("Appeals, appeal body: %s"),
				 appeal_outcome_label(l->key + 5));
		else
			snprintf(out, size, _("Appeals: %s"),
				 appeal_status_label(l->key));
		break;
	case OVL_LEASE:
		snprintf(out, size, _("Lease reviews: %s"),
			 lease_outcome_label(l->key));
		break;
	}
}

/* The log names the staff: it is given to the person who asks, through
 * the supervisors and caseworkers of the case's unit (whom the person
 * asks) or an administrator. */
bool case_access_history_allowed(struct session *s, const struct case_rec *c)
{
	return session_in_unit(s, c->unit_id,
			       ROLE_SUPERVISOR | ROLE_CASEWORKER) ||
	       session_has_role(s, ROLE_ADMIN);
}

static int history(struct session *s, int64_t case_id, bool person,
		   struct access_rec **out, size_t *n)
{
	struct case_rec c;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_case_get(s->db, case_id, &c)))
		return err_from_db(&s->err, rc);
	if (!case_access_history_allowed(s, &c))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only a supervisor or caseworker of the "
				 "case's unit or an administrator can see who "
				 "has looked at it."));
	return err_from_db(&s->err,
			   db_access_list(s->db, person ? c.applicant_id : 0,
					  case_id, out, n));
}

int case_access_history(struct session *s, int64_t case_id,
			struct access_rec **out, size_t *n)
{
	return history(s, case_id, false, out, n);
}

int case_person_access_history(struct session *s, int64_t case_id,
			       struct access_rec **out, size_t *n)
{
	return history(s, case_id, true, out, n);
}
