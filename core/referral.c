/*
 * Referral between units (DOMAIN.md, workflow 4): a unit asks another for
 * a service, or hands the case over.  The life of one referral:
 *
 *   open --ask--> question --reply--> open
 *   open|question --accept--> accepted      (a transfer moves the case)
 *   open --decline (code + text)--> declined
 *   open|question --withdraw (sender)--> withdrawn
 *   open|question (overdue), declined --escalate--> forum --conclude-->
 *        accepted | declined                (the forum's unit takes it)
 *
 * Until a transfer is accepted the sender stays responsible; the move of
 * unit and caseworker is one statement in the accepting transaction, so
 * a case is never without either.
 *
 * What the receiving unit sees follows the basis: the referral text
 * always, the person only while the consent to that unit is given or
 * the referral rests on a recorded legal basis (access_case does the
 * same for the case file).
 *
 * The journal keeps stable English forms (see referral_journal_render):
 *
 *   referral   referral to CODE: ASKED           (transfer to CODE: ...)
 *              referral to CODE accepted; assigned NAME
 *              transfer to CODE accepted; responsible CODE, NAME
 *              referral to CODE declined (REASON): TEXT
 *              referral to CODE question: TEXT | answer: TEXT
 *              referral to CODE withdrawn: REASON | to forum: WHY
 *   forum      forum: responsible unit CODE: CONCLUSION
 *   consent    consent to CODE given|refused|withdrawn
 *   plan       individual plan STATUS (revision N)
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* ------------------------------------------------------------ labels */

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

const char *referral_kind_label(const char *kind)
{
	static const struct label t[] = {
		{"service", N_("service")},
		{"transfer", N_("transfer of responsibility")},
	};
	return LABEL(t, kind);
}

const char *referral_status_label(const char *status)
{
	static const struct label t[] = {
		{"open", N_("waiting for an answer")},
		{"question", N_("question to the sender")},
		{"accepted", N_("accepted")},
		{"declined", N_("declined")},
		{"withdrawn", N_("withdrawn")},
		{"forum", N_("at the housing forum")},
	};
	return LABEL(t, status);
}

const char *referral_basis_label(const char *basis)
{
	static const struct label t[] = {
		{"consent", N_("the person's consent")},
		{"law", N_("another legal basis")},
	};
	return LABEL(t, basis);
}

const char *const referral_decline_codes[] = {
	"not_ours", "criteria", "capacity", "information", "other_unit",
	"other", NULL,
};

const char *referral_decline_label(const char *code)
{
	static const struct label t[] = {
		{"not_ours", N_("not a service this unit gives")},
		{"criteria", N_("the criteria are not met")},
		{"capacity", N_("no capacity now")},
		{"information", N_("information is missing")},
		{"other_unit", N_("another unit is the right one")},
		{"other", N_("another reason")},
		/* older answers and the forum's */
		{"accepted", N_("accepted")},
		{"declined", N_("declined")},
		{"forum", N_("the housing forum's conclusion")},
	};
	return LABEL(t, code);
}

static const char *const list_labels[RL__COUNT] = {
	[RL_INBOX] = N_("Referrals to my unit"),
	[RL_SENT] = N_("Referrals I have sent"),
	[RL_OVERDUE] = N_("Overdue referrals"),
	[RL_CASE] = N_("Referrals of the case"),
};

const char *referral_list_label(enum referral_list l)
{
	return (unsigned)l < RL__COUNT ? _(list_labels[l]) : "";
}

/* ----------------------------------------------------------- helpers */

/* A required text: trimmed, 1..max bytes of UTF-8. */
static bool text_given(char *buf, size_t size, const char *in, size_t max)
{
	size_t n;

	if (!in)
		return false;
	n = strlen(in);
	if (n > max || !utf8_valid(in, n))
		return false;
	snprintf(buf, size, "%s", in);
	text_trim(buf);
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return buf[0] != '\0';
}

static bool pending(const char *status)
{
	return strcmp(status, "open") == 0 || strcmp(status, "question") == 0;
}

static int read_case(struct session *s, int64_t case_id, struct case_rec *c)
{
	int rc = db_case_get(s->db, case_id, c);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("There is no such case."));
	return err_from_db(&s->err, rc);
}

static int read_unit(struct session *s, int64_t id, struct unit_rec *u)
{
	int rc = db_unit_by_id(s->db, id, u);
	if (rc == DB_NOTFOUND)
		return err_set_field(&s->err, ERR_NOTFOUND, "unit",
				     _("There is no such unit."));
	return err_from_db(&s->err, rc);
}

static int conflict(struct session *s)
{
	return err_set(&s->err, ERR_CONFLICT,
		       _("Someone else answered or changed this referral after "
			 "you opened it. Open it again to see what was done."));
}

/* ---------------------------------------------------------- creating */

int referral_targets(struct session *s, int64_t case_id,
		     struct unit_rec **out, size_t *n)
{
	struct case_rec c;
	struct unit_rec *all = NULL;
	size_t nall = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = read_case(s, case_id, &c)))
		return rc;
	if ((rc = err_from_db(&s->err, db_unit_list(s->db, &all, &nall))))
		return rc;
	for (i = 0; i < nall; i++)
		if (all[i].active && all[i].id != c.unit_id &&
		    strcmp(all[i].kind, "forum") != 0 &&
		    strcmp(all[i].kind, "allocation") != 0)
			all[(*n)++] = all[i];
	*out = all;
	return 0;
}

static int check_new(struct session *s, const struct referral_new *r,
		     const struct case_rec *c, const struct unit_rec *to,
		     char *asked, char *reason, char *note)
{
	int64_t cw;
	int yes = 0, rc;

	if (strcmp(r->kind, "service") != 0 && strcmp(r->kind, "transfer") != 0)
		return err_set_field(&s->err, ERR_INVAL, "kind",
				     _("A referral is for a service or a "
				       "transfer of responsibility."));
	if (!to->active || to->id == c->unit_id ||
	    strcmp(to->kind, "forum") == 0 || strcmp(to->kind, "allocation") == 0)
		return err_set_field(&s->err, ERR_INVAL, "unit",
				     _("Choose another unit to refer to: not "
				       "the case's own, the allocation group or "
				       "the housing forum."));
	if (strcmp(r->kind, "transfer") == 0) {
		if (strcmp(to->kind, "external") == 0)
			return err_set_field(&s->err, ERR_INVAL, "kind",
					     _("An external partner cannot take "
					       "over the responsibility for a "
					       "case; refer for a service."));
		rc = db_unit_least_loaded(s->db, to->id, "caseworker", &cw);
		if (rc == DB_NOTFOUND)
			return err_set_field(&s->err, ERR_INVAL, "unit",
					     _("%s has no caseworker who could "
					       "take over the case."),
					     to->name);
		if (rc)
			return err_from_db(&s->err, rc);
	}
	if (!text_given(asked, 1025, r->asked, 1024))
		return err_set_field(&s->err, ERR_INVAL, "asked",
				     _("Say what is asked of %s (1 to 1024 "
				       "bytes)."),
				     to->name);
	if (!text_given(reason, 1025, r->reason, 1024))
		return err_set_field(&s->err, ERR_INVAL, "reason",
				     _("Say why the referral is made (1 to 1024 "
				       "bytes)."));
	if ((rc = err_from_db(&s->err, db_referral_pending(s->db, c->id, to->id,
							   &yes))))
		return rc;
	if (yes)
		return err_set_field(&s->err, ERR_CONFLICT, "unit",
				     _("Case %s already has a referral to %s "
				       "that is not answered."),
				     c->number, to->name);
	note[0] = '\0';
	if (strcmp(r->basis, "law") == 0) {
		if (!text_given(note, 257, r->basis_note, 256))
			return err_set_field(&s->err, ERR_INVAL, "basis_note",
					     _("Write down the legal basis for "
					       "sharing the information (1 to "
					       "256 bytes)."));
	} else if (strcmp(r->basis, "consent") == 0) {
		char state[17];
		if ((rc = err_from_db(&s->err,
				      db_consent_state(s->db, c->applicant_id,
						       to->id, state))))
			return rc;
		/* nothing confidential leaves without the basis for it */
		if (strcmp(state, "given") != 0)
			return err_set_field(
				&s->err, ERR_INVAL, "basis",
				_("%s has not consented to sharing with %s, "
				  "and no other legal basis is recorded: "
				  "record the consent first, or give the "
				  "basis."),
				c->applicant_name, to->name);
	} else {
		return err_set_field(&s->err, ERR_INVAL, "basis",
				     _("Choose the basis for sharing: the "
				       "person's consent, or another legal "
				       "basis."));
	}
	return 0;
}

int referral_create(struct session *s, const struct referral_new *r,
		    int64_t *id)
{
	struct case_rec c;
	struct unit_rec to;
	struct db_referral_new d = {0};
	char asked[1025], reason[1025], note[257], due[DB_DATE], now[DB_TS];
	char text[1200];
	int rc;

	err_clear(&s->err);
	*id = 0;
	if ((rc = read_case(s, r->case_id, &c)))
		return rc;
	if (access_case(s, &c) != AR_OWN ||
	    !session_in_unit(s, c.unit_id, ROLE_CASEWORKER))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a caseworker of the responsible unit "
				 "refers a case."));
	if (strcmp(c.status, "closed") == 0)
		return err_set(&s->err, ERR_INVAL,
			       _("Case %s is closed; it cannot be referred."),
			       c.number);
	if ((rc = read_unit(s, r->to_unit_id, &to)) ||
	    (rc = check_new(s, r, &c, &to, asked, reason, note)))
		return rc;
	session_now_ts(s, now);
	date_iso(session_today(s) + s->cfg->referral_days, due);
	snprintf(text, sizeof text, "%s to %s: %s",
		 strcmp(r->kind, "transfer") == 0 ? "transfer" : "referral",
		 to.code, asked);
	d.case_id = c.id;
	d.from_unit_id = c.unit_id;
	d.to_unit_id = to.id;
	d.kind = r->kind;
	d.asked = asked;
	d.reason = reason;
	d.basis = r->basis;
	d.basis_note = note;
	d.deadline = due;
	d.staff_id = s->me.id;
	d.at = now;
	d.journal_text = text;
	return err_from_db(&s->err, db_referral_add(s->db, &d, id));
}

int referral_consent_record(struct session *s, int64_t case_id,
			    int64_t unit_id, const char *state)
{
	struct case_rec c;
	struct unit_rec u;
	struct db_consent_change d = {0};
	char today[DB_DATE], now[DB_TS], text[200];
	int rc;

	err_clear(&s->err);
	if (!state || (strcmp(state, "given") && strcmp(state, "refused") &&
		       strcmp(state, "withdrawn")))
		return err_set(&s->err, ERR_INVAL,
			       _("Consent is given, refused or withdrawn."));
	if ((rc = read_case(s, case_id, &c)) || (rc = read_unit(s, unit_id, &u)))
		return rc;
	if (access_case(s, &c) != AR_OWN ||
	    !session_in_unit(s, c.unit_id, ROLE_CASEWORKER | ROLE_DESK))
		return err_set(&s->err, ERR_DENIED,
			       _("Only the responsible unit records the "
				 "person's consent."));
	session_today_iso(s, today);
	session_now_ts(s, now);
	snprintf(text, sizeof text, "consent to %s %s", u.code, state);
	d.person_id = c.applicant_id;
	d.unit_id = u.id;
	d.case_id = c.id;
	d.staff_id = s->me.id;
	d.state = state;
	d.today = today;
	d.at = now;
	d.journal_text = text;
	return err_from_db(&s->err, db_consent_set(s->db, &d));
}

/* ----------------------------------------------------------- reading */

static bool in_unit_any(const struct session *s, int64_t unit)
{
	return session_in_unit(s, unit, ROLE_DESK | ROLE_CASEWORKER |
						ROLE_SUPERVISOR |
						ROLE_ALLOCATION | ROLE_ADMIN);
}

bool forum_member(const struct session *s)
{
	for (size_t i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].unit_kind, "forum") == 0)
			return true;
	return session_has_role(s, ROLE_SUPERVISOR);
}

/* May this reader open the case of a listed referral?  The same rule as
 * access_case, from what the line carries. */
static bool line_may_open(const struct session *s, const struct referral_rec *r)
{
	if (session_in_unit(s, r->case_unit_id,
			    ROLE_DESK | ROLE_CASEWORKER | ROLE_SUPERVISOR))
		return true;
	return r->basis_ok && in_unit_any(s, r->to_unit_id) &&
	       (pending(r->status) || strcmp(r->status, "accepted") == 0);
}

/* Who it is about: whoever may open the case, and the sending unit (it
 * wrote the referral; after a transfer it keeps its own letter, not the
 * case file). */
static void hide_person(const struct session *s, struct referral_rec *r)
{
	if (!r->may_open && !in_unit_any(s, r->from_unit_id))
		r->person_name[0] = '\0';
}

/* The parties may read a referral: the two units, the forum while it
 * has it, and whoever may see the case. */
static bool may_read(struct session *s, const struct referral_rec *r,
		     const struct case_rec *c, enum access_reason *why)
{
	*why = access_case(s, c);
	return *why != AR_NONE || in_unit_any(s, r->from_unit_id) ||
	       in_unit_any(s, r->to_unit_id) ||
	       (forum_member(s) && strcmp(r->status, "forum") == 0);
}

int referral_get(struct session *s, int64_t id, struct referral_rec *out)
{
	struct case_rec c;
	enum access_reason why;
	char detail[64];
	int rc = db_referral_get(s->db, id, out);
	bool party;

	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("There is no such referral."));
	if (rc)
		return err_from_db(&s->err, rc);
	if ((rc = read_case(s, out->case_id, &c)))
		return rc;
	party = may_read(s, out, &c, &why);
	snprintf(detail, sizeof detail, "referral %lld", (long long)id);
	if (!party) {
		access_log_denied(s, out->person_id, out->case_id, detail);
		memset(out, 0, sizeof *out);
		return err_set(&s->err, ERR_DENIED,
			       _("There is no such referral, or you do not have "
				 "access to it."));
	}
	out->may_open = why != AR_NONE;
	hide_person(s, out);
	if (why == AR_NONE) {
		/* the referral text, not the case file */
		snprintf(detail, sizeof detail, "referral %lld (%s)",
			 (long long)id,
			 out->person_name[0] ? "sender" : "text only");
		why = AR_REFERRAL;
	}
	return access_log(s, out->person_id, out->case_id, why, detail);
}

int referral_messages(struct session *s, int64_t id, struct refmsg_rec **out,
		      size_t *n)
{
	struct referral_rec r;
	struct case_rec c;
	enum access_reason why;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_referral_get(s->db, id, &r)))
		return rc == DB_NOTFOUND
			       ? err_set(&s->err, ERR_NOTFOUND,
					 _("There is no such referral."))
			       : err_from_db(&s->err, rc);
	if ((rc = read_case(s, r.case_id, &c)))
		return rc;
	if (!may_read(s, &r, &c, &why))
		return err_set(&s->err, ERR_DENIED,
			       _("There is no such referral, or you do not have "
				 "access to it."));
	return err_from_db(&s->err, db_referral_messages(s->db, id, out, n));
}

bool referral_overdue(const struct session *s, const struct referral_rec *r)
{
	day_t due = date_days(r->deadline);
	return pending(r->status) && due != DAY_NONE && session_today(s) > due;
}

int referral_age(const struct session *s, const struct referral_rec *r)
{
	char day[DB_DATE];
	day_t d;

	snprintf(day, sizeof day, "%.10s", r->created_at);
	d = date_days(day);
	return d == DAY_NONE ? 0 : (int)(session_today(s) - d);
}

unsigned referral_rights(struct session *s, const struct referral_rec *r)
{
	unsigned rights = 0;
	bool to_cw = session_in_unit(s, r->to_unit_id, ROLE_CASEWORKER);
	bool from = session_in_unit(s, r->from_unit_id,
				    ROLE_CASEWORKER | ROLE_SUPERVISOR);
	bool sup = session_in_unit(s, r->from_unit_id, ROLE_SUPERVISOR) ||
		   session_in_unit(s, r->to_unit_id, ROLE_SUPERVISOR);

	if (to_cw && strcmp(r->status, "open") == 0)
		rights |= RR_ANSWER;
	if (from && strcmp(r->status, "question") == 0)
		rights |= RR_REPLY;
	if (from && pending(r->status))
		rights |= RR_WITHDRAW;
	/* overdue, or disputed by the sender after a decline */
	if ((from || sup) && (referral_overdue(s, r) ||
			      strcmp(r->status, "declined") == 0))
		rights |= RR_FORUM;
	if (r->may_open)
		rights |= RR_CASE;
	return rights;
}

int referral_assignees(struct session *s, int64_t id,
		       struct staff_unit_rec **out, size_t *n)
{
	struct referral_rec r;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_referral_get(s->db, id, &r)))
		return rc == DB_NOTFOUND
			       ? err_set(&s->err, ERR_NOTFOUND,
					 _("There is no such referral."))
			       : err_from_db(&s->err, rc);
	if (!session_in_unit(s, r.to_unit_id, ROLE_CASEWORKER))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a caseworker of %s answers this "
				 "referral."),
			       r.to_name);
	return err_from_db(&s->err, db_staff_units(s->db, r.to_unit_id,
						   "caseworker", out, n));
}

/* ----------------------------------------------------------- answers */

/* Reads the referral for a step and checks who may take it. */
static int step_start(struct session *s, int64_t id, int version,
		      unsigned need, struct referral_rec *r)
{
	int rc = db_referral_get(s->db, id, r);

	err_clear(&s->err);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("There is no such referral."));
	if (rc)
		return err_from_db(&s->err, rc);
	if (r->version != version)
		return conflict(s);
	if (referral_rights(s, r) & need)
		return 0;
	if (need == RR_ANSWER) {
		if (!session_in_unit(s, r->to_unit_id, ROLE_CASEWORKER))
			return err_set(&s->err, ERR_DENIED,
				       _("Only a caseworker of %s answers this "
					 "referral."),
				       r->to_name);
		return err_set(&s->err, ERR_INVAL,
			       _("This referral is %s; it cannot be answered "
				 "now."),
			       referral_status_label(r->status));
	}
	if (need == RR_FORUM)
		return err_set(&s->err, ERR_INVAL,
			       _("A referral goes to the housing forum when it "
				 "is overdue or declined, by the sending unit "
				 "or a supervisor of either unit."));
	if (!session_in_unit(s, r->from_unit_id,
			     ROLE_CASEWORKER | ROLE_SUPERVISOR))
		return err_set(&s->err, ERR_DENIED,
			       _("Only the sending unit (%s) can do this."),
			       r->from_name);
	return err_set(&s->err, ERR_INVAL,
		       _("This referral is %s; that cannot be done now."),
		       referral_status_label(r->status));
}

static int step_save(struct session *s, struct db_referral_change *d)
{
	int rc = db_referral_change(s->db, d);
	if (rc == DB_CONFLICT)
		return conflict(s);
	return err_from_db(&s->err, rc);
}

int referral_accept(struct session *s, int64_t id, int version,
		    int64_t caseworker_id, const char *text)
{
	struct referral_rec r;
	struct staff_unit_rec *staff = NULL;
	struct db_referral_change d = {0};
	char answer[1025] = "", now[DB_TS], jt[400], who[129] = "";
	size_t n = 0, i;
	int rc;

	if ((rc = step_start(s, id, version, RR_ANSWER, &r)))
		return rc;
	if (!caseworker_id)
		caseworker_id = s->me.id;
	if ((rc = err_from_db(&s->err, db_staff_units(s->db, r.to_unit_id,
						      "caseworker", &staff, &n))))
		return rc;
	for (i = 0; i < n; i++)
		if (staff[i].staff_id == caseworker_id)
			snprintf(who, sizeof who, "%s", staff[i].name);
	free(staff);
	if (!who[0])
		return err_set_field(&s->err, ERR_INVAL, "caseworker",
				     _("Assign a caseworker of %s."), r.to_name);
	if (text && *text && !text_given(answer, sizeof answer, text, 1024))
		return err_set_field(&s->err, ERR_INVAL, "text",
				     _("The answer is at most 1024 bytes of "
				       "text."));
	session_now_ts(s, now);
	d.id = id;
	d.version = version;
	d.status = "accepted";
	d.answer_code = "accepted";
	d.answer_text = answer;
	d.assigned_to = caseworker_id;
	d.answered = 1;
	if (answer[0]) {
		d.msg_kind = "answer";
		d.msg_text = answer;
	}
	d.close_deadline = 1;
	d.case_id = r.case_id;
	d.staff_id = s->me.id;
	d.at = now;
	if (strcmp(r.kind, "transfer") == 0) {
		struct case_rec c;
		if ((rc = read_case(s, r.case_id, &c)))
			return rc;
		if (strcmp(c.status, "closed") == 0)
			return err_set(&s->err, ERR_INVAL,
				       _("Case %s is closed; it cannot be taken "
					 "over."),
				       c.number);
		/* the responsibility moves now, not a moment before */
		d.move_case_id = c.id;
		d.case_version = c.version;
		d.new_unit_id = r.to_unit_id;
		d.new_caseworker_id = caseworker_id;
		snprintf(jt, sizeof jt, "transfer to %s accepted; responsible %s, %s",
			 r.to_code, r.to_code, who);
	} else {
		snprintf(jt, sizeof jt, "referral to %s accepted; assigned %s",
			 r.to_code, who);
	}
	d.journal_text = jt;
	return step_save(s, &d);
}

static bool decline_code_valid(const char *code)
{
	for (size_t i = 0; referral_decline_codes[i]; i++)
		if (code && strcmp(code, referral_decline_codes[i]) == 0)
			return true;
	return false;
}

int referral_decline(struct session *s, int64_t id, int version,
		     const char *code, const char *text)
{
	struct referral_rec r;
	struct db_referral_change d = {0};
	char answer[1025], now[DB_TS], jt[1200];
	int rc;

	if ((rc = step_start(s, id, version, RR_ANSWER, &r)))
		return rc;
	if (!decline_code_valid(code))
		return err_set_field(&s->err, ERR_INVAL, "code",
				     _("A decline needs a reason: choose one of "
				       "the coded reasons and explain it in a "
				       "text."));
	if (!text_given(answer, sizeof answer, text, 1024))
		return err_set_field(&s->err, ERR_INVAL, "text",
				     _("A decline needs a reason: explain "
				       "\"%s\" in a text to the sender."),
				     referral_decline_label(code));
	session_now_ts(s, now);
	snprintf(jt, sizeof jt, "referral to %s declined (%s): %s", r.to_code,
		 code, answer);
	d.id = id;
	d.version = version;
	d.status = "declined";
	d.answer_code = code;
	d.answer_text = answer;
	d.answered = 1;
	d.msg_kind = "answer";
	d.msg_text = answer;
	d.close_deadline = 1;
	d.case_id = r.case_id;
	d.staff_id = s->me.id;
	d.at = now;
	d.journal_text = jt;
	return step_save(s, &d);
}

/* A question, a reply, a withdrawal, an escalation: a status and a text. */
static int simple_step(struct session *s, int64_t id, int version,
		       unsigned need, const char *in, const char *status,
		       const char *what)
{
	struct referral_rec r;
	struct db_referral_change d = {0};
	char text[1025], now[DB_TS], jt[1200];
	int rc;

	if ((rc = step_start(s, id, version, need, &r)))
		return rc;
	if (!text_given(text, sizeof text, in, 1024))
		return err_set_field(&s->err, ERR_INVAL, "text",
				     need == RR_WITHDRAW
					     ? _("A referral is withdrawn with a "
						 "reason (1 to 1024 bytes).")
				     : need == RR_FORUM
					     ? _("Say why the housing forum "
						 "should take this up (1 to 1024 "
						 "bytes).")
					     : _("Write the text (1 to 1024 "
						 "bytes)."));
	session_now_ts(s, now);
	snprintf(jt, sizeof jt, "referral to %s %s: %s", r.to_code, what, text);
	d.id = id;
	d.version = version;
	d.status = status;
	d.case_id = r.case_id;
	d.staff_id = s->me.id;
	d.at = now;
	d.journal_text = jt;
	switch (need) {
	case RR_ANSWER:
		d.msg_kind = "question";
		d.msg_text = text;
		break;
	case RR_REPLY:
		d.msg_kind = "answer";
		d.msg_text = text;
		break;
	case RR_WITHDRAW:
		d.withdraw_reason = text;
		d.close_deadline = 1;
		break;
	case RR_FORUM:
		d.forum_why = text;
		break;
	}
	return step_save(s, &d);
}

int referral_ask(struct session *s, int64_t id, int version,
		 const char *question)
{
	return simple_step(s, id, version, RR_ANSWER, question, "question",
			   "question");
}

int referral_reply(struct session *s, int64_t id, int version,
		   const char *answer)
{
	return simple_step(s, id, version, RR_REPLY, answer, "open", "answer");
}

int referral_withdraw(struct session *s, int64_t id, int version,
		      const char *reason)
{
	return simple_step(s, id, version, RR_WITHDRAW, reason, "withdrawn",
			   "withdrawn");
}

int referral_escalate(struct session *s, int64_t id, int version,
		      const char *why)
{
	return simple_step(s, id, version, RR_FORUM, why, "forum", "to forum");
}

/* ------------------------------------------------------------- lists */

size_t referral_lists(const struct session *s,
		      enum referral_list out[RL__COUNT])
{
	size_t n = 0;

	if (session_has_role(s, ROLE_CASEWORKER | ROLE_SUPERVISOR))
		out[n++] = RL_INBOX;
	if (session_has_role(s, ROLE_CASEWORKER))
		out[n++] = RL_SENT;
	if (session_has_role(s, ROLE_SUPERVISOR))
		out[n++] = RL_OVERDUE;
	return n;
}

static const enum db_referral_list db_lists[RL__COUNT] = {
	[RL_INBOX] = DBR_INBOX,
	[RL_SENT] = DBR_SENT,
	[RL_OVERDUE] = DBR_OVERDUE,
	[RL_CASE] = DBR_CASE,
};

/* The sender's list keeps answers of the last 30 days. */
static void list_dates(const struct session *s, char today[DB_DATE],
		       char since[DB_DATE])
{
	session_today_iso(s, today);
	date_iso(session_today(s) - 30, since);
}

static int list_check(struct session *s, enum referral_list l,
		      int64_t case_id)
{
	struct case_rec c;
	int rc;

	if ((unsigned)l >= RL__COUNT)
		return err_set(&s->err, ERR_INVAL, _("Unknown list."));
	if (l != RL_CASE)
		return 0;
	/* a case's referrals: whoever may see the case */
	if ((rc = read_case(s, case_id, &c)))
		return rc;
	if (access_case(s, &c) == AR_NONE)
		return err_set(&s->err, ERR_DENIED,
			       _("There is no such case, or you do not have "
				 "access to it."));
	return 0;
}

int referral_count(struct session *s, enum referral_list l, int64_t case_id,
		   long *n)
{
	char today[DB_DATE], since[DB_DATE];
	int rc;

	*n = 0;
	if ((rc = list_check(s, l, case_id)))
		return rc;
	list_dates(s, today, since);
	return err_from_db(&s->err, db_referral_count(s->db, db_lists[l],
						      s->me.id, case_id, today,
						      since, n));
}

int referral_page(struct session *s, enum referral_list l, int64_t case_id,
		  const struct referral_rec *after, size_t limit,
		  struct referral_rec *out, size_t *n)
{
	char today[DB_DATE], since[DB_DATE];
	int rc;

	*n = 0;
	if ((rc = list_check(s, l, case_id)))
		return rc;
	list_dates(s, today, since);
	rc = db_referral_page(s->db, db_lists[l], s->me.id, case_id, today,
			      since, after ? after->sort_key : "", limit, out, n);
	if (rc)
		return err_from_db(&s->err, rc);
	for (size_t i = 0; i < *n; i++) {
		out[i].may_open = line_may_open(s, &out[i]);
		hide_person(s, &out[i]);
	}
	return 0;
}

/* ------------------------------------------------------------- forum */

int forum_list(struct session *s, struct forum_rec **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!forum_member(s))
		return err_set(&s->err, ERR_DENIED,
			       _("The housing forum's agenda is for its members "
				 "and the supervisors."));
	return err_from_db(&s->err, db_forum_list(s->db, 50, out, n));
}

int forum_count(struct session *s, long *n)
{
	*n = 0;
	if (!forum_member(s))
		return 0;
	return err_from_db(&s->err, db_forum_open_count(s->db, n));
}

int forum_get(struct session *s, int64_t id, struct forum_rec *out)
{
	int rc;

	if (!forum_member(s))
		return err_set(&s->err, ERR_DENIED,
			       _("The housing forum's agenda is for its members "
				 "and the supervisors."));
	rc = db_forum_get(s->db, id, out);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no such item on the forum's agenda."));
	return err_from_db(&s->err, rc);
}

bool forum_may_conclude(const struct session *s, const struct forum_rec *f)
{
	if (f->concluded_at[0])
		return false;
	for (size_t i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].unit_kind, "forum") == 0)
			return true;
	return session_in_unit(s, f->case_unit_id, ROLE_SUPERVISOR) ||
	       (f->from_unit_id &&
		session_in_unit(s, f->from_unit_id, ROLE_SUPERVISOR)) ||
	       (f->to_unit_id && session_in_unit(s, f->to_unit_id, ROLE_SUPERVISOR));
}

int forum_conclude(struct session *s, int64_t id, int version,
		   int64_t unit_id, const char *conclusion)
{
	struct forum_rec f;
	struct case_rec c;
	struct unit_rec u;
	struct db_forum_conclusion d = {0};
	char text[1025], now[DB_TS], jt[1200];
	int64_t cw = 0;
	int rc;

	err_clear(&s->err);
	if ((rc = forum_get(s, id, &f)))
		return rc;
	if (f.version != version)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed this item after you "
				 "opened it. Open it again."));
	if (!forum_may_conclude(s, &f))
		return err_set(&s->err, ERR_DENIED,
			       f.concluded_at[0]
				       ? _("The forum has concluded on this item "
					   "already.")
				       : _("Only a member of the housing forum or "
					   "a supervisor of the units records "
					   "the forum's conclusion."));
	if (!text_given(text, sizeof text, conclusion, 1024))
		return err_set_field(&s->err, ERR_INVAL, "text",
				     _("Write the forum's conclusion: which "
				       "unit takes the responsibility, and why."));
	if ((rc = read_unit(s, unit_id, &u)) || (rc = read_case(s, f.case_id, &c)))
		return rc;
	if (!u.active || strcmp(u.kind, "external") == 0 ||
	    strcmp(u.kind, "forum") == 0 || strcmp(u.kind, "allocation") == 0)
		return err_set_field(&s->err, ERR_INVAL, "unit",
				     _("%s cannot be responsible for a case."),
				     u.name);
	if (u.id != c.unit_id) {
		if (strcmp(c.status, "closed") == 0)
			return err_set(&s->err, ERR_INVAL,
				       _("Case %s is closed; it cannot be taken "
					 "over."),
				       c.number);
		rc = db_unit_least_loaded(s->db, u.id, "caseworker", &cw);
		if (rc == DB_NOTFOUND)
			return err_set_field(&s->err, ERR_INVAL, "unit",
					     _("%s has no caseworker who could "
					       "take over the case."),
					     u.name);
		if (rc)
			return err_from_db(&s->err, rc);
		d.move = 1;
		d.case_version = c.version;
	}
	session_now_ts(s, now);
	snprintf(jt, sizeof jt, "forum: responsible unit %s: %s", u.code, text);
	d.id = id;
	d.version = version;
	d.conclusion = text;
	d.resp_unit_id = u.id;
	d.resp_staff_id = cw;
	if (f.referral_id && !strcmp(f.ref_status, "forum")) {
		d.referral_id = f.referral_id;
		d.ref_status = u.id == f.to_unit_id ? "accepted" : "declined";
	}
	d.case_id = c.id;
	d.staff_id = s->me.id;
	d.at = now;
	d.journal_text = jt;
	rc = db_forum_conclude(s->db, &d);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed this item or the case "
				 "meanwhile. Open it again."));
	return err_from_db(&s->err, rc);
}

/* ----------------------------------------------------------- journal */

static bool starts(const char *s, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (strncmp(s, prefix, n) != 0)
		return false;
	*rest = s + n;
	return true;
}

/* "CODE rest": the unit code into code, *rest after it */
static void take_code(const char *p, char code[17], const char **rest)
{
	size_t n = strcspn(p, " :;,");
	snprintf(code, 17, "%.*s", (int)(n < 16 ? n : 16), p);
	*rest = p + n;
}

static bool render_referral(const char *t, char *out, size_t size)
{
	const char *p, *rest;
	char code[17], reason[40];
	bool transfer;

	if (starts(t, "referral to ", &p))
		transfer = false;
	else if (starts(t, "transfer to ", &p))
		transfer = true;
	else
		return false;
	take_code(p, code, &p);
	if (starts(p, ": ", &rest))
		snprintf(out, size,
			 transfer ? _("Proposed to %s to take over the case: %s")
				  : _("Referred to %s: %s"),
			 code, rest);
	else if (starts(p, " accepted; responsible ", &rest)) {
		char unit[17];
		take_code(rest, unit, &rest);
		snprintf(out, size,
			 _("%s accepted the transfer; %s is now responsible, "
			   "caseworker %s."),
			 code, unit, rest[0] == ',' ? rest + 2 : rest);
	} else if (starts(p, " accepted; assigned ", &rest))
		snprintf(out, size, _("%s accepted the referral; caseworker %s."),
			 code, rest);
	else if (strcmp(p, " accepted") == 0)
		snprintf(out, size, _("%s accepted the referral."), code);
	else if (starts(p, " declined (", &rest)) {
		const char *close = strstr(rest, "): ");
		if (!close)
			return false;
		snprintf(reason, sizeof reason, "%.*s", (int)(close - rest), rest);
		snprintf(out, size, _("%s declined the referral (%s): %s"), code,
			 referral_decline_label(reason), close + 3);
	} else if (strcmp(p, " declined") == 0)
		snprintf(out, size, _("%s declined the referral."), code);
	else if (starts(p, " question: ", &rest))
		snprintf(out, size, _("%s asks: %s"), code, rest);
	else if (starts(p, " answer: ", &rest))
		snprintf(out, size, _("Answer to %s: %s"), code, rest);
	else if (starts(p, " withdrawn: ", &rest))
		snprintf(out, size, _("The referral to %s was withdrawn: %s"),
			 code, rest);
	else if (starts(p, " to forum: ", &rest))
		snprintf(out, size,
			 _("The referral to %s was put on the housing forum's "
			   "agenda: %s"),
			 code, rest);
	else
		return false;
	return true;
}

bool referral_journal_render(const struct journal_rec *j, char *out,
			     size_t size)
{
	const char *rest;
	char code[17];

	if (strcmp(j->kind, "referral") == 0)
		return render_referral(j->text, out, size);
	if (strcmp(j->kind, "forum") == 0 &&
	    starts(j->text, "forum: responsible unit ", &rest)) {
		take_code(rest, code, &rest);
		snprintf(out, size, _("Housing forum: %s takes the "
				      "responsibility. %s"),
			 code, starts(rest, ": ", &rest) ? rest : rest);
		return true;
	}
	if (strcmp(j->kind, "consent") == 0 &&
	    starts(j->text, "consent to ", &rest)) {
		take_code(rest, code, &rest);
		if (strcmp(rest, " given") == 0)
			snprintf(out, size, _("Consent to share information "
					      "with %s: given."), code);
		else if (strcmp(rest, " refused") == 0)
			snprintf(out, size, _("Consent to share information "
					      "with %s: refused."), code);
		else if (strcmp(rest, " withdrawn") == 0)
			snprintf(out, size, _("Consent to share information "
					      "with %s: withdrawn."), code);
		else
			return false;
		return true;
	}
	if (strcmp(j->kind, "plan") == 0 &&
	    starts(j->text, "individual plan ", &rest)) {
		char status[17];
		const char *rev = strstr(rest, " (revision ");
		int n;
		if (!rev)
			return false;
		snprintf(status, sizeof status, "%.*s",
			 (int)(rev - rest < 16 ? rev - rest : 16), rest);
		n = atoi(rev + 11);
		snprintf(out, size, _("Individual plan, version %d: %s."), n,
			 plan_status_label(status));
		return true;
	}
	return false;
}
