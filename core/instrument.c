/*
 * The housing instruments seen together for each household (issue 8).
 *
 * A household is helped by a combination of instruments held by
 * different units, and they fail when nobody looks at them together
 * (DOMAIN.md, "Instruments are not seen together").  Every case has a
 * panel of the instruments the municipality offers ([instruments]), each
 * not yet considered, considered and not relevant (with a reason), to be
 * applied for, applied (the day and the handling unit), granted or
 * refused, with a note.  Every change is journaled and guarded by the
 * version of the instrument's row.
 *
 * The journal form (kind "instrument"), stable English:
 *
 *   CODE: FROM -> TO[; applied YYYY-MM-DD at UNIT][; reason: TEXT][; note: TEXT]
 *   CODE: referral to UNIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* The order of the [instruments] keys (config.c). */
static const struct {
	const char *code;
	const char *label;
} defs[CFG_INSTRUMENTS] = {
	{"housing_allowance", N_("Housing allowance (bostøtte)")},
	{"start_loan", N_("Start loan (startlån)")},
	{"grant_establishment", N_("Grant for establishment")},
	{"grant_adaptation", N_("Grant for adaptation")},
	{"deposit", N_("Deposit guarantee or loan")},
	{"municipal_allowance", N_("Municipal housing allowance")},
	{"debt_advice", N_("Financial advice and debt counselling")},
	{"follow_up", N_("Follow-up in the home (booppfølging)")},
	{"municipal_dwelling", N_("Municipal rental dwelling")},
	{"private_market", N_("Help to find a private-market dwelling")},
};
/* The dwelling itself is not "other help" for a refused dwelling. */
#define DWELLING_CODE "municipal_dwelling"

static const struct {
	const char *name;
	const char *label;
} states[IS__COUNT] = {
	{"none", N_("not yet considered")},
	{"not_relevant", N_("not relevant")},
	{"to_apply", N_("to be applied for")},
	{"applied", N_("applied")},
	{"granted", N_("granted")},
	{"refused", N_("application refused")},
};

#define TEXT_MAX 512

const char *instr_state_name(enum instr_state st)
{
	return (unsigned)st < IS__COUNT ? states[st].name : "";
}

int instr_state_from_name(const char *name)
{
	for (int i = 0; i < IS__COUNT; i++)
		if (name && strcmp(name, states[i].name) == 0)
			return i;
	return -1;
}

const char *instr_state_label(enum instr_state st)
{
	return (unsigned)st < IS__COUNT ? _(states[st].label) : "";
}

const char *instrument_code(size_t i)
{
	return i < CFG_INSTRUMENTS ? defs[i].code : "";
}

int instrument_index(const char *code)
{
	for (int i = 0; i < CFG_INSTRUMENTS; i++)
		if (code && strcmp(code, defs[i].code) == 0)
			return i;
	return -1;
}

const char *instrument_label(const char *code)
{
	int i = instrument_index(code);
	return i < 0 ? code : _(defs[i].label);
}

bool instrument_offered(const struct config *cfg, size_t i)
{
	return i < CFG_INSTRUMENTS &&
	       strcmp(cfg->instrument_unit[i], "none") != 0 &&
	       strcmp(cfg->instrument_unit[i], "NONE") != 0;
}

/* ----------------------------------------------------------- helpers */

/* Optional text: 0 to max bytes of UTF-8. */
static bool text_fits(const char *t, size_t max)
{
	return !t || (strlen(t) <= max && utf8_valid(t, strlen(t)));
}

static bool text_given(const char *t)
{
	if (!t)
		return false;
	while (*t == ' ' || *t == '\t' || *t == '\n')
		t++;
	return *t != '\0';
}

/* The configured handling unit of instrument i on case c. */
static void handler_of(struct session *s, const struct case_rec *c, size_t i,
		       struct instrument_line *l)
{
	const char *code = s->cfg->instrument_unit[i];
	struct unit_rec u;

	l->handler_id = 0;
	l->handler_code[0] = l->handler_name[0] = '\0';
	if (code[0] == '\0') {
		if (db_unit_by_id(s->db, c->unit_id, &u) == DB_OK) {
			l->handler_id = u.id;
			snprintf(l->handler_code, sizeof l->handler_code, "%s",
				 u.code);
			snprintf(l->handler_name, sizeof l->handler_name, "%s",
				 u.name);
		}
	} else if (db_unit_get(s->db, code, &u) == DB_OK) {
		l->handler_id = u.id;
		snprintf(l->handler_code, sizeof l->handler_code, "%s", u.code);
		snprintf(l->handler_name, sizeof l->handler_name, "%s", u.name);
	} else {
		/* configured but not registered: shown, never referred to */
		snprintf(l->handler_code, sizeof l->handler_code, "%s", code);
		snprintf(l->handler_name, sizeof l->handler_name, "%s", code);
	}
	l->other_unit = l->handler_id && l->handler_id != c->unit_id;
}

static int line_of(struct session *s, const struct case_rec *c, size_t i,
		   struct instrument_line *l)
{
	int rc, st;

	memset(l, 0, sizeof *l);
	rc = db_instrument_get(s->db, c->id, defs[i].code, &l->r);
	if (rc == DB_NOTFOUND) {
		memset(&l->r, 0, sizeof l->r);
		snprintf(l->r.code, sizeof l->r.code, "%s", defs[i].code);
		snprintf(l->r.state, sizeof l->r.state, "%s", "none");
	} else if (rc) {
		return err_from_db(&s->err, rc);
	}
	st = instr_state_from_name(l->r.state);
	l->state = st < 0 ? IS_NONE : (enum instr_state)st;
	handler_of(s, c, i, l);
	return 0;
}

/* The checks every change of an instrument makes first: the case may be
 * seen, the instrument is offered by the configuration, and its line as
 * stored is still the version the user read. */
static int line_for_change(struct session *s, int64_t case_id,
			   const char *code, int version, struct case_rec *c,
			   struct instrument_line *l)
{
	int i, rc;

	if ((rc = case_visible(s, case_id, c, "instrument", NULL)))
		return rc;
	i = instrument_index(code);
	if (i < 0 || !instrument_offered(s->cfg, (size_t)i))
		return err_set_field(&s->err, ERR_INVAL, "instrument",
				     _("There is no such housing instrument "
				       "in the configuration."));
	if ((rc = line_of(s, c, (size_t)i, l)))
		return rc;
	if (l->r.version != version)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed %s on case %s after "
				 "you read it. Here is their change: %s."),
			       instrument_label(code), c->number,
			       instr_state_label(l->state));
	return 0;
}

/* ------------------------------------------------------------- panel */

int instrument_panel(struct session *s, int64_t case_id,
		     struct instrument_line out[CFG_INSTRUMENTS], size_t *n)
{
	struct case_rec c;
	int rc;

	*n = 0;
	err_clear(&s->err);
	if ((rc = case_visible(s, case_id, &c, "instrument", NULL)))
		return rc;
	for (size_t i = 0; i < CFG_INSTRUMENTS; i++) {
		if (!instrument_offered(s->cfg, i))
			continue;
		if ((rc = line_of(s, &c, i, &out[*n])))
			return rc;
		(*n)++;
	}
	return 0;
}

bool instrument_may_edit(struct session *s, const struct case_rec *c)
{
	return access_case(s, c) == AR_OWN &&
	       session_in_unit(s, c->unit_id, ROLE_CASEWORKER | ROLE_DESK) &&
	       strcmp(c->status, "closed") != 0;
}

static int set_with(struct session *s, const struct instrument_change *ch,
		    int64_t referral_id)
{
	struct case_rec c;
	struct instrument_line l;
	struct db_instrument_change d = {0};
	char today[DB_DATE], now[DB_TS], applied[DB_DATE], text[1025];
	const char *reason, *note;
	int rc;
	size_t used;

	err_clear(&s->err);
	if ((unsigned)ch->state >= IS__COUNT)
		return err_set_field(&s->err, ERR_INVAL, "state",
				     _("Choose one of the instrument's "
				       "states."));
	if ((rc = line_for_change(s, ch->case_id, ch->code, ch->version, &c,
				  &l)))
		return rc;
	if (!instrument_may_edit(s, &c))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a caseworker of the responsible unit "
				 "changes the case's instruments, and not on "
				 "a closed case."));
	if (ch->state == IS_NOT_RELEVANT &&
	    (!text_given(ch->reason) || !text_fits(ch->reason, TEXT_MAX)))
		return err_set_field(&s->err, ERR_INVAL, "reason",
				     _("Say why the instrument is not "
				       "relevant (1 to 512 bytes)."));
	if (!text_fits(ch->note, TEXT_MAX))
		return err_set_field(&s->err, ERR_INVAL, "note",
				     _("A note is at most 512 bytes of "
				       "text."));
	session_today_iso(s, today);
	session_now_ts(s, now);
	applied[0] = '\0';
	if (ch->state == IS_APPLIED) {
		if (ch->applied_iso && ch->applied_iso[0]) {
			day_t day = date_days(ch->applied_iso);
			if (day == DAY_NONE || day > session_today(s))
				return err_set_field(
					&s->err, ERR_INVAL, "applied",
					_("The day applied is a date, today or "
					  "earlier."));
			date_iso(day, applied);
		} else if (l.state == IS_APPLIED && l.r.applied_on[0]) {
			snprintf(applied, sizeof applied, "%s",
				 l.r.applied_on);
		} else {
			snprintf(applied, sizeof applied, "%s", today);
		}
	}
	reason = ch->state == IS_NOT_RELEVANT ? ch->reason : "";
	note = ch->note ? ch->note : l.r.note;
	if (ch->state == l.state && strcmp(reason, l.r.reason) == 0 &&
	    strcmp(note, l.r.note) == 0 && !referral_id &&
	    (ch->state != IS_APPLIED || strcmp(applied, l.r.applied_on) == 0))
		return 0; /* nothing changed: nothing to journal */

	used = (size_t)snprintf(text, sizeof text, "%s: %s -> %s", ch->code,
				l.r.state, instr_state_name(ch->state));
	d.unit_id = 0;
	if (ch->state == IS_APPLIED || ch->state == IS_GRANTED ||
	    ch->state == IS_REFUSED) {
		d.unit_id = l.r.unit_id && ch->state != IS_APPLIED
				    ? l.r.unit_id : l.handler_id;
		if (ch->state == IS_APPLIED && used < sizeof text)
			used += (size_t)snprintf(text + used,
						 sizeof text - used,
						 "; applied %s at %s", applied,
						 l.handler_code);
	}
	if (reason[0] && used < sizeof text)
		used += (size_t)snprintf(text + used, sizeof text - used,
					 "; reason: %s", reason);
	if (strcmp(note, l.r.note) != 0 && note[0] && used < sizeof text)
		used += (size_t)snprintf(text + used, sizeof text - used,
					 "; note: %s", note);
	if (referral_id && used < sizeof text)
		snprintf(text + used, sizeof text - used, "; referral to %s",
			 l.handler_code);
	{
		char safe[1025];
		text_copy(safe, sizeof safe, text);
		memcpy(text, safe, sizeof text);
	}
	d.case_id = c.id;
	d.code = ch->code;
	d.version = ch->version;
	d.state = instr_state_name(ch->state);
	d.reason = reason;
	d.note = note;
	d.applied_on = applied[0] ? applied : NULL;
	d.referral_id = referral_id;
	d.today = today;
	d.staff_id = s->me.id;
	d.at = now;
	d.journal_text = text;
	rc = db_instrument_set(s->db, &d);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed %s on case %s after "
				 "you read it. Open the panel again to see "
				 "their change."),
			       instrument_label(ch->code), c.number);
	return err_from_db(&s->err, rc);
}

int instrument_set(struct session *s, const struct instrument_change *ch)
{
	return set_with(s, ch, 0);
}

enum instr_state instrument_next_state(enum instr_state st)
{
	switch (st) {
	case IS_NONE:
	case IS_NOT_RELEVANT:
		return IS_TO_APPLY;
	case IS_TO_APPLY:
		return IS_APPLIED;
	case IS_APPLIED:
		return IS_GRANTED;
	default:
		return st;
	}
}

int instrument_advance(struct session *s, int64_t case_id, const char *code,
		       int version)
{
	struct case_rec c;
	struct instrument_line l;
	struct instrument_change ch = {0};
	enum instr_state next;
	int rc;

	err_clear(&s->err);
	if ((rc = line_for_change(s, case_id, code, version, &c, &l)))
		return rc;
	next = instrument_next_state(l.state);
	if (next == l.state)
		return err_set_field(&s->err, ERR_INVAL, "state",
				     _("%s is %s: that is the end of its "
				       "way. Set another state to correct "
				       "it."),
				     instrument_label(code),
				     instr_state_label(l.state));
	ch.case_id = case_id;
	ch.code = code;
	ch.version = version;
	ch.state = next;
	return instrument_set(s, &ch);
}

int instrument_refer(struct session *s, int64_t case_id, const char *code,
		     int version, int64_t *referral_id)
{
	struct case_rec c;
	struct instrument_line l;
	struct referral_new r = {0};
	struct instrument_change ch = {0};
	int rc;

	*referral_id = 0;
	err_clear(&s->err);
	if ((rc = line_for_change(s, case_id, code, version, &c, &l)))
		return rc;
	if (!l.other_unit)
		return err_set_field(&s->err, ERR_INVAL, "unit",
				     _("%s is handled by the case's own unit "
				       "(or its unit in [instruments] is not "
				       "registered): there is no one to refer "
				       "it to."),
				     instrument_label(code));
	if (l.state == IS_GRANTED || l.state == IS_REFUSED ||
	    l.state == IS_APPLIED)
		return err_set_field(&s->err, ERR_INVAL, "state",
				     _("%s is already %s."),
				     instrument_label(code),
				     instr_state_label(l.state));
	r.case_id = case_id;
	r.to_unit_id = l.handler_id;
	snprintf(r.kind, sizeof r.kind, "%s", "service");
	snprintf(r.asked, sizeof r.asked,
		 _("%s: consider the household for it and handle the "
		   "application."),
		 instrument_label(code));
	if (l.r.note[0])
		snprintf(r.reason, sizeof r.reason, "%s", l.r.note);
	else
		snprintf(r.reason, sizeof r.reason, "%s",
			 _("The case's housing instruments are considered "
			   "together; this one is handled by your unit."));
	snprintf(r.basis, sizeof r.basis, "%s", "consent");
	if ((rc = referral_create(s, &r, referral_id)))
		return rc;
	ch.case_id = case_id;
	ch.code = code;
	ch.version = version;
	ch.state = IS_APPLIED;
	return set_with(s, &ch, *referral_id);
}

int instrument_unconsidered(struct session *s, int64_t case_id, int *n)
{
	struct db_instrument_rec *r = NULL;
	size_t nr = 0;
	int rc;

	*n = 0;
	if ((rc = db_instrument_list(s->db, case_id, &r, &nr)))
		return err_from_db(&s->err, rc);
	for (size_t i = 0; i < CFG_INSTRUMENTS; i++) {
		bool done = false;
		if (!instrument_offered(s->cfg, i))
			continue;
		for (size_t k = 0; k < nr; k++)
			if (strcmp(r[k].code, defs[i].code) == 0 &&
			    strcmp(r[k].state, "none") != 0)
				done = true;
		if (!done)
			(*n)++;
	}
	free(r);
	return 0;
}

/* "Label: state (applied 02.03.2026, NAV): reason. note" */
static void line_text(const struct instrument_line *l, char *out,
		      size_t size)
{
	char d[DB_DATE];
	size_t used;

	used = (size_t)snprintf(out, size, "%s: %s",
				instrument_label(l->r.code),
				instr_state_label(l->state));
	if (l->r.applied_on[0] && l->state >= IS_APPLIED && used < size) {
		date_show(l->r.applied_on, d);
		used += (size_t)snprintf(out + used, size - used,
					 _(" (applied %s, %s)"), d,
					 l->r.unit_code[0] ? l->r.unit_code
							   : l->handler_code);
	}
	if (l->r.reason[0] && used < size)
		used += (size_t)snprintf(out + used, size - used, ": %s",
					 l->r.reason);
	if (l->r.note[0] && used < size)
		snprintf(out + used, size - used, ". %s", l->r.note);
}

int instrument_other_help(struct session *s, int64_t case_id, char *out,
			  size_t size)
{
	struct instrument_line l[CFG_INSTRUMENTS];
	char all[8192], one[1400];
	size_t n = 0, used = 0;
	int rc;

	if (size)
		out[0] = '\0';
	if ((rc = instrument_panel(s, case_id, l, &n)))
		return rc;
	all[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof all; i++) {
		if (l[i].state == IS_NONE ||
		    strcmp(l[i].r.code, DWELLING_CODE) == 0)
			continue;
		line_text(&l[i], one, sizeof one);
		used += (size_t)snprintf(all + used, sizeof all - used, "%s%s.",
					 used ? "\n" : "", one);
	}
	if (size)
		text_copy(out, size, all);
	return 0;
}

/* ---------------------------------------------------------- journal */

static int state_of(const char *p, size_t len)
{
	char buf[17];
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return instr_state_from_name(buf);
}

bool instrument_journal_render(const struct journal_rec *j, char *out,
			       size_t size)
{
	const char *t = j->text, *colon, *arrow, *to, *end, *p;
	char code[33], d[DB_DATE], unit[17];
	int from, st;
	size_t used;

	if (strcmp(j->kind, "instrument") != 0)
		return false;
	colon = strstr(t, ": ");
	if (!colon || (size_t)(colon - t) >= sizeof code)
		return false;
	snprintf(code, sizeof code, "%.*s", (int)(colon - t), t);
	arrow = strstr(colon + 2, " -> ");
	if (!arrow)
		return false;
	to = arrow + 4;
	end = to + strcspn(to, ";");
	from = state_of(colon + 2, (size_t)(arrow - colon - 2));
	st = state_of(to, (size_t)(end - to));
	if (from < 0 || st < 0)
		return false;
	used = (size_t)snprintf(out, size, _("%s: %s → %s"),
				instrument_label(code),
				instr_state_label((enum instr_state)from),
				instr_state_label((enum instr_state)st));
	p = end;
	if (strncmp(p, "; applied ", 10) == 0 && strlen(p) >= 20) {
		char iso[DB_DATE];
		const char *at = strstr(p, " at ");
		snprintf(iso, sizeof iso, "%.10s", p + 10);
		date_show(iso, d);
		unit[0] = '\0';
		if (at) {
			size_t k = strcspn(at + 4, ";");
			snprintf(unit, sizeof unit, "%.*s",
				 (int)(k < sizeof unit ? k : sizeof unit - 1),
				 at + 4);
			p = at + 4 + k;
		} else {
			p += 20;
		}
		if (used < size)
			used += (size_t)snprintf(out + used, size - used,
						 _(" (applied %s, %s)"), d,
						 unit);
	}
	if (strncmp(p, "; reason: ", 10) == 0) {
		const char *note = strstr(p + 10, "; note: ");
		const char *ref = strstr(p + 10, "; referral to ");
		const char *stop = note ? note : ref ? ref : p + strlen(p);
		if (used < size)
			used += (size_t)snprintf(out + used, size - used,
						 _(". Reason: %.*s"),
						 (int)(stop - p - 10), p + 10);
		p = stop;
	}
	if (strncmp(p, "; note: ", 8) == 0) {
		const char *ref = strstr(p + 8, "; referral to ");
		const char *stop = ref ? ref : p + strlen(p);
		if (used < size)
			used += (size_t)snprintf(out + used, size - used,
						 _(". Note: %.*s"),
						 (int)(stop - p - 8), p + 8);
		p = stop;
	}
	if (strncmp(p, "; referral to ", 14) == 0 && used < size)
		snprintf(out + used, size - used,
			 _(". Sent to %s as a referral for a service."),
			 p + 14);
	return true;
}

/* ------------------------------------------------------------ counts */

int instrument_counts(struct session *s, int64_t unit_id, const char *from,
		      const char *to, struct instrument_counts *out)
{
	struct db_instrument_count *c = NULL;
	size_t nc = 0;
	int rc;

	memset(out, 0, sizeof *out);
	err_clear(&s->err);
	if (!from || !to || date_days(from) == DAY_NONE ||
	    date_days(to) == DAY_NONE || strcmp(from, to) > 0)
		return err_set_field(&s->err, ERR_INVAL, "period",
				     _("A period is two dates, the first not "
				       "after the last."));
	if (!session_has_role(s, ROLE_ADMIN) &&
	    (unit_id == 0 || !session_in_unit(s, unit_id, ROLE_SUPERVISOR)))
		return err_set(&s->err, ERR_DENIED,
			       _("The counts are for the unit's supervisors "
				 "(every unit: administrators)."));
	if ((rc = db_instrument_counts(s->db, unit_id, from, to, &c, &nc)))
		return err_from_db(&s->err, rc);
	for (size_t i = 0; i < CFG_INSTRUMENTS; i++) {
		if (!instrument_offered(s->cfg, i))
			continue;
		snprintf(out->row[out->n].code, sizeof out->row[0].code, "%s",
			 defs[i].code);
		for (size_t k = 0; k < nc; k++)
			if (strcmp(c[k].code, defs[i].code) == 0) {
				out->row[out->n].considered = c[k].considered;
				out->row[out->n].applied = c[k].applied;
				out->row[out->n].granted = c[k].granted;
			}
		out->n++;
	}
	free(c);
	rc = db_instrument_refused_alone(s->db, unit_id, from, to,
					 DWELLING_CODE, &out->refused_no_other);
	return err_from_db(&s->err, rc);
}
