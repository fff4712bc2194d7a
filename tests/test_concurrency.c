/* Many caseworkers on the same cases at once (issue 7): 50 processes, each
 * its own session on one database file, open cases, add notes, move them
 * through the status machine (assessment, handover, the allocation
 * group's decision, returns and appeals), refer them to another unit and
 * answer those referrals (question, reply), on a small set of cases so
 * that they collide all the time.  A backup is taken while they write.
 *
 * Afterwards: no lost update (on each case the successful moves form one
 * chain of versions, each version moved from exactly once, and every
 * stale move was refused as ERR_CONFLICT), every journal entry reported
 * saved is there exactly once, PRAGMA integrity_check is ok, the backup
 * is ok, and no user ever got ERR_BUSY.
 *
 * BOSAK_STRESS_PROCS and BOSAK_STRESS_OPS change the size. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testlib.h"

#define CASES 8
#define USERS 5
#define MAX_PROCS 256

static int env_int(const char *name, int dflt, int lo, int hi)
{
	const char *v = getenv(name);
	int n = v ? atoi(v) : dflt;
	return n < lo ? lo : n > hi ? hi : n;
}

/* The next move a caseworker who is also in the allocation group makes;
 * every move here is legal for that user, so a refusal is a conflict. */
static enum case_status next_status(enum case_status st, unsigned r)
{
	switch (st) {
	case CS_REGISTERED: return CS_ASSESSMENT;
	case CS_ASSESSMENT: return CS_HANDED_OVER;
	case CS_HANDED_OVER: return r % 2 ? CS_RETURNED : CS_WAITING;
	case CS_RETURNED: return CS_ASSESSMENT;
	case CS_WAITING: return CS_APPEALED;
	case CS_APPEALED: return CS_WAITING;
	default: return CS__COUNT;
	}
}

static void nap(unsigned *seed, int max_us)
{
	struct timespec ts = {0, (long)(rand_r(seed) % (unsigned)max_us) * 1000L};
	nanosleep(&ts, NULL);
}

/* Refers the case to HELSE, or answers a referral in HELSE's inbox: a
 * question to the sender, or the sender's reply, each guarded by the
 * referral's version.  A stale version is ERR_CONFLICT. */
static int refer_or_answer(struct session *s, int64_t case_id,
			   const char *text, unsigned *seed, FILE *led)
{
	struct referral_rec r, page[20];
	size_t n = 0;
	int rc;

	if (rand_r(seed) % 3 == 0) {
		struct referral_new nr = {0};
		int64_t id = 0;
		struct unit_rec helse;
		if ((rc = unit_find(s, "HELSE", &helse)))
			return rc;
		nr.case_id = case_id;
		nr.to_unit_id = helse.id;
		snprintf(nr.kind, sizeof nr.kind, "service");
		snprintf(nr.asked, sizeof nr.asked, "Oppfølging i hjemmet %s",
			 text);
		snprintf(nr.reason, sizeof nr.reason, "Trenger hjelp");
		snprintf(nr.basis, sizeof nr.basis, "law");
		snprintf(nr.basis_note, sizeof nr.basis_note,
			 "sosialtjenesteloven § 15");
		rc = referral_create(s, &nr, &id);
		if (rc == 0)
			fprintf(led, "F %lld %s\n", (long long)id, text);
		return rc;
	}
	if ((rc = referral_page(s, RL_INBOX, 0, NULL, 20, page, &n)) || n == 0)
		return rc;
	if ((rc = referral_get(s, page[rand_r(seed) % n].id, &r)))
		return rc;
	nap(seed, 3000);
	if (strcmp(r.status, "open") == 0)
		rc = referral_ask(s, r.id, r.version, text);
	else if (strcmp(r.status, "question") == 0)
		rc = referral_reply(s, r.id, r.version, text);
	else
		return 0;
	if (rc == 0)
		fprintf(led, "Q %lld %d %s\n", (long long)r.id, r.version, text);
	else if (rc == ERR_CONFLICT)
		fprintf(led, "q %lld %d\n", (long long)r.id, r.version);
	return rc;
}

/* One caseworker: its own process and session.  Writes what it was told
 * was saved, and what was refused, to its ledger. */
static int worker(const struct tenv *t, int k, const int64_t *ids, int ops,
		  const char *ledger_path)
{
	struct config cfg = t->cfg;
	struct session s;
	char login[16], text[64];
	unsigned seed = (unsigned)(k * 7919 + 17);
	FILE *led = fopen(ledger_path, "w");
	long busy = 0, conflicts = 0, other = 0;

	if (!led)
		return 2;
	if (session_open_db(&s, &cfg, t->db_path, false))
		return 3;
	snprintf(login, sizeof login, "w%d", k % USERS);
	if (session_login_as(&s, login))
		return 4;
	for (int i = 0; i < ops; i++) {
		int64_t id = ids[rand_r(&seed) % CASES];
		struct case_rec c;
		int rc = case_open(&s, id, &c);

		if (rc) {
			busy += rc == ERR_BUSY;
			other += rc != ERR_BUSY;
			fprintf(led, "E open %d %s\n", rc, s.err.msg);
			continue;
		}
		snprintf(text, sizeof text, "w%d-%d", k, i);
		if (rand_r(&seed) % 4 == 0) {
			rc = refer_or_answer(&s, id, text, &seed, led);
		} else if (rand_r(&seed) % 3 == 0) {
			rc = case_note(&s, id, text);
			if (rc == 0)
				fprintf(led, "N %lld %s\n", (long long)id, text);
		} else {
			int from = case_status_from_name(c.status);
			enum case_status to =
				next_status((enum case_status)from,
					    (unsigned)rand_r(&seed));
			/* think a little: others move the case meanwhile */
			nap(&seed, 3000);
			rc = case_transition(&s, id, c.version, to, text);
			if (rc == 0)
				fprintf(led, "S %lld %d %s %s %s\n",
					(long long)id, c.version,
					case_status_name((enum case_status)from),
					case_status_name(to), text);
			else if (rc == ERR_CONFLICT) {
				conflicts++;
				fprintf(led, "C %lld %d\n", (long long)id,
					c.version);
			}
		}
		if (rc && rc != ERR_CONFLICT) {
			busy += rc == ERR_BUSY;
			other++;
			fprintf(led, "E write %d %s\n", rc, s.err.msg);
		}
	}
	fprintf(led, "T %ld %ld %ld\n", busy, conflicts, other);
	session_close(&s);
	return fclose(led) == 0 ? 0 : 5;
}

struct ledger_totals {
	long notes, moves, referrals, answers, conflicts, busy, other;
};

#define MAX_REF 4096
static struct {
	int64_t id;
	int n;
} refs[MAX_REF];
static size_t nref;
struct answer {
	int64_t id;
	int version;
};
static struct answer answers[MAX_REF * 8];
static size_t nans;

static int cmp_answer(const void *a, const void *b)
{
	const struct answer *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->version - y->version;
}

/* Each successful move of a case, by the version it moved from. */
struct move {
	int version;
	char from[17], to[17];
};

static int cmp_move(const void *a, const void *b)
{
	return ((const struct move *)a)->version - ((const struct move *)b)->version;
}

static sqlite3 *raw;

static int64_t q_int(const char *sql, const char *t1, int64_t i1)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	if (i1)
		sqlite3_bind_int64(st, 1, i1);
	if (t1)
		sqlite3_bind_text(st, 2, t1, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void q_text(const char *sql, int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st = NULL;

	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void check_ledgers(struct tenv *t, int procs, const int64_t *ids,
			  struct ledger_totals *tot)
{
	static struct move moves[CASES][MAX_PROCS * 64];
	size_t nmoves[CASES] = {0};
	char path[400], line[600];

	memset(tot, 0, sizeof *tot);
	nref = nans = 0;
	for (int k = 0; k < procs; k++) {
		FILE *fp;
		snprintf(path, sizeof path, "%s/ledger.%d", t->dir, k);
		fp = fopen(path, "r");
		assert_non_null(fp);
		while (fgets(line, sizeof line, fp)) {
			long long id;
			int v, ci;
			char a[17], b[17], text[64];
			long bz, cf, ot;

			line[strcspn(line, "\n")] = '\0';
			if (sscanf(line, "N %lld %63s", &id, text) == 2) {
				/* exactly once in the journal */
				assert_int_equal(
					q_int("SELECT count(*) FROM journal WHERE "
					      "case_id = ?1 AND kind = 'note' AND "
					      "text = ?2",
					      text, id),
					1);
				tot->notes++;
			} else if (sscanf(line, "S %lld %d %16s %16s %63s", &id, &v,
					  a, b, text) == 5) {
				char want[200];
				snprintf(want, sizeof want, "%s -> %s: %s", a, b,
					 text);
				assert_int_equal(
					q_int("SELECT count(*) FROM journal WHERE "
					      "case_id = ?1 AND kind = 'status' "
					      "AND text = ?2",
					      want, id),
					1);
				for (ci = 0; ci < CASES && ids[ci] != id; ci++)
					;
				assert_true(ci < CASES);
				moves[ci][nmoves[ci]].version = v;
				snprintf(moves[ci][nmoves[ci]].from, 17, "%s", a);
				snprintf(moves[ci][nmoves[ci]].to, 17, "%s", b);
				nmoves[ci]++;
				tot->moves++;
			} else if (sscanf(line, "F %lld %63s", &id, text) == 2) {
				char want[200];
				snprintf(want, sizeof want,
					 "Oppfølging i hjemmet %s", text);
				assert_int_equal(
					q_int("SELECT count(*) FROM referral WHERE "
					      "id = ?1 AND asked = ?2",
					      want, id),
					1);
				assert_true(nref < MAX_REF);
				refs[nref].id = id;
				refs[nref].n = 0;
				nref++;
				tot->referrals++;
			} else if (sscanf(line, "Q %lld %d %63s", &id, &v, text) ==
				   3) {
				assert_int_equal(
					q_int("SELECT count(*) FROM "
					      "referral_message WHERE "
					      "referral_id = ?1 AND text = ?2",
					      text, id),
					1);
				assert_true(nans < MAX_REF * 8);
				answers[nans].id = id;
				answers[nans].version = v;
				nans++;
				tot->answers++;
			} else if (sscanf(line, "q %lld %d", &id, &v) == 2) {
				assert_true(q_int("SELECT version FROM referral "
						  "WHERE id = ?1",
						  NULL, id) > v);
				tot->conflicts++;
			} else if (sscanf(line, "C %lld %d", &id, &v) == 2) {
				/* refused: the version read was stale by then */
				assert_true(q_int("SELECT version FROM case_file "
						  "WHERE id = ?1",
						  NULL, id) > v);
				tot->conflicts++;
			} else if (sscanf(line, "T %ld %ld %ld", &bz, &cf, &ot) ==
				   3) {
				tot->busy += bz;
				tot->other += ot;
			} else if (line[0] == 'E') {
				fprintf(stderr, "worker %d: %s\n", k, line);
			}
		}
		fclose(fp);
	}
	/* Referrals: per referral the answers are one chain of versions,
	 * each answered from once; the version is where they left it. */
	qsort(answers, nans, sizeof answers[0], cmp_answer);
	for (size_t r = 0, i = 0; r < nref; r++) {
		int want = 1;
		int64_t id = refs[r].id;
		for (i = 0; i < nans; i++)
			if (answers[i].id == id) {
				assert_int_equal(answers[i].version, want);
				want++;
			}
		assert_int_equal(q_int("SELECT version FROM referral WHERE id = "
				       "?1",
				       NULL, id),
				 want);
	}
	/* No lost update: per case the moves are one chain 1, 2, 3 ... each
	 * version moved from once, each move starting where the last ended,
	 * and the case is where the last move left it. */
	for (int ci = 0; ci < CASES; ci++) {
		char status[32];
		qsort(moves[ci], nmoves[ci], sizeof moves[ci][0], cmp_move);
		for (size_t i = 0; i < nmoves[ci]; i++) {
			assert_int_equal(moves[ci][i].version, (int)i + 1);
			if (i > 0)
				assert_string_equal(moves[ci][i].from,
						    moves[ci][i - 1].to);
		}
		assert_int_equal(q_int("SELECT version FROM case_file WHERE "
				       "id = ?1",
				       NULL, ids[ci]),
				 (int64_t)nmoves[ci] + 1);
		q_text("SELECT status FROM case_file WHERE id = ?1", ids[ci],
		       status, sizeof status);
		if (nmoves[ci])
			assert_string_equal(status, moves[ci][nmoves[ci] - 1].to);
		/* and the journal has no move that no one was told of */
		assert_int_equal(q_int("SELECT count(*) FROM journal WHERE "
				       "case_id = ?1 AND kind = 'status'",
				       NULL, ids[ci]),
				 (int64_t)nmoves[ci]);
	}
}

static void test_fifty_caseworkers(void **state)
{
	struct tenv *t = tenv_new("admin");
	int procs = env_int("BOSAK_STRESS_PROCS", 50, 2, MAX_PROCS);
	int ops = env_int("BOSAK_STRESS_OPS", 24, 1, 64);
	int64_t ids[CASES];
	pid_t pid[MAX_PROCS];
	struct ledger_totals tot;
	char path[400], backup[400], login[16];
	int k, status, failed = 0;
	struct timespec t0, t1;

	(void)state;
	for (k = 0; k < USERS; k++) {
		snprintf(login, sizeof login, "w%d", k);
		assert_int_equal(staff_add(&t->s, login, login), 0);
		assert_int_equal(staff_grant(&t->s, login, "NAV", "caseworker"), 0);
		assert_int_equal(staff_grant(&t->s, login, "TILD", "allocation"),
				 0);
		assert_int_equal(staff_grant(&t->s, login, "HELSE", "caseworker"),
				 0);
	}
	for (k = 0; k < CASES; k++)
		ids[k] = tenv_case(t, "Samtidig", "Saksen", "NAV");
	/* no connection of ours crosses the fork */
	session_close(&t->s);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 0; k < procs; k++) {
		snprintf(path, sizeof path, "%s/ledger.%d", t->dir, k);
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0)
			_exit(worker(t, k, ids, ops, path));
	}

	/* a backup while they write */
	assert_int_equal(session_open_db(&t->s, &t->cfg, t->db_path, false), 0);
	tenv_login(t, "admin");
	usleep(300 * 1000);
	snprintf(backup, sizeof backup, "%s/backup.db", t->dir);
	if (backup_to(&t->s, backup))
		fail_msg("backup during the load: %s (%s)", t->s.err.msg,
			 db_last_error(t->s.db));

	for (k = 0; k < procs; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "worker %d: status %d\n", k, status);
			failed++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(failed, 0);

	assert_int_equal(sqlite3_open(t->db_path, &raw), SQLITE_OK);
	sqlite3_busy_timeout(raw, 5000);
	check_ledgers(t, procs, ids, &tot);
	assert_true(db_integrity_ok(t->s.db));
	fprintf(stderr,
		"%d processes x %d actions in %.1f s: %ld moves, %ld notes, "
		"%ld referrals, %ld referral answers, %ld conflicts (refused, "
		"shown), %ld busy, %ld other errors\n",
		procs, ops,
		(double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
		tot.moves, tot.notes, tot.referrals, tot.answers, tot.conflicts,
		tot.busy, tot.other);
	assert_int_equal(tot.busy, 0);
	assert_int_equal(tot.other, 0);
	assert_true(tot.moves > 0);
	assert_true(tot.notes > 0);
	assert_true(tot.referrals > 0);
	assert_true(tot.answers > 0);
	/* the hot set makes collisions certain; none may go unnoticed */
	assert_true(tot.conflicts > 0);
	sqlite3_close(raw);

	/* the backup taken meanwhile is whole */
	assert_int_equal(sqlite3_open(backup, &raw), SQLITE_OK);
	assert_true(q_int("SELECT count(*) FROM case_file", NULL, 0) == CASES);
	{
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA integrity_check",
						    -1, &st, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
		sqlite3_finalize(st);
	}
	sqlite3_close(raw);
	raw = NULL;
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifty_caseworkers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
