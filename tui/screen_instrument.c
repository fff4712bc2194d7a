/*
 * The housing instruments panel of a case (issue 8): every instrument the
 * municipality offers, one line each, in one screen at 80x24, and under
 * them the chosen one's handling unit, reason and note.  One key moves
 * the chosen instrument along (to be applied for, applied today at the
 * handling unit, granted); others mark it not relevant (with the reason),
 * applied on a given day, refused, or back to not considered; one sends
 * it to the unit that handles it as a referral for a service.  Every
 * change is core's: journaled and guarded by the version read.
 */
#include <stdlib.h>
#include <string.h>

#include "instrument_ui.h"

struct instr_screen {
	struct screen sc;
	struct case_rec c;
	bool may_edit;
	struct instrument_line l[CFG_INSTRUMENTS];
	size_t n, sel;
	char kept[513]; /* a reason or note refused: offered again */
};

static struct instr_screen *is_of(struct screen *sc)
{
	return (struct instr_screen *)sc;
}

static void load(struct instr_screen *is)
{
	struct app *a = is->sc.app;

	is->n = 0;
	if (instrument_panel(a->s, is->c.id, is->l, &is->n))
		app_error(a, "%s", a->s->err.msg);
	is->may_edit = instrument_may_edit(a->s, &is->c);
	if (is->sel >= is->n)
		is->sel = is->n ? is->n - 1 : 0;
	is->sc.dirty = true;
}

void instrument_line_text(const struct instrument_line *l, char *out,
			  size_t size, int label_cols)
{
	char label[300], st[120], day[DB_DATE];
	const char *iso = l->state == IS_GRANTED   ? l->r.granted_on
			  : l->state == IS_REFUSED ? l->r.refused_on
			  : l->state == IS_APPLIED ? l->r.applied_on
						   : "";

	ui_cols(label, sizeof label, instrument_label(l->r.code), label_cols);
	ui_cols(st, sizeof st, instr_state_label(l->state), 18);
	ui_date(iso, day);
	snprintf(out, size, "%s %s %-10s %s", label, st, day,
		 l->state >= IS_APPLIED ? l->r.unit_code : "");
}

static void is_draw(struct screen *sc, WINDOW *w, int rows, int cols)
{
	struct instr_screen *is = is_of(sc);
	struct app *a = sc->app;
	char line[600], head[300], st[120];
	struct ui_span sp[8];
	int y, label_cols = cols - 39 > 60 ? 60 : cols - 39;
	const struct instrument_line *l;

	snprintf(line, sizeof line, "%s  %s", is->c.number,
		 is->c.applicant_name);
	ui_put(w, 0, 1, line, cols - 2, ui_attr(a, ST_HEADING));
	ui_cols(head, sizeof head, _("Instrument"), label_cols);
	ui_cols(st, sizeof st, _("State"), 18);
	snprintf(line, sizeof line, "%s %s %-10s %s", head, st, _("Day"),
		 _("Unit"));
	ui_put(w, 1, 1, line, cols - 2, ui_attr(a, ST_DIM));
	if (is->n == 0)
		ui_put(w, 2, 2, _("No housing instrument is configured."),
		       cols - 4, ui_attr(a, ST_DIM));
	for (size_t i = 0; i < is->n && (int)i + 2 < rows; i++) {
		enum ui_style style = i == is->sel ? ST_SELECTED
				      : is->l[i].state == IS_NONE ? ST_DIM
								  : ST_NORMAL;
		instrument_line_text(&is->l[i], line, sizeof line, label_cols);
		ui_put_pad(w, 2 + (int)i, 1, line, cols - 2, ui_attr(a, style));
	}
	y = 3 + (int)is->n;
	if (!is->n || y >= rows)
		return;
	l = &is->l[is->sel];
	ui_hline(w, y++, 0, cols, ui_attr(a, ST_DIM));
	snprintf(line, sizeof line, _("%s is handled by %s (%s)%s"),
		 instrument_label(l->r.code),
		 l->handler_name[0] ? l->handler_name : "-", l->handler_code,
		 l->other_unit ? _(": another unit") : "");
	ui_put(w, y++, 1, line, cols - 2, ui_attr(a, ST_NORMAL));
	if (l->r.reason[0] && y < rows) {
		snprintf(line, sizeof line, "%s %s", _("Reason:"), l->r.reason);
		size_t k = ui_wrap(line, cols - 2, sp, 2);
		for (size_t i = 0; i < k && y < rows; i++)
			ui_put_span(w, y++, 1, &sp[i], cols - 2,
				    ui_attr(a, ST_NORMAL));
	}
	if (l->r.note[0] && y < rows) {
		snprintf(line, sizeof line, "%s %s", _("Note:"), l->r.note);
		size_t k = ui_wrap(line, cols - 2, sp,
				   (size_t)(rows - y > 3 ? 3 : rows - y));
		for (size_t i = 0; i < k && y < rows; i++)
			ui_put_span(w, y++, 1, &sp[i], cols - 2,
				    ui_attr(a, ST_NORMAL));
	}
	if (l->r.referral_id && y < rows)
		ui_put(w, y++, 1, _("Sent to the handling unit as a referral."),
		       cols - 2, ui_attr(a, ST_DIM));
	if (!is->may_edit && y < rows)
		ui_put(w, y, 1,
		       _("Only a caseworker of the responsible unit changes "
			 "the instruments."),
		       cols - 2, ui_attr(a, ST_DIM));
}

static size_t is_actions(struct screen *sc, enum action out[UI_MAX_ACTIONS])
{
	struct instr_screen *is = is_of(sc);
	size_t n = 0;

	out[n++] = A_HELP;
	if (is->may_edit && is->n) {
		out[n++] = A_INSTR_NEXT;
		out[n++] = A_INSTR_NOT_RELEVANT;
		out[n++] = A_INSTR_APPLIED;
		out[n++] = A_INSTR_REFUSED;
		if (is->l[is->sel].other_unit)
			out[n++] = A_INSTR_SEND;
		out[n++] = A_INSTR_NOTE;
		out[n++] = A_INSTR_RESET;
	}
	out[n++] = A_BACK;
	out[n++] = A_UP;
	out[n++] = A_DOWN;
	out[n++] = A_HOME;
	out[n++] = A_END;
	out[n++] = A_REDRAW;
	return n;
}

/* The change done (or refused, with core's sentence); the panel again. */
static bool changed(struct instr_screen *is, int rc, const char *code)
{
	struct app *a = is->sc.app;
	bool ok = rc == 0;

	if (!ok)
		app_error(a, "%s", a->s->err.msg);
	load(is);
	if (ok)
		for (size_t i = 0; i < is->n; i++)
			if (strcmp(is->l[i].r.code, code) == 0)
				app_msg(a, "%s: %s", instrument_label(code),
					instr_state_label(is->l[i].state));
	return ok;
}

static int set_state(struct instr_screen *is, enum instr_state st,
		     const char *reason, const char *note, const char *day)
{
	const struct instrument_line *l = &is->l[is->sel];
	struct instrument_change ch = {
		.case_id = is->c.id, .code = l->r.code,
		.version = l->r.version, .state = st, .reason = reason,
		.note = note, .applied_iso = day,
	};
	return instrument_set(is->sc.app->s, &ch);
}

static void reason_done(struct screen *sc, const char *text)
{
	struct instr_screen *is = is_of(sc);
	char code[33];

	if (!text)
		return;
	snprintf(code, sizeof code, "%s", is->l[is->sel].r.code);
	snprintf(is->kept, sizeof is->kept, "%s", text);
	if (changed(is, set_state(is, IS_NOT_RELEVANT, text, NULL, NULL),
		    code))
		is->kept[0] = '\0';
}

static void note_done(struct screen *sc, const char *text)
{
	struct instr_screen *is = is_of(sc);
	const struct instrument_line *l;
	char code[33];

	if (!text)
		return;
	l = &is->l[is->sel];
	snprintf(code, sizeof code, "%s", l->r.code);
	if (changed(is, set_state(is, l->state, l->r.reason, text, NULL),
		    code))
		is->kept[0] = '\0';
}

static void day_done(struct screen *sc, const char *text)
{
	struct instr_screen *is = is_of(sc);
	struct app *a = sc->app;
	struct err e = {0};
	char iso[DB_DATE], code[33];

	if (!text)
		return;
	snprintf(code, sizeof code, "%s", is->l[is->sel].r.code);
	if (date_parse(text, iso, &e)) {
		app_error(a, "%s", e.msg);
		return;
	}
	(void)changed(is, set_state(is, IS_APPLIED, NULL, NULL, iso), code);
}

static void is_key(struct screen *sc, int key, enum action act)
{
	struct instr_screen *is = is_of(sc);
	struct app *a = sc->app;
	const struct instrument_line *l = is->n ? &is->l[is->sel] : NULL;
	char code[33], prompt[300], today[DB_DATE], shown[DB_DATE];
	int64_t rid = 0;

	(void)key;
	if (l)
		snprintf(code, sizeof code, "%s", l->r.code);
	switch (act) {
	case A_UP:
	case A_DOWN:
	case A_HOME:
	case A_END: {
		size_t before = is->sel;
		if (act == A_UP && is->sel > 0)
			is->sel--;
		else if (act == A_DOWN && is->sel + 1 < is->n)
			is->sel++;
		else if (act == A_HOME)
			is->sel = 0;
		else if (act == A_END && is->n)
			is->sel = is->n - 1;
		if (is->sel != before) {
			is->kept[0] = '\0';
			sc->dirty = true;
		}
		break;
	}
	case A_INSTR_NEXT:
		if (l)
			(void)changed(is, instrument_advance(a->s, is->c.id,
							     code,
							     l->r.version),
				      code);
		break;
	case A_INSTR_NOT_RELEVANT:
		if (!l)
			break;
		snprintf(prompt, sizeof prompt, _("%s is not relevant because:"),
			 instrument_label(code));
		app_prompt(a, sc, prompt, is->kept[0] ? is->kept : l->r.reason,
			   512, reason_done);
		break;
	case A_INSTR_APPLIED:
		if (!l)
			break;
		session_today_iso(a->s, today);
		date_show(l->r.applied_on[0] ? l->r.applied_on : today, shown);
		snprintf(prompt, sizeof prompt, _("%s applied for on (day):"),
			 instrument_label(code));
		app_prompt(a, sc, prompt, shown, 32, day_done);
		break;
	case A_INSTR_REFUSED:
		if (l)
			(void)changed(is, set_state(is, IS_REFUSED, NULL, NULL,
						    NULL),
				      code);
		break;
	case A_INSTR_RESET:
		if (l)
			(void)changed(is, set_state(is, IS_NONE, NULL, NULL,
						    NULL),
				      code);
		break;
	case A_INSTR_NOTE:
		if (!l)
			break;
		snprintf(prompt, sizeof prompt, _("Note on %s:"),
			 instrument_label(code));
		app_prompt(a, sc, prompt, is->kept[0] ? is->kept : l->r.note,
			   512, note_done);
		break;
	case A_INSTR_SEND:
		if (!l)
			break;
		if (instrument_refer(a->s, is->c.id, code, l->r.version, &rid)) {
			app_error(a, "%s", a->s->err.msg);
			load(is);
			break;
		}
		load(is);
		app_msg(a, _("%s is sent to %s as a referral for a service."),
			instrument_label(code), is->l[is->sel].handler_name);
		break;
	case A_BACK: app_pop(a); break;
	default: break;
	}
}

static void is_resume(struct screen *sc)
{
	load(is_of(sc));
}

static void is_release(struct screen *sc)
{
	free(sc);
}

static const struct screen_ops instr_ops = {
	.title = N_("Housing instruments"),
	.actions = is_actions,
	.draw = is_draw,
	.key = is_key,
	.resume = is_resume,
	.release = is_release,
};

struct screen *instrument_screen_new(struct app *a, const struct case_rec *c)
{
	struct instr_screen *is = calloc(1, sizeof *is);

	if (!is)
		return NULL;
	is->sc.ops = &instr_ops;
	is->sc.app = a;
	is->c = *c;
	snprintf(is->sc.title, sizeof is->sc.title,
		 _("Housing instruments, case %s"), c->number);
	load(is);
	return &is->sc;
}
