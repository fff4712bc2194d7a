/* tui: the program.  Command-line subcommands and the ncurses screens.  It
 * calls core only; it never writes SQL and never calls db/ directly. */
#ifndef BOSAK_TUI_H
#define BOSAK_TUI_H

#include "../core/core.h"

/* Options every subcommand and the interface take. */
struct cli_opts {
	const char *config_path; /* -c FILE, NULL = the system file */
	const char *db_path;     /* --db FILE, NULL = from the configuration */
	const char *localedir;
};

/* Runs a subcommand (argv[0] is its name); returns a sysexits.h code. */
int cli_run(struct cli_opts *o, int argc, char **argv);
void cli_usage(FILE *fp);
/* Loads the configuration and opens the database; prints the reason and
 * returns a sysexits code on failure, 0 on success. */
int cli_setup(struct cli_opts *o, struct config *cfg, struct session *s,
	      bool create, bool login);
int cli_exit_code(int err);
/* Prints s->err to stderr; returns its sysexits code. */
int cli_fail(struct session *s);
int cli_usage_error(const char *what);
/* Takes "--name VALUE" / "--name" out of argv; NULL / false if absent. */
const char *cli_take_opt(int *argc, char **argv, const char *name);
bool cli_take_flag(int *argc, char **argv, const char *name);

/* cli_data.c: demo, import, export */
int cmd_demo(struct cli_opts *o, int argc, char **argv);
int cmd_import(struct cli_opts *o, int argc, char **argv);
int cmd_export(struct cli_opts *o, int argc, char **argv);

/* cli_security.c: admin setup, admin purge, glass (issue 7) */
int cmd_setup(struct cli_opts *o, int argc, char **argv);
int cmd_purge(struct cli_opts *o, int argc, char **argv);
int cmd_glass(struct cli_opts *o, int argc, char **argv);
void cli_usage_security(FILE *fp);

/* cli_dwelling.c: `import dwellings FILE.csv [--skip-bad]` (issue 5) */
int cmd_import_dwellings(struct cli_opts *o, const char *path, bool skip_bad);

/* cli_report.c: `report halfyear`, `report deadlines` (issue 6) */
int cmd_report(struct cli_opts *o, int argc, char **argv);
void cli_usage_report(FILE *fp);

/* The terminal interface; returns a sysexits code. */
int app_main(struct session *s);

#endif
