/*
 * Cases and their status machine.
 *
 *   registered -> assessment -> handed_over -> granted | waiting | rejected
 *        \______________________/   |  ^          |         |        |
 *                                   v  |          +-> appealed <-----+
 *                                 returned        granted -> housed -> closed
 *
 * A draft is not a case: it lives in the draft table until intake registers
 * it.  Every open case can be closed with a reason.  Who may make each move
 * is in the table below; anything not in it is refused.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static const char *const status_names[CS__COUNT] = {
	"registered", "assessment", "handed_over", "returned", "granted",
	"waiting",    "rejected",   "appealed",    "housed",   "closed",
};

static const char *const status_labels[CS__COUNT] = {
	N_("registered"),
	N_("in assessment"),
	N_("handed over"),
	N_("returned for information"),
	N_("granted"),
	N_("granted, waiting list"),
	N_("rejected"),
	N_("appealed"),
	N_("housed"),
	N_("closed"),
};

const char *case_status_name(enum case_status st)
{
	return (unsigned)st < CS__COUNT ? status_names[st] : "";
}

int case_status_from_name(const char *name)
{
	int i;
	for (i = 0; i < CS__COUNT; i++)
		if (name && strcmp(name, status_names[i]) == 0)
			return i;
	return -1;
}

const char *case_status_label(enum case_status st)
{
	return (unsigned)st < CS__COUNT ? _(status_labels[st]) : "";
}

static const char *const situation_names[SIT__COUNT] = {
	"temporary", "relatives",  "institution",   "rough",
	"eviction",  "unsuitable", "not_renewable", "adequate",
};

static const char *const situation_labels[SIT__COUNT] = {
	N_("homeless: casual or temporary accommodation"),
	N_("homeless: staying with relatives or friends"),
	N_("homeless: institution or prison, out within two months"),
	N_("homeless: sleeping rough, nowhere to sleep"),
	N_("at risk of losing the home"),
	N_("unsuitable dwelling"),
	N_("lease cannot be renewed"),
	N_("adequately housed"),
};

const char *situation_name(enum situation s)
{
	return (unsigned)s < SIT__COUNT ? situation_names[s] : "";
}

int situation_from_name(const char *name)
{
	int i;
	for (i = 0; i < SIT__COUNT; i++)
		if (name && strcmp(name, situation_names[i]) == 0)
			return i;
	return -1;
}

const char *situation_label(enum situation s)
{
	return (unsigned)s < SIT__COUNT ? _(situation_labels[s]) : "";
}

/* The national survey's four categories (DOMAIN.md, Homelessness). */
bool situation_homeless(enum situation s)
{
	return s <= SIT_ROUGH;
}

const char *track_label(const char *track)
{
	if (strcmp(track, "dwelling") == 0)
		return _("municipal dwelling");
	if (strcmp(track, "assistance") == 0)
		return _("housing assistance");
	if (strcmp(track, "both") == 0)
		return _("dwelling and assistance");
	return track;
}

const char *close_reason_label(const char *reason)
{
	static const struct {
		const char *name, *label;
	} t[] = {{"housed", N_("housed")},     {"moved", N_("moved")},
		 {"withdrawn", N_("withdrawn")}, {"rejected", N_("rejected")},
		 {"deceased", N_("deceased")}};
	size_t i;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(reason, t[i].name) == 0)
			return _(t[i].label);
	return reason;
}

const char *need_label(enum need n)
{
	switch (n) {
	case NEED_ADAPTED: return _("adapted dwelling");
	case NEED_STAFFED: return _("staffed housing");
	case NEED_FOLLOWUP: return _("follow-up in the home");
	case NEED_ECONOMIC: return _("economic advice");
	case NEED_OTHER: return _("other");
	}
	return "";
}

#define CW ROLE_CASEWORKER
#define AL ROLE_ALLOCATION
#define SV ROLE_SUPERVISOR
#define DK ROLE_DESK

static const struct transition {
	enum case_status from, to;
	unsigned roles;
} transitions[] = {
	{CS_REGISTERED, CS_ASSESSMENT, CW},
	{CS_RETURNED, CS_ASSESSMENT, CW},
	{CS_REGISTERED, CS_HANDED_OVER, CW},
	{CS_ASSESSMENT, CS_HANDED_OVER, CW},
	{CS_RETURNED, CS_HANDED_OVER, CW},
	{CS_HANDED_OVER, CS_RETURNED, AL},
	{CS_HANDED_OVER, CS_GRANTED, AL},
	{CS_HANDED_OVER, CS_WAITING, AL},
	{CS_HANDED_OVER, CS_REJECTED, AL},
	{CS_WAITING, CS_GRANTED, AL},
	{CS_WAITING, CS_REJECTED, AL},
	{CS_GRANTED, CS_APPEALED, CW | AL | DK},
	{CS_WAITING, CS_APPEALED, CW | AL | DK},
	{CS_REJECTED, CS_APPEALED, CW | AL | DK},
	{CS_APPEALED, CS_GRANTED, AL},
	{CS_APPEALED, CS_WAITING, AL},
	{CS_APPEALED, CS_REJECTED, AL},
	{CS_GRANTED, CS_HOUSED, CW | AL},
	{CS_REGISTERED, CS_CLOSED, CW | SV},
	{CS_ASSESSMENT, CS_CLOSED, CW | SV},
	{CS_RETURNED, CS_CLOSED, CW | SV},
	{CS_HANDED_OVER, CS_CLOSED, AL | SV},
	{CS_GRANTED, CS_CLOSED, CW | AL | SV},
	{CS_WAITING, CS_CLOSED, CW | AL | SV},
	{CS_REJECTED, CS_CLOSED, CW | SV},
	{CS_HOUSED, CS_CLOSED, CW | SV},
};

static const char *roles_text(unsigned roles, char *buf, size_t size)
{
	static const enum role all[] = {ROLE_DESK, ROLE_CASEWORKER,
					ROLE_ALLOCATION, ROLE_SUPERVISOR};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if ((roles & all[i]) && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? _(" or ") : "",
						role_label(all[i]));
	return buf;
}

int case_transition_check(enum case_status from, enum case_status to,
			  unsigned roles, struct err *e)
{
	size_t i;
	char who[160];

	if ((unsigned)from >= CS__COUNT || (unsigned)to >= CS__COUNT)
		return err_set(e, ERR_INVAL, _("Unknown case status."));
	for (i = 0; i < sizeof transitions / sizeof transitions[0]; i++) {
		const struct transition *t = &transitions[i];
		if (t->from != from || t->to != to)
			continue;
		if (roles & t->roles)
			return 0;
		return err_set(e, ERR_DENIED,
			       _("Only the %s can move a case from '%s' to "
				 "'%s'."),
			       roles_text(t->roles, who, sizeof who),
			       case_status_label(from), case_status_label(to));
	}
	return err_set(e, ERR_INVAL, _("A case that is '%s' cannot become '%s'."),
		       case_status_label(from), case_status_label(to));
}

unsigned case_roles(const struct session *s, const struct case_rec *c)
{
	unsigned r = 0;
	size_t i;

	for (i = 0; i < s->nmembers; i++) {
		enum role m = role_from_name(s->member[i].role);
		if (m == ROLE_ALLOCATION ||
		    s->member[i].unit_id == c->unit_id)
			r |= m;
	}
	return r;
}

int case_visible(struct session *s, int64_t case_id, struct case_rec *c,
		 const char *what, enum access_reason *why)
{
	int rc = db_case_get(s->db, case_id, c);
	enum access_reason r;

	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("There is no such case."));
	if (rc)
		return err_from_db(&s->err, rc);
	r = access_case(s, c);
	if (why)
		*why = r;
	if (r == AR_NONE) {
		access_log_denied(s, c->applicant_id, c->id, what);
		memset(c, 0, sizeof *c);
		/* the same answer as for a case that does not exist: a
		 * refusal must not confirm that someone has a case */
		return err_set(&s->err, ERR_DENIED,
			       _("There is no such case, or you do not have "
				 "access to it."));
	}
	return 0;
}

int case_open(struct session *s, int64_t case_id, struct case_rec *out)
{
	enum access_reason why;
	int rc = case_visible(s, case_id, out, "open", &why);

	if (rc)
		return rc;
	return access_log(s, out->applicant_id, out->id, why, "open");
}

int case_reread(struct session *s, int64_t case_id, struct case_rec *out)
{
	enum access_reason why;

	return case_visible(s, case_id, out, "open", &why);
}

int case_by_number(struct session *s, const char *number, int64_t *id)
{
	int rc = db_case_id_by_number(s->db, number, id);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no case %s."), number);
	return err_from_db(&s->err, rc);
}

static int change_status(struct session *s, int64_t case_id, int version,
			 enum case_status to, const char *close_reason,
			 const char *note)
{
	struct case_rec c;
	enum access_reason why;
	struct db_case_change ch = {0};
	char now[DB_TS], today[DB_DATE], text[1100];
	int from, rc;

	if ((rc = case_visible(s, case_id, &c, "open", &why)))
		return rc;
	from = case_status_from_name(c.status);
	if (from < 0)
		return err_set(&s->err, ERR_DB, _("The case has an unknown status."));
	if (c.version != version)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed case %s after you opened "
				 "it. Open it again to see their change."),
			       c.number);
	if ((rc = case_transition_check(from, to, case_roles(s, &c), &s->err)))
		return rc;
	session_now_ts(s, now);
	session_today_iso(s, today);
	snprintf(text, sizeof text, "%s -> %s%s%s", case_status_name(from),
		 case_status_name(to), note && *note ? ": " : "",
		 note ? note : "");
	ch.case_id = case_id;
	ch.version = version;
	ch.status = case_status_name(to);
	ch.close_reason = close_reason;
	ch.staff_id = s->me.id;
	ch.at = now;
	ch.today = today;
	ch.journal_kind = "status";
	ch.journal_text = text;
	rc = db_case_set_status(s->db, &ch);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed case %s after you opened "
				 "it. Open it again to see their change."),
			       c.number);
	return err_from_db(&s->err, rc);
}

int case_transition(struct session *s, int64_t case_id, int version,
		    enum case_status to, const char *note)
{
	if (to == CS_CLOSED)
		return err_set(&s->err, ERR_INVAL,
			       _("A case is closed with a reason."));
	return change_status(s, case_id, version, to, NULL, note);
}

int case_close(struct session *s, int64_t case_id, int version,
	       const char *reason, const char *note)
{
	static const char *const reasons[] = {"housed", "moved", "withdrawn",
					      "rejected", "deceased"};
	size_t i;

	for (i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reason && strcmp(reason, reasons[i]) == 0)
			return change_status(s, case_id, version, CS_CLOSED,
					     reason, note);
	return err_set_field(&s->err, ERR_INVAL, "reason",
			     _("A case is closed as housed, moved, withdrawn, "
			       "rejected or deceased."));
}

int case_note(struct session *s, int64_t case_id, const char *text)
{
	struct case_rec c;
	enum access_reason why;
	char now[DB_TS];
	int rc;

	if (!text || !*text || strlen(text) > 1024 ||
	    !utf8_valid(text, strlen(text)))
		return err_set_field(&s->err, ERR_INVAL, "note",
				     _("A note is 1 to 1024 bytes of text."));
	if ((rc = case_visible(s, case_id, &c, "open", &why)))
		return rc;
	session_now_ts(s, now);
	return err_from_db(&s->err, db_journal_add(s->db, case_id, s->me.id, now,
						   "note", text));
}

int case_journal(struct session *s, int64_t case_id, struct journal_rec **out,
		 size_t *n)
{
	struct case_rec c;
	enum access_reason why;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = case_visible(s, case_id, &c, "open", &why)))
		return rc;
	return err_from_db(&s->err, db_journal_list(s->db, case_id, out, n));
}

int case_household(struct session *s, int64_t case_id,
		   struct hh_member_rec **out, size_t *n)
{
	struct case_rec c;
	enum access_reason why;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = case_visible(s, case_id, &c, "open", &why)))
		return rc;
	if (!c.household_id)
		return 0;
	return err_from_db(&s->err,
			   db_case_household(s->db, c.household_id, out, n));
}

int case_docs(struct session *s, int64_t case_id, struct doc_rec **out,
	      size_t *n)
{
	struct case_rec c;
	enum access_reason why;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = case_visible(s, case_id, &c, "open", &why)))
		return rc;
	return err_from_db(&s->err, db_case_docs(s->db, case_id, out, n));
}

int case_consents(struct session *s, int64_t case_id,
		  struct consent_rec **out, size_t *n)
{
	struct case_rec c;
	enum access_reason why;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = case_visible(s, case_id, &c, "open", &why)))
		return rc;
	return err_from_db(&s->err,
			   db_person_consents(s->db, c.applicant_id, out, n));
}

int case_next_deadline(struct session *s, int64_t case_id, char kind[17],
		       char due[DB_DATE])
{
	struct case_rec c;
	enum access_reason why;
	int rc;

	kind[0] = due[0] = '\0';
	if ((rc = case_visible(s, case_id, &c, "open", &why)))
		return rc;
	return err_from_db(&s->err,
			   db_case_next_deadline(s->db, case_id, kind, due));
}

const char *deadline_kind_label(const char *kind)
{
	static const struct {
		const char *name, *label;
	} t[] = {
		{"interim", N_("decision or interim reply")},
		{"decision", N_("decision promised")},
		{"referral", N_("referral answer")},
		{"referral_owed", N_("referral answer we owe")},
		{"evaluation", N_("plan evaluation")},
		{"returned", N_("returned, not resubmitted")},
		{"reassessment", N_("appeal reassessment")},
		{"lease_review", N_("lease review")},
		{"appeal", N_("appeal deadline")},
	};
	size_t i;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(kind, t[i].name) == 0)
			return _(t[i].label);
	return kind;
}

const char *doc_kind_label(const char *kind)
{
	static const struct {
		const char *name, *label;
	} t[] = {
		{"id", N_("identity document")},
		{"income", N_("income documentation")},
		{"tax", N_("tax assessment")},
		{"arrears", N_("rent arrears statement")},
		{"lease", N_("present lease or notice")},
		{"discharge", N_("discharge or release date")},
		{"other", N_("other document")},
	};
	size_t i;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(kind, t[i].name) == 0)
			return _(t[i].label);
	return kind;
}
