/*
 * A queue (my cases, the unit's inbox, today's registrations ...) as a
 * list read a page at a time.  `/` filters the list as you type; Enter
 * opens the case.
 */
#include <stdlib.h>
#include <string.h>

#include "pager.h"

struct queue_screen {
	struct screen sc;
	enum queue_kind q;
	struct pager pg;
	bool loaded;
	char filter[129];
	char filter_before[129]; /* restored when the filter is cancelled */
};

static struct queue_screen *qs_of(struct screen *sc)
{
	return (struct queue_screen *)sc;
}

static int fetch(struct session *s, void *ctx, const struct db_case_line *after,
		 size_t limit, struct db_case_line *out, size_t *n)
{
	struct queue_screen *qs = ctx;
	return queue_page(s, qs->q, after, limit, out, n);
}

static void report(struct queue_screen *qs, int rc)
{
	if (rc)
		app_error(qs->sc.app, "%s", qs->sc.app->s->err.msg);
}

/* The list's height follows the body's: header above, status below. */
static void ensure_rows(struct queue_screen *qs, int rows)
{
	struct session *s = qs->sc.app->s;
	size_t want = rows > 3 ? (size_t)rows - 2 : 1;

	if (!qs->loaded) {
		qs->loaded = true;
		report(qs, pager_reset(&qs->pg, s, want));
	} else if (want != qs->pg.rows) {
		report(qs, pager_resize(&qs->pg, s, want));
	}
}

static void draw_status(struct queue_screen *qs, WINDOW *w, int y, int cols)
{
	struct app *a = qs->sc.app;
	char line[300];

	if (qs->pg.n == 0 && qs->pg.page == 0)
		snprintf(line, sizeof line, "%s",
			 qs->filter[0] ? _("No case in this queue matches the filter.")
				       : _("This queue is empty."));
	else if (qs->filter[0])
		snprintf(line, sizeof line, _("Page %zu%s · filter: %s"),
			 qs->pg.page + 1, qs->pg.more ? " …" : "", qs->filter);
	else
		snprintf(line, sizeof line, _("Page %zu%s"), qs->pg.page + 1,
			 qs->pg.more ? " …" : "");
	ui_put(w, y, 1, line, cols - 2, ui_attr(a, ST_DIM));
}

static void qs_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct queue_screen *qs = qs_of(sc);
	size_t i;

	ensure_rows(qs, rows);
	ui_case_header(sc->app, w, 0, cols);
	for (i = 0; i < qs->pg.n; i++)
		ui_case_line(sc->app, w, (int)i + 1, cols, &qs->pg.line[i],
			     i == qs->pg.sel);
	draw_status(qs, w, rows - 1, cols);
}

static size_t qs_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct queue_screen *qs = qs_of(sc);
	static const enum action tail[] = {A_FILTER, A_BACK, A_UP, A_DOWN,
					   A_PGUP, A_PGDN, A_HOME, A_END,
					   A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (qs->pg.n)
		out[n++] = A_OPEN;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void filter_changed(struct queue_screen *qs, const char *text)
{
	snprintf(qs->filter, sizeof qs->filter, "%s", text);
	pager_set_filter(&qs->pg, text);
	report(qs, pager_reset(&qs->pg, qs->sc.app->s, qs->pg.rows));
	qs->sc.dirty = true;
}

static void filter_live(struct screen *sc, const char *text)
{
	filter_changed(qs_of(sc), text);
}

static void filter_done(struct screen *sc, const char *text)
{
	struct queue_screen *qs = qs_of(sc);
	/* Esc puts back the filter that was there before */
	filter_changed(qs, text ? text : qs->filter_before);
}

static void qs_key(struct screen *sc, int key, enum action act)
{
	struct queue_screen *qs = qs_of(sc);
	struct app *a = sc->app;
	const struct db_case_line *cur;
	bool moved = false;

	switch (act) {
	case A_OPEN:
		cur = pager_current(&qs->pg);
		if (cur)
			app_push(a, case_screen_new(a, cur->case_id));
		break;
	case A_FILTER:
		snprintf(qs->filter_before, sizeof qs->filter_before, "%s",
			 qs->filter);
		app_prompt(a, sc, _("Filter:"), qs->filter, 128, filter_done);
		a->prompt.changed = filter_live;
		break;
	case A_BACK: app_pop(a); return;
	default: moved = pager_move(&qs->pg, a->s, act); break;
	}
	if (moved)
		sc->dirty = true;
}

/* Back from a case: its status or deadline may have changed. */
static void qs_resume(struct screen *sc)
{
	struct queue_screen *qs = qs_of(sc);
	if (qs->loaded)
		report(qs, pager_reload(&qs->pg, sc->app->s));
}

static void qs_release(struct screen *sc)
{
	struct queue_screen *qs = qs_of(sc);
	pager_release(&qs->pg);
	free(qs);
}

static const struct screen_ops queue_ops = {
	.title = N_("Queue"),
	.actions = qs_actions,
	.draw = qs_draw,
	.key = qs_key,
	.resume = qs_resume,
	.release = qs_release,
};

struct screen *queue_screen_new(struct app *a, enum queue_kind q)
{
	struct queue_screen *qs = calloc(1, sizeof *qs);
	if (!qs)
		return NULL;
	qs->sc.ops = &queue_ops;
	qs->sc.app = a;
	qs->q = q;
	snprintf(qs->sc.title, sizeof qs->sc.title, "%s", queue_label(q));
	pager_init(&qs->pg, fetch, qs);
	return &qs->sc;
}
