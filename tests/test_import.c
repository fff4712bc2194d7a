/* `bosak import applicants`: a good file imports everything; every kind of
 * bad line is reported as FILE:LINE: reason and NOTHING is imported;
 * --skip-bad imports the good lines; BOM and both separators; persons
 * reused, never duplicated; who may import. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* tests/data beside this file, whether built with a relative or an
 * absolute path */
static const char *data(const char *name)
{
	static char path[1024];
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 0;

	snprintf(path, sizeof path, "%.*s%sdata/%s", dir, __FILE__,
		 slash ? "/" : "", name);
	return path;
}

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

static char *qs(const struct tenv *t, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (sqlite3_open_v2(t->db_path, &h, SQLITE_OPEN_READONLY, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v ? v : strdup("");
}

/* Every table an import writes to, summed up as one fingerprint. */
static const char *const tables[] = {
	"person", "person_key", "household", "household_member", "case_file",
	"case_seq", "doc_item", "consent", "deadline", "journal",
};

struct counts {
	long long n[sizeof tables / sizeof tables[0]];
};

static void count_all(const struct tenv *t, struct counts *c)
{
	char sql[100];
	size_t i;

	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		c->n[i] = q(t, sql);
	}
}

static void assert_unchanged(const struct tenv *t, const struct counts *before)
{
	struct counts now;
	size_t i;

	count_all(t, &now);
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (now.n[i] != before->n[i])
			fail_msg("%s: %lld rows before, %lld after", tables[i],
				 before->n[i], now.n[i]);
}

struct run {
	int rc;
	struct import_result res;
	char *report;
};

static void import(struct tenv *t, const char *file, bool skip, struct run *r)
{
	size_t len = 0;
	FILE *fp;

	r->report = NULL;
	fp = open_memstream(&r->report, &len);
	assert_non_null(fp);
	r->rc = import_applicants(&t->s, data(file), skip, fp, &r->res);
	fclose(fp);
}

/* The report has exactly `bad` lines, one of them FILE:LINE: ... with
 * `needle` in it. */
static void expect_report(const struct run *r, const char *file,
			  unsigned long line, const char *needle, long bad)
{
	char prefix[1100];
	const char *at;
	size_t lines = 0;
	const char *p;

	snprintf(prefix, sizeof prefix, "%s:%lu: ", data(file), line);
	at = strstr(r->report, prefix);
	if (!at)
		fail_msg("no \"%s\" in the report:\n%s", prefix, r->report);
	if (needle) {
		const char *end = strchr(at, '\n');
		char *one = strndup(at, end ? (size_t)(end - at) : strlen(at));
		if (!strstr(one, needle))
			fail_msg("\"%s\" not in \"%s\"", needle, one);
		free(one);
	}
	for (p = r->report; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, (size_t)bad);
	assert_int_equal(r->res.bad, bad);
}

static void test_good_file(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct run r;
	char *s;

	(void)state;
	/* the applicant without a unit goes where the configuration says */
	snprintf(t->cfg.default_unit[SIT_TEMPORARY],
		 sizeof t->cfg.default_unit[SIT_TEMPORARY], "NAV");
	import(t, "import_good.csv", false, &r);
	if (r.rc)
		fail_msg("%s\n%s", t->s.err.msg, r.report);
	assert_string_equal(r.report, "");
	assert_int_equal(r.res.imported, 5);
	assert_int_equal(r.res.skipped, 0);
	assert_int_equal(q(t, "SELECT count(*) FROM person"), 5);
	assert_int_equal(q(t, "SELECT count(*) FROM person_key"), 10);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file WHERE status = "
			      "'registered'"),
			 5);
	/* æøå, the spaced ID number, the Norwegian words */
	assert_int_equal(q(t, "SELECT count(*) FROM person p JOIN case_file c "
			      "ON c.applicant_id = p.id WHERE p.given_name = "
			      "'Ørjan' AND p.family_name = 'Kjærstad' AND p.nid "
			      "= '12838510068' AND c.received = '2026-01-15' AND "
			      "c.situation = 'temporary' AND c.needs = 8"),
			 1);
	assert_int_equal(q(t, "SELECT count(*) FROM person_key WHERE key = "
			      "'kjærstad ørjan'"),
			 1);
	/* quoted fields with the separator and a line break in them */
	s = qs(t, "SELECT c.needs_note || '|' || p.address FROM case_file c "
		  "JOIN person p ON p.id = c.applicant_id WHERE p.family_name = "
		  "'Bråten'");
	assert_string_equal(s, "Har hund; trenger hage|Kirkegata 5, H0201");
	free(s);
	s = qs(t, "SELECT needs_note || '|' || discharge_date || '|' || track "
		  "FROM case_file WHERE situation = 'institution'");
	assert_string_equal(s, "Utskrives fra\nsykehuset|2026-03-10|dwelling");
	free(s);
	/* household: 2 adults and 3 children */
	assert_int_equal(q(t, "SELECT count(*) FROM household_member m JOIN "
			      "case_file c ON c.household_id = m.household_id "
			      "JOIN person p ON p.id = c.applicant_id WHERE "
			      "p.family_name = 'Bråten'"),
			 1 + 1 + 3);
	assert_int_equal(q(t, "SELECT needs FROM case_file c JOIN person p ON "
			      "p.id = c.applicant_id WHERE p.family_name = "
			      "'Bråten'"),
			 NEED_ADAPTED | NEED_FOLLOWUP);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file WHERE track = "
			      "'both'"),
			 1);
	assert_int_equal(q(t, "SELECT interpreter FROM person WHERE "
			      "family_name = 'Hassan'"),
			 1);
	/* responsible units, and the configured default */
	assert_int_equal(q(t, "SELECT count(*) FROM case_file c JOIN unit u ON "
			      "u.id = c.unit_id WHERE u.code = 'NAV'"),
			 3);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file c JOIN unit u ON "
			      "u.id = c.unit_id WHERE u.code = 'HELSE'"),
			 1);
	/* the least-loaded caseworker: NAV's three cases on both hands */
	assert_int_equal(q(t, "SELECT count(DISTINCT caseworker_id) FROM "
			      "case_file c JOIN unit u ON u.id = c.unit_id "
			      "WHERE u.code = 'NAV'"),
			 2);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file c WHERE NOT "
			      "EXISTS (SELECT 1 FROM membership m WHERE "
			      "m.staff_id = c.caseworker_id AND m.unit_id = "
			      "c.unit_id AND m.role = 'caseworker')"),
			 0);
	/* consents: "NAV TILD" is two */
	assert_int_equal(q(t, "SELECT count(*) FROM consent s JOIN person p ON "
			      "p.id = s.person_id WHERE p.family_name = "
			      "'Kjærstad' AND s.state = 'given'"),
			 2);
	/* the legal clock: interim reply due 30 days after received */
	assert_int_equal(q(t, "SELECT count(*) FROM deadline d JOIN case_file c "
			      "ON c.id = d.case_id WHERE d.kind = 'interim' AND "
			      "d.due = date(c.received, '+30 days')"),
			 5);
	assert_int_equal(q(t, "SELECT count(*) FROM journal WHERE text LIKE "
			      "'imported from %import_good.csv (line %'"),
			 5);
	assert_int_equal(q(t, "SELECT count(*) FROM doc_item WHERE state = "
			      "'missing'"),
			 q(t, "SELECT count(*) FROM doc_item"));
	assert_true(q(t, "SELECT count(*) FROM doc_item") >= 5);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file WHERE number "
			      "LIKE '2026-%' AND intake_unit_id = (SELECT id "
			      "FROM unit WHERE code = 'SK')"),
			 5);
	assert_int_equal(q(t, "SELECT last FROM case_seq WHERE year = 2026"), 5);
	free(r.report);
	tenv_free(&t);
}

static void test_bom_and_comma(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct run r;

	(void)state;
	import(t, "import_bom_comma.csv", false, &r);
	if (r.rc)
		fail_msg("%s\n%s", t->s.err.msg, r.report);
	assert_int_equal(r.res.imported, 3);
	assert_int_equal(q(t, "SELECT count(*) FROM person WHERE given_name = "
			      "'Bjørn, jr.' AND family_name = 'Ødegård'"),
			 1);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file WHERE situation "
			      "IN ('rough','unsuitable','not_renewable')"),
			 3);
	/* an administrator has no desk: no intake unit */
	assert_int_equal(q(t, "SELECT count(*) FROM case_file WHERE "
			      "intake_unit_id IS NULL"),
			 3);
	free(r.report);
	tenv_free(&t);
}

/* Each kind of bad line: reported with FILE:LINE and nothing imported. */
static void test_bad_lines(void **state)
{
	static const struct {
		const char *file;
		unsigned long line;
		const char *needle;
	} cases[] = {
		{"import_bad_nid.csv", 3, "fodselsnummer"},
		{"import_bad_date.csv", 3, "31.02.2026"},
		{"import_bad_columns.csv", 3, "5"},
		{"import_bad_utf8.csv", 3, "UTF-8"},
		{"import_bad_unit.csv", 3, "XYZ"},
		{"import_bad_situation.csv", 3, "slott"},
		{"import_duplicate.csv", 4, "2"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tenv *t = tenv_new("desk1");
		struct counts before;
		struct run r;

		count_all(t, &before);
		import(t, cases[i].file, false, &r);
		if (r.rc != ERR_INVAL)
			fail_msg("%s: rc %d: %s", cases[i].file, r.rc,
				 t->s.err.msg);
		expect_report(&r, cases[i].file, cases[i].line, cases[i].needle,
			      1);
		assert_int_equal(r.res.imported, 0);
		assert_non_null(strstr(t->s.err.msg, "--skip-bad"));
		assert_unchanged(t, &before);
		free(r.report);

		/* with --skip-bad the two good lines go in */
		import(t, cases[i].file, true, &r);
		if (r.rc)
			fail_msg("%s: %s", cases[i].file, t->s.err.msg);
		assert_int_equal(r.res.imported, 2);
		assert_int_equal(r.res.skipped, 1);
		assert_int_equal(q(t, "SELECT count(*) FROM case_file"), 2);
		free(r.report);
		tenv_free(&t);
	}
}

static void test_skip_bad(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct counts before;
	struct run r;

	(void)state;
	count_all(t, &before);
	import(t, "import_mixed.csv", false, &r);
	assert_int_equal(r.rc, ERR_INVAL);
	expect_report(&r, "import_mixed.csv", 3, "fodselsnummer", 2);
	expect_report(&r, "import_mixed.csv", 5, "NOPE", 2);
	assert_unchanged(t, &before);
	free(r.report);

	import(t, "import_mixed.csv", true, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.res.imported, 3);
	assert_int_equal(r.res.skipped, 2);
	assert_int_equal(r.res.bad, 2);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file"), 3);
	assert_int_equal(q(t, "SELECT count(*) FROM person"), 3);
	free(r.report);
	tenv_free(&t);
}

static void test_bad_header(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct counts before;
	struct run r;

	(void)state;
	count_all(t, &before);
	/* a header fault stops the import whatever the options */
	import(t, "import_bad_header.csv", true, &r);
	assert_int_equal(r.rc, ERR_INVAL);
	expect_report(&r, "import_bad_header.csv", 1, "fodselsdato", 2);
	assert_non_null(strstr(r.report, "mottatt"));
	assert_int_equal(r.res.imported, 0);
	assert_unchanged(t, &before);
	free(r.report);
	tenv_free(&t);
}

/* A registered person is reused; an open case is not doubled. */
static void test_person_reused(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct run r;

	(void)state;
	import(t, "import_one.csv", false, &r);
	assert_int_equal(r.rc, 0);
	free(r.report);
	/* the same file again: the person has an open case */
	import(t, "import_one.csv", false, &r);
	assert_int_equal(r.rc, ERR_INVAL);
	expect_report(&r, "import_one.csv", 2, "2026-000001", 1);
	free(r.report);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file"), 1);
	/* once that case is closed, a new application is a new case for
	 * the same person */
	assert_int_equal(db_exec(t->s.db, "UPDATE case_file SET status = "
					  "'closed', close_reason = 'moved'"),
			 0);
	import(t, "import_one.csv", false, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.res.imported, 1);
	free(r.report);
	assert_int_equal(q(t, "SELECT count(*) FROM person"), 1);
	assert_int_equal(q(t, "SELECT count(*) FROM person_key"), 2);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file"), 2);
	assert_int_equal(q(t, "SELECT count(DISTINCT applicant_id) FROM "
			      "case_file"),
			 1);
	tenv_free(&t);
}

static void test_who_and_what(void **state)
{
	struct tenv *t = tenv_new("nav1");
	struct counts before;
	struct run r;

	(void)state;
	count_all(t, &before);
	/* a caseworker is neither desk nor administrator */
	import(t, "import_good.csv", false, &r);
	assert_int_equal(r.rc, ERR_DENIED);
	free(r.report);
	/* a file that is not there */
	tenv_login(t, "desk1");
	import(t, "no_such_file.csv", false, &r);
	assert_int_equal(r.rc, ERR_IO);
	assert_true(r.res.file_error);
	free(r.report);
	/* synthetic numbers only where the configuration allows them */
	t->cfg.allow_synthetic_nid = false;
	import(t, "import_one.csv", false, &r);
	assert_int_equal(r.rc, ERR_INVAL);
	expect_report(&r, "import_one.csv", 2, "fodselsnummer", 1);
	free(r.report);
	assert_unchanged(t, &before);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_bom_and_comma),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_skip_bad),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_person_reused),
		cmocka_unit_test(test_who_and_what),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
