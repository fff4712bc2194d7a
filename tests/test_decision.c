/* Decisions: every part or no decision, the frozen letter, the units told
 * of it, and appeals with the late flag. */
#include "alloc_helpers.h"

/* A handed-over complete case and a vacant dwelling, as tild1. */
static struct tenv *setup_case(int64_t *case_id, int64_t *dwelling,
			       const char *track)
{
	struct tenv *t = tenv_new("tild1");
	struct spec sp = {.given = "Åse", .family = "Ødegård",
			  .situation = SIT_TEMPORARY, .track = track};

	*case_id = spec_case(t, &sp);
	*dwelling = add_dwelling(t, "Torget 2, H0301", 1, false, false);
	hand_over(t, *case_id, "tild1");
	return t;
}

static void expect_part(struct tenv *t, const struct decision_draft *d,
			const char *field)
{
	char *letter = NULL;

	assert_int_equal(decision_check(&t->s, d), ERR_INVAL);
	if (strcmp(t->s.err.field, field) != 0)
		fail_msg("field '%s', not '%s': %s", t->s.err.field, field,
			 t->s.err.msg);
	/* nor can it be composed, let alone issued */
	assert_int_equal(decision_compose(&t->s, d, &letter), ERR_INVAL);
	assert_null(letter);
}

static void test_decision_refused_without_each_part(void **state)
{
	int64_t id, dw;
	struct tenv *t = setup_case(&id, &dw, "both");
	struct decision_draft base, d;
	char dir[300], cmd[900];

	(void)state;
	fill_draft(t, id, DO_GRANTED_DWELLING, dw, &base);
	must_ok(t, decision_check(&t->s, &base));
	/* the prefilled parts come from the configuration and the case */
	assert_string_equal(base.rules, t->cfg.law_allocation);
	assert_non_null(strstr(base.facts, "02.03.2026"));
	assert_int_equal(base.grant_rooms, 1);
	assert_int_equal(base.lease_months, 36);

	d = base; d.conclusion[0] = '\0';
	expect_part(t, &d, "conclusion");
	d = base; snprintf(d.conclusion, sizeof d.conclusion, "  \n ");
	expect_part(t, &d, "conclusion");
	d = base; d.rules[0] = '\0';
	expect_part(t, &d, "rules");
	d = base; d.facts[0] = '\0';
	expect_part(t, &d, "facts");
	d = base; d.considerations[0] = '\0';
	expect_part(t, &d, "considerations");
	d = base; d.grant_type[0] = '\0';
	expect_part(t, &d, "grant_type");
	d = base; d.grant_rooms = 0;
	expect_part(t, &d, "grant_rooms");
	d = base; d.grant_size_m2 = 0;
	expect_part(t, &d, "grant_size");
	d = base; d.lease_months = 0;
	expect_part(t, &d, "lease_months");
	d = base; d.lease_months = 12;
	expect_part(t, &d, "lease_ground");
	snprintf(d.lease_ground, sizeof d.lease_ground,
		 "Boligen er avsatt til vanskeligstilte.");
	must_ok(t, decision_check(&t->s, &d));
	d = base; d.dwelling_id = 0;
	expect_part(t, &d, "dwelling");
	/* a refusal states the other help considered */
	d = base; d.outcome = DO_REJECTED; d.other_help[0] = '\0';
	expect_part(t, &d, "other_help");
	d.outcome = DO_ASSISTANCE_REJECTED;
	expect_part(t, &d, "other_help");
	/* assistance granted states its main content */
	d = base; d.outcome = DO_ASSISTANCE_GRANTED; d.assistance[0] = '\0';
	expect_part(t, &d, "assistance");
	/* the appeal information comes from the configuration */
	d = base;
	t->cfg.appeal_body_allocation[0] = '\0';
	expect_part(t, &d, "appeal");
	snprintf(t->cfg.appeal_body_allocation,
		 sizeof t->cfg.appeal_body_allocation, "Klagenemnda i kommunen");
	/* ... and its wording from the template: one without a part is
	 * refused, naming it */
	snprintf(dir, sizeof dir, "%s/letters", t->dir);
	snprintf(cmd, sizeof cmd,
		 "mkdir -p %s && grep -v '{{#documents}}\\|{{/documents}}' "
		 "conf/letters/decision.nb.txt > %s/decision.nb.txt",
		 dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(t->cfg.template_dir, sizeof t->cfg.template_dir, "%s", dir);
	expect_part(t, &d, "template");
	assert_non_null(strstr(t->s.err.msg, "{{#documents}}"));
	snprintf(cmd, sizeof cmd,
		 "grep -v 'appeal_body' conf/letters/decision.nb.txt > "
		 "%s/decision.nb.txt",
		 dir);
	assert_int_equal(system(cmd), 0);
	expect_part(t, &d, "template");
	assert_non_null(strstr(t->s.err.msg, "{{appeal_body}}"));
	snprintf(t->cfg.template_dir, sizeof t->cfg.template_dir,
		 "conf/letters");
	must_ok(t, decision_check(&t->s, &base));
	/* and only the allocation group decides */
	tenv_login(t, "nav1");
	assert_int_equal(decision_check(&t->s, &base), ERR_DENIED);
	tenv_free(&t);
}

static void expect_in(const char *letter, const char *part)
{
	if (!strstr(letter, part))
		fail_msg("the letter lacks \"%s\":\n%s", part, letter);
}

static void test_decision_frozen_and_reproduced(void **state)
{
	int64_t id, dw, did = 0, other;
	struct tenv *t = setup_case(&id, &dw, "dwelling");
	struct decision_draft d, d2;
	struct case_rec c;
	char *letter = NULL, *again = NULL, *snap = NULL, sql[300];

	(void)state;
	fill_draft(t, id, DO_GRANTED_DWELLING, dw, &d);
	snprintf(d.facts, sizeof d.facts, "Søker bor på hospits og har ingen "
					  "egen bolig. Husstanden er én person.");
	must_ok(t, decision_compose(&t->s, &d, &letter));
	expect_in(letter, "VEDTAK – TILDELING AV KOMMUNAL BOLIG");
	expect_in(letter, "Du får tildelt kommunal utleiebolig.");
	expect_in(letter, "Vedtaket er gjort etter kommunens forskrift om "
			  "tildeling av kommunal bolig.");
	expect_in(letter, "Søker bor på hospits");
	expect_in(letter, "Husstanden er uten bolig");
	expect_in(letter, "Bolig:          Torget 2, H0301");
	expect_in(letter, "Type bolig:     ordinær kommunal utleiebolig");
	expect_in(letter, "Størrelse:      1 rom, 38 m²");
	expect_in(letter, "Etasje:         3. etasje, med heis");
	expect_in(letter, "Leiekontrakt:   36 måneder");
	expect_in(letter, "faller\ntildelingen bort");
	expect_in(letter, "Klagefristen er\n3 uker");
	expect_in(letter, "sender vi klagen til Klagenemnda i kommunen");
	expect_in(letter, "Slik klager du");
	expect_in(letter, "rett til å se dokumentene");
	expect_in(letter, "Åse Ødegård\nStorgata 1\n2317 Hamar\n");
	expect_in(letter, "Tildelingsgruppen");
	expect_in(letter, "Kopi til: NAV Øst");
	assert_null(strstr(letter, "Annen hjelp"));
	/* the ID number is nowhere in it, least of all the address block */
	must_ok(t, case_open(&t->s, id, &c));
	assert_null(strstr(letter, c.nid));
	/* reviewed, then issued: the same text */
	must_ok(t, decision_issue(&t->s, &d, letter, &did));
	assert_true(did > 0);
	must_ok(t, case_open(&t->s, id, &c));
	assert_string_equal(c.status, "granted");
	assert_true(journal_has(t, id, "decision", "decision: granted_dwelling; "
						   "dwelling Torget 2"));

	/* the case changes afterwards: address, household, note, the
	 * dwelling's rent, even the law in the configuration */
	snprintf(sql, sizeof sql, "UPDATE person SET address = 'Nygata 9', "
				  "postcode = '2318' WHERE id = %lld",
		 (long long)c.applicant_id);
	assert_int_equal(db_exec(t->s.db, sql), DB_OK);
	assert_int_equal(db_exec(t->s.db, "UPDATE dwelling SET rent = 9999, "
					  "area = 'Vest'"),
			 DB_OK);
	must_ok(t, case_note(&t->s, id, "Flyttet til Nygata."));
	snprintf(t->cfg.law_allocation, sizeof t->cfg.law_allocation,
		 "ny forskrift av 2027");
	/* ... and the decision is reproduced byte for byte */
	must_ok(t, decision_letter(&t->s, did, &again));
	assert_int_equal(strlen(again), strlen(letter));
	assert_memory_equal(again, letter, strlen(letter));
	free(again);
	tenv_login(t, "nav1");
	must_ok(t, decision_letter(&t->s, did, &again));
	assert_string_equal(again, letter);
	free(again);
	/* the facts it rested on are stored with it */
	must_ok(t, decision_snapshot(&t->s, did, &snap));
	assert_non_null(strstr(snap, "\"address\":\"Storgata 1\""));
	assert_non_null(strstr(snap, "\"rent\":7500"));
	assert_non_null(strstr(snap, "kommunens forskrift om tildeling"));
	free(snap);
	/* someone without access sees nothing */
	tenv_login(t, "helse1");
	assert_int_equal(decision_letter(&t->s, did, &again), ERR_DENIED);
	assert_null(again);
	tenv_login(t, "tild1");

	/* a reviewed letter that no longer matches is not issued */
	{
		struct spec sp = {.given = "Per", .family = "Senere",
				  .situation = SIT_ROUGH};
		other = spec_case(t, &sp);
		hand_over(t, other, "tild1");
	}
	/* the dwelling is granted already: not to another case */
	fill_draft(t, other, DO_GRANTED_DWELLING, dw, &d2);
	assert_int_equal(decision_check(&t->s, &d2), ERR_CONFLICT);
	assert_string_equal(t->s.err.field, "dwelling");
	fill_draft(t, other, DO_GRANTED_WAITING, 0, &d2);
	free(letter);
	must_ok(t, decision_compose(&t->s, &d2, &letter));
	expect_in(letter, "Du står på venteliste");
	expect_in(letter, "Etasje:         uten krav til etasje eller heis");
	must_ok(t, case_open(&t->s, other, &c));
	snprintf(sql, sizeof sql, "UPDATE person SET city = 'Stange' WHERE id = "
				  "%lld", (long long)c.applicant_id);
	assert_int_equal(db_exec(t->s.db, sql), DB_OK);
	assert_int_equal(decision_issue(&t->s, &d2, letter, &did), ERR_CONFLICT);
	assert_int_equal(did, 0);
	must_ok(t, case_open(&t->s, other, &c));
	assert_string_equal(c.status, "handed_over");
	free(letter);
	tenv_free(&t);
}

static void test_decision_seen_by_units(void **state)
{
	int64_t id, dw, did;
	struct tenv *t = setup_case(&id, &dw, "dwelling");
	struct decision_draft d;
	struct unit_rec nav, helse;
	char sql[600], *letter = NULL;

	(void)state;
	/* HELSE accepted a referral of the case; EIE has nothing to do with
	 * it */
	must_ok(t, unit_find(&t->s, "NAV", &nav));
	must_ok(t, unit_find(&t->s, "HELSE", &helse));
	snprintf(sql, sizeof sql,
		 "INSERT INTO referral (case_id, from_unit_id, to_unit_id, kind, "
		 "asked, reason, basis, deadline, status, created_by, "
		 "created_at) VALUES (%lld, %lld, %lld, 'service', 'oppfølging', "
		 "'behov', 'consent', '2026-03-16', 'accepted', 1, "
		 "'2026-03-02T10:00:00Z')",
		 (long long)id, (long long)nav.id, (long long)helse.id);
	assert_int_equal(db_exec(t->s.db, sql), DB_OK);
	fill_draft(t, id, DO_GRANTED_DWELLING, dw, &d);
	must_ok(t, decision_compose(&t->s, &d, &letter));
	expect_in(letter, "Kopi til: NAV Øst, Pleie og omsorg");
	must_ok(t, decision_issue(&t->s, &d, letter, &did));
	free(letter);
	/* both units see it in their lists the moment it is issued */
	tenv_login(t, "nav2");
	assert_true(list_has(t, AL_DECISIONS, id));
	tenv_login(t, "sup1");
	assert_true(list_has(t, AL_DECISIONS, id));
	tenv_login(t, "helse1");
	assert_true(list_has(t, AL_DECISIONS, id));
	tenv_login(t, "eie1");
	assert_false(list_has(t, AL_DECISIONS, id));
	/* NAV opens it: NAV has seen it, HELSE not yet */
	tenv_login(t, "nav1");
	must_ok(t, decision_seen(&t->s, id));
	assert_false(list_has(t, AL_DECISIONS, id));
	tenv_login(t, "nav2");
	assert_int_equal(list_count(t, AL_DECISIONS), 0);
	tenv_login(t, "helse1");
	assert_int_equal(list_count(t, AL_DECISIONS), 1);
	tenv_free(&t);
}

static int64_t rejected_case(struct tenv *t, const char *family,
			     int64_t *decision)
{
	struct spec sp = {.given = "Klage", .family = family,
			  .situation = SIT_UNSUITABLE};
	struct decision_draft d;
	int64_t id = spec_case(t, &sp);

	hand_over(t, id, "tild1");
	fill_draft(t, id, DO_REJECTED, 0, &d);
	snprintf(d.conclusion, sizeof d.conclusion, "Søknaden er avslått.");
	*decision = issue(t, &d);
	return id;
}

/* The deadline is three weeks from the day the decision reached the
 * applicant: received on day 21 it is in time, on day 22 late. */
static void test_appeal_late_flag(void **state)
{
	struct tenv *t = tenv_new("tild1");
	int64_t d21, d22, dlong, a = 0;
	int64_t c21 = rejected_case(t, "Tjueen", &d21);
	int64_t c22 = rejected_case(t, "Tjueto", &d22);
	int64_t clong = rejected_case(t, "Foreldet", &dlong);
	struct appeal_rec *ap = NULL;
	struct decision_rec dr;
	size_t n = 0;
	char kind[17], due[DB_DATE];

	(void)state;
	/* delivered two days after the decision (02.03.2026) */
	tenv_set_today(t, "2026-03-04");
	must_ok(t, decision_delivered(&t->s, d21, "2026-03-04"));
	must_ok(t, decision_delivered(&t->s, d22, "2026-03-04"));
	must_ok(t, decision_get(&t->s, d21, &dr));
	assert_int_equal(appeal_deadline(&t->s, &dr), date_days("2026-03-25"));
	tenv_login(t, "nav1");
	must_ok(t, case_next_deadline(&t->s, c21, kind, due));
	assert_string_equal(kind, "appeal");
	assert_string_equal(due, "2026-03-25");

	/* day 21 */
	tenv_set_today(t, "2026-03-25");
	must_ok(t, appeal_register(&t->s, d21, "2026-03-25", &a));
	must_ok(t, appeal_list(&t->s, c21, &ap, &n));
	assert_int_equal(n, 1);
	assert_int_equal(ap[0].late, 0);
	assert_string_equal(ap[0].status, "registered");
	free(ap);
	/* day 22 */
	tenv_set_today(t, "2026-03-26");
	must_ok(t, appeal_register(&t->s, d22, "2026-03-26", &a));
	must_ok(t, appeal_list(&t->s, c22, &ap, &n));
	assert_int_equal(ap[0].late, 1);
	/* the deciding body reassesses within three weeks: a deadline */
	assert_string_equal(ap[0].due, "2026-04-16");
	free(ap);
	assert_true(journal_has(t, c22, "status", "rejected -> appealed: late"));
	/* a day in the future, or before the decision, is not a day received */
	assert_int_equal(appeal_register(&t->s, dlong, "2026-03-27", &a),
			 ERR_INVAL);
	/* not delivered on record: counted from the decision (02.03.2026);
	 * a year after the deadline it cannot be taken in */
	tenv_set_today(t, "2027-03-24");
	assert_int_equal(appeal_register(&t->s, dlong, "2027-03-24", &a),
			 ERR_INVAL);
	assert_string_equal(t->s.err.field, "received");
	tenv_set_today(t, "2027-03-23");
	must_ok(t, appeal_register(&t->s, dlong, "2027-03-23", &a));
	must_ok(t, appeal_list(&t->s, clong, &ap, &n));
	assert_int_equal(ap[0].late, 1);
	free(ap);
	(void)c22;
	tenv_free(&t);
}

static void test_appeal_reassessed(void **state)
{
	struct tenv *t = tenv_new("tild1");
	int64_t dup, dchange, a_up = 0, a_ch = 0, newd;
	int64_t cup = rejected_case(t, "Opprettholdt", &dup);
	int64_t cch = rejected_case(t, "Endret", &dchange);
	struct appeal_rec *ap = NULL;
	struct decision_rec *ds = NULL;
	struct decision_draft d;
	struct case_rec c;
	size_t n = 0;

	(void)state;
	tenv_login(t, "nav1");
	must_ok(t, appeal_register(&t->s, dup, "2026-03-02", &a_up));
	must_ok(t, appeal_register(&t->s, dchange, "2026-03-02", &a_ch));
	tenv_login(t, "tild1");
	assert_true(list_has(t, AL_APPEALS, cup));
	/* uphold and forward */
	must_ok(t, appeal_list(&t->s, cup, &ap, &n));
	assert_int_equal(appeal_forward(&t->s, a_up, ap[0].version + 1),
			 ERR_CONFLICT);
	must_ok(t, appeal_forward(&t->s, a_up, ap[0].version));
	free(ap);
	assert_true(journal_has(t, cup, "appeal", "appeal upheld and forwarded "
						  "to Klagenemnda i kommunen"));
	assert_true(list_has(t, AL_APPEALS, cup));
	/* the appeal body's outcome */
	must_ok(t, appeal_list(&t->s, cup, &ap, &n));
	assert_string_equal(ap[0].status, "forwarded");
	assert_string_equal(ap[0].due, "");
	assert_int_equal(appeal_outcome(&t->s, a_up, ap[0].version, "maybe",
					"2026-03-02"),
			 ERR_INVAL);
	must_ok(t, appeal_outcome(&t->s, a_up, ap[0].version, "upheld",
				  "2026-03-02"));
	free(ap);
	must_ok(t, appeal_list(&t->s, cup, &ap, &n));
	assert_string_equal(ap[0].status, "decided");
	assert_string_equal(ap[0].body_outcome, "upheld");
	free(ap);
	must_ok(t, case_open(&t->s, cup, &c));
	assert_string_equal(c.status, "rejected");
	assert_false(list_has(t, AL_APPEALS, cup));

	/* change: a new, frozen decision answers the appeal */
	fill_draft(t, cch, DO_GRANTED_WAITING, 0, &d);
	assert_int_equal(d.appeal_id, a_ch);
	snprintf(d.conclusion, sizeof d.conclusion,
		 "Etter klage får du tildelt bolig og står på venteliste.");
	newd = issue(t, &d);
	must_ok(t, appeal_list(&t->s, cch, &ap, &n));
	assert_string_equal(ap[0].status, "changed");
	assert_int_equal(ap[0].new_decision_id, newd);
	free(ap);
	must_ok(t, decision_list(&t->s, cch, &ds, &n));
	assert_int_equal(n, 2);
	assert_int_equal(ds[0].id, newd);
	assert_int_equal(ds[0].supersedes, dchange);
	free(ds);
	must_ok(t, case_open(&t->s, cch, &c));
	assert_string_equal(c.status, "waiting");
	assert_true(journal_has(t, cch, "appeal", "appeal: decision changed"));
	/* an appeal against a replaced decision is refused */
	assert_int_equal(appeal_register(&t->s, dchange, "2026-03-02", &a_ch),
			 ERR_INVAL);
	tenv_free(&t);
}

/* Waiting, then a dwelling: the new decision supersedes the first. */
static void test_waiting_then_dwelling(void **state)
{
	int64_t id, dw, first, second;
	struct tenv *t = setup_case(&id, &dw, "dwelling");
	struct decision_draft d;
	struct decision_rec *ds = NULL;
	struct db_alloc_line q[5];
	size_t n = 0;

	(void)state;
	fill_draft(t, id, DO_GRANTED_WAITING, 0, &d);
	first = issue(t, &d);
	/* still in the queue, waiting for a dwelling */
	must_ok(t, alloc_queue_page(&t->s, NULL, NULL, 5, q, &n));
	assert_int_equal(n, 1);
	assert_string_equal(q[0].line.status, "waiting");
	must_ok(t, dwelling_candidates(&t->s, dw, NULL, 5, q, &n));
	assert_int_equal(n, 1);
	fill_draft(t, id, DO_GRANTED_DWELLING, dw, &d);
	second = issue(t, &d);
	must_ok(t, decision_list(&t->s, id, &ds, &n));
	assert_int_equal(n, 2);
	assert_int_equal(ds[0].id, second);
	assert_int_equal(ds[0].supersedes, first);
	assert_string_equal(ds[0].dwelling_address, "Torget 2, H0301");
	free(ds);
	/* granted: out of the queue */
	{
		long left = -1;
		must_ok(t, alloc_queue_count(&t->s, NULL, &left));
		assert_int_equal(left, 0);
	}
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decision_refused_without_each_part),
		cmocka_unit_test(test_decision_frozen_and_reproduced),
		cmocka_unit_test(test_decision_seen_by_units),
		cmocka_unit_test(test_appeal_late_flag),
		cmocka_unit_test(test_appeal_reassessed),
		cmocka_unit_test(test_waiting_then_dwelling),
	};

	return cmocka_run_group_tests_name("decision", tests, NULL, NULL);
}
