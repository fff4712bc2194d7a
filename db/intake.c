/* Registration of a case at intake: one transaction for everything. */
#include <stdio.h>
#include <string.h>

#include "dbint.h"

static int person_save(struct db *db, struct db_intake *in)
{
	struct person_rec *p = in->applicant;
	sqlite3_stmt *st;
	int rc;

	if (p->id) {
		/* a known person: the desk may have new contact details */
		st = db_prep(db,
			"UPDATE person SET address = ?, postcode = ?, city = ?, "
			"phone = ?, email = ?, language = ?, interpreter = ?, "
			"version = version + 1 WHERE id = ? AND version = ?");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 1, p->address);
		db_bind_text(st, 2, p->postcode);
		db_bind_text(st, 3, p->city);
		db_bind_text(st, 4, p->phone);
		db_bind_text(st, 5, p->email);
		db_bind_text(st, 6, p->language);
		sqlite3_bind_int(st, 7, p->interpreter);
		sqlite3_bind_int64(st, 8, p->id);
		sqlite3_bind_int(st, 9, p->version);
		if ((rc = db_step_done(db, st)))
			return rc;
		return sqlite3_changes(db->h) ? DB_OK : DB_CONFLICT;
	}
	return db_person_insert(db, p, in->key1, in->key2, in->at);
}

/* Shared with the import (db/import.c): a new person with both name keys. */
int db_person_insert(struct db *db, struct person_rec *p, const char *key1,
		     const char *key2, const char *at)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO person (nid, given_name, family_name, birth_date, "
		"address, postcode, city, phone, email, language, interpreter, "
		"created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_opt(st, 1, p->nid);
	db_bind_text(st, 2, p->given);
	db_bind_text(st, 3, p->family);
	db_bind_opt(st, 4, p->birth);
	db_bind_text(st, 5, p->address);
	db_bind_text(st, 6, p->postcode);
	db_bind_text(st, 7, p->city);
	db_bind_text(st, 8, p->phone);
	db_bind_text(st, 9, p->email);
	db_bind_text(st, 10, p->language);
	sqlite3_bind_int(st, 11, p->interpreter);
	db_bind_text(st, 12, at);
	if ((rc = db_step_done(db, st)))
		return rc;
	p->id = sqlite3_last_insert_rowid(db->h);
	st = db_prep(db, "INSERT OR IGNORE INTO person_key (key, person_id) "
			 "VALUES (?, ?)");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, key1);
	sqlite3_bind_int64(st, 2, p->id);
	if ((rc = db_step_done(db, st)))
		return rc;
	db_bind_text(st, 1, key2);
	sqlite3_bind_int64(st, 2, p->id);
	return db_step_done(db, st);
}

static int household_save(struct db *db, struct db_intake *in, int64_t *hh)
{
	return db_household_insert(db, in->applicant, in->member, in->nmembers,
				   in->at, hh);
}

/* Shared with the import: a household of the applicant and the others. */
int db_household_insert(struct db *db, const struct person_rec *applicant,
			const struct hh_member_rec *member, size_t nmembers,
			const char *at, int64_t *hh)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO household (created_at) "
				       "VALUES (?)");
	size_t i;
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, at);
	if ((rc = db_step_done(db, st)))
		return rc;
	*hh = sqlite3_last_insert_rowid(db->h);
	st = db_prep(db, "INSERT INTO household_member (household_id, person_id, "
			 "name, relation, birth_date) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, *hh);
	sqlite3_bind_int64(st, 2, applicant->id);
	db_bind_text(st, 3, "");
	db_bind_text(st, 4, "applicant");
	db_bind_opt(st, 5, applicant->birth);
	if ((rc = db_step_done(db, st)))
		return rc;
	for (i = 0; i < nmembers; i++) {
		const struct hh_member_rec *m = &member[i];
		sqlite3_bind_int64(st, 1, *hh);
		db_bind_id(st, 2, m->person_id);
		db_bind_text(st, 3, m->name);
		db_bind_text(st, 4, m->relation);
		db_bind_opt(st, 5, m->birth);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return DB_OK;
}

/* Shared with the import: the next YYYY-NNNNNN of the year. */
int db_case_number_next(struct db *db, int year, char number[12])
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO case_seq (year, last) VALUES (?1, 1) "
		"ON CONFLICT (year) DO UPDATE SET last = last + 1 "
		"RETURNING last");
	int rc;
	long last;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int(st, 1, year);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_rc(db, rc);
	}
	last = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (last > 999999)
		return DB_FULL; /* a year holds a million cases */
	snprintf(number, 12, "%04d-%06ld", year % 10000, last);
	return DB_OK;
}

static int case_insert(struct db *db, struct db_intake *in, int64_t hh,
		       const char *number, int64_t *case_id)
{
	const struct case_rec *c = in->c;
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO case_file (number, applicant_id, household_id, track, "
		"unit_id, caseworker_id, intake_unit_id, registered_by, status, "
		"received, situation, discharge_date, needs, needs_note, income, "
		"debt, created_at, updated_at) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, number);
	sqlite3_bind_int64(st, 2, in->applicant->id);
	sqlite3_bind_int64(st, 3, hh);
	db_bind_text(st, 4, c->track);
	sqlite3_bind_int64(st, 5, c->unit_id);
	sqlite3_bind_int64(st, 6, c->caseworker_id);
	db_bind_id(st, 7, in->intake_unit_id);
	sqlite3_bind_int64(st, 8, in->staff_id);
	db_bind_text(st, 9, c->status);
	db_bind_text(st, 10, c->received);
	db_bind_text(st, 11, c->situation);
	db_bind_opt(st, 12, c->discharge);
	sqlite3_bind_int(st, 13, (int)c->needs);
	db_bind_text(st, 14, c->needs_note);
	if (c->income >= 0)
		sqlite3_bind_int64(st, 15, c->income);
	if (c->debt >= 0)
		sqlite3_bind_int64(st, 16, c->debt);
	db_bind_text(st, 17, in->at);
	db_bind_text(st, 18, in->at);
	if ((rc = db_step_done(db, st)))
		return rc;
	*case_id = sqlite3_last_insert_rowid(db->h);
	return DB_OK;
}

static int docs_save(struct db *db, struct db_intake *in, int64_t case_id)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO doc_item (case_id, kind, state, received) "
		"VALUES (?, ?, ?, ?)");
	size_t i;
	int rc;

	if (!st)
		return DB_ERROR;
	for (i = 0; i < in->ndocs; i++) {
		sqlite3_bind_int64(st, 1, case_id);
		db_bind_text(st, 2, in->doc[i].kind);
		db_bind_text(st, 3, in->doc[i].state);
		db_bind_opt(st, 4, in->doc[i].received);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return DB_OK;
}

static int consents_save(struct db *db, struct db_intake *in)
{
	/* The latest word of the person stands: a new consent or refusal
	 * replaces the earlier one for that unit. */
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO consent (person_id, unit_id, scope, state, given_date, "
		"recorded_by, recorded_at) VALUES (?1, ?2, 'case', ?3, ?4, ?5, ?6) "
		"ON CONFLICT (person_id, unit_id, scope) DO UPDATE SET "
		"state = excluded.state, given_date = excluded.given_date, "
		"withdrawn_date = NULL, recorded_by = excluded.recorded_by, "
		"recorded_at = excluded.recorded_at");
	size_t i;
	int rc;
	char today[DB_DATE];

	if (!st)
		return DB_ERROR;
	snprintf(today, sizeof today, "%.10s", in->at);
	for (i = 0; i < in->nconsents; i++) {
		sqlite3_bind_int64(st, 1, in->applicant->id);
		sqlite3_bind_int64(st, 2, in->consent_unit[i]);
		db_bind_text(st, 3, in->consent_given[i] ? "given" : "refused");
		db_bind_opt(st, 4, in->consent_given[i] ? in->c->received : "");
		sqlite3_bind_int64(st, 5, in->staff_id);
		db_bind_text(st, 6, in->at);
		if ((rc = db_step_done(db, st)))
			return rc;
	}
	return DB_OK;
}

struct intake_tx {
	struct db_intake *in;
	int64_t case_id;
	char number[12];
};

static int intake_tx(struct db *db, void *p)
{
	struct intake_tx *t = p;
	struct db_intake *in = t->in;
	int64_t saved_person = in->applicant->id, hh = 0;
	sqlite3_stmt *st;
	int rc;

	if ((rc = person_save(db, in)) || (rc = household_save(db, in, &hh)) ||
	    (rc = db_case_number_next(db, in->year, t->number)) ||
	    (rc = case_insert(db, in, hh, t->number, &t->case_id)) ||
	    (rc = docs_save(db, in, t->case_id)) || (rc = consents_save(db, in)))
		goto undo;
	st = db_prep(db, "INSERT INTO deadline (case_id, kind, unit_id, staff_id, "
			 "due) VALUES (?, ?, ?, ?, ?)");
	if (!st) {
		rc = DB_ERROR;
		goto undo;
	}
	sqlite3_bind_int64(st, 1, t->case_id);
	db_bind_text(st, 2, in->deadline_kind);
	sqlite3_bind_int64(st, 3, in->c->unit_id);
	sqlite3_bind_int64(st, 4, in->c->caseworker_id);
	db_bind_text(st, 5, in->deadline_due);
	if ((rc = db_step_done(db, st)))
		goto undo;
	st = db_prep(db, "INSERT INTO journal (case_id, at, staff_id, kind, text) "
			 "VALUES (?, ?, ?, 'registered', ?)");
	if (!st) {
		rc = DB_ERROR;
		goto undo;
	}
	sqlite3_bind_int64(st, 1, t->case_id);
	db_bind_text(st, 2, in->at);
	sqlite3_bind_int64(st, 3, in->staff_id);
	db_bind_text(st, 4, in->journal_text);
	if ((rc = db_step_done(db, st)))
		goto undo;
	if (in->draft_id) {
		st = db_prep(db, "DELETE FROM draft WHERE id = ? AND staff_id = ?");
		if (!st) {
			rc = DB_ERROR;
			goto undo;
		}
		sqlite3_bind_int64(st, 1, in->draft_id);
		sqlite3_bind_int64(st, 2, in->staff_id);
		if ((rc = db_step_done(db, st)))
			goto undo;
	}
	return DB_OK;
undo:
	/* the transaction rolls back; so must the id we handed out */
	in->applicant->id = saved_person;
	return rc;
}

int db_intake_save(struct db *db, struct db_intake *in, int64_t *case_id,
		   char number[12])
{
	struct intake_tx t = {in, 0, ""};
	int rc = db_tx(db, intake_tx, &t);

	if (rc == DB_OK) {
		*case_id = t.case_id;
		memcpy(number, t.number, 12);
	}
	return rc;
}
