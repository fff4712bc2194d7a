/*
 * pager: a list of cases read from the database one screenful at a time
 * (keyset pages: "the lines after this one"), never all into memory.  It
 * keeps the current page and, for going back, the line each earlier page
 * started after: one line per page, not the pages themselves.
 *
 * A filter (typed after `/`) is applied to the lines as they are read;
 * the database query is the same, so the pages are still read in order.
 */
#ifndef BOSAK_PAGER_H
#define BOSAK_PAGER_H

#include "ui.h"

#define PAGER_MAX_ROWS 200

typedef int (*pager_fetch_fn)(struct session *s, void *ctx,
			      const struct db_case_line *after, size_t limit,
			      struct db_case_line *out, size_t *n);

struct pager {
	pager_fetch_fn fetch;
	void *ctx;
	char filter[129];   /* folded; "" shows every line */
	size_t rows;        /* lines per page (the body's height) */
	struct db_case_line line[PAGER_MAX_ROWS];
	size_t n;           /* lines on this page */
	size_t sel;         /* the chosen line on this page */
	size_t page;
	bool more;          /* there may be a page after this one */
	/* start[k] is the line page k+1 starts after */
	struct db_case_line *start;
	size_t nstart, capstart;
	int err;            /* the last fetch's code; the sentence in s->err */
};

void pager_init(struct pager *p, pager_fetch_fn fetch, void *ctx);
void pager_release(struct pager *p);
/* Reads the first page for rows lines. */
int pager_reset(struct pager *p, struct session *s, size_t rows);
/* The body was resized: re-reads the current page with the new height. */
int pager_resize(struct pager *p, struct session *s, size_t rows);
/* Reads the current page again (after a case changed), keeping the
 * chosen line where it can. */
int pager_reload(struct pager *p, struct session *s);
/* Moves; each returns whether the view changed. */
/* The list keys every paged list has: A_UP, A_DOWN, A_PGUP, A_PGDN,
 * A_HOME and A_END move as the functions below; true if the selection or
 * the page changed, false for any other action. */
bool pager_move(struct pager *p, struct session *s, enum action act);
bool pager_up(struct pager *p, struct session *s);
bool pager_down(struct pager *p, struct session *s);
bool pager_page_up(struct pager *p, struct session *s);
bool pager_page_down(struct pager *p, struct session *s);
bool pager_first(struct pager *p, struct session *s);
bool pager_last(struct pager *p, struct session *s);
void pager_set_filter(struct pager *p, const char *text);
const struct db_case_line *pager_current(const struct pager *p);

#endif
