/*
 * Screen tests of referrals, the housing forum and the individual plan,
 * in the manner of test_screens.c: the whole interface in-process on an
 * 80x24 pseudo-terminal, keys written as a terminal sends them, the
 * screen read back.  The data each test needs is made through core
 * before the program starts, as the users it concerns.
 */
#include "screenlib.h"

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

/* ---------------------------------------------------------- setup */

static int64_t unit_id(struct tenv *t, const char *code)
{
	struct unit_rec u;
	assert_int_equal(unit_find(&t->s, code, &u), 0);
	return u.id;
}

/* nav1 refers a NAV case to EIE (with the consent recorded first);
 * the session is left logged in as `login`. */
static int64_t refer(struct tenv *t, int64_t *case_id, const char *login)
{
	struct referral_new r = {0};
	int64_t id = 0;

	tenv_login(t, "nav1");
	*case_id = tenv_case(t, "Kari", "Nordmann", "NAV");
	assert_int_equal(referral_consent_record(&t->s, *case_id,
						 unit_id(t, "EIE"), "given"),
			 0);
	r.case_id = *case_id;
	r.to_unit_id = unit_id(t, "EIE");
	snprintf(r.kind, sizeof r.kind, "service");
	snprintf(r.asked, sizeof r.asked, "Vurdering av egnet kommunal bolig.");
	snprintf(r.reason, sizeof r.reason, "Trenger bolig på bakkeplan.");
	snprintf(r.basis, sizeof r.basis, "consent");
	assert_int_equal(referral_create(&t->s, &r, &id), 0);
	tenv_login(t, login);
	return id;
}

/* Chooses the line showing text in a list whose lines start on screen
 * row 2 (home, a pick list: not scrolled in these tests), and opens it. */
static void choose(struct ts *ts, const char *text)
{
	int y = find(ts, text);

	if (y < 2) {
		dump(ts);
		fail_msg("no line \"%s\" to choose", text);
	}
	key(ts, "khome");
	for (int i = 2; i < y; i++)
		key(ts, "kcud1");
	ENTER(ts);
}

/* Scrolls a view down until text shows. */
static void scroll_to(struct ts *ts, const char *text)
{
	for (int i = 0; i < 40 && find(ts, text) < 0; i++)
		key(ts, "kcud1");
	assert_shows(ts, text);
}

static void open_case(struct ts *ts, const char *name)
{
	type(ts, "/");
	type(ts, name);
	ENTER(ts);
	assert_shows(ts, "Husstand");
}

/* ------------------------------------------------------- referral */

static void test_refer_offers_consent_first(void **state)
{
	struct ts *ts = ts_new("nav1", 24, 80);
	struct referral_rec page[2];
	size_t n = 0;
	int64_t cid;

	(void)state;
	cid = tenv_case(ts->t, "Kari", "Nordmann", "NAV");
	ts_start(ts);
	open_case(ts, "nordm");
	assert_true(strstr(row(ts, 23), "h Henvis") != NULL);
	type(ts, "h");
	assert_shows(ts, "Henvisning av sak");
	assert_shows(ts, "svarfrist 16.03.2026");
	for (int i = 0; i < 8 && find(ts, "< Eiendom >") < 0; i++)
		key(ts, "kcuf1");
	assert_shows(ts, "< Eiendom >");
	TAB(ts);
	TAB(ts);
	type(ts, "Vurdering av egnet bolig.");
	TAB(ts);
	type(ts, "Trenger bolig på bakkeplan.");
	CTRL_KEY(ts, 'w');
	/* no consent to EIE: said under the field, and offered */
	assert_shows(ts, "har ikke samtykket til deling med Eiendom");
	assert_shows(ts, "Registrere samtykke til Eiendom nå?");
	type(ts, "j");
	assert_shows(ts, "Henvisningen til Eiendom er sendt; svarfristen er "
			 "16.03.2026.");
	/* back on the case: the referral and the journal show it */
	assert_shows(ts, "Husstand");
	scroll_to(ts, "Eiendom (tjeneste): venter på svar");
	scroll_to(ts, "Henvist til EIE: Vurdering av egnet bolig.");
	assert_int_equal(referral_page(&ts->t->s, RL_CASE, cid, NULL, 2, page,
				       &n),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(page[0].status, "open");
	ts_close(&ts);
}

static void test_inbox_decline_refused_then_accept(void **state)
{
	struct ts *ts = ts_new("eie1", 24, 80);
	int64_t cid, id = refer(ts->t, &cid, "eie1");
	struct referral_rec r;

	(void)state;
	ts_start(ts);
	assert_shows(ts, "Henvisninger til min enhet");
	choose(ts, "Henvisninger til min enhet");
	assert_shows(ts, "Nordmann, Kari");
	assert_shows(ts, "NAV Øst");
	assert_shows(ts, "venter på svar");
	assert_shows(ts, "16.03.2026");
	ENTER(ts);
	assert_shows(ts, "Henvisning til Eiendom · tjeneste");
	assert_shows(ts, "Vurdering av egnet kommunal bolig.");
	assert_true(strstr(row(ts, 23), "a Godta") != NULL);
	assert_true(strstr(row(ts, 23), "d Avslå") != NULL);
	/* a decline without a reason is refused */
	type(ts, "d");
	assert_shows(ts, "Hvorfor avslås henvisningen?");
	ENTER(ts);
	assert_shows(ts, "Begrunn avslaget:");
	ENTER(ts);
	assert_shows(ts, "Et avslag må begrunnes");
	assert_shows(ts, "venter på svar");
	/* accepted, taken by the user */
	type(ts, "a");
	assert_shows(ts, "Hvem tar henvisningen?");
	assert_shows(ts, "Eirik Eie (eie1)");
	ENTER(ts);
	assert_shows(ts, "Henvisningen er godtatt; Eirik Eie tar den.");
	assert_shows(ts, "Godtatt av Eirik Eie");
	assert_int_equal(referral_get(&ts->t->s, id, &r), 0);
	assert_string_equal(r.status, "accepted");
	/* Enter opens the case (the consent covers it) */
	ENTER(ts);
	assert_shows(ts, "Husstand");
	ts_close(&ts);
}

static void test_sender_sees_the_answer(void **state)
{
	struct ts *ts = ts_new("nav1", 24, 80);
	int64_t cid, id = refer(ts->t, &cid, "eie1");
	struct referral_rec r;

	(void)state;
	assert_int_equal(referral_get(&ts->t->s, id, &r), 0);
	assert_int_equal(referral_decline(&ts->t->s, id, r.version, "capacity",
					  "Ingen ledige plasser før sommeren."),
			 0);
	tenv_login(ts->t, "nav1");
	ts_start(ts);
	/* in the sender's list */
	choose(ts, "Henvisninger jeg har sendt");
	assert_shows(ts, "avslått");
	key(ts, "kcub1"); /* nothing: Left is no action here */
	type(ts, "q");
	/* and on the case */
	open_case(ts, "nordm");
	scroll_to(ts, "Ingen ledige plasser");
	assert_shows(ts, "Avslått av Eirik Eie");
	assert_shows(ts, "ikke kapasitet nå");
	assert_shows(ts, "Ingen ledige plasser før sommeren.");
	/* the referrals of the case, and the escalation from there */
	type(ts, "v");
	assert_shows(ts, "Sakens henvisninger");
	ENTER(ts);
	assert_true(strstr(row(ts, 23), "f Til forum") != NULL);
	type(ts, "f");
	type(ts, "Uenige om ansvaret.");
	ENTER(ts);
	assert_shows(ts, "Henvisningen er satt på boligforumets saksliste.");
	assert_shows(ts, "i boligforum");
	ts_close(&ts);
}

static void test_forum_conclusion(void **state)
{
	struct ts *ts = ts_new("sup1", 24, 80);
	int64_t cid, id = refer(ts->t, &cid, "nav1");
	struct referral_rec r;
	struct case_rec c;

	(void)state;
	tenv_set_today(ts->t, "2026-03-20");
	assert_int_equal(referral_get(&ts->t->s, id, &r), 0);
	assert_int_equal(referral_escalate(&ts->t->s, id, r.version,
					   "Ikke besvart innen fristen."),
			 0);
	tenv_login(ts->t, "sup1");
	ts_start(ts);
	choose(ts, "Boligforumets saksliste");
	assert_shows(ts, "På sakslisten");
	assert_shows(ts, "Ikke besvart innen fristen.");
	assert_shows(ts, "Ikke konkludert ennå.");
	type(ts, "c");
	assert_shows(ts, "Hvilken enhet tar ansvaret?");
	choose(ts, "Eiendom");
	assert_shows(ts, "Konklusjon, og hvorfor:");
	type(ts, "Boligbehovet er hovedsaken.");
	ENTER(ts);
	assert_shows(ts, "Konklusjonen er registrert og gjennomført: Eiendom "
			 "har ansvaret");
	assert_int_equal(db_case_get(ts->t->s.db, cid, &c), DB_OK);
	assert_int_equal(c.unit_id, unit_id(ts->t, "EIE"));
	ts_close(&ts);
}

/* ----------------------------------------------------------- plan */

static void test_plan_on_80x24(void **state)
{
	struct ts *ts = ts_new("nav1", 24, 80);

	(void)state;
	tenv_case(ts->t, "Kari", "Nordmann", "NAV");
	ts_start(ts);
	open_case(ts, "nordm");
	type(ts, "p");
	assert_shows(ts, "Ingen plan ennå. Starte en?");
	type(ts, "j");
	/* the header, the sections, and the keys in the bar: 80x24 */
	assert_true(strstr(row(ts, 1), "Individuell plan · Nordmann, Kari"));
	assert_true(strstr(row(ts, 1), "utkast"));
	assert_true(strstr(row(ts, 2), "Koordinator: ingen ennå · versjon 1"));
	assert_shows(ts, "Personens mål");
	assert_true(strstr(row(ts, 23), "e Endre") != NULL);
	assert_true(strstr(row(ts, 23), "t Aktiver") != NULL);
	assert_true(strstr(row(ts, 23), "v Versjoner") != NULL);
	assert_true(strstr(row(ts, 23), "p Skriv ut") != NULL);
	assert_true(strstr(row(ts, 23), "q Tilbake") != NULL);
	for (int y = 0; y < 24; y++)
		assert_true(text_width(row(ts, y)) <= 80);
	/* activation refused: what it lacks is said, each part */
	type(ts, "t");
	assert_shows(ts, "Planen kan ikke gjøres aktiv");
	key(ts, "kend");
	assert_shows(ts, "Før den kan gjøres aktiv");
	assert_shows(ts, "• personens samtykke til planen");
	assert_shows(ts, "• en koordinator");
	assert_shows(ts, "• minst ett mål, med personens egne ord");
	/* write a goal: a new version */
	type(ts, "e");
	assert_shows(ts, "Mål, med egne ord");
	key(ts, "kcud1");
	key(ts, "kcud1");
	type(ts, "Egen leid bolig innen ett år.");
	CTRL_KEY(ts, 'w');
	assert_shows(ts, "Planen er lagret som versjon 2.");
	assert_shows(ts, "Egen leid bolig innen ett år.");
	/* versions: compared with the current one */
	type(ts, "v");
	assert_shows(ts, "Versjon 2");
	assert_shows(ts, "(gjeldende)");
	key(ts, "kcud1");
	type(ts, "c");
	assert_shows(ts, "+ Mål: Egen leid bolig innen ett år.");
	assert_shows(ts, "- Mål:");
	ts_close(&ts);
}

static void test_plan_form_draft_kept(void **state)
{
	struct ts *ts = ts_new("nav1", 24, 80);
	struct draft_rec *d = NULL;
	size_t n = 0;
	int64_t cid, pid = 0;

	(void)state;
	cid = tenv_case(ts->t, "Kari", "Nordmann", "NAV");
	assert_int_equal(plan_start(&ts->t->s, cid, &pid), 0);
	ts_start(ts);
	open_case(ts, "nordm");
	type(ts, "p");
	type(ts, "e");
	key(ts, "kcud1");
	key(ts, "kcud1");
	type(ts, "Mestre egen økonomi.");
	ESC(ts);
	assert_shows(ts, "tatt vare på som utkast på hjemskjermen");
	assert_int_equal(draft_list(&ts->t->s, &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].kind, "plan");
	free(d);
	/* home: the draft goes back to the plan's form */
	type(ts, "q");
	type(ts, "q");
	ESC(ts);
	assert_shows(ts, "Plan: Nordmann, Kari");
	choose(ts, "Plan: Nordmann, Kari");
	assert_shows(ts, "Utkastet er åpnet der du slapp.");
	assert_shows(ts, "Mestre egen økonomi.");
	CTRL_KEY(ts, 'w');
	assert_shows(ts, "Planen er lagret som versjon 2.");
	ts_close(&ts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refer_offers_consent_first),
		cmocka_unit_test(test_inbox_decline_refused_then_accept),
		cmocka_unit_test(test_sender_sees_the_answer),
		cmocka_unit_test(test_forum_conclusion),
		cmocka_unit_test(test_plan_on_80x24),
		cmocka_unit_test(test_plan_form_draft_kept),
	};
	setenv("TERM", "xterm", 1);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	unsetenv("NO_COLOR");
	setenv("TZ", "Europe/Oslo", 1);
	bokmal();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
