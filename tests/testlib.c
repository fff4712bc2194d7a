/* Shared test fixtures: a fresh database with units and users, a session
 * with a clock the test sets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

static time_t tenv_clock(void *ctx)
{
	return ((struct tenv *)ctx)->now;
}

static time_t iso_noon(const char *iso)
{
	day_t d = date_days(iso);
	return (time_t)d * 86400 + 12 * 3600;
}

static void must(struct tenv *t, int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "tenv: %s: %s (%s)\n", what, t->s.err.msg,
			db_last_error(t->s.db));
		abort();
	}
}

void tenv_login(struct tenv *t, const char *login)
{
	must(t, session_login_as(&t->s, login), login);
}

void tenv_set_today(struct tenv *t, const char *iso)
{
	t->now = iso_noon(iso);
}

struct tenv *tenv_new(const char *login)
{
	static const struct {
		const char *code, *name, *kind;
	} units[] = {
		{"SK", "Servicekontoret", "desk"},
		{"NAV", "NAV Øst", "nav"},
		{"EIE", "Eiendom", "property"},
		{"TILD", "Tildelingsgruppen", "allocation"},
		{"HELSE", "Pleie og omsorg", "health"},
	};
	static const struct {
		const char *login, *name, *unit, *role;
	} staff[] = {
		{"nav1", "Åse Ødegård", "NAV", "caseworker"},
		{"nav2", "Bjørn Æsøy", "NAV", "caseworker"},
		{"eie1", "Eirik Eie", "EIE", "caseworker"},
		{"desk1", "Dina Skranke", "SK", "desk"},
		{"tild1", "Tore Tildeling", "TILD", "allocation"},
		{"sup1", "Sunniva Leder", "NAV", "supervisor"},
		{"helse1", "Helga Helse", "HELSE", "caseworker"},
	};
	struct tenv *t = calloc(1, sizeof *t);
	size_t i;

	if (!t)
		abort();
	snprintf(t->dir, sizeof t->dir, "/tmp/bosak-test-XXXXXX");
	if (!mkdtemp(t->dir))
		abort();
	snprintf(t->db_path, sizeof t->db_path, "%s/t.db", t->dir);
	config_defaults(&t->cfg);
	t->cfg.allow_synthetic_nid = true;
	snprintf(t->cfg.template_dir, sizeof t->cfg.template_dir,
		 "conf/letters");
	tenv_set_today(t, "2026-03-02");
	must(t, session_open_db(&t->s, &t->cfg, t->db_path, true), "open");
	t->s.clock = tenv_clock;
	t->s.clock_ctx = t;
	must(t, admin_bootstrap(&t->s, "admin", "Admin Istrator"), "bootstrap");
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		must(t, unit_add(&t->s, units[i].code, units[i].name,
				 units[i].kind),
		     units[i].code);
	for (i = 0; i < sizeof staff / sizeof staff[0]; i++) {
		must(t, staff_add(&t->s, staff[i].login, staff[i].name),
		     staff[i].login);
		must(t, staff_grant(&t->s, staff[i].login, staff[i].unit,
				    staff[i].role),
		     staff[i].login);
	}
	/* the desk also registers for NAV's caseworkers in tests */
	tenv_login(t, login);
	return t;
}

void tenv_free(struct tenv **pt)
{
	struct tenv *t = *pt;
	char cmd[400];

	if (!t)
		return;
	session_close(&t->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "tenv: could not remove %s\n", t->dir);
	free(t);
	*pt = NULL;
}

void tenv_assert_own_people(struct tenv *t, const int64_t *cases, int n)
{
	int64_t person[64];

	assert_true(n <= 64);
	for (int i = 0; i < n; i++) {
		struct case_rec c;
		assert_int_equal(case_open(&t->s, cases[i], &c), 0);
		person[i] = c.applicant_id;
		for (int k = 0; k < i; k++)
			if (person[k] == person[i])
				fail_msg("cases %d and %d share a person", k, i);
	}
}

int64_t tenv_case(struct tenv *t, const char *given, const char *family,
		  const char *unit_code)
{
	static unsigned serial = 100;
	static char last_nid[12];
	struct intake in;
	struct unit_rec u;
	struct staff_rec me = t->s.me;
	int64_t id = 0;
	char number[12];

	/* register as the desk, then log back in as whoever we were */
	tenv_login(t, "desk1");
	intake_init(&t->s, &in);
	/* a serial whose control digit fails gives the next one's number:
	 * go on until the number is new, or two cases share a person */
	do
		must(t, nid_make_synthetic("1985-06-15", serial++, false,
					   in.applicant.nid) ? ERR_INVAL : 0,
		     "synthetic nid");
	while (strcmp(in.applicant.nid, last_nid) == 0);
	snprintf(last_nid, sizeof last_nid, "%s", in.applicant.nid);
	snprintf(in.applicant.given, sizeof in.applicant.given, "%s", given);
	snprintf(in.applicant.family, sizeof in.applicant.family, "%s", family);
	must(t, unit_find(&t->s, unit_code, &u), unit_code);
	in.unit_id = u.id;
	in.nconsents = 1;
	in.consent[0].unit_id = u.id;
	in.consent[0].given = true;
	must(t, intake_register(&t->s, &in, &id, number), "register");
	tenv_login(t, me.login);
	return id;
}
