/* `bosak demo`: the counts, every status and state present, consistent
 * dates and references, the same data for the same seed, Norwegian
 * letters, synthetic ID numbers, who may run it, --register-me. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* The tests read the result with a connection of their own. */
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

/* Every row of a query as text, for comparing two databases. */
static char *dump(const struct tenv *t, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	int i;

	assert_non_null(fp);
	if (sqlite3_open_v2(t->db_path, &h, SQLITE_OPEN_READONLY, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			fprintf(fp, "%s|", v ? (const char *)v : "NULL");
		}
		fputc('\n', fp);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	fclose(fp);
	return out;
}

static void assert_schema_whole(struct tenv *t);

static struct tenv *filled(long persons, unsigned long seed)
{
	struct tenv *t = tenv_new("admin");
	struct demo_opts o = {persons, seed, true};

	if (demo_fill(&t->s, &o, NULL) != 0)
		fail_msg("demo_fill: %s", t->s.err.msg);
	return t;
}

static void test_counts(void **state)
{
	struct tenv *t = filled(400, 42);
	long long cases;

	(void)state;
	assert_int_equal(q(t, "SELECT count(*) FROM person"), 400);
	/* two name keys a person, "family given" and "given family" */
	assert_int_equal(q(t, "SELECT count(*) FROM person_key"), 800);
	cases = q(t, "SELECT count(*) FROM case_file");
	assert_true(cases >= 80 && cases <= 160); /* about 30% */
	assert_int_equal(q(t, "SELECT count(DISTINCT applicant_id) FROM "
			      "case_file"),
			 cases);
	/* every case has its household, checklist, journal, deadline */
	assert_int_equal(q(t, "SELECT count(*) FROM case_file c WHERE NOT "
			      "EXISTS (SELECT 1 FROM household_member m WHERE "
			      "m.household_id = c.household_id AND m.relation "
			      "= 'applicant' AND m.person_id = c.applicant_id)"),
			 0);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file c WHERE NOT "
			      "EXISTS (SELECT 1 FROM doc_item d WHERE d.case_id "
			      "= c.id)"),
			 0);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file c WHERE NOT "
			      "EXISTS (SELECT 1 FROM journal j WHERE j.case_id "
			      "= c.id AND j.kind = 'registered')"),
			 0);
	assert_int_equal(q(t, "SELECT count(*) FROM case_file c WHERE NOT "
			      "EXISTS (SELECT 1 FROM deadline d WHERE d.case_id "
			      "= c.id AND d.kind = 'interim')"),
			 0);
	assert_true(q(t, "SELECT count(*) FROM household_member WHERE "
			 "relation = 'child'") > 0);
	assert_true(q(t, "SELECT count(*) FROM consent") >= cases);
	assert_true(q(t, "SELECT count(*) FROM access_log") > 0);
	/* a few dozen staff with every role */
	assert_true(q(t, "SELECT count(*) FROM staff") >= 24);
	assert_int_equal(q(t, "SELECT count(DISTINCT role) FROM membership"), 5);
	/* the units of a municipality, an external partner among them */
	assert_int_equal(q(t, "SELECT count(*) FROM unit WHERE code IN ('SK',"
			      "'NAV','EIE','PO','BOF','LEV','PHR','TILD','BF',"
			      "'BBL','ADM')"),
			 11);
	assert_int_equal(q(t, "SELECT count(*) FROM unit WHERE kind = "
			      "'external'"),
			 1);
	tenv_free(&t);
}

static void test_every_state(void **state)
{
	static const char *const statuses[] = {
		"registered", "assessment", "handed_over", "returned", "granted",
		"waiting",    "rejected",   "appealed",    "housed",   "closed",
	};
	static const char *const checks[] = {
		"SELECT count(*) FROM dwelling WHERE status = 'vacant'",
		"SELECT count(*) FROM dwelling WHERE status = 'let'",
		"SELECT count(*) FROM dwelling WHERE status = 'maintenance'",
		/* referrals open, answered and overdue */
		"SELECT count(*) FROM referral WHERE status = 'open' AND "
		"deadline >= '2026-03-02'",
		"SELECT count(*) FROM referral WHERE status = 'open' AND "
		"deadline < '2026-03-02'",
		"SELECT count(*) FROM referral WHERE status IN ('accepted',"
		"'declined') AND answered_at IS NOT NULL",
		"SELECT count(*) FROM referral_message",
		"SELECT count(*) FROM plan",
		"SELECT count(*) FROM plan_measure",
		"SELECT count(*) FROM plan_participant",
		"SELECT count(*) FROM plan_revision",
		"SELECT count(*) FROM decision WHERE length(letter) > 200",
		"SELECT count(*) FROM decision WHERE outcome = 'granted_dwelling'",
		"SELECT count(*) FROM decision WHERE outcome = 'rejected' "
		"OR outcome = 'assistance_rejected'",
		"SELECT count(*) FROM appeal",
		"SELECT count(*) FROM lease",
		"SELECT count(*) FROM deadline WHERE kind = 'interim' AND "
		"done_at IS NULL",
		"SELECT count(*) FROM deadline WHERE kind = 'referral'",
		"SELECT count(*) FROM deadline WHERE kind = 'lease_review'",
		"SELECT count(*) FROM case_file WHERE interim_sent IS NOT NULL",
	};
	struct tenv *t = filled(400, 42);
	char sql[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM case_file WHERE "
			 "status = '%s'", statuses[i]);
		if (q(t, sql) < 1)
			fail_msg("no case in status %s", statuses[i]);
	}
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++)
		if (q(t, checks[i]) < 1)
			fail_msg("none: %s", checks[i]);
	tenv_free(&t);
}

/* Dates follow each other, references hold, numbers are right. */
static void test_consistent(void **state)
{
	static const char *const none[] = {
		"SELECT count(*) FROM case_file WHERE received < '2024-03-01' "
		"OR received > '2026-03-02'",
		"SELECT count(*) FROM case_file WHERE decided_at < received OR "
		"closed_at < received OR closed_at < decided_at OR decided_at > "
		"'2026-03-02' OR closed_at > '2026-03-02'",
		"SELECT count(*) FROM journal j JOIN case_file c ON c.id = "
		"j.case_id WHERE j.at < c.created_at",
		/* the journal is in the order things happened */
		"SELECT count(*) FROM journal a JOIN journal b ON b.case_id = "
		"a.case_id AND b.id > a.id WHERE b.at < a.at",
		/* case numbers follow the received dates */
		"SELECT count(*) FROM case_file a JOIN case_file b ON b.id = "
		"a.id + 1 WHERE b.received < a.received OR (substr(a.number, 1, "
		"4) = substr(b.number, 1, 4) AND b.number <= a.number)",
		"SELECT count(*) FROM case_file WHERE substr(number, 1, 4) <> "
		"substr(received, 1, 4) OR number NOT GLOB "
		"'[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'",
		"SELECT count(*) FROM case_seq s WHERE s.last <> (SELECT "
		"count(*) FROM case_file WHERE substr(number, 1, 4) = "
		"printf('%04d', s.year))",
		/* the responsible caseworker works in the responsible unit */
		"SELECT count(*) FROM case_file c WHERE NOT EXISTS (SELECT 1 "
		"FROM membership m WHERE m.staff_id = c.caseworker_id AND "
		"m.unit_id = c.unit_id AND m.role = 'caseworker')",
		"SELECT count(*) FROM case_file WHERE status IN ('granted',"
		"'waiting','rejected','appealed','housed') AND decided_at IS NULL",
		"SELECT count(*) FROM case_file c WHERE status IN ('granted',"
		"'waiting','rejected','appealed','housed') AND NOT EXISTS "
		"(SELECT 1 FROM decision d WHERE d.case_id = c.id)",
		"SELECT count(*) FROM case_file c WHERE status = 'housed' AND "
		"NOT EXISTS (SELECT 1 FROM lease l WHERE l.case_id = c.id AND "
		"l.start_date <= '2026-03-02')",
		"SELECT count(*) FROM lease l JOIN decision d ON d.case_id = "
		"l.case_id WHERE l.start_date < substr(d.issued_at, 1, 10)",
		"SELECT count(*) FROM dwelling d WHERE status = 'let' AND NOT "
		"EXISTS (SELECT 1 FROM lease l WHERE l.dwelling_id = d.id)",
		"SELECT count(*) FROM case_file WHERE status = 'closed' AND "
		"close_reason IS NULL",
		"SELECT count(*) FROM deadline d JOIN case_file c ON c.id = "
		"d.case_id WHERE c.status = 'closed' AND d.done_at IS NULL",
		"SELECT count(*) FROM referral r WHERE NOT EXISTS (SELECT 1 "
		"FROM deadline d WHERE d.kind = 'referral' AND d.ref_id = r.id)",
		/* a referral on consent has the consent to rest on */
		"SELECT count(*) FROM referral r JOIN case_file c ON c.id = "
		"r.case_id WHERE r.basis = 'consent' AND NOT EXISTS (SELECT 1 "
		"FROM consent s WHERE s.person_id = c.applicant_id AND "
		"s.unit_id = r.to_unit_id)",
		/* a letter never shows the ID number */
		"SELECT count(*) FROM decision d JOIN case_file c ON c.id = "
		"d.case_id JOIN person p ON p.id = c.applicant_id WHERE "
		"instr(d.letter, p.nid) > 0",
		"SELECT count(*) FROM plan WHERE status = 'active' AND "
		"(consent_date IS NULL OR coordinator_id IS NULL OR goals = '')",
	};
	struct tenv *t = filled(600, 7);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof none / sizeof none[0]; i++) {
		long long n = q(t, none[i]);
		if (n != 0)
			fail_msg("%lld rows: %s", n, none[i]);
	}
	assert_int_equal(q(t, "SELECT count(*) FROM pragma_foreign_key_check"),
			 0);
	assert_int_equal(db_integrity_ok(t->s.db), 1);
	/* the database is back to its everyday settings */
	assert_int_equal(q(t, "SELECT count(*) FROM pragma_journal_mode "
			      "WHERE journal_mode = 'wal'"),
			 1);
	assert_schema_whole(t);
	tenv_free(&t);
}

/* The loader sets indexes and guard triggers aside: afterwards the schema
 * is exactly that of a new database. */
static void assert_schema_whole(struct tenv *t)
{
	static const char sql[] = "SELECT type, name, sql FROM sqlite_master "
				  "WHERE type IN ('index', 'trigger', 'table') "
				  "ORDER BY type, name";
	struct config cfg;
	struct session fresh;
	struct tenv other;
	char *want, *got;

	config_defaults(&cfg);
	memset(&other, 0, sizeof other);
	snprintf(other.db_path, sizeof other.db_path, "%s/fresh-%d.db", t->dir,
		 rand());
	assert_int_equal(session_open_db(&fresh, &cfg, other.db_path, true), 0);
	want = dump(&other, sql);
	got = dump(t, sql);
	assert_string_equal(got, want);
	free(want);
	free(got);
	session_close(&fresh);
}

/* A trigger that reads a table by an index the loader set aside: the
 * loader notices the full scans and puts every index back at once. */
static void test_trigger_scans(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct demo_opts o = {400, 8, true};

	(void)state;
	assert_int_equal(db_exec(t->s.db,
				 "CREATE TABLE scan_seen (n INTEGER);"
				 "CREATE TRIGGER doc_scan AFTER INSERT ON doc_item "
				 "BEGIN INSERT INTO scan_seen SELECT count(*) FROM "
				 "household_member WHERE household_id = "
				 "NEW.case_id; END;"),
			 0);
	if (demo_fill(&t->s, &o, NULL))
		fail_msg("demo_fill: %s", t->s.err.msg);
	assert_int_equal(q(t, "SELECT count(*) FROM scan_seen"),
			 q(t, "SELECT count(*) FROM doc_item"));
	assert_int_equal(db_integrity_ok(t->s.db), 1);
	/* the trigger came back whole too; without it, the schema is new */
	assert_int_equal(q(t, "SELECT count(*) FROM sqlite_master WHERE name = "
			      "'doc_scan'"),
			 1);
	assert_int_equal(db_exec(t->s.db, "DROP TRIGGER doc_scan; "
					  "DROP TABLE scan_seen;"),
			 0);
	assert_schema_whole(t);
	tenv_free(&t);
}

static void test_deterministic(void **state)
{
	static const char *const tables[] = {
		"SELECT * FROM person ORDER BY id",
		"SELECT * FROM case_file ORDER BY id",
		"SELECT * FROM journal ORDER BY id",
		"SELECT * FROM decision ORDER BY id",
		"SELECT * FROM referral ORDER BY id",
		"SELECT * FROM deadline ORDER BY id",
		"SELECT * FROM lease ORDER BY id",
		"SELECT login, full_name FROM staff ORDER BY id",
	};
	struct tenv *a = filled(300, 99), *b = filled(300, 99),
		    *c = filled(300, 100);
	size_t i;
	bool differs = false;

	(void)state;
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char *da = dump(a, tables[i]), *db = dump(b, tables[i]),
		     *dc = dump(c, tables[i]);
		if (strcmp(da, db) != 0)
			fail_msg("the same seed gave other data: %s", tables[i]);
		differs |= strcmp(da, dc) != 0;
		free(da);
		free(db);
		free(dc);
	}
	assert_true(differs); /* another seed, another municipality */
	tenv_free(&a);
	tenv_free(&b);
	tenv_free(&c);
}

static void test_names_and_numbers(void **state)
{
	struct tenv *t = filled(300, 5);
	char *rows, *line, *save = NULL;
	size_t n = 0;

	(void)state;
	assert_true(q(t, "SELECT count(*) FROM person WHERE given_name || "
			 "family_name GLOB '*[æøåÆØÅ]*'") > 30);
	/* letters in addresses too */
	assert_true(q(t, "SELECT count(*) FROM person WHERE address GLOB "
			 "'*[æøå]*'") > 0);
	rows = dump(t, "SELECT p.nid, p.birth_date, p.given_name, p.family_name, "
		       "(SELECT group_concat(key, '#') FROM (SELECT key FROM "
		       "person_key k WHERE k.person_id = p.id ORDER BY key)) "
		       "FROM person p");
	for (line = strtok_r(rows, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[6] = {0}, *p = line, want[600], a[300], b[300];
		struct nid_info info;
		char clean[12];
		struct err e;
		int k;
		for (k = 0; k < 6 && p; k++) {
			f[k] = p;
			p = strchr(p, '|');
			if (p)
				*p++ = '\0';
		}
		/* valid, synthetic, and born on the day stored */
		assert_int_equal(nid_check(f[0], true, clean, &info, &e), 0);
		assert_true(info.synthetic);
		assert_int_equal(nid_check(f[0], false, clean, &info, &e),
				 ERR_INVAL);
		nid_check(f[0], true, clean, &info, &e);
		assert_string_equal(info.birth, f[1]);
		/* the name keys are what core's text_fold makes */
		snprintf(want, sizeof want, "%s %s", f[3], f[2]);
		text_fold(want, a, sizeof a);
		snprintf(want, sizeof want, "%s %s", f[2], f[3]);
		text_fold(want, b, sizeof b);
		if (strcmp(a, b) < 0)
			snprintf(want, sizeof want, "%s#%s", a, b);
		else
			snprintf(want, sizeof want, "%s#%s", b, a);
		assert_string_equal(f[4], want);
		n++;
	}
	assert_int_equal(n, 300);
	assert_int_equal(q(t, "SELECT count(DISTINCT nid) FROM person"), 300);
	free(rows);
	tenv_free(&t);
}

static void test_only_admin_only_empty(void **state)
{
	struct tenv *t = tenv_new("nav1");
	struct demo_opts o = {50, 1, true};

	(void)state;
	assert_int_equal(demo_fill(&t->s, &o, NULL), ERR_DENIED);
	assert_int_equal(q(t, "SELECT count(*) FROM person"), 0);
	assert_int_equal(demo_login(&t->s, "nav1"), ERR_DENIED);
	assert_int_equal(demo_login(&t->s, "admin"), 0);
	tenv_case(t, "Kari", "Nordmann", "NAV");
	assert_int_equal(demo_fill(&t->s, &o, NULL), ERR_CONFLICT);
	assert_int_equal(q(t, "SELECT count(*) FROM person"), 1);
	o.persons = -1;
	assert_int_equal(demo_fill(&t->s, &o, NULL), ERR_INVAL);
	tenv_free(&t);
}

/* An empty file: demo makes the login its administrator first. */
static void test_bootstrap(void **state)
{
	struct tenv *t = tenv_new("admin");
	struct config cfg;
	struct session s;
	char path[400];
	struct demo_opts o = {30, 3, true};
	bool empty = false;

	(void)state;
	config_defaults(&cfg);
	snprintf(path, sizeof path, "%s/fresh.db", t->dir);
	assert_int_equal(session_open_db(&s, &cfg, path, true), 0);
	assert_int_equal(demo_is_empty(&s, &empty), 0);
	assert_true(empty);
	assert_int_equal(demo_login(&s, "kari"), 0);
	assert_true(session_has_role(&s, ROLE_ADMIN));
	assert_int_equal(demo_fill(&s, &o, NULL), 0);
	assert_int_equal(demo_is_empty(&s, &empty), 0);
	assert_false(empty);
	/* the next run needs the administrator */
	assert_int_equal(demo_login(&s, "kari"), 0);
	session_close(&s);
	tenv_free(&t);
}

static void test_register(void **state)
{
	struct tenv *t = tenv_new("admin");
	long long before;

	(void)state;
	/* a new login gets every role */
	assert_int_equal(demo_register(&t->s, "newbie"), 0);
	assert_int_equal(q(t, "SELECT count(*) FROM membership m JOIN staff s "
			      "ON s.id = m.staff_id WHERE s.login = 'newbie'"),
			 5);
	tenv_login(t, "newbie");
	assert_true(session_has_role(&t->s, ROLE_DESK));
	assert_true(session_has_role(&t->s, ROLE_CASEWORKER));
	assert_true(session_has_role(&t->s, ROLE_SUPERVISOR));
	assert_true(session_has_role(&t->s, ROLE_ALLOCATION));
	assert_true(session_has_role(&t->s, ROLE_ADMIN));
	/* again: nothing changes */
	before = q(t, "SELECT count(*) FROM membership");
	assert_int_equal(demo_register(&t->s, "newbie"), 0);
	assert_int_equal(demo_register(&t->s, "nav1"), 0);
	assert_int_equal(demo_register(&t->s, "nav1"), 0);
	assert_int_equal(q(t, "SELECT count(*) FROM membership"), before + 4);
	assert_int_equal(q(t, "SELECT count(*) FROM staff WHERE login = "
			      "'nav1'"),
			 1);
	/* only an administrator registers */
	tenv_login(t, "nav2");
	assert_int_equal(demo_register(&t->s, "nav2"), ERR_DENIED);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_every_state),
		cmocka_unit_test(test_consistent),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_trigger_scans),
		cmocka_unit_test(test_names_and_numbers),
		cmocka_unit_test(test_only_admin_only_empty),
		cmocka_unit_test(test_bootstrap),
		cmocka_unit_test(test_register),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
