/* National identity numbers: valid ones of every kind, each kind of
 * failure with its own sentence, the 2032 control rule, D-numbers,
 * synthetic numbers, century boundaries and leap days.
 *
 * The numbers were computed for these tests (python, independently of
 * core/nid.c), or are the public test numbers of NAV's fnrvalidator test
 * suite and fnrinfo.no's worked example (31129956715), re-verified by
 * computing both remainders.  None belongs to a real person as far as a
 * number can say: most have implausible individual digits. */
#include <stdio.h>
#include <string.h>

#include "testlib.h"

struct valid_case {
	const char *text;
	bool synthetic_ok;
	enum nid_kind kind;
	bool synthetic;
	const char *birth;
};

static const struct valid_case valid_cases[] = {
	/* NAV fnrvalidator's public examples */
	{"13097248022", false, NID_FNR, false, "1972-09-13"},
	{"29029648784", false, NID_FNR, false, "1996-02-29"},
	{"29020075838", false, NID_FNR, false, "2000-02-29"},
	{"15021951940", false, NID_FNR, false, "2019-02-15"},
	{"53097248016", false, NID_DNR, false, "1972-09-13"},
	{"10915596784", true, NID_FNR, true, "1955-11-10"},
	{"02013299997", false, NID_FNR, false, "2032-01-02"},
	{"30108299920", false, NID_FNR, false, "1982-10-30"},
	{"70108299914", false, NID_DNR, false, "1982-10-30"},
	/* fnrinfo.no's worked example: individual 567 with year 99 */
	{"31129956715", false, NID_FNR, false, "1899-12-31"},
	/* century boundaries */
	{"31129900183", false, NID_FNR, false, "1999-12-31"},  /* 001 */
	{"01010050053", false, NID_FNR, false, "2000-01-01"},  /* 500, 00 */
	{"01015450068", false, NID_FNR, false, "1854-01-01"},  /* 500, 54 */
	{"01014090017", false, NID_FNR, false, "1940-01-01"},  /* 900, 40 */
	{"31129990077", false, NID_FNR, false, "1999-12-31"},  /* 900, 99 */
	{"31123990008", false, NID_FNR, false, "2039-12-31"},  /* 900, 39 */
	{"01012050190", false, NID_FNR, false, "2020-01-01"},
	/* leap days */
	{"29020050088", false, NID_FNR, false, "2000-02-29"},
	{"29020450051", false, NID_FNR, false, "2004-02-29"},
	/* D-numbers: day + 40 */
	{"41019000077", false, NID_DNR, false, "1990-01-01"},
	{"71129900096", false, NID_DNR, false, "1999-12-31"},
	/* synthetic: month + 80, also as D-number */
	{"01819000049", true, NID_FNR, true, "1990-01-01"},
	{"41819000032", true, NID_DNR, true, "1990-01-01"},
	/* spaces are allowed anywhere */
	{"130972 48022", false, NID_FNR, false, "1972-09-13"},
	{" 13 09 72 480 22 ", false, NID_FNR, false, "1972-09-13"},
};

static void test_valid(void **state)
{
	for (size_t i = 0; i < sizeof valid_cases / sizeof *valid_cases; i++) {
		const struct valid_case *c = &valid_cases[i];
		struct nid_info info;
		struct err e = {0};
		char out[12] = "x", digits[12];
		size_t n = 0;

		memset(&info, 0xAA, sizeof info);
		for (const char *p = c->text; *p; p++)
			if (*p != ' ')
				digits[n++] = *p;
		digits[n] = '\0';
		if (nid_check(c->text, c->synthetic_ok, out, &info, &e) != 0)
			fail_msg("%s: %s", c->text, e.msg);
		assert_string_equal(out, digits);
		assert_int_equal(info.kind, c->kind);
		assert_int_equal(info.synthetic, c->synthetic);
		assert_string_equal(info.birth, c->birth);
	}
}

struct bad_case {
	const char *text;
	bool synthetic_ok;
	const char *says; /* a part of the sentence */
};

static const struct bad_case bad_cases[] = {
	{"", false, "must have 11 digits; this one has 0"},
	{"1309724802", false, "must have 11 digits; this one has 10"},
	{"130972480221", false, "must have 11 digits; this one has 12"},
	{"1309724802A", false, "only digits and spaces"},
	{"130972-48022", false, "only digits and spaces"},
	{"13.09.72 48022", false, "only digits and spaces"},
	/* NAV's: k1 remainder 10 */
	{"02013299987", false, "wrong first control digit"},
	/* NAV's: k2 remainder 10; and k2 remainder 1 */
	{"02013299996", false, "wrong second control digit"},
	{"13097248023", false, "wrong second control digit"},
	/* k1 is fine under the 2032 rule (remainder 1), k2 is not */
	{"13097248032", false, "wrong second control digit"},
	/* control digits right, date wrong: 31 November, 29 February 1900
	 * and 2001, day 32 as a D-number (72), first digit 8 */
	{"31117200100", false, "not a real date"},
	{"29020000064", false, "not a real date"},
	{"29020150260", false, "not a real date"},
	{"72017200004", false, "not a real date"},
	{"81017200046", false, "not a real date"},
	{"01137200097", false, "not a real date"},
	/* individual digits that no year has: 750-899 with 40-99, and
	 * 500-749 with 40-53 */
	{"01014075069", false, "do not fit the birth year"},
	{"31125350189", false, "do not fit the birth year"},
	/* synthetic numbers where they are not allowed */
	{"10915596784", false, "only for test and demo databases"},
	{"41819000032", false, "only for test and demo databases"},
};

static void test_invalid(void **state)
{
	for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
		const struct bad_case *c = &bad_cases[i];
		struct err e = {0};
		char out[12] = "untouched";

		if (nid_check(c->text, c->synthetic_ok, out, NULL, &e) !=
		    ERR_INVAL)
			fail_msg("%s was accepted", c->text);
		assert_int_equal(e.code, ERR_INVAL);
		assert_string_equal(e.field, "nid");
		if (!strstr(e.msg, c->says))
			fail_msg("%s: \"%s\" does not say \"%s\"", c->text,
				 e.msg, c->says);
		assert_string_equal(out, "");
	}
}

/* Each kind of failure has its own sentence, so the user knows what to
 * look at. */
static void test_distinct_sentences(void **state)
{
	static const char *const one_of_each[] = {
		"1", "1309724802A", "02013299987", "02013299996",
		"31117200100", "01014075069", "10915596784",
	};
	char seen[7][512];

	for (size_t i = 0; i < 7; i++) {
		struct err e = {0};
		assert_int_equal(nid_check(one_of_each[i], false, NULL, NULL,
					   &e),
				 ERR_INVAL);
		snprintf(seen[i], sizeof seen[i], "%s", e.msg);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(seen[i], seen[j]);
	}
}

static const int w1[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
static const int w2[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

/* Builds a number from nine digits and a k1 whose remainder
 * (weighted sum + k1) mod 11 is rem; k2 by today's rule.  false if no such
 * number exists. */
static bool build_with_remainder(const char *nine, int rem, char out[12])
{
	int d[11], s1 = 0, s2 = 0;

	for (int i = 0; i < 9; i++) {
		d[i] = nine[i] - '0';
		s1 += d[i] * w1[i];
	}
	d[9] = ((rem - s1) % 11 + 11) % 11;
	if (d[9] == 10)
		return false;
	for (int i = 0; i < 10; i++)
		s2 += d[i] * w2[i];
	d[10] = (11 - s2 % 11) % 11;
	if (d[10] == 10)
		return false;
	for (int i = 0; i < 11; i++)
		out[i] = (char)('0' + d[i]);
	out[11] = '\0';
	return true;
}

/* NAV's 30108299939: the same birth date and individual digits as
 * 30108299920, with k1 remainder 1, valid only under the 2032 rule. */
static void test_rule_2032(void **state)
{
	struct err e = {0};
	int s1 = 0;
	const char *only_new = "30108299939";

	for (int i = 0; i < 9; i++)
		s1 += (only_new[i] - '0') * w1[i];
	/* today's rule would want another k1 */
	assert_int_not_equal((11 - s1 % 11) % 11, only_new[9] - '0');
	assert_int_equal((s1 + only_new[9] - '0') % 11, 1);
	assert_int_equal(nid_check(only_new, false, NULL, NULL, &e), 0);
}

/* Remainders 0 to 3 pass and 4 to 10 fail, for several birth dates. */
static void test_rule_2032_remainders(void **state)
{
	static const char *const nines[] = {"010190123", "150687456",
					    "301082999", "020132999"};
	int built = 0;

	for (size_t i = 0; i < 4; i++) {
		for (int rem = 0; rem <= 10; rem++) {
			char nid[12];
			struct err e = {0};
			if (!build_with_remainder(nines[i], rem, nid))
				continue;
			built++;
			int rc = nid_check(nid, false, NULL, NULL, &e);
			if (rem <= 3 && rc != 0)
				fail_msg("%s (remainder %d): %s", nid, rem,
					 e.msg);
			if (rem > 3 && !strstr(e.msg, "first control digit"))
				fail_msg("%s (remainder %d) passed", nid, rem);
		}
	}
	assert_true(built >= 30);
}

static void test_synthetic_made(void **state)
{
	static const char *const births[] = {
		"1854-01-01", "1899-12-31", "1900-01-01", "1955-06-15",
		"1999-12-31", "2000-02-29", "2024-02-29", "2039-12-31",
	};

	for (size_t i = 0; i < sizeof births / sizeof *births; i++) {
		for (unsigned serial = 0; serial < 300; serial += 7) {
			for (int dnr = 0; dnr <= 1; dnr++) {
				char nid[12], out[12];
				struct nid_info info;
				struct err e = {0};

				assert_int_equal(nid_make_synthetic(births[i],
								    serial,
								    dnr, nid),
						 0);
				if (nid_check(nid, true, out, &info, &e) != 0)
					fail_msg("%s for %s: %s", nid,
						 births[i], e.msg);
				assert_string_equal(out, nid);
				assert_true(info.synthetic);
				assert_int_equal(info.kind,
						 dnr ? NID_DNR : NID_FNR);
				assert_string_equal(info.birth, births[i]);
				assert_int_equal(nid_check(nid, false, NULL,
							   NULL, &e),
						 ERR_INVAL);
			}
		}
	}
}

static void test_synthetic_serials_differ(void **state)
{
	char a[12], b[12];

	assert_int_equal(nid_make_synthetic("1990-01-01", 0, false, a), 0);
	assert_int_equal(nid_make_synthetic("1990-01-01", 100, false, b), 0);
	assert_string_not_equal(a, b);
	assert_memory_equal(a, "018190", 6);
}

static void test_synthetic_refused(void **state)
{
	char out[12] = "x";

	assert_int_equal(nid_make_synthetic("1853-12-31", 0, false, out),
			 ERR_INVAL);
	assert_string_equal(out, "");
	assert_int_equal(nid_make_synthetic("2040-01-01", 0, false, out),
			 ERR_INVAL);
	assert_int_equal(nid_make_synthetic("2023-02-29", 0, false, out),
			 ERR_INVAL);
	assert_int_equal(nid_make_synthetic("01.01.1990", 0, false, out),
			 ERR_INVAL);
	assert_int_equal(nid_make_synthetic(NULL, 0, false, out), ERR_INVAL);
}

static void test_mask(void **state)
{
	char out[12];

	nid_mask("13097248022", out);
	assert_string_equal(out, "130972*****");
	nid_mask("130972 48022", out);
	assert_string_equal(out, "130972*****");
	nid_mask("", out);
	assert_string_equal(out, "");
	nid_mask(NULL, out);
	assert_string_equal(out, "");
	nid_mask("1309", out);
	assert_string_equal(out, "1309*****");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_distinct_sentences),
		cmocka_unit_test(test_rule_2032),
		cmocka_unit_test(test_rule_2032_remainders),
		cmocka_unit_test(test_synthetic_made),
		cmocka_unit_test(test_synthetic_serials_differ),
		cmocka_unit_test(test_synthetic_refused),
		cmocka_unit_test(test_mask),
	};
	return cmocka_run_group_tests_name("nid", tests, NULL, NULL);
}
