/* The supervisor's overview (issue 6): deadlines turn overdue on the
 * right day, median and 90th percentile, the running counts agree with a
 * direct count, and a supervisor sees only the supervised units' cases. */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

static int64_t unit_id(struct tenv *t, const char *code)
{
	struct unit_rec u;
	assert_int_equal(unit_find(&t->s, code, &u), 0);
	return u.id;
}

static void sql(struct tenv *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void sql(struct tenv *t, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	assert_int_equal(db_exec(t->s.db, buf), DB_OK);
}

static void verify_counts(struct tenv *t)
{
	long bad = -1;
	assert_int_equal(db_ov_verify(t->s.db, &bad), DB_OK);
	assert_int_equal(bad, 0);
}

/* A first decision of the allocation track issued `wait` days after the
 * case was received (the case's received day is 2026-03-02). */
static void decide(struct tenv *t, int64_t case_id, const char *issued,
		   const char *outcome)
{
	sql(t, "INSERT INTO decision (case_id, track, outcome, conclusion, "
	       "rules, facts, considerations, appeal_body, appeal_info, "
	       "letter, facts_snapshot, issued_by, issued_at) VALUES (%lld, "
	       "'allocation', '%s', 'c', 'r', 'f', 'k', 'b', 'i', 'l', 's', 1, "
	       "'%sT10:00:00Z')", (long long)case_id, outcome, issued);
}

static void test_every_kind_overdue_on_the_day_after(void **state)
{
	struct tenv *t = tenv_new("sup1");
	int64_t c = tenv_case(t, "Kari", "Nordmann", "NAV");
	struct overview o;

	/* the referral's answer is owed by NAV too (kept under the
	 * receiving unit), so the two sides of it count one each */
	sql(t, "INSERT INTO referral (id, case_id, from_unit_id, to_unit_id, "
	       "kind, asked, reason, basis, deadline, status, created_by, "
	       "created_at) VALUES (77, %lld, %lld, %lld, 'service', 'a', 'r', "
	       "'law', '2026-03-10', 'open', 1, '2026-03-01T10:00:00Z')",
	    (long long)c, (long long)unit_id(t, "EIE"),
	    (long long)unit_id(t, "NAV"));
	for (int k = 0; k < OD__COUNT; k++)
		if (k != OD_REFERRAL_OWED)
			sql(t, "INSERT INTO deadline (case_id, kind, ref_id, "
			       "unit_id, due) VALUES (%lld, '%s', 77, %lld, "
			       "'2026-03-10')", (long long)c,
			    ov_deadline_kind(k), (long long)unit_id(t, "NAV"));
	/* the due day itself: not overdue, due soon */
	tenv_set_today(t, "2026-03-10");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	for (int k = 0; k < OD__COUNT; k++) {
		assert_int_equal(o.overdue[k], 0);
		assert_int_equal(o.due_soon[k], 1);
	}
	/* a week before the due day (interim_warn_days) it is due soon,
	 * eight days before it is not yet */
	tenv_set_today(t, "2026-03-03");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	for (int k = 0; k < OD__COUNT; k++)
		assert_int_equal(o.due_soon[k], t->cfg.interim_warn_days >= 7);
	tenv_set_today(t, "2026-03-11");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	for (int k = 0; k < OD__COUNT; k++) {
		struct ov_list l = {.kind = OVL_OVERDUE};
		struct db_case_line line[4];
		size_t n = 0;
		assert_int_equal(o.overdue[k], 1);
		assert_int_equal(o.due_soon[k], 0);
		snprintf(l.key, sizeof l.key, "%s", ov_deadline_kind(k));
		assert_int_equal(overview_page(&t->s, &l, NULL, 4, line, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(line[0].case_id, c);
		assert_string_equal(line[0].next_due, "2026-03-10");
		assert_string_equal(line[0].due_kind, ov_deadline_kind(k));
	}
	/* the day before, the list is empty too */
	tenv_set_today(t, "2026-03-10");
	{
		struct ov_list l = {.kind = OVL_OVERDUE, .key = "referral"};
		struct db_case_line line[4];
		size_t n = 9;
		assert_int_equal(overview_page(&t->s, &l, NULL, 4, line, &n), 0);
		assert_int_equal(n, 0);
	}
	/* done: no longer counted */
	sql(t, "UPDATE deadline SET done_at = '2026-03-11T09:00:00Z' WHERE "
	       "kind = 'lease_review'");
	tenv_set_today(t, "2026-03-11");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.overdue[OD_LEASE_REVIEW], 0);
	assert_int_equal(o.overdue[OD_REFERRAL], 1);
	assert_int_equal(o.overdue[OD_REFERRAL_OWED], 1);
	verify_counts(t);
	tenv_free(&t);
}

static void test_percentiles_by_hand(void **state)
{
	int ten[] = {2, 4, 4, 5, 7, 9, 10, 12, 15, 30};
	int five[] = {1, 2, 3, 4, 100};
	/* the same ten as counted values: 4 twice */
	struct db_ov_wait_bin bins[] = {
		{2, 1, 0},  {4, 2, 0},  {5, 1, 0},  {7, 1, 0}, {9, 1, 0},
		{10, 1, 0}, {12, 1, 0}, {15, 1, 0}, {30, 1, 0}};
	double m;
	int p;
	long n;

	/* even: the mean of the 5th and 6th; p90: rank ceil(9.0) = 9 */
	ov_percentiles(ten, 10, &m, &p);
	assert_true(m == 8.0);
	assert_int_equal(p, 15);
	/* odd: the 3rd; p90: rank ceil(4.5) = 5 */
	ov_percentiles(five, 5, &m, &p);
	assert_true(m == 3.0);
	assert_int_equal(p, 100);
	ov_percentiles(five, 1, &m, &p);
	assert_true(m == 1.0);
	assert_int_equal(p, 1);
	ov_percentiles_bins(bins, sizeof bins / sizeof bins[0], &n, &m, &p);
	assert_int_equal(n, 10);
	assert_true(m == 8.0);
	assert_int_equal(p, 15);
}

static void test_waiting_times_from_decisions(void **state)
{
	struct tenv *t = tenv_new("sup1");
	/* received 2026-03-02; decided after 10, 20, 30, 40, 90 days */
	static const char *const issued[] = {"2026-03-12", "2026-03-22",
					     "2026-04-01", "2026-04-11",
					     "2026-05-31"};
	struct overview o;
	struct db_ov_scope sc;
	struct ov_wait w;

	for (size_t i = 0; i < 5; i++) {
		int64_t c = tenv_case(t, "Ola", "Hansen", "NAV");
		decide(t, c, issued[i], i == 4 ? "rejected" : "granted_waiting");
		if (i == 0) /* a later decision of the same case is no wait */
			decide(t, c, "2026-05-01", "granted_dwelling");
	}
	/* and one in the 12 months but not in the 6: 14 days in 2025 */
	{
		int64_t c = tenv_case(t, "Per", "Hansen", "NAV");
		sql(t, "UPDATE case_file SET received = '2025-08-01' WHERE "
		       "id = %lld", (long long)c);
		decide(t, c, "2025-08-15", "granted_waiting");
	}
	tenv_set_today(t, "2026-06-01");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	/* since 01.01.2026 (6 calendar months) */
	assert_string_equal(o.period_from[0], "2026-01-01");
	assert_int_equal(o.wait[0][0].n, 5);
	assert_true(o.wait[0][0].median == 30.0);
	assert_int_equal(o.wait[0][0].p90, 90);
	assert_int_equal(o.wait[0][1].n, 0);
	/* since 01.07.2025 (12): 10 14 20 30 40 90, median (20+30)/2 */
	assert_string_equal(o.period_from[1], "2025-07-01");
	assert_int_equal(o.wait[1][0].n, 6);
	assert_true(o.wait[1][0].median == 25.0);
	assert_int_equal(o.wait[1][0].p90, 90);
	/* the exact period the report uses agrees */
	assert_int_equal(ov_scope(&t->s, NULL, &sc), 0);
	assert_int_equal(ov_waits(&t->s, &sc, 0, "2026-01-01", "2026-06-01", &w),
			 0);
	assert_int_equal(w.n, 5);
	assert_true(w.median == 30.0);
	assert_int_equal(w.p90, 90);
	/* decisions: 6 in all, 1 rejected */
	{
		long total = 0, rejected = 0;
		for (size_t i = 0; i < o.ndecisions; i++) {
			total += o.decisions[i].n;
			if (strcmp(o.decisions[i].key, "allocation:rejected") == 0)
				rejected = o.decisions[i].n;
		}
		assert_int_equal(total, 7);
		assert_int_equal(rejected, 1);
	}
	verify_counts(t);
	tenv_free(&t);
}

/* The value of "section;key;...;N" in a CSV report, -1 if absent. */
static long csv_value(const char *text, const char *section, const char *key)
{
	char want[128];
	const char *p;

	snprintf(want, sizeof want, "\n%s;%s;", section, key);
	if (!(p = strstr(text, want)))
		return -1;
	p = strchr(p + strlen(want), ';');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

static char *run_report(struct tenv *t, const struct report_opts *r,
			bool deadlines)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(deadlines ? report_deadlines(&t->s, r, fp)
				   : report_halfyear(&t->s, r, fp),
			 0);
	fclose(fp);
	return buf;
}

static void test_report_counts_equal_direct_counts(void **state)
{
	struct tenv *t = tenv_new("sup1");
	struct report_opts r = {.from = "2026-01-01", .to = "2026-06-30",
				.csv = true, .bom = true};
	struct overview o;
	int64_t n_cases = 0, n_decisions = 0;
	long status_sum = 0;
	char *text;

	for (int i = 0; i < 4; i++) {
		int64_t c = tenv_case(t, "Per", "Olsen", "NAV");
		if (i < 3)
			decide(t, c, "2026-03-20", i ? "granted_waiting"
						     : "rejected");
	}
	sql(t, "UPDATE case_file SET situation = 'rough' WHERE id = "
	       "(SELECT min(id) FROM case_file)");
	tenv_set_today(t, "2026-04-01");
	text = run_report(t, &r, false);
	assert_memory_equal(text, "\xef\xbb\xbf", 3);
	assert_int_equal(db_count(t->s.db, "case_file", &n_cases), DB_OK);
	assert_int_equal(db_count(t->s.db, "decision", &n_decisions), DB_OK);
	assert_int_equal(csv_value(text, "received", "total"), n_cases);
	assert_int_equal(csv_value(text, "situation", "total"), n_cases);
	assert_int_equal(csv_value(text, "situation", "rough"), 1);
	assert_int_equal(csv_value(text, "decisions", "total"), n_decisions);
	assert_int_equal(csv_value(text, "decisions", "allocation:rejected"), 1);
	assert_int_equal(csv_value(text, "waiting", "allocation:decisions"), 3);
	free(text);
	/* the overview counts the same cases */
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	for (int k = 0; k < CS__COUNT; k++)
		status_sum += o.status_total[k];
	assert_int_equal(status_sum, n_cases);
	assert_int_equal(o.homeless[SIT_ROUGH], 1);
	/* the interim deadlines (received + 30 days) are overdue on 02.04:
	 * the deadlines report lists each, the overview counts them */
	tenv_set_today(t, "2026-04-02");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.overdue[OD_INTERIM], n_cases);
	r.bom = false;
	text = run_report(t, &r, true);
	{
		long lines = 0;
		for (const char *p = text; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 1 + n_cases); /* the header and one each */
	}
	assert_null(strstr(text, "Olsen")); /* no names in the report */
	free(text);
	verify_counts(t);
	tenv_free(&t);
}

static void test_supervisor_sees_only_supervised_units(void **state)
{
	struct tenv *t = tenv_new("admin");
	int64_t nav = tenv_case(t, "Nora", "Navsak", "NAV");
	int64_t eie = tenv_case(t, "Erik", "Eiesak", "EIE");
	struct ov_list l = {.kind = OVL_OPEN};
	struct db_case_line line[16];
	struct report_opts r = {.unit = "EIE"};
	struct overview o;
	struct access_rec *acc = NULL;
	struct case_rec c;
	size_t n = 0;
	bool seen_log = false;

	(void)eie;
	assert_int_equal(staff_add(&t->s, "supeie", "Sup Eiendom"), 0);
	assert_int_equal(staff_grant(&t->s, "supeie", "EIE", "supervisor"), 0);
	tenv_login(t, "sup1");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.nunits, 1);
	assert_int_equal(o.unit[0].id, unit_id(t, "NAV"));
	assert_int_equal(overview_page(&t->s, &l, NULL, 16, line, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(line[0].case_id, nav);
	/* every list, every kind: nothing of EIE */
	for (int k = 0; k < OD__COUNT; k++) {
		struct ov_list d = {.kind = OVL_SOON};
		snprintf(d.key, sizeof d.key, "%s", ov_deadline_kind(k));
		tenv_set_today(t, "2026-03-30");
		assert_int_equal(overview_page(&t->s, &d, NULL, 16, line, &n), 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(line[i].case_id, nav);
	}
	/* another unit, asked for by name: refused */
	l.unit_id = unit_id(t, "EIE");
	assert_int_equal(overview_page(&t->s, &l, NULL, 16, line, &n),
			 ERR_DENIED);
	assert_int_equal(overview_load(&t->s, "EIE", &o), ERR_DENIED);
	assert_int_equal(report_deadlines(&t->s, &r, stdout), ERR_DENIED);
	assert_int_equal(case_access_history(&t->s, eie, &acc, &n), ERR_DENIED);
	/* opening the NAV case is a supervisor's read, and the access log
	 * shows it */
	assert_int_equal(case_open(&t->s, nav, &c), 0);
	assert_int_equal(case_access_history(&t->s, nav, &acc, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(acc[i].reason, "supervisor") == 0 &&
		    strcmp(acc[i].staff_login, "sup1") == 0)
			seen_log = true;
	assert_true(seen_log);
	free(acc);
	/* the EIE supervisor sees the EIE case only */
	tenv_login(t, "supeie");
	l.unit_id = 0;
	assert_int_equal(overview_page(&t->s, &l, NULL, 16, line, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(line[0].case_id, eie);
	/* a caseworker has no overview */
	tenv_login(t, "nav1");
	assert_int_equal(overview_load(&t->s, NULL, &o), ERR_DENIED);
	tenv_free(&t);
}

static void test_transfer_moves_the_counts(void **state)
{
	struct tenv *t = tenv_new("sup1");
	int64_t c = tenv_case(t, "Siri", "Flytt", "NAV");
	struct overview o;

	tenv_set_today(t, "2026-04-02"); /* the interim deadline is overdue */
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.overdue[OD_INTERIM], 1);
	sql(t, "UPDATE case_file SET unit_id = %lld WHERE id = %lld",
	    (long long)unit_id(t, "EIE"), (long long)c);
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.overdue[OD_INTERIM], 0);
	for (int k = 0; k < CS__COUNT; k++)
		assert_int_equal(o.status_total[k], 0);
	verify_counts(t);
	tenv_free(&t);
}


/* Every line of a list, paged by keyset a few at a time. */
static size_t list_all(struct tenv *t, const struct ov_list *l,
		       struct db_case_line *out, size_t max)
{
	struct db_case_line page[2], last;
	const struct db_case_line *after = NULL;
	size_t n, total = 0;

	do {
		assert_int_equal(overview_page(&t->s, l, after, 2, page, &n), 0);
		for (size_t i = 0; i < n && total < max; i++)
			out[total++] = page[i];
		if (n) {
			last = page[n - 1];
			after = &last;
		}
	} while (n == 2);
	return total;
}

/* Bug: the waiting times, decisions, appeals and lease reviews had no
 * list behind them.  Each list now holds exactly the cases its figure
 * counts, and none of another unit. */
static void test_every_figure_opens_its_cases(void **state)
{
	struct tenv *t = tenv_new("sup1");
	int64_t c[4], eie;
	struct overview o;
	struct db_case_line line[16];
	size_t n;

	for (int i = 0; i < 4; i++)
		c[i] = tenv_case(t, "Gro", "Liste", "NAV");
	eie = tenv_case(t, "Eli", "Annen", "EIE");
	/* received 2026-03-02: waits of 10, 20 and 30 days */
	decide(t, c[0], "2026-03-12", "rejected");
	decide(t, c[1], "2026-03-22", "granted_waiting");
	decide(t, c[2], "2026-04-01", "granted_waiting");
	decide(t, c[2], "2026-04-20", "granted_dwelling"); /* no new wait */
	decide(t, eie, "2026-03-12", "rejected");
	/* an appeal of the rejection, decided by the appeal body */
	sql(t, "INSERT INTO appeal (decision_id, received, status) SELECT id, "
	       "'2026-03-20', 'registered' FROM decision WHERE case_id = %lld",
	    (long long)c[0]);
	sql(t, "INSERT INTO appeal (decision_id, received, status) SELECT id, "
	       "'2026-03-20', 'registered' FROM decision WHERE case_id = %lld",
	    (long long)eie);
	sql(t, "UPDATE appeal SET status = 'decided', body_outcome = 'upheld' "
	       "WHERE decision_id = (SELECT id FROM decision WHERE case_id = "
	       "%lld)", (long long)c[0]);
	/* a lease of c[2], reviewed: extended */
	sql(t, "INSERT INTO dwelling (id, address, rooms, size_m2, status) "
	       "VALUES (5, 'Listeveien 1', 2, 50, 'let')");
	sql(t, "INSERT INTO lease (case_id, dwelling_id, tenant_id, start_date, "
	       "end_date, review_date, status) SELECT id, 5, applicant_id, "
	       "'2026-05-01', '2029-04-30', '2028-11-01', 'active' FROM "
	       "case_file WHERE id IN (%lld, %lld)", (long long)c[2],
	    (long long)eie);
	sql(t, "UPDATE lease SET review_outcome = 'extend', reviewed_at = "
	       "'2026-05-20T10:00:00Z'");
	tenv_set_today(t, "2026-06-01");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	/* the waiting times: the three first decisions, in the order
	 * decided, each with its wait */
	for (int p = 0; p < 2; p++) {
		struct ov_list l = {.kind = OVL_WAIT, .key = "allocation"};
		snprintf(l.from, sizeof l.from, "%s", o.period_from[p]);
		n = list_all(t, &l, line, 16);
		assert_int_equal(n, o.wait[p][0].n);
		assert_int_equal(n, 3);
		assert_int_equal(line[0].case_id, c[0]);
		assert_string_equal(line[0].next_due, "2026-03-12");
		assert_string_equal(line[0].status, "10 days");
		assert_int_equal(line[2].case_id, c[2]);
		assert_string_equal(line[2].status, "30 days");
		snprintf(l.key, sizeof l.key, "assistance");
		assert_int_equal(list_all(t, &l, line, 16), 0);
	}
	/* decisions by outcome: as many as each figure says */
	assert_true(o.ndecisions == 3);
	for (size_t i = 0; i < o.ndecisions; i++) {
		struct ov_list l = {.kind = OVL_DECISION};
		snprintf(l.key, sizeof l.key, "%s", o.decisions[i].key);
		snprintf(l.from, sizeof l.from, "%s", o.period_from[1]);
		n = list_all(t, &l, line, 16);
		assert_int_equal(n, o.decisions[i].n);
		for (size_t j = 0; j < n; j++)
			assert_int_not_equal(line[j].case_id, eie);
	}
	{
		struct ov_list l = {.kind = OVL_DECISION,
				    .key = "allocation:granted_waiting"};
		snprintf(l.from, sizeof l.from, "%s", o.period_from[1]);
		assert_int_equal(list_all(t, &l, line, 16), 2);
		assert_int_equal(line[0].case_id, c[1]);
		assert_string_equal(line[0].next_due, "2026-03-22");
		assert_int_equal(line[1].case_id, c[2]);
		/* a period that starts after them: none */
		snprintf(l.from, sizeof l.from, "2026-04-02");
		assert_int_equal(list_all(t, &l, line, 16), 0);
	}
	/* appeals: the one the appeal body decided, under its outcome */
	assert_int_equal(o.nappeals, 1);
	assert_string_equal(o.appeals[0].key, "body:upheld");
	{
		struct ov_list l = {.kind = OVL_APPEAL, .key = "body:upheld"};
		snprintf(l.from, sizeof l.from, "%s", o.period_from[1]);
		assert_int_equal(list_all(t, &l, line, 16), 1);
		assert_int_equal(line[0].case_id, c[0]);
		assert_string_equal(line[0].next_due, "2026-03-20");
		snprintf(l.key, sizeof l.key, "registered");
		assert_int_equal(list_all(t, &l, line, 16), 0);
	}
	/* lease reviews */
	assert_int_equal(o.nleases, 1);
	assert_int_equal(o.leases[0].n, 1);
	{
		struct ov_list l = {.kind = OVL_LEASE, .key = "extend"};
		snprintf(l.from, sizeof l.from, "%s", o.period_from[1]);
		assert_int_equal(list_all(t, &l, line, 16), 1);
		assert_int_equal(line[0].case_id, c[2]);
		assert_string_equal(line[0].next_due, "2026-05-20");
		/* the lists of another unit: refused */
		l.unit_id = unit_id(t, "EIE");
		assert_int_equal(overview_page(&t->s, &l, NULL, 4, line, &n),
				 ERR_DENIED);
	}
	/* a bad period is no list */
	{
		struct ov_list l = {.kind = OVL_LEASE, .key = "extend",
				    .from = "yesterday"};
		assert_int_equal(overview_page(&t->s, &l, NULL, 4, line, &n),
				 ERR_INVAL);
	}
	verify_counts(t);
	tenv_free(&t);
}

/* The direct count of open referral deadlines owed by a unit, due
 * before a day. */
static long owed_direct(struct tenv *t, const char *unit, const char *before)
{
	int64_t n = -1;

	sql(t, "DROP TABLE IF EXISTS temp.owed; CREATE TEMP TABLE owed AS "
	       "SELECT id FROM deadline WHERE done_at IS NULL AND kind = "
	       "'referral' AND due < '%s' AND unit_id = %lld", before,
	    (long long)unit_id(t, unit));
	assert_int_equal(db_count(t->s.db, "owed", &n), DB_OK);
	return (long)n;
}

/* Bug: an overdue referral answer was counted only for the case's unit;
 * the receiving unit's supervisor, whose unit owes the answer, saw
 * nothing.  Overview, list and report agree with a direct count. */
static void test_referral_answer_owed_by_receiving_unit(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct referral_new r;
	struct report_opts ro = {.csv = true};
	struct overview o;
	struct db_case_line line[8];
	int64_t c[2], ref[2];
	size_t n;
	char *text;

	assert_int_equal(staff_add(&t->s, "suphelse", "Sup Helse"), 0);
	assert_int_equal(staff_grant(&t->s, "suphelse", "HELSE", "supervisor"),
			 0);
	tenv_login(t, "nav1");
	for (int i = 0; i < 2; i++) {
		c[i] = tenv_case(t, "Hege", i ? "Uten" : "Med", "NAV");
		assert_int_equal(referral_consent_record(&t->s, c[i],
							 unit_id(t, "HELSE"),
							 "given"),
				 0);
		memset(&r, 0, sizeof r);
		r.case_id = c[i];
		r.to_unit_id = unit_id(t, "HELSE");
		snprintf(r.kind, sizeof r.kind, "service");
		snprintf(r.asked, sizeof r.asked, "Vurdering av hjemmetjenester.");
		snprintf(r.reason, sizeof r.reason, "Søker trenger oppfølging.");
		snprintf(r.basis, sizeof r.basis, "consent");
		assert_int_equal(referral_create(&t->s, &r, &ref[i]), 0);
	}
	/* the person withdraws the consent for the second: HELSE keeps
	 * the referral text only */
	assert_int_equal(referral_consent_record(&t->s, c[1],
						 unit_id(t, "HELSE"),
						 "withdrawn"),
			 0);
	/* answer due 2026-03-16 (14 days): due soon on the day, overdue
	 * the day after */
	tenv_login(t, "suphelse");
	tenv_set_today(t, "2026-03-16");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.overdue[OD_REFERRAL_OWED], 0);
	assert_int_equal(o.due_soon[OD_REFERRAL_OWED], 2);
	tenv_set_today(t, "2026-03-17");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.overdue[OD_REFERRAL_OWED], 2);
	assert_int_equal(o.overdue[OD_REFERRAL_OWED],
			 owed_direct(t, "HELSE", "2026-03-17"));
	assert_int_equal(o.overdue[OD_REFERRAL], 0); /* no HELSE case waits */
	{
		struct ov_list l = {.kind = OVL_OVERDUE, .key = "referral_owed"};
		n = list_all(t, &l, line, 8);
		assert_int_equal(n, 2);
		assert_int_equal(line[0].case_id, c[0]);
		assert_int_equal(line[0].ref_id, ref[0]);
		assert_string_equal(line[0].due_kind, "referral_owed");
		assert_non_null(strstr(line[0].name, "Med"));
		/* nobody is assigned: the receiving unit answers */
		assert_string_equal(line[0].unit_name, "Pleie og omsorg");
		assert_int_equal(line[1].ref_id, ref[1]);
		assert_string_equal(line[1].name, "(referral only)");
		assert_string_equal(line[1].birth, "");
	}
	text = run_report(t, &ro, true);
	{
		long lines = 0;
		for (const char *p = text; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 1 + o.overdue[OD_REFERRAL_OWED]);
		assert_non_null(strstr(text, "referral answer we owe"));
		assert_null(strstr(text, "Uten"));
	}
	free(text);
	/* the sending side: NAV awaits two answers and owes none */
	tenv_login(t, "sup1");
	assert_int_equal(overview_load(&t->s, NULL, &o), 0);
	assert_int_equal(o.overdue[OD_REFERRAL], 2);
	assert_int_equal(o.overdue[OD_REFERRAL_OWED], 0);
	assert_int_equal(o.overdue[OD_REFERRAL_OWED],
			 owed_direct(t, "NAV", "2026-03-17"));
	{
		struct ov_list l = {.kind = OVL_OVERDUE, .key = "referral_owed"};
		assert_int_equal(list_all(t, &l, line, 8), 0);
	}
	tenv_free(&t);
}

/* Who may read a case's access log: the caseworkers and supervisors of
 * its unit (whom the person asks) and administrators; for the case or
 * the whole person. */
static void test_who_looked_from_the_case(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t c = tenv_case(t, "Lise", "Logg", "NAV");
	int64_t other = tenv_case(t, "Lise", "Logg", "NAV");
	struct access_rec *acc = NULL;
	struct case_rec rec;
	size_t n = 0;

	assert_int_equal(case_open(&t->s, c, &rec), 0);
	assert_true(case_access_history_allowed(&t->s, &rec));
	assert_int_equal(case_access_history(&t->s, c, &acc, &n), 0);
	assert_true(n >= 1);
	free(acc);
	tenv_login(t, "sup1");
	assert_int_equal(case_open(&t->s, other, &rec), 0);
	assert_int_equal(case_access_history(&t->s, c, &acc, &n), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(acc[i].case_id, c);
	free(acc);
	/* the whole person: a reading of the person outside the case is
	 * there too, another person's case is not */
	assert_int_equal(db_case_get(t->s.db, c, &rec), DB_OK);
	sql(t, "INSERT INTO access_log (at, staff_id, person_id, reason, "
	       "detail) VALUES ('2026-03-02T12:00:00Z', 1, %lld, 'admin', "
	       "'person only')", (long long)rec.applicant_id);
	assert_int_equal(case_person_access_history(&t->s, c, &acc, &n), 0);
	{
		bool person = false;
		for (size_t i = 0; i < n; i++) {
			assert_int_not_equal(acc[i].case_id, other);
			if (strcmp(acc[i].detail, "person only") == 0)
				person = true;
		}
		assert_true(person);
	}
	free(acc);
	assert_int_equal(case_access_history(&t->s, c, &acc, &n), 0);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(acc[i].detail, "person only");
	free(acc);
	tenv_login(t, "admin");
	assert_int_equal(case_access_history(&t->s, c, &acc, &n), 0);
	free(acc);
	/* another unit's caseworker, and the desk: no */
	tenv_login(t, "eie1");
	assert_int_equal(case_access_history(&t->s, c, &acc, &n), ERR_DENIED);
	assert_int_equal(case_person_access_history(&t->s, c, &acc, &n),
			 ERR_DENIED);
	tenv_login(t, "desk1");
	assert_int_equal(case_access_history(&t->s, c, &acc, &n), ERR_DENIED);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_overdue_on_the_day_after),
		cmocka_unit_test(test_percentiles_by_hand),
		cmocka_unit_test(test_waiting_times_from_decisions),
		cmocka_unit_test(test_report_counts_equal_direct_counts),
		cmocka_unit_test(test_supervisor_sees_only_supervised_units),
		cmocka_unit_test(test_transfer_moves_the_counts),
		cmocka_unit_test(test_every_figure_opens_its_cases),
		cmocka_unit_test(test_referral_answer_owed_by_receiving_unit),
		cmocka_unit_test(test_who_looked_from_the_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
