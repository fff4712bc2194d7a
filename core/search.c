/* Search and queues: which lines a user may see, a page at a time. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static void visibility(const struct session *s, struct db_visibility *v,
		       char today[DB_DATE])
{
	session_today_iso(s, today);
	memset(v, 0, sizeof *v);
	v->staff_id = s->me.id;
	v->own_units = 1;
	v->referrals = 1;
	v->allocation = session_has_role(s, ROLE_ALLOCATION);
	v->intake_today = session_has_role(s, ROLE_DESK);
	v->today = today;
}

static bool all_digits(const char *q, size_t *n)
{
	size_t d = 0;
	for (; *q; q++) {
		if (isdigit((unsigned char)*q))
			d++;
		else if (*q != ' ')
			return false;
	}
	*n = d;
	return d > 0;
}

/* "2026-000123", "2026-00", "2026-": a case number or its beginning */
static bool case_number_like(const char *q)
{
	size_t i;
	if (strlen(q) < 5 || strlen(q) > 11)
		return false;
	for (i = 0; q[i]; i++)
		if (i == 4 ? q[i] != '-' : !isdigit((unsigned char)q[i]))
			return false;
	return true;
}

/* A whole ID number or case number that exists but is not the user's to
 * see: a refused attempt, logged like a refused opening (the answer on
 * the screen stays "no case found"). */
static void search_refused(struct session *s, enum db_search_by by,
			   const char *key)
{
	struct case_rec c;
	struct person_rec p;
	int64_t id;

	if (by == DB_BY_NUMBER && strlen(key) == 11 &&
	    db_case_id_by_number(s->db, key, &id) == DB_OK &&
	    db_case_get(s->db, id, &c) == DB_OK)
		access_log_denied(s, c.applicant_id, c.id, "search");
	else if (by == DB_BY_NID && db_person_by_nid(s->db, key, &p) == DB_OK)
		access_log_denied(s, p.id, 0, "search");
}

int case_search(struct session *s, const char *query,
		const struct db_case_line *after, size_t limit,
		struct db_case_line *out, size_t *n)
{
	struct db_visibility v;
	char today[DB_DATE], key[300], q[300];
	size_t digits = 0;
	enum db_search_by by;
	int rc;

	*n = 0;
	text_copy(q, sizeof q, query ? query : "");
	text_trim(q);
	if (!*q)
		return 0;
	if (all_digits(q, &digits)) {
		char nid[12];
		struct nid_info info;
		struct err ignore;
		/* only a whole, valid number is looked up: a partial ID
		 * number would let anyone enumerate birth dates */
		if (digits != 11 ||
		    nid_check(q, s->cfg->allow_synthetic_nid, nid, &info, &ignore))
			return err_set(&s->err, ERR_INVAL,
				       _("Type the whole 11-digit ID number, a "
					 "case number or a name."));
		by = DB_BY_NID;
		snprintf(key, sizeof key, "%s", nid);
	} else if (case_number_like(q)) {
		by = DB_BY_NUMBER;
		snprintf(key, sizeof key, "%s", q);
	} else {
		by = DB_BY_NAME;
		/* "Hansen, Kari" and "Hansen Kari" are the same question */
		for (char *p = q; *p; p++)
			if (*p == ',')
				*p = ' ';
		text_fold(q, key, sizeof key);
	}
	visibility(s, &v, today);
	rc = db_case_search(s->db, &v, by, key, after ? after->sort_key : NULL,
			    limit, out, n);
	if (rc == DB_OK && *n == 0 && !after && by != DB_BY_NAME)
		search_refused(s, by, key);
	return err_from_db(&s->err, rc);
}

/* The allocation queue as plain case lines, in order of priority. */
static int alloc_case_page(struct session *s, const struct db_case_line *after,
			   size_t limit, struct db_case_line *out, size_t *n)
{
	struct db_alloc_line *a = calloc(limit ? limit : 1, sizeof *a);
	struct db_alloc_line from;
	int rc;

	*n = 0;
	if (!a)
		return err_from_db(&s->err, DB_NOMEM);
	if (after) {
		memset(&from, 0, sizeof from);
		from.line = *after;
	}
	rc = alloc_queue_page(s, NULL, after ? &from : NULL, limit, a, n);
	for (size_t i = 0; i < *n; i++)
		out[i] = a[i].line;
	free(a);
	return rc;
}

static const char *const queue_labels[Q__COUNT] = {
	[Q_MY_CASES] = N_("My cases"),
	[Q_UNIT_INBOX] = N_("The unit's inbox"),
	[Q_TODAY] = N_("Registered today"),
	[Q_ALLOCATION] = N_("Allocation queue"),
	[Q_SUPERVISOR] = N_("My units' open cases"),
};

const char *queue_label(enum queue_kind q)
{
	return (unsigned)q < Q__COUNT ? _(queue_labels[q]) : "";
}

size_t queue_kinds(const struct session *s, enum queue_kind out[Q__COUNT])
{
	size_t n = 0;

	if (session_has_role(s, ROLE_DESK))
		out[n++] = Q_TODAY;
	if (session_has_role(s, ROLE_CASEWORKER)) {
		out[n++] = Q_MY_CASES;
		out[n++] = Q_UNIT_INBOX;
	}
	if (session_has_role(s, ROLE_ALLOCATION))
		out[n++] = Q_ALLOCATION;
	if (session_has_role(s, ROLE_SUPERVISOR))
		out[n++] = Q_SUPERVISOR;
	return n;
}

/* Q_ALLOCATION has no entry: it is read by priority (allocation.c) */
static const enum db_queue db_queues[Q__COUNT] = {
	[Q_MY_CASES] = DBQ_MY_CASES,     [Q_UNIT_INBOX] = DBQ_UNIT_INBOX,
	[Q_TODAY] = DBQ_TODAY,           [Q_SUPERVISOR] = DBQ_SUPERVISOR,
};

int queue_count(struct session *s, enum queue_kind q, long *n)
{
	char today[DB_DATE];

	*n = 0;
	if ((unsigned)q >= Q__COUNT)
		return err_set(&s->err, ERR_INVAL, _("Unknown queue."));
	if (q == Q_ALLOCATION) /* by priority: allocation.c */
		return alloc_queue_count(s, NULL, n);
	session_today_iso(s, today);
	return err_from_db(&s->err, db_queue_count(s->db, db_queues[q],
						   s->me.id, today, n));
}

int queue_page(struct session *s, enum queue_kind q,
	       const struct db_case_line *after, size_t limit,
	       struct db_case_line *out, size_t *n)
{
	char today[DB_DATE];

	*n = 0;
	if ((unsigned)q >= Q__COUNT)
		return err_set(&s->err, ERR_INVAL, _("Unknown queue."));
	if (q == Q_ALLOCATION)
		return alloc_case_page(s, after, limit, out, n);
	session_today_iso(s, today);
	return err_from_db(&s->err,
			   db_queue_page(s->db, db_queues[q], s->me.id, today,
					 after ? after->sort_key : NULL, limit,
					 out, n));
}
