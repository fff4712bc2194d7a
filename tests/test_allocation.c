/* Handover to the allocation group and return, the priority queue and its
 * explanation, the dwelling register and its import, the meeting view. */
#include "alloc_helpers.h"

static void expect_missing(struct tenv *t, int64_t id, const char *item,
			   bool listed)
{
	int rc = handover_give(&t->s, id, case_version(t, id), "Oppsummering");
	assert_int_equal(rc, ERR_INVAL);
	assert_string_equal(t->s.err.field, "checklist");
	if (listed != (strstr(t->s.err.msg, item) != NULL))
		fail_msg("\"%s\" %s in \"%s\"", item,
			 listed ? "missing" : "listed", t->s.err.msg);
}

/* Every item of the checklist refuses the handover by name, and the
 * message names exactly the items still missing. */
/* The helper's own promise: every case it registers is a person of its
 * own.  A serial whose control digit fails gave the next serial's number,
 * and two cases shared a person (and the search found both). */
static void test_spec_cases_are_distinct_people(void **state)
{
	struct tenv *t = tenv_new("nav1");
	struct spec sp = {.given = "Ulla", .family = "Unik",
			  .situation = SIT_TEMPORARY};
	int64_t cases[30];

	(void)state;
	for (int i = 0; i < 30; i++)
		cases[i] = spec_case(t, &sp);
	tenv_assert_own_people(t, cases, 30);
	tenv_free(&t);
}

static void test_handover_refused_with_each_missing_item(void **state)
{
	struct tenv *t = tenv_new("nav1");
	struct spec sp = {.given = "Kari", .family = "Mangel",
			  .situation = SIT_TEMPORARY, .incomplete = true};
	int64_t id = spec_case(t, &sp);
	const char *identity = handover_item_label(HI_IDENTITY);
	const char *income = handover_item_label(HI_INCOME);
	const char *consent = handover_item_label(HI_CONSENT);
	const char *household = handover_item_label(HI_HOUSEHOLD);
	const char *situation = handover_item_label(HI_SITUATION);
	unsigned miss = 0;
	char list[1024];
	char sql[200];

	(void)state;
	must_ok(t, handover_missing(&t->s, id, &miss, list, sizeof list));
	assert_int_equal(miss, HI_IDENTITY | HI_INCOME | HI_CONSENT);
	expect_missing(t, id, identity, true);
	expect_missing(t, id, income, true);
	expect_missing(t, id, consent, true);
	expect_missing(t, id, household, false);
	expect_missing(t, id, situation, false);

	/* the identity document: no longer named */
	must_ok(t, handover_doc_set(&t->s, id, "id", "received"));
	expect_missing(t, id, identity, false);
	expect_missing(t, id, income, true);
	assert_true(journal_has(t, id, "document", "document id: received"));
	/* income documentation marked not needed also counts */
	must_ok(t, handover_doc_set(&t->s, id, "income", "not_needed"));
	expect_missing(t, id, income, false);
	expect_missing(t, id, consent, true);
	must_ok(t, handover_missing(&t->s, id, &miss, list, sizeof list));
	assert_int_equal(miss, HI_CONSENT);
	assert_string_equal(list, consent);

	/* the household: a case whose household was never registered */
	snprintf(sql, sizeof sql,
		 "DELETE FROM household_member WHERE household_id = (SELECT "
		 "household_id FROM case_file WHERE id = %lld)",
		 (long long)id);
	assert_int_equal(db_exec(t->s.db, sql), DB_OK);
	expect_missing(t, id, household, true);

	/* the situation: other needs without a note */
	{
		struct spec s2 = {.given = "Per", .family = "Behov",
				  .situation = SIT_ROUGH, .needs = NEED_OTHER};
		int64_t id2 = spec_case(t, &s2);
		expect_missing(t, id2, situation, true);
		expect_missing(t, id2, consent, false);
		/* the checklist is configured: without the item it passes */
		t->cfg.handover_checks = HI_ALL & ~HI_SITUATION;
		must_ok(t, handover_give(&t->s, id2, case_version(t, id2),
					 "Oppsummering"));
		t->cfg.handover_checks = HI_ALL;
	}
	/* with nothing configured, identity alone is not asked for */
	t->cfg.handover_checks = HI_CONSENT;
	expect_missing(t, id, identity, false);
	t->cfg.handover_checks = HI_ALL;
	tenv_free(&t);
}

static void test_handover_needs_summary_and_role(void **state)
{
	struct tenv *t = tenv_new("nav1");
	struct spec sp = {.given = "Ola", .family = "Klar",
			  .situation = SIT_RELATIVES};
	int64_t id = spec_case(t, &sp);
	struct handover_rec h;

	(void)state;
	assert_int_equal(handover_give(&t->s, id, case_version(t, id), ""),
			 ERR_INVAL);
	assert_string_equal(t->s.err.field, "summary");
	assert_int_equal(handover_give(&t->s, id, case_version(t, id), "   "),
			 ERR_INVAL);
	/* a stale version */
	assert_int_equal(handover_give(&t->s, id, case_version(t, id) - 1,
				       "Oppsummering"),
			 ERR_CONFLICT);
	/* another unit's caseworker cannot see it; the group cannot hand
	 * over */
	tenv_login(t, "helse1");
	assert_int_equal(handover_give(&t->s, id, 1, "x"), ERR_DENIED);
	tenv_login(t, "nav1");
	must_ok(t, handover_give(&t->s, id, case_version(t, id),
				 "Bor hos venner, trenger bolig raskt."));
	must_ok(t, handover_last(&t->s, id, &h));
	assert_string_equal(h.note, "Bor hos venner, trenger bolig raskt.");
	assert_true(journal_has(t, id, "status", "registered -> handed_over: "
						 "Bor hos venner"));
	/* handed over twice is no move at all */
	assert_int_equal(handover_give(&t->s, id, case_version(t, id), "igjen"),
			 ERR_INVAL);
	tenv_free(&t);
}

static bool queue_has(struct tenv *t, enum queue_kind q, int64_t id)
{
	struct db_case_line out[50];
	size_t n = 0;

	must_ok(t, queue_page(&t->s, q, NULL, 50, out, &n));
	for (size_t i = 0; i < n; i++)
		if (out[i].case_id == id)
			return true;
	return false;
}

static void test_return_needs_reason(void **state)
{
	struct tenv *t = tenv_new("nav1");
	struct spec sp = {.given = "Eva", .family = "Retur",
			  .situation = SIT_TEMPORARY};
	int64_t id = spec_case(t, &sp);
	char kind[17], due[DB_DATE];

	(void)state;
	hand_over(t, id, "tild1");
	assert_true(queue_has(t, Q_ALLOCATION, id));
	/* without a reason: refused, nothing changed */
	assert_int_equal(handover_return(&t->s, id, case_version(t, id), ""),
			 ERR_INVAL);
	assert_string_equal(t->s.err.field, "reason");
	assert_int_equal(handover_return(&t->s, id, case_version(t, id), NULL),
			 ERR_INVAL);
	assert_true(queue_has(t, Q_ALLOCATION, id));
	/* a caseworker cannot return it */
	tenv_login(t, "nav1");
	assert_int_equal(handover_return(&t->s, id, case_version(t, id),
					 "mangler"),
			 ERR_DENIED);
	tenv_login(t, "tild1");
	must_ok(t, handover_return(&t->s, id, case_version(t, id),
				   "Mangler dokumentasjon på inntekt."));
	assert_false(queue_has(t, Q_ALLOCATION, id));
	/* back with the responsible unit at once, with a deadline */
	tenv_login(t, "nav2");
	assert_true(queue_has(t, Q_UNIT_INBOX, id));
	must_ok(t, case_next_deadline(&t->s, id, kind, due));
	assert_string_equal(kind, "returned");
	assert_string_equal(due, "2026-03-16");
	assert_true(journal_has(t, id, "status", "handed_over -> returned: "
						 "Mangler dokumentasjon"));
	{
		struct handover_rec h;
		must_ok(t, handover_last(&t->s, id, &h));
		assert_string_equal(h.return_reason,
				    "Mangler dokumentasjon på inntekt.");
	}
	/* handed over again: the return deadline is met */
	hand_over(t, id, "nav1");
	must_ok(t, case_next_deadline(&t->s, id, kind, due));
	assert_string_not_equal(kind, "returned");
	tenv_free(&t);
}

/* Fixed cases with the default weights (homeless 40, children 20, health
 * 20, discharge 10, 1 a month), today 02.03.2026. */
static void test_priority_score_and_explanation(void **state)
{
	struct tenv *t = tenv_new("tild1");
	struct spec a = {.given = "A", .family = "Gate", .situation = SIT_ROUGH,
			 .children = 2, .received = "2025-11-15"};
	struct spec b = {.given = "B", .family = "Institusjon",
			 .situation = SIT_INSTITUTION, .discharge = "2026-04-10",
			 .needs = NEED_ADAPTED, .received = "2026-03-02"};
	struct spec c = {.given = "C", .family = "Egnet",
			 .situation = SIT_ADEQUATE, .received = "2024-03-02"};
	struct spec d = {.given = "D", .family = "Utkastelse",
			 .situation = SIT_EVICTION, .needs = NEED_STAFFED,
			 .received = "2026-01-02"};
	struct spec f = {.given = "F", .family = "Bemannet",
			 .situation = SIT_EVICTION, .needs = NEED_STAFFED,
			 .received = "2025-11-02"};
	struct spec late = {.given = "G", .family = "Senere",
			    .situation = SIT_INSTITUTION,
			    .discharge = "2026-06-01", .received = "2026-03-02"};
	int64_t ia = spec_case(t, &a), ib = spec_case(t, &b),
		ic = spec_case(t, &c), id = spec_case(t, &d),
		iff = spec_case(t, &f), ig = spec_case(t, &late);
	int64_t order[] = {ib, ia, ig, ic, iff, id};
	int want[] = {70, 63, 40, 24, 24, 22};
	struct db_alloc_line out[20];
	struct alloc_priority p;
	struct alloc_filter flt;
	char text[300];
	size_t n = 0;
	long count = 0;

	(void)state;
	int64_t all[] = {ia, ib, ic, id, iff, ig};
	for (size_t i = 0; i < 6; i++)
		hand_over(t, all[i], "tild1");
	must_ok(t, alloc_queue_page(&t->s, NULL, NULL, 20, out, &n));
	assert_int_equal(n, 6);
	for (size_t i = 0; i < 6; i++) {
		if (out[i].line.case_id != order[i])
			fail_msg("place %zu: case %s (score %d)", i,
				 out[i].line.number, out[i].total);
		assert_int_equal(out[i].total, want[i]);
	}
	/* A: homeless, children under 18, three full months */
	alloc_priority_from(&t->s, &out[1], &p);
	assert_int_equal(p.homeless, 40);
	assert_int_equal(p.children, 20);
	assert_int_equal(p.health, 0);
	assert_int_equal(p.discharge, 0);
	assert_int_equal(p.months, 3);
	assert_int_equal(p.waiting, 3);
	alloc_priority_explain(&p, text, sizeof text);
	assert_string_equal(text, "63 = homeless 40 + children 20 + health 0 + "
				  "discharge 0 + waiting 3 (3 months)");
	/* B: discharged within two months, health need, received today */
	must_ok(t, alloc_priority_of(&t->s, ib, &p));
	alloc_priority_explain(&p, text, sizeof text);
	assert_string_equal(text, "70 = homeless 40 + children 0 + health 20 + "
				  "discharge 10 + waiting 0 (0 months)");
	/* G: discharged later than two months from now: no discharge part */
	must_ok(t, alloc_priority_of(&t->s, ig, &p));
	assert_int_equal(p.discharge, 0);
	assert_int_equal(p.total, 40);
	/* C and F tie at 24: the one received first goes first */
	assert_int_equal(out[3].line.case_id, ic);
	must_ok(t, alloc_priority_of(&t->s, ic, &p));
	assert_int_equal(p.months, 24);
	/* the weights are the configuration's */
	t->cfg.w_waiting_month = 3;
	must_ok(t, alloc_priority_of(&t->s, ic, &p));
	assert_int_equal(p.total, 72);
	assert_int_equal(p.waiting, 72);
	must_ok(t, alloc_queue_page(&t->s, NULL, NULL, 20, out, &n));
	assert_int_equal(out[0].line.case_id, ic);
	t->cfg.w_waiting_month = 1;
	/* paging by the sort key gives the same order */
	{
		struct db_alloc_line page[2];
		size_t k = 0, got = 0;
		const struct db_alloc_line *after = NULL;
		struct db_alloc_line last;
		do {
			must_ok(t, alloc_queue_page(&t->s, NULL, after, 2, page,
						    &got));
			for (size_t i = 0; i < got; i++)
				assert_int_equal(page[i].line.case_id,
						 order[k++]);
			if (got) {
				last = page[got - 1];
				after = &last;
			}
		} while (got == 2);
		assert_int_equal(k, 6);
	}
	/* filters: household size, needs, track */
	memset(&flt, 0, sizeof flt);
	flt.min_size = 3;
	must_ok(t, alloc_queue_page(&t->s, &flt, NULL, 20, out, &n));
	assert_int_equal(n, 1);
	assert_int_equal(out[0].line.case_id, ia);
	assert_int_equal(out[0].household, 3);
	memset(&flt, 0, sizeof flt);
	flt.needs = NEED_STAFFED;
	must_ok(t, alloc_queue_count(&t->s, &flt, &count));
	assert_int_equal(count, 2);
	memset(&flt, 0, sizeof flt);
	snprintf(flt.track, sizeof flt.track, "assistance");
	must_ok(t, alloc_queue_count(&t->s, &flt, &count));
	assert_int_equal(count, 0);
	/* the home screen's count is the same queue */
	must_ok(t, queue_count(&t->s, Q_ALLOCATION, &count));
	assert_int_equal(count, 6);
	/* only the allocation group sees it */
	tenv_login(t, "nav1");
	assert_int_equal(alloc_queue_page(&t->s, NULL, NULL, 20, out, &n),
			 ERR_DENIED);
	tenv_free(&t);
}

/* ---------------------------------------------------------- dwellings */

static long dwellings(struct tenv *t)
{
	int64_t n = 0;
	assert_int_equal(db_count(t->s.db, "dwelling", &n), DB_OK);
	return (long)n;
}

static char *read_all(FILE *fp)
{
	long len;
	char *buf;

	fflush(fp);
	len = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
	return buf;
}

static void test_dwelling_import(void **state)
{
	struct tenv *t = tenv_new("tild1");
	struct import_result res;
	FILE *report = tmpfile();
	char *text;
	struct dwelling_rec d;

	(void)state;
	assert_non_null(report);
	/* every bad line reported, and nothing imported */
	assert_int_equal(dwelling_import(&t->s, "tests/data/dwellings_bad.csv",
					 false, report, &res),
			 ERR_INVAL);
	assert_int_equal(res.bad, 11);
	assert_int_equal(res.imported, 0);
	assert_int_equal(dwellings(t), 0);
	text = read_all(report);
	static const char *const lines[] = {
		"dwellings_bad.csv:3: rom must be a number from 1 to 20.",
		"dwellings_bad.csv:4: kvm must be a number from 1 to 1000.",
		"dwellings_bad.csv:5: adresse is empty.",
		"dwellings_bad.csv:6: heis is ja or nei, not 'kanskje'.",
		("dwellings_bad.csv:7: status is ledig, utleid or vedlikehold, "
		 "not 'revet'."),
		"dwellings_bad.csv:8: adresse: the same address is on line 2.",
		"dwellings_bad.csv:9: 4 fields",
		"dwellings_bad.csv:10: ledig_fra: ",
		"dwellings_bad.csv:11: husleie: ",
		"dwellings_bad.csv:12: etasje must be a number from 0 to 40.",
		"dwellings_bad.csv:13: rom must be a number from 1 to 20.",
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		if (!strstr(text, lines[i]))
			fail_msg("report lacks \"%s\":\n%s", lines[i], text);
	free(text);
	/* --skip-bad: the good ones */
	rewind(report);
	must_ok(t, dwelling_import(&t->s, "tests/data/dwellings_bad.csv", true,
				   NULL, &res));
	assert_int_equal(res.imported, 2);
	assert_int_equal(res.skipped, 11);
	assert_int_equal(dwellings(t), 2);
	/* the good file, and again: every address is already there */
	must_ok(t, dwelling_import(&t->s, "tests/data/dwellings.csv", false,
				   NULL, &res));
	assert_int_equal(res.imported, 6);
	assert_int_equal(dwellings(t), 8);
	assert_int_equal(dwelling_import(&t->s, "tests/data/dwellings.csv",
					 false, NULL, &res),
			 ERR_INVAL);
	assert_int_equal(res.bad, 6);
	assert_int_equal(dwellings(t), 8);
	/* what a line became */
	{
		struct dwelling_rec page[10];
		size_t n = 0;
		bool found = false;
		must_ok(t, dwelling_page(&t->s, "", NULL, 10, page, &n));
		for (size_t i = 0; i < n; i++)
			if (!strcmp(page[i].address, "Ringgata 4, H0102")) {
				d = page[i];
				found = true;
			}
		assert_true(found);
		assert_string_equal(d.area, "Østbyen");
		assert_int_equal(d.rooms, 3);
		assert_int_equal(d.size_m2, 74);
		assert_int_equal(d.floor, 1);
		assert_int_equal(d.lift, 1);
		assert_int_equal(d.adapted, 1);
		assert_int_equal(d.rent, 9800);
		assert_string_equal(d.status, "vacant");
		assert_string_equal(d.vacant_from, "2026-04-01");
	}
	/* a header that is not right stops everything */
	assert_int_equal(dwelling_import(&t->s, "tests/data/dwellings_header.csv",
					 true, NULL, &res),
			 ERR_INVAL);
	assert_int_equal(dwellings(t), 8);
	/* a caseworker does not manage the register */
	tenv_login(t, "nav1");
	assert_int_equal(dwelling_import(&t->s, "tests/data/dwellings.csv",
					 false, NULL, &res),
			 ERR_DENIED);
	/* the property unit does */
	tenv_login(t, "eie1");
	assert_int_equal(dwelling_import(&t->s, "tests/data/dwellings.csv",
					 false, NULL, &res),
			 ERR_INVAL);
	assert_int_equal(dwelling_import(&t->s, "tests/data/nosuch.csv", false,
					 NULL, &res),
			 ERR_IO);
	assert_true(res.file_error);
	fclose(report);
	tenv_free(&t);
}

static void test_dwelling_register(void **state)
{
	struct tenv *t = tenv_new("tild1");
	struct dwelling_rec d, again;
	int64_t id;

	(void)state;
	memset(&d, 0, sizeof d);
	snprintf(d.address, sizeof d.address, "Torget 2");
	d.rooms = 2;
	d.size_m2 = 45;
	snprintf(d.status, sizeof d.status, "vacant");
	/* vacant needs its day */
	assert_int_equal(dwelling_save(&t->s, &d), ERR_INVAL);
	assert_string_equal(t->s.err.field, "vacant_from");
	snprintf(d.vacant_from, sizeof d.vacant_from, "2026-03-01");
	d.rooms = 0;
	assert_int_equal(dwelling_save(&t->s, &d), ERR_INVAL);
	assert_string_equal(t->s.err.field, "rooms");
	d.rooms = 2;
	must_ok(t, dwelling_save(&t->s, &d));
	id = d.id;
	assert_true(id > 0);
	/* the same address twice */
	again = d;
	again.id = 0;
	assert_int_equal(dwelling_save(&t->s, &again), ERR_CONFLICT);
	/* a change from a stale version */
	must_ok(t, dwelling_get(&t->s, id, &again));
	snprintf(d.status, sizeof d.status, "maintenance");
	must_ok(t, dwelling_save(&t->s, &d));
	assert_string_equal(d.vacant_from, "");
	snprintf(again.status, sizeof again.status, "let");
	assert_int_equal(dwelling_save(&t->s, &again), ERR_CONFLICT);
	tenv_login(t, "nav1");
	assert_int_equal(dwelling_save(&t->s, &d), ERR_DENIED);
	assert_int_equal(dwelling_get(&t->s, id, &again), ERR_DENIED);
	tenv_free(&t);
}

/* The meeting view: a dwelling beside the cases it suits, a case beside
 * the dwellings that suit it. */
static void test_meeting_view(void **state)
{
	struct tenv *t = tenv_new("tild1");
	struct spec single = {.given = "En", .family = "Alene",
			      .situation = SIT_ROUGH};
	struct spec family = {.given = "Fire", .family = "Familie",
			      .situation = SIT_TEMPORARY, .children = 2,
			      .adults = 1};
	struct spec wheel = {.given = "Rull", .family = "Stol",
			     .situation = SIT_EVICTION, .needs = NEED_ADAPTED};
	int64_t is = spec_case(t, &single), ifa = spec_case(t, &family),
		iw = spec_case(t, &wheel);
	int64_t small = add_dwelling(t, "Lille 1", 1, false, false);
	int64_t big = add_dwelling(t, "Store 3", 3, false, false);
	int64_t adapted = add_dwelling(t, "Tilpasset 1", 2, true, false);
	struct db_alloc_line c[10];
	struct dwelling_rec w[10];
	size_t n = 0;

	(void)state;
	hand_over(t, is, "tild1");
	hand_over(t, ifa, "tild1");
	hand_over(t, iw, "tild1");
	must_ok(t, dwelling_candidates(&t->s, small, NULL, 10, c, &n));
	assert_int_equal(n, 1);
	assert_int_equal(c[0].line.case_id, is);
	must_ok(t, dwelling_candidates(&t->s, big, NULL, 10, c, &n));
	assert_int_equal(n, 1);
	assert_int_equal(c[0].line.case_id, ifa);
	/* an adapted dwelling suits the one who needs it, and a single */
	must_ok(t, dwelling_candidates(&t->s, adapted, NULL, 10, c, &n));
	assert_int_equal(n, 2);
	assert_int_equal(c[0].line.case_id, is);
	assert_int_equal(c[1].line.case_id, iw);
	must_ok(t, dwelling_suiting_case(&t->s, iw, 10, w, &n));
	assert_int_equal(n, 1);
	assert_int_equal(w[0].id, adapted);
	must_ok(t, dwelling_suiting_case(&t->s, is, 10, w, &n));
	assert_int_equal(n, 2);
	assert_int_equal(w[0].id, small);
	must_ok(t, dwelling_suiting_case(&t->s, ifa, 10, w, &n));
	assert_int_equal(n, 1);
	assert_int_equal(w[0].id, big);
	assert_int_equal(alloc_rooms_needed(1), 1);
	assert_int_equal(alloc_rooms_needed(4), 3);
	assert_int_equal(alloc_rooms_needed(7), 4);
	tenv_free(&t);
}

static void test_journal_forms(void **state)
{
	struct journal_rec j;
	char out[600];

	(void)state;
	memset(&j, 0, sizeof j);
	snprintf(j.kind, sizeof j.kind, "decision");
	snprintf(j.text, sizeof j.text,
		 "decision: granted_dwelling; dwelling Torget 2");
	journal_render(&j, out, sizeof out);
	assert_string_equal(out, "Decision: granted a dwelling. The dwelling: "
				 "Torget 2.");
	snprintf(j.kind, sizeof j.kind, "lease");
	snprintf(j.text, sizeof j.text, "lease 2026-03-02 to 2029-03-02, review "
					"2028-09-02; shorter: reservert");
	journal_render(&j, out, sizeof out);
	assert_string_equal(out, "Lease from 02.03.2026 to 02.03.2029, to be "
				 "reviewed 02.09.2028. Shorter than the minimum: "
				 "reservert");
	snprintf(j.kind, sizeof j.kind, "status");
	snprintf(j.text, sizeof j.text, "rejected -> appealed: late");
	journal_render(&j, out, sizeof out);
	assert_string_equal(out, "Status: rejected → appealed. The appeal came "
				 "after the deadline.");
	snprintf(j.text, sizeof j.text, "handed_over -> returned: mangler");
	journal_render(&j, out, sizeof out);
	assert_string_equal(out, "Status: handed over → returned for "
				 "information. mangler");
	snprintf(j.kind, sizeof j.kind, "appeal");
	snprintf(j.text, sizeof j.text,
		 "appeal upheld and forwarded to Klagenemnda");
	journal_render(&j, out, sizeof out);
	assert_string_equal(out, "Appeal: the decision is upheld and the appeal "
				 "is forwarded to Klagenemnda.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_cases_are_distinct_people),
		cmocka_unit_test(test_handover_refused_with_each_missing_item),
		cmocka_unit_test(test_handover_needs_summary_and_role),
		cmocka_unit_test(test_return_needs_reason),
		cmocka_unit_test(test_priority_score_and_explanation),
		cmocka_unit_test(test_dwelling_import),
		cmocka_unit_test(test_dwelling_register),
		cmocka_unit_test(test_meeting_view),
		cmocka_unit_test(test_journal_forms),
	};

	return cmocka_run_group_tests_name("allocation", tests, NULL, NULL);
}
