/*
 * One case as a line of a list, shared by the queue and search screens:
 *   2026-000017  Ødegård, Åse Marie        01.02.1990  Registrert   12.03.2026
 * The name takes what the other columns leave; on a wide terminal the
 * responsible unit gets a column of its own.
 */
#include <string.h>

#include "ui.h"

enum { W_NUMBER = 11, W_BIRTH = 10, W_STATUS = 18, W_DUE = 10, W_UNIT = 24,
       W_NAME = 22 };

const char *ui_date(const char *iso, char out[DB_DATE])
{
	date_show(iso ? iso : "", out);
	return out;
}

struct columns {
	int name, status, unit; /* widths; unit 0 = not shown */
};

/* The widest status in the language in use. */
static int status_widest(void)
{
	int m = 0;
	for (int st = 0; st < CS__COUNT; st++) {
		int w = text_width(case_status_label((enum case_status)st));
		if (w > m)
			m = w;
	}
	return m;
}

/* At 80 columns the name and the status share what is left (a long
 * status ends in "…"); room beyond that goes to the status until every
 * status fits, then to the name. */
static struct columns columns_for(int cols)
{
	struct columns c;
	int fixed = 1 + W_NUMBER + 2 + 2 + W_BIRTH + 2 + 2 + W_DUE, grow;
	c.unit = cols >= 110 ? W_UNIT : 0;
	c.status = W_STATUS;
	c.name = cols - fixed - c.status - (c.unit ? c.unit + 2 : 0);
	grow = status_widest() - c.status;
	if (grow > c.name - W_NAME)
		grow = c.name - W_NAME;
	if (grow > 0) {
		c.status += grow;
		c.name -= grow;
	}
	if (c.name < 10)
		c.name = 10;
	return c;
}

static const char *status_text(const char *name)
{
	int st = case_status_from_name(name);
	return st >= 0 ? case_status_label((enum case_status)st) : name;
}

static void put_row(WINDOW *w, int y, int cols, const char *const cell[6],
		    attr_t attr)
{
	struct columns c = columns_for(cols);
	int x = 1;

	ui_put_pad(w, y, 0, "", cols, attr);
	ui_put(w, y, x, cell[0], W_NUMBER, attr);
	x += W_NUMBER + 2;
	ui_put(w, y, x, cell[1], c.name, attr);
	x += c.name + 2;
	ui_put(w, y, x, cell[2], W_BIRTH, attr);
	x += W_BIRTH + 2;
	ui_put(w, y, x, cell[3], c.status, attr);
	x += c.status + 2;
	if (c.unit) {
		ui_put(w, y, x, cell[4], c.unit, attr);
		x += c.unit + 2;
	}
	ui_put(w, y, x, cell[5], cols - x, attr);
}

void ui_case_header_as(struct app *a, WINDOW *w, int y, int cols,
		       const char *status, const char *who, const char *day)
{
	const char *cell[6] = {_("Case"), _("Name"), _("Born"),
			       status,    who,       day};
	put_row(w, y, cols, cell, ui_attr(a, ST_HEADING));
}

void ui_case_header(struct app *a, WINDOW *w, int y, int cols)
{
	ui_case_header_as(a, w, y, cols, _("Status"), _("Unit"),
			  _("Deadline"));
}

void ui_case_line(struct app *a, WINDOW *w, int y, int cols,
		  const struct db_case_line *l, bool selected)
{
	char birth[DB_DATE], due[DB_DATE];
	const char *cell[6] = {l->number,	 l->name,
			       ui_date(l->birth, birth), status_text(l->status),
			       l->unit_name,	 ui_date(l->next_due, due)};
	put_row(w, y, cols, cell,
		ui_attr(a, selected ? ST_SELECTED : ST_NORMAL));
}
