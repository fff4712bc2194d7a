/*
 * A referral: the form that sends one from a case, and the screen that
 * shows one with its questions and answers and offers what the user may
 * do with it (the receiving unit accepts, declines or asks; the sender
 * replies, withdraws or takes it to the housing forum).
 *
 * The form keeps what is typed as a draft (kind "referral") on Esc and
 * when the program is stopped.  When the person has not consented to
 * sharing with the chosen unit, the form says so under the basis field
 * and offers to record the consent first; nothing is sent silently.
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "referral.h"

/* ================================================================ form */

struct ref_form {
	struct screen sc;
	struct form fm;
	int64_t case_id;
	int64_t draft_id;
	char number[12];
	char applicant[260];
};

static struct ref_form *rf_of(struct screen *sc)
{
	return (struct ref_form *)sc;
}

static void rf_build(struct ref_form *rf)
{
	struct app *a = rf->sc.app;
	struct unit_rec *u = NULL;
	struct field *f;
	size_t n = 0;
	char head[200], due[DB_DATE], shown[DB_DATE], id[24];

	form_init(&rf->fm);
	date_iso(session_today(a->s) + a->s->cfg->referral_days, due);
	snprintf(head, sizeof head, _("Referral of case %s · answer by %s"),
		 rf->number, ui_date(due, shown));
	form_heading(&rf->fm, head);
	f = form_choice(&rf->fm, "unit", _("To unit or partner"));
	if (referral_targets(a->s, rf->case_id, &u, &n))
		app_error(a, "%s", a->s->err.msg);
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof id, "%lld", (long long)u[i].id);
		form_option(f, u[i].name, id);
	}
	free(u);
	f = form_choice(&rf->fm, "kind", _("Kind"));
	form_option(f, referral_kind_label("service"), "service");
	form_option(f, referral_kind_label("transfer"), "transfer");
	form_text(&rf->fm, FT_TEXT, "asked", _("What is asked"), 1024, 0);
	form_text(&rf->fm, FT_TEXT, "reason", _("Why"), 1024, 0);
	f = form_choice(&rf->fm, "basis", _("Basis for sharing"));
	form_option(f, referral_basis_label("consent"), "consent");
	form_option(f, referral_basis_label("law"), "law");
	form_text(&rf->fm, FT_TEXT, "basis_note",
		  _("The legal basis, if not consent"), 256, 0);
	form_first(&rf->fm);
}

static void rf_value(struct ref_form *rf, const char *key, char *out,
		     size_t size)
{
	struct field *f = form_find(&rf->fm, key);
	if (f)
		form_value(f, out, size);
	else
		out[0] = '\0';
}

static void rf_save_draft(struct ref_form *rf)
{
	struct app *a = rf->sc.app;
	char title[161], *data, *all;
	size_t len;

	if (!rf->fm.changed)
		return;
	data = form_serialise(&rf->fm);
	len = strlen(data) + 40;
	all = malloc(len);
	if (all) {
		snprintf(all, len, "_case=%lld\n%s", (long long)rf->case_id, data);
		snprintf(title, sizeof title, _("Referral, case %s"), rf->number);
		if (draft_save(a->s, &rf->draft_id, "referral", title, all))
			app_error(a, "%s", a->s->err.msg);
		else
			rf->fm.changed = false;
	}
	free(all);
	free(data);
}

static void rf_save_hook(struct screen *sc)
{
	rf_save_draft(rf_of(sc));
}

static void rf_mark(struct ref_form *rf, const char *field, const char *why)
{
	struct field *f = field[0] ? form_find(&rf->fm, field) : NULL;
	if (!f)
		return;
	text_copy(f->err, sizeof f->err, why);
	rf->fm.cur = (size_t)(f - rf->fm.f);
	rf->sc.dirty = true;
}

static void rf_clear_marks(struct ref_form *rf)
{
	for (size_t i = 0; i < rf->fm.n; i++)
		rf->fm.f[i].err[0] = '\0';
	rf->sc.dirty = true;
}

static void rf_send(struct ref_form *rf);

static void consent_answered(struct screen *sc, bool yes)
{
	struct ref_form *rf = rf_of(sc);
	struct app *a = sc->app;
	char unit[24];

	if (!yes) {
		app_msg(a, "%s", _("Nothing was sent. Choose another basis, or "
				   "record the consent when it is given."));
		return;
	}
	rf_value(rf, "unit", unit, sizeof unit);
	if (referral_consent_record(a->s, rf->case_id, strtoll(unit, NULL, 10),
				    "given")) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	rf_send(rf);
}

static void rf_send(struct ref_form *rf)
{
	struct app *a = rf->sc.app;
	struct referral_new r = {0};
	char unit[24], due[DB_DATE], shown[DB_DATE], name[130] = "";
	struct field *uf = form_find(&rf->fm, "unit");
	int64_t id = 0;

	rf_clear_marks(rf);
	rf_value(rf, "unit", unit, sizeof unit);
	r.case_id = rf->case_id;
	r.to_unit_id = strtoll(unit, NULL, 10);
	rf_value(rf, "kind", r.kind, sizeof r.kind);
	rf_value(rf, "asked", r.asked, sizeof r.asked);
	rf_value(rf, "reason", r.reason, sizeof r.reason);
	rf_value(rf, "basis", r.basis, sizeof r.basis);
	rf_value(rf, "basis_note", r.basis_note, sizeof r.basis_note);
	if (uf && uf->nch)
		snprintf(name, sizeof name, "%s", uf->ch[uf->sel].label);
	if (referral_create(a->s, &r, &id)) {
		struct err e = a->s->err;
		rf_mark(rf, e.field, e.msg);
		if (e.code == ERR_INVAL && strcmp(e.field, "basis") == 0 &&
		    strcmp(r.basis, "consent") == 0) {
			/* the sentence stays under the field; the offer below */
			char q[200];
			snprintf(q, sizeof q, _("Record consent to %s now?"), name);
			app_confirm(a, &rf->sc, q, consent_answered);
			return;
		}
		app_error(a, "%s", e.msg);
		return;
	}
	if (rf->draft_id && draft_delete(a->s, rf->draft_id) == 0)
		rf->draft_id = 0;
	rf->fm.changed = false;
	date_iso(session_today(a->s) + a->s->cfg->referral_days, due);
	app_pop(a);
	app_msg(a, _("The referral to %s is sent; the answer is due %s."), name,
		ui_date(due, shown));
}

static void rf_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	form_draw(sc->app, &rf_of(sc)->fm, w, rows, cols);
}

static bool rf_cursor(struct screen *sc, int *y, int *x)
{
	return form_cursor(&rf_of(sc)->fm, y, x);
}

static size_t rf_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
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

static void rf_key(struct screen *sc, int key, enum action act)
{
	struct ref_form *rf = rf_of(sc);
	struct app *a = sc->app;
	size_t left;

	switch (act) {
	case A_SAVE: rf_send(rf); return;
	case A_BACK:
		rf_save_draft(rf);
		if (rf->draft_id)
			app_msg(a, "%s", _("The referral is kept as a draft on "
					   "the home screen."));
		app_pop(a);
		return;
	default: break;
	}
	switch (form_key(a, &rf->fm, key, act, &left)) {
	case FE_MOVED:
		rf_save_draft(rf);
		sc->dirty = true;
		break;
	case FE_EDITED: sc->dirty = true; break;
	case FE_NONE: break;
	}
}

static void rf_release(struct screen *sc)
{
	struct ref_form *rf = rf_of(sc);
	form_release(&rf->fm);
	free(rf);
}

static const struct screen_ops ref_form_ops = {
	.title = N_("New referral"),
	.text_input = true,
	.actions = rf_actions,
	.draw = rf_draw,
	.key = rf_key,
	.cursor = rf_cursor,
	.save = rf_save_hook,
	.release = rf_release,
};

struct screen *referral_form_new(struct app *a, int64_t case_id,
				 int64_t draft_id)
{
	struct ref_form *rf = calloc(1, sizeof *rf);
	char *data = NULL;
	struct case_rec c;

	if (!rf)
		return NULL;
	if (draft_id) {
		const char *p;
		if (draft_load(a->s, draft_id, &data)) {
			app_error(a, "%s", a->s->err.msg);
			free(rf);
			return NULL;
		}
		p = strstr(data, "_case=");
		case_id = p ? strtoll(p + 6, NULL, 10) : 0;
	}
	if (case_open(a->s, case_id, &c)) {
		app_error(a, "%s", a->s->err.msg);
		free(data);
		free(rf);
		return NULL;
	}
	rf->sc.ops = &ref_form_ops;
	rf->sc.app = a;
	rf->case_id = case_id;
	rf->draft_id = draft_id;
	snprintf(rf->number, sizeof rf->number, "%s", c.number);
	snprintf(rf->applicant, sizeof rf->applicant, "%s", c.applicant_name);
	snprintf(rf->sc.title, sizeof rf->sc.title, _("New referral, case %s"),
		 c.number);
	rf_build(rf);
	if (data) {
		form_restore(&rf->fm, data);
		app_msg(a, "%s", _("The draft is opened where it was left."));
	}
	free(data);
	return &rf->sc;
}

/* ============================================================= screen */

struct ref_screen {
	struct screen sc;
	int64_t id;
	bool loaded;
	struct referral_rec r;
	struct refmsg_rec *msg;
	size_t nmsg;
	unsigned rights;
	size_t top, nlines;
	int page;
	char text[1025];          /* typed into a refused prompt: kept */
	struct staff_unit_rec *staff;
	size_t nstaff;
	size_t code;              /* decline: the chosen reason */
};

static struct ref_screen *rs_of(struct screen *sc)
{
	return (struct ref_screen *)sc;
}

static bool rs_load(struct ref_screen *rs)
{
	struct app *a = rs->sc.app;

	free(rs->msg);
	rs->msg = NULL;
	rs->nmsg = 0;
	if (referral_get(a->s, rs->id, &rs->r)) {
		app_error(a, "%s", a->s->err.msg);
		rs->loaded = false;
		rs->rights = 0;
		rs->sc.dirty = true;
		return false;
	}
	rs->loaded = true;
	if (referral_messages(a->s, rs->id, &rs->msg, &rs->nmsg))
		app_error(a, "%s", a->s->err.msg);
	rs->rights = referral_rights(a->s, &rs->r);
	rs->sc.dirty = true;
	return true;
}

/* What the answer was, as one sentence. */
static void answer_line(const struct referral_rec *r, char *out, size_t size)
{
	char when[64];

	ui_timestamp(r->answered_at, when, sizeof when);
	out[0] = '\0';
	if (!strcmp(r->status, "accepted"))
		snprintf(out, size, _("Accepted by %s %s; taken by %s."),
			 r->answered_name, when,
			 r->assigned_name[0] ? r->assigned_name : r->answered_name);
	else if (!strcmp(r->status, "declined"))
		snprintf(out, size, _("Declined by %s %s: %s."), r->answered_name,
			 when, referral_decline_label(r->answer_code));
	else if (!strcmp(r->status, "withdrawn"))
		snprintf(out, size, "%s", _("Withdrawn by the sender."));
}

static void rs_build(struct ref_screen *rs, struct tlines *L)
{
	const struct referral_rec *r = &rs->r;
	char line[1200], when[64];

	tl_add(L, ST_HEADING, _("What is asked"));
	tl_wrap(L, ST_NORMAL, 2, r->asked);
	tl_add(L, ST_HEADING, _("Why"));
	tl_wrap(L, ST_NORMAL, 2, r->reason);
	tl_add(L, ST_HEADING, _("Basis for sharing"));
	snprintf(line, sizeof line, "%s%s%s", referral_basis_label(r->basis),
		 r->basis_note[0] ? ": " : "", r->basis_note);
	tl_wrap(L, ST_NORMAL, 2, line);
	if (!r->basis_ok)
		tl_wrap(L, ST_ERROR, 2,
			_("The person's consent to the receiving unit is not "
			  "given now: the receiving unit sees this text only, "
			  "not who it is about."));
	if (rs->nmsg) {
		tl_add(L, ST_HEADING, _("Questions and answers"));
		for (size_t i = 0; i < rs->nmsg; i++) {
			ui_timestamp(rs->msg[i].at, when, sizeof when);
			snprintf(line, sizeof line, "%s  %s (%s)", when,
				 rs->msg[i].staff_name,
				 strcmp(rs->msg[i].kind, "question") == 0
					 ? _("question")
					 : _("answer"));
			tl_wrap(L, ST_DIM, 2, line);
			tl_wrap(L, ST_NORMAL, 4, rs->msg[i].text);
		}
	}
	answer_line(r, line, sizeof line);
	if (line[0]) {
		tl_add(L, ST_HEADING, _("The answer"));
		tl_wrap(L, strcmp(r->status, "declined") ? ST_INFO : ST_ERROR, 2,
			line);
		if (r->answer_text[0] && strcmp(r->status, "withdrawn"))
			tl_wrap(L, ST_NORMAL, 4, r->answer_text);
		if (r->withdraw_reason[0])
			tl_wrap(L, ST_NORMAL, 4, r->withdraw_reason);
	}
}

static void rs_header(struct ref_screen *rs, WINDOW *w, int cols)
{
	struct app *a = rs->sc.app;
	const struct referral_rec *r = &rs->r;
	char line[600], d1[DB_DATE], d2[DB_DATE], created[DB_DATE];
	bool overdue = referral_overdue(a->s, r);

	snprintf(line, sizeof line, _("Referral to %s · %s"), r->to_name,
		 referral_kind_label(r->kind));
	ui_put(w, 0, 1, line, cols - 26, ui_attr(a, ST_HEADING));
	ui_put_right(w, 0, cols - 25, referral_status_label(r->status), 24,
		     ui_attr(a, ST_HEADING));
	if (r->person_name[0])
		snprintf(line, sizeof line, _("Case %s · %s"), r->case_number,
			 r->person_name);
	else
		snprintf(line, sizeof line,
			 _("Case %s · who it is about is not shared with you"),
			 r->case_number);
	ui_put(w, 1, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
	snprintf(created, sizeof created, "%.10s", r->created_at);
	snprintf(line, sizeof line, _("From %s (%s) %s · answer by %s%s"),
		 r->from_name, r->created_name, ui_date(created, d2),
		 ui_date(r->deadline, d1), overdue ? _(" · OVERDUE") : "");
	ui_put(w, 2, 1, line, cols - 2,
	       ui_attr(a, overdue ? ST_ERROR : ST_NORMAL));
	ui_hline(w, 3, 0, cols, ui_attr(a, ST_DIM));
}

static void rs_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct ref_screen *rs = rs_of(sc);
	struct tlines L = {.cols = cols};

	if (!rs->loaded) {
		ui_put(w, 1, 2, _("The referral cannot be shown."), cols - 4,
		       ui_attr(sc->app, ST_DIM));
		return;
	}
	rs_header(rs, w, cols);
	rs_build(rs, &L);
	rs->nlines = L.n;
	rs->page = rows - 4;
	rs->top = tl_draw(sc->app, w, 4, rows - 4, cols, &L, rs->top);
	tl_free(&L);
}

static size_t rs_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct ref_screen *rs = rs_of(sc);
	static const enum action tail[] = {A_BACK, A_UP, A_DOWN, A_PGUP,
					   A_PGDN, A_HOME, A_END, A_REDRAW};
	size_t n = 0;

	out[n++] = A_HELP;
	if (rs->rights & RR_ANSWER) {
		out[n++] = A_ACCEPT_REFERRAL;
		out[n++] = A_DECLINE;
		out[n++] = A_ASK;
	}
	if (rs->rights & RR_REPLY)
		out[n++] = A_REPLY;
	if (rs->rights & RR_WITHDRAW)
		out[n++] = A_WITHDRAW;
	if (rs->rights & RR_FORUM)
		out[n++] = A_ESCALATE;
	if (rs->rights & RR_CASE)
		out[n++] = A_OPEN;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail / sizeof tail[0];
}

/* After a step: read it again, and say what happened. */
static void rs_done(struct ref_screen *rs, int rc, const char *ok)
{
	struct app *a = rs->sc.app;

	if (rc) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", a->s->err.msg);
		if (rc == ERR_CONFLICT)
			rs_load(rs);
		app_error(a, "%s", msg);
		return;
	}
	rs->text[0] = '\0';
	rs_load(rs);
	app_msg(a, "%s", ok);
}

static void accept_picked(struct screen *sc, size_t i)
{
	struct ref_screen *rs = rs_of(sc);
	struct app *a = sc->app;
	char ok[300];
	bool transfer = strcmp(rs->r.kind, "transfer") == 0;
	int rc;

	if (i >= rs->nstaff)
		return;
	rc = referral_accept(a->s, rs->id, rs->r.version, rs->staff[i].staff_id,
			     NULL);
	if (transfer)
		snprintf(ok, sizeof ok,
			 _("The transfer is accepted: %s and %s are now "
			   "responsible for case %s."),
			 rs->r.to_name, rs->staff[i].name, rs->r.case_number);
	else
		snprintf(ok, sizeof ok, _("The referral is accepted; %s takes it."),
			 rs->staff[i].name);
	rs_done(rs, rc, ok);
}

static void accept(struct ref_screen *rs)
{
	struct app *a = rs->sc.app;
	const char **lines;
	char (*text)[300];

	free(rs->staff);
	rs->staff = NULL;
	if (referral_assignees(a->s, rs->id, &rs->staff, &rs->nstaff)) {
		app_error(a, "%s", a->s->err.msg);
		return;
	}
	/* the user first: taking it oneself is the usual answer */
	for (size_t i = 1; i < rs->nstaff; i++)
		if (rs->staff[i].staff_id == a->s->me.id) {
			struct staff_unit_rec me = rs->staff[i];
			memmove(&rs->staff[1], &rs->staff[0], i * sizeof me);
			rs->staff[0] = me;
		}
	lines = calloc(rs->nstaff + 1, sizeof *lines);
	text = calloc(rs->nstaff + 1, sizeof *text);
	if (lines && text) {
		for (size_t i = 0; i < rs->nstaff; i++) {
			snprintf(text[i], sizeof text[i], "%s (%s)",
				 rs->staff[i].name, rs->staff[i].login);
			lines[i] = text[i];
		}
		app_push(a, pick_new(a, &rs->sc,
				     strcmp(rs->r.kind, "transfer") == 0
					     ? _("Who takes over the case?")
					     : _("Who takes the referral?"),
				     lines, rs->nstaff, accept_picked));
	}
	free(lines);
	free(text);
}

static void decline_text(struct screen *sc, const char *text)
{
	struct ref_screen *rs = rs_of(sc);
	const char *code = referral_decline_codes[rs->code];

	if (!text)
		return;
	snprintf(rs->text, sizeof rs->text, "%s", text);
	rs_done(rs, referral_decline(sc->app->s, rs->id, rs->r.version, code,
				     text),
		_("The referral is declined; the sender sees the reason."));
}

static void decline_picked(struct screen *sc, size_t i)
{
	struct ref_screen *rs = rs_of(sc);
	rs->code = i;
	app_prompt(sc->app, sc, _("Explain the decline:"), rs->text, 1024,
		   decline_text);
}

static void decline(struct ref_screen *rs)
{
	struct app *a = rs->sc.app;
	const char *lines[16];
	size_t n = 0;

	for (; referral_decline_codes[n] && n < 16; n++)
		lines[n] = referral_decline_label(referral_decline_codes[n]);
	app_push(a, pick_new(a, &rs->sc, _("Why is the referral declined?"),
			     lines, n, decline_picked));
}

/* The prompts of one text: the step they lead to. */
static void ask_text(struct screen *sc, const char *text)
{
	struct ref_screen *rs = rs_of(sc);
	if (!text)
		return;
	snprintf(rs->text, sizeof rs->text, "%s", text);
	rs_done(rs, referral_ask(sc->app->s, rs->id, rs->r.version, text),
		_("The question is sent; the referral waits for the answer."));
}

static void reply_text(struct screen *sc, const char *text)
{
	struct ref_screen *rs = rs_of(sc);
	if (!text)
		return;
	snprintf(rs->text, sizeof rs->text, "%s", text);
	rs_done(rs, referral_reply(sc->app->s, rs->id, rs->r.version, text),
		_("The answer is sent; the referral waits for the receiving "
		  "unit again."));
}

static void withdraw_text(struct screen *sc, const char *text)
{
	struct ref_screen *rs = rs_of(sc);
	if (!text)
		return;
	snprintf(rs->text, sizeof rs->text, "%s", text);
	rs_done(rs, referral_withdraw(sc->app->s, rs->id, rs->r.version, text),
		_("The referral is withdrawn."));
}

static void escalate_text(struct screen *sc, const char *text)
{
	struct ref_screen *rs = rs_of(sc);
	if (!text)
		return;
	snprintf(rs->text, sizeof rs->text, "%s", text);
	rs_done(rs, referral_escalate(sc->app->s, rs->id, rs->r.version, text),
		_("The referral is on the housing forum's agenda."));
}

static void rs_key(struct screen *sc, int key, enum action act)
{
	struct ref_screen *rs = rs_of(sc);
	struct app *a = sc->app;

	(void)key;
	switch (act) {
	case A_BACK: app_pop(a); return;
	case A_ACCEPT_REFERRAL: accept(rs); return;
	case A_DECLINE: decline(rs); return;
	case A_ASK:
		app_prompt(a, sc, _("Question to the sender:"), rs->text, 1024,
			   ask_text);
		return;
	case A_REPLY:
		app_prompt(a, sc, _("Answer to the question:"), rs->text, 1024,
			   reply_text);
		return;
	case A_WITHDRAW:
		app_prompt(a, sc, _("Why is it withdrawn?"), rs->text, 1024,
			   withdraw_text);
		return;
	case A_ESCALATE:
		app_prompt(a, sc, _("Why should the forum take it up?"), rs->text,
			   1024, escalate_text);
		return;
	case A_OPEN:
		app_push(a, case_screen_new(a, rs->r.case_id));
		return;
	default: break;
	}
	if (tl_scroll(&rs->top, rs->nlines, rs->page, act))
		sc->dirty = true;
}

static void rs_resume(struct screen *sc)
{
	rs_load(rs_of(sc));
}

static void rs_release(struct screen *sc)
{
	struct ref_screen *rs = rs_of(sc);
	free(rs->msg);
	free(rs->staff);
	free(rs);
}

static const struct screen_ops ref_ops = {
	.title = N_("Referral"),
	.actions = rs_actions,
	.draw = rs_draw,
	.key = rs_key,
	.resume = rs_resume,
	.release = rs_release,
};

struct screen *referral_screen_new(struct app *a, int64_t referral_id)
{
	struct ref_screen *rs = calloc(1, sizeof *rs);

	if (!rs)
		return NULL;
	rs->sc.ops = &ref_ops;
	rs->sc.app = a;
	rs->id = referral_id;
	if (!rs_load(rs)) {
		free(rs);
		return NULL;
	}
	snprintf(rs->sc.title, sizeof rs->sc.title, _("Referral, case %s"),
		 rs->r.case_number);
	return &rs->sc;
}

/* ====================================================== the case view */

#define CASE_REFS_MAX 20

struct case_refs {
	struct referral_rec *r;
	size_t n;
	bool has_plan;
	struct plan_line plan;
	char plan_why[512]; /* why the plan line could not be read */
	struct session *s;
};

struct case_refs *case_refs_load(struct app *a, int64_t case_id)
{
	struct case_refs *cr = calloc(1, sizeof *cr);
	int rc;

	if (!cr)
		return NULL;
	cr->s = a->s;
	cr->r = calloc(CASE_REFS_MAX, sizeof *cr->r);
	if (cr->r && referral_page(a->s, RL_CASE, case_id, NULL, CASE_REFS_MAX,
				   cr->r, &cr->n))
		cr->n = 0;
	rc = plan_brief(a->s, case_id, &cr->plan);
	cr->has_plan = rc == 0;
	if (rc && rc != ERR_NOTFOUND)
		snprintf(cr->plan_why, sizeof cr->plan_why, "%s", a->s->err.msg);
	return cr;
}

void case_refs_lines(const struct case_refs *cr, case_line_fn line, void *ctx)
{
	char text[1400], d1[DB_DATE], d2[DB_DATE], d3[DB_DATE];

	if (!cr)
		return;
	line(ctx, ST_HEADING, 0, _("Referrals"));
	if (!cr->n)
		line(ctx, ST_DIM, 2, _("No referrals."));
	for (size_t i = 0; i < cr->n; i++) {
		const struct referral_rec *r = &cr->r[i];
		bool overdue = referral_overdue(cr->s, r);
		snprintf(d1, sizeof d1, "%.10s", r->created_at);
		snprintf(text, sizeof text, _("%s → %s (%s): %s, answer by %s%s"),
			 ui_date(d1, d2), r->to_name, referral_kind_label(r->kind),
			 referral_status_label(r->status),
			 ui_date(r->deadline, d3), overdue ? _(" · OVERDUE") : "");
		line(ctx, overdue ? ST_ERROR : ST_NORMAL, 2, text);
		answer_line(r, text, sizeof text);
		if (text[0])
			line(ctx, strcmp(r->status, "declined") ? ST_INFO : ST_ERROR,
			     4, text);
		if (r->answer_text[0] && strcmp(r->status, "withdrawn"))
			line(ctx, ST_NORMAL, 6, r->answer_text);
		if (!strcmp(r->status, "question"))
			line(ctx, ST_ERROR, 4,
			     _("The receiving unit has asked a question: press v "
			       "to answer it."));
	}
	line(ctx, ST_NORMAL, 0, "");
	line(ctx, ST_HEADING, 0, _("Individual plan"));
	if (cr->has_plan) {
		snprintf(text, sizeof text, _("%s · next evaluation %s"),
			 plan_status_label(cr->plan.status),
			 cr->plan.next_evaluation[0]
				 ? ui_date(cr->plan.next_evaluation, d1)
				 : _("not set"));
		line(ctx, ST_NORMAL, 2, text);
	} else if (cr->plan_why[0]) {
		line(ctx, ST_DIM, 2, cr->plan_why);
	} else {
		line(ctx, ST_DIM, 2, _("No individual plan."));
	}
}

void case_refs_free(struct case_refs **cr)
{
	if (!*cr)
		return;
	free((*cr)->r);
	free(*cr);
	*cr = NULL;
}

void ui_journal_text(const struct journal_rec *j, char *out, size_t size)
{
	if (!referral_journal_render(j, out, size))
		journal_render(j, out, size);
}
