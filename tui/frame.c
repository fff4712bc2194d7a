/*
 * The frame around every screen: title line, body, message line, key bar.
 *
 * Output discipline: each part remembers the text it last drew and is
 * drawn again only when that text changes; the body only when its screen
 * says it is dirty.  Everything goes through wnoutrefresh and the caller
 * does one doupdate per key, so a cursor move in a list costs the few
 * cells that changed, not a screen.  clear() is used only for Ctrl-L.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui.h"

enum { PAIR_TITLE = 1, PAIR_KEY, PAIR_ERROR, PAIR_INFO, PAIR_SELECTED,
       PAIR_HEADING, PAIR_DIM };

/* NO_COLOR (no-color.org): present and not empty means no colour. */
static bool colour_wanted(void)
{
	const char *v = getenv("NO_COLOR");
	return !(v && *v) && has_colors();
}

static void attrs_mono(struct frame *f)
{
	f->attr[ST_NORMAL] = A_NORMAL;
	f->attr[ST_TITLE] = A_REVERSE;
	f->attr[ST_KEY] = A_REVERSE;
	f->attr[ST_ERROR] = A_BOLD;
	f->attr[ST_INFO] = A_NORMAL;
	f->attr[ST_SELECTED] = A_REVERSE;
	f->attr[ST_HEADING] = A_BOLD;
	f->attr[ST_FIELD] = A_UNDERLINE;
	f->attr[ST_FIELD_BAD] = A_UNDERLINE | A_BOLD;
	f->attr[ST_DIM] = A_NORMAL;
}

static void attrs_colour(struct frame *f)
{
	short bg = -1;

	if (use_default_colors() == ERR)
		bg = COLOR_BLACK;
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_KEY, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_ERROR, COLOR_RED, bg);
	init_pair(PAIR_INFO, COLOR_GREEN, bg);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_HEADING, COLOR_CYAN, bg);
	init_pair(PAIR_DIM, COLOR_BLUE, bg);
	attrs_mono(f);
	f->attr[ST_TITLE] = COLOR_PAIR(PAIR_TITLE) | A_BOLD;
	f->attr[ST_KEY] = COLOR_PAIR(PAIR_KEY);
	f->attr[ST_ERROR] = COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	f->attr[ST_INFO] = COLOR_PAIR(PAIR_INFO);
	f->attr[ST_SELECTED] = COLOR_PAIR(PAIR_SELECTED);
	f->attr[ST_HEADING] = COLOR_PAIR(PAIR_HEADING) | A_BOLD;
	f->attr[ST_FIELD_BAD] = COLOR_PAIR(PAIR_ERROR) | A_UNDERLINE | A_BOLD;
	f->attr[ST_DIM] = COLOR_PAIR(PAIR_DIM);
}

void frame_init(struct frame *f, bool colour)
{
	memset(f, 0, sizeof *f);
	f->colour = colour && colour_wanted() && start_color() != ERR;
	if (f->colour)
		attrs_colour(f);
	else
		attrs_mono(f);
}

static void delwin_p(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

void frame_release(struct frame *f)
{
	delwin_p(&f->title);
	delwin_p(&f->body);
	delwin_p(&f->msg);
	delwin_p(&f->bar);
	delwin_p(&f->small);
	delwin_p(&f->over);
	f->over_rows = 0;
}

/* Windows are made anew for every size: simpler and safer than moving
 * them, and their content is drawn from the screens' data anyway. */
void frame_layout(struct frame *f)
{
	frame_release(f);
	f->rows = LINES;
	f->cols = COLS;
	f->too_small = f->rows < UI_MIN_ROWS || f->cols < UI_MIN_COLS;
	if (f->too_small) {
		if (f->rows > 0 && f->cols > 0)
			f->small = newwin(f->rows, f->cols, 0, 0);
	} else {
		f->title = newwin(1, f->cols, 0, 0);
		f->body = newwin(f->rows - 3, f->cols, 1, 0);
		f->msg = newwin(1, f->cols, f->rows - 2, 0);
		f->bar = newwin(1, f->cols, f->rows - 1, 0);
	}
	f->force = true;
	f->shown_title[0] = f->shown_bar[0] = f->shown_msg[0] = '\0';
	f->shown_over[0] = '\0';
}

attr_t ui_attr(struct app *a, enum ui_style st)
{
	return a->f.attr[st];
}

/* ------------------------------------------------------------ text */

/* Decodes UTF-8 into wide characters that fit in cols columns; *rest
 * (when not NULL) is the text that did not fit. */
static size_t fit_wide(const char *text, int cols, wchar_t *out, size_t max,
		       int *used, const char **rest)
{
	size_t len = strlen(text), i = 0, n = 0, step;
	int w = 0, cw;
	wchar_t c;

	while (i < len && n < max) {
		step = utf8_decode(text + i, len - i, &c);
		if (step == 0) {
			c = 0xFFFD; /* a broken byte shows as one mark */
			step = 1;
		}
		if (c < 0x20 || c == 0x7F)
			c = L' ';
		cw = editbuf_char_width(c);
		if (w + cw > cols)
			break;
		out[n++] = c;
		w += cw;
		i += step;
	}
	*used = w;
	if (rest)
		*rest = text + i;
	return n;
}

static int wide_width(const wchar_t *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += editbuf_char_width(s[i]);
	return w;
}

/* fit_wide, and text that does not fit ends in "…": after the last
 * whole word when that keeps at least half the room, else at the
 * column. */
static size_t fit_cut(const char *text, int cols, wchar_t *out, size_t max,
		      int *used)
{
	const char *rest;
	size_t n = fit_wide(text, cols, out, max, used, &rest), k;

	while (*rest == ' ')
		rest++;
	if (!*rest || cols < 1 || max < 2)
		return n;
	n = fit_wide(text, cols - 1, out, max - 1, used, &rest);
	if (*rest != ' ') {
		for (k = n; k > 0 && out[k - 1] != L' '; k--)
			;
		if (k > 0 && wide_width(out, k) * 2 >= cols)
			n = k;
	}
	while (n > 0 && wcschr(L" ,;:·-", out[n - 1]))
		n--;
	out[n++] = 0x2026;
	*used = wide_width(out, n);
	return n;
}

void ui_cols(char *out, size_t size, const char *text, int cols)
{
	size_t len = strlen(text), i = 0, o = 0, step;
	int w = 0, cw;
	wchar_t c;

	while (i < len) {
		step = utf8_decode(text + i, len - i, &c);
		if (step == 0)
			break;
		cw = editbuf_char_width(c);
		if (w + cw > cols || o + step + 1 >= size)
			break;
		memcpy(out + o, text + i, step);
		o += step;
		i += step;
		w += cw;
	}
	while (w < cols && o + 1 < size) {
		out[o++] = ' ';
		w++;
	}
	out[o] = '\0';
}

int ui_put(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr)
{
	wchar_t buf[1024];
	int used = 0;
	size_t n;

	if (cols <= 0)
		return 0;
	n = fit_cut(text, cols, buf, sizeof buf / sizeof buf[0], &used);
	wattr_on(w, attr, NULL);
	if (n)
		mvwaddnwstr(w, y, x, buf, (int)n);
	wattr_off(w, attr, NULL);
	return used;
}

int ui_put_span(WINDOW *w, int y, int x, const struct ui_span *sp, int cols,
		attr_t attr)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%.*s", (int)sp->len, sp->p);
	return ui_put(w, y, x, buf, cols, attr);
}

size_t ui_wrap(const char *text, int cols, struct ui_span *out, size_t max)
{
	const char *p = text;
	size_t n = 0;

	if (cols < 1 || max == 0)
		return 0;
	while (*p && n < max) {
		const char *q = p, *space = NULL, *end;
		int w = 0;

		if (n + 1 == max) { /* the rest, for ui_put to end in "…" */
			out[n++] = (struct ui_span){p, strlen(p)};
			break;
		}
		while (*q && *q != '\n') {
			wchar_t c;
			size_t k = utf8_decode(q, strlen(q), &c);
			int cw;
			if (!k)
				k = 1, c = L'?';
			cw = editbuf_char_width(c);
			if (c == L' ')
				space = q;
			else if (w + cw > cols)
				break;
			w += cw;
			q += k;
		}
		if (q == p && *q && *q != '\n') { /* wider than the line */
			wchar_t c;
			size_t k = utf8_decode(q, strlen(q), &c);
			q += k ? k : 1;
		}
		if (*q && *q != '\n' && space && space > p) {
			end = space;
			q = space;
		} else {
			end = q;
		}
		while (end > p && end[-1] == ' ')
			end--;
		out[n++] = (struct ui_span){p, (size_t)(end - p)};
		p = q;
		if (*p == '\n')
			p++;
		while (*p == ' ')
			p++;
	}
	return n;
}

int ui_put_pad(WINDOW *w, int y, int x, const char *text, int cols,
	       attr_t attr)
{
	int used = ui_put(w, y, x, text, cols, attr);
	if (used < cols) {
		wattr_on(w, attr, NULL);
		mvwhline(w, y, x + used, ' ', cols - used);
		wattr_off(w, attr, NULL);
	}
	return cols;
}

void ui_put_right(WINDOW *w, int y, int x, const char *text, int cols,
		  attr_t attr)
{
	int tw = text_width(text);
	if (tw > cols)
		tw = cols;
	ui_put(w, y, x + cols - tw, text, tw, attr);
}

void ui_put_editbuf(WINDOW *w, int y, int x, struct editbuf *b, int cols,
		    attr_t attr)
{
	int used = 0, cw;
	size_t i;

	editbuf_scroll(b, cols);
	wattr_on(w, attr, NULL);
	wmove(w, y, x);
	for (i = b->scroll; i < b->len; i++) {
		cw = editbuf_char_width(b->text[i]);
		if (used + cw > cols)
			break;
		waddnwstr(w, &b->text[i], 1);
		used += cw;
	}
	if (used < cols)
		mvwhline(w, y, x + used, ' ', cols - used);
	wattr_off(w, attr, NULL);
}

/* A rule of U+2500 rather than ACS_HLINE: PuTTY set to UTF-8 shows the
 * VT100 line-drawing set as "qqqq" under many TERM settings, and the
 * terminal is UTF-8 anyway. */
void ui_hline(WINDOW *w, int y, int x, int n, attr_t attr)
{
	cchar_t line;
	const wchar_t wc[2] = {0x2500, 0};

	if (n <= 0)
		return;
	setcchar(&line, wc, attr, 0, NULL);
	mvwhline_set(w, y, x, &line, n);
}

void ui_heading(struct app *a, WINDOW *w, int y, const char *text, int cols)
{
	char buf[300];
	int used;

	snprintf(buf, sizeof buf, "── %s ", text);
	used = ui_put(w, y, 0, buf, cols, ui_attr(a, ST_HEADING));
	ui_hline(w, y, used, cols - used, ui_attr(a, ST_HEADING));
}

/* ----------------------------------------------------------- parts */

static bool draw_title(struct app *a)
{
	struct frame *f = &a->f;
	struct screen *sc = app_top(a);
	char left[300], right[300], all[sizeof f->shown_title];
	const struct session *s = a->s;

	snprintf(left, sizeof left, " %s · %s", s->cfg->municipality,
		 !sc ? "" : sc->title[0] ? sc->title : _(sc->ops->title));
	snprintf(right, sizeof right, "%s · %s ", s->me.name,
		 session_unit_name(s));
	snprintf(all, sizeof all, "%s|%s", left, right);
	if (!f->force && strcmp(all, f->shown_title) == 0)
		return false;
	snprintf(f->shown_title, sizeof f->shown_title, "%s", all);
	werase(f->title);
	ui_put_pad(f->title, 0, 0, "", f->cols, ui_attr(a, ST_TITLE));
	/* the user and unit give way to the municipality on a narrow line */
	int rw = text_width(right);
	int lw = ui_put(f->title, 0, 0, left, f->cols, ui_attr(a, ST_TITLE));
	if (lw + rw + 2 <= f->cols)
		ui_put_right(f->title, 0, 0, right, f->cols,
			     ui_attr(a, ST_TITLE));
	wnoutrefresh(f->title);
	return true;
}

/* The key bar: "? Hjelp" first (it leads to everything else), then the
 * screen's actions that have a label, as many as fit. */
static bool draw_bar(struct app *a, const enum action *acts, size_t n)
{
	struct frame *f = &a->f;
	struct screen *owner = a->prompt.active ? a->prompt.owner : app_top(a);
	char keys[64], all[sizeof f->shown_bar];
	size_t used = 0, i;
	int x = 0;

	all[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!action_table[acts[i]].label)
			continue;
		app_keys_text(a,
			      a->prompt.active ? !a->prompt.yesno
					       : !owner || owner->ops->text_input,
			      acts[i], keys, sizeof keys, true);
		if (!keys[0])
			continue;
		used += (size_t)snprintf(all + used, sizeof all - used, "%s\x1f%s\x1e",
					 keys, _(action_table[acts[i]].label));
		if (used >= sizeof all)
			break;
	}
	if (!f->force && strcmp(all, f->shown_bar) == 0)
		return false;
	snprintf(f->shown_bar, sizeof f->shown_bar, "%s", all);
	werase(f->bar);
	for (char *p = all; *p && x < f->cols;) {
		char *sep = strchr(p, '\x1f'), *end = strchr(p, '\x1e');
		int need;
		if (!sep || !end)
			break;
		*sep = *end = '\0';
		need = text_width(p) + 1 + text_width(sep + 1) + 2;
		if (x + need - 2 > f->cols)
			break;
		x += ui_put(f->bar, 0, x, p, f->cols - x, ui_attr(a, ST_KEY));
		x += 1;
		x += ui_put(f->bar, 0, x, sep + 1, f->cols - x,
			    ui_attr(a, ST_NORMAL));
		x += 2;
		p = end + 1;
	}
	wnoutrefresh(f->bar);
	return true;
}

/* ------------------------------------------------------ questions */

#define OVER_MAX 3
#define OVER_MSG 2 /* rows for the message over a question */

/* A yes/no question wraps over as many lines as it needs (at most
 * OVER_MAX), its last one on the message line with "(y/n)" after it; a
 * text question's label stays on the message line, before its field. */
static size_t question_lines(struct app *a, struct ui_span *q)
{
	struct frame *f = &a->f;

	if (!a->prompt.active)
		return 0;
	if (!a->prompt.yesno) {
		q[0] = (struct ui_span){a->prompt.label, strlen(a->prompt.label)};
		return 1;
	}
	return ui_wrap(a->prompt.label, f->cols - text_width(_("(y/n)")) - 1,
		       q, OVER_MAX);
}

/* The rows over the body's foot while a question is open: the message
 * (why it is asked again) and the first lines of a long question.
 * Returns whether they must be drawn again; when their number changes,
 * the body is drawn again under them. */
static bool over_prepare(struct app *a, struct screen *sc,
			 const struct ui_span *q, size_t nq)
{
	struct frame *f = &a->f;
	char key[sizeof f->shown_over];
	int rows = 0;

	key[0] = '\0';
	if (a->prompt.active) {
		struct ui_span m[OVER_MSG];
		rows = (int)ui_wrap(a->msg, f->cols, m, OVER_MSG) +
		       (nq ? (int)nq - 1 : 0);
		snprintf(key, sizeof key, "%d%c%s\x1f%s", rows,
			 a->msg_error ? '!' : ' ', a->msg, a->prompt.label);
	}
	if (strcmp(key, f->shown_over) == 0)
		return false;
	snprintf(f->shown_over, sizeof f->shown_over, "%s", key);
	if (rows != f->over_rows) {
		if (sc)
			sc->dirty = true;
		if (f->over)
			delwin(f->over);
		f->over = NULL;
		f->over_rows = rows;
		if (rows > 0)
			f->over = newwin(rows, f->cols, f->rows - 2 - rows, 0);
	}
	return true;
}

static bool draw_over(struct app *a, const struct ui_span *q, size_t nq)
{
	struct frame *f = &a->f;
	struct ui_span m[OVER_MSG];
	size_t nm = ui_wrap(a->msg, f->cols, m, OVER_MSG);
	int y = 0;

	if (!f->over)
		return false;
	werase(f->over);
	for (size_t i = 0; i < nm && y < f->over_rows; i++)
		ui_put_span(f->over, y++, 0, &m[i], f->cols,
			    ui_attr(a, a->msg_error ? ST_ERROR : ST_INFO));
	for (size_t i = 0; i + 1 < nq && y < f->over_rows; i++)
		ui_put_span(f->over, y++, 0, &q[i], f->cols,
			    ui_attr(a, ST_HEADING));
	wnoutrefresh(f->over);
	return true;
}

static bool draw_msg(struct app *a, const struct ui_span *q, size_t nq)
{
	struct frame *f = &a->f;
	char all[sizeof f->shown_msg];

	if (a->prompt.active) {
		/* the prompt's text changes with every key: always drawn */
		int lw = 0, yw = text_width(_("(y/n)"));
		werase(f->msg);
		if (a->prompt.yesno) {
			if (nq)
				lw = ui_put_span(f->msg, 0, 0, &q[nq - 1],
						 f->cols - yw - 1,
						 ui_attr(a, ST_HEADING)) + 1;
			ui_put(f->msg, 0, lw, _("(y/n)"), f->cols - lw,
			       ui_attr(a, ST_NORMAL));
		} else {
			lw = ui_put(f->msg, 0, 0, a->prompt.label, f->cols / 2,
				    ui_attr(a, ST_HEADING));
			f->prompt_x = lw + 1;
			ui_put_editbuf(f->msg, 0, lw + 1, &a->prompt.eb,
				       f->cols - lw - 2, ui_attr(a, ST_FIELD));
		}
		f->shown_msg[0] = '\0';
		wnoutrefresh(f->msg);
		return true;
	}
	snprintf(all, sizeof all, "%c%s", a->msg_error ? '!' : ' ', a->msg);
	if (!f->force && strcmp(all, f->shown_msg) == 0)
		return false;
	snprintf(f->shown_msg, sizeof f->shown_msg, "%s", all);
	werase(f->msg);
	ui_put(f->msg, 0, 0, a->msg, f->cols,
	       ui_attr(a, a->msg_error ? ST_ERROR : ST_INFO));
	wnoutrefresh(f->msg);
	return true;
}

static bool draw_small(struct app *a)
{
	struct frame *f = &a->f;
	struct ui_span sp[UI_MIN_ROWS];
	char line[256];
	size_t n;

	if (!f->small || !f->force)
		return false;
	werase(f->small);
	snprintf(line, sizeof line,
		 _("The window is %d×%d characters; bosak needs at least "
		   "%d×%d. Make the window larger."),
		 f->cols, f->rows, UI_MIN_COLS, UI_MIN_ROWS);
	/* wrapped at spaces so the sentence survives a narrow window */
	n = ui_wrap(line, f->cols, sp,
		    (size_t)f->rows < UI_MIN_ROWS ? (size_t)f->rows : UI_MIN_ROWS);
	for (size_t i = 0; i < n; i++)
		ui_put_span(f->small, (int)i, 0, &sp[i], f->cols,
			    ui_attr(a, ST_NORMAL));
	wnoutrefresh(f->small);
	return true;
}

static bool draw_body(struct app *a, struct screen *sc)
{
	struct frame *f = &a->f;
	int h, w;

	if (!sc || !(sc->dirty || f->force))
		return false;
	getmaxyx(f->body, h, w);
	werase(f->body);
	sc->ops->draw(sc, f->body, h, w);
	sc->dirty = false;
	wnoutrefresh(f->body);
	return true;
}

/* The cursor goes where typing lands: the prompt, a form field, or
 * nowhere.  The window refreshed last decides its place on the screen. */
static bool place_cursor(struct app *a, struct screen *sc)
{
	struct frame *f = &a->f;
	int y = 0, x = 0;
	bool show = false;
	WINDOW *w = NULL;

	if (a->prompt.active && !a->prompt.yesno) {
		x = f->prompt_x + editbuf_cursor_col(&a->prompt.eb);
		w = f->msg;
		show = true;
	} else if (!a->prompt.active && sc && sc->ops->cursor &&
		   sc->ops->cursor(sc, &y, &x)) {
		w = f->body;
		show = true;
	}
	if (show != a->cursor_on) {
		curs_set(show ? 1 : 0);
		a->cursor_on = show;
	}
	if (!w)
		return false;
	wmove(w, y, x);
	wnoutrefresh(w);
	return true;
}

bool frame_update(struct app *a)
{
	struct frame *f = &a->f;
	struct screen *sc = app_top(a);
	enum action acts[UI_MAX_ACTIONS];
	struct ui_span q[OVER_MAX];
	size_t n = 0, nq;
	bool any = false, over, body;

	if (f->too_small) {
		any = draw_small(a);
		f->force = false;
		return any;
	}
	any |= draw_title(a);
	nq = question_lines(a, q);
	over = over_prepare(a, sc, q, nq);
	body = draw_body(a, sc);
	any |= body;
	if (body || over || f->force)
		any |= draw_over(a, q, nq);
	/* after the body: drawing may read the first page, which decides
	 * whether "Enter Open" belongs in the bar */
	if (a->prompt.active) {
		static const enum action pa[] = {A_HELP, A_ACCEPT, A_CANCEL};
		static const enum action qa[] = {A_HELP, A_YES, A_NO};
		memcpy(acts, a->prompt.yesno ? qa : pa, sizeof pa);
		n = 3;
	} else if (sc) {
		n = sc->ops->actions(sc, acts);
	}
	any |= draw_msg(a, q, nq);
	any |= draw_bar(a, acts, n);
	any |= place_cursor(a, sc);
	f->force = false;
	return any;
}
