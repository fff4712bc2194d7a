/*
 * Words the screens show for stored names that core has no label for
 * (household relations, document and consent states), a timestamp in
 * local time, and writing a letter to a file or the printer.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"

const char *const ui_relations[UI_NRELATIONS] = {
	"spouse", "partner", "child", "other_adult", "other",
};

static const char *lookup(const char *name, const char *const *names,
			  const char *const *labels, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return _(labels[i]);
	return name;
}

const char *ui_relation_label(const char *name)
{
	static const char *const names[] = {"applicant", "spouse", "partner",
					    "child", "other_adult", "other"};
	static const char *const labels[] = {
		N_("applicant"), N_("spouse"),      N_("partner"),
		N_("child"),     N_("other adult"), N_("other"),
	};
	return lookup(name, names, labels, 6);
}

const char *ui_doc_state_label(const char *state)
{
	static const char *const names[] = {"missing", "received", "not_needed"};
	static const char *const labels[] = {N_("missing"), N_("received"),
					     N_("not needed")};
	return lookup(state, names, labels, 3);
}

const char *ui_consent_state_label(const char *state)
{
	static const char *const names[] = {"given", "refused", "withdrawn"};
	static const char *const labels[] = {N_("given"), N_("refused"),
					     N_("withdrawn")};
	return lookup(state, names, labels, 3);
}

void ui_timestamp(const char *ts, char *out, size_t size)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (!strptime(ts, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		snprintf(out, size, "%s", ts);
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(out, size, "%d.%m.%Y %H:%M", &tm);
}

/* ---------------------------------------------------------- letters */

static void letter_answer(struct screen *sc, const char *path)
{
	struct app *a = sc->app;
	char name[256];

	if (!path) {
		app_msg(a, "%s", _("The letter was not written."));
		free(a->letter);
		a->letter = NULL;
		return;
	}
	snprintf(name, sizeof name, "%s", path);
	text_trim(name);
	if (letter_output(a->s, a->letter, name[0] ? name : NULL)) {
		/* ask again, keeping what was typed, until it works or Esc */
		app_error(a, "%s", a->s->err.msg);
		app_prompt(a, sc, _("File name (empty: print):"), name, 255,
			   letter_answer);
		return;
	}
	if (name[0])
		app_msg(a, _("The letter was written to %s."), name);
	else
		app_msg(a, "%s", _("The letter was sent to the printer."));
	free(a->letter);
	a->letter = NULL;
}

void ui_output_letter(struct screen *owner, char *text,
		      const char *default_name)
{
	struct app *a = owner->app;

	free(a->letter);
	a->letter = text;
	app_prompt(a, owner, _("File name (empty: print):"), default_name, 255,
		   letter_answer);
}
