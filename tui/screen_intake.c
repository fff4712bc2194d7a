/*
 * Intake at the service desk: one form in sections (applicant, household,
 * situation and needs, income and debts, track, documents, consents,
 * responsible unit).  Each field is checked when the cursor leaves it; a
 * bad one keeps its text, is marked, and the reason is on the message
 * line.  Everything typed is kept as a draft from the first field: on
 * every field left, on Esc, and on SIGHUP/SIGTERM (the save hook), so a
 * dropped connection loses nothing and reopening continues where it
 * stopped.  Saving registers the case and shows its number and what is
 * still missing, with the receipt one key away.
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"

#define MEMBER_ROWS 4
#define FILLED_MAX 12

struct intake_screen {
	struct screen sc;
	struct form fm;
	int64_t draft_id;
	int64_t person_id;   /* a registered person found by ID number */
	int person_version;  /* ...as read: saving names it */
	char person_nid[12]; /* ...for this number */
	/* Fields filled from the ID number (the birth date) or from the
	 * person found by it, with the text put there: when the number
	 * changes, those the user has not changed since follow it. */
	char filled_nid[12];
	struct {
		char key[24];
		char value[300];
	} filled[FILLED_MAX];
	size_t nfilled;
	/* after registration */
	bool done;
	int64_t case_id;
	char number[12];
	char missing[2048];
};

static struct intake_screen *is_of(struct screen *sc)
{
	return (struct intake_screen *)sc;
}

/* ------------------------------------------------------------ build */

static void build_applicant(struct form *fm)
{
	form_heading(fm, _("Applicant"));
	form_text(fm, FT_NID, "nid", _("ID number"), 16, 14);
	form_text(fm, FT_TEXT, "given", _("Given names"), 128, 0);
	form_text(fm, FT_TEXT, "family", _("Family name"), 128, 0);
	form_text(fm, FT_DATE, "birth", _("Birth date"), 16, 12);
	form_text(fm, FT_TEXT, "address", _("Address"), 160, 0);
	form_text(fm, FT_TEXT, "postcode", _("Postcode"), 8, 6);
	form_text(fm, FT_TEXT, "city", _("City"), 64, 0);
	form_text(fm, FT_TEXT, "phone", _("Phone"), 32, 16);
	form_text(fm, FT_TEXT, "email", _("E-mail"), 128, 0);
	form_text(fm, FT_TEXT, "language", _("Language"), 32, 20);
	form_check(fm, "interpreter", _("Interpreter needed"));
}

static void build_household(struct form *fm)
{
	char key[24], label[96];

	form_heading(fm, _("Household (others than the applicant)"));
	for (int m = 1; m <= MEMBER_ROWS; m++) {
		struct field *f;
		snprintf(key, sizeof key, "m%d_name", m);
		snprintf(label, sizeof label, _("Person %d: name"), m);
		form_text(fm, FT_TEXT, key, label, 160, 0);
		snprintf(key, sizeof key, "m%d_relation", m);
		snprintf(label, sizeof label, _("Person %d: relation"), m);
		f = form_choice(fm, key, label);
		for (size_t r = 0; r < UI_NRELATIONS; r++)
			form_option(f, ui_relation_label(ui_relations[r]),
				    ui_relations[r]);
		snprintf(key, sizeof key, "m%d_birth", m);
		snprintf(label, sizeof label, _("Person %d: birth date"), m);
		form_text(fm, FT_DATE, key, label, 16, 12);
	}
}

static void build_situation(struct form *fm)
{
	struct field *f;
	static const char *const need_keys[] = {"need_adapted", "need_staffed",
						"need_followup", "need_economic",
						"need_other"};

	form_heading(fm, _("Housing situation and needs"));
	f = form_choice(fm, "situation", _("Present situation"));
	for (int i = 0; i < SIT__COUNT; i++)
		form_option(f, situation_label((enum situation)i),
			    situation_name((enum situation)i));
	form_text(fm, FT_DATE, "discharge", _("Discharge date"), 16, 12);
	for (unsigned i = 0, bit = 1; i < 5; i++, bit <<= 1)
		form_check(fm, need_keys[i], need_label((enum need)bit));
	form_text(fm, FT_TEXT, "needs_note", _("About the needs"), 256, 0);
}

static void build_economy(struct form *fm)
{
	struct field *f;
	static const char *const tracks[] = {"dwelling", "assistance", "both"};

	form_heading(fm, _("Income and debts"));
	form_text(fm, FT_AMOUNT, "income", _("Income a year (kr)"), 24, 14);
	form_text(fm, FT_AMOUNT, "debt", _("Debts (kr)"), 24, 14);
	form_heading(fm, _("Decision track"));
	f = form_choice(fm, "track", _("Applies for"));
	for (size_t i = 0; i < 3; i++)
		form_option(f, track_label(tracks[i]), tracks[i]);
}

static void build_docs(struct form *fm, const struct intake *in)
{
	static const char *const states[] = {"missing", "received", "not_needed"};
	char key[24];

	form_heading(fm, _("Documents"));
	for (size_t i = 0; i < in->ndocs; i++) {
		struct field *f;
		snprintf(key, sizeof key, "doc_%.19s", in->doc[i].kind);
		f = form_choice(fm, key, doc_kind_label(in->doc[i].kind));
		for (size_t k = 0; k < 3; k++)
			form_option(f, ui_doc_state_label(states[k]), states[k]);
		form_set(f, in->doc[i].state);
	}
}

/* Consents and the responsible unit both list the municipality's units. */
static void build_units(struct intake_screen *is)
{
	struct app *a = is->sc.app;
	struct unit_rec *u = NULL;
	size_t n = 0, shown = 0;
	char key[24], id[24];
	struct field *resp;

	if (unit_list(a->s, &u, &n))
		app_error(a, "%s", a->s->err.msg);
	form_heading(&is->fm, _("Consent to share information"));
	for (size_t i = 0; i < n && shown < INTAKE_MAX_CONSENTS; i++) {
		struct field *f;
		if (!u[i].active)
			continue;
		snprintf(key, sizeof key, "consent_%.15s", u[i].code);
		f = form_choice(&is->fm, key, u[i].name);
		form_option(f, _("not asked"), "");
		form_option(f, _("given"), "given");
		form_option(f, _("refused"), "refused");
		shown++;
	}
	form_heading(&is->fm, _("Responsible unit"));
	resp = form_choice(&is->fm, "unit", _("Responsible unit"));
	form_option(resp, _("by the situation (configured)"), "0");
	for (size_t i = 0; i < n; i++) {
		if (!u[i].active)
			continue;
		snprintf(id, sizeof id, "%lld", (long long)u[i].id);
		form_option(resp, u[i].name, id);
	}
	free(u);
}

static void build(struct intake_screen *is)
{
	struct intake in;

	intake_init(is->sc.app->s, &in);
	form_init(&is->fm);
	build_applicant(&is->fm);
	build_household(&is->fm);
	build_situation(&is->fm);
	build_economy(&is->fm);
	build_docs(&is->fm, &in);
	build_units(is);
	form_first(&is->fm);
}

/* ------------------------------------------------------------ draft */

static void draft_title(struct intake_screen *is, char *out, size_t size)
{
	char given[129], family[129], both[260];
	form_value(form_find(&is->fm, "given"), given, sizeof given);
	form_value(form_find(&is->fm, "family"), family, sizeof family);
	snprintf(both, sizeof both, "%s%s%s", given,
		 given[0] && family[0] ? " " : "", family);
	text_copy(out, size, both); /* a long name: cut on a whole letter */
}

static void save_draft(struct intake_screen *is)
{
	struct app *a = is->sc.app;
	char title[161], *data;

	if (is->done || !is->fm.changed)
		return;
	draft_title(is, title, sizeof title);
	data = form_serialise(&is->fm);
	if (draft_save(a->s, &is->draft_id, "intake", title, data))
		app_error(a, "%s", a->s->err.msg);
	else
		is->fm.changed = false;
	free(data);
}

static void is_save_hook(struct screen *sc)
{
	save_draft(is_of(sc));
}

/* ------------------------------------------------------- checking */

/* Fills a field that is empty (a box not ticked) with value; a field
 * that then shows value counts as filled from the number. */
static void fill(struct intake_screen *is, const char *key, const char *value)
{
	struct field *f = form_find(&is->fm, key);
	char now[300];

	if (!f || !value[0] || is->nfilled == FILLED_MAX)
		return;
	form_value(f, now, sizeof now);
	if (!now[0] || (f->type == FT_CHECK && !f->sel)) {
		form_set(f, value);
		is->fm.changed = true;
	}
	form_value(f, now, sizeof now);
	if (strcmp(now, value) == 0) {
		snprintf(is->filled[is->nfilled].key,
			 sizeof is->filled[0].key, "%s", key);
		snprintf(is->filled[is->nfilled].value,
			 sizeof is->filled[0].value, "%s", value);
		is->nfilled++;
	}
}

/* Another number: what the old one filled in, and the user left as it
 * was, is emptied (to be filled from the new one). */
static void forget_filled(struct intake_screen *is)
{
	char now[300];

	for (size_t i = 0; i < is->nfilled; i++) {
		struct field *f = form_find(&is->fm, is->filled[i].key);
		if (!f)
			continue;
		form_value(f, now, sizeof now);
		if (strcmp(now, is->filled[i].value) == 0) {
			form_set(f, f->type == FT_CHECK ? "0" : "");
			is->fm.changed = true;
		}
	}
	is->nfilled = 0;
	is->filled_nid[0] = '\0';
}

/* A registered person is reused, never duplicated: their details fill
 * the fields that are still empty. */
static void person_found(struct intake_screen *is, const struct person_rec *p)
{
	char birth[DB_DATE];

	is->person_id = p->id;
	is->person_version = p->version;
	snprintf(is->person_nid, sizeof is->person_nid, "%s", p->nid);
	fill(is, "given", p->given);
	fill(is, "family", p->family);
	fill(is, "birth", ui_date(p->birth, birth));
	fill(is, "address", p->address);
	fill(is, "postcode", p->postcode);
	fill(is, "city", p->city);
	fill(is, "phone", p->phone);
	fill(is, "email", p->email);
	fill(is, "language", p->language);
	fill(is, "interpreter", p->interpreter ? "1" : "0");
	app_msg(is->sc.app,
		_("Already registered: %s %s. The person is reused; the empty "
		  "fields were filled in."),
		p->given, p->family);
}

static void check_nid(struct intake_screen *is, struct field *f,
		      const char *text)
{
	struct app *a = is->sc.app;
	struct nid_info info;
	struct person_rec p;
	char nid[12], birth[DB_DATE];
	struct err e = {0};

	if (nid_check(text, a->s->cfg->allow_synthetic_nid, nid, &info, &e)) {
		text_copy(f->err, sizeof f->err, e.msg);
		is->person_id = 0;
		is->filled_nid[0] = '\0'; /* a right number fills in again */
		return;
	}
	if (is->filled_nid[0] && strcmp(nid, is->filled_nid) == 0)
		return; /* the same number as before */
	forget_filled(is);
	snprintf(is->filled_nid, sizeof is->filled_nid, "%s", nid);
	is->person_id = 0;
	if (intake_find_person(a->s, nid, &p) == 0)
		person_found(is, &p);
	else
		fill(is, "birth", ui_date(info.birth, birth));
}

/* Checks a field as the cursor leaves it.  The text is never changed
 * when it is wrong; a right date or amount is shown the standard way. */
static void check_field(struct intake_screen *is, struct field *f)
{
	char text[300], iso[DB_DATE], shown[64];
	struct err e = {0};
	int64_t kr;

	f->err[0] = '\0';
	form_value(f, text, sizeof text);
	if (!text[0] || !form_is_input(f))
		return;
	switch (f->type) {
	case FT_NID: check_nid(is, f, text); break;
	case FT_DATE:
		if (date_parse(text, iso, &e))
			text_copy(f->err, sizeof f->err, e.msg);
		else
			editbuf_set(&f->eb, ui_date(iso, shown));
		break;
	case FT_AMOUNT:
		if (amount_parse(text, &kr, &e)) {
			text_copy(f->err, sizeof f->err, e.msg);
		} else {
			amount_show(kr, shown, sizeof shown);
			editbuf_set(&f->eb, shown);
		}
		break;
	default: break;
	}
}

/* The message line speaks of the field under the cursor while it is
 * wrong, so the reason stays in sight until it is put right. */
static void show_field_error(struct intake_screen *is)
{
	struct field *f = &is->fm.f[is->fm.cur];
	if (f->err[0])
		app_error(is->sc.app, "%s: %s", f->label, f->err);
}

/* ------------------------------------------------------ collecting */

static void text_of(struct form *fm, const char *key, char *out, size_t size)
{
	struct field *f = form_find(fm, key);
	if (f)
		form_value(f, out, size);
	else if (size)
		out[0] = '\0';
}

static void date_of(struct form *fm, const char *key, char iso[DB_DATE])
{
	char text[64];
	text_of(fm, key, text, sizeof text);
	iso[0] = '\0';
	if (text[0] && date_parse(text, iso, NULL))
		iso[0] = '\0';
}

static int64_t amount_of(struct form *fm, const char *key)
{
	char text[64];
	int64_t kr;
	text_of(fm, key, text, sizeof text);
	if (!text[0] || amount_parse(text, &kr, NULL))
		return -1;
	return kr;
}

static void collect_applicant(struct intake_screen *is, struct person_rec *p)
{
	struct form *fm = &is->fm;
	char text[64];
	struct err e = {0};

	text_of(fm, "nid", text, sizeof text);
	if (nid_check(text, is->sc.app->s->cfg->allow_synthetic_nid, p->nid,
		      NULL, &e))
		snprintf(p->nid, sizeof p->nid, "%.11s", text);
	if (is->person_id && strcmp(p->nid, is->person_nid) == 0) {
		p->id = is->person_id;
		p->version = is->person_version;
	}
	text_of(fm, "given", p->given, sizeof p->given);
	text_of(fm, "family", p->family, sizeof p->family);
	date_of(fm, "birth", p->birth);
	text_of(fm, "address", p->address, sizeof p->address);
	text_of(fm, "postcode", p->postcode, sizeof p->postcode);
	text_of(fm, "city", p->city, sizeof p->city);
	text_of(fm, "phone", p->phone, sizeof p->phone);
	text_of(fm, "email", p->email, sizeof p->email);
	text_of(fm, "language", p->language, sizeof p->language);
	text_of(fm, "interpreter", text, sizeof text);
	p->interpreter = strcmp(text, "1") == 0;
}

static void collect_members(struct form *fm, struct intake *in)
{
	char key[24];
	in->nmembers = 0;
	for (int m = 1; m <= MEMBER_ROWS && in->nmembers < INTAKE_MAX_MEMBERS; m++) {
		struct hh_member_rec *r = &in->member[in->nmembers];
		memset(r, 0, sizeof *r);
		snprintf(key, sizeof key, "m%d_name", m);
		text_of(fm, key, r->name, sizeof r->name);
		if (!r->name[0])
			continue;
		snprintf(key, sizeof key, "m%d_relation", m);
		text_of(fm, key, r->relation, sizeof r->relation);
		snprintf(key, sizeof key, "m%d_birth", m);
		date_of(fm, key, r->birth);
		in->nmembers++;
	}
}

static void collect_consents(struct intake_screen *is, struct intake *in)
{
	struct form *fm = &is->fm;
	struct unit_rec u;
	char value[24];

	in->nconsents = 0;
	for (size_t i = 0; i < fm->n; i++) {
		struct field *f = &fm->f[i];
		if (f->type != FT_CHOICE || strncmp(f->key, "consent_", 8) != 0)
			continue;
		form_value(f, value, sizeof value);
		if (!value[0] || in->nconsents >= INTAKE_MAX_CONSENTS)
			continue;
		if (unit_find(is->sc.app->s, f->key + 8, &u))
			continue;
		in->consent[in->nconsents].unit_id = u.id;
		in->consent[in->nconsents].given = strcmp(value, "given") == 0;
		in->nconsents++;
	}
}

static void collect(struct intake_screen *is, struct intake *in)
{
	struct form *fm = &is->fm;
	char text[300], key[40];
	unsigned bit = 1;
	static const char *const need_keys[] = {"need_adapted", "need_staffed",
						"need_followup", "need_economic",
						"need_other"};

	intake_init(is->sc.app->s, in);
	collect_applicant(is, &in->applicant);
	collect_members(fm, in);
	text_of(fm, "situation", text, sizeof text);
	in->situation = (enum situation)situation_from_name(text);
	date_of(fm, "discharge", in->discharge);
	in->needs = 0;
	for (size_t i = 0; i < 5; i++, bit <<= 1) {
		text_of(fm, need_keys[i], text, sizeof text);
		if (strcmp(text, "1") == 0)
			in->needs |= bit;
	}
	text_of(fm, "needs_note", in->needs_note, sizeof in->needs_note);
	in->income = amount_of(fm, "income");
	in->debt = amount_of(fm, "debt");
	text_of(fm, "track", in->track, sizeof in->track);
	for (size_t i = 0; i < in->ndocs; i++) {
		snprintf(key, sizeof key, "doc_%.19s", in->doc[i].kind);
		text_of(fm, key, text, sizeof text);
		if (text[0])
			text_copy(in->doc[i].state, sizeof in->doc[i].state, text);
	}
	collect_consents(is, in);
	text_of(fm, "unit", text, sizeof text);
	in->unit_id = strtoll(text, NULL, 10);
}

/* ---------------------------------------------------------- saving */

/* core names the first bad field in err.field: our keys where they
 * match, else the part after a dot ("applicant.nid"). */
static void goto_field(struct intake_screen *is, const char *name)
{
	const char *dot = strrchr(name, '.');
	struct field *f = form_find(&is->fm, name);
	if (!f && dot)
		f = form_find(&is->fm, dot + 1);
	if (f) {
		is->fm.cur = (size_t)(f - is->fm.f);
		text_copy(f->err, sizeof f->err, is->sc.app->s->err.msg);
	}
}

static const struct screen_ops intake_done_ops;

/* The form is closed: the done view answers to letters (r, q) again. */
static void registered(struct intake_screen *is)
{
	struct app *a = is->sc.app;

	is->sc.ops = &intake_done_ops;

	if (is->draft_id && draft_delete(a->s, is->draft_id))
		app_error(a, "%s", a->s->err.msg);
	is->draft_id = 0;
	is->done = true;
	is->missing[0] = '\0';
	if (case_missing(a->s, is->case_id, is->missing, sizeof is->missing))
		snprintf(is->missing, sizeof is->missing, "%s", a->s->err.msg);
	snprintf(is->sc.title, sizeof is->sc.title, _("Registered: %s"),
		 is->number);
	app_msg(a, _("Case %s is registered; the legal clock has started."),
		is->number);
	is->sc.dirty = true;
}

static void do_register(struct intake_screen *is)
{
	struct app *a = is->sc.app;
	struct intake in;

	collect(is, &in);
	if (intake_register(a->s, &in, &is->case_id, is->number)) {
		app_error(a, "%s", a->s->err.msg);
		goto_field(is, a->s->err.field);
		save_draft(is);
		is->sc.dirty = true;
		return;
	}
	registered(is);
}

static void duplicate_answered(struct screen *sc, bool yes)
{
	struct intake_screen *is = is_of(sc);
	if (yes)
		do_register(is);
	else
		app_msg(sc->app, "%s",
			_("Not registered. Check the ID number: the person may "
			  "already be registered under another."));
}

/* Possible duplicates (same family name and birth date, another number)
 * are shown before anything is saved. */
static bool ask_duplicates(struct intake_screen *is, const struct intake *in)
{
	struct app *a = is->sc.app;
	struct person_rec *d = NULL;
	size_t n = 0;
	char q[400], birth[DB_DATE], masked[12];

	if (intake_duplicates(a->s, in, &d, &n) || n == 0) {
		free(d);
		return false;
	}
	nid_mask(d[0].nid, masked);
	snprintf(q, sizeof q,
		 n == 1 ? _("Possibly the same person: %s %s, born %s (%s). "
			    "Register anyway?")
			: _("Possibly the same person: %s %s, born %s (%s), and "
			    "others. Register anyway?"),
		 d[0].given, d[0].family, ui_date(d[0].birth, birth), masked);
	free(d);
	app_confirm(a, &is->sc, q, duplicate_answered);
	return true;
}

static bool any_bad(struct intake_screen *is)
{
	for (size_t i = 0; i < is->fm.n; i++)
		if (is->fm.f[i].err[0]) {
			is->fm.cur = i;
			app_error(is->sc.app, _("Put right the marked field first: %s: %s"),
				  is->fm.f[i].label, is->fm.f[i].err);
			is->sc.dirty = true;
			return true;
		}
	return false;
}

static void save(struct intake_screen *is)
{
	struct app *a = is->sc.app;
	struct intake in;

	check_field(is, &is->fm.f[is->fm.cur]);
	save_draft(is);
	if (any_bad(is))
		return;
	collect(is, &in);
	if (intake_validate(a->s, &in)) {
		app_error(a, "%s", a->s->err.msg);
		goto_field(is, a->s->err.field);
		is->sc.dirty = true;
		return;
	}
	if (!ask_duplicates(is, &in))
		do_register(is);
}

/* -------------------------------------------------------- the view */

static void draw_done(struct intake_screen *is, WINDOW *w, int rows, int cols)
{
	struct app *a = is->sc.app;
	char line[300];
	int y = 1;

	snprintf(line, sizeof line, _("Case %s is registered."), is->number);
	ui_put(w, y++, 2, line, cols - 4, ui_attr(a, ST_HEADING));
	y++;
	ui_put(w, y++, 2, _("Still missing:"), cols - 4, ui_attr(a, ST_NORMAL));
	for (const char *p = is->missing; *p && y < rows - 2;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		snprintf(line, sizeof line, "• %.*s", (int)len, p);
		ui_put(w, y++, 4, line, cols - 6, ui_attr(a, ST_ERROR));
		p += len + (nl ? 1 : 0);
	}
	if (!is->missing[0])
		ui_put(w, y++, 4, _("Nothing: the case file is complete."),
		       cols - 6, ui_attr(a, ST_INFO));
}

static void is_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct intake_screen *is = is_of(sc);
	if (is->done)
		draw_done(is, w, rows, cols);
	else
		form_draw(sc->app, &is->fm, w, rows, cols);
}

static bool is_cursor(struct screen *sc, int *y, int *x)
{
	struct intake_screen *is = is_of(sc);
	return !is->done && form_cursor(&is->fm, y, x);
}

static size_t is_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct intake_screen *is = is_of(sc);
	static const enum action form_acts[] = {
		A_HELP, A_SAVE, A_NEXT_FIELD, A_PREV_FIELD, A_TOGGLE, A_BACK,
		A_NEXT_SECTION, A_PREV_SECTION, A_REDRAW};
	static const enum action done_acts[] = {A_HELP, A_OPEN, A_RECEIPT,
						A_BACK, A_REDRAW};
	size_t n;

	if (is->done) {
		memcpy(out, done_acts, sizeof done_acts);
		return sizeof done_acts / sizeof done_acts[0];
	}
	memcpy(out, form_acts, sizeof form_acts);
	n = sizeof form_acts / sizeof form_acts[0];
	memcpy(out + n, ui_edit_actions, sizeof ui_edit_actions);
	return n + UI_EDIT_NACTIONS;
}

static void done_key(struct intake_screen *is, enum action act)
{
	struct app *a = is->sc.app;
	char *text = NULL, name[64];

	switch (act) {
	case A_BACK: app_pop(a); break;
	case A_OPEN: {
		struct screen *cs = case_screen_new(a, is->case_id);
		if (cs)
			app_replace(a, cs);
		break;
	}
	case A_RECEIPT:
		if (case_receipt(a->s, is->case_id, &text)) {
			app_error(a, "%s", a->s->err.msg);
			break;
		}
		snprintf(name, sizeof name, "receipt-%s.txt", is->number);
		ui_output_letter(&is->sc, text, name);
		break;
	default: break;
	}
}

static void is_key(struct screen *sc, int key, enum action act)
{
	struct intake_screen *is = is_of(sc);
	struct app *a = sc->app;
	size_t left;

	if (is->done) {
		done_key(is, act);
		return;
	}
	switch (act) {
	case A_SAVE: save(is); return;
	case A_BACK:
		check_field(is, &is->fm.f[is->fm.cur]);
		save_draft(is);
		if (is->draft_id)
			app_msg(a, "%s", _("The application is kept as a draft on "
					   "the home screen."));
		app_pop(a);
		return;
	default: break;
	}
	switch (form_key(a, &is->fm, key, act, &left)) {
	case FE_MOVED:
		check_field(is, &is->fm.f[left]);
		if (is->fm.f[left].err[0])
			app_error(a, "%s: %s", is->fm.f[left].label,
				  is->fm.f[left].err);
		save_draft(is);
		sc->dirty = true;
		break;
	case FE_EDITED:
		sc->dirty = true;
		break;
	case FE_NONE: break;
	}
	if (!a->msg[0])
		show_field_error(is);
}

static void is_release(struct screen *sc)
{
	struct intake_screen *is = is_of(sc);
	form_release(&is->fm);
	free(is);
}

/* Printable keys type into the fields while the form is open. */
static const struct screen_ops intake_ops = {
	.title = N_("New application"),
	.text_input = true,
	.actions = is_actions,
	.draw = is_draw,
	.key = is_key,
	.cursor = is_cursor,
	.save = is_save_hook,
	.release = is_release,
};

static const struct screen_ops intake_done_ops = {
	.title = N_("New application"),
	.actions = is_actions,
	.draw = is_draw,
	.key = is_key,
	.cursor = is_cursor,
	.release = is_release,
};

static void restore(struct intake_screen *is, int64_t draft_id)
{
	struct app *a = is->sc.app;
	char *data = NULL;

	if (draft_load(a->s, draft_id, &data)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	is->draft_id = draft_id;
	form_restore(&is->fm, data);
	free(data);
	/* the marks and the reused person come back with the checks */
	for (size_t i = 0; i < is->fm.n; i++)
		check_field(is, &is->fm.f[i]);
	a->msg[0] = '\0';
	app_msg(a, "%s", _("The draft is opened where it was left."));
}

struct screen *intake_screen_new(struct app *a, int64_t draft_id)
{
	struct intake_screen *is = calloc(1, sizeof *is);

	if (!is)
		return NULL;
	is->sc.ops = &intake_ops;
	is->sc.app = a;
	build(is);
	if (draft_id)
		restore(is, draft_id);
	return &is->sc;
}
