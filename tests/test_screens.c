/*
 * Screen tests: the whole interface in-process on a pseudo-terminal of a
 * fixed size (newterm on the pty's slave side), keys written to the
 * master side as a terminal would send them, and the screen read back
 * from curses' own picture of the terminal (curscr).  Every assertion is
 * about what a person at the terminal would see.
 */
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
static void *drain(void *arg)
{
	struct ts *ts = arg;
	char buf[4096];
	ssize_t n;
	while ((n = read(ts->master, buf, sizeof buf)) > 0)
		atomic_fetch_add(&ts->bytes, n);
	return NULL;
}

/* Steps until the program waits for input: the screen is then drawn. */
static void pump(struct ts *ts)
{
	for (int i = 0; i < 200; i++) {
		ts->last = app_step(ts->a, 40);
		if (ts->last != APP_KEY)
			return;
	}
	fail_msg("the program never waited for input");
}

static void set_size(int fd, int rows, int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows,
			     .ws_col = (unsigned short)cols};
	assert_int_equal(ioctl(fd, TIOCSWINSZ, &ws), 0);
}

static void ts_start(struct ts *ts)
{
	assert_int_equal(app_start(&ts->t->s, ts->in, ts->out, &ts->a), 0);
	pump(ts);
}

static struct ts *ts_open_size(const char *login, int rows, int cols)
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
	ts_start(ts);
	return ts;
}

static struct ts *ts_open(const char *login)
{
	return ts_open_size(login, 24, 80);
}

static void ts_stop_app(struct ts *ts)
{
	app_stop(&ts->a);
}

static void ts_close(struct ts **p)
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

static void send_bytes(struct ts *ts, const char *s)
{
	size_t len = strlen(s);
	assert_int_equal(write(ts->master, s, len), (ssize_t)len);
}

static void type(struct ts *ts, const char *s)
{
	send_bytes(ts, s);
	pump(ts);
}

/* A function key as this terminal sends it (terminfo), e.g. "kcuu1". */
static void key(struct ts *ts, const char *cap)
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

static const char *row(struct ts *ts, int y)
{
	app_row_text(ts->a, y, ts->row, sizeof ts->row);
	return ts->row;
}

/* The row where text is shown, or -1. */
static int find(struct ts *ts, const char *text)
{
	for (int y = 0; y < LINES; y++)
		if (strstr(row(ts, y), text))
			return y;
	return -1;
}

static void dump(struct ts *ts)
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

/* A valid synthetic ID number (the test configuration accepts them). */
static void synthetic_nid(const char *birth, unsigned serial, char out[12])
{
	assert_int_equal(nid_make_synthetic(birth, serial, false, out), 0);
}

/* ----------------------------------------------------------- home */

static void test_home_desk(void **state)
{
	struct ts *ts = ts_open("desk1");
	assert_shows(ts, "Hjem");
	assert_shows(ts, "Ny søknad");
	assert_shows(ts, "Uferdige søknader (utkast)");
	assert_shows(ts, "Ingen utkast.");
	/* the key bar shows what works here */
	assert_true(strstr(row(ts, 23), "Hjelp") != NULL);
	assert_true(strstr(row(ts, 23), "Søk") != NULL);
	ts_close(&ts);
}

static void test_home_no_queues_is_honest(void **state)
{
	struct ts *ts = ts_open("admin");
	assert_shows(ts, "Du har ingen køer");
	ts_close(&ts);
}

static void test_help_lists_keys(void **state)
{
	struct ts *ts = ts_open("desk1");
	type(ts, "?");
	assert_shows(ts, "Taster i dette skjermbildet");
	assert_shows(ts, "[search]");
	assert_shows(ts, "[new_intake]");
	/* the home screen has no note action: help does not offer it */
	assert_not_shows(ts, "[note]");
	ESC(ts);
	assert_shows(ts, "Ny søknad");
	ts_close(&ts);
}

/* ------------------------------------------------------------ lists */

static void test_queue_list_filter_and_moves(void **state)
{
	struct ts *ts = ts_open("sup1");
	long bytes;

	tenv_case(ts->t, "Kari", "Nordmann", "NAV");
	tenv_case(ts->t, "Øystein", "Ærlighetsen", "NAV");
	tenv_case(ts->t, "Per", "Hansen", "NAV");
	/* the counts were read at start: a repaint of home after a visit
	 * shows them; open the supervisor's queue */
	ENTER(ts);
	assert_shows(ts, "Nordmann, Kari");
	assert_shows(ts, "Ærlighetsen, Øystein");
	assert_shows(ts, "Side 1");
	/* a move in the list costs a few hundred bytes at most */
	usleep(20000);
	bytes = atomic_load(&ts->bytes);
	key(ts, "kcud1");
	usleep(20000);
	assert_true(atomic_load(&ts->bytes) - bytes < 300);
	/* `/` filters as you type, æøå folded */
	type(ts, "/");
	type(ts, "ærl");
	assert_shows(ts, "Ærlighetsen, Øystein");
	assert_not_shows(ts, "Nordmann, Kari");
	ENTER(ts);
	assert_shows(ts, "filter: ærl");
	/* Enter opens the case */
	ENTER(ts);
	assert_shows(ts, "Husstand");
	type(ts, "q");
	type(ts, "q");
	assert_shows(ts, "Køer");
	ts_close(&ts);
}

/* ---------------------------------------------------------- search */

static void test_search_and_open(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Åse Marie", "Ødegård", "NAV");
	struct case_rec c;

	assert_true(id > 0);
	type(ts, "/");
	assert_shows(ts, "Søk:");
	type(ts, "ødeg");
	assert_shows(ts, "Ødegård");
	ENTER(ts);
	assert_int_equal(case_open(&ts->t->s, id, &c), 0);
	assert_shows(ts, c.number);
	assert_shows(ts, "Husstand");
	key(ts, "kend");
	assert_shows(ts, "Journal (nyeste først)");
	/* back to the search, the query still there */
	type(ts, "q");
	assert_shows(ts, "ødeg");
	ts_close(&ts);
}

static void test_search_other_unit_finds_nothing(void **state)
{
	struct ts *ts = ts_open("eie1");
	tenv_case(ts->t, "Åse", "Ødegård", "NAV");
	type(ts, "/");
	type(ts, "Ødegård");
	assert_shows(ts, "Fant ingen sak som du har tilgang til.");
	assert_not_shows(ts, "Ødegård, ");
	ts_close(&ts);
}

/* ------------------------------------------------------------ case */

static void test_case_note(void **state)
{
	struct ts *ts = ts_open("nav1");
	tenv_case(ts->t, "Kari", "Nordmann", "NAV");
	type(ts, "/");
	type(ts, "nordm");
	ENTER(ts);
	assert_shows(ts, "Notat");
	type(ts, "a");
	assert_shows(ts, "Notat:");
	type(ts, "Ringte søker, møte tirsdag kl. 10");
	ENTER(ts);
	assert_shows(ts, "Notatet er skrevet i journalen.");
	assert_shows(ts, "Ringte søker, møte tirsdag kl. 10");
	ts_close(&ts);
}

static void test_case_interim_due(void **state)
{
	struct ts *ts = ts_open("nav1");
	tenv_case(ts->t, "Per", "Hansen", "NAV");
	/* the interim reply is due some weeks after receipt */
	tenv_set_today(ts->t, "2026-03-28");
	type(ts, "/");
	type(ts, "hansen");
	ENTER(ts);
	assert_shows(ts, "Foreløpig svar skal sendes");
	assert_true(strstr(row(ts, 23), "Foreløpig svar") != NULL);
	ts_close(&ts);
}

/* ---------------------------------------------------------- intake */

static void test_intake_invalid_nid_keeps_text(void **state)
{
	struct ts *ts = ts_open("desk1");
	type(ts, "n");
	assert_shows(ts, "Fødselsnummer");
	type(ts, "12345678901");
	TAB(ts);
	/* the reason is shown, the text is kept, the field is marked */
	assert_shows(ts, "12345678901");
	assert_shows(ts, "! 12345678901");
	assert_shows(ts, "kontrollsiffer");
	ts_close(&ts);
}

/* Types one field's text and leaves it with Tab. */
static void field(struct ts *ts, const char *text)
{
	if (*text)
		type(ts, text);
	TAB(ts);
}

static void type_applicant(struct ts *ts, const char *nid)
{
	type(ts, "n");
	field(ts, nid);
	field(ts, "Åse Marie");
	field(ts, "Ødegård");
}

static void test_intake_complete(void **state)
{
	struct ts *ts = ts_open("desk1");
	char nid[12];
	struct db_case_line hits[4];
	size_t n = 0;

	synthetic_nid("1990-02-01", 7, nid);
	type_applicant(ts, nid);
	/* the birth date came from the number */
	assert_shows(ts, "01.02.1990");
	field(ts, "");          /* birth */
	field(ts, "Storgata 1"); /* address */
	field(ts, "2317");
	field(ts, "Hamar");
	CTRL_KEY(ts, 'w');
	/* the desk has no caseworker: saving says so and goes to the
	 * responsible unit, where NAV is chosen */
	assert_shows(ts, "Servicekontoret har ingen saksbehandler");
	for (int i = 0; i < 12 && find(ts, "< NAV Øst >") < 0; i++)
		key(ts, "kcuf1");
	assert_shows(ts, "< NAV Øst >");
	CTRL_KEY(ts, 'w');
	assert_shows(ts, "er registrert");
	assert_shows(ts, "Dette mangler fortsatt:");
	/* it is in the database, found by name */
	assert_int_equal(case_search(&ts->t->s, "ødegård", NULL, 4, hits, &n), 0);
	assert_int_equal(n, 1);
	assert_shows(ts, hits[0].number);
	/* Enter opens the case */
	ENTER(ts);
	assert_shows(ts, "Husstand");
	assert_shows(ts, "Ødegård, Åse Marie");
	ts_close(&ts);
}

static void test_intake_bad_date_and_amount(void **state)
{
	struct ts *ts = ts_open("desk1");
	type(ts, "n");
	TAB(ts);
	TAB(ts);
	TAB(ts);
	field(ts, "31.02.1990");
	assert_shows(ts, "! 31.02.1990");
	/* go to the income field: the section key, twice (household,
	 * situation), then three times more */
	key(ts, "knp");
	key(ts, "knp");
	key(ts, "knp");
	assert_shows(ts, "Inntekt per år (kr)");
	field(ts, "kr 350000,-");
	assert_shows(ts, "350 000");
	ts_close(&ts);
}

static void test_intake_resize_keeps_everything(void **state)
{
	struct ts *ts = ts_open_size("desk1", 40, 120);
	char nid[12];

	synthetic_nid("1985-03-15", 11, nid);
	type_applicant(ts, nid);
	assert_shows(ts, "15.03.1985"); /* from the ID number */
	TAB(ts);
	type(ts, "Storg"); /* half an address: typed, not left */
	assert_shows(ts, "Ødegård");
	/* to 80x24 in the middle of typing */
	set_size(ts->slave, 24, 80);
	app_resized(ts->a);
	pump(ts);
	assert_int_equal(COLS, 80);
	assert_shows(ts, "Åse Marie");
	assert_shows(ts, "Ødegård");
	assert_shows(ts, "15.03.1985");
	assert_shows(ts, "Storg");
	/* typing goes on in the same field */
	type(ts, "ata 1");
	assert_shows(ts, "Storgata 1");
	/* too small: a clear message; larger again: the form is back */
	set_size(ts->slave, 20, 60);
	app_resized(ts->a);
	pump(ts);
	assert_shows(ts, "Vinduet er 60×20 tegn");
	type(ts, "xyz"); /* nothing is done blind */
	set_size(ts->slave, 24, 80);
	app_resized(ts->a);
	pump(ts);
	assert_shows(ts, "Storgata 1");
	assert_not_shows(ts, "xyz");
	ts_close(&ts);
}

static void test_intake_draft_after_sighup(void **state)
{
	struct ts *ts = ts_open("desk1");
	struct draft_rec *d = NULL;
	size_t n = 0;
	char nid[12];

	synthetic_nid("1979-12-24", 5, nid);
	type_applicant(ts, nid);
	TAB(ts);
	type(ts, "Kirkeg"); /* in the address field, not yet left */
	raise(SIGHUP);
	pump(ts);
	assert_int_equal(ts->last, APP_DONE);
	ts_stop_app(ts);
	assert_int_equal(draft_list(&ts->t->s, &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].title, "Åse Marie Ødegård");
	free(d);
	/* a new start: the draft is on the home screen; End, Enter */
	ts_start(ts);
	assert_shows(ts, "Åse Marie Ødegård");
	key(ts, "kend");
	ENTER(ts);
	assert_shows(ts, "Utkastet er åpnet der du slapp.");
	assert_shows(ts, nid);
	assert_shows(ts, "Ødegård");
	assert_shows(ts, "24.12.1979");
	/* the cursor is back in the address field, after what was typed */
	type(ts, "ata 2");
	assert_shows(ts, "Kirkegata 2");
	ts_close(&ts);
}

static void test_intake_esc_keeps_draft(void **state)
{
	struct ts *ts = ts_open("desk1");
	type(ts, "n");
	TAB(ts);
	field(ts, "Ola");
	ESC(ts);
	assert_shows(ts, "Søknaden er tatt vare på som utkast");
	assert_shows(ts, "Ola");
	ts_close(&ts);
}

/* ----------------------------------------------------------- frame */

static void test_too_small_then_grows(void **state)
{
	struct ts *ts = ts_open_size("desk1", 20, 60);
	assert_shows(ts, "Vinduet er 60×20 tegn; bosak trenger minst 80×24.");
	set_size(ts->slave, 24, 80);
	app_resized(ts->a);
	pump(ts);
	assert_shows(ts, "Ny søknad");
	ts_close(&ts);
}

static void test_one_update_per_key_and_small_moves(void **state)
{
	struct ts *ts = ts_open("desk1");
	unsigned long before = app_update_count(ts->a);
	long bytes;

	key(ts, "kcud1");
	assert_int_equal(app_update_count(ts->a), before + 1);
	/* a cursor move in a list costs a few cells, not a screen */
	usleep(20000);
	bytes = atomic_load(&ts->bytes);
	key(ts, "kcud1");
	usleep(20000);
	assert_true(atomic_load(&ts->bytes) - bytes < 300);
	ts_close(&ts);
}

static void test_keys_rebound_from_ini(void **state)
{
	struct ts *ts = ts_open("desk1");
	struct config *cfg = &ts->t->cfg;
	struct app *a2 = NULL;

	ts_stop_app(ts);
	snprintf(cfg->key_action[0], sizeof cfg->key_action[0], "search");
	snprintf(cfg->key_names[0], sizeof cfg->key_names[0], "s F3");
	cfg->nkeys = 1;
	ts_start(ts);
	type(ts, "s");
	assert_shows(ts, "Søk:");
	ts_stop_app(ts);
	/* an unknown action is refused before the screen starts */
	snprintf(cfg->key_action[0], sizeof cfg->key_action[0], "serch");
	assert_int_equal(app_start(&ts->t->s, ts->in, ts->out, &a2), EX_CONFIG);
	assert_null(a2);
	cfg->nkeys = 0;
	ts_close(&ts);
}

/* The catalogue next to the test binary: build/tests -> build/locale. */
static void bokmal(void)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16];
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
		cmocka_unit_test(test_home_desk),
		cmocka_unit_test(test_home_no_queues_is_honest),
		cmocka_unit_test(test_help_lists_keys),
		cmocka_unit_test(test_queue_list_filter_and_moves),
		cmocka_unit_test(test_search_and_open),
		cmocka_unit_test(test_search_other_unit_finds_nothing),
		cmocka_unit_test(test_case_note),
		cmocka_unit_test(test_case_interim_due),
		cmocka_unit_test(test_intake_invalid_nid_keeps_text),
		cmocka_unit_test(test_intake_complete),
		cmocka_unit_test(test_intake_bad_date_and_amount),
		cmocka_unit_test(test_intake_resize_keeps_everything),
		cmocka_unit_test(test_intake_draft_after_sighup),
		cmocka_unit_test(test_intake_esc_keeps_draft),
		cmocka_unit_test(test_too_small_then_grows),
		cmocka_unit_test(test_one_update_per_key_and_small_moves),
		cmocka_unit_test(test_keys_rebound_from_ini),
	};
	setenv("TERM", "xterm", 1);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	unsetenv("NO_COLOR");
	setenv("TZ", "Europe/Oslo", 1);
	bokmal();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
