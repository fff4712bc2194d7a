/* The form: fields in sections, editing, drawing, and the draft text. */
#include <stdlib.h>
#include <string.h>

#include "form.h"

void form_init(struct form *fm)
{
	memset(fm, 0, sizeof *fm);
}

void form_release(struct form *fm)
{
	for (size_t i = 0; i < fm->n; i++)
		free(fm->f[i].ch);
	free(fm->f);
	memset(fm, 0, sizeof *fm);
}

static struct field *add(struct form *fm, enum field_type type,
			 const char *key, const char *label)
{
	struct field *f;

	if (fm->n == fm->cap) {
		size_t cap = fm->cap ? fm->cap * 2 : 32;
		struct field *n = realloc(fm->f, cap * sizeof *n);
		if (!n)
			abort(); /* a form of a few dozen fields: no recovery */
		fm->f = n;
		fm->cap = cap;
	}
	f = &fm->f[fm->n++];
	memset(f, 0, sizeof *f);
	f->type = type;
	snprintf(f->key, sizeof f->key, "%s", key);
	snprintf(f->label, sizeof f->label, "%s", label);
	return f;
}

void form_heading(struct form *fm, const char *label)
{
	add(fm, FT_HEADING, "", label);
}

struct field *form_text(struct form *fm, enum field_type type, const char *key,
			const char *label, size_t max_bytes, int width)
{
	struct field *f = add(fm, type, key, label);
	editbuf_init(&f->eb, max_bytes);
	f->width = width;
	return f;
}

struct field *form_choice(struct form *fm, const char *key, const char *label)
{
	return add(fm, FT_CHOICE, key, label);
}

void form_option(struct field *f, const char *label, const char *value)
{
	struct choice *n = realloc(f->ch, (f->nch + 1) * sizeof *n);
	if (!n)
		abort();
	f->ch = n;
	snprintf(n[f->nch].label, sizeof n[0].label, "%s", label);
	snprintf(n[f->nch].value, sizeof n[0].value, "%s", value);
	f->nch++;
}

struct field *form_check(struct form *fm, const char *key, const char *label)
{
	return add(fm, FT_CHECK, key, label);
}

struct field *form_find(struct form *fm, const char *key)
{
	for (size_t i = 0; i < fm->n; i++)
		if (fm->f[i].type != FT_HEADING && strcmp(fm->f[i].key, key) == 0)
			return &fm->f[i];
	return NULL;
}

bool form_is_input(const struct field *f)
{
	return f->type != FT_HEADING && f->type != FT_CHOICE &&
	       f->type != FT_CHECK;
}

void form_value(const struct field *f, char *out, size_t size)
{
	switch (f->type) {
	case FT_CHOICE:
		snprintf(out, size, "%s", f->nch ? f->ch[f->sel].value : "");
		break;
	case FT_CHECK: snprintf(out, size, "%s", f->sel ? "1" : "0"); break;
	case FT_HEADING: out[0] = '\0'; break;
	default:
		editbuf_get(&f->eb, out, size);
		text_trim(out);
		break;
	}
}

void form_set(struct field *f, const char *value)
{
	switch (f->type) {
	case FT_CHOICE:
		for (size_t i = 0; i < f->nch; i++)
			if (strcmp(f->ch[i].value, value) == 0)
				f->sel = i;
		break;
	case FT_CHECK: f->sel = strcmp(value, "1") == 0; break;
	case FT_HEADING: break;
	default: editbuf_set(&f->eb, value); break;
	}
}

void form_first(struct form *fm)
{
	fm->cur = 0;
	while (fm->cur < fm->n && fm->f[fm->cur].type == FT_HEADING)
		fm->cur++;
}

/* ------------------------------------------------------------ moving */

static bool move_field(struct form *fm, int dir)
{
	size_t i = fm->cur;
	for (;;) {
		if (dir > 0 ? i + 1 >= fm->n : i == 0)
			return false;
		i = dir > 0 ? i + 1 : i - 1;
		if (fm->f[i].type != FT_HEADING) {
			fm->cur = i;
			return true;
		}
	}
}

static size_t first_after(const struct form *fm, size_t i)
{
	while (i < fm->n && fm->f[i].type == FT_HEADING)
		i++;
	return i;
}

static size_t heading_before(const struct form *fm, size_t i)
{
	while (i > 0 && fm->f[i].type != FT_HEADING)
		i--;
	return i;
}

/* PgDn: the first field of the next section.  PgUp: the first field of
 * this section, or of the previous one when already there. */
static bool move_section(struct form *fm, int dir)
{
	size_t i;

	if (dir > 0) {
		i = fm->cur;
		while (i < fm->n && fm->f[i].type != FT_HEADING)
			i++;
		i = first_after(fm, i);
	} else {
		size_t h = heading_before(fm, fm->cur);
		i = first_after(fm, h);
		if (i == fm->cur) {
			if (h == 0)
				return false;
			i = first_after(fm, heading_before(fm, h - 1));
		}
	}
	if (i >= fm->n || i == fm->cur)
		return false;
	fm->cur = i;
	return true;
}

static bool choice_step(struct app *a, struct field *f, int key,
			enum action act)
{
	bool toggle = act == A_NONE && keymap_has(&a->km, A_TOGGLE, key);

	if (f->type == FT_CHECK && toggle) {
		f->sel = !f->sel;
		return true;
	}
	if (f->type != FT_CHOICE || f->nch == 0)
		return false;
	if (toggle || act == A_CHAR_RIGHT) {
		f->sel = (f->sel + 1) % f->nch;
		return true;
	}
	if (act == A_CHAR_LEFT) {
		f->sel = (f->sel + f->nch - 1) % f->nch;
		return true;
	}
	return false;
}

enum form_event form_key(struct app *a, struct form *fm, int key,
			 enum action act, size_t *left)
{
	struct field *f = fm->n ? &fm->f[fm->cur] : NULL;
	size_t from = fm->cur;
	bool moved = false;

	if (!f)
		return FE_NONE;
	switch (act) {
	case A_NEXT_FIELD: moved = move_field(fm, 1); break;
	case A_PREV_FIELD: moved = move_field(fm, -1); break;
	case A_NEXT_SECTION: moved = move_section(fm, 1); break;
	case A_PREV_SECTION: moved = move_section(fm, -1); break;
	default:
		if (form_is_input(f) ? ui_edit(&f->eb, key, act)
				     : choice_step(a, f, key, act)) {
			fm->changed = true;
			return FE_EDITED;
		}
		return FE_NONE;
	}
	if (!moved)
		return FE_NONE;
	*left = from;
	return FE_MOVED;
}

/* ------------------------------------------------------------ drawing */

/* The reason under a bad field takes one row, or two when long. */
static int err_rows(const struct form *fm, const struct field *f)
{
	if (!f->err[0])
		return 0;
	return text_width(f->err) > fm->cols - 5 ? 2 : 1;
}

/* Wraps the reason at a space into at most two rows. */
static void draw_err(struct app *a, struct form *fm, WINDOW *w, int y,
		     int rows, const struct field *f)
{
	char first[256];
	int room = fm->cols - 5;
	size_t cut;

	ui_cols(first, sizeof first, f->err, room);
	cut = strlen(text_trim(first));
	if (cut < strlen(f->err)) {
		char *sp = strrchr(first, ' ');
		if (sp && sp > first + cut / 2)
			*sp = '\0';
		cut = strlen(first);
	}
	ui_put(w, y, 4, first, room, ui_attr(a, ST_ERROR));
	if (f->err[cut] && y + 1 < rows)
		ui_put(w, y + 1, 4, f->err + cut + (f->err[cut] == ' '), room,
		       ui_attr(a, ST_ERROR));
}

/* Row of each field: headings get a blank row before them (not the
 * first), so that sections stand apart; a field that is wrong gets its
 * reason on the row under it, in full, where the eye already is. */
static int row_of(const struct form *fm, size_t i)
{
	int row = 0;
	for (size_t k = 0; k < i; k++)
		row += ((fm->f[k + 1].type == FT_HEADING) ? 2 : 1) +
		       err_rows(fm, &fm->f[k]);
	return row;
}

static int field_cols(const struct form *fm, const struct field *f, int cols)
{
	int room = cols - fm->label_cols - 4;
	return f->width && f->width < room ? f->width : room;
}

static void draw_field(struct app *a, struct form *fm, WINDOW *w, int y,
		       struct field *f, int cols, bool current)
{
	int x = fm->label_cols + 2, fw = field_cols(fm, f, cols);
	attr_t lab = ui_attr(a, current ? ST_HEADING : ST_NORMAL);
	char buf[EDITBUF_MAX * 4 + 1];

	ui_put(w, y, 2, f->label, fm->label_cols - 2, lab);
	if (f->err[0])
		ui_put(w, y, x - 2, "!", 1, ui_attr(a, ST_ERROR));
	switch (f->type) {
	case FT_CHOICE: {
		/* the value is cut, never its brackets: they say "a choice" */
		attr_t at = ui_attr(a, current ? ST_SELECTED : ST_NORMAL);
		int room = cols - x - 1, used;
		used = ui_put(w, y, x, "< ", room, at);
		used += ui_put(w, y, x + used, f->nch ? f->ch[f->sel].label : "",
			       room - used - 2, at);
		ui_put(w, y, x + used, " >", room - used, at);
		break;
	}
	case FT_CHECK:
		ui_put(w, y, x, f->sel ? "[x]" : "[ ]", 3,
		       current ? ui_attr(a, ST_SELECTED) : ui_attr(a, ST_NORMAL));
		break;
	default:
		if (current) {
			ui_put_editbuf(w, y, x, &f->eb, fw,
				       ui_attr(a, f->err[0] ? ST_FIELD_BAD
							    : ST_FIELD));
		} else {
			/* not being edited: from its start, as it reads */
			editbuf_get(&f->eb, buf, sizeof buf);
			ui_put_pad(w, y, x, buf, fw,
				   ui_attr(a, f->err[0] ? ST_FIELD_BAD : ST_FIELD));
		}
		break;
	}
}

void form_draw(struct app *a, struct form *fm, WINDOW *w, int rows, int cols)
{
	int currow, y;

	fm->rows = rows;
	fm->cols = cols;
	fm->label_cols = cols / 3 < 30 ? cols / 3 : 30;
	currow = row_of(fm, fm->cur);
	/* show the section's heading with its first field when moving up */
	if (fm->cur > 0 && fm->f[fm->cur - 1].type == FT_HEADING &&
	    (size_t)currow - 1 < fm->top)
		fm->top = (size_t)(currow - 1);
	if ((size_t)currow < fm->top)
		fm->top = (size_t)currow;
	currow += err_rows(fm, &fm->f[fm->cur]); /* its reason must show */
	if (currow >= (int)fm->top + rows)
		fm->top = (size_t)(currow - rows + 1);
	for (size_t i = 0; i < fm->n; i++) {
		y = row_of(fm, i) - (int)fm->top;
		if (y < 0)
			continue;
		if (y >= rows)
			break;
		if (fm->f[i].type == FT_HEADING) {
			ui_heading(a, w, y, fm->f[i].label, cols);
			continue;
		}
		draw_field(a, fm, w, y, &fm->f[i], cols, i == fm->cur);
		if (fm->f[i].err[0] && y + 1 < rows)
			draw_err(a, fm, w, y + 1, rows, &fm->f[i]);
	}
}

bool form_cursor(struct form *fm, int *y, int *x)
{
	struct field *f;

	if (!fm->n)
		return false;
	f = &fm->f[fm->cur];
	*y = row_of(fm, fm->cur) - (int)fm->top;
	*x = fm->label_cols + 2;
	if (form_is_input(f))
		*x += editbuf_cursor_col(&f->eb);
	else if (f->type == FT_CHECK)
		*x += 1;
	return *y >= 0 && *y < fm->rows;
}

/* ------------------------------------------------------------- draft */

static void put_escaped(char **buf, size_t *len, size_t *cap, const char *s)
{
	for (; *s; s++) {
		char two[2] = {'\\', *s == '\n' ? 'n' : *s};
		size_t k = (*s == '\\' || *s == '\n') ? 2 : 1;
		if (*len + k + 2 > *cap) {
			size_t ncap = *cap * 2 + 64;
			char *n = realloc(*buf, ncap);
			if (!n)
				abort();
			*buf = n;
			*cap = ncap;
		}
		memcpy(*buf + *len, k == 2 ? two : s, k);
		*len += k;
	}
	(*buf)[*len] = '\0';
}

char *form_serialise(const struct form *fm)
{
	size_t len = 0, cap = 256;
	char *buf = malloc(cap), value[EDITBUF_MAX * 4 + 1];

	if (!buf)
		abort();
	buf[0] = '\0';
	for (size_t i = 0; i < fm->n; i++) {
		const struct field *f = &fm->f[i];
		if (f->type == FT_HEADING)
			continue;
		if (form_is_input(f))
			editbuf_get(&f->eb, value, sizeof value); /* raw, untrimmed */
		else
			form_value(f, value, sizeof value);
		put_escaped(&buf, &len, &cap, f->key);
		put_escaped(&buf, &len, &cap, "=");
		put_escaped(&buf, &len, &cap, value);
		/* room was kept for one more byte: the record's end */
		buf[len++] = '\n';
		buf[len] = '\0';
	}
	put_escaped(&buf, &len, &cap, "_cur=");
	put_escaped(&buf, &len, &cap, fm->n ? fm->f[fm->cur].key : "");
	return buf;
}

static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 'n' ? '\n' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

void form_restore(struct form *fm, const char *data)
{
	char *copy = strdup(data), *line, *save = NULL;

	if (!copy)
		return;
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		struct field *f;
		if (!eq)
			continue;
		*eq = '\0';
		unescape(eq + 1);
		if (strcmp(line, "_cur") == 0) {
			f = form_find(fm, eq + 1);
			if (f)
				fm->cur = (size_t)(f - fm->f);
			continue;
		}
		f = form_find(fm, line);
		if (f)
			form_set(f, eq + 1);
	}
	free(copy);
}
