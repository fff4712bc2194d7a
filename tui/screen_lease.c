/*
 * The lease of a case: the form that makes it when a granted dwelling is
 * accepted (start, length, and for a shorter lease than the minimum its
 * ground and the day of the written notice), and afterwards the lease
 * itself with its review: the outcome, an extension (a new decision), or
 * its end when the tenant moves out.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc_ui.h"
#include "form.h"

enum lease_mode { LM_FORM, LM_VIEW, LM_REVIEW };

struct lease_screen {
	struct screen sc;
	enum lease_mode mode;
	int64_t case_id;
	struct case_rec c;
	struct lease_rec l;
	struct form fm;
	bool has_form;
};

static struct lease_screen *le_of(struct screen *sc)
{
	return (struct lease_screen *)sc;
}

/* The forms take letters as text; the view answers to letters as keys. */
static const struct screen_ops le_form_ops, le_view_ops;

static void set_mode(struct lease_screen *s, enum lease_mode m)
{
	s->mode = m;
	s->sc.ops = m == LM_VIEW ? &le_view_ops : &le_form_ops;
	s->sc.dirty = true;
}

static void use_form(struct lease_screen *s)
{
	if (s->has_form)
		form_release(&s->fm);
	form_init(&s->fm);
	s->has_form = true;
}

static void build_create(struct lease_screen *s)
{
	struct app *a = s->sc.app;
	struct lease_input in;
	char num[16], day[DB_DATE];

	set_mode(s, LM_FORM);
	use_form(s);
	if (lease_init(a->s, s->case_id, &in))
		app_error(a, "%s", a->s->err.msg);
	form_heading(&s->fm, _("The lease"));
	form_text(&s->fm, FT_DATE, "start", _("Starts"), 16, 12);
	form_text(&s->fm, FT_TEXT, "months", _("Length (months)"), 4, 4);
	form_heading(&s->fm, _("A lease shorter than the minimum"));
	form_text(&s->fm, FT_TEXT, "ground", _("Ground"), 512, 0);
	form_text(&s->fm, FT_DATE, "notice", _("Written notice given on"), 16,
		  12);
	form_set(form_find(&s->fm, "start"), ui_date(in.start, day));
	snprintf(num, sizeof num, "%d", in.months);
	form_set(form_find(&s->fm, "months"), num);
	form_first(&s->fm);
	s->fm.changed = false;
}

static void build_review(struct lease_screen *s)
{
	static const char *const outcomes[] = {"private", "buy", "end"};
	struct field *f;

	set_mode(s, LM_REVIEW);
	use_form(s);
	form_heading(&s->fm, _("The review of the lease"));
	f = form_choice(&s->fm, "outcome", _("Outcome"));
	for (size_t i = 0; i < 3; i++)
		form_option(f, lease_outcome_label(outcomes[i]), outcomes[i]);
	form_first(&s->fm);
}

/* opening: the screen is opened (the read is logged); otherwise it is
 * shown again after the user's own change (case_reread: no new row) */
static void load(struct lease_screen *s, bool opening)
{
	struct app *a = s->sc.app;

	if ((opening ? case_open : case_reread)(a->s, s->case_id, &s->c)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	if (lease_of_case(a->s, s->case_id, &s->l) == 0 &&
	    !strcmp(s->l.status, "active")) {
		set_mode(s, LM_VIEW);
	} else if (!strcmp(s->c.status, "granted")) {
		build_create(s);
	} else {
		set_mode(s, LM_VIEW); /* an ended lease, shown as it was */
	}
	s->sc.dirty = true;
}

static void draw_view(struct lease_screen *s, WINDOW *w, int rows, int cols)
{
	struct app *a = s->sc.app;
	const struct lease_rec *l = &s->l;
	char line[700], d1[DB_DATE], d2[DB_DATE];
	int y = 0;

	(void)rows;
	snprintf(line, sizeof line, "%s  %s", s->c.number, s->c.applicant_name);
	ui_put(w, y++, 1, line, cols - 2, ui_attr(a, ST_HEADING));
	if (!l->id) {
		ui_put(w, y + 1, 2, _("The case has no lease."), cols - 4,
		       ui_attr(a, ST_DIM));
		return;
	}
	ui_heading(a, w, y++, l->address, cols);
	snprintf(line, sizeof line, _("From %s to %s"), ui_date(l->start, d1),
		 ui_date(l->end, d2));
	ui_put(w, y++, 2, line, cols - 4, ui_attr(a, ST_NORMAL));
	snprintf(line, sizeof line, _("Review due %s"), ui_date(l->review, d1));
	ui_put(w, y++, 2, line, cols - 4,
	       ui_attr(a, !l->review_outcome[0] &&
				  date_days(l->review) <= session_today(a->s)
			  ? ST_ERROR
			  : ST_NORMAL));
	if (l->short_ground[0]) {
		snprintf(line, sizeof line,
			 _("Shorter than the minimum: %s (notice given %s)"),
			 l->short_ground, ui_date(l->notice, d1));
		ui_put(w, y++, 2, line, cols - 4, ui_attr(a, ST_NORMAL));
	}
	if (l->review_outcome[0]) {
		snprintf(line, sizeof line, _("Reviewed %s: %s"),
			 ui_date(l->reviewed_at, d1),
			 lease_outcome_label(l->review_outcome));
		ui_put(w, y++, 2, line, cols - 4, ui_attr(a, ST_INFO));
	}
	if (!strcmp(l->status, "ended")) {
		snprintf(line, sizeof line, _("Ended %s"),
			 ui_date(l->ended_at, d1));
		ui_put(w, y++, 2, line, cols - 4, ui_attr(a, ST_DIM));
	}
}

static void le_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct lease_screen *s = le_of(sc);

	if (s->mode == LM_VIEW)
		draw_view(s, w, rows, cols);
	else
		form_draw(sc->app, &s->fm, w, rows, cols);
}

static bool le_cursor(struct screen *sc, int *y, int *x)
{
	struct lease_screen *s = le_of(sc);
	return s->mode != LM_VIEW && form_cursor(&s->fm, y, x);
}

static size_t le_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct lease_screen *s = le_of(sc);
	static const enum action form_acts[] = {A_HELP, A_SAVE, A_NEXT_FIELD,
						A_PREV_FIELD, A_TOGGLE, A_BACK,
						A_REDRAW};
	size_t n = 0;
	bool active = s->l.id && !strcmp(s->l.status, "active");

	if (s->mode != LM_VIEW) {
		memcpy(out, form_acts, sizeof form_acts);
		n = sizeof form_acts / sizeof form_acts[0];
		memcpy(out + n, ui_edit_actions, sizeof ui_edit_actions);
		return n + UI_EDIT_NACTIONS;
	}
	out[n++] = A_HELP;
	if (active && !s->l.review_outcome[0])
		out[n++] = A_REVIEW;
	if (active && session_has_role(sc->app->s, ROLE_ALLOCATION) &&
	    !s->l.review_outcome[0])
		out[n++] = A_DECIDE;
	if (active)
		out[n++] = A_END_LEASE;
	out[n++] = A_BACK;
	out[n++] = A_REDRAW;
	return n;
}

static void field_error(struct lease_screen *s)
{
	struct app *a = s->sc.app;
	struct field *bad = form_find(&s->fm, a->s->err.field);

	app_error(a, "%s", a->s->err.msg);
	if (bad) {
		s->fm.cur = (size_t)(bad - s->fm.f);
		text_copy(bad->err, sizeof bad->err, a->s->err.msg);
	}
	s->sc.dirty = true;
}

static void save_create(struct lease_screen *s)
{
	struct app *a = s->sc.app;
	struct lease_input in;
	char text[64], *end;
	int64_t id = 0;

	if (lease_init(a->s, s->case_id, &in)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	form_value(form_find(&s->fm, "start"), text, sizeof text);
	if (date_parse(text, in.start, NULL))
		in.start[0] = '\0';
	form_value(form_find(&s->fm, "months"), text, sizeof text);
	in.months = (int)strtol(text, &end, 10);
	if (*end || !*text)
		in.months = 0;
	form_value(form_find(&s->fm, "ground"), in.short_ground,
		   sizeof in.short_ground);
	form_value(form_find(&s->fm, "notice"), text, sizeof text);
	if (!text[0] || date_parse(text, in.notice, NULL))
		in.notice[0] = '\0';
	if (lease_create(a->s, &in, &id)) {
		field_error(s);
		return;
	}
	app_msg(a, "%s", _("The lease is made; the case is housed and the "
			   "review is in the deadlines."));
	if (s->has_form) {
		form_release(&s->fm);
		s->has_form = false;
	}
	load(s, false);
}

static void save_review(struct lease_screen *s)
{
	struct app *a = s->sc.app;
	char outcome[24];

	form_value(form_find(&s->fm, "outcome"), outcome, sizeof outcome);
	if (lease_review(a->s, s->l.id, s->l.version, outcome)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	app_msg(a, _("The review is recorded: %s."), lease_outcome_label(outcome));
	set_mode(s, LM_VIEW);
	load(s, false);
}

static void end_done(struct screen *sc, const char *text)
{
	struct lease_screen *s = le_of(sc);
	struct app *a = sc->app;
	char iso[DB_DATE];
	struct err e = {0};

	if (!text)
		return;
	if (date_parse(text, iso, &e) ||
	    (lease_end(a->s, s->l.id, s->l.version, iso) &&
	     (e = a->s->err, true))) {
		app_error(a, "%s", e.msg);
		app_prompt(a, sc, _("The tenant moved out on:"), text, 32,
			   end_done);
		return;
	}
	app_msg(a, _("The lease has ended; %s is vacant from %s."),
		s->l.address, text);
	load(s, false);
}

static void le_key(struct screen *sc, int key, enum action act)
{
	struct lease_screen *s = le_of(sc);
	struct app *a = sc->app;
	size_t left;
	char today[DB_DATE], shown[DB_DATE];

	if (s->mode == LM_VIEW) {
		switch (act) {
		case A_REVIEW: build_review(s); sc->dirty = true; break;
		case A_DECIDE:
			app_push(a, decision_form_new(a, s->case_id,
						      DO_GRANTED_DWELLING, 0));
			break;
		case A_END_LEASE:
			session_today_iso(a->s, today);
			app_prompt(a, sc, _("The tenant moved out on:"),
				   ui_date(today, shown), 32, end_done);
			break;
		case A_BACK: app_pop(a); break;
		default: break;
		}
		return;
	}
	switch (act) {
	case A_SAVE:
		if (s->mode == LM_FORM)
			save_create(s);
		else
			save_review(s);
		return;
	case A_BACK:
		if (s->mode == LM_REVIEW) {
			set_mode(s, LM_VIEW);
		} else {
			app_pop(a);
		}
		return;
	default: break;
	}
	for (size_t i = 0; i < s->fm.n; i++)
		s->fm.f[i].err[0] = '\0';
	if (form_key(a, &s->fm, key, act, &left) != FE_NONE)
		sc->dirty = true;
}

static void le_resume(struct screen *sc)
{
	struct lease_screen *s = le_of(sc);
	if (s->mode == LM_VIEW)
		load(s, false);
}

static void le_release(struct screen *sc)
{
	struct lease_screen *s = le_of(sc);
	if (s->has_form)
		form_release(&s->fm);
	free(s);
}

static const struct screen_ops le_form_ops = {
	.title = N_("Lease"),
	.text_input = true,
	.actions = le_actions,
	.draw = le_draw,
	.key = le_key,
	.cursor = le_cursor,
	.resume = le_resume,
	.release = le_release,
};

static const struct screen_ops le_view_ops = {
	.title = N_("Lease"),
	.actions = le_actions,
	.draw = le_draw,
	.key = le_key,
	.cursor = le_cursor,
	.resume = le_resume,
	.release = le_release,
};

struct screen *lease_screen_new(struct app *a, int64_t case_id)
{
	struct lease_screen *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->sc.ops = &le_view_ops;
	s->sc.app = a;
	s->case_id = case_id;
	load(s, true);
	if (!s->c.id) {
		le_release(&s->sc);
		return NULL;
	}
	snprintf(s->sc.title, sizeof s->sc.title, _("Lease of case %s"),
		 s->c.number);
	return &s->sc;
}
