/*
 * The supervisor's overview (issue 6): one screen of figures for the
 * units the user supervises, each line with a list behind it.  Enter on
 * a line opens the cases behind the figure (a page at a time, only cases
 * of the supervised units); Enter there opens the case, logged as a
 * supervisor's read; `w` there shows who has looked at the chosen case.
 * Every figure is such a line: the counts, the deadlines (the answers
 * the supervised units owe open the referral), the waiting times, the
 * decisions, appeals and lease reviews; vacant dwellings open the
 * dwelling register.
 * The figures are running counts (db/migrations/0006_overview.sql), so
 * the screen opens in a few small index reads whatever the size.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc_ui.h"
#include "pager.h"
#include "referral.h"

enum ov_row_kind { OR_HEADING, OR_TEXT, OR_LIST, OR_DWELLINGS, OR_BLANK };

struct ov_row {
	enum ov_row_kind kind;
	char left[200];
	char right[64];
	struct ov_list list; /* OR_LIST */
};

#define OV_MAX_ROWS 160

struct ov_screen {
	struct screen sc;
	struct overview o;
	struct ov_row row[OV_MAX_ROWS];
	size_t nrows, sel, top;
	bool loaded;
};

static struct ov_screen *ov_of(struct screen *sc)
{
	return (struct ov_screen *)sc;
}

static struct ov_row *add(struct ov_screen *v, enum ov_row_kind k,
			  const char *left, const char *right)
{
	struct ov_row *r;

	if (v->nrows >= OV_MAX_ROWS)
		return NULL;
	r = &v->row[v->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = k;
	snprintf(r->left, sizeof r->left, "%s", left ? left : "");
	snprintf(r->right, sizeof r->right, "%s", right ? right : "");
	return r;
}

static struct ov_row *add_list(struct ov_screen *v, const char *left, long n,
			       enum ov_list_kind lk, int64_t unit,
			       const char *key)
{
	char num[32];
	struct ov_row *r;

	snprintf(num, sizeof num, "%ld", n);
	r = add(v, OR_LIST, left, num);
	if (r) {
		r->list.kind = lk;
		r->list.unit_id = unit;
		snprintf(r->list.key, sizeof r->list.key, "%s", key ? key : "");
	}
	return r;
}

static void add_group(struct ov_screen *v, const char *title,
		      const struct db_ov_count *c, size_t n,
		      const char *(*label)(const char *), enum ov_list_kind lk)
{
	char left[200];

	add(v, OR_BLANK, "", "");
	add(v, OR_HEADING, title, "");
	if (!n)
		add(v, OR_TEXT, _("None."), "");
	for (size_t i = 0; i < n; i++) {
		const char *k = c[i].key, *colon = strchr(k, ':');
		if (strncmp(k, "body:", 5) == 0)
			snprintf(left, sizeof left, _("appeal body: %s"),
				 appeal_outcome_label(k + 5));
		else
			snprintf(left, sizeof left, "%s",
				 label(colon ? colon + 1 : k));
		struct ov_row *r = add_list(v, left, c[i].n, lk, 0, c[i].key);
		if (r)
			snprintf(r->list.from, sizeof r->list.from, "%s",
				 v->o.period_from[1]);
	}
}

static void build(struct ov_screen *v)
{
	struct overview *o = &v->o;
	char left[200], right[64], from[DB_DATE];
	size_t i;
	int k;

	v->nrows = 0;
	add(v, OR_HEADING, _("Cases per status"), "");
	for (k = 0; k < CS__COUNT; k++) {
		if (!o->status_total[k])
			continue;
		add_list(v, case_status_label((enum case_status)k),
			 o->status_total[k], OVL_STATUS, 0,
			 case_status_name((enum case_status)k));
		if (o->nunits < 2)
			continue;
		for (i = 0; i < o->nunits; i++) {
			if (!o->status[i][k])
				continue;
			snprintf(left, sizeof left, "    %s", o->unit[i].name);
			add_list(v, left, o->status[i][k], OVL_STATUS,
				 o->unit[i].id,
				 case_status_name((enum case_status)k));
		}
	}
	long open = 0;
	for (k = 0; k < CS__COUNT; k++)
		if (k != CS_CLOSED && k != CS_HOUSED)
			open += o->status_total[k];
	/* housed cases are in follow-up, not waiting: the home screen's
	 * "open cases in my units" counts them, this line does not */
	add_list(v, _("Open cases not yet housed, oldest first"), open,
		 OVL_OPEN, 0, "");

	add(v, OR_BLANK, "", "");
	add(v, OR_HEADING, _("Overdue deadlines"), "");
	for (k = 0; k < OD__COUNT; k++)
		add_list(v, deadline_kind_label(ov_deadline_kind(k)),
			 o->overdue[k], OVL_OVERDUE, 0, ov_deadline_kind(k));
	add(v, OR_BLANK, "", "");
	date_show(o->soon, from);
	snprintf(left, sizeof left, _("Due from today to %s"), from);
	add(v, OR_HEADING, left, "");
	for (k = 0; k < OD__COUNT; k++)
		add_list(v, deadline_kind_label(ov_deadline_kind(k)),
			 o->due_soon[k], OVL_SOON, 0, ov_deadline_kind(k));

	add(v, OR_BLANK, "", "");
	add(v, OR_HEADING, _("Households without a home now"), "");
	for (k = 0; k < 4; k++)
		add_list(v, situation_label((enum situation)k), o->homeless[k],
			 OVL_HOMELESS, 0, situation_name((enum situation)k));

	add(v, OR_BLANK, "", "");
	add(v, OR_HEADING,
	    _("Waiting time from received to decision (days)"), "");
	for (int p = 0; p < 2; p++)
		for (int t = 0; t < OV_TRACKS; t++) {
			const struct ov_wait *w = &o->wait[p][t];
			date_show(o->period_from[p], from);
			snprintf(left, sizeof left, _("%s since %s: %ld decisions"),
				 t ? _("assistance") : _("allocation"), from,
				 w->n);
			if (w->n)
				snprintf(right, sizeof right,
					 _("median %.1f, 90%% %d"), w->median,
					 w->p90);
			else
				right[0] = '\0';
			struct ov_row *r = add_list(v, left, w->n, OVL_WAIT, 0,
						    ov_track_name(t));
			if (r) {
				snprintf(r->right, sizeof r->right, "%s", right);
				snprintf(r->list.from, sizeof r->list.from,
					 "%s", o->period_from[p]);
			}
		}
	date_show(o->period_from[1], from);
	snprintf(left, sizeof left, _("Decisions by outcome since %s"), from);
	add_group(v, left, o->decisions, o->ndecisions, decision_outcome_label,
		  OVL_DECISION);
	snprintf(left, sizeof left, _("Appeals received since %s"), from);
	add_group(v, left, o->appeals, o->nappeals, appeal_status_label,
		  OVL_APPEAL);
	snprintf(left, sizeof left, _("Lease reviews since %s"), from);
	add_group(v, left, o->leases, o->nleases, lease_outcome_label,
		  OVL_LEASE);

	add(v, OR_BLANK, "", "");
	add(v, OR_HEADING, _("Dwellings"), "");
	snprintf(right, sizeof right, "%ld", o->vacant);
	add(v, OR_DWELLINGS, _("Vacant now"), right);
	snprintf(right, sizeof right, "%ld", o->vacant30);
	add(v, OR_TEXT, _("vacant more than 30 days"), right);
	snprintf(right, sizeof right, "%ld", o->vacant90);
	add(v, OR_TEXT, _("vacant more than 90 days"), right);
	snprintf(right, sizeof right, _("%ld days"), o->vacant_longest);
	add(v, OR_TEXT, _("the longest vacancy"), right);
}

static bool selectable(const struct ov_row *r)
{
	return r->kind == OR_LIST || r->kind == OR_DWELLINGS;
}

static void load(struct ov_screen *v)
{
	struct app *a = v->sc.app;

	v->loaded = true;
	if (overview_load(a->s, NULL, &v->o)) {
		app_error(a, "%s", a->s->err.msg);
		v->nrows = 0;
		add(v, OR_TEXT, a->s->err.msg, "");
		return;
	}
	build(v);
	if (v->sel >= v->nrows || !selectable(&v->row[v->sel])) {
		v->sel = 0;
		while (v->sel < v->nrows && !selectable(&v->row[v->sel]))
			v->sel++;
	}
	v->sc.dirty = true;
}

static void ov_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct ov_screen *v = ov_of(sc);
	struct app *a = sc->app;
	size_t i;

	if (!v->loaded)
		load(v);
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)rows)
		v->top = v->sel - (size_t)rows + 1;
	if (v->sel < (size_t)rows)
		v->top = 0;
	for (i = v->top; i < v->nrows && (int)(i - v->top) < rows; i++) {
		const struct ov_row *r = &v->row[i];
		int y = (int)(i - v->top);
		attr_t at = ui_attr(a, i == v->sel ? ST_SELECTED : ST_NORMAL);
		switch (r->kind) {
		case OR_HEADING: ui_heading(a, w, y, r->left, cols); break;
		case OR_BLANK: break;
		case OR_TEXT:
			at = ui_attr(a, ST_DIM);
			/* fall through */
		case OR_LIST:
		case OR_DWELLINGS:
			ui_put_pad(w, y, 1, "", cols - 2, at);
			ui_put(w, y, 2, r->left, cols - 30, at);
			ui_put_right(w, y, cols - 28, r->right, 26, at);
			break;
		}
	}
}

static size_t ov_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	size_t n = 0;

	out[n++] = A_HELP;
	out[n++] = A_OPEN;
	out[n++] = A_BACK;
	out[n++] = A_UP;
	out[n++] = A_DOWN;
	out[n++] = A_PGUP;
	out[n++] = A_PGDN;
	out[n++] = A_HOME;
	out[n++] = A_END;
	out[n++] = A_REDRAW;
	return n;
}

static void ov_move(struct ov_screen *v, int dir, int steps)
{
	size_t i = v->sel;

	while (steps-- > 0) {
		size_t j = i;
		do {
			if (dir < 0 ? j == 0 : j + 1 >= v->nrows) {
				j = i;
				break;
			}
			j = dir < 0 ? j - 1 : j + 1;
		} while (!selectable(&v->row[j]));
		i = j;
	}
	v->sel = i;
}

static void ov_key(struct screen *sc, int key, enum action act)
{
	struct ov_screen *v = ov_of(sc);
	struct app *a = sc->app;
	size_t before = v->sel;

	switch (act) {
	case A_UP: ov_move(v, -1, 1); break;
	case A_DOWN: ov_move(v, 1, 1); break;
	case A_PGUP: ov_move(v, -1, 10); break;
	case A_PGDN: ov_move(v, 1, 10); break;
	case A_HOME: ov_move(v, -1, OV_MAX_ROWS); break;
	case A_END: ov_move(v, 1, OV_MAX_ROWS); break;
	case A_OPEN:
		if (v->sel < v->nrows && v->row[v->sel].kind == OR_LIST)
			app_push(a, ov_list_screen_new(a, &v->row[v->sel].list));
		else if (v->sel < v->nrows &&
			 v->row[v->sel].kind == OR_DWELLINGS)
			app_push(a, dwelling_list_screen_new(a));
		break;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (v->sel != before)
		sc->dirty = true;
}

static void ov_resume(struct screen *sc)
{
	load(ov_of(sc));
}

static void ov_release(struct screen *sc)
{
	free(sc);
}

static const struct screen_ops ov_ops = {
	.title = N_("Overview"),
	.actions = ov_actions,
	.draw = ov_draw,
	.key = ov_key,
	.resume = ov_resume,
	.release = ov_release,
};

struct screen *overview_screen_new(struct app *a)
{
	struct ov_screen *v = calloc(1, sizeof *v);

	if (!v)
		return NULL;
	v->sc.ops = &ov_ops;
	v->sc.app = a;
	return &v->sc;
}

/* ------------------------------------------------ the cases behind one */

struct ovl_screen {
	struct screen sc;
	struct ov_list l;
	struct pager pg;
	bool loaded;
};

static struct ovl_screen *ovl_of(struct screen *sc)
{
	return (struct ovl_screen *)sc;
}

static int ovl_fetch(struct session *s, void *ctx,
		     const struct db_case_line *after, size_t limit,
		     struct db_case_line *out, size_t *n)
{
	struct ovl_screen *ls = ctx;
	return overview_page(s, &ls->l, after, limit, out, n);
}

/* The columns name what the lines carry: the responsible caseworker (not
 * the unit) and the list's own day. */
static void list_header(struct app *a, const struct ov_list *l, WINDOW *w,
			int cols)
{
	const char *status = _("Status"), *day;

	switch (l->kind) {
	case OVL_OVERDUE:
	case OVL_SOON: day = _("Due"); break;
	case OVL_WAIT:
		status = _("Waited");
		day = _("Decided");
		break;
	case OVL_DECISION: day = _("Decided"); break;
	case OVL_APPEAL: day = _("Appealed"); break;
	case OVL_LEASE: day = _("Reviewed"); break;
	default: day = _("Received"); break;
	}
	ui_case_header_as(a, w, 0, cols, status, _("Responsible"), day);
}

static bool owed(const struct ovl_screen *ls)
{
	return (ls->l.kind == OVL_OVERDUE || ls->l.kind == OVL_SOON) &&
	       strcmp(ls->l.key, ov_deadline_kind(OD_REFERRAL_OWED)) == 0;
}

static void ovl_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct ovl_screen *ls = ovl_of(sc);
	struct app *a = sc->app;
	size_t want = rows > 3 ? (size_t)rows - 2 : 1;
	char line[200];
	int rc = 0;

	if (!ls->loaded) {
		ls->loaded = true;
		rc = pager_reset(&ls->pg, a->s, want);
	} else if (want != ls->pg.rows) {
		rc = pager_resize(&ls->pg, a->s, want);
	}
	if (rc)
		app_error(a, "%s", a->s->err.msg);
	list_header(a, &ls->l, w, cols);
	for (size_t i = 0; i < ls->pg.n; i++)
		ui_case_line(a, w, (int)i + 1, cols, &ls->pg.line[i],
			     i == ls->pg.sel);
	if (ls->pg.n == 0 && ls->pg.page == 0)
		snprintf(line, sizeof line, "%s", _("No case."));
	else
		snprintf(line, sizeof line, _("Page %zu%s"), ls->pg.page + 1,
			 ls->pg.more ? " …" : "");
	ui_put(w, rows - 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
}

static size_t ovl_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct ovl_screen *ls = ovl_of(sc);
	static const enum action tail[] = {A_BACK, A_UP,  A_DOWN, A_PGUP,
					   A_PGDN, A_HOME, A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (ls->pg.n) {
		out[n++] = A_OPEN;
		if (!owed(ls))
			out[n++] = A_WHO_LOOKED;
	}
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void ovl_key(struct screen *sc, int key, enum action act)
{
	struct ovl_screen *ls = ovl_of(sc);
	struct app *a = sc->app;
	const struct db_case_line *cur = pager_current(&ls->pg);
	bool moved = false;

	switch (act) {
	case A_OPEN:
		/* an answer owed: the referral, which shows what the unit
		 * may see of the case */
		if (cur && owed(ls))
			app_push(a, referral_screen_new(a, cur->ref_id));
		else if (cur)
			app_push(a, case_screen_new(a, cur->case_id));
		break;
	case A_WHO_LOOKED:
		if (cur && !owed(ls))
			app_push(a, access_screen_new(a, cur->case_id));
		break;
	case A_BACK: app_pop(a); return;
	default: moved = pager_move(&ls->pg, a->s, act); break;
	}
	if (moved)
		sc->dirty = true;
}

static void ovl_resume(struct screen *sc)
{
	struct ovl_screen *ls = ovl_of(sc);
	if (ls->loaded && pager_reload(&ls->pg, sc->app->s))
		app_error(sc->app, "%s", sc->app->s->err.msg);
}

static void ovl_release(struct screen *sc)
{
	struct ovl_screen *ls = ovl_of(sc);
	pager_release(&ls->pg);
	free(ls);
}

static const struct screen_ops ovl_ops = {
	.title = N_("Overview"),
	.actions = ovl_actions,
	.draw = ovl_draw,
	.key = ovl_key,
	.resume = ovl_resume,
	.release = ovl_release,
};

struct screen *ov_list_screen_new(struct app *a, const struct ov_list *l)
{
	struct ovl_screen *ls = calloc(1, sizeof *ls);

	if (!ls)
		return NULL;
	ls->sc.ops = &ovl_ops;
	ls->sc.app = a;
	ls->l = *l;
	ov_list_title(l, ls->sc.title, sizeof ls->sc.title);
	pager_init(&ls->pg, ovl_fetch, ls);
	return &ls->sc;
}

/* ---------------------------------- who has looked at a case (innsyn) */

struct acc_screen {
	struct screen sc;
	int64_t case_id;
	bool person; /* every record of the case's applicant */
	struct access_rec *r;
	size_t n, top;
	int page;
};

/* Reads the case's log, or the person's; keeps what was shown when
 * the reading fails. */
static int acc_load(struct acc_screen *as, struct app *a, bool person)
{
	struct access_rec *r = NULL;
	size_t n = 0;
	int rc = person ? case_person_access_history(a->s, as->case_id, &r, &n)
			: case_access_history(a->s, as->case_id, &r, &n);

	if (rc) {
		app_error(a, "%s", a->s->err.msg);
		return rc;
	}
	free(as->r);
	as->r = r;
	as->n = n;
	as->top = 0;
	as->person = person;
	snprintf(as->sc.title, sizeof as->sc.title, "%s",
		 person ? _("Who has looked at the person")
			: _("Who has looked at the case"));
	as->sc.dirty = true;
	return 0;
}

static void acc_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct acc_screen *as = (struct acc_screen *)sc;
	struct app *a = sc->app;
	char line[600], when[64];

	as->page = rows - 1;
	ui_put(w, 0, 1, _("When              Who                  Why"),
	       cols - 2, ui_attr(a, ST_HEADING));
	if (!as->n)
		ui_put(w, 1, 1, as->person ? _("Nobody has looked at this person.")
					   : _("Nobody has looked at this case."),
		       cols - 2, ui_attr(a, ST_DIM));
	for (size_t i = as->top; i < as->n && (int)(i - as->top) + 1 < rows;
	     i++) {
		const struct access_rec *r = &as->r[i];
		char who[40], why[400];
		ui_timestamp(r->at, when, sizeof when);
		ui_cols(who, sizeof who, r->staff_name, 20);
		access_render(r, why, sizeof why);
		snprintf(line, sizeof line, "%-17s%s %s", when, who, why);
		ui_put(w, (int)(i - as->top) + 1, 1, line, cols - 2,
		       ui_attr(a, ST_NORMAL));
	}
}

static size_t acc_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	size_t n = 0;
	out[n++] = A_HELP;
	out[n++] = A_PERSON_LOG;
	out[n++] = A_BACK;
	out[n++] = A_UP;
	out[n++] = A_DOWN;
	out[n++] = A_PGUP;
	out[n++] = A_PGDN;
	out[n++] = A_REDRAW;
	return n;
}

static void acc_key(struct screen *sc, int key, enum action act)
{
	struct acc_screen *as = (struct acc_screen *)sc;
	size_t before = as->top, step = as->page > 1 ? (size_t)as->page : 1;

	switch (act) {
	case A_UP: if (as->top) as->top--; break;
	case A_DOWN: if (as->top + 1 < as->n) as->top++; break;
	case A_PGUP: as->top = as->top > step ? as->top - step : 0; break;
	case A_PGDN:
		if (as->top + step < as->n)
			as->top += step;
		break;
	case A_PERSON_LOG: acc_load(as, sc->app, !as->person); return;
	case A_BACK: app_pop(sc->app); return;
	default: break;
	}
	if (as->top != before)
		sc->dirty = true;
}

static void acc_release(struct screen *sc)
{
	struct acc_screen *as = (struct acc_screen *)sc;
	free(as->r);
	free(as);
}

static const struct screen_ops acc_ops = {
	.title = N_("Who has looked at the case"),
	.actions = acc_actions,
	.draw = acc_draw,
	.key = acc_key,
	.release = acc_release,
};

struct screen *access_screen_new(struct app *a, int64_t case_id)
{
	struct acc_screen *as;

	as = calloc(1, sizeof *as);
	if (!as)
		return NULL;
	as->sc.ops = &acc_ops;
	as->sc.app = a;
	as->case_id = case_id;
	if (acc_load(as, a, false)) {
		free(as);
		return NULL;
	}
	return &as->sc;
}
