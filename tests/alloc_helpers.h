/* Helpers shared by the allocation tests (test_allocation.c,
 * test_decision.c, test_lease.c): complete cases, handed over, and a
 * vacant dwelling.  Static inline so that a test file using only some of
 * them builds without warnings. */
#ifndef BOSAK_ALLOC_HELPERS_H
#define BOSAK_ALLOC_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

struct spec {
	const char *given, *family;
	const char *unit;         /* responsible unit code, "NAV" default */
	enum situation situation;
	const char *discharge;    /* institution */
	unsigned needs;
	const char *needs_note;
	int children;             /* born 2015 */
	int adults;               /* besides the applicant */
	const char *track;        /* "dwelling" default */
	const char *received;     /* the day registered, "" today */
	bool incomplete;          /* docs missing, no consent to TILD */
	const char *address;
};

static inline void must_ok(struct tenv *t, int rc)
{
	if (rc)
		fail_msg("%s", t->s.err.msg);
}

/* Registers a case as the desk (the received day moved by the clock) and
 * returns to the user logged in before. */
static inline int64_t spec_case(struct tenv *t, const struct spec *sp)
{
	static unsigned serial = 300;
	static char last_nid[12];
	struct intake in;
	struct unit_rec u, tild;
	struct staff_rec me = t->s.me;
	time_t now = t->now;
	int64_t id = 0;
	char number[12];

	tenv_login(t, "desk1");
	if (sp->received && sp->received[0])
		tenv_set_today(t, sp->received);
	intake_init(&t->s, &in);
	/* a serial whose control digit fails gives the next one's number:
	 * go on until the number is new (as tenv_case does) */
	do
		assert_int_equal(nid_make_synthetic("1980-02-10", serial++,
						    false, in.applicant.nid),
				 0);
	while (strcmp(in.applicant.nid, last_nid) == 0);
	snprintf(last_nid, sizeof last_nid, "%s", in.applicant.nid);
	snprintf(in.applicant.given, sizeof in.applicant.given, "%s", sp->given);
	snprintf(in.applicant.family, sizeof in.applicant.family, "%s",
		 sp->family);
	snprintf(in.applicant.address, sizeof in.applicant.address, "%s",
		 sp->address ? sp->address : "Storgata 1");
	snprintf(in.applicant.postcode, sizeof in.applicant.postcode, "2317");
	snprintf(in.applicant.city, sizeof in.applicant.city, "Hamar");
	in.situation = sp->situation;
	if (sp->discharge)
		snprintf(in.discharge, sizeof in.discharge, "%s", sp->discharge);
	in.needs = sp->needs;
	if (sp->needs_note)
		snprintf(in.needs_note, sizeof in.needs_note, "%s",
			 sp->needs_note);
	snprintf(in.track, sizeof in.track, "%s",
		 sp->track ? sp->track : "dwelling");
	for (int i = 0; i < sp->children; i++) {
		struct hh_member_rec *m = &in.member[in.nmembers++];
		snprintf(m->name, sizeof m->name, "Barn %d", i + 1);
		snprintf(m->relation, sizeof m->relation, "child");
		snprintf(m->birth, sizeof m->birth, "2015-0%d-01", i + 1);
	}
	for (int i = 0; i < sp->adults; i++) {
		struct hh_member_rec *m = &in.member[in.nmembers++];
		snprintf(m->name, sizeof m->name, "Voksen %d", i + 1);
		snprintf(m->relation, sizeof m->relation,
			 i == 0 ? "spouse" : "other_adult");
		snprintf(m->birth, sizeof m->birth, "1981-01-01");
	}
	if (!sp->incomplete)
		for (size_t i = 0; i < in.ndocs; i++)
			snprintf(in.doc[i].state, sizeof in.doc[i].state,
				 "received");
	assert_int_equal(unit_find(&t->s, sp->unit ? sp->unit : "NAV", &u), 0);
	in.unit_id = u.id;
	in.consent[in.nconsents].unit_id = u.id;
	in.consent[in.nconsents++].given = true;
	if (!sp->incomplete) {
		assert_int_equal(unit_find(&t->s, "TILD", &tild), 0);
		in.consent[in.nconsents].unit_id = tild.id;
		in.consent[in.nconsents++].given = true;
	}
	must_ok(t, intake_register(&t->s, &in, &id, number));
	t->now = now;
	tenv_login(t, me.login);
	return id;
}

static inline int case_version(struct tenv *t, int64_t id)
{
	struct case_rec c;
	must_ok(t, case_open(&t->s, id, &c));
	return c.version;
}

/* Hands a complete case over as nav1 and logs in as `then`. */
static inline void hand_over(struct tenv *t, int64_t id, const char *then)
{
	tenv_login(t, "nav1");
	must_ok(t, handover_give(&t->s, id, case_version(t, id),
				 "Komplett sak, akutt behov."));
	tenv_login(t, then);
}

static inline int64_t add_dwelling(struct tenv *t, const char *address,
				   int rooms, bool adapted, bool staffed)
{
	struct dwelling_rec d;
	struct staff_rec me = t->s.me;

	memset(&d, 0, sizeof d);
	tenv_login(t, "tild1");
	snprintf(d.address, sizeof d.address, "%s", address);
	snprintf(d.area, sizeof d.area, "Sentrum");
	d.rooms = rooms;
	d.size_m2 = 20 + rooms * 18;
	d.floor = adapted ? 0 : 2;
	d.lift = 1;
	d.adapted = adapted;
	d.staffed = staffed;
	d.rent = 7500;
	snprintf(d.status, sizeof d.status, "vacant");
	snprintf(d.vacant_from, sizeof d.vacant_from, "2026-02-01");
	must_ok(t, dwelling_save(&t->s, &d));
	tenv_login(t, me.login);
	return d.id;
}

/* A draft as the allocation group fills it in: every part written. */
static inline void fill_draft(struct tenv *t, int64_t case_id,
			      enum decision_outcome o, int64_t dwelling,
			      struct decision_draft *d)
{
	must_ok(t, decision_draft_init(&t->s, case_id, o, dwelling, d));
	snprintf(d->conclusion, sizeof d->conclusion,
		 "Du får tildelt kommunal utleiebolig.");
	snprintf(d->considerations, sizeof d->considerations,
		 "Husstanden er uten bolig og kan ikke skaffe seg bolig selv.");
	snprintf(d->other_help, sizeof d->other_help,
		 "Bostøtte og depositumsgaranti er vurdert.");
	snprintf(d->assistance, sizeof d->assistance,
		 "Hjelp til å finne bolig på det private markedet.");
	if (d->grant_size_m2 == 0)
		d->grant_size_m2 = 50;
}

/* Composes and issues a decision as the user logged in (tild1). */
static inline int64_t issue(struct tenv *t, const struct decision_draft *d)
{
	char *letter = NULL;
	int64_t id = 0;

	must_ok(t, decision_compose(&t->s, d, &letter));
	must_ok(t, decision_issue(&t->s, d, letter, &id));
	free(letter);
	return id;
}

static inline long list_count(struct tenv *t, enum alloc_list l)
{
	long n = -1;
	must_ok(t, alloc_list_count(&t->s, l, &n));
	return n;
}

static inline bool list_has(struct tenv *t, enum alloc_list l, int64_t case_id)
{
	struct db_case_line out[50];
	size_t n = 0;

	must_ok(t, alloc_list_page(&t->s, l, NULL, 50, out, &n));
	for (size_t i = 0; i < n; i++)
		if (out[i].case_id == case_id)
			return true;
	return false;
}

static inline bool journal_has(struct tenv *t, int64_t case_id,
			       const char *kind, const char *text)
{
	struct journal_rec *j = NULL;
	size_t n = 0;
	bool found = false;

	must_ok(t, case_journal(&t->s, case_id, &j, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(j[i].kind, kind) == 0 && strstr(j[i].text, text))
			found = true;
	free(j);
	return found;
}

#endif
