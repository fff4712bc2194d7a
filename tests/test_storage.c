/* A full disk and a read-only database (issue 7): the user gets a clear
 * sentence, nothing is half-saved, the file stays whole, what was typed is
 * kept, and work goes on once there is room again.
 *
 * The disk is made "full" with PRAGMA max_page_count on the program's own
 * connection (SQLite answers SQLITE_FULL exactly as for ENOSPC), the
 * database read-only with PRAGMA query_only (SQLITE_READONLY, as for a
 * file or file system that cannot be written).  tests/e2e/storage_full.sh
 * does it with a real, small file system where mount(8) is allowed. */
#include <pthread.h>
#include <pty.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testlib.h"
#include "../tui/app.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libncursesw\nleak:libtinfo\nleak:libformw\n";
}

static int64_t q_int(struct tenv *t, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(t->db_path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Makes the database full: no page more than it has now. */
static void fill(struct tenv *t)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld",
		 (long long)q_int(t, "PRAGMA page_count"));
	assert_int_equal(db_exec(t->s.db, sql), DB_OK);
}

static void room(struct tenv *t)
{
	assert_int_equal(db_exec(t->s.db, "PRAGMA max_page_count = 1073741823"),
			 DB_OK);
}

static void long_text(char *out, size_t size, int i)
{
	size_t n = (size_t)snprintf(out, size, "notat %d: ", i);
	for (; n + 1 < size; n++)
		out[n] = (char)('a' + (n % 26));
	out[n] = '\0';
}

static void test_disk_full(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Full", "Disk", "NAV");
	char text[1001];
	int64_t notes, cases, persons;
	int i, rc = 0, saved = 0;
	struct intake in;
	struct unit_rec nav;
	int64_t cid = 0;
	char number[12];

	(void)state;
	fill(t);
	for (i = 0; i < 500; i++) {
		long_text(text, sizeof text, i);
		rc = case_note(&t->s, id, text);
		if (rc)
			break;
		saved++;
	}
	assert_int_equal(rc, ERR_FULL);
	assert_string_equal(t->s.err.msg, "Disken er full. Ingenting ble lagret.");
	/* what was said saved is there, the refused one is not */
	notes = q_int(t, "SELECT count(*) FROM journal WHERE kind = 'note'");
	assert_int_equal(notes, saved);

	/* a whole registration is refused as a whole */
	cases = q_int(t, "SELECT count(*) FROM case_file");
	persons = q_int(t, "SELECT count(*) FROM person");
	tenv_login(t, "desk1");
	fill(t);
	assert_int_equal(unit_find(&t->s, "NAV", &nav), 0);
	intake_init(&t->s, &in);
	assert_int_equal(nid_make_synthetic("1961-07-08", 3, false,
					    in.applicant.nid),
			 0);
	strcpy(in.applicant.given, "Ingen");
	strcpy(in.applicant.family, "Plass");
	long_text(in.needs_note, sizeof in.needs_note, 0);
	in.unit_id = nav.id;
	rc = intake_register(&t->s, &in, &cid, number);
	/* the note above may have left room for a small registration: fill
	 * up with notes until the registration is the one refused */
	for (i = 0; rc == 0 && i < 500; i++) {
		cases++;
		persons++;
		tenv_login(t, "nav1");
		while (case_note(&t->s, id, "fyll") == 0)
			;
		tenv_login(t, "desk1");
		in.applicant.id = 0;
		assert_int_equal(nid_make_synthetic("1961-07-08", 4 + (unsigned)i,
						    false, in.applicant.nid),
				 0);
		rc = intake_register(&t->s, &in, &cid, number);
	}
	assert_int_equal(rc, ERR_FULL);
	assert_int_equal(q_int(t, "SELECT count(*) FROM case_file"), cases);
	assert_int_equal(q_int(t, "SELECT count(*) FROM person"), persons);
	assert_true(db_integrity_ok(t->s.db));

	/* room again: work goes on */
	room(t);
	tenv_login(t, "nav1");
	assert_int_equal(case_note(&t->s, id, "det er plass igjen"), 0);
	tenv_login(t, "desk1");
	assert_int_equal(intake_register(&t->s, &in, &cid, number), 0);
	assert_true(db_integrity_ok(t->s.db));
	tenv_free(&t);
}

static void test_read_only(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Lese", "Kun", "NAV");
	struct case_rec c;
	int64_t notes;

	(void)state;
	notes = q_int(t, "SELECT count(*) FROM journal");
	assert_int_equal(db_exec(t->s.db, "PRAGMA query_only = ON"), DB_OK);
	assert_int_equal(case_note(&t->s, id, "kan ikke lagres"), ERR_READONLY);
	assert_string_equal(t->s.err.msg,
			    "Databasen er skrivebeskyttet. Ingenting ble lagret.");
	/* a read that cannot be logged is not shown: every read is logged */
	assert_int_equal(case_open(&t->s, id, &c), ERR_READONLY);
	assert_int_equal(q_int(t, "SELECT count(*) FROM journal"), notes);
	assert_int_equal(db_exec(t->s.db, "PRAGMA query_only = OFF"), DB_OK);
	assert_int_equal(case_note(&t->s, id, "nå går det"), 0);
	assert_true(db_integrity_ok(t->s.db));
	tenv_free(&t);
}

/* ------------------------------------------- on the screen: the note */

struct ts {
	struct tenv *t;
	int master, slave;
	FILE *in, *out;
	struct app *a;
	pthread_t reader;
	char row[1024];
};

static void *drain(void *arg)
{
	struct ts *ts = arg;
	char buf[4096];
	while (read(ts->master, buf, sizeof buf) > 0)
		;
	return NULL;
}

static void pump(struct ts *ts)
{
	for (int i = 0; i < 200; i++)
		if (app_step(ts->a, 40) != APP_KEY)
			return;
	fail_msg("the program never waited for input");
}

static void type(struct ts *ts, const char *s)
{
	size_t len = strlen(s);
	assert_int_equal(write(ts->master, s, len), (ssize_t)len);
	pump(ts);
}

static int find(struct ts *ts, const char *text)
{
	for (int y = 0; y < 24; y++) {
		app_row_text(ts->a, y, ts->row, sizeof ts->row);
		if (strstr(ts->row, text))
			return y;
	}
	return -1;
}

#define assert_shows(ts, text)                                               \
	do {                                                                 \
		if (find(ts, text) < 0) {                                    \
			for (int y_ = 0; y_ < 24; y_++) {                    \
				app_row_text(ts->a, y_, ts->row,             \
					     sizeof ts->row);                \
				fprintf(stderr, "|%s\n", ts->row);           \
			}                                                    \
			fail_msg("the screen does not show \"%s\"", text);   \
		}                                                            \
	} while (0)

static void test_note_kept_on_screen(void **state)
{
	struct ts *ts = calloc(1, sizeof *ts);
	struct winsize ws = {.ws_row = 24, .ws_col = 80};

	(void)state;
	assert_non_null(ts);
	ts->t = tenv_new("nav1");
	tenv_case(ts->t, "Åse", "Skrivesperre", "NAV");
	assert_int_equal(openpty(&ts->master, &ts->slave, NULL, NULL, NULL), 0);
	assert_int_equal(ioctl(ts->slave, TIOCSWINSZ, &ws), 0);
	ts->in = fdopen(ts->slave, "r");
	ts->out = fdopen(dup(ts->slave), "w");
	assert_int_equal(pthread_create(&ts->reader, NULL, drain, ts), 0);
	assert_int_equal(app_start(&ts->t->s, ts->in, ts->out, &ts->a), 0);
	pump(ts);
	type(ts, "/");
	type(ts, "skrivesp");
	assert_shows(ts, "Skrivesperre, Åse");
	type(ts, "\r");
	assert_shows(ts, "Husstand");

	/* the disk is full: the note is refused and stays in the prompt */
	fill(ts->t);
	while (case_note(&ts->t->s, 1, "fyll opp") == 0)
		;
	type(ts, "a");
	type(ts, "Ringte søster, avtalt møte");
	type(ts, "\r");
	assert_shows(ts, "Disken er full");
	assert_shows(ts, "Ringte søster, avtalt møte");
	/* read-only now: the same */
	room(ts->t);
	assert_int_equal(db_exec(ts->t->s.db, "PRAGMA query_only = ON"), DB_OK);
	type(ts, "\r");
	assert_shows(ts, "skrivebeskyttet");
	assert_shows(ts, "Ringte søster, avtalt møte");
	/* writable again: Enter saves what was typed the first time */
	assert_int_equal(db_exec(ts->t->s.db, "PRAGMA query_only = OFF"), DB_OK);
	type(ts, "\r");
	assert_shows(ts, "Notatet er skrevet i journalen");
	assert_int_equal(q_int(ts->t, "SELECT count(*) FROM journal WHERE text = "
				      "'Ringte søster, avtalt møte'"),
			 1);
	assert_true(db_integrity_ok(ts->t->s.db));

	app_stop(&ts->a);
	fclose(ts->in);
	fclose(ts->out);
	close(ts->master);
	pthread_join(ts->reader, NULL);
	tenv_free(&ts->t);
	free(ts);
}

/* The catalogue of this build (build/locale or build/san/locale). */
static void bokmal(void)
{
	char exe[4096], dir[4200];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(dir, sizeof dir, "%s/../locale", exe);
	unsetenv("LANGUAGE");
	i18n_init("nb", dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_note_kept_on_screen),
	};
	setenv("TERM", "xterm", 1);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	unsetenv("NO_COLOR");
	bokmal();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
