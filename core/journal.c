/*
 * The journal is stored in stable English forms, so that it reads the same
 * whatever language its writer used, and is shown in the reader's language.
 * The forms (kind: text):
 *
 *   registered  registered; responsible unit CODE
 *   status      FROM -> TO[: note]                (stored status names)
 *   interim     interim reply sent; expected YYYY-MM-DD: reason
 *   import      imported from FILE (line N); responsible unit CODE
 *   note        the caseworker's own words, shown as they are
 *
 * The allocation work's forms (handover, decisions, appeals, leases,
 * documents) are listed and shown by journal_render_allocation(), the
 * housing instruments' (kind instrument) by instrument_journal_render().
 *
 * A text in none of these forms is shown as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static bool starts(const char *s, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (strncmp(s, prefix, n) != 0)
		return false;
	*rest = s + n;
	return true;
}

static const char *status_text(const char *name, size_t len, char *buf,
			       size_t size)
{
	int st;
	snprintf(buf, size, "%.*s", (int)len, name);
	st = case_status_from_name(buf);
	return st < 0 ? buf : case_status_label(st);
}

static void render_status(const char *t, char *out, size_t size)
{
	const char *arrow = strstr(t, " -> ");
	const char *to, *colon;
	char a[32], b[32];

	if (!arrow) {
		snprintf(out, size, "%s", t);
		return;
	}
	to = arrow + 4;
	colon = strstr(to, ": ");
	snprintf(out, size, _("Status: %s → %s%s%s"),
		 status_text(t, (size_t)(arrow - t), a, sizeof a),
		 status_text(to, colon ? (size_t)(colon - to) : strlen(to), b,
			     sizeof b),
		 colon ? ". " : "", colon ? colon + 2 : "");
}

void journal_render(const struct journal_rec *j, char *out, size_t size)
{
	const char *rest;
	char date[DB_DATE];

	if (journal_render_allocation(j, out, size))
		return;
	if (instrument_journal_render(j, out, size))
		return;
	if (strcmp(j->kind, "status") == 0) {
		render_status(j->text, out, size);
	} else if (starts(j->text, "registered; responsible unit ", &rest)) {
		snprintf(out, size, _("Registered; the responsible unit is %s."),
			 rest);
	} else if (starts(j->text, "interim reply sent; expected ", &rest) &&
		   strlen(rest) >= 10) {
		char iso[DB_DATE];
		snprintf(iso, sizeof iso, "%.10s", rest);
		date_show(iso, date);
		snprintf(out, size,
			 _("Interim reply sent; a decision is expected by "
			   "%s.%s%s"),
			 date, rest[10] == ':' ? " " : "",
			 rest[10] == ':' ? rest + 12 : "");
	} else if (starts(j->text, "interim reply sent; decision expected ",
			  &rest)) {
		snprintf(out, size,
			 _("Interim reply sent; a decision is expected by "
			   "%s.%s%s"),
			 rest, "", "");
	} else if (starts(j->text, "imported from ", &rest) &&
		   strstr(rest, " (line ") &&
		   strstr(rest, "); responsible unit ")) {
		const char *line = strstr(rest, " (line ");
		const char *unit = strstr(rest, "); responsible unit ");
		snprintf(out, size,
			 _("Imported from %.*s, line %.*s; the responsible unit "
			   "is %s."),
			 (int)(line - rest), rest,
			 (int)(unit > line + 7 ? unit - line - 7 : 0), line + 7,
			 unit + 20);
	} else {
		snprintf(out, size, "%s", j->text);
	}
}
