/* The writers' queue (db/db.c): writers get their turn in the order they
 * asked for it, and a writer that dies in its turn does not stop the
 * others for longer than a short wait. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../db/dbint.h"

static char dir[] = "/tmp/bosak-wqueue-XXXXXX";
static char path[256];

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct put {
	int who;
	int hold_ms; /* stays inside its turn this long */
	int ready;   /* pipe to say "inside my turn", or -1 */
	bool die;    /* killed inside its turn */
};

static int put_tx(struct db *db, void *arg)
{
	struct put *p = arg;
	sqlite3_stmt *st = db_prep(db, "INSERT INTO t (who) VALUES (?)");

	sqlite3_bind_int(st, 1, p->who);
	if (sqlite3_step(st) != SQLITE_DONE)
		return DB_ERROR;
	sqlite3_reset(st);
	if (p->ready >= 0 && write(p->ready, "x", 1) != 1)
		return DB_ERROR;
	if (p->die)
		raise(SIGKILL);
	if (p->hold_ms)
		usleep((useconds_t)p->hold_ms * 1000);
	return DB_OK;
}

static pid_t writer(int who, int hold_ms, int ready, bool die)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct db *db = NULL;
		struct put p = {who, hold_ms, ready, die};
		if (db_open(&db, path, 0) || db_tx(db, put_tx, &p))
			_exit(1);
		db_close(&db);
		_exit(0);
	}
	assert_true(pid > 0);
	return pid;
}

/* Waits, awake, until the writer `after` has committed, then asks for
 * its turn at once: the moment a woken waiter has not run yet, when
 * flock alone let the newcomer take the lock first. */
static pid_t barger(int who, int after)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct db *db = NULL;
		struct put p = {who, 0, -1, false};
		sqlite3_stmt *st;
		int seen = 0;
		if (db_open(&db, path, 0))
			_exit(1);
		st = db_prep(db, "SELECT count(*) FROM t WHERE who = ?");
		while (!seen) {
			sqlite3_bind_int(st, 1, after);
			if (sqlite3_step(st) == SQLITE_ROW)
				seen = sqlite3_column_int(st, 0);
			sqlite3_reset(st);
		}
		if (db_tx(db, put_tx, &p))
			_exit(1);
		db_close(&db);
		_exit(0);
	}
	assert_true(pid > 0);
	return pid;
}

static void wait_ok(pid_t pid)
{
	int status = 0;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static int setup(void **state)
{
	struct db *db = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/q.db", dir);
	assert_int_equal(db_open(&db, path, DB_OPEN_CREATE), DB_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, "
				     "who INTEGER)"),
			 DB_OK);
	db_close(&db);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void order(int *out, size_t max, size_t *n)
{
	struct db *db = NULL;
	sqlite3_stmt *st;

	*n = 0;
	assert_int_equal(db_open(&db, path, 0), DB_OK);
	st = db_prep(db, "SELECT who FROM t ORDER BY id");
	while (sqlite3_step(st) == SQLITE_ROW && *n < max)
		out[(*n)++] = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	assert_int_equal(db_exec(db, "DELETE FROM t"), DB_OK);
	db_close(&db);
}

/* The tickets drawn so far (the shared page's `next`, db/db.c), read
 * from the lock file: a writer has asked for its turn once it counts. */
static uint32_t tickets_drawn(void)
{
	char lock[300];
	uint32_t next = 0;
	int fd;

	snprintf(lock, sizeof lock, "%s-wlock", path);
	fd = open(lock, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &next, sizeof next, 16),
			 (ssize_t)sizeof next);
	close(fd);
	return next;
}

static void wait_for_tickets(uint32_t want)
{
	double t0 = now_ms();

	while (tickets_drawn() < want) {
		if (now_ms() - t0 > 30000)
			fail_msg("no ticket drawn in 30 s");
		usleep(1000);
	}
}

/* One writer holds its turn; three more ask, one after another, and
 * sleep; a fourth asks the instant the first is done.  They get their
 * turns in the order they asked. */
static void test_first_come_first_served(void **state)
{
	int fds[2], got[16];
	char c;
	size_t n;
	uint32_t drawn;
	pid_t first, w[4];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	first = writer(0, 300, fds[1], false);
	assert_int_equal(read(fds[0], &c, 1), 1); /* inside its turn */
	drawn = tickets_drawn();
	for (int k = 0; k < 3; k++) {
		w[k] = writer(k + 1, 0, -1, false);
		/* asked (however slow the machine), and asleep in the queue */
		wait_for_tickets(drawn + (uint32_t)k + 1);
	}
	w[3] = barger(4, 0);
	wait_ok(first);
	for (int k = 0; k < 4; k++)
		wait_ok(w[k]);
	order(got, 16, &n);
	assert_int_equal(n, 5);
	for (int k = 0; k < 5; k++)
		if (got[k] != k)
			fail_msg("turn %d went to writer %d", k, got[k]);
	close(fds[0]);
	close(fds[1]);
}

/* A writer killed inside its turn: the kernel lets go of its lock, and
 * the queue skips its ticket after one short wait, not the second of
 * giving up. */
static void test_dead_turn_is_skipped(void **state)
{
	int fds[2], got[16], status;
	char c;
	size_t n;
	pid_t dead, next;
	double t0;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	dead = writer(1, 0, fds[1], true);
	assert_int_equal(read(fds[0], &c, 1), 1);
	t0 = now_ms();
	next = writer(2, 0, -1, false);
	assert_int_equal(waitpid(dead, &status, 0), dead);
	assert_true(WIFSIGNALED(status));
	wait_ok(next);
	/* QUEUE_NAP_MS (10 ms) and a fork, far below QUEUE_GIVE_UP_MS */
	if (now_ms() - t0 > 500)
		fail_msg("the next writer waited %.0f ms", now_ms() - t0);
	order(got, 16, &n);
	/* the dead writer's transaction never committed */
	assert_int_equal(n, 1);
	assert_int_equal(got[0], 2);
	close(fds[0]);
	close(fds[1]);
}

/* A writer killed while it waits in the queue, before its turn: when
 * its turn comes nobody is there to take it or give it back, and the
 * writer behind it, next in line by then, skips it after one short
 * wait.  Only the next in line watches (the others sleep until woken),
 * so this holds only if it is told that it has become next in line. */
static void test_dead_waiter_is_skipped(void **state)
{
	int fds[2], got[16], status;
	char c;
	size_t n;
	uint32_t drawn;
	pid_t first, dead, last;
	double t0;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	first = writer(1, 300, fds[1], false);
	assert_int_equal(read(fds[0], &c, 1), 1); /* inside its turn */
	drawn = tickets_drawn();
	dead = writer(2, 0, -1, false);
	wait_for_tickets(drawn + 1);
	last = writer(3, 0, -1, false);
	wait_for_tickets(drawn + 2);
	kill(dead, SIGKILL);
	assert_int_equal(waitpid(dead, &status, 0), dead);
	assert_true(WIFSIGNALED(status));
	wait_ok(first);
	t0 = now_ms();
	wait_ok(last);
	/* QUEUE_NAP_MS (10 ms), far below QUEUE_GIVE_UP_MS (1 s) */
	if (now_ms() - t0 > 500)
		fail_msg("the last writer waited %.0f ms after the first",
			 now_ms() - t0);
	order(got, 16, &n);
	assert_int_equal(n, 2);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 3);
	close(fds[0]);
	close(fds[1]);
}

/* Writers first: after its own commit a session's next read waits until
 * the writer holding its turn is done, so its read sees that writer's
 * row; after db_action_begin (a new key) the read goes ahead at once. */
static int count_who(struct db *db, int who)
{
	sqlite3_stmt *st = db_prep(db, "SELECT count(*) FROM t WHERE who = ?");
	int n = -1;

	assert_non_null(st);
	sqlite3_bind_int(st, 1, who);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static void test_reads_after_a_save_wait_for_writers(void **state)
{
	struct db *db = NULL;
	struct put mine = {10, 0, -1, false};
	int fds[2], got[16];
	char c;
	size_t n;
	pid_t w;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(db_open(&db, path, 0), DB_OK);

	assert_int_equal(db_tx(db, put_tx, &mine), DB_OK);
	w = writer(20, 300, fds[1], false);
	assert_int_equal(read(fds[0], &c, 1), 1); /* inside its turn */
	assert_int_equal(count_who(db, 20), 1);   /* waited for its commit */
	wait_ok(w);

	mine.who = 11;
	assert_int_equal(db_tx(db, put_tx, &mine), DB_OK);
	w = writer(21, 300, fds[1], false);
	assert_int_equal(read(fds[0], &c, 1), 1);
	db_action_begin(db);
	assert_int_equal(count_who(db, 21), 0); /* went ahead */
	wait_ok(w);
	assert_int_equal(count_who(db, 21), 1);

	db_close(&db);
	order(got, 16, &n);
	assert_int_equal(n, 4);
	close(fds[0]);
	close(fds[1]);
}

/* Checkpoints wait for an idle moment in a process that has them (the
 * terminal interface, db_idle): its commits do not copy the WAL back,
 * however far past WAL_CHECKPOINT_PAGES (1000) it grows, short of the
 * forced size; its next idle moment does.  A process without idle
 * moments (a command) checkpoints after its commits. */
static long long file_size(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long long)st.st_size : -1;
}

static int blob_tx(struct db *db, void *arg)
{
	(void)arg;
	return db_exec(db, "INSERT INTO big (b) VALUES (zeroblob(3900))");
}

static void test_checkpoints_wait_for_idle(void **state)
{
	struct db *db = NULL;
	long long before;

	(void)state;
	assert_int_equal(db_open(&db, path, 0), DB_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE IF NOT EXISTS big (b BLOB)"),
			 DB_OK);
	db_idle(db); /* a process with idle moments */
	before = file_size(path);
	for (int i = 0; i < 1100; i++)
		assert_int_equal(db_tx(db, blob_tx, NULL), DB_OK);
	assert_int_equal(file_size(path), before); /* all still in the WAL */
	db_idle(db);
	assert_true(file_size(path) >= before + 1100LL * 3900);
	db_close(&db);

	assert_int_equal(db_open(&db, path, 0), DB_OK);
	before = file_size(path);
	for (int i = 0; i < 1100; i++)
		assert_int_equal(db_tx(db, blob_tx, NULL), DB_OK);
	assert_true(file_size(path) > before); /* copied back by a commit */
	assert_int_equal(db_exec(db, "DROP TABLE big"), DB_OK);
	db_close(&db);
}

/* A page in a state no run makes (a million tickets ahead of the one
 * served, as a file written by something else would be): the next
 * writer starts the order afresh instead of waiting for them. */
static void test_insane_page_recovers(void **state)
{
	char lock[300];
	uint32_t v[2] = {1000000u, 0}; /* next, serving */
	int fd, got[4];
	size_t n;
	double t0;

	(void)state;
	snprintf(lock, sizeof lock, "%s-wlock", path);
	fd = open(lock, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, v, sizeof v, 16), (ssize_t)sizeof v);
	close(fd);
	t0 = now_ms();
	wait_ok(writer(7, 0, -1, false));
	if (now_ms() - t0 > 500)
		fail_msg("the writer waited %.0f ms", now_ms() - t0);
	order(got, 4, &n);
	assert_int_equal(n, 1);
	assert_int_equal(got[0], 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_come_first_served),
		cmocka_unit_test(test_dead_turn_is_skipped),
		cmocka_unit_test(test_dead_waiter_is_skipped),
		cmocka_unit_test(test_reads_after_a_save_wait_for_writers),
		cmocka_unit_test(test_checkpoints_wait_for_idle),
		cmocka_unit_test(test_insane_page_recovers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
