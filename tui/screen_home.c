/*
 * Home: the user's queues with their counts, and unfinished drafts.  What
 * a user sees follows their roles (queue_kinds); a queue that is empty
 * says so, and a user without queues is told that plainly rather than
 * shown a fake list.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc_ui.h"
#include "referral.h"
#include "ui.h"

enum item_kind { IT_NEW, IT_QUEUE, IT_DRAFT, IT_REF, IT_ALLOC, IT_GLASS,
		 IT_OVERVIEW };

struct item {
	enum item_kind kind;
	enum queue_kind q;
	long count;
	const struct draft_rec *draft;
	size_t ref; /* IT_REF: referrals, the forum, plans (referral.h) */
	int al;     /* IT_ALLOC: an enum alloc_list, or AL__COUNT for the
		       dwelling register (alloc_ui.h) */
};

#define HOME_MAX_ITEMS (1 + Q__COUNT + REF_HOME_MAX + AL__COUNT + 2 + 200)

struct home {
	struct screen sc;
	struct draft_rec *drafts;
	size_t ndrafts;
	struct item item[HOME_MAX_ITEMS];
	size_t nitems, nqueues;
	struct ref_home_item ref[REF_HOME_MAX];
	size_t nref;
	size_t sel, top;
	bool desk;
};

static struct home *home_of(struct screen *sc)
{
	return (struct home *)sc;
}

/* The allocation work's lists and the dwelling register; returns how
 * many queues were added. */
static size_t alloc_items(struct home *h)
{
	struct app *a = h->sc.app;
	enum alloc_list ls[AL__COUNT];
	size_t n = alloc_list_kinds(a->s, ls), added = 0;

	for (size_t i = 0; i < n; i++, added++) {
		struct item *it = &h->item[h->nitems++];
		*it = (struct item){.kind = IT_ALLOC, .al = (int)ls[i]};
		if (alloc_list_count(a->s, ls[i], &it->count))
			it->count = -1;
	}
	if (dwelling_may_manage(a->s) ||
	    session_has_role(a->s, ROLE_SUPERVISOR)) {
		struct item *it = &h->item[h->nitems++];
		*it = (struct item){.kind = IT_ALLOC, .al = AL__COUNT};
		if (dwelling_count(a->s, "vacant", &it->count))
			it->count = -1;
		/* a register, not a queue: an administrator still has none */
	}
	return added;
}

static void load(struct home *h)
{
	struct app *a = h->sc.app;
	enum queue_kind qs[Q__COUNT];
	size_t n = queue_kinds(a->s, qs), i;

	h->nitems = 0;
	h->desk = session_has_role(a->s, ROLE_DESK);
	if (h->desk)
		h->item[h->nitems++] = (struct item){.kind = IT_NEW};
	for (i = 0; i < n; i++) {
		struct item *it = &h->item[h->nitems++];
		*it = (struct item){.kind = IT_QUEUE, .q = qs[i], .count = -1};
		if (queue_count(a->s, qs[i], &it->count))
			it->count = -1; /* shown as "?" with the reason */
	}
	h->nref = ref_home_items(a, h->ref, REF_HOME_MAX);
	for (i = 0; i < h->nref; i++)
		h->item[h->nitems++] = (struct item){.kind = IT_REF, .ref = i};
	h->nqueues = n + h->nref;
	h->nqueues += alloc_items(h);
	/* a supervisor has the overview of the units supervised (issue 6),
	 * and is shown the cases opened by breaking the glass */
	if (session_has_role(a->s, ROLE_SUPERVISOR)) {
		struct item *it;
		h->item[h->nitems++] = (struct item){.kind = IT_OVERVIEW};
		it = &h->item[h->nitems++];
		*it = (struct item){.kind = IT_GLASS, .count = -1};
		if (glass_pending(a->s, &it->count))
			it->count = -1;
		h->nqueues += 2;
	}
	free(h->drafts);
	h->drafts = NULL;
	h->ndrafts = 0;
	if (draft_list(a->s, &h->drafts, &h->ndrafts))
		app_error(a, "%s", a->s->err.msg);
	for (i = 0; i < h->ndrafts && h->nitems < HOME_MAX_ITEMS; i++)
		h->item[h->nitems++] =
			(struct item){.kind = IT_DRAFT, .draft = &h->drafts[i]};
	if (h->sel >= h->nitems)
		h->sel = h->nitems ? h->nitems - 1 : 0;
	h->sc.dirty = true;
}

static size_t home_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct home *h = home_of(sc);
	size_t n = 0;

	out[n++] = A_HELP;
	if (h->nitems)
		out[n++] = A_OPEN;
	out[n++] = A_SEARCH;
	/* registering is for the desk and caseworkers (core says so too) */
	if (session_has_role(sc->app->s, ROLE_DESK | ROLE_CASEWORKER))
		out[n++] = A_NEW_INTAKE;
	if (h->nitems && h->item[h->sel].kind == IT_DRAFT)
		out[n++] = A_DELETE;
	out[n++] = A_QUIT;
	out[n++] = A_UP;
	out[n++] = A_DOWN;
	out[n++] = A_HOME;
	out[n++] = A_END;
	out[n++] = A_REDRAW;
	return n;
}

static void item_text(struct home *h, const struct item *it, char *left,
		      size_t lsize, char *right, size_t rsize)
{
	right[0] = '\0';
	switch (it->kind) {
	case IT_NEW:
		snprintf(left, lsize, "%s", _("New application"));
		break;
	case IT_QUEUE:
		snprintf(left, lsize, "%s", queue_label(it->q));
		if (it->count >= 0)
			snprintf(right, rsize, "%ld", it->count);
		else
			snprintf(right, rsize, "?");
		break;
	case IT_ALLOC:
		if (it->al == AL__COUNT) {
			snprintf(left, lsize, "%s", _("Dwellings"));
			if (it->count >= 0)
				snprintf(right, rsize, _("%ld vacant"), it->count);
		} else {
			snprintf(left, lsize, "%s",
				 alloc_list_label((enum alloc_list)it->al));
			if (it->count >= 0)
				snprintf(right, rsize, "%ld", it->count);
			else
				snprintf(right, rsize, "?");
		}
		break;
	case IT_OVERVIEW:
		snprintf(left, lsize, "%s",
			 _("Overview: queues, deadlines, waiting times"));
		break;
	case IT_GLASS:
		snprintf(left, lsize, "%s",
			 _("Opened by breaking the glass, to review"));
		if (it->count >= 0)
			snprintf(right, rsize, "%ld", it->count);
		else
			snprintf(right, rsize, "?");
		break;
	case IT_REF:
		snprintf(left, lsize, "%s", h->ref[it->ref].label);
		if (h->ref[it->ref].count >= 0)
			snprintf(right, rsize, "%ld", h->ref[it->ref].count);
		else
			snprintf(right, rsize, "?");
		break;
	case IT_DRAFT: {
		char when[64];
		ui_timestamp(it->draft->updated_at, when, sizeof when);
		snprintf(left, lsize, "%s",
			 it->draft->title[0] ? it->draft->title
					     : _("(no name yet)"));
		snprintf(right, rsize, _("changed %s"), when);
		break;
	}
	}
}

/* The body as virtual rows: headings, sentences and items, so that
 * scrolling is one number and the drawing one loop. */
enum vrow_kind { VR_HEADING, VR_TEXT, VR_ITEM, VR_BLANK };
struct vrow {
	enum vrow_kind kind;
	const char *text;
	size_t item;
};

static size_t build_rows(struct home *h, struct vrow *r, size_t max)
{
	size_t n = 0, i;
	bool drafts_seen = false;

	r[n++] = (struct vrow){VR_HEADING, _("Queues"), 0};
	if (h->nqueues == 0 && !h->desk)
		r[n++] = (struct vrow){VR_TEXT,
				       _("You have no queues: your roles give "
					 "none on this screen."), 0};
	for (i = 0; i < h->nitems && n + 3 < max; i++) {
		if (h->item[i].kind == IT_DRAFT && !drafts_seen) {
			r[n++] = (struct vrow){VR_BLANK, "", 0};
			r[n++] = (struct vrow){VR_HEADING,
					       _("Unfinished applications (drafts)"), 0};
			drafts_seen = true;
		}
		r[n++] = (struct vrow){VR_ITEM, NULL, i};
	}
	if (!drafts_seen && n + 3 <= max) {
		r[n++] = (struct vrow){VR_BLANK, "", 0};
		r[n++] = (struct vrow){VR_HEADING,
				       _("Unfinished applications (drafts)"), 0};
		r[n++] = (struct vrow){VR_TEXT, _("No drafts."), 0};
	}
	return n;
}

static void draw_item(struct home *h, WINDOW *w, int y, int cols, size_t i)
{
	struct app *a = h->sc.app;
	char left[256], right[64];
	attr_t at = ui_attr(a, i == h->sel ? ST_SELECTED : ST_NORMAL);

	item_text(h, &h->item[i], left, sizeof left, right, sizeof right);
	ui_put_pad(w, y, 1, "", cols - 2, at);
	ui_put(w, y, 2, left, cols - 30, at);
	ui_put_right(w, y, cols - 28, right, 26, at);
}

static void home_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct home *h = home_of(sc);
	struct app *a = sc->app;
	struct vrow r[HOME_MAX_ITEMS + 8];
	size_t n = build_rows(h, r, sizeof r / sizeof r[0]), i, selrow = 0;

	for (i = 0; i < n; i++)
		if (r[i].kind == VR_ITEM && r[i].item == h->sel)
			selrow = i;
	/* keep the chosen line in view; the top heading when it fits */
	if (selrow < h->top)
		h->top = selrow;
	if (selrow >= h->top + (size_t)rows)
		h->top = selrow - (size_t)rows + 1;
	if (selrow < (size_t)rows)
		h->top = 0;
	for (i = h->top; i < n && (int)(i - h->top) < rows; i++) {
		int y = (int)(i - h->top);
		switch (r[i].kind) {
		case VR_HEADING: ui_heading(a, w, y, r[i].text, cols); break;
		case VR_TEXT:
			ui_put(w, y, 2, r[i].text, cols - 2, ui_attr(a, ST_DIM));
			break;
		case VR_ITEM: draw_item(h, w, y, cols, r[i].item); break;
		case VR_BLANK: break;
		}
	}
}

static void open_item(struct home *h)
{
	struct app *a = h->sc.app;
	const struct item *it;

	if (!h->nitems)
		return;
	it = &h->item[h->sel];
	switch (it->kind) {
	case IT_NEW: app_push(a, intake_screen_new(a, 0)); break;
	case IT_QUEUE:
		/* the allocation queue shows each case's priority */
		app_push(a, it->q == Q_ALLOCATION ? alloc_queue_screen_new(a)
						  : queue_screen_new(a, it->q));
		break;
	case IT_ALLOC:
		app_push(a, it->al == AL__COUNT
				    ? dwelling_list_screen_new(a)
				    : alloc_list_screen_new(a, (enum alloc_list)it->al));
		break;
	case IT_DRAFT: {
		/* a draft of a referral or a plan goes back to its own form */
		struct screen *sc = ref_draft_open(a, it->draft->kind,
						   it->draft->id);
		if (!sc) /* a decision's */
			sc = alloc_draft_open(a, it->draft->kind, it->draft->id);
		app_push(a, sc ? sc
			       : strcmp(it->draft->kind, "intake") == 0 ||
						 !it->draft->kind[0]
					 ? intake_screen_new(a, it->draft->id)
					 : NULL);
		break;
	}
	case IT_REF: app_push(a, ref_home_open(a, &h->ref[it->ref])); break;
	case IT_GLASS: app_push(a, glass_screen_new(a)); break;
	case IT_OVERVIEW: app_push(a, overview_screen_new(a)); break;
	}
}

static void delete_answered(struct screen *sc, bool yes)
{
	struct home *h = home_of(sc);
	struct app *a = sc->app;
	const struct item *it = &h->item[h->sel];

	if (!yes || it->kind != IT_DRAFT)
		return;
	if (draft_delete(a->s, it->draft->id))
		app_error(a, "%s", a->s->err.msg);
	else
		app_msg(a, "%s", _("The draft was deleted."));
	load(h);
}

static void home_key(struct screen *sc, int key, enum action act)
{
	struct home *h = home_of(sc);
	struct app *a = sc->app;
	size_t before = h->sel;

	switch (act) {
	case A_UP:
		if (h->sel > 0)
			h->sel--;
		break;
	case A_DOWN:
		if (h->sel + 1 < h->nitems)
			h->sel++;
		break;
	case A_HOME: h->sel = 0; break;
	case A_END: h->sel = h->nitems ? h->nitems - 1 : 0; break;
	case A_OPEN: open_item(h); break;
	case A_SEARCH: app_push(a, search_new(a)); break;
	case A_NEW_INTAKE: app_push(a, intake_screen_new(a, 0)); break;
	case A_DELETE:
		if (h->nitems && h->item[h->sel].kind == IT_DRAFT)
			app_confirm(a, sc, _("Delete this draft for good?"),
				    delete_answered);
		break;
	case A_QUIT: app_quit(a); break;
	default: break;
	}
	if (h->sel != before)
		sc->dirty = true;
}

static void home_resume(struct screen *sc)
{
	load(home_of(sc));
}

static void home_release(struct screen *sc)
{
	struct home *h = home_of(sc);
	free(h->drafts);
	free(h);
}

static const struct screen_ops home_ops = {
	.title = N_("Home"),
	.actions = home_actions,
	.draw = home_draw,
	.key = home_key,
	.resume = home_resume,
	.release = home_release,
};

struct screen *home_new(struct app *a)
{
	struct home *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->sc.ops = &home_ops;
	h->sc.app = a;
	load(h);
	return &h->sc;
}
