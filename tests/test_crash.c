/* Writers killed at random moments (issue 7): a few processes register
 * applications, add notes, move cases and checkpoint the WAL, and are
 * killed with SIGKILL, hundreds of times, at random moments, new ones
 * taking their place.  Each writes to its ledger only after a call
 * returned 0, that is after the program would have told the user "saved".
 *
 * Afterwards: PRAGMA integrity_check and foreign_key_check are clean,
 * everything in the ledgers is in the database, and nothing is half-saved
 * (every case has its journal line, checklist and legal deadline; every
 * move of a status is one journal line and one version).
 *
 * BOSAK_CRASH_KILLS (300) and BOSAK_CRASH_SECONDS (25) bound it. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testlib.h"

#define WRITERS 4
#define CASES 6

static int env_int(const char *name, int dflt)
{
	const char *v = getenv(name);
	return v && atoi(v) > 0 ? atoi(v) : dflt;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void say(int fd, const char *line)
{
	/* one write(2) with O_APPEND: whole lines, whoever dies when */
	if (write(fd, line, strlen(line)) < 0)
		_exit(9);
}

static enum case_status next_status(enum case_status st)
{
	switch (st) {
	case CS_REGISTERED: return CS_ASSESSMENT;
	case CS_ASSESSMENT: return CS_HANDED_OVER;
	case CS_HANDED_OVER: return CS_RETURNED;
	case CS_RETURNED: return CS_ASSESSMENT;
	default: return CS__COUNT;
	}
}

/* A writer until it is killed. */
static void writer(struct tenv *t, int gen, const int64_t *ids, int led)
{
	struct config cfg = t->cfg;
	struct session s;
	struct unit_rec nav;
	unsigned seed = (unsigned)gen * 2654435761u;
	char line[300], text[64];

	if (session_open_db(&s, &cfg, t->db_path, false) ||
	    session_login_as(&s, "w0") || unit_find(&s, "NAV", &nav))
		_exit(3);
	for (int i = 0;; i++) {
		int64_t id = ids[rand_r(&seed) % CASES];
		int what = rand_r(&seed) % 8;
		struct case_rec c;

		snprintf(text, sizeof text, "g%d-%d", gen, i);
		if (what < 3) {
			if (case_note(&s, id, text) == 0) {
				snprintf(line, sizeof line, "N %lld %s\n",
					 (long long)id, text);
				say(led, line);
			}
		} else if (what < 6) {
			if (case_open(&s, id, &c) == 0) {
				int from = case_status_from_name(c.status);
				enum case_status to =
					next_status((enum case_status)from);
				if (case_transition(&s, id, c.version, to, text) ==
				    0) {
					snprintf(line, sizeof line,
						 "S %lld %s -> %s: %s\n",
						 (long long)id, c.status,
						 case_status_name(to), text);
					say(led, line);
				}
			}
		} else if (what < 7) {
			struct intake in;
			int64_t cid = 0;
			char number[12], birth[DB_DATE];
			/* a new person each time: a birth date per writer */
			intake_init(&s, &in);
			date_iso(date_days("1950-01-01") + gen, birth);
			if (nid_make_synthetic(birth, (unsigned)i % 999u, false,
					       in.applicant.nid))
				continue;
			snprintf(in.applicant.given, sizeof in.applicant.given,
				 "Krasj");
			snprintf(in.applicant.family,
				 sizeof in.applicant.family, "%s", text);
			in.unit_id = nav.id;
			if (intake_register(&s, &in, &cid, number) == 0) {
				snprintf(line, sizeof line, "R %lld %s %s\n",
					 (long long)cid, number, text);
				say(led, line);
			}
		} else {
			/* a checkpoint copies the WAL into the file: be killed
			 * in the middle of that too */
			db_exec(s.db, "PRAGMA wal_checkpoint(PASSIVE)");
		}
	}
}

static sqlite3 *raw;

static int64_t q_int(const char *sql, int64_t id, const char *text)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	if (text)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void q_ok(const char *pragma)
{
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_prepare_v2(raw, pragma, -1, &st, NULL),
			 SQLITE_OK);
	if (strstr(pragma, "integrity")) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0),
				    "ok");
	} else {
		/* foreign_key_check: no row at all */
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	}
	sqlite3_finalize(st);
}

static void test_sigkill_writers(void **state)
{
	struct tenv *t = tenv_new("admin");
	int kills_wanted = env_int("BOSAK_CRASH_KILLS", 300);
	double budget = env_int("BOSAK_CRASH_SECONDS", 25), t0;
	int64_t ids[CASES];
	pid_t pid[WRITERS];
	int gen = 0, kills = 0, led, k, status;
	long notes = 0, moves = 0, regs = 0;
	char path[400], line[300];
	unsigned seed = 12345;
	FILE *fp;

	(void)state;
	assert_int_equal(staff_add(&t->s, "w0", "Writer"), 0);
	assert_int_equal(staff_grant(&t->s, "w0", "NAV", "caseworker"), 0);
	assert_int_equal(staff_grant(&t->s, "w0", "NAV", "desk"), 0);
	assert_int_equal(staff_grant(&t->s, "w0", "TILD", "allocation"), 0);
	for (k = 0; k < CASES; k++)
		ids[k] = tenv_case(t, "Krasj", "Saksen", "NAV");
	session_close(&t->s);
	snprintf(path, sizeof path, "%s/ledger", t->dir);
	led = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	assert_true(led >= 0);

	for (k = 0; k < WRITERS; k++) {
		pid[k] = fork();
		if (pid[k] == 0)
			writer(t, gen + k, ids, led);
	}
	gen = WRITERS;
	t0 = now_s();
	while (kills < kills_wanted && now_s() - t0 < budget) {
		struct timespec ts = {0, (long)(1 + rand_r(&seed) % 30) * 1000000L};
		nanosleep(&ts, NULL);
		k = (int)(rand_r(&seed) % WRITERS);
		kill(pid[k], SIGKILL);
		waitpid(pid[k], &status, 0);
		/* a writer that exits by itself failed to start */
		assert_true(WIFSIGNALED(status));
		kills++;
		pid[k] = fork();
		if (pid[k] == 0)
			writer(t, gen, ids, led);
		gen++;
	}
	for (k = 0; k < WRITERS; k++) {
		kill(pid[k], SIGKILL);
		waitpid(pid[k], &status, 0);
		kills++;
	}
	close(led);

	/* the next program to open the file recovers it */
	assert_int_equal(sqlite3_open(t->db_path, &raw), SQLITE_OK);
	sqlite3_busy_timeout(raw, 5000);
	q_ok("PRAGMA integrity_check");
	q_ok("PRAGMA foreign_key_check");
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		long long id;
		char text[200], number[12];
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "N %lld %63s", &id, text) == 2) {
			assert_int_equal(q_int("SELECT count(*) FROM journal WHERE "
					       "case_id = ?1 AND kind = 'note' "
					       "AND text = ?2",
					       id, text),
					 1);
			notes++;
		} else if (sscanf(line, "S %lld %199[^\n]", &id, text) == 2) {
			assert_int_equal(q_int("SELECT count(*) FROM journal WHERE "
					       "case_id = ?1 AND kind = 'status' "
					       "AND text = ?2",
					       id, text),
					 1);
			moves++;
		} else if (sscanf(line, "R %lld %11s %63s", &id, number, text) ==
			   3) {
			/* (a synthetic number met twice is the same person:
			 * reused, so the name may be the first one's) */
			assert_int_equal(q_int("SELECT count(*) FROM case_file c "
					       "WHERE c.id = ?1 AND c.number = ?2",
					       id, number),
					 1);
			regs++;
		} else {
			fail_msg("ledger line: %s", line);
		}
	}
	fclose(fp);
	/* nothing half-saved: a case with no journal line, no checklist or
	 * no legal deadline; a version moved without its journal line */
	assert_int_equal(q_int("SELECT count(*) FROM case_file c WHERE NOT "
			       "EXISTS (SELECT 1 FROM journal j WHERE j.case_id "
			       "= c.id AND j.kind = 'registered') OR NOT EXISTS "
			       "(SELECT 1 FROM doc_item d WHERE d.case_id = c.id) "
			       "OR NOT EXISTS (SELECT 1 FROM deadline l WHERE "
			       "l.case_id = c.id AND l.kind = 'interim') OR "
			       "c.version <> 1 + (SELECT count(*) FROM journal j "
			       "WHERE j.case_id = c.id AND j.kind = 'status')",
			       0, NULL),
			 0);
	fprintf(stderr,
		"%d writers killed with SIGKILL in %.1f s; saved and found: %ld "
		"notes, %ld moves, %ld registrations\n",
		kills, now_s() - t0, notes, moves, regs);
	assert_true(kills >= 100);
	assert_true(notes + moves + regs > 0);
	sqlite3_close(raw);
	raw = NULL;
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigkill_writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
