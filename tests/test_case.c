/* Cases: the status machine, versions, access and the access log, intake,
 * search and queues, drafts, the interim reply. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

static unsigned roles_for(const char *who)
{
	if (strcmp(who, "cw") == 0)
		return ROLE_CASEWORKER;
	if (strcmp(who, "al") == 0)
		return ROLE_ALLOCATION;
	return ROLE_DESK;
}

/* Every pair of statuses: legal for the listed role, refused otherwise. */
static void test_transition_table(void **state)
{
	static const struct {
		enum case_status from, to;
		const char *who;
	} legal[] = {
		{CS_REGISTERED, CS_ASSESSMENT, "cw"},
		{CS_RETURNED, CS_ASSESSMENT, "cw"},
		{CS_REGISTERED, CS_HANDED_OVER, "cw"},
		{CS_ASSESSMENT, CS_HANDED_OVER, "cw"},
		{CS_RETURNED, CS_HANDED_OVER, "cw"},
		{CS_HANDED_OVER, CS_RETURNED, "al"},
		{CS_HANDED_OVER, CS_GRANTED, "al"},
		{CS_HANDED_OVER, CS_WAITING, "al"},
		{CS_HANDED_OVER, CS_REJECTED, "al"},
		{CS_WAITING, CS_GRANTED, "al"},
		{CS_WAITING, CS_REJECTED, "al"},
		{CS_GRANTED, CS_APPEALED, "dk"},
		{CS_WAITING, CS_APPEALED, "cw"},
		{CS_REJECTED, CS_APPEALED, "al"},
		{CS_APPEALED, CS_GRANTED, "al"},
		{CS_APPEALED, CS_WAITING, "al"},
		{CS_APPEALED, CS_REJECTED, "al"},
		{CS_GRANTED, CS_HOUSED, "cw"},
		{CS_REGISTERED, CS_CLOSED, "cw"},
		{CS_ASSESSMENT, CS_CLOSED, "cw"},
		{CS_RETURNED, CS_CLOSED, "cw"},
		{CS_HANDED_OVER, CS_CLOSED, "al"},
		{CS_GRANTED, CS_CLOSED, "cw"},
		{CS_WAITING, CS_CLOSED, "al"},
		{CS_REJECTED, CS_CLOSED, "cw"},
		{CS_HOUSED, CS_CLOSED, "cw"},
	};
	int from, to;
	size_t i, nlegal = 0;
	struct err e;

	(void)state;
	for (from = 0; from < CS__COUNT; from++)
		for (to = 0; to < CS__COUNT; to++) {
			bool is_legal = false;
			for (i = 0; i < sizeof legal / sizeof legal[0]; i++)
				if (legal[i].from == (enum case_status)from &&
				    legal[i].to == (enum case_status)to) {
					is_legal = true;
					err_clear(&e);
					assert_int_equal(
						case_transition_check(
							from, to,
							roles_for(legal[i].who),
							&e),
						0);
					nlegal++;
				}
			if (!is_legal) {
				/* no role at all makes an illegal move legal */
				err_clear(&e);
				assert_int_equal(
					case_transition_check(from, to, ~0u, &e),
					ERR_INVAL);
				assert_true(strlen(e.msg) > 0);
			}
		}
	assert_int_equal(nlegal, sizeof legal / sizeof legal[0]);
	/* the right move by the wrong role is denied, with who may */
	err_clear(&e);
	assert_int_equal(case_transition_check(CS_HANDED_OVER, CS_GRANTED,
					       ROLE_CASEWORKER, &e),
			 ERR_DENIED);
	err_clear(&e);
	assert_int_equal(case_transition_check(CS_REGISTERED, CS_ASSESSMENT,
					       ROLE_DESK | ROLE_ALLOCATION, &e),
			 ERR_DENIED);
	/* a closed case stays closed */
	for (to = 0; to < CS__COUNT; to++)
		assert_int_not_equal(
			case_transition_check(CS_CLOSED, to, ~0u, &e), 0);
}

static void test_transition_journaled_and_versioned(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Kari", "Nordmann", "NAV");
	struct case_rec c, c2;
	struct journal_rec *j = NULL;
	size_t nj = 0;

	(void)state;
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_string_equal(c.status, "registered");
	assert_int_equal(case_transition(&t->s, id, c.version, CS_ASSESSMENT,
					 "starter"),
			 0);
	assert_int_equal(case_open(&t->s, id, &c2), 0);
	assert_string_equal(c2.status, "assessment");
	assert_int_equal(c2.version, c.version + 1);
	assert_int_equal(case_journal(&t->s, id, &j, &nj), 0);
	assert_true(nj >= 2);
	assert_string_equal(j[0].kind, "status");
	assert_non_null(strstr(j[0].text, "registered -> assessment"));
	free(j);

	/* a write from the stale version is refused, nothing overwritten */
	assert_int_equal(case_transition(&t->s, id, c.version, CS_HANDED_OVER,
					 NULL),
			 ERR_CONFLICT);
	assert_non_null(strstr(t->s.err.msg, c.number));
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_string_equal(c.status, "assessment");

	/* close needs a known reason */
	assert_int_equal(case_close(&t->s, id, c.version, "bored", NULL),
			 ERR_INVAL);
	assert_int_equal(case_transition(&t->s, id, c.version, CS_CLOSED, NULL),
			 ERR_INVAL);
	assert_int_equal(case_close(&t->s, id, c.version, "withdrawn", "trakk"),
			 0);
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_string_equal(c.status, "closed");
	assert_string_equal(c.close_reason, "withdrawn");
	tenv_free(&t);
}

static void test_wrong_role_and_unit(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Ola", "Hansen", "NAV");
	struct case_rec c;

	(void)state;
	assert_int_equal(case_open(&t->s, id, &c), 0);
	/* the allocation group cannot see a case before handover */
	tenv_login(t, "tild1");
	assert_int_equal(case_transition(&t->s, id, c.version, CS_GRANTED, NULL),
			 ERR_DENIED);
	/* a caseworker of another unit cannot move it */
	tenv_login(t, "eie1");
	assert_int_equal(case_transition(&t->s, id, c.version, CS_ASSESSMENT,
					 NULL),
			 ERR_DENIED);
	/* hand over as NAV, then the group may decide but NAV may not */
	tenv_login(t, "nav1");
	assert_int_equal(case_transition(&t->s, id, c.version, CS_HANDED_OVER,
					 NULL),
			 0);
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_equal(case_transition(&t->s, id, c.version, CS_GRANTED, NULL),
			 ERR_DENIED);
	tenv_login(t, "tild1");
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_equal(case_transition(&t->s, id, c.version, CS_WAITING, NULL),
			 0);
	tenv_free(&t);
}

static int64_t log_rows(struct tenv *t, int64_t case_id, const char *reason,
			const char *login)
{
	struct access_rec *r = NULL;
	size_t n = 0, i;
	int64_t count = 0;

	assert_int_equal(db_access_list(t->s.db, 0, case_id, &r, &n), DB_OK);
	for (i = 0; i < n; i++)
		if (strcmp(r[i].reason, reason) == 0 &&
		    strcmp(r[i].staff_login, login) == 0)
			count++;
	free(r);
	return count;
}

static void test_access_denied_and_logged(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Åse", "Ødegård", "NAV");
	struct case_rec c;
	struct journal_rec *j = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_equal(log_rows(t, id, "own", "nav1"), 1);

	tenv_login(t, "helse1");
	assert_int_equal(case_open(&t->s, id, &c), ERR_DENIED);
	/* nothing of the case leaks into the record or the message */
	assert_string_equal(c.number, "");
	assert_null(strstr(t->s.err.msg, "Ødegård"));
	assert_int_equal(case_journal(&t->s, id, &j, &n), ERR_DENIED);
	assert_null(j);
	assert_int_equal(case_note(&t->s, id, "hei"), ERR_DENIED);
	assert_int_equal(log_rows(t, id, "denied", "helse1"), 3);

	/* the supervisor of NAV sees it, logged as a supervisor read */
	tenv_login(t, "sup1");
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_int_equal(log_rows(t, id, "supervisor", "sup1"), 1);

	/* the person may ask who has looked: supervisors answer */
	{
		struct access_rec *r = NULL;
		size_t nr = 0;
		assert_int_equal(access_history(&t->s, c.applicant_id, &r, &nr),
				 0);
		assert_true(nr >= 5);
		free(r);
		tenv_login(t, "nav2");
		assert_int_equal(access_history(&t->s, c.applicant_id, &r, &nr),
				 ERR_DENIED);
	}
	tenv_free(&t);
}

static void test_intake_reuses_person_and_starts_clock(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct intake in;
	struct unit_rec nav;
	int64_t id1 = 0, id2 = 0;
	char n1[12], n2[12], kind[17], due[DB_DATE];
	struct case_rec c1, c2;
	int64_t persons = 0;

	(void)state;
	assert_int_equal(unit_find(&t->s, "NAV", &nav), 0);
	intake_init(&t->s, &in);
	assert_int_equal(nid_make_synthetic("1990-01-31", 7, false,
					    in.applicant.nid),
			 0);
	strcpy(in.applicant.given, "Ørjan");
	strcpy(in.applicant.family, "Kjærstad");
	in.unit_id = nav.id;
	assert_int_equal(intake_register(&t->s, &in, &id1, n1), 0);
	assert_string_equal(n1, "2026-000001");

	intake_init(&t->s, &in);
	assert_int_equal(nid_make_synthetic("1990-01-31", 7, false,
					    in.applicant.nid),
			 0);
	strcpy(in.applicant.given, "Ørjan");
	strcpy(in.applicant.family, "Kjærstad");
	strcpy(in.applicant.phone, "912 34 567");
	in.unit_id = nav.id;
	assert_int_equal(intake_register(&t->s, &in, &id2, n2), 0);
	assert_string_equal(n2, "2026-000002");
	assert_int_equal(db_count(t->s.db, "person", &persons), DB_OK);
	assert_int_equal(persons, 1);

	assert_int_equal(case_open(&t->s, id1, &c1), 0);
	assert_int_equal(case_open(&t->s, id2, &c2), 0);
	assert_int_equal(c1.applicant_id, c2.applicant_id);
	assert_string_equal(c1.received, "2026-03-02");
	/* the legal clock: decision or interim reply within 30 days */
	assert_int_equal(case_next_deadline(&t->s, id1, kind, due), 0);
	assert_string_equal(kind, "interim");
	assert_string_equal(due, "2026-04-01");
	/* a responsible caseworker from the start */
	assert_true(c1.caseworker_id > 0);
	assert_string_equal(c1.unit_name, "NAV Øst");
	tenv_free(&t);
}

static void test_intake_refuses_bad_input(void **state)
{
	struct tenv *t = tenv_new("desk1");
	struct intake in;
	int64_t id = 0, cases = 0;
	char n[12];

	(void)state;
	intake_init(&t->s, &in);
	strcpy(in.applicant.nid, "01019012345");
	strcpy(in.applicant.given, "Kari");
	strcpy(in.applicant.family, "Nordmann");
	assert_int_equal(intake_register(&t->s, &in, &id, n), ERR_INVAL);
	assert_string_equal(t->s.err.field, "nid");
	/* what was typed is kept */
	assert_string_equal(in.applicant.nid, "01019012345");

	assert_int_equal(nid_make_synthetic("1990-01-31", 9, false,
					    in.applicant.nid),
			 0);
	in.applicant.given[0] = '\0';
	assert_int_equal(intake_register(&t->s, &in, &id, n), ERR_INVAL);
	assert_string_equal(t->s.err.field, "given");

	strcpy(in.applicant.given, "Kari");
	in.situation = SIT_INSTITUTION;
	assert_int_equal(intake_register(&t->s, &in, &id, n), ERR_INVAL);
	assert_string_equal(t->s.err.field, "discharge");
	assert_int_equal(db_count(t->s.db, "case_file", &cases), DB_OK);
	assert_int_equal(cases, 0);

	/* synthetic numbers only where the configuration allows them */
	t->cfg.allow_synthetic_nid = false;
	in.situation = SIT_TEMPORARY;
	assert_int_equal(intake_register(&t->s, &in, &id, n), ERR_INVAL);
	assert_string_equal(t->s.err.field, "nid");
	tenv_free(&t);
}

static void test_search_visibility(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t a = tenv_case(t, "Åse", "Ødegård", "NAV");
	int64_t b = tenv_case(t, "Øystein", "Ødegård", "EIE");
	struct db_case_line out[10];
	size_t n = 0;
	struct case_rec c;

	(void)state;
	/* case-insensitive, æøå-aware prefix, both name orders */
	assert_int_equal(case_search(&t->s, "ødeg", NULL, 10, out, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].case_id, a);
	assert_int_equal(case_search(&t->s, "ÅSE Ø", NULL, 10, out, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(case_search(&t->s, "Ødegård, Åse", NULL, 10, out, &n),
			 0);
	assert_int_equal(n, 1);

	/* by case number and by whole ID number */
	assert_int_equal(case_open(&t->s, a, &c), 0);
	assert_int_equal(case_search(&t->s, c.number, NULL, 10, out, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(case_search(&t->s, c.nid, NULL, 10, out, &n), 0);
	assert_int_equal(n, 1);
	/* a partial ID number is refused, not looked up */
	assert_int_equal(case_search(&t->s, "150685", NULL, 10, out, &n),
			 ERR_INVAL);

	/* EIE's caseworker sees only EIE's case */
	tenv_login(t, "eie1");
	assert_int_equal(case_search(&t->s, "ødegård", NULL, 10, out, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].case_id, b);
	/* a unit with no cases finds nothing */
	tenv_login(t, "helse1");
	assert_int_equal(case_search(&t->s, "ø", NULL, 10, out, &n), 0);
	assert_int_equal(n, 0);
	tenv_free(&t);
}

static void test_search_pages(void **state)
{
	struct tenv *t = tenv_new("nav1");
	struct db_case_line page[3], last;
	size_t n = 0, seen = 0;
	int i;

	(void)state;
	for (i = 0; i < 7; i++)
		tenv_case(t, "Kari", "Berg", "NAV");
	assert_int_equal(case_search(&t->s, "berg", NULL, 3, page, &n), 0);
	while (n > 0) {
		seen += n;
		last = page[n - 1];
		assert_int_equal(case_search(&t->s, "berg", &last, 3, page, &n),
				 0);
		if (n)
			assert_true(strcmp(page[0].sort_key, last.sort_key) > 0);
	}
	assert_int_equal(seen, 7);
	tenv_free(&t);
}

static void test_queues(void **state)
{
	struct tenv *t = tenv_new("nav1");
	enum queue_kind k[Q__COUNT];
	long n = -1;
	struct db_case_line l[5];
	size_t nl;

	(void)state;
	tenv_case(t, "Kari", "Berg", "NAV");
	tenv_case(t, "Per", "Berg", "NAV");
	tenv_case(t, "Eva", "Dal", "EIE");
	assert_int_equal(queue_kinds(&t->s, k), 2);
	assert_int_equal(k[0], Q_MY_CASES);
	assert_int_equal(queue_count(&t->s, Q_UNIT_INBOX, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(queue_page(&t->s, Q_UNIT_INBOX, NULL, 5, l, &nl), 0);
	assert_int_equal(nl, 2);
	assert_string_equal(l[0].due_kind, "interim");

	tenv_login(t, "desk1");
	assert_int_equal(queue_count(&t->s, Q_TODAY, &n), 0);
	assert_int_equal(n, 3);
	/* tomorrow the desk no longer sees them */
	tenv_set_today(t, "2026-03-03");
	assert_int_equal(queue_count(&t->s, Q_TODAY, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(case_search(&t->s, "berg", NULL, 5, l, &nl), 0);
	assert_int_equal(nl, 0);

	tenv_login(t, "sup1");
	assert_int_equal(queue_count(&t->s, Q_SUPERVISOR, &n), 0);
	assert_int_equal(n, 2);
	tenv_free(&t);
}

static void test_drafts_belong_to_their_owner(void **state)
{
	struct tenv *t = tenv_new("desk1");
	int64_t id = 0, id0;
	char *data = NULL;
	struct draft_rec *d = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(draft_save(&t->s, &id, "intake", "Kari", "nid=0101"), 0);
	id0 = id;
	assert_int_equal(draft_save(&t->s, &id, "intake", "Kari N", "nid=01019"),
			 0);
	assert_int_equal(id, id0);
	assert_int_equal(draft_load(&t->s, id, &data), 0);
	assert_string_equal(data, "nid=01019");
	free(data);
	assert_int_equal(draft_list(&t->s, &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].title, "Kari N");
	free(d);

	tenv_login(t, "nav1");
	assert_int_equal(draft_load(&t->s, id, &data), ERR_NOTFOUND);
	assert_null(data);
	assert_int_equal(draft_delete(&t->s, id), ERR_NOTFOUND);
	assert_int_equal(draft_list(&t->s, &d, &n), 0);
	assert_int_equal(n, 0);
	free(d);
	tenv_free(&t);
}

static void test_interim_due_and_recorded(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t id = tenv_case(t, "Kari", "Berg", "NAV");
	struct case_rec c;
	char *letter = NULL, kind[17], due[DB_DATE];

	(void)state;
	assert_int_equal(case_open(&t->s, id, &c), 0);
	tenv_set_today(t, "2026-03-24"); /* day 22: not yet */
	assert_false(case_interim_due(&t->s, &c));
	tenv_set_today(t, "2026-03-25"); /* day 23 = 30 - 7 */
	assert_true(case_interim_due(&t->s, &c));
	assert_int_equal(case_interim_record(&t->s, id, c.version, "",
					     "2026-04-20", &letter),
			 ERR_INVAL);
	assert_int_equal(case_interim_record(&t->s, id, c.version,
					     "Venter på dokumentasjon",
					     "2026-03-20", &letter),
			 ERR_INVAL);
	assert_int_equal(case_interim_record(&t->s, id, c.version,
					     "Venter på dokumentasjon",
					     "2026-04-20", &letter),
			 0);
	assert_non_null(letter);
	assert_non_null(strstr(letter, c.number));
	assert_non_null(strstr(letter, "20.04.2026"));
	assert_non_null(strstr(letter, "Venter på dokumentasjon"));
	/* the address block never shows the ID number */
	assert_null(strstr(letter, c.nid));
	/* and has no blank line where no address is known (a bug pinned) */
	assert_null(strstr(letter, "\n \n"));
	free(letter);
	assert_int_equal(case_open(&t->s, id, &c), 0);
	assert_false(case_interim_due(&t->s, &c));
	assert_int_equal(case_next_deadline(&t->s, id, kind, due), 0);
	assert_string_equal(kind, "decision");
	assert_string_equal(due, "2026-04-20");
	tenv_free(&t);
}

static void render(const char *kind, const char *text, char *out, size_t n)
{
	struct journal_rec j = {0};
	snprintf(j.kind, sizeof j.kind, "%s", kind);
	snprintf(j.text, sizeof j.text, "%s", text);
	journal_render(&j, out, n);
}

/* The journal is stored in English forms and shown in the reader's words
 * (bug pinned: "registered; responsible unit NAV" reached the screen). */
static void test_journal_render(void **state)
{
	char out[600];

	(void)state;
	render("status", "registered -> assessment", out, sizeof out);
	assert_string_equal(out, "Status: registered → in assessment");
	render("status", "handed_over -> returned: mangler inntekt", out,
	       sizeof out);
	assert_string_equal(out, "Status: handed over → returned for "
				 "information. mangler inntekt");
	render("registered", "registered; responsible unit NAV", out, sizeof out);
	assert_string_equal(out, "Registered; the responsible unit is NAV.");
	render("interim", "interim reply sent; expected 2026-04-20: Venter", out,
	       sizeof out);
	assert_string_equal(out, "Interim reply sent; a decision is expected "
				 "by 20.04.2026. Venter");
	render("import", "imported from liste.csv (line 7); responsible unit EIE",
	       out, sizeof out);
	assert_string_equal(out, "Imported from liste.csv, line 7; the "
				 "responsible unit is EIE.");
	render("note", "Ringte søker -> avtalt møte", out, sizeof out);
	assert_string_equal(out, "Ringte søker -> avtalt møte");
}

/* Bug: a failing print command wrote "sh: 1: lpr: not found" over the
 * screen.  Its output goes nowhere; the reason is one clean sentence. */
static void test_bug_print_stderr(void **state)
{
	struct tenv *t = tenv_new("nav1");
	char path[300], buf[256];
	int saved = dup(2), fd;
	ssize_t n;
	int rc;

	snprintf(path, sizeof path, "%s/stderr.txt", t->dir);
	snprintf(t->cfg.print_command, sizeof t->cfg.print_command,
		 "bosak-test-no-such-printer");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, 2);
	close(fd);
	rc = letter_output(&t->s, "Brev\n", NULL);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(rc, ERR_IO);
	assert_non_null(strstr(t->s.err.msg, "bosak-test-no-such-printer"));
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof buf);
	close(fd);
	assert_int_equal(n, 0); /* nothing reached the terminal */
	/* a command that fails without reading does not end us */
	snprintf(t->cfg.print_command, sizeof t->cfg.print_command, "exit 3");
	assert_int_equal(letter_output(&t->s, "Brev\n", NULL), ERR_IO);
	tenv_free(&t);
}

/* The helper's own promise: every case tenv_case registers is a person
 * of its own (a serial whose control digit fails gave the next serial's
 * number, and two cases shared a person). */
static void test_tenv_cases_are_distinct_people(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cases[30];

	(void)state;
	for (int i = 0; i < 30; i++)
		cases[i] = tenv_case(t, "Ulla", "Unik", "NAV");
	tenv_assert_own_people(t, cases, 30);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tenv_cases_are_distinct_people),
		cmocka_unit_test(test_transition_table),
		cmocka_unit_test(test_transition_journaled_and_versioned),
		cmocka_unit_test(test_wrong_role_and_unit),
		cmocka_unit_test(test_access_denied_and_logged),
		cmocka_unit_test(test_intake_reuses_person_and_starts_clock),
		cmocka_unit_test(test_intake_refuses_bad_input),
		cmocka_unit_test(test_search_visibility),
		cmocka_unit_test(test_search_pages),
		cmocka_unit_test(test_queues),
		cmocka_unit_test(test_drafts_belong_to_their_owner),
		cmocka_unit_test(test_interim_due_and_recorded),
		cmocka_unit_test(test_journal_render),
		cmocka_unit_test(test_bug_print_stderr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
