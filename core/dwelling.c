/*
 * The register of municipal dwellings: kept in the interface and by
 * `bosak import dwellings FILE.csv`.
 *
 * THE FILE FORMAT (bosak(1) carries the same text)
 *
 * A CSV file as a spreadsheet saves it, read as `import applicants` reads
 * its file: UTF-8 with or without a byte-order mark, ';' or ',' between
 * fields, quotes for fields holding the separator, a quote or a line
 * break.  Blank lines are skipped.  The first line names the columns, in
 * any order, compared without regard to case, spaces, '_' or '-', with
 * æ ø å also written ae o a.  A column with an empty name is ignored; any
 * other unknown name stops the import.
 *
 * Required columns:
 *   adresse     the address, unique in the register, at most 160 bytes
 *   rom         rooms, 1 to 20
 *   kvm         size in square metres, 1 to 1000 (also: m2, areal)
 * Optional columns (an empty field is the same as no column):
 *   omrade      area of town, at most 64 bytes (also: bydel)
 *   etasje      floor, 0 (ground floor) to 40 (default 0)
 *   heis        ja or nei (yes/no, 1/0): a lift (default nei)
 *   tilpasset   ja or nei: adapted, universal design (default nei)
 *   bemannet    ja or nei: staffed housing (default nei)
 *   husleie     the monthly rent in whole kroner ("8 500", "kr 8500,-")
 *   status      ledig, utleid or vedlikehold (or vacant, let,
 *               maintenance); default ledig
 *   ledig_fra   the day a vacant dwelling is free from (default today)
 *
 * A line is bad, and reported on the error stream as FILE:LINE: reason,
 * when its number of fields differs from the header's, its text is not
 * UTF-8, a required field is empty, a number, word or date is not one
 * described above, or its address is already in the register or on an
 * earlier line.  If any line is bad nothing is imported (exit status 65)
 * unless --skip-bad is given.  All lines are saved in one transaction.
 * Exit status: 0 done, 65 bad lines, 66 the file cannot be read, 77 the
 * user does not manage the register (allocation group, property unit,
 * administrator).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

const char *dwelling_status_label(const char *status)
{
	if (strcmp(status, "vacant") == 0)
		return _("vacant");
	if (strcmp(status, "let") == 0)
		return _("let");
	if (strcmp(status, "maintenance") == 0)
		return _("under maintenance");
	return status;
}

bool dwelling_may_manage(const struct session *s)
{
	if (session_has_role(s, ROLE_ALLOCATION | ROLE_ADMIN))
		return true;
	for (size_t i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].unit_kind, "property") == 0)
			return true;
	return false;
}

static int may_read(struct session *s)
{
	if (dwelling_may_manage(s) || session_has_role(s, ROLE_SUPERVISOR))
		return 0;
	return err_set(&s->err, ERR_DENIED,
		       _("Only the allocation group, the property unit, "
			 "supervisors and administrators see the dwellings."));
}

static int may_manage(struct session *s)
{
	if (dwelling_may_manage(s))
		return 0;
	return err_set(&s->err, ERR_DENIED,
		       _("Only the allocation group, the property unit and "
			 "administrators manage the dwellings."));
}

static bool printable(const char *t)
{
	if (!utf8_valid(t, strlen(t)))
		return false;
	for (; *t; t++)
		if ((unsigned char)*t < 0x20 || *t == 0x7f)
			return false;
	return true;
}

int dwelling_validate(struct session *s, const struct dwelling_rec *d)
{
	if (!d->address[0] || strlen(d->address) > 160 ||
	    !printable(d->address))
		return err_set_field(&s->err, ERR_INVAL, "address",
				     _("The address is 1 to 160 bytes of "
				       "text."));
	if (strlen(d->area) > 64 || !printable(d->area))
		return err_set_field(&s->err, ERR_INVAL, "area",
				     _("The area is at most 64 bytes of "
				       "text."));
	if (d->rooms < 1 || d->rooms > 20)
		return err_set_field(&s->err, ERR_INVAL, "rooms",
				     _("Rooms: a whole number from 1 to 20."));
	if (d->size_m2 < 1 || d->size_m2 > 1000)
		return err_set_field(&s->err, ERR_INVAL, "size",
				     _("Size: a whole number of square metres "
				       "from 1 to 1000."));
	if (d->floor < 0 || d->floor > 40)
		return err_set_field(&s->err, ERR_INVAL, "floor",
				     _("Floor: 0 (ground floor) to 40."));
	if (d->rent < 0 || d->rent > 1000000)
		return err_set_field(&s->err, ERR_INVAL, "rent",
				     _("The rent is whole kroner a month, 0 "
				       "to 1 000 000."));
	if (strcmp(d->status, "vacant") && strcmp(d->status, "let") &&
	    strcmp(d->status, "maintenance"))
		return err_set_field(&s->err, ERR_INVAL, "status",
				     _("A dwelling is vacant, let or under "
				       "maintenance."));
	if (strcmp(d->status, "vacant") == 0 &&
	    date_days(d->vacant_from) == DAY_NONE)
		return err_set_field(&s->err, ERR_INVAL, "vacant_from",
				     _("A vacant dwelling needs the day it is "
				       "free from."));
	return 0;
}

int dwelling_save(struct session *s, struct dwelling_rec *d)
{
	struct dwelling_rec same, now;
	int rc;

	if ((rc = may_manage(s)))
		return rc;
	if (strcmp(d->status, "vacant") != 0)
		d->vacant_from[0] = '\0';
	if ((rc = dwelling_validate(s, d)))
		return rc;
	rc = db_dwelling_by_address(s->db, d->address, &same);
	if (rc == DB_OK && same.id != d->id)
		return err_set_field(&s->err, ERR_CONFLICT, "address",
				     _("%s is already in the register."),
				     d->address);
	if (rc && rc != DB_NOTFOUND)
		return err_from_db(&s->err, rc);
	if (d->id) {
		if ((rc = db_dwelling_get(s->db, d->id, &now)))
			return err_from_db(&s->err, rc);
		/* a let dwelling is free again when its lease ends */
		if (now.lease_id && strcmp(d->status, "let") != 0)
			return err_set_field(&s->err, ERR_INVAL, "status",
					     _("The dwelling has a lease (case "
					       "%s): end the lease first."),
					     now.lease_case);
	}
	rc = db_dwelling_save(s->db, d);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("Someone else changed the dwelling %s after "
				 "you opened it. Open it again to see their "
				 "change."),
			       d->address);
	return err_from_db(&s->err, rc);
}

int dwelling_get(struct session *s, int64_t id, struct dwelling_rec *out)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = may_read(s)))
		return rc;
	rc = db_dwelling_get(s->db, id, out);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no such dwelling."));
	return err_from_db(&s->err, rc);
}

int dwelling_page(struct session *s, const char *status,
		  const struct dwelling_rec *after, size_t limit,
		  struct dwelling_rec *out, size_t *n)
{
	int rc;

	*n = 0;
	if ((rc = may_read(s)))
		return rc;
	return err_from_db(&s->err,
			   db_dwelling_page(s->db, status,
					    after ? after->address : "", limit,
					    out, n));
}

int dwelling_count(struct session *s, const char *status, long *n)
{
	int rc;

	*n = 0;
	if ((rc = may_read(s)))
		return rc;
	return err_from_db(&s->err, db_dwelling_count(s->db, status, n));
}

int dwelling_suiting_case(struct session *s, int64_t case_id, size_t limit,
			  struct dwelling_rec *out, size_t *n)
{
	struct case_rec c;
	struct hh_member_rec *hh = NULL;
	size_t nhh = 0;
	int rc, persons;

	*n = 0;
	if ((rc = may_read(s)))
		return rc;
	if ((rc = case_household(s, case_id, &hh, &nhh)))
		return rc;
	free(hh);
	if ((rc = db_case_get(s->db, case_id, &c)))
		return err_from_db(&s->err, rc);
	persons = nhh ? (int)nhh : 1;
	return err_from_db(&s->err,
			   db_dwelling_suiting(s->db, alloc_rooms_needed(persons),
					       (c.needs & NEED_ADAPTED) != 0,
					       (c.needs & NEED_STAFFED) != 0,
					       limit, out, n));
}

/* --------------------------------------------------------------- import */

enum col {
	C_ADDRESS, C_AREA, C_ROOMS, C_SIZE, C_FLOOR, C_LIFT, C_ADAPTED,
	C_STAFFED, C_RENT, C_STATUS, C_VACANT_FROM, C__COUNT
};

static const struct {
	enum col col;
	const char *name; /* folded as header_key() folds */
} col_names[] = {
	{C_ADDRESS, "adresse"},   {C_AREA, "omrade"},    {C_AREA, "bydel"},
	{C_ROOMS, "rom"},         {C_SIZE, "kvm"},       {C_SIZE, "m2"},
	{C_SIZE, "areal"},        {C_FLOOR, "etasje"},   {C_LIFT, "heis"},
	{C_ADAPTED, "tilpasset"}, {C_STAFFED, "bemannet"},
	{C_RENT, "husleie"},      {C_STATUS, "status"},
	{C_VACANT_FROM, "ledigfra"},
};

static const char *const col_shown[C__COUNT] = {
	[C_ADDRESS] = "adresse", [C_AREA] = "omrade",   [C_ROOMS] = "rom",
	[C_SIZE] = "kvm",        [C_FLOOR] = "etasje",  [C_LIFT] = "heis",
	[C_ADAPTED] = "tilpasset", [C_STAFFED] = "bemannet",
	[C_RENT] = "husleie",    [C_STATUS] = "status",
	[C_VACANT_FROM] = "ledig_fra",
};

static const enum col required[] = {C_ADDRESS, C_ROOMS, C_SIZE};

struct dimp {
	struct session *s;
	const char *path;
	FILE *report;
	int col[C__COUNT];
	size_t ncols;
	struct dwelling_rec *d;
	unsigned long *line_of; /* the line each kept dwelling came from */
	size_t n, cap;
	long bad;
};

static void bad_line(struct dimp *im, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad_line(struct dimp *im, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char msg[1200];
	unsigned char *c;

	im->bad++;
	if (!im->report)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The message quotes the file's own text, which may hold a line
	 * break (a quoted field) or a terminal's control sequence: one line
	 * a problem, and nothing the terminal would obey (issue 7, found
	 * by tests/fuzz/fuzz_import.c). */
	for (c = (unsigned char *)msg; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			*c = '?';
		else if (c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f)
			c[0] = c[1] = '?'; /* C1 controls: U+0080..U+009F */
	fprintf(im->report, "%s:%lu: %s\n", im->path, line, msg);
}

/* "Ledig fra" -> "ledigfra", "Område" -> "omrade". */
static void header_key(const char *in, char *out, size_t size)
{
	char folded[256];
	size_t n = 0;

	text_fold(in, folded, sizeof folded);
	for (const char *p = folded; *p && n + 3 < size; p++) {
		if (*p == ' ' || *p == '_' || *p == '-')
			continue;
		if (strncmp(p, "æ", 2) == 0) {
			out[n++] = 'a';
			out[n++] = 'e';
			p++;
		} else if (strncmp(p, "ø", 2) == 0) {
			out[n++] = 'o';
			p++;
		} else if (strncmp(p, "å", 2) == 0) {
			out[n++] = 'a';
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

static int read_header(struct dimp *im, struct csv_reader *r)
{
	struct session *s = im->s;
	char key[256];
	int rc = csv_next(r, &s->err);

	if (rc == 0)
		return 0;
	if (rc < 0) {
		bad_line(im, r->line, "%s", s->err.msg);
		return err_set(&s->err, ERR_INVAL,
			       _("%s: the header line cannot be read; nothing "
				 "was imported."),
			       im->path);
	}
	for (size_t i = 0; i < C__COUNT; i++)
		im->col[i] = -1;
	im->ncols = r->nfields;
	for (size_t i = 0; i < r->nfields; i++) {
		char *name = text_trim(r->field[i]);
		int found = -1;
		if (!*name)
			continue;
		header_key(name, key, sizeof key);
		for (size_t j = 0; j < sizeof col_names / sizeof col_names[0]; j++)
			if (strcmp(key, col_names[j].name) == 0)
				found = (int)col_names[j].col;
		if (found < 0) {
			bad_line(im, r->line,
				 _("unknown column '%s'. The columns are: "
				   "adresse, rom, kvm (required); omrade, "
				   "etasje, heis, tilpasset, bemannet, husleie, "
				   "status, ledig_fra."),
				 name);
			continue;
		}
		if (im->col[found] >= 0) {
			bad_line(im, r->line, _("the column %s appears twice."),
				 col_shown[found]);
			continue;
		}
		im->col[found] = (int)i;
	}
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (im->col[required[i]] < 0)
			bad_line(im, r->line,
				 _("the required column %s is missing."),
				 col_shown[required[i]]);
	if (im->bad)
		return err_set(&s->err, ERR_INVAL,
			       _("%s: the header line is not right; nothing was "
				 "imported."),
			       im->path);
	return 1;
}

static const char *field(const struct dimp *im, struct csv_reader *r,
			 enum col c)
{
	int i = im->col[c];
	return i >= 0 && (size_t)i < r->nfields ? text_trim(r->field[i]) : "";
}

static int parse_int(const char *t, int lo, int hi, int dflt, int *out)
{
	char *end;
	long v;

	if (!*t) {
		*out = dflt;
		return 0;
	}
	errno = 0;
	v = strtol(t, &end, 10);
	if (errno || *end || end == t || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_yes(const char *t, int *out)
{
	char w[32];

	text_fold(t, w, sizeof w);
	if (!*w || !strcmp(w, "nei") || !strcmp(w, "no") || !strcmp(w, "0")) {
		*out = 0;
		return 0;
	}
	if (!strcmp(w, "ja") || !strcmp(w, "yes") || !strcmp(w, "1")) {
		*out = 1;
		return 0;
	}
	return -1;
}

static const struct {
	const char *word, *status;
} status_words[] = {
	{"ledig", "vacant"},         {"vacant", "vacant"},
	{"utleid", "let"},           {"let", "let"},
	{"vedlikehold", "maintenance"}, {"maintenance", "maintenance"},
	{"under vedlikehold", "maintenance"},
};

static bool grow(struct dimp *im)
{
	if (im->n < im->cap)
		return true;
	size_t cap = im->cap ? im->cap * 2 : 64;
	struct dwelling_rec *d = realloc(im->d, cap * sizeof *d);
	unsigned long *l;
	if (!d)
		return false;
	im->d = d;
	l = realloc(im->line_of, cap * sizeof *l);
	if (!l)
		return false;
	im->line_of = l;
	im->cap = cap;
	return true;
}

/* Checks one record; a good one is kept.  0, or a code for a failure
 * that is not the line's fault. */
static int take_line(struct dimp *im, struct csv_reader *r)
{
	struct session *s = im->s;
	struct dwelling_rec *d, known;
	struct err e = {0};
	unsigned long no = r->line;
	const char *t;
	char word[64];
	size_t i;
	int rc;

	for (i = 0; i < r->nfields; i++)
		if (*text_trim(r->field[i]))
			break;
	if (i == r->nfields)
		return 0;
	if (r->nfields != im->ncols) {
		bad_line(im, no, _("%zu fields, but the header has %zu."),
			 r->nfields, im->ncols);
		return 0;
	}
	if (!grow(im))
		return ERR_NOMEM;
	d = &im->d[im->n];
	memset(d, 0, sizeof *d);

	t = field(im, r, C_ADDRESS);
	if (!*t) {
		bad_line(im, no, _("adresse is empty."));
		return 0;
	}
	if (strlen(t) > 160 || !printable(t)) {
		bad_line(im, no, _("%s is longer than %d bytes."), "adresse",
			 160);
		return 0;
	}
	text_copy(d->address, sizeof d->address, t);
	for (i = 0; i < im->n; i++)
		if (strcmp(im->d[i].address, d->address) == 0) {
			bad_line(im, no,
				 _("adresse: the same address is on line %lu."),
				 im->line_of[i]);
			return 0;
		}
	rc = db_dwelling_by_address(s->db, d->address, &known);
	if (rc == DB_OK) {
		bad_line(im, no, _("adresse: %s is already in the register."),
			 d->address);
		return 0;
	}
	if (rc != DB_NOTFOUND)
		return err_from_db(&s->err, rc);
	t = field(im, r, C_AREA);
	if (strlen(t) > 64) {
		bad_line(im, no, _("%s is longer than %d bytes."), "omrade", 64);
		return 0;
	}
	text_copy(d->area, sizeof d->area, t);
	t = field(im, r, C_ROOMS);
	if (!*t || parse_int(t, 1, 20, 0, &d->rooms)) {
		bad_line(im, no, _("rom must be a number from 1 to 20."));
		return 0;
	}
	t = field(im, r, C_SIZE);
	if (!*t || parse_int(t, 1, 1000, 0, &d->size_m2)) {
		bad_line(im, no, _("kvm must be a number from 1 to 1000."));
		return 0;
	}
	if (parse_int(field(im, r, C_FLOOR), 0, 40, 0, &d->floor)) {
		bad_line(im, no, _("etasje must be a number from 0 to 40."));
		return 0;
	}
	static const struct {
		enum col c;
		size_t off;
	} flags[] = {
		{C_LIFT, offsetof(struct dwelling_rec, lift)},
		{C_ADAPTED, offsetof(struct dwelling_rec, adapted)},
		{C_STAFFED, offsetof(struct dwelling_rec, staffed)},
	};
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		int v;
		t = field(im, r, flags[i].c);
		if (parse_yes(t, &v)) {
			bad_line(im, no, _("%s is ja or nei, not '%s'."),
				 col_shown[flags[i].c], t);
			return 0;
		}
		memcpy((char *)d + flags[i].off, &v, sizeof v);
	}
	t = field(im, r, C_RENT);
	if (*t && amount_parse(t, &d->rent, &e)) {
		bad_line(im, no, "husleie: %s", e.msg);
		return 0;
	}
	if (d->rent > 1000000) {
		bad_line(im, no, _("husleie: at most 1 000 000 kroner a month."));
		return 0;
	}
	t = field(im, r, C_STATUS);
	text_fold(t, word, sizeof word);
	snprintf(d->status, sizeof d->status, "vacant");
	if (*word) {
		for (i = 0; i < sizeof status_words / sizeof status_words[0]; i++)
			if (!strcmp(word, status_words[i].word))
				break;
		if (i == sizeof status_words / sizeof status_words[0]) {
			bad_line(im, no,
				 _("status is ledig, utleid or vedlikehold, "
				   "not '%s'."),
				 t);
			return 0;
		}
		snprintf(d->status, sizeof d->status, "%s",
			 status_words[i].status);
	}
	t = field(im, r, C_VACANT_FROM);
	if (*t && date_parse(t, d->vacant_from, &e)) {
		bad_line(im, no, "ledig_fra: %s", e.msg);
		return 0;
	}
	if (strcmp(d->status, "vacant") != 0)
		d->vacant_from[0] = '\0';
	else if (!d->vacant_from[0])
		session_today_iso(s, d->vacant_from);
	im->line_of[im->n] = no;
	im->n++;
	return 0;
}


/* import_csv's steps for this file's lines */
static int ops_header(void *ctx, struct csv_reader *r)
{
	return read_header(ctx, r);
}

static int ops_line(void *ctx, struct csv_reader *r)
{
	return take_line(ctx, r);
}

static void ops_bad(void *ctx, unsigned long line, const char *msg)
{
	bad_line(ctx, line, "%s", msg);
}

static const struct import_ops dwelling_ops = {ops_header, ops_line, ops_bad};

int dwelling_import(struct session *s, const char *path, bool skip_bad,
		    FILE *report, struct import_result *res)
{
	struct dimp im;
	FILE *fp;
	int rc;

	memset(res, 0, sizeof *res);
	err_clear(&s->err);
	if ((rc = may_manage(s)))
		return rc;
	fp = user_fopen(path, "rb"); /* the user's file, the user's rights */
	if (!fp) {
		res->file_error = true;
		return err_set(&s->err, ERR_IO, _("%s cannot be read: %s."),
			       path, strerror(errno));
	}
	memset(&im, 0, sizeof im);
	im.s = s;
	im.path = path;
	im.report = report;
	rc = import_csv(s, fp, path, &dwelling_ops, &im, &res->file_error);
	fclose(fp);
	res->bad = im.bad;
	if (!rc && im.bad && !skip_bad)
		rc = import_refuse_bad(s, im.bad, (long)im.n);
	if (!rc && im.n) {
		rc = db_dwelling_import(s->db, im.d, im.n);
		if (rc == DB_CONFLICT)
			rc = err_set(&s->err, ERR_CONFLICT, "%s",
				     _("Someone registered one of these "
				       "addresses while the file was read. "
				       "Nothing was imported; run the import "
				       "again."));
		else if (rc)
			rc = err_from_db(&s->err, rc);
	}
	if (!rc) {
		res->imported = (long)im.n;
		res->skipped = im.bad;
	}
	free(im.d);
	free(im.line_of);
	return rc;
}
