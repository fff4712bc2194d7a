/* `bosak export cases`: a user of one unit never sees another unit's
 * cases; every exported case is in the access log; the header; Excel's
 * conventions (';', CRLF, DD.MM.YYYY, BOM); formula injection
 * neutralised; the ID number only for a supervisor who asks. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

static long long q(const struct tenv *t, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(t->db_path, &h, SQLITE_OPEN_READONLY, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

struct out {
	int rc;
	char *text;
	size_t len;
	size_t nlines; /* CRLF-terminated lines, the header included */
	char *line[64];
};

static void out_free(struct out *o)
{
	free(o->text);
	memset(o, 0, sizeof *o);
}

/* Runs the export as `login`; splits the output at CRLF (and checks that
 * every line ends so). */
static void run(struct tenv *t, const char *login, struct export_filter *f,
		struct out *o)
{
	FILE *fp;
	char *p, *crlf;

	memset(o, 0, sizeof *o);
	tenv_login(t, login);
	fp = open_memstream(&o->text, &o->len);
	assert_non_null(fp);
	o->rc = export_cases(&t->s, f, fp);
	fclose(fp);
	p = o->text;
	while (*p && o->nlines < 64) {
		crlf = strstr(p, "\r\n");
		if (!crlf)
			fail_msg("a line without CRLF: \"%s\"", p);
		*crlf = '\0';
		o->line[o->nlines++] = p;
		p = crlf + 2;
	}
}

static size_t count_in(const struct out *o, const char *needle)
{
	size_t i, n = 0;
	for (i = 0; i < o->nlines; i++)
		n += strstr(o->line[i], needle) != NULL;
	return n;
}

/* A case for a new person, registered at the desk as intake does it.
 * Each person is born on a day of its own, so that no two share an ID
 * number (and intake, rightly, reuses a person it knows). */
static void add_case(struct tenv *t, const char *given, const char *family,
		     const char *unit)
{
	static int n;
	struct staff_rec me = t->s.me;
	struct intake in;
	struct unit_rec u;
	char birth[DB_DATE], number[12];
	int64_t id;

	tenv_login(t, "desk1");
	intake_init(&t->s, &in);
	n++;
	snprintf(birth, sizeof birth, "1970-%02d-%02d", 1 + n / 28 % 12,
		 1 + n % 28);
	assert_int_equal(nid_make_synthetic(birth, 0, false, in.applicant.nid),
			 0);
	snprintf(in.applicant.given, sizeof in.applicant.given, "%s", given);
	snprintf(in.applicant.family, sizeof in.applicant.family, "%s", family);
	assert_int_equal(unit_find(&t->s, unit, &u), 0);
	in.unit_id = u.id;
	if (intake_register(&t->s, &in, &id, number))
		fail_msg("intake: %s", t->s.err.msg);
	tenv_login(t, me.login);
}

/* Two NAV cases, one EIE case, one HELSE case. */
static struct tenv *setup(void)
{
	struct tenv *t = tenv_new("admin");

	add_case(t, "Kari", "Nordmann", "NAV");
	add_case(t, "Ørjan", "Kjærstad", "NAV");
	add_case(t, "Åse", "Bråten", "EIE");
	add_case(t, "Sølvi", "Løvås", "HELSE");
	return t;
}

static void test_own_unit_only(void **state)
{
	struct tenv *t = setup();
	struct export_filter f = {0};
	struct out o;
	long long logged;

	(void)state;
	logged = q(t, "SELECT count(*) FROM access_log");
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1 + 2);
	assert_int_equal(count_in(&o, "Nordmann, Kari"), 1);
	assert_int_equal(count_in(&o, "Kjærstad, Ørjan"), 1);
	assert_int_equal(count_in(&o, "Bråten"), 0);
	assert_int_equal(count_in(&o, "Løvås"), 0);
	assert_int_equal(count_in(&o, "NAV Øst"), 2);
	/* one access-log row per exported case, with its reason */
	assert_int_equal(q(t, "SELECT count(*) FROM access_log"), logged + 2);
	assert_int_equal(q(t, "SELECT count(*) FROM access_log a JOIN staff s "
			      "ON s.id = a.staff_id WHERE s.login = 'nav1' AND "
			      "a.reason = 'own' AND a.detail = 'export' AND "
			      "a.case_id IS NOT NULL AND a.person_id IS NOT "
			      "NULL"),
			 2);
	out_free(&o);

	run(t, "eie1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1 + 1);
	assert_int_equal(count_in(&o, "Bråten, Åse"), 1);
	out_free(&o);

	/* another unit's cases by name: refused, nothing written, no case
	 * read (the attempt itself may be logged as refused) */
	logged = q(t, "SELECT count(*) FROM access_log WHERE reason <> "
		      "'denied'");
	f.unit = "EIE";
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, ERR_DENIED);
	assert_int_equal(o.len, 0);
	assert_int_equal(q(t, "SELECT count(*) FROM access_log WHERE reason <> "
			      "'denied'"),
			 logged);
	assert_int_equal(q(t, "SELECT count(*) FROM access_log WHERE reason = "
			      "'denied' AND case_id IS NOT NULL"),
			 0);
	out_free(&o);
	f.unit = "NAV";
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1 + 2);
	out_free(&o);

	/* a supervisor sees the unit's cases, as supervisor */
	f.unit = NULL;
	run(t, "sup1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1 + 2);
	assert_int_equal(q(t, "SELECT count(*) FROM access_log a JOIN staff s "
			      "ON s.id = a.staff_id WHERE s.login = 'sup1' AND "
			      "a.reason = 'supervisor'"),
			 2);
	out_free(&o);

	/* the administrator has no unit with cases */
	run(t, "admin", &f, &o);
	assert_int_equal(o.rc, ERR_DENIED);
	out_free(&o);
	tenv_free(&t);
}

/* The allocation group sees handed-over cases, and only those. */
static void test_allocation(void **state)
{
	struct tenv *t = setup();
	struct export_filter f = {0};
	struct out o;

	(void)state;
	run(t, "tild1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1);
	out_free(&o);
	assert_int_equal(db_exec(t->s.db, "UPDATE case_file SET status = "
					  "'handed_over' WHERE applicant_id = "
					  "(SELECT id FROM person WHERE "
					  "family_name = 'Bråten')"),
			 0);
	run(t, "tild1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1 + 1);
	assert_int_equal(count_in(&o, "Bråten, Åse"), 1);
	assert_int_equal(q(t, "SELECT count(*) FROM access_log WHERE reason = "
			      "'allocation' AND detail = 'export'"),
			 1);
	out_free(&o);
	tenv_free(&t);
}

static void test_format(void **state)
{
	struct tenv *t = setup();
	struct export_filter f = {0};
	char want[600], date[DB_DATE], today[DB_DATE];
	struct out o;

	(void)state;
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, 0);
	/* the header, in the user's language */
	snprintf(want, sizeof want, "%s;%s;%s;%s;%s;%s;%s;%s;%s;%s",
		 _("Case number"), _("Received"), _("Status"), _("Track"),
		 _("Responsible unit"), _("Caseworker"), _("Applicant"),
		 _("Housing situation"), _("Household size"), _("Children"));
	assert_string_equal(o.line[0], want);
	/* a row: number;DD.MM.YYYY;status;track;unit;worker;name;... */
	session_today_iso(&t->s, today);
	date_show(today, date);
	assert_non_null(strstr(o.line[1], date));
	assert_true(strncmp(o.line[1], "2026-", 5) == 0);
	/* without a BOM unless asked */
	assert_int_equal(o.text[0], want[0]);
	out_free(&o);

	/* ',' and the byte-order mark */
	f.sep = ',';
	f.bom = true;
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_memory_equal(o.text, "\xEF\xBB\xBF", 3);
	assert_non_null(strstr(o.line[0], ","));
	assert_null(strstr(o.line[0], ";"));
	/* "Family, Given" holds the separator: quoted */
	assert_int_equal(count_in(&o, "\"Nordmann, Kari\""), 1);
	out_free(&o);

	f.sep = '|';
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, ERR_INVAL);
	out_free(&o);

	/* status filter */
	f.sep = 0;
	f.bom = false;
	f.status = "registered";
	run(t, "nav1", &f, &o);
	assert_int_equal(o.nlines, 1 + 2);
	out_free(&o);
	f.status = "closed";
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1);
	out_free(&o);
	f.status = "nonsense";
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, ERR_INVAL);
	out_free(&o);
	tenv_free(&t);
}

static void test_nid_for_supervisors(void **state)
{
	struct tenv *t = setup();
	struct export_filter f = {0};
	struct out o;
	char nid[12] = "";
	size_t i;

	(void)state;
	/* the number of Kari Nordmann */
	{
		struct person_rec p;
		int64_t id = q(t, "SELECT id FROM person WHERE family_name = "
				  "'Nordmann'");
		assert_int_equal(db_person_get(t->s.db, id, &p), 0);
		memcpy(nid, p.nid, sizeof nid);
	}
	assert_int_equal(strlen(nid), 11);
	run(t, "nav1", &f, &o);
	for (i = 0; i < o.nlines; i++)
		assert_null(strstr(o.line[i], nid));
	out_free(&o);

	f.with_nid = true;
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, ERR_DENIED);
	assert_int_equal(o.len, 0);
	out_free(&o);
	run(t, "sup1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_non_null(strstr(o.line[0], _("ID number")));
	assert_int_equal(count_in(&o, nid), 1);
	out_free(&o);
	tenv_free(&t);
}

static void test_injection(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct export_filter f = {0};
	struct out o;
	size_t i;

	(void)state;
	add_case(t, "Kari", "=HYPERLINK(\"http://x\";\"klikk\")", "NAV");
	add_case(t, "Per", "+1+2", "NAV");
	add_case(t, "Ola", "@SUM(A1)", "NAV");
	add_case(t, "Eva", "-3", "NAV");
	run(t, "nav1", &f, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.nlines, 1 + 4);
	for (i = 1; i < o.nlines; i++) {
		/* every field: no cell may start with = + - @ unguarded */
		char *p = o.line[i];
		bool start = true;
		for (; *p; p++) {
			if (start && *p == '"')
				continue;
			if (start && strchr("=+-@", *p))
				fail_msg("a cell starts with '%c': %s", *p,
					 o.line[i]);
			start = *p == ';';
		}
	}
	assert_int_equal(count_in(&o, "'=HYPERLINK"), 1);
	assert_int_equal(count_in(&o, "'+1+2"), 1);
	assert_int_equal(count_in(&o, "'@SUM"), 1);
	assert_int_equal(count_in(&o, "'-3"), 1);
	out_free(&o);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_unit_only),
		cmocka_unit_test(test_allocation),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_nid_for_supervisors),
		cmocka_unit_test(test_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
