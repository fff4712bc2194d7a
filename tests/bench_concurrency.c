/*
 * make bench, write latency with many sessions at once (issue 7).
 *
 * N processes, each a session of its own on the same database file (as N
 * caseworkers logged in over SSH), act on the cases of one unit through
 * core, as the program does: open a case (its access-log row is a commit),
 * then add a note or move its status with the version read (a commit;
 * a stale version is refused as a conflict and counted).
 *
 *   paced   each session acts, then thinks for 0 to 2 s (mean 1 s): a busy
 *           office, faster than people really work
 *   saves at once
 *           every session has a case open and saves at the same instant,
 *           five times a second apart (after a meeting, everyone saves):
 *           the burst the budget is about
 *   open+save at once
 *           every session opens a case and saves at the same instant:
 *           twice the commits of a burst, the worst case
 *
 * After each save the session reads what the case screen shows again,
 * so the sessions' own work competes with the saves waiting for their
 * turn as it does in the program (where those reads wait for the saves
 * queued before them: writers first).  Sessions stay logged in until the
 * bursts are over.
 *
 * Reported per run: commits per second, median, 99th percentile and
 * maximum latency of one committing call (as the user waits for it),
 * conflicts, busy errors (must be 0: no raw busy reaches a user), and the
 * memory of one session (peak resident set of a session process, and the
 * part that is the program's, above an idle process's).
 *
 * Usage: bench_concurrency CONFIG LOGIN [SESSIONS...]   (default 50 200)
 * The database is the one CONFIG names; run it on a copy.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/core.h"

#define MAX_CASES 400
#define PACED_ACTIONS 8
#define BURSTS 5
#define MAX_SAMPLES 64

struct result {
	int ok;
	int nsamples;
	double ms[MAX_SAMPLES];
	double at[MAX_SAMPLES]; /* when it ended, ms after the start */
	int conflicts, busy, other;
	long hwm_kb, rss_kb;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void sleep_until(double t_ms)
{
	double d = t_ms - now_ms();
	if (d > 0) {
		struct timespec ts = {(time_t)(d / 1000),
				      (long)((d - (time_t)(d / 1000) * 1000) * 1e6)};
		nanosleep(&ts, NULL);
	}
}

static long status_kb(const char *field)
{
	FILE *fp = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;
	size_t n = strlen(field);

	if (!fp)
		return 0;
	while (fgets(line, sizeof line, fp))
		if (strncmp(line, field, n) == 0)
			kb = atol(line + n);
	fclose(fp);
	return kb;
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

static double t_start;

static void sample(struct result *r, double ms)
{
	if (r->nsamples < MAX_SAMPLES) {
		r->at[r->nsamples] = now_ms() - t_start;
		r->ms[r->nsamples++] = ms;
	}
}

static void count(struct result *r, int rc)
{
	if (rc == ERR_CONFLICT)
		r->conflicts++;
	else if (rc == ERR_BUSY)
		r->busy++;
	else if (rc)
		r->other++;
}

/* Opening a case (a key of its own) is a commit of its own: the
 * access-log row. */
static int open_case(struct session *s, const int64_t *ids, size_t nids,
		     unsigned *seed, struct result *r, bool timed,
		     struct case_rec *c)
{
	double t0;
	int rc;

	session_action_begin(s);
	t0 = now_ms();
	rc = case_open(s, ids[rand_r(seed) % nids], c);

	if (timed)
		sample(r, now_ms() - t0);
	count(r, rc);
	return rc;
}

/* What the case screen reads to show the case again after a save
 * (tui/screen_case.c: reload after a change of the case itself, then
 * load_details): the work every session does while the others' saves
 * wait for their turn.  Under the same rule as the program: it is the
 * same action as the save, so its reads wait for the saves queued before
 * them (writers first, db/db.c). */
static void show_again(struct session *s, int64_t case_id, bool changed)
{
	struct hh_member_rec *hh = NULL;
	struct doc_rec *docs = NULL;
	struct consent_rec *cons = NULL;
	struct journal_rec *jr = NULL;
	struct instrument_line in[CFG_INSTRUMENTS];
	struct case_rec c;
	size_t n;
	char kind[17], due[DB_DATE];

	if (changed)
		case_reread(s, case_id, &c);
	case_household(s, case_id, &hh, &n);
	case_docs(s, case_id, &docs, &n);
	case_consents(s, case_id, &cons, &n);
	case_journal(s, case_id, &jr, &n);
	case_next_deadline(s, case_id, kind, due);
	instrument_panel(s, case_id, in, &n);
	free(hh);
	free(docs);
	free(cons);
	free(jr);
	session_idle(s); /* drawn: the user reads */
}

/* Saving (a key of its own): a note, or the next status with the version
 * read; then the screen shows the case again. */
static void save(struct session *s, const struct case_rec *c, unsigned *seed,
		 struct result *r)
{
	enum case_status to =
		next_status((enum case_status)case_status_from_name(c->status));
	bool moved = false;
	double t0;
	int rc;

	session_action_begin(s);
	t0 = now_ms();
	if (to == CS__COUNT || rand_r(seed) % 2) {
		rc = case_note(s, c->id,
			       "Ringte søker; avtalt hjemmebesøk neste uke.");
	} else {
		rc = case_transition(s, c->id, c->version, to, "benk");
		moved = true;
	}
	sample(r, now_ms() - t0);
	count(r, rc);
	show_again(s, c->id, moved && rc == 0);
}

/* One action as a person makes it; every committing call is timed. */
static void act(struct session *s, const int64_t *ids, size_t nids,
		unsigned *seed, struct result *r)
{
	struct case_rec c;

	if (open_case(s, ids, nids, seed, r, true, &c) == 0) {
		session_idle(s); /* drawn: the user reads */
		save(s, &c, seed, r);
	}
}

enum mode { M_PACED, M_SAVES, M_BURSTS };
static const char *const mode_name[] = {"paced", "saves at once",
					 "open+save at once"};

static void session_run(const char *conf_path, const char *login,
			const int64_t *ids, size_t nids, int k, enum mode mode,
			double start, struct result *r)
{
	struct config cfg;
	struct session s;
	struct err e = {0};
	unsigned seed = (unsigned)k * 2654435761u + 1;

	t_start = start;
	config_defaults(&cfg);
	if (config_load(&cfg, conf_path, &e) ||
	    session_open_db(&s, &cfg, cfg.db_path, false))
		_exit(2);
	if (session_login_as(&s, login))
		_exit(3);
	if (mode == M_SAVES) {
		/* the case is open on the screen (opened in the second
		 * before, at the person's own pace); everyone saves at once */
		for (int b = 0; b < BURSTS; b++) {
			struct case_rec c;
			sleep_until(start + b * 1000.0 - 900 + rand_r(&seed) % 700);
			if (open_case(&s, ids, nids, &seed, r, false, &c))
				continue;
			session_idle(&s);
			sleep_until(start + b * 1000.0);
			save(&s, &c, &seed, r);
		}
	} else if (mode == M_BURSTS) {
		for (int b = 0; b < BURSTS; b++) {
			sleep_until(start + b * 1000.0);
			act(&s, ids, nids, &seed, r);
		}
	} else {
		sleep_until(start + rand_r(&seed) % 1000);
		for (int i = 0; i < PACED_ACTIONS; i++) {
			act(&s, ids, nids, &seed, r);
			sleep_until(now_ms() + rand_r(&seed) % 2000);
		}
	}
	/* logged in until the bursts are over: a session's last save is
	 * not followed by its logout while the others' saves still wait */
	if (mode != M_PACED)
		sleep_until(start + BURSTS * 1000.0);
	r->hwm_kb = status_kb("VmHWM:");
	r->rss_kb = status_kb("VmRSS:");
	session_close(&s);
	r->ok = 1;
	_exit(0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void run(const char *conf, const char *login, const int64_t *ids,
		size_t nids, int n, enum mode mode, long idle_kb)
{
	struct result *r = mmap(NULL, (size_t)n * sizeof *r,
				PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t *pid = calloc((size_t)n, sizeof *pid);
	double start, end, *all, busy_ms[BURSTS] = {0};
	size_t nall = 0, i;
	long conflicts = 0, busy = 0, other = 0, failed = 0, hwm = 0, rss = 0;

	if (r == MAP_FAILED || !pid) {
		perror("bench_concurrency");
		exit(1);
	}
	memset(r, 0, (size_t)n * sizeof *r);
	/* every session is logged in before the first acts */
	start = now_ms() + 1500 + n * 10;
	for (int k = 0; k < n; k++) {
		pid[k] = fork();
		if (pid[k] == 0)
			session_run(conf, login, ids, nids, k, mode, start,
				    &r[k]);
	}
	for (int k = 0; k < n; k++)
		waitpid(pid[k], NULL, 0);
	end = now_ms();
	all = malloc((size_t)n * MAX_SAMPLES * sizeof *all);
	for (int k = 0; k < n; k++) {
		if (!r[k].ok) {
			failed++;
			continue;
		}
		for (int j = 0; j < r[k].nsamples; j++) {
			int b = (int)(r[k].at[j] / 1000.0);
			all[nall++] = r[k].ms[j];
			if (b >= 0 && b < BURSTS &&
			    r[k].at[j] - b * 1000.0 > busy_ms[b])
				busy_ms[b] = r[k].at[j] - b * 1000.0;
		}
		conflicts += r[k].conflicts;
		busy += r[k].busy;
		other += r[k].other;
		hwm += r[k].hwm_kb;
		rss += r[k].rss_kb;
	}
	qsort(all, nall, sizeof *all, cmp_double);
	i = nall ? (nall * 99 + 99) / 100 - 1 : 0;
	if (nall) {
		double wall = (end - start) / 1000.0;
		if (mode != M_PACED) { /* the bursts' own time, not the pauses */
			wall = 0;
			for (int b = 0; b < BURSTS; b++)
				wall += busy_ms[b] / 1000.0;
		}
		printf("  %3d sessions, %-17s %6.1f commits/s  median %6.1f ms  "
		       "p99 %6.1f ms  max %6.1f ms  conflicts %ld  busy %ld  "
		       "errors %ld%s\n",
		       n, mode_name[mode], nall / wall,
		       all[nall / 2], all[i], all[nall - 1], conflicts, busy,
		       other, failed ? "  SESSIONS FAILED" : "");
		printf("      memory per session: peak %ld KiB resident, %ld KiB "
		       "above an idle process\n",
		       hwm / (n - failed), rss / (n - failed) - idle_kb);
	}
	free(all);
	free(pid);
	munmap(r, (size_t)n * sizeof *r);
}

int main(int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct err e = {0};
	struct db_case_line lines[100];
	int64_t ids[MAX_CASES];
	size_t nids = 0, n = 0;
	const struct db_case_line *after = NULL;
	long idle_kb;
	int sizes[8] = {50, 200}, nsizes = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: %s CONFIG LOGIN [SESSIONS...]\n", argv[0]);
		return 2;
	}
	if (argc > 3) {
		nsizes = 0;
		for (int i = 3; i < argc && nsizes < 8; i++)
			sizes[nsizes++] = atoi(argv[i]);
	}
	idle_kb = status_kb("VmRSS:");
	config_defaults(&cfg);
	if (config_load(&cfg, argv[1], &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	if (session_open_db(&s, &cfg, cfg.db_path, false) ||
	    session_login_as(&s, argv[2])) {
		fprintf(stderr, "bench_concurrency: %s\n", s.err.msg);
		return 1;
	}
	/* the unit's open cases the sessions work on */
	while (nids < MAX_CASES &&
	       queue_page(&s, Q_SUPERVISOR, after, 100, lines, &n) == 0 && n) {
		for (size_t i = 0; i < n && nids < MAX_CASES; i++)
			ids[nids++] = lines[i].case_id;
		after = &lines[n - 1];
		if (n < 100)
			break;
	}
	session_close(&s);
	if (nids == 0) {
		fprintf(stderr, "bench_concurrency: %s supervises no open cases\n",
			argv[2]);
		return 1;
	}
	printf("write latency, many sessions (%zu cases of one unit; a commit "
	       "is an access-log row, a note or a status move)\n",
	       nids);
	for (int i = 0; i < nsizes; i++) {
		run(argv[1], argv[2], ids, nids, sizes[i], M_PACED, idle_kb);
		run(argv[1], argv[2], ids, nids, sizes[i], M_SAVES, idle_kb);
		run(argv[1], argv[2], ids, nids, sizes[i], M_BURSTS, idle_kb);
	}
	return 0;
}
