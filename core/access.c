/*
 * Who may see what (DESIGN.md "Data rules"): a user sees the cases of the
 * units they belong to, cases referred to their unit while the referral is
 * open, handed-over cases if they are in the allocation group, the queues
 * of the units they supervise, and what their desk registered today.
 * Everything else is denied, and the attempt is logged.
 */
#include <string.h>

#include "core.h"

static const char *const reason_names[] = {
	[AR_NONE] = "denied",         [AR_OWN] = "own",
	[AR_REFERRAL] = "referral",   [AR_ALLOCATION] = "allocation",
	[AR_SUPERVISOR] = "supervisor", [AR_PLAN] = "plan",
	[AR_BREAK_GLASS] = "break_glass", [AR_ADMIN] = "admin",
};

const char *access_reason_name(enum access_reason r)
{
	return reason_names[r];
}

static const char *reason_label(const char *reason)
{
	static const struct {
		const char *name, *label;
	} labels[] = {
		{"own", N_("own unit")},
		{"referral", N_("referral")},
		{"allocation", N_("allocation group")},
		{"supervisor", N_("supervisor")},
		{"plan", N_("plan participant")},
		{"break_glass", N_("broke the glass")},
		{"admin", N_("administrator")},
		{"denied", N_("refused")},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(reason, labels[i].name) == 0)
			return _(labels[i].label);
	return reason;
}

/* The details the program itself writes (access_log calls in core). */
static void detail_label(const char *d, char *out, size_t size)
{
	static const struct {
		const char *name, *label;
	} fixed[] = {
		{"open", N_("opened the case")},
		{"search", N_("searched for it")},
		{"plan", N_("read the plan")},
		{"decision", N_("read the decision letter")},
		{"appeal", N_("appeals")},
		{"lease", N_("leases")},
		{"instrument", N_("housing instruments")},
		{"allocation", N_("allocation")},
	};
	long long id;
	int rev, used = 0;
	char what[32];

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (strcmp(d, fixed[i].name) == 0) {
			snprintf(out, size, "%s", _(fixed[i].label));
			return;
		}
	if (sscanf(d, "plan revision %d compared%n", &rev, &used) == 1 &&
	    used && !d[used])
		snprintf(out, size, _("compared plan version %d"), rev);
	else if (used = 0, sscanf(d, "plan revision %d%n", &rev, &used) == 1 &&
		 used && !d[used])
		snprintf(out, size, _("read plan version %d"), rev);
	else if (used = 0,
		 sscanf(d, "referral %lld (%31[^)])%n", &id, what, &used) == 2 &&
		 used && !d[used])
		snprintf(out, size,
			 strcmp(what, "text only") == 0
				 ? _("read the text of referral %lld")
				 : _("read referral %lld"),
			 id);
	else if (strncmp(d, "export unit ", 12) == 0)
		snprintf(out, size, _("export of unit %s"), d + 12);
	else if (strncmp(d, "break_glass: no case ", 21) == 0)
		snprintf(out, size, _("broke the glass: no case %s"), d + 21);
	else
		snprintf(out, size, "%s", d);
}

void access_render(const struct access_rec *r, char *out, size_t size)
{
	char detail[300];

	if (!r->detail[0]) {
		snprintf(out, size, "%s", reason_label(r->reason));
		return;
	}
	detail_label(r->detail, detail, sizeof detail);
	snprintf(out, size, "%s: %s", reason_label(r->reason), detail);
}

static bool allocation_stage(const char *status)
{
	static const char *const st[] = {"handed_over", "granted", "waiting",
					  "rejected",    "appealed", "housed"};
	size_t i;
	for (i = 0; i < sizeof st / sizeof st[0]; i++)
		if (strcmp(status, st[i]) == 0)
			return true;
	return false;
}

enum access_reason access_case(struct session *s, const struct case_rec *c)
{
	int referred = 0;

	if (session_in_unit(s, c->unit_id, ROLE_DESK | ROLE_CASEWORKER))
		return AR_OWN;
	if (session_in_unit(s, c->unit_id, ROLE_SUPERVISOR))
		return AR_SUPERVISOR;
	if (session_has_role(s, ROLE_ALLOCATION) && allocation_stage(c->status))
		return AR_ALLOCATION;
	/* a referral to my unit shows the case only while its basis holds:
	 * the person's consent to that unit, or a recorded legal basis
	 * (without either, the unit sees the referral text alone) */
	if (db_referral_shares(s->db, c->id, s->me.id, &referred) == DB_OK &&
	    referred)
		return AR_REFERRAL;
	/* the desk may finish what it registered today (receipt, typo) */
	if (c->intake_unit_id &&
	    session_in_unit(s, c->intake_unit_id, ROLE_DESK) &&
	    date_days(c->received) == session_today(s))
		return AR_OWN;
	for (size_t i = 0; i < s->nglass; i++)
		if (s->glass[i] == c->id)
			return AR_BREAK_GLASS;
	return AR_NONE;
}

int access_log(struct session *s, int64_t person_id, int64_t case_id,
	       enum access_reason why, const char *detail)
{
	char now[DB_TS];

	session_now_ts(s, now);
	return err_from_db(&s->err,
			   db_access_add(s->db, s->me.id, now, person_id, case_id,
					 access_reason_name(why),
					 detail ? detail : ""));
}

int access_log_denied(struct session *s, int64_t person_id, int64_t case_id,
		      const char *detail)
{
	return access_log(s, person_id, case_id, AR_NONE, detail);
}

int access_history(struct session *s, int64_t person_id,
		   struct access_rec **out, size_t *n)
{
	/* The log itself is personal data about the staff: supervisors and
	 * administrators answer a person's request for it. */
	if (!session_has_role(s, ROLE_SUPERVISOR | ROLE_ADMIN))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a supervisor or an administrator can "
				 "see who has looked at a case."));
	return err_from_db(&s->err, db_access_list(s->db, person_id, 0, out, n));
}

/* ------------------------------------------------------ break the glass */

static bool reason_ok(const char *r)
{
	size_t n = strlen(r);

	if (n < 10 || n > 256 || !utf8_valid(r, n))
		return false;
	/* printed to the supervisor's terminal: no control characters,
	 * the C1 ones (U+0080..U+009F) included */
	for (const unsigned char *c = (const unsigned char *)r; *c; c++)
		if (*c < 0x20 || *c == 0x7f ||
		    (c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f))
			return false;
	return true;
}

int case_break_glass(struct session *s, const char *number,
		     const char *reason, int64_t *case_id)
{
	struct case_rec c;
	char why[257], num[32], now[DB_TS], detail[300];
	int rc;

	*case_id = 0;
	err_clear(&s->err);
	if (!session_has_role(s, ROLE_DESK | ROLE_CASEWORKER | ROLE_ALLOCATION |
				     ROLE_SUPERVISOR))
		return err_set(&s->err, ERR_DENIED,
			       _("Only the service desk, caseworkers, the "
				 "allocation group and supervisors can open a "
				 "case by breaking the glass."));
	text_copy(why, sizeof why, reason ? reason : "");
	text_trim(why);
	if (!reason_ok(why))
		return err_set_field(&s->err, ERR_INVAL, "reason",
				     _("State why you must open this case, in 10 "
				       "to 256 characters: it is logged and shown "
				       "to the supervisor."));
	text_copy(num, sizeof num, number ? number : "");
	text_trim(num);
	rc = db_case_id_by_number(s->db, num, case_id);
	if (rc == DB_NOTFOUND) {
		/* a probe for case numbers is an attempt too */
		snprintf(detail, sizeof detail, "break_glass: no case %.20s", num);
		access_log_denied(s, 0, 0, detail);
		*case_id = 0;
		return err_set(&s->err, ERR_NOTFOUND, _("There is no case %s."),
			       num);
	}
	if (rc == DB_OK)
		rc = db_case_get(s->db, *case_id, &c);
	if (rc) {
		*case_id = 0;
		return err_from_db(&s->err, rc);
	}
	if (access_case(s, &c) != AR_NONE)
		return 0; /* the user may see it anyway: no glass is broken */
	session_now_ts(s, now);
	rc = db_glass_add(s->db, s->me.id, now, c.applicant_id, c.id, c.unit_id,
			  why);
	if (rc) {
		*case_id = 0;
		return err_from_db(&s->err, rc);
	}
	if (s->nglass == SESSION_MAX_GLASS) {
		memmove(s->glass, s->glass + 1,
			(SESSION_MAX_GLASS - 1) * sizeof s->glass[0]);
		s->nglass--;
	}
	s->glass[s->nglass++] = c.id;
	return 0;
}

int glass_pending(struct session *s, long *n)
{
	*n = 0;
	if (!session_has_role(s, ROLE_SUPERVISOR))
		return 0;
	return err_from_db(&s->err, db_glass_pending(s->db, s->me.id, n));
}

int glass_list(struct session *s, bool pending_only, size_t max,
	       struct db_glass_line **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!session_has_role(s, ROLE_SUPERVISOR))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a supervisor reviews cases opened by "
				 "breaking the glass."));
	return err_from_db(&s->err, db_glass_list(s->db, s->me.id,
						  pending_only, max, out, n));
}

int glass_review(struct session *s, int64_t access_id)
{
	char now[DB_TS];
	int rc;

	if (!session_has_role(s, ROLE_SUPERVISOR))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a supervisor reviews cases opened by "
				 "breaking the glass."));
	session_now_ts(s, now);
	rc = db_glass_review(s->db, access_id, s->me.id, now);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no opening %lld for you to review."),
			       (long long)access_id);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Opening %lld was reviewed already."),
			       (long long)access_id);
	return err_from_db(&s->err, rc);
}
