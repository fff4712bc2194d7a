/* The housing instruments panel (issue 8): every state change and its
 * journal entry, the version guard, who may change it, the referral to
 * the handling unit, the handover check, the refusal's other help, and
 * the supervisor's counts against a direct count. */
#include "alloc_helpers.h"

#define HA "housing_allowance"
#define SL "start_loan"
#define DEP "deposit"
#define FU "follow_up"
#define MD "municipal_dwelling"

static struct tenv *setup(const char *login)
{
	struct tenv *t = tenv_new(login);

	/* follow-up in the home is the health unit's; the rest the case's
	 * own unit; no municipal housing allowance (the default) */
	snprintf(t->cfg.instrument_unit[7], sizeof t->cfg.instrument_unit[7],
		 "HELSE");
	return t;
}

static struct instrument_line line(struct tenv *t, int64_t id,
				   const char *code)
{
	struct instrument_line l[CFG_INSTRUMENTS];
	size_t n = 0;

	must_ok(t, instrument_panel(&t->s, id, l, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].r.code, code) == 0)
			return l[i];
	fail_msg("%s is not on the panel", code);
	return l[0];
}

/* The newest journal entry, and how many of kind instrument there are. */
static struct journal_rec newest(struct tenv *t, int64_t id, size_t *count)
{
	struct journal_rec *j = NULL, r;
	size_t n = 0;

	must_ok(t, case_journal(&t->s, id, &j, &n));
	assert_true(n > 0);
	r = j[0];
	*count = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(j[i].kind, "instrument") == 0)
			(*count)++;
	free(j);
	return r;
}

static void expect_journal(struct tenv *t, int64_t id, size_t want_count,
			   const char *stored, const char *shown)
{
	size_t count = 0;
	struct journal_rec j = newest(t, id, &count);
	char text[1400];

	assert_int_equal(count, want_count);
	assert_string_equal(j.kind, "instrument");
	if (strcmp(j.text, stored) != 0)
		fail_msg("journal '%s', not '%s'", j.text, stored);
	journal_render(&j, text, sizeof text);
	if (!strstr(text, shown))
		fail_msg("'%s' not in the shown line '%s'", shown, text);
}

static void set(struct tenv *t, int64_t id, const char *code,
		enum instr_state st, const char *reason, const char *note,
		const char *applied)
{
	struct instrument_change ch = {.case_id = id, .code = code,
				       .state = st, .reason = reason,
				       .note = note, .applied_iso = applied};
	ch.version = line(t, id, code).r.version;
	must_ok(t, instrument_set(&t->s, &ch));
}

/* Every state, each change one journal entry in the stable form and shown
 * in the reader's language; the one key's way; a stale version. */
static void test_every_state_change_journaled(void **state)
{
	struct tenv *t = setup("nav1");
	int64_t id = tenv_case(t, "Åse", "Ødegård", "NAV");
	struct instrument_line l[CFG_INSTRUMENTS];
	struct instrument_change ch = {.case_id = id};
	size_t n = 0, k = 0;

	(void)state;
	must_ok(t, instrument_panel(&t->s, id, l, &n));
	assert_int_equal(n, 9); /* no municipal housing allowance */
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(l[i].state, IS_NONE);
		assert_int_equal(l[i].r.version, 0);
		assert_int_equal(l[i].other_unit, strcmp(l[i].r.code, FU) == 0);
	}
	/* the one key: none -> to be applied for -> applied -> granted */
	must_ok(t, instrument_advance(&t->s, id, HA, 0));
	expect_journal(t, id, ++k, HA ": none -> to_apply",
		       instr_state_label(IS_TO_APPLY));
	must_ok(t, instrument_advance(&t->s, id, HA, 1));
	expect_journal(t, id, ++k, HA ": to_apply -> applied; applied "
		       "2026-03-02 at NAV", "02.03.2026");
	assert_string_equal(line(t, id, HA).r.applied_on, "2026-03-02");
	assert_string_equal(line(t, id, HA).r.unit_code, "NAV");
	must_ok(t, instrument_advance(&t->s, id, HA, 2));
	expect_journal(t, id, ++k, HA ": applied -> granted",
		       instr_state_label(IS_GRANTED));
	assert_string_equal(line(t, id, HA).r.granted_on, "2026-03-02");
	/* granted is the end of the way */
	assert_int_equal(instrument_advance(&t->s, id, HA, 3), ERR_INVAL);
	/* a stale version is a conflict, never an overwrite */
	assert_int_equal(instrument_advance(&t->s, id, HA, 1), ERR_CONFLICT);
	assert_int_equal(line(t, id, HA).state, IS_GRANTED);

	/* not relevant needs its reason */
	ch.code = DEP;
	ch.state = IS_NOT_RELEVANT;
	ch.reason = "  ";
	assert_int_equal(instrument_set(&t->s, &ch), ERR_INVAL);
	assert_string_equal(t->s.err.field, "reason");
	ch.reason = "Har egen sparing til depositum.";
	must_ok(t, instrument_set(&t->s, &ch));
	expect_journal(t, id, ++k, DEP ": none -> not_relevant; reason: Har "
		       "egen sparing til depositum.", "Har egen sparing");
	/* from not relevant the key moves it on, and the reason goes */
	must_ok(t, instrument_advance(&t->s, id, DEP, 1));
	expect_journal(t, id, ++k, DEP ": not_relevant -> to_apply",
		       instr_state_label(IS_TO_APPLY));
	assert_string_equal(line(t, id, DEP).r.reason, "");

	/* applied on a day: not in the future; then refused */
	ch = (struct instrument_change){.case_id = id, .code = SL,
					.state = IS_APPLIED,
					.applied_iso = "2026-03-03"};
	assert_int_equal(instrument_set(&t->s, &ch), ERR_INVAL);
	assert_string_equal(t->s.err.field, "applied");
	ch.applied_iso = "2026-02-20";
	ch.note = "Søkt via Husbanken.";
	must_ok(t, instrument_set(&t->s, &ch));
	expect_journal(t, id, ++k, SL ": none -> applied; applied 2026-02-20 "
		       "at NAV; note: Søkt via Husbanken.", "20.02.2026");
	set(t, id, SL, IS_REFUSED, NULL, NULL, NULL);
	expect_journal(t, id, ++k, SL ": applied -> refused",
		       instr_state_label(IS_REFUSED));
	assert_string_equal(line(t, id, SL).r.applied_on, "2026-02-20");
	assert_string_equal(line(t, id, SL).r.refused_on, "2026-03-02");
	assert_string_equal(line(t, id, SL).r.note, "Søkt via Husbanken.");
	assert_int_equal(instrument_advance(&t->s, id, SL, 2), ERR_INVAL);

	/* a note alone is a change too; the same again is none */
	set(t, id, SL, IS_REFUSED, NULL, "Klage vurderes.", NULL);
	expect_journal(t, id, ++k, SL ": refused -> refused; note: Klage "
		       "vurderes.", "Klage vurderes.");
	set(t, id, SL, IS_REFUSED, NULL, "Klage vurderes.", NULL);
	(void)newest(t, id, &n);
	assert_int_equal(n, k);
	/* back to not yet considered, to correct a mistake */
	set(t, id, SL, IS_NONE, NULL, NULL, NULL);
	expect_journal(t, id, ++k, SL ": refused -> none",
		       instr_state_label(IS_NONE));
	assert_string_equal(line(t, id, SL).r.applied_on, "");

	/* an unknown or not offered instrument, an unknown state */
	ch = (struct instrument_change){.case_id = id, .code = "yacht",
					.state = IS_TO_APPLY};
	assert_int_equal(instrument_set(&t->s, &ch), ERR_INVAL);
	ch.code = "municipal_allowance";
	assert_int_equal(instrument_set(&t->s, &ch), ERR_INVAL);
	ch.code = HA;
	ch.state = IS__COUNT;
	assert_int_equal(instrument_set(&t->s, &ch), ERR_INVAL);

	/* another unit's caseworker may not change it, nor see it */
	tenv_login(t, "helse1");
	ch = (struct instrument_change){.case_id = id, .code = FU,
					.state = IS_TO_APPLY};
	assert_int_equal(instrument_set(&t->s, &ch), ERR_DENIED);
	tenv_login(t, "nav1");
	(void)newest(t, id, &n);
	assert_int_equal(n, k);
	tenv_free(&t);
}

/* One step: the instrument is sent to its handling unit as a referral
 * for a service; without the person's consent nothing is sent. */
static void test_refer_to_handling_unit(void **state)
{
	struct tenv *t = setup("nav1");
	int64_t id = tenv_case(t, "Per", "Pleie", "NAV"), rid = 0;
	struct unit_rec helse;
	struct instrument_line l;
	size_t k = 0;
	long n = 0;

	(void)state;
	assert_int_equal(instrument_refer(&t->s, id, FU, 0, &rid), ERR_INVAL);
	assert_string_equal(t->s.err.field, "basis");
	assert_int_equal(line(t, id, FU).r.version, 0);
	/* the case's own unit handles it: nobody to refer to */
	assert_int_equal(instrument_refer(&t->s, id, HA, 0, &rid), ERR_INVAL);
	assert_string_equal(t->s.err.field, "unit");

	must_ok(t, unit_find(&t->s, "HELSE", &helse));
	must_ok(t, referral_consent_record(&t->s, id, helse.id, "given"));
	must_ok(t, instrument_refer(&t->s, id, FU, 0, &rid));
	assert_true(rid > 0);
	l = line(t, id, FU);
	assert_int_equal(l.state, IS_APPLIED);
	assert_int_equal(l.r.referral_id, rid);
	assert_string_equal(l.r.unit_code, "HELSE");
	expect_journal(t, id, ++k, FU ": none -> applied; applied 2026-03-02 "
		       "at HELSE; referral to HELSE", "HELSE");
	/* already applied: not sent twice */
	assert_int_equal(instrument_refer(&t->s, id, FU, 1, &rid), ERR_INVAL);

	tenv_login(t, "helse1");
	must_ok(t, referral_count(&t->s, RL_INBOX, 0, &n));
	assert_int_equal(n, 1);
	tenv_free(&t);
}

/* With [instruments] required, a handover is refused while one is not
 * considered, naming it; not relevant with a reason counts. */
static void test_handover_needs_every_instrument(void **state)
{
	struct tenv *t = setup("nav1");
	struct spec sp = {.given = "Kari", .family = "Komplett",
			  .situation = SIT_TEMPORARY};
	int64_t id = spec_case(t, &sp);
	const char *label = handover_item_label(HI_INSTRUMENTS);
	struct instrument_line l[CFG_INSTRUMENTS];
	unsigned miss = 0;
	char list[1200];
	size_t n = 0;
	int rc;

	(void)state;
	t->cfg.instruments_required = true;
	assert_true(label[0] != '\0');
	rc = handover_give(&t->s, id, case_version(t, id), "Oppsummering");
	assert_int_equal(rc, ERR_INVAL);
	assert_string_equal(t->s.err.field, "checklist");
	assert_non_null(strstr(t->s.err.msg, label));
	must_ok(t, handover_missing(&t->s, id, &miss, list, sizeof list));
	assert_int_equal(miss, HI_INSTRUMENTS);

	must_ok(t, instrument_panel(&t->s, id, l, &n));
	for (size_t i = 0; i + 1 < n; i++)
		set(t, id, l[i].r.code, IS_NOT_RELEVANT, "Vurdert, ikke aktuelt.",
		    NULL, NULL);
	rc = handover_give(&t->s, id, case_version(t, id), "Oppsummering");
	assert_int_equal(rc, ERR_INVAL);
	assert_non_null(strstr(t->s.err.msg, label));
	set(t, id, l[n - 1].r.code, IS_TO_APPLY, NULL, NULL, NULL);
	must_ok(t, handover_missing(&t->s, id, &miss, list, sizeof list));
	assert_int_equal(miss, 0);
	must_ok(t, handover_give(&t->s, id, case_version(t, id),
				 "Oppsummering"));

	/* not required: the handover does not ask */
	t->cfg.instruments_required = false;
	sp.family = "Uvurdert";
	id = spec_case(t, &sp);
	must_ok(t, handover_give(&t->s, id, case_version(t, id),
				 "Oppsummering"));
	tenv_free(&t);
}

/* A refusal's "other help considered" comes from the panel, and the
 * letter as issued states it; the dwelling itself is not other help. */
static void test_refusal_letter_lists_instruments(void **state)
{
	struct tenv *t = setup("nav1");
	struct spec sp = {.given = "Avslag", .family = "Hansen",
			  .situation = SIT_UNSUITABLE};
	int64_t id = spec_case(t, &sp), did;
	struct decision_draft d;
	char *letter = NULL;

	(void)state;
	set(t, id, HA, IS_APPLIED, NULL, NULL, "2026-02-27");
	set(t, id, DEP, IS_NOT_RELEVANT, "Har egen sparing.", NULL, NULL);
	set(t, id, "debt_advice", IS_TO_APPLY, NULL, "Time hos NAV 10.03.",
	    NULL);
	set(t, id, MD, IS_APPLIED, NULL, NULL, NULL);
	hand_over(t, id, "tild1");

	must_ok(t, decision_draft_init(&t->s, id, DO_REJECTED, 0, &d));
	assert_non_null(strstr(d.other_help, instrument_label(HA)));
	assert_non_null(strstr(d.other_help, "27.02.2026"));
	assert_non_null(strstr(d.other_help, instrument_label(DEP)));
	assert_non_null(strstr(d.other_help, "Har egen sparing."));
	assert_non_null(strstr(d.other_help, "Time hos NAV 10.03."));
	assert_null(strstr(d.other_help, instrument_label(MD)));
	assert_null(strstr(d.other_help, instrument_label(SL)));
	snprintf(d.conclusion, sizeof d.conclusion, "Søknaden er avslått.");
	snprintf(d.considerations, sizeof d.considerations,
		 "Husstanden kan skaffe seg bolig selv med bostøtte.");
	must_ok(t, decision_check(&t->s, &d));
	did = issue(t, &d);
	must_ok(t, decision_letter(&t->s, did, &letter));
	assert_non_null(strstr(letter, instrument_label(HA)));
	assert_non_null(strstr(letter, "Har egen sparing."));
	free(letter);
	tenv_free(&t);
}

/* The counts per unit and period equal a count made by reading every
 * case's panel; a refusal with no other instrument applied for counts,
 * one with an instrument applied for does not. */
static void test_counts_equal_direct_count(void **state)
{
	struct tenv *t = setup("nav1");
	struct spec sp = {.given = "Telle", .situation = SIT_UNSUITABLE};
	const char *families[] = {"En", "To", "Tre", "Fire", "Fem"};
	int64_t ids[5], eie;
	struct instrument_counts c, all;
	struct decision_draft d;
	const char *from = "2026-03-01", *to = "2026-03-31";

	(void)state;
	for (int i = 0; i < 5; i++) {
		sp.family = families[i];
		ids[i] = spec_case(t, &sp);
	}
	sp.family = "Eiendom";
	sp.unit = "EIE";
	eie = spec_case(t, &sp);
	/* March */
	set(t, ids[0], HA, IS_APPLIED, NULL, NULL, NULL);
	set(t, ids[0], HA, IS_GRANTED, NULL, NULL, NULL);
	set(t, ids[1], HA, IS_TO_APPLY, NULL, NULL, NULL);
	set(t, ids[1], DEP, IS_NOT_RELEVANT, "Nei.", NULL, NULL);
	set(t, ids[2], DEP, IS_APPLIED, NULL, NULL, "2026-02-25");
	set(t, ids[3], MD, IS_APPLIED, NULL, NULL, NULL);
	/* April: outside the period */
	tenv_set_today(t, "2026-04-10");
	set(t, ids[4], HA, IS_APPLIED, NULL, NULL, NULL);
	set(t, ids[1], HA, IS_APPLIED, NULL, NULL, NULL);
	tenv_login(t, "eie1");
	set(t, eie, HA, IS_APPLIED, NULL, NULL, NULL);
	tenv_set_today(t, "2026-03-20");
	/* two refusals in March: case 3 has only the dwelling applied for,
	 * case 2 has a deposit guarantee applied for */
	hand_over(t, ids[3], "tild1");
	fill_draft(t, ids[3], DO_REJECTED, 0, &d);
	(void)issue(t, &d);
	hand_over(t, ids[2], "tild1");
	fill_draft(t, ids[2], DO_REJECTED, 0, &d);
	(void)issue(t, &d);

	tenv_login(t, "nav1");
	assert_int_equal(instrument_counts(&t->s, 0, from, to, &c), ERR_DENIED);
	tenv_login(t, "sup1");
	{
		struct unit_rec nav;
		must_ok(t, unit_find(&t->s, "NAV", &nav));
		must_ok(t, instrument_counts(&t->s, nav.id, from, to, &c));
		assert_int_equal(instrument_counts(&t->s, nav.id, to, from, &c),
				 ERR_INVAL);
		must_ok(t, instrument_counts(&t->s, nav.id, from, to, &c));
	}
	/* the direct count, from every NAV case's panel (as nav1) */
	tenv_login(t, "nav1");
	assert_int_equal(c.n, 9);
	for (size_t r = 0; r < c.n; r++) {
		long con = 0, app = 0, gra = 0;
		for (int i = 0; i < 5; i++) {
			struct instrument_line l = line(t, ids[i], c.row[r].code);
			if (l.state == IS_NONE)
				continue;
			con += strcmp(l.r.considered_on, from) >= 0 &&
			       strcmp(l.r.considered_on, to) <= 0;
			app += l.r.applied_on[0] &&
			       strcmp(l.r.applied_on, from) >= 0 &&
			       strcmp(l.r.applied_on, to) <= 0;
			gra += l.r.granted_on[0] &&
			       strcmp(l.r.granted_on, from) >= 0 &&
			       strcmp(l.r.granted_on, to) <= 0;
		}
		if (c.row[r].considered != con || c.row[r].applied != app ||
		    c.row[r].granted != gra)
			fail_msg("%s: %ld %ld %ld, direct %ld %ld %ld",
				 c.row[r].code, c.row[r].considered,
				 c.row[r].applied, c.row[r].granted, con, app,
				 gra);
	}
	/* and the numbers themselves, so the direct count is not empty */
	assert_string_equal(c.row[0].code, HA);
	assert_int_equal(c.row[0].considered, 2);
	assert_int_equal(c.row[0].applied, 1);
	assert_int_equal(c.row[0].granted, 1);
	assert_int_equal(c.refused_no_other, 1);

	/* every unit: the administrator; EIE's April application is not in
	 * March, NAV's refusals are */
	tenv_login(t, "admin");
	must_ok(t, instrument_counts(&t->s, 0, from, "2026-04-30", &all));
	assert_int_equal(all.row[0].applied, 4);
	assert_int_equal(all.refused_no_other, 1);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_state_change_journaled),
		cmocka_unit_test(test_refer_to_handling_unit),
		cmocka_unit_test(test_handover_needs_every_instrument),
		cmocka_unit_test(test_refusal_letter_lists_instruments),
		cmocka_unit_test(test_counts_equal_direct_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
