/*
 * Screen tests: the whole interface in-process on a pseudo-terminal of a
 * fixed size (newterm on the pty's slave side), keys written to the
 * master side as a terminal would send them, and the screen read back
 * from curses' own picture of the terminal (curscr).  Every assertion is
 * about what a person at the terminal would see.
 */
#include "screenlib.h"

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


/* Issue 6: the caseworker the person asks can show who has looked, for
 * the case and for the whole person. */
static void test_case_who_looked(void **state)
{
	struct ts *ts = ts_open("nav1");
	tenv_case(ts->t, "Kari", "Nordmann", "NAV");
	type(ts, "/");
	type(ts, "nordm");
	ENTER(ts);
	assert_shows(ts, "Notat");
	type(ts, "w");
	assert_shows(ts, "Hvem har sett saken");
	/* why and what in the reader's language, not the stored codes */
	assert_shows(ts, "egen enhet: åpnet saken");
	assert_not_shows(ts, "own: open");
	type(ts, "W");
	assert_shows(ts, "Hvem har sett personen");
	type(ts, "W");
	assert_shows(ts, "Hvem har sett saken");
	ts_close(&ts);
}

/* Issue 6: the waiting times and the decisions open the cases behind
 * them, under a header that says what the columns hold (the caseworker,
 * not the unit; the day decided, not a deadline). */
static void test_overview_figures_open_lists(void **state)
{
	struct ts *ts = ts_open_size("sup1", 24, 120);
	int64_t c = tenv_case(ts->t, "Vera", "Venter", "NAV");
	char q[600];

	snprintf(q, sizeof q,
		 "INSERT INTO decision (case_id, track, outcome, conclusion, "
		 "rules, facts, considerations, appeal_body, appeal_info, letter, "
		 "facts_snapshot, issued_by, issued_at) VALUES (%lld, "
		 "'allocation', 'rejected', 'c', 'r', 'f', 'k', 'b', 'i', 'l', "
		 "'s', 1, '2026-03-12T10:00:00Z')", (long long)c);
	assert_int_equal(db_exec(ts->t->s.db, q), DB_OK);
	tenv_set_today(ts->t, "2026-06-01");
	/* the overview is the line above the glass openings */
	key(ts, "kend");
	key(ts, "kcuu1");
	ENTER(ts);
	assert_shows(ts, "Passerte frister");
	/* the last line is the vacant dwellings, above it the decision */
	key(ts, "kend");
	key(ts, "kcuu1");
	ENTER(ts);
	assert_shows(ts, "Vedtak: avslått");
	assert_shows(ts, "Venter, Vera");
	assert_shows(ts, "Vedtatt");
	assert_shows(ts, "Ansvarlig");
	assert_not_shows(ts, "Enhet");
	assert_shows(ts, "12.03.2026");
	ESC(ts);
	assert_shows(ts, "Ventetid fra mottatt til vedtak");
	/* above the decisions: the waiting times, the 12 months' last */
	key(ts, "kcuu1");
	key(ts, "kcuu1");
	ENTER(ts);
	assert_shows(ts, "Ventet på vedtak");
	assert_shows(ts, "Ventet ");
	assert_shows(ts, "10 dager");
	assert_shows(ts, "Venter, Vera");
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

/* ------------------------------------------------ bugs from review */

static void resize_to(struct ts *ts, int rows, int cols)
{
	set_size(ts->slave, rows, cols);
	app_resized(ts->a);
	pump(ts);
}

/* Opens a case by its number through search. */
static void open_case(struct ts *ts, int64_t id)
{
	struct case_rec c;
	assert_int_equal(case_open(&ts->t->s, id, &c), 0);
	type(ts, "/");
	type(ts, c.number);
	ENTER(ts);
	assert_shows(ts, "Husstand");
}

static int64_t handed_over_case(struct tenv *t, const char *given,
				const char *family)
{
	int64_t id = tenv_case(t, given, family, "NAV");
	struct staff_rec me = t->s.me;
	struct case_rec c;

	tenv_login(t, "nav1");
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_equal(case_transition(&t->s, id, c.version, CS_HANDED_OVER,
					 "ferdig utredet"),
			 0);
	tenv_login(t, me.login);
	return id;
}

/* The decisions screen logs the read when it opens, not each time it
 * is shown again (back from help here, after the user's own change in
 * the program): case_reread, as the case view does. */
static void test_decisions_logged_once(void **state)
{
	struct ts *ts = ts_open("tild1");
	int64_t id = handed_over_case(ts->t, "Vera", "Vedtak");
	int64_t before, opened, after;
	char q[600];

	(void)state;
	snprintf(q, sizeof q,
		 "INSERT INTO decision (case_id, track, outcome, conclusion, "
		 "rules, facts, considerations, appeal_body, appeal_info, letter, "
		 "facts_snapshot, issued_by, issued_at) VALUES (%lld, "
		 "'allocation', 'rejected', 'c', 'r', 'f', 'k', 'b', 'i', 'l', "
		 "'s', 1, '2026-03-12T10:00:00Z')", (long long)id);
	assert_int_equal(db_exec(ts->t->s.db, q), DB_OK);
	open_case(ts, id);
	assert_int_equal(db_count(ts->t->s.db, "access_log", &before), DB_OK);
	type(ts, "D");
	assert_shows(ts, "avslått");
	assert_int_equal(db_count(ts->t->s.db, "access_log", &opened), DB_OK);
	assert_int_equal(opened, before + 1);
	type(ts, "?");
	ESC(ts);
	assert_shows(ts, "avslått");
	assert_int_equal(db_count(ts->t->s.db, "access_log", &after), DB_OK);
	assert_int_equal(after, opened);
	ts_close(&ts);
}

/* A draft on the home screen, chosen (the last line). */
static void home_with_draft(struct ts *ts)
{
	int64_t id = 0;
	ts_stop_app(ts);
	assert_int_equal(draft_save(&ts->t->s, &id, "intake", "Ola Utkast",
				    "given=Ola\n_cur=given"),
			 0);
	ts_start(ts);
	key(ts, "kend");
	assert_shows(ts, "Ola Utkast");
}

static size_t drafts(struct ts *ts)
{
	struct draft_rec *d = NULL;
	size_t n = 0;
	assert_int_equal(draft_list(&ts->t->s, &d, &n), 0);
	free(d);
	return n;
}

/* 1: the person found by ID number is saved with the version read. */
static void test_bug_person_reused_conflict(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t first = tenv_case(ts->t, "Kari", "Solheim", "NAV");
	struct db_case_line hits[4];
	struct case_rec c1, c2;
	size_t n = 0;

	assert_int_equal(case_open(&ts->t->s, first, &c1), 0);
	type(ts, "n");
	field(ts, c1.nid);
	assert_shows(ts, "Kari Solheim er registrert fra før");
	CTRL_KEY(ts, 'w');
	assert_not_shows(ts, "Noen andre endret");
	assert_shows(ts, "er registrert");
	/* two cases, one person */
	assert_int_equal(case_search(&ts->t->s, c1.nid, NULL, 4, hits, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(case_open(&ts->t->s, hits[0].case_id, &c1), 0);
	assert_int_equal(case_open(&ts->t->s, hits[1].case_id, &c2), 0);
	assert_int_equal(c1.applicant_id, c2.applicant_id);
	ts_close(&ts);
}

/* 2: an open question takes no key while the window is too small. */
static void test_bug_question_blind_when_small(void **state)
{
	struct ts *ts = ts_open("desk1");

	home_with_draft(ts);
	type(ts, "d");
	assert_shows(ts, "Slette dette utkastet for godt?");
	resize_to(ts, 20, 60);
	type(ts, "j");
	assert_int_equal(drafts(ts), 1);
	resize_to(ts, 24, 80);
	assert_shows(ts, "Slette dette utkastet for godt?");
	type(ts, "n");
	assert_int_equal(drafts(ts), 1);
	ts_close(&ts);
}

static void test_bug_file_question_blind_when_small(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Per", "Hansen", "NAV");
	char path[400];

	snprintf(path, sizeof path, "%s/blind.txt", ts->t->dir);
	open_case(ts, id);
	type(ts, "r");
	assert_shows(ts, "Filnavn (tomt: skriv ut):");
	resize_to(ts, 20, 60);
	CTRL_KEY(ts, 'u');
	type(ts, path);
	ENTER(ts);
	resize_to(ts, 24, 80);
	assert_int_equal(access(path, F_OK), -1);
	assert_shows(ts, "Filnavn (tomt: skriv ut): receipt-");
	ts_close(&ts);
}

/* 3: a question asked again shows why. */
static void test_bug_reasked_question_shows_reason(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Per", "Hansen", "NAV");
	char path[400];
	FILE *fp;

	tenv_set_today(ts->t, "2026-03-28");
	snprintf(path, sizeof path, "%s/exists.txt", ts->t->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	open_case(ts, id);
	type(ts, "r");
	CTRL_KEY(ts, 'u');
	type(ts, path);
	ENTER(ts);
	assert_shows(ts, "finnes allerede; velg et annet filnavn.");
	assert_shows(ts, "Filnavn (tomt: skriv ut):");
	ESC(ts);
	type(ts, "i");
	ENTER(ts);
	assert_shows(ts, "Et foreløpig svar må oppgi grunnen til forsinkelsen.");
	assert_shows(ts, "Grunn til forsinkelsen:");
	type(ts, "Venter på legeerklæring");
	ENTER(ts);
	type(ts, "31.02.2027");
	ENTER(ts);
	assert_shows(ts, "31.02.2027 finnes ikke");
	assert_shows(ts, "Forventet dato for vedtak: 31.02.2027");
	/* help and back: the question comes back with its reason */
	key(ts, "kf1");
	assert_shows(ts, "[accept]");
	ESC(ts);
	assert_shows(ts, "31.02.2027 finnes ikke");
	assert_shows(ts, "Forventet dato for vedtak: 31.02.2027");
	ts_close(&ts);
}

/* 5: Esc at the file name records nothing; a letter that cannot be
 * written after recording is kept and offered again. */
static void test_bug_interim_letter_lost(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Per", "Hansen", "NAV");
	struct case_rec c;
	char path[400], text[256];
	FILE *fp;

	tenv_set_today(ts->t, "2026-03-28");
	snprintf(path, sizeof path, "%s/interim.txt", ts->t->dir);
	open_case(ts, id);
	type(ts, "i");
	type(ts, "Venter på legeerklæring");
	ENTER(ts);
	type(ts, "01.06.2026");
	ENTER(ts);
	assert_shows(ts, "Filnavn (tomt: skriv ut):");
	ESC(ts);
	assert_int_equal(case_open(&ts->t->s, id, &c), 0);
	assert_string_equal(c.interim_sent, "");
	assert_true(strstr(row(ts, 23), "Foreløpig svar") != NULL);
	/* the printer fails after the reply is recorded */
	snprintf(ts->t->cfg.print_command, sizeof ts->t->cfg.print_command,
		 "false");
	type(ts, "i");
	assert_shows(ts, "Grunn til forsinkelsen: Venter på legeerklæring");
	ENTER(ts);
	ENTER(ts);
	CTRL_KEY(ts, 'u');
	ENTER(ts);
	assert_shows(ts, "brevet er ikke skrevet");
	ESC(ts);
	assert_int_equal(case_open(&ts->t->s, id, &c), 0);
	assert_string_equal(c.interim_sent, "2026-03-28");
	assert_true(strstr(row(ts, 23), "Foreløpig svar") != NULL);
	/* leaving asks first */
	type(ts, "q");
	assert_shows(ts, "Gå ut av saken uten det?");
	type(ts, "n");
	type(ts, "i");
	CTRL_KEY(ts, 'u');
	type(ts, path);
	ENTER(ts);
	assert_shows(ts, "brevet er skrevet til");
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(text, sizeof text, fp));
	fclose(fp);
	assert_true(strstr(row(ts, 23), "Foreløpig svar") == NULL);
	ts_close(&ts);
}

/* 6: a date in the past is asked again, the reason kept. */
static void test_bug_past_date_keeps_reason(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Per", "Hansen", "NAV");
	struct journal_rec *j = NULL;
	char path[400], text[1400];
	bool found = false;
	size_t n = 0;

	tenv_set_today(ts->t, "2026-03-28");
	snprintf(path, sizeof path, "%s/interim.txt", ts->t->dir);
	open_case(ts, id);
	type(ts, "i");
	type(ts, "Venter på legeerklæring");
	ENTER(ts);
	type(ts, "01.01.2020");
	ENTER(ts);
	assert_shows(ts, "etter i dag");
	assert_shows(ts, "Forventet dato for vedtak: 01.01.2020");
	CTRL_KEY(ts, 'u');
	type(ts, "01.06.2026");
	ENTER(ts);
	CTRL_KEY(ts, 'u');
	type(ts, path);
	ENTER(ts);
	assert_shows(ts, "brevet er skrevet til");
	assert_int_equal(case_journal(&ts->t->s, id, &j, &n), 0);
	for (size_t i = 0; i < n; i++) {
		journal_render(&j[i], text, sizeof text);
		found |= strstr(text, "Venter på legeerklæring") != NULL;
	}
	free(j);
	assert_true(found);
	ts_close(&ts);
}

/* 7: actions the user may not take are not offered. */
static void test_bug_interim_only_for_those_allowed(void **state)
{
	struct ts *ts = ts_open("tild1");
	int64_t id = handed_over_case(ts->t, "Per", "Hansen");

	tenv_set_today(ts->t, "2026-03-28");
	open_case(ts, id);
	assert_shows(ts, "Foreløpig svar skal sendes");
	assert_true(strstr(row(ts, 23), "Foreløpig svar") == NULL);
	type(ts, "i");
	assert_not_shows(ts, "Grunn til forsinkelsen:");
	ts_close(&ts);
}

static void test_bug_new_intake_only_for_desk_and_caseworkers(void **state)
{
	struct ts *ts = ts_open("tild1");
	assert_true(strstr(row(ts, 23), "Ny søknad") == NULL);
	type(ts, "n");
	assert_not_shows(ts, "Fødselsnummer");
	ts_close(&ts);
}

/* 8 and Ctrl-L, ?: a yes/no question's keys. */
static void test_bug_yesno_keys(void **state)
{
	struct ts *ts = ts_open("desk1");
	long bytes;

	home_with_draft(ts);
	type(ts, "d");
	assert_true(strstr(row(ts, 23), "j Ja") != NULL);
	assert_true(strstr(row(ts, 23), "n Nei") != NULL);
	/* Ctrl-L repaints the whole screen */
	usleep(20000);
	bytes = atomic_load(&ts->bytes);
	CTRL_KEY(ts, 'l');
	usleep(20000);
	assert_true(atomic_load(&ts->bytes) - bytes > 500);
	assert_shows(ts, "Slette dette utkastet for godt?");
	/* ? is no answer: it is help */
	type(ts, "?");
	assert_shows(ts, "[yes]");
	ESC(ts);
	assert_shows(ts, "Slette dette utkastet for godt?");
	type(ts, "n");
	assert_int_equal(drafts(ts), 1);
	ts_close(&ts);
}

/* 9: a long yes/no question is shown in full. */
static void test_bug_yesno_question_full_width(void **state)
{
	struct ts *ts = ts_open("nav1");
	char nid[12];

	tenv_case(ts->t, "Målfrid", "Haugen", "NAV"); /* born 15.06.1985 */
	synthetic_nid("1985-06-15", 900, nid);
	type(ts, "n");
	field(ts, nid);
	field(ts, "Målfrid");
	field(ts, "Haugen");
	CTRL_KEY(ts, 'w');
	assert_shows(ts, "Kanskje samme person: Målfrid Haugen, født 15.06.1985");
	assert_shows(ts, "Registrere likevel? (j/n)");
	ts_close(&ts);
}

/* 10: the birth date follows a changed ID number, unless typed. */
static void test_bug_stale_birth_date(void **state)
{
	struct ts *ts = ts_open("desk1");
	char a[12], b[12], c[12];

	synthetic_nid("1990-02-01", 7, a);
	synthetic_nid("1985-03-15", 8, b);
	synthetic_nid("1970-07-07", 9, c);
	type(ts, "n");
	field(ts, a);
	assert_shows(ts, "01.02.1990");
	key(ts, "kcbt");
	CTRL_KEY(ts, 'u');
	field(ts, b);
	assert_shows(ts, "15.03.1985");
	assert_not_shows(ts, "01.02.1990");
	/* a birth date the user typed stays */
	TAB(ts);
	TAB(ts);
	CTRL_KEY(ts, 'u');
	field(ts, "16.03.1985");
	for (int i = 0; i < 4; i++)
		key(ts, "kcbt");
	CTRL_KEY(ts, 'u');
	field(ts, c);
	assert_shows(ts, "16.03.1985");
	assert_not_shows(ts, "07.07.1970");
	ts_close(&ts);
}

/* 11: the case header's columns never run into each other. */
static void test_bug_case_header_overlap(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Per", "Hansen", "NAV");
	int y;

	tenv_set_today(ts->t, "2026-03-28");
	open_case(ts, id);
	assert_not_shows(ts, "svarForeløpig");
	assert_shows(ts, "(vedtak eller foreløpig svar)");
	y = find(ts, "Foreløpig svar skal sendes");
	assert_true(y > 0);
	assert_true(strncmp(row(ts, y), " Foreløpig", 10) == 0 ||
		    strstr(row(ts, y), ")  ") != NULL);
	ts_close(&ts);
}

/* 12: the too-small message breaks between words. */
static void test_bug_too_small_wraps_words(void **state)
{
	struct ts *ts = ts_open_size("desk1", 20, 60);
	char all[600] = "";

	/* the rows joined by spaces give the sentence back */
	for (int y = 0; y < 20 && row(ts, y)[0]; y++)
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s",
			 y ? " " : "", row(ts, y));
	assert_string_equal(all, "Vinduet er 60×20 tegn; bosak trenger minst "
				 "80×24. Gjør vinduet større.");
	ts_close(&ts);
}

/* 13: text that does not fit ends in "…" at a word; room is used. */
static void test_bug_truncation_status(void **state)
{
	struct ts *ts = ts_open("tild1");
	handed_over_case(ts->t, "Per", "Hansen");
	ts_stop_app(ts);
	ts_start(ts);
	ENTER(ts); /* the allocation queue */
	assert_shows(ts, "Hansen, Per");
	assert_shows(ts, "overført til…");
	assert_not_shows(ts, "overført til til");
	ts_close(&ts);
}

static void test_bug_truncation_help(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Per", "Hansen", "NAV");
	int y;

	tenv_set_today(ts->t, "2026-03-28");
	open_case(ts, id);
	type(ts, "?");
	y = find(ts, "[interim]");
	assert_true(y > 0);
	assert_non_null(strstr(row(ts, y + 1), "brevet"));
	ts_close(&ts);
}

static void test_bug_truncation_search_hint(void **state)
{
	struct ts *ts = ts_open("nav1");
	type(ts, "/");
	assert_shows(ts, "(2026-000123).");
	ts_close(&ts);
}

static void test_bug_truncation_message(void **state)
{
	struct ts *ts = ts_open("nav1");
	int64_t id = tenv_case(ts->t, "Kari Margrethe Alexandra",
			       "Nordmann-Kristiansen", "NAV");
	struct case_rec c;
	const char *r, *want;

	assert_int_equal(case_open(&ts->t->s, id, &c), 0);
	type(ts, "n");
	field(ts, c.nid);
	r = row(ts, 22);
	want = "Kari Margrethe Alexandra Nordmann-Kristiansen er registrert "
	       "fra før";
	assert_true(strncmp(r, want, strlen(want)) == 0);
	assert_true(strlen(r) >= 3 &&
		    strcmp(r + strlen(r) - 3, "…") == 0);
	ts_close(&ts);
}

static void test_bug_truncation_choice(void **state)
{
	struct ts *ts = ts_open("desk1");
	int y;

	type(ts, "n");
	key(ts, "knp");
	key(ts, "knp");
	key(ts, "kcuf1");
	key(ts, "kcuf1");
	y = find(ts, "< bostedsløs: i institusjon");
	if (y < 0)
		dump(ts);
	assert_true(y >= 0);
	assert_true(strcmp(row(ts, y) + strlen(row(ts, y)) - 2, " >") == 0);
	ts_close(&ts);
}

/* 14: a field is shown from its start when not edited. */
static void test_bug_field_from_start(void **state)
{
	struct ts *ts = ts_open("desk1");
	type(ts, "n");
	TAB(ts);
	TAB(ts);
	TAB(ts);
	field(ts, "Bjørkelia 37"); /* in the birth date field: wrong */
	assert_shows(ts, "! Bjørkelia 37");
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
		cmocka_unit_test(test_case_who_looked),
		cmocka_unit_test(test_overview_figures_open_lists),
		cmocka_unit_test(test_decisions_logged_once),
		cmocka_unit_test(test_intake_invalid_nid_keeps_text),
		cmocka_unit_test(test_intake_complete),
		cmocka_unit_test(test_intake_bad_date_and_amount),
		cmocka_unit_test(test_intake_resize_keeps_everything),
		cmocka_unit_test(test_intake_draft_after_sighup),
		cmocka_unit_test(test_intake_esc_keeps_draft),
		cmocka_unit_test(test_too_small_then_grows),
		cmocka_unit_test(test_one_update_per_key_and_small_moves),
		cmocka_unit_test(test_keys_rebound_from_ini),
		cmocka_unit_test(test_bug_person_reused_conflict),
		cmocka_unit_test(test_bug_question_blind_when_small),
		cmocka_unit_test(test_bug_file_question_blind_when_small),
		cmocka_unit_test(test_bug_reasked_question_shows_reason),
		cmocka_unit_test(test_bug_interim_letter_lost),
		cmocka_unit_test(test_bug_past_date_keeps_reason),
		cmocka_unit_test(test_bug_interim_only_for_those_allowed),
		cmocka_unit_test(test_bug_new_intake_only_for_desk_and_caseworkers),
		cmocka_unit_test(test_bug_yesno_keys),
		cmocka_unit_test(test_bug_yesno_question_full_width),
		cmocka_unit_test(test_bug_stale_birth_date),
		cmocka_unit_test(test_bug_case_header_overlap),
		cmocka_unit_test(test_bug_too_small_wraps_words),
		cmocka_unit_test(test_bug_truncation_status),
		cmocka_unit_test(test_bug_truncation_help),
		cmocka_unit_test(test_bug_truncation_search_hint),
		cmocka_unit_test(test_bug_truncation_message),
		cmocka_unit_test(test_bug_truncation_choice),
		cmocka_unit_test(test_bug_field_from_start),
	};
	setenv("TERM", "xterm", 1);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	unsetenv("NO_COLOR");
	setenv("TZ", "Europe/Oslo", 1);
	bokmal();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
