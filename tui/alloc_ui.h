/*
 * The screens of the allocation work (issue 5): the queue by priority,
 * the lists of new decisions, appeals and leases to review, the dwelling
 * register and the meeting view, decisions and their letters, leases.
 * The case view and the home screen reach them through these functions.
 */
#ifndef BOSAK_ALLOC_UI_H
#define BOSAK_ALLOC_UI_H

#include "ui.h"

/* ---- screen_allocation.c ---- */
/* The allocation queue, highest priority first, each case's score broken
 * into its parts. */
struct screen *alloc_queue_screen_new(struct app *a);
/* New decisions, appeals, leases to review. */
struct screen *alloc_list_screen_new(struct app *a, enum alloc_list l);
/* The case's checklist documents, to mark received. */
struct screen *docs_screen_new(struct app *a, int64_t case_id);

/* The case view's allocation part: what it reads once per load, the
 * lines of its section, its actions and their keys.  An action that
 * changes the case calls the case screen's resume() to read it again. */
struct alloc_summary;
struct alloc_summary *alloc_summary_load(struct app *a,
					 const struct case_rec *c);
void alloc_summary_free(struct alloc_summary **al);
typedef void (*alloc_line_fn)(void *ctx, enum ui_style st, int indent,
			      const char *text);
void alloc_summary_lines(struct app *a, const struct alloc_summary *al,
			 alloc_line_fn line, void *ctx);
size_t alloc_case_actions(struct app *a, const struct case_rec *c,
			  const struct alloc_summary *al, enum action *out,
			  size_t max);
/* true when act was one of the allocation actions. */
bool alloc_case_key(struct screen *sc, const struct case_rec *c,
		    const struct alloc_summary *al, enum action act);

/* ---- screen_dwelling.c ---- */
struct screen *dwelling_list_screen_new(struct app *a);
/* The dwelling's form; id 0: a new dwelling. */
struct screen *dwelling_form_new(struct app *a, int64_t id);
/* The meeting view from a dwelling (the cases it suits) or from a case
 * (the dwellings that suit it): one of the ids is 0. */
struct screen *meeting_screen_new(struct app *a, int64_t dwelling_id,
				  int64_t case_id);

/* ---- screen_decision.c ---- */
/* The decision form for a case; dwelling_id 0: none chosen yet. */
struct screen *decision_form_new(struct app *a, int64_t case_id,
				 enum decision_outcome outcome,
				 int64_t dwelling_id);
/* A draft of the decision form (kind "decision"), or NULL for another
 * kind. */
struct screen *alloc_draft_open(struct app *a, const char *kind,
				int64_t draft_id);
/* The case's decisions, their letters as issued and their appeals. */
struct screen *decisions_screen_new(struct app *a, int64_t case_id);
/* Text shown a page at a time (a letter); takes over text. */
struct screen *letter_screen_new(struct app *a, const char *title, char *text);

/* ---- screen_lease.c ---- */
/* The lease form for a granted case, or the view of its lease. */
struct screen *lease_screen_new(struct app *a, int64_t case_id);

#endif
