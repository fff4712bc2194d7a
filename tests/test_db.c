/* Storage: migrations, settings, append-only tables, backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/bosak-dbtest-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
}

static void test_migrate_empty(void **state)
{
	struct db *db = NULL;
	char p[128];
	int from = -1, to = -1, v = -1;
	int64_t n = -1;

	(void)state;
	path(p, sizeof p, "empty.db");
	assert_int_equal(db_open(&db, p, DB_OPEN_CREATE), DB_OK);
	assert_int_equal(db_migrate(db, &from, &to), DB_OK);
	assert_int_equal(from, 0);
	assert_int_equal(to, db_schema_latest());
	assert_int_equal(db_user_version(db, &v), DB_OK);
	assert_int_equal(v, db_schema_latest());
	assert_int_equal(db_count(db, "case_file", &n), DB_OK);
	assert_int_equal(n, 0);
	/* a second start applies nothing */
	assert_int_equal(db_migrate(db, &from, &to), DB_OK);
	assert_int_equal(from, db_schema_latest());
	db_close(&db);
	assert_null(db);
}

static void test_migrate_older_keeps_data(void **state)
{
	struct db *db = NULL;
	char p[128];
	int from = -1, to = -1, v = 0;
	int64_t n = 0;

	(void)state;
	assert_true(db_schema_latest() >= 2);
	path(p, sizeof p, "older.db");
	assert_int_equal(db_open(&db, p, DB_OPEN_CREATE), DB_OK);
	assert_int_equal(db_migrate_to(db, 1, NULL, NULL), DB_OK);
	assert_int_equal(db_user_version(db, &v), DB_OK);
	assert_int_equal(v, 1);
	assert_int_equal(db_exec(db, "INSERT INTO unit (code, name, kind) "
				     "VALUES ('NAV', 'NAV Øst', 'nav')"),
			 DB_OK);
	db_close(&db);

	assert_int_equal(db_open(&db, p, 0), DB_OK);
	assert_int_equal(db_migrate(db, &from, &to), DB_OK);
	assert_int_equal(from, 1);
	assert_int_equal(to, db_schema_latest());
	assert_int_equal(db_count(db, "unit", &n), DB_OK);
	assert_int_equal(n, 1);
	/* the index of migration 2 is there */
	assert_int_equal(db_exec(db, "SELECT 1 FROM case_file INDEXED BY "
				     "case_unit_received"),
			 DB_OK);
	db_close(&db);
}

static void test_newer_refused(void **state)
{
	struct db *db = NULL;
	struct session s;
	struct config cfg;
	char p[128], sql[64];

	(void)state;
	path(p, sizeof p, "newer.db");
	assert_int_equal(db_open(&db, p, DB_OPEN_CREATE), DB_OK);
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d",
		 db_schema_latest() + 1);
	assert_int_equal(db_exec(db, sql), DB_OK);
	assert_int_equal(db_migrate(db, NULL, NULL), DB_NEWER);
	db_close(&db);
	config_defaults(&cfg);
	assert_int_equal(session_open_db(&s, &cfg, p, false), ERR_VERSION);
	assert_non_null(strstr(s.err.msg, "bosak"));
	assert_null(s.db);
}

static void test_missing_file_not_created(void **state)
{
	struct db *db = NULL;
	char p[128];

	(void)state;
	path(p, sizeof p, "nothere.db");
	assert_int_equal(db_open(&db, p, 0), DB_NOTFOUND);
	assert_int_equal(access(p, F_OK), -1);
}

static void test_settings(void **state)
{
	struct tenv *t = tenv_new("nav1");
	(void)state;
	/* WAL, foreign keys and synchronous=FULL hold on every open */
	assert_int_equal(db_exec(t->s.db, "CREATE TEMP TABLE x AS SELECT 1 AS v"),
			 DB_OK);
	assert_int_equal(
		db_exec(t->s.db, "INSERT INTO household_member (household_id, "
				 "relation) VALUES (424242, 'child')"),
		DB_CONFLICT); /* foreign key refused */
	tenv_free(&t);
}

static void test_journal_and_log_append_only(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Kari", "Nordmann", "NAV");
	struct case_rec c;

	(void)state;
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_not_equal(db_exec(t->s.db, "UPDATE journal SET text = 'x'"),
			     DB_OK);
	assert_int_not_equal(db_exec(t->s.db, "DELETE FROM journal"), DB_OK);
	assert_int_not_equal(db_exec(t->s.db, "UPDATE access_log SET reason = "
					      "'own'"),
			     DB_OK);
	assert_int_not_equal(db_exec(t->s.db, "DELETE FROM access_log"), DB_OK);
	tenv_free(&t);
}

/* A writer in another process keeps committing while the backup runs. */
static void test_backup_while_writing(void **state)
{
	struct tenv *t = tenv_new("nav1");
	char dest[400], cmd[900];
	struct db *copy = NULL;
	int64_t n = 0;
	pid_t pid;
	int status;

	(void)state;
	tenv_login(t, "admin");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct db *w = NULL;
		int i;
		if (db_open(&w, t->db_path, 0))
			_exit(2);
		for (i = 0; i < 300; i++)
			if (db_exec(w, "INSERT INTO household (created_at) VALUES "
				       "('2026-03-02T12:00:00Z')"))
				_exit(3);
		db_close(&w);
		_exit(0);
	}
	snprintf(dest, sizeof dest, "%s/backup.db", t->dir);
	assert_int_equal(backup_to(&t->s, dest), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(db_open(&copy, dest, 0), DB_OK);
	assert_true(db_integrity_ok(copy));
	assert_int_equal(db_count(copy, "staff", &n), DB_OK);
	assert_true(n >= 8);
	db_close(&copy);
	/* never over an existing file */
	assert_int_equal(backup_to(&t->s, dest), ERR_IO);
	/* only an administrator */
	tenv_login(t, "nav1");
	snprintf(dest, sizeof dest, "%s/backup2.db", t->dir);
	assert_int_equal(backup_to(&t->s, dest), ERR_DENIED);
	snprintf(cmd, sizeof cmd, "test ! -e '%s'", dest);
	assert_int_equal(system(cmd), 0);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_empty),
		cmocka_unit_test(test_migrate_older_keeps_data),
		cmocka_unit_test(test_newer_refused),
		cmocka_unit_test(test_missing_file_not_created),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_journal_and_log_append_only),
		cmocka_unit_test(test_backup_while_writing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
