/*
 * Dates as day numbers (days since 1970-01-01) so that deadlines are plain
 * integer arithmetic.  The conversions count in years that start on
 * 1 March: the leap day then falls at the very end of a year, and the
 * day of the year follows from the month by one linear formula.  A cycle of
 * 400 Gregorian years is exactly 146097 days, which makes negative day
 * numbers as easy as positive ones.
 */
#include <string.h>
#include <time.h>

#include "core.h"

#define DAYS_PER_ERA 146097 /* 400 years */
#define EPOCH_SHIFT 719468  /* days from 0000-03-01 to 1970-01-01 */

static bool date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int date_month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	return m == 2 && date_leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_month_days(y, m);
}

/* Floor division, which C's '/' is not for negative numbers. */
static int64_t date_floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Day of the March-based year: March 1 is 0, February 29 is 365. */
static int date_march_doy(int m, int d)
{
	int mp = m > 2 ? m - 3 : m + 9;
	return (153 * mp + 2) / 5 + d - 1;
}

static int64_t date_from_civil(int64_t y, int m, int d)
{
	if (m <= 2)
		y--; /* January and February belong to the previous March-year */
	int64_t era = date_floordiv(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + date_march_doy(m, d);
	return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

static void date_to_civil(int64_t day, int64_t *y, int *m, int *d)
{
	int64_t z = day + EPOCH_SHIFT;
	int64_t era = date_floordiv(z, DAYS_PER_ERA);
	int64_t doe = z - era * DAYS_PER_ERA;
	/* Remove the leap days before this day of the era, then divide. */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (int)((5 * doy + 2) / 153);
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int date_num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static void date_put(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

day_t date_days(const char *iso)
{
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return DAY_NONE;
	int y = date_num(iso, 4), m = date_num(iso + 5, 2);
	int d = date_num(iso + 8, 2);
	if (!date_valid(y, m, d))
		return DAY_NONE;
	return (day_t)date_from_civil(y, m, d);
}

static void date_ymd_iso(int y, int m, int d, char out[DB_DATE])
{
	date_put(out, y, 4);
	out[4] = '-';
	date_put(out + 5, m, 2);
	out[7] = '-';
	date_put(out + 8, d, 2);
	out[10] = '\0';
}

void date_iso(day_t day, char out[DB_DATE])
{
	int64_t y;
	int m, d;

	out[0] = '\0';
	if (day == DAY_NONE)
		return;
	date_to_civil(day, &y, &m, &d);
	if (y >= 1 && y <= 9999)
		date_ymd_iso((int)y, m, d, out);
}

void date_show(const char *iso, char out[DB_DATE])
{
	if (!iso || date_days(iso) == DAY_NONE) {
		/* Show what is stored rather than hide it. */
		text_copy(out, DB_DATE, iso ? iso : "");
		return;
	}
	memcpy(out, iso + 8, 2);
	out[2] = '.';
	memcpy(out + 3, iso + 5, 2);
	out[5] = '.';
	memcpy(out + 6, iso, 4);
	out[10] = '\0';
}

day_t date_add_months(day_t day, int months)
{
	int64_t y;
	int m, d;

	if (day == DAY_NONE)
		return DAY_NONE;
	date_to_civil(day, &y, &m, &d);
	int64_t index = y * 12 + (m - 1) + months;
	y = date_floordiv(index, 12);
	m = (int)(index - y * 12) + 1;
	if (y < 1 || y > 9999)
		return DAY_NONE; /* outside what date_iso can write */
	int last = date_month_days((int)y, m);
	return (day_t)date_from_civil(y, m, d > last ? last : d);
}

void date_timestamp(time_t t, char out[DB_TS])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || tm.tm_year < 1 - 1900 ||
	    tm.tm_year > 9999 - 1900 ||
	    strftime(out, DB_TS, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}

/* ------------------------------------------------------------ parsing */

/* Two-digit years: a sliding window rather than a fixed pivot, so that the
 * rule does not expire.  Up to next year's two digits means this century
 * (in 2026: 00-27 -> 2000-2027), the rest the previous one (28-99 ->
 * 1928-1999).  Next year is included so that a received date or deadline
 * typed around New Year still lands right; birth dates of people over
 * 98 must be written with four digits. */
static int date_expand_year(int yy)
{
	time_t now = time(NULL);
	struct tm tm;
	int year = 2026;

	if (gmtime_r(&now, &tm))
		year = tm.tm_year + 1900;
	int century = year - year % 100;
	return yy <= year % 100 + 1 ? century + yy : century - 100 + yy;
}

/* "D.M.YYYY", "DD.MM.YY" and the like: three groups of digits. */
static bool date_parse_dotted(const char *s, int *y, int *m, int *d)
{
	const char *dot1 = strchr(s, '.');
	const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	if (!dot2)
		return false;
	size_t nd = (size_t)(dot1 - s), nm = (size_t)(dot2 - dot1 - 1);
	size_t ny = strlen(dot2 + 1);
	if (nd < 1 || nd > 2 || nm < 1 || nm > 2 || (ny != 2 && ny != 4))
		return false;
	*d = date_num(s, (int)nd);
	*m = date_num(dot1 + 1, (int)nm);
	*y = date_num(dot2 + 1, (int)ny);
	if (*d < 0 || *m < 0 || *y < 0)
		return false;
	if (ny == 2)
		*y = date_expand_year(*y);
	return true;
}

static bool date_parse_fields(const char *s, int *y, int *m, int *d)
{
	size_t n = strlen(s);

	if (n == 10 && s[4] == '-' && s[7] == '-') {
		*y = date_num(s, 4);
		*m = date_num(s + 5, 2);
		*d = date_num(s + 8, 2);
		return *y >= 0 && *m >= 0 && *d >= 0;
	}
	if (n == 8 && date_num(s, 8) >= 0) {
		*d = date_num(s, 2);
		*m = date_num(s + 2, 2);
		*y = date_num(s + 4, 4);
		return true;
	}
	return date_parse_dotted(s, y, m, d);
}

int date_parse(const char *text, char iso[DB_DATE], struct err *e)
{
	char buf[32];
	int y, m, d;

	iso[0] = '\0';
	text = text ? text : "";
	while (*text == ' ' || *text == '\t')
		text++;
	if (strlen(text) >= sizeof buf)
		return err_set_field(e, ERR_INVAL, "date", "%s",
				     _("Write the date as DD.MM.YYYY."));
	memcpy(buf, text, strlen(text) + 1);
	text_trim(buf);
	if (!date_parse_fields(buf, &y, &m, &d))
		return err_set_field(e, ERR_INVAL, "date", "%s",
				     _("Write the date as DD.MM.YYYY."));
	if (!date_valid(y, m, d)) {
		char shown[32];
		snprintf(shown, sizeof shown, "%02d.%02d.%04d", d % 100,
			 m % 100, y % 10000);
		return err_set_field(e, ERR_INVAL, "date",
				     _("%s is not a real date."), shown);
	}
	date_ymd_iso(y, m, d, iso);
	return 0;
}
