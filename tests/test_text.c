/* Text helpers: the folded search form of names, copying without cutting
 * a character, trimming, and terminal width. */
#include <locale.h>
#include <string.h>

#include "testlib.h"

static void test_fold(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"ÆØÅ", "æøå"},
		{"Ærlige Øystein Ås", "ærlige øystein ås"},
		{"José Müller", "jose muller"},
		{"Björk Ängel", "bjørk ængel"},
		{"ÈÉÊË èéêë ÁÀ áà", "eeee eeee aa aa"},
		{"  Per   Olav  ", "per olav"},
		{"a\t\n\r b", "a b"},
		{"a\xC2\xA0" "b", "a b"}, /* no-break space */
		{"Škoda Łukasz Œuvre Čapek", "skoda lukasz oeuvre capek"},
		{"Straße", "strasse"},
		{"Ő ő Ű", "ø ø u"},
		{"Ñandú Çelik Ÿves ÿ", "nandu celik yves y"},
		{"HANSEN-BERG, KARI", "hansen-berg, kari"},
		/* decomposed (NFD) input, as macOS writes it */
		{"A\xCC\x8Ase", "åse"},
		{"a\xCC\x8A", "å"},
		{"Bjo\xCC\x88rk", "bjørk"},
		{"Jose\xCC\x81", "jose"},
		/* other scripts are kept; broken bytes are dropped */
		{"Петров", "Петров"},
		{"a\xFF" "b\xC3", "ab"},
		{"", ""},
		{"   ", ""},
	};
	char out[128];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		text_fold(cases[i].in, out, sizeof out);
		if (strcmp(out, cases[i].out) != 0)
			fail_msg("\"%s\" -> \"%s\", not \"%s\"", cases[i].in,
				 out, cases[i].out);
	}
	text_fold(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

/* A short buffer never gets half a character, nor a trailing space. */
static void test_fold_short_buffer(void **state)
{
	char out[8];

	text_fold("ÆØÅ", out, 4);
	assert_string_equal(out, "æ");
	text_fold("ÆØÅ", out, 5);
	assert_string_equal(out, "æø");
	text_fold("ab cd", out, 4);
	assert_string_equal(out, "ab");
	text_fold("Straße", out, 6);
	assert_string_equal(out, "stra");
	text_fold("abc", out, 1);
	assert_string_equal(out, "");
	out[0] = 'x';
	text_fold("abc", out, 0);
	assert_int_equal(out[0], 'x');
	/* a combining ring that would not fit leaves the letter as it was */
	text_fold("aA\xCC\x8A", out, 3);
	assert_string_equal(out, "aa");
}

/* The fold is stable: folding twice changes nothing. */
static void test_fold_idempotent(void **state)
{
	static const char *const names[] = {
		"Ærlige Øystein Ås", "José Müller", "Björk", "Škoda Œuvre",
		"  x  y ", "A\xCC\x8Ase",
	};
	char once[128], twice[128];

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		text_fold(names[i], once, sizeof once);
		text_fold(once, twice, sizeof twice);
		assert_string_equal(once, twice);
	}
}

static void test_copy(void **state)
{
	char out[16];

	text_copy(out, sizeof out, "abc");
	assert_string_equal(out, "abc");
	text_copy(out, 3, "abc");
	assert_string_equal(out, "ab");
	text_copy(out, 4, "æøå");
	assert_string_equal(out, "æ");
	text_copy(out, 5, "æøå");
	assert_string_equal(out, "æø");
	text_copy(out, 7, "æøå");
	assert_string_equal(out, "æøå");
	text_copy(out, 4, "a\xF0\x9F\x98\x80");
	assert_string_equal(out, "a");
	text_copy(out, 1, "abc");
	assert_string_equal(out, "");
	text_copy(out, sizeof out, NULL);
	assert_string_equal(out, "");
	out[0] = 'x';
	text_copy(out, 0, "abc");
	assert_int_equal(out[0], 'x');
	/* a sequence cut short at the end of the source is copied as is */
	text_copy(out, sizeof out, "ab\xC3");
	assert_string_equal(out, "ab\xC3");
}

static void test_trim(void **state)
{
	char a[] = "  x y  ", b[] = "", c[] = "   ", d[] = "\t\nx\r\n",
	     e[] = "none";

	assert_ptr_equal(text_trim(a), a);
	assert_string_equal(a, "x y");
	assert_string_equal(text_trim(b), "");
	assert_string_equal(text_trim(c), "");
	assert_string_equal(text_trim(d), "x");
	assert_string_equal(text_trim(e), "none");
	assert_null(text_trim(NULL));
}

static void test_width_utf8(void **state)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		skip();
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("æøå"), 3);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width("Jose\xCC\x81"), 4); /* combining */
	assert_int_equal(text_width("a\xFF" "b"), 3);    /* broken byte */
	assert_int_equal(text_width(NULL), 0);
	setlocale(LC_ALL, "C");
}

static void test_width_not_utf8(void **state)
{
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("æøå"), 3);
	assert_int_equal(text_width("日本"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_short_buffer),
		cmocka_unit_test(test_fold_idempotent),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_width_utf8),
		cmocka_unit_test(test_width_not_utf8),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
