/*
 * The housing forum's agenda (boligforum): escalated and disputed cases,
 * open ones first, with the chosen item's details below the list.  A
 * member of the forum, or a supervisor of the units involved, records
 * the conclusion: which unit takes the responsibility, and why; it is
 * carried out at once (core/referral.c).  The agenda shows case numbers
 * and units, not who the cases are about.
 */
#include <stdlib.h>
#include <string.h>

#include "referral.h"

struct forum_screen {
	struct screen sc;
	struct forum_rec *f;
	size_t n, sel, top;
	struct unit_rec *units; /* the choice of a conclusion */
	size_t nunits;
	int64_t unit_id;
	char text[1025];
};

static struct forum_screen *fs_of(struct screen *sc)
{
	return (struct forum_screen *)sc;
}

static void fs_load(struct forum_screen *fs)
{
	struct app *a = fs->sc.app;

	free(fs->f);
	fs->f = NULL;
	fs->n = 0;
	if (forum_list(a->s, &fs->f, &fs->n))
		app_error(a, "%s", a->s->err.msg);
	if (fs->sel >= fs->n)
		fs->sel = fs->n ? fs->n - 1 : 0;
	fs->sc.dirty = true;
}

static const struct forum_rec *current(struct forum_screen *fs)
{
	return fs->n ? &fs->f[fs->sel] : NULL;
}

static void fs_details(struct forum_screen *fs, struct tlines *L)
{
	const struct forum_rec *f = current(fs);
	char line[1400], when[64];

	if (!f)
		return;
	ui_timestamp(f->raised_at, when, sizeof when);
	snprintf(line, sizeof line, _("Case %s · raised by %s %s"),
		 f->case_number, f->raised_name, when);
	tl_add(L, ST_HEADING, line);
	if (f->referral_id) {
		snprintf(line, sizeof line, _("Referral from %s to %s"),
			 f->from_name, f->to_name);
		tl_wrap(L, ST_NORMAL, 2, line);
	}
	tl_wrap(L, ST_NORMAL, 2, f->why);
	if (f->concluded_at[0]) {
		ui_timestamp(f->concluded_at, when, sizeof when);
		snprintf(line, sizeof line, _("Concluded %s: %s is responsible."),
			 when, f->resp_name);
		tl_wrap(L, ST_INFO, 2, line);
		tl_wrap(L, ST_NORMAL, 4, f->conclusion);
	} else {
		tl_wrap(L, ST_DIM, 2, _("Not concluded yet."));
	}
}

static void fs_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct forum_screen *fs = fs_of(sc);
	struct app *a = sc->app;
	int list = rows / 2 - 1;
	struct tlines L = {.cols = cols};
	char line[400], d[DB_DATE], day[DB_DATE], concl[160];

	ui_heading(a, w, 0, _("On the agenda"), cols);
	if (!fs->n)
		ui_put(w, 1, 2, _("Nothing is on the housing forum's agenda."),
		       cols - 4, ui_attr(a, ST_DIM));
	if (fs->sel < fs->top)
		fs->top = fs->sel;
	if (list > 0 && fs->sel >= fs->top + (size_t)list)
		fs->top = fs->sel - (size_t)list + 1;
	for (int y = 0; y < list && fs->top + (size_t)y < fs->n; y++) {
		size_t i = fs->top + (size_t)y;
		const struct forum_rec *f = &fs->f[i];
		attr_t at = ui_attr(a, i == fs->sel ? ST_SELECTED : ST_NORMAL);
		snprintf(day, sizeof day, "%.10s", f->raised_at);
		if (f->concluded_at[0])
			snprintf(concl, sizeof concl, _("concluded: %s"),
				 f->resp_name);
		else
			snprintf(concl, sizeof concl, "%s", _("open"));
		snprintf(line, sizeof line, "%s  %s  %s%s%s  %s", f->case_number,
			 ui_date(day, d), f->from_name,
			 f->referral_id ? " → " : "", f->to_name, concl);
		ui_put_pad(w, 1 + y, 0, "", cols, at);
		ui_put(w, 1 + y, 1, line, cols - 2, at);
	}
	fs_details(fs, &L);
	tl_draw(a, w, list + 1, rows - list - 1, cols, &L, 0);
	tl_free(&L);
}

static size_t fs_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct forum_screen *fs = fs_of(sc);
	const struct forum_rec *f = current(fs);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_HOME,
					   A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (f && forum_may_conclude(sc->app->s, f))
		out[n++] = A_CONCLUDE;
	if (f && f->referral_id)
		out[n++] = A_OPEN;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void conclusion_text(struct screen *sc, const char *text)
{
	struct forum_screen *fs = fs_of(sc);
	struct app *a = sc->app;
	const struct forum_rec *f = current(fs);
	char number[12], name[130] = "";

	if (!text || !f)
		return;
	snprintf(fs->text, sizeof fs->text, "%s", text);
	snprintf(number, sizeof number, "%s", f->case_number);
	for (size_t i = 0; i < fs->nunits; i++)
		if (fs->units[i].id == fs->unit_id)
			snprintf(name, sizeof name, "%s", fs->units[i].name);
	if (forum_conclude(a->s, f->id, f->version, fs->unit_id, text)) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", a->s->err.msg);
		fs_load(fs);
		app_error(a, "%s", msg);
		return;
	}
	fs->text[0] = '\0';
	fs_load(fs);
	app_msg(a, _("The conclusion is recorded and carried out: %s is "
		     "responsible for case %s."),
		name, number);
}

static void unit_picked(struct screen *sc, size_t i)
{
	struct forum_screen *fs = fs_of(sc);

	if (i >= fs->nunits)
		return;
	fs->unit_id = fs->units[i].id;
	app_prompt(sc->app, sc, _("Conclusion, and why:"), fs->text, 1024,
		   conclusion_text);
}

static void conclude(struct forum_screen *fs)
{
	struct app *a = fs->sc.app;
	struct unit_rec *u = NULL;
	size_t n = 0, k = 0;
	const char **lines;

	if (unit_list(a->s, &u, &n)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	/* units that can hold a case */
	for (size_t i = 0; i < n; i++)
		if (u[i].active && strcmp(u[i].kind, "forum") &&
		    strcmp(u[i].kind, "allocation") && strcmp(u[i].kind, "external"))
			u[k++] = u[i];
	free(fs->units);
	fs->units = u;
	fs->nunits = k;
	lines = calloc(k + 1, sizeof *lines);
	if (!lines)
		return;
	for (size_t i = 0; i < k; i++)
		lines[i] = u[i].name;
	app_push(a, pick_new(a, &fs->sc, _("Which unit takes the responsibility?"),
			     lines, k, unit_picked));
	free(lines);
}

static void fs_key(struct screen *sc, int key, enum action act)
{
	struct forum_screen *fs = fs_of(sc);
	struct app *a = sc->app;
	size_t before = fs->sel;

	(void)key;
	switch (act) {
	case A_UP:
		if (fs->sel)
			fs->sel--;
		break;
	case A_DOWN:
		if (fs->sel + 1 < fs->n)
			fs->sel++;
		break;
	case A_HOME: fs->sel = 0; break;
	case A_END: fs->sel = fs->n ? fs->n - 1 : 0; break;
	case A_CONCLUDE: conclude(fs); return;
	case A_OPEN:
		if (current(fs))
			app_push(a, referral_screen_new(a, current(fs)->referral_id));
		return;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (fs->sel != before)
		sc->dirty = true;
}

static void fs_resume(struct screen *sc)
{
	fs_load(fs_of(sc));
}

static void fs_release(struct screen *sc)
{
	struct forum_screen *fs = fs_of(sc);
	free(fs->f);
	free(fs->units);
	free(fs);
}

static const struct screen_ops forum_ops = {
	.title = N_("The housing forum"),
	.actions = fs_actions,
	.draw = fs_draw,
	.key = fs_key,
	.resume = fs_resume,
	.release = fs_release,
};

struct screen *forum_screen_new(struct app *a)
{
	struct forum_screen *fs = calloc(1, sizeof *fs);

	if (!fs)
		return NULL;
	fs->sc.ops = &forum_ops;
	fs->sc.app = a;
	fs_load(fs);
	return &fs->sc;
}
