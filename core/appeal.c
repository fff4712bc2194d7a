/*
 * Appeals (klage).  An appeal is registered against a decision with the
 * day it was received.  The deadline is cfg->appeal_weeks from the day the
 * decision reached the applicant; a later appeal is flagged as late and
 * can still be taken in up to cfg->late_appeal_days after the deadline.
 * The deciding body reassesses it (forberedende klagebehandling): it
 * changes the decision (decision_issue with appeal_id: a new, frozen
 * decision) or upholds it and forwards the appeal to the appeal body,
 * whose outcome is recorded here.
 *
 * The journal forms (journal.c shows them in the reader's language):
 *   status  FROM -> appealed[: late]
 *   appeal  appeal upheld and forwarded to BODY
 *   appeal  appeal: decision changed                 (decision.c)
 *   appeal  appeal body outcome: upheld|changed|quashed
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static day_t ts_day(const char *ts)
{
	char iso[DB_DATE];

	snprintf(iso, sizeof iso, "%.10s", ts);
	return date_days(iso);
}

day_t appeal_deadline(const struct session *s, const struct decision_rec *d)
{
	day_t from = d->delivered[0] ? date_days(d->delivered)
				     : ts_day(d->issued_at);
	return from == DAY_NONE ? DAY_NONE : from + s->cfg->appeal_weeks * 7;
}

const char *appeal_status_label(const char *status)
{
	if (strcmp(status, "registered") == 0)
		return _("to be reassessed");
	if (strcmp(status, "changed") == 0)
		return _("decision changed");
	if (strcmp(status, "forwarded") == 0)
		return _("upheld, with the appeal body");
	if (strcmp(status, "decided") == 0)
		return _("decided by the appeal body");
	return status;
}

const char *appeal_outcome_label(const char *outcome)
{
	if (strcmp(outcome, "upheld") == 0)
		return _("upheld");
	if (strcmp(outcome, "changed") == 0)
		return _("changed");
	if (strcmp(outcome, "quashed") == 0)
		return _("quashed, to be decided again");
	return outcome;
}

static int64_t deciding_unit(const struct session *s,
			     const struct decision_rec *d)
{
	if (d->unit_id)
		return d->unit_id;
	for (size_t i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].role, "allocation") == 0)
			return s->member[i].unit_id;
	return 0;
}

int appeal_register(struct session *s, int64_t decision_id,
		    const char *received_iso, int64_t *appeal_id)
{
	struct decision_rec d, *all = NULL;
	struct case_rec c;
	struct db_appeal_save a = {0};
	day_t received = date_days(received_iso), deadline;
	char now[DB_TS], today[DB_DATE], due[DB_DATE], text[120], shown[DB_DATE];
	size_t nall = 0;
	int rc;

	*appeal_id = 0;
	if ((rc = decision_get(s, decision_id, &d)) ||
	    (rc = case_visible(s, d.case_id, &c, "appeal", NULL)))
		return rc;
	if (received == DAY_NONE || received > session_today(s) ||
	    received < ts_day(d.issued_at))
		return err_set_field(&s->err, ERR_INVAL, "received",
				     _("The day the appeal was received is "
				       "between the day of the decision and "
				       "today."));
	/* an appeal is against the decision in force, the newest */
	if ((rc = db_decision_list(s->db, d.case_id, &all, &nall)))
		return err_from_db(&s->err, rc);
	rc = nall && all[0].id != d.id;
	free(all);
	if (rc)
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("A newer decision has replaced this one: "
				 "register the appeal against that."));
	if ((rc = case_transition_check(case_status_from_name(c.status),
					CS_APPEALED, case_roles(s, &c), &s->err)))
		return rc;
	deadline = appeal_deadline(s, &d);
	if (received > deadline + s->cfg->late_appeal_days) {
		date_iso(deadline, due);
		date_show(due, shown);
		return err_set_field(&s->err, ERR_INVAL, "received",
				     _("The appeal deadline was %s; an appeal "
				       "more than %d days after it cannot be "
				       "taken in."),
				     shown, s->cfg->late_appeal_days);
	}
	session_now_ts(s, now);
	session_today_iso(s, today);
	/* the deciding body has the three weeks the applicant had */
	date_iso(session_today(s) + s->cfg->appeal_weeks * 7, due);
	a.decision_id = d.id;
	a.case_id = c.id;
	a.case_version = c.version;
	a.case_status = "appealed";
	a.received = received_iso;
	a.late = received > deadline;
	a.reassess_due = due;
	a.unit_id = deciding_unit(s, &d);
	a.staff_id = s->me.id;
	a.at = now;
	a.today = today;
	a.journal_kind = "status";
	snprintf(text, sizeof text, "%s -> appealed%s", c.status,
		 a.late ? ": late" : "");
	a.journal_text = text;
	rc = db_appeal_save(s->db, &a);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed case %s after you opened "
				 "it. Open it again to see their change."),
			       c.number);
	if (rc)
		return err_from_db(&s->err, rc);
	*appeal_id = a.out_id;
	return 0;
}

static int appeal_and_case(struct session *s, int64_t appeal_id,
			   struct appeal_rec *ap, struct decision_rec *d,
			   struct case_rec *c)
{
	int rc = db_appeal_get(s->db, appeal_id, ap);

	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no such appeal."));
	if (rc)
		return err_from_db(&s->err, rc);
	if ((rc = decision_get(s, ap->decision_id, d)) ||
	    (rc = case_visible(s, ap->case_id, c, "appeal", NULL)))
		return rc;
	if (!session_has_role(s, ROLE_ALLOCATION))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only the allocation group handles "
				 "appeals."));
	return 0;
}

int appeal_forward(struct session *s, int64_t appeal_id, int version)
{
	struct appeal_rec ap;
	struct decision_rec d;
	struct case_rec c;
	struct db_appeal_save a = {0};
	char now[DB_TS], today[DB_DATE], text[400];
	int rc;

	if ((rc = appeal_and_case(s, appeal_id, &ap, &d, &c)))
		return rc;
	if (ap.version != version)
		return err_set(&s->err, ERR_CONFLICT, "%s",
			       _("Someone else changed the appeal. Open the "
				 "case again to see their change."));
	if (strcmp(ap.status, "registered") != 0)
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("The appeal is not waiting for "
				 "reassessment."));
	session_now_ts(s, now);
	session_today_iso(s, today);
	snprintf(text, sizeof text, "appeal upheld and forwarded to %s",
		 d.appeal_body);
	a.id = ap.id;
	a.version = ap.version;
	a.decision_id = d.id;
	a.case_id = c.id;
	a.case_version = c.version;
	a.status = "forwarded";
	a.reassessed_at = today;
	a.staff_id = s->me.id;
	a.at = now;
	a.today = today;
	a.journal_kind = "appeal";
	a.journal_text = text;
	rc = db_appeal_save(s->db, &a);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT, "%s",
			       _("Someone else changed the appeal. Open the "
				 "case again to see their change."));
	return err_from_db(&s->err, rc);
}

int appeal_outcome(struct session *s, int64_t appeal_id, int version,
		   const char *outcome, const char *decided_iso)
{
	struct appeal_rec ap;
	struct decision_rec d;
	struct case_rec c;
	struct db_appeal_save a = {0};
	char now[DB_TS], today[DB_DATE], text[120];
	day_t day = date_days(decided_iso);
	int rc;

	if (!outcome || (strcmp(outcome, "upheld") && strcmp(outcome, "changed") &&
			 strcmp(outcome, "quashed")))
		return err_set_field(&s->err, ERR_INVAL, "outcome",
				     _("The appeal body upheld, changed or "
				       "quashed the decision."));
	if ((rc = appeal_and_case(s, appeal_id, &ap, &d, &c)))
		return rc;
	if (ap.version != version)
		return err_set(&s->err, ERR_CONFLICT, "%s",
			       _("Someone else changed the appeal. Open the "
				 "case again to see their change."));
	if (strcmp(ap.status, "forwarded") != 0)
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("Only an appeal forwarded to the appeal body "
				 "gets the appeal body's outcome."));
	if (day == DAY_NONE || day > session_today(s) ||
	    day < date_days(ap.reassessed_at))
		return err_set_field(&s->err, ERR_INVAL, "decided",
				     _("The day of the appeal body's decision "
				       "is between the forwarding and "
				       "today."));
	session_now_ts(s, now);
	session_today_iso(s, today);
	snprintf(text, sizeof text, "appeal body outcome: %s", outcome);
	a.id = ap.id;
	a.version = ap.version;
	a.decision_id = d.id;
	a.case_id = c.id;
	a.case_version = c.version;
	/* upheld: the decision stands and the case is where it put it;
	 * changed or quashed: the allocation group decides again */
	a.case_status = NULL;
	if (strcmp(outcome, "upheld") == 0 && strcmp(c.status, "appealed") == 0) {
		int o = decision_outcome_from_name(d.outcome);
		a.case_status = o == DO_GRANTED_WAITING ? "waiting"
				: o == DO_GRANTED_DWELLING || o == DO_ASSISTANCE_GRANTED
					? "granted"
					: "rejected";
	}
	a.status = "decided";
	a.body_outcome = outcome;
	a.body_decided_at = decided_iso;
	a.staff_id = s->me.id;
	a.at = now;
	a.today = today;
	a.journal_kind = "appeal";
	a.journal_text = text;
	rc = db_appeal_save(s->db, &a);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT, "%s",
			       _("Someone else changed the appeal. Open the "
				 "case again to see their change."));
	return err_from_db(&s->err, rc);
}

int appeal_list(struct session *s, int64_t case_id, struct appeal_rec **out,
		size_t *n)
{
	struct case_rec c;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = case_visible(s, case_id, &c, "appeal", NULL)))
		return rc;
	return err_from_db(&s->err, db_appeal_list(s->db, case_id, out, n));
}
