/* The individual plan: one per person, activation and what it lacks,
 * revisions and their comparison, who may read and change it, the
 * evaluation deadline and the printed plan. */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

static int64_t unit_id(struct tenv *t, const char *code)
{
	struct unit_rec u;
	assert_int_equal(unit_find(&t->s, code, &u), 0);
	return u.id;
}

static int64_t staff_id(struct tenv *t, const char *login)
{
	struct staff_rec st;
	assert_int_equal(db_staff_get(t->s.db, login, &st), DB_OK);
	return st.id;
}

static long rows(struct tenv *t, const char *from_where)
{
	char sql[600];
	int64_t n = 0;
	snprintf(sql, sizeof sql,
		 "DROP VIEW IF EXISTS tcount; CREATE TEMP VIEW tcount AS "
		 "SELECT * FROM %s;",
		 from_where);
	assert_int_equal(db_exec(t->s.db, sql), DB_OK);
	assert_int_equal(db_count(t->s.db, "tcount", &n), DB_OK);
	return (long)n;
}

/* A NAV case with a draft plan, opened by nav1. */
static struct plan *started(struct tenv *t, int64_t *cid)
{
	struct plan *pl = calloc(1, sizeof *pl);
	int64_t id = 0;

	assert_non_null(pl);
	*cid = tenv_case(t, "Kari", "Nordmann", "NAV");
	assert_int_equal(plan_start(&t->s, *cid, &id), 0);
	assert_int_equal(plan_open(&t->s, id, pl), 0);
	return pl;
}

static void add_measure(struct plan *pl, const char *what, int64_t unit,
			const char *who)
{
	struct plan_measure_rec *m = &pl->meas[pl->nmeas++];
	memset(m, 0, sizeof *m);
	snprintf(m->what, sizeof m->what, "%s", what);
	snprintf(m->extent, sizeof m->extent, "to ganger i uken");
	m->resp_unit_id = unit;
	snprintf(m->resp_name, sizeof m->resp_name, "%s", who);
	snprintf(m->from, sizeof m->from, "2026-03-02");
	snprintf(m->to, sizeof m->to, "2026-09-01");
	snprintf(m->status, sizeof m->status, "planned");
}

/* Everything activation asks for. */
static void complete(struct tenv *t, struct plan *pl)
{
	snprintf(pl->p.consent_date, sizeof pl->p.consent_date, "2026-03-02");
	pl->p.coordinator_id = staff_id(t, "nav1");
	snprintf(pl->p.goals, sizeof pl->p.goals, "Egen leid bolig innen ett år.");
	snprintf(pl->p.period_from, sizeof pl->p.period_from, "2026-03-02");
	snprintf(pl->p.period_to, sizeof pl->p.period_to, "2027-03-01");
	snprintf(pl->p.next_evaluation, sizeof pl->p.next_evaluation,
		 "2026-06-01");
	if (!pl->nmeas)
		add_measure(pl, "Økonomisk rådgivning", unit_id(t, "NAV"), "");
}

static void test_one_plan_per_person(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = 0, again = 0;
	struct plan *pl = started(t, &cid);

	(void)state;
	assert_string_equal(pl->p.status, "draft");
	assert_int_equal(pl->p.revision, 1);
	assert_int_equal(pl->npart, 1);
	assert_string_equal(pl->part[0].kind, "person");
	assert_string_equal(pl->part[0].name, "Kari Nordmann");
	assert_int_equal(plan_of_case(&t->s, cid, &id), 0);
	assert_int_equal(id, pl->p.id);
	assert_int_equal(plan_start(&t->s, cid, &again), ERR_CONFLICT);
	assert_int_equal(rows(t, "plan"), 1);
	assert_int_equal(rows(t, "plan_revision"), 1);
	assert_int_equal(rows(t, "journal WHERE kind = 'plan'"), 1);
	/* a case without a plan says so */
	{
		int64_t other = tenv_case(t, "Per", "Uten", "NAV");
		assert_int_equal(plan_of_case(&t->s, other, &id), ERR_NOTFOUND);
		assert_non_null(strstr(t->s.err.msg, "no individual plan"));
	}
	/* only the responsible unit's caseworker starts one */
	tenv_login(t, "eie1");
	{
		int64_t c2 = 0;
		tenv_login(t, "nav1");
		c2 = tenv_case(t, "Ola", "Annen", "NAV");
		tenv_login(t, "eie1");
		assert_int_equal(plan_start(&t->s, c2, &again), ERR_DENIED);
	}
	free(pl);
	tenv_free(&t);
}

/* Activation is refused with each missing part named. */
static void test_activation_names_what_is_missing(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid;
	struct plan *pl = started(t, &cid);
	struct plan *base = calloc(1, sizeof *base);
	char missing[1024];

	(void)state;
	assert_non_null(base);
	add_measure(pl, "Booppfølging", 0, "");
	assert_int_equal(plan_set_status(&t->s, pl, "active"), ERR_INVAL);
	assert_string_equal(pl->p.status, "draft");
	assert_non_null(strstr(t->s.err.msg, "consent"));
	assert_non_null(strstr(t->s.err.msg, "a coordinator"));
	assert_non_null(strstr(t->s.err.msg, "at least one goal"));
	assert_non_null(strstr(t->s.err.msg, "\"Booppfølging\""));
	assert_int_equal(plan_missing(pl, missing, sizeof missing), 4);

	/* complete, then take away one part at a time */
	pl->nmeas = 0;
	complete(t, pl);
	assert_int_equal(plan_missing(pl, missing, sizeof missing), 0);
	*base = *pl;

	pl->p.consent_date[0] = '\0';
	assert_int_equal(plan_set_status(&t->s, pl, "active"), ERR_INVAL);
	assert_non_null(strstr(t->s.err.msg, "consent to the plan"));
	assert_null(strstr(t->s.err.msg, "coordinator"));
	*pl = *base;

	pl->p.coordinator_id = 0;
	assert_int_equal(plan_set_status(&t->s, pl, "active"), ERR_INVAL);
	assert_non_null(strstr(t->s.err.msg, "a coordinator"));
	assert_null(strstr(t->s.err.msg, "consent"));
	*pl = *base;

	pl->p.goals[0] = '\0';
	assert_int_equal(plan_set_status(&t->s, pl, "active"), ERR_INVAL);
	assert_non_null(strstr(t->s.err.msg, "at least one goal"));
	*pl = *base;

	pl->meas[0].resp_unit_id = 0;
	assert_int_equal(plan_set_status(&t->s, pl, "active"), ERR_INVAL);
	assert_non_null(strstr(t->s.err.msg, "\"Økonomisk rådgivning\""));
	*pl = *base;
	/* a partner or a person can be the responsible party */
	pl->meas[0].resp_unit_id = 0;
	snprintf(pl->meas[0].resp_name, sizeof pl->meas[0].resp_name,
		 "Frelsesarmeen");
	assert_int_equal(plan_set_status(&t->s, pl, "active"), 0);
	assert_string_equal(pl->p.status, "active");
	/* nothing was saved by the refusals: revision 2 is the first change */
	assert_int_equal(pl->p.revision, 2);
	assert_int_equal(rows(t, "plan_revision"), 2);
	free(base);
	free(pl);
	tenv_free(&t);
}

static void test_coordinator_when_the_person_declines(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid;
	struct plan *pl = started(t, &cid);

	(void)state;
	pl->p.coordinator_id = staff_id(t, "helse1"); /* another unit */
	assert_int_equal(plan_set_status(&t->s, pl, "declined"), 0);
	assert_string_equal(pl->p.status, "declined");
	assert_string_equal(pl->p.coordinator_name, "Helga Helse");
	assert_string_equal(pl->p.coordinator_unit, "Pleie og omsorg");
	/* the coordinator of another unit reads and changes the plan */
	tenv_login(t, "helse1");
	{
		struct plan *h = calloc(1, sizeof *h);
		assert_int_equal(plan_open(&t->s, pl->p.id, h), 0);
		assert_int_equal(h->why, AR_PLAN);
		assert_true(h->may_edit);
		snprintf(h->p.needs, sizeof h->p.needs, "Trenger tett oppfølging.");
		assert_int_equal(plan_save(&t->s, h), 0);
		free(h);
	}
	free(pl);
	tenv_free(&t);
}

static void test_revisions_kept_and_compared(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid;
	struct plan *pl = started(t, &cid);
	struct plan_revision_rec *r = NULL;
	size_t n = 0;
	char *text = NULL;

	(void)state;
	snprintf(pl->p.goals, sizeof pl->p.goals, "Egen bolig.");
	assert_int_equal(plan_save(&t->s, pl), 0);
	assert_int_equal(pl->p.revision, 2);
	snprintf(pl->p.goals, sizeof pl->p.goals, "Egen bolig og arbeid.");
	add_measure(pl, "Jobbsøking", unit_id(t, "NAV"), "");
	assert_int_equal(plan_save(&t->s, pl), 0);
	assert_int_equal(pl->p.revision, 3);
	/* saving what did not change makes no revision */
	assert_int_equal(plan_save(&t->s, pl), 0);
	assert_int_equal(pl->p.revision, 3);
	assert_int_equal(plan_revisions(&t->s, pl->p.id, &r, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].revision, 3);
	assert_string_equal(r[0].staff_name, "Åse Ødegård");
	free(r);
	/* an earlier revision is kept as it was */
	assert_int_equal(plan_revision_text(&t->s, pl->p.id, 2, &text), 0);
	assert_non_null(strstr(text, "Goals: Egen bolig.\n"));
	assert_null(strstr(text, "Jobbsøking"));
	free(text);
	/* and compared with the current one */
	assert_int_equal(plan_compare(&t->s, pl->p.id, 2, &text), 0);
	assert_non_null(strstr(text, "- Goals: Egen bolig.\n"));
	assert_non_null(strstr(text, "+ Goals: Egen bolig og arbeid.\n"));
	assert_non_null(strstr(text, "+ Measure: Jobbsøking"));
	assert_non_null(strstr(text, "  Status: draft\n"));
	free(text);
	assert_int_equal(plan_revision_text(&t->s, pl->p.id, 9, &text),
			 ERR_NOTFOUND);
	/* two editors: the second save from a stale version is refused */
	{
		struct plan *other = calloc(1, sizeof *other);
		assert_int_equal(plan_open(&t->s, pl->p.id, other), 0);
		snprintf(other->p.resources, sizeof other->p.resources, "Familien.");
		assert_int_equal(plan_save(&t->s, other), 0);
		snprintf(pl->p.resources, sizeof pl->p.resources, "Venner.");
		assert_int_equal(plan_save(&t->s, pl), ERR_CONFLICT);
		assert_int_equal(rows(t, "plan_revision"), 4);
		free(other);
	}
	free(pl);
	tenv_free(&t);
}

static void test_diff_lines(void **state)
{
	char *out = NULL;

	(void)state;
	assert_int_equal(plan_diff("a\nb\nc\n", "a\nx\nc\nd\n", &out), 0);
	assert_string_equal(out, "  a\n- b\n+ x\n  c\n+ d\n");
	free(out);
	assert_int_equal(plan_diff("", "a\n", &out), 0);
	assert_string_equal(out, "+ a\n");
	free(out);
}

static void test_evaluation_deadline(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid;
	struct plan *pl = started(t, &cid);

	(void)state;
	complete(t, pl);
	assert_int_equal(plan_set_status(&t->s, pl, "active"), 0);
	assert_int_equal(rows(t, "deadline WHERE kind = 'evaluation' AND "
				 "due = '2026-06-01' AND done_at IS NULL"),
			 1);
	/* the next evaluation moves: one open deadline, the new one */
	snprintf(pl->p.next_evaluation, sizeof pl->p.next_evaluation,
		 "2026-09-01");
	assert_int_equal(plan_save(&t->s, pl), 0);
	assert_int_equal(rows(t, "deadline WHERE kind = 'evaluation' AND "
				 "done_at IS NULL"),
			 1);
	assert_int_equal(rows(t, "deadline WHERE kind = 'evaluation' AND "
				 "due = '2026-09-01' AND done_at IS NULL"),
			 1);
	/* closed: nothing is due any more */
	assert_int_equal(plan_set_status(&t->s, pl, "closed"), 0);
	assert_int_equal(rows(t, "deadline WHERE kind = 'evaluation' AND "
				 "done_at IS NULL"),
			 0);
	/* the coordinator's list */
	{
		struct plan_line *l = NULL;
		size_t n = 0;
		long count = 0;
		assert_int_equal(plan_set_status(&t->s, pl, "active"), 0);
		assert_int_equal(plan_coordinated(&t->s, &l, &n), 0);
		assert_int_equal(n, 1);
		assert_string_equal(l[0].next_evaluation, "2026-09-01");
		free(l);
		assert_int_equal(plan_coordinated_count(&t->s, &count), 0);
		assert_int_equal(count, 1);
	}
	free(pl);
	tenv_free(&t);
}

static void test_who_reads_the_plan(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid;
	struct plan *pl = started(t, &cid);
	struct plan *h = calloc(1, sizeof *h);
	struct plan_revision_rec *r = NULL;
	size_t n = 0;

	(void)state;
	complete(t, pl);
	snprintf(pl->p.resources, sizeof pl->p.resources, "Sterk familie.");
	add_measure(pl, "Hjemmetjenester", unit_id(t, "HELSE"), "");
	/* an unrelated unit: nothing, and the attempt is logged */
	tenv_login(t, "helse1");
	assert_int_equal(plan_open(&t->s, pl->p.id, h), ERR_DENIED);
	assert_int_equal(rows(t, "access_log WHERE reason = 'denied' AND "
				 "detail = 'plan'"),
			 1);
	/* a participant the person consented to, seeing goals and measures */
	tenv_login(t, "nav1");
	{
		struct plan_participant_rec *p = &pl->part[pl->npart++];
		memset(p, 0, sizeof *p);
		snprintf(p->kind, sizeof p->kind, "staff");
		p->staff_id = staff_id(t, "helse1");
		snprintf(p->may_see, sizeof p->may_see, "own_measures");
		p->consent = 0;
	}
	assert_int_equal(plan_save(&t->s, pl), 0);
	tenv_login(t, "helse1");
	assert_int_equal(plan_open(&t->s, pl->p.id, h), ERR_DENIED);
	tenv_login(t, "nav1");
	pl->part[pl->npart - 1].consent = 1;
	assert_int_equal(plan_save(&t->s, pl), 0);
	tenv_login(t, "helse1");
	assert_int_equal(plan_open(&t->s, pl->p.id, h), 0);
	assert_true(h->restricted);
	assert_false(h->may_edit);
	assert_string_equal(h->p.goals, "Egen leid bolig innen ett år.");
	assert_string_equal(h->p.resources, "");
	assert_int_equal(h->nmeas, 1);
	assert_string_equal(h->meas[0].what, "Hjemmetjenester");
	assert_int_equal(rows(t, "access_log WHERE reason = 'plan'"), 1);
	/* a participant reads; changes and history are not theirs */
	assert_int_equal(plan_save(&t->s, h), ERR_DENIED);
	assert_int_equal(plan_revisions(&t->s, pl->p.id, &r, &n), ERR_DENIED);
	/* the supervisor of the responsible unit reads, does not edit */
	tenv_login(t, "sup1");
	assert_int_equal(plan_open(&t->s, pl->p.id, h), 0);
	assert_int_equal(h->why, AR_SUPERVISOR);
	assert_false(h->may_edit);
	assert_string_equal(h->p.resources, "Sterk familie.");
	free(h);
	free(pl);
	tenv_free(&t);
}

static void test_plan_letter(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid;
	struct plan *pl = started(t, &cid);
	struct case_rec c;
	char *text = NULL;

	(void)state;
	complete(t, pl);
	assert_int_equal(plan_set_status(&t->s, pl, "active"), 0);
	assert_int_equal(plan_letter(&t->s, pl->p.id, &text), 0);
	assert_int_equal(case_open(&t->s, cid, &c), 0);
	assert_non_null(strstr(text, "INDIVIDUELL PLAN"));
	assert_non_null(strstr(text, "Plan for: Kari Nordmann"));
	assert_non_null(strstr(text, c.number));
	assert_non_null(strstr(text, "Versjon: 2"));
	assert_non_null(strstr(text, "Egen leid bolig innen ett år."));
	assert_non_null(strstr(text, "Økonomisk rådgivning"));
	assert_non_null(strstr(text, "Koordinator: Åse Ødegård (NAV Øst)"));
	assert_non_null(strstr(text, "01.06.2026"));
	assert_null(strstr(text, "{{"));
	/* never the ID number */
	assert_null(strstr(text, c.nid));
	free(text);
	free(pl);
	tenv_free(&t);
}

static void test_bad_values_refused(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid;
	struct plan *pl = started(t, &cid);

	(void)state;
	snprintf(pl->p.status, sizeof pl->p.status, "bored");
	assert_int_equal(plan_save(&t->s, pl), ERR_INVAL);
	snprintf(pl->p.status, sizeof pl->p.status, "draft");
	snprintf(pl->p.period_from, sizeof pl->p.period_from, "2026-05-01");
	snprintf(pl->p.period_to, sizeof pl->p.period_to, "2026-04-01");
	assert_int_equal(plan_save(&t->s, pl), ERR_INVAL);
	assert_string_equal(t->s.err.field, "period_to");
	pl->p.period_to[0] = '\0';
	add_measure(pl, "", unit_id(t, "NAV"), "");
	assert_int_equal(plan_save(&t->s, pl), ERR_INVAL);
	snprintf(pl->meas[0].what, sizeof pl->meas[0].what, "Tiltak");
	snprintf(pl->meas[0].status, sizeof pl->meas[0].status, "maybe");
	assert_int_equal(plan_save(&t->s, pl), ERR_INVAL);
	snprintf(pl->meas[0].status, sizeof pl->meas[0].status, "ongoing");
	assert_int_equal(plan_save(&t->s, pl), 0);
	assert_int_equal(rows(t, "plan_revision"), 2);
	free(pl);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_plan_per_person),
		cmocka_unit_test(test_activation_names_what_is_missing),
		cmocka_unit_test(test_coordinator_when_the_person_declines),
		cmocka_unit_test(test_revisions_kept_and_compared),
		cmocka_unit_test(test_diff_lines),
		cmocka_unit_test(test_evaluation_deadline),
		cmocka_unit_test(test_who_reads_the_plan),
		cmocka_unit_test(test_plan_letter),
		cmocka_unit_test(test_bad_values_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
