/*
 * The harness of the screen tests: the whole interface in-process on a
 * pseudo-terminal of a fixed size (newterm on the pty's slave side), keys
 * written to the master side as a terminal sends them, and the screen read
 * back from curses' own picture of the terminal.  Included by each
 * tests/test_screens*.c (one binary each), so its functions are static.
 */
#ifndef BOSAK_SCREENLIB_H
#define BOSAK_SCREENLIB_H

#define SCREENLIB static __attribute__((unused))

#include <curses.h>
#include <limits.h>
#include <pthread.h>
#include <pty.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sysexits.h>
#include <term.h>
#include <unistd.h>

#include "testlib.h"
#include "../tui/app.h"

/* ncurses keeps some memory until exit by design (terminfo caches); it
 * is not ours to free. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libncursesw\nleak:libtinfo\nleak:libformw\n";
}

struct ts {
	struct tenv *t;
	int master, slave;
	FILE *in, *out;
	struct app *a;
	pthread_t reader;
	atomic_long bytes; /* written by the program to the terminal */
	enum app_step_rc last;
	char row[1024];
};

/* The terminal's side: reads what the program writes, so that it never
 * blocks on a full pty, and counts the bytes. */
SCREENLIB void *drain(void *arg)
{
	struct ts *ts = arg;
	char buf[4096];
	ssize_t n;
	while ((n = read(ts->master, buf, sizeof buf)) > 0)
		atomic_fetch_add(&ts->bytes, n);
	return NULL;
}

/* Steps until the program waits for input: the screen is then drawn. */
SCREENLIB void pump(struct ts *ts)
{
	for (int i = 0; i < 200; i++) {
		ts->last = app_step(ts->a, 40);
		if (ts->last != APP_KEY)
			return;
	}
	fail_msg("the program never waited for input");
}

SCREENLIB void set_size(int fd, int rows, int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows,
			     .ws_col = (unsigned short)cols};
	assert_int_equal(ioctl(fd, TIOCSWINSZ, &ws), 0);
}

SCREENLIB void ts_start(struct ts *ts)
{
	assert_int_equal(app_start(&ts->t->s, ts->in, ts->out, &ts->a), 0);
	pump(ts);
}

/* A session on a fresh database and a pty, the program not yet started:
 * a test may make its data through core first, then ts_start(). */
SCREENLIB struct ts *ts_new(const char *login, int rows, int cols)
{
	struct ts *ts = calloc(1, sizeof *ts);
	assert_non_null(ts);
	ts->t = tenv_new(login);
	assert_int_equal(openpty(&ts->master, &ts->slave, NULL, NULL, NULL), 0);
	set_size(ts->slave, rows, cols);
	ts->in = fdopen(ts->slave, "r");
	ts->out = fdopen(dup(ts->slave), "w");
	assert_non_null(ts->in);
	assert_non_null(ts->out);
	assert_int_equal(pthread_create(&ts->reader, NULL, drain, ts), 0);
	return ts;
}

SCREENLIB struct ts *ts_open_size(const char *login, int rows, int cols)
{
	struct ts *ts = ts_new(login, rows, cols);
	ts_start(ts);
	return ts;
}

SCREENLIB struct ts *ts_open(const char *login)
{
	return ts_open_size(login, 24, 80);
}

SCREENLIB void ts_stop_app(struct ts *ts)
{
	app_stop(&ts->a);
}

SCREENLIB void ts_close(struct ts **p)
{
	struct ts *ts = *p;
	if (ts->a)
		app_stop(&ts->a);
	fclose(ts->in);
	fclose(ts->out);
	close(ts->master); /* ends the reader */
	pthread_join(ts->reader, NULL);
	tenv_free(&ts->t);
	free(ts);
	*p = NULL;
}

/* ------------------------------------------------------------ keys */

SCREENLIB void send_bytes(struct ts *ts, const char *s)
{
	size_t len = strlen(s);
	assert_int_equal(write(ts->master, s, len), (ssize_t)len);
}

SCREENLIB void type(struct ts *ts, const char *s)
{
	send_bytes(ts, s);
	pump(ts);
}

/* A function key as this terminal sends it (terminfo), e.g. "kcuu1". */
SCREENLIB void key(struct ts *ts, const char *cap)
{
	const char *seq = tigetstr(cap);
	assert_true(seq && seq != (char *)-1);
	type(ts, seq);
}

#define ENTER(ts) type(ts, "\r")
#define TAB(ts) type(ts, "\t")
#define ESC(ts) type(ts, "\033")
#define CTRL_KEY(ts, c) type(ts, (char[]){(char)((c) & 0x1f), 0})

/* ---------------------------------------------------------- screen */

SCREENLIB const char *row(struct ts *ts, int y)
{
	app_row_text(ts->a, y, ts->row, sizeof ts->row);
	return ts->row;
}

/* The row where text is shown, or -1. */
SCREENLIB int find(struct ts *ts, const char *text)
{
	for (int y = 0; y < LINES; y++)
		if (strstr(row(ts, y), text))
			return y;
	return -1;
}

SCREENLIB void dump(struct ts *ts)
{
	for (int y = 0; y < LINES; y++)
		fprintf(stderr, "|%s\n", row(ts, y));
}

#define assert_shows(ts, text)                                               \
	do {                                                                 \
		if (find(ts, text) < 0) {                                    \
			dump(ts);                                            \
			fail_msg("the screen does not show \"%s\"", text);   \
		}                                                            \
	} while (0)

#define assert_not_shows(ts, text)                                           \
	do {                                                                 \
		if (find(ts, text) >= 0) {                                   \
			dump(ts);                                            \
			fail_msg("the screen shows \"%s\"", text);           \
		}                                                            \
	} while (0)

#endif
