/*
 * form: a column of labelled fields in sections, on our own editbuf.
 *
 * Why not formw?  We tried the obvious route and it fights us in three
 * places that matter here: (1) a field's text is only complete after
 * form_driver(REQ_VALIDATION), and field_buffer() hands back multibyte
 * text padded with spaces that must be trimmed and re-measured, which is
 * where double-width letters and æøå have broken in formw releases; (2) a
 * resize means unposting and rebuilding the form, which loses the cursor
 * and scroll position inside a field unless all of it is copied out and
 * back; (3) "validate on leaving, show the reason, keep the text" and a
 * draft of every raw field text need the text anyway.  With the text in
 * an editbuf (unit-tested without a terminal) the form is a list of
 * fields drawn from data: a resize is just a redraw, and the draft is the
 * field texts.
 */
#ifndef BOSAK_FORM_H
#define BOSAK_FORM_H

#include "ui.h"

enum field_type {
	FT_HEADING, /* a section title, not a field */
	FT_TEXT,
	FT_NID,     /* ID number: checked on leaving */
	FT_DATE,    /* DD.MM.YYYY and friends: checked and normalised */
	FT_AMOUNT,  /* whole kroner: checked and normalised */
	FT_CHOICE,  /* one of a list: Space, Left, Right */
	FT_CHECK,   /* yes/no: Space */
};

struct choice {
	char label[130];
	char value[24];
};

struct field {
	enum field_type type;
	char key[24];      /* stable name: the draft and core's err.field */
	char label[96];    /* translated */
	struct editbuf eb; /* FT_TEXT, FT_NID, FT_DATE, FT_AMOUNT */
	int width;         /* columns wanted (0: all there is) */
	struct choice *ch; /* FT_CHOICE */
	size_t nch;
	size_t sel;        /* FT_CHOICE: the option; FT_CHECK: 0 or 1 */
	char err[256];     /* why the text is not valid; "" when it is */
};

struct form {
	struct field *f;
	size_t n, cap;
	size_t cur;      /* index of the field with the cursor */
	size_t top;      /* first row shown */
	int label_cols;  /* at the last draw */
	int rows;        /* body rows at the last draw */
	int cols;        /* body columns at the last draw */
	bool changed;    /* since the draft was last saved */
};

void form_init(struct form *fm);
void form_release(struct form *fm);
void form_heading(struct form *fm, const char *label);
struct field *form_text(struct form *fm, enum field_type type, const char *key,
			const char *label, size_t max_bytes, int width);
struct field *form_choice(struct form *fm, const char *key, const char *label);
void form_option(struct field *f, const char *label, const char *value);
struct field *form_check(struct form *fm, const char *key, const char *label);

struct field *form_find(struct form *fm, const char *key);
/* The field's text (trimmed) or the chosen option's value, or "1"/"0". */
void form_value(const struct field *f, char *out, size_t size);
/* Sets a text, or chooses the option with that value. */
void form_set(struct field *f, const char *value);
bool form_is_input(const struct field *f);

/* Moves to the first field (skipping headings). */
void form_first(struct form *fm);

enum form_event {
	FE_NONE,    /* nothing happened */
	FE_EDITED,  /* the current field changed */
	FE_MOVED,   /* the cursor moved to another field: leave() the old */
};
/* Handles a key; *left is the field that was left on FE_MOVED. */
enum form_event form_key(struct app *a, struct form *fm, int key,
			 enum action act, size_t *left);

void form_draw(struct app *a, struct form *fm, WINDOW *w, int rows, int cols);
bool form_cursor(struct form *fm, int *y, int *x);

/* The draft: "key=value" lines with \\ and \n escaped, the cursor's
 * field as "_cur=key".  malloc'd. */
char *form_serialise(const struct form *fm);
/* Restores values from a draft; unknown keys are skipped. */
void form_restore(struct form *fm, const char *data);

#endif
