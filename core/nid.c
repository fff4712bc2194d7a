/*
 * National identity numbers: fødselsnummer and D-nummer.
 *
 * The control digits.  Today's rule: k = 11 - (weighted sum mod 11), where
 * 11 gives 0 and 10 means the number cannot exist.  Put differently, the
 * weighted sum including the control digit itself (weight 1 for k1) leaves
 * remainder 0 modulo 11.
 *
 * The 2032 rule.  Skatteetaten, "Nye fødselsnummer og d-nummer fra 2032"
 * (skatteetaten.no/deling/opplysninger/folkeregisteropplysninger/pid/):
 * numbers issued from 1 January 2032 use a new control calculation that
 * accepts the values 0, 1, 2 and 3 where today's accepts only 0, and systems
 * must read both in parallel.  The technical description
 * (skatteetaten.github.io/folkeregisteret-api-dokumentasjon/
 * nytt-fodselsnummer-fra-2032/, as reproduced in NAV's and others' public
 * validators) makes this concrete: (sum of the nine digits weighted
 * 3 7 6 1 8 9 4 5 2, plus k1) mod 11 must be 0, 1, 2 or 3; k2 is unchanged:
 * (sum of the ten digits weighted 5 4 3 2 7 6 5 4 3 2, plus k2) mod 11 = 0.
 * Remainder 0 is today's rule, so accepting remainders 0-3 accepts both.
 *
 * The same page says new numbers are gender-neutral (we never read gender
 * anyway) and advises reading the birth date from the register rather than
 * from the number; until the register is connected we derive the century
 * from the individual digits as the 1964 scheme does.
 *
 * Synthetic numbers (Skatteetaten's test population, "Test-Norge") add 80 to
 * the month; they must never be mistaken for real people, so they are only
 * accepted where the configuration allows them (test and demo databases).
 */
#include <string.h>

#include "core.h"

#define NID_LEN 11

static const int k1_weight[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
static const int k2_weight[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

static int nid_sum(const int *digit, const int *weight, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += digit[i] * weight[i];
	return sum;
}

/* Today's control digit for the first n digits, or -1 when it would be 10. */
static int nid_control(const int *digit, const int *weight, int n)
{
	int k = 11 - nid_sum(digit, weight, n) % 11;
	if (k == 11)
		k = 0;
	return k == 10 ? -1 : k;
}

static bool nid_k1_ok(const int *digit)
{
	return (nid_sum(digit, k1_weight, 9) + digit[9]) % 11 <= 3;
}

static bool nid_k2_ok(const int *digit)
{
	return (nid_sum(digit, k2_weight, 10) + digit[10]) % 11 == 0;
}

/* The full birth year from the two-digit year and the individual digits,
 * or -1 when the combination was never issued. */
static int nid_century_year(int yy, int individual)
{
	if (individual <= 499)
		return 1900 + yy;
	if (individual <= 749 && yy >= 54)
		return 1800 + yy;
	if (yy <= 39)
		return 2000 + yy; /* 500-999 */
	if (individual >= 900)
		return 1900 + yy; /* 900-999 with 40-99 */
	return -1;
}

/* Copies the digits of text into out, skipping spaces.  Returns the number
 * of digits seen (which may exceed 11), or -1 on any other character. */
static int nid_digits(const char *text, char out[12])
{
	int n = 0;
	for (const char *p = text; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (*p < '0' || *p > '9')
			return -1;
		if (n < NID_LEN)
			out[n] = *p;
		n++;
	}
	out[n < NID_LEN ? n : NID_LEN] = '\0';
	return n;
}

static int nid_two(const int *digit, int at)
{
	return digit[at] * 10 + digit[at + 1];
}

static void nid_put(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void nid_iso(int year, int month, int day, char out[DB_DATE])
{
	nid_put(out, year, 4);
	out[4] = '-';
	nid_put(out + 5, month, 2);
	out[7] = '-';
	nid_put(out + 8, day, 2);
	out[10] = '\0';
}

static int nid_fail(struct err *e, const char *msg)
{
	return err_set_field(e, ERR_INVAL, "nid", "%s", msg);
}

/* The birth date and kind the digits give, once the control digits are
 * known to be right. */
static int nid_birth(const int *digit, bool allow_synthetic,
		     struct nid_info *info, struct err *e)
{
	int day = nid_two(digit, 0), month = nid_two(digit, 2);
	int yy = nid_two(digit, 4);
	int individual = digit[6] * 100 + digit[7] * 10 + digit[8];
	bool dnr = digit[0] >= 4 && digit[0] <= 7;
	bool synthetic = month > 80;

	if (dnr)
		day -= 40;
	if (synthetic) {
		month -= 80;
		if (!allow_synthetic)
			return nid_fail(e, _("This is a synthetic test number "
					     "(month + 80). Synthetic numbers "
					     "are only for test and demo "
					     "databases."));
	}
	int year = nid_century_year(yy, individual);
	/* A date that does not exist says more than a century mismatch. */
	if (!date_valid(year < 0 ? 2000 + yy : year, month, day))
		return nid_fail(e, _("The first six digits of the national "
				     "identity number are not a real date."));
	if (year < 0)
		return nid_fail(e, _("The individual digits (7 to 9) of the "
				     "national identity number do not fit the "
				     "birth year."));
	info->kind = dnr ? NID_DNR : NID_FNR;
	info->synthetic = synthetic;
	nid_iso(year, month, day, info->birth);
	return 0;
}

int nid_check(const char *text, bool allow_synthetic, char out[12],
	      struct nid_info *info, struct err *e)
{
	char buf[12];
	int digit[NID_LEN];
	struct nid_info found;
	int n = nid_digits(text ? text : "", buf);

	if (out)
		out[0] = '\0';
	if (n < 0)
		return nid_fail(e, _("The national identity number may contain "
				     "only digits and spaces."));
	if (n != NID_LEN)
		return err_set_field(
			e, ERR_INVAL, "nid",
			_("The national identity number must have 11 digits; "
			  "this one has %d."),
			n);
	for (int i = 0; i < NID_LEN; i++)
		digit[i] = buf[i] - '0';
	/* Controls first: a typing error is the likeliest fault. */
	if (!nid_k1_ok(digit))
		return nid_fail(e, _("The national identity number has a wrong "
				     "first control digit. Check for a typing "
				     "error."));
	if (!nid_k2_ok(digit))
		return nid_fail(e, _("The national identity number has a wrong "
				     "second control digit. Check for a typing "
				     "error."));
	int rc = nid_birth(digit, allow_synthetic, &found, e);
	if (rc)
		return rc;
	if (out)
		memcpy(out, buf, 12);
	if (info)
		*info = found;
	return 0;
}

/* The individual digits the birth year may use, as [*lo, *lo + *count). */
static bool nid_individual_range(int year, int *lo, int *count)
{
	if (year >= 1900 && year <= 1999) {
		*lo = 0;
		*count = 500;
	} else if (year >= 2000 && year <= 2039) {
		*lo = 500;
		*count = 500;
	} else if (year >= 1854 && year <= 1899) {
		*lo = 500;
		*count = 250;
	} else {
		return false;
	}
	return true;
}

int nid_make_synthetic(const char *birth_iso, unsigned serial, bool dnr,
		       char out[12])
{
	int year, month, day, lo, count;
	int digit[NID_LEN];

	out[0] = '\0';
	if (!birth_iso || date_days(birth_iso) == DAY_NONE)
		return ERR_INVAL;
	year = (birth_iso[0] - '0') * 1000 + (birth_iso[1] - '0') * 100 +
	       (birth_iso[2] - '0') * 10 + (birth_iso[3] - '0');
	month = (birth_iso[5] - '0') * 10 + (birth_iso[6] - '0');
	day = (birth_iso[8] - '0') * 10 + (birth_iso[9] - '0');
	if (!nid_individual_range(year, &lo, &count))
		return ERR_INVAL;

	char s[12];
	nid_put(s, dnr ? day + 40 : day, 2);
	nid_put(s + 2, month + 80, 2);
	nid_put(s + 4, year % 100, 2);
	/* Today's rule for both digits, so the number is valid before and
	 * after 2032.  About one serial in eleven squared fails; try on. */
	for (int i = 0; i < count; i++) {
		int individual = lo + (int)((serial + (unsigned)i) % (unsigned)count);
		nid_put(s + 6, individual, 3);
		for (int j = 0; j < 9; j++)
			digit[j] = s[j] - '0';
		int k1 = nid_control(digit, k1_weight, 9);
		if (k1 < 0)
			continue;
		digit[9] = k1;
		int k2 = nid_control(digit, k2_weight, 10);
		if (k2 < 0)
			continue;
		s[9] = (char)('0' + k1);
		s[10] = (char)('0' + k2);
		s[11] = '\0';
		memcpy(out, s, 12);
		return 0;
	}
	return ERR_INVAL;
}

void nid_mask(const char *nid, char out[12])
{
	int n = 0;

	for (const char *p = nid ? nid : ""; *p && n < 6; p++)
		if (*p >= '0' && *p <= '9')
			out[n++] = *p;
	if (n == 0) {
		out[0] = '\0';
		return;
	}
	/* Always five stars, whatever the input's length, so that the mask
	 * never tells how much was typed. */
	memset(out + n, '*', 5);
	out[n + 5] = '\0';
}
