/* libFuzzer target: any bytes as a typed date, an ISO date and a month
 * count.  Needs core/date.c, core/text.c, core/err.c, core/i18n.c.
 *
 * Besides not crashing: an accepted date is a real ISO date that survives
 * the round trip through day numbers and display; adding months and
 * taking them away again lands in the same month. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_months(day_t day, int months)
{
	char a[DB_DATE], b[DB_DATE];
	day_t there = date_add_months(day, months);

	if (there == DAY_NONE)
		return;
	day_t back = date_add_months(there, -months);
	date_iso(day, a);
	date_iso(back, b);
	/* the day may have been clamped, the month may not change */
	if (back == DAY_NONE || memcmp(a, b, 7) != 0 || back > day)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char iso[DB_DATE], again[DB_DATE], shown[DB_DATE];
	struct err e = {0};

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (date_parse(text, iso, &e) == 0) {
		day_t day = date_days(iso);
		if (day == DAY_NONE)
			abort();
		date_iso(day, again);
		if (strcmp(iso, again) != 0)
			abort();
		date_show(iso, shown);
		if (date_parse(shown, again, &e) != 0 || strcmp(iso, again))
			abort();
		int months = 0;
		if (size >= 2)
			months = (int16_t)(data[0] | data[1] << 8);
		check_months(day, months);
	} else if (e.code != ERR_INVAL || iso[0] != '\0') {
		abort();
	}
	day_t raw = date_days(text);
	if (raw != DAY_NONE) {
		date_iso(raw, again);
		if (strcmp(text, again) != 0)
			abort();
	}
	date_show(text, shown);
	if (strlen(shown) >= DB_DATE)
		abort();
	free(text);
	return 0;
}
