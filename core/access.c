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
	if (db_case_referred_to(s->db, c->id, s->me.id, &referred) == DB_OK &&
	    referred)
		return AR_REFERRAL;
	/* the desk may finish what it registered today (receipt, typo) */
	if (c->intake_unit_id &&
	    session_in_unit(s, c->intake_unit_id, ROLE_DESK) &&
	    date_days(c->received) == session_today(s))
		return AR_OWN;
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
