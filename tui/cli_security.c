/*
 * The command line of issue 7: `bosak admin setup` (the installation's
 * group, directory and database, as root), `bosak admin purge` (retention)
 * and `bosak glass` (the supervisor's review of cases opened by breaking
 * the glass).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "tui.h"

void cli_usage_security(FILE *fp)
{
	fprintf(fp, "%s",
		_("\n"
		  "The installation and retention (see bosak(1)):\n"
		  "  admin setup LOGIN [\"FULL NAME\"]   as root: the group bosak, the data\n"
		  "                                    directory, the database and its first\n"
		  "                                    administrator\n"
		  "  admin purge --before DATE [--dry-run]\n"
		  "                                    anonymise closed cases and delete old\n"
		  "                                    drafts past the retention\n"
		  "  glass [--all]                     cases opened by breaking the glass\n"
		  "  glass reviewed ID                 mark one as reviewed (supervisors)\n"));
}

/* ------------------------------------------------------------ setup */

/* groupadd --system bosak, without a shell. */
static int group_create(void)
{
	static const char *const tools[] = {"/usr/sbin/groupadd", "/sbin/groupadd"};
	pid_t pid;
	int status;

	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		if (access(tools[i], X_OK) != 0)
			continue;
		pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			execl(tools[i], tools[i], "--system", SETGID_GROUP,
			      (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0)
			return -1;
		return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
	}
	return -1;
}

/* mkdir -p of the parents (0755, as any system directory). */
static int mkdir_parents(const char *dir)
{
	char p[PATH_MAX];
	size_t n = strlen(dir);

	if (n >= sizeof p)
		return -1;
	memcpy(p, dir, n + 1);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}

static int own(const char *path, gid_t gid, mode_t mode)
{
	return chown(path, 0, gid) == 0 && chmod(path, mode) == 0 ? 0 : -1;
}

/* The database's own files (-wal, -shm) in the database's group and mode,
 * where they exist. */
static void own_sidecars(const char *db, gid_t gid)
{
	static const char *const ext[] = {"-wal", "-shm"};
	char p[PATH_MAX + 8];

	for (size_t i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "%s%s", db, ext[i]);
		if (access(p, F_OK) == 0 && own(p, gid, 0660) != 0)
			fprintf(stderr, _("bosak: %s: cannot set its owner and "
					  "mode: %s\n"),
				p, strerror(errno));
	}
}

static void warn_members(const struct group *gr)
{
	if (!gr->gr_mem || !gr->gr_mem[0])
		return;
	fprintf(stderr,
		_("bosak: warning: the group %s has members (%s%s): they can "
		  "open the database directly, past access control and the "
		  "access log. Remove them: gpasswd -d USER %s\n"),
		SETGID_GROUP, gr->gr_mem[0], gr->gr_mem[1] ? ", …" : "",
		SETGID_GROUP);
}

static void check_binary(gid_t gid)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;

	if (n <= 0)
		return;
	exe[n] = '\0';
	if (stat(exe, &st) == 0 && (st.st_mode & S_ISGID) && st.st_gid == gid)
		return;
	printf(_("Note: %s is not installed setgid %s; 'make install' does "
		 "that (or: chgrp %s %s && chmod 2755 %s).\n"),
	       exe, SETGID_GROUP, SETGID_GROUP, exe, exe);
}

int cmd_setup(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct err e = {0};
	struct passwd *pw;
	struct group *gr;
	const char *login, *name, *db_path, *cfg_path;
	char dir[PATH_MAX], *slash;
	int rc, fd;

	if (argc < 3 || argc > 4)
		return cli_usage_error(_("usage: bosak admin setup LOGIN "
					 "[\"FULL NAME\"]"));
	if (getuid() != 0 || geteuid() != 0) {
		fprintf(stderr, "%s\n",
			_("bosak: 'bosak admin setup' is run as root: it creates "
			  "the group bosak, the data directory and the "
			  "database."));
		return EX_NOPERM;
	}
	setgid_drop(); /* root needs no group */
	login = argv[2];
	pw = getpwnam(login);
	if (!pw) {
		fprintf(stderr, _("bosak: there is no Unix user '%s'; the "
				  "administrator logs in as themselves.\n"),
			login);
		return EX_NOUSER;
	}
	if (pw->pw_uid == 0) {
		fprintf(stderr, "%s\n",
			_("bosak: the first administrator is a person's own "
			  "login, not root."));
		return EX_USAGE;
	}
	name = argc == 4 ? argv[3] : login;

	cfg_path = o->config_path ? o->config_path : config_system_path();
	config_defaults(&cfg);
	if ((rc = config_load(&cfg, cfg_path, &e))) {
		fprintf(stderr, "bosak: %s\n", e.msg);
		return cli_exit_code(rc);
	}
	i18n_init(cfg.language, o->localedir);
	db_path = o->db_path ? o->db_path : cfg.db_path;
	if (db_path[0] != '/' || strlen(db_path) >= sizeof dir) {
		fprintf(stderr, _("bosak: the database path '%s' must be "
				  "absolute.\n"),
			db_path);
		return EX_CONFIG;
	}

	/* 1: the group */
	gr = getgrnam(SETGID_GROUP);
	if (!gr) {
		if (group_create() != 0 || !(gr = getgrnam(SETGID_GROUP))) {
			fprintf(stderr, _("bosak: cannot create the group %s "
					  "(groupadd --system %s).\n"),
				SETGID_GROUP, SETGID_GROUP);
			return EX_OSERR;
		}
		printf(_("Created the group %s.\n"), SETGID_GROUP);
	}
	warn_members(gr);
	if (pw->pw_gid == gr->gr_gid)
		fprintf(stderr, _("bosak: warning: %s has %s as primary group "
				  "and can open the database directly.\n"),
			login, SETGID_GROUP);

	/* 2: the directory, 2770 root:bosak */
	snprintf(dir, sizeof dir, "%s", db_path);
	slash = strrchr(dir, '/');
	*(slash == dir ? slash + 1 : slash) = '\0';
	if (mkdir_parents(dir) != 0 ||
	    (mkdir(dir, 02770) != 0 && errno != EEXIST) ||
	    own(dir, gr->gr_gid, 02770) != 0) {
		fprintf(stderr, _("bosak: %s: cannot make the data directory "
				  "(2770 root:%s): %s\n"),
			dir, SETGID_GROUP, strerror(errno));
		return EX_CANTCREAT;
	}

	/* 3: the database, 0660 root:bosak, made before SQLite opens it so
	 * that its -wal and -shm are born with the same owner and mode */
	fd = open(db_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0660);
	if (fd < 0 || fchown(fd, 0, gr->gr_gid) != 0 || fchmod(fd, 0660) != 0) {
		fprintf(stderr, _("bosak: %s: cannot make the database (0660 "
				  "root:%s): %s\n"),
			db_path, SETGID_GROUP, strerror(errno));
		if (fd >= 0)
			close(fd);
		return EX_CANTCREAT;
	}
	close(fd);
	own_sidecars(db_path, gr->gr_gid);
	if (session_open_db(&s, &cfg, db_path, true))
		return cli_fail(&s);

	/* 4: the first administrator (a database with users keeps them) */
	if (admin_bootstrap(&s, login, name) == 0) {
		printf(_("%s is the administrator of the database.\n"), login);
	} else if (s.err.code == ERR_CONFLICT) {
		printf(_("The database has users already; administrators add "
			 "more with 'bosak admin user add'.\n"));
	} else {
		rc = cli_fail(&s);
		session_close(&s);
		return rc;
	}
	session_close(&s);
	own_sidecars(db_path, gr->gr_gid);
	printf(_("Data directory %s: 2770 root:%s. Database %s: 0660 "
		 "root:%s.\n"),
	       dir, SETGID_GROUP, db_path, SETGID_GROUP);
	check_binary(gr->gr_gid);
	return EX_OK;
}

/* ------------------------------------------------------------ purge */

static void purge_line(void *ctx, const struct db_purge_case *c)
{
	char closed[DB_DATE];

	(void)ctx;
	date_show(c->closed_at, closed);
	printf("%-11s  %s  %-8s  ", c->number, closed, c->unit_code);
	printf(_("journal entries %ld, referrals %ld, decisions %ld, household "
		 "members %ld; applicant %s\n"),
	       c->journal, c->referrals, c->decisions, c->members,
	       c->person_goes ? _("anonymised") : _("kept (still in use)"));
}

/* A draft's number, day and kind: never its title (the applicant's name)
 * or what was typed. */
static void purge_draft_line(void *ctx, const struct db_purge_draft *d)
{
	char day[DB_DATE], changed[DB_DATE], label[32];

	(void)ctx;
	snprintf(day, sizeof day, "%.10s", d->updated_at);
	date_show(day, changed);
	snprintf(label, sizeof label, _("draft %lld"), (long long)d->id);
	printf("%-11s  %s  %-8s  %s\n", label, changed, d->kind,
	       _("not registered, last changed that day"));
}

int cmd_purge(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct purge_result res;
	const char *before = cli_take_opt(&argc, argv, "--before");
	bool dry = cli_take_flag(&argc, argv, "--dry-run");
	char cutoff[DB_DATE], draft_cutoff[DB_DATE];
	int rc;

	if (argc != 2 || !before)
		return cli_usage_error(_("usage: bosak admin purge --before DATE "
					 "[--dry-run]"));
	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	rc = purge_run(&s, before, dry, purge_line, purge_draft_line, NULL,
		       &res);
	date_show(res.cutoff, cutoff);
	date_show(res.draft_cutoff, draft_cutoff);
	if (rc)
		rc = cli_fail(&s);
	else if (dry)
		printf(_("Dry run: %ld closed cases, closed before %s, would be "
			 "anonymised (with %ld applicants), and %ld drafts, last "
			 "changed before %s, deleted. Nothing was changed.\n"),
		       res.cases, cutoff, res.persons, res.drafts,
		       draft_cutoff);
	else
		printf(_("%ld closed cases, closed before %s, were anonymised, "
			 "and %ld persons with them; %ld drafts, last changed "
			 "before %s, were deleted (purge run %lld).\n"),
		       res.cases, cutoff, res.persons, res.drafts, draft_cutoff,
		       (long long)res.run_id);
	session_close(&s);
	return rc;
}

/* ------------------------------------------------------------ glass */

int cmd_glass(struct cli_opts *o, int argc, char **argv)
{
	struct config cfg;
	struct session s;
	struct db_glass_line *g = NULL;
	bool all = cli_take_flag(&argc, argv, "--all");
	size_t n = 0, i;
	int rc;

	if (!(argc == 1 || (argc == 3 && strcmp(argv[1], "reviewed") == 0)))
		return cli_usage_error(_("usage: bosak glass [--all] | bosak "
					 "glass reviewed ID"));
	if ((rc = cli_setup(o, &cfg, &s, false, true)))
		return rc;
	if (argc == 3) {
		char *end;
		long long id = strtoll(argv[2], &end, 10);
		if (*end || id <= 0)
			rc = cli_usage_error(_("usage: bosak glass reviewed ID"));
		else if (glass_review(&s, id))
			rc = cli_fail(&s);
		session_close(&s);
		return rc;
	}
	if (glass_list(&s, !all, 1000, &g, &n)) {
		rc = cli_fail(&s);
		session_close(&s);
		return rc;
	}
	if (n == 0)
		printf("%s\n", all ? _("No case has been opened by breaking the "
				       "glass.")
				   : _("Nothing to review."));
	for (i = 0; i < n; i++) {
		char when[DB_TS + 8];
		snprintf(when, sizeof when, "%.10s %.5s", g[i].at, g[i].at + 11);
		printf("%-6lld %s  %s (%s)  %s  %s\n", (long long)g[i].access_id,
		       when, g[i].login, g[i].staff_name, g[i].number,
		       g[i].unit_name);
		printf("       %s %s\n", _("Reason:"), g[i].reason);
		if (g[i].reviewed_at[0])
			printf("       %s %s, %.10s\n", _("Reviewed by"),
			       g[i].reviewed_by, g[i].reviewed_at);
	}
	free(g);
	session_close(&s);
	return EX_OK;
}
