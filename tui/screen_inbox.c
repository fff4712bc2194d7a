/*
 * Lists of referrals: the receiving unit's inbox (deadline first, with
 * the age of each), the sender's list (questions to answer first, then
 * what waits, then the answers), the supervisors' overdue referrals, and
 * a case's referrals.  Read a page at a time by keyset; Enter opens one.
 *
 *   Sak          Gjelder          Fra       Status              Alder  Frist
 *   2026-000017  Ødegård, Åse     NAV Øst   venter på svar        3 d  16.03.2026
 *
 * Where the basis does not let the reader see who a referral is about,
 * the name column says so instead.
 */
#include <stdlib.h>
#include <string.h>

#include "referral.h"

#define LIST_MAX 200

struct ref_list {
	struct screen sc;
	enum referral_list l;
	int64_t case_id;
	struct referral_rec *line;
	size_t n, sel, rows;
	size_t page;
	bool more, loaded;
	char (*start)[64]; /* start[k]: the key page k+1 starts after */
	size_t nstart;
};

static struct ref_list *rl_of(struct screen *sc)
{
	return (struct ref_list *)sc;
}

static void rl_fetch(struct ref_list *rl, const char *after_key)
{
	struct app *a = rl->sc.app;
	struct referral_rec after;
	size_t want = rl->rows + 1; /* one more says there is a next page */

	memset(&after, 0, sizeof after);
	snprintf(after.sort_key, sizeof after.sort_key, "%s",
		 after_key ? after_key : "");
	if (referral_page(a->s, rl->l, rl->case_id, after_key ? &after : NULL,
			  want, rl->line, &rl->n)) {
		app_error(a, "%s", a->s->err.msg);
		rl->n = 0;
	}
	rl->more = rl->n > rl->rows;
	if (rl->more)
		rl->n = rl->rows;
	if (rl->sel >= rl->n)
		rl->sel = rl->n ? rl->n - 1 : 0;
	rl->sc.dirty = true;
}

static const char *page_start(struct ref_list *rl)
{
	return rl->page ? rl->start[rl->page - 1] : NULL;
}

static void rl_reset(struct ref_list *rl, size_t rows)
{
	rl->rows = rows < LIST_MAX ? rows : LIST_MAX;
	rl->page = 0;
	rl->sel = 0;
	rl->nstart = 0;
	rl->loaded = true;
	rl_fetch(rl, NULL);
}

static bool rl_next_page(struct ref_list *rl)
{
	void *n;

	if (!rl->more || !rl->n)
		return false;
	if (rl->page >= rl->nstart) {
		n = realloc(rl->start, (rl->nstart + 1) * sizeof *rl->start);
		if (!n)
			return false;
		rl->start = n;
		rl->nstart++;
	}
	snprintf(rl->start[rl->page], sizeof rl->start[0], "%s",
		 rl->line[rl->n - 1].sort_key);
	rl->page++;
	rl->sel = 0;
	rl_fetch(rl, page_start(rl));
	return true;
}

static bool rl_prev_page(struct ref_list *rl)
{
	if (!rl->page)
		return false;
	rl->page--;
	rl_fetch(rl, page_start(rl));
	rl->sel = rl->n ? rl->n - 1 : 0;
	return true;
}

/* ------------------------------------------------------------ draw */

enum { W_CASE = 11, W_UNIT = 10, W_STATUS = 14, W_AGE = 5, W_DUE = 10 };

static void put_row(WINDOW *w, int y, int cols, const char *const cell[6],
		    attr_t attr, attr_t due_attr)
{
	int name = cols - (1 + W_CASE + 2 + 2 + W_UNIT + 2 + W_STATUS + 2 +
			   W_AGE + 2 + W_DUE);
	int x = 1;

	if (name < 8)
		name = 8;
	ui_put_pad(w, y, 0, "", cols, attr);
	ui_put(w, y, x, cell[0], W_CASE, attr);
	x += W_CASE + 2;
	ui_put(w, y, x, cell[1], name, attr);
	x += name + 2;
	ui_put(w, y, x, cell[2], W_UNIT, attr);
	x += W_UNIT + 2;
	ui_put(w, y, x, cell[3], W_STATUS, attr);
	x += W_STATUS + 2;
	ui_put_right(w, y, x, cell[4], W_AGE, attr);
	x += W_AGE + 2;
	ui_put(w, y, x, cell[5], cols - x, due_attr);
}

static void rl_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct ref_list *rl = rl_of(sc);
	struct app *a = sc->app;
	size_t want = rows > 3 ? (size_t)rows - 2 : 1;
	const char *head[6] = {_("Case"),   _("Concerns"), rl->l == RL_INBOX
								   ? _("From")
								   : _("To"),
			       _("Status"), _("Days"),     _("Deadline")};
	char line[300];

	if (!rl->loaded || want != rl->rows)
		rl_reset(rl, want);
	put_row(w, 0, cols, head, ui_attr(a, ST_HEADING), ui_attr(a, ST_HEADING));
	for (size_t i = 0; i < rl->n; i++) {
		const struct referral_rec *r = &rl->line[i];
		char age[16], due[DB_DATE];
		bool overdue = referral_overdue(a->s, r);
		attr_t at = ui_attr(a, i == rl->sel ? ST_SELECTED : ST_NORMAL);
		const char *cell[6];
		snprintf(age, sizeof age, "%d", referral_age(a->s, r));
		cell[0] = r->case_number;
		cell[1] = r->person_name[0] ? r->person_name : _("(not shared)");
		cell[2] = rl->l == RL_INBOX ? r->from_name : r->to_name;
		cell[3] = referral_status_label(r->status);
		cell[4] = age;
		cell[5] = ui_date(r->deadline, due);
		put_row(w, (int)i + 1, cols, cell, at,
			overdue && i != rl->sel ? ui_attr(a, ST_ERROR) : at);
	}
	if (!rl->n && !rl->page)
		snprintf(line, sizeof line, "%s", _("No referrals here."));
	else
		snprintf(line, sizeof line, _("Page %zu%s"), rl->page + 1,
			 rl->more ? " …" : "");
	ui_put(w, rows - 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
}

static size_t rl_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct ref_list *rl = rl_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_PGUP,
					   A_PGDN, A_HOME, A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (rl->n)
		out[n++] = A_OPEN;
	if (rl->l == RL_CASE && rl->case_id)
		out[n++] = A_REFER;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void rl_key(struct screen *sc, int key, enum action act)
{
	struct ref_list *rl = rl_of(sc);
	struct app *a = sc->app;
	size_t before = rl->sel, page = rl->page;

	(void)key;
	switch (act) {
	case A_UP:
		if (rl->sel)
			rl->sel--;
		else
			rl_prev_page(rl);
		break;
	case A_DOWN:
		if (rl->sel + 1 < rl->n)
			rl->sel++;
		else
			rl_next_page(rl);
		break;
	case A_PGDN: rl_next_page(rl); break;
	case A_PGUP:
		if (!rl_prev_page(rl))
			rl->sel = 0;
		break;
	case A_HOME: rl_reset(rl, rl->rows); break;
	case A_END:
		while (rl_next_page(rl))
			;
		rl->sel = rl->n ? rl->n - 1 : 0;
		break;
	case A_OPEN:
		if (rl->n)
			app_push(a, referral_screen_new(a, rl->line[rl->sel].id));
		return;
	case A_REFER:
		app_push(a, referral_form_new(a, rl->case_id, 0));
		return;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (rl->sel != before || rl->page != page)
		sc->dirty = true;
}

/* Back from a referral: its status may have changed. */
static void rl_resume(struct screen *sc)
{
	struct ref_list *rl = rl_of(sc);
	size_t sel = rl->sel;

	if (!rl->loaded)
		return;
	rl_fetch(rl, page_start(rl));
	rl->sel = sel < rl->n ? sel : (rl->n ? rl->n - 1 : 0);
}

static void rl_release(struct screen *sc)
{
	struct ref_list *rl = rl_of(sc);
	free(rl->line);
	free(rl->start);
	free(rl);
}

static const struct screen_ops list_ops = {
	.title = N_("Referrals"),
	.actions = rl_actions,
	.draw = rl_draw,
	.key = rl_key,
	.resume = rl_resume,
	.release = rl_release,
};

struct screen *referral_list_new(struct app *a, enum referral_list l,
				 int64_t case_id)
{
	struct ref_list *rl = calloc(1, sizeof *rl);

	if (!rl || !(rl->line = calloc(LIST_MAX + 1, sizeof *rl->line))) {
		free(rl);
		return NULL;
	}
	rl->sc.ops = &list_ops;
	rl->sc.app = a;
	rl->l = l;
	rl->case_id = case_id;
	snprintf(rl->sc.title, sizeof rl->sc.title, "%s", referral_list_label(l));
	return &rl->sc;
}

/* ------------------------------------------------------------ home */

enum { HOME_LIST, HOME_FORUM, HOME_PLANS };

size_t ref_home_items(struct app *a, struct ref_home_item *out, size_t max)
{
	enum referral_list ls[RL__COUNT];
	size_t n = 0, k = referral_lists(a->s, ls);
	long count = 0;

	for (size_t i = 0; i < k && n < max; i++) {
		out[n].what = HOME_LIST;
		out[n].list = ls[i];
		if (referral_count(a->s, ls[i], 0, &out[n].count))
			out[n].count = -1;
		snprintf(out[n].label, sizeof out[n].label, "%s",
			 referral_list_label(ls[i]));
		n++;
	}
	if (n < max && forum_member(a->s)) {
		out[n].what = HOME_FORUM;
		out[n].count = forum_count(a->s, &count) ? -1 : count;
		snprintf(out[n].label, sizeof out[n].label, "%s",
			 _("The housing forum's agenda"));
		n++;
	}
	/* a coordinator may work in any unit: shown when there are plans */
	if (n < max && plan_coordinated_count(a->s, &count) == 0 && count > 0) {
		out[n].what = HOME_PLANS;
		out[n].count = count;
		snprintf(out[n].label, sizeof out[n].label, "%s",
			 _("Plans I coordinate"));
		n++;
	}
	return n;
}

struct screen *ref_home_open(struct app *a, const struct ref_home_item *it)
{
	switch (it->what) {
	case HOME_LIST: return referral_list_new(a, it->list, 0);
	case HOME_FORUM: return forum_screen_new(a);
	case HOME_PLANS: return plan_list_new(a);
	}
	return NULL;
}

struct screen *ref_draft_open(struct app *a, const char *kind,
			      int64_t draft_id)
{
	if (strcmp(kind, "referral") == 0)
		return referral_form_new(a, 0, draft_id);
	if (strcmp(kind, "plan") == 0)
		return plan_form_new(a, 0, draft_id);
	return NULL;
}
