/* The command line: subcommands for administration, import, export and
 * backup.  Exit codes from sysexits.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "tui.h"

int cli_exit_code(int err)
{
	switch (err) {
	case 0: return EX_OK;
	case ERR_INVAL:
	case ERR_NOTFOUND:
	case ERR_CONFLICT: return EX_DATAERR;
	case ERR_DENIED: return EX_NOPERM;
	case ERR_BUSY: return EX_TEMPFAIL;
	case ERR_FULL:
	case ERR_READONLY:
	case ERR_IO: return EX_IOERR;
	case ERR_CONFIG: return EX_CONFIG;
	case ERR_VERSION: return EX_DATAERR;
	case ERR_NOMEM: return EX_OSERR;
	default: return EX_SOFTWARE;
	}
}

/* Every command and option of bosak(1)'s COMMANDS and OPTIONS, in 80
 * columns: an entry starts with two spaces and the command; its further
 * lines are indented more (tests/e2e/help_man.sh reads it so). */
void cli_usage(FILE *fp)
{
	fprintf(fp, "%s",
		_("usage: bosak [-c FILE] [--db FILE] [COMMAND ...]\n"
		  "       bosak --help | --version\n"
		  "\n"
		  "Without a command bosak starts the terminal interface.\n"
		  "\n"
		  "Options (anywhere on the command line):\n"
		  "  -c, --config FILE                 read another configuration file\n"
		  "      --db FILE                     use another database file\n"
		  "  -h, --help                        this text\n"
		  "  -V, --version                     the version\n"
		  "\n"
		  "Administration:\n"
		  "  init                              create the database; you become its\n"
		  "                                    administrator\n"
		  "  admin unit add CODE NAME --kind KIND\n"
		  "                                    add a unit\n"
		  "  admin unit list                   the units: code, kind and name\n"
		  "  admin user add LOGIN \"FULL NAME\"  register a Unix login as a user\n"
		  "  admin user grant LOGIN UNIT ROLE  give a user a role in a unit\n"
		  "  admin user revoke LOGIN UNIT ROLE\n"
		  "                                    take a role from a user\n"
		  "  admin user list                   the users and their roles\n"
		  "                                    (administrators and supervisors)\n"
		  "  backup FILE                       a consistent copy while others work\n"
		  "\n"
		  "  Unit kinds: desk nav property health child refugee mental\n"
		  "              allocation forum external\n"
		  "  Roles: desk caseworker allocation supervisor admin\n"
		  "\n"
		  "Data:\n"
		  "  demo [--persons N] [--seed S] [--register-me] [--quiet]\n"
		  "                                    fill a database with synthetic data\n"
		  "  import applicants FILE.csv [--skip-bad]\n"
		  "                                    the waiting list from a spreadsheet\n"
		  "  import dwellings FILE.csv [--skip-bad]\n"
		  "                                    the dwelling register from a spreadsheet\n"
		  "  export cases [--status S] [--unit U] [--sep C] [--bom] [--with-nid]\n"
		  "                                    the cases you may see, as CSV\n"));
	cli_usage_report(fp);
	cli_usage_security(fp);
	fprintf(fp, "%s", _("\nSee bosak(1) and bosak.ini(5).\n"));
}

/* printf's %-30s pads bytes, and Ødegård has more bytes than columns */
static void put_padded(const char *text, int width)
{
	int w = text_width(text);
	fputs(text, stdout);
	for (; w < width; w++)
		putchar(' ');
	putchar(' ');
}

int cli_fail(struct session *s)
{
	fprintf(stderr, "bosak: %s\n", s->err.msg);
	return cli_exit_code(s->err.code);
}

/* Installed setgid, the database and the configuration are the system's:
 * -c and --db could otherwise point the group's rights anywhere.  An
 * administrator (or root) may name other files, and then the group is
 * left for good first, so that they are read with the user's own rights. */
static int setgid_paths(const struct cli_opts *o)
{
	struct config cfg;
	struct session s;
	struct err e = {0};
	struct stat st;
	bool admin = false;

	if (!setgid_active() || (!o->config_path && !o->db_path))
		return 0;
	if (getuid() != 0) {
		config_defaults(&cfg);
		if (config_load(&cfg, config_system_path(), &e) == 0 &&
		    stat(cfg.db_path, &st) == 0 &&
		    session_open_db(&s, &cfg, cfg.db_path, false) == 0) {
			admin = session_login(&s) == 0 &&
				session_has_role(&s, ROLE_ADMIN);
			session_close(&s);
		}
		if (!admin) {
			fprintf(stderr,
				_("bosak: -c and --db are for administrators: "
				  "bosak is installed setgid %s, and its "
				  "database is the one %s names.\n"),
				SETGID_GROUP, config_system_path());
			return EX_NOPERM;
		}
	}
	if (setgid_drop() != 0) {
		fprintf(stderr, _("bosak: cannot leave the group %s.\n"),
			SETGID_GROUP);
		return EX_OSERR;
	}
	return 0;
}

int cli_setup(struct cli_opts *o, struct config *cfg, struct session *s,
	      bool create, bool login)
{
	struct err e = {0};
	struct stat st;
	const char *path;
	const char *db_path;
	int rc;

	if ((rc = setgid_paths(o)))
		return rc;
	/* installed, the database is made by `bosak admin setup` as root */
	if (setgid_active() && getuid() != 0)
		create = false;
	path = o->config_path ? o->config_path : config_system_path();
	config_defaults(cfg);
	rc = config_load(cfg, path, &e);
	if (rc) {
		fprintf(stderr, "bosak: %s\n", e.msg);
		return cli_exit_code(rc);
	}
	if (o->config_path && !cfg->from_file) {
		/* a file named on the command line must exist */
		fprintf(stderr, _("bosak: %s: no such configuration file\n"),
			o->config_path);
		return EX_NOINPUT;
	}
	i18n_init(cfg->language, o->localedir);
	db_path = o->db_path ? o->db_path : cfg->db_path;
	/* stat, not access(2), which asks with the real group: installed
	 * setgid only the program's group reaches the data directory */
	if (!create && stat(db_path, &st) != 0) {
		fprintf(stderr,
			_("bosak: there is no database at %s. Create one with "
			  "'bosak init' or name another with --db FILE.\n"),
			db_path);
		return EX_NOINPUT;
	}
	if (session_open_db(s, cfg, db_path, create))
		return cli_fail(s);
	if (login && session_login(s)) {
		int code = cli_fail(s);
		session_close(s);
		return code == EX_NOPERM ? EX_NOUSER : code;
	}
	return 0;
}

static int cmd_init(struct cli_opts *o)
{
	struct config cfg;
	struct session s;
	const char *login = session_unix_login();
	int rc;

	if (setgid_active() && getuid() != 0 && !o->db_path && !o->config_path) {
		fprintf(stderr, "%s\n",
			_("bosak: the database of an installation is created by "
			  "'bosak admin setup', run as root."));
		return EX_NOPERM;
	}
	if ((rc = cli_setup(o, &cfg, &s, true, false)))
		return rc;
	if (admin_bootstrap(&s, login, login)) {
		rc = cli_fail(&s);
		session_close(&s);
		return rc;
	}
	printf(_("Created the database %s; %s is its administrator.\n"),
	       o->db_path ? o->db_path : cfg.db_path, login);
	session_close(&s);
	return EX_OK;
}

/* Finds "--name VALUE" in argv, removing both; NULL if absent. */
const char *cli_take_opt(int *argc, char **argv, const char *name)
{
	int i;
	for (i = 0; i < *argc; i++) {
		if (strcmp(argv[i], name) == 0 && i + 1 < *argc) {
			const char *v = argv[i + 1];
			memmove(&argv[i], &argv[i + 2],
				(size_t)(*argc - i - 2) * sizeof *argv);
			*argc -= 2;
			argv[*argc] = NULL;
			return v;
		}
	}
	return NULL;
}

bool cli_take_flag(int *argc, char **argv, const char *name)
{
	int i;
	for (i = 0; i < *argc; i++) {
		if (strcmp(argv[i], name) == 0) {
			memmove(&argv[i], &argv[i + 1],
				(size_t)(*argc - i - 1) * sizeof *argv);
			(*argc)--;
			argv[*argc] = NULL;
			return true;
		}
	}
	return false;
}

int cli_usage_error(const char *what)
{
	fprintf(stderr, _("bosak: %s\nTry 'bosak --help'.\n"), what);
	return EX_USAGE;
}

static int cmd_admin(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	int rc = 0;
	const char *kind;

	if (argc >= 2 && strcmp(argv[1], "setup") == 0)
		return cmd_setup(o, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "purge") == 0)
		return cmd_purge(o, argc, argv);
	if (argc < 3)
		return cli_usage_error(_("admin needs 'unit' or 'user' and an action"));
	kind = cli_take_opt(&argc, argv, "--kind");
	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	if (strcmp(argv[1], "unit") == 0 && strcmp(argv[2], "add") == 0) {
		if (argc != 5 || !kind)
			rc = cli_usage_error(_("usage: bosak admin unit add CODE NAME "
					   "--kind KIND"));
		else if (unit_add(&s, argv[3], argv[4], kind))
			rc = cli_fail(&s);
	} else if (strcmp(argv[1], "unit") == 0 && strcmp(argv[2], "list") == 0) {
		struct unit_rec *u = NULL;
		size_t n = 0, i;
		if (unit_list(&s, &u, &n))
			rc = cli_fail(&s);
		for (i = 0; i < n; i++) {
			put_padded(u[i].code, 16);
			put_padded(u[i].kind, 12);
			printf("%s%s\n", u[i].name,
			       u[i].active ? "" : _(" (inactive)"));
		}
		free(u);
	} else if (strcmp(argv[1], "user") == 0 && strcmp(argv[2], "add") == 0) {
		if (argc != 5)
			rc = cli_usage_error(_("usage: bosak admin user add LOGIN "
					   "\"FULL NAME\""));
		else if (staff_add(&s, argv[3], argv[4]))
			rc = cli_fail(&s);
	} else if (strcmp(argv[1], "user") == 0 &&
		   (strcmp(argv[2], "grant") == 0 ||
		    strcmp(argv[2], "revoke") == 0)) {
		bool grant = argv[2][0] == 'g';
		if (argc != 6)
			rc = cli_usage_error(grant ? _("usage: bosak admin user grant "
						   "LOGIN UNIT ROLE")
					       : _("usage: bosak admin user revoke "
						   "LOGIN UNIT ROLE"));
		else if ((grant ? staff_grant : staff_revoke)(&s, argv[3],
							      argv[4], argv[5]))
			rc = cli_fail(&s);
	} else if (strcmp(argv[1], "user") == 0 && strcmp(argv[2], "list") == 0) {
		struct staff_line *l = NULL;
		size_t n = 0, i;
		if (staff_list(&s, &l, &n))
			rc = cli_fail(&s);
		for (i = 0; i < n; i++) {
			put_padded(l[i].staff.login, 16);
			put_padded(l[i].staff.name, 30);
			printf("%s%s\n", l[i].roles,
			       l[i].staff.active ? "" : _(" (inactive)"));
		}
		free(l);
	} else {
		rc = cli_usage_error(_("unknown admin command"));
	}
	session_close(&s);
	return rc;
}

static int cmd_backup(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	int rc;

	if (argc != 2)
		return cli_usage_error(_("usage: bosak backup FILE"));
	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	if (backup_to(&s, argv[1]))
		rc = cli_fail(&s);
	else
		printf(_("Backup written to %s.\n"), argv[1]);
	session_close(&s);
	return rc;
}

int cli_run(struct cli_opts *o, int argc, char **argv)
{
	if (argc == 0) {
		struct config cfg;
		struct session s;
		int rc = cli_setup(o, &cfg, &s, false, true);
		if (rc)
			return rc;
		rc = app_main(&s);
		session_close(&s);
		return rc;
	}
	if (strcmp(argv[0], "--version") == 0 || strcmp(argv[0], "-V") == 0) {
		printf("bosak %s\n", BOSAK_VERSION);
		return EX_OK;
	}
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
	    strcmp(argv[0], "help") == 0) {
		cli_usage(stdout);
		return EX_OK;
	}
	if (strcmp(argv[0], "init") == 0)
		return argc == 1 ? cmd_init(o)
				 : cli_usage_error(_("usage: bosak init"));
	if (strcmp(argv[0], "admin") == 0)
		return cmd_admin(o, argc, argv);
	if (strcmp(argv[0], "backup") == 0)
		return cmd_backup(o, argc, argv);
	if (strcmp(argv[0], "glass") == 0)
		return cmd_glass(o, argc, argv);
	if (strcmp(argv[0], "demo") == 0)
		return cmd_demo(o, argc, argv);
	if (strcmp(argv[0], "import") == 0)
		return cmd_import(o, argc, argv);
	if (strcmp(argv[0], "export") == 0)
		return cmd_export(o, argc, argv);
	if (strcmp(argv[0], "report") == 0)
		return cmd_report(o, argc, argv);
	return cli_usage_error(_("unknown command"));
}
