/*
 * The case view: a fixed header (number, applicant, status, responsible
 * unit and caseworker, received, next deadline) over a scrolling body of
 * sections: household, situation and needs, documents, consents and the
 * journal, newest first.  Actions are offered only where they apply: the
 * interim reply only while one is due.
 *
 * The body is laid out into lines at every draw, so a resize re-wraps
 * the journal; the data is read when the case is opened and after a
 * change, never per key.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct case_screen {
	struct screen sc;
	int64_t id;
	struct case_rec c;
	char due_kind[17], due[DB_DATE];
	bool interim_due;
	struct hh_member_rec *hh;
	size_t nhh;
	struct doc_rec *docs;
	size_t ndocs;
	struct consent_rec *cons;
	size_t ncons;
	struct journal_rec *jr;
	size_t njr;
	size_t top;       /* first body line shown */
	size_t nlines;    /* body lines at the last draw */
	int page;         /* body rows at the last draw */
	char reason[257]; /* interim reply: kept between the two questions */
	bool to_journal;  /* scroll to the journal at the next draw */
};

static struct case_screen *cs_of(struct screen *sc)
{
	return (struct case_screen *)sc;
}

/* ------------------------------------------------------------ data */

static void free_details(struct case_screen *cs)
{
	free(cs->hh);
	free(cs->docs);
	free(cs->cons);
	free(cs->jr);
	cs->hh = NULL;
	cs->docs = NULL;
	cs->cons = NULL;
	cs->jr = NULL;
	cs->nhh = cs->ndocs = cs->ncons = cs->njr = 0;
}

/* The details after case_open (which checked access and logged the
 * read); a failure shows its reason but keeps what could be read. */
static void load_details(struct case_screen *cs)
{
	struct app *a = cs->sc.app;
	struct session *s = a->s;
	int rc = 0;

	free_details(cs);
	cs->due_kind[0] = cs->due[0] = '\0';
	rc |= case_household(s, cs->id, &cs->hh, &cs->nhh);
	rc |= case_docs(s, cs->id, &cs->docs, &cs->ndocs);
	rc |= case_consents(s, cs->id, &cs->cons, &cs->ncons);
	rc |= case_journal(s, cs->id, &cs->jr, &cs->njr);
	rc |= case_next_deadline(s, cs->id, cs->due_kind, cs->due);
	if (rc)
		app_error(a, "%s", s->err.msg);
	cs->interim_due = case_interim_due(s, &cs->c);
	cs->sc.dirty = true;
}

/* After a change: the case (its version) and the details again.  No new
 * access-log row is needed for our own change, but case_open is the one
 * way to read a case, and one row more is honest. */
static void reload(struct case_screen *cs)
{
	struct app *a = cs->sc.app;
	if (case_open(a->s, cs->id, &cs->c))
		app_error(a, "%s", a->s->err.msg);
	load_details(cs);
}

/* ----------------------------------------------------------- lines */

struct lines {
	struct {
		char text[400];
		enum ui_style st;
	} *l;
	size_t n, cap;
	int cols;
};

static void add(struct lines *L, enum ui_style st, const char *text)
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

/* Wraps text at spaces into lines of cols - indent columns. */
static void add_wrapped(struct lines *L, enum ui_style st, int indent,
			const char *text)
{
	int room = L->cols - indent - 1;
	char buf[400];
	const char *p = text;

	while (*p) {
		const char *cut = p, *q = p, *space = NULL;
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
		snprintf(buf, sizeof buf, "%*s%.*s", indent, "", (int)(cut - p), p);
		add(L, st, buf);
		p = cut;
		while (*p == ' ' || *p == '\n')
			p++;
	}
}

static void section_household(struct case_screen *cs, struct lines *L)
{
	char line[400], birth[DB_DATE];
	add(L, ST_HEADING, _("Household"));
	if (cs->nhh == 0)
		add_wrapped(L, ST_DIM, 2, _("No household members are registered."));
	for (size_t i = 0; i < cs->nhh; i++) {
		char name[200], rel[64];
		ui_cols(name, sizeof name, cs->hh[i].name, 32);
		ui_cols(rel, sizeof rel, ui_relation_label(cs->hh[i].relation), 16);
		snprintf(line, sizeof line, "  %s %s %s", name, rel,
			 ui_date(cs->hh[i].birth, birth));
		add(L, ST_NORMAL, line);
	}
}

static void section_situation(struct case_screen *cs, struct lines *L)
{
	const struct case_rec *c = &cs->c;
	char line[400], d[DB_DATE], money[32];
	int sit = situation_from_name(c->situation);
	size_t used = 0;

	add(L, ST_HEADING, _("Situation and needs"));
	snprintf(line, sizeof line, "  %s: %s", _("Housing situation"),
		 sit >= 0 ? situation_label((enum situation)sit) : c->situation);
	add(L, ST_NORMAL, line);
	if (c->discharge[0]) {
		snprintf(line, sizeof line, "  %s: %s", _("Discharge date"),
			 ui_date(c->discharge, d));
		add(L, ST_NORMAL, line);
	}
	used = (size_t)snprintf(line, sizeof line, "  %s: ", _("Needs"));
	if (!c->needs)
		snprintf(line + used, sizeof line - used, "%s", _("none registered"));
	for (unsigned bit = 1; bit <= NEED_OTHER && used < sizeof line; bit <<= 1)
		if (c->needs & bit)
			used += (size_t)snprintf(line + used, sizeof line - used,
						 "%s%s", used > 12 ? ", " : "",
						 need_label((enum need)bit));
	add_wrapped(L, ST_NORMAL, 0, line);
	if (c->needs_note[0])
		add_wrapped(L, ST_NORMAL, 4, c->needs_note);
	snprintf(line, sizeof line, "  %s: %s", _("Decision track"),
		 track_label(c->track));
	add(L, ST_NORMAL, line);
	if (c->income >= 0)
		amount_show(c->income, money, sizeof money);
	snprintf(line, sizeof line, "  %s: %s", _("Income a year (kr)"),
		 c->income >= 0 ? money : _("unknown"));
	add(L, ST_NORMAL, line);
	if (c->debt >= 0)
		amount_show(c->debt, money, sizeof money);
	snprintf(line, sizeof line, "  %s: %s", _("Debts (kr)"),
		 c->debt >= 0 ? money : _("unknown"));
	add(L, ST_NORMAL, line);
}

static void section_docs(struct case_screen *cs, struct lines *L)
{
	char line[400], d[DB_DATE];
	add(L, ST_HEADING, _("Documents"));
	if (cs->ndocs == 0)
		add_wrapped(L, ST_DIM, 2, _("No documents are on the checklist."));
	for (size_t i = 0; i < cs->ndocs; i++) {
		const struct doc_rec *doc = &cs->docs[i];
		char kind[200], state[64];
		ui_cols(kind, sizeof kind, doc_kind_label(doc->kind), 36);
		ui_cols(state, sizeof state, ui_doc_state_label(doc->state), 16);
		snprintf(line, sizeof line, "  %s %s %s", kind, state,
			 ui_date(doc->received, d));
		add(L, strcmp(doc->state, "missing") == 0 ? ST_ERROR : ST_NORMAL,
		    line);
	}
}

static void section_consents(struct case_screen *cs, struct lines *L)
{
	char line[400], d[DB_DATE];
	add(L, ST_HEADING, _("Consents to share information"));
	if (cs->ncons == 0)
		add_wrapped(L, ST_DIM, 2,
			    _("No consent is registered: nothing may be shared "
			      "with other units."));
	for (size_t i = 0; i < cs->ncons; i++) {
		const struct consent_rec *k = &cs->cons[i];
		char unit[200], state[64];
		ui_cols(unit, sizeof unit, k->unit_name, 36);
		ui_cols(state, sizeof state, ui_consent_state_label(k->state), 16);
		snprintf(line, sizeof line, "  %s %s %s", unit, state,
			 ui_date(k->withdrawn[0] ? k->withdrawn : k->given, d));
		add(L, ST_NORMAL, line);
	}
}

static void section_journal(struct case_screen *cs, struct lines *L)
{
	char line[400], when[64], text[1400];
	add(L, ST_HEADING, _("Journal (newest first)"));
	if (cs->njr == 0)
		add_wrapped(L, ST_DIM, 2, _("The journal is empty."));
	for (size_t i = 0; i < cs->njr; i++) {
		const struct journal_rec *j = &cs->jr[i];
		ui_timestamp(j->at, when, sizeof when);
		snprintf(line, sizeof line, "  %s  %s", when, j->staff_name);
		add(L, ST_DIM, line);
		journal_render(j, text, sizeof text);
		add_wrapped(L, ST_NORMAL, 4, text);
	}
}

static void build(struct case_screen *cs, struct lines *L)
{
	section_household(cs, L);
	add(L, ST_NORMAL, "");
	section_situation(cs, L);
	add(L, ST_NORMAL, "");
	section_docs(cs, L);
	add(L, ST_NORMAL, "");
	section_consents(cs, L);
	add(L, ST_NORMAL, "");
	section_journal(cs, L);
}

/* ------------------------------------------------------------ draw */

static void draw_header(struct case_screen *cs, WINDOW *w, int cols)
{
	struct app *a = cs->sc.app;
	const struct case_rec *c = &cs->c;
	char line[400], d1[DB_DATE], d2[DB_DATE];
	int st = case_status_from_name(c->status);

	snprintf(line, sizeof line, "%s  %s  (%s)", c->number, c->applicant_name,
		 c->nid);
	ui_put(w, 0, 1, line, cols - 26, ui_attr(a, ST_HEADING));
	ui_put_right(w, 0, cols - 25, st >= 0 ? case_status_label(st) : c->status,
		     24, ui_attr(a, ST_HEADING));
	snprintf(line, sizeof line, _("Responsible: %s, %s · received %s"),
		 c->unit_name,
		 c->caseworker_name[0] ? c->caseworker_name : _("no caseworker yet"),
		 ui_date(c->received, d1));
	ui_put(w, 1, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
	if (cs->due[0])
		snprintf(line, sizeof line, _("Next deadline: %s (%s)"),
			 ui_date(cs->due, d2), deadline_kind_label(cs->due_kind));
	else
		snprintf(line, sizeof line, "%s", _("No open deadline."));
	ui_put(w, 2, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
	if (cs->interim_due)
		ui_put_right(w, 2, cols / 2, _("Interim reply due"),
			     cols / 2 - 1, ui_attr(a, ST_ERROR));
	else if (c->interim_sent[0]) {
		snprintf(line, sizeof line, _("Interim reply sent %s"),
			 ui_date(c->interim_sent, d1));
		ui_put_right(w, 2, cols / 2, line, cols / 2 - 1,
			     ui_attr(a, ST_DIM));
	}
	ui_hline(w, 3, 0, cols, ui_attr(a, ST_DIM));
}

static void cs_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;
	struct lines L = {.cols = cols};
	int body = rows - 4;

	draw_header(cs, w, cols);
	build(cs, &L);
	cs->nlines = L.n;
	cs->page = body > 1 ? body : 1;
	if (cs->to_journal) {
		/* a new note is news: show it, under the journal's heading */
		cs->to_journal = false;
		for (size_t i = L.n; i-- > 0;)
			if (L.l[i].st == ST_HEADING) {
				cs->top = i;
				break;
			}
	}
	if (cs->top + (size_t)cs->page > L.n)
		cs->top = L.n > (size_t)cs->page ? L.n - (size_t)cs->page : 0;
	for (int y = 0; y < body && cs->top + (size_t)y < L.n; y++) {
		size_t i = cs->top + (size_t)y;
		if (L.l[i].st == ST_HEADING)
			ui_heading(a, w, 4 + y, L.l[i].text, cols);
		else
			ui_put(w, 4 + y, 0, L.l[i].text, cols,
			       ui_attr(a, L.l[i].st));
	}
	free(L.l);
}

/* --------------------------------------------------------- actions */

static size_t cs_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct case_screen *cs = cs_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_PGUP,
					   A_PGDN, A_HOME, A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	out[n++] = A_NOTE;
	if (cs->interim_due)
		out[n++] = A_INTERIM;
	out[n++] = A_RECEIPT;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void note_done(struct screen *sc, const char *text)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;
	char note[1025];

	if (!text)
		return;
	snprintf(note, sizeof note, "%s", text);
	if (!*text_trim(note))
		return;
	if (case_note(a->s, cs->id, note)) {
		/* keep the note: ask again with it */
		app_error(a, "%s", a->s->err.msg);
		app_prompt(a, sc, _("Note:"), note, 1024, note_done);
		return;
	}
	load_details(cs);
	cs->to_journal = true;
	app_msg(a, "%s", _("The note was added to the journal."));
}

static void interim_date_done(struct screen *sc, const char *text)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;
	char iso[DB_DATE], name[64];
	char *letter = NULL;
	struct err e = {0};

	if (!text)
		return;
	if (date_parse(text, iso, &e)) {
		app_error(a, "%s", e.msg);
		app_prompt(a, sc, _("Expected decision date:"), text, 32,
			   interim_date_done);
		return;
	}
	if (case_interim_record(a->s, cs->id, cs->c.version, cs->reason, iso,
				&letter)) {
		app_error(a, "%s", a->s->err.msg);
		reload(cs);
		return;
	}
	reload(cs);
	snprintf(name, sizeof name, "interim-%s.txt", cs->c.number);
	ui_output_letter(sc, letter, name);
	app_msg(a, "%s", _("The interim reply is recorded. Where shall the letter go?"));
}

static void interim_reason_done(struct screen *sc, const char *text)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;

	if (!text)
		return;
	snprintf(cs->reason, sizeof cs->reason, "%s", text);
	if (!*text_trim(cs->reason)) {
		app_error(a, "%s", _("An interim reply must give the reason for the delay."));
		app_prompt(a, sc, _("Reason for the delay:"), "", 256,
			   interim_reason_done);
		return;
	}
	app_prompt(a, sc, _("Expected decision date:"), "", 32,
		   interim_date_done);
}

static void receipt(struct case_screen *cs)
{
	struct app *a = cs->sc.app;
	char *text = NULL, name[64];

	if (case_receipt(a->s, cs->id, &text)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	snprintf(name, sizeof name, "receipt-%s.txt", cs->c.number);
	ui_output_letter(&cs->sc, text, name);
}

static void scroll_body(struct case_screen *cs, enum action act)
{
	size_t page = (size_t)cs->page, max;
	size_t before = cs->top;

	max = cs->nlines > page ? cs->nlines - page : 0;
	switch (act) {
	case A_UP: cs->top = cs->top ? cs->top - 1 : 0; break;
	case A_DOWN: cs->top = cs->top < max ? cs->top + 1 : max; break;
	case A_PGUP: cs->top = cs->top > page ? cs->top - page : 0; break;
	case A_PGDN: cs->top = cs->top + page < max ? cs->top + page : max; break;
	case A_HOME: cs->top = 0; break;
	case A_END: cs->top = max; break;
	default: break;
	}
	if (cs->top != before)
		cs->sc.dirty = true;
}

static void cs_key(struct screen *sc, int key, enum action act)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;

	switch (act) {
	case A_BACK: app_pop(a); return;
	case A_NOTE: app_prompt(a, sc, _("Note:"), "", 1024, note_done); break;
	case A_INTERIM:
		app_prompt(a, sc, _("Reason for the delay:"), "", 256,
			   interim_reason_done);
		break;
	case A_RECEIPT: receipt(cs); break;
	default: scroll_body(cs, act); break;
	}
}

static void cs_release(struct screen *sc)
{
	struct case_screen *cs = cs_of(sc);
	free_details(cs);
	free(cs);
}

static const struct screen_ops case_ops = {
	.title = N_("Case"),
	.actions = cs_actions,
	.draw = cs_draw,
	.key = cs_key,
	.release = cs_release,
};

struct screen *case_screen_new(struct app *a, int64_t case_id)
{
	struct case_screen *cs = calloc(1, sizeof *cs);

	if (!cs)
		return NULL;
	cs->sc.ops = &case_ops;
	cs->sc.app = a;
	cs->id = case_id;
	if (case_open(a->s, case_id, &cs->c)) {
		app_error(a, "%s", a->s->err.msg);
		free(cs);
		return NULL;
	}
	snprintf(cs->sc.title, sizeof cs->sc.title, _("Case %s"), cs->c.number);
	load_details(cs);
	return &cs->sc;
}
