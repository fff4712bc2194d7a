/*
 * The case view: a fixed header (number, applicant, status, responsible
 * unit and caseworker, received, next deadline) over a scrolling body of
 * sections: household, situation and needs, documents, consents and the
 * journal, newest first.  Actions are offered only where they apply and
 * the user may take them: the interim reply only while one is due, to a
 * caseworker of the responsible unit, or while its letter is unwritten.
 *
 * The body is laid out into lines at every draw, so a resize re-wraps
 * the journal; the data is read when the case is opened and after a
 * change, never per key.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc_ui.h"
#include "instrument_ui.h"
#include "referral.h"
#include "ui.h"

struct case_screen {
	struct screen sc;
	int64_t id;
	struct case_rec c;
	char due_kind[17], due[DB_DATE];
	bool interim_due;
	bool can_interim; /* this user may send it (core says) */
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
	/* interim reply: what was typed, kept between the questions (and
	 * offered again after Esc); the letter once the reply is recorded,
	 * until it is written */
	char reason[257];
	char expected_text[33];
	char expected[DB_DATE];
	char file[256];
	char *letter;
	bool to_journal;  /* scroll to the journal at the next draw */
	struct case_refs *refs; /* referrals and the plan (screen_referral.c) */
	struct alloc_summary *al; /* handover, decisions, lease
				     (screen_allocation.c) */
	/* the housing instruments panel (screen_instrument.c) */
	struct instrument_line instr[CFG_INSTRUMENTS];
	size_t ninstr;
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
	case_refs_free(&cs->refs);
	alloc_summary_free(&cs->al);
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
	cs->refs = case_refs_load(a, cs->id);
	cs->al = alloc_summary_load(a, &cs->c);
	if (instrument_panel(s, cs->id, cs->instr, &cs->ninstr)) {
		cs->ninstr = 0;
		app_error(a, "%s", s->err.msg);
	}
	cs->interim_due = case_interim_due(s, &cs->c);
	cs->can_interim = case_can_interim(s, &cs->c);
	cs->sc.dirty = true;
}

/* After a change: the case (its version) and the details again, with no
 * new access-log row: the opening of the view logged the read, and our
 * own change is in the journal (case_reread).  It had been one row more
 * per change, a second commit after every status move. */
static void reload(struct case_screen *cs)
{
	struct app *a = cs->sc.app;
	if (case_reread(a->s, cs->id, &cs->c))
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
		ui_journal_text(j, text, sizeof text);
		add_wrapped(L, ST_NORMAL, 4, text);
	}
}

/* The instruments panel in short: one line each; I opens it. */
static void section_instruments(struct case_screen *cs, struct lines *L)
{
	char line[400];
	int label_cols = L->cols - 40 > 60 ? 60 : L->cols - 40;

	add(L, ST_HEADING, _("Housing instruments"));
	if (cs->ninstr == 0)
		add_wrapped(L, ST_DIM, 2,
			    _("No housing instrument is configured."));
	for (size_t i = 0; i < cs->ninstr; i++) {
		snprintf(line, sizeof line, "  ");
		instrument_line_text(&cs->instr[i], line + 2, sizeof line - 2,
				     label_cols);
		add(L, cs->instr[i].state == IS_NONE ? ST_DIM : ST_NORMAL,
		    line);
	}
}

static void refs_line(void *ctx, enum ui_style st, int indent,
		      const char *text)
{
	if (st == ST_HEADING || !text[0])
		add(ctx, st, text);
	else
		add_wrapped(ctx, st, indent, text);
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
	section_instruments(cs, L);
	add(L, ST_NORMAL, "");
	case_refs_lines(cs->refs, refs_line, L);
	add(L, ST_NORMAL, "");
	if (cs->al) {
		size_t before = L->n;
		alloc_summary_lines(cs->sc.app, cs->al, refs_line, L);
		if (L->n != before)
			add(L, ST_NORMAL, "");
	}
	section_journal(cs, L);
}

/* ------------------------------------------------------------ draw */

/* A header row in two columns that never meet: the right part keeps
 * its width (up to half the row), the left one gets the rest and ends
 * in "…" when that is too little. */
static void header_row(WINDOW *w, int y, int cols, const char *left,
		       attr_t la, const char *right, attr_t ra)
{
	int rw = text_width(right), room = cols - 2;

	if (rw > room / 2)
		rw = room / 2;
	ui_put(w, y, 1, left, rw ? room - rw - 2 : room, la);
	if (rw)
		ui_put(w, y, cols - 1 - rw, right, rw, ra);
}

/* Draws the header; returns its rows (the rule under it included).  The
 * interim reply stands beside the next deadline where both fit, else on
 * a row of its own: nothing of either is lost at 80 columns. */
static int draw_header(struct case_screen *cs, WINDOW *w, int cols)
{
	struct app *a = cs->sc.app;
	const struct case_rec *c = &cs->c;
	char line[400], right[200], d1[DB_DATE], d2[DB_DATE];
	int st = case_status_from_name(c->status), y = 2;
	attr_t right_attr = ui_attr(a, ST_DIM);

	snprintf(line, sizeof line, "%s  %s  (%s)", c->number, c->applicant_name,
		 c->nid);
	header_row(w, 0, cols, line, ui_attr(a, ST_HEADING),
		   st >= 0 ? case_status_label(st) : c->status,
		   ui_attr(a, ST_HEADING));
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
	right[0] = '\0';
	if (cs->interim_due) {
		snprintf(right, sizeof right, "%s", _("Interim reply due"));
		right_attr = ui_attr(a, ST_ERROR);
	} else if (c->interim_sent[0]) {
		snprintf(right, sizeof right, _("Interim reply sent %s"),
			 ui_date(c->interim_sent, d1));
	}
	if (right[0] && text_width(line) + 2 + text_width(right) > cols - 2) {
		ui_put(w, y++, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
		ui_put(w, y++, 1, right, cols - 2, right_attr);
	} else {
		header_row(w, y++, cols, line, ui_attr(a, ST_NORMAL), right,
			   right_attr);
	}
	ui_hline(w, y++, 0, cols, ui_attr(a, ST_DIM));
	return y;
}

static void cs_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;
	struct lines L = {.cols = cols};
	int head = draw_header(cs, w, cols), body = rows - head;

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
			ui_heading(a, w, head + y, L.l[i].text, cols);
		else
			ui_put(w, head + y, 0, L.l[i].text, cols,
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
	if ((cs->interim_due && cs->can_interim) || cs->letter)
		out[n++] = A_INTERIM;
	out[n++] = A_RECEIPT;
	if (session_in_unit(sc->app->s, cs->c.unit_id, ROLE_CASEWORKER))
		out[n++] = A_REFER;
	out[n++] = A_REFERRALS;
	out[n++] = A_PLAN;
	n += alloc_case_actions(sc->app, &cs->c, cs->al, out + n,
				UI_MAX_ACTIONS - n - 2 -
					sizeof tail / sizeof tail[0]);
	/* after the handover: the key bar keeps that one at 80 columns */
	out[n++] = A_INSTRUMENTS;
	/* the access log, for those who answer the person's request */
	if (case_access_history_allowed(sc->app->s, &cs->c))
		out[n++] = A_WHO_LOOKED;
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

/* The interim reply: the reason, the expected date, then where the
 * letter goes, all before anything is recorded; an answer that is wrong
 * is asked again with the reason shown and the text kept.  Once the
 * reply is recorded its letter is kept until it is written: `i` offers
 * to write it again, and leaving the case asks first. */
static void interim_reason_done(struct screen *sc, const char *text);
static void interim_date_done(struct screen *sc, const char *text);
static void interim_file_done(struct screen *sc, const char *text);
static void letter_again_done(struct screen *sc, const char *text);

static void ask_reason(struct case_screen *cs)
{
	app_prompt(cs->sc.app, &cs->sc, _("Reason for the delay:"), cs->reason,
		   256, interim_reason_done);
}

static void ask_date(struct case_screen *cs)
{
	app_prompt(cs->sc.app, &cs->sc, _("Expected decision date:"),
		   cs->expected_text, 32, interim_date_done);
}

static void ask_file(struct case_screen *cs, prompt_done_fn done)
{
	if (!cs->file[0])
		snprintf(cs->file, sizeof cs->file, "interim-%s.txt",
			 cs->c.number);
	app_prompt(cs->sc.app, &cs->sc, _("File name (empty: print):"),
		   cs->file, 255, done);
}

/* A rule core checks broke: ask again the question it concerns. */
static bool ask_again(struct case_screen *cs)
{
	struct app *a = cs->sc.app;

	if (strcmp(a->s->err.field, "reason") == 0) {
		app_error(a, "%s", a->s->err.msg);
		ask_reason(cs);
		return true;
	}
	if (strcmp(a->s->err.field, "expected") == 0) {
		app_error(a, "%s", a->s->err.msg);
		ask_date(cs);
		return true;
	}
	return false;
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
		ask_reason(cs);
		return;
	}
	ask_date(cs);
}

static void interim_date_done(struct screen *sc, const char *text)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;
	struct err e = {0};

	if (!text)
		return;
	snprintf(cs->expected_text, sizeof cs->expected_text, "%s", text);
	if (date_parse(text, cs->expected, &e)) {
		app_error(a, "%s", e.msg);
		ask_date(cs);
		return;
	}
	if (case_interim_check(a->s, cs->reason, cs->expected)) {
		ask_again(cs);
		return;
	}
	app_msg(a, "%s", _("Where shall the interim letter go? The reply is "
			   "recorded when the letter is written."));
	ask_file(cs, interim_file_done);
}

/* Writes the recorded reply's letter; on failure it is kept and the
 * file name asked again. */
static void write_letter(struct case_screen *cs)
{
	struct app *a = cs->sc.app;

	if (letter_output(a->s, cs->letter, cs->file[0] ? cs->file : NULL)) {
		app_error(a, _("%s The interim reply is recorded, but its letter "
			       "is not written; try again."),
			  a->s->err.msg);
		ask_file(cs, letter_again_done);
		return;
	}
	if (cs->file[0])
		app_msg(a, _("The interim reply is recorded; the letter was "
			     "written to %s."),
			cs->file);
	else
		app_msg(a, "%s", _("The interim reply is recorded; the letter "
				   "was sent to the printer."));
	free(cs->letter);
	cs->letter = NULL;
	cs->file[0] = '\0';
}

/* The file name (or printer) is answered: only now is anything
 * recorded, and the letter written at once. */
static void interim_file_done(struct screen *sc, const char *text)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;
	char *letter = NULL;

	if (!text) {
		app_msg(a, "%s", _("Nothing was recorded; the interim reply is "
				   "not sent."));
		return;
	}
	snprintf(cs->file, sizeof cs->file, "%s", text);
	text_trim(cs->file);
	if (letter_output_check(a->s, cs->file[0] ? cs->file : NULL)) {
		app_error(a, "%s", a->s->err.msg);
		ask_file(cs, interim_file_done);
		return;
	}
	if (case_interim_record(a->s, cs->id, cs->c.version, cs->reason,
				cs->expected, &letter)) {
		if (ask_again(cs))
			return;
		app_error(a, "%s", a->s->err.msg);
		reload(cs);
		return;
	}
	cs->letter = letter;
	cs->reason[0] = cs->expected_text[0] = cs->expected[0] = '\0';
	reload(cs);
	write_letter(cs);
}

static void letter_again_done(struct screen *sc, const char *text)
{
	struct case_screen *cs = cs_of(sc);
	struct app *a = sc->app;
	char keys[64];

	if (!text) {
		app_action_keys(a, sc, A_INTERIM, keys, sizeof keys, true);
		app_error(a, _("The interim reply is recorded; its letter is not "
			       "written. Press %s to write it."),
			  keys);
		return;
	}
	snprintf(cs->file, sizeof cs->file, "%s", text);
	text_trim(cs->file);
	write_letter(cs);
}

static void leave_answered(struct screen *sc, bool yes)
{
	if (yes)
		app_pop(sc->app);
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
	case A_BACK:
		if (cs->letter) {
			app_confirm(a, sc,
				    _("The interim letter is not written yet. "
				      "Leave the case without it?"),
				    leave_answered);
			return;
		}
		app_pop(a);
		return;
	case A_NOTE: app_prompt(a, sc, _("Note:"), "", 1024, note_done); break;
	case A_INTERIM:
		if (cs->letter)
			ask_file(cs, letter_again_done);
		else if (cs->interim_due && cs->can_interim)
			ask_reason(cs);
		break;
	case A_RECEIPT: receipt(cs); break;
	case A_REFER: app_push(a, referral_form_new(a, cs->id, 0)); break;
	case A_REFERRALS:
		app_push(a, referral_list_new(a, RL_CASE, cs->id));
		break;
	case A_PLAN: plan_for_case(sc, cs->id); break;
	case A_INSTRUMENTS:
		app_push(a, instrument_screen_new(a, &cs->c));
		break;
	case A_WHO_LOOKED:
		if (case_access_history_allowed(a->s, &cs->c))
			app_push(a, access_screen_new(a, cs->id));
		break;
	default:
		if (!alloc_case_key(sc, &cs->c, cs->al, act))
			scroll_body(cs, act);
		break;
	}
}

static void cs_release(struct screen *sc)
{
	struct case_screen *cs = cs_of(sc);
	free_details(cs);
	free(cs->letter);
	free(cs);
}

/* Back from a referral, the plan, a decision or a lease: what they
 * changed shows here (the case's status and version too). */
static void cs_resume(struct screen *sc)
{
	reload(cs_of(sc));
}

static const struct screen_ops case_ops = {
	.title = N_("Case"),
	.actions = cs_actions,
	.draw = cs_draw,
	.key = cs_key,
	.resume = cs_resume,
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
