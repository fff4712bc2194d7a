/*
 * The housing instruments panel (issue 8): screen_instrument.c.  The case
 * view shows the panel's lines in its body and opens the screen with one
 * key; the screen moves instruments along.
 */
#ifndef BOSAK_INSTRUMENT_UI_H
#define BOSAK_INSTRUMENT_UI_H

#include "ui.h"

/* The panel of a case the user has opened (c as case_open read it). */
struct screen *instrument_screen_new(struct app *a, const struct case_rec *c);
/* One line of the panel for a list: label, state, day, unit. */
void instrument_line_text(const struct instrument_line *l, char *out,
			  size_t size, int label_cols);

#endif
