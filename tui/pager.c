/* Keyset paging of case lists for the queue and search screens. */
#include <stdlib.h>
#include <string.h>

#include "pager.h"

void pager_init(struct pager *p, pager_fetch_fn fetch, void *ctx)
{
	memset(p, 0, sizeof *p);
	p->fetch = fetch;
	p->ctx = ctx;
	p->rows = 1;
}

void pager_release(struct pager *p)
{
	free(p->start);
	p->start = NULL;
	p->nstart = p->capstart = 0;
}

void pager_set_filter(struct pager *p, const char *text)
{
	text_fold(text, p->filter, sizeof p->filter);
}

static bool matches(const struct pager *p, const struct db_case_line *l)
{
	char folded[300];

	if (!p->filter[0])
		return true;
	text_fold(l->name, folded, sizeof folded);
	return strstr(folded, p->filter) || strstr(l->number, p->filter) ||
	       (text_fold(l->unit_name, folded, sizeof folded),
		strstr(folded, p->filter));
}

/* Remembers where page k+1 starts; pages past it are forgotten, since
 * their starts depend on this page's height and filter. */
static int remember_start(struct pager *p, size_t k,
			  const struct db_case_line *after)
{
	if (k >= p->capstart) {
		size_t cap = p->capstart ? p->capstart * 2 : 16;
		struct db_case_line *n;
		while (cap <= k)
			cap *= 2;
		n = realloc(p->start, cap * sizeof *n);
		if (!n)
			return ERR_NOMEM;
		p->start = n;
		p->capstart = cap;
	}
	p->start[k] = *after;
	p->nstart = k + 1;
	return 0;
}

/* Reads page k: lines after start[k-1] (or from the top), filtered,
 * until the page is full.  Without a filter one extra line tells whether
 * there is more; with one, "more" is a guess the next page corrects. */
static int load(struct pager *p, struct session *s, size_t k)
{
	struct db_case_line batch[PAGER_MAX_ROWS + 1], after;
	bool have_after = k > 0;
	size_t got, i, want = p->rows;
	int rc;

	if (k > 0 && k - 1 >= p->nstart)
		return ERR_NOTFOUND;
	if (k > 0)
		after = p->start[k - 1];
	p->n = 0;
	p->more = false;
	for (;;) {
		size_t limit = p->filter[0] ? PAGER_MAX_ROWS : want + 1;
		rc = p->fetch(s, p->ctx, have_after ? &after : NULL, limit,
			      batch, &got);
		if (rc) {
			p->err = rc;
			return rc;
		}
		for (i = 0; i < got && p->n < want; i++)
			if (matches(p, &batch[i]))
				p->line[p->n++] = batch[i];
		if (p->n == want) {
			/* the page ends at its last line, or at the last line
			 * read when the filter skipped some after it */
			p->more = i < got || got == limit;
			after = batch[i - 1];
			break;
		}
		if (got < limit)
			break;
		after = batch[got - 1];
		have_after = true;
	}
	p->err = 0;
	p->page = k;
	if (p->n == want && p->more)
		return remember_start(p, k, &after);
	p->nstart = k;
	return 0;
}

int pager_reset(struct pager *p, struct session *s, size_t rows)
{
	p->rows = rows < 1 ? 1 : rows > PAGER_MAX_ROWS ? PAGER_MAX_ROWS : rows;
	p->nstart = 0;
	p->sel = 0;
	return load(p, s, 0);
}

/* A new height: the first line of the current page stays first. */
int pager_resize(struct pager *p, struct session *s, size_t rows)
{
	size_t sel = p->sel;
	int rc;

	rows = rows < 1 ? 1 : rows > PAGER_MAX_ROWS ? PAGER_MAX_ROWS : rows;
	if (rows == p->rows)
		return 0;
	p->rows = rows;
	p->nstart = p->page; /* later starts no longer hold */
	rc = load(p, s, p->page);
	if (p->n && sel >= p->n)
		sel = p->n - 1;
	p->sel = sel;
	return rc;
}

int pager_reload(struct pager *p, struct session *s)
{
	size_t sel = p->sel;
	int rc;

	p->nstart = p->page;
	rc = load(p, s, p->page);
	if (p->n)
		p->sel = sel < p->n ? sel : p->n - 1;
	return rc;
}

bool pager_down(struct pager *p, struct session *s)
{
	if (p->sel + 1 < p->n) {
		p->sel++;
		return true;
	}
	if (pager_page_down(p, s)) {
		p->sel = 0;
		return true;
	}
	return false;
}

bool pager_up(struct pager *p, struct session *s)
{
	if (p->sel > 0) {
		p->sel--;
		return true;
	}
	if (pager_page_up(p, s)) {
		p->sel = p->n ? p->n - 1 : 0;
		return true;
	}
	return false;
}

bool pager_page_down(struct pager *p, struct session *s)
{
	struct db_case_line keep[PAGER_MAX_ROWS];
	size_t n = p->n, page = p->page;

	if (!p->more)
		return false;
	memcpy(keep, p->line, n * sizeof keep[0]);
	if (load(p, s, page + 1) || p->n == 0) {
		/* the guess was wrong: the filter left nothing after */
		memcpy(p->line, keep, n * sizeof keep[0]);
		p->n = n;
		p->page = page;
		p->more = false;
		return false;
	}
	p->sel = 0;
	return true;
}

bool pager_page_up(struct pager *p, struct session *s)
{
	if (p->page == 0) {
		if (p->sel == 0)
			return false;
		p->sel = 0;
		return true;
	}
	if (load(p, s, p->page - 1))
		return false;
	p->sel = 0;
	return true;
}

bool pager_first(struct pager *p, struct session *s)
{
	if (p->page == 0 && p->sel == 0)
		return false;
	if (p->page != 0 && load(p, s, 0))
		return false;
	p->sel = 0;
	return true;
}

/* Reads forward page by page, holding one page at a time. */
bool pager_last(struct pager *p, struct session *s)
{
	bool moved = false;
	while (p->more && pager_page_down(p, s))
		moved = true;
	if (p->n && p->sel != p->n - 1) {
		p->sel = p->n - 1;
		moved = true;
	}
	return moved;
}

bool pager_move(struct pager *p, struct session *s, enum action act)
{
	switch (act) {
	case A_UP: return pager_up(p, s);
	case A_DOWN: return pager_down(p, s);
	case A_PGUP: return pager_page_up(p, s);
	case A_PGDN: return pager_page_down(p, s);
	case A_HOME: return pager_first(p, s);
	case A_END: return pager_last(p, s);
	default: return false;
	}
}

const struct db_case_line *pager_current(const struct pager *p)
{
	return p->n ? &p->line[p->sel] : NULL;
}
