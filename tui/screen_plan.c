/*
 * The individual plan: a view that fits 80x24 (a fixed header with
 * status, coordinator, period, next evaluation and consent over a
 * scrolling body of goals, resources and needs, contributions, measures
 * and participants), the form that changes it (every save a new
 * version), the list of versions to read and compare, and the list of
 * plans the user coordinates.
 *
 * The form keeps what is typed as a draft (kind "plan", with the version
 * it started from, so that a draft older than the plan is refused rather
 * than written over someone's change).
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "referral.h"

/* ============================================================== view */

struct plan_screen {
	struct screen sc;
	int64_t id;
	struct plan *pl;
	bool loaded;
	size_t top, nlines;
	int page;
};

static struct plan_screen *ps_of(struct screen *sc)
{
	return (struct plan_screen *)sc;
}

static bool ps_load(struct plan_screen *ps)
{
	struct app *a = ps->sc.app;

	ps->sc.dirty = true;
	if (plan_open(a->s, ps->id, ps->pl)) {
		app_error(a, "%s", a->s->err.msg);
		ps->loaded = false;
		return false;
	}
	ps->loaded = true;
	snprintf(ps->sc.title, sizeof ps->sc.title, _("Individual plan: %s"),
		 ps->pl->p.person_name);
	return true;
}

static void section(struct tlines *L, const char *heading, const char *text)
{
	tl_add(L, ST_HEADING, heading);
	if (text[0])
		tl_wrap(L, ST_NORMAL, 2, text);
	else
		tl_wrap(L, ST_DIM, 2, _("(nothing written yet)"));
}

static void ps_build(struct plan_screen *ps, struct tlines *L)
{
	const struct plan *pl = ps->pl;
	char line[1400], d1[DB_DATE], d2[DB_DATE], missing[1200];

	if (pl->restricted)
		tl_wrap(L, ST_DIM, 0,
			_("You see the part of the plan the person has let you "
			  "see."));
	section(L, _("The person's goals"), pl->p.goals);
	if (!pl->restricted) {
		section(L, _("Resources"), pl->p.resources);
		section(L, _("Needs"), pl->p.needs);
		section(L, _("What the person, the services and relatives "
			     "contribute"),
			pl->p.contributions);
	}
	tl_add(L, ST_HEADING, _("Measures"));
	if (!pl->nmeas)
		tl_wrap(L, ST_DIM, 2, _("No measures yet."));
	for (size_t i = 0; i < pl->nmeas; i++) {
		const struct plan_measure_rec *m = &pl->meas[i];
		bool nobody = !m->resp_unit_id && !m->resp_name[0];
		snprintf(line, sizeof line, "%zu. %s%s%s", i + 1, m->what,
			 m->extent[0] ? " — " : "", m->extent);
		tl_wrap(L, ST_NORMAL, 2, line);
		snprintf(line, sizeof line, _("responsible: %s%s%s · %s – %s · %s"),
			 nobody ? _("nobody yet") : m->resp_unit,
			 m->resp_unit[0] && m->resp_name[0] ? ", " : "",
			 m->resp_name, ui_date(m->from, d1), ui_date(m->to, d2),
			 plan_measure_status_label(m->status));
		tl_wrap(L, nobody ? ST_ERROR : ST_DIM, 5, line);
	}
	tl_add(L, ST_HEADING, _("Participants"));
	for (size_t i = 0; i < pl->npart; i++) {
		const struct plan_participant_rec *r = &pl->part[i];
		snprintf(line, sizeof line, "%s (%s%s%s)%s%s", r->name,
			 plan_participant_kind_label(r->kind),
			 r->unit_name[0] ? ", " : "", r->unit_name,
			 r->contact[0] ? " · " : "", r->contact);
		tl_wrap(L, ST_NORMAL, 2, line);
		snprintf(line, sizeof line, _("may see %s · consent %s"),
			 plan_may_see_label(r->may_see),
			 r->consent ? _("given") : _("not given"));
		tl_wrap(L, r->consent ? ST_DIM : ST_ERROR, 5, line);
	}
	if (strcmp(pl->p.status, "active") && pl->may_edit &&
	    plan_missing(pl, missing, sizeof missing)) {
		tl_add(L, ST_HEADING, _("Before it can be made active"));
		for (const char *p = missing; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			snprintf(line, sizeof line, "• %.*s", (int)len, p);
			tl_wrap(L, ST_ERROR, 2, line);
			p += len + (nl ? 1 : 0);
		}
	}
}

static void ps_header(struct plan_screen *ps, WINDOW *w, int cols)
{
	struct app *a = ps->sc.app;
	const struct plan_rec *p = &ps->pl->p;
	char line[600], d1[DB_DATE], d2[DB_DATE], d3[DB_DATE];
	day_t next = date_days(p->next_evaluation);
	bool due = !strcmp(p->status, "active") && next != DAY_NONE &&
		   next < session_today(a->s);

	snprintf(line, sizeof line, _("Individual plan · %s"), p->person_name);
	ui_put(w, 0, 1, line, cols - 26, ui_attr(a, ST_HEADING));
	ui_put_right(w, 0, cols - 25, plan_status_label(p->status), 24,
		     ui_attr(a, ST_HEADING));
	snprintf(line, sizeof line, _("Coordinator: %s%s%s%s · version %d"),
		 p->coordinator_name[0] ? p->coordinator_name : _("none yet"),
		 p->coordinator_unit[0] ? " (" : "", p->coordinator_unit,
		 p->coordinator_unit[0] ? ")" : "", p->revision);
	ui_put(w, 1, 1, line, cols - 2,
	       ui_attr(a, p->coordinator_name[0] ? ST_NORMAL : ST_ERROR));
	snprintf(line, sizeof line, _("%s – %s · evaluation %s%s · consent %s"),
		 ui_date(p->period_from, d1), ui_date(p->period_to, d2),
		 p->next_evaluation[0] ? ui_date(p->next_evaluation, d3)
				       : _("not set"),
		 due ? _(" (due)") : "",
		 p->consent_date[0] ? ui_date(p->consent_date, d1) : _("none"));
	ui_put(w, 2, 1, line, cols - 2, ui_attr(a, due ? ST_ERROR : ST_NORMAL));
	ui_hline(w, 3, 0, cols, ui_attr(a, ST_DIM));
}

static void ps_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct plan_screen *ps = ps_of(sc);
	struct tlines L = {.cols = cols};

	if (!ps->loaded) {
		ui_put(w, 1, 2, _("The plan cannot be shown."), cols - 4,
		       ui_attr(sc->app, ST_DIM));
		return;
	}
	ps_header(ps, w, cols);
	ps_build(ps, &L);
	ps->nlines = L.n;
	ps->page = rows - 4;
	ps->top = tl_draw(sc->app, w, 4, rows - 4, cols, &L, ps->top);
	tl_free(&L);
}

static size_t ps_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct plan_screen *ps = ps_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_PGUP,
					   A_PGDN, A_HOME, A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (ps->loaded && ps->pl->may_edit) {
		out[n++] = A_EDIT;
		if (strcmp(ps->pl->p.status, "active"))
			out[n++] = A_ACTIVATE;
	}
	if (ps->loaded && !ps->pl->restricted)
		out[n++] = A_VERSIONS;
	if (ps->loaded)
		out[n++] = A_PRINT;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static struct screen *versions_new(struct app *a, int64_t plan_id);

static void ps_key(struct screen *sc, int key, enum action act)
{
	struct plan_screen *ps = ps_of(sc);
	struct app *a = sc->app;
	char *text = NULL, name[64];

	(void)key;
	switch (act) {
	case A_BACK: app_pop(a); return;
	case A_EDIT: app_push(a, plan_form_new(a, ps->id, 0)); return;
	case A_ACTIVATE:
		if (plan_set_status(a->s, ps->pl, "active")) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s", a->s->err.msg);
			ps_load(ps);
			app_error(a, "%s", msg);
		} else {
			ps_load(ps);
			app_msg(a, _("The plan is active (version %d)."),
				ps->pl->p.revision);
		}
		return;
	case A_VERSIONS: app_push(a, versions_new(a, ps->id)); return;
	case A_PRINT:
		if (plan_letter(a->s, ps->id, &text)) {
			app_error(a, "%s", a->s->err.msg);
			return;
		}
		snprintf(name, sizeof name, "plan-%lld-v%d.txt", (long long)ps->id,
			 ps->pl->p.revision);
		ui_output_letter(sc, text, name);
		return;
	default: break;
	}
	if (tl_scroll(&ps->top, ps->nlines, ps->page, act))
		sc->dirty = true;
}

static void ps_resume(struct screen *sc)
{
	ps_load(ps_of(sc));
}

static void ps_release(struct screen *sc)
{
	struct plan_screen *ps = ps_of(sc);
	free(ps->pl);
	free(ps);
}

static const struct screen_ops plan_ops = {
	.title = N_("Individual plan"),
	.actions = ps_actions,
	.draw = ps_draw,
	.key = ps_key,
	.resume = ps_resume,
	.release = ps_release,
};

struct screen *plan_screen_new(struct app *a, int64_t plan_id)
{
	struct plan_screen *ps = calloc(1, sizeof *ps);

	if (!ps || !(ps->pl = calloc(1, sizeof *ps->pl))) {
		free(ps);
		return NULL;
	}
	ps->sc.ops = &plan_ops;
	ps->sc.app = a;
	ps->id = plan_id;
	if (!ps_load(ps)) {
		free(ps->pl);
		free(ps);
		return NULL;
	}
	return &ps->sc;
}

/* The case whose person may get a plan: the answer to the question
 * comes back with the case screen only. */
static int64_t start_case;

static void start_answered(struct screen *sc, bool yes)
{
	struct app *a = sc->app;
	int64_t id = 0;

	if (!yes)
		return;
	if (plan_start(a->s, start_case, &id)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	app_push(a, plan_screen_new(a, id));
	app_msg(a, "%s", _("A draft plan is started. Press e to write it."));
}

void plan_for_case(struct screen *from, int64_t case_id)
{
	struct app *a = from->app;
	int64_t id = 0;
	int rc = plan_of_case(a->s, case_id, &id);

	if (rc == 0) {
		app_push(a, plan_screen_new(a, id));
		return;
	}
	if (rc != ERR_NOTFOUND) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	start_case = case_id;
	app_confirm(a, from, _("No plan yet. Start one?"), start_answered);
}

/* ============================================================== form */

#define ROWS_EXTRA 2

struct plan_form {
	struct screen sc;
	struct form fm;
	int64_t plan_id, draft_id;
	struct plan *pl;
	struct staff_unit_rec *staff;
	size_t nstaff;
	struct unit_rec *units;
	size_t nunits;
	size_t mrows, prows;
};

static struct plan_form *pf_of(struct screen *sc)
{
	return (struct plan_form *)sc;
}

static void id_text(int64_t id, char out[24])
{
	if (id)
		snprintf(out, 24, "%lld", (long long)id);
	else
		out[0] = '\0';
}

static void staff_options(struct plan_form *pf, struct field *f)
{
	char id[24];

	form_option(f, _("(none)"), "");
	for (size_t i = 0; i < pf->nstaff; i++) {
		char label[300];
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= pf->staff[k].staff_id == pf->staff[i].staff_id;
		if (seen)
			continue;
		snprintf(label, sizeof label, "%s (%s)", pf->staff[i].name,
			 pf->staff[i].unit_name);
		id_text(pf->staff[i].staff_id, id);
		form_option(f, label, id);
	}
}

static void set_date(struct field *f, const char *iso)
{
	char shown[DB_DATE];
	form_set(f, ui_date(iso, shown));
}

static void build_measure(struct plan_form *pf, size_t i)
{
	struct form *fm = &pf->fm;
	const struct plan_measure_rec *m =
		i < pf->pl->nmeas ? &pf->pl->meas[i] : NULL;
	char key[24], label[96], id[24];
	struct field *f;
	static const char *const st[] = {"planned", "ongoing", "done", "stopped"};

	snprintf(label, sizeof label, _("Measure %zu"), i + 1);
	form_heading(fm, label);
	snprintf(key, sizeof key, "m%zu_what", i);
	f = form_text(fm, FT_TEXT, key, _("What"), 256, 0);
	if (m)
		form_set(f, m->what);
	snprintf(key, sizeof key, "m%zu_extent", i);
	f = form_text(fm, FT_TEXT, key, _("Extent"), 256, 0);
	if (m)
		form_set(f, m->extent);
	snprintf(key, sizeof key, "m%zu_unit", i);
	f = form_choice(fm, key, _("Responsible unit"));
	form_option(f, _("(none)"), "");
	for (size_t u = 0; u < pf->nunits; u++) {
		id_text(pf->units[u].id, id);
		form_option(f, pf->units[u].name, id);
	}
	if (m) {
		id_text(m->resp_unit_id, id);
		form_set(f, id);
	}
	snprintf(key, sizeof key, "m%zu_name", i);
	f = form_text(fm, FT_TEXT, key, _("Or partner, person"), 160, 0);
	if (m)
		form_set(f, m->resp_name);
	snprintf(key, sizeof key, "m%zu_from", i);
	f = form_text(fm, FT_DATE, key, _("From"), 16, 12);
	if (m)
		set_date(f, m->from);
	snprintf(key, sizeof key, "m%zu_to", i);
	f = form_text(fm, FT_DATE, key, _("To"), 16, 12);
	if (m)
		set_date(f, m->to);
	snprintf(key, sizeof key, "m%zu_status", i);
	f = form_choice(fm, key, _("Status"));
	for (size_t k = 0; k < 4; k++)
		form_option(f, plan_measure_status_label(st[k]), st[k]);
	if (m)
		form_set(f, m->status);
}

static void build_participant(struct plan_form *pf, size_t i)
{
	struct form *fm = &pf->fm;
	const struct plan_participant_rec *r =
		i < pf->pl->npart ? &pf->pl->part[i] : NULL;
	char key[24], label[96], id[24];
	struct field *f;
	static const char *const kinds[] = {"person", "staff", "partner",
					    "relative"};
	static const char *const sees[] = {"all", "goals_measures",
					   "own_measures"};
	bool known = false;

	snprintf(label, sizeof label, _("Participant %zu"), i + 1);
	form_heading(fm, label);
	snprintf(key, sizeof key, "p%zu_kind", i);
	f = form_choice(fm, key, _("Who"));
	form_option(f, _("(none)"), "");
	for (size_t k = 0; k < 4; k++)
		form_option(f, plan_participant_kind_label(kinds[k]), kinds[k]);
	if (r)
		form_set(f, r->kind);
	snprintf(key, sizeof key, "p%zu_staff", i);
	f = form_choice(fm, key, _("Staff member"));
	staff_options(pf, f);
	if (r) {
		id_text(r->staff_id, id);
		form_set(f, id);
	}
	snprintf(key, sizeof key, "p%zu_name", i);
	f = form_text(fm, FT_TEXT, key, _("Name (not staff)"), 160, 0);
	if (r && strcmp(r->kind, "staff"))
		form_set(f, r->name);
	snprintf(key, sizeof key, "p%zu_contact", i);
	f = form_text(fm, FT_TEXT, key, _("Contact"), 160, 0);
	if (r)
		form_set(f, r->contact);
	snprintf(key, sizeof key, "p%zu_may", i);
	f = form_choice(fm, key, _("May see"));
	for (size_t k = 0; k < 3; k++) {
		form_option(f, plan_may_see_label(sees[k]), sees[k]);
		known |= r && !strcmp(r->may_see, sees[k]);
	}
	/* words written before: kept as they are */
	if (r && r->may_see[0] && !known)
		form_option(f, r->may_see, r->may_see);
	if (r)
		form_set(f, r->may_see);
	snprintf(key, sizeof key, "p%zu_consent", i);
	f = form_check(fm, key, _("The person consents"));
	if (r)
		form_set(f, r->consent ? "1" : "0");
}

static void pf_build(struct plan_form *pf)
{
	struct form *fm = &pf->fm;
	const struct plan_rec *p = &pf->pl->p;
	struct field *f;
	char id[24];
	static const char *const st[] = {"draft", "active", "closed", "declined"};

	form_init(fm);
	form_heading(fm, _("The plan"));
	f = form_choice(fm, "status", _("Status"));
	for (size_t k = 0; k < 4; k++)
		form_option(f, plan_status_label(st[k]), st[k]);
	form_set(f, p->status);
	f = form_choice(fm, "coordinator", _("Coordinator"));
	staff_options(pf, f);
	id_text(p->coordinator_id, id);
	form_set(f, id);
	form_set(form_text(fm, FT_TEXT, "goals", _("Goals, in their words"),
			   1024, 0),
		 p->goals);
	form_set(form_text(fm, FT_TEXT, "resources", _("Resources"), 1024, 0),
		 p->resources);
	form_set(form_text(fm, FT_TEXT, "needs", _("Needs"), 1024, 0), p->needs);
	form_set(form_text(fm, FT_TEXT, "contributions", _("Contributions"),
			   1024, 0),
		 p->contributions);
	set_date(form_text(fm, FT_DATE, "period_from", _("Plan period from"), 16,
			   12),
		 p->period_from);
	set_date(form_text(fm, FT_DATE, "period_to", _("Plan period to"), 16, 12),
		 p->period_to);
	set_date(form_text(fm, FT_DATE, "next_evaluation", _("Next evaluation"),
			   16, 12),
		 p->next_evaluation);
	set_date(form_text(fm, FT_DATE, "consent_date",
			   _("The person consented on"), 16, 12),
		 p->consent_date);
	pf->mrows = pf->pl->nmeas + ROWS_EXTRA;
	if (pf->mrows > PLAN_MAX_MEASURES)
		pf->mrows = PLAN_MAX_MEASURES;
	for (size_t i = 0; i < pf->mrows; i++)
		build_measure(pf, i);
	pf->prows = pf->pl->npart + ROWS_EXTRA;
	if (pf->prows > PLAN_MAX_PARTICIPANTS)
		pf->prows = PLAN_MAX_PARTICIPANTS;
	for (size_t i = 0; i < pf->prows; i++)
		build_participant(pf, i);
	form_first(fm);
	fm->changed = false;
}

static void val(struct plan_form *pf, const char *key, char *out, size_t size)
{
	struct field *f = form_find(&pf->fm, key);
	if (f)
		form_value(f, out, size);
	else
		out[0] = '\0';
}

static void val_date(struct plan_form *pf, const char *key, char iso[DB_DATE])
{
	char text[64];
	val(pf, key, text, sizeof text);
	iso[0] = '\0';
	if (text[0] && date_parse(text, iso, NULL))
		iso[0] = '\0';
}

/* The form's fields into a plan, starting from the one opened (its id
 * and version: the save is guarded by them). */
static void collect(struct plan_form *pf, struct plan *out)
{
	char key[24], v[1100];
	size_t i;

	*out = *pf->pl;
	val(pf, "status", out->p.status, sizeof out->p.status);
	val(pf, "coordinator", v, sizeof v);
	out->p.coordinator_id = strtoll(v, NULL, 10);
	val(pf, "goals", out->p.goals, sizeof out->p.goals);
	val(pf, "resources", out->p.resources, sizeof out->p.resources);
	val(pf, "needs", out->p.needs, sizeof out->p.needs);
	val(pf, "contributions", out->p.contributions,
	    sizeof out->p.contributions);
	val_date(pf, "period_from", out->p.period_from);
	val_date(pf, "period_to", out->p.period_to);
	val_date(pf, "next_evaluation", out->p.next_evaluation);
	val_date(pf, "consent_date", out->p.consent_date);
	out->nmeas = 0;
	for (i = 0; i < pf->mrows; i++) {
		struct plan_measure_rec *m = &out->meas[out->nmeas];
		snprintf(key, sizeof key, "m%zu_what", i);
		val(pf, key, v, sizeof v);
		if (!v[0])
			continue; /* an empty row, or a measure taken out */
		memset(m, 0, sizeof *m);
		snprintf(m->what, sizeof m->what, "%s", v);
		snprintf(key, sizeof key, "m%zu_extent", i);
		val(pf, key, m->extent, sizeof m->extent);
		snprintf(key, sizeof key, "m%zu_unit", i);
		val(pf, key, v, sizeof v);
		m->resp_unit_id = strtoll(v, NULL, 10);
		snprintf(key, sizeof key, "m%zu_name", i);
		val(pf, key, m->resp_name, sizeof m->resp_name);
		snprintf(key, sizeof key, "m%zu_from", i);
		val_date(pf, key, m->from);
		snprintf(key, sizeof key, "m%zu_to", i);
		val_date(pf, key, m->to);
		snprintf(key, sizeof key, "m%zu_status", i);
		val(pf, key, m->status, sizeof m->status);
		out->nmeas++;
	}
	out->npart = 0;
	for (i = 0; i < pf->prows; i++) {
		struct plan_participant_rec *r = &out->part[out->npart];
		snprintf(key, sizeof key, "p%zu_kind", i);
		val(pf, key, v, sizeof v);
		if (!v[0])
			continue;
		memset(r, 0, sizeof *r);
		snprintf(r->kind, sizeof r->kind, "%s", v);
		snprintf(key, sizeof key, "p%zu_staff", i);
		val(pf, key, v, sizeof v);
		r->staff_id = strtoll(v, NULL, 10);
		for (size_t k = 0; k < pf->nstaff; k++)
			if (pf->staff[k].staff_id == r->staff_id) {
				r->unit_id = pf->staff[k].unit_id;
				snprintf(r->unit_name, sizeof r->unit_name, "%s",
					 pf->staff[k].unit_name);
				break;
			}
		snprintf(key, sizeof key, "p%zu_name", i);
		val(pf, key, r->name, sizeof r->name);
		snprintf(key, sizeof key, "p%zu_contact", i);
		val(pf, key, r->contact, sizeof r->contact);
		snprintf(key, sizeof key, "p%zu_may", i);
		val(pf, key, r->may_see, sizeof r->may_see);
		snprintf(key, sizeof key, "p%zu_consent", i);
		val(pf, key, v, sizeof v);
		r->consent = strcmp(v, "1") == 0;
		out->npart++;
	}
}

static void pf_save_draft(struct plan_form *pf)
{
	struct app *a = pf->sc.app;
	char title[161], *data, *all;
	size_t len;

	if (!pf->fm.changed)
		return;
	data = form_serialise(&pf->fm);
	len = strlen(data) + 64;
	all = malloc(len);
	if (all) {
		snprintf(all, len, "_plan=%lld\n_version=%d\n%s",
			 (long long)pf->plan_id, pf->pl->p.version, data);
		snprintf(title, sizeof title, _("Plan: %s"), pf->pl->p.person_name);
		if (draft_save(a->s, &pf->draft_id, "plan", title, all))
			app_error(a, "%s", a->s->err.msg);
		else
			pf->fm.changed = false;
	}
	free(all);
	free(data);
}

static void pf_save_hook(struct screen *sc)
{
	pf_save_draft(pf_of(sc));
}

/* A date is checked as the cursor leaves it, and shown the standard way. */
static void check_field(struct field *f)
{
	char text[64], iso[DB_DATE], shown[DB_DATE];
	struct err e = {0};

	if (f->type != FT_DATE)
		return;
	f->err[0] = '\0';
	form_value(f, text, sizeof text);
	if (!text[0])
		return;
	if (date_parse(text, iso, &e))
		text_copy(f->err, sizeof f->err, e.msg);
	else
		editbuf_set(&f->eb, ui_date(iso, shown));
}

static void pf_save(struct plan_form *pf)
{
	struct app *a = pf->sc.app;
	struct plan *pl = malloc(sizeof *pl);
	int before = pf->pl->p.revision;

	if (!pl)
		return;
	check_field(&pf->fm.f[pf->fm.cur]);
	for (size_t i = 0; i < pf->fm.n; i++)
		if (pf->fm.f[i].err[0]) {
			pf->fm.cur = i;
			pf->sc.dirty = true;
			app_error(a, _("Put right the marked field first: %s: %s"),
				  pf->fm.f[i].label, pf->fm.f[i].err);
			free(pl);
			return;
		}
	collect(pf, pl);
	if (plan_save(a->s, pl)) {
		struct field *f = form_find(&pf->fm, a->s->err.field);
		if (f) {
			pf->fm.cur = (size_t)(f - pf->fm.f);
			pf->sc.dirty = true;
		}
		pf_save_draft(pf);
		app_error(a, "%s", a->s->err.msg);
		free(pl);
		return;
	}
	if (pf->draft_id)
		draft_delete(a->s, pf->draft_id);
	pf->fm.changed = false;
	app_pop(a);
	if (pl->p.revision == before)
		app_msg(a, "%s", _("Nothing was changed; no new version."));
	else
		app_msg(a, _("The plan is saved as version %d."), pl->p.revision);
	free(pl);
}

static void pf_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	form_draw(sc->app, &pf_of(sc)->fm, w, rows, cols);
}

static bool pf_cursor(struct screen *sc, int *y, int *x)
{
	return form_cursor(&pf_of(sc)->fm, y, x);
}

static size_t pf_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	static const enum action acts[] = {
		A_HELP, A_SAVE, A_NEXT_FIELD, A_PREV_FIELD, A_TOGGLE, A_BACK,
		A_NEXT_SECTION, A_PREV_SECTION, A_REDRAW};
	size_t n = sizeof acts / sizeof acts[0];

	(void)sc;
	memcpy(out, acts, sizeof acts);
	memcpy(out + n, ui_edit_actions, sizeof ui_edit_actions);
	return n + UI_EDIT_NACTIONS;
}

static void pf_key(struct screen *sc, int key, enum action act)
{
	struct plan_form *pf = pf_of(sc);
	struct app *a = sc->app;
	size_t left;

	switch (act) {
	case A_SAVE: pf_save(pf); return;
	case A_BACK:
		pf_save_draft(pf);
		if (pf->draft_id)
			app_msg(a, "%s", _("The changes are kept as a draft on the "
					   "home screen; the plan is as it was."));
		app_pop(a);
		return;
	default: break;
	}
	switch (form_key(a, &pf->fm, key, act, &left)) {
	case FE_MOVED:
		check_field(&pf->fm.f[left]);
		if (pf->fm.f[left].err[0])
			app_error(a, "%s: %s", pf->fm.f[left].label,
				  pf->fm.f[left].err);
		pf_save_draft(pf);
		sc->dirty = true;
		break;
	case FE_EDITED: sc->dirty = true; break;
	case FE_NONE: break;
	}
}

static void pf_release(struct screen *sc)
{
	struct plan_form *pf = pf_of(sc);
	form_release(&pf->fm);
	free(pf->pl);
	free(pf->staff);
	free(pf->units);
	free(pf);
}

static const struct screen_ops plan_form_ops = {
	.title = N_("Change the plan"),
	.text_input = true,
	.actions = pf_actions,
	.draw = pf_draw,
	.key = pf_key,
	.cursor = pf_cursor,
	.save = pf_save_hook,
	.release = pf_release,
};

struct screen *plan_form_new(struct app *a, int64_t plan_id, int64_t draft_id)
{
	struct plan_form *pf = calloc(1, sizeof *pf);
	char *data = NULL;
	int version = 0;

	if (!pf || !(pf->pl = calloc(1, sizeof *pf->pl))) {
		free(pf);
		return NULL;
	}
	pf->sc.ops = &plan_form_ops;
	pf->sc.app = a;
	pf->draft_id = draft_id;
	if (draft_id) {
		const char *p;
		if (draft_load(a->s, draft_id, &data))
			goto fail;
		p = strstr(data, "_plan=");
		plan_id = p ? strtoll(p + 6, NULL, 10) : 0;
		p = strstr(data, "_version=");
		version = p ? atoi(p + 9) : 0;
	}
	pf->plan_id = plan_id;
	if (plan_open(a->s, plan_id, pf->pl))
		goto fail;
	if (!pf->pl->may_edit || pf->pl->restricted) {
		err_set(&a->s->err, ERR_DENIED, "%s",
			_("Only the coordinator and the caseworkers of the "
			  "responsible unit change the plan."));
		goto fail;
	}
	if (plan_staff(a->s, &pf->staff, &pf->nstaff) ||
	    unit_list(a->s, &pf->units, &pf->nunits))
		goto fail;
	snprintf(pf->sc.title, sizeof pf->sc.title, _("Change the plan: %s"),
		 pf->pl->p.person_name);
	pf_build(pf);
	if (data) {
		/* the draft started from this version: saved against it */
		pf->pl->p.version = version;
		form_restore(&pf->fm, data);
		for (size_t i = 0; i < pf->fm.n; i++)
			check_field(&pf->fm.f[i]);
		pf->fm.changed = true;
		app_msg(a, "%s", _("The draft is opened where it was left."));
	}
	free(data);
	return &pf->sc;
fail:
	app_error(a, "%s", a->s->err.msg);
	free(data);
	free(pf->pl);
	free(pf->staff);
	free(pf->units);
	free(pf);
	return NULL;
}

/* ========================================================== versions */

struct versions {
	struct screen sc;
	int64_t plan_id;
	struct plan_revision_rec *r;
	size_t n, sel, top;
};

static struct versions *vs_of(struct screen *sc)
{
	return (struct versions *)sc;
}

static void vs_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct versions *vs = vs_of(sc);
	struct app *a = sc->app;
	int list = rows - 2;
	char line[300], when[64];

	ui_heading(a, w, 0, _("Versions, newest first"), cols);
	if (vs->sel < vs->top)
		vs->top = vs->sel;
	if (list > 0 && vs->sel >= vs->top + (size_t)list)
		vs->top = vs->sel - (size_t)list + 1;
	for (int y = 0; y < list && vs->top + (size_t)y < vs->n; y++) {
		size_t i = vs->top + (size_t)y;
		attr_t at = ui_attr(a, i == vs->sel ? ST_SELECTED : ST_NORMAL);
		ui_timestamp(vs->r[i].at, when, sizeof when);
		snprintf(line, sizeof line, _("Version %d   %s   %s%s"),
			 vs->r[i].revision, when, vs->r[i].staff_name,
			 i == 0 ? _("   (current)") : "");
		ui_put_pad(w, 1 + y, 0, "", cols, at);
		ui_put(w, 1 + y, 2, line, cols - 4, at);
	}
	ui_put(w, rows - 1, 1,
	       _("Enter reads the version; c compares it with the current one."),
	       cols - 2, ui_attr(a, ST_DIM));
}

static size_t vs_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct versions *vs = vs_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_HOME,
					   A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (vs->n) {
		out[n++] = A_OPEN;
		out[n++] = A_COMPARE;
	}
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void vs_key(struct screen *sc, int key, enum action act)
{
	struct versions *vs = vs_of(sc);
	struct app *a = sc->app;
	size_t before = vs->sel;
	char *text = NULL, title[160];
	int rev;

	(void)key;
	switch (act) {
	case A_UP:
		if (vs->sel)
			vs->sel--;
		break;
	case A_DOWN:
		if (vs->sel + 1 < vs->n)
			vs->sel++;
		break;
	case A_HOME: vs->sel = 0; break;
	case A_END: vs->sel = vs->n ? vs->n - 1 : 0; break;
	case A_BACK: app_pop(a); return;
	case A_OPEN:
	case A_COMPARE:
		if (!vs->n)
			return;
		rev = vs->r[vs->sel].revision;
		if (act == A_OPEN ? plan_revision_text(a->s, vs->plan_id, rev, &text)
				  : plan_compare(a->s, vs->plan_id, rev, &text)) {
			app_error(a, "%s", a->s->err.msg);
			return;
		}
		if (act == A_OPEN)
			snprintf(title, sizeof title, _("Plan, version %d"), rev);
		else
			snprintf(title, sizeof title,
				 _("Version %d (-) against the current (+)"), rev);
		app_push(a, text_screen_new(a, title, text));
		free(text);
		return;
	default: break;
	}
	if (vs->sel != before)
		sc->dirty = true;
}

static void vs_release(struct screen *sc)
{
	free(vs_of(sc)->r);
	free(sc);
}

static const struct screen_ops versions_ops = {
	.title = N_("Versions of the plan"),
	.actions = vs_actions,
	.draw = vs_draw,
	.key = vs_key,
	.release = vs_release,
};

static struct screen *versions_new(struct app *a, int64_t plan_id)
{
	struct versions *vs = calloc(1, sizeof *vs);

	if (!vs)
		return NULL;
	vs->sc.ops = &versions_ops;
	vs->sc.app = a;
	vs->plan_id = plan_id;
	if (plan_revisions(a->s, plan_id, &vs->r, &vs->n)) {
		app_error(a, "%s", a->s->err.msg);
		free(vs);
		return NULL;
	}
	return &vs->sc;
}

/* ================================================ plans I coordinate */

struct plan_list {
	struct screen sc;
	struct plan_line *l;
	size_t n, sel, top;
};

static struct plan_list *pl_of(struct screen *sc)
{
	return (struct plan_list *)sc;
}

static void pl_load(struct plan_list *pl)
{
	struct app *a = pl->sc.app;

	free(pl->l);
	pl->l = NULL;
	pl->n = 0;
	if (plan_coordinated(a->s, &pl->l, &pl->n))
		app_error(a, "%s", a->s->err.msg);
	if (pl->sel >= pl->n)
		pl->sel = pl->n ? pl->n - 1 : 0;
	pl->sc.dirty = true;
}

static void pl_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct plan_list *pl = pl_of(sc);
	struct app *a = sc->app;
	int list = rows - 2;
	char line[400], d[DB_DATE], name[300], status[64];

	snprintf(line, sizeof line, "%s", _("Person, status and next evaluation"));
	ui_heading(a, w, 0, line, cols);
	if (pl->sel < pl->top)
		pl->top = pl->sel;
	if (list > 0 && pl->sel >= pl->top + (size_t)list)
		pl->top = pl->sel - (size_t)list + 1;
	for (int y = 0; y < list && pl->top + (size_t)y < pl->n; y++) {
		size_t i = pl->top + (size_t)y;
		const struct plan_line *l = &pl->l[i];
		day_t next = date_days(l->next_evaluation);
		bool due = !strcmp(l->status, "active") && next != DAY_NONE &&
			   next < session_today(a->s);
		attr_t at = ui_attr(a, i == pl->sel ? ST_SELECTED
				       : due	    ? ST_ERROR
						    : ST_NORMAL);
		ui_cols(name, sizeof name, l->person_name, cols - 40);
		ui_cols(status, sizeof status, plan_status_label(l->status), 22);
		snprintf(line, sizeof line, "%s  %s  %s", name, status,
			 ui_date(l->next_evaluation, d));
		ui_put_pad(w, 1 + y, 0, "", cols, at);
		ui_put(w, 1 + y, 2, line, cols - 4, at);
	}
	if (!pl->n)
		ui_put(w, 1, 2, _("You coordinate no plans."), cols - 4,
		       ui_attr(a, ST_DIM));
}

static size_t pl_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct plan_list *pl = pl_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_HOME,
					   A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (pl->n)
		out[n++] = A_OPEN;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

static void pl_key(struct screen *sc, int key, enum action act)
{
	struct plan_list *pl = pl_of(sc);
	struct app *a = sc->app;
	size_t before = pl->sel;

	(void)key;
	switch (act) {
	case A_UP:
		if (pl->sel)
			pl->sel--;
		break;
	case A_DOWN:
		if (pl->sel + 1 < pl->n)
			pl->sel++;
		break;
	case A_HOME: pl->sel = 0; break;
	case A_END: pl->sel = pl->n ? pl->n - 1 : 0; break;
	case A_OPEN:
		if (pl->n)
			app_push(a, plan_screen_new(a, pl->l[pl->sel].plan_id));
		return;
	case A_BACK: app_pop(a); return;
	default: break;
	}
	if (pl->sel != before)
		sc->dirty = true;
}

static void pl_resume(struct screen *sc)
{
	pl_load(pl_of(sc));
}

static void pl_release(struct screen *sc)
{
	free(pl_of(sc)->l);
	free(sc);
}

static const struct screen_ops plan_list_ops = {
	.title = N_("Plans I coordinate"),
	.actions = pl_actions,
	.draw = pl_draw,
	.key = pl_key,
	.resume = pl_resume,
	.release = pl_release,
};

struct screen *plan_list_new(struct app *a)
{
	struct plan_list *pl = calloc(1, sizeof *pl);

	if (!pl)
		return NULL;
	pl->sc.ops = &plan_list_ops;
	pl->sc.app = a;
	pl_load(pl);
	return &pl->sc;
}
