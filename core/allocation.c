/*
 * Handover to the allocation group (tildelingsgruppen), its return for
 * more information, and the allocation queue in order of priority.
 *
 * The checklist a case must meet before it is handed over is configured
 * ([handover] checklist); what is missing is named, item by item, so the
 * caseworker knows what to fetch, instead of the allocation group sending
 * the case back.  The priority is the sum of the configured weights that
 * apply to a case; db computes every part with one expression so that the
 * order of the queue and the explanation on the screen always agree.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"

static const struct {
	unsigned item;
	const char *name;
	const char *label; /* what is missing, for the caseworker */
} items[] = {
	{HI_IDENTITY, "identity", N_("the identity document (received or not "
				     "needed)")},
	{HI_HOUSEHOLD, "household", N_("the household (the applicant and the "
				       "others living together)")},
	{HI_INCOME, "income", N_("income documentation (received or not "
				 "needed)")},
	{HI_SITUATION, "situation", N_("the housing situation and the needs "
				       "mapped (a discharge date for an "
				       "institution, a note on other needs)")},
	{HI_CONSENT, "consent", N_("the applicant's consent to share "
				   "information with the allocation group")},
};
#define NITEMS (sizeof items / sizeof items[0])
/* HI_INSTRUMENTS: [instruments] required, not a checklist word */
static const char instruments_label[] =
	N_("every housing instrument considered (the instruments panel: "
	   "not relevant, with a reason, counts)");

unsigned handover_item_from_name(const char *name)
{
	for (size_t i = 0; i < NITEMS; i++)
		if (name && strcasecmp(name, items[i].name) == 0)
			return items[i].item;
	return 0;
}

const char *handover_item_name(unsigned item)
{
	for (size_t i = 0; i < NITEMS; i++)
		if (items[i].item == item)
			return items[i].name;
	return "";
}

const char *handover_item_label(unsigned item)
{
	for (size_t i = 0; i < NITEMS; i++)
		if (items[i].item == item)
			return _(items[i].label);
	if (item == HI_INSTRUMENTS)
		return _(instruments_label);
	return "";
}

/* ------------------------------------------------------------- access */

static int stale(struct session *s, const struct case_rec *c)
{
	return err_set(&s->err, ERR_CONFLICT,
		       _("Someone else changed case %s after you opened it. "
			 "Open it again to see their change."),
		       c->number);
}

/* A text the user must give: 1 to max bytes of UTF-8. */
static bool text_ok(const char *t, size_t max)
{
	const char *p = t;

	if (!t || strlen(t) > max || !utf8_valid(t, strlen(t)))
		return false;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return *p != '\0';
}

/* ------------------------------------------------------------ handover */

static unsigned missing_items(struct session *s, const struct case_rec *c,
			      const struct db_handover_facts *f)
{
	unsigned want = s->cfg->handover_checks, miss = 0;
	int sit = situation_from_name(c->situation);

	if ((want & HI_IDENTITY) && !f->doc_id)
		miss |= HI_IDENTITY;
	if ((want & HI_HOUSEHOLD) && !f->has_household)
		miss |= HI_HOUSEHOLD;
	if ((want & HI_INCOME) && !f->doc_income)
		miss |= HI_INCOME;
	if ((want & HI_SITUATION) &&
	    (sit < 0 || (sit == SIT_INSTITUTION && !c->discharge[0]) ||
	     ((c->needs & NEED_OTHER) && !c->needs_note[0])))
		miss |= HI_SITUATION;
	if ((want & HI_CONSENT) && !f->consent_allocation)
		miss |= HI_CONSENT;
	if (s->cfg->instruments_required) {
		int n = 0;
		if (instrument_unconsidered(s, c->id, &n) != 0 || n > 0)
			miss |= HI_INSTRUMENTS;
	}
	return miss;
}

static void missing_text(unsigned miss, char *out, size_t size,
			 const char *sep)
{
	size_t used = 0;

	if (size)
		out[0] = '\0';
	for (size_t i = 0; i < NITEMS && used < size; i++)
		if (miss & items[i].item)
			used += (size_t)snprintf(out + used, size - used, "%s%s",
						 used ? sep : "",
						 _(items[i].label));
	if ((miss & HI_INSTRUMENTS) && used < size)
		snprintf(out + used, size - used, "%s%s", used ? sep : "",
			 _(instruments_label));
}

int handover_missing(struct session *s, int64_t case_id, unsigned *missing,
		     char *out, size_t size)
{
	struct case_rec c;
	struct db_handover_facts f;
	int rc;

	*missing = 0;
	if (size)
		out[0] = '\0';
	if ((rc = case_visible(s, case_id, &c, "allocation", NULL)))
		return rc;
	if ((rc = db_handover_facts(s->db, case_id, &f)))
		return err_from_db(&s->err, rc);
	*missing = missing_items(s, &c, &f);
	missing_text(*missing, out, size, "\n");
	return 0;
}

int handover_give(struct session *s, int64_t case_id, int version,
		  const char *summary)
{
	struct case_rec c;
	struct db_handover_facts f;
	struct db_handover h = {0};
	char now[DB_TS], today[DB_DATE], list[1200], text[1200];
	unsigned miss;
	int from, rc;

	if ((rc = case_visible(s, case_id, &c, "allocation", NULL)))
		return rc;
	if (c.version != version)
		return stale(s, &c);
	from = case_status_from_name(c.status);
	if ((rc = case_transition_check(from, CS_HANDED_OVER, case_roles(s, &c),
					&s->err)))
		return rc;
	if ((rc = db_handover_facts(s->db, case_id, &f)))
		return err_from_db(&s->err, rc);
	if ((miss = missing_items(s, &c, &f))) {
		missing_text(miss, list, sizeof list, "; ");
		return err_set_field(&s->err, ERR_INVAL, "checklist",
				     _("The case cannot be handed over yet. "
				       "Missing: %s."),
				     list);
	}
	if (!text_ok(summary, 1000))
		return err_set_field(&s->err, ERR_INVAL, "summary",
				     _("A handover needs a summary note for "
				       "the allocation group (at most 1000 "
				       "bytes)."));
	session_now_ts(s, now);
	session_today_iso(s, today);
	snprintf(text, sizeof text, "%s -> handed_over: %s", c.status, summary);
	h.case_id = case_id;
	h.version = version;
	h.staff_id = s->me.id;
	h.unit_id = c.unit_id;
	h.at = now;
	h.today = today;
	h.text = summary;
	h.journal_text = text;
	rc = db_handover_give(s->db, &h);
	if (rc == DB_CONFLICT)
		return stale(s, &c);
	return err_from_db(&s->err, rc);
}

int handover_return(struct session *s, int64_t case_id, int version,
		    const char *reason)
{
	struct case_rec c;
	struct db_handover h = {0};
	char now[DB_TS], today[DB_DATE], due[DB_DATE], text[1200];
	int rc;

	if ((rc = case_visible(s, case_id, &c, "allocation", NULL)))
		return rc;
	if (c.version != version)
		return stale(s, &c);
	if ((rc = case_transition_check(case_status_from_name(c.status),
					CS_RETURNED, case_roles(s, &c), &s->err)))
		return rc;
	if (!text_ok(reason, 1000))
		return err_set_field(&s->err, ERR_INVAL, "reason",
				     _("A case is returned with the reason: "
				       "what the allocation group needs (at "
				       "most 1000 bytes)."));
	session_now_ts(s, now);
	session_today_iso(s, today);
	/* the unit answers as it would a referral */
	date_iso(session_today(s) + s->cfg->referral_days, due);
	snprintf(text, sizeof text, "handed_over -> returned: %s", reason);
	h.case_id = case_id;
	h.version = version;
	h.staff_id = s->me.id;
	h.at = now;
	h.today = today;
	h.text = reason;
	h.journal_text = text;
	h.returned_due = due;
	h.returned_unit_id = c.unit_id;
	h.returned_staff_id = c.caseworker_id;
	rc = db_handover_return(s->db, &h);
	if (rc == DB_CONFLICT)
		return stale(s, &c);
	return err_from_db(&s->err, rc);
}

int handover_last(struct session *s, int64_t case_id,
		  struct handover_rec *out)
{
	struct case_rec c;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = case_visible(s, case_id, &c, "allocation", NULL)))
		return rc;
	rc = db_handover_last(s->db, case_id, out);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("The case has not been handed over."));
	return err_from_db(&s->err, rc);
}

int handover_doc_set(struct session *s, int64_t case_id, const char *kind,
		     const char *state)
{
	struct case_rec c;
	char now[DB_TS], today[DB_DATE], text[120];
	int rc;

	if (!state || (strcmp(state, "missing") && strcmp(state, "received") &&
		       strcmp(state, "not_needed")))
		return err_set_field(&s->err, ERR_INVAL, "state",
				     _("A document is received, missing or not "
				       "needed."));
	if ((rc = case_visible(s, case_id, &c, "allocation", NULL)))
		return rc;
	if (!session_in_unit(s, c.unit_id, ROLE_CASEWORKER | ROLE_DESK))
		return err_set(&s->err, ERR_DENIED,
			       _("Only the responsible unit completes the "
				 "checklist of a case."));
	session_now_ts(s, now);
	session_today_iso(s, today);
	snprintf(text, sizeof text, "document %.32s: %s", kind, state);
	rc = db_doc_set(s->db, case_id, kind, state,
			strcmp(state, "received") == 0 ? today : "", s->me.id,
			now, text);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("The document is not on the case's "
				 "checklist."));
	return err_from_db(&s->err, rc);
}

/* ------------------------------------------------------- the priority */

int alloc_rooms_needed(int persons)
{
	/* the same rule as db's ROOMS_NEEDED */
	return persons <= 1 ? 1 : persons == 2 ? 2 : persons <= 4 ? 3 : 4;
}

static void query_init(const struct session *s, struct db_alloc_query *q,
		       char today[DB_DATE], char adult[DB_DATE],
		       char discharge[DB_DATE])
{
	day_t t = session_today(s);

	memset(q, 0, sizeof *q);
	q->w_homeless = s->cfg->w_homeless;
	q->w_children = s->cfg->w_children;
	q->w_health = s->cfg->w_health;
	q->w_discharge = s->cfg->w_discharge;
	q->w_month = s->cfg->w_waiting_month;
	q->health_mask = NEED_ADAPTED | NEED_STAFFED;
	q->adapted_bit = NEED_ADAPTED;
	q->staffed_bit = NEED_STAFFED;
	date_iso(t, today);
	/* under 18: born after this day */
	date_iso(date_add_months(t, -18 * 12), adult);
	/* to be discharged within two months (DOMAIN.md, homelessness 3) */
	date_iso(date_add_months(t, 2), discharge);
	q->today = today;
	q->adult_born = adult;
	q->discharge_by = discharge;
}

static void apply_filter(struct db_alloc_query *q, const struct alloc_filter *f)
{
	if (!f)
		return;
	q->track = f->track[0] ? f->track : NULL;
	q->min_size = f->min_size;
	q->max_size = f->max_size;
	q->needs = f->needs;
}

void alloc_priority_from(const struct session *s,
			 const struct db_alloc_line *l,
			 struct alloc_priority *p)
{
	const struct config *cfg = s->cfg;

	p->homeless = l->homeless ? cfg->w_homeless : 0;
	p->children = l->children ? cfg->w_children : 0;
	p->health = l->health ? cfg->w_health : 0;
	p->discharge = l->discharge ? cfg->w_discharge : 0;
	p->months = l->months;
	p->waiting = l->months * cfg->w_waiting_month;
	p->total = l->total;
}

int alloc_priority_of(struct session *s, int64_t case_id,
		      struct alloc_priority *p)
{
	struct db_alloc_query q;
	struct db_alloc_line line;
	struct case_rec c;
	char today[DB_DATE], adult[DB_DATE], discharge[DB_DATE];
	size_t n = 0;
	int rc;

	memset(p, 0, sizeof *p);
	if ((rc = case_visible(s, case_id, &c, "allocation", NULL)))
		return rc;
	query_init(s, &q, today, adult, discharge);
	q.case_id = case_id;
	if ((rc = db_alloc_page(s->db, &q, NULL, 1, &line, &n)))
		return err_from_db(&s->err, rc);
	if (n == 0)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("The case is not in the allocation queue."));
	alloc_priority_from(s, &line, p);
	return 0;
}

void alloc_priority_explain(const struct alloc_priority *p, char *out,
			    size_t size)
{
	snprintf(out, size,
		 _("%d = homeless %d + children %d + health %d + discharge %d "
		   "+ waiting %d (%d months)"),
		 p->total, p->homeless, p->children, p->health, p->discharge,
		 p->waiting, p->months);
}

static int need_allocation(struct session *s)
{
	if (session_has_role(s, ROLE_ALLOCATION))
		return 0;
	return err_set(&s->err, ERR_DENIED,
		       _("Only the allocation group sees the allocation "
			 "queue."));
}

int alloc_queue_page(struct session *s, const struct alloc_filter *f,
		     const struct db_alloc_line *after, size_t limit,
		     struct db_alloc_line *out, size_t *n)
{
	struct db_alloc_query q;
	char today[DB_DATE], adult[DB_DATE], discharge[DB_DATE];
	int rc;

	*n = 0;
	if ((rc = need_allocation(s)))
		return rc;
	query_init(s, &q, today, adult, discharge);
	apply_filter(&q, f);
	return err_from_db(&s->err,
			   db_alloc_page(s->db, &q,
					 after ? after->line.sort_key : NULL,
					 limit, out, n));
}

int alloc_queue_count(struct session *s, const struct alloc_filter *f,
		      long *n)
{
	struct db_alloc_query q;
	char today[DB_DATE], adult[DB_DATE], discharge[DB_DATE];
	int rc;

	*n = 0;
	if ((rc = need_allocation(s)))
		return rc;
	query_init(s, &q, today, adult, discharge);
	apply_filter(&q, f);
	return err_from_db(&s->err, db_alloc_count(s->db, &q, n));
}

int dwelling_candidates(struct session *s, int64_t dwelling_id,
			const struct db_alloc_line *after, size_t limit,
			struct db_alloc_line *out, size_t *n)
{
	struct db_alloc_query q;
	char today[DB_DATE], adult[DB_DATE], discharge[DB_DATE];
	int rc;

	*n = 0;
	if ((rc = need_allocation(s)))
		return rc;
	query_init(s, &q, today, adult, discharge);
	q.suits_dwelling = dwelling_id;
	return err_from_db(&s->err,
			   db_alloc_page(s->db, &q,
					 after ? after->line.sort_key : NULL,
					 limit, out, n));
}

/* ------------------------------------------------------------- lists */

static const char *const list_labels[AL__COUNT] = {
	[AL_DECISIONS] = N_("New decisions"),
	[AL_APPEALS] = N_("Appeals"),
	[AL_LEASES] = N_("Leases to review"),
};

const char *alloc_list_label(enum alloc_list l)
{
	return (unsigned)l < AL__COUNT ? _(list_labels[l]) : "";
}

size_t alloc_list_kinds(const struct session *s,
			enum alloc_list out[AL__COUNT])
{
	size_t n = 0;
	bool cw = session_has_role(s, ROLE_CASEWORKER | ROLE_SUPERVISOR);
	bool al = session_has_role(s, ROLE_ALLOCATION);

	if (cw)
		out[n++] = AL_DECISIONS;
	if (al)
		out[n++] = AL_APPEALS;
	if (cw || al)
		out[n++] = AL_LEASES;
	return n;
}

static const enum db_alloc_list db_lists[AL__COUNT] = {
	[AL_DECISIONS] = DBL_DECISIONS_NEW,
	[AL_APPEALS] = DBL_APPEALS,
	[AL_LEASES] = DBL_LEASE_REVIEW,
};

/* The allocation group sees every unit's appeals and leases; others their
 * own units'. */
static int list_all_units(const struct session *s, enum alloc_list l)
{
	return l != AL_DECISIONS && session_has_role(s, ROLE_ALLOCATION);
}

int alloc_list_count(struct session *s, enum alloc_list l, long *n)
{
	char today[DB_DATE];

	*n = 0;
	if ((unsigned)l >= AL__COUNT)
		return err_set(&s->err, ERR_INVAL, _("Unknown queue."));
	session_today_iso(s, today);
	return err_from_db(&s->err,
			   db_alloc_list_count(s->db, db_lists[l], s->me.id,
					       list_all_units(s, l), today, n));
}

int alloc_list_page(struct session *s, enum alloc_list l,
		    const struct db_case_line *after, size_t limit,
		    struct db_case_line *out, size_t *n)
{
	char today[DB_DATE];

	*n = 0;
	if ((unsigned)l >= AL__COUNT)
		return err_set(&s->err, ERR_INVAL, _("Unknown queue."));
	session_today_iso(s, today);
	return err_from_db(&s->err,
			   db_alloc_list_page(s->db, db_lists[l], s->me.id,
					      list_all_units(s, l), today,
					      after ? after->sort_key : NULL,
					      limit, out, n));
}

/* ------------------------------------------------------------ journal */

/*
 * The journal forms of the allocation work (kind: text), stored in
 * English and shown in the reader's language:
 *
 *   status    FROM -> appealed: late
 *   document  document KIND: received|missing|not_needed
 *   decision  decision: OUTCOME[; dwelling ADDRESS]
 *   decision  delivered YYYY-MM-DD
 *   appeal    appeal upheld and forwarded to BODY
 *   appeal    appeal: decision changed
 *   appeal    appeal body outcome: upheld|changed|quashed
 *   lease     lease START to END, review DAY[; shorter: GROUND]
 *   lease     lease review: private|buy|end
 *   lease     lease ended DAY
 *
 * A handover and a return are status lines ("assessment -> handed_over:
 * summary", "handed_over -> returned: reason").
 */
static const char *iso_shown(const char *iso, char out[DB_DATE])
{
	char d[DB_DATE];

	snprintf(d, sizeof d, "%.10s", iso);
	date_show(d, out);
	return out;
}

static const char *doc_state_text(const char *state)
{
	if (strcmp(state, "received") == 0)
		return _("received");
	if (strcmp(state, "missing") == 0)
		return _("missing");
	if (strcmp(state, "not_needed") == 0)
		return _("not needed");
	return state;
}

bool journal_render_allocation(const struct journal_rec *j, char *out,
			       size_t size)
{
	const char *t = j->text, *p;
	char a[DB_DATE], b[DB_DATE], c[DB_DATE], word[64];

	if (strcmp(j->kind, "status") == 0) {
		size_t n = strlen(t);
		/* FROM -> appealed: late */
		if (n > 6 && strcmp(t + n - 6, ": late") == 0 &&
		    (p = strstr(t, " -> appealed")) && p + 12 == t + n - 6) {
			int st = case_status_from_name(
				(snprintf(word, sizeof word, "%.*s", (int)(p - t), t),
				 word));
			snprintf(out, size, _("Status: %s → %s. The appeal came "
					      "after the deadline."),
				 st >= 0 ? case_status_label(st) : word,
				 case_status_label(CS_APPEALED));
			return true;
		}
		return false;
	}
	if (strncmp(t, "document ", 9) == 0 && (p = strstr(t, ": "))) {
		snprintf(word, sizeof word, "%.*s", (int)(p - t - 9), t + 9);
		snprintf(out, size, _("Document: %s, %s."), doc_kind_label(word),
			 doc_state_text(p + 2));
		return true;
	}
	if (strncmp(t, "decision: ", 10) == 0) {
		const char *dw = strstr(t, "; dwelling ");
		snprintf(word, sizeof word, "%.*s",
			 (int)(dw ? dw - t - 10 : (long)strlen(t + 10)), t + 10);
		if (dw)
			snprintf(out, size, _("Decision: %s. The dwelling: %s."),
				 decision_outcome_label(word), dw + 11);
		else
			snprintf(out, size, _("Decision: %s."),
				 decision_outcome_label(word));
		return true;
	}
	if (strncmp(t, "delivered ", 10) == 0) {
		snprintf(out, size,
			 _("The decision reached the applicant on %s."),
			 iso_shown(t + 10, a));
		return true;
	}
	if (strncmp(t, "appeal upheld and forwarded to ", 31) == 0) {
		snprintf(out, size,
			 _("Appeal: the decision is upheld and the appeal is "
			   "forwarded to %s."),
			 t + 31);
		return true;
	}
	if (strcmp(t, "appeal: decision changed") == 0) {
		snprintf(out, size, "%s",
			 _("Appeal: the decision is changed by a new "
			   "decision."));
		return true;
	}
	if (strncmp(t, "appeal body outcome: ", 21) == 0) {
		snprintf(out, size, _("The appeal body's outcome: %s."),
			 appeal_outcome_label(t + 21));
		return true;
	}
	if (strncmp(t, "lease review: ", 14) == 0) {
		snprintf(out, size, _("Lease review: %s."),
			 lease_outcome_label(t + 14));
		return true;
	}
	if (strncmp(t, "lease ended ", 12) == 0) {
		snprintf(out, size, _("The lease ended %s."),
			 iso_shown(t + 12, a));
		return true;
	}
	/* lease START to END, review DAY[; shorter: GROUND] */
	if (strncmp(t, "lease ", 6) == 0 && strlen(t) >= 44 &&
	    strncmp(t + 16, " to ", 4) == 0 &&
	    strncmp(t + 30, ", review ", 9) == 0) {
		const char *g = strstr(t, "; shorter: ");
		iso_shown(t + 6, a);
		iso_shown(t + 20, b);
		iso_shown(t + 39, c);
		if (g)
			snprintf(out, size,
				 _("Lease from %s to %s, to be reviewed %s. "
				   "Shorter than the minimum: %s"),
				 a, b, c, g + 11);
		else
			snprintf(out, size,
				 _("Lease from %s to %s, to be reviewed %s."),
				 a, b, c);
		return true;
	}
	return false;
}
