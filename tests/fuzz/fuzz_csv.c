/* libFuzzer target: any bytes as a CSV file (through fmemopen).
 * Needs core/csv.c, core/text.c, core/err.c, core/i18n.c.
 *
 * Besides not crashing: records come in increasing line order, fields are
 * valid UTF-8 and within the limit, errors name their line, and a record
 * written back with csv_put reads back the same. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fields csv_put changes on purpose (the formula guard), or that would be
 * read differently as the first record of a file (a leading BOM), or a
 * lone empty field (an empty line, which the reader skips). */
static bool writes_back(const struct csv_reader *r)
{
	if (r->nfields == 1 && r->field[0][0] == '\0')
		return false;
	if (memcmp(r->field[0], "\xEF\xBB\xBF", 3) == 0)
		return false;
	for (size_t i = 0; i < r->nfields; i++)
		if (r->field[i][0] && strchr("=+-@\t\r", r->field[i][0]))
			return false;
	return true;
}

static void check_write_back(const struct csv_reader *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	struct csv_reader r2;
	struct err e = {0};

	if (!fp)
		return;
	for (size_t i = 0; i < r->nfields; i++) {
		if (i)
			putc(r->sep, fp);
		csv_put(fp, r->field[i], r->sep);
	}
	putc('\n', fp);
	fclose(fp);
	fp = fmemopen(text, len, "r");
	if (!fp)
		abort();
	csv_init(&r2, fp);
	r2.sep = r->sep;
	if (csv_next(&r2, &e) != 1 || r2.nfields != r->nfields)
		abort();
	for (size_t i = 0; i < r->nfields; i++)
		if (strcmp(r2.field[i], r->field[i]) != 0)
			abort();
	if (csv_next(&r2, &e) != 0)
		abort();
	csv_release(&r2);
	fclose(fp);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r;
	struct err e = {0};
	unsigned long last = 0;
	FILE *fp;
	int rc;

	if (size == 0)
		return 0; /* fmemopen wants a buffer */
	fp = fmemopen((void *)data, size, "r");
	if (!fp)
		return 0;
	csv_init(&r, fp);
	while ((rc = csv_next(&r, &e)) != 0) {
		if (r.line <= last && last != 0)
			abort();
		last = r.line;
		if (rc < 0) {
			if (rc != ERR_INVAL || strncmp(e.msg, "line ", 5) != 0)
				abort();
			continue;
		}
		if (r.nfields == 0 || r.nfields > CSV_MAX_FIELDS)
			abort();
		for (size_t i = 0; i < r.nfields; i++)
			if (!utf8_valid(r.field[i], strlen(r.field[i])))
				abort();
		if (writes_back(&r))
			check_write_back(&r);
	}
	csv_release(&r);
	fclose(fp);
	return 0;
}
