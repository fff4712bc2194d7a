/* Access control and the access log (issue 7): every path into a case of
 * another unit is refused and each refusal logged; the access log and the
 * journal are append-only for everyone, and no program path writes them
 * other than by INSERT; breaking the glass needs a reason, is logged and
 * flagged for the supervisor; retention anonymises closed cases and keeps
 * the counts. */
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "testlib.h"

/* ---- helpers: a connection of the test's own, as any other program's ---- */

static sqlite3 *raw;

static sqlite3 *raw_of(struct tenv *t)
{
	static char path[300];

	if (raw && strcmp(path, t->db_path) == 0)
		return raw;
	if (raw)
		sqlite3_close(raw);
	snprintf(path, sizeof path, "%s", t->db_path);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	sqlite3_busy_timeout(raw, 5000);
	return raw;
}

static void raw_close(void)
{
	if (raw)
		sqlite3_close(raw);
	raw = NULL;
}

static int raw_exec(struct tenv *t, const char *sql)
{
	return sqlite3_exec(raw_of(t), sql, NULL, NULL, NULL);
}

static int64_t sql_int(struct tenv *t, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(raw_of(t), sql, -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void sql_text(struct tenv *t, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *st = NULL;

	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(raw_of(t), sql, -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static int64_t denied_rows(struct tenv *t, const char *login)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM access_log a JOIN staff s ON s.id = "
		 "a.staff_id WHERE s.login = '%s' AND a.reason = 'denied'",
		 login);
	return sql_int(t, sql);
}

static int64_t reason_rows(struct tenv *t, int64_t case_id, const char *why)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM access_log WHERE case_id = %lld AND "
		 "reason = '%s'",
		 (long long)case_id, why);
	return sql_int(t, sql);
}

static void case_number(struct tenv *t, int64_t id, char out[12])
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT number FROM case_file WHERE id = %lld",
		 (long long)id);
	sql_text(t, sql, out, 12);
}

static void nid_of(struct tenv *t, int64_t id, char out[12])
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT p.nid FROM case_file c JOIN person p ON p.id = "
		 "c.applicant_id WHERE c.id = %lld",
		 (long long)id);
	sql_text(t, sql, out, 12);
}

/* ---- every path into another unit's case ---- */

static int version_of(struct tenv *t, int64_t id)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT version FROM case_file WHERE id = %lld",
		 (long long)id);
	return (int)sql_int(t, sql);
}

static void test_other_unit_refused_everywhere(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Åse", "Ødegård", "NAV");
	int v = version_of(t, id);
	struct case_rec c;
	struct journal_rec *j = NULL;
	struct hh_member_rec *hh = NULL;
	struct doc_rec *docs = NULL;
	struct consent_rec *cons = NULL;
	struct db_case_line lines[20];
	char kind[17], due[DB_DATE], number[12], nid[12], missing[512];
	char *text = NULL, *buf = NULL;
	size_t n = 0, len = 0;
	int64_t before, after;
	enum queue_kind qs[Q__COUNT];
	size_t nq, i;
	FILE *out;

	(void)state;
	case_number(t, id, number);
	nid_of(t, id, nid);
	assert_int_equal(strlen(number), 11);
	assert_int_equal(strlen(nid), 11);

	tenv_login(t, "helse1");
	before = denied_rows(t, "helse1");
	/* open and every detail of the case view */
	assert_int_equal(case_open(&t->s, id, &c), ERR_DENIED);
	assert_int_equal(case_reread(&t->s, id, &c), ERR_DENIED);
	assert_int_equal(case_journal(&t->s, id, &j, &n), ERR_DENIED);
	assert_int_equal(case_household(&t->s, id, &hh, &n), ERR_DENIED);
	assert_int_equal(case_docs(&t->s, id, &docs, &n), ERR_DENIED);
	assert_int_equal(case_consents(&t->s, id, &cons, &n), ERR_DENIED);
	assert_int_equal(case_next_deadline(&t->s, id, kind, due), ERR_DENIED);
	assert_int_equal(case_missing(&t->s, id, missing, sizeof missing),
			 ERR_DENIED);
	/* every change */
	assert_int_equal(case_note(&t->s, id, "ser bare"), ERR_DENIED);
	assert_int_equal(case_transition(&t->s, id, v, CS_ASSESSMENT, ""),
			 ERR_DENIED);
	assert_int_equal(case_close(&t->s, id, v, "moved", ""), ERR_DENIED);
	assert_int_equal(case_interim_record(&t->s, id, v, "fordi", "2026-05-01",
					     &text),
			 ERR_DENIED);
	assert_null(text);
	assert_int_equal(case_receipt(&t->s, id, &text), ERR_DENIED);
	assert_null(text);
	after = denied_rows(t, "helse1");
	/* each of the thirteen refusals is its own log row */
	assert_int_equal(after - before, 13);
	assert_null(j);
	assert_null(hh);
	assert_null(docs);
	assert_null(cons);
	/* nothing of the case in any message */
	assert_null(strstr(t->s.err.msg, "Ødegård"));

	/* search: by name nothing (not an attempt on a case), by the whole
	 * case number or ID number nothing, and those are logged */
	before = denied_rows(t, "helse1");
	assert_int_equal(case_search(&t->s, "Ødegård", NULL, 20, lines, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(case_search(&t->s, number, NULL, 20, lines, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(case_search(&t->s, nid, NULL, 20, lines, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(denied_rows(t, "helse1") - before, 2);

	/* lists: no queue of helse1 has it */
	nq = queue_kinds(&t->s, qs);
	for (i = 0; i < nq; i++) {
		assert_int_equal(queue_page(&t->s, qs[i], NULL, 20, lines, &n), 0);
		for (size_t k = 0; k < n; k++)
			assert_true(lines[k].case_id != id);
	}

	/* export: the case is not in it; asking for NAV's is refused */
	out = open_memstream(&buf, &len);
	assert_non_null(out);
	{
		struct export_filter f = {0};
		assert_int_equal(export_cases(&t->s, &f, out), 0);
		fflush(out);
		assert_null(strstr(buf, number));
		assert_null(strstr(buf, "Ødegård"));
		f.unit = "NAV";
		assert_int_equal(export_cases(&t->s, &f, out), ERR_DENIED);
	}
	fclose(out);
	free(buf);

	/* and NAV's own caseworker does see it, logged as own */
	tenv_login(t, "nav2");
	assert_int_equal(case_search(&t->s, number, NULL, 20, lines, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_true(reason_rows(t, id, "own") >= 1);
	raw_close();
	tenv_free(&t);
}

/* ---- append-only ---- */

/* The case view shown again after the user's own change: the new
 * version, and no second access-log row (the opening logged the read,
 * the journal has the change). */
static void test_reread_after_own_change(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Åse", "Ødegård", "NAV");
	struct case_rec c, again;
	int64_t rows;

	(void)state;
	assert_int_equal(case_open(&t->s, id, &c), 0);
	rows = reason_rows(t, id, "own");
	assert_true(rows >= 1);
	assert_int_equal(case_transition(&t->s, id, c.version, CS_ASSESSMENT,
					 "vurderes"),
			 0);
	assert_int_equal(case_reread(&t->s, id, &again), 0);
	assert_int_equal(again.version, c.version + 1);
	assert_string_equal(again.status, "assessment");
	assert_int_equal(reason_rows(t, id, "own"), rows);
	/* opening it again is a new read, logged */
	assert_int_equal(case_open(&t->s, id, &again), 0);
	assert_int_equal(reason_rows(t, id, "own"), rows + 1);
	tenv_free(&t);
}

static void test_logs_append_only(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Kari", "Nordmann", "NAV");
	struct case_rec c;
	static const char *const refused[] = {
		"UPDATE access_log SET reason = 'own'",
		"DELETE FROM access_log",
		"UPDATE access_log SET detail = '' WHERE id = 1",
		"UPDATE journal SET text = 'x'",
		"UPDATE journal SET text = '[anonymised]'",
		"DELETE FROM journal",
		"INSERT OR REPLACE INTO access_log (id, at, staff_id, reason) "
		"SELECT id, at, staff_id, 'own' FROM access_log",
		"REPLACE INTO journal (id, case_id, at, staff_id, kind, text) "
		"SELECT id, case_id, at, staff_id, kind, 'x' FROM journal",
		"INSERT INTO access_log (id, at, staff_id, reason) SELECT id, at, "
		"staff_id, 'own' FROM access_log WHERE true ON CONFLICT (id) DO "
		"UPDATE SET reason = 'own'",
	};
	int64_t logs, notes;

	(void)state;
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_equal(case_note(&t->s, id, "første notat"), 0);
	/* the administrator included: the triggers refuse everyone */
	tenv_login(t, "admin");
	logs = sql_int(t, "SELECT count(*) FROM access_log");
	notes = sql_int(t, "SELECT count(*) FROM journal");
	assert_true(logs >= 1);
	assert_true(notes >= 2);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		int rc = raw_exec(t, refused[i]);
		if (rc == SQLITE_OK)
			fail_msg("not refused: %s", refused[i]);
	}
	assert_int_equal(sql_int(t, "SELECT count(*) FROM access_log"), logs);
	assert_int_equal(sql_int(t, "SELECT count(*) FROM journal"), notes);
	assert_int_equal(sql_int(t, "SELECT count(*) FROM journal WHERE "
				    "text IN ('x', '[anonymised]')"),
			 0);
	raw_close();
	tenv_free(&t);
}

/* No program path changes the access log or the journal except by
 * INSERT: the SQL of db/ (the only place with SQL) has no UPDATE, DELETE
 * or REPLACE of either, and no migration drops the access log's
 * triggers.  The one journal UPDATE is the purge's (db/purge.c), which
 * the trigger narrows to cutting a text to the marker. */
static void scan_file(const char *path, const regex_t *re, int *hits,
		      bool allow_journal)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	int no = 0;

	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		regmatch_t m[4];
		no++;
		if (regexec(re, line, 4, m, 0) != 0)
			continue;
		if (allow_journal && m[3].rm_so >= 0 &&
		    strncmp(line + m[3].rm_so, "journal", 7) == 0)
			continue;
		fprintf(stderr, "%s:%d: %s", path, no, line);
		(*hits)++;
	}
	fclose(fp);
}

static void scan_dir(const char *dir, const char *ext, const regex_t *re,
		     int *hits, int *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < strlen(ext) || strcmp(e->d_name + n - strlen(ext), ext))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		scan_file(path, re, hits,
			  strcmp(path, "db/purge.c") == 0);
		(*files)++;
	}
	closedir(d);
}

static void test_no_path_rewrites_logs(void **state)
{
	regex_t re, drop;
	int hits = 0, files = 0;

	(void)state;
	assert_int_equal(
		regcomp(&re,
			"(UPDATE|DELETE[[:space:]]+FROM|REPLACE[[:space:]]+INTO|"
			"OR[[:space:]]+REPLACE[[:space:]]+INTO)[[:space:]]+"
			"((access_log|journal)([[:space:]\"(]|$))",
			REG_EXTENDED | REG_ICASE),
		0);
	scan_dir("db", ".c", &re, &hits, &files);
	scan_dir("core", ".c", &re, &hits, &files);
	scan_dir("tui", ".c", &re, &hits, &files);
	assert_true(files > 10);
	assert_int_equal(hits, 0);
	regfree(&re);
	assert_int_equal(regcomp(&drop, "DROP[[:space:]]+TRIGGER[[:space:]]+"
					"(IF[[:space:]]+EXISTS[[:space:]]+)?"
					"access_log",
				 REG_EXTENDED | REG_ICASE),
			 0);
	scan_dir("db/migrations", ".sql", &drop, &hits, &files);
	assert_int_equal(hits, 0);
	regfree(&drop);
}

/* The triggers are there at the newest schema (a migration that dropped
 * one and forgot to make it again would show here). */
static void test_triggers_present(void **state)
{
	struct tenv *t = tenv_new("admin");

	(void)state;
	assert_int_equal(sql_int(t, "SELECT count(*) FROM sqlite_master WHERE "
				    "type = 'trigger' AND name IN "
				    "('access_log_no_update', "
				    "'access_log_no_delete', 'journal_no_update', "
				    "'journal_no_delete', 'access_log_no_replace', "
				    "'journal_no_replace')"),
			 6);
	raw_close();
	tenv_free(&t);
}

/* ---- break the glass ---- */

static void test_break_glass(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Åse", "Ødegård", "NAV"), got = 0, seen = 0;
	char number[12];
	struct case_rec c;
	struct hh_member_rec *hh = NULL;
	struct db_glass_line *g = NULL;
	size_t n = 0;
	long pending = -1;
	int v = version_of(t, id);

	(void)state;
	case_number(t, id, number);
	tenv_login(t, "helse1");
	/* without a real reason: refused, nothing opened or flagged */
	assert_int_equal(case_break_glass(&t->s, number, "", &got), ERR_INVAL);
	assert_int_equal(case_break_glass(&t->s, number, "  fordi  ", &got),
			 ERR_INVAL);
	assert_string_equal(t->s.err.field, "reason");
	/* the reason is shown on the supervisor's terminal: no control
	 * sequences in it */
	assert_int_equal(case_break_glass(&t->s, number,
					  "Må se saken \033[2J nå", &got),
			 ERR_INVAL);
	assert_int_equal(case_break_glass(&t->s, number,
					  "Må se saken \xc2\x9b" "2J nå", &got),
			 ERR_INVAL);
	assert_int_equal(case_open(&t->s, id, &c), ERR_DENIED);
	assert_int_equal(sql_int(t, "SELECT count(*) FROM glass_flag"), 0);
	/* a case that does not exist: said so, and the probe is logged */
	seen = denied_rows(t, "helse1");
	assert_int_equal(case_break_glass(&t->s, "1999-999999",
					  "Søker er innlagt akutt hos oss",
					  &got),
			 ERR_NOTFOUND);
	assert_int_equal(denied_rows(t, "helse1"), seen + 1);

	/* with a reason: opened, logged, flagged */
	assert_int_equal(case_break_glass(&t->s, number,
					  "Søker er innlagt akutt hos oss",
					  &got),
			 0);
	assert_int_equal(got, id);
	assert_int_equal(reason_rows(t, id, "break_glass"), 1);
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_equal(case_household(&t->s, id, &hh, &n), 0);
	free(hh);
	assert_int_equal(reason_rows(t, id, "break_glass"), 2);
	assert_int_equal(sql_int(t, "SELECT count(*) FROM access_log WHERE "
				    "reason = 'break_glass' AND detail = "
				    "'Søker er innlagt akutt hos oss'"),
			 1);
	/* reading is not deciding: the status stays with NAV */
	assert_int_equal(case_transition(&t->s, id, v, CS_ASSESSMENT, ""),
			 ERR_DENIED);

	/* the glass is broken for this session only */
	tenv_login(t, "helse1");
	assert_int_equal(case_open(&t->s, id, &c), ERR_DENIED);

	/* NAV's supervisor is shown it, reviews it once */
	tenv_login(t, "sup1");
	assert_int_equal(glass_pending(&t->s, &pending), 0);
	assert_int_equal(pending, 1);
	assert_int_equal(glass_list(&t->s, true, 10, &g, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].login, "helse1");
	assert_string_equal(g[0].number, number);
	assert_string_equal(g[0].reason, "Søker er innlagt akutt hos oss");
	assert_int_equal(glass_review(&t->s, g[0].access_id), 0);
	assert_int_equal(glass_review(&t->s, g[0].access_id), ERR_CONFLICT);
	assert_int_equal(glass_pending(&t->s, &pending), 0);
	assert_int_equal(pending, 0);
	free(g);
	assert_int_equal(glass_list(&t->s, false, 10, &g, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].reviewed_by, "Sunniva Leder");
	free(g);
	/* the flag and its review are kept */
	assert_true(raw_exec(t, "DELETE FROM glass_flag") != SQLITE_OK);
	assert_true(raw_exec(t, "UPDATE glass_flag SET reviewed_at = NULL") !=
		    SQLITE_OK);

	/* a caseworker does not review, an administrator does not break */
	tenv_login(t, "nav2");
	assert_int_equal(glass_list(&t->s, true, 10, &g, &n), ERR_DENIED);
	assert_int_equal(glass_pending(&t->s, &pending), 0);
	assert_int_equal(pending, 0);
	/* one who may see the case breaks nothing */
	assert_int_equal(case_break_glass(&t->s, number,
					  "Trenger å se saken nå", &got),
			 0);
	assert_int_equal(got, id);
	assert_int_equal(sql_int(t, "SELECT count(*) FROM glass_flag"), 1);
	tenv_login(t, "admin");
	assert_int_equal(case_break_glass(&t->s, number,
					  "Administrator vil se saken", &got),
			 ERR_DENIED);
	raw_close();
	tenv_free(&t);
}

/* ---- retention ---- */

static void close_case(struct tenv *t, int64_t id, const char *note)
{
	tenv_login(t, "nav1");
	assert_int_equal(case_note(&t->s, id, note), 0);
	assert_int_equal(case_transition(&t->s, id, version_of(t, id),
					 CS_ASSESSMENT, "fikk nøkkel av søster"),
			 0);
	assert_int_equal(case_close(&t->s, id, version_of(t, id), "moved",
				    "flyttet til Bergen"),
			 0);
}

struct seen {
	int n;
	char numbers[8][12];
	int goes[8];
};

static void note_case(void *ctx, const struct db_purge_case *c)
{
	struct seen *s = ctx;
	if (s->n < 8) {
		snprintf(s->numbers[s->n], 12, "%s", c->number);
		s->goes[s->n] = c->person_goes;
	}
	s->n++;
}

static const char counts_sql[] =
	"SELECT group_concat(x, '|') FROM (SELECT status || ',' || unit_id || "
	"',' || situation || ',' || coalesce(close_reason, '') || ',' || "
	"received || ',' || coalesce(closed_at, '') || ',' || count(*) AS x "
	"FROM case_file GROUP BY status, unit_id, situation, close_reason, "
	"received, closed_at ORDER BY 1)";

static void test_purge(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t old = tenv_case(t, "Gammel", "Saksen", "NAV");
	int64_t keep = tenv_case(t, "Åpen", "Saksen", "NAV");
	int64_t recent;
	struct purge_result res;
	struct seen seen = {0};
	char before_counts[2048], after_counts[2048], text[1100], sql[256];
	int64_t journal_before;

	(void)state;
	close_case(t, old, "Søker bor hos søster på Grünerløkka, tlf 99887766");
	/* ten years and a bit later, a newer case closes too */
	tenv_set_today(t, "2036-06-01");
	recent = tenv_case(t, "Ny", "Saksen", "NAV");
	close_case(t, recent, "Ny søknad");
	tenv_set_today(t, "2036-06-02");
	sql_text(t, counts_sql, before_counts, sizeof before_counts);
	journal_before = sql_int(t, "SELECT count(*) FROM journal");

	/* only an administrator, and never a date to come */
	tenv_login(t, "nav1");
	assert_int_equal(purge_run(&t->s, "2036-06-02", true, NULL, NULL,
				   NULL, &res),
			 ERR_DENIED);
	tenv_login(t, "admin");
	assert_int_equal(purge_run(&t->s, "2036-06-03", true, NULL, NULL,
				   NULL, &res),
			 ERR_INVAL);
	assert_int_equal(purge_run(&t->s, "31.02.2036", true, NULL, NULL,
				   NULL, &res),
			 ERR_INVAL);

	/* the dry run lists the one case closed over ten years ago */
	assert_int_equal(purge_run(&t->s, "02.06.2036", true, note_case, NULL,
				   &seen, &res),
			 0);
	assert_string_equal(res.cutoff, "2026-06-02");
	assert_int_equal(res.cases, 1);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.goes[0], 1);
	assert_int_equal(res.run_id, 0);
	/* and changed nothing */
	assert_int_equal(sql_int(t, "SELECT count(*) FROM person WHERE "
				    "purged = 1"),
			 0);
	assert_int_equal(sql_int(t, "SELECT count(*) FROM journal"),
			 journal_before);

	/* the purge itself */
	seen.n = 0;
	assert_int_equal(purge_run(&t->s, "2036-06-02", false, note_case, NULL,
				   &seen, &res),
			 0);
	assert_int_equal(res.cases, 1);
	assert_int_equal(res.persons, 1);
	assert_true(res.run_id > 0);

	snprintf(sql, sizeof sql,
		 "SELECT p.given_name || p.family_name || coalesce(p.nid, '') || "
		 "coalesce(p.birth_date, '') || p.address || p.phone || p.email "
		 "|| p.purged FROM case_file c JOIN person p ON p.id = "
		 "c.applicant_id WHERE c.id = %lld",
		 (long long)old);
	sql_text(t, sql, text, sizeof text);
	assert_string_equal(text, "1");
	/* the caseworkers' words are gone, the moves stay */
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM journal WHERE case_id = %lld AND (text "
		 "LIKE '%%Grünerløkka%%' OR text LIKE '%%søster%%' OR text LIKE "
		 "'%%Bergen%%')",
		 (long long)old);
	assert_int_equal(sql_int(t, sql), 0);
	snprintf(sql, sizeof sql,
		 "SELECT group_concat(kind || '=' || text, '|') FROM journal "
		 "WHERE case_id = %lld ORDER BY id",
		 (long long)old);
	sql_text(t, sql, text, sizeof text);
	assert_non_null(strstr(text, "note=[anonymised]"));
	assert_non_null(strstr(text, "status=registered -> assessment: "
				     "[anonymised]"));
	assert_non_null(strstr(text, "status=assessment -> closed: "
				     "[anonymised]"));
	assert_non_null(strstr(text, "registered=registered; responsible unit"));
	assert_non_null(strstr(text, "purge=anonymised: closed before "
				     "2026-06-02"));
	/* no entry went: one 'purge' entry came */
	assert_int_equal(sql_int(t, "SELECT count(*) FROM journal"),
			 journal_before + 1);
	/* the name keys went: the case cannot be found by name */
	{
		struct db_case_line lines[5];
		size_t n = 9;
		tenv_login(t, "nav1");
		assert_int_equal(case_search(&t->s, "Gammel", NULL, 5, lines, &n),
				 0);
		assert_int_equal(n, 0);
		assert_int_equal(case_search(&t->s, "Åpen", NULL, 5, lines, &n), 0);
		assert_int_equal(n, 1);
		tenv_login(t, "admin");
	}
	/* what reports count is the same */
	sql_text(t, counts_sql, after_counts, sizeof after_counts);
	assert_string_equal(before_counts, after_counts);
	/* the open case and the recently closed one are untouched */
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM case_file WHERE purged_at IS NOT NULL AND "
		 "id IN (%lld, %lld)",
		 (long long)keep, (long long)recent);
	assert_int_equal(sql_int(t, sql), 0);
	/* the run is kept, done, and the exception is closed again */
	assert_int_equal(sql_int(t, "SELECT count(*) FROM purge_run WHERE "
				    "state = 'done' AND cases = 1 AND "
				    "persons = 1"),
			 1);
	assert_true(raw_exec(t, "DELETE FROM purge_run") != SQLITE_OK);
	assert_true(raw_exec(t, "UPDATE journal SET text = "
				"'[anonymised]'") != SQLITE_OK);
	/* a second run finds nothing more */
	assert_int_equal(purge_run(&t->s, "2036-06-02", false, NULL, NULL,
				   NULL, &res),
			 0);
	assert_int_equal(res.cases, 0);
	assert_true(db_integrity_ok(t->s.db));
	raw_close();
	tenv_free(&t);
}

/* A person with a case still open keeps their name; only the closed
 * case's texts go. */
static void test_purge_keeps_person_in_use(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct intake in;
	struct unit_rec nav;
	int64_t first = 0, second = 0;
	char number[12], sql[256], text[300];
	struct purge_result res;

	(void)state;
	assert_int_equal(unit_find(&t->s, "NAV", &nav), 0);
	intake_init(&t->s, &in);
	assert_int_equal(nid_make_synthetic("1970-02-03", 11, false,
					    in.applicant.nid),
			 0);
	strcpy(in.applicant.given, "Ola");
	strcpy(in.applicant.family, "Gjenganger");
	in.unit_id = nav.id;
	assert_int_equal(intake_register(&t->s, &in, &first, number), 0);
	close_case(t, first, "første gang");
	tenv_set_today(t, "2040-01-10");
	tenv_login(t, "desk1");
	intake_init(&t->s, &in);
	assert_int_equal(nid_make_synthetic("1970-02-03", 11, false,
					    in.applicant.nid),
			 0);
	strcpy(in.applicant.given, "Ola");
	strcpy(in.applicant.family, "Gjenganger");
	in.unit_id = nav.id;
	assert_int_equal(intake_register(&t->s, &in, &second, number), 0);
	tenv_login(t, "admin");
	assert_int_equal(purge_run(&t->s, "2040-01-10", false, NULL, NULL,
				   NULL, &res),
			 0);
	assert_int_equal(res.cases, 1);
	assert_int_equal(res.persons, 0);
	snprintf(sql, sizeof sql,
		 "SELECT p.family_name FROM case_file c JOIN person p ON p.id = "
		 "c.applicant_id WHERE c.id = %lld",
		 (long long)second);
	sql_text(t, sql, text, sizeof text);
	assert_string_equal(text, "Gjenganger");
	raw_close();
	tenv_free(&t);
}

/* The access log as a person is shown it: every reason and every detail
 * the program writes in words, free text as it was written. */
static void test_access_render(void **state)
{
	static const struct {
		const char *reason, *detail, *want;
	} cases[] = {
		{"own", "open", "own unit: opened the case"},
		{"plan", "plan revision 3", "plan participant: read plan version 3"},
		{"plan", "plan revision 12 compared",
		 "plan participant: compared plan version 12"},
		{"referral", "referral 41 (text only)",
		 "referral: read the text of referral 41"},
		{"referral", "referral 41 (sender)", "referral: read referral 41"},
		{"denied", "export unit EIE", "refused: export of unit EIE"},
		{"denied", "break_glass: no case 2026-000001",
		 "refused: broke the glass: no case 2026-000001"},
		{"break_glass", "open", "broke the glass: opened the case"},
		{"supervisor", "decision", "supervisor: read the decision letter"},
		{"allocation", "tildelingsmøte", "allocation group: tildelingsmøte"},
		{"admin", "", "administrator"},
		/* a detail that only looks like the program's stays as written */
		{"own", "plan revision 3 and more", "own unit: plan revision 3 and more"},
	};
	char out[400];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct access_rec r = {0};
		snprintf(r.reason, sizeof r.reason, "%s", cases[i].reason);
		snprintf(r.detail, sizeof r.detail, "%s", cases[i].detail);
		access_render(&r, out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_access_render),
		cmocka_unit_test(test_other_unit_refused_everywhere),
		cmocka_unit_test(test_reread_after_own_change),
		cmocka_unit_test(test_logs_append_only),
		cmocka_unit_test(test_no_path_rewrites_logs),
		cmocka_unit_test(test_triggers_present),
		cmocka_unit_test(test_break_glass),
		cmocka_unit_test(test_purge),
		cmocka_unit_test(test_purge_keeps_person_in_use),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
