/* Every fuzz target's seeds and regression cases, run through the target
 * itself in the normal build (and the ASan+UBSan one): an input that once
 * crashed a parser, or broke the contract a target checks, stays fixed.
 *
 * The targets are compiled in here with their entry point renamed; an
 * input that fails aborts the test.  A crash libFuzzer finds (make fuzz
 * writes it to tests/fuzz/crashes/) is copied to tests/fuzz/regress/NAME/
 * with a name that says what it was, and is replayed here from then on. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* the real libraries are linked: the targets leave out their stand-ins */
#define FUZZ_REPLAY
#define LLVMFuzzerTestOneInput fuzz_nid_one
#include "fuzz/fuzz_nid.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_date_one
#include "fuzz/fuzz_date.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_amount_one
#include "fuzz/fuzz_amount.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_ini_one
#include "fuzz/fuzz_ini.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_keyname_one
#include "fuzz/fuzz_keyname.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_field_one
#include "fuzz/fuzz_field.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_import_one
#include "fuzz/fuzz_import.c"
#undef LLVMFuzzerTestOneInput

struct target {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
};

static const struct target targets[] = {
	{"nid", fuzz_nid_one},         {"date", fuzz_date_one},
	{"amount", fuzz_amount_one},   {"csv", fuzz_csv_one},
	{"ini", fuzz_ini_one},         {"keyname", fuzz_keyname_one},
	{"field", fuzz_field_one},     {"import", fuzz_import_one},
};

/* Runs every file of dir through the target; returns how many. */
static int replay(const struct target *t, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char file[600];
		FILE *fp;
		uint8_t *buf;
		long size;

		if (e->d_name[0] == '.')
			continue;
		snprintf(file, sizeof file, "%s/%s", dir, e->d_name);
		fp = fopen(file, "rb");
		assert_non_null(fp);
		fseek(fp, 0, SEEK_END);
		size = ftell(fp);
		rewind(fp);
		buf = malloc((size_t)size + 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
		fclose(fp);
		/* an abort here names the file in the log above it */
		fprintf(stderr, "fuzz replay %s\n", file);
		assert_int_equal(t->one(buf, (size_t)size), 0);
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

static void test_replay(void **state)
{
	const struct target *t = *state;
	char dir[256];
	int n = 0;

	snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", t->name);
	n += replay(t, dir);
	snprintf(dir, sizeof dir, "tests/fuzz/regress/%s", t->name);
	n += replay(t, dir);
	/* every target has seeds: a missing directory is a mistake */
	assert_true(n > 0);
}

int main(void)
{
	struct CMUnitTest tests[sizeof targets / sizeof targets[0]];

	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test(test_replay);
		tests[i].name = targets[i].name;
		tests[i].initial_state = (void *)&targets[i];
	}
	return _cmocka_run_group_tests("fuzz_regress", tests,
				       sizeof targets / sizeof targets[0], NULL,
				       NULL);
}
