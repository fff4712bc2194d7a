/* Intake at the service desk: validation and registration of a case. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* The documentation checklist every application starts with (DOMAIN.md). */
static const char *const default_docs[] = {"id", "income", "tax", "arrears"};

void intake_init(struct session *s, struct intake *in)
{
	size_t i;

	(void)s;
	memset(in, 0, sizeof *in);
	in->situation = SIT_TEMPORARY;
	in->income = -1;
	in->debt = -1;
	snprintf(in->track, sizeof in->track, "dwelling");
	for (i = 0; i < sizeof default_docs / sizeof default_docs[0]; i++) {
		snprintf(in->doc[i].kind, sizeof in->doc[i].kind, "%s",
			 default_docs[i]);
		snprintf(in->doc[i].state, sizeof in->doc[i].state, "missing");
	}
	in->ndocs = i;
}

static bool text_ok(const char *t, size_t max)
{
	size_t n = strlen(t);
	return n <= max && utf8_valid(t, n);
}

static int applicant_validate(struct session *s, struct person_rec *p)
{
	struct nid_info info;
	char nid[12];
	int rc;

	rc = nid_check(p->nid, s->cfg->allow_synthetic_nid, nid, &info, &s->err);
	if (rc)
		return rc;
	memcpy(p->nid, nid, sizeof nid);
	memcpy(p->birth, info.birth, sizeof p->birth);
	text_trim(p->given);
	text_trim(p->family);
	if (!*p->given)
		return err_set_field(&s->err, ERR_INVAL, "given",
				     _("The applicant's first name is missing."));
	if (!*p->family)
		return err_set_field(&s->err, ERR_INVAL, "family",
				     _("The applicant's family name is missing."));
	if (*p->email && !strchr(p->email, '@'))
		return err_set_field(&s->err, ERR_INVAL, "email",
				     _("An e-mail address has an @ in it."));
	if (!text_ok(p->address, 160) || !text_ok(p->city, 64) ||
	    !text_ok(p->phone, 32) || !text_ok(p->language, 32))
		return err_set(&s->err, ERR_INVAL,
			       _("A contact field has text that is not valid."));
	return 0;
}

static bool relation_valid(const char *r)
{
	static const char *const rel[] = {"spouse", "partner", "child",
					  "other_adult", "other"};
	size_t i;
	for (i = 0; i < sizeof rel / sizeof rel[0]; i++)
		if (strcmp(r, rel[i]) == 0)
			return true;
	return false;
}

static int household_validate(struct session *s, struct intake *in)
{
	size_t i;
	char field[32];

	if (in->nmembers > INTAKE_MAX_MEMBERS)
		return err_set(&s->err, ERR_INVAL,
			       _("A household has at most %d other members "
				 "here."),
			       INTAKE_MAX_MEMBERS);
	for (i = 0; i < in->nmembers; i++) {
		struct hh_member_rec *m = &in->member[i];
		snprintf(field, sizeof field, "member%zu", i);
		text_trim(m->name);
		if (!*m->name)
			return err_set_field(&s->err, ERR_INVAL, field,
					     _("Household member %zu has no "
					       "name."),
					     i + 1);
		if (!relation_valid(m->relation))
			return err_set_field(&s->err, ERR_INVAL, field,
					     _("Household member %zu: choose "
					       "spouse, partner, child, other "
					       "adult or other."),
					     i + 1);
		if (*m->birth && date_days(m->birth) == DAY_NONE)
			return err_set_field(&s->err, ERR_INVAL, field,
					     _("Household member %zu has a birth "
					       "date that is not real."),
					     i + 1);
		if (*m->birth && date_days(m->birth) > session_today(s))
			return err_set_field(&s->err, ERR_INVAL, field,
					     _("Household member %zu has a birth "
					       "date in the future."),
					     i + 1);
	}
	return 0;
}

int intake_validate(struct session *s, struct intake *in)
{
	int rc;
	size_t i;

	err_clear(&s->err);
	if ((rc = applicant_validate(s, &in->applicant)) ||
	    (rc = household_validate(s, in)))
		return rc;
	if ((unsigned)in->situation >= SIT__COUNT)
		return err_set_field(&s->err, ERR_INVAL, "situation",
				     _("Choose the present housing situation."));
	if (in->situation == SIT_INSTITUTION) {
		if (!*in->discharge || date_days(in->discharge) == DAY_NONE)
			return err_set_field(&s->err, ERR_INVAL, "discharge",
					     _("An applicant in an institution "
					       "needs the discharge date."));
	} else {
		in->discharge[0] = '\0';
	}
	if (in->income < -1 || in->debt < -1)
		return err_set_field(&s->err, ERR_INVAL, "income",
				     _("Income and debt are whole kroner, not "
				       "negative."));
	if (strcmp(in->track, "dwelling") && strcmp(in->track, "assistance") &&
	    strcmp(in->track, "both"))
		return err_set_field(&s->err, ERR_INVAL, "track",
				     _("Choose municipal dwelling, housing "
				       "assistance, or both."));
	if (!text_ok(in->needs_note, 256))
		return err_set_field(&s->err, ERR_INVAL, "needs_note",
				     _("The note on needs is too long."));
	for (i = 0; i < in->ndocs; i++)
		if (strcmp(in->doc[i].state, "missing") &&
		    strcmp(in->doc[i].state, "received") &&
		    strcmp(in->doc[i].state, "not_needed"))
			return err_set_field(&s->err, ERR_INVAL, "docs",
					     _("A document is received, missing "
					       "or not needed."));
	return 0;
}

int intake_find_person(struct session *s, const char *nid,
		       struct person_rec *out)
{
	char clean[12];
	struct nid_info info;
	int rc;

	if ((rc = nid_check(nid, s->cfg->allow_synthetic_nid, clean, &info,
			    &s->err)))
		return rc;
	rc = db_person_by_nid(s->db, clean, out);
	if (rc == DB_NOTFOUND)
		return ERR_NOTFOUND; /* not an error for the desk: a new person */
	return err_from_db(&s->err, rc);
}

int intake_duplicates(struct session *s, const struct intake *in,
		      struct person_rec **out, size_t *n)
{
	char key[300];

	*out = NULL;
	*n = 0;
	if (!*in->applicant.birth || !*in->applicant.family)
		return 0;
	text_fold(in->applicant.family, key, sizeof key);
	return err_from_db(&s->err,
			   db_person_dups(s->db, key, in->applicant.birth,
					  in->applicant.nid, out, n));
}

int intake_default_unit(struct session *s, enum situation sit,
			int64_t *unit_id)
{
	const char *code =
		(unsigned)sit < SIT__COUNT ? s->cfg->default_unit[sit] : "";
	struct unit_rec u;
	size_t i;

	if (*code) {
		int rc = db_unit_get(s->db, code, &u);
		if (rc == DB_OK) {
			*unit_id = u.id;
			return 0;
		}
		if (rc != DB_NOTFOUND)
			return err_from_db(&s->err, rc);
		/* a configured unit that does not exist: fall through */
	}
	for (i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].role, "desk") == 0 ||
		    strcmp(s->member[i].role, "caseworker") == 0) {
			*unit_id = s->member[i].unit_id;
			return 0;
		}
	return err_set_field(&s->err, ERR_INVAL, "unit",
			     _("Choose the responsible unit."));
}

static int64_t my_desk_unit(const struct session *s)
{
	size_t i;
	for (i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].role, "desk") == 0)
			return s->member[i].unit_id;
	return 0;
}

int intake_register(struct session *s, struct intake *in, int64_t *case_id,
		    char number[12])
{
	struct case_rec c = {0};
	struct db_intake d = {0};
	struct unit_rec unit;
	int64_t consent_unit[INTAKE_MAX_CONSENTS];
	int consent_given[INTAKE_MAX_CONSENTS];
	char now[DB_TS], due[DB_DATE], key1[300], key2[300], buf[300];
	size_t i;
	int rc;

	if (!session_has_role(s, ROLE_DESK | ROLE_CASEWORKER))
		return err_set(&s->err, ERR_DENIED,
			       _("Only the service desk and caseworkers register "
				 "applications."));
	if ((rc = intake_validate(s, in)))
		return rc;
	if (in->nconsents > INTAKE_MAX_CONSENTS)
		return err_set(&s->err, ERR_INVAL, _("Too many consents."));
	if (!in->unit_id && (rc = intake_default_unit(s, in->situation,
						      &in->unit_id)))
		return rc;
	if ((rc = db_unit_by_id(s->db, in->unit_id, &unit)))
		return err_set_field(&s->err, ERR_NOTFOUND, "unit",
				     _("The responsible unit does not exist."));
	rc = db_unit_least_loaded(s->db, in->unit_id, "caseworker",
				  &c.caseworker_id);
	if (rc == DB_NOTFOUND)
		/* a case must never be without a responsible caseworker */
		return err_set_field(&s->err, ERR_INVAL, "unit",
				     _("%s has no caseworker to take the case; "
				       "choose another unit or ask an "
				       "administrator."),
				     unit.name);
	if (rc)
		return err_from_db(&s->err, rc);
	/* a registered person is reused, never duplicated */
	if (!in->applicant.id) {
		struct person_rec known;
		if (db_person_by_nid(s->db, in->applicant.nid, &known) == DB_OK) {
			in->applicant.id = known.id;
			in->applicant.version = known.version;
		}
	}
	session_now_ts(s, now);
	session_today_iso(s, c.received);
	date_iso(session_today(s) + s->cfg->interim_days, due);
	c.unit_id = in->unit_id;
	snprintf(c.track, sizeof c.track, "%s", in->track);
	snprintf(c.status, sizeof c.status, "registered");
	snprintf(c.situation, sizeof c.situation, "%s",
		 situation_name(in->situation));
	memcpy(c.discharge, in->discharge, sizeof c.discharge);
	c.needs = in->needs;
	memcpy(c.needs_note, in->needs_note, sizeof c.needs_note);
	c.income = in->income;
	c.debt = in->debt;
	snprintf(buf, sizeof buf, "%s %s", in->applicant.family,
		 in->applicant.given);
	text_fold(buf, key1, sizeof key1);
	snprintf(buf, sizeof buf, "%s %s", in->applicant.given,
		 in->applicant.family);
	text_fold(buf, key2, sizeof key2);
	for (i = 0; i < in->nconsents; i++) {
		consent_unit[i] = in->consent[i].unit_id;
		consent_given[i] = in->consent[i].given;
	}
	d.applicant = &in->applicant;
	d.key1 = key1;
	d.key2 = key2;
	d.nmembers = in->nmembers;
	d.member = in->member;
	d.c = &c;
	d.intake_unit_id = my_desk_unit(s);
	d.staff_id = s->me.id;
	d.at = now;
	d.year = (int)strtol(c.received, NULL, 10);
	d.ndocs = in->ndocs;
	d.doc = in->doc;
	d.nconsents = in->nconsents;
	d.consent_unit = consent_unit;
	d.consent_given = consent_given;
	d.deadline_kind = "interim";
	d.deadline_due = due;
	snprintf(buf, sizeof buf, "registered; responsible unit %s", unit.code);
	d.journal_text = buf;
	d.draft_id = in->draft_id;
	rc = db_intake_save(s->db, &d, case_id, number);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed this person's details "
				 "while you typed. Nothing was saved; look them "
				 "up again."));
	return err_from_db(&s->err, rc);
}

int case_missing(struct session *s, int64_t case_id, char *out, size_t size)
{
	struct doc_rec *docs = NULL;
	struct consent_rec *cons = NULL;
	size_t nd = 0, nc = 0, i, len = 0;
	int rc;

	out[0] = '\0';
	if ((rc = case_docs(s, case_id, &docs, &nd)) ||
	    (rc = case_consents(s, case_id, &cons, &nc))) {
		free(docs);
		return rc;
	}
	for (i = 0; i < nd && len < size; i++)
		if (strcmp(docs[i].state, "missing") == 0)
			len += (size_t)snprintf(out + len, size - len, "%s\n",
						doc_kind_label(docs[i].kind));
	if (nc == 0 && len < size)
		len += (size_t)snprintf(out + len, size - len, "%s\n",
					_("consent to share information"));
	free(docs);
	free(cons);
	return 0;
}
