/*
 * Amounts in whole kroner, as caseworkers write them: "12 500", "12.500",
 * "kr 12 500,-", "12 500 kr".  Income, debt and rent never need øre here,
 * and refusing decimals avoids reading "12.5" as twelve thousand five
 * hundred or as twelve and a half.
 */
#include <ctype.h>
#include <string.h>

#include "core.h"

#define AMOUNT_MAX INT64_C(1000000000)
#define AMOUNT_TEXT_MAX 64

static bool amount_starts(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != word[i])
			return false;
	return true;
}

static bool amount_ends(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	return len >= n && amount_starts(s + len - n, word);
}

/* Removes "kr", "kr.", "kroner" or "NOK" before or after the number. */
static void amount_strip_currency(char *s)
{
	static const char *const words[] = {"kroner", "kr.", "kr", "nok"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i]), len = strlen(s);
		if (amount_starts(s, words[i])) {
			memmove(s, s + n, len - n + 1);
			text_trim(s);
			return;
		}
		if (amount_ends(s, len, words[i])) {
			s[len - n] = '\0';
			text_trim(s);
			return;
		}
	}
}

/* A no-break space (U+00A0) or narrow no-break space (U+202F), which
 * spreadsheets put between thousands; returns its length or 0. */
static size_t amount_nbsp(const char *p)
{
	if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
		return 2;
	if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0xAF)
		return 3;
	return 0;
}

static int amount_bad_format(struct err *e)
{
	return err_set_field(e, ERR_INVAL, "amount", "%s",
			     _("Write the amount in whole kroner, for example "
			       "12 500."));
}

/* Digits, optionally in groups of thousands: then the first group has one
 * to three digits and every later group exactly three ("12 500",
 * "1.250.000"), so that a slip such as "12.5" is not read as 125. */
static int amount_digits(const char *s, int64_t *out, struct err *e)
{
	int64_t v = 0;
	int group = 0;
	bool grouped = false, big = false;

	if (!*s)
		return amount_bad_format(e);
	while (*s) {
		size_t sep = *s == ' ' || *s == '.' ? 1 : amount_nbsp(s);
		if (sep) {
			if (group == 0 || group > 3 || (grouped && group != 3))
				return amount_bad_format(e);
			grouped = true;
			group = 0;
			s += sep;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return amount_bad_format(e);
		v = v * 10 + (*s - '0');
		if (v > AMOUNT_MAX) {
			big = true;
			v = AMOUNT_MAX + 1; /* keeps the product in range */
		}
		group++;
		s++;
	}
	if (grouped && group != 3)
		return amount_bad_format(e);
	if (big)
		return err_set_field(e, ERR_INVAL, "amount", "%s",
				     _("The amount is too large: at most "
				       "1 000 000 000 kroner."));
	*out = v;
	return 0;
}

int amount_parse(const char *text, int64_t *kroner, struct err *e)
{
	char buf[AMOUNT_TEXT_MAX];
	size_t len;

	text = text ? text : "";
	while (*text == ' ' || *text == '\t')
		text++;
	if (strlen(text) >= sizeof buf)
		return amount_bad_format(e);
	memcpy(buf, text, strlen(text) + 1);
	text_trim(buf);
	amount_strip_currency(buf);
	len = strlen(buf);
	/* ",-" and ",00" say "no øre" and are common on forms. */
	if (amount_ends(buf, len, ",-"))
		buf[len - 2] = '\0';
	else if (amount_ends(buf, len, ",00"))
		buf[len - 3] = '\0';
	text_trim(buf);
	if (buf[0] == '-')
		return err_set_field(e, ERR_INVAL, "amount", "%s",
				     _("The amount cannot be negative."));
	if (strchr(buf, ','))
		return err_set_field(e, ERR_INVAL, "amount", "%s",
				     _("Write whole kroner without øre, for "
				       "example 12 500 or 12 500,-."));
	return amount_digits(buf, kroner, e);
}

void amount_show(int64_t kroner, char *out, size_t size)
{
	char digits[24], tmp[40];
	size_t n = 0, len, k = 0;
	/* The magnitude as unsigned, which INT64_MIN also has. */
	uint64_t v = kroner < 0 ? (uint64_t)0 - (uint64_t)kroner
				: (uint64_t)kroner;

	if (!out || size == 0)
		return;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (kroner < 0)
		tmp[k++] = '-';
	for (len = n; len > 0; len--) {
		tmp[k++] = digits[len - 1];
		if (len > 1 && (len - 1) % 3 == 0)
			tmp[k++] = ' ';
	}
	tmp[k] = '\0';
	text_copy(out, size, tmp);
}
