/* gettext for everything a user reads.  Source strings are English; the
 * Norwegian bokmål catalogue (po/nb/) is the default language. */
#ifndef BOSAK_I18N_H
#define BOSAK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Chooses the language ("nb", "nn", "en"; "" = nb unless LANGUAGE says
 * otherwise) and binds the catalogue from localedir.  Works on a machine
 * that has only the C.UTF-8 locale. */
void i18n_init(const char *language, const char *localedir);
/* The language in force after i18n_init: "nb", "nn" or "en". */
const char *i18n_language(void);

#endif
