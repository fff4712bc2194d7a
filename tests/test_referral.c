/* Referrals between units: the basis for sharing, answers, transfers of
 * responsibility, overdue referrals and the housing forum. */
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

static void new_referral(struct tenv *t, struct referral_new *r,
			 int64_t case_id, const char *to, const char *kind,
			 const char *basis)
{
	memset(r, 0, sizeof *r);
	r->case_id = case_id;
	r->to_unit_id = unit_id(t, to);
	snprintf(r->kind, sizeof r->kind, "%s", kind);
	snprintf(r->asked, sizeof r->asked, "Vurdering av egnet kommunal bolig.");
	snprintf(r->reason, sizeof r->reason, "Søker trenger bolig på bakkeplan.");
	snprintf(r->basis, sizeof r->basis, "%s", basis);
}

/* A case of NAV referred to EIE, with the consent recorded first. */
static int64_t referred(struct tenv *t, int64_t *case_id, const char *kind)
{
	struct referral_new r;
	int64_t id = 0;

	tenv_login(t, "nav1");
	*case_id = tenv_case(t, "Kari", "Nordmann", "NAV");
	assert_int_equal(referral_consent_record(&t->s, *case_id,
						 unit_id(t, "EIE"), "given"),
			 0);
	new_referral(t, &r, *case_id, "EIE", kind, "consent");
	assert_int_equal(referral_create(&t->s, &r, &id), 0);
	assert_true(id > 0);
	return id;
}

static struct referral_rec *get(struct tenv *t, int64_t id)
{
	static struct referral_rec r;
	assert_int_equal(referral_get(&t->s, id, &r), 0);
	return &r;
}

static long rows(struct tenv *t, const char *sql_table_where)
{
	/* counted through db_count on a view made for the purpose */
	char sql[600];
	int64_t n = 0;
	snprintf(sql, sizeof sql,
		 "DROP VIEW IF EXISTS tcount; CREATE TEMP VIEW tcount AS "
		 "SELECT * FROM %s;",
		 sql_table_where);
	assert_int_equal(db_exec(t->s.db, sql), DB_OK);
	assert_int_equal(db_count(t->s.db, "tcount", &n), DB_OK);
	return (long)n;
}

static bool journal_has(struct tenv *t, int64_t case_id, const char *kind,
			const char *text)
{
	struct journal_rec *j = NULL;
	size_t n = 0;
	bool found = false;

	assert_int_equal(db_journal_list(t->s.db, case_id, &j, &n), DB_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(j[i].kind, kind) == 0 && strstr(j[i].text, text))
			found = true;
	free(j);
	return found;
}

/* ------------------------------------------------------------ basis */

static void test_no_consent_no_basis_refused(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid = tenv_case(t, "Ola", "Hansen", "NAV"), id = 0;
	struct referral_new r;
	char kind[17], due[DB_DATE];

	(void)state;
	/* consent was given to NAV only: nothing goes to EIE silently */
	new_referral(t, &r, cid, "EIE", "service", "consent");
	assert_int_equal(referral_create(&t->s, &r, &id), ERR_INVAL);
	assert_string_equal(t->s.err.field, "basis");
	assert_non_null(strstr(t->s.err.msg, "has not consented"));
	assert_non_null(strstr(t->s.err.msg, "record the consent first"));
	assert_int_equal(rows(t, "referral"), 0);
	/* another legal basis needs to be written down */
	snprintf(r.basis, sizeof r.basis, "law");
	assert_int_equal(referral_create(&t->s, &r, &id), ERR_INVAL);
	assert_string_equal(t->s.err.field, "basis_note");
	/* no basis at all */
	snprintf(r.basis, sizeof r.basis, "%s", "");
	assert_int_equal(referral_create(&t->s, &r, &id), ERR_INVAL);
	/* the offer: record the consent first (journaled), then it goes */
	snprintf(r.basis, sizeof r.basis, "consent");
	assert_int_equal(referral_consent_record(&t->s, cid, unit_id(t, "EIE"),
						 "given"),
			 0);
	assert_true(journal_has(t, cid, "consent", "consent to EIE given"));
	assert_int_equal(referral_create(&t->s, &r, &id), 0);
	assert_true(journal_has(t, cid, "referral", "referral to EIE: "));
	/* the answer deadline: today + referral_days, a deadline row */
	assert_int_equal(case_next_deadline(&t->s, cid, kind, due), 0);
	assert_string_equal(kind, "referral");
	assert_string_equal(due, "2026-03-16");
	assert_string_equal(get(t, id)->deadline, "2026-03-16");
	/* a second one to the same unit while the first waits: refused */
	assert_int_equal(referral_create(&t->s, &r, &id), ERR_CONFLICT);
	/* only the responsible unit refers, and records consent */
	tenv_login(t, "helse1");
	assert_int_equal(referral_create(&t->s, &r, &id), ERR_DENIED);
	assert_int_equal(referral_consent_record(&t->s, cid, unit_id(t, "HELSE"),
						 "given"),
			 ERR_DENIED);
	tenv_free(&t);
}

static void test_other_basis_shares(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid = tenv_case(t, "Per", "Lov", "NAV"), id = 0;
	struct referral_new r;
	struct case_rec c;

	(void)state;
	new_referral(t, &r, cid, "EIE", "service", "law");
	snprintf(r.basis_note, sizeof r.basis_note,
		 "Fare for liv og helse; avklart med leder.");
	assert_int_equal(referral_create(&t->s, &r, &id), 0);
	tenv_login(t, "eie1");
	assert_string_equal(get(t, id)->person_name, "Lov, Per");
	assert_int_equal(case_open(&t->s, cid, &c), 0);
	tenv_free(&t);
}

/* A unit without consent or basis sees only the referral text. */
static void test_without_basis_only_text(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "service");
	struct referral_rec *r, page[4];
	struct db_case_line hits[4];
	struct case_rec c;
	size_t n = 0;

	(void)state;
	/* with consent: the receiving unit sees who it is, and the case */
	tenv_login(t, "eie1");
	r = get(t, id);
	assert_string_equal(r->person_name, "Nordmann, Kari");
	assert_true(referral_rights(&t->s, r) & RR_CASE);
	assert_int_equal(case_open(&t->s, cid, &c), 0);
	assert_true(rows(t, "access_log WHERE reason = 'referral'") >= 2);
	/* the consent is withdrawn: the text stays, the person does not */
	tenv_login(t, "nav1");
	assert_int_equal(referral_consent_record(&t->s, cid, unit_id(t, "EIE"),
						 "withdrawn"),
			 0);
	tenv_login(t, "eie1");
	r = get(t, id);
	assert_string_equal(r->person_name, "");
	assert_string_equal(r->asked, "Vurdering av egnet kommunal bolig.");
	assert_false(referral_rights(&t->s, r) & RR_CASE);
	assert_int_equal(case_open(&t->s, cid, &c), ERR_DENIED);
	assert_int_equal(case_search(&t->s, "nordmann", NULL, 4, hits, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(referral_page(&t->s, RL_INBOX, 0, NULL, 4, page, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(page[0].person_name, "");
	assert_string_equal(page[0].case_number, r->case_number);
	/* the read of the text is logged as such */
	assert_int_equal(rows(t, "access_log WHERE reason = 'referral' AND "
				 "detail LIKE '%text only%'"),
			 1);
	/* the sender still sees whom its referral is about */
	tenv_login(t, "nav1");
	assert_string_equal(get(t, id)->person_name, "Nordmann, Kari");
	tenv_free(&t);
}

static void test_unrelated_unit_denied(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "service");
	struct referral_rec r;
	long n = 0;

	(void)state;
	tenv_login(t, "helse1");
	assert_int_equal(referral_get(&t->s, id, &r), ERR_DENIED);
	assert_int_equal(r.id, 0);
	assert_int_equal(rows(t, "access_log WHERE reason = 'denied' AND "
				 "detail LIKE 'referral%'"),
			 1);
	assert_int_equal(referral_count(&t->s, RL_INBOX, 0, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(referral_count(&t->s, RL_CASE, cid, &n), ERR_DENIED);
	tenv_free(&t);
}

/* ---------------------------------------------------------- answers */

static void test_decline_needs_reason(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "service");
	struct referral_rec *r, page[4];
	size_t n = 0;
	int v;

	(void)state;
	tenv_login(t, "eie1");
	v = get(t, id)->version;
	assert_int_equal(referral_decline(&t->s, id, v, NULL, "Ikke vår tjeneste."),
			 ERR_INVAL);
	assert_string_equal(t->s.err.field, "code");
	assert_int_equal(referral_decline(&t->s, id, v, "made_up", "Tekst."),
			 ERR_INVAL);
	assert_int_equal(referral_decline(&t->s, id, v, "criteria", ""), ERR_INVAL);
	assert_string_equal(t->s.err.field, "text");
	assert_int_equal(referral_decline(&t->s, id, v, "criteria", "   "),
			 ERR_INVAL);
	assert_string_equal(get(t, id)->status, "open");
	/* the sender cannot answer its own referral */
	tenv_login(t, "nav1");
	assert_int_equal(referral_decline(&t->s, id, v, "criteria", "Nei."),
			 ERR_DENIED);
	tenv_login(t, "eie1");
	assert_int_equal(referral_decline(&t->s, id, v, "criteria",
					  "Søker fyller ikke vilkårene."),
			 0);
	r = get(t, id);
	assert_string_equal(r->status, "declined");
	assert_string_equal(r->answer_code, "criteria");
	assert_int_equal(rows(t, "deadline WHERE kind = 'referral' AND "
				 "done_at IS NULL"),
			 0);
	/* the sender sees the answer on the case and in its list */
	tenv_login(t, "nav1");
	assert_true(journal_has(t, cid, "referral",
				"referral to EIE declined (criteria): Søker"));
	assert_int_equal(referral_page(&t->s, RL_SENT, 0, NULL, 4, page, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(page[0].status, "declined");
	assert_string_equal(page[0].answer_text, "Søker fyller ikke vilkårene.");
	assert_string_equal(page[0].person_name, "Nordmann, Kari");
	/* answered: no second answer, no withdrawal */
	tenv_login(t, "eie1");
	assert_int_equal(referral_accept(&t->s, id, r->version, 0, NULL),
			 ERR_INVAL);
	tenv_login(t, "nav1");
	assert_int_equal(referral_withdraw(&t->s, id, r->version, "Feil"),
			 ERR_INVAL);
	tenv_free(&t);
}

static void assert_responsible(struct tenv *t, int64_t cid, const char *unit,
			       const char *login)
{
	struct case_rec c;
	assert_int_equal(db_case_get(t->s.db, cid, &c), DB_OK);
	assert_true(c.unit_id != 0 && c.caseworker_id != 0);
	assert_int_equal(c.unit_id, unit_id(t, unit));
	assert_int_equal(c.caseworker_id, staff_id(t, login));
}

static void test_transfer_only_on_accept(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "transfer");
	struct refmsg_rec *m = NULL;
	struct case_rec before;
	size_t n = 0;
	int v;

	(void)state;
	assert_int_equal(db_case_get(t->s.db, cid, &before), DB_OK);
	assert_responsible(t, cid, "NAV", "nav1");
	/* a question: the referral waits, NAV stays responsible */
	tenv_login(t, "eie1");
	v = get(t, id)->version;
	assert_int_equal(referral_ask(&t->s, id, v, ""), ERR_INVAL);
	assert_int_equal(referral_ask(&t->s, id, v, "Har søker gjeld?"), 0);
	assert_string_equal(get(t, id)->status, "question");
	assert_responsible(t, cid, "NAV", "nav1");
	/* while the question waits, the receiver cannot answer */
	assert_int_equal(referral_accept(&t->s, id, get(t, id)->version, 0, NULL),
			 ERR_INVAL);
	/* the sender answers: open again */
	tenv_login(t, "nav1");
	assert_int_equal(referral_reply(&t->s, id, get(t, id)->version,
					"Ja, 20 000 kr i husleierestanse."),
			 0);
	assert_string_equal(get(t, id)->status, "open");
	assert_int_equal(referral_messages(&t->s, id, &m, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].kind, "question");
	assert_string_equal(m[1].kind, "answer");
	free(m);
	assert_responsible(t, cid, "NAV", "nav1");
	/* a caseworker of another unit cannot be assigned; helse1 cannot
	 * accept; a stale version is refused and nothing moves */
	tenv_login(t, "eie1");
	v = get(t, id)->version;
	assert_int_equal(referral_accept(&t->s, id, v, staff_id(t, "nav2"), NULL),
			 ERR_INVAL);
	assert_int_equal(referral_accept(&t->s, id, v - 1, 0, NULL), ERR_CONFLICT);
	tenv_login(t, "helse1");
	assert_int_equal(referral_accept(&t->s, id, v, 0, NULL), ERR_DENIED);
	assert_responsible(t, cid, "NAV", "nav1");
	/* accepted: unit and caseworker move together, in one step */
	tenv_login(t, "eie1");
	assert_int_equal(referral_accept(&t->s, id, v, 0, "Vi tar saken."), 0);
	assert_responsible(t, cid, "EIE", "eie1");
	{
		struct case_rec after;
		assert_int_equal(case_open(&t->s, cid, &after), 0);
		assert_int_equal(after.version, before.version + 1);
	}
	assert_string_equal(get(t, id)->status, "accepted");
	assert_true(journal_has(t, cid, "referral",
				"transfer to EIE accepted; responsible EIE"));
	/* the case's own deadlines went with it */
	assert_int_equal(rows(t, "deadline WHERE kind = 'interim' AND done_at "
				 "IS NULL AND staff_id = (SELECT id FROM staff "
				 "WHERE login = 'eie1')"),
			 1);
	tenv_free(&t);
}

/* Responsibility is never empty: not while a transfer waits, not after
 * a withdrawal, not after a failed (conflicting) accept. */
static void test_responsibility_never_empty(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "transfer");
	struct case_rec c;
	int v;

	(void)state;
	assert_int_equal(rows(t, "case_file WHERE unit_id IS NULL OR "
				 "caseworker_id IS NULL"),
			 0);
	/* the case moves on while the transfer waits: the accept reads it
	 * afresh and moves unit and caseworker together */
	assert_int_equal(case_open(&t->s, cid, &c), 0);
	tenv_login(t, "eie1");
	v = get(t, id)->version;
	tenv_login(t, "nav1");
	assert_int_equal(case_transition(&t->s, cid, c.version, CS_ASSESSMENT,
					 NULL),
			 0);
	tenv_login(t, "eie1");
	assert_int_equal(db_case_get(t->s.db, cid, &c), DB_OK);
	assert_int_equal(referral_accept(&t->s, id, v, 0, NULL), 0);
	assert_responsible(t, cid, "EIE", "eie1");
	/* withdraw before an answer: NAV keeps the case */
	tenv_login(t, "nav1");
	{
		int64_t cid2, id2 = referred(t, &cid2, "transfer");
		v = get(t, id2)->version;
		assert_int_equal(referral_withdraw(&t->s, id2, v, ""), ERR_INVAL);
		assert_int_equal(referral_withdraw(&t->s, id2, v,
						   "Søker flyttet."),
				 0);
		assert_string_equal(get(t, id2)->status, "withdrawn");
		assert_string_equal(get(t, id2)->withdraw_reason,
				    "Søker flyttet.");
		assert_responsible(t, cid2, "NAV", "nav1");
		tenv_login(t, "eie1");
		assert_int_equal(referral_accept(&t->s, id2, get(t, id2)->version,
						 0, NULL),
				 ERR_INVAL);
		/* the receiver cannot withdraw */
		assert_int_equal(referral_withdraw(&t->s, id2,
						   get(t, id2)->version, "x"),
				 ERR_DENIED);
	}
	assert_int_equal(rows(t, "case_file WHERE unit_id IS NULL OR "
				 "caseworker_id IS NULL"),
			 0);
	tenv_free(&t);
}

/* ---------------------------------------------------- overdue, forum */

static void test_overdue_on_the_right_day(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "service");
	struct referral_rec page[4];
	size_t n = 0;
	long count = 0;

	(void)state;
	/* the deadline is 16.03: not overdue that day */
	tenv_set_today(t, "2026-03-16");
	assert_false(referral_overdue(&t->s, get(t, id)));
	tenv_login(t, "sup1");
	assert_int_equal(referral_count(&t->s, RL_OVERDUE, 0, &count), 0);
	assert_int_equal(count, 0);
	assert_int_equal(referral_escalate(&t->s, id, get(t, id)->version,
					   "Ikke besvart."),
			 ERR_INVAL);
	/* the day after it is */
	tenv_set_today(t, "2026-03-17");
	assert_true(referral_overdue(&t->s, get(t, id)));
	assert_int_equal(referral_count(&t->s, RL_OVERDUE, 0, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(referral_page(&t->s, RL_OVERDUE, 0, NULL, 4, page, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(page[0].id, id);
	assert_int_equal(referral_age(&t->s, &page[0]), 15);
	/* an answered referral is not overdue */
	tenv_login(t, "eie1");
	assert_int_equal(referral_accept(&t->s, id, get(t, id)->version, 0, NULL),
			 0);
	assert_false(referral_overdue(&t->s, get(t, id)));
	tenv_login(t, "sup1");
	assert_int_equal(referral_count(&t->s, RL_OVERDUE, 0, &count), 0);
	assert_int_equal(count, 0);
	tenv_free(&t);
}

static void test_forum_conclusion_carried_out(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "service");
	struct forum_rec *f = NULL;
	size_t n = 0;
	long open = 0;

	(void)state;
	tenv_set_today(t, "2026-03-20");
	/* caseworkers of other units are not on the forum */
	tenv_login(t, "helse1");
	assert_int_equal(forum_list(&t->s, &f, &n), ERR_DENIED);
	/* the sender puts the overdue referral on the agenda */
	tenv_login(t, "nav1");
	assert_int_equal(referral_escalate(&t->s, id, get(t, id)->version, ""),
			 ERR_INVAL);
	assert_int_equal(referral_escalate(&t->s, id, get(t, id)->version,
					   "Ingen svar fra Eiendom."),
			 0);
	assert_string_equal(get(t, id)->status, "forum");
	tenv_login(t, "sup1");
	assert_int_equal(forum_count(&t->s, &open), 0);
	assert_int_equal(open, 1);
	assert_int_equal(forum_list(&t->s, &f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].referral_id, id);
	assert_true(forum_may_conclude(&t->s, &f[0]));
	/* a conclusion needs its reason */
	assert_int_equal(forum_conclude(&t->s, f[0].id, f[0].version,
					unit_id(t, "EIE"), ""),
			 ERR_INVAL);
	assert_int_equal(forum_conclude(&t->s, f[0].id, f[0].version,
					unit_id(t, "EIE"),
					"Eiendom tar ansvaret: boligbehovet er "
					"hovedsaken."),
			 0);
	/* carried out: EIE is responsible, the referral answered */
	assert_responsible(t, cid, "EIE", "eie1");
	assert_string_equal(get(t, id)->status, "accepted");
	assert_string_equal(get(t, id)->answer_code, "forum");
	assert_true(journal_has(t, cid, "forum", "forum: responsible unit EIE"));
	assert_int_equal(rows(t, "deadline WHERE kind = 'referral' AND "
				 "done_at IS NULL"),
			 0);
	/* concluded once */
	assert_int_equal(forum_conclude(&t->s, f[0].id, f[0].version,
					unit_id(t, "NAV"), "Nei."),
			 ERR_CONFLICT);
	free(f);
	assert_int_equal(forum_count(&t->s, &open), 0);
	assert_int_equal(open, 0);
	tenv_free(&t);
}

static void test_declined_goes_to_forum_and_stays(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "service");
	struct forum_rec *f = NULL;
	size_t n = 0;

	(void)state;
	tenv_login(t, "eie1");
	assert_int_equal(referral_decline(&t->s, id, get(t, id)->version,
					  "other_unit", "NAV har ansvaret."),
			 0);
	/* disputed by the sender: to the forum, before any deadline */
	tenv_login(t, "nav1");
	assert_int_equal(referral_escalate(&t->s, id, get(t, id)->version,
					   "Uenige om ansvaret."),
			 0);
	tenv_login(t, "sup1");
	assert_int_equal(forum_list(&t->s, &f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(forum_conclude(&t->s, f[0].id, f[0].version,
					unit_id(t, "NAV"),
					"NAV beholder saken; Eiendom bidrar."),
			 0);
	free(f);
	assert_responsible(t, cid, "NAV", "nav1");
	assert_string_equal(get(t, id)->status, "declined");
	tenv_free(&t);
}

/* ---------------------------------------------------------- journal */

static void test_journal_lines_rendered(void **state)
{
	static const struct {
		const char *kind, *text, *want;
	} t[] = {
		{"referral", "referral to EIE: Vurdering.", "Referred to EIE: Vurdering."},
		{"referral", "transfer to EIE: Ta over.",
		 "Proposed to EIE to take over the case: Ta over."},
		{"referral", "referral to EIE accepted; assigned Eirik Eie",
		 "EIE accepted the referral; caseworker Eirik Eie."},
		{"referral", "transfer to EIE accepted; responsible EIE, Eirik Eie",
		 "EIE accepted the transfer; EIE is now responsible, caseworker "
		 "Eirik Eie."},
		{"referral", "referral to PO accepted", "PO accepted the referral."},
		{"referral", "referral to EIE declined (criteria): Nei.",
		 "EIE declined the referral (the criteria are not met): Nei."},
		{"referral", "referral to EIE question: Gjeld?", "EIE asks: Gjeld?"},
		{"referral", "referral to EIE answer: Ja.", "Answer to EIE: Ja."},
		{"referral", "referral to EIE withdrawn: Flyttet.",
		 "The referral to EIE was withdrawn: Flyttet."},
		{"forum", "forum: responsible unit EIE: Fordi.",
		 "Housing forum: EIE takes the responsibility. Fordi."},
		{"consent", "consent to EIE given",
		 "Consent to share information with EIE: given."},
		{"plan", "individual plan active (revision 3)",
		 "Individual plan, version 3: active."},
	};
	struct journal_rec j;
	char out[600];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(&j, 0, sizeof j);
		snprintf(j.kind, sizeof j.kind, "%s", t[i].kind);
		snprintf(j.text, sizeof j.text, "%s", t[i].text);
		assert_true(referral_journal_render(&j, out, sizeof out));
		assert_string_equal(out, t[i].want);
	}
	snprintf(j.kind, sizeof j.kind, "note");
	assert_false(referral_journal_render(&j, out, sizeof out));
}

static void test_targets_and_assignees(void **state)
{
	struct tenv *t = tenv_new("nav1");
	int64_t cid, id = referred(t, &cid, "service");
	struct unit_rec *u = NULL;
	struct staff_unit_rec *st = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(referral_targets(&t->s, cid, &u, &n), 0);
	for (size_t i = 0; i < n; i++) {
		assert_string_not_equal(u[i].code, "NAV");
		assert_string_not_equal(u[i].code, "TILD");
	}
	assert_true(n >= 3);
	free(u);
	assert_int_equal(referral_assignees(&t->s, id, &st, &n), ERR_DENIED);
	tenv_login(t, "eie1");
	assert_int_equal(referral_assignees(&t->s, id, &st, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(st[0].login, "eie1");
	free(st);
	tenv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_consent_no_basis_refused),
		cmocka_unit_test(test_other_basis_shares),
		cmocka_unit_test(test_without_basis_only_text),
		cmocka_unit_test(test_unrelated_unit_denied),
		cmocka_unit_test(test_decline_needs_reason),
		cmocka_unit_test(test_transfer_only_on_accept),
		cmocka_unit_test(test_responsibility_never_empty),
		cmocka_unit_test(test_overdue_on_the_right_day),
		cmocka_unit_test(test_forum_conclusion_carried_out),
		cmocka_unit_test(test_declined_goes_to_forum_and_stays),
		cmocka_unit_test(test_journal_lines_rendered),
		cmocka_unit_test(test_targets_and_assignees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
