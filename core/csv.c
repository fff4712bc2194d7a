/*
 * CSV as Norwegian Excel writes it: ';' between fields (',' is the decimal
 * comma there), UTF-8 with a byte-order mark when saved as "CSV UTF-8",
 * CRLF line ends, quoted fields that may hold line breaks.  Files from
 * other programs use ',' and LF, and old Mac Excel a lone CR; all are read.
 *
 * A record is read in two passes: first its raw bytes up to the line end
 * that lies outside quotes (so that line numbers stay right whatever the
 * fields hold), then it is split in place.  Every error consumes the whole
 * record first, so the next call starts cleanly at the next one.
 *
 * To force a separator, set r->sep after csv_init; 0 means "choose from
 * the first record".
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define CSV_RECORD_MAX ((size_t)1 << 20) /* 1 MiB */

enum csv_trouble { CSV_FINE, CSV_TOO_LONG, CSV_NOMEM };

struct csv_raw {
	size_t len;
	enum csv_trouble trouble;
	bool open_quote; /* the file ended inside quotes */
};

void csv_init(struct csv_reader *r, FILE *fp)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->next_line = 1;
}

void csv_release(struct csv_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
	r->nfields = 0;
}

/* Keeps the byte unless the record already ran into trouble; past the
 * limit the rest of the record is still read, only not kept. */
static void csv_keep(struct csv_reader *r, struct csv_raw *raw, int c)
{
	if (raw->trouble != CSV_FINE)
		return;
	if (raw->len >= CSV_RECORD_MAX) {
		raw->trouble = CSV_TOO_LONG;
		return;
	}
	if (raw->len + 2 > r->cap) { /* room for the byte and a NUL */
		size_t cap = r->cap ? r->cap * 2 : 256;
		if (cap > CSV_RECORD_MAX + 1)
			cap = CSV_RECORD_MAX + 1;
		char *p = realloc(r->buf, cap);
		if (!p) {
			raw->trouble = CSV_NOMEM;
			return;
		}
		r->buf = p;
		r->cap = cap;
	}
	r->buf[raw->len++] = (char)c;
}

static bool csv_sep_like(const struct csv_reader *r, int c)
{
	/* Before the separator is known, either may start a field. */
	return r->sep ? c == r->sep : c == ';' || c == ',';
}

/* After a CR: swallows the LF of a CRLF; returns whether one was there. */
static bool csv_crlf(FILE *fp)
{
	int next = getc(fp);
	if (next == '\n')
		return true;
	if (next != EOF)
		ungetc(next, fp);
	return false;
}

/* Inside quotes: returns false when this quote closes them. */
static bool csv_quoted_byte(struct csv_reader *r, struct csv_raw *raw, int c)
{
	if (c == '"') {
		int next = getc(r->fp);
		csv_keep(r, raw, '"');
		if (next == '"') {
			csv_keep(r, raw, '"');
			return true;
		}
		if (next != EOF)
			ungetc(next, r->fp);
		return false;
	}
	csv_keep(r, raw, c);
	if (c == '\n') {
		r->next_line++;
	} else if (c == '\r') {
		if (csv_crlf(r->fp))
			csv_keep(r, raw, '\n');
		r->next_line++;
	}
	return true;
}

static bool csv_bom(const struct csv_reader *r, const struct csv_raw *raw)
{
	return !r->started && raw->len == 3 &&
	       memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0;
}

/* Reads the bytes of one record (without its line end) into r->buf.
 * Returns false at the end of the file when nothing was left to read. */
static bool csv_read_raw(struct csv_reader *r, struct csv_raw *raw)
{
	bool quoted = false, field_start = true, any = false;
	int c;

	memset(raw, 0, sizeof *raw);
	while ((c = getc(r->fp)) != EOF) {
		any = true;
		if (quoted) {
			quoted = csv_quoted_byte(r, raw, c);
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (c == '\r')
				csv_crlf(r->fp);
			r->next_line++;
			return true;
		}
		if (c == '"' && field_start) {
			quoted = true;
			field_start = false;
			csv_keep(r, raw, c);
			continue;
		}
		field_start = csv_sep_like(r, c);
		csv_keep(r, raw, c);
		if (csv_bom(r, raw)) {
			raw->len = 0;
			field_start = true;
		}
	}
	raw->open_quote = quoted;
	return any;
}

/* The separator the first record uses more of, outside quotes. */
static char csv_detect(const char *s, size_t len)
{
	size_t semi = 0, comma = 0;
	bool quoted = false, start = true;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (quoted) {
			if (c == '"' && i + 1 < len && s[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = false;
			continue;
		}
		if (c == '"' && start) {
			quoted = true;
			start = false;
			continue;
		}
		start = c == ';' || c == ',';
		semi += c == ';';
		comma += c == ',';
	}
	return semi > comma ? ';' : ',';
}

/* Splits r->buf in place: quotes removed, "" made one. */
static int csv_split(struct csv_reader *r, size_t len, struct err *e)
{
	char *s = r->buf, *end = r->buf + len, *w = r->buf;
	bool quoted = false, start = true;
	size_t n = 0;

	r->field[n++] = w;
	while (s < end) {
		char c = *s++;
		if (quoted) {
			if (c != '"')
				*w++ = c;
			else if (s < end && *s == '"')
				*w++ = *s++;
			else
				quoted = false;
			continue;
		}
		if (c == '"' && start) {
			quoted = true;
			start = false;
			continue;
		}
		start = c == r->sep;
		if (!start) {
			*w++ = c;
			continue;
		}
		*w++ = '\0';
		if (n == CSV_MAX_FIELDS)
			return err_set(e, ERR_INVAL,
				       _("line %lu: more than %d fields."),
				       r->line, CSV_MAX_FIELDS);
		r->field[n++] = w;
	}
	*w = '\0';
	r->nfields = n;
	return 1;
}

/* Offset of the first byte that is not well-formed UTF-8, or len. */
static size_t utf8_bad_at(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char b = s[i];
		size_t n;
		unsigned char lo = 0x80, hi = 0xBF; /* the second byte's range */
		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			n = 2;
		else if (b >= 0xE0 && b <= 0xEF)
			n = 3;
		else if (b >= 0xF0 && b <= 0xF4)
			n = 4;
		else
			return i;
		/* No overlong forms, no surrogates, nothing past U+10FFFF. */
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
		else if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
		if (i + n > len || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += n;
	}
	return len;
}

bool utf8_valid(const char *s, size_t len)
{
	return utf8_bad_at((const unsigned char *)s, len) == len;
}

/* The physical line of byte at in the record (records span lines only
 * inside quotes, where line ends were kept). */
static unsigned long csv_line_of(const struct csv_reader *r, size_t at)
{
	unsigned long line = r->line;
	for (size_t i = 0; i < at; i++)
		line += r->buf[i] == '\n' ||
			(r->buf[i] == '\r' && r->buf[i + 1] != '\n');
	return line;
}

static int csv_check(struct csv_reader *r, const struct csv_raw *raw,
		     struct err *e)
{
	size_t bad;

	if (raw->trouble == CSV_TOO_LONG)
		return err_set(e, ERR_INVAL,
			       _("line %lu: the record is longer than 1 MiB."),
			       r->line);
	if (raw->trouble == CSV_NOMEM)
		return err_set(e, ERR_NOMEM, "%s", err_default(ERR_NOMEM));
	if (raw->open_quote)
		return err_set(e, ERR_INVAL,
			       _("line %lu: a quoted field is never closed "
				 "(a \" is missing)."),
			       r->line);
	if (memchr(r->buf, '\0', raw->len))
		return err_set(e, ERR_INVAL,
			       _("line %lu: the file contains a zero byte; is "
				 "it a spreadsheet file rather than CSV?"),
			       r->line);
	bad = utf8_bad_at((const unsigned char *)r->buf, raw->len);
	if (bad < raw->len)
		return err_set(e, ERR_INVAL,
			       _("line %lu: the text is not UTF-8. Save the "
				 "file as \"CSV UTF-8\"."),
			       csv_line_of(r, bad));
	return 0;
}

int csv_next(struct csv_reader *r, struct err *e)
{
	struct csv_raw raw;
	int rc;

	r->nfields = 0;
	do {
		r->line = r->next_line;
		bool got = csv_read_raw(r, &raw);
		r->started = true;
		if (!got)
			return 0;
		/* An empty line is no record; the file's end is not either. */
	} while (raw.len == 0 && raw.trouble == CSV_FINE && !raw.open_quote);
	if (r->buf)
		r->buf[raw.len] = '\0';
	rc = csv_check(r, &raw, e);
	if (rc)
		return rc;
	if (!r->sep)
		r->sep = csv_detect(r->buf, raw.len);
	rc = csv_split(r, raw.len, e);
	if (rc < 0)
		r->nfields = 0;
	return rc;
}

/* Excel runs a cell that starts with = + - or @ as a formula, so a name
 * like "=HYPERLINK(...)" typed into a case could act when the export is
 * opened (CSV injection).  Such a field gets a leading ' which Excel
 * shows as text; a tab or CR at the start is treated the same, as OWASP
 * advises.  The cost: a negative number is exported as text. */
static bool csv_formula_like(const char *field)
{
	return field[0] && strchr("=+-@\t\r", field[0]);
}

void csv_put(FILE *fp, const char *field, char sep)
{
	field = field ? field : "";
	bool guard = csv_formula_like(field);
	bool quote = (sep && strchr(field, sep)) || strpbrk(field, "\"\r\n");

	if (quote)
		putc('"', fp);
	if (guard)
		putc('\'', fp);
	for (const char *p = field; *p; p++) {
		if (*p == '"' && quote)
			putc('"', fp);
		putc(*p, fp);
	}
	if (quote)
		putc('"', fp);
}
