/* The home screen's counts (issue 3): each queue's count equals the length
 * of the list it opens, for every user of a demo municipality, and stays
 * so when appeals change status and cases change unit (the running counts
 * of migrations 0006 and 0009 are kept by triggers). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#define PAGE 37 /* not a divisor of anything: pages end mid-list */

/* How many lines a list has, read page by page as its screen reads it:
 * one function per kind of list, the page call the only difference. */
#define LIST_LEN(name, type, page_call)                                    \
	static long name(struct tenv *t, int kind)                         \
	{                                                                  \
		type *buf = calloc(PAGE, sizeof *buf), last;               \
		size_t n = 0;                                              \
		long total = 0;                                            \
		bool first = true;                                         \
                                                                           \
		assert_non_null(buf);                                      \
		for (;;) {                                                 \
			assert_int_equal(page_call, 0);                    \
			total += (long)n;                                  \
			if (n < PAGE)                                      \
				break;                                     \
			last = buf[n - 1];                                 \
			first = false;                                     \
		}                                                          \
		free(buf);                                                 \
		return total;                                              \
	}

LIST_LEN(queue_len, struct db_case_line,
	 queue_page(&t->s, (enum queue_kind)kind, first ? NULL : &last, PAGE,
		    buf, &n))
LIST_LEN(referral_len, struct referral_rec,
	 referral_page(&t->s, (enum referral_list)kind, 0,
		       first ? NULL : &last, PAGE, buf, &n))
LIST_LEN(alloc_len, struct db_case_line,
	 alloc_list_page(&t->s, (enum alloc_list)kind, first ? NULL : &last,
			 PAGE, buf, &n))
/* kind 1: the vacant dwellings, 0: the whole register */
LIST_LEN(dwelling_len, struct dwelling_rec,
	 dwelling_page(&t->s, kind ? "vacant" : "", first ? NULL : &last,
		       PAGE, buf, &n))

/* Every count the home screen shows this user against its list; returns
 * how many counts were above zero (a check that compares only zeros
 * proves nothing). */
static int check_user(struct tenv *t, const char *login)
{
	enum queue_kind qs[Q__COUNT];
	enum referral_list rl[RL__COUNT];
	enum alloc_list al[AL__COUNT];
	size_t nq, nr, na;
	long count;
	int nonzero = 0;

	tenv_login(t, login);
	nq = queue_kinds(&t->s, qs);
	for (size_t i = 0; i < nq; i++) {
		assert_int_equal(queue_count(&t->s, qs[i], &count), 0);
		if (count != queue_len(t, qs[i]))
			fail_msg("%s: queue %d counts %ld, lists %ld", login,
				 qs[i], count, queue_len(t, qs[i]));
		nonzero += count > 0;
	}
	nr = referral_lists(&t->s, rl);
	for (size_t i = 0; i < nr; i++) {
		assert_int_equal(referral_count(&t->s, rl[i], 0, &count), 0);
		if (count != referral_len(t, rl[i]))
			fail_msg("%s: referrals %d count %ld, list %ld", login,
				 rl[i], count, referral_len(t, rl[i]));
		nonzero += count > 0;
	}
	na = alloc_list_kinds(&t->s, al);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(alloc_list_count(&t->s, al[i], &count), 0);
		if (count != alloc_len(t, al[i]))
			fail_msg("%s: allocation list %d counts %ld, lists %ld",
				 login, al[i], count, alloc_len(t, al[i]));
		nonzero += count > 0;
	}
	if (dwelling_may_manage(&t->s)) {
		assert_int_equal(dwelling_count(&t->s, "vacant", &count), 0);
		assert_int_equal(count, dwelling_len(t, 1));
		assert_int_equal(dwelling_count(&t->s, "", &count), 0);
		assert_int_equal(count, dwelling_len(t, 0));
		nonzero += count > 0;
	}
	return nonzero;
}

static void exec(struct tenv *t, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;

	if (sqlite3_open(t->db_path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : sqlite3_errmsg(h));
	sqlite3_close(h);
}

static char **logins(struct tenv *t, size_t *n)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char **out = NULL;

	*n = 0;
	assert_int_equal(sqlite3_open(t->db_path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT DISTINCT s.login FROM "
					       "staff s JOIN membership m ON "
					       "m.staff_id = s.id ORDER BY 1",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		out = realloc(out, (*n + 1) * sizeof *out);
		out[(*n)++] = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return out;
}

static int check_all(struct tenv *t)
{
	size_t n;
	char **who = logins(t, &n);
	int nonzero = 0;

	assert_true(n > 20);
	for (size_t i = 0; i < n; i++) {
		nonzero += check_user(t, who[i]);
		free(who[i]);
	}
	free(who);
	return nonzero;
}

/* A table kept by triggers against the rows it is made from: the query's
 * three numbers are the kept rows that differ from a direct reading (0),
 * how many there are directly (some) and how many are kept (as many). */
static void kept_table_agrees(struct tenv *t, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open(t->db_path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	assert_true(sqlite3_column_int(st, 1) > 0);
	assert_int_equal(sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static void test_counts_equal_lists(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct demo_opts o = {3000, 11, true};
	int before;

	(void)state;
	tenv_set_today(t, "2026-11-22");
	if (demo_fill(&t->s, &o, NULL) != 0)
		fail_msg("demo_fill: %s", t->s.err.msg);
	tenv_login(t, "admin");
	assert_int_equal(demo_register(&t->s, "benk"), 0);
	before = check_all(t);
	assert_true(before > 30);

	/* a case's priority on its own screen is the one its queue line
	 * shows (one case is looked up by id, not by scoring the queue) */
	{
		struct db_alloc_line q[PAGE];
		size_t nq = 0;
		tenv_login(t, "benk");
		assert_int_equal(alloc_queue_page(&t->s, NULL, NULL, PAGE, q,
						  &nq),
				 0);
		assert_true(nq > 10);
		for (size_t i = 0; i < nq; i++) {
			struct alloc_priority p;
			assert_int_equal(alloc_priority_of(&t->s,
							   q[i].line.case_id,
							   &p),
					 0);
			assert_int_equal(p.total, q[i].total);
		}
	}

	/* the appeals' running count follows their status, whatever path
	 * changes it: half of the open appeals decided by the appeal body,
	 * a decided one reopened */
	exec(t, "UPDATE appeal SET status = 'decided', body_outcome = 'upheld' "
		"WHERE status IN ('registered','forwarded') AND id % 2 = 0");
	exec(t, "UPDATE appeal SET status = 'forwarded', body_outcome = NULL "
		"WHERE id = (SELECT min(id) FROM appeal WHERE status = "
		"'decided')");
	/* leases: some reviewed, some brought forward to be due, and
	 * cases that were housed closed (their leases leave the allocation
	 * group's list but stay with the unit) */
	exec(t, "UPDATE lease SET review_outcome = 'extend', reviewed_at = "
		"'2026-11-01T10:00:00Z' WHERE review_outcome IS NULL AND "
		"id % 2 = 0");
	exec(t, "UPDATE lease SET review_date = '2026-01-01' WHERE status = "
		"'active' AND review_outcome IS NULL AND id % 3 = 0");
	exec(t, "UPDATE case_file SET status = 'closed', close_reason = "
		"'housed', closed_at = '2026-11-01T10:00:00Z' WHERE status = "
		"'housed' AND id % 4 = 0");
	/* cases change unit: every third open case of NAV moves to EIE */
	exec(t, "UPDATE case_file SET unit_id = (SELECT id FROM unit WHERE code "
		"= 'EIE') WHERE unit_id = (SELECT id FROM unit WHERE code = "
		"'NAV') AND status <> 'closed' AND id % 3 = 0");
	assert_true(check_all(t) > 30);
	/* the open leases' table agrees with the leases themselves */
	kept_table_agrees(t,
			  "SELECT (SELECT count(*) FROM (SELECT l.id, "
			  "l.case_id, c.unit_id, c.status, l.review_date "
			  "FROM lease l JOIN case_file c ON c.id = "
			  "l.case_id WHERE l.status = 'active' AND "
			  "l.review_outcome IS NULL EXCEPT SELECT lease_id, "
			  "case_id, unit_id, case_status, review_date FROM "
			  "lease_open)), (SELECT count(*) FROM lease WHERE "
			  "status = 'active' AND review_outcome IS NULL), "
			  "(SELECT count(*) FROM lease_open)");
	/* and the running count agrees with a direct count */
	kept_table_agrees(t,
			  "SELECT (SELECT count(*) FROM (SELECT c.id, "
			  "c.unit_id, count(*) FROM appeal a JOIN decision "
			  "d ON d.id = a.decision_id JOIN case_file c ON "
			  "c.id = d.case_id WHERE a.status IN "
			  "('registered','forwarded') GROUP BY 1, 2 "
			  "EXCEPT SELECT case_id, unit_id, n FROM "
			  "appeal_open)), (SELECT count(*) FROM appeal_open), "
			  "(SELECT count(DISTINCT d.case_id) FROM appeal a "
			  "JOIN decision d ON d.id = a.decision_id WHERE "
			  "a.status IN ('registered','forwarded'))");
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_equal_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
