/* Retention of intake drafts and who may list the users (issue 7).
 *
 * A draft holds what a desk worker typed about someone who may never have
 * applied: `bosak admin purge` deletes the drafts nobody has changed for
 * [retention] draft_days before its date.  The boundary: a draft changed
 * exactly draft_days before the date stays, one changed the day before
 * goes.  `bosak admin user list` is for administrators (everyone) and
 * supervisors (the users of the units they supervise, with only those
 * units' roles); anyone else is refused without a name in the message and
 * without a log row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "testlib.h"

/* ---- a connection of the test's own, to look at what is stored ---- */

static int64_t sql_int(struct tenv *t, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(t->db_path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static int64_t draft_count(struct tenv *t)
{
	return sql_int(t, "SELECT count(*) FROM draft");
}

static bool draft_exists(struct tenv *t, int64_t id)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM draft WHERE id = %lld",
		 (long long)id);
	return sql_int(t, sql) == 1;
}

/* A draft by `login`, last changed at noon on `day`. */
static int64_t draft_on(struct tenv *t, const char *login, const char *day,
			const char *name)
{
	int64_t id = 0;

	tenv_login(t, login);
	tenv_set_today(t, day);
	assert_int_equal(draft_save(&t->s, &id, "intake", name,
				    "fnr=01018012345;navn=Kari Søker"),
			 0);
	assert_true(id > 0);
	return id;
}

struct seen_drafts {
	int n;
	int64_t ids[8];
};

static void note_draft(void *ctx, const struct db_purge_draft *d)
{
	struct seen_drafts *s = ctx;
	if (s->n < 8)
		s->ids[s->n] = d->id;
	s->n++;
}

static void purge_as_admin(struct tenv *t, const char *day, bool dry,
			   struct seen_drafts *seen, struct purge_result *res)
{
	tenv_login(t, "admin");
	tenv_set_today(t, day);
	assert_int_equal(purge_run(&t->s, day, dry, NULL,
				   seen ? note_draft : NULL, seen, res),
			 0);
}

/* draft_days = 90 (the default) and a purge on 2026-04-01: the cut-off
 * is 2026-01-01, 90 days before. */
static void test_draft_boundary(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct seen_drafts seen = {0};
	struct purge_result res;
	int64_t before, on, recent;
	char *data = NULL;

	(void)state;
	assert_int_equal(t->cfg.draft_days, 90);
	before = draft_on(t, "desk1", "2025-12-31", "Før Grensen");
	on = draft_on(t, "desk1", "2026-01-01", "På Grensen");
	recent = draft_on(t, "desk1", "2026-03-30", "Nylig Endret");

	/* the dry run names only the one past the boundary, deletes none */
	purge_as_admin(t, "2026-04-01", true, &seen, &res);
	assert_string_equal(res.draft_cutoff, "2026-01-01");
	assert_int_equal(res.drafts, 1);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.ids[0], before);
	assert_int_equal(res.run_id, 0);
	assert_int_equal(draft_count(t), 3);
	assert_int_equal(sql_int(t, "SELECT count(*) FROM purge_run"), 0);

	/* the purge deletes it; the boundary day and the recent one stay */
	memset(&seen, 0, sizeof seen);
	purge_as_admin(t, "2026-04-01", false, &seen, &res);
	assert_int_equal(res.drafts, 1);
	assert_int_equal(seen.n, 1);
	assert_false(draft_exists(t, before));
	assert_true(draft_exists(t, on));
	assert_true(draft_exists(t, recent));
	/* the run says how many went, from which day, under which setting */
	assert_int_equal(sql_int(t, "SELECT count(*) FROM purge_run WHERE "
				    "state = 'done' AND drafts = 1 AND "
				    "draft_cutoff = '2026-01-01' AND "
				    "draft_days = 90 AND finished_at IS NOT "
				    "NULL"),
			 1);
	/* what stays is still the desk worker's, whole */
	tenv_login(t, "desk1");
	assert_int_equal(draft_load(&t->s, on, &data), 0);
	assert_string_equal(data, "fnr=01018012345;navn=Kari Søker");
	free(data);
	assert_int_equal(draft_load(&t->s, before, &data), ERR_NOTFOUND);

	/* run again the same day: nothing more */
	purge_as_admin(t, "2026-04-01", false, NULL, &res);
	assert_int_equal(res.drafts, 0);
	assert_int_equal(draft_count(t), 2);

	/* a day later the boundary draft has had its 90 days and goes */
	purge_as_admin(t, "2026-04-02", false, NULL, &res);
	assert_string_equal(res.draft_cutoff, "2026-01-02");
	assert_int_equal(res.drafts, 1);
	assert_false(draft_exists(t, on));
	assert_true(draft_exists(t, recent));
	assert_true(db_integrity_ok(t->s.db));
	tenv_free(&t);
}

/* A draft changed again is a draft in use: its clock starts over. */
static void test_draft_changed_recently_survives(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct purge_result res;
	int64_t id = draft_on(t, "desk1", "2025-06-01", "Gammel Start");
	int64_t other = draft_on(t, "nav1", "2025-06-01", "Annen Bruker");

	(void)state;
	/* desk1 goes on typing in it in March */
	tenv_login(t, "desk1");
	tenv_set_today(t, "2026-03-15");
	assert_int_equal(draft_save(&t->s, &id, "intake", "Gammel Start",
				    "navn=Kari Søker;tlf=99887766"),
			 0);
	purge_as_admin(t, "2026-04-01", false, NULL, &res);
	assert_int_equal(res.drafts, 1);
	assert_true(draft_exists(t, id));
	/* every user's old drafts go, not only the administrator's */
	assert_false(draft_exists(t, other));
	tenv_free(&t);
}

/* A draft saved between the listing and the deleting is checked again
 * inside the deleting transaction, and stays. */
static void test_draft_saved_meanwhile_stays(void **state)
{
	struct tenv *t = tenv_new("desk1");
	int64_t id = draft_on(t, "desk1", "2025-06-01", "Midt I");
	struct db_purge_draft found[4];
	int64_t run = 0, ids[1];
	size_t n = 0;
	long gone = 0;

	(void)state;
	assert_int_equal(db_purge_draft_candidates(t->s.db, "2026-01-01", 0, 4,
						   found, &n),
			 DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(found[0].id, id);
	assert_string_equal(found[0].kind, "intake");
	ids[0] = id;
	/* the desk worker saves it now */
	tenv_set_today(t, "2026-04-01");
	assert_int_equal(draft_save(&t->s, &id, "intake", "Midt I", "mer"), 0);
	assert_int_equal(ids[0], id);
	tenv_login(t, "admin");
	assert_int_equal(db_purge_begin(t->s.db, t->s.me.id,
					"2026-04-01T12:00:00Z", "2026-04-01",
					"2016-04-01", 10, "2026-01-01", 90,
					&run),
			 DB_OK);
	assert_int_equal(db_purge_drafts(t->s.db, run, ids, 1, "2026-01-01",
					 &gone),
			 DB_OK);
	assert_int_equal(gone, 0);
	assert_true(draft_exists(t, id));
	tenv_free(&t);
}

/* The setting is read: with draft_days = 10 a draft of 11 days goes and
 * one of 10 stays; only an administrator purges. */
static void test_draft_days_configured(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct purge_result res;
	int64_t eleven, ten;

	(void)state;
	t->cfg.draft_days = 10;
	eleven = draft_on(t, "desk1", "2026-03-21", "Elleve Dager");
	ten = draft_on(t, "desk1", "2026-03-22", "Ti Dager");

	tenv_login(t, "desk1");
	tenv_set_today(t, "2026-04-01");
	assert_int_equal(purge_run(&t->s, "2026-04-01", false, NULL, NULL,
				   NULL, &res),
			 ERR_DENIED);
	assert_int_equal(draft_count(t), 2);

	purge_as_admin(t, "2026-04-01", false, NULL, &res);
	assert_string_equal(res.draft_cutoff, "2026-03-22");
	assert_int_equal(res.drafts, 1);
	assert_false(draft_exists(t, eleven));
	assert_true(draft_exists(t, ten));
	tenv_free(&t);
}

/* More drafts than a batch: all go, in several transactions, and the run
 * counts every one. */
static void test_draft_batches(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct purge_result res;
	char name[32];
	int i;

	(void)state;
	tenv_set_today(t, "2025-01-10");
	for (i = 0; i < 150; i++) {
		int64_t id = 0;
		snprintf(name, sizeof name, "Utkast %d", i);
		assert_int_equal(draft_save(&t->s, &id, "intake", name, "x"), 0);
	}
	draft_on(t, "desk1", "2026-03-30", "Ny");
	purge_as_admin(t, "2026-04-01", false, NULL, &res);
	assert_int_equal(res.drafts, 150);
	assert_int_equal(draft_count(t), 1);
	assert_int_equal(sql_int(t, "SELECT drafts FROM purge_run"), 150);
	tenv_free(&t);
}

/* ---- admin user list ---- */

static const char *line_roles(struct staff_line *l, size_t n,
			      const char *login)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].staff.login, login) == 0)
			return l[i].roles;
	return NULL;
}

static void test_user_list_admin_sees_all(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct staff_line *l = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(staff_list(&t->s, &l, &n), 0);
	assert_int_equal(n, 8);
	assert_string_equal(line_roles(l, n, "nav1"), "NAV:caseworker");
	assert_string_equal(line_roles(l, n, "helse1"), "HELSE:caseworker");
	assert_non_null(line_roles(l, n, "admin"));
	free(l);
	tenv_free(&t);
}

static void test_user_list_supervisor_sees_own_units(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct staff_line *l = NULL;
	size_t n = 0;

	(void)state;
	/* nav1 also works in HELSE: not the NAV supervisor's business */
	assert_int_equal(staff_grant(&t->s, "nav1", "HELSE", "caseworker"), 0);
	/* a user registered without a role is in no unit of sup1's */
	assert_int_equal(staff_add(&t->s, "ny1", "Ny Uten Rolle"), 0);
	tenv_login(t, "sup1");
	assert_int_equal(staff_list(&t->s, &l, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(line_roles(l, n, "nav1"), "NAV:caseworker");
	assert_string_equal(line_roles(l, n, "nav2"), "NAV:caseworker");
	assert_string_equal(line_roles(l, n, "sup1"), "NAV:supervisor");
	assert_null(line_roles(l, n, "helse1"));
	assert_null(line_roles(l, n, "eie1"));
	assert_null(line_roles(l, n, "admin"));
	assert_null(line_roles(l, n, "ny1"));
	free(l);
	tenv_free(&t);
}

static void test_user_list_refused_for_others(void **state)
{
	static const char *const others[] = {"nav1", "desk1", "tild1",
					     "eie1", "helse1"};
	static const char *const names[] = {"nav1", "Ødegård", "Skranke",
					    "Tildeling", "Helse", "Leder",
					    "Istrator"};
	struct tenv *t = tenv_new("nav1");
	int64_t logged = sql_int(t, "SELECT count(*) FROM access_log");

	(void)state;
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct staff_line *l = (struct staff_line *)&t; /* not NULL */
		size_t n = 99;

		tenv_login(t, others[i]);
		assert_int_equal(staff_list(&t->s, &l, &n), ERR_DENIED);
		assert_null(l);
		assert_int_equal(n, 0);
		assert_non_null(strstr(t->s.err.msg, "supervisor"));
		/* the refusal names nobody */
		for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
			assert_null(strstr(t->s.err.msg, names[j]));
	}
	/* and leaves no trace of anyone in the logs */
	assert_int_equal(sql_int(t, "SELECT count(*) FROM access_log"), logged);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draft_boundary),
		cmocka_unit_test(test_draft_changed_recently_survives),
		cmocka_unit_test(test_draft_saved_meanwhile_stays),
		cmocka_unit_test(test_draft_days_configured),
		cmocka_unit_test(test_draft_batches),
		cmocka_unit_test(test_user_list_admin_sees_all),
		cmocka_unit_test(test_user_list_supervisor_sees_own_units),
		cmocka_unit_test(test_user_list_refused_for_others),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
