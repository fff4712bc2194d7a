/*
 * `bosak import applicants FILE.csv [--skip-bad]`: the waiting list a
 * municipality keeps in a spreadsheet, brought in as cases.
 *
 * THE FILE FORMAT (bosak(1) carries the same text)
 *
 * A CSV file as a spreadsheet saves it: UTF-8 with or without a byte-order
 * mark; ';' or ',' between fields (whichever the first line has more of
 * outside quotes; Norwegian Excel writes ';'); a field in double quotes
 * when it holds the separator, a line break or a quote (written ""); CRLF,
 * LF or CR line ends.  Blank lines, and lines whose fields are all empty,
 * are skipped.
 *
 * The first line names the columns, in any order.  Names are compared
 * without regard to case, spaces or '_', and æ ø å may be written ae o a
 * ("Fødselsnummer" = "fodselsnummer").  A column with an empty name is
 * ignored; any other name not listed below stops the import (it is
 * usually a misspelt one).  Each further line is one applicant.
 *
 * Required columns:
 *   fodselsnummer  the national ID number: fødselsnummer or D-nummer,
 *                  11 digits, spaces allowed; both control digits are
 *                  checked (today's and the 2032 rule).  Synthetic numbers
 *                  (month + 80) only where [demo] allow_synthetic_ids =
 *                  yes.  Also: fnr, personnummer, fodselsnr.
 *   fornavn        given name(s), at most 128 bytes.
 *   etternavn      family name, at most 128 bytes.
 *   mottatt        the day the application was received: DD.MM.YYYY,
 *                  D.M.YYYY, DDMMYYYY, DD.MM.YY or YYYY-MM-DD, not in the
 *                  future.  The legal clock runs from this day.
 *   situasjon      the present housing situation; the stored name or a
 *                  Norwegian word:
 *                    temporary      midlertidig, midlertidig botilbud,
 *                                   hospits, krisesenter
 *                    relatives      familie, venner, hos familie,
 *                                   hos venner, familie/venner
 *                    institution    institusjon, fengsel
 *                    rough          gata, gaten, uteligger,
 *                                   uten sted å sove
 *                    eviction       utkastelse, fare for utkastelse
 *                    unsuitable     uegnet, uegnet bolig
 *                    not_renewable  ikke fornybar, kontrakt utløper
 *                    adequate       tilfredsstillende, egnet
 *
 * Optional columns (an empty field is the same as no column):
 *   adresse        at most 160 bytes
 *   postnummer     4 digits
 *   poststed       at most 64 bytes
 *   telefon        digits, spaces, + - ( ), at most 32 bytes
 *   epost          with an @, at most 128 bytes
 *   enhet          the code of the responsible unit (bosak admin unit
 *                  list).  Empty: the unit [intake] in the configuration
 *                  names for the situation, else the importing user's own
 *                  unit.  The unit must be active, not an allocation
 *                  group, housing forum or external partner, and have a
 *                  caseworker.
 *   voksne         adults in the household, the applicant included, 1-12
 *                  (default 1)
 *   barn           children, 0-12 (default 0); adults and children
 *                  together at most 13
 *   behov          needs, separated by ',', '/', '+' or ';' (inside
 *                  quotes): tilpasset, bemannet, oppfølging, økonomi,
 *                  annet (or adapted, staffed, followup, economic, other)
 *   merknad        a note on the needs, at most 256 bytes
 *   spor           bolig (municipal dwelling, the default), bistand
 *                  (housing assistance) or begge (both); or dwelling,
 *                  assistance, both
 *   utskrivning    the discharge date; required when situasjon is
 *                  institution.  Also: utskrivningsdato.
 *   samtykke       codes of the units the applicant consented to share
 *                  information with, separated by ',', '/', '+' or spaces
 *   sprak          language, at most 32 bytes.  Also: språk.
 *   tolk           ja or nei (yes/no, 1/0): an interpreter is needed
 *
 * What a good line becomes, as at intake: the person (one already
 * registered with the same number is reused as registered, never
 * duplicated, and the file's contact details do not overwrite newer ones
 * in bosak), a household (the other adults and the children, without
 * names), a case in status registered whose responsible caseworker is the
 * unit's caseworker with the fewest open cases (counting the cases of
 * this import as they are given out), the documentation checklist of
 * intake (all missing), the consents, the interim-reply deadline
 * (received + [deadlines] interim_days) and the journal line "imported
 * from FILE (line N)".  Case numbers are of the year of the import.
 *
 * A line is bad, and reported on the error stream as FILE:LINE: reason,
 * when its number of fields differs from the header's; its text is not
 * UTF-8 (or a quote is never closed); a required field is empty; the ID
 * number is not valid; the same ID number was on an earlier line; the
 * person already has a case that is not closed (so an import run twice
 * adds nothing); a date is not a real date or mottatt is in the future;
 * a value of situasjon, enhet, behov, spor, samtykke or tolk is not one
 * listed above; or a number or text is outside its range.
 *
 * If any line is bad nothing is imported (exit status 65), unless
 * --skip-bad is given: then the good lines are imported and the bad ones
 * counted as skipped.  A header without a required column, with an
 * unknown or a repeated column, stops the import whatever the options.
 * All lines are saved in one transaction: all or none.  The summary line
 * says how many were imported and skipped.  Exit status: 0 done, 65 bad
 * lines (nothing imported), 66 the file cannot be read, 77 the user is
 * neither at the service desk nor an administrator.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"

enum col {
	C_NID, C_GIVEN, C_FAMILY, C_RECEIVED, C_SITUATION, C_ADDRESS,
	C_POSTCODE, C_CITY, C_PHONE, C_EMAIL, C_UNIT, C_ADULTS, C_CHILDREN,
	C_NEEDS, C_NOTE, C_TRACK, C_DISCHARGE, C_CONSENT, C_LANGUAGE,
	C_INTERPRETER, C__COUNT
};

/* Column names, folded as header_key() folds them. */
static const struct {
	enum col col;
	const char *name;
} col_names[] = {
	{C_NID, "fodselsnummer"},   {C_NID, "fnr"},
	{C_NID, "personnummer"},    {C_NID, "fodselsnr"},
	{C_GIVEN, "fornavn"},       {C_FAMILY, "etternavn"},
	{C_RECEIVED, "mottatt"},    {C_SITUATION, "situasjon"},
	{C_ADDRESS, "adresse"},     {C_POSTCODE, "postnummer"},
	{C_CITY, "poststed"},       {C_PHONE, "telefon"},
	{C_EMAIL, "epost"},         {C_UNIT, "enhet"},
	{C_ADULTS, "voksne"},       {C_CHILDREN, "barn"},
	{C_NEEDS, "behov"},         {C_NOTE, "merknad"},
	{C_TRACK, "spor"},          {C_DISCHARGE, "utskrivning"},
	{C_DISCHARGE, "utskrivningsdato"},
	{C_CONSENT, "samtykke"},    {C_LANGUAGE, "sprak"},
	{C_INTERPRETER, "tolk"},
};

static const char *const col_shown[C__COUNT] = {
	[C_NID] = "fodselsnummer", [C_GIVEN] = "fornavn",
	[C_FAMILY] = "etternavn",  [C_RECEIVED] = "mottatt",
	[C_SITUATION] = "situasjon", [C_ADDRESS] = "adresse",
	[C_POSTCODE] = "postnummer", [C_CITY] = "poststed",
	[C_PHONE] = "telefon",     [C_EMAIL] = "epost",
	[C_UNIT] = "enhet",        [C_ADULTS] = "voksne",
	[C_CHILDREN] = "barn",     [C_NEEDS] = "behov",
	[C_NOTE] = "merknad",      [C_TRACK] = "spor",
	[C_DISCHARGE] = "utskrivning", [C_CONSENT] = "samtykke",
	[C_LANGUAGE] = "sprak",    [C_INTERPRETER] = "tolk",
};

static const enum col required[] = {C_NID, C_GIVEN, C_FAMILY, C_RECEIVED,
				    C_SITUATION};

/* Situation words, folded (text_fold) */
static const struct {
	const char *word;
	enum situation sit;
} sit_words[] = {
	{"midlertidig", SIT_TEMPORARY},
	{"midlertidig botilbud", SIT_TEMPORARY},
	{"hospits", SIT_TEMPORARY},
	{"krisesenter", SIT_TEMPORARY},
	{"familie", SIT_RELATIVES},
	{"venner", SIT_RELATIVES},
	{"hos familie", SIT_RELATIVES},
	{"hos venner", SIT_RELATIVES},
	{"familie/venner", SIT_RELATIVES},
	{"institusjon", SIT_INSTITUTION},
	{"fengsel", SIT_INSTITUTION},
	{"gata", SIT_ROUGH},
	{"gaten", SIT_ROUGH},
	{"uteligger", SIT_ROUGH},
	{"uten sted å sove", SIT_ROUGH},
	{"utkastelse", SIT_EVICTION},
	{"fare for utkastelse", SIT_EVICTION},
	{"uegnet", SIT_UNSUITABLE},
	{"uegnet bolig", SIT_UNSUITABLE},
	{"ikke fornybar", SIT_NOT_RENEWABLE},
	{"kontrakt utløper", SIT_NOT_RENEWABLE},
	{"tilfredsstillende", SIT_ADEQUATE},
	{"egnet", SIT_ADEQUATE},
};

static const struct {
	const char *word;
	unsigned need;
} need_words[] = {
	{"tilpasset", NEED_ADAPTED},  {"adapted", NEED_ADAPTED},
	{"bemannet", NEED_STAFFED},   {"staffed", NEED_STAFFED},
	{"oppfølging", NEED_FOLLOWUP}, {"oppfolging", NEED_FOLLOWUP},
	{"followup", NEED_FOLLOWUP},  {"økonomi", NEED_ECONOMIC},
	{"okonomi", NEED_ECONOMIC},   {"economic", NEED_ECONOMIC},
	{"annet", NEED_OTHER},        {"other", NEED_OTHER},
};

static const struct {
	const char *word, *track;
} track_words[] = {
	{"bolig", "dwelling"},       {"dwelling", "dwelling"},
	{"bistand", "assistance"},   {"assistance", "assistance"},
	{"begge", "both"},           {"both", "both"},
};

#define MAX_UNITS 64
#define MAX_WORKERS 256

/* a unit met in the file, with its caseworkers' loads */
struct unit_seen {
	struct unit_rec u;
	int usable;        /* 0 not yet known, 1 yes, -1 cannot take cases */
	size_t nworkers;
	int64_t worker[MAX_WORKERS];
	long load[MAX_WORKERS];
};

struct line {
	unsigned long no;
	struct person_rec p;
	struct case_rec c;
	char key1[300], key2[300];
	int adults, children;
	size_t nconsents;
	int64_t consent[INTAKE_MAX_CONSENTS];
	size_t unit;       /* index into units */
	char due[DB_DATE];
};

struct seen_nid {
	char nid[12];
	unsigned long line;
};

struct imp {
	struct session *s;
	const char *path;
	FILE *report;
	int col[C__COUNT];  /* field index of each column, -1 absent */
	size_t ncols;
	size_t nunits;
	struct unit_seen *units;
	size_t nlines, cap;
	struct line *lines;
	/* ID numbers seen so far: open addressing */
	size_t hcap, nseen;
	struct seen_nid *seen;
	long bad;
};

static void bad_line(struct imp *im, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad_line(struct imp *im, unsigned long line, const char *fmt, ...)
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

/* Folds a header name: lower case, æ ø å as ae o a, no spaces, '_' or
 * '-'.  "Fødsels-nummer" -> "fodselsnummer". */
static void header_key(const char *in, char *out, size_t size)
{
	char folded[256];
	const char *p;
	size_t n = 0;

	text_fold(in, folded, sizeof folded);
	for (p = folded; *p && n + 3 < size; p++) {
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

static int read_header(struct imp *im, struct csv_reader *r)
{
	struct session *s = im->s;
	char key[256];
	size_t i, j;
	int rc;

	rc = csv_next(r, &s->err);
	if (rc == 0)
		return 0; /* an empty file: nothing to import */
	if (rc < 0) {
		bad_line(im, r->line, "%s", s->err.msg);
		return err_set(&s->err, ERR_INVAL,
			       _("%s: the header line cannot be read; nothing "
				 "was imported."),
			       im->path);
	}
	for (i = 0; i < C__COUNT; i++)
		im->col[i] = -1;
	im->ncols = r->nfields;
	for (i = 0; i < r->nfields; i++) {
		char *name = text_trim(r->field[i]);
		int found = -1;
		if (!*name)
			continue;
		header_key(name, key, sizeof key);
		for (j = 0; j < sizeof col_names / sizeof col_names[0]; j++)
			if (strcmp(key, col_names[j].name) == 0)
				found = (int)col_names[j].col;
		if (found < 0) {
			bad_line(im, r->line,
				 _("unknown column '%s'. The columns are: "
				   "fodselsnummer, fornavn, etternavn, mottatt, "
				   "situasjon (required); adresse, postnummer, "
				   "poststed, telefon, epost, enhet, voksne, "
				   "barn, behov, merknad, spor, utskrivning, "
				   "samtykke, sprak, tolk."),
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
	for (i = 0; i < sizeof required / sizeof required[0]; i++)
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

static const char *field(const struct imp *im, struct csv_reader *r,
			 enum col c)
{
	int i = im->col[c];
	return i >= 0 && (size_t)i < r->nfields ? text_trim(r->field[i]) : "";
}

static bool text_fits(const char *t, size_t max)
{
	return strlen(t) <= max;
}

/* Splits a list ("a, b/c") into folded words; calls fn for each; stops
 * at the first word fn refuses and returns it in bad. */
static bool each_word(const char *list, char *bad, size_t badsize,
		      bool (*fn)(void *ctx, const char *word), void *ctx)
{
	char buf[512], word[256];
	char *p, *save = NULL;

	text_copy(buf, sizeof buf, list);
	for (p = strtok_r(buf, ",/+;", &save); p; p = strtok_r(NULL, ",/+;", &save)) {
		text_fold(p, word, sizeof word);
		if (!*word)
			continue;
		if (!fn(ctx, word)) {
			text_copy(bad, badsize, text_trim(p));
			return false;
		}
	}
	return true;
}

static bool add_need(void *ctx, const char *word)
{
	unsigned *needs = ctx;
	size_t i;

	for (i = 0; i < sizeof need_words / sizeof need_words[0]; i++)
		if (strcmp(word, need_words[i].word) == 0) {
			*needs |= need_words[i].need;
			return true;
		}
	return false;
}

static int parse_count(const char *t, int lo, int hi, int dflt, int *out)
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

/* The unit of a code, loaded once with its caseworkers' loads. */
static int unit_lookup(struct imp *im, const char *code, int64_t id,
		       size_t *index)
{
	struct session *s = im->s;
	struct unit_seen *u;
	size_t i;
	int rc;

	for (i = 0; i < im->nunits; i++)
		if (id ? im->units[i].u.id == id
		       : strcasecmp(im->units[i].u.code, code) == 0) {
			*index = i;
			return 0;
		}
	if (im->nunits == MAX_UNITS)
		return ERR_NOMEM;
	u = &im->units[im->nunits];
	memset(u, 0, sizeof *u);
	rc = id ? db_unit_by_id(s->db, id, &u->u) : db_unit_get(s->db, code, &u->u);
	if (rc)
		return rc;
	if (!u->u.active || !strcmp(u->u.kind, "allocation") ||
	    !strcmp(u->u.kind, "forum") || !strcmp(u->u.kind, "external"))
		u->usable = -1;
	else if ((rc = db_unit_loads(s->db, u->u.id, "caseworker", u->worker,
				     u->load, MAX_WORKERS, &u->nworkers)))
		return rc;
	else
		u->usable = 1;
	*index = im->nunits++;
	return 0;
}

struct consent_ctx {
	struct imp *im;
	struct line *l;
	int rc;
};

static bool add_consent_unit(void *ctx, const char *word)
{
	struct consent_ctx *c = ctx;
	struct unit_rec u;
	size_t i;

	c->rc = db_unit_get(c->im->s->db, word, &u);
	if (c->rc)
		return false;
	for (i = 0; i < c->l->nconsents; i++)
		if (c->l->consent[i] == u.id)
			return true;
	if (c->l->nconsents == INTAKE_MAX_CONSENTS) {
		c->rc = ERR_INVAL;
		return false;
	}
	c->l->consent[c->l->nconsents++] = u.id;
	return true;
}

static size_t nid_hash(const char *nid)
{
	size_t h = 5381;
	for (; *nid; nid++)
		h = h * 33 + (unsigned char)*nid;
	return h;
}

static void seen_put(struct seen_nid *t, size_t cap, const struct seen_nid *e)
{
	size_t k = nid_hash(e->nid) & (cap - 1);
	while (t[k].nid[0])
		k = (k + 1) & (cap - 1);
	t[k] = *e;
}

/* The line an ID number was on before, or 0 (and it is remembered). */
static unsigned long seen_before(struct imp *im, const char *nid,
				 unsigned long line)
{
	struct seen_nid e;
	size_t k, i;

	if ((im->nseen + 1) * 2 > im->hcap) {
		size_t ncap = im->hcap ? im->hcap * 2 : 1024;
		struct seen_nid *t = calloc(ncap, sizeof *t);
		if (!t)
			return 0; /* the UNIQUE constraint still holds */
		for (i = 0; i < im->hcap; i++)
			if (im->seen[i].nid[0])
				seen_put(t, ncap, &im->seen[i]);
		free(im->seen);
		im->seen = t;
		im->hcap = ncap;
	}
	for (k = nid_hash(nid) & (im->hcap - 1); im->seen[k].nid[0];
	     k = (k + 1) & (im->hcap - 1))
		if (strcmp(im->seen[k].nid, nid) == 0)
			return im->seen[k].line;
	memset(&e, 0, sizeof e);
	text_copy(e.nid, sizeof e.nid, nid);
	e.line = line;
	seen_put(im->seen, im->hcap, &e);
	im->nseen++;
	return 0;
}

static struct line *new_line(struct imp *im)
{
	if (im->nlines == im->cap) {
		size_t ncap = im->cap ? im->cap * 2 : 64;
		struct line *p = realloc(im->lines, ncap * sizeof *p);
		if (!p)
			return NULL;
		im->lines = p;
		im->cap = ncap;
	}
	memset(&im->lines[im->nlines], 0, sizeof im->lines[0]);
	return &im->lines[im->nlines];
}

/* A line break inside a quoted field is kept as "\n", whatever the file
 * used (Windows' CRLF, old Mac's CR): the terminal shows one line end. */
static void line_ends(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\r') {
			*w++ = '\n';
			if (s[1] == '\n')
				s++;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* Checks one record; a good one is kept in im->lines.  Returns 0, or a
 * negative code for a failure that is not the line's fault. */
static int take_line(struct imp *im, struct csv_reader *r)
{
	struct session *s = im->s;
	struct err e = {0};
	struct nid_info info;
	struct line *l;
	char today[DB_DATE], word[256], badword[256];
	const char *t;
	unsigned long no = r->line, prev;
	size_t i;
	int rc, sit = -1;

	/* a line of empty fields is a blank line in a spreadsheet */
	for (i = 0; i < r->nfields; i++)
		if (*text_trim(r->field[i]))
			break;
	if (i == r->nfields)
		return 0;
	for (i = 0; i < r->nfields; i++)
		line_ends(r->field[i]);
	if (r->nfields != im->ncols) {
		bad_line(im, no, _("%zu fields, but the header has %zu."),
			 r->nfields, im->ncols);
		return 0;
	}
	if (!(l = new_line(im)))
		return ERR_NOMEM;
	l->no = no;
	session_today_iso(s, today);

	/* the person */
	t = field(im, r, C_NID);
	if (!*t) {
		bad_line(im, no, _("fodselsnummer is empty."));
		return 0;
	}
	if (nid_check(t, s->cfg->allow_synthetic_nid, l->p.nid, &info, &e)) {
		bad_line(im, no, "fodselsnummer: %s", e.msg);
		return 0;
	}
	if ((prev = seen_before(im, l->p.nid, no))) {
		bad_line(im, no,
			 _("fodselsnummer: the same ID number is on line %lu."),
			 prev);
		return 0;
	}
	memcpy(l->p.birth, info.birth, sizeof l->p.birth);
	for (i = 0; i < 2; i++) {
		enum col c = i ? C_FAMILY : C_GIVEN;
		char *dst = i ? l->p.family : l->p.given;
		t = field(im, r, c);
		if (!*t) {
			bad_line(im, no, _("%s is empty."), col_shown[c]);
			return 0;
		}
		if (!text_fits(t, 128)) {
			bad_line(im, no, _("%s is longer than %d bytes."),
				 col_shown[c], 128);
			return 0;
		}
		text_copy(dst, 129, t);
	}
	static const struct {
		enum col c;
		size_t max;
		size_t off;
	} texts[] = {
		{C_ADDRESS, 160, offsetof(struct person_rec, address)},
		{C_CITY, 64, offsetof(struct person_rec, city)},
		{C_PHONE, 32, offsetof(struct person_rec, phone)},
		{C_EMAIL, 128, offsetof(struct person_rec, email)},
		{C_LANGUAGE, 32, offsetof(struct person_rec, language)},
	};
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		t = field(im, r, texts[i].c);
		if (!text_fits(t, texts[i].max)) {
			bad_line(im, no, _("%s is longer than %d bytes."),
				 col_shown[texts[i].c], (int)texts[i].max);
			return 0;
		}
		text_copy((char *)&l->p + texts[i].off, texts[i].max + 1, t);
	}
	if (*l->p.phone && strspn(l->p.phone, "0123456789 +-()") !=
				   strlen(l->p.phone)) {
		bad_line(im, no, _("telefon may hold only digits, spaces and "
				   "+ - ( )."));
		return 0;
	}
	if (*l->p.email && !strchr(l->p.email, '@')) {
		bad_line(im, no, _("epost: an e-mail address has an @ in it."));
		return 0;
	}
	t = field(im, r, C_POSTCODE);
	if (*t && (strlen(t) != 4 || strspn(t, "0123456789") != 4)) {
		bad_line(im, no, _("postnummer must be 4 digits: '%s'."), t);
		return 0;
	}
	text_copy(l->p.postcode, sizeof l->p.postcode, t);
	t = field(im, r, C_INTERPRETER);
	text_fold(t, word, sizeof word);
	if (!*word || !strcmp(word, "nei") || !strcmp(word, "no") ||
	    !strcmp(word, "0"))
		l->p.interpreter = 0;
	else if (!strcmp(word, "ja") || !strcmp(word, "yes") ||
		 !strcmp(word, "1"))
		l->p.interpreter = 1;
	else {
		bad_line(im, no, _("tolk is ja or nei, not '%s'."), t);
		return 0;
	}

	/* the case */
	t = field(im, r, C_RECEIVED);
	if (!*t) {
		bad_line(im, no, _("mottatt is empty."));
		return 0;
	}
	if (date_parse(t, l->c.received, &e)) {
		bad_line(im, no, "mottatt: %s", e.msg);
		return 0;
	}
	if (strcmp(l->c.received, today) > 0) {
		bad_line(im, no, _("mottatt: %s is in the future."), t);
		return 0;
	}
	t = field(im, r, C_SITUATION);
	text_fold(t, word, sizeof word);
	if (!*word) {
		bad_line(im, no, _("situasjon is empty."));
		return 0;
	}
	for (i = 0; i < SIT__COUNT && sit < 0; i++)
		if (!strcmp(word, situation_name((enum situation)i)))
			sit = (int)i;
	for (i = 0; i < sizeof sit_words / sizeof sit_words[0] && sit < 0; i++)
		if (!strcmp(word, sit_words[i].word))
			sit = (int)sit_words[i].sit;
	if (sit < 0) {
		bad_line(im, no,
			 _("situasjon: unknown situation '%s'. Accepted: "
			   "midlertidig, familie, venner, institusjon, gata, "
			   "utkastelse, uegnet, ikke fornybar, "
			   "tilfredsstillende (or temporary, relatives, "
			   "institution, rough, eviction, unsuitable, "
			   "not_renewable, adequate)."),
			 t);
		return 0;
	}
	snprintf(l->c.situation, sizeof l->c.situation, "%s",
		 situation_name((enum situation)sit));
	t = field(im, r, C_DISCHARGE);
	if (*t && date_parse(t, l->c.discharge, &e)) {
		bad_line(im, no, "utskrivning: %s", e.msg);
		return 0;
	}
	if (sit == SIT_INSTITUTION && !*l->c.discharge) {
		bad_line(im, no, _("utskrivning: an applicant in an institution "
				   "needs the discharge date."));
		return 0;
	}
	if (sit != SIT_INSTITUTION)
		l->c.discharge[0] = '\0';
	t = field(im, r, C_TRACK);
	text_fold(t, word, sizeof word);
	snprintf(l->c.track, sizeof l->c.track, "dwelling");
	if (*word) {
		for (i = 0; i < sizeof track_words / sizeof track_words[0]; i++)
			if (!strcmp(word, track_words[i].word))
				break;
		if (i == sizeof track_words / sizeof track_words[0]) {
			bad_line(im, no, _("spor is bolig, bistand or begge, "
					   "not '%s'."),
				 t);
			return 0;
		}
		snprintf(l->c.track, sizeof l->c.track, "%s",
			 track_words[i].track);
	}
	t = field(im, r, C_NEEDS);
	if (!each_word(t, badword, sizeof badword, add_need, &l->c.needs)) {
		bad_line(im, no,
			 _("behov: unknown need '%s'. Accepted: tilpasset, "
			   "bemannet, oppfølging, økonomi, annet."),
			 badword);
		return 0;
	}
	t = field(im, r, C_NOTE);
	if (!text_fits(t, 256)) {
		bad_line(im, no, _("%s is longer than %d bytes."), "merknad",
			 256);
		return 0;
	}
	text_copy(l->c.needs_note, sizeof l->c.needs_note, t);
	if (parse_count(field(im, r, C_ADULTS), 1, 12, 1, &l->adults)) {
		bad_line(im, no, _("voksne must be a number from 1 to 12."));
		return 0;
	}
	if (parse_count(field(im, r, C_CHILDREN), 0, 12, 0, &l->children)) {
		bad_line(im, no, _("barn must be a number from 0 to 12."));
		return 0;
	}
	if (l->adults - 1 + l->children > INTAKE_MAX_MEMBERS) {
		bad_line(im, no, _("A household has at most %d other members "
				   "here."),
			 INTAKE_MAX_MEMBERS);
		return 0;
	}

	/* the responsible unit and consents */
	t = field(im, r, C_UNIT);
	if (*t) {
		rc = unit_lookup(im, t, 0, &l->unit);
		if (rc == DB_NOTFOUND) {
			bad_line(im, no, _("enhet: unknown unit '%s'."), t);
			return 0;
		}
	} else {
		int64_t id = 0;
		struct err keep = s->err;
		if (intake_default_unit(s, (enum situation)sit, &id)) {
			s->err = keep;
			bad_line(im, no, _("enhet is empty and no unit is "
					   "configured for this situation."));
			return 0;
		}
		rc = unit_lookup(im, NULL, id, &l->unit);
	}
	if (rc)
		return err_from_db(&s->err, rc);
	if (im->units[l->unit].usable < 0) {
		bad_line(im, no, _("enhet: %s (%s) cannot be responsible for a "
				   "case."),
			 im->units[l->unit].u.code, im->units[l->unit].u.name);
		return 0;
	}
	if (im->units[l->unit].nworkers == 0) {
		bad_line(im, no, _("enhet: %s has no caseworker to take the "
				   "case."),
			 im->units[l->unit].u.code);
		return 0;
	}
	struct consent_ctx cc = {im, l, 0};
	t = field(im, r, C_CONSENT);
	{
		/* unit codes may also be separated by spaces */
		char list[512];
		char *p;
		text_copy(list, sizeof list, t);
		for (p = list; *p; p++)
			if (*p == ' ')
				*p = ',';
		if (!each_word(list, badword, sizeof badword, add_consent_unit,
			       &cc)) {
			if (cc.rc == DB_NOTFOUND)
				bad_line(im, no,
					 _("samtykke: unknown unit '%s'."),
					 badword);
			else if (cc.rc == ERR_INVAL)
				bad_line(im, no,
					 _("samtykke: more than %d units."),
					 INTAKE_MAX_CONSENTS);
			else
				return err_from_db(&s->err, cc.rc);
			return 0;
		}
	}

	/* a person already registered: reused, and not with a second open
	 * case (an import run twice adds nothing) */
	{
		struct person_rec known;
		char number[12];
		rc = db_person_by_nid(s->db, l->p.nid, &known);
		if (rc == DB_OK) {
			rc = db_person_open_case(s->db, known.id, number);
			if (rc == DB_OK) {
				bad_line(im, no,
					 _("fodselsnummer: %s %s already has "
					   "the open case %s."),
					 known.given, known.family, number);
				return 0;
			}
			if (rc != DB_NOTFOUND)
				return err_from_db(&s->err, rc);
			l->p = known;
		} else if (rc != DB_NOTFOUND) {
			return err_from_db(&s->err, rc);
		}
	}
	snprintf(word, sizeof word, "%s %s", l->p.family, l->p.given);
	text_fold(word, l->key1, sizeof l->key1);
	snprintf(word, sizeof word, "%s %s", l->p.given, l->p.family);
	text_fold(word, l->key2, sizeof l->key2);
	snprintf(l->c.status, sizeof l->c.status, "registered");
	date_iso(date_days(l->c.received) + s->cfg->interim_days, l->due);
	im->nlines++;
	return 0;
}

/* The unit's caseworker with the fewest open cases, this import's
 * included. */
static int64_t least_loaded(struct unit_seen *u)
{
	size_t i, best = 0;

	for (i = 1; i < u->nworkers; i++)
		if (u->load[i] < u->load[best])
			best = i;
	u->load[best]++;
	return u->worker[best];
}

static int64_t my_desk(const struct session *s)
{
	size_t i;
	for (i = 0; i < s->nmembers; i++)
		if (strcmp(s->member[i].role, "desk") == 0)
			return s->member[i].unit_id;
	return 0;
}

static int save(struct imp *im)
{
	struct session *s = im->s;
	struct db_import d = {0};
	struct intake defaults;
	struct hh_member_rec *members = NULL;
	struct db_import_line *dl;
	char now[DB_TS], today[DB_DATE], **texts = NULL;
	size_t i, j, nm = 0, total = 0;
	int rc = 0;

	if (im->nlines == 0)
		return 0;
	for (i = 0; i < im->nlines; i++)
		total += (size_t)(im->lines[i].adults - 1 + im->lines[i].children);
	dl = calloc(im->nlines, sizeof *dl);
	members = calloc(total ? total : 1, sizeof *members);
	texts = calloc(im->nlines, sizeof *texts);
	if (!dl || !members || !texts) {
		rc = err_from_db(&s->err, DB_NOMEM);
		goto out;
	}
	/* the same checklist intake starts every application with */
	intake_init(s, &defaults);
	session_now_ts(s, now);
	session_today_iso(s, today);
	for (i = 0; i < im->nlines; i++) {
		struct line *l = &im->lines[i];
		struct unit_seen *u = &im->units[l->unit];
		size_t first = nm;
		int k;
		l->c.unit_id = u->u.id;
		l->c.caseworker_id = least_loaded(u);
		for (k = 1; k < l->adults; k++) {
			snprintf(members[nm].relation, sizeof members[nm].relation,
				 "other_adult");
			nm++;
		}
		for (k = 0; k < l->children; k++) {
			snprintf(members[nm].relation, sizeof members[nm].relation,
				 "child");
			nm++;
		}
		size_t len = strlen(im->path) + 80;
		texts[i] = malloc(len);
		if (!texts[i]) {
			rc = err_from_db(&s->err, DB_NOMEM);
			goto out;
		}
		snprintf(texts[i], len, "imported from %s (line %lu); responsible "
			 "unit %s", im->path, l->no, u->u.code);
		dl[i].person = &l->p;
		dl[i].key1 = l->key1;
		dl[i].key2 = l->key2;
		dl[i].c = &l->c;
		dl[i].nmembers = nm - first;
		dl[i].member = &members[first];
		dl[i].nconsents = l->nconsents;
		dl[i].consent_unit = l->consent;
		dl[i].deadline_due = l->due;
		dl[i].journal_text = texts[i];
	}
	d.n = im->nlines;
	d.line = dl;
	d.ndocs = defaults.ndocs;
	d.doc = defaults.doc;
	d.intake_unit_id = my_desk(s);
	d.staff_id = s->me.id;
	d.at = now;
	d.year = (int)strtol(today, NULL, 10);
	rc = db_import_save(s->db, &d);
	if (rc == DB_CONFLICT)
		rc = err_set(&s->err, ERR_CONFLICT, "%s",
			     _("Someone registered one of these persons while "
			       "the file was read. Nothing was imported; run "
			       "the import again."));
	else if (rc)
		rc = err_from_db(&s->err, rc);
out:
	for (j = 0; texts && j < im->nlines; j++)
		free(texts[j]);
	free(texts);
	free(members);
	free(dl);
	return rc;
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

static const struct import_ops applicant_ops = {ops_header, ops_line, ops_bad};

int import_applicants(struct session *s, const char *path, bool skip_bad,
		      FILE *report, struct import_result *res)
{
	struct imp im;
	FILE *fp;
	int rc;

	memset(res, 0, sizeof *res);
	err_clear(&s->err);
	if (!session_has_role(s, ROLE_ADMIN | ROLE_DESK))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only the service desk and administrators can "
				 "import applicants."));
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
	im.units = calloc(MAX_UNITS, sizeof *im.units);
	if (!im.units) {
		fclose(fp);
		return err_from_db(&s->err, DB_NOMEM);
	}
	rc = import_csv(s, fp, path, &applicant_ops, &im, &res->file_error);
	fclose(fp);
	res->bad = im.bad;
	if (!rc && im.bad && !skip_bad)
		rc = import_refuse_bad(s, im.bad, (long)im.nlines);
	if (!rc && (rc = save(&im)) == 0) {
		res->imported = (long)im.nlines;
		res->skipped = im.bad;
	}
	free(im.lines);
	free(im.units);
	free(im.seen);
	return rc;
}

/* ------------------------------------------- shared with core/dwelling.c */

int import_csv(struct session *s, FILE *fp, const char *path,
	       const struct import_ops *ops, void *ctx, bool *file_error)
{
	struct csv_reader r;
	int rc;

	csv_init(&r, fp);
	rc = ops->header(ctx, &r);
	if (rc == 1) {
		rc = 0;
		for (;;) {
			int got = csv_next(&r, &s->err);
			if (got == 0)
				break;
			if (got == ERR_NOMEM) {
				rc = got;
				break;
			}
			if (got < 0) {
				/* the reader's sentence starts "line N: " */
				const char *msg = s->err.msg;
				const char *colon = strstr(msg, ": ");
				if (colon && colon - msg < 24)
					msg = colon + 2;
				ops->bad(ctx, r.line, msg);
				err_clear(&s->err);
				continue;
			}
			if ((rc = ops->line(ctx, &r)))
				break;
		}
	}
	if (ferror(fp) && !rc) {
		*file_error = true;
		rc = err_set(&s->err, ERR_IO, _("%s cannot be read: %s."), path,
			     strerror(errno));
	}
	csv_release(&r);
	return rc;
}

int import_refuse_bad(struct session *s, long bad, long good)
{
	return err_set(&s->err, ERR_INVAL,
		       ngettext("%ld line is bad; nothing was imported. "
				"Correct it, or give --skip-bad to import "
				"the %ld good lines.",
				"%ld lines are bad; nothing was imported. "
				"Correct them, or give --skip-bad to "
				"import the %ld good lines.",
				(unsigned long)bad),
		       bad, good);
}
