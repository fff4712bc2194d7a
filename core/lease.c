/*
 * Leases.  Accepting a granted dwelling makes the lease: it starts on a
 * day, ends after the configured length (longer for households with
 * children where the municipality has set it, or the length the decision
 * granted) and is reviewed cfg->review_months before it ends.  A lease
 * shorter than the normal minimum (husleieloven § 11-1) needs its ground
 * and written notice to the tenant before it starts, or it is refused.
 * The review ends in an extension (a new decision, decision.c), a move to
 * the private market, buying the dwelling, or the end of the tenancy;
 * those outcomes are the figures of how dwellings circulate.
 *
 * The journal forms (journal.c shows them in the reader's language):
 *   lease  lease START to END, review REVIEW[; shorter: GROUND]
 *   lease  lease review: private|buy|end
 *   lease  lease ended DAY
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

const char *lease_outcome_label(const char *outcome)
{
	if (strcmp(outcome, "extend") == 0)
		return _("extended");
	if (strcmp(outcome, "private") == 0)
		return _("moves on to the private market");
	if (strcmp(outcome, "buy") == 0)
		return _("buys the dwelling (start loan)");
	if (strcmp(outcome, "end") == 0)
		return _("the tenancy ends");
	return outcome;
}

/* The responsible unit's caseworkers and the allocation group. */
static int may_handle(struct session *s, const struct case_rec *c)
{
	if (session_has_role(s, ROLE_ALLOCATION) ||
	    session_in_unit(s, c->unit_id, ROLE_CASEWORKER))
		return 0;
	return err_set(&s->err, ERR_DENIED, "%s",
		       _("Only the responsible unit's caseworkers and the "
			 "allocation group handle leases."));
}

/* The decision granting the dwelling the case's lease is for. */
static int granted_decision(struct session *s, int64_t case_id,
			    struct decision_rec *out)
{
	struct decision_rec *d = NULL;
	size_t n = 0;
	int rc;

	if ((rc = db_decision_list(s->db, case_id, &d, &n)))
		return err_from_db(&s->err, rc);
	rc = ERR_NOTFOUND;
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].outcome, "granted_dwelling") == 0) {
			*out = d[i];
			rc = 0;
			break;
		}
	free(d);
	if (rc)
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("The case has no decision granting a "
				 "dwelling: a lease follows that decision."));
	return 0;
}

static bool has_children(struct session *s, const struct case_rec *c)
{
	struct hh_member_rec *hh = NULL;
	size_t n = 0;
	char adult[DB_DATE];
	bool yes = false;

	date_iso(date_add_months(session_today(s), -18 * 12), adult);
	if (c->household_id &&
	    db_case_household(s->db, c->household_id, &hh, &n) == DB_OK)
		for (size_t i = 0; i < n; i++)
			if (strcmp(hh[i].relation, "child") == 0 &&
			    (!hh[i].birth[0] || strcmp(hh[i].birth, adult) > 0))
				yes = true;
	free(hh);
	return yes;
}

int lease_init(struct session *s, int64_t case_id, struct lease_input *in)
{
	struct case_rec c;
	struct decision_rec d;
	int rc;

	memset(in, 0, sizeof *in);
	if ((rc = case_visible(s, case_id, &c, "lease", NULL)))
		return rc;
	in->case_id = case_id;
	in->version = c.version;
	session_today_iso(s, in->start);
	in->months = has_children(s, &c) ? s->cfg->lease_months_children
					 : s->cfg->lease_months;
	if (granted_decision(s, case_id, &d) == 0 && d.lease_months > 0)
		in->months = d.lease_months;
	err_clear(&s->err);
	return 0;
}

int lease_create(struct session *s, const struct lease_input *in,
		 int64_t *lease_id)
{
	const struct config *cfg = s->cfg;
	struct case_rec c;
	struct decision_rec d;
	struct lease_rec old;
	struct db_lease_save l = {0};
	day_t start = date_days(in->start), end, notice;
	char now[DB_TS], today[DB_DATE], end_iso[DB_DATE], review[DB_DATE],
		text[800];
	int rc;

	*lease_id = 0;
	if ((rc = case_visible(s, in->case_id, &c, "lease", NULL)) || (rc = may_handle(s, &c)))
		return rc;
	if (c.version != in->version)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed case %s after you opened "
				 "it. Open it again to see their change."),
			       c.number);
	if (strcmp(c.status, "granted") != 0)
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("A lease is made when a granted dwelling is "
				 "accepted: the case is not granted."));
	if ((rc = granted_decision(s, in->case_id, &d)))
		return rc;
	rc = db_lease_of_case(s->db, in->case_id, &old);
	if (rc == DB_OK && strcmp(old.status, "active") == 0)
		return err_set(&s->err, ERR_INVAL,
			       _("The case has a lease already (%s)."),
			       old.address);
	if (rc && rc != DB_NOTFOUND)
		return err_from_db(&s->err, rc);
	if (start == DAY_NONE)
		return err_set_field(&s->err, ERR_INVAL, "start",
				     _("The lease needs the day it starts."));
	if (in->months < 1 || in->months > 120)
		return err_set_field(&s->err, ERR_INVAL, "months",
				     _("A lease runs 1 to 120 months."));
	if (in->months < cfg->lease_min_months) {
		/* husleieloven § 11-1: the ground, and notice in writing
		 * before the tenancy starts */
		const char *g = in->short_ground;
		while (*g == ' ')
			g++;
		if (!*g || strlen(in->short_ground) > 512)
			return err_set_field(&s->err, ERR_INVAL, "ground",
					     _("A lease shorter than %d months "
					       "needs its ground (%s)."),
					     cfg->lease_min_months,
					     cfg->law_lease);
		notice = date_days(in->notice);
		if (notice == DAY_NONE || notice > start ||
		    notice > session_today(s))
			return err_set_field(&s->err, ERR_INVAL, "notice",
					     _("A lease shorter than %d months "
					       "needs written notice to the "
					       "tenant before it starts: give "
					       "the day it was given."),
					     cfg->lease_min_months);
	}
	end = date_add_months(start, in->months);
	date_iso(end, end_iso);
	date_iso(date_add_months(end, -cfg->review_months), review);
	session_now_ts(s, now);
	session_today_iso(s, today);
	if (in->months < cfg->lease_min_months)
		snprintf(text, sizeof text, "lease %s to %s, review %s; shorter: %s",
			 in->start, end_iso, review, in->short_ground);
	else
		snprintf(text, sizeof text, "lease %s to %s, review %s",
			 in->start, end_iso, review);
	l.case_id = c.id;
	l.case_version = c.version;
	l.case_status = "housed";
	l.dwelling_id = d.dwelling_id;
	l.tenant_id = c.applicant_id;
	l.decision_id = d.id;
	l.start = in->start;
	l.end = end_iso;
	l.review = review;
	l.short_ground = in->months < cfg->lease_min_months ? in->short_ground : "";
	l.notice = in->months < cfg->lease_min_months ? in->notice : "";
	l.unit_id = c.unit_id;
	l.staff_id = c.caseworker_id;
	l.by = s->me.id;
	l.at = now;
	l.today = today;
	l.journal_text = text;
	rc = db_lease_create(s->db, &l);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("The case or the dwelling %s changed since you "
				 "opened it (someone else may have let it). "
				 "Open the case again."),
			       d.dwelling_address);
	if (rc)
		return err_from_db(&s->err, rc);
	*lease_id = l.out_id;
	return 0;
}

int lease_of_case(struct session *s, int64_t case_id, struct lease_rec *out)
{
	struct case_rec c;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = case_visible(s, case_id, &c, "lease", NULL)))
		return rc;
	rc = db_lease_of_case(s->db, case_id, out);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("The case has no lease."));
	return err_from_db(&s->err, rc);
}

static int lease_and_case(struct session *s, int64_t lease_id,
			  struct lease_rec *l, struct case_rec *c)
{
	int rc = db_lease_get(s->db, lease_id, l);

	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("There is no such lease."));
	if (rc)
		return err_from_db(&s->err, rc);
	if ((rc = case_visible(s, l->case_id, c, "lease", NULL)))
		return rc;
	return 0;
}

static int stale(struct session *s)
{
	return err_set(&s->err, ERR_CONFLICT, "%s",
		       _("Someone else changed the lease after you opened it. "
			 "Open it again to see their change."));
}

int lease_review(struct session *s, int64_t lease_id, int version,
		 const char *outcome)
{
	struct lease_rec l;
	struct case_rec c;
	char now[DB_TS], today[DB_DATE], text[64];
	int rc;

	if (outcome && strcmp(outcome, "extend") == 0)
		return err_set_field(&s->err, ERR_INVAL, "outcome",
				     _("An extension is a new decision: the "
				       "allocation group decides it."));
	if (!outcome || (strcmp(outcome, "private") && strcmp(outcome, "buy") &&
			 strcmp(outcome, "end")))
		return err_set_field(&s->err, ERR_INVAL, "outcome",
				     _("A review ends in an extension, the "
				       "private market, buying the dwelling or "
				       "the end of the tenancy."));
	if ((rc = lease_and_case(s, lease_id, &l, &c)) ||
	    (rc = may_handle(s, &c)))
		return rc;
	if (l.version != version)
		return stale(s);
	if (strcmp(l.status, "active") != 0 || l.review_outcome[0])
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("The lease has been reviewed already."));
	session_now_ts(s, now);
	session_today_iso(s, today);
	snprintf(text, sizeof text, "lease review: %s", outcome);
	rc = db_lease_review(s->db, lease_id, version, outcome, today, s->me.id,
			     now, text);
	return rc == DB_CONFLICT ? stale(s) : err_from_db(&s->err, rc);
}

int lease_end(struct session *s, int64_t lease_id, int version,
	      const char *day_iso)
{
	struct lease_rec l;
	struct case_rec c;
	char now[DB_TS], text[64];
	day_t day = date_days(day_iso);
	int rc;

	if ((rc = lease_and_case(s, lease_id, &l, &c)))
		return rc;
	if (!dwelling_may_manage(s) &&
	    !session_in_unit(s, c.unit_id, ROLE_CASEWORKER))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only the responsible unit's caseworkers, the "
				 "allocation group and the property unit end "
				 "leases."));
	if (l.version != version)
		return stale(s);
	if (strcmp(l.status, "active") != 0)
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("The lease has ended already."));
	if (day == DAY_NONE || day < date_days(l.start))
		return err_set_field(&s->err, ERR_INVAL, "day",
				     _("The lease ends on a day after it "
				       "started."));
	session_now_ts(s, now);
	snprintf(text, sizeof text, "lease ended %s", day_iso);
	rc = db_lease_end(s->db, lease_id, version, day_iso, s->me.id, now, text);
	return rc == DB_CONFLICT ? stale(s) : err_from_db(&s->err, rc);
}

int lease_outcomes(struct session *s, const char *since_iso, long counts[4])
{
	memset(counts, 0, 4 * sizeof counts[0]);
	if (!session_has_role(s, ROLE_ALLOCATION | ROLE_SUPERVISOR |
				     ROLE_CASEWORKER))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only staff of the units see the figures."));
	return err_from_db(&s->err, db_lease_outcomes(s->db, since_iso, counts));
}
