/* Leases: the minimum rule, the default lengths, the review queue and its
 * outcomes, extension by a new decision, the end of a tenancy. */
#include "alloc_helpers.h"

/* A case granted a dwelling, as nav1 (its caseworker). */
static struct tenv *granted(int64_t *case_id, int64_t *dwelling, int children)
{
	struct tenv *t = tenv_new("tild1");
	struct spec sp = {.given = "Leie", .family = "Taker",
			  .situation = SIT_TEMPORARY, .children = children};
	struct decision_draft d;

	*case_id = spec_case(t, &sp);
	*dwelling = add_dwelling(t, "Parkvegen 5", children ? 3 : 1, false,
				 false);
	hand_over(t, *case_id, "tild1");
	fill_draft(t, *case_id, DO_GRANTED_DWELLING, *dwelling, &d);
	issue(t, &d);
	tenv_login(t, "nav1");
	return t;
}

static void test_lease_minimum_rule(void **state)
{
	int64_t id, dw, lease = 0;
	struct tenv *t = granted(&id, &dw, 0);
	struct lease_input in;
	struct lease_rec l;
	struct case_rec c;
	struct dwelling_rec w;

	(void)state;
	must_ok(t, lease_init(&t->s, id, &in));
	assert_int_equal(in.months, 36);
	assert_string_equal(in.start, "2026-03-02");
	/* shorter than the minimum, without a ground: refused */
	in.months = 24;
	assert_int_equal(lease_create(&t->s, &in, &lease), ERR_INVAL);
	assert_string_equal(t->s.err.field, "ground");
	assert_non_null(strstr(t->s.err.msg, "husleieloven § 11-1"));
	/* with a ground but no written notice: refused */
	snprintf(in.short_ground, sizeof in.short_ground,
		 "Boligen er avsatt til vanskeligstilte.");
	assert_int_equal(lease_create(&t->s, &in, &lease), ERR_INVAL);
	assert_string_equal(t->s.err.field, "notice");
	/* notice after the start is no notice before signing */
	snprintf(in.start, sizeof in.start, "2026-03-01");
	snprintf(in.notice, sizeof in.notice, "2026-03-02");
	assert_int_equal(lease_create(&t->s, &in, &lease), ERR_INVAL);
	assert_string_equal(t->s.err.field, "notice");
	/* nothing was made */
	assert_int_equal(lease_of_case(&t->s, id, &l), ERR_NOTFOUND);
	must_ok(t, case_open(&t->s, id, &c));
	assert_string_equal(c.status, "granted");
	/* ground and notice given before the start: made */
	snprintf(in.start, sizeof in.start, "2026-03-10");
	snprintf(in.notice, sizeof in.notice, "2026-03-02");
	must_ok(t, lease_create(&t->s, &in, &lease));
	must_ok(t, lease_of_case(&t->s, id, &l));
	assert_int_equal(l.id, lease);
	assert_string_equal(l.start, "2026-03-10");
	assert_string_equal(l.end, "2028-03-10");
	assert_string_equal(l.review, "2027-09-10");
	assert_string_equal(l.short_ground,
			    "Boligen er avsatt til vanskeligstilte.");
	assert_string_equal(l.notice, "2026-03-02");
	must_ok(t, case_open(&t->s, id, &c));
	assert_string_equal(c.status, "housed");
	tenv_login(t, "tild1");
	must_ok(t, dwelling_get(&t->s, dw, &w));
	assert_string_equal(w.status, "let");
	assert_int_equal(w.lease_id, lease);
	assert_string_equal(w.lease_case, c.number);
	/* a second lease for the same case is refused */
	must_ok(t, lease_init(&t->s, id, &in));
	assert_int_equal(lease_create(&t->s, &in, &lease), ERR_INVAL);
	tenv_free(&t);
}

static void test_lease_default_lengths(void **state)
{
	int64_t id, dw, lease;
	struct tenv *t;
	struct lease_input in;
	struct lease_rec l;

	(void)state;
	/* a family with children: the longer configured length, which the
	 * decision granted and the lease follows */
	t = tenv_new("tild1");
	t->cfg.lease_months_children = 60;
	{
		struct spec sp = {.given = "Mor", .family = "Barn",
				  .situation = SIT_RELATIVES, .children = 1};
		struct decision_draft d;
		id = spec_case(t, &sp);
		dw = add_dwelling(t, "Solsiden 3", 2, false, false);
		hand_over(t, id, "tild1");
		fill_draft(t, id, DO_GRANTED_DWELLING, dw, &d);
		assert_int_equal(d.lease_months, 60);
		issue(t, &d);
	}
	must_ok(t, lease_init(&t->s, id, &in));
	assert_int_equal(in.months, 60);
	must_ok(t, lease_create(&t->s, &in, &lease));
	must_ok(t, lease_of_case(&t->s, id, &l));
	assert_string_equal(l.end, "2031-03-02");
	assert_string_equal(l.review, "2030-09-02");
	assert_true(journal_has(t, id, "lease", "lease 2026-03-02 to 2031-03-02, "
						"review 2030-09-02"));
	tenv_free(&t);
	/* without children: the normal length */
	t = granted(&id, &dw, 0);
	t->cfg.lease_months_children = 60;
	must_ok(t, lease_init(&t->s, id, &in));
	assert_int_equal(in.months, 36);
	/* a case not granted a dwelling gets no lease */
	{
		struct spec sp = {.given = "Uten", .family = "Vedtak",
				  .situation = SIT_ROUGH};
		int64_t other = spec_case(t, &sp);
		tenv_login(t, "nav1");
		must_ok(t, lease_init(&t->s, other, &in));
		assert_int_equal(lease_create(&t->s, &in, &lease), ERR_INVAL);
	}
	tenv_free(&t);
}

static void test_leases_to_review(void **state)
{
	int64_t id, dw, lease;
	struct tenv *t = granted(&id, &dw, 0);
	struct lease_input in;
	struct lease_rec l;
	long counts[4];
	char kind[17], due[DB_DATE];

	(void)state;
	must_ok(t, lease_init(&t->s, id, &in));
	must_ok(t, lease_create(&t->s, &in, &lease));
	/* the applicant may still appeal the grant: that comes first */
	must_ok(t, case_next_deadline(&t->s, id, kind, due));
	assert_string_equal(kind, "appeal");
	assert_string_equal(due, "2026-03-23");
	/* not before its review date */
	assert_false(list_has(t, AL_LEASES, id));
	tenv_set_today(t, "2028-09-02");
	assert_true(list_has(t, AL_LEASES, id));
	tenv_login(t, "tild1");
	assert_true(list_has(t, AL_LEASES, id));
	tenv_login(t, "helse1");
	assert_false(list_has(t, AL_LEASES, id));
	/* the review's outcome: extension is a decision, not a word */
	tenv_login(t, "nav1");
	must_ok(t, lease_of_case(&t->s, id, &l));
	assert_int_equal(lease_review(&t->s, l.id, l.version, "extend"),
			 ERR_INVAL);
	assert_int_equal(lease_review(&t->s, l.id, l.version, "later"),
			 ERR_INVAL);
	assert_int_equal(lease_review(&t->s, l.id, l.version + 1, "buy"),
			 ERR_CONFLICT);
	must_ok(t, lease_review(&t->s, l.id, l.version, "buy"));
	assert_false(list_has(t, AL_LEASES, id));
	assert_true(journal_has(t, id, "lease", "lease review: buy"));
	must_ok(t, lease_outcomes(&t->s, "2028-01-01", counts));
	assert_int_equal(counts[2], 1);
	assert_int_equal(counts[0] + counts[1] + counts[3], 0);
	/* reviewed once */
	must_ok(t, lease_of_case(&t->s, id, &l));
	assert_string_equal(l.review_outcome, "buy");
	assert_int_equal(lease_review(&t->s, l.id, l.version, "end"), ERR_INVAL);
	tenv_free(&t);
}

static void test_lease_extended_by_decision(void **state)
{
	int64_t id, dw, lease, ext;
	struct tenv *t = granted(&id, &dw, 0);
	struct lease_input in;
	struct lease_rec l;
	struct decision_draft d;
	struct case_rec c;
	long counts[4];
	char *letter = NULL;

	(void)state;
	must_ok(t, lease_init(&t->s, id, &in));
	must_ok(t, lease_create(&t->s, &in, &lease));
	tenv_set_today(t, "2028-09-05");
	tenv_login(t, "tild1");
	fill_draft(t, id, DO_GRANTED_DWELLING, 0, &d);
	assert_int_equal(d.extend_lease_id, lease);
	assert_int_equal(d.dwelling_id, dw);
	must_ok(t, decision_compose(&t->s, &d, &letter));
	assert_non_null(strstr(letter, "FORLENGELSE AV LEIEKONTRAKT"));
	free(letter);
	ext = issue(t, &d);
	assert_true(ext > 0);
	must_ok(t, case_open(&t->s, id, &c));
	assert_string_equal(c.status, "housed");
	must_ok(t, lease_of_case(&t->s, id, &l));
	assert_true(l.id != lease);
	assert_string_equal(l.start, "2029-03-02");
	assert_string_equal(l.end, "2032-03-02");
	assert_string_equal(l.review, "2031-09-02");
	assert_int_equal(l.decision_id, ext);
	assert_false(list_has(t, AL_LEASES, id));
	must_ok(t, lease_outcomes(&t->s, "2028-01-01", counts));
	assert_int_equal(counts[0], 1);
	tenv_free(&t);
}

static void test_lease_end_vacates(void **state)
{
	int64_t id, dw, lease;
	struct tenv *t = granted(&id, &dw, 0);
	struct lease_input in;
	struct lease_rec l;
	struct dwelling_rec w;

	(void)state;
	must_ok(t, lease_init(&t->s, id, &in));
	must_ok(t, lease_create(&t->s, &in, &lease));
	/* a let dwelling is not made vacant past its lease */
	tenv_login(t, "tild1");
	must_ok(t, dwelling_get(&t->s, dw, &w));
	snprintf(w.status, sizeof w.status, "vacant");
	snprintf(w.vacant_from, sizeof w.vacant_from, "2026-04-01");
	assert_int_equal(dwelling_save(&t->s, &w), ERR_INVAL);
	must_ok(t, lease_of_case(&t->s, id, &l));
	assert_int_equal(lease_end(&t->s, l.id, l.version, "2026-01-01"),
			 ERR_INVAL);
	must_ok(t, lease_end(&t->s, l.id, l.version, "2027-06-30"));
	must_ok(t, dwelling_get(&t->s, dw, &w));
	assert_string_equal(w.status, "vacant");
	assert_string_equal(w.vacant_from, "2027-06-30");
	assert_int_equal(w.lease_id, 0);
	assert_true(journal_has(t, id, "lease", "lease ended 2027-06-30"));
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lease_minimum_rule),
		cmocka_unit_test(test_lease_default_lengths),
		cmocka_unit_test(test_leases_to_review),
		cmocka_unit_test(test_lease_extended_by_decision),
		cmocka_unit_test(test_lease_end_vacates),
	};

	return cmocka_run_group_tests_name("lease", tests, NULL, NULL);
}
