/* `bosak import dwellings FILE.csv [--skip-bad]`: the dwelling register
 * from a spreadsheet (the format is described in core/dwelling.c and
 * bosak(1)). */
#include <stdio.h>
#include <sysexits.h>

#include "tui.h"

int cmd_import_dwellings(struct cli_opts *o, const char *path, bool skip_bad)
{
	struct config cfg;
	struct session s;
	struct import_result res;
	int rc;

	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	/* every bad line goes to stderr as FILE:LINE: reason */
	if (dwelling_import(&s, path, skip_bad, stderr, &res)) {
		if (res.file_error) {
			fprintf(stderr, "bosak: %s\n", s.err.msg);
			rc = EX_NOINPUT;
		} else {
			rc = cli_fail(&s);
		}
	} else {
		printf(_("Dwellings imported: %ld. Lines skipped: %ld.\n"),
		       res.imported, res.skipped);
	}
	session_close(&s);
	return rc;
}
