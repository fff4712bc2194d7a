/*
 * Language: bokmål by default, English on request.  gettext ignores
 * LANGUAGE while LC_MESSAGES is "C"/"POSIX", and many servers have no
 * nb_NO locale at all, so we fall back to C.UTF-8 (always present in
 * glibc) and choose the catalogue through LANGUAGE.
 */
#include <langinfo.h>
#include <stdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static char current[8] = "nb";

static const char *pick_language(const char *configured)
{
	const char *env = getenv("LANGUAGE");

	/* An explicit choice in the configuration wins; then LANGUAGE. */
	if (configured && *configured)
		return configured;
	if (env && (strncmp(env, "en", 2) == 0 || strncmp(env, "nn", 2) == 0 ||
		    strncmp(env, "nb", 2) == 0 || strncmp(env, "no", 2) == 0))
		return strncmp(env, "no", 2) == 0 ? "nb" : env;
	return "nb";
}

void i18n_init(const char *language, const char *localedir)
{
	const char *loc = setlocale(LC_ALL, "");
	const char *lang = pick_language(language);

	if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0 ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C.utf8");
	snprintf(current, sizeof current, "%.2s", lang);
	/* nynorsk falls back to bokmål until it has a catalogue of its own */
	if (strcmp(current, "nn") == 0)
		setenv("LANGUAGE", "nn:nb", 1);
	else
		setenv("LANGUAGE", current, 1);
	bindtextdomain("bosak", localedir);
	bind_textdomain_codeset("bosak", "UTF-8");
	textdomain("bosak");
}

const char *i18n_language(void)
{
	return current;
}
