/*
 * Search: by name (prefix, case-insensitive, æøå-aware), ID number or
 * case number.  The results follow every key typed, a page at a time;
 * core shows only what the user may see, and opening a hit is logged by
 * case_open.
 */
#include <stdlib.h>
#include <string.h>

#include "pager.h"

struct search_screen {
	struct screen sc;
	struct editbuf query;
	char text[129];      /* the query the results belong to */
	struct pager pg;
	size_t rows;
	char glass_number[32]; /* breaking the glass: between the questions */
};

static struct search_screen *ss_of(struct screen *sc)
{
	return (struct search_screen *)sc;
}

static int fetch(struct session *s, void *ctx, const struct db_case_line *after,
		 size_t limit, struct db_case_line *out, size_t *n)
{
	struct search_screen *ss = ctx;
	return case_search(s, ss->text, after, limit, out, n);
}

static void run_search(struct search_screen *ss)
{
	struct app *a = ss->sc.app;
	char text[129];

	editbuf_get(&ss->query, text, sizeof text);
	text_trim(text);
	if (strcmp(text, ss->text) == 0 && ss->pg.rows == ss->rows)
		return;
	snprintf(ss->text, sizeof ss->text, "%s", text);
	ss->pg.n = 0;
	ss->pg.more = false;
	ss->pg.page = 0;
	if (text[0] && pager_reset(&ss->pg, a->s, ss->rows))
		app_error(a, "%s", a->s->err.msg);
	ss->sc.dirty = true;
}

/* Rows: query, hint, blank, header, results..., status. */
static void ss_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct search_screen *ss = ss_of(sc);
	struct app *a = sc->app;
	size_t want = rows > 6 ? (size_t)rows - 5 : 1;
	struct ui_span hint[2];
	size_t nh;
	char line[200];
	int lw;

	if (want != ss->rows) {
		ss->rows = want;
		ss->text[0] = '\0';
		run_search(ss);
	}
	lw = ui_put(w, 0, 1, _("Search:"), cols / 3, ui_attr(a, ST_HEADING));
	ui_put_editbuf(w, 0, lw + 2, &ss->query, cols - lw - 4,
		       ui_attr(a, ST_FIELD));
	/* the hint may take the blank row under it */
	nh = ui_wrap(_("Name (the start of it), ID number (11 digits) or case "
		       "number (2026-000123)."),
		     cols - 2, hint, 2);
	for (size_t i = 0; i < nh; i++)
		ui_put_span(w, 1 + (int)i, 1, &hint[i], cols - 2,
			    ui_attr(a, ST_DIM));
	ui_case_header(a, w, 3, cols);
	for (size_t i = 0; i < ss->pg.n; i++)
		ui_case_line(a, w, (int)i + 4, cols, &ss->pg.line[i],
			     i == ss->pg.sel);
	if (!ss->text[0])
		line[0] = '\0';
	else if (ss->pg.n == 0)
		snprintf(line, sizeof line, "%s",
			 _("No case found that you may see."));
	else
		snprintf(line, sizeof line, _("Page %zu%s"), ss->pg.page + 1,
			 ss->pg.more ? " …" : "");
	ui_put(w, rows - 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
}

static bool ss_cursor(struct screen *sc, int *y, int *x)
{
	struct search_screen *ss = ss_of(sc);
	int lw = text_width(_("Search:"));
	if (lw > sc->app->f.cols / 3)
		lw = sc->app->f.cols / 3;
	*y = 0;
	*x = lw + 2 + editbuf_cursor_col(&ss->query);
	return true;
}

static size_t ss_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct search_screen *ss = ss_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_PGUP,
					   A_PGDN, A_REDRAW, A_BREAK_GLASS};
	size_t n = 0;

	out[n++] = A_HELP;
	if (ss->pg.n)
		out[n++] = A_OPEN;
	memcpy(out + n, tail, sizeof tail);
	n += sizeof tail / sizeof tail[0];
	memcpy(out + n, ui_edit_actions, sizeof ui_edit_actions);
	return n + UI_EDIT_NACTIONS;
}

/* Break the glass: the case number, then the reason; core logs it and
 * flags it for the supervisor, and the case opens. */
static void glass_reason_done(struct screen *sc, const char *text)
{
	struct search_screen *ss = ss_of(sc);
	struct app *a = sc->app;
	int64_t id = 0;

	if (!text)
		return;
	if (case_break_glass(a->s, ss->glass_number, text, &id)) {
		app_error(a, "%s", a->s->err.msg);
		if (a->s->err.code == ERR_INVAL) /* keep what was typed */
			app_prompt(a, sc, _("Why must you open it?"), text, 256,
				   glass_reason_done);
		return;
	}
	app_push(a, case_screen_new(a, id));
	if (app_top(a) != sc)
		app_msg(a, "%s",
			_("Opened by breaking the glass: logged, and shown to "
			  "the supervisor."));
}

static void glass_number_done(struct screen *sc, const char *text)
{
	struct search_screen *ss = ss_of(sc);

	if (!text)
		return;
	snprintf(ss->glass_number, sizeof ss->glass_number, "%s", text);
	app_prompt(sc->app, sc, _("Why must you open it?"), "", 256,
		   glass_reason_done);
}

static void ss_key(struct screen *sc, int key, enum action act)
{
	struct search_screen *ss = ss_of(sc);
	struct app *a = sc->app;
	const struct db_case_line *cur;
	bool moved = false;

	switch (act) {
	case A_UP: moved = pager_up(&ss->pg, a->s); break;
	case A_DOWN: moved = pager_down(&ss->pg, a->s); break;
	case A_PGUP: moved = pager_page_up(&ss->pg, a->s); break;
	case A_PGDN: moved = pager_page_down(&ss->pg, a->s); break;
	case A_OPEN:
		cur = pager_current(&ss->pg);
		if (cur)
			app_push(a, case_screen_new(a, cur->case_id));
		return;
	case A_BACK: app_pop(a); return;
	case A_BREAK_GLASS:
		/* a case number typed in the search is offered */
		app_prompt(a, sc, _("Break the glass: case number:"),
			   strlen(ss->text) == 11 && ss->text[4] == '-'
				   ? ss->text
				   : "",
			   16, glass_number_done);
		return;
	default:
		if (ui_edit(&ss->query, key, act)) {
			run_search(ss);
			sc->dirty = true;
		}
		return;
	}
	if (moved)
		sc->dirty = true;
}

static void ss_resume(struct screen *sc)
{
	struct search_screen *ss = ss_of(sc);
	if (ss->text[0] && pager_reload(&ss->pg, sc->app->s))
		app_error(sc->app, "%s", sc->app->s->err.msg);
}

static void ss_release(struct screen *sc)
{
	struct search_screen *ss = ss_of(sc);
	pager_release(&ss->pg);
	free(ss);
}

static const struct screen_ops search_ops = {
	.title = N_("Search"),
	.text_input = true,
	.actions = ss_actions,
	.draw = ss_draw,
	.key = ss_key,
	.cursor = ss_cursor,
	.resume = ss_resume,
	.release = ss_release,
};

struct screen *search_new(struct app *a)
{
	struct search_screen *ss = calloc(1, sizeof *ss);
	if (!ss)
		return NULL;
	ss->sc.ops = &search_ops;
	ss->sc.app = a;
	editbuf_init(&ss->query, 128);
	pager_init(&ss->pg, fetch, ss);
	return &ss->sc;
}
