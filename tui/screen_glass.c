/*
 * The supervisor's list of cases opened by breaking the glass (issue 7):
 * who opened which case, when, and the reason they gave, newest first.
 * Enter opens the case (as its supervisor: logged as such); the review
 * key marks an opening as looked at, and it leaves the list.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct glass_screen {
	struct screen sc;
	struct db_glass_line *g;
	size_t n, sel, top;
	int page; /* entries that fit, at the last draw */
};

static struct glass_screen *gs_of(struct screen *sc)
{
	return (struct glass_screen *)sc;
}

static void load(struct glass_screen *gs)
{
	struct app *a = gs->sc.app;

	free(gs->g);
	gs->g = NULL;
	gs->n = 0;
	if (glass_list(a->s, true, 500, &gs->g, &gs->n))
		app_error(a, "%s", a->s->err.msg);
	if (gs->sel >= gs->n)
		gs->sel = gs->n ? gs->n - 1 : 0;
	gs->sc.dirty = true;
}

/* Two rows an opening: when, who, the case; then the reason. */
static void gs_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct glass_screen *gs = gs_of(sc);
	struct app *a = sc->app;
	char line[600], when[64];

	ui_put(w, 0, 1,
	       _("Cases opened outside the normal rules, with the reason given."),
	       cols - 2, ui_attr(a, ST_DIM));
	gs->page = rows > 4 ? (rows - 2) / 2 : 1;
	if (gs->sel < gs->top)
		gs->top = gs->sel;
	if (gs->sel >= gs->top + (size_t)gs->page)
		gs->top = gs->sel - (size_t)gs->page + 1;
	if (gs->n == 0)
		ui_put(w, 2, 2, _("Nothing to review."), cols - 4,
		       ui_attr(a, ST_DIM));
	for (size_t i = gs->top; i < gs->n && (int)(i - gs->top) < gs->page;
	     i++) {
		int y = 2 + 2 * (int)(i - gs->top);
		attr_t at = ui_attr(a, i == gs->sel ? ST_SELECTED : ST_NORMAL);
		ui_timestamp(gs->g[i].at, when, sizeof when);
		snprintf(line, sizeof line, "%s  %s (%s)  %s  %s", when,
			 gs->g[i].staff_name, gs->g[i].login, gs->g[i].number,
			 gs->g[i].unit_name);
		ui_put_pad(w, y, 1, line, cols - 2, at);
		snprintf(line, sizeof line, "    %s %s", _("Reason:"),
			 gs->g[i].reason);
		ui_put(w, y + 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
	}
}

static size_t gs_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct glass_screen *gs = gs_of(sc);
	size_t n = 0;

	out[n++] = A_HELP;
	if (gs->n) {
		out[n++] = A_OPEN;
		out[n++] = A_REVIEWED;
	}
	out[n++] = A_BACK;
	out[n++] = A_UP;
	out[n++] = A_DOWN;
	out[n++] = A_REDRAW;
	return n;
}

static void gs_key(struct screen *sc, int key, enum action act)
{
	struct glass_screen *gs = gs_of(sc);
	struct app *a = sc->app;

	(void)key;
	switch (act) {
	case A_UP:
		if (gs->sel > 0) {
			gs->sel--;
			sc->dirty = true;
		}
		break;
	case A_DOWN:
		if (gs->sel + 1 < gs->n) {
			gs->sel++;
			sc->dirty = true;
		}
		break;
	case A_OPEN:
		if (gs->n)
			app_push(a, case_screen_new(a, gs->g[gs->sel].case_id));
		break;
	case A_REVIEWED:
		if (!gs->n)
			break;
		if (glass_review(a->s, gs->g[gs->sel].access_id))
			app_error(a, "%s", a->s->err.msg);
		else
			app_msg(a, "%s", _("Marked as reviewed."));
		load(gs);
		break;
	case A_BACK: app_pop(a); break;
	default: break;
	}
}

static void gs_resume(struct screen *sc)
{
	load(gs_of(sc));
}

static void gs_release(struct screen *sc)
{
	struct glass_screen *gs = gs_of(sc);
	free(gs->g);
	free(gs);
}

static const struct screen_ops glass_ops = {
	.title = N_("Opened by breaking the glass"),
	.actions = gs_actions,
	.draw = gs_draw,
	.key = gs_key,
	.resume = gs_resume,
	.release = gs_release,
};

struct screen *glass_screen_new(struct app *a)
{
	struct glass_screen *gs = calloc(1, sizeof *gs);

	if (!gs)
		return NULL;
	gs->sc.ops = &glass_ops;
	gs->sc.app = a;
	load(gs);
	return &gs->sc;
}
