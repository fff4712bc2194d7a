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
	size_t top;       /* the first action shown */
	size_t shown;     /* actions shown at the last draw */
	bool more;        /* ... and some did not fit */
	struct prompt question; /* help for a question: it waits here, */
	bool has_question;
	char question_msg[512]; /* ...with the reason it was asked again */
	bool question_error;
};

static struct help *help_of(struct screen *sc)
{
	return (struct help *)sc;
}

/* Each action on a line: its keys, the sentence (wrapped under itself
 * when long) and the [keys] name at the right. */
static void help_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct help *h = help_of(sc);
	struct app *a = sc->app;
	int y = 0, kw = 18;
	size_t i;

	ui_heading(a, w, y++, _("Keys on this screen"), cols);
	if (h->text_input) {
		struct ui_span sp[2];
		size_t n = ui_wrap(_("Letters, digits and Space type text into "
				     "the field where the cursor is."),
				   cols - 2, sp, 2);
		for (size_t k = 0; k < n; k++)
			ui_put_span(w, y++, 1, &sp[k], cols - 2,
				    ui_attr(a, ST_DIM));
	}
	h->more = false;
	for (i = h->top; i < h->n; i++) {
		struct ui_span sp[4];
		char name[48];
		int nw;
		size_t n;
		snprintf(name, sizeof name, "[%s]", action_table[h->act[i]].name);
		nw = text_width(name);
		n = ui_wrap(_(action_table[h->act[i]].help), cols - kw - 4 - nw,
			    sp, 4);
		if (y + (int)n > rows - 1) {
			h->more = true;
			break;
		}
		ui_put(w, y, 1, h->keys[i], kw, ui_attr(a, ST_HEADING));
		ui_put_right(w, y, cols - nw - 1, name, nw, ui_attr(a, ST_DIM));
		for (size_t k = 0; k < n; k++)
			ui_put_span(w, y++, kw + 2, &sp[k], cols - kw - 4 - nw,
				    ui_attr(a, ST_NORMAL));
	}
	h->shown = i - h->top;
	if (h->more)
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
	size_t page = h->shown > 1 ? h->shown - 1 : 1;
	size_t before = h->top;

	switch (act) {
	case A_BACK: app_pop(sc->app); return;
	case A_UP:
		if (h->top > 0)
			h->top--;
		break;
	case A_DOWN:
		if (h->more)
			h->top++;
		break;
	case A_PGUP: h->top = h->top > page ? h->top - page : 0; break;
	case A_PGDN:
		if (h->more)
			h->top += page;
		break;
	default: break;
	}
	if (h->top != before)
		sc->dirty = true;
}

static void help_release(struct screen *sc)
{
	struct help *h = help_of(sc);
	if (h->has_question) { /* asked again */
		sc->app->prompt = h->question;
		snprintf(sc->app->msg, sizeof sc->app->msg, "%s",
			 h->question_msg);
		sc->app->msg_error = h->question_error;
	}
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

struct screen *help_new_prompt(struct app *a)
{
	static const enum action yesno[] = {A_YES, A_NO, A_HELP, A_REDRAW};
	static const enum action text[] = {A_ACCEPT, A_CANCEL, A_HELP,
					   A_REDRAW};
	struct help *h = calloc(1, sizeof *h);
	enum action acts[UI_MAX_ACTIONS];
	size_t n, i;

	if (!h)
		return NULL;
	h->sc.ops = &help_ops;
	h->sc.app = a;
	h->text_input = !a->prompt.yesno;
	snprintf(h->sc.title, sizeof h->sc.title, _("Help: %s"),
		 a->prompt.label);
	if (a->prompt.yesno) {
		n = sizeof yesno / sizeof yesno[0];
		memcpy(acts, yesno, sizeof yesno);
	} else {
		n = sizeof text / sizeof text[0];
		memcpy(acts, text, sizeof text);
		memcpy(acts + n, ui_edit_actions, sizeof ui_edit_actions);
		n += UI_EDIT_NACTIONS;
	}
	for (i = 0; i < n; i++) {
		app_keys_text(a, h->text_input, acts[i], h->keys[h->n],
			      sizeof h->keys[0], false);
		if (h->keys[h->n][0])
			h->act[h->n++] = acts[i];
	}
	h->question = a->prompt;
	h->has_question = true;
	snprintf(h->question_msg, sizeof h->question_msg, "%s", a->msg);
	h->question_error = a->msg_error;
	a->prompt.active = false;
	return &h->sc;
}
