// Needs core/*.c db/*.c, -lsqlite3 -liniparser -lm (every file: a real
// database; tests/fuzz/run.sh expands the patterns).
/* libFuzzer target: any bytes as an import file, the applicants' waiting
 * list (first byte even) or the dwelling register (odd), into a real,
 * in-memory database.
 *
 * Besides not crashing: a file is imported whole or not at all (with
 * --skip-bad, exactly its good lines), as the counts of cases and
 * dwellings show; the result adds up; every line of the report names the
 * file.  The database is made again every few hundred inputs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct config cfg;
static struct session s;
static bool open_;
static int uses;
static char ipath[64];

static time_t import_clock(void *ctx)
{
	(void)ctx;
	return (time_t)date_days("2026-03-02") * 86400 + 12 * 3600;
}

static void must(int rc)
{
	if (rc) {
		fprintf(stderr, "fuzz_import setup: %s\n", s.err.msg);
		abort();
	}
}

static void db_fresh(void)
{
	if (open_)
		session_close(&s);
	config_defaults(&cfg);
	cfg.allow_synthetic_nid = true;
	must(session_open_db(&s, &cfg, ":memory:", true));
	s.clock = import_clock;
	must(admin_bootstrap(&s, "fuzz", "Fuzz Fuzzer"));
	must(unit_add(&s, "NAV", "NAV Øst", "nav"));
	must(unit_add(&s, "EIE", "Eiendom", "property"));
	must(unit_add(&s, "TILD", "Tildelingsgruppen", "allocation"));
	must(staff_grant(&s, "fuzz", "NAV", "desk"));
	must(staff_grant(&s, "fuzz", "NAV", "caseworker"));
	must(staff_grant(&s, "fuzz", "TILD", "allocation"));
	must(session_login_as(&s, "fuzz"));
	open_ = true;
	uses = 0;
}

static void import_path_remove(void)
{
	if (ipath[0])
		unlink(ipath);
}

static int64_t rows(const char *table)
{
	int64_t n = -1;
	if (db_count(s.db, table, &n))
		abort();
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_result res;
	char *report = NULL;
	size_t rlen = 0;
	FILE *fp, *rep;
	bool dwellings, skip;
	int64_t before, after;
	int rc;

	if (size < 1)
		return 0;
	if (!open_ || ++uses > 300)
		db_fresh();
	if (!ipath[0]) {
		int fd;
		snprintf(ipath, sizeof ipath, "/tmp/bosak-fuzz-import-XXXXXX");
		fd = mkstemp(ipath);
		if (fd < 0)
			abort();
		close(fd);
		atexit(import_path_remove);
	}
	fp = fopen(ipath, "wb");
	if (!fp || (size > 1 && fwrite(data + 1, 1, size - 1, fp) != size - 1) ||
	    fclose(fp) != 0)
		abort();
	dwellings = data[0] & 1;
	skip = data[0] & 2;
	rep = open_memstream(&report, &rlen);
	if (!rep)
		abort();
	before = rows(dwellings ? "dwelling" : "case_file");
	rc = dwellings ? dwelling_import(&s, ipath, skip, rep, &res)
		       : import_applicants(&s, ipath, skip, rep, &res);
	fclose(rep);
	after = rows(dwellings ? "dwelling" : "case_file");
	if (rc == 0) {
		/* applicants already having an open case are skipped, not
		 * imported: imported is what came in */
		if (after - before != res.imported || res.imported < 0 ||
		    res.bad < 0 || (!skip && res.bad))
			abort();
	} else {
		if (after != before)
			abort(); /* nothing half-saved */
		if (s.err.code != rc || !s.err.msg[0])
			abort();
	}
	/* every report line is FILE:LINE: reason */
	for (char *line = report; line && *line;) {
		char *nl = strchr(line, '\n');
		if (strncmp(line, ipath, strlen(ipath)) != 0)
			abort();
		line = nl ? nl + 1 : NULL;
	}
	free(report);
	return 0;
}
