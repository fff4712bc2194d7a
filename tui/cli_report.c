/*
 * `bosak report halfyear --from DATE --to DATE [--unit U] [--format
 * text|csv] [--bom] [--sep C]` and `bosak report deadlines [--unit U]
 * [--format text|csv] [--bom] [--sep C]` (issue 6): supervisors, for the
 * units they supervise.  CSV is ';'-separated UTF-8 for Norwegian Excel,
 * with a byte-order mark when --bom is given.
 */
#include <string.h>

#include "tui.h"

void cli_usage_report(FILE *fp)
{
	fprintf(fp, "%s",
		_("\n"
		  "Reports (supervisors, for the units they supervise):\n"
		  "  report halfyear --from DATE --to DATE [--unit U]\n"
		  "      [--format text|csv] [--bom] [--sep C]\n"
		  "                                    counts for the half-year report\n"
		  "  report deadlines [--unit U] [--format text|csv] [--bom] [--sep C]\n"
		  "                                    every overdue deadline\n"));
}

int cmd_report(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct report_opts r = {0};
	const char *format, *sep;
	int rc;

	r.from = cli_take_opt(&argc, argv, "--from");
	r.to = cli_take_opt(&argc, argv, "--to");
	r.unit = cli_take_opt(&argc, argv, "--unit");
	format = cli_take_opt(&argc, argv, "--format");
	sep = cli_take_opt(&argc, argv, "--sep");
	r.bom = cli_take_flag(&argc, argv, "--bom");
	if (argc != 2 || (strcmp(argv[1], "halfyear") != 0 &&
			  strcmp(argv[1], "deadlines") != 0))
		return cli_usage_error(
			_("usage: bosak report halfyear --from DATE --to DATE "
			  "[--unit U] [--format text|csv] [--bom], or bosak "
			  "report deadlines [--unit U] [--format text|csv] [--bom]"));
	if (format && strcmp(format, "csv") != 0 && strcmp(format, "text") != 0)
		return cli_usage_error(_("--format is text or csv."));
	r.csv = format && strcmp(format, "csv") == 0;
	if (sep) {
		if (strcmp(sep, ";") != 0 && strcmp(sep, ",") != 0)
			return cli_usage_error(_("--sep is ';' or ','."));
		r.sep = sep[0];
	}
	if (strcmp(argv[1], "halfyear") == 0 && (!r.from || !r.to))
		return cli_usage_error(_("report halfyear needs --from and --to."));
	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	if (strcmp(argv[1], "halfyear") == 0 ? report_halfyear(&s, &r, stdout)
					     : report_deadlines(&s, &r, stdout))
		rc = cli_fail(&s);
	session_close(&s);
	return rc;
}
