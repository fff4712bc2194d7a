/*
 * `?`: every key of the screen it was called from, made from the action
 * table and the keymap in force (so a key rebound in the INI file shows
 * as rebound).  The action's name in brackets is what [keys] takes.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct help {
	struct screen sc;
	enum action act[UI_MAX_ACTIONS];
	char keys[UI_MAX_ACTIONS][64];
	size_t n;
	bool text_input;
	size_t top;
	int rows; /* the body's height at the last draw */
};

static struct help *help_of(struct screen *sc)
{
	return (struct help *)sc;
}

static void help_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct help *h = help_of(sc);
	struct app *a = sc->app;
	int y = 0, kw = 18;
	size_t i;

	h->rows = rows;
	ui_heading(a, w, y++, _("Keys on this screen"), cols);
	if (h->text_input)
		ui_put(w, y++, 1,
		       _("Letters, digits and Space type text into the field "
			 "where the cursor is."),
		       cols - 2, ui_attr(a, ST_DIM));
	for (i = h->top; i < h->n && y < rows - 1; i++, y++) {
		char name[48];
		int nw;
		snprintf(name, sizeof name, "[%s]", action_table[h->act[i]].name);
		nw = text_width(name);
		ui_put(w, y, 1, h->keys[i], kw, ui_attr(a, ST_HEADING));
		ui_put(w, y, kw + 2, _(action_table[h->act[i]].help),
		       cols - kw - 4 - nw, ui_attr(a, ST_NORMAL));
		ui_put_right(w, y, cols - nw - 1, name, nw, ui_attr(a, ST_DIM));
	}
	if (h->top + (size_t)(rows - 2) < h->n)
		ui_put(w, rows - 1, 1, _("More below: Down or PgDn."), cols - 2,
		       ui_attr(a, ST_DIM));
}

static size_t help_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	static const enum action acts[] = {A_BACK, A_UP, A_DOWN, A_PGUP,
					   A_PGDN, A_REDRAW};
	memcpy(out, acts, sizeof acts);
	return sizeof acts / sizeof acts[0];
}

static void help_key(struct screen *sc, int key, enum action act)
{
	struct help *h = help_of(sc);
	size_t page = h->rows > 4 ? (size_t)h->rows - 3 : 1;
	size_t before = h->top;

	switch (act) {
	case A_BACK: app_pop(sc->app); return;
	case A_UP:
		if (h->top > 0)
			h->top--;
		break;
	case A_DOWN:
		if (h->top + page < h->n)
			h->top++;
		break;
	case A_PGUP: h->top = h->top > page ? h->top - page : 0; break;
	case A_PGDN:
		if (h->top + page < h->n)
			h->top += page;
		break;
	default: break;
	}
	if (h->top != before)
		sc->dirty = true;
}

static void help_release(struct screen *sc)
{
	free(sc);
}

static const struct screen_ops help_ops = {
	.title = N_("Help"),
	.actions = help_actions,
	.draw = help_draw,
	.key = help_key,
	.release = help_release,
};

struct screen *help_new(struct app *a, struct screen *of)
{
	struct help *h = calloc(1, sizeof *h);
	enum action acts[UI_MAX_ACTIONS];
	size_t n, i;

	if (!h)
		return NULL;
	h->sc.ops = &help_ops;
	h->sc.app = a;
	h->text_input = of->ops->text_input;
	snprintf(h->sc.title, sizeof h->sc.title, _("Help: %s"),
		 of->title[0] ? of->title : _(of->ops->title));
	n = of->ops->actions(of, acts);
	for (i = 0; i < n; i++) {
		app_action_keys(a, of, acts[i], h->keys[h->n],
				sizeof h->keys[0], false);
		if (h->keys[h->n][0])
			h->act[h->n++] = acts[i];
	}
	return &h->sc;
}
