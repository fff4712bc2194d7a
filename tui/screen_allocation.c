/*
 * The allocation group's queue, in order of priority, with each case's
 * score broken into its parts (the chosen case's in full at the foot);
 * filters by track, household size and need.  Also the lists of new
 * decisions, appeals and leases to review, the checklist documents of a
 * case, and the allocation part of the case view: the handover and its
 * return, the priority, the decisions, appeals and the lease, and the
 * keys that act on them.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc_ui.h"
#include "pager.h"

/* ------------------------------------------------------ the priority queue */

#define AQ_CACHE 512

struct aq_screen {
	struct screen sc;
	struct pager pg;
	bool loaded;
	struct alloc_filter f;
	int track_i, size_i, need_i;
	/* the parts of the lines read, by case: the pager keeps only the
	 * case lines */
	struct db_alloc_line *cache;
	size_t ncache, next;
	char filter[129], filter_before[129];
};

static struct aq_screen *aq_of(struct screen *sc)
{
	return (struct aq_screen *)sc;
}

static const struct db_alloc_line *cached(const struct aq_screen *q,
					  int64_t case_id)
{
	for (size_t k = 0; k < q->ncache; k++) {
		size_t i = (q->next + AQ_CACHE - 1 - k) % AQ_CACHE;
		if (q->cache[i].line.case_id == case_id)
			return &q->cache[i];
	}
	return NULL;
}

static int aq_fetch(struct session *s, void *ctx,
		    const struct db_case_line *after, size_t limit,
		    struct db_case_line *out, size_t *n)
{
	struct aq_screen *q = ctx;
	struct db_alloc_line *buf = calloc(limit ? limit : 1, sizeof *buf);
	struct db_alloc_line from;
	int rc;

	*n = 0;
	if (!buf)
		return ERR_NOMEM;
	memset(&from, 0, sizeof from);
	if (after)
		from.line = *after;
	rc = alloc_queue_page(s, &q->f, after ? &from : NULL, limit, buf, n);
	for (size_t i = 0; i < *n; i++) {
		out[i] = buf[i].line;
		q->cache[q->next] = buf[i];
		q->next = (q->next + 1) % AQ_CACHE;
		if (q->ncache < AQ_CACHE)
			q->ncache++;
	}
	free(buf);
	return rc;
}

static void aq_report(struct aq_screen *q, int rc)
{
	if (rc)
		app_error(q->sc.app, "%s", q->sc.app->s->err.msg);
}

enum { AQ_SCORE = 5, AQ_NUMBER = 11, AQ_PERSONS = 4, AQ_STATUS = 15,
       AQ_RECEIVED = 10 };

static void aq_row(struct app *a, WINDOW *w, int y, int cols,
		   const char *cell[6], attr_t attr)
{
	int name = cols - (AQ_SCORE + AQ_NUMBER + AQ_PERSONS + AQ_STATUS +
			   AQ_RECEIVED + 12);
	int x = 1;

	if (name < 8)
		name = 8;
	ui_put_pad(w, y, 0, "", cols, attr);
	ui_put_right(w, y, x, cell[0], AQ_SCORE, attr);
	x += AQ_SCORE + 2;
	ui_put(w, y, x, cell[1], AQ_NUMBER, attr);
	x += AQ_NUMBER + 2;
	ui_put(w, y, x, cell[2], name, attr);
	x += name + 2;
	ui_put_right(w, y, x, cell[3], AQ_PERSONS, attr);
	x += AQ_PERSONS + 2;
	ui_put(w, y, x, cell[4], AQ_STATUS, attr);
	x += AQ_STATUS + 2;
	ui_put(w, y, x, cell[5], cols - x, attr);
	(void)a;
}

static const char *status_text(const char *name)
{
	int st = case_status_from_name(name);
	return st >= 0 ? case_status_label((enum case_status)st) : name;
}

static const char *const tracks[] = {"", "dwelling", "assistance", "both"};
static const struct {
	int min, max;
} sizes[] = {{0, 0}, {1, 1}, {2, 2}, {3, 4}, {5, 0}};
static const unsigned needs[] = {0, NEED_ADAPTED, NEED_STAFFED,
				 NEED_FOLLOWUP};

static void filter_text(const struct aq_screen *q, char *out, size_t size)
{
	char size_txt[64] = "";
	size_t used = 0;

	out[0] = '\0';
	if (q->track_i)
		used += (size_t)snprintf(out + used, size - used, "%s",
					 track_label(tracks[q->track_i]));
	if (q->size_i) {
		if (sizes[q->size_i].max == sizes[q->size_i].min)
			snprintf(size_txt, sizeof size_txt, _("%d persons"),
				 sizes[q->size_i].min);
		else if (sizes[q->size_i].max)
			snprintf(size_txt, sizeof size_txt, _("%d to %d persons"),
				 sizes[q->size_i].min, sizes[q->size_i].max);
		else
			snprintf(size_txt, sizeof size_txt, _("%d or more persons"),
				 sizes[q->size_i].min);
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 used ? ", " : "", size_txt);
	}
	if (q->need_i && used < size)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 used ? ", " : "",
					 need_label((enum need)needs[q->need_i]));
	if (q->filter[0] && used < size)
		snprintf(out + used, size - used, "%s«%s»", used ? ", " : "",
			 q->filter);
}

static void aq_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct aq_screen *q = aq_of(sc);
	struct app *a = sc->app;
	const char *head[6] = {_("Score"), _("Case"), _("Name"), _("Size"),
			       _("Status"), _("Received")};
	size_t want = rows > 5 ? (size_t)rows - 4 : 1;
	char line[400], filters[300], score[16], persons[8], date[DB_DATE];
	const struct db_case_line *cur;

	if (!q->loaded) {
		q->loaded = true;
		aq_report(q, pager_reset(&q->pg, a->s, want));
	} else if (want != q->pg.rows) {
		aq_report(q, pager_resize(&q->pg, a->s, want));
	}
	aq_row(a, w, 0, cols, head, ui_attr(a, ST_HEADING));
	for (size_t i = 0; i < q->pg.n; i++) {
		const struct db_case_line *l = &q->pg.line[i];
		const struct db_alloc_line *p = cached(q, l->case_id);
		const char *cell[6];
		snprintf(score, sizeof score, "%d", p ? p->total : 0);
		snprintf(persons, sizeof persons, "%d", p ? p->household : 0);
		cell[0] = p ? score : "?";
		cell[1] = l->number;
		cell[2] = l->name;
		cell[3] = p ? persons : "";
		cell[4] = status_text(l->status);
		cell[5] = ui_date(l->received, date);
		aq_row(a, w, (int)i + 1, cols, cell,
		       ui_attr(a, i == q->pg.sel ? ST_SELECTED : ST_NORMAL));
	}
	/* why the chosen case stands where it stands */
	cur = pager_current(&q->pg);
	if (cur) {
		const struct db_alloc_line *p = cached(q, cur->case_id);
		struct alloc_priority pr;
		struct ui_span sp[2];
		char why[300];
		size_t k;
		if (p) {
			alloc_priority_from(a->s, p, &pr);
			alloc_priority_explain(&pr, why, sizeof why);
			snprintf(line, sizeof line, _("Priority %s"), why);
			k = ui_wrap(line, cols - 2, sp, 2);
			for (size_t i = 0; i < k; i++)
				ui_put_span(w, rows - 3 + (int)i, 1, &sp[i],
					    cols - 2, ui_attr(a, ST_INFO));
		}
	}
	filter_text(q, filters, sizeof filters);
	if (q->pg.n == 0 && q->pg.page == 0)
		snprintf(line, sizeof line, "%s",
			 filters[0] ? _("No case in the queue matches the filter.")
				    : _("The allocation queue is empty."));
	else if (filters[0])
		snprintf(line, sizeof line, _("Page %zu%s · filter: %s"),
			 q->pg.page + 1, q->pg.more ? " …" : "", filters);
	else
		snprintf(line, sizeof line, _("Page %zu%s · highest priority first, "
					      "then the oldest"),
			 q->pg.page + 1, q->pg.more ? " …" : "");
	ui_put(w, rows - 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
}

static size_t aq_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct aq_screen *q = aq_of(sc);
	static const enum action tail[] = {
		A_FILTER_TRACK, A_FILTER_SIZE, A_FILTER_NEEDS, A_FILTER,
		A_BACK, A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME, A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (q->pg.n) {
		out[n++] = A_OPEN;
		out[n++] = A_MATCH;
	}
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void aq_reload(struct aq_screen *q)
{
	pager_set_filter(&q->pg, q->filter);
	snprintf(q->f.track, sizeof q->f.track, "%s", tracks[q->track_i]);
	q->f.min_size = sizes[q->size_i].min;
	q->f.max_size = sizes[q->size_i].max;
	q->f.needs = needs[q->need_i];
	aq_report(q, pager_reset(&q->pg, q->sc.app->s, q->pg.rows));
	q->sc.dirty = true;
}

static void aq_filter_live(struct screen *sc, const char *text)
{
	struct aq_screen *q = aq_of(sc);
	snprintf(q->filter, sizeof q->filter, "%s", text);
	aq_reload(q);
}

static void aq_filter_done(struct screen *sc, const char *text)
{
	struct aq_screen *q = aq_of(sc);
	snprintf(q->filter, sizeof q->filter, "%s",
		 text ? text : q->filter_before);
	aq_reload(q);
}

static void aq_key(struct screen *sc, int key, enum action act)
{
	struct aq_screen *q = aq_of(sc);
	struct app *a = sc->app;
	const struct db_case_line *cur = pager_current(&q->pg);
	bool moved = false;

	(void)key;
	switch (act) {
	case A_UP: moved = pager_up(&q->pg, a->s); break;
	case A_DOWN: moved = pager_down(&q->pg, a->s); break;
	case A_PGUP: moved = pager_page_up(&q->pg, a->s); break;
	case A_PGDN: moved = pager_page_down(&q->pg, a->s); break;
	case A_HOME: moved = pager_first(&q->pg, a->s); break;
	case A_END: moved = pager_last(&q->pg, a->s); break;
	case A_OPEN:
		if (cur)
			app_push(a, case_screen_new(a, cur->case_id));
		break;
	case A_MATCH:
		if (cur)
			app_push(a, meeting_screen_new(a, 0, cur->case_id));
		break;
	case A_FILTER_TRACK:
		q->track_i = (q->track_i + 1) % 4;
		aq_reload(q);
		break;
	case A_FILTER_SIZE:
		q->size_i = (q->size_i + 1) % 5;
		aq_reload(q);
		break;
	case A_FILTER_NEEDS:
		q->need_i = (q->need_i + 1) % 4;
		aq_reload(q);
		break;
	case A_FILTER:
		snprintf(q->filter_before, sizeof q->filter_before, "%s",
			 q->filter);
		app_prompt(a, sc, _("Filter:"), q->filter, 128, aq_filter_done);
		a->prompt.changed = aq_filter_live;
		break;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (moved)
		sc->dirty = true;
}

static void aq_resume(struct screen *sc)
{
	struct aq_screen *q = aq_of(sc);
	if (q->loaded)
		aq_report(q, pager_reload(&q->pg, sc->app->s));
}

static void aq_release(struct screen *sc)
{
	struct aq_screen *q = aq_of(sc);
	pager_release(&q->pg);
	free(q->cache);
	free(q);
}

static const struct screen_ops aq_ops = {
	.title = N_("Allocation queue"),
	.actions = aq_actions,
	.draw = aq_draw,
	.key = aq_key,
	.resume = aq_resume,
	.release = aq_release,
};

struct screen *alloc_queue_screen_new(struct app *a)
{
	struct aq_screen *q = calloc(1, sizeof *q);

	if (!q || !(q->cache = calloc(AQ_CACHE, sizeof *q->cache))) {
		free(q);
		return NULL;
	}
	q->sc.ops = &aq_ops;
	q->sc.app = a;
	snprintf(q->sc.title, sizeof q->sc.title, "%s",
		 queue_label(Q_ALLOCATION));
	pager_init(&q->pg, aq_fetch, q);
	return &q->sc;
}

/* ---------------------------------------------------------- the lists */

struct list_screen {
	struct screen sc;
	enum alloc_list l;
	struct pager pg;
	bool loaded;
	char figures[300];
};

static struct list_screen *ls_of(struct screen *sc)
{
	return (struct list_screen *)sc;
}

static int ls_fetch(struct session *s, void *ctx,
		    const struct db_case_line *after, size_t limit,
		    struct db_case_line *out, size_t *n)
{
	struct list_screen *ls = ctx;
	return alloc_list_page(s, ls->l, after, limit, out, n);
}

/* How this year's reviews ended: the circulation of dwellings. */
static void lease_figures(struct list_screen *ls)
{
	struct session *s = ls->sc.app->s;
	char since[DB_DATE], shown[DB_DATE];
	long c[4];

	session_today_iso(s, since);
	memcpy(since + 4, "-01-01", 7);
	ls->figures[0] = '\0';
	if (lease_outcomes(s, since, c))
		return;
	date_show(since, shown);
	snprintf(ls->figures, sizeof ls->figures,
		 _("Since %s: extended %ld, private market %ld, bought "
		   "%ld, ended %ld"),
		 shown, c[0], c[1], c[2], c[3]);
}

static void ls_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct list_screen *ls = ls_of(sc);
	struct app *a = sc->app;
	int foot = ls->figures[0] ? 2 : 1;
	size_t want = rows > foot + 2 ? (size_t)(rows - foot - 1) : 1;
	char line[300];

	if (!ls->loaded) {
		ls->loaded = true;
		if (pager_reset(&ls->pg, a->s, want))
			app_error(a, "%s", a->s->err.msg);
	} else if (want != ls->pg.rows && pager_resize(&ls->pg, a->s, want)) {
		app_error(a, "%s", a->s->err.msg);
	}
	ui_case_header(a, w, 0, cols);
	for (size_t i = 0; i < ls->pg.n; i++)
		ui_case_line(a, w, (int)i + 1, cols, &ls->pg.line[i],
			     i == ls->pg.sel);
	if (ls->pg.n == 0 && ls->pg.page == 0)
		snprintf(line, sizeof line, "%s", _("This list is empty."));
	else
		snprintf(line, sizeof line, _("Page %zu%s"), ls->pg.page + 1,
			 ls->pg.more ? " …" : "");
	if (ls->figures[0])
		ui_put(w, rows - 2, 1, ls->figures, cols - 2,
		       ui_attr(a, ST_INFO));
	ui_put(w, rows - 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
}

static size_t ls_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct list_screen *ls = ls_of(sc);
	static const enum action tail[] = {A_BACK, A_UP,   A_DOWN, A_PGUP,
					   A_PGDN, A_HOME, A_END,  A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (ls->pg.n)
		out[n++] = A_OPEN;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void ls_key(struct screen *sc, int key, enum action act)
{
	struct list_screen *ls = ls_of(sc);
	struct app *a = sc->app;
	const struct db_case_line *cur;
	bool moved = false;

	(void)key;
	switch (act) {
	case A_OPEN:
		if ((cur = pager_current(&ls->pg)))
			app_push(a, case_screen_new(a, cur->case_id));
		break;
	case A_BACK: app_pop(a); return;
	default: moved = pager_move(&ls->pg, a->s, act); break;
	}
	if (moved)
		sc->dirty = true;
}

static void ls_resume(struct screen *sc)
{
	struct list_screen *ls = ls_of(sc);
	if (ls->l == AL_LEASES)
		lease_figures(ls);
	if (ls->loaded && pager_reload(&ls->pg, sc->app->s))
		app_error(sc->app, "%s", sc->app->s->err.msg);
}

static void ls_release(struct screen *sc)
{
	struct list_screen *ls = ls_of(sc);
	pager_release(&ls->pg);
	free(ls);
}

static const struct screen_ops list_ops = {
	.title = N_("Queue"),
	.actions = ls_actions,
	.draw = ls_draw,
	.key = ls_key,
	.resume = ls_resume,
	.release = ls_release,
};

struct screen *alloc_list_screen_new(struct app *a, enum alloc_list l)
{
	struct list_screen *ls = calloc(1, sizeof *ls);

	if (!ls)
		return NULL;
	ls->sc.ops = &list_ops;
	ls->sc.app = a;
	ls->l = l;
	snprintf(ls->sc.title, sizeof ls->sc.title, "%s", alloc_list_label(l));
	pager_init(&ls->pg, ls_fetch, ls);
	if (l == AL_LEASES)
		lease_figures(ls);
	return &ls->sc;
}

/* ------------------------------------------------------ the documents */

struct docs_screen {
	struct screen sc;
	int64_t case_id;
	struct doc_rec *docs;
	size_t n, sel;
	char missing[1200];
};

static struct docs_screen *ds_of(struct screen *sc)
{
	return (struct docs_screen *)sc;
}

static void ds_load(struct docs_screen *d)
{
	struct app *a = d->sc.app;
	unsigned miss = 0;

	free(d->docs);
	d->docs = NULL;
	d->n = 0;
	if (case_docs(a->s, d->case_id, &d->docs, &d->n) ||
	    handover_missing(a->s, d->case_id, &miss, d->missing,
			     sizeof d->missing))
		app_error(a, "%s", a->s->err.msg);
	if (d->sel >= d->n)
		d->sel = d->n ? d->n - 1 : 0;
	d->sc.dirty = true;
}

static void ds_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct docs_screen *d = ds_of(sc);
	struct app *a = sc->app;
	char kind[200], state[64], line[400], date[DB_DATE];
	int y = 0;

	ui_heading(a, w, y++, _("Documents of the checklist"), cols);
	for (size_t i = 0; i < d->n && y < rows - 4; i++) {
		attr_t at = ui_attr(a, i == d->sel ? ST_SELECTED : ST_NORMAL);
		ui_cols(kind, sizeof kind, doc_kind_label(d->docs[i].kind), 36);
		ui_cols(state, sizeof state,
			ui_doc_state_label(d->docs[i].state), 16);
		snprintf(line, sizeof line, "  %s %s %s", kind, state,
			 ui_date(d->docs[i].received, date));
		ui_put_pad(w, y++, 0, line, cols, at);
	}
	y++;
	ui_heading(a, w, y++, _("The handover checklist"), cols);
	if (!d->missing[0]) {
		ui_put(w, y, 2, _("Complete: the case can be handed over."),
		       cols - 4, ui_attr(a, ST_INFO));
		return;
	}
	ui_put(w, y++, 2, _("Still missing:"), cols - 4, ui_attr(a, ST_NORMAL));
	for (const char *p = d->missing; *p && y < rows;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		snprintf(line, sizeof line, "• %.*s", (int)len, p);
		ui_put(w, y++, 4, line, cols - 6, ui_attr(a, ST_ERROR));
		p += len + (nl ? 1 : 0);
	}
}

static size_t ds_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	static const enum action acts[] = {A_HELP, A_TOGGLE, A_BACK, A_UP,
					   A_DOWN, A_HOME, A_END, A_REDRAW};
	(void)sc;
	memcpy(out, acts, sizeof acts);
	return sizeof acts / sizeof acts[0];
}

static void ds_key(struct screen *sc, int key, enum action act)
{
	struct docs_screen *d = ds_of(sc);
	struct app *a = sc->app;
	static const char *const next[][2] = {{"missing", "received"},
					      {"received", "not_needed"},
					      {"not_needed", "missing"}};
	size_t before = d->sel;

	(void)key;
	switch (act) {
	case A_UP: if (d->sel) d->sel--; break;
	case A_DOWN: if (d->sel + 1 < d->n) d->sel++; break;
	case A_HOME: d->sel = 0; break;
	case A_END: d->sel = d->n ? d->n - 1 : 0; break;
	case A_TOGGLE:
		if (!d->n)
			break;
		for (size_t i = 0; i < 3; i++)
			if (!strcmp(d->docs[d->sel].state, next[i][0])) {
				if (handover_doc_set(a->s, d->case_id,
						     d->docs[d->sel].kind,
						     next[i][1]))
					app_error(a, "%s", a->s->err.msg);
				break;
			}
		ds_load(d);
		break;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (d->sel != before)
		sc->dirty = true;
}

static void ds_release(struct screen *sc)
{
	struct docs_screen *d = ds_of(sc);
	free(d->docs);
	free(d);
}

static const struct screen_ops docs_ops = {
	.title = N_("Documents"),
	.actions = ds_actions,
	.draw = ds_draw,
	.key = ds_key,
	.release = ds_release,
};

struct screen *docs_screen_new(struct app *a, int64_t case_id)
{
	struct docs_screen *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	d->sc.ops = &docs_ops;
	d->sc.app = a;
	d->case_id = case_id;
	ds_load(d);
	return &d->sc;
}

/* ------------------------------------------------- the case view's part */

struct alloc_summary {
	enum case_status st;
	bool own_cw;        /* a caseworker of the responsible unit */
	bool allocation;    /* in the allocation group */
	bool has_handover;
	struct handover_rec h;
	bool has_priority;
	struct alloc_priority p;
	unsigned missing;
	char missing_text[1200];
	struct decision_rec *dec;
	size_t ndec;
	struct appeal_rec *ap;
	size_t nap;
	bool has_lease;
	struct lease_rec lease;
	bool granted_dwelling; /* a decision grants a dwelling */
};

struct alloc_summary *alloc_summary_load(struct app *a,
					 const struct case_rec *c)
{
	struct session *s = a->s;
	struct alloc_summary *al = calloc(1, sizeof *al);
	struct err keep = s->err;
	int st = case_status_from_name(c->status);

	if (!al)
		return NULL;
	al->st = st >= 0 ? (enum case_status)st : CS_CLOSED;
	al->own_cw = session_in_unit(s, c->unit_id, ROLE_CASEWORKER);
	al->allocation = session_has_role(s, ROLE_ALLOCATION);
	al->has_handover = handover_last(s, c->id, &al->h) == 0;
	if (al->allocation &&
	    (al->st == CS_HANDED_OVER || al->st == CS_WAITING))
		al->has_priority = alloc_priority_of(s, c->id, &al->p) == 0;
	if ((al->st == CS_REGISTERED || al->st == CS_ASSESSMENT ||
	     al->st == CS_RETURNED) &&
	    session_in_unit(s, c->unit_id, ROLE_CASEWORKER | ROLE_DESK))
		handover_missing(s, c->id, &al->missing, al->missing_text,
				 sizeof al->missing_text);
	decision_list(s, c->id, &al->dec, &al->ndec);
	appeal_list(s, c->id, &al->ap, &al->nap);
	al->has_lease = lease_of_case(s, c->id, &al->lease) == 0;
	for (size_t i = 0; i < al->ndec; i++)
		if (!strcmp(al->dec[i].outcome, "granted_dwelling"))
			al->granted_dwelling = true;
	/* the units told of a decision have now seen it */
	if (al->ndec)
		decision_seen(s, c->id);
	s->err = keep;
	return al;
}

void alloc_summary_free(struct alloc_summary **pal)
{
	struct alloc_summary *al = *pal;

	if (!al)
		return;
	free(al->dec);
	free(al->ap);
	free(al);
	*pal = NULL;
}

void alloc_summary_lines(struct app *a, const struct alloc_summary *al,
			 alloc_line_fn line, void *ctx)
{
	char text[1400], d1[64], d2[DB_DATE], d3[DB_DATE];

	if (!al)
		return;
	if (!al->has_handover && !al->ndec && !al->has_lease &&
	    al->st != CS_REGISTERED && al->st != CS_ASSESSMENT &&
	    al->st != CS_RETURNED)
		return;
	line(ctx, ST_HEADING, 0, _("Allocation"));
	if (al->st == CS_REGISTERED || al->st == CS_ASSESSMENT ||
	    al->st == CS_RETURNED) {
		if (!al->missing && al->missing_text[0] == '\0' &&
		    (al->own_cw))
			line(ctx, ST_INFO, 2,
			     _("The checklist is complete: the case can be "
			       "handed over."));
		if (al->missing) {
			line(ctx, ST_NORMAL, 2,
			     _("Missing before the case can be handed over:"));
			for (const char *p = al->missing_text; *p;) {
				const char *nl = strchr(p, '\n');
				size_t len = nl ? (size_t)(nl - p) : strlen(p);
				snprintf(text, sizeof text, "• %.*s", (int)len, p);
				line(ctx, ST_ERROR, 4, text);
				p += len + (nl ? 1 : 0);
			}
		}
	}
	if (al->has_handover) {
		ui_timestamp(al->h.handed_at, d1, sizeof d1);
		snprintf(text, sizeof text, _("Handed over %s by %s: %s"), d1,
			 al->h.handed_by_name, al->h.note);
		line(ctx, ST_NORMAL, 2, text);
		if (al->h.returned_at[0]) {
			ui_timestamp(al->h.returned_at, d1, sizeof d1);
			snprintf(text, sizeof text, _("Returned %s by %s: %s"),
				 d1, al->h.returned_by_name,
				 al->h.return_reason);
			line(ctx, ST_ERROR, 2, text);
		}
	}
	if (al->has_priority) {
		char why[300];
		alloc_priority_explain(&al->p, why, sizeof why);
		snprintf(text, sizeof text, _("Priority %s"), why);
		line(ctx, ST_INFO, 2, text);
	}
	for (size_t i = 0; i < al->ndec; i++) {
		const struct decision_rec *d = &al->dec[i];
		ui_timestamp(d->issued_at, d1, sizeof d1);
		d1[10] = '\0';
		snprintf(text, sizeof text, _("Decision %s: %s%s%s (%s)"), d1,
			 decision_outcome_label(d->outcome),
			 d->dwelling_address[0] ? ", " : "", d->dwelling_address,
			 d->issued_by_name);
		line(ctx, i == 0 ? ST_NORMAL : ST_DIM, 2, text);
		if (i == 0) {
			char iso[DB_DATE];
			date_iso(appeal_deadline(a->s, d), iso);
			snprintf(text, sizeof text,
				 d->delivered[0]
					 ? _("Reached the applicant %s; appeal "
					     "deadline %s")
					 : _("Delivery not recorded; appeal "
					     "deadline %s%s counted from the "
					     "decision"),
				 d->delivered[0] ? ui_date(d->delivered, d2)
						 : ui_date(iso, d2),
				 d->delivered[0] ? ui_date(iso, d3) : "");
			line(ctx, ST_DIM, 4, text);
		}
	}
	for (size_t i = 0; i < al->nap; i++) {
		const struct appeal_rec *p = &al->ap[i];
		snprintf(text, sizeof text, _("Appeal received %s%s: %s"),
			 ui_date(p->received, d2),
			 p->late ? _(" (late)") : "",
			 p->body_outcome[0] ? appeal_outcome_label(p->body_outcome)
					    : appeal_status_label(p->status));
		if (p->due[0]) {
			size_t n = strlen(text);
			snprintf(text + n, sizeof text - n,
				 _("; reassess by %s"), ui_date(p->due, d3));
		}
		line(ctx, p->late ? ST_ERROR : ST_NORMAL, 2, text);
	}
	if (al->has_lease) {
		const struct lease_rec *l = &al->lease;
		snprintf(text, sizeof text, _("Lease %s: %s to %s, review %s%s%s"),
			 l->address, ui_date(l->start, d2), ui_date(l->end, d3),
			 ui_date(l->review, (char[DB_DATE]){0}),
			 l->review_outcome[0] ? " · " : "",
			 l->review_outcome[0]
				 ? lease_outcome_label(l->review_outcome)
				 : "");
		line(ctx, strcmp(l->status, "active") ? ST_DIM : ST_NORMAL, 2,
		     text);
	}
}

size_t alloc_case_actions(struct app *a, const struct case_rec *c,
			  const struct alloc_summary *al, enum action *out,
			  size_t max)
{
	size_t n = 0;
	enum case_status st;

	if (!al)
		return 0;
	st = al->st;
#define ADD(act) do { if (n < max) out[n++] = (act); } while (0)
	if ((st == CS_REGISTERED || st == CS_ASSESSMENT || st == CS_RETURNED) &&
	    al->own_cw) {
		ADD(A_HANDOVER);
		ADD(A_DOCUMENTS);
	}
	if (al->allocation) {
		if (st == CS_HANDED_OVER)
			ADD(A_RETURN);
		if (st == CS_HANDED_OVER || st == CS_WAITING ||
		    st == CS_APPEALED ||
		    (st == CS_HOUSED && al->has_lease &&
		     !strcmp(al->lease.status, "active")))
			ADD(A_DECIDE);
		if (st == CS_HANDED_OVER || st == CS_WAITING)
			ADD(A_MATCH);
	}
	if (al->ndec)
		ADD(A_DECISIONS);
	if (al->has_lease ||
	    (st == CS_GRANTED && al->granted_dwelling &&
	     (al->allocation || al->own_cw)))
		ADD(A_LEASE);
#undef ADD
	(void)a;
	(void)c;
	return n;
}

/* The answer to a question belongs to the case it was asked about. */
static struct {
	int64_t case_id;
	int version;
} pending;

static void case_refresh(struct screen *sc)
{
	if (sc->ops->resume)
		sc->ops->resume(sc);
	sc->dirty = true;
}

static void handover_done(struct screen *sc, const char *text)
{
	struct app *a = sc->app;
	char note[1001];

	if (!text)
		return;
	snprintf(note, sizeof note, "%s", text);
	if (handover_give(a->s, pending.case_id, pending.version,
			  text_trim(note))) {
		app_error(a, "%s", a->s->err.msg);
		if (!strcmp(a->s->err.field, "summary"))
			app_prompt(a, sc, _("Summary for the allocation group:"),
				   note, 1000, handover_done);
		else
			case_refresh(sc);
		return;
	}
	case_refresh(sc);
	app_msg(a, "%s", _("The case is handed over to the allocation group."));
}

static void return_done(struct screen *sc, const char *text)
{
	struct app *a = sc->app;
	char reason[1001];

	if (!text)
		return;
	snprintf(reason, sizeof reason, "%s", text);
	if (handover_return(a->s, pending.case_id, pending.version,
			    text_trim(reason))) {
		app_error(a, "%s", a->s->err.msg);
		if (!strcmp(a->s->err.field, "reason"))
			app_prompt(a, sc, _("Why is the case returned?"), reason,
				   1000, return_done);
		else
			case_refresh(sc);
		return;
	}
	case_refresh(sc);
	app_msg(a, "%s", _("The case is returned to the responsible unit."));
}

bool alloc_case_key(struct screen *sc, const struct case_rec *c,
		    const struct alloc_summary *al, enum action act)
{
	struct app *a = sc->app;
	char list[1300];

	pending.case_id = c->id;
	pending.version = c->version;
	switch (act) {
	case A_HANDOVER:
		if (al && al->missing) {
			/* say what is missing before anything is typed */
			snprintf(list, sizeof list, "%s", al->missing_text);
			for (char *p = list; *p; p++)
				if (*p == '\n')
					*p = ';';
			app_error(a, _("Not yet: missing %s."), list);
			return true;
		}
		app_prompt(a, sc, _("Summary for the allocation group:"), "",
			   1000, handover_done);
		return true;
	case A_RETURN:
		app_prompt(a, sc, _("Why is the case returned?"), "", 1000,
			   return_done);
		return true;
	case A_DECIDE: {
		enum decision_outcome o =
			!strcmp(c->track, "assistance") ? DO_ASSISTANCE_GRANTED
			: (al && al->st == CS_HOUSED)	 ? DO_GRANTED_DWELLING
							 : DO_GRANTED_WAITING;
		app_push(a, decision_form_new(a, c->id, o, 0));
		return true;
	}
	case A_MATCH:
		app_push(a, meeting_screen_new(a, 0, c->id));
		return true;
	case A_DECISIONS:
		app_push(a, decisions_screen_new(a, c->id));
		return true;
	case A_DOCUMENTS:
		app_push(a, docs_screen_new(a, c->id));
		return true;
	case A_LEASE:
		app_push(a, lease_screen_new(a, c->id));
		return true;
	default:
		return false;
	}
}
