/* The configuration file: defaults, every key, every kind of bad value, and
 * the example conf/bosak.ini (tests run from the repository root). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"

struct fixture {
	char dir[256];
	char path[300];
	struct config cfg;
	struct err e;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/bosak-config-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/bosak.ini", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[400];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Writes text as the fixture's bosak.ini and loads it. */
static int load_text(struct fixture *f, const char *text)
{
	write_file(f->path, text, strlen(text));
	memset(&f->e, 0, sizeof f->e);
	return config_load(&f->cfg, f->path, &f->e);
}

/* A bad value: ERR_CONFIG, and the message names the file, the section,
 * the key and the quoted value, then what is accepted. */
static void expect_bad(struct fixture *f, const char *text,
		       const char *section, const char *key,
		       const char *value)
{
	char want[600];

	assert_int_equal(load_text(f, text), ERR_CONFIG);
	assert_int_equal(f->e.code, ERR_CONFIG);
	snprintf(want, sizeof want, "%s: [%s] %s = '%s': ", f->path, section,
		 key, value);
	if (strncmp(f->e.msg, want, strlen(want)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", f->e.msg,
			 want);
	assert_false(f->cfg.from_file);
}

static void expect_msg_has(const struct fixture *f, const char *part)
{
	if (!strstr(f->e.msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", f->e.msg, part);
}

/* ---------------------------------------------------------------- tests */

static void test_missing_file_keeps_defaults(void **state)
{
	struct fixture *f = *state;
	struct config want;
	char missing[320], msg[400];

	snprintf(missing, sizeof missing, "%s/none.ini", f->dir);
	config_defaults(&want);
	memset(&f->cfg, 0x5a, sizeof f->cfg);
	assert_int_equal(config_load(&f->cfg, missing, &f->e), 0);
	snprintf(msg, sizeof msg, "%s not found; using built-in defaults",
		 missing);
	assert_string_equal(f->cfg.warning, msg);
	assert_false(f->cfg.from_file);
	assert_string_equal(f->cfg.path, "");
	/* everything but the warning is the built-in default */
	memset(f->cfg.warning, 0, sizeof f->cfg.warning);
	assert_memory_equal(&f->cfg, &want, sizeof want);
}

static void test_defaults(void **state)
{
	struct config c;
	int i;

	(void)state;
	memset(&c, 0x5a, sizeof c);
	config_defaults(&c);
	assert_string_equal(c.municipality, "Eksempel kommune");
	assert_string_equal(c.db_path, "/var/lib/bosak/bosak.db");
	assert_string_equal(c.language, "nb");
	assert_string_equal(c.print_command, "lpr");
	assert_int_equal(c.interim_days, 30);
	assert_int_equal(c.interim_warn_days, 7);
	assert_int_equal(c.referral_days, 14);
	assert_int_equal(c.appeal_weeks, 3);
	assert_int_equal(c.late_appeal_days, 365);
	assert_int_equal(c.lease_months, 36);
	assert_int_equal(c.lease_months_children, 36);
	assert_int_equal(c.lease_min_months, 36);
	assert_int_equal(c.review_months, 6);
	assert_int_equal(c.handover_checks, HI_ALL);
	assert_int_equal(c.retention_years, 10);
	assert_int_equal(c.draft_days, 90);
	assert_int_equal(c.w_homeless, 40);
	assert_int_equal(c.w_children, 20);
	assert_int_equal(c.w_health, 20);
	assert_int_equal(c.w_discharge, 10);
	assert_int_equal(c.w_waiting_month, 1);
	assert_string_equal(c.appeal_body_allocation, "Klagenemnda i kommunen");
	assert_string_equal(c.appeal_body_assistance, "Statsforvalteren");
	assert_string_equal(c.law_allocation,
			    "kommunens forskrift om tildeling av kommunal bolig");
	assert_string_equal(c.law_assistance,
			    "lov om kommunenes ansvar på det boligsosiale "
			    "feltet (boligsosialloven) § 6");
	assert_string_equal(c.law_admin, "forvaltningsloven");
	assert_string_equal(c.law_lease, "husleieloven § 11-1");
	assert_string_equal(c.template_dir, BOSAK_SYSCONFDIR "/bosak/letters");
	assert_string_equal(c.tpl_decision, "decision.nb.txt");
	assert_string_equal(c.tpl_interim, "interim.nb.txt");
	assert_string_equal(c.tpl_receipt, "receipt.nb.txt");
	assert_string_equal(c.tpl_plan, "plan.nb.txt");
	assert_false(c.allow_synthetic_nid);
	for (i = 0; i < CFG_SITUATIONS; i++)
		assert_string_equal(c.default_unit[i], "");
	assert_int_equal(c.nkeys, 0);
	assert_false(c.from_file);
	assert_string_equal(c.warning, "");
}

static void test_system_path(void **state)
{
	(void)state;
	assert_string_equal(config_system_path(),
			    BOSAK_SYSCONFDIR "/bosak/bosak.ini");
}

static void test_every_key_read(void **state)
{
	struct fixture *f = *state;
	char letters[320];

	assert_int_equal(
		load_text(f,
			  "[municipality]\nname = Hamar kommune\n"
			  "[database]\npath = /srv/bosak/hamar.db\n"
			  "[interface]\nlanguage = en\n"
			  "print_command = lpr -P kontor\n"
			  "[deadlines]\ninterim_days = 21\n"
			  "interim_warn_days = 5\nreferral_days = 10\n"
			  "appeal_weeks = 4\nlate_appeal_days = 200\n"
			  "[leases]\nmonths = 48\nmonths_children = 60\n"
			  "min_months = 24\nreview_months = 9\n"
			  "[retention]\nyears = 12\ndraft_days = 30\n"
			  "[priority]\nhomeless = 100\nchildren = 30\n"
			  "health = 25\ndischarge = 15\nwaiting_month = 2\n"
			  "[appeal]\nallocation = Klagenemnda i Hamar\n"
			  "assistance = Statsforvalteren i Innlandet\n"
			  "[law]\nallocation = forskrift om kommunale boliger, "
			  "Hamar kommune\n"
			  "assistance = boligsosialloven § 6\n"
			  "admin = forvaltningsloven (2025)\n"
			  "lease = husleieloven § 11-2\n"
			  "[letters]\ndir = letters\n"
			  "decision = decision.nn.txt\ninterim = i.txt\n"
			  "receipt = r.txt\nplan = p.txt\n"
			  "[demo]\nallow_synthetic_ids = ja\n"
			  "[intake]\ntemporary = NAV\nrelatives = NAV-2\n"
			  "institution = HELSE\nrough = nav_akutt\n"
			  "eviction = NAV\nunsuitable = EIE\n"
			  "not_renewable = EIE\nadequate = SK\n"
			  "[handover]\nchecklist = identity, consent\n"
			  "[keys]\nquit = q ^Q\nsearch = \"/ #\"\n"),
		0);
	assert_true(f->cfg.from_file);
	assert_string_equal(f->cfg.path, f->path);
	assert_string_equal(f->cfg.warning, "");
	assert_string_equal(f->cfg.municipality, "Hamar kommune");
	assert_string_equal(f->cfg.db_path, "/srv/bosak/hamar.db");
	assert_string_equal(f->cfg.language, "en");
	assert_string_equal(f->cfg.print_command, "lpr -P kontor");
	assert_int_equal(f->cfg.interim_days, 21);
	assert_int_equal(f->cfg.interim_warn_days, 5);
	assert_int_equal(f->cfg.referral_days, 10);
	assert_int_equal(f->cfg.appeal_weeks, 4);
	assert_int_equal(f->cfg.late_appeal_days, 200);
	assert_int_equal(f->cfg.lease_months, 48);
	assert_int_equal(f->cfg.lease_months_children, 60);
	assert_int_equal(f->cfg.lease_min_months, 24);
	assert_int_equal(f->cfg.review_months, 9);
	assert_int_equal(f->cfg.retention_years, 12);
	assert_int_equal(f->cfg.draft_days, 30);
	assert_int_equal(f->cfg.w_homeless, 100);
	assert_int_equal(f->cfg.w_children, 30);
	assert_int_equal(f->cfg.w_health, 25);
	assert_int_equal(f->cfg.w_discharge, 15);
	assert_int_equal(f->cfg.w_waiting_month, 2);
	assert_string_equal(f->cfg.appeal_body_allocation,
			    "Klagenemnda i Hamar");
	assert_string_equal(f->cfg.appeal_body_assistance,
			    "Statsforvalteren i Innlandet");
	assert_string_equal(f->cfg.law_allocation,
			    "forskrift om kommunale boliger, Hamar kommune");
	assert_string_equal(f->cfg.law_assistance, "boligsosialloven § 6");
	assert_string_equal(f->cfg.law_admin, "forvaltningsloven (2025)");
	assert_string_equal(f->cfg.law_lease, "husleieloven § 11-2");
	/* relative to the file's directory */
	snprintf(letters, sizeof letters, "%s/letters", f->dir);
	assert_string_equal(f->cfg.template_dir, letters);
	assert_string_equal(f->cfg.tpl_decision, "decision.nn.txt");
	assert_string_equal(f->cfg.tpl_interim, "i.txt");
	assert_string_equal(f->cfg.tpl_receipt, "r.txt");
	assert_string_equal(f->cfg.tpl_plan, "p.txt");
	assert_true(f->cfg.allow_synthetic_nid);
	assert_string_equal(f->cfg.default_unit[SIT_TEMPORARY], "NAV");
	assert_string_equal(f->cfg.default_unit[SIT_RELATIVES], "NAV-2");
	assert_string_equal(f->cfg.default_unit[SIT_INSTITUTION], "HELSE");
	assert_string_equal(f->cfg.default_unit[SIT_ROUGH], "nav_akutt");
	assert_string_equal(f->cfg.default_unit[SIT_EVICTION], "NAV");
	assert_string_equal(f->cfg.default_unit[SIT_UNSUITABLE], "EIE");
	assert_string_equal(f->cfg.default_unit[SIT_NOT_RENEWABLE], "EIE");
	assert_string_equal(f->cfg.default_unit[SIT_ADEQUATE], "SK");
	assert_int_equal(f->cfg.handover_checks, HI_IDENTITY | HI_CONSENT);
	assert_int_equal(f->cfg.nkeys, 2);
	assert_string_equal(f->cfg.key_action[0], "quit");
	assert_string_equal(f->cfg.key_names[0], "q ^Q");
	assert_string_equal(f->cfg.key_action[1], "search");
	assert_string_equal(f->cfg.key_names[1], "/ #");
}

/* [handover] checklist: the words, in any order and case; nothing is no
 * checklist; a word not known is named with the accepted ones. */
static void test_handover_checklist(void **state)
{
	struct fixture *f = *state;

	config_defaults(&f->cfg);
	assert_int_equal(f->cfg.handover_checks, HI_ALL);
	assert_int_equal(load_text(f, "[handover]\nchecklist = Consent "
				      "household,income\n"),
			 0);
	assert_int_equal(f->cfg.handover_checks,
			 HI_CONSENT | HI_HOUSEHOLD | HI_INCOME);
	assert_int_equal(load_text(f, "[handover]\nchecklist =\n"), 0);
	assert_int_equal(f->cfg.handover_checks, 0);
	expect_bad(f, "[handover]\nchecklist = identity passport\n",
		   "handover", "checklist", "identity passport");
	expect_msg_has(f, "identity, household, income, situation and "
			  "consent");
}

/* [instruments]: each instrument's handling unit (a code, nothing for
 * the case's own unit, none where not offered) and whether a handover
 * needs every one considered. */
static void test_instruments(void **state)
{
	struct fixture *f = *state;

	config_defaults(&f->cfg);
	assert_string_equal(f->cfg.instrument_unit[0], "");
	assert_string_equal(f->cfg.instrument_unit[5], "none");
	assert_false(f->cfg.instruments_required);
	assert_int_equal(load_text(f, "[instruments]\nhousing_allowance = NAV\n"
				      "municipal_allowance = SOS-1\n"
				      "follow_up = none\nrequired = yes\n"),
			 0);
	assert_string_equal(f->cfg.instrument_unit[0], "NAV");
	assert_string_equal(f->cfg.instrument_unit[5], "SOS-1");
	assert_string_equal(f->cfg.instrument_unit[7], "none");
	assert_true(f->cfg.instruments_required);
	expect_bad(f, "[instruments]\nstart_loan = Not a code\n",
		   "instruments", "start_loan", "Not a code");
	expect_msg_has(f, "none");
	expect_bad(f, "[instruments]\nyacht = NAV\n", "instruments", "yacht",
		   "NAV");
	expect_msg_has(f, "housing_allowance");
	expect_bad(f, "[instruments]\nrequired = perhaps\n", "instruments",
		   "required", "perhaps");
}

static void test_names_are_case_insensitive(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load_text(f, "[Deadlines]\nInterim_Days = 45\n"
				      "[INTERFACE]\nlanguage = NN\n"),
			 0);
	assert_int_equal(f->cfg.interim_days, 45);
	assert_string_equal(f->cfg.language, "nn");
}

static void test_absolute_path_kept(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load_text(f, "[letters]\ndir = /opt/brev\n"
				      "[database]\npath = data/b.db\n"),
			 0);
	assert_string_equal(f->cfg.template_dir, "/opt/brev");
	assert_string_equal(strstr(f->cfg.db_path, f->dir), f->cfg.db_path);
	assert_non_null(strstr(f->cfg.db_path, "/data/b.db"));
}

static void test_booleans(void **state)
{
	struct fixture *f = *state;
	static const char *const yes[] = { "yes", "true", "1", "ja", "YES",
					   "Ja" };
	static const char *const no[] = { "no", "false", "0", "nei", "NEI",
					  "False" };
	char text[128];
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		snprintf(text, sizeof text, "[demo]\nallow_synthetic_ids = %s\n",
			 yes[i]);
		assert_int_equal(load_text(f, text), 0);
		assert_true(f->cfg.allow_synthetic_nid);
		snprintf(text, sizeof text, "[demo]\nallow_synthetic_ids = %s\n",
			 no[i]);
		assert_int_equal(load_text(f, text), 0);
		assert_false(f->cfg.allow_synthetic_nid);
	}
}

static void test_inline_comment_and_quotes(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load_text(f, "; comment\n# comment\n\n"
				      "[deadlines]\r\n"
				      "interim_days = 20 ; three weeks\r\n"
				      "[interface]\n"
				      "print_command = \"lpr -o a=b;c\"\n"),
			 0);
	assert_int_equal(f->cfg.interim_days, 20);
	assert_string_equal(f->cfg.print_command, "lpr -o a=b;c");
}

static void test_exact_message_form(void **state)
{
	struct fixture *f = *state;
	char want[600];

	assert_int_equal(load_text(f, "[deadlines]\ninterim_days = abc\n"),
			 ERR_CONFIG);
	snprintf(want, sizeof want,
		 "%s: [deadlines] interim_days = 'abc': accepted: a whole "
		 "number from 1 to 90",
		 f->path);
	assert_string_equal(f->e.msg, want);
}

static void test_not_a_number(void **state)
{
	struct fixture *f = *state;

	expect_bad(f, "[deadlines]\nreferral_days = fourteen\n", "deadlines",
		   "referral_days", "fourteen");
	expect_bad(f, "[priority]\nhomeless = 4.5\n", "priority", "homeless",
		   "4.5");
	expect_bad(f, "[deadlines]\nappeal_weeks = -3\n", "deadlines",
		   "appeal_weeks", "-3");
	expect_bad(f, "[deadlines]\nappeal_weeks = 0x3\n", "deadlines",
		   "appeal_weeks", "0x3");
	expect_bad(f, "[retention]\nyears =\n", "retention", "years", "");
	expect_bad(f, "[retention]\nyears = 99999999999999999999\n",
		   "retention", "years", "99999999999999999999");
	expect_msg_has(f, "accepted: a whole number from 1 to 50");
	/* drafts are kept at least a day: 0 would delete today's typing */
	expect_bad(f, "[retention]\ndraft_days = 0\n", "retention",
		   "draft_days", "0");
	expect_bad(f, "[retention]\ndraft_days = 3651\n", "retention",
		   "draft_days", "3651");
	expect_msg_has(f, "accepted: a whole number from 1 to 3650");
}

static void test_out_of_range(void **state)
{
	struct fixture *f = *state;

	expect_bad(f, "[deadlines]\ninterim_days = 91\n", "deadlines",
		   "interim_days", "91");
	expect_msg_has(f, "from 1 to 90");
	expect_bad(f, "[deadlines]\ninterim_days = 0\n", "deadlines",
		   "interim_days", "0");
	expect_bad(f, "[deadlines]\nappeal_weeks = 13\n", "deadlines",
		   "appeal_weeks", "13");
	expect_msg_has(f, "from 1 to 12");
	expect_bad(f, "[priority]\nwaiting_month = 1001\n", "priority",
		   "waiting_month", "1001");
	expect_msg_has(f, "from 0 to 1000");
	expect_bad(f, "[leases]\nmonths = 121\n", "leases", "months", "121");
	/* the edges themselves are accepted */
	assert_int_equal(load_text(f, "[deadlines]\ninterim_days = 90\n"
				      "appeal_weeks = 1\n[priority]\n"
				      "health = 0\nhomeless = 1000\n"),
			 0);
	assert_int_equal(f->cfg.interim_days, 90);
	assert_int_equal(f->cfg.w_homeless, 1000);
}

static void test_relations_between_keys(void **state)
{
	struct fixture *f = *state;

	expect_bad(f, "[deadlines]\ninterim_days = 10\ninterim_warn_days = 10\n",
		   "deadlines", "interim_warn_days", "10");
	expect_msg_has(f, "from 0 to 9");
	/* the order of the keys does not matter */
	expect_bad(f, "[leases]\nmonths = 12\nmin_months = 24\n", "leases",
		   "months", "12");
	expect_bad(f, "[leases]\nmonths_children = 30\n", "leases",
		   "months_children", "30");
	expect_bad(f, "[leases]\nmin_months = 12\nreview_months = 12\n"
		      "months = 12\nmonths_children = 12\n",
		   "leases", "review_months", "12");
	assert_int_equal(load_text(f, "[leases]\nmin_months = 12\nmonths = 12\n"
				      "months_children = 24\n"
				      "review_months = 3\n"),
			 0);
	assert_int_equal(f->cfg.lease_min_months, 12);
}

static void test_unknown_key(void **state)
{
	struct fixture *f = *state;

	expect_bad(f, "[deadlines]\ninterim_dayz = 30\n", "deadlines",
		   "interim_dayz", "30");
	expect_msg_has(f, "unknown key");
	expect_msg_has(f, "interim_days");
	/* a key of another section is unknown here */
	expect_bad(f, "[law]\nname = Hamar\n", "law", "name", "Hamar");
}

static void test_unknown_section(void **state)
{
	struct fixture *f = *state;
	char want[400];

	assert_int_equal(load_text(f, "[deadline]\ninterim_days = 30\n"),
			 ERR_CONFIG);
	snprintf(want, sizeof want, "%s: [deadline]: unknown section", f->path);
	expect_msg_has(f, want);
	expect_msg_has(f, "[deadlines]");
	assert_int_equal(f->cfg.interim_days, 30);
}

static void test_key_outside_section(void **state)
{
	struct fixture *f = *state;
	char want[400];

	assert_int_equal(load_text(f, "interim_days = 12\n[deadlines]\n"),
			 ERR_CONFIG);
	snprintf(want, sizeof want, "%s: interim_days = '12': ", f->path);
	expect_msg_has(f, want);
}

static void test_bad_boolean(void **state)
{
	struct fixture *f = *state;

	expect_bad(f, "[demo]\nallow_synthetic_ids = kanskje\n", "demo",
		   "allow_synthetic_ids", "kanskje");
	expect_msg_has(f, "ja or nei");
	/* iniparser's own reading would take "nope" for no */
	expect_bad(f, "[demo]\nallow_synthetic_ids = nope\n", "demo",
		   "allow_synthetic_ids", "nope");
}

static void test_unknown_language(void **state)
{
	struct fixture *f = *state;

	expect_bad(f, "[interface]\nlanguage = de\n", "interface", "language",
		   "de");
	expect_msg_has(f, "nb");
	expect_msg_has(f, "nn");
	expect_msg_has(f, "en");
	expect_bad(f, "[interface]\nlanguage = nbx\n", "interface", "language",
		   "nbx");
}

static void test_overlong_string(void **state)
{
	struct fixture *f = *state;
	char text[600], value[300];

	/* 129 bytes: one more than the field holds; refused, not cut */
	memset(value, 'x', 129);
	value[129] = '\0';
	snprintf(text, sizeof text, "[municipality]\nname = %s\n", value);
	assert_int_equal(load_text(f, text), ERR_CONFIG);
	expect_msg_has(f, "[municipality] name = 'xxxxxxxxxx");
	expect_msg_has(f, "…': accepted: text of 1 to 128 bytes");
	assert_string_equal(f->cfg.municipality, "Eksempel kommune");
	/* 128 bytes fit exactly */
	value[128] = '\0';
	snprintf(text, sizeof text, "[municipality]\nname = %s\n", value);
	assert_int_equal(load_text(f, text), 0);
	assert_string_equal(f->cfg.municipality, value);
	/* 65 two-byte letters are 130 bytes */
	strcpy(value, "");
	for (int i = 0; i < 65; i++)
		strcat(value, "ø");
	snprintf(text, sizeof text, "[municipality]\nname = %s\n", value);
	assert_int_equal(load_text(f, text), ERR_CONFIG);
	expect_msg_has(f, "[municipality] name = 'øøøø");
}

static void test_bad_text(void **state)
{
	struct fixture *f = *state;

	expect_bad(f, "[municipality]\nname = \"\"\n", "municipality", "name",
		   "");
	expect_bad(f, "[law]\nadmin = a\tb\n", "law", "admin", "a?b");
	expect_bad(f, "[letters]\ndecision = ../vedtak.txt\n", "letters",
		   "decision", "../vedtak.txt");
	expect_bad(f, "[letters]\nplan = ..\n", "letters", "plan", "..");
	expect_bad(f, "[intake]\nrough = NAV KONTOR\n", "intake", "rough",
		   "NAV KONTOR");
	expect_bad(f, "[intake]\nrough = ABCDEFGHIJKLMNOPQ\n", "intake",
		   "rough", "ABCDEFGHIJKLMNOPQ");
}

static void test_too_many_keys(void **state)
{
	struct fixture *f = *state;
	char text[4096];
	size_t o;
	int i;

	o = (size_t)snprintf(text, sizeof text, "[keys]\n");
	for (i = 0; i < CFG_MAX_KEYS; i++)
		o += (size_t)snprintf(text + o, sizeof text - o,
				      "action%d = x\n", i);
	/* a repeated action replaces, it does not count twice */
	o += (size_t)snprintf(text + o, sizeof text - o, "action0 = y\n");
	assert_int_equal(load_text(f, text), 0);
	assert_int_equal(f->cfg.nkeys, CFG_MAX_KEYS);
	assert_string_equal(f->cfg.key_names[0], "y");
	snprintf(text + o, sizeof text - o, "one_more = z\n");
	expect_bad(f, text, "keys", "one_more", "z");
	expect_msg_has(f, "at most 64 key bindings");
}

static void test_overlong_key_binding(void **state)
{
	struct fixture *f = *state;
	char text[300];

	snprintf(text, sizeof text, "[keys]\n%s = x\n",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"); /* 33 bytes */
	expect_bad(f, text, "keys", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x");
	snprintf(text, sizeof text, "[keys]\nquit = %s\n",
		 "q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q "
		 "q q"); /* 65 bytes */
	assert_int_equal(load_text(f, text), ERR_CONFIG);
	expect_msg_has(f, "[keys] quit = 'q q q");
	expect_msg_has(f, "64");
}

static void test_syntax_errors_name_the_line(void **state)
{
	struct fixture *f = *state;
	char want[400];

	assert_int_equal(load_text(f, "[deadlines]\n# ok\ninterim_days 30\n"),
			 ERR_CONFIG);
	snprintf(want, sizeof want, "%s: line 3: ", f->path);
	expect_msg_has(f, want);
	assert_int_equal(load_text(f, "[deadlines\n"), ERR_CONFIG);
	expect_msg_has(f, "line 1");
	assert_int_equal(load_text(f, "[law]\n= x\n"), ERR_CONFIG);
	expect_msg_has(f, "line 2");
	assert_int_equal(load_text(f, "[]\n"), ERR_CONFIG);
	expect_msg_has(f, "line 1");
	assert_int_equal(load_text(f, "# x\n[ ]\n"), ERR_CONFIG);
	expect_msg_has(f, "line 2");
	/* a value continued on the next line is one line */
	assert_int_equal(load_text(f, "[law]\nadmin = forvaltnings\\\nloven\n"),
			 0);
	assert_string_equal(f->cfg.law_admin, "forvaltningsloven");
}

static void test_bad_bytes(void **state)
{
	struct fixture *f = *state;
	char big[1100];

	write_file(f->path, "[law]\nadmin = a\0b\n", 19);
	assert_int_equal(config_load(&f->cfg, f->path, &f->e), ERR_CONFIG);
	expect_msg_has(f, "line 2");
	assert_int_equal(load_text(f, "[law]\n\nadmin = \xff\n"), ERR_CONFIG);
	expect_msg_has(f, "line 3");
	expect_msg_has(f, "UTF-8");
	assert_int_equal(load_text(f, "\xef\xbb\xbf[law]\n"), ERR_CONFIG);
	expect_msg_has(f, "byte-order mark");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big, "[law]\nadmin = ", 14);
	assert_int_equal(load_text(f, big), ERR_CONFIG);
	expect_msg_has(f, "line 2");
	expect_msg_has(f, "longer than 1000 bytes");
}

static void test_not_a_file(void **state)
{
	struct fixture *f = *state;
	char want[400];

	assert_int_equal(config_load(&f->cfg, f->dir, &f->e), ERR_CONFIG);
	snprintf(want, sizeof want, "%s: not a regular file", f->dir);
	assert_string_equal(f->e.msg, want);
}

static void test_unreadable_file(void **state)
{
	struct fixture *f = *state;
	char through[400];

	/* a path through a file is not "missing": it is an error */
	write_file(f->path, "[law]\n", 6);
	snprintf(through, sizeof through, "%s/x.ini", f->path);
	assert_int_equal(config_load(&f->cfg, through, &f->e), ERR_CONFIG);
	expect_msg_has(f, through);
	expect_msg_has(f, "cannot be read");
	assert_string_equal(f->cfg.warning, "");
	if (geteuid() == 0)
		return; /* root reads a file whatever its mode */
	assert_int_equal(chmod(f->path, 0), 0);
	assert_int_equal(config_load(&f->cfg, f->path, &f->e), ERR_CONFIG);
	expect_msg_has(f, f->path);
	expect_msg_has(f, "cannot be read");
}

static void test_too_large_file(void **state)
{
	struct fixture *f = *state;
	size_t n = 300 * 1024;
	char *text = malloc(n + 1);

	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		text[i] = (i % 64 == 63) ? '\n' : '#';
	text[n] = '\0';
	assert_int_equal(load_text(f, text), ERR_CONFIG);
	free(text);
	expect_msg_has(f, "larger than");
}

/* A bad file leaves the defaults, not half of the file. */
static void test_bad_file_applies_nothing(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load_text(f, "[municipality]\nname = Hamar\n"
				      "[deadlines]\ninterim_days = 200\n"),
			 ERR_CONFIG);
	assert_string_equal(f->cfg.municipality, "Eksempel kommune");
	assert_false(f->cfg.from_file);
}

static void test_null_err_is_safe(void **state)
{
	struct fixture *f = *state;

	write_file(f->path, "[x]\n", 4);
	assert_int_equal(config_load(&f->cfg, f->path, NULL), ERR_CONFIG);
}

/* The installed example changes nothing: every key is its default. */
static void test_example_file_is_the_defaults(void **state)
{
	struct fixture *f = *state;
	struct config want;

	(void)f;
	config_defaults(&want);
	assert_int_equal(config_load(&f->cfg, "conf/bosak.ini", &f->e), 0);
	assert_true(f->cfg.from_file);
	assert_string_equal(f->cfg.path, "conf/bosak.ini");
	assert_string_equal(f->cfg.warning, "");
	/* "letters" next to the file is SYSCONFDIR/bosak/letters once
	 * installed; here it is the repository's conf/letters */
	assert_string_equal(f->cfg.template_dir, "conf/letters");
	memcpy(f->cfg.template_dir, want.template_dir,
	       sizeof want.template_dir);
	memcpy(f->cfg.path, want.path, sizeof want.path);
	f->cfg.from_file = false;
	assert_memory_equal(&f->cfg, &want, sizeof want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing_file_keeps_defaults, setup, teardown),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_system_path),
		cmocka_unit_test_setup_teardown(test_every_key_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handover_checklist, setup, teardown),
		cmocka_unit_test_setup_teardown(test_instruments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_are_case_insensitive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absolute_path_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_booleans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inline_comment_and_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact_message_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_between_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_outside_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_boolean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlong_string, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlong_key_binding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_errors_name_the_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_large_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_file_applies_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_null_err_is_safe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_example_file_is_the_defaults, setup, teardown),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
