/*
 * Decisions (vedtak).  A decision is written, with every part the Public
 * Administration Act asks for (DOMAIN.md "A decision"): the conclusion,
 * the rules, the facts, the main considerations, what is granted or, for
 * a refusal, the other help considered, and the information on appeal and
 * on the right to see the documents.  The wording is the template's
 * (conf/letters), the legal references and appeal bodies the
 * configuration's; this file checks that every part is there, fills the
 * template from the case, and stores the issued letter frozen with the
 * facts it rested on, so that it is reproduced byte for byte for an
 * appeal or the Ombudsman however the case changes afterwards.
 *
 * The journal forms (decision.c, appeal.c and lease.c; journal.c shows
 * them in the reader's language):
 *   decision  decision: OUTCOME[; dwelling ADDRESS][; supersedes N]
 *   decision  delivered YYYY-MM-DD
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static const char *const outcome_names[DO__COUNT] = {
	"granted_dwelling", "granted_waiting", "rejected",
	"assistance_granted", "assistance_rejected",
};

static const char *const outcome_labels[DO__COUNT] = {
	N_("granted a dwelling"),
	N_("granted, waiting list"),
	N_("rejected"),
	N_("housing assistance granted"),
	N_("housing assistance rejected"),
};

const char *decision_outcome_name(enum decision_outcome o)
{
	return (unsigned)o < DO__COUNT ? outcome_names[o] : "";
}

int decision_outcome_from_name(const char *name)
{
	for (int i = 0; i < DO__COUNT; i++)
		if (name && strcmp(name, outcome_names[i]) == 0)
			return i;
	return -1;
}

const char *decision_outcome_label(const char *name)
{
	int o = decision_outcome_from_name(name);
	return o >= 0 ? _(outcome_labels[o]) : name;
}

static const char *const grant_types[DECISION_GRANT_TYPES] = {
	"ordinary", "adapted", "staffed"};

const char *decision_grant_type_name(int i)
{
	return i >= 0 && i < DECISION_GRANT_TYPES ? grant_types[i] : "";
}

const char *decision_grant_type_label(const char *name)
{
	if (strcmp(name, "ordinary") == 0)
		return _("ordinary rental dwelling");
	if (strcmp(name, "adapted") == 0)
		return _("adapted dwelling (universal design)");
	if (strcmp(name, "staffed") == 0)
		return _("staffed housing");
	return name;
}

static bool is_grant(enum decision_outcome o)
{
	return o == DO_GRANTED_DWELLING || o == DO_GRANTED_WAITING;
}

static bool is_refusal(enum decision_outcome o)
{
	return o == DO_REJECTED || o == DO_ASSISTANCE_REJECTED;
}

static bool is_assistance(enum decision_outcome o)
{
	return o == DO_ASSISTANCE_GRANTED || o == DO_ASSISTANCE_REJECTED;
}

static enum case_status outcome_status(enum decision_outcome o)
{
	switch (o) {
	case DO_GRANTED_DWELLING: return CS_GRANTED;
	case DO_GRANTED_WAITING: return CS_WAITING;
	case DO_ASSISTANCE_GRANTED: return CS_GRANTED;
	default: return CS_REJECTED;
	}
}

/* The day of a stored UTC timestamp. */
static day_t ts_day(const char *ts)
{
	char iso[DB_DATE];

	snprintf(iso, sizeof iso, "%.10s", ts);
	return date_days(iso);
}

static int64_t my_allocation_unit(const struct session *s, char *name,
				  size_t size)
{
	for (size_t i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].role, "allocation") == 0) {
			if (name)
				snprintf(name, size, "%s", s->member[i].unit_name);
			return s->member[i].unit_id;
		}
	return 0;
}

/* ------------------------------------------------------------- texts */

static bool text_ok(const char *t, size_t max)
{
	const char *p = t;

	if (!t || strlen(t) > max || !utf8_valid(t, strlen(t)))
		return false;
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	return *p != '\0';
}

/* Wraps text at spaces into lines of at most cols characters (code
 * points), keeping the line breaks it has. */
static char *wrap(const char *text, int cols)
{
	size_t len = strlen(text);
	char *out = malloc(len * 2 + 2), *o = out;
	const char *p = text;

	if (!out)
		return NULL;
	while (*p) {
		const char *line = p, *space = NULL, *q = p;
		int w = 0;
		while (*q && *q != '\n') {
			if (*q == ' ')
				space = q;
			if (((unsigned char)*q & 0xc0) != 0x80) {
				if (w == cols)
					break;
				w++;
			}
			q++;
		}
		if (*q && *q != '\n' && space && space > line) {
			/* the line is full: break at the last space */
			memcpy(o, line, (size_t)(space - line));
			o += space - line;
			p = space + 1;
		} else {
			memcpy(o, line, (size_t)(q - line));
			o += q - line;
			p = *q == '\n' ? q + 1 : q;
		}
		*o++ = '\n';
	}
	if (o > out)
		o--; /* no newline after the last line */
	*o = '\0';
	return out;
}

/* A growing string for the snapshot. */
struct buf {
	char *p;
	size_t len, cap;
	bool failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *q = realloc(b->p, cap);
		if (!q) {
			b->failed = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* "name":"value" with JSON escapes; first: no comma before. */
static void jstr(struct buf *b, const char *name, const char *v)
{
	char esc[8];

	if (b->len && b->p[b->len - 1] != '{' && b->p[b->len - 1] != '[')
		puts_(b, ",");
	puts_(b, "\"");
	puts_(b, name);
	puts_(b, "\":\"");
	for (const char *p = v ? v : ""; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			put(b, esc, 2);
		} else if (ch == '\n') {
			puts_(b, "\\n");
		} else if (ch < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", ch);
			puts_(b, esc);
		} else {
			put(b, p, 1);
		}
	}
	puts_(b, "\"");
}

static void jint(struct buf *b, const char *name, long long v)
{
	char num[64];

	if (b->len && b->p[b->len - 1] != '{' && b->p[b->len - 1] != '[')
		puts_(b, ",");
	snprintf(num, sizeof num, "\"%s\":%lld", name, v);
	puts_(b, num);
}

static void jopen(struct buf *b, const char *name, char bracket)
{
	char o[2] = {bracket, '\0'};

	if (b->len && b->p[b->len - 1] != '{' && b->p[b->len - 1] != '[')
		puts_(b, ",");
	if (name) {
		puts_(b, "\"");
		puts_(b, name);
		puts_(b, "\":");
	}
	puts_(b, o);
}

/* ------------------------------------------------------- what a case is */

struct facts {
	struct case_rec c;
	struct person_rec p;
	struct hh_member_rec *hh;
	size_t nhh;
	int children; /* under 18 */
	struct dwelling_rec dw;
	bool has_dwelling;
	struct lease_rec lease;
	bool has_lease;
};

static void facts_release(struct facts *f)
{
	free(f->hh);
	f->hh = NULL;
}

static int facts_load(struct session *s, int64_t case_id, int64_t dwelling_id,
		      struct facts *f)
{
	char adult[DB_DATE];
	int rc;

	memset(f, 0, sizeof *f);
	if ((rc = case_visible(s, case_id, &f->c, "decision", NULL)))
		return rc;
	if ((rc = db_person_get(s->db, f->c.applicant_id, &f->p)))
		return err_from_db(&s->err, rc);
	if (f->c.household_id &&
	    (rc = db_case_household(s->db, f->c.household_id, &f->hh, &f->nhh)))
		return err_from_db(&s->err, rc);
	date_iso(date_add_months(session_today(s), -18 * 12), adult);
	for (size_t i = 0; i < f->nhh; i++)
		if (strcmp(f->hh[i].relation, "child") == 0 &&
		    (!f->hh[i].birth[0] || strcmp(f->hh[i].birth, adult) > 0))
			f->children++;
	if (dwelling_id) {
		rc = db_dwelling_get(s->db, dwelling_id, &f->dw);
		if (rc == DB_NOTFOUND) {
			facts_release(f);
			return err_set_field(&s->err, ERR_INVAL, "dwelling",
					     _("There is no such dwelling."));
		}
		if (rc) {
			facts_release(f);
			return err_from_db(&s->err, rc);
		}
		f->has_dwelling = true;
	}
	rc = db_lease_of_case(s->db, case_id, &f->lease);
	if (rc == DB_OK)
		f->has_lease = strcmp(f->lease.status, "active") == 0;
	else if (rc != DB_NOTFOUND) {
		facts_release(f);
		return err_from_db(&s->err, rc);
	}
	return 0;
}

static int persons(const struct facts *f)
{
	return f->nhh ? (int)f->nhh : 1;
}

static void grant_from_dwelling(struct decision_draft *d,
				const struct dwelling_rec *w)
{
	snprintf(d->grant_type, sizeof d->grant_type, "%s",
		 w->staffed ? "staffed" : w->adapted ? "adapted" : "ordinary");
	d->grant_rooms = w->rooms;
	d->grant_size_m2 = w->size_m2;
	d->ground_or_lift = w->floor == 0 || w->lift;
}

int decision_draft_init(struct session *s, int64_t case_id,
			enum decision_outcome outcome, int64_t dwelling_id,
			struct decision_draft *d)
{
	struct facts f;
	char received[DB_DATE], needs[300];
	size_t used = 0;
	int sit, rc;

	memset(d, 0, sizeof *d);
	if ((rc = facts_load(s, case_id, dwelling_id, &f)))
		return rc;
	d->case_id = case_id;
	d->version = f.c.version;
	d->outcome = outcome;
	d->dwelling_id = dwelling_id;
	snprintf(d->rules, sizeof d->rules, "%s",
		 is_assistance(outcome) ? s->cfg->law_assistance
					: s->cfg->law_allocation);
	/* the facts as the case has them: a start the deciding person
	 * completes in their own words */
	sit = situation_from_name(f.c.situation);
	needs[0] = '\0';
	for (unsigned bit = 1; bit <= NEED_OTHER; bit <<= 1)
		if ((f.c.needs & bit) && used < sizeof needs)
			used += (size_t)snprintf(needs + used,
						 sizeof needs - used, "%s%s",
						 used ? ", " : "",
						 need_label((enum need)bit));
	date_show(f.c.received, received);
	snprintf(d->facts, sizeof d->facts,
		 _("Housing situation: %s. The household is %d person(s), %d "
		   "of them children. Needs: %s. The application was received "
		   "%s."),
		 sit >= 0 ? situation_label((enum situation)sit) : f.c.situation,
		 persons(&f), f.children, needs[0] ? needs : _("none registered"),
		 received);
	if (f.has_dwelling) {
		grant_from_dwelling(d, &f.dw);
	} else {
		snprintf(d->grant_type, sizeof d->grant_type, "%s",
			 (f.c.needs & NEED_STAFFED)   ? "staffed"
			 : (f.c.needs & NEED_ADAPTED) ? "adapted"
						      : "ordinary");
		d->grant_rooms = alloc_rooms_needed(persons(&f));
		d->ground_or_lift = (f.c.needs & NEED_ADAPTED) != 0;
	}
	d->lease_months = f.children ? s->cfg->lease_months_children
				     : s->cfg->lease_months;
	/* a refusal states the other help considered: from the case's
	 * instruments panel, so that nobody types it again */
	if (instrument_other_help(s, case_id, d->other_help,
				  sizeof d->other_help) != 0) {
		d->other_help[0] = '\0';
		err_clear(&s->err);
	}
	/* an appealed case: the decision answers the appeal by changing */
	if (strcmp(f.c.status, "appealed") == 0) {
		struct appeal_rec *ap = NULL;
		size_t nap = 0;
		if (db_appeal_list(s->db, case_id, &ap, &nap) == DB_OK)
			for (size_t i = 0; i < nap; i++)
				if (strcmp(ap[i].status, "registered") == 0) {
					d->appeal_id = ap[i].id;
					break;
				}
		free(ap);
	}
	/* a housed case: the decision extends its lease */
	if (strcmp(f.c.status, "housed") == 0 && f.has_lease) {
		d->extend_lease_id = f.lease.id;
		if (!dwelling_id) {
			struct dwelling_rec w;
			if (db_dwelling_get(s->db, f.lease.dwelling_id, &w) == DB_OK) {
				d->dwelling_id = w.id;
				grant_from_dwelling(d, &w);
			}
		}
	}
	facts_release(&f);
	return 0;
}

/* --------------------------------------------------------- the template */

static char *read_template(struct session *s)
{
	char path[4400];
	FILE *fp;
	char *buf;
	size_t n;

	snprintf(path, sizeof path, "%s/%s", s->cfg->template_dir,
		 s->cfg->tpl_decision);
	if (!(fp = fopen(path, "r"))) {
		err_set(&s->err, ERR_IO, _("The letter template %s cannot be "
					   "read."),
			path);
		return NULL;
	}
	buf = malloc(64 * 1024 + 1);
	if (!buf) {
		fclose(fp);
		err_from_db(&s->err, DB_NOMEM);
		return NULL;
	}
	n = fread(buf, 1, 64 * 1024, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* The parts of a decision the template must print: a municipality may
 * edit its template, but not into one that leaves a part out. */
static int template_has_parts(struct session *s, enum decision_outcome o)
{
	static const struct {
		const char *placeholder;
		const char *part;
		int when; /* 0 always, 1 grant, 2 refusal, 3 assistance */
	} parts[] = {
		{"{{conclusion}}", N_("the conclusion"), 0},
		{"{{law}}", N_("the rules it rests on"), 0},
		{"{{facts}}", N_("the facts"), 0},
		{"{{considerations}}", N_("the main considerations"), 0},
		{"{{#appeal_how}}", N_("the right to appeal and how to appeal"), 0},
		{"{{appeal_weeks}}", N_("the appeal deadline"), 0},
		{"{{appeal_body}}", N_("the appeal body"), 0},
		{"{{#documents}}", N_("the right to see the case documents"), 0},
		{"{{grant_rooms}}", N_("the rooms granted"), 1},
		{"{{grant_size}}", N_("the size granted"), 1},
		{"{{#type_ordinary}}", N_("the type of dwelling granted"), 1},
		{"{{lease_months}}", N_("the lease length"), 1},
		{"{{#lapse}}", N_("that the grant lapses if its premises "
				  "change"), 1},
		{"{{other_help}}", N_("the other help considered"), 2},
		{"{{assistance}}", N_("the main content of the assistance"), 3},
	};
	char *tpl = read_template(s);
	int rc = 0;

	if (!tpl)
		return s->err.code;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0] && !rc; i++) {
		int when = parts[i].when;
		if ((when == 1 && !is_grant(o)) || (when == 2 && !is_refusal(o)) ||
		    (when == 3 && o != DO_ASSISTANCE_GRANTED))
			continue;
		if (!strstr(tpl, parts[i].placeholder))
			rc = err_set_field(&s->err, ERR_INVAL, "template",
					   _("The letter template %s has no %s: "
					     "a decision must state %s. Put it "
					     "back in the template."),
					   s->cfg->tpl_decision,
					   parts[i].placeholder,
					   _(parts[i].part));
	}
	free(tpl);
	return rc;
}

/* ------------------------------------------------------------ checking */

static int missing(struct session *s, const char *field, const char *why)
{
	return err_set_field(&s->err, ERR_INVAL, field, "%s", why);
}

static enum case_status target_status(const struct facts *f,
				      const struct decision_draft *d, bool *keep)
{
	/* an extension keeps the tenant housed; assistance on a case that
	 * also applies for a dwelling leaves the status to that decision */
	*keep = d->extend_lease_id ||
		(is_assistance(d->outcome) && strcmp(f->c.track, "both") == 0);
	return outcome_status(d->outcome);
}

static int check_with(struct session *s, const struct decision_draft *d,
		      const struct facts *f)
{
	const struct config *cfg = s->cfg;
	const char *body;
	bool keep;
	enum case_status to;
	int rc;

	if (!session_has_role(s, ROLE_ALLOCATION))
		return err_set(&s->err, ERR_DENIED,
			       _("Only the allocation group issues "
				 "decisions."));
	if ((unsigned)d->outcome >= DO__COUNT)
		return missing(s, "outcome", _("Choose the outcome of the "
					       "decision."));
	if (f->c.version != d->version)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed case %s after you opened "
				 "it. Open it again to see their change."),
			       f->c.number);
	if (is_assistance(d->outcome) ? strcmp(f->c.track, "dwelling") == 0
				      : strcmp(f->c.track, "assistance") == 0)
		return missing(s, "outcome",
			       _("The outcome is not of the track the case "
				 "applies for."));
	to = target_status(f, d, &keep);
	if (d->extend_lease_id) {
		if (strcmp(f->c.status, "housed") != 0 || !f->has_lease ||
		    f->lease.id != d->extend_lease_id ||
		    d->outcome != DO_GRANTED_DWELLING ||
		    d->dwelling_id != f->lease.dwelling_id)
			return missing(s, "outcome",
				       _("An extension grants the dwelling of "
					 "the case's active lease."));
	} else if (!keep &&
		   (rc = case_transition_check(case_status_from_name(f->c.status),
					       to, ROLE_ALLOCATION, &s->err))) {
		return rc;
	} else if (keep && strcmp(f->c.status, "handed_over") &&
		   strcmp(f->c.status, "waiting") &&
		   strcmp(f->c.status, "appealed")) {
		return err_set(&s->err, ERR_INVAL,
			       _("A case that is '%s' is not waiting for a "
				 "decision."),
			       case_status_label(case_status_from_name(f->c.status)));
	}
	if (!text_ok(d->conclusion, 1024))
		return missing(s, "conclusion",
			       _("The decision has no conclusion: write what "
				 "is decided."));
	if (!text_ok(d->rules, 1024))
		return missing(s, "rules",
			       _("The decision does not name the rules it rests "
				 "on."));
	if (!text_ok(d->facts, 2048))
		return missing(s, "facts",
			       _("The decision does not give the facts it rests "
				 "on."));
	if (!text_ok(d->considerations, 2048))
		return missing(s, "considerations",
			       _("The decision does not give the main "
				 "considerations of discretion."));
	if (is_grant(d->outcome)) {
		bool type_ok = false;
		for (int i = 0; i < DECISION_GRANT_TYPES; i++)
			type_ok |= strcmp(d->grant_type, grant_types[i]) == 0;
		if (!type_ok)
			return missing(s, "grant_type",
				       _("Say which type of dwelling is "
					 "granted."));
		if (d->grant_rooms < 1 || d->grant_rooms > 20)
			return missing(s, "grant_rooms",
				       _("Say how many rooms are granted (1 to "
					 "20)."));
		if (d->grant_size_m2 < 1 || d->grant_size_m2 > 1000)
			return missing(s, "grant_size",
				       _("Say the size granted in square "
					 "metres (1 to 1000)."));
		if (d->lease_months < 1 || d->lease_months > 120)
			return missing(s, "lease_months",
				       _("Say the length of the lease in months "
					 "(1 to 120)."));
		if (d->lease_months < cfg->lease_min_months &&
		    !text_ok(d->lease_ground, 512))
			return err_set_field(&s->err, ERR_INVAL, "lease_ground",
					     _("A lease shorter than %d months "
					       "needs its ground (%s)."),
					     cfg->lease_min_months,
					     cfg->law_lease);
	}
	if (d->outcome == DO_GRANTED_DWELLING) {
		if (!f->has_dwelling)
			return missing(s, "dwelling",
				       _("Choose the dwelling that is "
					 "granted."));
		if (!d->extend_lease_id) {
			int64_t offered = 0;
			if (strcmp(f->dw.status, "vacant") != 0)
				return err_set_field(&s->err, ERR_INVAL,
						     "dwelling",
						     _("%s is not vacant."),
						     f->dw.address);
			if ((rc = db_dwelling_offered(s->db, f->dw.id, &offered)))
				return err_from_db(&s->err, rc);
			if (offered && offered != f->c.id)
				return err_set_field(&s->err, ERR_CONFLICT,
						     "dwelling",
						     _("%s is already granted "
						       "to case %s."),
						     f->dw.address,
						     f->dw.offer_case);
		}
	}
	if (is_refusal(d->outcome) && !text_ok(d->other_help, 1024))
		return missing(s, "other_help",
			       _("A refusal states the other help considered: "
				 "housing allowance, deposit guarantee, "
				 "financial advice, start loan."));
	if (d->outcome == DO_ASSISTANCE_GRANTED && !text_ok(d->assistance, 1024))
		return missing(s, "assistance",
			       _("State the main content of the assistance "
				 "granted."));
	body = is_assistance(d->outcome) ? cfg->appeal_body_assistance
					 : cfg->appeal_body_allocation;
	if (!body[0] || cfg->appeal_weeks < 1 || !cfg->law_admin[0])
		return missing(s, "appeal",
			       _("The configuration gives no appeal body, "
				 "appeal deadline or administrative law: the "
				 "decision cannot say how to appeal."));
	return template_has_parts(s, d->outcome);
}

int decision_check(struct session *s, const struct decision_draft *d)
{
	struct facts f;
	int rc;

	if ((rc = facts_load(s, d->case_id, d->dwelling_id, &f)))
		return rc;
	rc = check_with(s, d, &f);
	facts_release(&f);
	return rc;
}

/* ---------------------------------------------------------- composing */

struct letter {
	struct letter_var v[48];
	size_t n;
	char *owned[12];
	size_t nowned;
	char municipality[129], unit[129], address[400], number[12];
	char today[DB_DATE], received[DB_DATE], caseworker[129];
	char rooms[16], size[16], floor[16], months[16], weeks[16];
	char copy_to[600], area[65];
};

static void var(struct letter *l, const char *name, const char *value)
{
	if (l->n < sizeof l->v / sizeof l->v[0]) {
		l->v[l->n].name = name;
		l->v[l->n].value = value ? value : "";
		l->n++;
	}
}

static const char *wrapped(struct letter *l, const char *text)
{
	char *w = wrap(text, 72);
	if (!w || l->nowned == sizeof l->owned / sizeof l->owned[0]) {
		free(w);
		return text;
	}
	l->owned[l->nowned++] = w;
	return w;
}

static void letter_release(struct letter *l)
{
	for (size_t i = 0; i < l->nowned; i++)
		free(l->owned[i]);
	l->nowned = 0;
}

/* The units told of the decision: the responsible unit and every unit
 * with an accepted referral on the case. */
static int notice_units(struct session *s, const struct case_rec *c,
			int64_t *units, size_t max, size_t *n)
{
	size_t k = 0;
	int rc;

	*n = 0;
	units[(*n)++] = c->unit_id;
	if ((rc = db_decision_referral_units(s->db, c->id, units + 1, max - 1,
					     &k)))
		return err_from_db(&s->err, rc);
	for (size_t i = 0; i < k; i++) {
		bool dup = units[1 + i] == c->unit_id;
		if (!dup)
			units[(*n)++] = units[1 + i];
	}
	return 0;
}

static void copy_to_text(struct session *s, const int64_t *units, size_t n,
			 int64_t sender, char *out, size_t size)
{
	size_t used = 0;
	struct unit_rec u;

	out[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		if (units[i] == sender || db_unit_by_id(s->db, units[i], &u))
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 used ? ", " : "", u.name);
	}
}

static void address_block(const struct person_rec *p, char *out, size_t size)
{
	/* name and postal address, never the ID number: it would show in
	 * the envelope window */
	size_t n = (size_t)snprintf(out, size, "%s %s", p->given, p->family);
	if (*p->address && n < size)
		n += (size_t)snprintf(out + n, size - n, "\n%s", p->address);
	if ((*p->postcode || *p->city) && n < size)
		snprintf(out + n, size - n, "\n%s%s%s", p->postcode,
			 *p->postcode ? " " : "", p->city);
}

static int compose_with(struct session *s, const struct decision_draft *d,
			const struct facts *f, const int64_t *units,
			size_t nunits, char **out)
{
	const struct config *cfg = s->cfg;
	struct letter l;
	enum decision_outcome o = d->outcome;
	bool grant = is_grant(o), dw = o == DO_GRANTED_DWELLING && f->has_dwelling;
	int64_t sender;
	char iso[DB_DATE];
	int rc;

	memset(&l, 0, sizeof l);
	sender = my_allocation_unit(s, l.unit, sizeof l.unit);
	if (!sender)
		snprintf(l.unit, sizeof l.unit, "%s", f->c.unit_name);
	snprintf(l.municipality, sizeof l.municipality, "%s", cfg->municipality);
	address_block(&f->p, l.address, sizeof l.address);
	snprintf(l.number, sizeof l.number, "%s", f->c.number);
	session_today_iso(s, iso);
	date_show(iso, l.today);
	date_show(f->c.received, l.received);
	snprintf(l.caseworker, sizeof l.caseworker, "%s", s->me.name);
	snprintf(l.rooms, sizeof l.rooms, "%d", d->grant_rooms);
	snprintf(l.size, sizeof l.size, "%d", d->grant_size_m2);
	/* as Norwegians count floors: the ground floor is the first */
	snprintf(l.floor, sizeof l.floor, "%d", dw ? f->dw.floor + 1 : 1);
	snprintf(l.months, sizeof l.months, "%d", d->lease_months);
	snprintf(l.weeks, sizeof l.weeks, "%d", cfg->appeal_weeks);
	snprintf(l.area, sizeof l.area, "%s", dw ? f->dw.area : "");
	copy_to_text(s, units, nunits, sender, l.copy_to, sizeof l.copy_to);

	var(&l, "municipality", l.municipality);
	var(&l, "unit", l.unit);
	var(&l, "address_block", l.address);
	var(&l, "applicant_name", f->c.applicant_name);
	var(&l, "case_number", l.number);
	var(&l, "today", l.today);
	var(&l, "received", l.received);
	var(&l, "caseworker", l.caseworker);
	var(&l, "subject_allocation",
	    !is_assistance(o) && !d->extend_lease_id ? "1" : "");
	var(&l, "subject_extension", d->extend_lease_id ? "1" : "");
	var(&l, "subject_assistance", is_assistance(o) ? "1" : "");
	var(&l, "conclusion", wrapped(&l, d->conclusion));
	var(&l, "law", wrapped(&l, d->rules));
	var(&l, "facts", wrapped(&l, d->facts));
	var(&l, "considerations", wrapped(&l, d->considerations));
	var(&l, "granted", grant ? "1" : "");
	var(&l, "dwelling_address", dw ? f->dw.address : "");
	var(&l, "dwelling_area", l.area);
	var(&l, "type_ordinary",
	    grant && !strcmp(d->grant_type, "ordinary") ? "1" : "");
	var(&l, "type_adapted",
	    grant && !strcmp(d->grant_type, "adapted") ? "1" : "");
	var(&l, "type_staffed",
	    grant && !strcmp(d->grant_type, "staffed") ? "1" : "");
	var(&l, "grant_rooms", l.rooms);
	var(&l, "grant_size", l.size);
	var(&l, "grant_floor", l.floor);
	var(&l, "access_ground", dw && f->dw.floor == 0 ? "1" : "");
	var(&l, "access_lift", dw && f->dw.floor > 0 && f->dw.lift ? "1" : "");
	var(&l, "access_stairs", dw && f->dw.floor > 0 && !f->dw.lift ? "1" : "");
	var(&l, "access_ground_or_lift", grant && !dw && d->ground_or_lift ? "1" : "");
	var(&l, "access_any", grant && !dw && !d->ground_or_lift ? "1" : "");
	var(&l, "lease_months", l.months);
	var(&l, "lease_short",
	    grant && d->lease_months < cfg->lease_min_months ? "1" : "");
	var(&l, "lease_ground", wrapped(&l, d->lease_ground));
	var(&l, "lapse", grant ? "1" : "");
	var(&l, "waiting", o == DO_GRANTED_WAITING ? "1" : "");
	var(&l, "other_help", is_refusal(o) ? wrapped(&l, d->other_help) : "");
	var(&l, "assistance",
	    o == DO_ASSISTANCE_GRANTED ? wrapped(&l, d->assistance) : "");
	var(&l, "law_admin", cfg->law_admin);
	var(&l, "law_allocation", cfg->law_allocation);
	var(&l, "law_assistance", cfg->law_assistance);
	var(&l, "law_lease", cfg->law_lease);
	var(&l, "appeal_weeks", l.weeks);
	var(&l, "appeal_body", is_assistance(o) ? cfg->appeal_body_assistance
						: cfg->appeal_body_allocation);
	var(&l, "appeal_how", "1");
	var(&l, "documents", "1");
	var(&l, "copy_to", l.copy_to);
	rc = letter_fill(s, cfg->tpl_decision, l.v, l.n, out);
	letter_release(&l);
	return rc;
}

int decision_compose(struct session *s, const struct decision_draft *d,
		     char **letter)
{
	struct facts f;
	int64_t units[32];
	size_t nunits = 0;
	int rc;

	*letter = NULL;
	if ((rc = facts_load(s, d->case_id, d->dwelling_id, &f)))
		return rc;
	if (!(rc = check_with(s, d, &f)) &&
	    !(rc = notice_units(s, &f.c, units, 32, &nunits)))
		rc = compose_with(s, d, &f, units, nunits, letter);
	facts_release(&f);
	return rc;
}

/* ------------------------------------------------------------ issuing */

static char *snapshot(struct session *s, const struct decision_draft *d,
		      const struct facts *f)
{
	const struct config *cfg = s->cfg;
	struct buf b = {0};
	char today[DB_DATE];

	session_today_iso(s, today);
	puts_(&b, "{");
	jint(&b, "snapshot", 1);
	jstr(&b, "issued", today);
	jstr(&b, "issued_by", s->me.login);
	jopen(&b, "case", '{');
	jstr(&b, "number", f->c.number);
	jstr(&b, "track", f->c.track);
	jstr(&b, "status", f->c.status);
	jstr(&b, "received", f->c.received);
	jstr(&b, "situation", f->c.situation);
	jstr(&b, "discharge", f->c.discharge);
	jint(&b, "needs", f->c.needs);
	jstr(&b, "needs_note", f->c.needs_note);
	jint(&b, "income", f->c.income);
	jint(&b, "debt", f->c.debt);
	jstr(&b, "unit", f->c.unit_name);
	puts_(&b, "}");
	jopen(&b, "applicant", '{');
	jstr(&b, "given", f->p.given);
	jstr(&b, "family", f->p.family);
	jstr(&b, "birth", f->p.birth);
	jstr(&b, "address", f->p.address);
	jstr(&b, "postcode", f->p.postcode);
	jstr(&b, "city", f->p.city);
	puts_(&b, "}");
	jopen(&b, "household", '[');
	for (size_t i = 0; i < f->nhh; i++) {
		jopen(&b, NULL, '{');
		jstr(&b, "relation", f->hh[i].relation);
		jstr(&b, "name", f->hh[i].name);
		jstr(&b, "birth", f->hh[i].birth);
		puts_(&b, "}");
	}
	puts_(&b, "]");
	if (f->has_dwelling) {
		jopen(&b, "dwelling", '{');
		jint(&b, "id", f->dw.id);
		jstr(&b, "address", f->dw.address);
		jstr(&b, "area", f->dw.area);
		jint(&b, "rooms", f->dw.rooms);
		jint(&b, "size_m2", f->dw.size_m2);
		jint(&b, "floor", f->dw.floor);
		jint(&b, "lift", f->dw.lift);
		jint(&b, "adapted", f->dw.adapted);
		jint(&b, "staffed", f->dw.staffed);
		jint(&b, "rent", f->dw.rent);
		puts_(&b, "}");
	}
	jopen(&b, "decision", '{');
	jstr(&b, "outcome", decision_outcome_name(d->outcome));
	jstr(&b, "conclusion", d->conclusion);
	jstr(&b, "rules", d->rules);
	jstr(&b, "facts", d->facts);
	jstr(&b, "considerations", d->considerations);
	if (is_grant(d->outcome)) {
		jstr(&b, "grant_type", d->grant_type);
		jint(&b, "grant_rooms", d->grant_rooms);
		jint(&b, "grant_size_m2", d->grant_size_m2);
		jint(&b, "ground_or_lift", d->ground_or_lift);
		jint(&b, "lease_months", d->lease_months);
		jstr(&b, "lease_ground", d->lease_ground);
	}
	jstr(&b, "other_help", is_refusal(d->outcome) ? d->other_help : "");
	jstr(&b, "assistance",
	     d->outcome == DO_ASSISTANCE_GRANTED ? d->assistance : "");
	jint(&b, "appeal_id", d->appeal_id);
	jint(&b, "extend_lease_id", d->extend_lease_id);
	puts_(&b, "}");
	jopen(&b, "configuration", '{');
	jstr(&b, "law_allocation", cfg->law_allocation);
	jstr(&b, "law_assistance", cfg->law_assistance);
	jstr(&b, "law_admin", cfg->law_admin);
	jstr(&b, "law_lease", cfg->law_lease);
	jstr(&b, "appeal_body", is_assistance(d->outcome)
					? cfg->appeal_body_assistance
					: cfg->appeal_body_allocation);
	jint(&b, "appeal_weeks", cfg->appeal_weeks);
	jint(&b, "lease_min_months", cfg->lease_min_months);
	jstr(&b, "template", cfg->tpl_decision);
	puts_(&b, "}}");
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int decision_issue(struct session *s, const struct decision_draft *d,
		   const char *reviewed, int64_t *decision_id)
{
	const struct config *cfg = s->cfg;
	struct facts f;
	struct db_decision_save sv = {0};
	struct decision_rec *prev = NULL;
	struct appeal_rec ap;
	int64_t units[32];
	size_t nunits = 0, nprev = 0;
	char *letter = NULL, *snap = NULL, now[DB_TS], today[DB_DATE],
	     due[DB_DATE], granted[300], info[600], journal[400];
	char new_start[DB_DATE], new_end[DB_DATE], new_review[DB_DATE];
	bool keep;
	enum case_status to;
	int rc;

	*decision_id = 0;
	if ((rc = facts_load(s, d->case_id, d->dwelling_id, &f)))
		return rc;
	if ((rc = check_with(s, d, &f)) ||
	    (rc = notice_units(s, &f.c, units, 32, &nunits)) ||
	    (rc = compose_with(s, d, &f, units, nunits, &letter)))
		goto out;
	if (!reviewed || strcmp(letter, reviewed) != 0) {
		rc = err_set(&s->err, ERR_CONFLICT, "%s",
			     _("The letter is no longer the one you reviewed "
			       "(the case, the dwelling or the configuration "
			       "changed). Review it again."));
		goto out;
	}
	if (!(snap = snapshot(s, d, &f))) {
		rc = err_from_db(&s->err, DB_NOMEM);
		goto out;
	}
	if ((rc = db_decision_list(s->db, d->case_id, &prev, &nprev))) {
		rc = err_from_db(&s->err, rc);
		goto out;
	}
	session_now_ts(s, now);
	session_today_iso(s, today);
	/* counted from today until the delivery day is recorded */
	date_iso(session_today(s) + cfg->appeal_weeks * 7, due);
	to = target_status(&f, d, &keep);
	if (is_grant(d->outcome))
		snprintf(granted, sizeof granted,
			 "type=%s; rooms=%d; size_m2=%d; ground_or_lift=%d; "
			 "lease_months=%d",
			 d->grant_type, d->grant_rooms, d->grant_size_m2,
			 d->ground_or_lift, d->lease_months);
	else if (d->outcome == DO_ASSISTANCE_GRANTED)
		snprintf(granted, sizeof granted, "%s", d->assistance);
	else
		granted[0] = '\0';
	snprintf(info, sizeof info, "appeal_weeks=%d; body=%s; law=%s",
		 cfg->appeal_weeks,
		 is_assistance(d->outcome) ? cfg->appeal_body_assistance
					   : cfg->appeal_body_allocation,
		 cfg->law_admin);
	snprintf(journal, sizeof journal, "decision: %s%s%s",
		 decision_outcome_name(d->outcome),
		 f.has_dwelling ? "; dwelling " : "",
		 f.has_dwelling ? f.dw.address : "");
	sv.case_id = d->case_id;
	sv.version = d->version;
	sv.status = keep ? NULL : case_status_name(to);
	sv.track = is_assistance(d->outcome) ? "assistance" : "allocation";
	sv.outcome = decision_outcome_name(d->outcome);
	sv.dwelling_id = f.has_dwelling ? f.dw.id : 0;
	sv.conclusion = d->conclusion;
	sv.rules = d->rules;
	sv.facts = d->facts;
	sv.considerations = d->considerations;
	sv.granted = granted;
	sv.other_help = is_refusal(d->outcome) ? d->other_help : "";
	sv.appeal_body = is_assistance(d->outcome) ? cfg->appeal_body_assistance
						   : cfg->appeal_body_allocation;
	sv.appeal_info = info;
	sv.letter = letter;
	sv.snapshot = snap;
	sv.supersedes = nprev ? prev[0].id : 0;
	sv.staff_id = s->me.id;
	sv.unit_id = my_allocation_unit(s, NULL, 0);
	sv.lease_months = is_grant(d->outcome) ? d->lease_months : 0;
	sv.at = now;
	sv.today = today;
	sv.appeal_due = due;
	sv.deadline_unit_id = f.c.unit_id;
	sv.deadline_staff_id = f.c.caseworker_id;
	sv.nnotice = nunits;
	sv.notice_unit = units;
	sv.journal_text = journal;
	if (d->appeal_id) {
		if ((rc = db_appeal_get(s->db, d->appeal_id, &ap))) {
			rc = err_from_db(&s->err, rc);
			goto out;
		}
		if (ap.case_id != d->case_id ||
		    strcmp(ap.status, "registered") != 0) {
			rc = err_set(&s->err, ERR_INVAL, "%s",
				     _("The appeal is not waiting for "
				       "reassessment."));
			goto out;
		}
		sv.appeal_id = ap.id;
		sv.appeal_version = ap.version;
		sv.appeal_journal = "appeal: decision changed";
	}
	if (d->extend_lease_id) {
		day_t end = date_days(f.lease.end);
		day_t new_e = date_add_months(end, d->lease_months);
		date_iso(end, new_start);
		date_iso(new_e, new_end);
		date_iso(date_add_months(new_e, -cfg->review_months), new_review);
		sv.extend_lease_id = f.lease.id;
		sv.extend_lease_version = f.lease.version;
		sv.new_start = new_start;
		sv.new_end = new_end;
		sv.new_review = new_review;
	}
	rc = db_decision_save(s->db, &sv);
	if (rc == DB_CONFLICT)
		rc = err_set(&s->err, ERR_CONFLICT,
			     _("Someone else changed case %s after you opened "
			       "it. Open it again to see their change."),
			     f.c.number);
	else if (rc)
		rc = err_from_db(&s->err, rc);
	else
		*decision_id = sv.out_id;
out:
	free(prev);
	free(letter);
	free(snap);
	facts_release(&f);
	return rc;
}

/* ------------------------------------------------------------ reading */

int decision_list(struct session *s, int64_t case_id,
		  struct decision_rec **out, size_t *n)
{
	struct case_rec c;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = case_visible(s, case_id, &c, "decision", NULL)))
		return rc;
	return err_from_db(&s->err, db_decision_list(s->db, case_id, out, n));
}

int decision_get(struct session *s, int64_t id, struct decision_rec *out)
{
	struct case_rec c;
	int rc = db_decision_get(s->db, id, out);

	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no such decision."));
	if (rc)
		return err_from_db(&s->err, rc);
	if ((rc = case_visible(s, out->case_id, &c, "decision", NULL)))
		memset(out, 0, sizeof *out);
	return rc;
}

static int frozen(struct session *s, int64_t id, char **letter, char **snap)
{
	struct decision_rec d;
	struct case_rec c;
	int rc;

	if ((rc = decision_get(s, id, &d)))
		return rc;
	if ((rc = db_decision_letter(s->db, id, letter, snap)))
		return err_from_db(&s->err, rc);
	/* the letter is the person's data: its reading is logged */
	if (db_case_get(s->db, d.case_id, &c) == DB_OK)
		access_log(s, c.applicant_id, c.id, access_case(s, &c),
			   "decision");
	return 0;
}

int decision_letter(struct session *s, int64_t id, char **letter)
{
	*letter = NULL;
	return frozen(s, id, letter, NULL);
}

int decision_snapshot(struct session *s, int64_t id, char **snap)
{
	char *letter = NULL;
	int rc;

	*snap = NULL;
	rc = frozen(s, id, &letter, snap);
	free(letter);
	return rc;
}

int decision_delivered(struct session *s, int64_t id, const char *day_iso)
{
	struct decision_rec d;
	char now[DB_TS], due[DB_DATE], text[64];
	day_t day = date_days(day_iso);
	int rc;

	if ((rc = decision_get(s, id, &d)))
		return rc;
	if (!session_has_role(s, ROLE_ALLOCATION | ROLE_CASEWORKER |
				     ROLE_DESK))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only the allocation group, the caseworkers "
				 "and the desk record when a decision reached "
				 "the applicant."));
	if (day == DAY_NONE || day > session_today(s) ||
	    day < ts_day(d.issued_at))
		return err_set_field(&s->err, ERR_INVAL, "delivered",
				     _("The day the decision reached the "
				       "applicant is between the day it was "
				       "issued and today."));
	session_now_ts(s, now);
	date_iso(day + s->cfg->appeal_weeks * 7, due);
	snprintf(text, sizeof text, "delivered %s", day_iso);
	return err_from_db(&s->err,
			   db_decision_delivered(s->db, id, day_iso, due,
						 d.case_id, s->me.id, now,
						 text));
}

int decision_seen(struct session *s, int64_t case_id)
{
	char now[DB_TS];
	int changed = 0;

	session_now_ts(s, now);
	return err_from_db(&s->err, db_decision_seen(s->db, case_id, s->me.id,
						     now, &changed));
}
