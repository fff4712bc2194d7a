/*
 * make bench: the interface in-process on a pseudo-terminal of 80x24 over
 * a municipal-scale demo database.  For each action: wall and CPU time per
 * key, bytes written to the terminal per key, and beside it the raw cost of
 * the same storage work (the db/ call that runs the SQL), as a ratio.
 *
 * Usage: bench CONFIG   (the database is the one CONFIG names)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../tui/app.h"
#include "testlib.h"

static int master = -1;
static struct app *app;
static struct session sess;

static double ms(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Reads everything the application wrote to the terminal. */
static size_t drain(void)
{
	char buf[65536];
	size_t total = 0;
	struct pollfd p = {master, POLLIN, 0};

	while (poll(&p, 1, 0) > 0 && (p.revents & POLLIN)) {
		ssize_t n = read(master, buf, sizeof buf);
		if (n <= 0)
			break;
		total += (size_t)n;
	}
	return total;
}

struct meter {
	const char *name;
	double wall, cpu, raw;
	size_t bytes;
	int keys, raw_n;
	double worst_cpu;
};

/* One key: handled and drawn, as a person would see it. */
static void press(const char *seq, struct meter *m)
{
	double w0, c0, c;
	size_t n = strlen(seq);

	drain();
	if (write(master, seq, n) != (ssize_t)n)
		abort();
	w0 = ms(CLOCK_MONOTONIC);
	c0 = ms(CLOCK_PROCESS_CPUTIME_ID);
	while (app_step(app, 200) == APP_KEY) {
		struct pollfd p = {STDIN_FILENO, 0, 0};
		(void)p;
		break;
	}
	app_step(app, 0); /* draws the result: one doupdate */
	c = ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
	if (m) {
		m->wall += ms(CLOCK_MONOTONIC) - w0;
		m->cpu += c;
		if (c > m->worst_cpu)
			m->worst_cpu = c;
		m->bytes += drain();
		m->keys++;
	} else {
		drain();
	}
}

static void raw_time(struct meter *m, double t)
{
	m->raw += t;
	m->raw_n++;
}

static void report(const struct meter *m)
{
	double per = m->keys ? m->cpu / m->keys : 0;
	double raw = m->raw_n ? m->raw / m->raw_n : 0;
	printf("%-22s %5d keys  %7.3f ms cpu/key (worst %6.3f)  %7.3f ms wall/key"
	       "  %6zu bytes/key  raw SQLite %7.3f ms  ratio %5.1f\n",
	       m->name, m->keys, per, m->worst_cpu,
	       m->keys ? m->wall / m->keys : 0,
	       m->keys ? m->bytes / (size_t)m->keys : 0, raw,
	       raw > 0 ? per / raw : 0);
}

static void screen_dump(void)
{
	char row[512];
	int y;
	for (y = 0; y < 24; y++) {
		app_row_text(app, y, row, sizeof row);
		printf("  |%s\n", row);
	}
}

static bool screen_has(const char *text)
{
	char row[512];
	int y;
	for (y = 0; y < 24; y++) {
		app_row_text(app, y, row, sizeof row);
		if (strstr(row, text))
			return true;
	}
	return false;
}

/* The overview's storage work alone: the same db/ calls overview_load
 * makes, for every unit the user supervises. */
static void raw_overview(struct session *s)
{
	struct db_ov_scope sc = {s->me.id, 0};
	struct unit_rec u[OV_MAX_UNITS];
	struct db_ov_count c[OV_MAX_GROUP];
	size_t nu = 0, nc;
	long v, a, b, d;
	char today[DB_DATE], soon[DB_DATE], yday[DB_DATE], from[DB_DATE];
	char fm[8], tm[8];
	day_t t = session_today(s);

	date_iso(t, today);
	date_iso(t + s->cfg->interim_warn_days, soon);
	date_iso(t - 1, yday);
	db_ov_units(s->db, &sc, u, OV_MAX_UNITS, &nu);
	for (size_t i = 0; i < nu; i++) {
		struct db_ov_scope one = {s->me.id, u[i].id};
		for (int k = 0; k < CS__COUNT; k++)
			db_ov_status_count(s->db, &one,
					   case_status_name((enum case_status)k),
					   &v);
	}
	for (int k = 0; k < OD__COUNT; k++) {
		if (k == OD_REFERRAL_OWED) /* kept under the receiving unit */
			db_ov_owed_count(s->db, &sc, yday, today, soon, &v, &a);
		else
			db_ov_deadline_count(s->db, &sc, ov_deadline_kind(k),
					     yday, today, soon, &v, &a);
	}
	for (int k = 0; k < 4; k++)
		db_ov_situation_count(s->db, &sc,
				      situation_name((enum situation)k), &v);
	date_iso(date_add_months(t, -11), from);
	snprintf(fm, sizeof fm, "%.7s", from);
	snprintf(tm, sizeof tm, "%.7s", today);
	for (int k = 0; k < OV_TRACKS; k++) {
		struct db_ov_wait_bin *bins = NULL;
		size_t nb;
		char f6[DB_DATE], r6[8];
		date_iso(date_add_months(t, -5), f6);
		snprintf(r6, sizeof r6, "%.7s", f6);
		db_ov_wait_hist(s->db, &sc, ov_track_name(k), fm, r6, tm, &bins,
				&nb);
		free(bins);
	}
	memcpy(from + 8, "01", 3);
	db_ov_group(s->db, &sc, DBG_DECISION, from, today, c, OV_MAX_GROUP, &nc);
	db_ov_group(s->db, &sc, DBG_APPEAL, from, today, c, OV_MAX_GROUP, &nc);
	db_ov_group(s->db, &sc, DBG_LEASE, from, today, c, OV_MAX_GROUP, &nc);
	db_ov_vacant(s->db, today, &v, &a, &b, &d);
}

int main(int argc, char **argv)
{
	struct config cfg;
	struct err e = {0};
	struct winsize ws = {24, 80, 0, 0};
	int slave;
	FILE *in, *out;
	struct meter start = {"start to first screen", 0, 0, 0, 0, 0, 0, 0};
	struct meter move = {"list move (j)", 0, 0, 0, 0, 0, 0, 0};
	struct meter type = {"search typing", 0, 0, 0, 0, 0, 0, 0};
	struct meter open = {"open a case", 0, 0, 0, 0, 0, 0, 0};
	struct meter sw = {"switch screens", 0, 0, 0, 0, 0, 0, 0};
	struct meter ov = {"open the overview", 0, 0, 0, 0, 0, 0, 0};
	struct db_case_line lines[64];
	size_t n;
	double t0, w0;
	int i;
	const char *query = "hans";

	if (argc != 2) {
		fprintf(stderr, "usage: bench CONFIG\n");
		return 64;
	}
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	i18n_init(NULL, "build/locale");
	config_defaults(&cfg);
	if (config_load(&cfg, argv[1], &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 78;
	}
	if (openpty(&master, &slave, NULL, NULL, &ws) != 0)
		return 71;
	fcntl(master, F_SETFL, O_NONBLOCK);
	in = fdopen(slave, "r");
	out = fdopen(dup(slave), "w");

	/* start-up: open, migrate check, login, first screen drawn */
	w0 = ms(CLOCK_MONOTONIC);
	t0 = ms(CLOCK_PROCESS_CPUTIME_ID);
	if (session_open_db(&sess, &cfg, cfg.db_path, false) ||
	    session_login(&sess)) {
		fprintf(stderr, "bench: %s\n", sess.err.msg);
		return 70;
	}
	if (app_start(&sess, in, out, &app))
		return 70;
	app_step(app, 0);
	start.cpu = ms(CLOCK_PROCESS_CPUTIME_ID) - t0;
	start.wall = ms(CLOCK_MONOTONIC) - w0;
	start.worst_cpu = start.cpu;
	start.bytes = drain();
	start.keys = 1;
	{
		/* raw: open the file and count the home screen's queues */
		struct db *db = NULL;
		long cnt;
		char today[DB_DATE];
		enum db_queue q;
		session_today_iso(&sess, today);
		t0 = ms(CLOCK_MONOTONIC);
		db_open(&db, cfg.db_path, 0);
		for (q = DBQ_MY_CASES; q <= DBQ_SUPERVISOR; q++)
			db_queue_count(db, q, sess.me.id, today, &cnt);
		raw_time(&start, ms(CLOCK_MONOTONIC) - t0);
		db_close(&db);
	}
	printf("bosak bench on %s (80x24, TERM=xterm-256color)\n\n", cfg.db_path);
	printf("home screen:\n");
	screen_dump();

	/* switching screens: into the supervisor's queue and back */
	for (i = 0; i < 20; i++) {
		char today[DB_DATE];
		session_today_iso(&sess, today);
		/* the supervisor's queue, the largest: the sixth line of home
		 * (new application, today, mine, inbox, allocation, units') */
		press("g", NULL);
		for (int k = 0; k < 5; k++)
			press("j", NULL);
		press("\r", &sw);
		t0 = ms(CLOCK_MONOTONIC);
		db_queue_page(sess.db, DBQ_SUPERVISOR, sess.me.id, today, NULL,
			      20, lines, &n);
		raw_time(&sw, ms(CLOCK_MONOTONIC) - t0);
		if (i < 19)
			press("q", &sw);
	}
	printf("\na queue:\n");
	screen_dump();

	/* moving in the list: a page at a time is read as the cursor moves */
	for (i = 0; i < 200; i++)
		press("j", &move);
	{
		char today[DB_DATE];
		session_today_iso(&sess, today);
		for (i = 0; i < 20; i++) {
			t0 = ms(CLOCK_MONOTONIC);
			db_queue_page(sess.db, DBQ_SUPERVISOR, sess.me.id, today,
				      NULL, 20, lines, &n);
			/* a page read serves a page of moves */
			raw_time(&move, (ms(CLOCK_MONOTONIC) - t0) / 20);
		}
	}
	press("q", NULL);

	/* typing a search, a letter at a time */
	press("/", &sw);
	for (i = 0; query[i]; i++) {
		char k[2] = {query[i], 0};
		char prefix[16];
		struct db_visibility v = {sess.me.id, 1, 1, 1, 1, ""};
		char today[DB_DATE];
		session_today_iso(&sess, today);
		v.today = today;
		press(k, &type);
		snprintf(prefix, sizeof prefix, "%.*s", i + 1, query);
		t0 = ms(CLOCK_MONOTONIC);
		db_case_search(sess.db, &v, DB_BY_NAME, prefix, NULL, 20, lines,
			       &n);
		raw_time(&type, ms(CLOCK_MONOTONIC) - t0);
	}
	printf("\nsearch:\n");
	screen_dump();

	/* opening a case from the supervisor's queue, and back, twenty times
	 * (in the search field letters are text, so the queue is the place
	 * where q and j mean back and down) */
	press("\033", NULL); /* Esc leaves the search for home */
	press("g", NULL);
	for (i = 0; i < 5; i++)
		press("j", NULL);
	press("\r", NULL);
	{
		char today[DB_DATE];
		session_today_iso(&sess, today);
		db_queue_page(sess.db, DBQ_SUPERVISOR, sess.me.id, today, NULL,
			      20, lines, &n);
	}
	for (i = 0; i < 20; i++) {
		struct case_rec c;
		struct journal_rec *j = NULL;
		size_t nj;
		press("\r", &open);
		if (i == 0 || i == 19) {
			printf("\ncase view:\n");
			screen_dump();
		}
		t0 = ms(CLOCK_MONOTONIC);
		if (n && db_case_get(sess.db, lines[i % n].case_id, &c) == DB_OK)
			db_journal_list(sess.db, c.id, &j, &nj);
		raw_time(&open, ms(CLOCK_MONOTONIC) - t0);
		free(j);
		press("q", NULL);
		press("j", NULL);
	}
	press("q", NULL); /* the queue, back to home */

	/* the supervisor's overview (issue 6): opened from home, and back */
	for (i = 0; i < 20; i++) {
		press("G", NULL);
		press("k", NULL); /* the overview: the line above the last */
		press("\r", &ov);
		if (i == 0) {
			printf("\noverview:\n");
			screen_dump();
		}
		t0 = ms(CLOCK_MONOTONIC);
		raw_overview(&sess);
		raw_time(&ov, ms(CLOCK_MONOTONIC) - t0);
		press("q", NULL);
	}

	printf("\n%-22s %s\n", "action", "figures (budget: list move < 300 bytes, "
	       "screen switch < 4096 bytes, < 5 ms CPU a key)");
	report(&start);
	report(&move);
	report(&type);
	report(&open);
	report(&sw);
	report(&ov);
	if (!screen_has(""))
		return 1;
	app_stop(&app);
	session_close(&sess);
	return 0;
}
