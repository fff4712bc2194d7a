/* The CSV reader and writer: what Norwegian Excel and other programs
 * write, line numbers across quoted line breaks, every error with its line
 * and recovery at the next record, and export quoting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

struct fixture {
	FILE *fp;
	struct csv_reader r;
	struct err e;
};

/* A reader over n bytes (which may include NUL bytes). */
static void open_bytes(struct fixture *f, const char *bytes, size_t n)
{
	f->fp = tmpfile();
	assert_non_null(f->fp);
	assert_int_equal(fwrite(bytes, 1, n, f->fp), n);
	rewind(f->fp);
	csv_init(&f->r, f->fp);
	memset(&f->e, 0, sizeof f->e);
}

static void open_text(struct fixture *f, const char *text)
{
	open_bytes(f, text, strlen(text));
}

static void close_fixture(struct fixture *f)
{
	csv_release(&f->r);
	assert_null(f->r.buf);
	fclose(f->fp);
}

/* The next record must be on `line` with exactly these fields (a NULL
 * ends the list). */
static void expect_record(struct fixture *f, unsigned long line, ...)
{
	va_list ap;
	size_t n = 0;
	const char *want;

	if (csv_next(&f->r, &f->e) != 1)
		fail_msg("no record where line %lu was expected: %s", line,
			 f->e.msg);
	assert_int_equal(f->r.line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (n >= f->r.nfields)
			fail_msg("line %lu: only %zu fields", line,
				 f->r.nfields);
		assert_string_equal(f->r.field[n], want);
		n++;
	}
	va_end(ap);
	assert_int_equal(f->r.nfields, n);
}

static void expect_error(struct fixture *f, const char *msg_start)
{
	memset(&f->e, 0, sizeof f->e);
	assert_int_equal(csv_next(&f->r, &f->e), ERR_INVAL);
	assert_int_equal(f->e.code, ERR_INVAL);
	if (strncmp(f->e.msg, msg_start, strlen(msg_start)) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", f->e.msg,
			 msg_start);
	assert_int_equal(f->r.nfields, 0);
}

static void expect_end(struct fixture *f)
{
	assert_int_equal(csv_next(&f->r, &f->e), 0);
	assert_int_equal(csv_next(&f->r, &f->e), 0); /* and stays there */
}

static void test_excel_semicolon_bom_crlf(void **state)
{
	struct fixture f;

	open_text(&f, "\xEF\xBB\xBFnavn;fødselsnummer;beløp\r\n"
		      "Ås, Per;13097248022;12 500\r\n"
		      "Øren;;\r\n");
	expect_record(&f, 1, "navn", "fødselsnummer", "beløp", NULL);
	assert_int_equal(f.r.sep, ';');
	expect_record(&f, 2, "Ås, Per", "13097248022", "12 500", NULL);
	expect_record(&f, 3, "Øren", "", "", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_bom_before_quote(void **state)
{
	struct fixture f;

	open_text(&f, "\xEF\xBB\xBF\"navn\";\"fnr\"\n\"a\";\"b\"\n");
	expect_record(&f, 1, "navn", "fnr", NULL);
	expect_record(&f, 2, "a", "b", NULL);
	expect_end(&f);
	close_fixture(&f);
}

/* Only the file's first three bytes can be a byte-order mark. */
static void test_bom_only_at_start(void **state)
{
	struct fixture f;

	open_text(&f, "a;b\n\xEF\xBB\xBFx;y\n");
	expect_record(&f, 1, "a", "b", NULL);
	expect_record(&f, 2, "\xEF\xBB\xBFx", "y", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_comma_lf(void **state)
{
	struct fixture f;

	open_text(&f, "a,b,c\n1,2,3\n4;5,6\n");
	expect_record(&f, 1, "a", "b", "c", NULL);
	assert_int_equal(f.r.sep, ',');
	expect_record(&f, 2, "1", "2", "3", NULL);
	expect_record(&f, 3, "4;5", "6", NULL);
	expect_end(&f);
	close_fixture(&f);
}

/* A tie, or no separator at all, means ','. */
static void test_separator_tie(void **state)
{
	struct fixture f;

	open_text(&f, "a;b,c\n");
	expect_record(&f, 1, "a;b", "c", NULL);
	assert_int_equal(f.r.sep, ',');
	close_fixture(&f);
	open_text(&f, "name\nx;y\n");
	expect_record(&f, 1, "name", NULL);
	expect_record(&f, 2, "x;y", NULL);
	assert_int_equal(f.r.sep, ',');
	close_fixture(&f);
}

/* Commas inside quotes do not count when the separator is chosen. */
static void test_separator_ignores_quoted(void **state)
{
	struct fixture f;

	open_text(&f, "\"Hansen, Per\";\"x,y,z\";z\n1,5;2;3\n");
	expect_record(&f, 1, "Hansen, Per", "x,y,z", "z", NULL);
	assert_int_equal(f.r.sep, ';');
	expect_record(&f, 2, "1,5", "2", "3", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_separator_forced(void **state)
{
	struct fixture f;

	open_text(&f, "a;b;c,d\n");
	f.r.sep = ',';
	expect_record(&f, 1, "a;b;c", "d", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_quotes(void **state)
{
	struct fixture f;

	open_text(&f, "\"say \"\"hi\"\"\";b\n"
		      "\"\";\"\"\"\"\n"
		      "a\"b;\"c\"d\n"
		      ";;\n");
	expect_record(&f, 1, "say \"hi\"", "b", NULL);
	expect_record(&f, 2, "", "\"", NULL);
	/* a quote inside an unquoted field is text; text after a closing
	 * quote is kept */
	expect_record(&f, 3, "a\"b", "cd", NULL);
	expect_record(&f, 4, "", "", "", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_newline_in_quotes(void **state)
{
	struct fixture f;

	open_text(&f, "h1;h2\n"
		      "\"line one\nline two\nline three\";x\n"
		      "after;y\n"
		      "\"a\"\"\n\"\"b\";z\n"
		      "last;w\n");
	expect_record(&f, 1, "h1", "h2", NULL);
	expect_record(&f, 2, "line one\nline two\nline three", "x", NULL);
	expect_record(&f, 5, "after", "y", NULL);
	expect_record(&f, 6, "a\"\n\"b", "z", NULL);
	expect_record(&f, 8, "last", "w", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_crlf_in_quotes(void **state)
{
	struct fixture f;

	open_text(&f, "a;b\r\n\"x\r\ny\";z\r\nlast;w\r\n");
	expect_record(&f, 1, "a", "b", NULL);
	expect_record(&f, 2, "x\r\ny", "z", NULL);
	expect_record(&f, 4, "last", "w", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_empty_lines_skipped(void **state)
{
	struct fixture f;

	open_text(&f, "\na;b\n\n\r\n\nc;d\n\n");
	expect_record(&f, 2, "a", "b", NULL);
	expect_record(&f, 6, "c", "d", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_no_final_newline_and_lone_cr(void **state)
{
	struct fixture f;

	open_text(&f, "a;b\rc;d\r\re;f");
	expect_record(&f, 1, "a", "b", NULL);
	expect_record(&f, 2, "c", "d", NULL);
	expect_record(&f, 4, "e", "f", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_empty_files(void **state)
{
	struct fixture f;

	open_text(&f, "");
	expect_end(&f);
	close_fixture(&f);
	open_text(&f, "\xEF\xBB\xBF");
	expect_end(&f);
	close_fixture(&f);
	open_text(&f, "\xEF\xBB\xBF\r\n\r\n");
	expect_end(&f);
	close_fixture(&f);
}

static void test_invalid_utf8_line(void **state)
{
	struct fixture f;

	open_text(&f, "a;b\nok;\xC3\x28\nnext;z\n");
	expect_record(&f, 1, "a", "b", NULL);
	expect_error(&f, "line 2: the text is not UTF-8");
	expect_record(&f, 3, "next", "z", NULL);
	expect_end(&f);
	close_fixture(&f);
}

/* The bad byte's own line, inside a record that spans three. */
static void test_invalid_utf8_in_multiline_field(void **state)
{
	struct fixture f;

	open_text(&f, "h;h\n\"x\r\ny\nBj\xF8rn\";z\nq;w\n");
	expect_record(&f, 1, "h", "h", NULL);
	expect_error(&f, "line 4:");
	expect_record(&f, 5, "q", "w", NULL);
	expect_end(&f);
	close_fixture(&f);
	/* a lone CR inside quotes ends a line too */
	open_text(&f, "h;h\n\"x\ry\xFF\";z\nq;w\n");
	expect_record(&f, 1, "h", "h", NULL);
	expect_error(&f, "line 3:");
	expect_record(&f, 4, "q", "w", NULL);
	close_fixture(&f);
}

static void test_utf8_forms(void **state)
{
	static const struct {
		const char *s;
		bool ok;
	} cases[] = {
		{"", true},
		{"æøå ÆØÅ", true},
		{"\xF0\x9F\x98\x80", true},     /* U+1F600 */
		{"\xEF\xBF\xBF", true},         /* U+FFFF */
		{"\xF4\x8F\xBF\xBF", true},     /* U+10FFFF */
		{"\xC3", false},                /* cut short */
		{"\xC3\x28", false},
		{"\xC0\xAF", false},            /* overlong '/' */
		{"\xE0\x80\xAF", false},        /* overlong */
		{"\xF0\x80\x80\xAF", false},    /* overlong */
		{"\xED\xA0\x80", false},        /* surrogate */
		{"\xF4\x90\x80\x80", false},    /* past U+10FFFF */
		{"\xF5\x80\x80\x80", false},
		{"\x80", false},
		{"\xFF", false},
		{"Bj\xF8rn", false},            /* Latin-1 */
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (utf8_valid(cases[i].s, strlen(cases[i].s)) != cases[i].ok)
			fail_msg("case %zu", i);
	/* the length counts, not the NUL */
	assert_true(utf8_valid("a\xC3\xA6", 1));
	assert_false(utf8_valid("a\xC3\xA6", 2));
	assert_true(utf8_valid("a\0b", 3));
}

static void test_too_many_fields(void **state)
{
	struct fixture f;
	char text[1024], *p = text;

	/* 64 fields are fine; 65 are not */
	p += sprintf(p, "h\n");
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		p += sprintf(p, i ? ";%d" : "%d", i);
	p += sprintf(p, "\n");
	for (int i = 0; i <= CSV_MAX_FIELDS; i++)
		p += sprintf(p, i ? ";%d" : "%d", i);
	p += sprintf(p, "\nnext;x\n");
	open_text(&f, text);
	f.r.sep = ';';
	expect_record(&f, 1, "h", NULL);
	assert_int_equal(csv_next(&f.r, &f.e), 1);
	assert_int_equal(f.r.nfields, CSV_MAX_FIELDS);
	assert_string_equal(f.r.field[CSV_MAX_FIELDS - 1], "63");
	expect_error(&f, "line 3: more than 64 fields");
	expect_record(&f, 4, "next", "x", NULL);
	expect_end(&f);
	close_fixture(&f);
}

static void test_unterminated_quote(void **state)
{
	struct fixture f;

	open_text(&f, "a;b\n\"open;x\nmore\n");
	expect_record(&f, 1, "a", "b", NULL);
	expect_error(&f, "line 2: a quoted field is never closed");
	expect_end(&f);
	close_fixture(&f);
}

static void test_zero_byte(void **state)
{
	static const char bytes[] = "a;b\nx\0y;z\nq;w\n";
	struct fixture f;

	open_bytes(&f, bytes, sizeof bytes - 1);
	expect_record(&f, 1, "a", "b", NULL);
	expect_error(&f, "line 2: the file contains a zero byte");
	expect_record(&f, 3, "q", "w", NULL);
	expect_end(&f);
	close_fixture(&f);
}

/* No fixed record length, but one record may not pass 1 MiB; the reader
 * goes on after it. */
static void test_long_records(void **state)
{
	size_t big = (1u << 20) + 10, mid = 100000;
	char *text = malloc(big + mid + 64);
	struct fixture f;
	size_t n = 0;

	assert_non_null(text);
	memcpy(text + n, "a;b\n", 4);
	n += 4;
	memset(text + n, 'x', mid);
	n += mid;
	memcpy(text + n, ";short\n\"", 8);
	n += 8;
	memset(text + n, 'y', big);
	n += big;
	memcpy(text + n, "\n\";z\nafter;w\n", 13);
	n += 13;
	open_bytes(&f, text, n);
	expect_record(&f, 1, "a", "b", NULL);
	assert_int_equal(csv_next(&f.r, &f.e), 1);
	assert_int_equal(strlen(f.r.field[0]), mid);
	assert_string_equal(f.r.field[1], "short");
	expect_error(&f, "line 3: the record is longer than 1 MiB");
	expect_record(&f, 5, "after", "w", NULL);
	expect_end(&f);
	close_fixture(&f);
	free(text);
}

static char *put_to_string(const char *field, char sep)
{
	static char out[256];
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	csv_put(fp, field, sep);
	fclose(fp);
	assert_true(len < sizeof out);
	memcpy(out, text, len + 1);
	free(text);
	return out;
}

static void test_put(void **state)
{
	static const struct {
		const char *field;
		char sep;
		const char *written;
	} cases[] = {
		{"plain", ';', "plain"},
		{"", ';', ""},
		{"Ås, Per", ';', "Ås, Per"},
		{"Ås, Per", ',', "\"Ås, Per\""},
		{"a;b", ';', "\"a;b\""},
		{"say \"hi\"", ';', "\"say \"\"hi\"\"\""},
		{"two\nlines", ';', "\"two\nlines\""},
		{"cr\rhere", ';', "\"cr\rhere\""},
		/* formula guard against CSV injection */
		{"=SUM(A1:A9)", ';', "'=SUM(A1:A9)"},
		{"+47 22 00 00 00", ';', "'+47 22 00 00 00"},
		{"-1500", ';', "'-1500"},
		{"@cmd", ';', "'@cmd"},
		{"\tx", ';', "'\tx"},
		{"=HYPERLINK(\"x\";\"y\")", ';',
		 "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\""},
		{"a=b", ';', "a=b"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_string_equal(put_to_string(cases[i].field, cases[i].sep),
				    cases[i].written);
	assert_string_equal(put_to_string(NULL, ';'), "");
}

/* What csv_put writes, the reader reads back unchanged. */
static void test_put_read_back(void **state)
{
	static const char *const fields[] = {
		"plain", "", "Ås, Per", "a;b", "say \"hi\"", "two\r\nlines",
		"\"", "trailing \"", " spaced ", "ÆØÅ",
	};
	const size_t n = sizeof fields / sizeof *fields;
	static const char seps[] = {';', ','};

	for (size_t s = 0; s < 2; s++) {
		struct fixture f;
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);

		assert_non_null(fp);
		for (int rec = 0; rec < 2; rec++) {
			for (size_t i = 0; i < n; i++) {
				if (i)
					putc(seps[s], fp);
				csv_put(fp, fields[i], seps[s]);
			}
			fputs("\r\n", fp);
		}
		fclose(fp);
		open_bytes(&f, text, len);
		for (int rec = 0; rec < 2; rec++) {
			assert_int_equal(csv_next(&f.r, &f.e), 1);
			assert_int_equal(f.r.sep, seps[s]);
			assert_int_equal(f.r.line, rec ? 3 : 1);
			assert_int_equal(f.r.nfields, n);
			for (size_t i = 0; i < n; i++)
				assert_string_equal(f.r.field[i], fields[i]);
		}
		expect_end(&f);
		close_fixture(&f);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_semicolon_bom_crlf),
		cmocka_unit_test(test_bom_before_quote),
		cmocka_unit_test(test_bom_only_at_start),
		cmocka_unit_test(test_comma_lf),
		cmocka_unit_test(test_separator_tie),
		cmocka_unit_test(test_separator_ignores_quoted),
		cmocka_unit_test(test_separator_forced),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_newline_in_quotes),
		cmocka_unit_test(test_crlf_in_quotes),
		cmocka_unit_test(test_empty_lines_skipped),
		cmocka_unit_test(test_no_final_newline_and_lone_cr),
		cmocka_unit_test(test_empty_files),
		cmocka_unit_test(test_invalid_utf8_line),
		cmocka_unit_test(test_invalid_utf8_in_multiline_field),
		cmocka_unit_test(test_utf8_forms),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_zero_byte),
		cmocka_unit_test(test_long_records),
		cmocka_unit_test(test_put),
		cmocka_unit_test(test_put_read_back),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
