/* libFuzzer target: what a person types into a form field of the intake.
 * Needs core/intake.c, tui/editbuf.c.
 *
 * The bytes are keystrokes: a few low bytes are editing keys (left,
 * right, home, end, backspace, delete, kill to the end, clear), the rest
 * UTF-8 text typed at the cursor of a field as the intake form makes it
 * (ID number, date, amount or text, each with its byte limit).  When the
 * field is left, the text goes through that field's check, and then the
 * whole application through intake_validate (with the text in the name,
 * contact, household and note fields).  Besides not crashing:
 *   - the field never holds more than its limit, always valid UTF-8;
 *   - a check never changes what was typed (the form keeps it on error),
 *     and a refusal is ERR_INVAL with a sentence;
 *   - intake_validate says 0 only for an application that is whole:
 *     an 11-digit ID number, names present, valid UTF-8 within limits.
 * intake_validate needs no database; the few db/ and session functions
 * intake.c refers to are stubs here that must never be called. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/core.h"
#include "../../tui/editbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- stubs: validation must not touch storage ----
 * (tests/test_fuzz_regress.c replays the inputs linked with the real
 * libraries: FUZZ_REPLAY leaves the stubs out) */
#ifndef FUZZ_REPLAY
#define NEVER(ret, name, ...) \
	ret name(__VA_ARGS__) { abort(); }
NEVER(int, db_person_by_nid, struct db *db, const char *nid,
      struct person_rec *out)
NEVER(int, db_person_dups, struct db *db, const char *key, const char *birth,
      const char *nid, struct person_rec **out, size_t *n)
NEVER(int, db_unit_get, struct db *db, const char *code, struct unit_rec *out)
NEVER(int, db_unit_by_id, struct db *db, int64_t id, struct unit_rec *out)
NEVER(int, db_unit_least_loaded, struct db *db, int64_t unit_id,
      const char *role, int64_t *staff_id)
NEVER(int, db_intake_save, struct db *db, struct db_intake *in,
      int64_t *case_id, char number[12])
NEVER(int, case_docs, struct session *s, int64_t case_id,
      struct doc_rec **out, size_t *n)
NEVER(int, case_consents, struct session *s, int64_t case_id,
      struct consent_rec **out, size_t *n)
NEVER(bool, session_has_role, const struct session *s, enum role r)
NEVER(void, session_now_ts, const struct session *s, char out[DB_TS])
NEVER(void, session_today_iso, const struct session *s, char out[DB_DATE])
NEVER(const char *, situation_name, enum situation sit)
NEVER(const char *, doc_kind_label, const char *kind)

day_t session_today(const struct session *s)
{
	(void)s;
	return date_days("2026-03-02");
}
#endif

static time_t fixed_clock(void *ctx)
{
	(void)ctx;
	return (time_t)date_days("2026-03-02") * 86400 + 12 * 3600;
}

/* ---- the field ---- */
enum kind { K_NID, K_DATE, K_AMOUNT, K_TEXT, K__COUNT };
static const size_t limits[K__COUNT] = {32, 32, 32, 256};

static void type_keys(struct editbuf *b, const uint8_t *p, size_t n)
{
	while (n > 0) {
		wchar_t c;
		size_t k;

		switch (*p) {
		case 1: editbuf_left(b); break;
		case 2: editbuf_right(b); break;
		case 3: editbuf_home(b); break;
		case 4: editbuf_end(b); break;
		case 5: editbuf_delete_back(b); break;
		case 6: editbuf_delete_forward(b); break;
		case 7: editbuf_kill_end(b); break;
		case 8: editbuf_clear(b); break;
		case 9: editbuf_word_left(b); break;
		case 10: editbuf_word_right(b); break;
		default:
			k = utf8_decode((const char *)p, n, &c);
			if (k == 0) {
				/* a stray byte: the terminal gives a key code */
				editbuf_insert(b, (wchar_t)*p);
				break;
			}
			editbuf_insert(b, c);
			p += k;
			n -= k;
			continue;
		}
		p++;
		n--;
	}
}

static void check_refusal(const struct err *e, int rc)
{
	if (rc != ERR_INVAL || e->code != ERR_INVAL || e->msg[0] == '\0' ||
	    !memchr(e->msg, '\0', sizeof e->msg))
		abort();
}

static void check_field(enum kind k, const char *text)
{
	char copy[EDITBUF_MAX * 4 + 1], out[12], iso[DB_DATE];
	struct err e = {0};
	struct nid_info info;
	int64_t kr;
	int rc = 0;

	snprintf(copy, sizeof copy, "%s", text);
	switch (k) {
	case K_NID:
		rc = nid_check(text, true, out, &info, &e);
		if (rc == 0 && (strlen(out) != 11 ||
				strspn(out, "0123456789") != 11 ||
				date_days(info.birth) == DAY_NONE))
			abort();
		break;
	case K_DATE:
		rc = date_parse(text, iso, &e);
		if (rc == 0 && date_days(iso) == DAY_NONE)
			abort();
		break;
	case K_AMOUNT:
		rc = amount_parse(text, &kr, &e);
		if (rc == 0 && kr < 0)
			abort();
		break;
	default: break;
	}
	if (rc)
		check_refusal(&e, rc);
	if (strcmp(copy, text) != 0)
		abort(); /* what was typed is kept */
}

static bool field_ok(const char *s, size_t size)
{
	size_t n = strnlen(s, size);
	return n < size && utf8_valid(s, n);
}

static void check_intake(const char *text, const uint8_t *data, size_t size)
{
	static struct config cfg;
	static struct session s;
	static struct intake in;
	int rc;

	memset(&cfg, 0, sizeof cfg);
	cfg.allow_synthetic_nid = size > 0 && (data[0] & 0x80);
	memset(&s, 0, sizeof s);
	s.cfg = &cfg;
	s.clock = fixed_clock;
	memset(&in, 0, sizeof in);
	in.situation = SIT_TEMPORARY;
	in.income = in.debt = -1;
	snprintf(in.track, sizeof in.track, "dwelling");
	/* the text lands wherever a person could type it */
	text_copy(in.applicant.nid, sizeof in.applicant.nid, text);
	text_copy(in.applicant.given, sizeof in.applicant.given, text);
	text_copy(in.applicant.family, sizeof in.applicant.family,
		  size > 1 && (data[1] & 1) ? "Ødegård" : text);
	text_copy(in.applicant.email, sizeof in.applicant.email, text);
	text_copy(in.applicant.address, sizeof in.applicant.address, text);
	text_copy(in.needs_note, sizeof in.needs_note, text);
	if (size > 2 && (data[2] & 1)) {
		in.nmembers = 1;
		text_copy(in.member[0].name, sizeof in.member[0].name, text);
		snprintf(in.member[0].relation, sizeof in.member[0].relation,
			 "child");
		if (date_parse(text, in.member[0].birth, NULL) != 0)
			in.member[0].birth[0] = '\0';
	}
	if (size > 3) {
		in.situation = (enum situation)(data[3] % (SIT__COUNT + 1));
		if (date_parse(text, in.discharge, NULL) != 0)
			in.discharge[0] = '\0';
	}
	rc = intake_validate(&s, &in);
	if (rc) {
		check_refusal(&s.err, rc);
		return;
	}
	if (strlen(in.applicant.nid) != 11 || !in.applicant.given[0] ||
	    !in.applicant.family[0] ||
	    !field_ok(in.applicant.given, sizeof in.applicant.given) ||
	    !field_ok(in.applicant.family, sizeof in.applicant.family) ||
	    !field_ok(in.applicant.address, sizeof in.applicant.address) ||
	    !field_ok(in.needs_note, sizeof in.needs_note) ||
	    (in.nmembers && !in.member[0].name[0]))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct editbuf eb;
	char text[EDITBUF_MAX * 4 + 1];
	enum kind k;

	if (size < 1)
		return 0;
	k = (enum kind)(data[0] % K__COUNT);
	editbuf_init(&eb, limits[k]);
	type_keys(&eb, data + 1, size - 1);
	editbuf_get(&eb, text, sizeof text);
	if (strlen(text) != editbuf_bytes(&eb) || strlen(text) > limits[k] ||
	    !utf8_valid(text, strlen(text)) || eb.cur > eb.len)
		abort();
	check_field(k, text);
	check_intake(text, data, size);
	return 0;
}
