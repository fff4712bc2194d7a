/* The data subcommands: demo, import applicants, export cases. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "tui.h"

/* A whole decimal number up to hi, nothing else around it. */
static bool parse_num(const char *t, unsigned long long hi,
		      unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!t || !*t || *t == '-' || *t == '+')
		return false;
	errno = 0;
	v = strtoull(t, &end, 10);
	if (errno || *end || v > hi)
		return false;
	*out = v;
	return true;
}

int cmd_demo(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct demo_opts d = {2000, 1, false};
	const char *persons = cli_take_opt(&argc, argv, "--persons");
	const char *seed = cli_take_opt(&argc, argv, "--seed");
	bool register_me = cli_take_flag(&argc, argv, "--register-me");
	bool quiet = cli_take_flag(&argc, argv, "--quiet");
	const char *login = session_unix_login();
	unsigned long long v;
	bool empty = false;
	int rc;

	quiet |= cli_take_flag(&argc, argv, "-q");
	if (argc != 1)
		return cli_usage_error(_("usage: bosak demo [--persons N] "
					 "[--seed S] [--register-me] [--quiet]"));
	if (persons) {
		if (!parse_num(persons, LONG_MAX, &v))
			return cli_usage_error(_("--persons takes a whole "
						 "number."));
		d.persons = (long)v;
	}
	if (seed) {
		if (!parse_num(seed, ULONG_MAX, &v))
			return cli_usage_error(_("--seed takes a whole number."));
		d.seed = (unsigned long)v;
	}
	d.quiet = quiet;
	if (!*login) {
		fprintf(stderr, "%s\n",
			_("bosak: your Unix user has no name; bosak cannot tell "
			  "who you are."));
		return EX_NOUSER;
	}
	if ((rc = cli_setup(o, &cfg, &s, true, false)))
		return rc;
	/* an empty database makes you its administrator; otherwise you
	 * must be one */
	if (demo_login(&s, login) || demo_is_empty(&s, &empty)) {
		rc = cli_fail(&s);
		session_close(&s);
		return rc;
	}
	if ((empty || !register_me) && demo_fill(&s, &d, stderr)) {
		rc = cli_fail(&s);
		session_close(&s);
		return rc;
	}
	if (register_me) {
		if (demo_register(&s, login)) {
			rc = cli_fail(&s);
			session_close(&s);
			return rc;
		}
		printf(_("%s has every role: desk in SK, caseworker and "
			 "supervisor in NAV, allocation in TILD, admin in "
			 "ADM.\n"),
		       login);
	}
	session_close(&s);
	return EX_OK;
}

int cmd_import(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct import_result res;
	bool skip = cli_take_flag(&argc, argv, "--skip-bad");
	int rc;

	if (argc == 3 && strcmp(argv[1], "dwellings") == 0)
		return cmd_import_dwellings(o, argv[2], skip);
	if (argc != 3 || strcmp(argv[1], "applicants") != 0)
		return cli_usage_error(_("usage: bosak import applicants "
					 "FILE.csv [--skip-bad]"));
	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	/* every bad line goes to stderr as FILE:LINE: reason */
	if (import_applicants(&s, argv[2], skip, stderr, &res)) {
		if (res.file_error) {
			fprintf(stderr, "bosak: %s\n", s.err.msg);
			rc = EX_NOINPUT;
		} else {
			rc = cli_fail(&s);
		}
	} else {
		printf(_("Applicants imported: %ld. Lines skipped: %ld.\n"),
		       res.imported, res.skipped);
	}
	session_close(&s);
	return rc;
}

int cmd_export(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct export_filter f = {0};
	const char *sep;
	int rc;

	f.status = cli_take_opt(&argc, argv, "--status");
	f.unit = cli_take_opt(&argc, argv, "--unit");
	sep = cli_take_opt(&argc, argv, "--sep");
	f.bom = cli_take_flag(&argc, argv, "--bom");
	f.with_nid = cli_take_flag(&argc, argv, "--with-nid");
	if (argc != 2 || strcmp(argv[1], "cases") != 0)
		return cli_usage_error(_("usage: bosak export cases [--status S] "
					 "[--unit U] [--sep ;|,] [--bom] "
					 "[--with-nid]"));
	if (sep) {
		if (strcmp(sep, ";") != 0 && strcmp(sep, ",") != 0)
			return cli_usage_error(_("--sep is ';' or ','."));
		f.sep = sep[0];
	}
	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	if (export_cases(&s, &f, stdout))
		rc = cli_fail(&s);
	session_close(&s);
	return rc;
}
