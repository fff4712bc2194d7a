/*
 * ui: what the screens share.  The application (app.c) keeps a stack of
 * screens and a frame (frame.c): title line, body window, message line and
 * key bar.  A screen draws only into the body and says which actions it
 * answers to; the frame draws the rest from that.  Screens hold their
 * state in plain data, never in curses windows, so that a resize simply
 * redraws them and nothing typed is lost.
 */
#ifndef BOSAK_UI_H
#define BOSAK_UI_H

#include <curses.h>

#include "app.h"
#include "editbuf.h"
#include "keymap.h"
#include "tui.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
#define UI_MAX_ACTIONS 32

struct screen;

struct screen_ops {
	/* For the title line (untranslated, N_()). */
	const char *title;
	/* Printable keys are text here (a form): they reach key() as
	 * themselves with A_NONE, and only non-printable keys are shown in
	 * the key bar and help. */
	bool text_input;
	/* The actions this screen answers to now, in lookup order. */
	size_t (*actions)(struct screen *sc, enum action out[UI_MAX_ACTIONS]);
	/* Draws the body (already erased) of h rows and w columns. */
	void (*draw)(struct screen *sc, WINDOW *body, int h, int w);
	void (*key)(struct screen *sc, int key, enum action act);
	/* Where the cursor belongs in the body; false: hidden.  NULL: hidden */
	bool (*cursor)(struct screen *sc, int *y, int *x);
	/* Keeps what is typed (a draft) before the program ends: on SIGHUP,
	 * SIGTERM, SIGINT and quit.  NULL: nothing to keep. */
	void (*save)(struct screen *sc);
	/* The screen above this one was closed: refresh what may have
	 * changed (counts, lists).  NULL: nothing. */
	void (*resume)(struct screen *sc);
	void (*release)(struct screen *sc);
};

struct screen {
	const struct screen_ops *ops;
	struct app *app;
	bool dirty;       /* the body must be drawn again */
	char title[160];  /* the title line's name for it; "" = ops->title */
};

enum ui_style {
	ST_NORMAL,
	ST_TITLE,
	ST_KEY,
	ST_ERROR,
	ST_INFO,
	ST_SELECTED,
	ST_HEADING,
	ST_FIELD,
	ST_FIELD_BAD,
	ST_DIM,
	ST__COUNT
};

/* The frame: four windows and what was last drawn into each, so that
 * nothing is drawn again that did not change. */
struct frame {
	WINDOW *title, *body, *msg, *bar;
	WINDOW *small; /* the whole screen while it is below 80x24 */
	/* Rows over the body's foot while a question is open: the reason
	 * it is asked again, and the start of a long yes/no question. */
	WINDOW *over;
	int over_rows;
	int prompt_x;  /* where the question's text field starts */
	int rows, cols;
	bool too_small;
	bool colour;
	attr_t attr[ST__COUNT];
	char shown_title[620];
	char shown_bar[1024];
	char shown_msg[600];
	char shown_over[1100];
	bool force; /* draw everything on the next update (resize, Ctrl-L) */
};

typedef void (*prompt_done_fn)(struct screen *sc, const char *text);
typedef void (*confirm_done_fn)(struct screen *sc, bool yes);

/* A one-line question on the message line: text (prompt) or yes/no. */
struct prompt {
	bool active;
	bool yesno;
	char label[256];
	struct editbuf eb;
	struct screen *owner;
	prompt_done_fn done;
	prompt_done_fn changed; /* optional: after every edit (live filter) */
	confirm_done_fn answered;
};

#define APP_MAX_DEPTH 8

struct app {
	struct session *s;
	SCREEN *term;
	FILE *in, *out;
	struct keymap km;
	struct frame f;
	struct screen *stack[APP_MAX_DEPTH];
	int depth;
	struct prompt prompt;
	char msg[512];
	bool msg_error;
	bool done;
	int exit_code;
	bool cursor_on;
	char *letter;          /* a letter waiting for its file name */
	bool need_update;      /* a key or a signal may have changed the screen */
	unsigned long updates; /* doupdate calls, for tests */
};

/* ---- app.c ---- */
void app_push(struct app *a, struct screen *sc);
/* Closes the top screen; the one below gets resume(). */
void app_pop(struct app *a);
/* Replaces the top screen by sc (intake done -> case view). */
void app_replace(struct app *a, struct screen *sc);
struct screen *app_top(struct app *a);
void app_msg(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void app_error(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void app_prompt(struct app *a, struct screen *owner, const char *label,
		const char *initial, size_t max_bytes, prompt_done_fn done);
void app_confirm(struct app *a, struct screen *owner, const char *question,
		 confirm_done_fn answered);
/* Ends the program (after asking screens to save). */
void app_quit(struct app *a);
/* The keys of act that work on screen sc, for help and the bar. */
void app_action_keys(struct app *a, const struct screen *sc, enum action act,
		     char *out, size_t size, bool first_only);
/* The same where text tells whether printable keys type text (a form,
 * a text question) and so are no keys for actions. */
void app_keys_text(struct app *a, bool text, enum action act, char *out,
		   size_t size, bool first_only);

/* Applies an editing action (or a printable key with A_NONE) to b;
 * returns whether the text or cursor changed. */
bool ui_edit(struct editbuf *b, int key, enum action act);
#define UI_EDIT_NACTIONS 8
/* The editing actions, for a text screen's action list. */
extern const enum action ui_edit_actions[UI_EDIT_NACTIONS];

/* ---- frame.c ---- */
void frame_init(struct frame *f, bool colour);
/* (Re)creates the windows for the terminal's present size. */
void frame_layout(struct frame *f);
void frame_release(struct frame *f);
/* Draws what changed and puts the cursor; returns whether anything was
 * given to wnoutrefresh (then the caller calls doupdate once). */
bool frame_update(struct app *a);
/* Text drawing in screen columns: at most cols columns of UTF-8 text at
 * (y, x); returns the columns used.  Text that does not fit ends in "…",
 * cut after a whole word where one ends in the second half of the room,
 * else at the column.  ui_put_pad fills up to cols. */
int ui_put(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr);
int ui_put_pad(WINDOW *w, int y, int x, const char *text, int cols,
	       attr_t attr);
/* text cut or padded with spaces to exactly cols columns, into out:
 * printf's %-30s counts bytes, and æøå take two. */
void ui_cols(char *out, size_t size, const char *text, int cols);
/* Right-aligned in a field of cols columns. */
void ui_put_right(WINDOW *w, int y, int x, const char *text, int cols,
		  attr_t attr);
attr_t ui_attr(struct app *a, enum ui_style st);
/* Draws an editbuf's visible part into a field of cols columns. */
void ui_put_editbuf(WINDOW *w, int y, int x, struct editbuf *b, int cols,
		    attr_t attr);
void ui_hline(WINDOW *w, int y, int x, int n, attr_t attr);
/* Heading line "── Text ──" across w columns. */
void ui_heading(struct app *a, WINDOW *w, int y, const char *text, int cols);
/* One line of wrapped text: len bytes from p. */
struct ui_span {
	const char *p;
	size_t len;
};
/* Wraps UTF-8 text into at most max lines of cols columns, breaking at
 * spaces (a word longer than a line is broken where the line ends) and
 * at newlines; returns the number of lines.  When the text needs more
 * than max, the last line holds all the rest, so that ui_put ends it
 * with "…". */
size_t ui_wrap(const char *text, int cols, struct ui_span *out, size_t max);
/* ui_put of one span. */
int ui_put_span(WINDOW *w, int y, int x, const struct ui_span *sp, int cols,
		attr_t attr);

/* ---- screens ---- */
struct screen *home_new(struct app *a);
struct screen *queue_screen_new(struct app *a, enum queue_kind q);
struct screen *search_new(struct app *a);
struct screen *intake_screen_new(struct app *a, int64_t draft_id);
/* NULL (with the reason on the message line) when the case cannot be
 * opened: no access, not found. */
struct screen *case_screen_new(struct app *a, int64_t case_id);
struct screen *help_new(struct app *a, struct screen *of);
/* The supervisor's review of break-the-glass openings (screen_glass.c). */
struct screen *glass_screen_new(struct app *a);
/* The supervisor's overview, the cases behind one of its figures, and
 * who has looked at a case (screen_overview.c, issue 6). */
struct screen *overview_screen_new(struct app *a);
struct screen *ov_list_screen_new(struct app *a, const struct ov_list *l);
/* NULL (with the reason on the message line) when not allowed. */
struct screen *access_screen_new(struct app *a, int64_t case_id);
/* Help for the open question (F1, or ? where ? is not text): the
 * question waits under it and is asked again when help is closed. */
struct screen *help_new_prompt(struct app *a);

/* ---- labels.c ---- */
#define UI_NRELATIONS 5
/* Household relations other than the applicant, stored names. */
extern const char *const ui_relations[UI_NRELATIONS];
const char *ui_relation_label(const char *name);
const char *ui_doc_state_label(const char *state);
const char *ui_consent_state_label(const char *state);
/* A stored UTC timestamp as local "DD.MM.YYYY HH:MM". */
void ui_timestamp(const char *ts, char *out, size_t size);
/* Asks for a file name (default_name offered; empty = the print command)
 * and writes text (malloc'd; taken over) with letter_output. */
void ui_output_letter(struct screen *owner, char *text,
		      const char *default_name);

/* ---- lines.c: one case line of a list ---- */
void ui_case_line(struct app *a, WINDOW *w, int y, int cols,
		  const struct db_case_line *l, bool selected);
void ui_case_header(struct app *a, WINDOW *w, int y, int cols);
/* The same with other titles for the status, unit and deadline columns,
 * for lists whose lines carry something else there. */
void ui_case_header_as(struct app *a, WINDOW *w, int y, int cols,
		       const char *status, const char *who, const char *day);
/* DD.MM.YYYY of an ISO date, "" stays "". */
const char *ui_date(const char *iso, char out[DB_DATE]);

#endif
