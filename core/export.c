/*
 * `bosak export cases`: the cases a user may see, as CSV for the
 * spreadsheet the municipality already uses.
 *
 * Readable by Norwegian Excel: ';' between fields by default (',' is the
 * decimal comma there), CRLF line ends, dates DD.MM.YYYY, UTF-8 with a
 * byte-order mark when asked (Excel needs it to read UTF-8 by double
 * click).  Every field goes through csv_put, which neutralises a leading
 * = + - @ so that a name typed as a formula cannot run in Excel.
 *
 * Which cases: those access_case() lets the user see as their own unit's
 * (desk, caseworker), as supervisor of the unit, or as the allocation
 * group (handed-over and decided cases).  Cases seen only through an open
 * referral are left out on purpose: a referral gives access to what the
 * applicant consented to share for answering it, not to a list for a
 * spreadsheet.  Every exported case gets an access-log row (innsynslogg)
 * with the reason, all in one transaction, written BEFORE any row is
 * output; a case that appears between the log and the output is not
 * output.
 *
 * Columns: case number, received, status, track, responsible unit,
 * caseworker, applicant ("Family, Given"), housing situation, household
 * size, children.  The national ID number is NOT exported: a spreadsheet
 * travels by e-mail and is kept on disks; only a supervisor may add it
 * with --with-nid (then as the column after the applicant).
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* As access_case() lets the allocation group see them (core/access.c);
 * access_case() is asked again for every row, so this list can only
 * narrow what is exported, never widen it. */
static const char *const alloc_status[] = {
	"handed_over", "granted", "waiting", "rejected", "appealed", "housed",
	NULL,
};

struct logged {
	int64_t case_id;
	int64_t person_id;
	enum access_reason why;
};

struct collect {
	struct session *s;
	struct logged *rows;
	size_t n, cap;
	bool oom;
};

static int collect_row(void *ctx, const struct db_export_row *r)
{
	struct collect *c = ctx;
	struct case_rec rec;
	enum access_reason why;

	memset(&rec, 0, sizeof rec);
	rec.id = r->case_id;
	rec.unit_id = r->unit_id;
	rec.intake_unit_id = r->intake_unit_id;
	snprintf(rec.status, sizeof rec.status, "%s", r->status);
	snprintf(rec.received, sizeof rec.received, "%s", r->received);
	why = access_case(c->s, &rec);
	if (why != AR_OWN && why != AR_SUPERVISOR && why != AR_ALLOCATION)
		return 0;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 256;
		struct logged *p = realloc(c->rows, ncap * sizeof *p);
		if (!p) {
			c->oom = true;
			return DB_NOMEM;
		}
		c->rows = p;
		c->cap = ncap;
	}
	c->rows[c->n].case_id = r->case_id;
	c->rows[c->n].person_id = r->person_id;
	c->rows[c->n].why = why;
	c->n++;
	return 0;
}

static int cmp_case(const void *a, const void *b)
{
	int64_t x = ((const struct logged *)a)->case_id;
	int64_t y = ((const struct logged *)b)->case_id;
	return (x > y) - (x < y);
}

struct writer {
	FILE *out;
	char sep;
	bool with_nid;
	const struct logged *rows; /* sorted by case id */
	size_t n;
	long written;
};

static void put_int(FILE *out, int v, char sep)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%d", v);
	csv_put(out, buf, sep);
}

static int write_row(void *ctx, const struct db_export_row *r)
{
	struct writer *w = ctx;
	struct logged key = {r->case_id, 0, AR_NONE};
	char date[DB_DATE], name[300];
	int st, sit;

	/* only what was logged is shown */
	if (!bsearch(&key, w->rows, w->n, sizeof *w->rows, cmp_case))
		return 0;
	st = case_status_from_name(r->status);
	sit = situation_from_name(r->situation);
	date_show(r->received, date);
	snprintf(name, sizeof name, "%s, %s", r->family, r->given);

	csv_put(w->out, r->number, w->sep);
	putc(w->sep, w->out);
	csv_put(w->out, date, w->sep);
	putc(w->sep, w->out);
	csv_put(w->out, st >= 0 ? case_status_label((enum case_status)st)
				: r->status,
		w->sep);
	putc(w->sep, w->out);
	csv_put(w->out, track_label(r->track), w->sep);
	putc(w->sep, w->out);
	csv_put(w->out, r->unit_name, w->sep);
	putc(w->sep, w->out);
	csv_put(w->out, r->caseworker, w->sep);
	putc(w->sep, w->out);
	csv_put(w->out, name, w->sep);
	putc(w->sep, w->out);
	if (w->with_nid) {
		csv_put(w->out, r->nid, w->sep);
		putc(w->sep, w->out);
	}
	csv_put(w->out, sit >= 0 ? situation_label((enum situation)sit)
				 : r->situation,
		w->sep);
	putc(w->sep, w->out);
	put_int(w->out, r->household, w->sep);
	putc(w->sep, w->out);
	put_int(w->out, r->children, w->sep);
	fputs("\r\n", w->out);
	w->written++;
	return ferror(w->out) ? DB_IO : 0;
}

static void write_header(FILE *out, char sep, bool with_nid)
{
	const char *cols[] = {
		_("Case number"), _("Received"),    _("Status"),
		_("Track"),       _("Responsible unit"), _("Caseworker"),
		_("Applicant"),   _("ID number"),   _("Housing situation"),
		_("Household size"), _("Children"),
	};
	size_t i;
	bool first = true;

	for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (i == 7 && !with_nid)
			continue;
		if (!first)
			putc(sep, out);
		csv_put(out, cols[i], sep);
		first = false;
	}
	fputs("\r\n", out);
}

int export_cases(struct session *s, const struct export_filter *f, FILE *out)
{
	struct db_export_query q;
	struct collect c = {0};
	struct writer w = {0};
	struct db_export_log *log = NULL;
	char sep = f->sep ? f->sep : ';';
	char now[DB_TS];
	size_t i;
	int rc;

	err_clear(&s->err);
	if (sep != ';' && sep != ',')
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("The separator is ';' or ','."));
	if (f->with_nid && !session_has_role(s, ROLE_SUPERVISOR))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only a supervisor may export ID numbers."));
	memset(&q, 0, sizeof q);
	/* the units whose cases are the user's own or supervised */
	for (i = 0; i < s->nmembers && q.nunits < DB_EXPORT_UNITS; i++) {
		size_t j;
		if (!(role_from_name(s->member[i].role) &
		      (ROLE_DESK | ROLE_CASEWORKER | ROLE_SUPERVISOR)))
			continue;
		for (j = 0; j < q.nunits; j++)
			if (q.unit[j] == s->member[i].unit_id)
				break;
		if (j == q.nunits)
			q.unit[q.nunits++] = s->member[i].unit_id;
	}
	q.allocation = session_has_role(s, ROLE_ALLOCATION);
	q.alloc_status = alloc_status;
	if (f->status && *f->status) {
		if (case_status_from_name(f->status) < 0)
			return err_set(&s->err, ERR_INVAL,
				       _("Unknown status '%s'. Accepted: "
					 "registered, assessment, handed_over, "
					 "returned, granted, waiting, rejected, "
					 "appealed, housed, closed."),
				       f->status);
		q.status = f->status;
	}
	if (f->unit && *f->unit) {
		struct unit_rec u;
		bool mine = false;
		if ((rc = unit_find(s, f->unit, &u)))
			return rc;
		for (i = 0; i < q.nunits; i++)
			mine |= q.unit[i] == u.id;
		if (!mine && !q.allocation) {
			/* a refused attempt, logged as a refused opening is
			 * (issue 7) */
			char detail[48];
			snprintf(detail, sizeof detail, "export unit %s", u.code);
			access_log_denied(s, 0, 0, detail);
			return err_set(&s->err, ERR_DENIED,
				       _("You have no access to the cases of "
					 "%s."),
				       u.code);
		}
		q.only_unit = u.id;
	}
	if (q.nunits == 0 && !q.allocation)
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("You have no cases to export: only "
				 "caseworkers, supervisors and the allocation "
				 "group have."));

	/* 1: which cases, and log them all before anything is shown */
	c.s = s;
	rc = db_export_cases(s->db, &q, collect_row, &c);
	if (rc) {
		free(c.rows);
		return err_from_db(&s->err, rc);
	}
	if (c.n) {
		log = calloc(c.n, sizeof *log);
		if (!log) {
			free(c.rows);
			return err_from_db(&s->err, DB_NOMEM);
		}
		for (i = 0; i < c.n; i++) {
			log[i].case_id = c.rows[i].case_id;
			log[i].person_id = c.rows[i].person_id;
			log[i].reason = access_reason_name(c.rows[i].why);
		}
		session_now_ts(s, now);
		rc = db_export_log(s->db, s->me.id, now, "export", log, c.n);
		free(log);
		if (rc) {
			free(c.rows);
			return err_from_db(&s->err, rc);
		}
	}

	/* 2: the file */
	if (c.n)
		qsort(c.rows, c.n, sizeof *c.rows, cmp_case);
	if (f->bom)
		fputs("\xEF\xBB\xBF", out);
	write_header(out, sep, f->with_nid);
	w.out = out;
	w.sep = sep;
	w.with_nid = f->with_nid;
	w.rows = c.rows;
	w.n = c.n;
	rc = c.n ? db_export_cases(s->db, &q, write_row, &w) : 0;
	free(c.rows);
	if (fflush(out) != 0 || ferror(out) || rc == DB_IO)
		return err_set(&s->err, ERR_IO, "%s",
			       _("The export could not be written."));
	return err_from_db(&s->err, rc);
}
