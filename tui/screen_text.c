/*
 * What the referral, forum and plan screens share: text laid out into
 * wrapped lines at every draw (so a resize re-wraps), a list to pick one
 * line from, and a screen that shows a text to read.
 */
#include <stdlib.h>
#include <string.h>

#include "referral.h"

/* ------------------------------------------------------------ lines */

void tl_add(struct tlines *L, enum ui_style st, const char *text)
{
	if (L->n == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 64;
		void *n = realloc(L->l, cap * sizeof *L->l);
		if (!n)
			return;
		L->l = n;
		L->cap = cap;
	}
	snprintf(L->l[L->n].text, sizeof L->l[0].text, "%s", text);
	L->l[L->n++].st = st;
}

void tl_wrap(struct tlines *L, enum ui_style st, int indent, const char *text)
{
	int room = L->cols - indent - 1;
	char buf[400];
	const char *p = text;

	if (room < 10)
		room = 10;
	while (*p) {
		const char *q = p, *space = NULL, *cut;
		int w = 0;
		while (*q && *q != '\n') {
			wchar_t c;
			size_t k = utf8_decode(q, strlen(q), &c);
			int cw;
			if (!k)
				k = 1, c = L'?';
			cw = editbuf_char_width(c);
			if (w + cw > room)
				break;
			w += cw;
			if (c == L' ')
				space = q;
			q += k;
		}
		cut = (*q && *q != '\n' && space) ? space : q;
		if (cut == p) /* one word longer than the line: cut it */
			cut = q > p ? q : p + 1;
		snprintf(buf, sizeof buf, "%*s%.*s", indent, "", (int)(cut - p), p);
		tl_add(L, st, buf);
		p = cut;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
	}
}

void tl_free(struct tlines *L)
{
	free(L->l);
	L->l = NULL;
	L->n = L->cap = 0;
}

size_t tl_draw(struct app *a, WINDOW *w, int y0, int rows, int cols,
	       const struct tlines *L, size_t top)
{
	if (rows < 1)
		return top;
	if (top + (size_t)rows > L->n)
		top = L->n > (size_t)rows ? L->n - (size_t)rows : 0;
	for (int y = 0; y < rows && top + (size_t)y < L->n; y++) {
		size_t i = top + (size_t)y;
		if (L->l[i].st == ST_HEADING)
			ui_heading(a, w, y0 + y, L->l[i].text, cols);
		else
			ui_put(w, y0 + y, 0, L->l[i].text, cols,
			       ui_attr(a, L->l[i].st));
	}
	return top;
}

bool tl_scroll(size_t *top, size_t nlines, int page, enum action act)
{
	size_t pg = page > 1 ? (size_t)page : 1;
	size_t max = nlines > pg ? nlines - pg : 0, before = *top;

	switch (act) {
	case A_UP: *top = *top ? *top - 1 : 0; break;
	case A_DOWN: *top = *top < max ? *top + 1 : max; break;
	case A_PGUP: *top = *top > pg ? *top - pg : 0; break;
	case A_PGDN: *top = *top + pg < max ? *top + pg : max; break;
	case A_HOME: *top = 0; break;
	case A_END: *top = max; break;
	default: break;
	}
	return *top != before;
}

/* -------------------------------------------------------- pick list */

struct pick {
	struct screen sc;
	struct screen *owner;
	pick_done_fn done;
	char **line;
	size_t n, sel, top;
	char heading[160];
};

static struct pick *pick_of(struct screen *sc)
{
	return (struct pick *)sc;
}

static size_t pick_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	static const enum action acts[] = {A_HELP, A_OPEN, A_BACK, A_UP,
					   A_DOWN, A_HOME, A_END, A_REDRAW};
	(void)sc;
	memcpy(out, acts, sizeof acts);
	return sizeof acts / sizeof acts[0];
}

static void pick_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct pick *p = pick_of(sc);
	struct app *a = sc->app;
	int list = rows - 2;

	ui_heading(a, w, 0, p->heading, cols);
	if (list < 1)
		return;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)list)
		p->top = p->sel - (size_t)list + 1;
	for (int y = 0; y < list && p->top + (size_t)y < p->n; y++) {
		size_t i = p->top + (size_t)y;
		attr_t at = ui_attr(a, i == p->sel ? ST_SELECTED : ST_NORMAL);
		ui_put_pad(w, 1 + y, 1, "", cols - 2, at);
		ui_put(w, 1 + y, 2, p->line[i], cols - 4, at);
	}
	ui_put(w, rows - 1, 1, _("Enter chooses; Esc goes back without choosing."),
	       cols - 2, ui_attr(a, ST_DIM));
}

static void pick_key(struct screen *sc, int key, enum action act)
{
	struct pick *p = pick_of(sc);
	struct app *a = sc->app;
	size_t before = p->sel;

	(void)key;
	switch (act) {
	case A_UP:
		if (p->sel)
			p->sel--;
		break;
	case A_DOWN:
		if (p->sel + 1 < p->n)
			p->sel++;
		break;
	case A_HOME: p->sel = 0; break;
	case A_END: p->sel = p->n ? p->n - 1 : 0; break;
	case A_BACK: app_pop(a); return;
	case A_OPEN:
		if (p->n) {
			/* the list goes first, then its owner hears the choice */
			struct screen *owner = p->owner;
			pick_done_fn done = p->done;
			size_t sel = p->sel;
			app_pop(a);
			done(owner, sel);
		}
		return;
	default: break;
	}
	if (p->sel != before)
		sc->dirty = true;
}

static void pick_release(struct screen *sc)
{
	struct pick *p = pick_of(sc);
	for (size_t i = 0; i < p->n; i++)
		free(p->line[i]);
	free(p->line);
	free(p);
}

static const struct screen_ops pick_ops = {
	.title = N_("Choose"),
	.actions = pick_actions,
	.draw = pick_draw,
	.key = pick_key,
	.release = pick_release,
};

struct screen *pick_new(struct app *a, struct screen *owner, const char *title,
			const char *const *lines, size_t n, pick_done_fn done)
{
	struct pick *p = calloc(1, sizeof *p);

	if (!p || !(p->line = calloc(n ? n : 1, sizeof *p->line))) {
		free(p);
		return NULL;
	}
	p->sc.ops = &pick_ops;
	p->sc.app = a;
	p->owner = owner;
	p->done = done;
	for (size_t i = 0; i < n; i++)
		if ((p->line[i] = strdup(lines[i])))
			p->n++;
	snprintf(p->heading, sizeof p->heading, "%s", title);
	snprintf(p->sc.title, sizeof p->sc.title, "%s", title);
	return &p->sc;
}

/* ------------------------------------------------------- text view */

struct textview {
	struct screen sc;
	char *text;
	size_t top, nlines;
	int page;
};

static struct textview *tv_of(struct screen *sc)
{
	return (struct textview *)sc;
}

static size_t tv_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	static const enum action acts[] = {A_HELP, A_BACK, A_UP, A_DOWN,
					   A_PGUP, A_PGDN, A_HOME, A_END,
					   A_REDRAW};
	(void)sc;
	memcpy(out, acts, sizeof acts);
	return sizeof acts / sizeof acts[0];
}

static void tv_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct textview *tv = tv_of(sc);
	struct tlines L = {.cols = cols};

	for (const char *p = tv->text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[1200];
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		/* a comparison marks its lines: taken away, added */
		tl_wrap(&L, line[0] == '-' && line[1] == ' ' ? ST_ERROR
			    : line[0] == '+' && line[1] == ' ' ? ST_INFO
							       : ST_NORMAL,
			0, line[0] ? line : " ");
		p += len + (nl ? 1 : 0);
	}
	tv->nlines = L.n;
	tv->page = rows;
	tv->top = tl_draw(sc->app, w, 0, rows, cols, &L, tv->top);
	tl_free(&L);
}

static void tv_key(struct screen *sc, int key, enum action act)
{
	struct textview *tv = tv_of(sc);

	(void)key;
	if (act == A_BACK) {
		app_pop(sc->app);
		return;
	}
	if (tl_scroll(&tv->top, tv->nlines, tv->page, act))
		sc->dirty = true;
}

static void tv_release(struct screen *sc)
{
	free(tv_of(sc)->text);
	free(sc);
}

static const struct screen_ops text_ops = {
	.title = N_("Text"),
	.actions = tv_actions,
	.draw = tv_draw,
	.key = tv_key,
	.release = tv_release,
};

struct screen *text_screen_new(struct app *a, const char *title,
			       const char *text)
{
	struct textview *tv = calloc(1, sizeof *tv);

	if (!tv || !(tv->text = strdup(text ? text : ""))) {
		free(tv);
		return NULL;
	}
	tv->sc.ops = &text_ops;
	tv->sc.app = a;
	snprintf(tv->sc.title, sizeof tv->sc.title, "%s", title);
	return &tv->sc;
}
