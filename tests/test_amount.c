/* Amounts in whole kroner: the ways caseworkers write them, each refusal
 * with its own sentence, and the display form. */
#include <stdio.h>
#include <string.h>

#include "testlib.h"

static void test_parse_forms(void **state)
{
	static const struct {
		const char *text;
		int64_t kroner;
	} cases[] = {
		{"12 500", 12500},        {"12500", 12500},
		{"12.500", 12500},        {"kr 12 500,-", 12500},
		{"12 500 kr", 12500},     {"Kr. 12500", 12500},
		{"KR 12500", 12500},      {"12 500,00", 12500},
		{"12 500,- kr", 12500},   {"12500kr", 12500},
		{"0", 0},                 {"  7  ", 7},
		{"NOK 300", 300},         {"300 kroner", 300},
		{"1 000 000 000", 1000000000}, {"1.250.000", 1250000},
		{"12\xC2\xA0" "500", 12500},    /* no-break space */
		{"12\xE2\x80\xAF" "500", 12500}, /* narrow no-break space */
		{"007", 7},               {"999", 999},
		{"1 000", 1000},          {"kr 0,-", 0},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t v = -1;
		struct err e = {0};
		if (amount_parse(cases[i].text, &v, &e) != 0)
			fail_msg("\"%s\": %s", cases[i].text, e.msg);
		if (v != cases[i].kroner)
			fail_msg("\"%s\" read as %lld", cases[i].text,
				 (long long)v);
	}
}

struct bad_case {
	const char *text;
	const char *says;
};

static const char fmt_msg[] = "Write the amount in whole kroner";
static const char neg_msg[] = "cannot be negative";
static const char dec_msg[] = "without øre";
static const char big_msg[] = "at most 1 000 000 000 kroner";

static void test_parse_refused(void **state)
{
	static const struct bad_case cases[] = {
		{"", fmt_msg},            {"kr", fmt_msg},
		{"abc", fmt_msg},         {"12 50", fmt_msg},
		{"1 2345", fmt_msg},      {"12.5", fmt_msg},
		{"1234 567", fmt_msg},    {".500", fmt_msg},
		{"12..500", fmt_msg},     {"1e6", fmt_msg},
		{"12 500 kr kr", fmt_msg}, {"12-", fmt_msg},
		{"1 000 00", fmt_msg},    {"12 500.", fmt_msg},
		{"\xE2\x88\x92" "500", fmt_msg}, /* U+2212 minus */
		{"-12", neg_msg},         {"kr -500", neg_msg},
		{"- 5", neg_msg},         {"-0", neg_msg},
		{"12,50", dec_msg},       {"12,5", dec_msg},
		{"0,99", dec_msg},        {"12,", dec_msg},
		{"1 000 000 001", big_msg}, {"1000000001", big_msg},
		{"99999999999999999999999999999", big_msg},
		{"18446744073709551617", big_msg},
		{"this text is much longer than any amount anyone would ever "
		 "write in a field",
		 fmt_msg},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t v = 42;
		struct err e = {0};
		if (amount_parse(cases[i].text, &v, &e) != ERR_INVAL)
			fail_msg("\"%s\" was accepted", cases[i].text);
		if (!strstr(e.msg, cases[i].says))
			fail_msg("\"%s\": \"%s\" does not say \"%s\"",
				 cases[i].text, e.msg, cases[i].says);
		assert_string_equal(e.field, "amount");
		assert_int_equal(v, 42);
	}
	struct err e = {0};
	int64_t v;
	assert_int_equal(amount_parse(NULL, &v, &e), ERR_INVAL);
}

static void test_show(void **state)
{
	static const struct {
		int64_t kroner;
		const char *text;
	} cases[] = {
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1 000"},
		{12500, "12 500"},
		{100000, "100 000"},
		{1234567, "1 234 567"},
		{1000000000, "1 000 000 000"},
		{-1500, "-1 500"},
		{-999, "-999"},
		{INT64_MAX, "9 223 372 036 854 775 807"},
		{INT64_MIN, "-9 223 372 036 854 775 808"},
	};
	char out[40];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		amount_show(cases[i].kroner, out, sizeof out);
		assert_string_equal(out, cases[i].text);
	}
	amount_show(12500, out, 4);
	assert_string_equal(out, "12 ");
	amount_show(12500, out, 1);
	assert_string_equal(out, "");
	out[0] = 'x';
	amount_show(12500, out, 0);
	assert_int_equal(out[0], 'x');
}

/* What amount_show writes, amount_parse reads back. */
static void test_round_trip(void **state)
{
	for (int64_t v = 0; v <= 1000000000; v = v * 3 + 1) {
		char out[40];
		int64_t back = -1;
		struct err e = {0};
		amount_show(v, out, sizeof out);
		assert_int_equal(amount_parse(out, &back, &e), 0);
		assert_int_equal(back, v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests_name("amount", tests, NULL, NULL);
}
