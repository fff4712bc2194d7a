/*
 * `bosak report halfyear` and `bosak report deadlines` (issue 6): the
 * counts for the half-year report to the housing plan and the morning
 * list of overdue deadlines, as text or as CSV for Norwegian Excel.
 * The figures come from the same db/overview.c functions as the
 * supervisor's overview, so the two agree.  Neither report names a
 * person: counts, case numbers and the responsible caseworker only, so
 * no case is read and no access-log row is written.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

struct out {
	FILE *fp;
	bool csv;
	char sep;
};

static void row(struct out *o, const char *section, const char *key,
		const char *label, long n)
{
	char num[32];

	snprintf(num, sizeof num, "%ld", n);
	if (o->csv) {
		csv_put(o->fp, section, o->sep);
		fputc(o->sep, o->fp);
		csv_put(o->fp, key, o->sep);
		fputc(o->sep, o->fp);
		csv_put(o->fp, label, o->sep);
		fputc(o->sep, o->fp);
		csv_put(o->fp, num, o->sep);
		fputs("\r\n", o->fp);
	} else {
		/* padded by columns: æøå are two bytes, one column */
		int w = text_width(label);
		fprintf(o->fp, "  %s", label);
		for (; w < 52; w++)
			fputc(' ', o->fp);
		fprintf(o->fp, " %8ld\n", n);
	}
}

static void heading(struct out *o, const char *text)
{
	if (!o->csv)
		fprintf(o->fp, "\n%s\n", text);
}

static const char *group_label(enum db_ov_group g, const char *key,
			       char *buf, size_t size)
{
	const char *colon = strchr(key, ':');
	int k;

	switch (g) {
	case DBG_RECEIVED: return track_label(key);
	case DBG_SITUATION:
		k = situation_from_name(key);
		return k >= 0 ? situation_label((enum situation)k) : key;
	case DBG_DECISION:
		snprintf(buf, size, "%s", colon ? decision_outcome_label(colon + 1)
						: key);
		return buf;
	case DBG_APPEAL:
		if (strncmp(key, "body:", 5) == 0) {
			snprintf(buf, size, _("appeal body: %s"),
				 appeal_outcome_label(key + 5));
			return buf;
		}
		return appeal_status_label(key);
	case DBG_LEASE: return lease_outcome_label(key);
	case DBG_REFERRAL: return referral_status_label(key);
	case DBG_EVALUATION:
		return strcmp(key, "on_time") == 0 ? _("evaluated on time")
		       : strcmp(key, "late") == 0  ? _("evaluated late")
						   : _("not evaluated yet");
	default: return key;
	}
}

static int group(struct session *s, struct out *o,
		 const struct db_ov_scope *sc, enum db_ov_group g,
		 const char *section, const char *title, const char *from,
		 const char *to)
{
	struct db_ov_count c[OV_MAX_GROUP];
	size_t n = 0;
	long total = 0;
	char buf[300];
	int rc = db_ov_group(s->db, sc, g, from, to, c, OV_MAX_GROUP, &n);

	if (rc)
		return err_from_db(&s->err, rc);
	heading(o, title);
	for (size_t i = 0; i < n; i++) {
		row(o, section, c[i].key,
		    group_label(g, c[i].key, buf, sizeof buf), c[i].n);
		total += c[i].n;
	}
	row(o, section, "total", _("total"), total);
	return 0;
}

static int parse_day(struct session *s, const char *text, const char *what,
		     char out[DB_DATE])
{
	if (!text || !*text)
		return err_set(&s->err, ERR_INVAL, _("Give %s as a date."), what);
	return date_parse(text, out, &s->err);
}

static void begin(struct out *o, const struct report_opts *r, FILE *fp)
{
	o->fp = fp;
	o->csv = r->csv;
	o->sep = r->sep ? r->sep : ';';
	if (o->csv && r->bom)
		fputs("\xef\xbb\xbf", fp);
}

int report_halfyear(struct session *s, const struct report_opts *r, FILE *fp)
{
	struct db_ov_scope sc;
	struct unit_rec u[OV_MAX_UNITS];
	size_t nu = 0;
	char from[DB_DATE], to[DB_DATE], a[DB_DATE], b[DB_DATE];
	struct out o;
	int rc;

	err_clear(&s->err);
	if ((rc = ov_scope(s, r->unit, &sc)) ||
	    (rc = parse_day(s, r->from, "--from", from)) ||
	    (rc = parse_day(s, r->to, "--to", to)))
		return rc;
	if (strcmp(from, to) > 0)
		return err_set(&s->err, ERR_INVAL, "%s",
			       _("--from must not be after --to."));
	if ((rc = db_ov_units(s->db, &sc, u, OV_MAX_UNITS, &nu)))
		return err_from_db(&s->err, rc);
	begin(&o, r, fp);
	if (o.csv) {
		fprintf(fp, "%s%c%s%c%s%c%s\r\n", _("section"), o.sep, _("key"),
			o.sep, _("what"), o.sep, _("count"));
	} else {
		date_show(from, a);
		date_show(to, b);
		fprintf(fp, _("Half-year report %s–%s, %s\n"), a, b,
			s->cfg->municipality);
		fprintf(fp, "%s", _("Units:"));
		for (size_t i = 0; i < nu; i++)
			fprintf(fp, "%s %s", i ? "," : "", u[i].name);
		fputc('\n', fp);
	}
	if ((rc = group(s, &o, &sc, DBG_RECEIVED, "received",
			_("Applications received, by track"), from, to)) ||
	    (rc = group(s, &o, &sc, DBG_SITUATION, "situation",
			_("Households by housing situation when received"),
			from, to)) ||
	    (rc = group(s, &o, &sc, DBG_DECISION, "decisions",
			_("Decisions by outcome"), from, to)))
		return rc;
	heading(&o, _("Waiting time from received to decision, in days"));
	for (int t = 0; t < OV_TRACKS; t++) {
		struct ov_wait w;
		char key[64], label[160];
		if ((rc = ov_waits(s, &sc, t, from, to, &w)))
			return rc;
		snprintf(key, sizeof key, "%s:decisions", ov_track_name(t));
		snprintf(label, sizeof label, _("%s: decisions"),
			 t ? _("assistance") : _("allocation"));
		row(&o, "waiting", key, label, w.n);
		snprintf(key, sizeof key, "%s:median", ov_track_name(t));
		snprintf(label, sizeof label, _("%s: median"),
			 t ? _("assistance") : _("allocation"));
		row(&o, "waiting", key, label, (long)(w.median + 0.5));
		snprintf(key, sizeof key, "%s:p90", ov_track_name(t));
		snprintf(label, sizeof label, _("%s: 90th percentile"),
			 t ? _("assistance") : _("allocation"));
		row(&o, "waiting", key, label, w.p90);
	}
	if ((rc = group(s, &o, &sc, DBG_REFERRAL, "referrals",
			_("Referrals sent, by answer"), from, to)) ||
	    (rc = group(s, &o, &sc, DBG_EVALUATION, "evaluations",
			_("Plan evaluations due"), from, to)) ||
	    (rc = group(s, &o, &sc, DBG_APPEAL, "appeals",
			_("Appeals received, by outcome"), from, to)) ||
	    (rc = group(s, &o, &sc, DBG_LEASE, "leases",
			_("Leases reviewed, by outcome"), from, to)))
		return rc;
	return fflush(fp) ? err_set(&s->err, ERR_IO, "%s",
				    _("The report could not be written."))
			  : 0;
}

int report_deadlines(struct session *s, const struct report_opts *r, FILE *fp)
{
	struct db_ov_scope sc;
	struct db_case_line line[200];
	struct out o;
	day_t today = session_today(s);
	char day[DB_DATE];
	long total = 0;
	int rc;

	err_clear(&s->err);
	if ((rc = ov_scope(s, r->unit, &sc)))
		return rc;
	begin(&o, r, fp);
	if (o.csv)
		fprintf(fp, "%s%c%s%c%s%c%s%c%s\r\n", _("case"), o.sep,
			_("deadline"), o.sep, _("due"), o.sep,
			_("days overdue"), o.sep, _("responsible"));
	else
	{
		char iso[DB_DATE];
		session_today_iso(s, iso);
		date_show(iso, day);
		fprintf(fp, _("Overdue deadlines on %s\n"), day);
	}
	for (int k = 0; k < OD__COUNT; k++) {
		struct ov_list l = {.kind = OVL_OVERDUE};
		const struct db_case_line *after = NULL;
		struct db_case_line last;
		size_t n;
		bool first = true;

		snprintf(l.key, sizeof l.key, "%s", ov_deadline_kind(k));
		l.unit_id = sc.unit_id;
		do {
			if ((rc = overview_page(s, &l, after, 200, line, &n)))
				return rc;
			for (size_t i = 0; i < n; i++) {
				long late = today - date_days(line[i].next_due);
				char due[DB_DATE], num[32];
				date_show(line[i].next_due, due);
				if (o.csv) {
					snprintf(num, sizeof num, "%ld", late);
					csv_put(fp, line[i].number, o.sep);
					fputc(o.sep, fp);
					csv_put(fp, deadline_kind_label(l.key), o.sep);
					fputc(o.sep, fp);
					csv_put(fp, due, o.sep);
					fputc(o.sep, fp);
					csv_put(fp, num, o.sep);
					fputc(o.sep, fp);
					csv_put(fp, line[i].unit_name, o.sep);
					fputs("\r\n", fp);
					continue;
				}
				if (first)
					fprintf(fp, "\n%s\n",
						deadline_kind_label(l.key));
				first = false;
				fprintf(fp, "  %-11s %s  %5ld  %s\n",
					line[i].number, due, late,
					line[i].unit_name);
			}
			total += (long)n;
			if (n) {
				last = line[n - 1];
				after = &last;
			}
		} while (n == 200);
	}
	if (!o.csv)
		fprintf(fp, _("\n%ld overdue deadlines.\n"), total);
	return fflush(fp) ? err_set(&s->err, ERR_IO, "%s",
				    _("The report could not be written."))
			  : 0;
}
