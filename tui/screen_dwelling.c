/*
 * The dwelling register: a list by address, a page at a time, with the
 * status (vacant from a day, let with its lease, under maintenance), a
 * form to add or change a dwelling, and the meeting view of the
 * allocation group: a vacant dwelling beside the queued cases it suits,
 * or a case beside the vacant dwellings that suit it.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc_ui.h"
#include "form.h"

/* -------------------------------------------------------------- lines */

static void dwelling_status_text(const struct dwelling_rec *d, char *out,
				 size_t size)
{
	char day[DB_DATE];

	if (!strcmp(d->status, "vacant") && d->offer_case[0])
		snprintf(out, size, _("granted to %s"), d->offer_case);
	else if (!strcmp(d->status, "vacant"))
		snprintf(out, size, _("vacant from %s"),
			 ui_date(d->vacant_from, day));
	else if (!strcmp(d->status, "let") && d->lease_end[0])
		snprintf(out, size, _("let to %s"), ui_date(d->lease_end, day));
	else
		snprintf(out, size, "%s", dwelling_status_label(d->status));
}

/* "2 rooms, 45 m², floor 3, lift, adapted" */
static void dwelling_facts(const struct dwelling_rec *d, char *out,
			   size_t size)
{
	char floor[80];

	if (d->floor == 0)
		snprintf(floor, sizeof floor, "%s", _("ground floor"));
	else /* counted as in the letters: the ground floor is the first */
		snprintf(floor, sizeof floor,
			 d->lift ? _("floor %d, lift") : _("floor %d, no lift"),
			 d->floor + 1);
	snprintf(out, size, _("%d rooms, %d m², %s%s%s"), d->rooms, d->size_m2,
		 floor, d->adapted ? _(", adapted") : "",
		 d->staffed ? _(", staffed") : "");
}

enum { DW_AREA = 10, DW_ROOMS = 3, DW_M2 = 3, DW_FLAGS = 4, DW_RENT = 6,
       DW_STATUS = 20 };

static void dw_row(WINDOW *w, int y, int cols, const char *cell[7],
		   attr_t attr)
{
	int addr = cols - (DW_AREA + DW_ROOMS + DW_M2 + DW_FLAGS + DW_RENT +
			   DW_STATUS + 12);
	int x = 1;

	if (addr < 10)
		addr = 10;
	ui_put_pad(w, y, 0, "", cols, attr);
	ui_put(w, y, x, cell[0], addr, attr);
	x += addr + 2;
	ui_put(w, y, x, cell[1], DW_AREA, attr);
	x += DW_AREA + 1;
	ui_put_right(w, y, x, cell[2], DW_ROOMS, attr);
	x += DW_ROOMS + 1;
	ui_put_right(w, y, x, cell[3], DW_M2, attr);
	x += DW_M2 + 2;
	ui_put(w, y, x, cell[4], DW_FLAGS, attr);
	x += DW_FLAGS;
	ui_put_right(w, y, x, cell[5], DW_RENT, attr);
	x += DW_RENT + 2;
	ui_put(w, y, x, cell[6], cols - x - 1, attr);
}

static void dw_header(struct app *a, WINDOW *w, int y, int cols)
{
	const char *cell[7] = {_("Address"), _("Area"), _("Rm."), _("m²"),
			       _("Kind"), _("Rent"), _("Status")};
	dw_row(w, y, cols, cell, ui_attr(a, ST_HEADING));
}

static void dw_line(struct app *a, WINDOW *w, int y, int cols,
		    const struct dwelling_rec *d, bool selected)
{
	char rooms[8], m2[8], flags[8], rent[24], status[80];
	const char *cell[7];

	snprintf(rooms, sizeof rooms, "%d", d->rooms);
	snprintf(m2, sizeof m2, "%d", d->size_m2);
	/* A adapted, B staffed (bemannet), H lift (heis) */
	snprintf(flags, sizeof flags, "%s%s%s", d->adapted ? "A" : "",
		 d->staffed ? "B" : "", d->lift ? "H" : "");
	amount_show(d->rent, rent, sizeof rent);
	dwelling_status_text(d, status, sizeof status);
	cell[0] = d->address;
	cell[1] = d->area;
	cell[2] = rooms;
	cell[3] = m2;
	cell[4] = flags;
	cell[5] = rent;
	cell[6] = status;
	dw_row(w, y, cols, cell,
	       ui_attr(a, selected ? ST_SELECTED : ST_NORMAL));
}

/* ---------------------------------------------------------- the list */

static const char *const statuses[] = {"", "vacant", "let", "maintenance"};

struct dw_list {
	struct screen sc;
	int status_i;
	size_t rows;
	struct dwelling_rec *line; /* rows + 1 */
	size_t n, sel, page;
	bool more, loaded;
	/* the address each page starts after: one line per page */
	char (*start)[161];
	size_t nstart;
	long count;
	char end_day[DB_DATE];
};

static struct dw_list *dl_of(struct screen *sc)
{
	return (struct dw_list *)sc;
}

static int dl_load(struct dw_list *l, size_t page)
{
	struct app *a = l->sc.app;
	const struct dwelling_rec *after = NULL;
	struct dwelling_rec from;
	size_t got = 0;
	int rc;

	if (page > 0) {
		memset(&from, 0, sizeof from);
		snprintf(from.address, sizeof from.address, "%s",
			 l->start[page - 1]);
		after = &from;
	}
	rc = dwelling_page(a->s, statuses[l->status_i], after, l->rows + 1,
			   l->line, &got);
	if (rc) {
		app_error(a, "%s", a->s->err.msg);
		return rc;
	}
	l->more = got > l->rows;
	l->n = got > l->rows ? l->rows : got;
	l->page = page;
	if (l->more) {
		char(*s)[161] = realloc(l->start, (page + 1) * sizeof *s);
		if (s) {
			l->start = s;
			snprintf(l->start[page], sizeof l->start[page], "%s",
				 l->line[l->n - 1].address);
			l->nstart = page + 1;
		}
	}
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	dwelling_count(a->s, statuses[l->status_i], &l->count);
	l->sc.dirty = true;
	return 0;
}

static void dl_ensure(struct dw_list *l, int rows)
{
	size_t want = rows > 4 ? (size_t)rows - 3 : 1;

	if (l->loaded && want == l->rows)
		return;
	free(l->line);
	l->line = calloc(want + 1, sizeof *l->line);
	if (!l->line) {
		l->rows = 0;
		return;
	}
	l->rows = want;
	l->loaded = true;
	l->nstart = 0;
	dl_load(l, 0);
}

static void dl_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct dw_list *l = dl_of(sc);
	struct app *a = sc->app;
	char line[300], facts[200];

	dl_ensure(l, rows);
	dw_header(a, w, 0, cols);
	for (size_t i = 0; i < l->n; i++)
		dw_line(a, w, (int)i + 1, cols, &l->line[i], i == l->sel);
	if (l->n) {
		dwelling_facts(&l->line[l->sel], facts, sizeof facts);
		ui_put(w, rows - 2, 1, facts, cols - 2, ui_attr(a, ST_INFO));
	}
	if (l->n == 0)
		snprintf(line, sizeof line, "%s",
			 _("No dwelling is registered with this status."));
	else
		snprintf(line, sizeof line, _("Page %zu%s · %ld dwellings · %s"),
			 l->page + 1, l->more ? " …" : "", l->count,
			 l->status_i ? dwelling_status_label(statuses[l->status_i])
				     : _("every status"));
	ui_put(w, rows - 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
}

static size_t dl_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct dw_list *l = dl_of(sc);
	const struct dwelling_rec *d = l->n ? &l->line[l->sel] : NULL;
	static const enum action tail[] = {A_FILTER_STATUS, A_BACK, A_UP,
					   A_DOWN, A_PGUP, A_PGDN, A_HOME,
					   A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (d)
		out[n++] = A_OPEN;
	if (d && !strcmp(d->status, "vacant") && !d->offer_case[0] &&
	    session_has_role(sc->app->s, ROLE_ALLOCATION))
		out[n++] = A_MATCH;
	if (dwelling_may_manage(sc->app->s))
		out[n++] = A_NEW_DWELLING;
	if (d && d->lease_id)
		out[n++] = A_END_LEASE;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void end_lease_done(struct screen *sc, const char *text)
{
	struct dw_list *l = dl_of(sc);
	struct app *a = sc->app;
	struct dwelling_rec *d = l->n ? &l->line[l->sel] : NULL;
	struct lease_rec lease;
	struct err e = {0};
	int64_t case_id = 0;

	if (!text || !d)
		return;
	if (date_parse(text, l->end_day, &e)) {
		app_error(a, "%s", e.msg);
		app_prompt(a, sc, _("The tenant moved out on:"), text, 32,
			   end_lease_done);
		return;
	}
	if (case_by_number(a->s, d->lease_case, &case_id) ||
	    lease_of_case(a->s, case_id, &lease) ||
	    lease_end(a->s, lease.id, lease.version, l->end_day)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	app_msg(a, _("The lease has ended; %s is vacant from %s."), d->address,
		text);
	dl_load(l, l->page);
}

static void dl_key(struct screen *sc, int key, enum action act)
{
	struct dw_list *l = dl_of(sc);
	struct app *a = sc->app;
	size_t before = l->sel, page = l->page;

	(void)key;
	switch (act) {
	case A_UP:
		if (l->sel)
			l->sel--;
		else if (l->page && !dl_load(l, l->page - 1))
			l->sel = l->n ? l->n - 1 : 0;
		break;
	case A_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		else if (l->more && !dl_load(l, l->page + 1))
			l->sel = 0;
		break;
	case A_PGUP:
		if (l->page)
			dl_load(l, l->page - 1);
		else
			l->sel = 0;
		break;
	case A_PGDN:
		if (l->more)
			dl_load(l, l->page + 1);
		break;
	case A_HOME:
		if (l->page)
			dl_load(l, 0);
		l->sel = 0;
		break;
	case A_OPEN:
		if (l->n)
			app_push(a, dwelling_form_new(a, l->line[l->sel].id));
		break;
	case A_MATCH:
		if (l->n)
			app_push(a, meeting_screen_new(a, l->line[l->sel].id, 0));
		break;
	case A_NEW_DWELLING: app_push(a, dwelling_form_new(a, 0)); break;
	case A_FILTER_STATUS:
		l->status_i = (l->status_i + 1) % 4;
		l->sel = 0;
		l->nstart = 0;
		dl_load(l, 0);
		break;
	case A_END_LEASE: {
		char today[DB_DATE], shown[DB_DATE];
		session_today_iso(a->s, today);
		app_prompt(a, sc, _("The tenant moved out on:"),
			   ui_date(today, shown), 32, end_lease_done);
		break;
	}
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (l->sel != before || l->page != page)
		sc->dirty = true;
}

static void dl_resume(struct screen *sc)
{
	struct dw_list *l = dl_of(sc);
	if (l->loaded)
		dl_load(l, l->page);
}

static void dl_release(struct screen *sc)
{
	struct dw_list *l = dl_of(sc);
	free(l->line);
	free(l->start);
	free(l);
}

static const struct screen_ops dl_ops = {
	.title = N_("Dwellings"),
	.actions = dl_actions,
	.draw = dl_draw,
	.key = dl_key,
	.resume = dl_resume,
	.release = dl_release,
};

struct screen *dwelling_list_screen_new(struct app *a)
{
	struct dw_list *l = calloc(1, sizeof *l);

	if (!l)
		return NULL;
	l->sc.ops = &dl_ops;
	l->sc.app = a;
	return &l->sc;
}

/* ---------------------------------------------------------- the form */

struct dw_form {
	struct screen sc;
	struct form fm;
	struct dwelling_rec d;
};

static struct dw_form *df_of(struct screen *sc)
{
	return (struct dw_form *)sc;
}

static void df_build(struct dw_form *f)
{
	struct field *st;
	char num[32], day[DB_DATE];
	const struct dwelling_rec *d = &f->d;

	form_init(&f->fm);
	form_heading(&f->fm, _("Dwelling"));
	form_text(&f->fm, FT_TEXT, "address", _("Address"), 160, 0);
	form_text(&f->fm, FT_TEXT, "area", _("Area of town"), 64, 0);
	form_text(&f->fm, FT_TEXT, "rooms", _("Rooms"), 4, 4);
	form_text(&f->fm, FT_TEXT, "size", _("Size (m²)"), 6, 6);
	form_text(&f->fm, FT_TEXT, "floor", _("Floor (0 = ground floor)"), 4, 4);
	form_check(&f->fm, "lift", _("Lift"));
	form_check(&f->fm, "adapted", _("Adapted (universal design)"));
	form_check(&f->fm, "staffed", _("Staffed housing"));
	form_text(&f->fm, FT_AMOUNT, "rent", _("Rent a month (kr)"), 24, 14);
	form_heading(&f->fm, _("Status"));
	st = form_choice(&f->fm, "status", _("Status"));
	for (size_t i = 1; i < 4; i++)
		form_option(st, dwelling_status_label(statuses[i]), statuses[i]);
	form_text(&f->fm, FT_DATE, "vacant_from", _("Vacant from"), 16, 12);
	form_set(form_find(&f->fm, "address"), d->address);
	form_set(form_find(&f->fm, "area"), d->area);
	snprintf(num, sizeof num, "%d", d->rooms);
	form_set(form_find(&f->fm, "rooms"), d->rooms ? num : "");
	snprintf(num, sizeof num, "%d", d->size_m2);
	form_set(form_find(&f->fm, "size"), d->size_m2 ? num : "");
	snprintf(num, sizeof num, "%d", d->floor);
	form_set(form_find(&f->fm, "floor"), num);
	form_set(form_find(&f->fm, "lift"), d->lift ? "1" : "0");
	form_set(form_find(&f->fm, "adapted"), d->adapted ? "1" : "0");
	form_set(form_find(&f->fm, "staffed"), d->staffed ? "1" : "0");
	amount_show(d->rent, num, sizeof num);
	form_set(form_find(&f->fm, "rent"), num);
	form_set(form_find(&f->fm, "status"), d->status);
	form_set(form_find(&f->fm, "vacant_from"), ui_date(d->vacant_from, day));
	form_first(&f->fm);
	f->fm.changed = false;
}

static int int_of(struct form *fm, const char *key, int bad)
{
	char text[32], *end;
	long v;

	form_value(form_find(fm, key), text, sizeof text);
	v = strtol(text, &end, 10);
	return *text && !*end ? (int)v : bad;
}

static void df_collect(struct dw_form *f, struct dwelling_rec *d)
{
	char text[200];
	int64_t kr = 0;

	*d = f->d;
	form_value(form_find(&f->fm, "address"), d->address, sizeof d->address);
	form_value(form_find(&f->fm, "area"), d->area, sizeof d->area);
	d->rooms = int_of(&f->fm, "rooms", 0);
	d->size_m2 = int_of(&f->fm, "size", 0);
	d->floor = int_of(&f->fm, "floor", -1);
	form_value(form_find(&f->fm, "lift"), text, sizeof text);
	d->lift = !strcmp(text, "1");
	form_value(form_find(&f->fm, "adapted"), text, sizeof text);
	d->adapted = !strcmp(text, "1");
	form_value(form_find(&f->fm, "staffed"), text, sizeof text);
	d->staffed = !strcmp(text, "1");
	form_value(form_find(&f->fm, "rent"), text, sizeof text);
	d->rent = text[0] && amount_parse(text, &kr, NULL) == 0 ? kr : -1;
	form_value(form_find(&f->fm, "status"), d->status, sizeof d->status);
	form_value(form_find(&f->fm, "vacant_from"), text, sizeof text);
	d->vacant_from[0] = '\0';
	if (text[0] && date_parse(text, d->vacant_from, NULL))
		snprintf(d->vacant_from, sizeof d->vacant_from, "x");
}

static void df_save(struct dw_form *f)
{
	struct app *a = f->sc.app;
	struct dwelling_rec d;
	struct field *bad;

	df_collect(f, &d);
	if (dwelling_save(a->s, &d)) {
		app_error(a, "%s", a->s->err.msg);
		if ((bad = form_find(&f->fm, a->s->err.field))) {
			f->fm.cur = (size_t)(bad - f->fm.f);
			text_copy(bad->err, sizeof bad->err, a->s->err.msg);
		}
		f->sc.dirty = true;
		return;
	}
	app_msg(a, _("%s is saved in the register."), d.address);
	app_pop(a);
}

static size_t df_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	static const enum action acts[] = {A_HELP, A_SAVE, A_NEXT_FIELD,
					   A_PREV_FIELD, A_TOGGLE, A_BACK,
					   A_REDRAW};
	(void)sc;
	memcpy(out, acts, sizeof acts);
	memcpy(out + 7, ui_edit_actions, sizeof ui_edit_actions);
	return 7 + UI_EDIT_NACTIONS;
}

static void df_key(struct screen *sc, int key, enum action act)
{
	struct dw_form *f = df_of(sc);
	struct app *a = sc->app;
	size_t left;

	switch (act) {
	case A_SAVE: df_save(f); return;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	for (size_t i = 0; i < f->fm.n; i++)
		f->fm.f[i].err[0] = '\0';
	if (form_key(a, &f->fm, key, act, &left) != FE_NONE)
		sc->dirty = true;
}

static void df_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	form_draw(sc->app, &df_of(sc)->fm, w, rows, cols);
}

static bool df_cursor(struct screen *sc, int *y, int *x)
{
	return form_cursor(&df_of(sc)->fm, y, x);
}

static void df_release(struct screen *sc)
{
	struct dw_form *f = df_of(sc);
	form_release(&f->fm);
	free(f);
}

static const struct screen_ops df_ops = {
	.title = N_("Dwelling"),
	.text_input = true,
	.actions = df_actions,
	.draw = df_draw,
	.key = df_key,
	.cursor = df_cursor,
	.release = df_release,
};

struct screen *dwelling_form_new(struct app *a, int64_t id)
{
	struct dw_form *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	f->sc.ops = &df_ops;
	f->sc.app = a;
	if (id && dwelling_get(a->s, id, &f->d)) {
		app_error(a, "%s", a->s->err.msg);
		free(f);
		return NULL;
	}
	if (!id) {
		if (!dwelling_may_manage(a->s)) {
			app_error(a, "%s", _("Only the allocation group, the "
					     "property unit and administrators "
					     "manage the dwellings."));
			free(f);
			return NULL;
		}
		f->d.rooms = 2;
		snprintf(f->d.status, sizeof f->d.status, "vacant");
		session_today_iso(a->s, f->d.vacant_from);
	}
	snprintf(f->sc.title, sizeof f->sc.title, "%s",
		 id ? f->d.address : _("New dwelling"));
	df_build(f);
	return &f->sc;
}

/* ----------------------------------------------------- the meeting view */

#define MEET_MAX 100

struct meeting {
	struct screen sc;
	int64_t dwelling_id, case_id;
	struct dwelling_rec d;           /* from a dwelling */
	struct case_rec c;               /* from a case */
	struct alloc_priority p;
	bool has_p;
	int persons;
	struct db_alloc_line *cands;     /* the cases a dwelling suits */
	struct dwelling_rec *dws;        /* the dwellings that suit a case */
	size_t n, sel, top;
};

static struct meeting *mt_of(struct screen *sc)
{
	return (struct meeting *)sc;
}

/* opening: the screen is opened (a case's read is logged); otherwise it
 * is shown again, back from a screen opened from it (case_reread) */
static void mt_load(struct meeting *m, bool opening)
{
	struct app *a = m->sc.app;
	int rc;

	m->n = 0;
	if (m->dwelling_id) {
		rc = dwelling_get(a->s, m->dwelling_id, &m->d) ||
		     dwelling_candidates(a->s, m->dwelling_id, NULL, MEET_MAX,
					 m->cands, &m->n);
	} else {
		struct hh_member_rec *hh = NULL;
		size_t nhh = 0;
		rc = (opening ? case_open : case_reread)(a->s, m->case_id,
							  &m->c) ||
		     case_household(a->s, m->case_id, &hh, &nhh) ||
		     dwelling_suiting_case(a->s, m->case_id, MEET_MAX, m->dws,
					   &m->n);
		free(hh);
		m->persons = nhh ? (int)nhh : 1;
		m->has_p = alloc_priority_of(a->s, m->case_id, &m->p) == 0;
	}
	if (rc)
		app_error(a, "%s", a->s->err.msg);
	if (m->sel >= m->n)
		m->sel = m->n ? m->n - 1 : 0;
	m->sc.dirty = true;
}

static int mt_head_dwelling(struct meeting *m, WINDOW *w, int cols)
{
	struct app *a = m->sc.app;
	char line[300], facts[200], rent[24], status[80];

	dwelling_facts(&m->d, facts, sizeof facts);
	amount_show(m->d.rent, rent, sizeof rent);
	dwelling_status_text(&m->d, status, sizeof status);
	snprintf(line, sizeof line, "%s  (%s)", m->d.address, m->d.area);
	ui_put(w, 0, 1, line, cols - 2, ui_attr(a, ST_HEADING));
	snprintf(line, sizeof line, _("%s · rent %s kr · %s"), facts, rent,
		 status);
	ui_put(w, 1, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
	ui_heading(a, w, 2, _("Queued cases it suits, highest priority first"),
		   cols);
	return 3;
}

static int mt_head_case(struct meeting *m, WINDOW *w, int cols)
{
	struct app *a = m->sc.app;
	char line[400], why[300], needs[200] = "";
	size_t used = 0;

	for (unsigned bit = NEED_ADAPTED; bit <= NEED_STAFFED; bit <<= 1)
		if (m->c.needs & bit)
			used += (size_t)snprintf(needs + used, sizeof needs - used,
						 ", %s", need_label((enum need)bit));
	snprintf(line, sizeof line, "%s  %s", m->c.number, m->c.applicant_name);
	ui_put(w, 0, 1, line, cols - 2, ui_attr(a, ST_HEADING));
	snprintf(line, sizeof line, _("%d persons: %d rooms or one more%s"),
		 m->persons, alloc_rooms_needed(m->persons), needs);
	ui_put(w, 1, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
	if (m->has_p) {
		alloc_priority_explain(&m->p, why, sizeof why);
		snprintf(line, sizeof line, _("Priority %s"), why);
		ui_put(w, 2, 1, line, cols - 2, ui_attr(a, ST_INFO));
	}
	ui_heading(a, w, 3, _("Vacant dwellings that suit the case"), cols);
	return 4;
}

static void mt_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct meeting *m = mt_of(sc);
	struct app *a = sc->app;
	int y = m->dwelling_id ? mt_head_dwelling(m, w, cols)
			       : mt_head_case(m, w, cols);
	int room = rows - y - 1;
	char line[400], date[DB_DATE];

	if (room < 1)
		room = 1;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + (size_t)room)
		m->top = m->sel - (size_t)room + 1;
	for (size_t i = m->top; i < m->n && (int)(i - m->top) < room; i++) {
		attr_t at = ui_attr(a, i == m->sel ? ST_SELECTED : ST_NORMAL);
		int yy = y + (int)(i - m->top);
		if (m->dwelling_id) {
			const struct db_alloc_line *c = &m->cands[i];
			char name[200];
			ui_cols(name, sizeof name, c->line.name, cols - 48);
			snprintf(line, sizeof line, "%5d  %s  %s  %2d  %s",
				 c->total, c->line.number, name, c->household,
				 ui_date(c->line.received, date));
			ui_put_pad(w, yy, 0, line, cols, at);
		} else {
			dw_line(a, w, yy, cols, &m->dws[i], i == m->sel);
		}
	}
	if (m->n == 0)
		ui_put(w, y, 2, m->dwelling_id
				   ? _("No queued case suits this dwelling.")
				   : _("No vacant dwelling suits this case now."),
		       cols - 4, ui_attr(a, ST_DIM));
	if (m->n && !m->dwelling_id) {
		char facts[200];
		dwelling_facts(&m->dws[m->sel], facts, sizeof facts);
		ui_put(w, rows - 1, 1, facts, cols - 2, ui_attr(a, ST_INFO));
	} else if (m->n) {
		const struct db_alloc_line *c = &m->cands[m->sel];
		struct alloc_priority p;
		char why[300];
		alloc_priority_from(a->s, c, &p);
		alloc_priority_explain(&p, why, sizeof why);
		snprintf(line, sizeof line, _("Priority %s"), why);
		ui_put(w, rows - 1, 1, line, cols - 2, ui_attr(a, ST_INFO));
	}
}

static size_t mt_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct meeting *m = mt_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_HOME,
					   A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (m->n) {
		out[n++] = A_DECIDE;
		out[n++] = A_OPEN;
	}
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void mt_key(struct screen *sc, int key, enum action act)
{
	struct meeting *m = mt_of(sc);
	struct app *a = sc->app;
	size_t before = m->sel;

	(void)key;
	switch (act) {
	case A_UP: if (m->sel) m->sel--; break;
	case A_DOWN: if (m->sel + 1 < m->n) m->sel++; break;
	case A_HOME: m->sel = 0; break;
	case A_END: m->sel = m->n ? m->n - 1 : 0; break;
	case A_OPEN:
		if (!m->n)
			break;
		if (m->dwelling_id)
			app_push(a, case_screen_new(a, m->cands[m->sel].line.case_id));
		else
			app_push(a, dwelling_form_new(a, m->dws[m->sel].id));
		break;
	case A_DECIDE:
		if (!m->n)
			break;
		/* a dwelling and a case side by side: grant it */
		if (m->dwelling_id)
			app_push(a, decision_form_new(a,
						      m->cands[m->sel].line.case_id,
						      DO_GRANTED_DWELLING,
						      m->dwelling_id));
		else
			app_push(a, decision_form_new(a, m->case_id,
						      DO_GRANTED_DWELLING,
						      m->dws[m->sel].id));
		break;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (m->sel != before)
		sc->dirty = true;
}

static void mt_resume(struct screen *sc)
{
	mt_load(mt_of(sc), false);
}

static void mt_release(struct screen *sc)
{
	struct meeting *m = mt_of(sc);
	free(m->cands);
	free(m->dws);
	free(m);
}

static const struct screen_ops mt_ops = {
	.title = N_("Meeting view"),
	.actions = mt_actions,
	.draw = mt_draw,
	.key = mt_key,
	.resume = mt_resume,
	.release = mt_release,
};

struct screen *meeting_screen_new(struct app *a, int64_t dwelling_id,
				  int64_t case_id)
{
	struct meeting *m = calloc(1, sizeof *m);

	if (!m)
		return NULL;
	m->sc.ops = &mt_ops;
	m->sc.app = a;
	m->dwelling_id = dwelling_id;
	m->case_id = case_id;
	m->cands = calloc(MEET_MAX, sizeof *m->cands);
	m->dws = calloc(MEET_MAX, sizeof *m->dws);
	if (!m->cands || !m->dws) {
		mt_release(&m->sc);
		return NULL;
	}
	mt_load(m, true);
	if (a->msg_error && m->n == 0 && !m->d.id && !m->c.id) {
		mt_release(&m->sc);
		return NULL;
	}
	snprintf(m->sc.title, sizeof m->sc.title, "%s: %s", _("Meeting view"),
		 dwelling_id ? m->d.address : m->c.number);
	return &m->sc;
}
