/* libFuzzer target: any bytes as an amount.  Needs core/amount.c,
 * core/text.c, core/err.c, core/i18n.c (and date.c, linked by run.sh).
 *
 * Besides not crashing: an accepted amount is 0 to 1 000 000 000 and
 * what amount_show writes for it reads back the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char shown[40];
	int64_t v = -1, back = -1;
	struct err e = {0};

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (amount_parse(text, &v, &e) == 0) {
		if (v < 0 || v > 1000000000)
			abort();
		amount_show(v, shown, sizeof shown);
		if (amount_parse(shown, &back, &e) != 0 || back != v)
			abort();
	} else if (e.code != ERR_INVAL || !e.msg[0]) {
		abort();
	}
	if (size >= 8) {
		int64_t any;
		memcpy(&any, data, sizeof any);
		amount_show(any, shown, sizeof shown);
		amount_show(any, shown, (size_t)data[0] % 8);
	}
	free(text);
	return 0;
}
