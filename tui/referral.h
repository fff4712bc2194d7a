/*
 * The screens of referrals, the housing forum and individual plans, and
 * the small pieces they share (wrapped text lines, a pick list, a text
 * viewer).  The case view and the home screen reach them through this
 * header only.
 */
#ifndef BOSAK_TUI_REFERRAL_H
#define BOSAK_TUI_REFERRAL_H

#include "ui.h"

/* ---- screen_text.c: text lines, a pick list, a text viewer ---- */
struct tlines {
	struct {
		char text[400];
		enum ui_style st;
	} *l;
	size_t n, cap;
	int cols;
};
void tl_add(struct tlines *L, enum ui_style st, const char *text);
/* Wraps at spaces into lines of cols - indent columns. */
void tl_wrap(struct tlines *L, enum ui_style st, int indent, const char *text);
void tl_free(struct tlines *L);
/* Draws L from line top into rows y0.. of w (headings as headings);
 * returns the top actually used (kept inside the text). */
size_t tl_draw(struct app *a, WINDOW *w, int y0, int rows, int cols,
	       const struct tlines *L, size_t top);
/* Moves top for a scrolling action; returns whether it changed. */
bool tl_scroll(size_t *top, size_t nlines, int page, enum action act);

/* A list to choose one line from; done(owner, index) after it closes,
 * not called on Esc. */
typedef void (*pick_done_fn)(struct screen *owner, size_t index);
struct screen *pick_new(struct app *a, struct screen *owner, const char *title,
			const char *const *lines, size_t n, pick_done_fn done);
/* A text to read (a plan version, a comparison); text is copied. */
struct screen *text_screen_new(struct app *a, const char *title,
			       const char *text);

/* ---- screen_referral.c ---- */
/* A new referral from a case; draft_id 0, or a draft to go on with. */
struct screen *referral_form_new(struct app *a, int64_t case_id,
				 int64_t draft_id);
/* One referral with its answers and what the user may do with it; NULL
 * (the reason on the message line) when it cannot be read. */
struct screen *referral_screen_new(struct app *a, int64_t referral_id);

/* The case view's section on referrals and the plan. */
struct case_refs;
struct case_refs *case_refs_load(struct app *a, int64_t case_id);
typedef void (*case_line_fn)(void *ctx, enum ui_style st, int indent,
			     const char *text);
void case_refs_lines(const struct case_refs *r, case_line_fn line, void *ctx);
void case_refs_free(struct case_refs **r);
/* The journal line in the reader's language, referral forms included. */
void ui_journal_text(const struct journal_rec *j, char *out, size_t size);

/* ---- screen_inbox.c: lists of referrals, and the home screen's ---- */
struct screen *referral_list_new(struct app *a, enum referral_list l,
				 int64_t case_id);
#define REF_HOME_MAX 6
struct ref_home_item {
	int what;  /* a list, the forum, my plans */
	enum referral_list list;
	long count;
	char label[96];
};
size_t ref_home_items(struct app *a, struct ref_home_item *out, size_t max);
struct screen *ref_home_open(struct app *a, const struct ref_home_item *it);
/* A draft of one of these screens (kind "referral" or "plan"), or NULL
 * when the kind is not theirs. */
struct screen *ref_draft_open(struct app *a, const char *kind,
			      int64_t draft_id);

/* ---- screen_forum.c ---- */
struct screen *forum_screen_new(struct app *a);

/* ---- screen_plan.c ---- */
struct screen *plan_screen_new(struct app *a, int64_t plan_id);
struct screen *plan_form_new(struct app *a, int64_t plan_id, int64_t draft_id);
struct screen *plan_list_new(struct app *a);
/* `p` on a case: its plan, or the offer to start one. */
void plan_for_case(struct screen *from, int64_t case_id);

#endif
