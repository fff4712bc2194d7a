/* libFuzzer target: any bytes as a national identity number.
 * Needs core/nid.c, core/date.c, core/text.c, core/err.c, core/i18n.c.
 *
 * Besides not crashing: an accepted number is 11 digits, checks again the
 * same, has a real birth date, and a synthetic number made for that birth
 * date is accepted too; a refusal is ERR_INVAL with a sentence. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_accepted(const char *out, const struct nid_info *info)
{
	char again[12], mask[12], made[12];
	struct nid_info info2;
	struct err e = {0};

	if (strlen(out) != 11 || strspn(out, "0123456789") != 11)
		abort();
	if (nid_check(out, true, again, &info2, &e) != 0 ||
	    strcmp(again, out) != 0 || strcmp(info2.birth, info->birth) != 0)
		abort();
	if (date_days(info->birth) == DAY_NONE)
		abort();
	nid_mask(out, mask);
	if (strlen(mask) != 11 || strcmp(mask + 6, "*****") != 0)
		abort();
	if (nid_make_synthetic(info->birth, (unsigned)out[8], false, made) ==
	    0) {
		struct nid_info info3;
		if (nid_check(made, true, NULL, &info3, &e) != 0 ||
		    !info3.synthetic || strcmp(info3.birth, info->birth) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char out[12], mask[12];
	struct nid_info info;
	struct err e = {0};

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (int allow = 0; allow <= 1; allow++) {
		int rc = nid_check(text, allow, out, &info, &e);
		if (rc == 0)
			check_accepted(out, &info);
		else if (rc != ERR_INVAL || !e.msg[0] || out[0] != '\0')
			abort();
	}
	nid_mask(text, mask);
	if (strlen(mask) > 11)
		abort();
	free(text);
	return 0;
}
