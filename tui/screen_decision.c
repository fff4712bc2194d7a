/*
 * Decisions: the form (outcome, the dwelling, the conclusion, the rules,
 * the facts, the considerations, what is granted or the other help
 * considered), the letter composed from the template for review, and
 * issuing it; then the case's decisions with their letters as issued,
 * the day delivered, and the appeals against them.
 *
 * Every part the law asks for is core's to check (decision_check): the
 * screen shows the reason at the field it concerns and keeps what was
 * typed.  The letter that is issued is the one that was shown.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc_ui.h"
#include "form.h"

/* --------------------------------------------------------- text screen */

typedef void (*text_issue_fn)(struct screen *below, const char *text);

struct text_screen {
	struct screen sc;
	char *text;
	struct ui_span *sp;
	size_t nsp, top;
	int cols, page;
	/* review: the decision form below issues the letter */
	bool review;
	struct screen *form;
	int64_t decision_id; /* view: the decision whose letter it is */
	char file[64];
};

static struct text_screen *ts_of(struct screen *sc)
{
	return (struct text_screen *)sc;
}

static void ts_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct text_screen *t = ts_of(sc);
	struct app *a = sc->app;
	size_t max = strlen(t->text) + 2;

	if (t->cols != cols || !t->sp) {
		free(t->sp);
		t->sp = calloc(max, sizeof *t->sp);
		t->nsp = t->sp ? ui_wrap(t->text, cols - 2, t->sp, max) : 0;
		t->cols = cols;
	}
	t->page = rows > 1 ? rows - 1 : 1;
	if (t->top + (size_t)t->page > t->nsp)
		t->top = t->nsp > (size_t)t->page ? t->nsp - (size_t)t->page : 0;
	for (int y = 0; y < t->page && t->top + (size_t)y < t->nsp; y++)
		ui_put_span(w, y, 1, &t->sp[t->top + (size_t)y], cols - 2,
			    ui_attr(a, ST_NORMAL));
	{
		char line[200];
		snprintf(line, sizeof line,
			 t->review ? _("Lines %zu–%zu of %zu · review the "
				       "letter, then issue it")
				   : _("Lines %zu–%zu of %zu · the letter as "
				       "issued"),
			 t->nsp ? t->top + 1 : 0,
			 t->top + (size_t)t->page < t->nsp
				 ? t->top + (size_t)t->page
				 : t->nsp,
			 t->nsp);
		ui_put(w, rows - 1, 1, line, cols - 2,
		       ui_attr(a, t->review ? ST_INFO : ST_DIM));
	}
}

static size_t ts_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct text_screen *t = ts_of(sc);
	static const enum action tail[] = {A_BACK, A_UP,   A_DOWN, A_PGUP,
					   A_PGDN, A_HOME, A_END,  A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	out[n++] = t->review ? A_ISSUE : A_REPRINT;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void form_issue(struct screen *form, const char *letter);

static void issue_answered(struct screen *sc, bool yes)
{
	struct text_screen *t = ts_of(sc);

	if (yes)
		form_issue(t->form, t->text);
}

static void ts_key(struct screen *sc, int key, enum action act)
{
	struct text_screen *t = ts_of(sc);
	struct app *a = sc->app;
	size_t page = (size_t)t->page, max, before = t->top;

	(void)key;
	max = t->nsp > page ? t->nsp - page : 0;
	switch (act) {
	case A_UP: t->top = t->top ? t->top - 1 : 0; break;
	case A_DOWN: t->top = t->top < max ? t->top + 1 : max; break;
	case A_PGUP: t->top = t->top > page ? t->top - page : 0; break;
	case A_PGDN: t->top = t->top + page < max ? t->top + page : max; break;
	case A_HOME: t->top = 0; break;
	case A_END: t->top = max; break;
	case A_ISSUE:
		app_confirm(a, sc,
			    _("Issue the decision as shown? It can never be "
			      "changed afterwards."),
			    issue_answered);
		return;
	case A_REPRINT: {
		char *copy = strdup(t->text);
		if (copy)
			ui_output_letter(sc, copy, t->file);
		return;
	}
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (t->top != before)
		sc->dirty = true;
}

static void ts_release(struct screen *sc)
{
	struct text_screen *t = ts_of(sc);
	free(t->sp);
	free(t->text);
	free(t);
}

static const struct screen_ops ts_ops = {
	.title = N_("Letter"),
	.actions = ts_actions,
	.draw = ts_draw,
	.key = ts_key,
	.release = ts_release,
};

struct screen *letter_screen_new(struct app *a, const char *title, char *text)
{
	struct text_screen *t = calloc(1, sizeof *t);

	if (!t) {
		free(text);
		return NULL;
	}
	t->sc.ops = &ts_ops;
	t->sc.app = a;
	t->text = text;
	snprintf(t->sc.title, sizeof t->sc.title, "%s", title);
	snprintf(t->file, sizeof t->file, "letter.txt");
	return &t->sc;
}

/* ---------------------------------------------------------- the form */

#define FORM_DWELLINGS 20

struct decision_form {
	struct screen sc;
	struct decision_draft d;
	struct form fm;
	struct case_rec c;
	int64_t dwellings[FORM_DWELLINGS + 1];
	char letter_name[64];
	int64_t draft_id; /* what is typed is kept as a draft */
};

static struct decision_form *dfm_of(struct screen *sc)
{
	return (struct decision_form *)sc;
}

static void set_num(struct form *fm, const char *key, int v)
{
	char num[16];

	snprintf(num, sizeof num, "%d", v);
	form_set(form_find(fm, key), v ? num : "");
}

static void set_grant(struct decision_form *f)
{
	set_num(&f->fm, "grant_rooms", f->d.grant_rooms);
	set_num(&f->fm, "grant_size", f->d.grant_size_m2);
	form_set(form_find(&f->fm, "grant_type"), f->d.grant_type);
	form_set(form_find(&f->fm, "ground_or_lift"),
		 f->d.ground_or_lift ? "1" : "0");
	set_num(&f->fm, "lease_months", f->d.lease_months);
}

static void build(struct decision_form *f)
{
	struct app *a = f->sc.app;
	struct form *fm = &f->fm;
	struct field *ch;
	struct dwelling_rec *dw = calloc(FORM_DWELLINGS, sizeof *dw);
	struct dwelling_rec one;
	size_t n = 0, k = 0;
	char label[200], id[24];

	form_init(fm);
	form_heading(fm, _("Decision"));
	ch = form_choice(fm, "outcome", _("Outcome"));
	for (int o = 0; o < DO__COUNT; o++)
		form_option(ch, decision_outcome_label(decision_outcome_name(o)),
			    decision_outcome_name(o));
	form_set(ch, decision_outcome_name(f->d.outcome));
	ch = form_choice(fm, "dwelling", _("Dwelling granted"));
	form_option(ch, _("none (waiting list, refusal, assistance)"), "0");
	/* the chosen dwelling first, then those that suit the case */
	if (f->d.dwelling_id && dwelling_get(a->s, f->d.dwelling_id, &one) == 0) {
		snprintf(label, sizeof label, _("%s, %d rooms"), one.address,
			 one.rooms);
		snprintf(id, sizeof id, "%lld", (long long)one.id);
		form_option(ch, label, id);
		f->dwellings[k++] = one.id;
	}
	if (dw && !f->d.extend_lease_id &&
	    dwelling_suiting_case(a->s, f->d.case_id, FORM_DWELLINGS, dw, &n) == 0)
		for (size_t i = 0; i < n && k < FORM_DWELLINGS; i++) {
			if (dw[i].id == f->d.dwelling_id)
				continue;
			snprintf(label, sizeof label, _("%s, %d rooms"),
				 dw[i].address, dw[i].rooms);
			snprintf(id, sizeof id, "%lld", (long long)dw[i].id);
			form_option(ch, label, id);
			f->dwellings[k++] = dw[i].id;
		}
	free(dw);
	snprintf(id, sizeof id, "%lld", (long long)f->d.dwelling_id);
	form_set(ch, id);
	form_text(fm, FT_TEXT, "conclusion", _("Conclusion"), 1024, 0);
	form_text(fm, FT_TEXT, "rules", _("Rules it rests on"), 1024, 0);
	form_text(fm, FT_TEXT, "facts", _("Facts"), 2048, 0);
	form_text(fm, FT_TEXT, "considerations", _("Main considerations"), 2048, 0);
	form_heading(fm, _("What is granted"));
	ch = form_choice(fm, "grant_type", _("Type of dwelling"));
	for (int i = 0; i < DECISION_GRANT_TYPES; i++)
		form_option(ch, decision_grant_type_label(decision_grant_type_name(i)),
			    decision_grant_type_name(i));
	form_text(fm, FT_TEXT, "grant_rooms", _("Rooms"), 4, 4);
	form_text(fm, FT_TEXT, "grant_size", _("Size (m²)"), 6, 6);
	form_check(fm, "ground_or_lift", _("Ground floor or lift"));
	form_text(fm, FT_TEXT, "lease_months", _("Lease (months)"), 4, 4);
	form_text(fm, FT_TEXT, "lease_ground", _("Ground for a shorter lease"),
		  512, 0);
	form_heading(fm, _("A refusal"));
	form_text(fm, FT_TEXT, "other_help", _("Other help considered"), 1024, 0);
	form_heading(fm, _("Housing assistance granted"));
	form_text(fm, FT_TEXT, "assistance", _("Main content"), 1024, 0);
	form_set(form_find(fm, "conclusion"), f->d.conclusion);
	form_set(form_find(fm, "rules"), f->d.rules);
	form_set(form_find(fm, "facts"), f->d.facts);
	form_set(form_find(fm, "considerations"), f->d.considerations);
	set_grant(f);
	form_first(fm);
	/* the conclusion is the first thing to write */
	fm->cur = (size_t)(form_find(fm, "conclusion") - fm->f);
	fm->changed = false;
}

static int int_of(struct form *fm, const char *key)
{
	char text[32], *end;
	long v;

	form_value(form_find(fm, key), text, sizeof text);
	v = strtol(text, &end, 10);
	return *text && !*end && v >= 0 && v < 100000 ? (int)v : 0;
}

static void collect(struct decision_form *f, struct decision_draft *d)
{
	struct form *fm = &f->fm;
	char text[64];
	int o;

	*d = f->d;
	form_value(form_find(fm, "outcome"), text, sizeof text);
	o = decision_outcome_from_name(text);
	d->outcome = o >= 0 ? (enum decision_outcome)o : DO__COUNT;
	form_value(form_find(fm, "dwelling"), text, sizeof text);
	d->dwelling_id = d->outcome == DO_GRANTED_DWELLING
				 ? strtoll(text, NULL, 10) : 0;
	form_value(form_find(fm, "conclusion"), d->conclusion,
		   sizeof d->conclusion);
	form_value(form_find(fm, "rules"), d->rules, sizeof d->rules);
	form_value(form_find(fm, "facts"), d->facts, sizeof d->facts);
	form_value(form_find(fm, "considerations"), d->considerations,
		   sizeof d->considerations);
	form_value(form_find(fm, "grant_type"), d->grant_type,
		   sizeof d->grant_type);
	d->grant_rooms = int_of(fm, "grant_rooms");
	d->grant_size_m2 = int_of(fm, "grant_size");
	form_value(form_find(fm, "ground_or_lift"), text, sizeof text);
	d->ground_or_lift = !strcmp(text, "1");
	d->lease_months = int_of(fm, "lease_months");
	form_value(form_find(fm, "lease_ground"), d->lease_ground,
		   sizeof d->lease_ground);
	form_value(form_find(fm, "other_help"), d->other_help,
		   sizeof d->other_help);
	form_value(form_find(fm, "assistance"), d->assistance,
		   sizeof d->assistance);
}

/* A dwelling chosen: what is granted follows from it. */
static void dwelling_chosen(struct decision_form *f)
{
	struct app *a = f->sc.app;
	struct decision_draft d, fresh;

	collect(f, &d);
	if (!d.dwelling_id || d.dwelling_id == f->d.dwelling_id)
		return;
	if (decision_draft_init(a->s, d.case_id, d.outcome, d.dwelling_id,
				&fresh) == 0) {
		f->d.dwelling_id = d.dwelling_id;
		snprintf(f->d.grant_type, sizeof f->d.grant_type, "%s",
			 fresh.grant_type);
		f->d.grant_rooms = fresh.grant_rooms;
		f->d.grant_size_m2 = fresh.grant_size_m2;
		f->d.ground_or_lift = fresh.ground_or_lift;
		set_grant(f);
	}
}

/* Everything typed is kept as a draft (kind "decision"): on every field
 * left, on Esc and when the program is stopped (SIGHUP). */
static void save_draft(struct decision_form *f)
{
	struct app *a = f->sc.app;
	char title[161], head[64], *form, *data;

	if (!f->fm.changed)
		return;
	form = form_serialise(&f->fm);
	snprintf(head, sizeof head, "case=%lld\n", (long long)f->d.case_id);
	data = malloc(strlen(head) + strlen(form) + 1);
	if (data) {
		snprintf(title, sizeof title, _("Decision for case %s"),
			 f->c.number);
		strcpy(data, head);
		strcat(data, form);
		if (draft_save(a->s, &f->draft_id, "decision", title, data))
			app_error(a, "%s", a->s->err.msg);
		else
			f->fm.changed = false;
	}
	free(data);
	free(form);
}

static void dfm_save_hook(struct screen *sc)
{
	save_draft(dfm_of(sc));
}

static void show_error(struct decision_form *f)
{
	struct app *a = f->sc.app;
	struct field *bad = form_find(&f->fm, a->s->err.field);

	if (!bad && !strcmp(a->s->err.field, "grant_size"))
		bad = form_find(&f->fm, "grant_size");
	app_error(a, "%s", a->s->err.msg);
	if (bad) {
		f->fm.cur = (size_t)(bad - f->fm.f);
		text_copy(bad->err, sizeof bad->err, a->s->err.msg);
	}
	f->sc.dirty = true;
}

static void preview(struct decision_form *f)
{
	struct app *a = f->sc.app;
	struct decision_draft d;
	struct text_screen *t;
	char *letter = NULL;
	struct screen *sc;

	for (size_t i = 0; i < f->fm.n; i++)
		f->fm.f[i].err[0] = '\0';
	collect(f, &d);
	if (decision_compose(a->s, &d, &letter)) {
		show_error(f);
		return;
	}
	sc = letter_screen_new(a, _("The decision letter"), letter);
	if (!sc)
		return;
	t = ts_of(sc);
	t->review = true;
	t->form = &f->sc;
	snprintf(t->file, sizeof t->file, "%s", f->letter_name);
	app_push(a, sc);
	app_msg(a, "%s", _("Read the letter through. Issue it when it is "
			   "right; Esc goes back to the form."));
}

/* Called from the review screen on top of the form. */
static void form_issue(struct screen *form, const char *letter)
{
	struct decision_form *f = dfm_of(form);
	struct app *a = form->app;
	struct decision_draft d;
	int64_t id = 0;
	char *copy, name[64];

	collect(f, &d);
	if (decision_issue(a->s, &d, letter, &id)) {
		app_pop(a); /* back to the form, with the reason */
		show_error(f);
		return;
	}
	if (f->draft_id && draft_delete(a->s, f->draft_id) == 0)
		f->draft_id = 0;
	copy = strdup(letter);
	snprintf(name, sizeof name, "%s", f->letter_name);
	app_pop(a); /* the review */
	app_pop(a); /* the form: the screen below reads the case again */
	app_msg(a, "%s", _("The decision is issued and stored as it was "
			   "shown."));
	if (copy && app_top(a))
		ui_output_letter(app_top(a), copy, name);
	else
		free(copy);
}

static size_t dfm_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	static const enum action acts[] = {A_HELP,	 A_PREVIEW, A_NEXT_FIELD,
					   A_PREV_FIELD, A_TOGGLE,  A_BACK,
					   A_NEXT_SECTION, A_PREV_SECTION,
					   A_REDRAW};
	size_t n = sizeof acts / sizeof acts[0];

	(void)sc;
	memcpy(out, acts, sizeof acts);
	memcpy(out + n, ui_edit_actions, sizeof ui_edit_actions);
	return n + UI_EDIT_NACTIONS;
}

static void dfm_key(struct screen *sc, int key, enum action act)
{
	struct decision_form *f = dfm_of(sc);
	struct app *a = sc->app;
	size_t left;

	switch (act) {
	case A_PREVIEW: preview(f); return;
	case A_BACK:
		save_draft(f);
		if (f->draft_id)
			app_msg(a, "%s", _("The decision is kept as a draft on "
					   "the home screen."));
		app_pop(a);
		return;
	default: break;
	}
	switch (form_key(a, &f->fm, key, act, &left)) {
	case FE_MOVED:
		if (!strcmp(f->fm.f[left].key, "dwelling"))
			dwelling_chosen(f);
		save_draft(f);
		sc->dirty = true;
		break;
	case FE_EDITED:
		if (!strcmp(f->fm.f[f->fm.cur].key, "dwelling"))
			dwelling_chosen(f);
		sc->dirty = true;
		break;
	case FE_NONE: break;
	}
}

static void dfm_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	form_draw(sc->app, &dfm_of(sc)->fm, w, rows, cols);
}

static bool dfm_cursor(struct screen *sc, int *y, int *x)
{
	return form_cursor(&dfm_of(sc)->fm, y, x);
}

static void dfm_release(struct screen *sc)
{
	struct decision_form *f = dfm_of(sc);
	form_release(&f->fm);
	free(f);
}

static const struct screen_ops dfm_ops = {
	.title = N_("Decision"),
	.text_input = true,
	.actions = dfm_actions,
	.draw = dfm_draw,
	.key = dfm_key,
	.cursor = dfm_cursor,
	.save = dfm_save_hook,
	.release = dfm_release,
};

struct screen *decision_form_new(struct app *a, int64_t case_id,
				 enum decision_outcome outcome,
				 int64_t dwelling_id)
{
	struct decision_form *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	f->sc.ops = &dfm_ops;
	f->sc.app = a;
	if (!session_has_role(a->s, ROLE_ALLOCATION)) {
		app_error(a, "%s", _("Only the allocation group issues "
				     "decisions."));
		free(f);
		return NULL;
	}
	if (case_open(a->s, case_id, &f->c) ||
	    decision_draft_init(a->s, case_id, outcome, dwelling_id, &f->d)) {
		app_error(a, "%s", a->s->err.msg);
		free(f);
		return NULL;
	}
	snprintf(f->sc.title, sizeof f->sc.title, _("Decision for case %s"),
		 f->c.number);
	snprintf(f->letter_name, sizeof f->letter_name, "vedtak-%s.txt",
		 f->c.number);
	build(f);
	if (f->d.appeal_id)
		app_msg(a, "%s", _("The case is appealed: this decision changes "
				   "the one appealed against."));
	else if (f->d.extend_lease_id)
		app_msg(a, "%s", _("The case is housed: this decision extends "
				   "its lease."));
	return &f->sc;
}

/* The value of "key=" in a draft's lines, "" when absent. */
static void draft_value(const char *data, const char *key, char *out,
			size_t size)
{
	size_t n = strlen(key);
	const char *p = data;

	out[0] = '\0';
	while (p && *p) {
		if (strncmp(p, key, n) == 0 && p[n] == '=') {
			const char *end = strchr(p + n + 1, '\n');
			size_t len = end ? (size_t)(end - p - n - 1)
					 : strlen(p + n + 1);
			snprintf(out, size, "%.*s", (int)len, p + n + 1);
			return;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
}

struct screen *alloc_draft_open(struct app *a, const char *kind,
				int64_t draft_id)
{
	struct screen *sc;
	char *data = NULL, value[64];
	int64_t case_id, dwelling;
	int outcome;

	if (strcmp(kind, "decision") != 0)
		return NULL;
	if (draft_load(a->s, draft_id, &data)) {
		app_error(a, "%s", a->s->err.msg);
		return NULL;
	}
	draft_value(data, "case", value, sizeof value);
	case_id = strtoll(value, NULL, 10);
	draft_value(data, "outcome", value, sizeof value);
	outcome = decision_outcome_from_name(value);
	if (outcome < 0)
		outcome = DO_GRANTED_WAITING;
	draft_value(data, "dwelling", value, sizeof value);
	dwelling = strtoll(value, NULL, 10);
	sc = decision_form_new(a, case_id, (enum decision_outcome)outcome,
			       outcome == DO_GRANTED_DWELLING ? dwelling : 0);
	if (sc) {
		struct decision_form *f = dfm_of(sc);
		f->draft_id = draft_id;
		form_restore(&f->fm, data);
		f->fm.changed = false;
		app_msg(a, "%s", _("The draft is opened where it was left."));
	}
	free(data);
	return sc;
}

/* --------------------------------------------------- the case's decisions */

struct decisions_screen {
	struct screen sc;
	int64_t case_id;
	struct case_rec c;
	struct decision_rec *d;
	size_t n, sel;
	struct appeal_rec *ap;
	size_t nap;
	char outcome[17];
};

static struct decisions_screen *dd_of(struct screen *sc)
{
	return (struct decisions_screen *)sc;
}

/* opening: the screen is opened (the read is logged); otherwise it is
 * shown again after the user's own change (case_reread: no new row) */
static void dd_load(struct decisions_screen *s, bool opening)
{
	struct app *a = s->sc.app;

	free(s->d);
	free(s->ap);
	s->d = NULL;
	s->ap = NULL;
	s->n = s->nap = 0;
	if ((opening ? case_open : case_reread)(a->s, s->case_id, &s->c) ||
	    decision_list(a->s, s->case_id, &s->d, &s->n) ||
	    appeal_list(a->s, s->case_id, &s->ap, &s->nap))
		app_error(a, "%s", a->s->err.msg);
	if (s->sel >= s->n)
		s->sel = s->n ? s->n - 1 : 0;
	s->sc.dirty = true;
}

/* The chosen decision's appeal that is still open, if any. */
static const struct appeal_rec *open_appeal(const struct decisions_screen *s,
					    const char *status)
{
	if (!s->n)
		return NULL;
	for (size_t i = 0; i < s->nap; i++)
		if (s->ap[i].decision_id == s->d[s->sel].id &&
		    !strcmp(s->ap[i].status, status))
			return &s->ap[i];
	return NULL;
}

static void dd_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct decisions_screen *s = dd_of(sc);
	struct app *a = sc->app;
	char line[600], when[64], d1[DB_DATE], d2[DB_DATE], iso[DB_DATE];
	int y = 0;

	snprintf(line, sizeof line, "%s  %s", s->c.number, s->c.applicant_name);
	ui_put(w, y++, 1, line, cols - 2, ui_attr(a, ST_HEADING));
	ui_heading(a, w, y++, _("Decisions, newest first"), cols);
	for (size_t i = 0; i < s->n && y < rows - 6; i++) {
		const struct decision_rec *d = &s->d[i];
		ui_timestamp(d->issued_at, when, sizeof when);
		snprintf(line, sizeof line, "%s  %s%s%s  · %s", when,
			 decision_outcome_label(d->outcome),
			 d->dwelling_address[0] ? ", " : "", d->dwelling_address,
			 d->issued_by_name);
		ui_put_pad(w, y++, 0, line, cols,
			   ui_attr(a, i == s->sel ? ST_SELECTED : ST_NORMAL));
	}
	if (!s->n)
		return;
	y++;
	{
		const struct decision_rec *d = &s->d[s->sel];
		date_iso(appeal_deadline(a->s, d), iso);
		snprintf(line, sizeof line, _("Appeal body: %s · appeal deadline "
					      "%s · reached the applicant: %s"),
			 d->appeal_body, ui_date(iso, d1),
			 d->delivered[0] ? ui_date(d->delivered, d2)
					 : _("not recorded"));
		ui_put(w, y++, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
		ui_put(w, y++, 1, d->conclusion, cols - 2, ui_attr(a, ST_DIM));
	}
	ui_heading(a, w, y++, _("Appeals"), cols);
	if (!s->nap)
		ui_put(w, y++, 2, _("No appeal is registered."), cols - 4,
		       ui_attr(a, ST_DIM));
	for (size_t i = 0; i < s->nap && y < rows; i++) {
		const struct appeal_rec *p = &s->ap[i];
		snprintf(line, sizeof line, _("Received %s%s: %s%s%s"),
			 ui_date(p->received, d1), p->late ? _(" (late)") : "",
			 p->body_outcome[0] ? appeal_outcome_label(p->body_outcome)
					    : appeal_status_label(p->status),
			 p->due[0] ? _("; reassess by ") : "",
			 p->due[0] ? ui_date(p->due, d2) : "");
		ui_put(w, y++, 2, line, cols - 4,
		       ui_attr(a, p->late ? ST_ERROR : ST_NORMAL));
	}
}

static size_t dd_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct decisions_screen *s = dd_of(sc);
	struct session *ss = sc->app->s;
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_REDRAW};
	size_t n = 0;
	bool newest = s->n && s->sel == 0;
	int st = case_status_from_name(s->c.status);

	out[n++] = A_HELP;
	if (s->n) {
		out[n++] = A_OPEN;
		out[n++] = A_REPRINT;
		out[n++] = A_DELIVERED;
	}
	if (newest && (st == CS_GRANTED || st == CS_WAITING ||
		       st == CS_REJECTED))
		out[n++] = A_APPEAL;
	if (session_has_role(ss, ROLE_ALLOCATION)) {
		if (open_appeal(s, "registered"))
			out[n++] = A_FORWARD;
		if (open_appeal(s, "forwarded"))
			out[n++] = A_APPEAL_OUTCOME;
	}
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static bool day_of(struct app *a, const char *text, char iso[DB_DATE])
{
	struct err e = {0};

	if (date_parse(text, iso, &e)) {
		app_error(a, "%s", e.msg);
		return false;
	}
	return true;
}

static void today_shown(struct app *a, char shown[DB_DATE])
{
	char iso[DB_DATE];

	session_today_iso(a->s, iso);
	date_show(iso, shown);
}

static void delivered_done(struct screen *sc, const char *text)
{
	struct decisions_screen *s = dd_of(sc);
	struct app *a = sc->app;
	char iso[DB_DATE];

	if (!text || !s->n)
		return;
	if (!day_of(a, text, iso) ||
	    (decision_delivered(a->s, s->d[s->sel].id, iso) &&
	     (app_error(a, "%s", a->s->err.msg), true))) {
		app_prompt(a, sc, _("The decision reached the applicant on:"),
			   text, 32, delivered_done);
		return;
	}
	dd_load(s, false);
	app_msg(a, "%s", _("Recorded; the appeal deadline runs from that "
			   "day."));
}

static void appeal_done(struct screen *sc, const char *text)
{
	struct decisions_screen *s = dd_of(sc);
	struct app *a = sc->app;
	char iso[DB_DATE];
	int64_t id = 0;

	if (!text || !s->n)
		return;
	if (!day_of(a, text, iso))
		goto again;
	if (appeal_register(a->s, s->d[s->sel].id, iso, &id)) {
		app_error(a, "%s", a->s->err.msg);
		if (!strcmp(a->s->err.field, "received"))
			goto again;
		return;
	}
	dd_load(s, false);
	app_msg(a, "%s", s->nap && s->ap[0].late
				 ? _("The appeal is registered. It came after "
				     "the deadline and is flagged as late.")
				 : _("The appeal is registered, in time."));
	return;
again:
	app_prompt(a, sc, _("The appeal was received on:"), text, 32,
		   appeal_done);
}

static void forward_answered(struct screen *sc, bool yes)
{
	struct decisions_screen *s = dd_of(sc);
	struct app *a = sc->app;
	const struct appeal_rec *p = open_appeal(s, "registered");

	if (!yes || !p)
		return;
	if (appeal_forward(a->s, p->id, p->version))
		app_error(a, "%s", a->s->err.msg);
	else
		app_msg(a, _("The decision is upheld; the appeal goes to %s."),
			s->d[s->sel].appeal_body);
	dd_load(s, false);
}

static void outcome_day_done(struct screen *sc, const char *text)
{
	struct decisions_screen *s = dd_of(sc);
	struct app *a = sc->app;
	const struct appeal_rec *p = open_appeal(s, "forwarded");
	char iso[DB_DATE];

	if (!text || !p)
		return;
	if (!day_of(a, text, iso) ||
	    (appeal_outcome(a->s, p->id, p->version, s->outcome, iso) &&
	     (app_error(a, "%s", a->s->err.msg), true))) {
		app_prompt(a, sc, _("The appeal body decided on:"), text, 32,
			   outcome_day_done);
		return;
	}
	dd_load(s, false);
	app_msg(a, _("The appeal body's outcome is recorded: %s."),
		appeal_outcome_label(s->outcome));
}

/* The outcome as a word: the stored name or the label in the user's
 * language, or its beginning ("opp" is ambiguous: upheld or quashed). */
static void outcome_done(struct screen *sc, const char *text)
{
	struct decisions_screen *s = dd_of(sc);
	struct app *a = sc->app;
	static const char *const names[] = {"upheld", "changed", "quashed"};
	char typed[64], label[200], shown[DB_DATE];
	int found = -1, hits = 0;

	if (!text)
		return;
	text_fold(text, typed, sizeof typed);
	text_trim(typed);
	for (int i = 0; typed[0] && i < 3; i++) {
		text_fold(appeal_outcome_label(names[i]), label, sizeof label);
		if (!strncmp(label, typed, strlen(typed)) ||
		    !strncmp(names[i], typed, strlen(typed))) {
			found = i;
			hits++;
		}
	}
	if (hits != 1) {
		app_error(a, _("Write %s, %s or %s."),
			  appeal_outcome_label("upheld"),
			  appeal_outcome_label("changed"),
			  appeal_outcome_label("quashed"));
		app_prompt(a, sc, _("The appeal body's outcome:"), text, 60,
			   outcome_done);
		return;
	}
	snprintf(s->outcome, sizeof s->outcome, "%s", names[found]);
	today_shown(a, shown);
	app_prompt(a, sc, _("The appeal body decided on:"), shown, 32,
		   outcome_day_done);
}

static void dd_key(struct screen *sc, int key, enum action act)
{
	struct decisions_screen *s = dd_of(sc);
	struct app *a = sc->app;
	size_t before = s->sel;
	char shown[DB_DATE], title[120], name[64];
	char *letter = NULL;

	(void)key;
	switch (act) {
	case A_UP: if (s->sel) s->sel--; break;
	case A_DOWN: if (s->sel + 1 < s->n) s->sel++; break;
	case A_OPEN:
	case A_REPRINT:
		if (!s->n)
			break;
		if (decision_letter(a->s, s->d[s->sel].id, &letter)) {
			app_error(a, "%s", a->s->err.msg);
			break;
		}
		snprintf(name, sizeof name, "vedtak-%s-%lld.txt", s->c.number,
			 (long long)s->d[s->sel].id);
		if (act == A_REPRINT) {
			ui_output_letter(sc, letter, name);
			break;
		}
		snprintf(title, sizeof title, _("Decision of case %s"),
			 s->c.number);
		{
			struct screen *t = letter_screen_new(a, title, letter);
			if (t) {
				snprintf(ts_of(t)->file, sizeof ts_of(t)->file,
					 "%s", name);
				app_push(a, t);
			}
		}
		break;
	case A_DELIVERED:
		today_shown(a, shown);
		app_prompt(a, sc, _("The decision reached the applicant on:"),
			   shown, 32, delivered_done);
		break;
	case A_APPEAL:
		today_shown(a, shown);
		app_prompt(a, sc, _("The appeal was received on:"), shown, 32,
			   appeal_done);
		break;
	case A_FORWARD:
		app_confirm(a, sc,
			    _("Uphold the decision and forward the appeal to the "
			      "appeal body? (To change it, make a new decision "
			      "on the case.)"),
			    forward_answered);
		break;
	case A_APPEAL_OUTCOME:
		app_prompt(a, sc, _("The appeal body's outcome:"), "", 60,
			   outcome_done);
		break;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (s->sel != before)
		sc->dirty = true;
}

static void dd_resume(struct screen *sc)
{
	dd_load(dd_of(sc), false);
}

static void dd_release(struct screen *sc)
{
	struct decisions_screen *s = dd_of(sc);
	free(s->d);
	free(s->ap);
	free(s);
}

static const struct screen_ops dd_ops = {
	.title = N_("Decisions"),
	.actions = dd_actions,
	.draw = dd_draw,
	.key = dd_key,
	.resume = dd_resume,
	.release = dd_release,
};

struct screen *decisions_screen_new(struct app *a, int64_t case_id)
{
	struct decisions_screen *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->sc.ops = &dd_ops;
	s->sc.app = a;
	s->case_id = case_id;
	dd_load(s, true);
	if (!s->c.id) {
		dd_release(&s->sc);
		return NULL;
	}
	snprintf(s->sc.title, sizeof s->sc.title, _("Decisions of case %s"),
		 s->c.number);
	return &s->sc;
}
